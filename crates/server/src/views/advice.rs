//! What a reader can do about a refusal: the page says why (the rule) and, here, what to do
//! instead. Keyed by the violation's code (and, for access, by what was refused).

use bmahr_core::Violation;

/// The next step for a violation, in Thai and English, where there is a useful one.
pub(crate) fn advice(v: &Violation) -> Option<(&'static str, &'static str)> {
    let field = v.field.as_str();
    Some(match v.code {
        "access.forbidden" | "access.denied" if field.ends_with("person") => (
            "ผู้นี้อยู่นอกหน่วยงานที่ท่านดูแล ให้หน่วยงานต้นสังกัดของผู้นี้เป็นผู้ดำเนินการ หรือขอสิทธิ์จากสำนักงาน ก.ก.",
            "this person is outside your units: their own unit's HR office acts for them, or ask the Office of the ก.ก. for access",
        ),
        "access.forbidden" | "access.denied" if field.ends_with("position_no") => (
            "ตำแหน่งนี้อยู่นอกหน่วยงานที่ท่านดูแล เลือกตำแหน่งในหน่วยงานของท่าน (ใช้ช่องค้นหาตำแหน่ง)",
            "this position is outside your units: choose one in your units (use the position search)",
        ),
        "access.forbidden" | "access.denied" => (
            "บัญชีของท่านไม่มีสิทธิ์ทำรายการนี้ ติดต่อผู้ดูแลระบบของสำนักงาน ก.ก. หากจำเป็นต้องใช้",
            "your account may not do this; ask the Office of the ก.ก.'s administrator if you need to",
        ),
        "position.occupied" => (
            "เลือกตำแหน่งว่าง หรือออกคำสั่งย้ายผู้ครองตำแหน่งเดิมก่อนในคำสั่งเดียวกัน",
            "choose a vacant position, or move its holder first in the same order",
        ),
        "position.level_not_allowed" => (
            "ตรวจสอบระดับที่กำหนดไว้ในกรอบอัตรากำลังของตำแหน่งนี้ หรือเลือกตำแหน่งอื่น",
            "check the levels the frame allows for this position, or choose another",
        ),
        "authority.too_low" => (
            "เลือกผู้มีอำนาจสั่งตามมาตรา 52–54 ที่สูงพอ แล้วเสนอให้ผู้นั้นลงนาม",
            "choose a signing authority high enough under §52–54 and send it to them to sign",
        ),
        "salary.step_lowers" | "penalty.reduced_salary" => (
            "การลดเงินเดือนทำได้ด้วยคำสั่งลงโทษ (ประเภท ลงโทษทางวินัย) ไม่ใช่คำสั่งเลื่อนเงินเดือน",
            "a lower salary is a penalty order (kind: disciplinary penalty), not a salary change",
        ),
        "salary.above_scale" | "salary.below_scale" | "salary.step_too_large" => (
            "ตรวจสอบอัตราเงินเดือนกับบัญชีเงินเดือนของระดับตำแหน่ง (แสดงข้างช่องเงินเดือน)",
            "check the salary against the level's salary scale (shown beside the salary field)",
        ),
        "version.stale" | "draft.closed" => (
            "มีผู้อื่นแก้ไขหรือลงนามไปก่อนแล้ว เปิดหน้านี้ใหม่เพื่อดูฉบับล่าสุด แล้วทำรายการอีกครั้ง",
            "someone else changed or signed it first: reload the page to see the latest version, then try again",
        ),
        "order.number_taken" => (
            "ใช้เลขที่คำสั่งถัดไปของหน่วยงาน (เลขที่นี้ใช้แล้ว)",
            "use the unit's next order number (this one is taken)",
        ),
        "eligibility.declaration_required" => (
            "ตรวจคุณสมบัติตามมาตรา 43 แล้วทำเครื่องหมายในช่องรับรองของรายการนั้น",
            "check the §43 qualifications and tick the declaration box on that row",
        ),
        "category_move.volunteer" => (
            "ย้ายต่างประเภทได้เมื่อผู้นั้นสมัครใจและต้นสังกัดเห็นชอบ ทำเครื่องหมายในช่องมาตรา 56 เมื่อได้รับแล้ว",
            "a move between categories needs the person's consent and the home agency's: tick the §56 box once given",
        ),
        "not_found" => (
            "ตรวจสอบที่อยู่ของหน้า หรือค้นหาจากเมนู",
            "check the address, or search from the menu",
        ),
        _ => return None,
    })
}
