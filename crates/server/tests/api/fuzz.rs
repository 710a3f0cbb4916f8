//! Issue 21: no body or query makes the API fail. Arbitrary bytes, arbitrary JSON and
//! near-valid documents with one field replaced by anything go to every endpoint that reads
//! a body, and arbitrary text to the query parameters that are dates, years, booleans and
//! pages, on the test server: every answer is below 500, and every 4xx is the API's JSON
//! error (`code`, `field`, `message_th`, `message_en`).
//!
//! Cases per property: `PROPTEST_CASES` (64 by default for the HTTP properties, 256 for the
//! parameter parsers; see SECURITY.md for a longer run).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};

use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use serde_json::{json, Value};

use crate::fixture::{token_of, App, NID};

crate::on_every_backend!(any_body_or_query_gets_a_json_4xx_never_a_5xx);

/// Cases per property: `PROPTEST_CASES` when set, else `default`.
fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn runner(default: u32) -> TestRunner {
    TestRunner::new(Config {
        cases: cases(default),
        failure_persistence: None,
        ..Config::default()
    })
}

/// One raw HTTP/1.1 exchange: any bytes as the body. Returns (status, content type, body).
fn send(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, String)],
    body: &[u8],
) -> (u16, String, String) {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(std::time::Duration::from_secs(60)))
        .expect("timeout");
    let mut req =
        format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n").into_bytes();
    for (k, v) in headers {
        req.extend_from_slice(format!("{k}: {v}\r\n").as_bytes());
    }
    req.extend_from_slice(format!("Content-Length: {}\r\n\r\n", body.len()).as_bytes());
    req.extend_from_slice(body);
    s.write_all(&req).expect("send");
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read");
    let Some(head_end) = raw.windows(4).position(|w| w == b"\r\n\r\n") else {
        panic!("no answer head: {:?}", String::from_utf8_lossy(&raw));
    };
    let head = String::from_utf8_lossy(&raw[..head_end]).to_string();
    let mut lines = head.lines();
    let status: u16 = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .expect("status");
    let mut content_type = String::new();
    let mut chunked = false;
    for (k, v) in lines.filter_map(|l| l.split_once(':')) {
        if k.eq_ignore_ascii_case("content-type") {
            content_type = v.trim().to_string();
        }
        if k.eq_ignore_ascii_case("transfer-encoding") && v.contains("chunked") {
            chunked = true;
        }
    }
    let mut body = raw[head_end + 4..].to_vec();
    if chunked {
        let mut out = Vec::new();
        let mut rest = body.as_slice();
        while let Some(i) = rest.windows(2).position(|w| w == b"\r\n") {
            let size =
                usize::from_str_radix(String::from_utf8_lossy(&rest[..i]).trim(), 16).unwrap_or(0);
            if size == 0 {
                break;
            }
            let start = i + 2;
            out.extend_from_slice(&rest[start..(start + size).min(rest.len())]);
            rest = rest.get(start + size + 2..).unwrap_or(&[]);
        }
        body = out;
    }
    (
        status,
        content_type,
        String::from_utf8_lossy(&body).into_owned(),
    )
}

/// The rule of every answer: never a 5xx; a 4xx is the API's JSON error.
fn answer_is_sound(
    what: &str,
    (status, content_type, body): &(u16, String, String),
) -> Result<(), TestCaseError> {
    prop_assert!(*status < 500, "{what}: {status} {body}");
    if (400..500).contains(status) {
        prop_assert!(
            content_type.starts_with("application/json"),
            "{what}: {status} {content_type} {body}"
        );
        let v: Value = serde_json::from_str(body)
            .map_err(|e| TestCaseError::fail(format!("{what}: {status} not JSON ({e}): {body}")))?;
        for key in ["code", "message_th", "message_en"] {
            prop_assert!(
                v[key].as_str().is_some_and(|s| !s.is_empty()),
                "{what}: {status} without {key}: {body}"
            );
        }
        prop_assert!(v.get("field").is_some(), "{what}: {status} {body}");
    }
    Ok(())
}

