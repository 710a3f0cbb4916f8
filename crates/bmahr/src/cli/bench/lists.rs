//! Issue 23's list figures: a big unit's positions with "vacant only" (the page that took
//! 2–3 s) and the signed-orders list, its first page and the next.

use std::collections::HashMap;
use std::sync::Arc;

use bmahr_store::Store;

use super::load::{load_route, percent};
use super::server::Server;
use super::{BenchArgs, Figures, Target};

/// The unit below the top with the most positions in its subtree on `on` (an agency such as
/// a district office or a department), or `None` on an empty frame.
async fn biggest_unit(store: &Store, on: bmahr_core::ThaiDate) -> Option<String> {
    let units = store.units_on(on).await.ok()?;
    let counts = store.unit_frame_counts(on).await.ok()?;
    let parent: HashMap<i64, Option<i64>> = units.iter().map(|u| (u.id, u.parent_id)).collect();
    let mut total: HashMap<i64, i64> = HashMap::new();
    for c in counts {
        // Each position counts for its unit and every unit above it.
        let mut at = Some(c.unit_id);
        let mut hops = 0;
        while let Some(u) = at {
            *total.entry(u).or_default() += c.frame;
            at = parent.get(&u).copied().flatten();
            hops += 1;
            if hops > 64 {
                break;
            }
        }
    }
    units
        .iter()
        .filter(|u| u.parent_id.is_some())
        .max_by_key(|u| {
            (
                total.get(&u.id).copied().unwrap_or(0),
                std::cmp::Reverse(u.code.clone()),
            )
        })
        .map(|u| u.code.clone())
}

/// The figures of the `lists` group, on the running server.
pub(super) async fn figures(
    figs: &mut Figures,
    server: &Server,
    token: &Arc<String>,
    a: &BenchArgs,
    store: &Store,
    reference: Option<(f64, f64)>,
) {
    let on = crate::cli::today();
    match biggest_unit(store, on).await {
        Some(code) => {
            eprintln!("bench: vacant positions of {code}");
            let code = percent(&code);
            load_route(
                figs,
                server,
                token,
                a,
                "/units/{big}?vacant=true",
                vec![
                    format!("/units/{code}?vacant=true"),
                    format!("/units/{code}?vacant=true&page=2"),
                    format!("/units/{code}?vacant=true&sort=title&dir=desc"),
                ],
                // One officer at a time: the page's own server time, not a queue on 2 cores.
                1,
                reference,
                [
                    (
                        "vacant_rps",
                        "ตำแหน่งว่างของหน่วยงานใหญ่ (หน้าเว็บ)",
                        "a big unit's vacant positions, page",
                    ),
                    ("vacant_p50_ms", "ตำแหน่งว่าง p50", "vacant positions p50"),
                    ("vacant_p99_ms", "ตำแหน่งว่าง p99", "vacant positions p99"),
                ],
                [None, None, Some(Target::Max(200.0))],
            )
            .await;
        }
        None => figs
            .problems
            .push("lists: no unit with positions in the frame".into()),
    }
    load_route(
        figs,
        server,
        token,
        a,
        "/orders?tab=signed",
        vec![
            "/orders?tab=signed".into(),
            "/orders?tab=signed&page=2".into(),
            "/orders?tab=signed&kind=promote".into(),
        ],
        1,
        reference,
        [
            (
                "orders_list_rps",
                "คำสั่งที่ลงนามแล้ว (หน้าเว็บ) หน้าแรก หน้าสอง และกรองตามประเภท",
                "signed orders list, pages 1 and 2 and filtered by kind",
            ),
            ("orders_list_p50_ms", "รายการคำสั่ง p50", "orders list p50"),
            ("orders_list_p99_ms", "รายการคำสั่ง p99", "orders list p99"),
        ],
        [None, None, Some(Target::Max(200.0))],
    )
    .await;
}
