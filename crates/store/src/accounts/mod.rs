//! Accounts: users with their role, scope and office ([`users`]), sign-in, sessions and API
//! tokens ([`sessions`]), failed sign-ins counted ([`throttle`]), the TOTP second factor
//! ([`second_factor`]), and whose a token or session is, kept in memory for a few seconds
//! ([`credentials`]).

pub(crate) mod credentials;
mod second_factor;
mod sessions;
mod throttle;
mod users;

pub use credentials::CREDENTIAL_TTL;
pub use sessions::{LiveSession, LoginUser, NewSession, SessionClock, SessionInfo};
pub use throttle::{Reservation, ThrottleKey};
pub use users::UserRow;
