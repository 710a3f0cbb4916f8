//! Printed documents: a signed คำสั่ง with its annex, and a person's ทะเบียนประวัติ (ก.พ.7).
//! Each reads through the use-case that guards the same data on screen (`orders::read`,
//! `people::read_profile`), so the same people may print what they may read, and a download
//! of a record is audited as opening it is.

use std::collections::HashMap;

use bmahr_core::law::authority::{required_authority, AuthorityQuestion};
use bmahr_core::law::retirement::retirement_date;
use bmahr_core::register::{ActionKind, AppliedAction, Placement, RecordOnDate};
use bmahr_core::ThaiDate;
use bmahr_docs::thai::thai_digits;
use bmahr_docs::{render, Template};
use bmahr_store::UnitRow;
use serde::Serialize;

use crate::auth::Actor;
use crate::error::ApiError;
use crate::AppState;

/// A file for a person to take away.
#[derive(Debug)]
pub struct Download {
    pub bytes: Vec<u8>,
    /// ASCII, safe in `Content-Disposition`.
    pub filename: String,
    pub content_type: &'static str,
}

pub const PDF: &str = "application/pdf";
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

impl Download {
    pub fn pdf(bytes: Vec<u8>, name: &str) -> Download {
        Download {
            bytes,
            filename: format!("{}.pdf", ascii_name(name)),
            content_type: PDF,
        }
    }

    pub fn xlsx(bytes: Vec<u8>, name: &str) -> Download {
        Download {
            bytes,
            filename: format!("{}.xlsx", ascii_name(name)),
            content_type: XLSX,
        }
    }
}

/// A file name of letters, digits and `-` only (order numbers carry `/`).
fn ascii_name(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// Typesets off the async runtime: a large annex takes a core for a moment.
pub async fn typeset<T: Serialize + Send + 'static>(
    state: &AppState,
    template: Template,
    data: T,
) -> Result<Vec<u8>, ApiError> {
    let emblem = state.settings.emblem.clone();
    tokio::task::spawn_blocking(move || render(template, &data, &emblem))
        .await
        .map_err(|e| ApiError::Internal(format!("typesetting stopped: {e}")))?
        .map_err(|e| ApiError::Internal(e.to_string()))
}

/// A date as official documents write it: `๑ ตุลาคม พ.ศ. ๒๕๖๙`.
pub fn official_date(d: ThaiDate) -> String {
    let s = d.long_th();
    // long_th is "day month year"; the year is the last word.
    match s.rsplit_once(' ') {
        Some((dm, y)) => thai_digits(&format!("{dm} พ.ศ. {y}")),
        None => thai_digits(&s),
    }
}

/// A date in a table column: `๑ มิ.ย. ๒๕๕๓`.
pub fn short_date(d: ThaiDate) -> String {
    thai_digits(&d.short_th())
}

/// `§52 วรรคหนึ่ง (4)` as the Act is cited in Thai text: `มาตรา ๕๒ วรรคหนึ่ง (๔)`.
fn cited(section: &str) -> String {
    thai_digits(&section.replace('§', "มาตรา "))
}

// --- คำสั่ง ------------------------------------------------------------------------------------

/// One side (before or after) of an annex row.
#[derive(Debug, Default, Serialize)]
pub struct Post {
    pub unit: String,
    pub title: String,
    pub level: String,
    pub no: String,
    pub salary: String,
}

#[derive(Debug, Serialize)]
pub struct AnnexRow {
    pub n: String,
    pub name: String,
    pub old: Post,
    pub new: Post,
    pub note: String,
}

/// What the `order` template prints; every text final, Thai digits where the form has them.
#[derive(Debug, Serialize)]
pub struct OrderDocument {
    pub title: String,
    pub heading: String,
    pub number: String,
    pub subject: String,
    pub body: Vec<String>,
    pub corrects: Option<String>,
    pub effective: String,
    pub signed_on: String,
    pub signer: String,
    pub signer_position: String,
    pub annex_title: String,
    pub rows: Vec<AnnexRow>,
}

