//! The unit tree (the BMA, its agencies and divisions, hospitals, districts with their
//! sections and schools), the signers of each agency's orders, and the pilot districts'
//! restructure into mission groups.

use std::collections::BTreeMap;

use bmahr_core::org::UnitKind;
use bmahr_core::personnel::{Category, Level};
use bmahr_core::register::ActionKind;
use bmahr_core::ThaiDate;

use super::{d, AgencyInfo, Generator, St, EARLIEST, RESTRUCTURE_APPROVAL};
use crate::demo::model::Unit;
use crate::demo::names::{MALE, SURNAME_HEAD, SURNAME_TAIL};
use crate::demo::structure::{
    AGENCIES, DISTRICTS, HOSPITALS, MISSION_GROUPS, PILOT_DISTRICTS, SCHOOLS_PER_DISTRICT, SECTIONS,
};

impl Generator {
    fn unit(
        &mut self,
        code: String,
        parent: Option<i64>,
        kind: UnitKind,
        th: String,
        en: String,
        from: ThaiDate,
    ) -> i64 {
        let id = self.next_unit;
        self.next_unit += 1;
        self.ds.units.push(Unit {
            id,
            code,
            parent,
            kind,
            name_th: th,
            name_en: en,
            from,
            to: None,
        });
        id
    }

    /// Builds the unit tree. Returns, per category, (unit, agency, weight) where its people
    /// work, and the head-of-unit positions (unit, agency, level, title).
    #[allow(clippy::type_complexity)]
    pub(super) fn build_units(
        &mut self,
    ) -> (
        BTreeMap<Category, Vec<(i64, usize, u32)>>,
        Vec<(i64, usize, Level, String)>,
    ) {
        let from = d(EARLIEST.0, EARLIEST.1, EARLIEST.2);
        let root = self.unit(
            "BMA".into(),
            None,
            UnitKind::Bma,
            "กรุงเทพมหานคร".into(),
            "Bangkok Metropolitan Administration".into(),
            from,
        );
        self.agencies.push(AgencyInfo {
            unit: root,
            authority: "ปลัดกรุงเทพมหานคร".into(),
            signer: String::new(),
        });
        let mut w: BTreeMap<Category, Vec<(i64, usize, u32)>> = BTreeMap::new();
        let mut fixed = Vec::new();
        for (code, kind, th, en, divisions) in AGENCIES {
            let kind = UnitKind::parse(kind).unwrap_or(UnitKind::Department);
            let id = self.unit(
                (*code).into(),
                Some(root),
                kind,
                (*th).into(),
                (*en).into(),
                from,
            );
            let ai = self.agencies.len();
            let head = if *code == "OCSC" {
                "หัวหน้าสำนักงาน ก.ก.".to_string()
            } else {
                format!("ผู้อำนวยการ{th}")
            };
            self.agencies.push(AgencyInfo {
                unit: id,
                authority: head.clone(),
                signer: String::new(),
            });
            fixed.push((id, ai, Level::ExecutiveSenior, head));
            fixed.push((id, ai, Level::ExecutiveJunior, format!("รองผู้อำนวยการ{th}")));
            let heavy = matches!(*code, "ENV" | "DDS" | "PW" | "FIRE" | "CLE");
            for (i, (dth, den)) in divisions.iter().enumerate() {
                let div = self.unit(
                    format!("{code}-{:02}", i + 1),
                    Some(id),
                    UnitKind::Division,
                    (*dth).into(),
                    (*den).into(),
                    from,
                );
                fixed.push((div, ai, Level::ManagerialSenior, format!("ผู้อำนวยการ{dth}")));
                w.entry(Category::Ordinary).or_default().push((div, ai, 12));
                w.entry(Category::PermanentEmployee).or_default().push((
                    div,
                    ai,
                    if heavy { 60 } else { 15 },
                ));
                w.entry(Category::TemporaryEmployee).or_default().push((
                    div,
                    ai,
                    if heavy { 30 } else { 10 },
                ));
            }
            if *code == "MED" {
                for (i, (hth, hen)) in HOSPITALS.iter().enumerate() {
                    let h = self.unit(
                        format!("MED-H{:02}", i + 1),
                        Some(id),
                        UnitKind::Hospital,
                        (*hth).into(),
                        (*hen).into(),
                        from,
                    );
                    fixed.push((h, ai, Level::ManagerialSenior, format!("ผู้อำนวยการ{hth}")));
                    w.entry(Category::Ordinary).or_default().push((h, ai, 60));
                    w.entry(Category::PermanentEmployee)
                        .or_default()
                        .push((h, ai, 30));
                    w.entry(Category::TemporaryEmployee)
                        .or_default()
                        .push((h, ai, 20));
                }
            }
        }
        for (code, th, en) in DISTRICTS {
            let id = self.unit(
                format!("D-{code}"),
                Some(root),
                UnitKind::District,
                format!("สำนักงานเขต{th}"),
                format!("{en} District Office"),
                from,
            );
            let ai = self.agencies.len();
            let head = format!("ผู้อำนวยการเขต{th}");
            self.agencies.push(AgencyInfo {
                unit: id,
                authority: head.clone(),
                signer: String::new(),
            });
            fixed.push((id, ai, Level::ManagerialSenior, head));
            fixed.push((
                id,
                ai,
                Level::ManagerialJunior,
                format!("ผู้ช่วยผู้อำนวยการเขต{th}"),
            ));
            for (scode, sth, sen, _) in SECTIONS {
                let s = self.unit(
                    format!("D-{code}-{scode}"),
                    Some(id),
                    UnitKind::Section,
                    sth.into(),
                    sen.into(),
                    from,
                );
                fixed.push((s, ai, Level::ManagerialJunior, format!("หัวหน้า{sth}")));
                w.entry(Category::Ordinary).or_default().push((s, ai, 4));
                let clean = scode == "CLN";
                w.entry(Category::PermanentEmployee).or_default().push((
                    s,
                    ai,
                    if clean { 20 } else { 2 },
                ));
                w.entry(Category::TemporaryEmployee).or_default().push((
                    s,
                    ai,
                    if clean { 6 } else { 2 },
                ));
            }
            for k in 0..SCHOOLS_PER_DISTRICT {
                let s = self.unit(
                    format!("D-{code}-S{:02}", k + 1),
                    Some(id),
                    UnitKind::School,
                    format!("โรงเรียนสังกัดกรุงเทพมหานคร เขต{th} แห่งที่ {}", k + 1),
                    format!("BMA School {} of {en}", k + 1),
                    from,
                );
                fixed.push((
                    s,
                    ai,
                    Level::TeacherSeniorProfessional,
                    "ผู้อำนวยการสถานศึกษา".into(),
                ));
                w.entry(Category::Teacher).or_default().push((s, ai, 1));
                w.entry(Category::TemporaryEmployee)
                    .or_default()
                    .push((s, ai, 1));
            }
        }
        // The signer of each agency's orders, named once so every order agrees.
        for i in 0..self.agencies.len() {
            let f = MALE[(i * 7 + self.seed as usize) % MALE.len()].0;
            let h = SURNAME_HEAD[(i * 5) % SURNAME_HEAD.len()].0;
            let t = SURNAME_TAIL[(i * 11 + 3) % SURNAME_TAIL.len()].0;
            self.agencies[i].signer = format!("นาย{f} {h}{t}");
        }
        (w, fixed)
    }

