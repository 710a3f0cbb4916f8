//! The TOTP second factor (RFC 6238: HMAC-SHA1, six digits, 30-second steps, as every
//! authenticator app reads it) and one-time recovery codes.

use totp_rs::{Algorithm, Secret, TOTP};

use super::password::secret_hash;

/// Steps either side of now accepted, for clocks a little apart (RFC 6238 §5.2).
const SKEW_STEPS: i64 = 1;
const STEP_SECONDS: i64 = 30;
/// Recovery codes given when a second factor is turned on.
pub const RECOVERY_CODES: usize = 10;

/// A new random secret (160 bits, RFC 4226 §4's recommendation), base32 as apps take it.
pub fn new_secret() -> Result<String, String> {
    let mut bytes = [0u8; 20];
    getrandom::getrandom(&mut bytes).map_err(|e| e.to_string())?;
    match Secret::Raw(bytes.to_vec()).to_encoded() {
        Secret::Encoded(s) => Ok(s),
        Secret::Raw(_) => Err("base32 encoding failed".into()),
    }
}

/// The `otpauth://` address an authenticator app reads (typed in or from a QR code).
pub fn otpauth_uri(secret: &str, username: &str) -> String {
    let account: String = username
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    format!(
        "otpauth://totp/BMAHR:{account}?secret={secret}&issuer=BMAHR&algorithm=SHA1&digits=6&period={STEP_SECONDS}"
    )
}

fn totp(secret: &str) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret.to_string()).to_bytes().ok()?;
    TOTP::new(Algorithm::SHA1, 6, 0, STEP_SECONDS as u64, bytes).ok()
}

/// The code of `secret` at Unix time `unix` (for tests and the CLI's check).
pub fn code_at(secret: &str, unix: i64) -> Option<String> {
    totp(secret).map(|t| t.generate(unix.max(0) as u64))
}

/// The time step a code belongs to, if it is the code of a step within the skew of `unix`;
/// the caller then takes the step as used (a step is never accepted twice).
pub fn matching_step(secret: &str, code: &str, unix: i64) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let t = totp(secret)?;
    let now = unix.max(0) / STEP_SECONDS;
    (now - SKEW_STEPS..=now + SKEW_STEPS).find(|step| {
        let expected = t.generate((step.max(&0) * STEP_SECONDS) as u64);
        constant_eq(expected.as_bytes(), code.as_bytes())
    })
}

fn constant_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Fresh recovery codes as shown once (`xxxxx-xxxxx`, 50 bits each), with the hashes kept.
pub fn new_recovery_codes() -> Result<(Vec<String>, Vec<String>), String> {
    let mut shown = Vec::with_capacity(RECOVERY_CODES);
    for _ in 0..RECOVERY_CODES {
        let mut bytes = [0u8; 10];
        getrandom::getrandom(&mut bytes).map_err(|e| e.to_string())?;
        // Letters and digits that cannot be misread for one another.
        const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";
        let s: String = bytes
            .iter()
            .map(|b| ALPHABET[*b as usize % ALPHABET.len()] as char)
            .collect();
        shown.push(format!("{}-{}", &s[..5], &s[5..]));
    }
    let hashes = shown.iter().map(|c| recovery_hash(c)).collect();
    Ok((shown, hashes))
}

/// How a recovery code is kept and looked up: case and separators do not matter.
pub fn recovery_hash(code: &str) -> String {
    let plain: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    secret_hash(&plain)
}

/// Whether what was typed looks like a recovery code rather than a six-digit code.
pub fn is_recovery_code(typed: &str) -> bool {
    typed.chars().filter(|c| c.is_ascii_alphanumeric()).count() == 10
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    /// RFC 6238 Appendix B, SHA1, the secret "12345678901234567890", eight digits; the six
    /// low digits are what a six-digit generator shows.
    #[test]
    fn rfc_6238_test_vectors() {
        let secret = match Secret::Raw(b"12345678901234567890".to_vec()).to_encoded() {
            Secret::Encoded(s) => s,
            Secret::Raw(_) => unreachable!(),
        };
        for (t, eight) in [
            (59, "94287082"),
            (1111111109, "07081804"),
            (1111111111, "14050471"),
            (1234567890, "89005924"),
            (2000000000, "69279037"),
        ] {
            assert_eq!(code_at(&secret, t).unwrap(), eight[2..], "T = {t}");
        }
    }

    #[test]
    fn a_code_matches_its_step_and_the_neighbours_only() {
        let s = new_secret().unwrap();
        let now = 1_800_000_000;
        let code = code_at(&s, now).unwrap();
        assert_eq!(matching_step(&s, &code, now), Some(now / 30));
        assert_eq!(matching_step(&s, &code, now + 30), Some(now / 30));
        assert_eq!(matching_step(&s, &code, now + 90), None);
        assert_eq!(matching_step(&s, "12345", now), None);
        assert_eq!(matching_step(&s, "abcdef", now), None);
        assert!(otpauth_uri(&s, "สมชาย a").contains("secret="));
        assert!(!otpauth_uri(&s, "สมชาย a").contains(' '));
    }

    #[test]
    fn recovery_codes_are_distinct_and_read_loosely() {
        let (shown, hashes) = new_recovery_codes().unwrap();
        assert_eq!(shown.len(), RECOVERY_CODES);
        let unique: std::collections::HashSet<_> = hashes.iter().collect();
        assert_eq!(unique.len(), RECOVERY_CODES);
        assert!(is_recovery_code(&shown[0]));
        assert_eq!(
            recovery_hash(&shown[0].to_uppercase().replace('-', " ")),
            hashes[0]
        );
    }
}
