//! FHIR resources ↔ booking rows and DTOs. Pure: no I/O, unit-tested.
//!
//! Conventions are those of `shared::fhir::booking`: an Appointment names its patient, doctor
//! (PractitionerRole), room and facility site (Locations) as participants with displays, so a
//! ticket is drawn from the Appointment alone.

use super::directory::ScheduleInfo;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use shared::clock::VnDateTime;
use shared::dto::booking::{
    Appointment, AppointmentStatus, FacilityBrief, HealthDeclaration, PersonLabel, Pregnancy,
    Symptom,
};
use shared::fhir::booking::{
    EXT_BOOKED_BY, EXT_QUEUE_NUMBER, QUESTIONNAIRE_DECLARATION, SYSTEM_BOOKING_CODE,
};
use shared::schedule::arrive_by;

/// Code system of the declaration's symptom answers.
pub const CS_SYMPTOM: &str = "https://sosuckhoe.vn/fhir/CodeSystem/declared-symptom";
/// Code system of the declaration's pregnancy answer.
pub const CS_PREGNANCY: &str = "https://sosuckhoe.vn/fhir/CodeSystem/declared-pregnancy";

fn str_at<'a>(v: &'a Value, pointer: &str) -> Option<&'a str> {
    v.pointer(pointer).and_then(Value::as_str)
}

/// `meta.versionId`, for `If-Match`.
pub fn version_of(v: &Value) -> Option<String> {
    str_at(v, "/meta/versionId").map(str::to_owned)
}

/// The resource without `meta` (what a PUT sends back).
pub fn without_meta(v: &Value) -> Value {
    let mut v = v.clone();
    if let Some(map) = v.as_object_mut() {
        map.remove("meta");
    }
    v
}

/// The `If-Match` value for a version.
pub fn if_match(version: &str) -> String {
    format!("W/\"{version}\"")
}

/// A transaction entry that updates `resource` (PUT), optionally only if unchanged.
pub fn put_entry(resource: &Value, version: Option<&str>) -> Value {
    let ty = str_at(resource, "/resourceType").unwrap_or_default();
    let id = str_at(resource, "/id").unwrap_or_default();
    let url = format!("{ty}/{id}");
    let mut request = json!({"method": "PUT", "url": url});
    if let Some(v) = version {
        request["ifMatch"] = Value::String(if_match(v));
    }
    json!({"fullUrl": url, "request": request, "resource": without_meta(resource)})
}

/// A Slot as the facility-day object keeps it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SlotRow {
    pub id: String,
    pub schedule: String,
    /// Unix seconds.
    pub start: i64,
    pub end: i64,
    /// FHIR status: `free`, `busy`, `busy-unavailable`, `busy-tentative`, `entered-in-error`.
    pub status: String,
    pub version: String,
    /// The resource without `meta`, as JSON text (sent back on update).
    pub raw: String,
}

/// A `Slot` resource as a [`SlotRow`].
pub fn slot_row(v: &Value) -> Option<SlotRow> {
    let schedule = v
        .pointer("/schedule/reference")
        .and_then(Value::as_str)?
        .rsplit_once('/')?
        .1
        .to_owned();
    Some(SlotRow {
        id: str_at(v, "/id")?.to_owned(),
        schedule,
        start: VnDateTime::parse(str_at(v, "/start")?)?.unix_seconds(),
        end: VnDateTime::parse(str_at(v, "/end")?)?.unix_seconds(),
        status: str_at(v, "/status")?.to_owned(),
        version: version_of(v).unwrap_or_default(),
        raw: without_meta(v).to_string(),
    })
}

/// An Appointment as the edge reads it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ApptRow {
    pub id: String,
    pub slot: Option<String>,
    pub patient: String,
    pub patient_name: String,
    /// FHIR status.
    pub status: String,
    pub code: String,
    pub queue: u32,
    pub version: String,
    pub raw: String,
    /// Display of who booked it, when not the patient.
    pub booked_by: Option<String>,
    /// `Patient` id of who booked it, when not the patient.
    pub booked_by_id: Option<String>,
    pub start: i64,
    pub end: i64,
    pub created: Option<i64>,
    pub role: Option<String>,
    pub practitioner: String,
    /// Location participants: (id, display). One is the room, one the facility's site.
    pub locations: Vec<(String, String)>,
    pub department: String,
}

