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

        $crate::openapi_enum!($name, $($code),+);

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> ::core::result::Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                $name::parse(&s).map_err(serde::de::Error::custom)
            }
        }
    };
}

/// The OpenAPI schema of a labelled enum: a string, one of its codes.
#[cfg(feature = "openapi")]
#[macro_export]
#[doc(hidden)]
macro_rules! openapi_enum {
    ($name:ident, $($code:literal),+) => {
        impl $crate::utoipa::PartialSchema for $name {
            fn schema() -> $crate::utoipa::openapi::RefOr<$crate::utoipa::openapi::schema::Schema> {
                $crate::utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type($crate::utoipa::openapi::schema::Type::String)
                    .enum_values(Some([$($code),+]))
                    .into()
            }
        }
        impl $crate::utoipa::ToSchema for $name {}
    };
}

/// Without the `openapi` feature, labelled enums carry no schema.
#[cfg(not(feature = "openapi"))]
#[macro_export]
#[doc(hidden)]
macro_rules! openapi_enum {
    ($($t:tt)*) => {};
}

/// The OpenAPI schema of a value written as a string (a date, an ID, an amount).
#[cfg(feature = "openapi")]
macro_rules! openapi_string {
    ($name:ty, $format:literal, $example:literal) => {
        impl utoipa::PartialSchema for $name {
            fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
                utoipa::openapi::schema::ObjectBuilder::new()
                    .schema_type(utoipa::openapi::schema::Type::String)
                    .description(Some($format))
                    .examples([$example])
                    .into()
            }
        }
        impl utoipa::ToSchema for $name {}
    };
}

#[cfg(feature = "openapi")]
openapi_string!(
    crate::ThaiDate,
    "a date: ISO CE `2023-09-30`, or BE `30/09/2566`, `30 ก.ย. 2566`",
    "2026-10-01"
);
#[cfg(feature = "openapi")]
openapi_string!(
    crate::NationalId,
    "a 13-digit national ID (dashes allowed); masked (`x-xxxx-xxxx5-67-1`) in answers to readers who do not administer personnel",
    "1101700203450"
);
#[cfg(feature = "openapi")]
openapi_string!(
    crate::Satang,
    "an amount in baht, `25,340.50` (a number is accepted too)",
    "25,340.00"
);
