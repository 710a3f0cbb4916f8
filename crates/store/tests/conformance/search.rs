use bmahr_core::person::{PersonName, Title};
use bmahr_core::NationalId;
use bmahr_store::{Backend, Store};

use crate::fixtures::{d, meta, order, small_bma, NID};

crate::on_every_backend!(
    search_by_fragment_id_and_position_in_scope_and_after_a_rename,
    a_name_committed_late_is_found,
);

/// First Thai names of a search page, in order.
async fn names(store: &Store, q: &str, units: Option<&[i64]>) -> (Vec<String>, i64) {
    let (hits, total) = store
        .search_people(q, d(2024, 6, 1), units, None, 20, 0)
        .await
        .expect("search");
    (
        hits.into_iter().map(|h| h.person.name.first_th).collect(),
        total,
    )
}

async fn search_by_fragment_id_and_position_in_scope_and_after_a_rename(store: Store) {
    small_bma(&store).await;
    let m = meta("hr", "2020-01-01T00:00:00Z");
    store
        .apply_order(
            &order(
                "1/2563",
                "2020-01-01",
                serde_json::json!([
                    {"kind": "appoint", "eligibility": {"thai_national": true, "loyal": true}, "person": NID[0], "position_no": "101", "salary": "15000"},
                    {"kind": "appoint", "eligibility": {"thai_national": true, "loyal": true}, "person": NID[1], "position_no": "103", "salary": "15000"},
                ]),
            ),
            &m,
        )
        .await
        .expect("appoint");
    // A two-character Thai fragment, in name order; English ignores case.
    assert_eq!(
        names(&store, "สม", None).await,
        (vec!["สมชาย".into(), "สมศักดิ์".into()], 2)
    );
    assert_eq!(names(&store, "  sOMs ", None).await.0, vec!["สมศักดิ์"]);
    assert_eq!(names(&store, "ชาย ใจ", None).await.0, vec!["สมชาย"]);
    // Typed with the title, as names are written.
    assert_eq!(names(&store, "นายสมชาย ใจดี", None).await.0, vec!["สมชาย"]);
    assert_eq!(names(&store, "Mr. Somsak", None).await.0, vec!["สมศักดิ์"]);
    // A whole national ID (formatted or not) and a position number held on the date.
    assert_eq!(
        names(&store, "1-1017-00203-45-0", None).await.0,
        vec!["สมชาย"]
    );
    assert_eq!(names(&store, "103", None).await.0, vec!["สมศักดิ์"]);
    // Scope: only those placed in the units on the date; วีระ (not appointed) is in no unit.
    let adm = store
        .unit_by_code("D01-ADM", d(2024, 1, 1))
        .await
        .expect("unit")
        .id;
    assert_eq!(
        names(&store, "สม", Some(&[adm])).await,
        (vec!["สมชาย".into()], 1)
    );
    assert_eq!(names(&store, "วีระ", Some(&[adm])).await.1, 0);
    assert_eq!(names(&store, "วีระ", None).await.1, 1);
    // Paging: the second page of one per page.
    let (page2, total) = store
        .search_people("ใจดี", d(2024, 6, 1), None, None, 1, 1)
        .await
        .expect("page 2");
    assert_eq!(total, 3);
    assert_eq!(page2[0].person.name.first_th, "สมชาย", "after วีระ");
    // A rename after the directory was loaded: both names find the person.
    let p = store
        .person_by_national_id(&NationalId::parse(NID[2]).expect("id"))
        .await
        .expect("p");
    let new = PersonName {
        title: Title::Mr,
        first_th: "กิตติ".into(),
        last_th: "ใจดี".into(),
        first_en: "Kitti".into(),
        last_en: "Jaidee".into(),
    };
    store
        .change_name(p.id, d(2024, 1, 1), &new, p.version, &m)
        .await
        .expect("rename");
    assert_eq!(names(&store, "กิตติ", None).await.0, vec!["กิตติ"]);
    assert_eq!(names(&store, "วีระ", None).await.0, vec!["กิตติ"]);
    assert_eq!(
        names(&store, "ใจดี", None).await.0,
        vec!["กิตติ", "สมชาย", "สมศักดิ์"],
        "sorted by the current name"
    );
    assert_eq!(names(&store, "%", None).await.1, 0, "no wildcards");
}

/// A name whose transaction commits after a later name was read (a long import beside a
/// rename) is found once it commits. PostgreSQL numbers rows as they are inserted, so the
/// directory cannot tell the late row by its id; the name's notice has it read that person's
/// names again. On SQLite writers take turns and the late commit cannot happen; the name is
/// simply committed by another connection.
async fn a_name_committed_late_is_found(store: Store) {
    small_bma(&store).await;
    let m = meta("hr", "2020-01-01T00:00:00Z");
    assert_eq!(names(&store, "สมชาย", None).await.0, vec!["สมชาย"]);
    bmahr_store::install_drivers();
    let db = sqlx::AnyPool::connect(store.url()).await.expect("raw pool");
    let mut slow = db.begin().await.expect("begin");
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO people (national_id, birth_date, gender, nationality, created_at) \
         VALUES ('1101700203468', '1990-01-01', 'female', 'TH', '2024-01-01T00:00:00Z') RETURNING id",
    )
    .fetch_one(&mut *slow)
    .await
    .expect("person");
    sqlx::query(
        "INSERT INTO person_names (person_id, valid_from, title, first_th, last_th, first_en, last_en, recorded_at) \
         VALUES ($1, '1990-01-01', 'miss', 'ลำดวน', 'มาช้า', 'Lamduan', 'Late', '2024-01-01T00:00:00Z')",
    )
    .bind(id)
    .execute(&mut *slow)
    .await
    .expect("name");
    if store.backend() == Backend::Postgres {
        // A later id commits first, and a search reads up to it.
        let p = store
            .person_by_national_id(&NationalId::parse(NID[2]).expect("id"))
            .await
            .expect("person");
        let new = PersonName {
            title: Title::Mr,
            first_th: "ประยูร".into(),
            last_th: "มาก่อน".into(),
            first_en: "Prayoon".into(),
            last_en: "First".into(),
        };
        store
            .change_name(p.id, d(2024, 1, 1), &new, p.version, &m)
            .await
            .expect("rename");
        assert_eq!(names(&store, "ประยูร", None).await.0, vec!["ประยูร"]);
        assert!(names(&store, "ลำดวน", None).await.0.is_empty());
    }
    slow.commit().await.expect("late commit");
    db.close().await;
    for _ in 0..200 {
        if names(&store, "ลำดวน", None).await.0 == vec!["ลำดวน"] {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    panic!("the late name is not found within 5 s");
}