impl ApptRow {
    /// Booked or checked in: holds its slot and counts as the person's booking that day.
    pub fn is_active(&self) -> bool {
        matches!(
            self.status.as_str(),
            "booked" | "arrived" | "pending" | "checked-in"
        )
    }

    /// The room: the Location participant that is not `site_id`.
    pub fn room(&self, site_id: &str) -> String {
        self.locations
            .iter()
            .find(|(id, _)| id != site_id)
            .map(|(_, d)| d.clone())
            .unwrap_or_default()
    }

    /// The site: a Location participant the directory knows as a site.
    pub fn site(&self, is_site: impl Fn(&str) -> bool) -> Option<&str> {
        self.locations
            .iter()
            .map(|(id, _)| id.as_str())
            .find(|id| is_site(id))
    }
}

fn reference_id<'a>(v: &'a Value, resource_type: &str) -> Option<&'a str> {
    let r = v.get("reference")?.as_str()?;
    let (ty, id) = r.rsplit_once('/')?;
    (ty.rsplit('/').next()? == resource_type).then_some(id)
}

/// An `Appointment` resource as an [`ApptRow`].
pub fn appt_row(v: &Value) -> Option<ApptRow> {
    let participants = v.get("participant").and_then(Value::as_array)?;
    let actors: Vec<&Value> = participants.iter().filter_map(|p| p.get("actor")).collect();
    let patient = actors.iter().find_map(|a| reference_id(a, "Patient"))?;
    let patient_actor = actors
        .iter()
        .find(|a| reference_id(a, "Patient").is_some())?;
    let role = actors
        .iter()
        .find(|a| reference_id(a, "PractitionerRole").is_some());
    let locations = actors
        .iter()
        .filter_map(|a| {
            Some((
                reference_id(a, "Location")?.to_owned(),
                str_at(a, "/display").unwrap_or_default().to_owned(),
            ))
        })
        .collect();
    let extensions = v.get("extension").and_then(Value::as_array);
    let ext = |url: &str| {
        extensions
            .into_iter()
            .flatten()
            .find(|e| e.get("url").and_then(Value::as_str) == Some(url))
    };
    let booked_by = ext(EXT_BOOKED_BY).and_then(|e| e.get("valueReference"));
    let code = v
        .get("identifier")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .find(|i| i.get("system").and_then(Value::as_str) == Some(SYSTEM_BOOKING_CODE))
        .and_then(|i| str_at(i, "/value"))
        .unwrap_or_default()
        .to_owned();
    Some(ApptRow {
        id: str_at(v, "/id")?.to_owned(),
        slot: v
            .pointer("/slot/0")
            .and_then(|s| reference_id(s, "Slot"))
            .map(str::to_owned),
        patient: patient.to_owned(),
        patient_name: str_at(patient_actor, "/display")
            .unwrap_or_default()
            .to_owned(),
        status: str_at(v, "/status")?.to_owned(),
        code,
        queue: ext(EXT_QUEUE_NUMBER)
            .and_then(|e| e.get("valuePositiveInt"))
            .and_then(Value::as_u64)
            .unwrap_or(0) as u32,
        version: version_of(v).unwrap_or_default(),
        raw: without_meta(v).to_string(),
        booked_by: booked_by
            .and_then(|r| str_at(r, "/display"))
            .map(str::to_owned),
        booked_by_id: booked_by
            .and_then(|r| reference_id(r, "Patient"))
            .map(str::to_owned),
        start: VnDateTime::parse(str_at(v, "/start")?)?.unix_seconds(),
        end: VnDateTime::parse(str_at(v, "/end")?)?.unix_seconds(),
        created: str_at(v, "/created")
            .and_then(VnDateTime::parse)
            .map(VnDateTime::unix_seconds),
        role: role
            .and_then(|r| reference_id(r, "PractitionerRole"))
            .map(str::to_owned),
        practitioner: role
            .and_then(|r| str_at(r, "/display"))
            .unwrap_or_default()
            .to_owned(),
        locations,
        department: str_at(v, "/serviceType/0/text")
            .unwrap_or_default()
            .to_owned(),
    })
}

