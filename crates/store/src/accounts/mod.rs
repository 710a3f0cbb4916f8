//! Accounts: users with their role, scope and office ([`users`]), sign-in, sessions and API
//! tokens ([`sessions`]), and whose a token or session is, kept in memory for a few seconds
//! ([`credentials`]).

pub(crate) mod credentials;
mod sessions;
mod users;

pub use credentials::CREDENTIAL_TTL;
pub use sessions::LoginUser;
pub use users::UserRow;