/// Endpoints that read a body: (method, path, the user whose token is sent).
const BODIES: &[(&str, &str, Option<&str>)] = &[
    ("POST", "/api/v1/login", None),
    ("POST", "/api/v1/orders/check", Some("admin")),
    ("POST", "/api/v1/orders", Some("auth01")),
    ("POST", "/api/v1/drafts", Some("hr01")),
    ("PUT", "/api/v1/drafts/1", Some("hr01")),
    ("POST", "/api/v1/cases", Some("disc01")),
    ("POST", "/api/v1/cases/1/events", Some("disc01")),
    ("POST", "/api/v1/holidays", Some("admin")),
    ("POST", "/api/v1/retirements/draft", Some("admin")),
    ("POST", "/api/v1/kpk-named", Some("kpk")),
    ("POST", "/api/v1/password", Some("hr02")),
    ("POST", "/api/v1/people", Some("admin")),
    ("POST", "/api/v1/orders/check", None),
    ("POST", "/api/v1/accounts", Some("admin")),
    ("PATCH", "/api/v1/accounts/3", Some("admin")),
    ("POST", "/api/v1/accounts/3/disable", Some("admin")),
];

/// Names the API's documents use, so that random objects reach past the first field.
const KEYS: &[&str] = &[
    "number",
    "issuer_unit",
    "signed_on",
    "signed_by",
    "authority",
    "effective_date",
    "reason",
    "actions",
    "kind",
    "person",
    "position_no",
    "salary",
    "eligibility",
    "corrects",
    "order_number",
    "username",
    "password",
    "new_password",
    "date",
    "name_th",
    "name_en",
    "fy",
    "unit",
    "respondent",
    "version",
    "draft",
    "detail",
    "penalty",
    "id",
];

/// Any JSON value, objects keyed mostly by the API's own field names.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        any::<String>().prop_map(Value::from),
        "[0-9/.-]{0,12}".prop_map(Value::from),
        Just(Value::from("9".repeat(40))),
        Just(Value::from(NID[0])),
        Just(Value::from("2026-01-05")),
        Just(Value::from("31/12/99999")),
    ];
    leaf.prop_recursive(4, 48, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
            proptest::collection::vec(
                (
                    prop_oneof![
                        3 => proptest::sample::select(KEYS).prop_map(String::from),
                        1 => any::<String>(),
                    ],
                    inner
                ),
                0..8
            )
            .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// A document the endpoints accept, with one field (at the top or in the first action)
/// replaced by anything or taken out.
fn near_valid() -> impl Strategy<Value = Value> {
    let order = json!({
        "number": "9/2569", "issuer_unit": "D01", "signed_on": "2026-01-05", "signed_by": "x",
        "authority": "ผู้อำนวยการเขต", "effective_date": "2026-01-05", "reason": "ทดสอบ",
        "actions": [{"kind": "raise", "person": NID[0], "salary": "16000",
                     "eligibility": {"thai_national": true, "loyal": true}}],
        "username": "nobody", "password": "wrong-password-here",
        "date": "2026-12-31", "name_th": "วันหยุด", "fy": 2569, "unit": "D01",
    });
    (
        proptest::sample::select(KEYS),
        any::<bool>(),
        prop_oneof![any_json().prop_map(Some), Just(None)],
    )
        .prop_map(move |(key, in_action, value)| {
            let mut doc = order.clone();
            let target = if in_action {
                &mut doc["actions"][0]
            } else {
                &mut doc
            };
            if let Some(obj) = target.as_object_mut() {
                match value {
                    Some(v) => {
                        obj.insert(key.to_string(), v);
                    }
                    None => {
                        obj.remove(key);
                    }
                }
            }
            doc
        })
}

/// A body: raw bytes, any JSON, or a near-valid document; and how it is labelled.
fn any_body() -> impl Strategy<Value = (Vec<u8>, Option<&'static str>)> {
    let bytes = prop_oneof![
        2 => proptest::collection::vec(any::<u8>(), 0..512),
        3 => any_json().prop_map(|v| v.to_string().into_bytes()),
        4 => near_valid().prop_map(|v| v.to_string().into_bytes()),
        1 => (1usize..20_000).prop_map(|n| "[".repeat(n).into_bytes()),
    ];
    let content_type = prop_oneof![
        8 => Just(Some("application/json")),
        1 => Just(Some("text/plain")),
        1 => Just(Some("application/x-www-form-urlencoded")),
        1 => Just(Some("application/json; charset=latin1")),
        1 => Just(None),
    ];
    (bytes, content_type)
}

/// Text for a query parameter (percent-encoded when sent).
fn any_param() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9๐-๙/ .-]{0,14}",
        any::<i64>().prop_map(|n| n.to_string()),
        Just("1 ม.ค. -2147483648".to_string()),
        Just("-2147483648".to_string()),
        Just("9".repeat(30)),
    ]
}

