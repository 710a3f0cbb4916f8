//! Issue 23's lists: sortable columns (a column outside a list's set is a 400 naming
//! `sort`), filters and paging on a unit's positions, the units, retirements and cases;
//! the person page "as of" a date and its history's from → to.

use bmahr_core::org::Validity;
use bmahr_core::personnel::{Category, Level};
use bmahr_core::register::OrderDraft;
use bmahr_core::ThaiDate;
use bmahr_store::{NewPosition, WriteMeta};
use serde_json::json;

use crate::fixture::{App, NID};
use crate::orders::post_as;

crate::on_every_backend!(
    positions_sort_filter_and_page,
    units_search_and_sort_flat,
    person_as_of_and_from_to,
    cases_filter_by_status_unit_and_dates,
    retirements_filter_by_category_and_sort,
);

fn d(y: i32, m: u32, day: u32) -> ThaiDate {
    ThaiDate::from_ce(y, m, day).unwrap()
}

fn meta() -> WriteMeta {
    WriteMeta {
        actor: "setup".into(),
        at: "2020-01-01T00:00:00Z".into(),
        reason: "test".into(),
        request_ref: None,
    }
}

async fn add_position(app: &App, no: &str, unit: &str, level: Level, line: &str) {
    app.store
        .create_positions(
            &[NewPosition {
                position_no: no.into(),
                unit_code: unit.into(),
                category: Category::Ordinary,
                level,
                line_of_work: line.into(),
                admin_title: String::new(),
                validity: Validity {
                    from: d(2000, 1, 1),
                    to: None,
                },
                approval_ref: "มติ ก.ก. 9/2543".into(),
            }],
            &meta(),
        )
        .await
        .unwrap();
}

/// The position numbers of a positions table, in order.
fn numbers(body: &str) -> Vec<String> {
    let table = body
        .split("id=\"positions\"")
        .nth(1)
        .and_then(|s| s.split("</table>").next())
        .unwrap_or_else(|| panic!("no positions table: {body}"));
    table
        .split("<tr>")
        .skip(1)
        .filter_map(|row| {
            let cell = row.split("<td data-label=").nth(1)?;
            Some(
                cell.split('>')
                    .nth(1)?
                    .split('<')
                    .next()?
                    .trim()
                    .to_string(),
            )
        })
        .collect()
}

async fn positions_sort_filter_and_page(app: &App) {
    add_position(
        app,
        "103",
        "D01-ADM",
        Level::Professional,
        "นักวิชาการคอมพิวเตอร์",
    )
    .await;
    add_position(app, "104", "D01", Level::Practitioner, "นักจัดการงานทั่วไป").await;
    // D01's subtree: 101 and 102 held, 103 and 104 vacant.
    let r = app.get_as("hr01", "/units/D01").await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(numbers(&r.body), ["101", "102", "103", "104"]);
    assert!(
        r.body.contains("aria-sort=\"ascending\""),
        "the sorted column says so"
    );
    let r = app.get_as("hr01", "/units/D01?vacant=true").await;
    assert_eq!(numbers(&r.body), ["103", "104"]);
    let r = app
        .get_as("hr01", "/units/D01?vacant=false&sort=no&dir=desc")
        .await;
    assert_eq!(numbers(&r.body), ["102", "101"]);
    assert!(r.body.contains("aria-sort=\"descending\""));
    // The header of the sorted column turns the order round and keeps the filter.
    assert!(
        r.body
            .contains("href=\"?vacant=false&amp;sort=no&amp;dir=asc\""),
        "{}",
        r.body
    );
    // Level and text filters.
    let r = app.get_as("hr01", "/units/D01?level=professional").await;
    assert_eq!(numbers(&r.body), ["103"]);
    let r = app
        .get_as("hr01", "/units/D01?q=%E0%B8%84%E0%B8%AD%E0%B8%A1")
        .await; // คอม
    assert_eq!(numbers(&r.body), ["103"]);
    let r = app.get_as("hr01", "/units/D01?q=10").await;
    assert_eq!(numbers(&r.body).len(), 4, "a number's start");
    // Sorted by unit: D01 (104) before D01-ADM's.
    let r = app.get_as("hr01", "/units/D01?sort=unit").await;
    assert_eq!(numbers(&r.body)[0], "104");
    // Paging keeps the filter and the order.
    let r = app
        .get_as("hr01", "/units/D01?vacant=true&sort=no&dir=desc&per_page=1")
        .await;
    assert_eq!(numbers(&r.body), ["104"]);
    assert!(
        r.body
            .contains("href=\"?vacant=true&amp;per_page=1&amp;sort=no&amp;dir=desc&amp;page=2\""),
        "{}",
        r.body
    );
    let r = app
        .get_as(
            "hr01",
            "/units/D01?vacant=true&sort=no&dir=desc&per_page=1&page=2",
        )
        .await;
    assert_eq!(numbers(&r.body), ["103"]);
    // A column outside the list, a bad direction, a bad level: 400 naming the field.
    let r = app.get_as("hr01", "/units/D01?sort=salary").await;
    assert_eq!(r.status, 400);
    assert!(
        r.body.contains("sort") && r.body.contains("no, title, level, unit, category"),
        "{}",
        r.body
    );
    let r = app.get_as("hr01", "/units/D01?sort=no&dir=sideways").await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("asc"), "{}", r.body);
    assert_eq!(
        app.get_as("hr01", "/units/D01?level=general").await.status,
        400
    );
}

