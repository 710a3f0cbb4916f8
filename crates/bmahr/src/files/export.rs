//! `bmahr export`: the import layout, written back (Thai headers, dates in BE).

use std::path::Path;

use bmahr_store::Store;

use super::layout::Kind;
use super::table;

/// Writes every record of `kind` to `path`; returns the number of data rows.
pub async fn export(store: &Store, kind: Kind, path: &Path) -> Result<usize, String> {
    export_first(store, kind, path, usize::MAX).await
}

/// Writes the first `limit` records of `kind` (in the register's order) to `path`.
pub async fn export_first(
    store: &Store,
    kind: Kind,
    path: &Path,
    limit: usize,
) -> Result<usize, String> {
    let err = |e: bmahr_store::StoreError| e.to_string();
    let mut rows: Vec<Vec<String>> = vec![kind.columns().iter().map(|c| c.1.to_string()).collect()];
    match kind {
        Kind::People => {
            for p in store
                .people_all()
                .await
                .map_err(err)?
                .into_iter()
                .take(limit)
            {
                rows.push(vec![
                    p.national_id.reveal().to_string(),
                    p.name.title.th().into(),
                    p.name.first_th,
                    p.name.last_th,
                    p.name.first_en,
                    p.name.last_en,
                    p.birth_date.to_string(),
                    p.gender.th().into(),
                    p.nationality,
                    p.education,
                    p.phone,
                    p.email,
                ]);
            }
        }
        Kind::Positions => {
            for p in store
                .positions_all()
                .await
                .map_err(err)?
                .into_iter()
                .take(limit)
            {
                rows.push(vec![
                    p.position_no,
                    p.unit_code,
                    p.category.th().into(),
                    p.level.th().into(),
                    p.line_of_work,
                    p.admin_title,
                    p.validity.from.to_string(),
                    p.validity.to.map(|d| d.to_string()).unwrap_or_default(),
                    p.approval_ref,
                ]);
            }
        }
        Kind::Units => {
            let units = store.units_all().await.map_err(err)?;
            for u in units.iter().take(limit) {
                let parent = u
                    .parent_id
                    .and_then(|pid| units.iter().find(|x| x.id == pid))
                    .map(|x| x.code.clone());
                rows.push(vec![
                    u.code.clone(),
                    parent.unwrap_or_default(),
                    u.kind.th().into(),
                    u.name_th.clone(),
                    u.name_en.clone(),
                    u.validity.from.to_string(),
                    u.validity.to.map(|d| d.to_string()).unwrap_or_default(),
                ]);
            }
        }
    }
    table::write(path, &rows)?;
    Ok(rows.len() - 1)
}
