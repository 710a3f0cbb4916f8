//! The templates typeset real Thai: text comes back out of the PDF (pdftotext) as it went in,
//! stacked marks and all, and a long annex breaks across pages with its header repeated.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use bmahr_docs::{render, Cell, Emblem, Sheet, Template};

/// The text of a PDF, as a reader's copy-and-paste would get it (poppler's pdftotext).
fn text_of(pdf: &[u8]) -> String {
    let dir =
        std::env::temp_dir().join(format!("bmahr_docs_{}_{}", std::process::id(), fastrand()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("t.pdf");
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-layout", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed by .ci/run");
    let _ = std::fs::remove_dir_all(&dir);
    String::from_utf8(out.stdout).unwrap()
}

fn fastrand() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0)
}

/// Pages of a PDF, as poppler's pdfinfo counts them.
fn pages(pdf: &[u8]) -> usize {
    let path = std::env::temp_dir().join(format!(
        "bmahr_pages_{}_{}.pdf",
        std::process::id(),
        fastrand()
    ));
    std::fs::write(&path, pdf).unwrap();
    let out = std::process::Command::new("pdfinfo")
        .arg(&path)
        .output()
        .expect("pdfinfo (poppler-utils)");
    let _ = std::fs::remove_file(&path);
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:").map(|n| n.trim().parse().unwrap()))
        .unwrap()
}

/// Words with stacked vowels and tone marks, and a line long enough to break.
const THAI: &str = "ผู้ใหญ่ญี่ปุ่นกินก๋วยเตี๋ยวน้ำใสที่ร้านริมคลองบางกอกน้อย";

#[test]
fn a_sheet_prints_its_thai_text_and_numbers() {
    let mut s = Sheet::new("รายชื่อ ทดสอบ", &["ชื่อ", "จำนวน"]);
    s.rows.push(vec![Cell::from(THAI), Cell::from(1234567i64)]);
    s.rows
        .push(vec![Cell::from("นางสาวเกษมศรี ใจดี"), Cell::from(7i64)]);
    s.printed = "พิมพ์โดย tester".into();
    let pdf = s.to_pdf().unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let text = text_of(&pdf);
    let flat: String = text.split_whitespace().collect();
    assert!(flat.contains("รายชื่อ"), "{text}");
    assert!(flat.contains("นางสาวเกษมศรี"), "{text}");
    assert!(flat.contains("1,234,567"), "{text}");
    // The long Thai cell comes back whole, in order, though broken across lines.
    assert!(flat.contains("ผู้ใหญ่ญี่ปุ่น"), "{text}");
    assert!(flat.contains("ก๋วยเตี๋ยว"), "{text}");
}

#[test]
fn a_long_table_repeats_its_header_on_every_page() {
    let mut s = Sheet::new("ยาว", &["ลำดับ", "ชื่อ"]);
    for i in 0..300 {
        s.rows.push(vec![
            Cell::from(i as i64),
            Cell::from(format!("นายสมชาย ใจดี {i}")),
        ]);
    }
    let pdf = s.to_pdf().unwrap();
    let n = pages(&pdf);
    assert!(n >= 5, "{n} pages");
    let text = text_of(&pdf);
    assert_eq!(
        text.matches("ลำดับ").count(),
        n,
        "the header on each of {n} pages"
    );
    assert!(text.contains("นายสมชาย ใจดี 299"));
}

#[test]
fn a_workbook_keeps_numbers_as_numbers_and_ids_as_text() {
    let mut s = Sheet::new("xlsx", &["เลขประจำตัว", "จำนวน"]);
    s.rows
        .push(vec![Cell::from("0100000000001"), Cell::from(42i64)]);
    let bytes = s.to_xlsx().unwrap();
    assert!(bytes.starts_with(b"PK"), "an XLSX is a zip");
    assert!(bytes.len() > 1000);
}

#[test]
fn an_order_with_an_annex_typesets() {
    let post = |u: &str| serde_json::json!({"unit": u, "title": "นักทรัพยากรบุคคล", "level": "ชำนาญการ", "no": "๑๒๓", "salary": "๓๒,๕๔๐"});
    let rows: Vec<_> = (1..=40)
        .map(|i| serde_json::json!({"n": i.to_string(), "name": format!("นางแก้วตา ทองดี {i}"), "old": post("ฝ่ายปกครอง"), "new": post("ฝ่ายการคลัง"), "note": "ย้าย"}))
        .collect();
    let doc = serde_json::json!({
        "title": "คำสั่ง", "heading": "คำสั่งสำนักงานเขตบางกอกน้อย", "number": "๑๒/๒๕๖๙",
        "subject": "ย้ายข้าราชการ", "body": [THAI], "corrects": null,
        "effective": "ทั้งนี้ ตั้งแต่วันที่ ๑ ตุลาคม พ.ศ. ๒๕๖๙ เป็นต้นไป",
        "signed_on": "สั่ง ณ วันที่ ๒๕ กันยายน พ.ศ. ๒๕๖๙", "signer": "นายทดสอบ ระบบ",
        "signer_position": "ผู้อำนวยการเขตบางกอกน้อย",
        "annex_title": "บัญชีรายละเอียดแนบท้ายคำสั่ง", "rows": rows,
    });
    let pdf = render(Template::Order, &doc, &Emblem::default()).unwrap();
    let text = text_of(&pdf);
    let flat: String = text.split_whitespace().collect();
    for want in [
        "คำสั่งสำนักงานเขตบางกอกน้อย",
        "ที่๑๒/๒๕๖๙",
        "ทั้งนี้ตั้งแต่วันที่๑ตุลาคมพ.ศ.๒๕๖๙เป็นต้นไป",
        "สั่งณวันที่๒๕กันยายนพ.ศ.๒๕๖๙",
        "(นายทดสอบระบบ)",
        "บัญชีรายละเอียดแนบท้ายคำสั่ง",
        "ตำแหน่งและส่วนราชการเดิม",
    ] {
        assert!(flat.contains(want), "{want} missing from\n{text}");
    }
    // Every one of the 40 rows, across the annex's pages.
    assert_eq!(flat.matches("นางแก้วตา").count(), 40, "{text}");
    assert!(pages(&pdf) >= 3, "letter page and a multi-page annex");
}

#[test]
fn an_emblem_must_be_an_image() {
    assert!(Emblem::from_bytes(b"not an image".to_vec()).is_err());
    assert!(Emblem::from_bytes(b"\x89PNG\r\n\x1a\n....".to_vec()).is_ok());
    assert!(Emblem::from_bytes(br#"<svg xmlns="http://www.w3.org/2000/svg"/>"#.to_vec()).is_ok());
}