async fn units_search_and_sort_flat(app: &App) {
    add_position(
        app,
        "103",
        "D01-ADM",
        Level::Professional,
        "นักวิชาการคอมพิวเตอร์",
    )
    .await;
    let r = app.get_as("admin", "/units?q=adm").await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("id=\"unit-D01-ADM\"") && !r.body.contains("id=\"unit-D02\""));
    // By vacancies, most first: D01-ADM and D01 (1 each), then D02 and BMA... BMA has 1 too.
    let r = app
        .get_as("admin", "/units?sort=vacant&dir=desc&per_page=2")
        .await;
    let first = r
        .body
        .find("id=\"unit-")
        .map(|i| &r.body[i..i + 20])
        .unwrap_or("");
    assert!(!first.contains("D02"), "D02 has no vacancy: {first}");
    assert!(
        r.body.contains("id=\"next-page\""),
        "four units, two a page"
    );
    assert_eq!(app.get_as("admin", "/units?sort=colour").await.status, 400);
}

async fn apply(app: &App, number: &str, on: &str, actions: serde_json::Value) {
    let order: OrderDraft = serde_json::from_value(json!({
        "number": number, "issuer_unit": "D01", "signed_on": on, "signed_by": "x", "authority": "ผู้อำนวยการเขต",
        "effective_date": on, "reason": "ทดสอบ", "actions": actions,
    }))
    .unwrap();
    app.store.apply_order(&order, &meta()).await.unwrap();
}

async fn person_as_of_and_from_to(app: &App) {
    add_position(app, "104", "D01", Level::Practitioner, "นักจัดการงานทั่วไป").await;
    apply(
        app,
        "5/2558",
        "2015-01-01",
        json!([{"kind": "move", "person": NID[0], "position_no": "104"}]),
    )
    .await;
    apply(
        app,
        "6/2559",
        "2016-01-01",
        json!([{"kind": "salary_change", "person": NID[0], "salary": "15800"}]),
    )
    .await;
    let id = app.person[0];
    // Today: position 104 in D01, 15,800.
    let r = app.get_as("hr01", &format!("/people/{id}")).await;
    assert_eq!(r.status, 200, "{}", r.body);
    let facts = r
        .body
        .split("class=\"facts\"")
        .nth(1)
        .unwrap()
        .split("</dl>")
        .next()
        .unwrap();
    assert!(facts.contains("id=\"position\">104 "), "{facts}");
    assert!(facts.contains("15,800.00"), "{facts}");
    assert!(!r.body.contains("id=\"as-of-note\""));
    // On 1 January 2557 B.E. (2014): still 101 in D01-ADM at 15,000.
    let r = app
        .get_as("hr01", &format!("/people/{id}?as_of=01/01/2557"))
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let facts = r
        .body
        .split("class=\"facts\"")
        .nth(1)
        .unwrap()
        .split("</dl>")
        .next()
        .unwrap();
    assert!(facts.contains("id=\"position\">101 "), "{facts}");
    assert!(
        facts.contains("15,000.00") && !facts.contains("15,800.00"),
        "{facts}"
    );
    assert!(facts.contains("id=\"unit\">D01-ADM "), "{facts}");
    assert!(r.body.contains("id=\"as-of-note\""));
    // The history: the move from 101 (D01-ADM) to 104 (D01), the salary 15,000 → 15,800.
    let timeline = r.body.split("id=\"timeline\"").nth(1).unwrap();
    let rows: Vec<&str> = timeline.split("<tr>").skip(2).collect();
    assert_eq!(rows.len(), 3, "{timeline}");
    let (raise, mv, appoint) = (rows[0], rows[1], rows[2]);
    assert!(
        raise.contains("<span class=\"from\">15,000.00</span> → 15,800.00"),
        "{raise}"
    );
    assert!(
        raise.contains("class=\"unit\">D01 "),
        "the unit held at the raise: {raise}"
    );
    assert!(
        mv.contains("<span class=\"from\">101 นักทรัพยากรบุคคล"),
        "{mv}"
    );
    assert!(mv.contains("→ 104 นักจัดการงานทั่วไป"), "{mv}");
    assert!(
        mv.contains("<span class=\"from\">D01-ADM หน่วย D01-ADM</span> → D01 หน่วย D01"),
        "{mv}"
    );
    assert!(
        !appoint.contains("class=\"from\""),
        "an appointment comes from nowhere: {appoint}"
    );
    // A date that is not one: 400 naming the field.
    let r = app
        .get_as("hr01", &format!("/people/{id}?as_of=31/02/2557"))
        .await;
    assert_eq!(r.status, 400);
    assert!(r.body.contains("as_of"), "{}", r.body);
}

