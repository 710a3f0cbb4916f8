//! Money in satang (1/100 baht), never floating point.

use std::fmt;

use crate::i18n::Violation;

/// An amount of money in satang. Salaries and refunds are computed in whole satang.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Satang(i64);

impl Satang {
    pub const fn from_satang(s: i64) -> Self {
        Self(s)
    }
    pub const fn from_baht(b: i64) -> Self {
        Self(b * 100)
    }
    pub fn satang(self) -> i64 {
        self.0
    }

    /// Reads `25000`, `25,000.50`, `฿25,000` or Thai digits; at most two decimals, not negative.
    pub fn parse(input: &str) -> Result<Self, Violation> {
        let bad = || {
            Violation::new(
                "money.format",
                "amount",
                format!("จำนวนเงิน \"{input}\" ไม่ถูกต้อง (เช่น 25,000.50)"),
                format!("amount \"{input}\" is invalid (e.g. 25,000.50)"),
            )
        };
        let s: String = input
            .trim()
            .trim_start_matches('฿')
            .chars()
            .filter(|c| *c != ',' && *c != ' ')
            .map(|c| match c {
                '๐'..='๙' => char::from(b'0' + (c as u32 - '๐' as u32) as u8),
                _ => c,
            })
            .collect();
        let (whole, frac) = s.split_once('.').unwrap_or((&s, ""));
        if whole.is_empty()
            || whole.len() > 12
            || frac.len() > 2
            || !whole.bytes().all(|b| b.is_ascii_digit())
            || !frac.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(bad());
        }
        let w: i64 = whole.parse().map_err(|_| bad())?;
        let f: i64 = if frac.is_empty() {
            0
        } else {
            format!("{frac:0<2}").parse().map_err(|_| bad())?
        };
        Ok(Self(w * 100 + f))
    }
}

impl Satang {
    /// `25000.50`: no grouping, for files and the API.
    pub fn plain(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        format!("{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

impl serde::Serialize for Satang {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.plain())
    }
}

/// A whole number with thousands separators, as Thai official documents write counts:
/// `87000` → `87,000`.
pub fn grouped(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `25,000.50`
impl fmt::Display for Satang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let baht = grouped((abs / 100) as i64);
        write!(f, "{sign}{baht}.{:02}", abs % 100)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn counts_are_grouped() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(87000), "87,000");
        assert_eq!(grouped(-1234567), "-1,234,567");
    }

    #[test]
    fn parse_and_show() {
        assert_eq!(Satang::parse("25,000.50").unwrap().satang(), 2_500_050);
        assert_eq!(Satang::parse("25000").unwrap().satang(), 2_500_000);
        assert_eq!(Satang::parse("0.5").unwrap().satang(), 50);
        assert_eq!(Satang::parse("๑๕,๐๐๐").unwrap().satang(), 1_500_000);
        assert_eq!(Satang::from_satang(123_456_789).to_string(), "1,234,567.89");
        for bad in ["", "-5", "1.234", "abc", "1e5", "."] {
            assert!(Satang::parse(bad).is_err(), "{bad}");
        }
    }

    proptest! {
        #[test]
        fn display_round_trips(s in 0i64..1_000_000_000_000) {
            let m = Satang::from_satang(s);
            prop_assert_eq!(Satang::parse(&m.to_string()).unwrap(), m);
        }
    }
}
