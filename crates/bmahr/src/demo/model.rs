//! The synthetic dataset as plain rows, ready to load.

use bmahr_core::org::UnitKind;
use bmahr_core::person::{Gender, Title};
use bmahr_core::personnel::{Category, Level};
use bmahr_core::register::{ActionKind, PenaltyKind, SeparationReason};
use bmahr_core::{NationalId, ThaiDate};

pub struct Unit {
    pub id: i64,
    pub code: String,
    pub parent: Option<i64>,
    pub kind: UnitKind,
    pub name_th: String,
    pub name_en: String,
    pub from: ThaiDate,
    pub to: Option<ThaiDate>,
}

pub struct PositionRow {
    pub id: i64,
    pub no: String,
    pub unit: i64,
    pub category: Category,
    pub level: Level,
    pub line: &'static str,
    pub admin_title: String,
    pub from: ThaiDate,
    pub to: Option<ThaiDate>,
    pub approval: &'static str,
}

/// A name from its date: indices into the name-part tables.
#[derive(Clone, Copy)]
pub struct NameParts {
    pub from: ThaiDate,
    pub title: Title,
    pub first: u8,
    pub head: u8,
    pub tail: u8,
}

pub struct Person {
    pub id: i64,
    pub national_id: NationalId,
    pub birth: ThaiDate,
    pub gender: Gender,
    pub education: &'static str,
    pub phone: String,
    pub created: ThaiDate,
    pub names: Vec<NameParts>,
    /// Orders with an action on this person (their record version is one more).
    pub orders: i64,
}

pub struct Order {
    pub id: i64,
    pub number: String,
    pub issuer: i64,
    pub signed_on: ThaiDate,
    pub signed_by: String,
    pub authority: String,
    pub effective: ThaiDate,
    pub reason: &'static str,
}

pub struct Action {
    pub order: i64,
    pub seq: i64,
    pub person: i64,
    pub kind: ActionKind,
    pub effective: ThaiDate,
    pub position_row: Option<i64>,
    pub salary: Option<i64>,
    pub penalty: Option<PenaltyKind>,
    pub penalty_percent: Option<i64>,
    pub penalty_months: Option<i64>,
    pub separation: Option<SeparationReason>,
}

#[derive(Default)]
pub struct Dataset {
    pub units: Vec<Unit>,
    pub positions: Vec<PositionRow>,
    pub people: Vec<Person>,
    pub orders: Vec<Order>,
    pub actions: Vec<Action>,
    pub holidays: Vec<(ThaiDate, String, String)>,
}
