use serde_json::Value;

use crate::{text, Db};

crate::on_every_backend!(demo_has_the_asked_shape, demo_refuses_a_database_with_data);

/// DOMAIN §1: the asked headcount in the BMA's proportions, ~5% vacancies, retirements in
/// every coming fiscal year, and the register holds history.
async fn demo_has_the_asked_shape(db: &Db) {
    db.ok(&[
        "demo",
        "--people",
        "1740",
        "--seed",
        "11",
        "--today",
        "2026-11-23",
    ]);
    let s: Value =
        serde_json::from_str(&db.ok(&["report", "summary", "--as-of", "23/11/2569", "--json"]))
            .expect("json");
    assert_eq!(s["in_service"], 1740);
    let by = |code: &str| {
        s["by_category"]
            .as_array()
            .expect("array")
            .iter()
            .find(|c| c["category"] == code)
            .expect("category")
            .clone()
    };
    // 16 : 23 : 32 : 16 of 87.
    assert_eq!(by("teacher")["in_service"], 1740 * 16 / 87);
    assert_eq!(by("ordinary")["in_service"], 1740 * 23 / 87);
    assert_eq!(by("permanent_employee")["in_service"], 1740 * 32 / 87);
    let frame = s["positions_in_frame"].as_i64().expect("frame") as f64;
    let vacant = s["vacant"].as_i64().expect("vacant") as f64;
    assert!(
        (0.03..0.08).contains(&(vacant / frame)),
        "vacancy rate {}",
        vacant / frame
    );
    let retiring = s["retiring"].as_array().expect("retiring");
    assert_eq!(retiring.len(), 5);
    assert!(
        retiring.iter().all(|r| r["count"].as_i64().expect("n") > 0),
        "{retiring:?}"
    );
    assert!(s["orders"].as_i64().expect("orders") > 1_000);
    assert!(
        s["people_registered"].as_i64().expect("people") > 1740,
        "separated people stay in the register"
    );
    // The demo's case files fill seed 002's complaint table: five complaints received in
    // FY 2569 (one more came in FY 2570), and the table goes to a sheet.
    let r = db.ok(&["report", "discipline", "--fy", "2569"]);
    let totals: Vec<&str> = r.lines().filter(|l| l.starts_with("รวม")).collect();
    assert_eq!(totals.len(), 2, "{r}");
    assert!(totals[1].ends_with("\t5"), "{r}");
    let sheet = std::env::temp_dir().join(format!("bmahr-discipline-{}.xlsx", std::process::id()));
    db.ok(&[
        "report",
        "discipline",
        "--fy",
        "2569",
        "--out",
        sheet.to_str().expect("path"),
    ]);
    assert!(std::fs::metadata(&sheet).expect("sheet written").len() > 1000);
    let _ = std::fs::remove_file(&sheet);
    // The periods the demo loaded agree with the fold of its orders, today and in the past.
    for on in ["2026-11-23", "2015-06-30"] {
        assert!(db.ok(&["check", "--as-of", on]).contains("agrees"));
    }
    // The same command on the same seed and day gives the same numbers: compare a second build.
    let other = Db::new(db.backend).await;
    other.ok(&[
        "demo",
        "--people",
        "1740",
        "--seed",
        "11",
        "--today",
        "2026-11-23",
    ]);
    let s2: Value =
        serde_json::from_str(&other.ok(&["report", "summary", "--as-of", "23/11/2569", "--json"]))
            .expect("json");
    assert_eq!(s, s2);
    other.finish().await;
}

async fn demo_refuses_a_database_with_data(db: &Db) {
    db.ok(&["demo", "--people", "300", "--today", "2026-11-23"]);
    let o = db.run(&["demo", "--people", "300", "--today", "2026-11-23"]);
    assert!(!o.status.success());
    assert!(
        text(&o.stderr).contains("ฐานข้อมูลมีข้อมูลแล้ว"),
        "{}",
        text(&o.stderr)
    );
}