    /// DOMAIN §5: in the four pilot districts the ten sections close and six mission groups
    /// open; positions are re-homed (new rows, same numbers) and their holders moved.
    pub(super) fn restructure(&mut self, on: ThaiDate) {
        for code in PILOT_DISTRICTS {
            let dcode = format!("D-{code}");
            let Some(district) = self.ds.units.iter().find(|u| u.code == dcode).map(|u| u.id)
            else {
                continue;
            };
            let mut groups = Vec::new();
            for (g, th, en) in MISSION_GROUPS {
                let id = self.unit(
                    format!("{dcode}-{g}"),
                    Some(district),
                    UnitKind::MissionGroup,
                    th.into(),
                    en.into(),
                    on,
                );
                groups.push(id);
            }
            for (scode, _, _, g) in SECTIONS {
                let scode = format!("{dcode}-{scode}");
                let Some(u) = self.ds.units.iter_mut().find(|u| u.code == scode) else {
                    continue;
                };
                u.to = Some(on.add_days(-1));
                let section = u.id;
                for pos in 0..self.positions.len() {
                    if self.positions[pos].unit != section {
                        continue;
                    }
                    let row = self.positions[pos].row;
                    self.ds.positions[row].to = Some(on.add_days(-1));
                    self.positions[pos].unit = groups[g];
                    if self.positions[pos].admin_title.starts_with("หัวหน้า") {
                        self.positions[pos].admin_title = format!("หัวหน้า{}", MISSION_GROUPS[g].1);
                    }
                    let level = self.positions[pos].level;
                    let r = self.new_position_row(pos, level, on, RESTRUCTURE_APPROVAL);
                    self.positions[pos].row = r;
                    if let Some(h) = self.positions[pos].holder {
                        if self.people[h].st != St::Gone {
                            self.event(
                                on,
                                ActionKind::Move,
                                h,
                                Some(r),
                                None,
                                "ปรับโครงสร้างเป็นกลุ่มภารกิจ",
                            );
                        }
                    }
                }
            }
        }
    }
}
