//! Parts of a record's page drawn from the person's profile alone (the history table, the
//! facts above it), rendered once per profile version and kept beside it. The store hands out
//! the same `Arc<Profile>` while the person's version is unchanged, so a part is served while
//! its profile is the one the store would give; a new version, or a profile the store let go,
//! renders afresh. The store keeps facts; the page's HTML stays here.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, Weak};

use bmahr_store::Profile;

/// People whose parts are kept at most (the store keeps as many profiles).
const KEPT: usize = 4_096;

type Parts = (Weak<Profile>, Vec<(String, Arc<str>)>);

#[derive(Debug, Default)]
pub struct PartCache {
    by_person: Mutex<HashMap<i64, Parts>>,
}

impl PartCache {
    /// The part `key` (its name, then what else it depends on: language, day, ...) of
    /// `profile`'s page, rendered by `make` if not kept for this very profile; one key per
    /// part name. The history table is about 300 bytes a row: with every kept profile
    /// rendered at 40 rows, some 50 MB; the facts about 1 kB.
    pub fn get_or_render<E>(
        &self,
        profile: &Arc<Profile>,
        key: &str,
        make: impl FnOnce() -> Result<String, E>,
    ) -> Result<Arc<str>, E> {
        let id = profile.record.person.id;
        let lock = || self.by_person.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((of, parts)) = lock().get(&id) {
            if Weak::ptr_eq(of, &Arc::downgrade(profile)) {
                if let Some((_, html)) = parts.iter().find(|(k, _)| k == key) {
                    return Ok(html.clone());
                }
            }
        }
        let html: Arc<str> = make()?.into();
        let name = |k: &str| k.split(' ').next().unwrap_or_default().to_string();
        let mut kept = lock();
        if kept.len() >= KEPT && !kept.contains_key(&id) {
            // Parts of profiles the store has let go first; if every one is alive, start afresh.
            kept.retain(|_, (of, _)| of.strong_count() > 0);
            if kept.len() >= KEPT {
                kept.clear();
            }
        }
        let entry = kept
            .entry(id)
            .or_insert_with(|| (Arc::downgrade(profile), Vec::new()));
        if !Weak::ptr_eq(&entry.0, &Arc::downgrade(profile)) {
            *entry = (Arc::downgrade(profile), Vec::new());
        }
        entry.1.retain(|(k, _)| name(k) != name(key));
        entry.1.push((key.to_string(), html.clone()));
        Ok(html)
    }
}
