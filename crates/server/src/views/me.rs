//! Self-service: a person's own record, and who has opened it (PDPA).

use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::get;
use axum::Router;
use bmahr_core::law::retirement::retirement_date;
use minijinja::{context, Value};

use super::frame::show_date;
use super::{chrome, error_page_for, render, Lang, PageActor};
use crate::error::ApiError;
use crate::usecases::Paging;
use crate::{today, AppState};

/// One's own ทะเบียนประวัติ as a PDF.
async fn my_record_pdf(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
) -> Response {
    let out = match crate::usecases::documents::own_person(&a) {
        Ok(id) => crate::usecases::documents::record_pdf(&state, &a, id, today()).await,
        Err(e) => Err(e),
    };
    match out {
        Ok(d) => axum::response::IntoResponse::into_response(d),
        Err(e) => error_page_for(&lang, &a, e),
    }
}

async fn me(
    State(state): State<AppState>,
    lang: Lang,
    PageActor(a): PageActor,
    Query(paging): Query<Paging>,
) -> Response {
    let result: Result<Response, ApiError> = async {
        let Some(id) = a.user.person_id else {
            return Ok(render(
                &lang,
                "me.html",
                context! { ..chrome(&lang, &a), ..context! { person => Value::UNDEFINED } },
            ));
        };
        let on = today();
        // One's own record, read as any record is (the read is recorded too).
        let read = crate::usecases::people::read_profile(&state, &a, id, on, "me", false).await?;
        let p = &read.profile.record.person;
        let rec = read.profile.record_on(on);
        let service = read.profile.service_on(on);
        let unit = match rec.placement.as_ref() {
            Some(pl) => state
                .store
                .unit_name(pl.unit_id)
                .await?
                .map(|u| format!("{} {}", u.code, lang.pick(&u.name_th, &u.name_en))),
            None => None,
        };
        let status = rec
            .status
            .map(|s| lang.pick(s.th(), s.en()).to_string())
            .unwrap_or_else(|| lang.pick("ยังไม่เข้ารับราชการ", "not yet in service").to_string());
        // Who opened this record: the same use-case as the API's `people/{id}/views`.
        let opened = crate::usecases::people::views(&state, &a, id, &paging).await?;
        let more = opened.more;
        let mut who: std::collections::HashMap<String, String> = std::collections::HashMap::new();
        let mut views: Vec<Value> = Vec::with_capacity(opened.items.len());
        for e in opened.items {
            if !who.contains_key(&e.actor) {
                let words = viewer_words(&state, &lang, &e.actor).await?;
                who.insert(e.actor.clone(), words);
            }
            views.push(context! {
                at => crate::bangkok_instant(&e.at),
                viewer => who.get(&e.actor).cloned().unwrap_or_default(),
                actor => e.actor,
                detail => super::admin::door_words(&lang, &e.detail),
            });
        }
        // One's own case files and the deadlines running in them (appeal, court).
        let cases: Vec<Value> = crate::usecases::cases::list(&state, &a, None, false, 20, 0)
            .await?
            .into_iter()
            .filter(|c| c.person_id == Some(id))
            .map(|c| context! { id => c.id, kind => lang.pick(&c.kind_th, &c.kind_en).to_string(), stage => lang.pick(&c.stage_th, &c.stage).to_string(), opened => show_date(&lang, c.opened_on) })
            .collect();
        let deadlines: Vec<Value> = crate::usecases::cases::board(&state, &a, crate::usecases::cases::Board::Mine, None, None)
            .await?
            .into_iter()
            .map(|b| context! { case_id => b.case_id, label => lang.pick(&b.deadline.label_th, &b.deadline.label_en).to_string(), last_day => show_date(&lang, b.deadline.last_day), days_left => b.deadline.days_left, basis => b.deadline.basis })
            .collect();
        Ok(render(&lang, "me.html", context! { ..chrome(&lang, &a), ..context! {
            person => context! {
                id,
                name => if lang.en() { p.name.full_en() } else { p.name.full_th() },
                status,
                position => rec.placement.as_ref().map(|pl| format!("{} {}", pl.position_no, bmahr_core::i18n::line_of_work(&pl.line_of_work, lang.en()))),
                level => rec.placement.as_ref().map(|pl| lang.pick(pl.level.th(), pl.level.en()).to_string()),
                category => rec.placement.as_ref().map(|pl| lang.pick(pl.category.th(), pl.category.en()).to_string()),
                unit,
                salary => rec.salary.map(|s| format!("{s} {}", lang.pick("บาท", "baht"))),
                since => rec.service_start.map(|d| show_date(&lang, d)),
                service => if lang.en() { service.en() } else { service.th() },
                retires => show_date(&lang, retirement_date(p.birth_date)),
            },
            views, page => paging.page(), more, cases, deadlines,
        }}))
    }
    .await;
    result.unwrap_or_else(|e| error_page_for(&lang, &a, e))
}

/// Who an account is, in words a person reads: its role and the unit it works for
/// ("เจ้าหน้าที่บริหารงานบุคคล หน่วย D01", "agency HR officer, Unit D01"). An account no
/// longer found (or the system itself) is named by its username.
async fn viewer_words(state: &AppState, lang: &Lang, username: &str) -> Result<String, ApiError> {
    let user = match state.store.user_by_name(username).await {
        Ok((u, _)) => u,
        Err(bmahr_store::StoreError::NotFound(_)) => return Ok(username.to_string()),
        Err(e) => return Err(e.into()),
    };
    let unit = match user.scope_unit_id {
        Some(id) => state
            .store
            .unit_name(id)
            .await?
            .map(|u| lang.pick(&u.name_th, &u.name_en).to_string()),
        None => None,
    };
    Ok(match unit {
        // "of the unit" is said by the unit's name.
        Some(u) if !lang.en() => format!("{} {u}", user.role.th().trim_end_matches("ของหน่วยงาน")),
        Some(u) => format!("{}, {u}", user.role.en()),
        None => lang.pick(user.role.th(), user.role.en()).to_string(),
    })
}

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/me", get(me))
        .route("/me/record.pdf", get(my_record_pdf))
}