/// FHIR `Appointment.status` in the API's words.
pub fn status_of(fhir: &str) -> AppointmentStatus {
    match fhir {
        "arrived" | "checked-in" => AppointmentStatus::CheckedIn,
        "noshow" => AppointmentStatus::NoShow,
        "fulfilled" => AppointmentStatus::Done,
        "cancelled" | "entered-in-error" => AppointmentStatus::Cancelled,
        _ => AppointmentStatus::Booked,
    }
}

/// The API's status as FHIR `Appointment.status`.
pub fn fhir_status(status: AppointmentStatus) -> &'static str {
    match status {
        AppointmentStatus::Booked => "booked",
        AppointmentStatus::CheckedIn => "arrived",
        AppointmentStatus::NoShow => "noshow",
        AppointmentStatus::Done => "fulfilled",
        AppointmentStatus::Cancelled => "cancelled",
    }
}

/// Everything needed to draw a ticket besides the appointment itself.
pub struct TicketContext<'a> {
    pub id: String,
    pub facility: &'a FacilityBrief,
    pub site_id: &'a str,
    pub patient: PersonLabel,
    pub now: VnDateTime,
}

/// The citizen's ticket for `row` (without the QR; the caller adds it).
pub fn ticket(row: &ApptRow, cx: TicketContext<'_>) -> Appointment {
    let start = VnDateTime::from_unix_seconds(row.start);
    let status = status_of(&row.status);
    Appointment {
        id: cx.id,
        code: row.code.clone(),
        qr_svg: None,
        status,
        start,
        end: VnDateTime::from_unix_seconds(row.end),
        arrive_by: arrive_by(start, cx.facility.level),
        queue_number: row.queue.max(1),
        facility: cx.facility.clone(),
        department: row.department.clone(),
        practitioner: row.practitioner.clone(),
        room: row.room(cx.site_id),
        patient: cx.patient,
        booked_by: row
            .booked_by
            .clone()
            .filter(|_| row.booked_by_id.as_deref() != Some(row.patient.as_str())),
        booked_at: row.created.map(VnDateTime::from_unix_seconds),
        can_change: status == AppointmentStatus::Booked && start > cx.now,
    }
}

/// Who the appointment is for, and who booked it.
#[derive(Clone, Copy)]
pub struct People<'a> {
    pub patient_id: &'a str,
    pub patient_name: &'a str,
    /// `(Patient id, name)` of the booker when not the patient.
    pub booker: Option<(&'a str, &'a str)>,
}

/// A new `Appointment` for `slot` of `schedule`.
pub struct NewAppointment<'a> {
    pub id: &'a str,
    pub code: &'a str,
    pub slot: &'a SlotRow,
    pub schedule: &'a ScheduleInfo,
    pub site_id: &'a str,
    pub facility_name: &'a str,
    pub people: People<'a>,
    pub queue: u32,
    pub declaration_id: Option<&'a str>,
    pub reason: &'a str,
    pub created: VnDateTime,
}

