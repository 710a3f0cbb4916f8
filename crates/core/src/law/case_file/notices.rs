//! A merit-protection petition (§66): ก.พ.ค. notifies the issuer of a rule or order that
//! breaks the merit system, within days it sets, and the issuer responds.

use super::deadlines::period_end;
use super::{refused, CaseDeadline, CaseFile, Holder};
use crate::calendar::{HolidayCalendar, ThaiDate};
use crate::i18n::{Violation, Violations};

crate::labelled_enum! {
    /// What the issuer of a rule or order did on ก.พ.ค.'s notice (§66).
    pub enum PetitionResponse: "response" {
        Revised = ("revised", "แก้ไขแล้ว", "revised"),
        Revoked = ("revoked", "ยกเลิกแล้ว", "revoked"),
        Explained = ("explained", "ชี้แจงเหตุผล ไม่แก้ไข", "explained, not changed"),
    }
}

impl CaseFile {
    /// §66: ก.พ.ค. tells the issuer to revise or revoke within the days it sets: at least one
    /// (`petition.response_days`), and no more than the calendar can count
    /// (`date.out_of_range`).
    pub(super) fn issuer_notified(
        &mut self,
        on: ThaiDate,
        respond_within_days: u32,
        cal: &HolidayCalendar,
    ) -> Result<(), Violations> {
        if respond_within_days == 0 {
            let mut v = Violations::default();
            v.push(Violation::new(
                "petition.response_days",
                "respond_within_days",
                "ต้องกำหนดระยะเวลาที่ให้ผู้ออกกฎหรือคำสั่งดำเนินการ",
                "the notice must set the days the issuer has to respond",
            ));
            return Err(v);
        }
        let end = period_end(cal, on, respond_within_days, "respond_within_days")?;
        self.deadlines.push(CaseDeadline {
            key: "response",
            holder: Holder::Unit,
            start: on,
            last_day: end.last_day,
            counted_day: end.counted_day,
            basis: "§66 (ระยะเวลาตามหนังสือแจ้งของ ก.พ.ค.)".to_string(),
            label_th: format!("วันครบกำหนดแก้ไขหรือยกเลิกกฎหรือคำสั่ง ({respond_within_days} วัน)"),
            label_en: format!(
                "rule or order to be revised or revoked by ({respond_within_days} days)"
            ),
            met_on: None,
        });
        Ok(())
    }

    /// §66: the issuer's response meets the notice's deadline; there must have been a notice.
    pub(super) fn issuer_responded(
        &mut self,
        on: ThaiDate,
        response: PetitionResponse,
    ) -> Result<(), Violations> {
        if self.deadline_mut("response").is_none() {
            return Err(refused(
                "petition.not_notified",
                "ก.พ.ค. ยังไม่ได้แจ้งผู้ออกกฎหรือคำสั่ง".to_string(),
                "ก.พ.ค. has not notified the issuer yet".to_string(),
            ));
        }
        self.meet("response", on);
        self.outcome = Some(response.code().to_string());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::*;
    use super::*;
    use crate::law::case_file::{CaseEvent, CaseFile, Opening};

    #[test]
    fn a_petition_response_deadline_is_the_days_kpk_sets() {
        let cal = no_holidays();
        let mut f = CaseFile::open(
            Opening::Petition {
                rule_or_order: "ประกาศหลักเกณฑ์การย้าย".into(),
                issuer_unit: "PSO".into(),
                filed_on: d(2026, 1, 5),
                petitioner: String::new(),
            },
            &cal,
        )
        .unwrap();
        let mut early = CaseEvent::IssuerResponded {
            on: d(2026, 1, 6),
            response: PetitionResponse::Revised,
            note: String::new(),
        };
        assert!(f.apply(&mut early, facts(&cal)).is_err());
        let mut n = CaseEvent::IssuerNotified {
            on: d(2026, 2, 2),
            respond_within_days: 60,
            note: String::new(),
        };
        f.apply(&mut n, facts(&cal)).unwrap();
        assert_eq!(f.deadlines[0].last_day, d(2026, 4, 3));
        let mut resp = CaseEvent::IssuerResponded {
            on: d(2026, 3, 1),
            response: PetitionResponse::Revoked,
            note: String::new(),
        };
        f.apply(&mut resp, facts(&cal)).unwrap();
        assert_eq!(f.open_deadlines().count(), 0);
    }

    #[test]
    fn a_response_period_past_the_end_of_the_calendar_is_refused() {
        let cal = no_holidays();
        let mut f = CaseFile::open(
            Opening::Petition {
                rule_or_order: "ประกาศหลักเกณฑ์การย้าย".into(),
                issuer_unit: "PSO".into(),
                filed_on: d(2026, 1, 5),
                petitioner: String::new(),
            },
            &cal,
        )
        .unwrap();
        for days in [4_000_000_000, u32::MAX] {
            let mut n = CaseEvent::IssuerNotified {
                on: d(2026, 2, 2),
                respond_within_days: days,
                note: String::new(),
            };
            let err = f.apply(&mut n, facts(&cal)).unwrap_err();
            assert_eq!(codes(&err), vec!["date.out_of_range"]);
            assert_eq!(err.0[0].field, "respond_within_days");
            assert!(f.deadlines.is_empty());
        }
    }
}
