//! The Thai national identification number (เลขประจำตัวประชาชน).

use std::fmt;

use crate::i18n::Violation;

/// A valid 13-digit Thai national ID. `Debug` and `Display` mask it (PDPA): only the last
/// four digits show. [`NationalId::reveal`] gives the digits to code that must store or
/// show them in full, and the caller is expected to record that it did.
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NationalId(String);

/// The check digit of the first twelve digits: weights 13 down to 2, then
/// `(11 - sum mod 11) mod 10` (Ministry of Interior scheme).
pub fn check_digit(first12: &[u8; 12]) -> u8 {
    let sum: u32 = first12
        .iter()
        .enumerate()
        .map(|(i, d)| u32::from(*d) * (13 - i as u32))
        .sum();
    ((11 - sum % 11) % 10) as u8
}

impl NationalId {
    /// Accepts 13 digits, with or without the usual dashes or spaces (`1-1017-00203-45-1`)
    /// and in Thai digits.
    pub fn parse(input: &str) -> Result<Self, Violation> {
        let mut digits = Vec::with_capacity(13);
        for c in input.trim().chars() {
            match c {
                '0'..='9' => digits.push(c as u8 - b'0'),
                '๐'..='๙' => digits.push((c as u32 - '๐' as u32) as u8),
                '-' | ' ' => {}
                _ => {
                    return Err(Violation::new(
                        "national_id.digits",
                        "national_id",
                        "เลขประจำตัวประชาชนต้องเป็นตัวเลข 13 หลัก",
                        "national ID must be 13 digits",
                    ))
                }
            }
        }
        let Ok(arr) = <[u8; 13]>::try_from(digits.as_slice()) else {
            return Err(Violation::new(
                "national_id.length",
                "national_id",
                format!("เลขประจำตัวประชาชนต้องมี 13 หลัก (พบ {} หลัก)", digits.len()),
                format!("national ID must have 13 digits (found {})", digits.len()),
            ));
        };
        let mut first12 = [0u8; 12];
        first12.copy_from_slice(&arr[..12]);
        if check_digit(&first12) != arr[12] {
            return Err(Violation::new(
                "national_id.check_digit",
                "national_id",
                "เลขประจำตัวประชาชนไม่ถูกต้อง: หลักตรวจสอบ (หลักที่ 13) ไม่ตรง",
                "national ID is invalid: the check digit (13th digit) does not match",
            ));
        }
        Ok(Self(arr.iter().map(|d| char::from(b'0' + d)).collect()))
    }

    /// A valid ID from twelve digits, completing the check digit (for synthetic data).
    pub fn from_first12(first12: [u8; 12]) -> Self {
        let c = check_digit(&first12);
        Self(
            first12
                .iter()
                .chain(std::iter::once(&c))
                .map(|d| char::from(b'0' + d))
                .collect(),
        )
    }

    /// The full 13 digits. Call only to store the ID or to show it to a role that needs it.
    pub fn reveal(&self) -> &str {
        &self.0
    }

    /// `1-1017-00203-45-1`, the form printed on the card, unmasked.
    pub fn reveal_formatted(&self) -> String {
        let s = &self.0;
        format!(
            "{}-{}-{}-{}-{}",
            &s[0..1],
            &s[1..5],
            &s[5..10],
            &s[10..12],
            &s[12..13]
        )
    }

    /// `x-xxxx-xxxx5-67-1`: enough to tell two records apart, not enough to misuse.
    pub fn masked(&self) -> String {
        let s = &self.0;
        format!("x-xxxx-xxxx{}-{}-{}", &s[9..10], &s[10..12], &s[12..13])
    }
}

impl fmt::Display for NationalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl fmt::Debug for NationalId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "NationalId({})", self.masked())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn valid_ids() {
        // 1-1017-00203-45-?: sum = 1*13+1*12+0*11+1*10+7*9+0*8+0*7+2*6+0*5+3*4+4*3+5*2 = 144
        // 144 mod 11 = 1 -> (11-1) mod 10 = 0
        let id = NationalId::parse("1-1017-00203-45-0").unwrap();
        assert_eq!(id.reveal(), "1101700203450");
        assert_eq!(id.reveal_formatted(), "1-1017-00203-45-0");
        // sum mod 11 == 0 -> check (11-0) mod 10 = 1; sum mod 11 == 1 -> 0 (the two wrap cases)
        assert_eq!(check_digit(&[0; 12]), 1);
        assert!(NationalId::parse("๑๑๐๑๗๐๐๒๐๓๔๕๐").is_ok());
        assert!(NationalId::parse(" 1101700203450 ").is_ok());
    }

    #[test]
    fn refused_ids() {
        let cases = [
            ("1101700203451", "national_id.check_digit"),
            ("110170020345", "national_id.length"),
            ("11017002034500", "national_id.length"),
            ("11017OO203450", "national_id.digits"),
            ("", "national_id.length"),
        ];
        for (s, code) in cases {
            assert_eq!(NationalId::parse(s).unwrap_err().code, code, "{s}");
        }
    }

    #[test]
    fn debug_and_display_mask_the_digits() {
        let id = NationalId::parse("1101700203450").unwrap();
        assert_eq!(id.to_string(), "x-xxxx-xxxx3-45-0");
        assert!(!format!("{id:?}").contains("11017"));
    }

    proptest! {
        #[test]
        fn any_twelve_digits_complete_to_a_valid_id(first in proptest::array::uniform12(0u8..10)) {
            let id = NationalId::from_first12(first);
            prop_assert_eq!(NationalId::parse(id.reveal()).unwrap(), id.clone());
        }

        #[test]
        fn changing_the_check_digit_is_always_caught(first in proptest::array::uniform12(0u8..10), delta in 1u8..10) {
            // (A change to one of the first twelve digits can slip through when it moves the
            // sum from residue 0 to 10: both give check digit 1. That is the scheme, not a bug.)
            let pos = 12;
            let id = NationalId::from_first12(first);
            let mut digits: Vec<u8> = id.reveal().bytes().map(|b| b - b'0').collect();
            digits[pos] = (digits[pos] + delta) % 10;
            let s: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
            prop_assert!(NationalId::parse(&s).is_err());
        }
    }
}
