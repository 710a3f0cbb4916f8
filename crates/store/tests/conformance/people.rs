use bmahr_core::person::{PersonName, Title};
use bmahr_core::NationalId;
use bmahr_store::{Store, StoreError};

use crate::fixtures::{d, meta, small_bma, NID};

crate::on_every_backend!(name_history_and_stale_contact_update);

async fn name_history_and_stale_contact_update(store: Store) {
    small_bma(&store).await;
    let nid = NationalId::parse(NID[0]).expect("id");
    let p = store.person_by_national_id(&nid).await.expect("person");
    assert_eq!(p.name.full_th(), "นายสมชาย ใจดี");
    let m = meta("hr", "2024-01-01T00:00:00Z");
    // The profile kept in memory follows every write below.
    let seen = store.profile(p.id).await.expect("profile");
    assert_eq!(seen.record.person.name.first_th, "สมชาย");
    let new = PersonName {
        title: Title::Mr,
        first_th: "ธนากร".into(),
        last_th: "ใจดี".into(),
        first_en: "Thanakorn".into(),
        last_en: "Jaidee".into(),
    };
    let v2 = store
        .change_name(p.id, d(2024, 1, 1), &new, p.version, &m)
        .await
        .expect("rename");
    assert_eq!(v2, p.version + 1);
    let rec = store.person_record(p.id).await.expect("record");
    assert_eq!(rec.names.len(), 2);
    let seen = store.profile(p.id).await.expect("profile");
    assert_eq!(
        (
            seen.record.person.name.first_th.as_str(),
            seen.record.names.len()
        ),
        ("ธนากร", 2)
    );
    assert_eq!(rec.person.name.first_th, "ธนากร");
    assert_eq!(rec.names[0].1.first_th, "สมชาย");
    // A writer who read the person before the rename is refused, and nothing changes.
    let stale = store
        .update_contact(p.id, "0812345678", "a@b.th", p.version, &m)
        .await;
    assert!(
        matches!(stale, Err(StoreError::Conflict(ref v)) if v.code == "version.stale"),
        "{stale:?}"
    );
    assert_eq!(store.person_by_id(p.id).await.expect("p").phone, "");
    store
        .update_contact(p.id, "0812345678", "a@b.th", v2, &m)
        .await
        .expect("fresh write");
    assert_eq!(
        store.person_by_id(p.id).await.expect("p").phone,
        "0812345678"
    );
    assert_eq!(
        store
            .profile(p.id)
            .await
            .expect("profile")
            .record
            .person
            .phone,
        "0812345678"
    );
}
