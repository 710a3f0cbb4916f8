//! Issue 22, item 4: every list and report downloads as XLSX and PDF, from its page and its
//! API route, with the filters of the page and the whole list (not the page on screen), through
//! the same use-case — so the same refusal, and a wrong `format` is the API's JSON 400.

use std::io::Cursor;

use calamine::{Reader, Xlsx};
use serde_json::json;

use crate::client::Response;
use crate::fixture::{App, NID, PASSWORD};
use crate::orders::post_as;

crate::on_every_backend!(
    every_list_downloads_as_xlsx_and_pdf_through_the_api,
    a_download_is_refused_as_the_json_is,
    a_wrong_format_is_a_json_400_naming_it,
    every_page_offers_and_answers_its_file_with_its_filters,
);

const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// Someone born on 1980-05-05 (every fixture person) retires at the end of FY 2583.
const RETIRING_FY: &str = "2583";

/// The text of a PDF without spaces: pdftotext places Thai words with spaces of its own.
fn pdf_text(bytes: &[u8]) -> String {
    crate::documents::pdf_text(bytes)
        .split_whitespace()
        .collect()
}

/// Every worksheet of a workbook: its name and its cells as text.
fn workbook(bytes: &[u8]) -> Vec<(String, Vec<Vec<String>>)> {
    assert!(bytes.starts_with(b"PK"), "not a zip (XLSX)");
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).expect("an XLSX workbook");
    wb.sheet_names()
        .into_iter()
        .map(|name| {
            let range = wb.worksheet_range(&name).expect("a worksheet");
            let rows = range
                .rows()
                .map(|r| r.iter().map(|c| c.to_string()).collect())
                .collect();
            (name, rows)
        })
        .collect()
}

/// All the cells of a workbook, without spaces.
fn cells(bytes: &[u8]) -> String {
    workbook(bytes)
        .into_iter()
        .flat_map(|(_, rows)| rows.into_iter().flatten())
        .collect::<Vec<_>>()
        .join("|")
        .split_whitespace()
        .collect()
}

fn with_format(path: &str, format: &str) -> String {
    let sep = if path.contains('?') { '&' } else { '?' };
    format!("{path}{sep}format={format}")
}

fn assert_xlsx(r: &Response, what: &str) {
    assert_eq!(r.status, 200, "{what}: {}", r.body);
    assert_eq!(r.header("content-type"), Some(XLSX), "{what}");
    assert!(
        r.header("content-disposition")
            .is_some_and(|d| d.starts_with("attachment") && d.ends_with(".xlsx\"")),
        "{what}: {:?}",
        r.header("content-disposition")
    );
    assert!(r.bytes.starts_with(b"PK"), "{what}: not a zip");
}

fn assert_pdf(r: &Response, what: &str) {
    assert_eq!(r.status, 200, "{what}: {}", r.body);
    assert_eq!(r.header("content-type"), Some("application/pdf"), "{what}");
    assert!(
        r.header("content-disposition")
            .is_some_and(|d| d.starts_with("attachment") && d.ends_with(".pdf\"")),
        "{what}"
    );
    assert!(r.bytes.starts_with(b"%PDF"), "{what}: not a PDF");
}

