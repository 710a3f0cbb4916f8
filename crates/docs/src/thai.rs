//! Thai typographic conventions of official documents.

/// Arabic digits written as Thai digits (๐–๙), as คำสั่ง and ก.พ.7 print numbers and dates.
pub fn thai_digits(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0'..='9' => char::from_u32('๐' as u32 + (c as u32 - '0' as u32)).unwrap_or(c),
            _ => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_become_thai_and_the_rest_stays() {
        assert_eq!(thai_digits("ที่ 123/2569"), "ที่ ๑๒๓/๒๕๖๙");
        assert_eq!(thai_digits("32,540.50 บาท"), "๓๒,๕๔๐.๕๐ บาท");
        assert_eq!(thai_digits("ABC"), "ABC");
    }
}
