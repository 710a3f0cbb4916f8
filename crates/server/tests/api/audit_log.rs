//! The audit log and "who opened my record" as people read them: a person found by name, the
//! kind, reason and detail of each event in the page's language, a viewer named by role and
//! unit, and the channel in words.

use crate::fixture::App;

crate::on_every_backend!(
    the_log_is_searched_by_name_and_reads_in_both_languages,
    my_record_names_its_viewers_by_role_unit_and_channel
);

/// The rows of the page's event table (`#events`), as text without tags.
fn events(body: &str) -> String {
    let start = body.find("id=\"events\"").unwrap_or(0);
    let end = body[start..]
        .find("</table>")
        .map_or(body.len(), |e| start + e);
    body[start..end].to_string()
}

/// Every cell of an XLSX workbook, joined by `|`.
fn cells(bytes: &[u8]) -> String {
    use calamine::{Reader, Xlsx};
    let mut wb: Xlsx<_> =
        Xlsx::new(std::io::Cursor::new(bytes.to_vec())).expect("an XLSX workbook");
    let mut out = Vec::new();
    for name in wb.sheet_names() {
        let range = wb.worksheet_range(&name).expect("a worksheet");
        for row in range.rows() {
            out.extend(row.iter().map(|c| c.to_string()));
        }
    }
    out.join("|")
}

async fn the_log_is_searched_by_name_and_reads_in_both_languages(app: &App) {
    // A refusal to record: D01's officer opens a person of D02.
    let other = app.person[2];
    let r = app.get_as("hr01", &format!("/people/{other}")).await;
    assert_eq!(r.status, 403, "{}", r.body);

    // A name (with its title), not a number: the log of whoever bears it.
    let r = app
        .get_as("aud", "/audit?person=%E0%B8%A7%E0%B8%B5%E0%B8%A3%E0%B8%B0")
        .await; // วีระ
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("id=\"named\""), "{}", r.body);
    assert!(
        r.body.contains(&format!("href=\"/audit?person={other}\"")),
        "the person the name matches is offered"
    );
    let rows = events(&r.body);
    assert!(rows.contains("ปฏิเสธการเข้าถึง"), "{rows}");
    assert!(
        rows.contains(&format!("บุคคลรหัส {other} อยู่นอกหน่วยงานในความรับผิดชอบ")),
        "{rows}"
    );
    assert!(
        !rows.contains("สมชาย") && !rows.contains("สมศรี"),
        "only the named person's events: {rows}"
    );
    // The download follows the same filter.
    let file = app
        .get_as(
            "aud",
            "/audit?person=%E0%B8%A7%E0%B8%B5%E0%B8%A3%E0%B8%B0&format=xlsx",
        )
        .await;
    assert_eq!(file.status, 200, "{}", file.body);
    let cells = cells(&file.bytes);
    assert!(cells.contains("access.denied"), "{cells}");
    assert!(
        !cells.contains("สมชาย") && !cells.contains("สมศรี"),
        "{cells}"
    );

    // English: the kind, the reason and the detail in English.
    let r = app
        .get_as("aud", "/audit?person=Weera&action=access.denied&lang=en")
        .await;
    assert_eq!(r.status, 200, "{}", r.body);
    let rows = events(&r.body);
    assert!(rows.contains("access refused"), "{rows}");
    assert!(
        rows.contains(&format!("person {other} is outside the user")),
        "{rows}"
    );
    assert!(!rows.contains("ปฏิเสธการเข้าถึง"), "{rows}");

    // A name nobody bears finds nothing, not every event.
    let r = app.get_as("aud", "/audit?person=Nobody%20Atall").await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert!(r.body.contains("ไม่พบบุคคลที่ชื่อนี้"), "{}", r.body);
    assert!(events(&r.body).contains("ไม่พบรายการ"));
}

async fn my_record_names_its_viewers_by_role_unit_and_channel(app: &App) {
    let me = app.person[0];
    let r = app.get_as("hr01", &format!("/people/{me}")).await;
    assert_eq!(r.status, 200, "{}", r.body);
    // The read is written by group commit: wait until it shows.
    let mut page = String::new();
    for _ in 0..100 {
        page = app.get_as("emp0", "/me").await.body;
        if page.contains("class=\"viewer\"") && page.contains("หน้าเว็บ") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(30)).await;
    }
    assert!(
        page.contains("เจ้าหน้าที่บริหารงานบุคคล หน่วย D01"),
        "the viewer by role and unit: {page}"
    );
    assert!(page.contains("หน้าเว็บ"), "the channel in words: {page}");
    let en = app.get_as("emp0", "/me?lang=en").await.body;
    assert!(en.contains("agency HR officer, Unit D01"), "{en}");
    assert!(en.contains("web page"), "{en}");
    assert!(!en.contains(">page<"), "{en}");
}
