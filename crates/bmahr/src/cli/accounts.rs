//! `bmahr user add|disable|enable|end-sessions|reset-2fa` and `bmahr token create`.

use std::io::Read;

use bmahr_core::law::authority::Authority;
use bmahr_core::role::Role;
use bmahr_server::auth::password::{hash_password, password_problem, random_secret, secret_hash};
use bmahr_store::Store;
use clap::Subcommand;

use super::{open, store_err, today, CliResult, Common};

#[derive(Subcommand)]
pub enum UserCommand {
    /// Add an account; the password is read from standard input
    Add {
        #[arg(long)]
        username: String,
        /// central_admin, agency_hr, appointing_authority, supervisor, employee, auditor
        #[arg(long)]
        role: String,
        /// Unit code whose subtree the account may act on (not for central_admin)
        #[arg(long)]
        scope: Option<String>,
        /// National ID of the person the account belongs to
        #[arg(long)]
        person: Option<String>,
        /// For an appointing authority: the office it signs under (§52–54): agency_head
        /// (default), permanent_secretary, permanent_secretary_consent, governor, governor_royal
        #[arg(long)]
        office: Option<String>,
    },
    /// Disable an account (a leaver): it cannot sign in, and its sessions and API tokens stop
    /// working at once
    Disable {
        #[arg(long)]
        username: String,
    },
    /// Enable a disabled account again
    Enable {
        #[arg(long)]
        username: String,
    },
    /// End every session of an account (a stolen laptop, a leaver)
    EndSessions {
        #[arg(long)]
        username: String,
    },
    /// Turn off an account's two-step sign-in and end its sessions (a lost phone); the
    /// person sets it up again at the next sign-in
    #[command(name = "reset-2fa")]
    Reset2fa {
        #[arg(long)]
        username: String,
    },
}

#[derive(Subcommand)]
pub enum TokenCommand {
    /// Create an API token for a user; it is shown once and stored only as a hash
    Create {
        #[arg(long)]
        user: String,
        #[arg(long, default_value = "")]
        label: String,
    },
}

pub async fn create_user(
    store: &Store,
    c: &Common,
    username: &str,
    role: &str,
    scope: Option<&str>,
    person: Option<&str>,
    password: &str,
) -> Result<i64, String> {
    let role = Role::parse(role).map_err(|v| format!("{} / {}", v.message_th, v.message_en))?;
    if let Some(v) = password_problem(password, username) {
        return Err(format!("{} / {}", v.message_th, v.message_en));
    }
    if username.trim().is_empty() || username.contains(char::is_whitespace) {
        return Err("ชื่อผู้ใช้ต้องไม่ว่างและไม่มีช่องว่าง / username must be non-empty without spaces".into());
    }
    let scope_id = match (role, scope) {
        (Role::CentralAdmin | Role::Auditor | Role::MeritCommission, None) => None,
        (_, None) => {
            return Err("บทบาทนี้ต้องระบุหน่วยงาน --scope / this role needs --scope UNIT".into());
        }
        (_, Some(code)) => Some(
            store
                .unit_by_code(code, today())
                .await
                .map_err(store_err)?
                .id,
        ),
    };
    let person_id = match person {
        None => None,
        Some(nid) => {
            let nid = super::parse_nid(nid)?;
            Some(
                store
                    .person_by_national_id(&nid)
                    .await
                    .map_err(store_err)?
                    .id,
            )
        }
    };
    let hash = hash_password(password)?;
    store
        .create_user(
            username,
            &hash,
            role,
            scope_id,
            person_id,
            &c.meta("สร้างบัญชีผู้ใช้ / account created"),
        )
        .await
        .map_err(store_err)
}

pub async fn user(c: &Common, cmd: UserCommand) -> CliResult {
    let (username, role, scope, person, office) = match cmd {
        UserCommand::Add {
            username,
            role,
            scope,
            person,
            office,
        } => (username, role, scope, person, office),
        UserCommand::Disable { username } => return set_disabled(c, &username, true).await,
        UserCommand::Enable { username } => return set_disabled(c, &username, false).await,
        UserCommand::EndSessions { username } => {
            let (state, operator) = operator(c).await?;
            let n = bmahr_server::usecases::accounts::end_sessions_of(&state, &operator, &username)
                .await
                .map_err(super::api_err)?;
            out!("ยุติการเข้าสู่ระบบของ {username} แล้ว {n} รายการ / ended {n} sessions of {username}");
            return Ok(());
        }
        UserCommand::Reset2fa { username } => {
            let (state, operator) = operator(c).await?;
            bmahr_server::usecases::accounts::reset_two_factor(&state, &operator, &username)
                .await
                .map_err(super::api_err)?;
            out!("ล้างการยืนยันสองขั้นตอนของ {username} แล้ว / two-step sign-in of {username} reset");
            return Ok(());
        }
    };
    let office = office
        .map(|o| {
            Authority::parse(&o)
                .map_err(|v| format!("--office: {} / {}", v.message_th, v.message_en))
        })
        .transpose()?;
    let mut password = String::new();
    std::io::stdin()
        .read_to_string(&mut password)
        .map_err(|e| e.to_string())?;
    let password = password.trim_end_matches(['\n', '\r']);
    let store = open(c).await?;
    let id = create_user(
        &store,
        c,
        &username,
        &role,
        scope.as_deref(),
        person.as_deref(),
        password,
    )
    .await?;
    if let Some(o) = office {
        store
            .set_user_office(id, o, &c.meta("ตั้งตำแหน่งผู้มีอำนาจ / office set"))
            .await
            .map_err(store_err)?;
    }
    out!("สร้างบัญชี {username} แล้ว (id {id}) / account {username} created");
    Ok(())
}

/// Disables or enables an account through the web's use-case, on its current version.
async fn set_disabled(c: &Common, username: &str, disabled: bool) -> CliResult {
    let (state, operator) = operator(c).await?;
    let (user, _) = state
        .store
        .user_by_name(username)
        .await
        .map_err(store_err)?;
    let version = state
        .store
        .account(user.id)
        .await
        .map_err(store_err)?
        .version;
    bmahr_server::usecases::accounts::set_account_disabled(
        &state, &operator, user.id, version, disabled,
    )
    .await
    .map_err(super::api_err)?;
    if disabled {
        out!("ระงับบัญชี {username} แล้ว / account {username} disabled");
    } else {
        out!("เปิดใช้บัญชี {username} อีกครั้งแล้ว / account {username} enabled");
    }
    Ok(())
}

/// The server's state over the database, and the operator at the console (the Office's
/// reach, audited as `cli:<user>`).
async fn operator(
    c: &Common,
) -> Result<(bmahr_server::AppState, bmahr_server::auth::Actor), String> {
    let store = open(c).await?;
    let state = bmahr_server::AppState::new(store);
    Ok((
        state,
        bmahr_server::auth::Actor::operator(&c.meta("").actor),
    ))
}

pub async fn token(c: &Common, cmd: TokenCommand) -> CliResult {
    let TokenCommand::Create { user, label } = cmd;
    let store = open(c).await?;
    let (u, _) = store.user_by_name(&user).await.map_err(store_err)?;
    let token = random_secret("bmahr_")?;
    store
        .create_token(
            u.id,
            &secret_hash(&token),
            &label,
            &c.meta("สร้างโทเคน API / API token created"),
        )
        .await
        .map_err(store_err)?;
    out!("{token}");
    eprintln!("เก็บโทเคนนี้ไว้ จะไม่แสดงอีก / keep this token: it is not shown again");
    Ok(())
}
