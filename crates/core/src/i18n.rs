//! Thai-first bilingual text and rule violations.

use std::fmt;

/// A label or message in Thai (shown first) and English.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bilingual {
    pub th: &'static str,
    pub en: &'static str,
}

impl Bilingual {
    pub const fn new(th: &'static str, en: &'static str) -> Self {
        Self { th, en }
    }
}

/// One broken rule: which rule, under which section, on which field, in both languages.
///
/// Validation collects every `Violation` rather than stopping at the first, so a user can
/// fix a whole form (or a whole import file) in one pass.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Violation {
    /// Stable machine code, e.g. `national_id.check_digit`.
    pub code: &'static str,
    /// Section of the Act or other legal basis, when the rule comes from one.
    pub section: Option<&'static str>,
    /// The input field the rule is about.
    pub field: String,
    pub message_th: String,
    pub message_en: String,
}

impl Violation {
    pub fn new(
        code: &'static str,
        field: impl Into<String>,
        th: impl Into<String>,
        en: impl Into<String>,
    ) -> Self {
        Self {
            code,
            section: None,
            field: field.into(),
            message_th: th.into(),
            message_en: en.into(),
        }
    }

    pub fn with_section(mut self, section: &'static str) -> Self {
        self.section = Some(section);
        self
    }

    /// The same violation reported against another field name (e.g. a column header).
    pub fn on_field(mut self, field: impl Into<String>) -> Self {
        self.field = field.into();
        self
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: {} / {}",
            self.field, self.message_th, self.message_en
        )?;
        if let Some(s) = self.section {
            write!(f, " ({s})")?;
        }
        Ok(())
    }
}

impl std::error::Error for Violation {}

/// Every violation found while checking one thing.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Violations(pub Vec<Violation>);

impl Violations {
    pub fn push(&mut self, v: Violation) {
        self.0.push(v);
    }
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
    pub fn iter(&self) -> impl Iterator<Item = &Violation> {
        self.0.iter()
    }
    /// Records the error of a parse, if any, and returns the parsed value.
    pub fn take<T>(&mut self, r: Result<T, Violation>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.push(e);
                None
            }
        }
    }
    /// `Ok(value)` when nothing was violated.
    pub fn into_result<T>(self, value: T) -> Result<T, Violations> {
        if self.is_empty() {
            Ok(value)
        } else {
            Err(self)
        }
    }
}

impl fmt::Display for Violations {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, v) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{v}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Violations {}

impl From<Violation> for Violations {
    fn from(v: Violation) -> Self {
        Self(vec![v])
    }
}
