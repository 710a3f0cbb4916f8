//! Thai dictionary order (issue 22): `ORDER BY … COLLATE thai` sorts on both backends as
//! `bmahr_core::thai_order` does in memory, and the lists sorted by name follow it. Names
//! beginning with เ แ โ ใ ไ are the test: code-point order files them after ฮ.

use bmahr_core::identity::check_digit;
use bmahr_core::person::{NewPerson, PersonFields};
use bmahr_core::{thai_order, FiscalYear};
use bmahr_store::{Store, THAI};

use crate::fixtures::{d, meta, raw, small_bma};

crate::on_every_backend!(
    sql_collate_thai_sorts_as_the_core_does,
    people_sorted_by_name_in_sql,
    search_lists_people_in_thai_order,
    retirees_without_a_position_are_listed_by_name,
);

/// Thai dictionary order of the names of the issue, shuffled below.
const IN_ORDER: [&str; 9] = [
    "กมล",
    "เกษม",
    "แก้ว",
    "โกวิท",
    "ขวัญ",
    "ใจดี",
    "ปรีชา",
    "ไพศาล",
    "ฮาซัน",
];

/// The same names in the order they are registered.
const SHUFFLED: [&str; 9] = [
    "ไพศาล",
    "ฮาซัน",
    "เกษม",
    "ขวัญ",
    "โกวิท",
    "กมล",
    "ใจดี",
    "แก้ว",
    "ปรีชา",
];

/// Words to sort: the names, tone marks, Latin and digits, and 300 made of Thai
/// consonants, vowels (leading ones too) and tone marks, Latin letters, digits and spaces.
fn words() -> Vec<String> {
    let mut out: Vec<String> = IN_ORDER.iter().map(|s| s.to_string()).collect();
    out.extend(
        [
            "กา",
            "ก่า",
            "ก้า",
            "กาก",
            "เก",
            "ขา",
            "10",
            "2",
            "anna",
            "Anna",
            "Zoe",
            "ฤดี",
            "ฦๅ",
        ]
        .map(String::from),
    );
    let alphabet: Vec<char> = "กขคงจชซญดตถทนบปผพฟมยรลวศษสหอฮฤะัาำิีึืุูเแโใไ็่้๊๋์ aBzZ09-"
        .chars()
        .collect();
    let mut x: u64 = 2567;
    let mut next = |n: usize| {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (x >> 33) as usize % n
    };
    for _ in 0..300 {
        let len = 1 + next(6);
        out.push((0..len).map(|_| alphabet[next(alphabet.len())]).collect());
    }
    out
}

async fn sql_collate_thai_sorts_as_the_core_does(store: Store) {
    let db = raw(&store).await;
    sqlx::query("CREATE TABLE thai_words (w TEXT NOT NULL)")
        .execute(&db)
        .await
        .expect("table");
    let words = words();
    for w in &words {
        sqlx::query("INSERT INTO thai_words (w) VALUES ($1)")
            .bind(w)
            .execute(&db)
            .await
            .expect("word");
    }
    let sql: Vec<String> = sqlx::query_scalar(&format!(
        "SELECT w FROM thai_words ORDER BY w COLLATE {THAI}"
    ))
    .fetch_all(&db)
    .await
    .expect("sorted");
    let mut memory = words.clone();
    memory.sort_by(|a, b| thai_order(a, b));
    assert_eq!(sql, memory, "SQL and memory disagree");
    let names: Vec<&String> = sql
        .iter()
        .filter(|w| IN_ORDER.contains(&w.as_str()))
        .collect();
    assert_eq!(names, IN_ORDER);
    // A comparison in SQL, not only a sort.
    let less: i64 =
        sqlx::query_scalar("SELECT CASE WHEN 'ไพศาล' < 'ฮาซัน' COLLATE thai THEN 1 ELSE 0 END")
            .fetch_one(&db)
            .await
            .expect("compare");
    assert_eq!(less, 1);
    db.close().await;
}

/// A valid national ID from a serial number.
fn national_id(serial: u64) -> String {
    let mut first12 = [0u8; 12];
    let digits = format!("1{serial:011}");
    for (i, c) in digits.bytes().enumerate() {
        first12[i] = c - b'0';
    }
    format!("{digits}{}", check_digit(&first12))
}

