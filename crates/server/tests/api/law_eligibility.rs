//! §43 through the API: who may enter the service, judged on the appointment date, each case
//! in the Act's words (nationality, age, loyalty, the disqualifications and ก.ก.'s waiver of
//! them, a political office resigned from).

use bmahr_core::personnel::{Category, Level};
use serde_json::{json, Value};

use crate::fixture::App;
use crate::law::{appoint, check, declared, order, passes, person, positions, refused, with, ON};

crate::on_every_backend!(section_43_on_the_appointment_date);

/// (case, national ID, eligibility (null: none), waiver (null: none), expected (code, field)).
type EntryCase<'a> = (&'a str, &'a str, Value, Value, Vec<(&'a str, String)>);

/// §43 on the appointment date, each case in the Act's words.
async fn section_43_on_the_appointment_date(app: &App) {
    positions(
        app,
        &[("103", "D01-ADM", Category::Ordinary, Level::Practitioner)],
    )
    .await;
    let (adult, _) = person(app, 10, "1990-01-01").await;
    // 18 years before the appointment day, the day after, and the day after that.
    let (born_18_years_before, _) = person(app, 11, "2006-10-01").await;
    let (completes_18_on_the_day, _) = person(app, 12, "2006-10-02").await;
    let (completes_18_the_day_after, _) = person(app, 13, "2006-10-03").await;
    let adult: &str = &adult;
    let born_18_years_before: &str = &born_18_years_before;
    let completes_18_on_the_day: &str = &completes_18_on_the_day;
    let completes_18_the_day_after: &str = &completes_18_the_day_after;

    let decl = |extra: Value| {
        let mut e = declared();
        if let (Some(o), Some(x)) = (e.as_object_mut(), extra.as_object()) {
            o.extend(x.clone());
        }
        e
    };
    let dq = |ground: &str, left: &str, corruption: bool| {
        decl(
            json!({"disqualifications": [{"ground": ground, "left_service_on": left, "corruption": corruption}]}),
        )
    };
    let waiver = |present: u32, in_favour: u32, secret: bool| {
        json!({"resolution": "มติ ก.ก. ครั้งที่ 5/2567", "decided_on": "2024-09-15",
               "present": present, "in_favour": in_favour, "secret_ballot": secret})
    };
    let good_waiver = waiver(20, 16, true);
    let f = |s: &str| format!("actions[1].{s}");
    let disq = f("eligibility.disqualifications[0]");
    let disq_left = f("eligibility.disqualifications[0].left_service_on");

    let cases: Vec<EntryCase> = vec![
        (
            "no declaration at all",
            adult,
            Value::Null,
            Value::Null,
            vec![("eligibility.declaration_required", f("eligibility"))],
        ),
        (
            "a clean declaration",
            adult,
            declared(),
            Value::Null,
            vec![],
        ),
        (
            "ก.(๑) มีสัญชาติไทย: not Thai",
            adult,
            decl(json!({"thai_national": false})),
            Value::Null,
            vec![("eligibility.nationality", f("eligibility.thai_national"))],
        ),
        (
            "ก.(๓) เลื่อมใสในการปกครองระบอบประชาธิปไตย: not loyal",
            adult,
            decl(json!({"loyal": false})),
            Value::Null,
            vec![("eligibility.loyalty", f("eligibility.loyal"))],
        ),
        (
            "ก.(๒) อายุไม่ต่ำกว่าสิบแปดปี: born 18 years before the day",
            born_18_years_before,
            declared(),
            Value::Null,
            vec![],
        ),
        (
            "ก.(๒): completes 18 on the appointment day (age counts from the day of birth)",
            completes_18_on_the_day,
            declared(),
            Value::Null,
            vec![],
        ),
        (
            "ก.(๒): completes 18 the day after the appointment",
            completes_18_the_day_after,
            declared(),
            Value::Null,
            vec![("eligibility.age", f("person"))],
        ),
        (
            "ข.(๗) ปลดออกเพราะกระทำผิดวินัย, no waiver",
            adult,
            dq("b7", "2020-01-01", false),
            Value::Null,
            vec![("eligibility.disqualified", disq.clone())],
        ),
        (
            "ข.(๗) waived by exactly four fifths of those present (16 of 20), secretly",
            adult,
            dq("b7", "2020-01-01", false),
            good_waiver.clone(),
            vec![],
        ),
        (
            "ข.(๗) waived by one vote fewer (15 of 20)",
            adult,
            dq("b7", "2020-01-01", false),
            waiver(20, 15, true),
            vec![
                ("waiver.votes", f("waiver.in_favour")),
                ("eligibility.disqualified", disq.clone()),
            ],
        ),
        (
            "ข.(๗) waived by 9 of 11 (four fifths is 8.8)",
            adult,
            dq("b7", "2020-01-01", false),
            waiver(11, 9, true),
            vec![],
        ),
        (
            "ข.(๗) waived by 8 of 11",
            adult,
            dq("b7", "2020-01-01", false),
            waiver(11, 8, true),
            vec![
                ("waiver.votes", f("waiver.in_favour")),
                ("eligibility.disqualified", disq.clone()),
            ],
        ),
        (
            "การลงมติให้กระทำโดยลับ: an open vote",
            adult,
            dq("b7", "2020-01-01", false),
            waiver(20, 20, false),
            vec![
                ("waiver.secret_ballot", f("waiver.secret_ballot")),
                ("eligibility.disqualified", disq.clone()),
            ],
        ),
        (
            "a waiver decided after the appointment date",
            adult,
            dq("b7", "2020-01-01", false),
            with(good_waiver.clone(), "decided_on", json!("2024-10-02")),
            vec![
                ("waiver.after_appointment", f("waiver.decided_on")),
                ("eligibility.disqualified", disq.clone()),
            ],
        ),
        (
            "ข.(๗) ออกจากราชการไปเกินสองปี: left exactly two years before (the anniversary)",
            adult,
            dq("b7", "2022-10-01", false),
            good_waiver.clone(),
            vec![
                ("eligibility.disqualified", disq.clone()),
                ("waiver.wait", disq_left.clone()),
            ],
        ),
        (
            "ข.(๗): left two years and a day before",
            adult,
            dq("b7", "2022-09-30", false),
            good_waiver.clone(),
            vec![],
        ),
        (
            "ข.(๖) ให้ออกจากรัฐวิสาหกิจ: at the anniversary",
            adult,
            dq("b6", "2022-10-01", false),
            good_waiver.clone(),
            vec![
                ("eligibility.disqualified", disq.clone()),
                ("waiver.wait", disq_left.clone()),
            ],
        ),
        (
            "ข.(๖): the day after",
            adult,
            dq("b6", "2022-09-30", false),
            good_waiver.clone(),
            vec![],
        ),
        (
            "ข.(๘) ไล่ออก ออกจากราชการไปเกินสามปี: at the third anniversary",
            adult,
            dq("b8", "2021-10-01", false),
            good_waiver.clone(),
            vec![
                ("eligibility.disqualified", disq.clone()),
                ("waiver.wait", disq_left.clone()),
            ],
        ),
        (
            "ข.(๘): three years and a day",
            adult,
            dq("b8", "2021-09-30", false),
            good_waiver.clone(),
            vec![],
        ),
        (
            "ข.(๘) ต้องมิใช่...เพราะเหตุทุจริตต่อหน้าที่: dismissed for corruption, even waived",
            adult,
            dq("b8", "2020-01-01", true),
            good_waiver.clone(),
            vec![
                ("eligibility.disqualified", disq.clone()),
                (
                    "waiver.corruption",
                    f("eligibility.disqualifications[0].corruption"),
                ),
            ],
        ),
        (
            "ข.(๗) with corruption: the bar stands in the clause of (๘) only",
            adult,
            dq("b7", "2020-01-01", true),
            good_waiver.clone(),
            vec![],
        ),
        (
            "ข.(๑) ก.ก. waives only (๓)–(๙)",
            adult,
            decl(json!({"disqualifications": [{"ground": "b1"}]})),
            good_waiver.clone(),
            vec![
                ("eligibility.disqualified", disq.clone()),
                (
                    "waiver.not_waivable",
                    f("eligibility.disqualifications[0].ground"),
                ),
            ],
        ),
        (
            "วรรคห้า การลาออกต้องมีผลก่อนวันบรรจุ: resignation effective on the appointment date",
            adult,
            decl(json!({"political_office": {"resignation_effective": ON}})),
            Value::Null,
            vec![(
                "eligibility.political_office",
                f("eligibility.political_office.resignation_effective"),
            )],
        ),
        (
            "วรรคห้า: resignation effective the day before",
            adult,
            decl(json!({"political_office": {"resignation_effective": "2024-09-30"}})),
            Value::Null,
            vec![],
        ),
        (
            "วรรคห้า: a political office holder who has not resigned",
            adult,
            decl(json!({"political_office": {}})),
            Value::Null,
            vec![(
                "eligibility.political_office",
                f("eligibility.political_office.resignation_effective"),
            )],
        ),
    ];
    for (case, who, eligibility, waiver, want) in cases {
        let mut a = appoint(who, "103");
        match eligibility {
            Value::Null => {
                a.as_object_mut().unwrap().remove("eligibility");
            }
            e => a["eligibility"] = e,
        }
        if !waiver.is_null() {
            a["waiver"] = waiver;
        }
        let r = check(app, order("1/2567", "D01", json!({}), json!([a]))).await;
        if want.is_empty() {
            passes(&r, case);
        } else {
            let want: Vec<(&str, &str)> = want.iter().map(|(c, f)| (*c, f.as_str())).collect();
            let j = refused(&r, &want, case);
            let sections: Vec<&str> = j["errors"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["section"].as_str().unwrap())
                .collect();
            assert!(
                sections.iter().all(|s| s.starts_with("§43")),
                "{case}: {sections:?}"
            );
        }
    }
}
