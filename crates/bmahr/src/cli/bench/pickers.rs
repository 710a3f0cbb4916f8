//! Issue 23's picker figures: a person found while typing (names, a position number) and a
//! position found by its number's first digits or a title, as the order and case forms ask
//! (`/api/v1/pick/*`), each ≤ 30 ms p99 at 87,000 people.

use std::sync::Arc;

use bmahr_store::Store;

use super::load::{load_route, percent};
use super::server::Server;
use super::{BenchArgs, Figures, Target};

/// What an officer types into a person picker: name fragments and whole names of the demo.
const PEOPLE: [&str; 8] = ["สม", "ชัย", "พร", "วิ", "สมชาย", "สุดา", "som", "wichai"];

/// The figures of the `pickers` group, on the running server.
pub(super) async fn figures(
    figs: &mut Figures,
    server: &Server,
    token: &Arc<String>,
    a: &BenchArgs,
    store: &Store,
    reference: Option<(f64, f64)>,
) {
    load_route(
        figs,
        server,
        token,
        a,
        "/api/v1/pick/people?q=…",
        PEOPLE
            .iter()
            .map(|q| format!("/api/v1/pick/people?q={}", percent(q)))
            .collect(),
        8,
        reference,
        [
            ("pick_people_rps", "เลือกบุคคลขณะพิมพ์", "person picker"),
            ("pick_people_p50_ms", "เลือกบุคคล p50", "person picker p50"),
            ("pick_people_p99_ms", "เลือกบุคคล p99", "person picker p99"),
        ],
        [None, None, Some(Target::Max(30.0))],
    )
    .await;
    // Numbers' first digits and titles of positions spread over the frame.
    let on = crate::cli::today();
    let frame = store.positions_on(on).await.unwrap_or_default();
    let step = (frame.len() / 16).max(1);
    let mut paths: Vec<String> = Vec::new();
    for p in frame.iter().step_by(step).take(16) {
        let no: String = p
            .position_no
            .chars()
            .take(p.position_no.chars().count().saturating_sub(1).max(1))
            .collect();
        paths.push(format!("/api/v1/pick/positions?q={}", percent(&no)));
        let title: String = p.line_of_work.chars().take(6).collect();
        paths.push(format!(
            "/api/v1/pick/positions?q={}&vacant=1",
            percent(&title)
        ));
    }
    if paths.is_empty() {
        figs.problems
            .push("pickers: no position in the frame".into());
        return;
    }
    load_route(
        figs,
        server,
        token,
        a,
        "/api/v1/pick/positions?q=…",
        paths,
        8,
        reference,
        [
            ("pick_positions_rps", "เลือกตำแหน่งขณะพิมพ์", "position picker"),
            (
                "pick_positions_p50_ms",
                "เลือกตำแหน่ง p50",
                "position picker p50",
            ),
            (
                "pick_positions_p99_ms",
                "เลือกตำแหน่ง p99",
                "position picker p99",
            ),
        ],
        [None, None, Some(Target::Max(30.0))],
    )
    .await;
}
