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
pub use users::{AccountChange, AccountQuery, AccountRow, NewAccount, UserRow};

impl crate::Store {
    /// Ends a change to an account's credentials: its audit event in the same transaction,
    /// the commit, and every remembered credential forgotten (even if the commit failed, so
    /// nothing stale is served).
    pub(crate) async fn commit_account_change(
        &self,
        mut tx: sqlx::Transaction<'static, sqlx::Any>,
        meta: &crate::WriteMeta,
        action: &str,
        detail: &str,
    ) -> crate::Result<()> {
        crate::audit::record(&mut tx, meta, action, None, None, detail).await?;
        let committed = tx.commit().await;
        self.credentials.forget();
        committed?;
        Ok(())
    }
}
