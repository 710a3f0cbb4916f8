//! Who a sign-in attempt is charged to, and for how long a key pauses (issue 21; ASVS 2.2.1).
//!
//! Three counts, each reserved before the password is checked (see
//! `bmahr_store::accounts::throttle`):
//! - an account from one source address: 5 free failures, then pauses of 1, 2, 4 … 60 min;
//! - a source address, whatever the accounts (password spraying): 200 an hour;
//! - an account from everywhere (guessing spread over many addresses): 100 an hour.
//!
//! A browser that signed in to the account before (a device cookie) is counted on its own
//! instead (5 free, then pauses), so no guesser — elsewhere, or behind the same office
//! address — can lock a person out of their own account from their own browser.
//!
//! Keys are made from the name as typed, so an unknown account answers exactly as a known one
//! does (no enumeration by 401-versus-429).

use std::net::{IpAddr, SocketAddr};

use axum::extract::ConnectInfo;
use axum::http::{Extensions, HeaderMap};
use bmahr_store::ThrottleKey;
use chrono::{DateTime, Duration, Utc};

use crate::Settings;

pub const FREE_PER_ACCOUNT_AND_SOURCE: i64 = 5;
pub const FREE_PER_SOURCE: i64 = 200;
pub const FREE_PER_ACCOUNT: i64 = 100;
/// Counts start again after this long without a pause.
pub const WINDOW: Duration = Duration::hours(1);
/// How long a browser that signed in is known to the account.
pub const DEVICE_DAYS: i64 = 180;

/// The address a request came from: the peer, or behind a trusted reverse proxy the last hop
/// of `X-Forwarded-For` (the one the proxy itself added; earlier hops are the client's word).
/// Counted as an address block ([`address_block`]).
pub fn source(headers: &HeaderMap, extensions: &Extensions, settings: &Settings) -> String {
    if settings.trust_proxy {
        let forwarded = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .rfind(|s| !s.is_empty());
        if let Some(addr) = forwarded {
            return address_block(addr);
        }
    }
    extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|ConnectInfo(a)| block_of(a.ip()))
        .unwrap_or_else(|| "unknown".into())
}

/// What one party controls, as text: an IPv4 address, or an IPv6 /64 (one host usually has
/// a whole /64, so counting single IPv6 addresses would give it endless fresh ones). Anything
/// that is not an address (`[::1]:443` and `1.2.3.4:80` are read as their address) counts as
/// one key, `invalid`.
pub fn address_block(text: &str) -> String {
    let t = text.trim();
    let parsed = t
        .parse::<IpAddr>()
        .ok()
        .or_else(|| t.parse::<SocketAddr>().ok().map(|s| s.ip()))
        .or_else(|| t.trim_start_matches('[').trim_end_matches(']').parse().ok());
    match parsed {
        Some(ip) => block_of(ip),
        None => "invalid".into(),
    }
}

fn block_of(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

/// The counts an attempt on `username` from `source` is charged to. A browser that signed
/// in to this account before (`device`: the hash of its cookie) is counted on its own, so
/// neither a guesser elsewhere nor one behind the same office address can hold it back.
pub fn keys(username: &str, source: &str, device: Option<&str>) -> Vec<ThrottleKey> {
    let name = key_name(username);
    if let Some(d) = device {
        return vec![ThrottleKey {
            key: format!("dev:{}|{name}", &d[..d.len().min(32)]),
            free: FREE_PER_ACCOUNT_AND_SOURCE,
        }];
    }
    vec![
        ThrottleKey {
            key: format!("pair:{source}|{name}"),
            free: FREE_PER_ACCOUNT_AND_SOURCE,
        },
        ThrottleKey {
            key: format!("src:{source}"),
            free: FREE_PER_SOURCE,
        },
        ThrottleKey {
            key: account_key(username),
            free: FREE_PER_ACCOUNT,
        },
    ]
}

/// The account-wide count, cleared when the account signs in.
pub fn account_key(username: &str) -> String {
    format!("acct:{}", key_name(username))
}

/// The name as counted: case folded, and no longer than any real account's (a megabyte of
/// name is one more guess, not a megabyte stored).
fn key_name(username: &str) -> String {
    username.to_lowercase().chars().take(100).collect()
}

/// The pause after the `failures`-th failure of a key with `free` failures: none before
/// `free`, then 1, 2, 4 … minutes, at most an hour.
pub fn pause_minutes(failures: i64, free: i64) -> Option<i64> {
    (failures >= free).then(|| (1i64 << (failures - free).min(6)).min(60))
}

/// [`pause_minutes`] as the instant a key pauses until, counted from `now`.
pub fn pause_until(now: DateTime<Utc>) -> impl Fn(i64, i64) -> Option<String> {
    move |failures, free| pause_minutes(failures, free).map(|m| rfc3339(now + Duration::minutes(m)))
}

pub fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_stops_at_an_hour() {
        assert_eq!(pause_minutes(4, 5), None);
        assert_eq!(pause_minutes(5, 5), Some(1));
        assert_eq!(pause_minutes(6, 5), Some(2));
        assert_eq!(pause_minutes(8, 5), Some(8));
        assert_eq!(pause_minutes(30, 5), Some(60));
    }

    #[test]
    fn the_proxys_hop_is_the_source_only_behind_a_trusted_proxy() {
        let mut h = HeaderMap::new();
        h.insert(
            "x-forwarded-for",
            "6.6.6.6, 10.1.2.3"
                .parse()
                .unwrap_or_else(|_| unreachable!()),
        );
        let mut ext = Extensions::new();
        ext.insert(ConnectInfo(SocketAddr::from(([127, 0, 0, 1], 9))));
        let mut s = Settings::default();
        assert_eq!(
            source(&h, &ext, &s),
            "127.0.0.1",
            "a client's header is not believed"
        );
        s.trust_proxy = true;
        assert_eq!(source(&h, &ext, &s), "10.1.2.3", "the hop the proxy added");
    }

    #[test]
    fn addresses_are_counted_by_what_one_party_controls() {
        assert_eq!(address_block("2001:db8::1"), "2001:db8:0:0::/64");
        assert_eq!(address_block("2001:db8:0:0::3"), "2001:db8:0:0::/64");
        assert_eq!(address_block("[2001:db8::4]:443"), "2001:db8:0:0::/64");
        assert_eq!(address_block("1.2.3.4:80"), "1.2.3.4");
        assert_eq!(address_block("::ffff:10.0.0.1"), "10.0.0.1");
        assert_eq!(address_block("garbage-123"), "invalid");
        assert_eq!(address_block("garbage-456"), "invalid");
    }

    #[test]
    fn a_known_browser_is_counted_on_its_own() {
        assert_eq!(keys("Admin", "1.2.3.4", None).len(), 3);
        let known = keys("Admin", "1.2.3.4", Some("abcdef"));
        assert_eq!(known.len(), 1);
        assert_eq!(known[0].key, "dev:abcdef|admin");
        assert_eq!(account_key("Admin"), "acct:admin");
    }
}