/// Registers people with these Thai first names (and a last name each), born on `birth`;
/// returns their ids in the same order.
async fn register(store: &Store, names: &[(&str, &str)], birth: &str) -> Vec<i64> {
    let today = d(2026, 1, 1);
    let ids: Vec<String> = (0..names.len())
        .map(|i| national_id(900_000 + i as u64))
        .collect();
    let people: Vec<NewPerson> = names
        .iter()
        .zip(&ids)
        .map(|((first, last), nid)| {
            NewPerson::from_fields(
                &PersonFields {
                    national_id: nid,
                    title: "นาย",
                    first_th: first,
                    last_th: last,
                    first_en: "Test",
                    last_en: "Person",
                    birth_date: birth,
                    gender: "ชาย",
                    ..Default::default()
                },
                today,
            )
            .expect("person")
        })
        .collect();
    store
        .create_people(&people, &meta("hr", "2026-01-01T00:00:00Z"))
        .await
        .expect("people")
}

async fn people_sorted_by_name_in_sql(store: Store) {
    let mut names: Vec<(&str, &str)> = SHUFFLED.iter().map(|f| (*f, "ทดสอบ")).collect();
    // One first name twice: the last name decides, in Thai order too (แก้วมณี under ก).
    names.push(("เกษม", "ชื่นชม"));
    names.push(("เกษม", "แก้วมณี"));
    register(&store, &names, "1990-01-01").await;
    let db = raw(&store).await;
    // The same SQL text on both backends.
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT first_th, last_th FROM person_names \
         ORDER BY first_th COLLATE thai, last_th COLLATE thai",
    )
    .fetch_all(&db)
    .await
    .expect("names");
    db.close().await;
    let mut memory = names
        .iter()
        .map(|(f, l)| (f.to_string(), l.to_string()))
        .collect::<Vec<_>>();
    memory.sort_by(|a, b| thai_order(&a.0, &b.0).then_with(|| thai_order(&a.1, &b.1)));
    assert_eq!(rows, memory);
    let firsts: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(
        firsts,
        [
            "กมล",
            "เกษม",
            "เกษม",
            "เกษม",
            "แก้ว",
            "โกวิท",
            "ขวัญ",
            "ใจดี",
            "ปรีชา",
            "ไพศาล",
            "ฮาซัน"
        ]
    );
    assert_eq!(rows[1].1, "แก้วมณี");
    assert_eq!(rows[2].1, "ชื่นชม");
}

async fn search_lists_people_in_thai_order(store: Store) {
    let names: Vec<(&str, &str)> = SHUFFLED.iter().map(|f| (*f, "ทดสอบ")).collect();
    register(&store, &names, "1990-01-01").await;
    let search = |limit: i64, offset: i64| {
        let store = store.clone();
        async move {
            let (hits, total) = store
                .search_people("ทดสอบ", d(2026, 6, 1), None, None, limit, offset)
                .await
                .expect("search");
            let firsts: Vec<String> = hits.into_iter().map(|h| h.person.name.first_th).collect();
            (firsts, total)
        }
    };
    let (all, total) = search(20, 0).await;
    assert_eq!(total, 9);
    assert_eq!(all, IN_ORDER);
    // Pages follow the same order.
    assert_eq!(search(3, 3).await.0, ["โกวิท", "ขวัญ", "ใจดี"]);
}

async fn retirees_without_a_position_are_listed_by_name(store: Store) {
    small_bma(&store).await;
    // Born 5 May 1966: they complete 60 in FY 2569.
    let names: Vec<(&str, &str)> = SHUFFLED.iter().map(|f| (*f, "ทดสอบ")).collect();
    let ids = register(&store, &names, "1966-05-05").await;
    let on = d(2026, 1, 1);
    let unit = store.unit_by_code("D01", on).await.expect("unit").id;
    // In service in one unit without a position: unit and position number tie, and the
    // names decide.
    let db = raw(&store).await;
    for id in &ids {
        sqlx::query(
            "INSERT INTO register_spans (person_id, valid_from, valid_to, status, position_id, \
             unit_id, category, level, service_start) \
             VALUES ($1, '2020-01-01', '9999-12-31', 'active', NULL, $2, 'ordinary', \
             'practitioner', '2020-01-01')",
        )
        .bind(id)
        .bind(unit)
        .execute(&db)
        .await
        .expect("span");
    }
    db.close().await;
    let (r, total) = store
        .retirees(FiscalYear::be(2569), on, None, 20, 0)
        .await
        .expect("retirees");
    assert_eq!(total, 9);
    let firsts: Vec<&str> = r.iter().map(|p| p.name.first_th.as_str()).collect();
    assert_eq!(firsts, IN_ORDER);
    let (page, _) = store
        .retirees(FiscalYear::be(2569), on, None, 2, 7)
        .await
        .expect("last page");
    let firsts: Vec<&str> = page.iter().map(|p| p.name.first_th.as_str()).collect();
    assert_eq!(firsts, ["ไพศาล", "ฮาซัน"]);
}
