//! People: a person's own data and names as stored, the directory of every name borne,
//! kept in memory ([`names`]), and finding people by name, ID or position number
//! ([`search`]).

pub(crate) mod names;
mod search;

pub use search::PersonHit;

use bmahr_core::person::{Gender, NewPerson, PersonName, Title};
use bmahr_core::{NationalId, ThaiDate};
use sqlx::any::AnyRow;

use crate::row::{code, date, int, text};
use crate::{audit, Result, Store, StoreError, WriteMeta};

/// A person's own data as stored, with the name in force now.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PersonRow {
    pub id: i64,
    #[serde(skip)]
    pub national_id: NationalId,
    pub name: PersonName,
    pub birth_date: ThaiDate,
    pub gender: Gender,
    pub nationality: String,
    pub education: String,
    pub phone: String,
    pub email: String,
    pub version: i64,
}

/// A person with the history of their names.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PersonRecord {
    pub person: PersonRow,
    /// (valid from, name), oldest first.
    pub names: Vec<(ThaiDate, PersonName)>,
}

pub(crate) fn name(r: &AnyRow) -> Result<PersonName> {
    Ok(PersonName {
        title: code(r, "title", Title::parse)?,
        first_th: text(r, "first_th")?,
        last_th: text(r, "last_th")?,
        first_en: text(r, "first_en")?,
        last_en: text(r, "last_en")?,
    })
}

pub(crate) fn person_row(r: &AnyRow) -> Result<PersonRow> {
    let nid = text(r, "national_id")?;
    Ok(PersonRow {
        id: int(r, "id")?,
        national_id: NationalId::parse(&nid).map_err(|_| {
            StoreError::Other(format!(
                "bad stored national id for person {}",
                int(r, "id").unwrap_or(0)
            ))
        })?,
        name: name(r)?,
        birth_date: date(r, "birth_date")?,
        gender: code(r, "gender", Gender::parse)?,
        nationality: text(r, "nationality")?,
        education: text(r, "education")?,
        phone: text(r, "phone")?,
        email: text(r, "email")?,
        version: int(r, "version")?,
    })
}

/// The person columns with their latest name (the name row with the greatest valid_from).
pub(crate) const PERSON_SELECT: &str = "SELECT p.id, p.national_id, p.birth_date, p.gender, p.nationality, p.education, \
     p.phone, p.email, p.version, n.title, n.first_th, n.last_th, n.first_en, n.last_en \
     FROM people p JOIN person_names n ON n.person_id = p.id \
     AND n.id = (SELECT n2.id FROM person_names n2 WHERE n2.person_id = p.id ORDER BY n2.valid_from DESC, n2.id DESC LIMIT 1)";

impl Store {
    /// Registers people in one transaction: all or none. Returns their ids, in order.
    ///
    /// Written in multi-row statements (people, their names, their audit events): an import
    /// of 87,000 people is three statements per fifty people, not three per person.
    pub async fn create_people(&self, people: &[NewPerson], meta: &WriteMeta) -> Result<Vec<i64>> {
        self.insert_people(people, meta, true).await
    }

    /// What [`Store::create_people`] would do, in a transaction that is rolled back
    /// (`bmahr import --dry-run`). Returns how many people would be registered.
    pub async fn rehearse_create_people(
        &self,
        people: &[NewPerson],
        meta: &WriteMeta,
    ) -> Result<usize> {
        Ok(self.insert_people(people, meta, false).await?.len())
    }