fn post(p: Option<&Placement>, salary: Option<String>, units: &HashMap<i64, &UnitRow>) -> Post {
    match p {
        None => Post {
            salary: salary.unwrap_or_default(),
            ..Post::default()
        },
        Some(p) => Post {
            unit: units
                .get(&p.unit_id)
                .map(|u| thai_digits(&u.name_th))
                .unwrap_or_default(),
            title: p.line_of_work.clone(),
            level: p.level.th().to_string(),
            no: thai_digits(&p.position_no),
            salary: salary.unwrap_or_default(),
        },
    }
}

fn baht(s: Option<bmahr_core::money::Satang>) -> Option<String> {
    s.map(|s| {
        let whole = s.satang() / 100;
        let frac = s.satang().rem_euclid(100);
        let text = if frac == 0 {
            bmahr_core::money::grouped(whole)
        } else {
            format!("{}.{frac:02}", bmahr_core::money::grouped(whole))
        };
        thai_digits(&text)
    })
}

/// The person as they stood just before `a`: their live actions that take effect earlier (or
/// on the same day, applied before it), folded.
fn before(history: &[AppliedAction], a: &AppliedAction) -> RecordOnDate {
    let earlier: Vec<AppliedAction> = history
        .iter()
        .filter(|h| {
            (h.effective_date, h.action_id) < (a.effective_date, a.action_id)
                && h.action_id != a.action_id
        })
        .cloned()
        .collect();
    RecordOnDate::fold(a.effective_date, &earlier)
}

/// Whether the action ends the person's service here (nothing on the "new" side).
fn leaves(a: &AppliedAction) -> bool {
    matches!(a.kind, ActionKind::Separate | ActionKind::TransferOut)
        || a.penalty.is_some_and(|p| p.is_serious())
}