/// A petition whose issuer (D01) owes a response, so that D01's deadline board has a row;
/// and hr01 opening a record, so that the audit log has an event of hr01's. Returns the
/// beginning of the deadline's label (a PDF wraps a long label across lines).
async fn something_to_list(app: &App) -> String {
    let r = post_as(
        app,
        "kpk",
        "/api/v1/cases",
        json!({"case": {"kind": "petition", "rule_or_order": "ประกาศหลักเกณฑ์การคัดเลือกของเขต",
            "issuer_unit": "D01", "filed_on": "2026-02-02"}})
        .to_string(),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
    let c = r.json();
    let r = post_as(
        app,
        "kpk",
        &format!("/api/v1/cases/{}/events", c["id"]),
        json!({"expected_version": c["version"], "event":
            {"type": "issuer_notified", "on": "2026-03-02", "respond_within_days": 30}})
        .to_string(),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let r = app
        .get_as("hr01", &format!("/api/v1/people/{}", app.person[0]))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let board = app.get_as("disc01", "/api/v1/deadlines?board=units").await;
    let label = board.json()[0]["deadline"]["label_th"]
        .as_str()
        .unwrap_or_else(|| panic!("a deadline on the board: {}", board.body))
        .to_string();
    label
        .chars()
        .filter(|c| !c.is_whitespace())
        .take(5)
        .collect()
}

/// (user, route, a text its file holds) for each of the seven lists. Names are first names:
/// a PDF wraps a full name across lines within its column.
fn lists(deadline: &str) -> [(&'static str, String, String); 7] {
    [
        ("hr01", "/api/v1/people?q=สมชาย".into(), "สมชาย".into()),
        ("hr01", "/api/v1/positions?unit=D01".into(), "สมชาย".into()),
        (
            "hr01",
            format!("/api/v1/retirements?fy={RETIRING_FY}&unit=D01"),
            "สมศรี".into(),
        ),
        (
            "hr01",
            format!("/api/v1/retirements/forecast?from_fy={RETIRING_FY}&years=2"),
            "หน่วยD01".into(),
        ),
        (
            "disc01",
            "/api/v1/deadlines?board=units".into(),
            deadline.into(),
        ),
        (
            "hr01",
            "/api/v1/reports/discipline?unit=D01&fy=2569".into(),
            "การลงโทษทางวินัย".into(),
        ),
        ("aud", "/api/v1/audit?actor=hr01".into(), "hr01".into()),
    ]
}

async fn every_list_downloads_as_xlsx_and_pdf_through_the_api(app: &App) {
    let deadline = something_to_list(app).await;
    for (user, path, known) in lists(&deadline) {
        let json = app.get_as(user, &path).await;
        assert_eq!(json.status, 200, "{path}: {}", json.body);
        assert!(json
            .header("content-type")
            .unwrap()
            .starts_with("application/json"));

        let x = app.get_as(user, &with_format(&path, "xlsx")).await;
        assert_xlsx(&x, &path);
        let text = cells(&x.bytes);
        assert!(text.contains(&known), "{path}: {known} not in {text}");

        let p = app.get_as(user, &with_format(&path, "pdf")).await;
        assert_pdf(&p, &path);
        let text = pdf_text(&p.bytes);
        assert!(text.contains(&known), "{path}: {known} not in {text}");
        // Who printed it, in the footer.
        assert!(text.contains(&format!("printedby{user}")), "{path}: {text}");
    }

    // The file is the whole list, not the page asked for; national IDs as the reader sees
    // them (an agency's HR officer sees them in full, a supervisor masked).
    let x = app
        .get_as("hr01", "/api/v1/people?q=สม&per_page=1&page=2&format=xlsx")
        .await;
    assert_xlsx(&x, "people, whole list");
    let book = workbook(&x.bytes);
    let rows = &book[0].1;
    let names: Vec<String> = rows.iter().map(|r| r[0].replace(' ', "")).collect();
    for name in ["นายสมชายใจดี", "นายสมศรีมีสุข"]
    {
        assert!(names.iter().any(|n| n == name), "{name} not in {names:?}");
    }
    assert!(
        !names.iter().any(|n| n.contains("วีระ")),
        "D02's person in D01's file"
    );
    let json = app.get_as("sup01", "/api/v1/people?q=สมชาย").await.json();
    let shown = json["items"][0]["national_id"]
        .as_str()
        .unwrap()
        .to_string();
    let x = app
        .get_as("sup01", "/api/v1/people?q=สมชาย&format=xlsx")
        .await;
    assert_xlsx(&x, "people as a supervisor");
    let digits: String = cells(&x.bytes).chars().filter(|c| *c != '-').collect();
    assert!(
        digits.contains(&shown.replace('-', "")),
        "{shown} not in {digits}"
    );
    if shown != NID[0] {
        assert!(!digits.contains(NID[0]), "a masked ID printed in full");
    }

    // The discipline report: a worksheet per table, one printed document.
    let x = app
        .get_as("hr01", "/api/v1/reports/discipline?fy=2569&format=xlsx")
        .await;
    let book = workbook(&x.bytes);
    assert_eq!(
        book.len(),
        2,
        "{:?}",
        book.iter().map(|b| &b.0).collect::<Vec<_>>()
    );
    assert!(book[1].1.iter().flatten().any(|c| c.contains("ร้องเรียน")));
    let p = app
        .get_as("hr01", "/api/v1/reports/discipline?fy=2569&format=pdf")
        .await;
    let text = pdf_text(&p.bytes);
    for want in [
        "ตารางที่1การลงโทษทางวินัย",
        "ตารางที่2สรุปเรื่องร้องเรียน",
        "ปีงบประมาณพ.ศ.2569",
    ] {
        assert!(text.contains(want), "{want} not in {text}");
    }

    // Filters are in the subtitle: the unit and the fiscal year.
    let p = app
        .get_as(
            "hr01",
            &format!("/api/v1/retirements?fy={RETIRING_FY}&unit=D01&format=pdf"),
        )
        .await;
    let text = pdf_text(&p.bytes);
    assert!(
        text.contains(&format!("ปีงบประมาณพ.ศ.{RETIRING_FY}")) && text.contains("D01หน่วยD01"),
        "{text}"
    );
}

async fn a_download_is_refused_as_the_json_is(app: &App) {
    for (user, path) in [
        ("emp0", "/api/v1/people?q=สม"),
        ("hr02", "/api/v1/positions?unit=D01"),
        ("hr02", "/api/v1/retirements?unit=D01"),
        ("hr02", "/api/v1/retirements/forecast?unit=D01"),
        ("disc01", "/api/v1/deadlines?board=kpk"),
        ("hr02", "/api/v1/reports/discipline?unit=D01"),
        ("hr01", "/api/v1/audit"),
    ] {
        let json = app.get_as(user, path).await;
        assert_eq!(json.status, 403, "{user} {path}: {}", json.body);
        for format in ["xlsx", "pdf"] {
            let r = app.get_as(user, &with_format(path, format)).await;
            assert_eq!(r.status, 403, "{user} {path} {format}: {}", r.body);
            assert!(r
                .header("content-type")
                .unwrap()
                .starts_with("application/json"));
            assert!(r.header("content-disposition").is_none());
            assert_eq!(r.json()["code"], json.json()["code"], "{path}");
            assert!(
                !r.body.contains("สมชาย") && !r.body.contains("สมศรี"),
                "{}",
                r.body
            );
        }
    }
    // Nor through a page.
    let r = app.get_as("hr02", "/units/D01?format=xlsx").await;
    assert_eq!(r.status, 403, "{}", r.body);
    assert!(r.header("content-type").unwrap().starts_with("text/html"));
}

async fn a_wrong_format_is_a_json_400_naming_it(app: &App) {
    for (user, path, _) in lists("") {
        let r = app.get_as(user, &with_format(&path, "doc")).await;
        assert_eq!(r.status, 400, "{path}: {}", r.body);
        let b = r.json();
        assert_eq!(b["code"], "format.unknown", "{path}: {b}");
        assert_eq!(b["field"], "format", "{path}: {b}");
        assert!(b["message_th"].as_str().unwrap().contains("xlsx"), "{b}");
        assert!(b["message_en"].as_str().unwrap().contains("pdf"), "{b}");
        assert_eq!(b["errors"][0]["field"], "format");
    }
    // The OpenAPI document declares `format` (in the query) and the file types of each route.
    let doc = app
        .call("GET", "/api/v1/openapi.json", vec![], None)
        .await
        .json();
    for (_, path, _) in lists("") {
        let route = path.split('?').next().unwrap();
        let get = &doc["paths"][route]["get"];
        let params = get["parameters"].as_array().unwrap();
        assert!(
            params
                .iter()
                .any(|p| p["name"] == "format" && p["in"] == "query"),
            "{route}: {params:?}"
        );
        let content = &get["responses"]["200"]["content"];
        for t in ["application/json", XLSX, "application/pdf"] {
            assert!(content.get(t).is_some(), "{route}: {t} in {content}");
        }
    }
    // A page says so on an error page.
    let r = app.get_as("hr01", "/people?q=สม&format=doc").await;
    assert_eq!(r.status, 400, "{}", r.body);
    assert!(r.body.contains("format"), "{}", r.body);
}

/// A signed-in session's cookie.
async fn session(app: &App, user: &str) -> String {
    let body = json!({"username": user, "password": PASSWORD}).to_string();
    let r = app.call("POST", "/api/v1/login", vec![], Some(body)).await;
    assert_eq!(r.status, 200, "{}", r.body);
    r.header("set-cookie")
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string()
}

async fn page(app: &App, cookie: &str, path: &str) -> Response {
    app.call("GET", path, vec![("Cookie".into(), cookie.into())], None)
        .await
}

/// The `href` of the link with this id.
fn link(body: &str, id: &str) -> String {
    let at = body
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id}"));
    let tag_start = body[..at].rfind('<').unwrap();
    let tag = &body[tag_start..at + body[at..].find('>').unwrap()];
    let href = tag.split("href=\"").nth(1).unwrap();
    href[..href.find('"').unwrap()]
        .replace("&amp;", "&")
        .replace("&#x2f;", "/")
}

async fn every_page_offers_and_answers_its_file_with_its_filters(app: &App) {
    let deadline = something_to_list(app).await;
    let hr01 = session(app, "hr01").await;
    let disc01 = session(app, "disc01").await;
    let aud = session(app, "aud").await;
    let pages = [
        (&hr01, "/people?q=สมชาย&page=1".to_string(), "สมชาย"),
        (&hr01, "/units/D01?vacant=false".to_string(), "สมชาย"),
        (
            &hr01,
            format!("/retirements?fy={RETIRING_FY}&unit=D01"),
            "สมศรี",
        ),
        (
            &hr01,
            format!("/retirements/forecast?from_fy={RETIRING_FY}&years=2"),
            "หน่วยD01",
        ),
        (
            &disc01,
            "/deadlines?board=units&due=all".to_string(),
            &deadline,
        ),
        (
            &hr01,
            "/reports/discipline?unit=D01&fy=2569".to_string(),
            "การลงโทษทางวินัย",
        ),
        (&aud, "/audit?actor=hr01".to_string(), "hr01"),
    ];
    for (cookie, path, known) in pages {
        let html = page(app, cookie, &path).await;
        assert_eq!(html.status, 200, "{path}: {}", html.body);
        // The buttons link to this page's own query, without its page, and the format.
        let (_, query) = path.split_once('?').unwrap();
        let kept: Vec<&str> = query
            .split('&')
            .filter(|kv| !kv.starts_with("page="))
            .collect();
        for format in ["xlsx", "pdf"] {
            let href = link(&html.body, &format!("download-{format}"));
            assert_eq!(
                href,
                format!("?{}&format={format}", kept.join("&")),
                "{path}"
            );
        }
        let base = path.split('?').next().unwrap();
        let x = page(
            app,
            cookie,
            &format!("{base}{}", link(&html.body, "download-xlsx")),
        )
        .await;
        assert_xlsx(&x, &path);
        assert!(
            cells(&x.bytes).contains(known),
            "{path}: {known} not in {} (link {})",
            cells(&x.bytes),
            link(&html.body, "download-xlsx")
        );
        let p = page(
            app,
            cookie,
            &format!("{base}{}", link(&html.body, "download-pdf")),
        )
        .await;
        assert_pdf(&p, &path);
        assert!(
            pdf_text(&p.bytes).contains(known),
            "{path}: {known} not in {}",
            pdf_text(&p.bytes)
        );
    }

    // The page's filter is the file's: no holder among the vacant positions.
    let x = page(app, &hr01, "/units/D01?vacant=true&format=xlsx").await;
    assert_xlsx(&x, "vacant only");
    let text = cells(&x.bytes);
    assert!(
        text.contains("ตำแหน่งว่าง") && !text.contains("สมชาย"),
        "{text}"
    );

    // Charts above the tables, the figures kept in the tables below them.
    let html = page(
        app,
        &hr01,
        &format!("/retirements/forecast?from_fy={RETIRING_FY}&years=2"),
    )
    .await;
    let at = html.body.find("<figure class=\"chart\"").expect("a chart");
    assert!(at < html.body.find("id=\"forecast\"").unwrap());
    assert!(html.body[at..].contains("<svg"));
    let html = page(app, &hr01, "/reports/discipline?fy=2569").await;
    assert_eq!(html.body.matches("<figure class=\"chart\"").count(), 2);
    assert!(html.body.find("id=\"chart-1\"").unwrap() < html.body.find("id=\"table-1\"").unwrap());
}
