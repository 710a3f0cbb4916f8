use bmahr_store::AuditQuery;

use crate::fixture::{App, NID};

crate::on_every_backend!(
    each_role_reads_what_it_may_and_refusals_are_logged,
    search_is_scoped_and_paged,
    opening_a_record_is_logged_and_shown_to_its_owner,
    the_record_page_shows_its_trail_to_those_who_read_the_log,
    bad_parameters_name_the_field,
);

/// Issue 4: an officer of one district reading a person of another must fail and be logged.
async fn each_role_reads_what_it_may_and_refusals_are_logged(app: &App) {
    let p0 = app.person[0]; // in D01
    let p2 = app.person[2]; // in D02
    let path = |p: i64| format!("/api/v1/people/{p}");
    // (user, person, expected status)
    let cases = [
        ("admin", p0, 200),
        ("admin", p2, 200),
        ("hr01", p0, 200),
        ("hr01", p2, 403),
        ("hr02", p0, 403),
        ("hr02", p2, 200),
        ("sup01", p0, 200),
        ("sup01", p2, 403),
        ("emp0", p0, 200),
        ("emp0", p2, 403),
        ("aud", p0, 200),
    ];
    for (user, p, want) in cases {
        let r = app.get_as(user, &path(p)).await;
        assert_eq!(r.status, want, "{user} reading {p}: {}", r.body);
        let r = app
            .get_as(user, &format!("{}/history?as_of=01/01/2563", path(p)))
            .await;
        assert_eq!(r.status, want, "{user} history of {p}");
    }
    // Full national ID and contact only to roles that need them and to the person.
    let id_as = |b: serde_json::Value| b["national_id"].as_str().unwrap().to_string();
    assert_eq!(id_as(app.get_as("hr01", &path(p0)).await.json()), NID[0]);
    assert_eq!(id_as(app.get_as("emp0", &path(p0)).await.json()), NID[0]);
    let masked = app.get_as("sup01", &path(p0)).await.json();
    assert!(id_as(masked.clone()).starts_with("x-xxxx"), "{masked}");
    assert_eq!(masked["phone"], "***");
    assert!(id_as(app.get_as("aud", &path(p0)).await.json()).starts_with("x-xxxx"));
    // The refusal left a trace naming who tried and whom.
    let denied = app
        .store
        .audit(&AuditQuery {
            actor: Some("hr02".into()),
            ..Default::default()
        })
        .await
        .unwrap();
    assert!(
        denied
            .iter()
            .any(|e| e.action == "access.denied" && e.person_id == Some(p0)),
        "{denied:?}"
    );
    // Whole-BMA figures and the audit log: the Office and auditors only.
    for (user, want) in [("admin", 200), ("aud", 200), ("hr01", 403), ("emp0", 403)] {
        assert_eq!(
            app.get_as(user, "/api/v1/summary").await.status,
            want,
            "{user} summary"
        );
        assert_eq!(
            app.get_as(user, "/api/v1/audit").await.status,
            want,
            "{user} audit"
        );
    }
    let s = app
        .get_as("admin", "/api/v1/summary?as_of=2020-01-01")
        .await
        .json();
    assert_eq!(s["in_service"], 3);
}