    async fn insert_people(
        &self,
        people: &[NewPerson],
        meta: &WriteMeta,
        commit: bool,
    ) -> Result<Vec<i64>> {
        const COLS: usize = 8;
        let mut tx = self.begin_write().await?;
        let mut by_nid: std::collections::HashMap<String, i64> =
            std::collections::HashMap::with_capacity(people.len());
        for chunk in people.chunks(crate::bulk::PARAMS_PER_STATEMENT / COLS) {
            let mut sql = String::from(
                "INSERT INTO people (national_id, birth_date, gender, nationality, education, phone, email, created_at) VALUES ",
            );
            crate::bulk::Marks::for_conn(&tx).push_rows(&mut sql, chunk.len(), COLS);
            sql.push_str(" RETURNING id, national_id");
            let mut q = sqlx::query_as::<_, (i64, String)>(&sql);
            for p in chunk {
                q = q
                    .bind(p.national_id.reveal().to_string())
                    .bind(p.birth_date.iso())
                    .bind(p.gender.code())
                    .bind(p.nationality.clone())
                    .bind(p.education.clone())
                    .bind(p.phone.clone())
                    .bind(p.email.clone())
                    .bind(meta.at.clone());
            }
            by_nid.extend(
                q.fetch_all(&mut *tx)
                    .await?
                    .into_iter()
                    .map(|(id, nid)| (nid, id)),
            );
        }
        let mut names = crate::bulk::Loader::new(crate::bulk::tables::PERSON_NAMES);
        let mut ids = Vec::with_capacity(people.len());
        for p in people {
            let id = *by_nid
                .get(p.national_id.reveal())
                .ok_or_else(|| StoreError::Other("person row not returned".into()))?;
            names
                .push(
                    &mut tx,
                    vec![
                        id.into(),
                        p.birth_date.iso().into(),
                        p.name.title.code().into(),
                        p.name.first_th.as_str().into(),
                        p.name.last_th.as_str().into(),
                        p.name.first_en.as_str().into(),
                        p.name.last_en.as_str().into(),
                        meta.at.as_str().into(),
                    ],
                )
                .await?;
            ids.push(id);
        }
        names.flush(&mut tx).await?;
        // The events last: the chain's head is held from here to the commit.
        let mut events = audit::AuditChain::begin(&mut tx).await?;
        for id in &ids {
            let e = audit::NewEvent::of(meta, "person.create", Some(*id), None, "");
            events.push(&mut tx, e).await?;
        }
        events.finish(&mut tx).await?;
        if commit {
            tx.commit().await?;
        } else {
            tx.rollback().await?;
        }
        Ok(ids)
    }

    pub async fn person_by_national_id(&self, nid: &NationalId) -> Result<PersonRow> {
        let r = sqlx::query(&format!("{PERSON_SELECT} WHERE p.national_id = $1"))
            .bind(nid.reveal())
            .fetch_optional(&self.pool)
            .await?;
        match r {
            Some(r) => person_row(&r),
            None => Err(StoreError::not_found(
                "national_id",
                "บุคคลเลขประจำตัว",
                "person with ID",
                &nid.to_string(),
            )),
        }
    }

    /// Every stored national ID (for checking an import against the register).
    pub async fn national_ids_all(&self) -> Result<Vec<String>> {
        Ok(sqlx::query_scalar("SELECT national_id FROM people")
            .fetch_all(&self.pool)
            .await?)
    }

    pub async fn person_by_id(&self, id: i64) -> Result<PersonRow> {
        let r = sqlx::query(&format!("{PERSON_SELECT} WHERE p.id = $1"))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        match r {
            Some(r) => person_row(&r),
            None => Err(StoreError::not_found(
                "person",
                "บุคคล",
                "person",
                &id.to_string(),
            )),
        }
    }

    /// Every person, ordered by id (for export).
    pub async fn people_all(&self) -> Result<Vec<PersonRow>> {
        let rows = sqlx::query(&format!("{PERSON_SELECT} ORDER BY p.id"))
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(person_row).collect()
    }

    /// A person with their name history.
    pub async fn person_record(&self, id: i64) -> Result<PersonRecord> {
        let person = self.person_by_id(id).await?;
        let rows = sqlx::query(
            "SELECT valid_from, title, first_th, last_th, first_en, last_en FROM person_names \
             WHERE person_id = $1 ORDER BY valid_from, id",
        )
        .bind(id)
        .fetch_all(&self.pool)
        .await?;
        let names = rows
            .iter()
            .map(|r| Ok((date(r, "valid_from")?, name(r)?)))
            .collect::<Result<Vec<_>>>()?;
        Ok(PersonRecord { person, names })
    }

