//! Password hashing (argon2id) and random secrets.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use sha2::{Digest, Sha256};

/// Minimum password length: ASVS 2.1.1 (12 characters; NIST SP 800-63B asks at least 8).
pub const MIN_PASSWORD: usize = 12;
/// Longest password taken (ASVS 2.1.2 allows at least 64; argon2 hashes any length).
pub const MAX_PASSWORD: usize = 128;

/// Passwords every guesser tries first (the most common in public breach lists, and the
/// obvious words of this system), refused whatever their length (ASVS 2.1.7).
const COMMON: &[&str] = &[
    "123456789012",
    "1234567890123",
    "12345678910111213",
    "qwertyuiopasdf",
    "qwertyuiop123",
    "password1234",
    "password12345",
    "passwordpassword",
    "iloveyou1234",
    "abcdefghijkl",
    "111111111111",
    "000000000000",
    "123123123123",
    "1q2w3e4r5t6y",
    "1qaz2wsx3edc",
    "zaq12wsxcde3",
    "asdfghjkl123",
    "administrator",
    "adminadmin123",
    "welcome12345",
    "changeme1234",
    "letmein12345",
    "bangkok12345",
    "bangkok2567",
    "bangkok2568",
    "bangkok2569",
    "krungthep1234",
    "bmahrbmahrbmahr",
    "passw0rd1234",
    "p@ssw0rd1234",
];

/// Why a new password is refused, if it is: too short or long, the account's name, or one
/// of the passwords guessers try first. No composition rules (ASVS 2.1.9).
pub fn password_problem(password: &str, username: &str) -> Option<bmahr_core::Violation> {
    let n = password.chars().count();
    let lower = password.to_lowercase();
    let name = username.trim().to_lowercase();
    let (code, th, en) = if n < MIN_PASSWORD {
        (
            "password.short",
            format!("รหัสผ่านต้องยาวอย่างน้อย {MIN_PASSWORD} ตัวอักษร"),
            format!("the password must be at least {MIN_PASSWORD} characters"),
        )
    } else if n > MAX_PASSWORD {
        (
            "password.long",
            format!("รหัสผ่านต้องยาวไม่เกิน {MAX_PASSWORD} ตัวอักษร"),
            format!("the password must be at most {MAX_PASSWORD} characters"),
        )
    } else if (name.chars().count() >= 3 && lower.contains(&name))
        || COMMON.contains(&lower.as_str())
    {
        (
            "password.common",
            "รหัสผ่านนี้เดาง่าย (เป็นชื่อผู้ใช้หรือรหัสผ่านที่พบบ่อย) กรุณาเลือกวลีอื่น".to_string(),
            "this password is easy to guess (the username or a common password); choose another phrase".to_string(),
        )
    } else {
        return None;
    };
    Some(bmahr_core::Violation::new(code, "password", th, en))
}

/// An argon2id hash in PHC string form.
pub fn hash_password(password: &str) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .map(|h| {
            Argon2::default()
                .verify_password(password.as_bytes(), &h)
                .is_ok()
        })
        .unwrap_or(false)
}

/// 32 random bytes as hex, with a prefix saying what they are.
pub fn random_secret(prefix: &str) -> Result<String, String> {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes).map_err(|e| e.to_string())?;
    Ok(format!("{prefix}{}", hex::encode(bytes)))
}

/// How secrets (tokens, session ids) are stored: random and long, so a fast hash suffices.
pub fn secret_hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weak_passwords_are_refused_and_long_phrases_taken() {
        let code = |p: &str, u: &str| password_problem(p, u).map(|v| v.code.to_string());
        assert_eq!(code("short-one", "x").as_deref(), Some("password.short"));
        assert_eq!(
            code(&"x".repeat(129), "u").as_deref(),
            Some("password.long")
        );
        assert_eq!(
            code("Password1234", "u").as_deref(),
            Some("password.common")
        );
        assert_eq!(
            code("somchai-is-here", "Somchai").as_deref(),
            Some("password.common")
        );
        assert_eq!(
            code("ช้างเผือกกินหญ้าริมคลอง", "somchai"),
            None,
            "Thai phrases count by character"
        );
        assert_eq!(code("correct horse battery", "somchai"), None);
    }

    #[test]
    fn hashes_verify_and_differ() {
        let a = hash_password("correct horse battery").unwrap();
        let b = hash_password("correct horse battery").unwrap();
        assert_ne!(a, b, "salted");
        assert!(a.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery", &a));
        assert!(!verify_password("wrong", &a));
        assert!(!verify_password("x", "not a hash"));
    }
}
