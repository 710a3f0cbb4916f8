//! A person's own data (not their service record, which is derived from orders).

use crate::i18n::{Violation, Violations};
use crate::{NationalId, ThaiDate};

crate::labelled_enum! {
    pub enum Gender: "gender" {
        Male = ("male", "ชาย", "male"),
        Female = ("female", "หญิง", "female"),
        Unspecified = ("unspecified", "ไม่ระบุ", "unspecified"),
    }
}

crate::labelled_enum! {
    pub enum Title: "title" {
        Mr = ("mr", "นาย", "Mr."),
        Mrs = ("mrs", "นาง", "Mrs."),
        Miss = ("miss", "นางสาว", "Miss"),
        Dr = ("dr", "ดร.", "Dr."),
        ActingSubLt = ("acting_sub_lt", "ว่าที่ร้อยตรี", "Acting Sub-Lt."),
        ActingSubLtF = ("acting_sub_lt_f", "ว่าที่ร้อยตรีหญิง", "Acting Sub-Lt. (f)"),
    }
}

/// A name as written at one time; name changes are kept as history.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct PersonName {
    pub title: Title,
    pub first_th: String,
    pub last_th: String,
    pub first_en: String,
    pub last_en: String,
}

impl PersonName {
    pub fn full_th(&self) -> String {
        format!("{}{} {}", self.title.th(), self.first_th, self.last_th)
    }
    pub fn full_en(&self) -> String {
        format!("{} {} {}", self.title.en(), self.first_en, self.last_en)
    }
}

/// A person about to be registered, with every field checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPerson {
    pub national_id: NationalId,
    pub name: PersonName,
    pub birth_date: ThaiDate,
    pub gender: Gender,
    /// ISO 3166 alpha-2, `TH` for Thai.
    pub nationality: String,
    pub education: String,
    pub phone: String,
    pub email: String,
}

/// The raw text of a person's fields, as read from a form or a file row.
#[derive(Debug, Clone, Default)]
pub struct PersonFields<'a> {
    pub national_id: &'a str,
    pub title: &'a str,
    pub first_th: &'a str,
    pub last_th: &'a str,
    pub first_en: &'a str,
    pub last_en: &'a str,
    pub birth_date: &'a str,
    pub gender: &'a str,
    pub nationality: &'a str,
    pub education: &'a str,
    pub phone: &'a str,
    pub email: &'a str,
}

fn is_thai_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c) || c == ' ' || c == '-' || c == '.')
}

fn is_latin_name(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_ascii_alphabetic() || c == ' ' || c == '-' || c == '.' || c == '\'')
}

fn required_thai(field: &'static str, v: &str, out: &mut Violations) -> String {
    let v = v.trim();
    if !is_thai_name(v) || v.chars().count() > 100 {
        out.push(Violation::new(
            "name.thai",
            field,
            "ต้องกรอกเป็นอักษรไทย ไม่เกิน 100 ตัวอักษร",
            "required, in Thai script, at most 100 characters",
        ));
    }
    v.to_string()
}

fn optional_latin(field: &'static str, v: &str, out: &mut Violations) -> String {
    let v = v.trim();
    if !is_latin_name(v) || v.len() > 100 {
        out.push(Violation::new(
            "name.latin",
            field,
            "ชื่อภาษาอังกฤษต้องเป็นอักษรละติน ไม่เกิน 100 ตัวอักษร",
            "English name must be Latin letters, at most 100 characters",
        ));
    }
    v.to_string()
}