async fn open_case(app: &App, user: &str, nid: &str, received: &str) {
    let r = post_as(
        app,
        user,
        "/api/v1/cases",
        json!({"person": nid, "case": {"kind": "discipline", "source": "หนังสือร้องเรียน",
            "category": "procurement", "allegation": "จัดซื้อโดยไม่เป็นไปตามระเบียบ", "received_on": received}})
        .to_string(),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.body);
}

/// The case numbers of the cases table, in order.
fn case_ids(body: &str) -> Vec<String> {
    let table = body
        .split("id=\"cases\"")
        .nth(1)
        .and_then(|s| s.split("</table>").next())
        .unwrap_or_else(|| panic!("no cases table: {body}"));
    table
        .split("href=\"/cases/")
        .skip(1)
        .filter_map(|s| s.split('"').next().map(str::to_string))
        .collect()
}

async fn cases_filter_by_status_unit_and_dates(app: &App) {
    open_case(app, "disc01", NID[0], "2026-01-05").await;
    open_case(app, "disc02", NID[2], "2026-03-01").await;
    let all = case_ids(&app.get_as("discbma", "/cases").await.body);
    assert_eq!(all.len(), 2, "newest first: {all:?}");
    let (d01, d02) = (all[1].clone(), all[0].clone());
    let r = app.get_as("discbma", "/cases?sort=opened&dir=asc").await;
    assert_eq!(case_ids(&r.body), [d01.clone(), d02.clone()]);
    assert!(r.body.contains("aria-sort=\"ascending\""));
    // A unit by code or by name: its subtree's cases.
    assert_eq!(
        case_ids(&app.get_as("discbma", "/cases?unit=D02").await.body),
        vec![d02.clone()]
    );
    assert_eq!(
        case_ids(&app.get_as("discbma", "/cases?unit=D01").await.body),
        vec![d01.clone()]
    );
    let by_name = app
        .get_as(
            "discbma",
            "/cases?unit=%E0%B8%AB%E0%B8%99%E0%B9%88%E0%B8%A7%E0%B8%A2%20D02",
        )
        .await; // หน่วย D02
    assert_eq!(
        case_ids(&by_name.body),
        vec![d02.clone()],
        "{}",
        by_name.body
    );
    // In English the list names the person, the kind and the unit in English.
    let en = app.get_as("discbma", "/cases?unit=D01&lang=en").await;
    let table = en.body.split("id=\"cases\"").nth(1).unwrap_or_default();
    assert!(table.contains("Somchai Test"), "{}", en.body);
    assert!(!table.contains("สมชาย"), "{}", en.body);
    // The deadline board, the discipline report and the annual report take a unit by name
    // too (their filters are unit pickers); a name that fits no unit is refused on the page.
    const D02_NAME: &str = "%E0%B8%AB%E0%B8%99%E0%B9%88%E0%B8%A7%E0%B8%A2%20D02"; // หน่วย D02
    let board = app
        .get_as(
            "discbma",
            &format!("/deadlines?board=units&unit={D02_NAME}"),
        )
        .await;
    assert_eq!(board.status, 200, "{}", board.body);
    let rows = |body: &str| -> String {
        body.split("id=\"board\"")
            .nth(1)
            .and_then(|t| t.split("</table>").next())
            .unwrap_or_else(|| panic!("no board: {body}"))
            .to_string()
    };
    let by_code = app
        .get_as("discbma", "/deadlines?board=units&unit=D02")
        .await;
    assert_eq!(rows(&board.body), rows(&by_code.body));
    assert!(
        board.body.contains("due=week&unit=D02"),
        "its links name the code: {}",
        board.body
    );
    let report = app
        .get_as("discbma", &format!("/reports/discipline?unit={D02_NAME}"))
        .await;
    assert_eq!(report.status, 200, "{}", report.body);
    assert!(report.body.contains("D02 หน่วย D02"), "{}", report.body);
    let annual = app
        .get_as("admin", &format!("/reports/annual?unit={D02_NAME}"))
        .await;
    assert_eq!(annual.status, 200, "{}", annual.body);
    assert!(
        annual.body.contains("id=\"report-unit\">หน่วย D02"),
        "{}",
        annual.body
    );
    let none = app
        .get_as("discbma", "/deadlines?board=units&unit=nowhere-at-all")
        .await;
    assert_eq!(none.status, 400, "{}", none.body);
    assert!(none.body.contains("nowhere-at-all"), "{}", none.body);
    // Opened from 1 February 2569 B.E. (2026), or up to then.
    assert_eq!(
        case_ids(&app.get_as("discbma", "/cases?from=01/02/2569").await.body),
        vec![d02.clone()]
    );
    assert_eq!(
        case_ids(&app.get_as("discbma", "/cases?to=01/02/2569").await.body),
        vec![d01.clone()]
    );
    // Status: both open, none closed.
    assert_eq!(
        case_ids(&app.get_as("discbma", "/cases?status=open").await.body).len(),
        2
    );
    assert!(case_ids(&app.get_as("discbma", "/cases?status=closed").await.body).is_empty());
    // Paging keeps the filters and the order.
    let r = app
        .get_as(
            "discbma",
            "/cases?status=open&sort=opened&dir=asc&per_page=1",
        )
        .await;
    assert_eq!(case_ids(&r.body), vec![d01.clone()]);
    assert!(
        r.body.contains(
            "href=\"?status=open&amp;per_page=1&amp;sort=opened&amp;dir=asc&amp;page=2\""
        ),
        "{}",
        r.body
    );
    // Reach still holds: disc02 sees only D02's, and a unit outside its units is refused
    // by the unit picker's resolver.
    assert_eq!(
        case_ids(&app.get_as("disc02", "/cases?unit=D02").await.body),
        [d02]
    );
    let r = app.get_as("disc02", "/cases?unit=D01").await;
    assert!((400..500).contains(&r.status), "{}", r.status);
    assert!(r.body.contains("ไม่พบหน่วยงาน &quot;D01&quot;"), "{}", r.body);
    // Bad values name their field.
    for (q, field) in [
        ("status=maybe", "status"),
        ("from=99/99/2569", "from"),
        ("sort=person", "sort"),
    ] {
        let r = app.get_as("discbma", &format!("/cases?{q}")).await;
        assert_eq!(r.status, 400, "{q}");
        assert!(r.body.contains(field), "{q}: {}", r.body);
    }
}

