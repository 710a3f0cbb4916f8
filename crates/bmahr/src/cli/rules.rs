//! `bmahr rule ...`: the core's rules on one input, for officers checking a case by hand.

use bmahr_core::law::retirement::{age_on, completes_age, retirement_date, RETIREMENT_AGE};
use bmahr_core::{FiscalYear, NationalId};
use clap::Subcommand;

use super::{open, parse_date, store_err, today, CliResult, Common};

#[derive(Subcommand)]
pub enum RuleCommand {
    /// Is a national ID valid (13 digits, check digit)?
    NationalId { id: String },
    /// Retirement date from a birth date (end of the fiscal year in which one completes 60)
    Retirement { birth_date: String },
    /// The fiscal year of a date
    FiscalYear { date: String },
    /// Last day of a period "within N days from" a day, with the stored holiday calendar
    Deadline {
        #[arg(long)]
        from: String,
        #[arg(long)]
        days: u32,
    },
}

pub async fn rule(c: &Common, cmd: RuleCommand) -> CliResult {
    match cmd {
        RuleCommand::NationalId { id } => match NationalId::parse(&id) {
            Ok(n) => {
                out!("ถูกต้อง / valid: {}", n.masked());
                Ok(())
            }
            Err(v) => Err(format!(
                "ไม่ถูกต้อง / invalid [{}]: {} / {}",
                v.code, v.message_th, v.message_en
            )),
        },
        RuleCommand::Retirement { birth_date } => {
            let b = parse_date(&birth_date)?;
            let r = retirement_date(b);
            out!(
                "เกิด {} ครบ {RETIREMENT_AGE} ปี {} เกษียณ {} (ปีงบประมาณ {}) อายุวันนี้ {} ปี\n\
                 born {}, completes {RETIREMENT_AGE} on {}, retires {} (FY {})",
                b.long_th(),
                completes_age(b, RETIREMENT_AGE).long_th(),
                r.long_th(),
                FiscalYear::of(r),
                age_on(b, today()),
                b.iso(),
                completes_age(b, RETIREMENT_AGE).iso(),
                r.iso(),
                FiscalYear::of(r)
            );
            Ok(())
        }
        RuleCommand::FiscalYear { date } => {
            let d = parse_date(&date)?;
            let fy = FiscalYear::of(d);
            out!(
                "ปีงบประมาณ / FY {fy}: {} – {}",
                fy.first_day().long_th(),
                fy.last_day().long_th()
            );
            Ok(())
        }
        RuleCommand::Deadline { from, days } => {
            let d = parse_date(&from)?;
            let store = open(c).await?;
            let cal = store.holiday_calendar().await.map_err(store_err)?;
            let end = cal.within_days(d, days);
            out!(
                "ภายใน {days} วันนับแต่ {} (เริ่มนับวันถัดไป): ครบกำหนด {}{}\n\
                 within {days} days from {}: last day {}{}",
                d.long_th(),
                end.last_day.long_th(),
                if end.moved_off_holiday() {
                    format!(
                        " (วันที่ {} เป็นวันหยุด เลื่อนเป็นวันทำการถัดไป)",
                        end.counted_day.long_th()
                    )
                } else {
                    String::new()
                },
                d.iso(),
                end.last_day.iso(),
                if end.moved_off_holiday() {
                    format!(
                        " ({} is a day off: moved to the next working day)",
                        end.counted_day.iso()
                    )
                } else {
                    String::new()
                },
            );
            Ok(())
        }
    }
}