impl NewPerson {
    /// Checks every field and reports every problem at once. `today` bounds the birth date.
    pub fn from_fields(f: &PersonFields<'_>, today: ThaiDate) -> Result<Self, Violations> {
        let mut out = Violations::default();
        let national_id = out.take(NationalId::parse(f.national_id));
        let title = out.take(Title::parse(f.title));
        let first_th = required_thai("first_name_th", f.first_th, &mut out);
        let last_th = required_thai("last_name_th", f.last_th, &mut out);
        let first_en = optional_latin("first_name_en", f.first_en, &mut out);
        let last_en = optional_latin("last_name_en", f.last_en, &mut out);
        let birth_date =
            out.take(ThaiDate::parse(f.birth_date).map_err(|v| v.on_field("birth_date")));
        if let Some(b) = birth_date {
            if b > today || b < today.add_years(-120) {
                out.push(Violation::new(
                    "birth_date.range",
                    "birth_date",
                    "วันเกิดต้องไม่เป็นวันในอนาคตและไม่เกิน 120 ปีก่อน",
                    "birth date must not be in the future nor more than 120 years ago",
                ));
            }
        }
        let gender = if f.gender.trim().is_empty() {
            Some(Gender::Unspecified)
        } else {
            out.take(Gender::parse(f.gender))
        };
        let nat = f.nationality.trim();
        let nationality = match nat {
            "" | "ไทย" | "Thai" | "thai" | "TH" | "th" => "TH".to_string(),
            n if n.len() == 2 && n.bytes().all(|b| b.is_ascii_alphabetic()) => {
                n.to_ascii_uppercase()
            }
            _ => {
                out.push(Violation::new(
                    "nationality.code",
                    "nationality",
                    "สัญชาติต้องเป็นรหัสประเทศ 2 ตัวอักษร (เช่น TH) หรือ \"ไทย\"",
                    "nationality must be a 2-letter country code (e.g. TH) or \"ไทย\"",
                ));
                String::new()
            }
        };
        let email = f.email.trim().to_string();
        if !email.is_empty() && (!email.contains('@') || email.len() > 200) {
            out.push(Violation::new(
                "email.format",
                "email",
                "อีเมลไม่ถูกต้อง",
                "email address is invalid",
            ));
        }
        let phone = f.phone.trim().to_string();
        if !phone
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c == ' ' || c == '+')
            || phone.len() > 30
        {
            out.push(Violation::new(
                "phone.format",
                "phone",
                "หมายเลขโทรศัพท์ต้องเป็นตัวเลข",
                "phone number must be digits",
            ));
        }
        match (national_id, title, birth_date, gender) {
            (Some(national_id), Some(title), Some(birth_date), Some(gender)) if out.is_empty() => {
                Ok(NewPerson {
                    national_id,
                    name: PersonName {
                        title,
                        first_th,
                        last_th,
                        first_en,
                        last_en,
                    },
                    birth_date,
                    gender,
                    nationality,
                    education: f.education.trim().to_string(),
                    phone,
                    email,
                })
            }
            _ => Err(out),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> ThaiDate {
        ThaiDate::from_ce(2026, 11, 23).unwrap()
    }

    #[test]
    fn a_good_row() {
        let f = PersonFields {
            national_id: "1101700203450",
            title: "นางสาว",
            first_th: "สมหญิง",
            last_th: "ใจดี",
            first_en: "Somying",
            last_en: "Jaidee",
            birth_date: "15/03/2530",
            gender: "หญิง",
            nationality: "ไทย",
            ..Default::default()
        };
        let p = NewPerson::from_fields(&f, today()).unwrap();
        assert_eq!(p.name.full_th(), "นางสาวสมหญิง ใจดี");
        assert_eq!(p.birth_date, ThaiDate::from_ce(1987, 3, 15).unwrap());
        assert_eq!(p.nationality, "TH");
    }

    #[test]
    fn every_bad_field_is_reported() {
        let f = PersonFields {
            national_id: "1101700203451",
            title: "Sir",
            first_th: "Somchai",
            last_th: "",
            birth_date: "2599-01-01 BE",
            gender: "x",
            email: "nope",
            ..Default::default()
        };
        let errs = NewPerson::from_fields(&f, today()).unwrap_err();
        let fields: Vec<&str> = errs.iter().map(|v| v.field.as_str()).collect();
        for want in [
            "national_id",
            "title",
            "first_name_th",
            "last_name_th",
            "birth_date",
            "gender",
            "email",
        ] {
            assert!(fields.contains(&want), "{want} missing from {fields:?}");
        }
    }
}