pub fn appointment_resource(n: &NewAppointment<'_>) -> Value {
    let mut extension = vec![json!({"url": EXT_QUEUE_NUMBER, "valuePositiveInt": n.queue.max(1)})];
    if let Some((id, name)) = n.people.booker {
        extension.push(json!({"url": EXT_BOOKED_BY, "valueReference": {"reference": format!("Patient/{id}"), "display": name}}));
    }
    let mut v = json!({
        "resourceType": "Appointment",
        "id": n.id,
        "extension": extension,
        "identifier": [{"system": SYSTEM_BOOKING_CODE, "value": n.code}],
        "status": "booked",
        "serviceType": [{"text": n.schedule.department}],
        "start": VnDateTime::from_unix_seconds(n.slot.start).to_string(),
        "end": VnDateTime::from_unix_seconds(n.slot.end).to_string(),
        "created": n.created.to_string(),
        "slot": [{"reference": format!("Slot/{}", n.slot.id)}],
        "participant": [
            {"actor": {"reference": format!("Patient/{}", n.people.patient_id), "display": n.people.patient_name}, "status": "accepted"},
            {"actor": {"reference": format!("PractitionerRole/{}", n.schedule.role_id), "display": n.schedule.practitioner}, "status": "accepted"},
            {"actor": {"reference": format!("Location/{}", n.schedule.room_id), "display": n.schedule.room}, "status": "accepted"},
            {"actor": {"reference": format!("Location/{}", n.site_id), "display": n.facility_name}, "status": "accepted"},
        ],
    });
    if !n.reason.trim().is_empty() {
        v["reasonCode"] = json!([{"text": n.reason}]);
    }
    if let Some(d) = n.declaration_id {
        v["supportingInformation"] = json!([{"reference": format!("QuestionnaireResponse/{d}")}]);
    }
    v
}

fn symptom_code(s: Symptom) -> (&'static str, &'static str) {
    match s {
        Symptom::Fever => ("fever", "Sốt"),
        Symptom::Cough => ("cough", "Ho"),
        Symptom::ShortnessOfBreath => ("shortness_of_breath", "Khó thở"),
        Symptom::SoreThroat => ("sore_throat", "Đau họng"),
        Symptom::LossOfSmellOrTaste => ("loss_of_smell_or_taste", "Mất khứu giác hoặc vị giác"),
        Symptom::Diarrhoea => ("diarrhoea", "Tiêu chảy"),
        Symptom::Vomiting => ("vomiting", "Nôn"),
        Symptom::Rash => ("rash", "Phát ban"),
        Symptom::Headache => ("headache", "Đau đầu"),
        Symptom::ChestPain => ("chest_pain", "Đau ngực"),
        Symptom::Fatigue => ("fatigue", "Mệt mỏi"),
    }
}

fn pregnancy_code(p: Pregnancy) -> (&'static str, &'static str) {
    match p {
        Pregnancy::NotApplicable => ("not_applicable", "Không áp dụng"),
        Pregnancy::No => ("no", "Không mang thai"),
        Pregnancy::Yes => ("yes", "Đang mang thai"),
        Pregnancy::Unsure => ("unsure", "Có thể mang thai / không chắc"),
    }
}

/// The health declaration as a `QuestionnaireResponse` (its own resource: it is health data
/// the patient gave, readable in their book).
pub fn declaration_resource(
    id: &str,
    people: &People<'_>,
    declaration: &HealthDeclaration,
    authored: VnDateTime,
) -> Value {
    let mut items = vec![
        json!({"linkId": "reason", "text": "Lý do khám", "answer": [{"valueString": declaration.reason.trim()}]}),
    ];
    if !declaration.symptoms.is_empty() {
        let answers: Vec<Value> = declaration
            .symptoms
            .iter()
            .map(|s| {
                let (code, display) = symptom_code(*s);
                json!({"valueCoding": {"system": CS_SYMPTOM, "code": code, "display": display}})
            })
            .collect();
        items.push(json!({"linkId": "symptoms", "text": "Triệu chứng trong 14 ngày qua", "answer": answers}));
    }
    items.push(json!({"linkId": "infectious-contact", "text": "Tiếp xúc gần với người mắc bệnh truyền nhiễm trong 14 ngày qua", "answer": [{"valueBoolean": declaration.infectious_contact}]}));
    items.push(json!({"linkId": "recent-travel", "text": "Đi nước ngoài hoặc vùng có dịch trong 14 ngày qua", "answer": [{"valueBoolean": declaration.recent_travel}]}));
    let (code, display) = pregnancy_code(declaration.pregnancy);
    items.push(json!({"linkId": "pregnancy", "text": "Mang thai", "answer": [{"valueCoding": {"system": CS_PREGNANCY, "code": code, "display": display}}]}));
    if let Some(notes) = declaration
        .notes
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
    {
        items.push(
            json!({"linkId": "notes", "text": "Ghi chú", "answer": [{"valueString": notes}]}),
        );
    }
    let author = match people.booker {
        Some((id, name)) => json!({"reference": format!("Patient/{id}"), "display": name}),
        None => {
            json!({"reference": format!("Patient/{}", people.patient_id), "display": people.patient_name})
        }
    };
    json!({
        "resourceType": "QuestionnaireResponse",
        "id": id,
        "questionnaire": QUESTIONNAIRE_DECLARATION,
        "status": "completed",
        "subject": {"reference": format!("Patient/{}", people.patient_id), "display": people.patient_name},
        "authored": authored.to_string(),
        "author": author,
        "item": items,
    })
}