/// A signed order as the `order` template prints it, for those who may read it.
pub async fn order_document(
    state: &AppState,
    actor: &Actor,
    id: i64,
) -> Result<OrderDocument, ApiError> {
    let o = super::orders::read(state, actor, id).await?;
    let all_units = state.store.units_shared().await?;
    let units: HashMap<i64, &UnitRow> = all_units.iter().map(|u| (u.id, u)).collect();
    let mut pids: Vec<i64> = o.actions.iter().map(|a| a.1).collect();
    pids.sort_unstable();
    pids.dedup();
    let people = state.store.people_by_ids(&pids).await?;
    let histories = state.store.histories(&pids).await?;
    let issuer = units.get(&o.issuer_unit_id);
    let heading = match issuer {
        Some(u) if u.parent_id.is_some() => format!("คำสั่ง{}", u.name_th),
        _ => "คำสั่งกรุงเทพมหานคร".to_string(),
    };

    let mut kinds: Vec<ActionKind> = Vec::new();
    let mut categories: Vec<&'static str> = Vec::new();
    let mut sections: Vec<String> = Vec::new();
    let mut rows = Vec::with_capacity(o.actions.len());
    let empty = Vec::new();
    for (seq, pid, a, voided_by) in &o.actions {
        if !kinds.contains(&a.kind) {
            kinds.push(a.kind);
        }
        let history = histories.get(pid).unwrap_or(&empty);
        let was = before(history, a);
        if let Some(p) = &a.placement {
            if !categories.contains(&p.category.th()) {
                categories.push(p.category.th());
            }
            if matches!(
                a.kind,
                ActionKind::Appoint | ActionKind::Move | ActionKind::Promote
            ) {
                let answer = required_authority(&AuthorityQuestion {
                    category: p.category,
                    level: p.level,
                    cross_agency: false,
                });
                let s = cited(answer.section);
                if !sections.contains(&s) {
                    sections.push(s);
                }
            }
        }
        let name = people
            .get(pid)
            .map(|p| p.name.full_th())
            .unwrap_or_default();
        let mut note = a.kind.th().to_string();
        if let Some(p) = a.penalty {
            note = format!("{note} ({})", p.th());
        }
        if let Some(r) = a.separation {
            note = format!("{note} ({})", r.th());
        }
        if a.effective_date != o.effective_date {
            note = format!("{note} ตั้งแต่ {}", short_date(a.effective_date));
        }
        if let Some(v) = voided_by {
            note = format!("{note} — ยกเลิก/แก้ไขโดยคำสั่ง #{v}");
        }
        // An action that changes only the salary keeps the position: print it on both sides.
        let new_place = a.placement.as_ref().or(was.placement.as_ref());
        let new_salary = baht(a.salary).or_else(|| baht(was.salary));
        rows.push(AnnexRow {
            n: thai_digits(&seq.to_string()),
            name,
            old: post(was.placement.as_ref(), baht(was.salary), &units),
            new: if leaves(a) {
                Post::default()
            } else {
                post(new_place, new_salary, &units)
            },
            note,
        });
    }
    let category = if categories.is_empty() {
        "ข้าราชการกรุงเทพมหานครและบุคลากรกรุงเทพมหานคร".to_string()
    } else {
        categories.join(" ")
    };
    let verbs: Vec<&str> = kinds.iter().map(|k| k.th()).collect();
    let subject = format!("{} {}", verbs.join(" และ"), category);
    let by = if sections.is_empty() {
        String::new()
    } else {
        format!("ตามความใน{} ", sections.join(" และ"))
    };
    let body = vec![format!(
        "{} จึงอาศัยอำนาจ{by}แห่งพระราชบัญญัติระเบียบข้าราชการกรุงเทพมหานครและบุคลากรกรุงเทพมหานคร พ.ศ. ๒๕๕๔ {} จำนวน {} ราย ตามบัญชีรายละเอียดแนบท้ายคำสั่งนี้",
        thai_digits(o.reason.trim()),
        verbs.join(" และ"),
        thai_digits(&bmahr_core::money::grouped(rows.len() as i64)),
    )];
    let corrects = match o.corrects_order_id {
        None => None,
        Some(c) => {
            let old = state.store.order(c).await?;
            Some(format!(
                "คำสั่งนี้แก้ไขคำสั่งที่ {} ลงวันที่ {} (บันทึกในระบบเลขที่ {c})",
                thai_digits(&old.number),
                official_date(old.signed_on)
            ))
        }
    };
    let number = thai_digits(&o.number);
    Ok(OrderDocument {
        title: format!("คำสั่ง ที่ {}", o.number),
        annex_title: format!(
            "บัญชีรายละเอียดแนบท้าย{heading} ที่ {number} ลงวันที่ {}",
            official_date(o.signed_on)
        ),
        heading,
        number,
        subject,
        body,
        corrects,
        effective: format!("ทั้งนี้ ตั้งแต่วันที่ {} เป็นต้นไป", official_date(o.effective_date)),
        signed_on: format!("สั่ง ณ วันที่ {}", official_date(o.signed_on)),
        signer: o.signed_by,
        signer_position: o.authority,
        rows,
    })
}

/// The signed order as a PDF (`order-123-2569.pdf`).
pub async fn order_pdf(state: &AppState, actor: &Actor, id: i64) -> Result<Download, ApiError> {
    let doc = order_document(state, actor, id).await?;
    let name = format!("order-{id}");
    Ok(Download::pdf(
        typeset(state, Template::Order, doc).await?,
        &name,
    ))
}

// --- ทะเบียนประวัติ (ก.พ.7) ---------------------------------------------------------------------

#[derive(Debug, Serialize)]
pub struct RecordSection {
    pub title: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
    pub numeric: Vec<usize>,
    /// What the section says when it has no rows yet.
    pub empty: String,
}