fn percent(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// Query parameters that are parsed by hand: (path with `{}` for the value, user).
const QUERIES: &[(&str, &str)] = &[
    ("/api/v1/people?q={}", "admin"),
    ("/api/v1/people?page={}&per_page={}", "admin"),
    ("/api/v1/people/{}", "admin"),
    ("/api/v1/people/1/history?as_of={}", "admin"),
    ("/api/v1/people/1/history?known_at={}", "admin"),
    ("/api/v1/positions?as_of={}&vacant={}", "admin"),
    ("/api/v1/positions?unit={}", "admin"),
    ("/api/v1/retirements?fy={}", "admin"),
    ("/api/v1/retirements/forecast?by={}&years={}", "admin"),
    ("/api/v1/summary?as_of={}", "admin"),
    ("/api/v1/audit?action={}&from={}", "admin"),
    ("/api/v1/deadlines?board={}&due={}", "disc01"),
    ("/api/v1/reports/discipline?fy={}&unit={}", "discbma"),
    ("/api/v1/orders/{}", "admin"),
    ("/api/v1/cases?kind={}", "disc01"),
    ("/api/v1/units/{}/frames", "admin"),
    ("/api/v1/holidays?year={}", "admin"),
];

async fn any_body_or_query_gets_a_json_4xx_never_a_5xx(app: &App) {
    let addr = app.addr;
    // How often each status came back, to see the cases reach the handlers (not only the
    // extractors' refusals).
    let seen = std::sync::Mutex::new(std::collections::BTreeMap::<u16, usize>::new());
    let count = |status: u16| *seen.lock().unwrap().entry(status).or_default() += 1;
    tokio::task::block_in_place(|| {
        runner(64)
            .run(
                &(proptest::sample::select(BODIES), any_body()),
                |((method, path, user), (body, content_type))| {
                    let mut headers = Vec::new();
                    if let Some(t) = content_type {
                        headers.push(("Content-Type", t.to_string()));
                    }
                    if let Some(u) = user {
                        headers.push(("Authorization", format!("Bearer {}", token_of(u))));
                    }
                    let answer = send(addr, method, path, &headers, &body);
                    count(answer.0);
                    let shown = String::from_utf8_lossy(&body[..body.len().min(300)]).into_owned();
                    answer_is_sound(&format!("{method} {path} {shown}"), &answer)
                },
            )
            .unwrap_or_else(|e| panic!("{e}"));
        runner(64)
            .run(
                &(proptest::sample::select(QUERIES), any_param(), any_param()),
                |((path, user), a, b)| {
                    let path = path
                        .replacen("{}", &percent(&a), 1)
                        .replacen("{}", &percent(&b), 1);
                    let auth = [("Authorization", format!("Bearer {}", token_of(user)))];
                    let answer = send(addr, "GET", &path, &auth, b"");
                    count(answer.0);
                    answer_is_sound(&format!("GET {path}"), &answer)
                },
            )
            .unwrap_or_else(|e| panic!("{e}"));
    });
    let seen = seen.into_inner().unwrap();
    eprintln!("statuses: {seen:?}");
    let reached = seen
        .iter()
        .filter(|(s, _)| ![401, 405, 415].contains(*s))
        .map(|(_, n)| n)
        .sum::<usize>();
    assert!(reached * 2 > seen.values().sum::<usize>(), "{seen:?}");
}

/// The hand-written parameter parsers of both doors, called directly (cheap, so more cases).
mod params {
    use bmahr_core::ThaiDate;
    use bmahr_server::params::{board_param, bool_param, forecast_by, kind_param, year_be_param};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig { cases: super::cases(256), ..ProptestConfig::default() })]

        #[test]
        fn query_parsers_never_panic(s in super::any_param()) {
            let today = ThaiDate::from_ce(2026, 1, 5).unwrap();
            let _ = bmahr_server::api::date_param("as_of", Some(&s), today);
            let _ = bool_param("vacant", Some(&s));
            if let Ok(y) = year_be_param("fy", Some(&s), 2569) {
                prop_assert!((2400..=3000).contains(&y));
            }
            let _ = kind_param(Some(&s));
            let _ = board_param(Some(&s));
            let _ = forecast_by(Some(&s));
        }
    }
}
