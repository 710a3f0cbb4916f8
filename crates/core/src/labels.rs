//! One macro for the closed sets of the domain, so each value's code and its Thai and
//! English labels are written in exactly one place.

/// Defines an enum whose variants each carry a stable code and Thai/English labels.
/// `parse` accepts the code, the Thai label or the English label (case-insensitive).
#[macro_export]
macro_rules! labelled_enum {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident : $field:literal {
            $( $variant:ident = ($code:literal, $th:literal, $en:literal) ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name { $( $variant ),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[ $( $name::$variant ),+ ];

            pub fn code(self) -> &'static str {
                match self { $( $name::$variant => $code ),+ }
            }
            pub fn th(self) -> &'static str {
                match self { $( $name::$variant => $th ),+ }
            }
            pub fn en(self) -> &'static str {
                match self { $( $name::$variant => $en ),+ }
            }
            pub fn label(self) -> $crate::i18n::Bilingual {
                $crate::i18n::Bilingual::new(self.th(), self.en())
            }
            /// Reads the code, the Thai label or the English label.
            pub fn parse(s: &str) -> ::core::result::Result<Self, $crate::i18n::Violation> {
                let t = s.trim();
                for v in Self::ALL {
                    if v.code() == t || v.th() == t || v.en().eq_ignore_ascii_case(t) {
                        return Ok(*v);
                    }
                }
                let allowed: Vec<&str> = Self::ALL.iter().map(|v| v.code()).collect();
                Err($crate::i18n::Violation::new(
                    concat!($field, ".unknown"),
                    $field,
                    format!("ค่า \"{}\" ไม่อยู่ในรายการที่กำหนด ({})", t, allowed.join(", ")),
                    format!("\"{}\" is not one of the allowed values ({})", t, allowed.join(", ")),
                ))
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.th())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> ::core::result::Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                $name::parse(&s).map_err(serde::de::Error::custom)
            }
        }
    };
}