#[derive(Debug, Serialize)]
pub struct RecordDocument {
    pub title: String,
    pub identity: Vec<(String, String)>,
    pub sections: Vec<RecordSection>,
    pub printed: String,
}

/// A person's ทะเบียนประวัติ as of `today`, for whoever may open their record (the person
/// themself included). The read is audited as `person.view` with the door `record.pdf`.
pub async fn record_document(
    state: &AppState,
    actor: &Actor,
    id: i64,
    today: ThaiDate,
) -> Result<RecordDocument, ApiError> {
    let read = super::people::read_profile(state, actor, id, today, "record.pdf", false).await?;
    let profile = &read.profile;
    let p = &profile.record.person;
    let all_units = state.store.units_shared().await?;
    let units: HashMap<i64, &UnitRow> = all_units.iter().map(|u| (u.id, u)).collect();
    let unit_name = |id: i64| {
        units
            .get(&id)
            .map(|u| u.name_th.clone())
            .unwrap_or_default()
    };
    let now = profile.record_on(today);
    let service = profile.service_on(today);
    let nid = bmahr_core::access::shown_id(&actor.asker(), Some(p.id), &p.national_id);
    let mut identity = vec![
        ("ชื่อ - สกุล".to_string(), p.name.full_th()),
        ("Name".to_string(), p.name.full_en()),
        ("เลขประจำตัวประชาชน".to_string(), nid),
        ("วันเดือนปีเกิด".to_string(), official_date(p.birth_date)),
        (
            "วันครบเกษียณอายุราชการ".to_string(),
            official_date(retirement_date(p.birth_date)),
        ),
        (
            "สัญชาติ".to_string(),
            match p.nationality.as_str() {
                "TH" | "THA" => "ไทย".to_string(),
                other => other.to_string(),
            },
        ),
    ];
    if let Some(pl) = &now.placement {
        identity.push((
            "ตำแหน่งปัจจุบัน".to_string(),
            format!(
                "{} {} เลขที่ {} {}",
                pl.line_of_work,
                pl.level.th(),
                thai_digits(&pl.position_no),
                unit_name(pl.unit_id)
            ),
        ));
    }
    if let Some(s) = now.status {
        identity.push(("สถานะ".to_string(), s.th().to_string()));
    }
    if let Some(s) = baht(now.salary) {
        identity.push(("เงินเดือนปัจจุบัน (บาท)".to_string(), s));
    }
    if let Some(d) = now.service_start {
        identity.push(("วันเริ่มรับราชการ".to_string(), official_date(d)));
    }
    identity.push(("เวลาราชการ (§๕๗)".to_string(), thai_digits(&service.th())));

    let names: Vec<Vec<String>> = profile
        .record
        .names
        .iter()
        .map(|(d, n)| vec![short_date(*d), n.full_th(), n.full_en()])
        .collect();
    let mut history = Vec::new();
    let mut penalties = Vec::new();
    let mut last_salary = None;
    let mut last_place: Option<&Placement> = None;
    for a in &profile.actions {
        // A salary change or a penalty leaves the person where they were: print the post.
        let keeps_post = matches!(a.kind, ActionKind::SalaryChange | ActionKind::Penalty);
        let place = a
            .placement
            .as_ref()
            .or(if keeps_post { last_place } else { None });
        if a.placement.is_some() {
            last_place = a.placement.as_ref();
        }
        if a.salary.is_some() {
            last_salary = a.salary;
        }
        history.push(vec![
            short_date(a.effective_date),
            a.kind.th().to_string(),
            place.map(|p| p.line_of_work.clone()).unwrap_or_default(),
            place.map(|p| p.level.th().to_string()).unwrap_or_default(),
            place
                .map(|p| thai_digits(&p.position_no))
                .unwrap_or_default(),
            place.map(|p| unit_name(p.unit_id)).unwrap_or_default(),
            baht(a.salary.or(last_salary)).unwrap_or_default(),
            thai_digits(&a.order_number),
        ]);
        if let Some(k) = a.penalty {
            penalties.push(vec![
                short_date(a.effective_date),
                k.th().to_string(),
                thai_digits(&a.order_number),
            ]);
        }
        if let Some(r) = a.separation {
            if matches!(
                r,
                bmahr_core::register::SeparationReason::Discharge
                    | bmahr_core::register::SeparationReason::Dismissal
            ) {
                penalties.push(vec![
                    short_date(a.effective_date),
                    r.th().to_string(),
                    thai_digits(&a.order_number),
                ]);
            }
        }
    }
    let later = "ยังไม่มีข้อมูลในระบบ (จะแสดงเมื่อระบบบันทึกข้อมูลส่วนนี้) / not yet recorded in bmahr";
    let section = |title: &str, columns: &[&str], rows: Vec<Vec<String>>, numeric: Vec<usize>| {
        RecordSection {
            title: title.to_string(),
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows,
            numeric,
            empty: "ไม่มี / none".to_string(),
        }
    };
    let mut sections = vec![
        section(
            "๑. ประวัติการเปลี่ยนชื่อ - สกุล / names",
            &["ตั้งแต่วันที่", "ชื่อ - สกุล", "Name"],
            names,
            vec![],
        ),
        section(
            "๒. ตำแหน่งและอัตราเงินเดือน / positions and salaries",
            &[
                "วันที่",
                "รายการ",
                "ตำแหน่ง",
                "ระดับ",
                "เลขที่",
                "สังกัด",
                "เงินเดือน",
                "คำสั่ง",
            ],
            history,
            vec![6],
        ),
        section(
            "๓. การได้รับโทษทางวินัย / disciplinary penalties",
            &["วันที่", "โทษ", "คำสั่ง"],
            penalties,
            vec![],
        ),
    ];
    // Education: the highest qualification the register holds, until degrees are recorded.
    let mut education = section(
        "๔. ประวัติการศึกษา / education",
        &["วุฒิการศึกษา"],
        if p.education.trim().is_empty() {
            vec![]
        } else {
            vec![vec![p.education.clone()]]
        },
        vec![],
    );
    education.empty = later.to_string();
    sections.push(education);
    for t in [
        "๕. การฝึกอบรมและดูงาน / training",
        "๖. วันลา / leave",
        "๗. เครื่องราชอิสริยาภรณ์ / decorations",
    ] {
        let mut s = section(t, &[], vec![], vec![]);
        s.empty = later.to_string();
        sections.push(s);
    }
    Ok(RecordDocument {
        title: format!("ทะเบียนประวัติ {}", p.name.full_th()),
        identity,
        sections,
        printed: printed_line(actor, today),
    })
}

/// The footer of printed lists and records: who printed it, on which day.
pub fn printed_line(actor: &Actor, today: ThaiDate) -> String {
    format!(
        "พิมพ์โดย {} เมื่อ {} จาก bmahr / printed by {} on {}",
        actor.user.username,
        official_date(today),
        actor.user.username,
        today.iso()
    )
}

/// The person an account is linked to, for "my record"; an account of no person has none.
pub fn own_person(actor: &Actor) -> Result<i64, ApiError> {
    actor.user.person_id.ok_or_else(|| {
        ApiError::NotFound(bmahr_core::Violation::new(
            "account.no_person",
            "person",
            "บัญชีนี้ไม่ได้ผูกกับบุคคลในทะเบียน จึงไม่มีทะเบียนประวัติของตนเอง",
            "this account is not linked to a person in the register, so it has no record of its own",
        ))
    })
}

/// The record as a PDF (`record-<id>.pdf`).
pub async fn record_pdf(
    state: &AppState,
    actor: &Actor,
    id: i64,
    today: ThaiDate,
) -> Result<Download, ApiError> {
    let doc = record_document(state, actor, id, today).await?;
    Ok(Download::pdf(
        typeset(state, Template::Record, doc).await?,
        &format!("record-{id}"),
    ))
}