async fn retirements_filter_by_category_and_sort(app: &App) {
    // Everyone in the fixture was born on 5 May 1980: they retire at the end of FY 2583.
    let r = app.get_as("admin", "/retirements?fy=2583").await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(
        r.body.contains("<strong id=\"total\">3</strong>"),
        "{}",
        r.body
    );
    let r = app.get_as("admin", "/retirements?fy=2583&unit=D02").await;
    assert!(r.body.contains("<strong id=\"total\">1</strong>"));
    let r = app
        .get_as("admin", "/retirements?fy=2583&category=teacher")
        .await;
    assert!(r.body.contains("<strong id=\"total\">0</strong>"));
    let r = app
        .get_as(
            "admin",
            "/retirements?fy=2583&category=ordinary&sort=name&dir=desc",
        )
        .await;
    assert!(r.body.contains("<strong id=\"total\">3</strong>"));
    // Thai order, reversed: สมศรี, สมชาย, วีระ... in Thai dictionary order วีระ < สมชาย < สมศรี.
    let pos = |name: &str| r.body.find(name).unwrap_or(usize::MAX);
    assert!(
        pos("สมศรี") < pos("สมชาย") && pos("สมชาย") < pos("วีระ"),
        "{}",
        r.body
    );
    assert!(r.body.contains("aria-sort=\"descending\""));
    assert_eq!(
        app.get_as("admin", "/retirements?sort=age").await.status,
        400
    );
    assert_eq!(
        app.get_as("admin", "/retirements?category=chief")
            .await
            .status,
        400
    );
}