    /// Records a change of name from a date, refusing a stale version of the person.
    pub async fn change_name(
        &self,
        person_id: i64,
        from: ThaiDate,
        new: &PersonName,
        expected_version: i64,
        meta: &WriteMeta,
    ) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let version = bump_version(&mut tx, person_id, Some(expected_version), None).await?;
        insert_name(&mut tx, person_id, from, new, &meta.at).await?;
        audit::record(
            &mut tx,
            meta,
            "person.name_change",
            Some(person_id),
            None,
            &format!("from {from}"),
        )
        .await?;
        tx.commit().await?;
        self.changed_people([person_id]);
        Ok(version)
    }

    /// Updates contact data (phone, email), refusing a stale version.
    pub async fn update_contact(
        &self,
        person_id: i64,
        phone: &str,
        email: &str,
        expected_version: i64,
        meta: &WriteMeta,
    ) -> Result<i64> {
        let mut tx = self.begin_write().await?;
        let version = bump_version(&mut tx, person_id, Some(expected_version), None).await?;
        sqlx::query("UPDATE people SET phone = $1, email = $2 WHERE id = $3")
            .bind(phone)
            .bind(email)
            .bind(person_id)
            .execute(&mut *tx)
            .await?;
        audit::record(
            &mut tx,
            meta,
            "person.contact_update",
            Some(person_id),
            None,
            "",
        )
        .await?;
        tx.commit().await?;
        self.changed_people([person_id]);
        Ok(version)
    }
}

async fn insert_name(
    conn: &mut sqlx::AnyConnection,
    person_id: i64,
    from: ThaiDate,
    n: &PersonName,
    at: &str,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO person_names (person_id, valid_from, title, first_th, last_th, first_en, last_en, recorded_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(person_id)
    .bind(from.iso())
    .bind(n.title.code())
    .bind(&n.first_th)
    .bind(&n.last_th)
    .bind(&n.first_en)
    .bind(&n.last_en)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

/// Moves each person's record version on by one from the version this transaction read,
/// all or nothing: if another writer changed one of them since, the whole write is stale.
pub(crate) async fn bump_versions(
    conn: &mut sqlx::AnyConnection,
    seen: &[(i64, i64)],
) -> Result<Vec<(i64, i64)>> {
    for chunk in seen.chunks(crate::bulk::PARAMS_PER_STATEMENT / 2) {
        let mut sql =
            String::from("UPDATE people SET version = version + 1 WHERE (id, version) IN (VALUES ");
        crate::bulk::Marks::for_conn(conn).push_rows(&mut sql, chunk.len(), 2);
        sql.push(')');
        let mut q = sqlx::query(&sql);
        for (id, version) in chunk {
            q = q.bind(*id).bind(*version);
        }
        if q.execute(&mut *conn).await?.rows_affected() != chunk.len() as u64 {
            // Name one that moved (the transaction is dropped, so nothing is written).
            let mut stale = StoreError::stale("person.version", chunk[0].1, chunk[0].1);
            for (id, version) in chunk {
                let now: Option<i64> =
                    sqlx::query_scalar("SELECT version FROM people WHERE id = $1")
                        .bind(*id)
                        .fetch_optional(&mut *conn)
                        .await?;
                if now != Some(*version + 1) {
                    stale = StoreError::stale("person.version", *version, now.unwrap_or_default());
                    break;
                }
            }
            return Err(stale);
        }
    }
    Ok(seen.iter().map(|(id, v)| (*id, v + 1)).collect())
}

/// Moves a person's version on by one, but only from the version the writer saw:
/// `expected` (what the client read) or `seen` (what this transaction read). If another
/// writer got there first the update matches no row and the write is refused.
pub(crate) async fn bump_version(
    conn: &mut sqlx::AnyConnection,
    person_id: i64,
    expected: Option<i64>,
    seen: Option<i64>,
) -> Result<i64> {
    let current: Option<i64> = sqlx::query_scalar("SELECT version FROM people WHERE id = $1")
        .bind(person_id)
        .fetch_optional(&mut *conn)
        .await?;
    let Some(current) = current else {
        return Err(StoreError::not_found(
            "person",
            "บุคคล",
            "person",
            &person_id.to_string(),
        ));
    };
    let base = expected.or(seen).unwrap_or(current);
    let done =
        sqlx::query("UPDATE people SET version = version + 1 WHERE id = $1 AND version = $2")
            .bind(person_id)
            .bind(base)
            .execute(&mut *conn)
            .await?;
    if done.rows_affected() == 0 {
        let now: i64 = sqlx::query_scalar("SELECT version FROM people WHERE id = $1")
            .bind(person_id)
            .fetch_one(&mut *conn)
            .await?;
        return Err(StoreError::stale("person.version", base, now));
    }
    Ok(base + 1)
}