async fn search_is_scoped_and_paged(app: &App) {
    let names = |user: &'static str, q: &'static str| async move {
        let b = app
            .get_as(user, &format!("/api/v1/people?q={}", urlencode(q)))
            .await
            .json();
        let mut v: Vec<String> = b["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["name_th"].as_str().unwrap().to_string())
            .collect();
        v.sort();
        (v, b["total"].as_i64().unwrap())
    };
    // A Thai fragment of two characters, any part of the name.
    let (all, total) = names("admin", "สม").await;
    assert_eq!((all.len(), total), (2, 2), "{all:?}");
    assert_eq!(names("hr01", "สม").await.0.len(), 2);
    assert_eq!(
        names("hr02", "สม").await.0.len(),
        0,
        "D02's officer sees no one of D01"
    );
    assert_eq!(names("hr02", "วีระ").await.0, vec!["นายวีระ กล้าหาญ"]);
    assert_eq!(names("admin", "มีสุข").await.0, vec!["นายสมศรี มีสุข"]);
    assert_eq!(
        names("admin", "weera").await.0,
        vec!["นายวีระ กล้าหาญ"],
        "English, any case"
    );
    assert_eq!(
        names("admin", NID[1]).await.0,
        vec!["นายสมศรี มีสุข"],
        "by national ID"
    );
    assert_eq!(
        names("admin", "201").await.0,
        vec!["นายวีระ กล้าหาญ"],
        "by position number"
    );
    // Paging.
    let b = app
        .get_as(
            "admin",
            &format!("/api/v1/people?q={}&per_page=1&page=2", urlencode("สม")),
        )
        .await
        .json();
    assert_eq!(
        (
            b["items"].as_array().unwrap().len(),
            b["total"].as_i64().unwrap(),
            b["page"].as_i64().unwrap()
        ),
        (1, 2, 2)
    );
    // An employee does not search the register.
    assert_eq!(app.get_as("emp0", "/api/v1/people?q=x").await.status, 403);
}

async fn opening_a_record_is_logged_and_shown_to_its_owner(app: &App) {
    let p0 = app.person[0];
    assert_eq!(
        app.get_as("hr01", &format!("/api/v1/people/{p0}"))
            .await
            .status,
        200
    );
    let r = app
        .get_as("emp0", &format!("/api/v1/people/{p0}/views"))
        .await;
    assert_eq!(r.status, 200);
    let viewers: Vec<String> = r.json()["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["actor"].as_str().unwrap().to_string())
        .collect();
    assert!(viewers.contains(&"hr01".to_string()), "{viewers:?}");
    // Someone else's viewers are not the employee's business.
    assert_eq!(
        app.get_as("emp0", &format!("/api/v1/people/{}/views", app.person[1]))
            .await
            .status,
        403
    );
}

/// Auditors and central administrators see the record's trail: the events before this
/// opening (earlier openings included); an HR officer sees no trail.
async fn the_record_page_shows_its_trail_to_those_who_read_the_log(app: &App) {
    let p0 = app.person[0];
    let trail_of = |body: &str| -> Option<String> {
        let start = body.find("id=\"trail\"")?;
        Some(body[start..start + body[start..].find("</table>")?].to_string())
    };
    let r = app.get_as("hr01", &format!("/people/{p0}")).await;
    assert_eq!(r.status, 200);
    assert_eq!(trail_of(&r.body), None, "no trail for an HR officer");
    // The trail: the record's events but its openings (hr01's just now), in words.
    let first = app.get_as("aud", &format!("/people/{p0}")).await;
    let trail = trail_of(&first.body).expect("a trail for the auditor");
    assert!(
        trail.contains("title=\"order.apply\">ลงนาม&#x2f;บันทึกคำสั่ง"),
        "the appointment's order: {trail}"
    );
    assert!(
        trail.contains("title=\"person.create\">ลงทะเบียนบุคคล"),
        "the registration: {trail}"
    );
    assert!(!trail.contains("person.view"), "no openings: {trail}");
    // A change to the record is on the next opening: the trail kept with the profile
    // is dropped with the change.
    let m = bmahr_store::WriteMeta {
        actor: "hrchange".into(),
        at: "2026-01-02T03:00:00Z".into(),
        reason: "test".into(),
        request_ref: None,
    };
    let version = app.store.person_by_id(p0).await.unwrap().version;
    app.store
        .update_contact(p0, "0899999999", "p0@bma.go.th", version, &m)
        .await
        .unwrap();
    let again = app.get_as("aud", &format!("/people/{p0}")).await;
    let trail = trail_of(&again.body).expect("a trail");
    assert!(
        trail.contains("hrchange") && trail.contains("title=\"person.contact_update\""),
        "the contact change: {trail}"
    );
    // An event naming the person without changing the record (here, a refusal) is
    // there too; on PostgreSQL another server's memory hears of it within moments.
    app.store
        .record_event(
            &bmahr_store::WriteMeta {
                actor: "prober".into(),
                ..m
            },
            "access.denied",
            Some(p0),
            "test",
        )
        .await
        .unwrap();
    let mut seen = String::new();
    for _ in 0..100 {
        let page = app.get_as("aud", &format!("/people/{p0}")).await;
        seen = trail_of(&page.body).expect("a trail");
        if seen.contains("prober") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(seen.contains("prober"), "the refusal within 5 s: {seen}");
    // The page links to every event of the record and to its openings apart.
    let all = format!("/audit?person={p0}");
    assert!(
        again.body.contains(&format!("href=\"{all}\"")),
        "a link to the record's whole log"
    );
    let openings = format!("/audit?person={p0}&amp;action=person.view");
    assert!(
        again.body.contains(&format!("href=\"{openings}\"")),
        "a link to the record's openings"
    );
    let log = app
        .get_as("aud", &format!("/audit?person={p0}&action=person.view"))
        .await;
    assert_eq!(log.status, 200);
    let events = &log.body[log.body.find("id=\"events\"").unwrap()..];
    assert!(events.contains("hr01"), "the officer's opening in the log");
    assert!(
        events.contains(">aud<"),
        "the auditor's openings in the log"
    );
    assert!(!events.contains("hrchange"), "only openings: {events}");
    // An unknown kind is refused, naming the field.
    let bad = app
        .get_as("aud", &format!("/audit?person={p0}&action=nope"))
        .await;
    assert_eq!(bad.status, 400);
    assert!(bad.body.contains("action"), "{}", bad.body);
}

async fn bad_parameters_name_the_field(app: &App) {
    let r = app
        .get_as(
            "admin",
            &format!("/api/v1/people/{}/history?as_of=31/02/2567", app.person[0]),
        )
        .await;
    assert_eq!(r.status, 400);
    let b = r.json();
    assert_eq!(
        (b["code"].as_str().unwrap(), b["field"].as_str().unwrap()),
        ("date.format", "as_of")
    );
    let r = app.get_as("admin", "/api/v1/people/999999").await;
    assert_eq!(
        (r.status, r.json()["code"].as_str().unwrap()),
        (404, "not_found")
    );
    assert_eq!(
        app.get_as("hr01", "/api/v1/people/999999").await.status,
        403,
        "a scoped role learns nothing of people outside it"
    );
}

fn urlencode(s: &str) -> String {
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