/// Family name and initials: "Nguyễn Thị Minh Anh" → "Nguyễn T. M. A.". Enough for someone who
/// knows the person to notice a wrong number, too little to learn a stranger's name.
pub fn masked_name(full: &str) -> String {
    let mut words = full.split_whitespace();
    let Some(family) = words.next() else {
        return String::new();
    };
    let initials: Vec<String> = words
        .filter_map(|w| w.chars().next())
        .map(|c| format!("{c}."))
        .collect();
    if initials.is_empty() {
        family.to_owned()
    } else {
        format!("{family} {}", initials.join(" "))
    }
}

/// Checks a declaration: a reason of 1–500 characters, notes of at most 500, no duplicate
/// symptoms. Returns it trimmed.
pub fn validate_declaration(d: &HealthDeclaration) -> Option<HealthDeclaration> {
    use shared::dto::booking::DECLARATION_TEXT_MAX;
    let reason = d.reason.trim();
    let notes = d.notes.as_deref().map(str::trim).filter(|n| !n.is_empty());
    if reason.is_empty()
        || reason.chars().count() > DECLARATION_TEXT_MAX
        || notes.is_some_and(|n| n.chars().count() > DECLARATION_TEXT_MAX)
        || reason.chars().any(|c| c.is_control() && c != '\n')
    {
        return None;
    }
    let mut symptoms = Vec::new();
    for s in &d.symptoms {
        if !symptoms.contains(s) {
            symptoms.push(*s);
        }
    }
    Some(HealthDeclaration {
        reason: reason.to_owned(),
        symptoms,
        infectious_contact: d.infectious_contact,
        recent_travel: d.recent_travel,
        pregnancy: d.pregnancy,
        notes: notes.map(str::to_owned),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::date::IsoDate;
    use shared::dto::booking::{Address, BookedFor, FacilityLevel};

    fn schedule() -> ScheduleInfo {
        ScheduleInfo {
            id: "sch1".into(),
            role_id: "pr1".into(),
            practitioner: "BS. Lê An".into(),
            room_id: "room1".into(),
            room: "Phòng khám 3".into(),
            department_id: "dep1".into(),
            department: "Khoa Khám bệnh".into(),
        }
    }

    fn slot() -> SlotRow {
        slot_row(&json!({
            "resourceType": "Slot", "id": "s1", "schedule": {"reference": "Schedule/sch1"},
            "status": "free", "start": "2026-11-24T07:40:00+07:00", "end": "2026-11-24T08:00:00+07:00",
            "meta": {"versionId": "v1"}
        }))
        .unwrap()
    }

    #[test]
    fn slots_parse_and_keep_their_version() {
        let s = slot();
        assert_eq!(s.schedule, "sch1");
        assert_eq!(s.version, "v1");
        assert_eq!(s.end - s.start, 20 * 60);
        assert!(!s.raw.contains("meta"));
        assert!(slot_row(&json!({"id": "x"})).is_none());
    }

    #[test]
    fn a_new_appointment_reads_back_as_a_ticket() {
        let s = slot();
        let sch = schedule();
        let created = VnDateTime::parse("2026-11-23T06:59:00+07:00").unwrap();
        let resource = appointment_resource(&NewAppointment {
            id: "a1",
            code: "ABCD-2345",
            slot: &s,
            schedule: &sch,
            site_id: "site1",
            facility_name: "Bệnh viện Bạch Mai",
            people: People {
                patient_id: "p1",
                patient_name: "Trần Thị Bình",
                booker: Some(("p2", "Trần Văn An")),
            },
            queue: 3,
            declaration_id: Some("q1"),
            reason: "Đau đầu",
            created,
        });
        let mut stored = resource.clone();
        stored["meta"] = json!({"versionId": "v9"});
        let row = appt_row(&stored).unwrap();
        assert_eq!(row.patient, "p1");
        assert_eq!(row.slot.as_deref(), Some("s1"));
        assert_eq!(row.code, "ABCD-2345");
        assert_eq!(row.queue, 3);
        assert_eq!(row.version, "v9");
        assert_eq!(row.room("site1"), "Phòng khám 3");
        assert_eq!(row.site(|id| id == "site1"), Some("site1"));
        assert!(row.is_active());
        let facility = FacilityBrief {
            code: "01001".into(),
            name: "Bệnh viện Bạch Mai".into(),
            level: FacilityLevel::Specialised,
            address: Address {
                line: "78 Giải Phóng".into(),
                ward: "Kim Liên".into(),
                province: "Hà Nội".into(),
            },
            phone: None,
        };
        let t = ticket(
            &row,
            TicketContext {
                id: "01001.20261124.a1".into(),
                facility: &facility,
                site_id: "site1",
                patient: PersonLabel {
                    name: "Trần Thị Bình".into(),
                    relation: BookedFor::Dependant,
                },
                now: created,
            },
        );
        assert_eq!(t.status, AppointmentStatus::Booked);
        assert_eq!(t.arrive_by.to_string(), "2026-11-24T07:10:00+07:00");
        assert_eq!(t.booked_by.as_deref(), Some("Trần Văn An"));
        assert_eq!(t.department, "Khoa Khám bệnh");
        assert!(t.can_change);
        let later = ticket(
            &row,
            TicketContext {
                id: String::new(),
                facility: &facility,
                site_id: "site1",
                patient: t.patient.clone(),
                now: VnDateTime::parse("2026-11-24T09:00:00+07:00").unwrap(),
            },
        );
        assert!(!later.can_change, "a visit that started cannot be changed");
        assert_eq!(IsoDate::parse("2026-11-24"), Some(t.start.date()));
    }

    #[test]
    fn statuses_map_both_ways() {
        for s in [
            AppointmentStatus::Booked,
            AppointmentStatus::CheckedIn,
            AppointmentStatus::NoShow,
            AppointmentStatus::Done,
            AppointmentStatus::Cancelled,
        ] {
            assert_eq!(status_of(fhir_status(s)), s);
        }
    }

    #[test]
    fn names_are_masked_to_initials() {
        assert_eq!(masked_name("Nguyễn Thị Minh Anh"), "Nguyễn T. M. A.");
        assert_eq!(masked_name("Lê"), "Lê");
        assert_eq!(masked_name("  "), "");
    }

    #[test]
    fn declarations_are_validated() {
        let ok = HealthDeclaration {
            reason: "  Đau đầu  ".into(),
            symptoms: vec![Symptom::Fever, Symptom::Fever],
            ..HealthDeclaration::default()
        };
        let v = validate_declaration(&ok).unwrap();
        assert_eq!(v.reason, "Đau đầu");
        assert_eq!(v.symptoms, vec![Symptom::Fever]);
        for bad in [
            HealthDeclaration::default(),
            HealthDeclaration {
                reason: "x".repeat(501),
                ..HealthDeclaration::default()
            },
            HealthDeclaration {
                reason: "ok".into(),
                notes: Some("n".repeat(501)),
                ..HealthDeclaration::default()
            },
        ] {
            assert!(validate_declaration(&bad).is_none());
        }
        let q = declaration_resource(
            "q1",
            &People {
                patient_id: "p1",
                patient_name: "A",
                booker: None,
            },
            &v,
            VnDateTime::from_unix_seconds(0),
        );
        assert_eq!(q["status"], "completed");
        assert_eq!(q["item"][1]["answer"][0]["valueCoding"]["code"], "fever");
    }
}
