//! Issue 22 in a real browser: the officer clicks "print the order", "download Excel" on the
//! annual report, the employee "download my record"; the files arrive and say what the
//! register says; the report's charts are drawn beside their tables.

use crate::browser::{browser, shots, sign_in};
use crate::documents::pdf_text;
use crate::fixture::App;

crate::on_every_backend!(downloads_arrive_from_the_pages_in_chromium);

async fn downloads_arrive_from_the_pages_in_chromium(app: &App) {
    let order = app.store.order_by_number("D01", "1/2553").await.unwrap().id;
    let base = format!("http://{}", app.addr);
    tokio::task::spawn_blocking(move || {
        let Some(b) = browser(1200, 1600) else {
            return;
        };
        sign_in(&b, &base, "hr01");
        b.goto(&format!("{base}/orders/{order}"));
        b.click("#order-pdf");
        let pdf = b.downloaded(".pdf").expect("the order's PDF downloads");
        let text: String = pdf_text(&pdf).split_whitespace().collect();
        assert!(
            text.contains("ที่๑/๒๕๕๓") && text.contains("นายสมชายใจดี"),
            "{text}"
        );

        b.goto(&format!("{base}/reports/annual?unit=D01&fy=2553"));
        assert!(b.wait_for("figure.chart svg"), "charts are drawn");
        assert!(b.exists("table.report-table"), "each chart has its table");
        b.screenshot(&shots().join("annual-report.png"));
        b.click("#download-xlsx");
        let xlsx = b.downloaded(".xlsx").expect("the workbook downloads");
        assert!(xlsx.starts_with(b"PK"));
        b.click("#download-pdf");
        let pdf = b.downloaded(".pdf").expect("the report's PDF downloads");
        let text: String = pdf_text(&pdf).split_whitespace().collect();
        assert!(text.contains("รายงานการบริหารและพัฒนาทรัพยากรบุคคล"), "{text}");

        b.click("header form button");
        b.wait_for_url(|u| u.ends_with("/login"));
        // An employee's home is their own record.
        b.type_into("#username", "emp0");
        b.type_into("#password", crate::fixture::PASSWORD);
        b.click("button[type=submit]");
        b.wait_for_url(|u| u.ends_with("/me"));
        b.click("#my-record-pdf");
        let pdf = b.downloaded(".pdf").expect("one's own record downloads");
        let text: String = pdf_text(&pdf).split_whitespace().collect();
        assert!(
            text.contains("ทะเบียนประวัติ") && text.contains("นายสมชายใจดี"),
            "{text}"
        );
    })
    .await
    .unwrap();
}
