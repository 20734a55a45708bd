//! The paper a visit leaves behind besides diagnoses and results: re-exam appointments (giấy
//! hẹn khám lại), referral slips (giấy chuyển tuyến), procedures, imaging reports, the birth
//! record, and disabilities.
//!
//! Everything here draws from the citizen's second random stream (`History::extra`), so adding
//! these records leaves every value drawn from the first stream (vitals, labs, drugs) unchanged.

use super::*;
use crate::seed::catalog::Icd;
use shared::fhir::{
    CONDITION_KIND_DISABILITY, CS_CONDITION_KIND, CS_V2_DIAGNOSTIC_SERVICE, SYSTEM_SNOMED,
    referral, snomed,
};

const REQUEST_CATEGORY: &str = SYSTEM_SNOMED;

impl History<'_> {
    /// A re-exam appointment given at `e` for the day `on`, at the same facility and department.
    /// Past appointments are `completed`; those from today on are `active` (bookable).
    pub(super) fn re_exam(&mut self, e: &Enc, on: IsoDate, note: &str) {
        if on <= e.start.date {
            return;
        }
        let minute = 7 * 60 + 30 + 15 * self.extra.range(0, 10) as u32;
        let f = &self.facilities[e.facility];
        let department = f.departments[e.dept].name;
        let id = self.b.id();
        let status = if on < self.today {
            "completed"
        } else {
            "active"
        };
        self.b.push(json!({
            "resourceType": "ServiceRequest",
            "id": id,
            "status": status,
            "intent": "order",
            "category": [fhir::concept(REQUEST_CATEGORY, referral::FOLLOW_UP, "Follow-up encounter", "Hẹn khám lại")],
            "code": fhir::text("Tái khám"),
            "subject": self.c.reference(),
            "encounter": {"reference": format!("Encounter/{}", e.id)},
            "occurrenceDateTime": At::new(on, minute).to_string(),
            "authoredOn": e.start.plus_minutes(40).to_string(),
            "requester": self.role_ref(e),
            "performer": [f.reference()],
            "locationCode": [fhir::text(department)],
            "note": [{"text": note}],
        }));
    }

    /// A referral slip written at `from` sending the patient to facility `to`.
    pub(super) fn referral_slip(
        &mut self,
        from: &Enc,
        to: usize,
        reason: &str,
        diagnoses: &[(String, &str)],
        used: bool,
    ) {
        let id = self.b.id();
        let mut request = json!({
            "resourceType": "ServiceRequest",
            "id": id,
            "status": if used { "completed" } else { "active" },
            "intent": "order",
            "category": [fhir::concept(REQUEST_CATEGORY, referral::PATIENT_REFERRAL, "Patient referral", "Chuyển tuyến")],
            "code": fhir::text("Chuyển tuyến khám bệnh, chữa bệnh"),
            "subject": self.c.reference(),
            "encounter": {"reference": format!("Encounter/{}", from.id)},
            "authoredOn": from.start.plus_minutes(45).to_string(),
            "requester": self.role_ref(from),
            "performer": [self.facilities[to].reference()],
            "reasonCode": [fhir::text(reason)],
        });
        if !diagnoses.is_empty() {
            request["reasonReference"] = diagnoses
                .iter()
                .map(|(cid, display)| json!({"reference": format!("Condition/{cid}"), "display": display}))
                .collect();
            let names: Vec<&str> = diagnoses.iter().map(|(_, d)| *d).collect();
            request["note"] = json!([{"text": format!(
                "Chẩn đoán: {}. Tình trạng người bệnh khi chuyển tuyến: tỉnh, tiếp xúc tốt, dấu hiệu sinh tồn ổn định.",
                names.join("; ")
            )}]);
        }
        self.b.push(request);
    }

    /// A procedure done during `e` (a surgery on the history page).
    #[allow(
        clippy::too_many_arguments,
        reason = "one call site per kind of surgery reads best with the codes spelled out"
    )]
    pub(super) fn procedure(
        &mut self,
        e: &Enc,
        at: At,
        code: &str,
        display: &str,
        text: &str,
        body_site: &str,
        reason: Option<(&str, &Icd)>,
    ) {
        let id = self.b.id();
        let mut procedure = json!({
            "resourceType": "Procedure",
            "id": id,
            "status": "completed",
            "category": fhir::concept(SYSTEM_SNOMED, "387713003", "Surgical procedure", "Phẫu thuật"),
            "code": fhir::concept(SYSTEM_SNOMED, code, display, text),
            "subject": self.c.reference(),
            "encounter": {"reference": format!("Encounter/{}", e.id)},
            "performedDateTime": at.to_string(),
            "performer": [{
                "actor": self.practitioner_ref(e),
                "onBehalfOf": self.facilities[e.facility].reference(),
            }],
            "bodySite": [fhir::text(body_site)],
        });
        if let Some((cid, icd)) = reason {
            procedure["reasonReference"] =
                json!([{"reference": format!("Condition/{cid}"), "display": icd.display}]);
        }
        self.b.push(procedure);
    }

    /// An imaging report (X-ray, ultrasound) of `e`, text-coded as facilities print it.
    pub(super) fn imaging(&mut self, e: &Enc, at: At, title: &str, conclusion: &str) {
        let id = self.b.id();
        self.b.push(json!({
            "resourceType": "DiagnosticReport",
            "id": id,
            "status": "final",
            "category": [fhir::concept(CS_V2_DIAGNOSTIC_SERVICE, "RAD", "Radiology", "Chẩn đoán hình ảnh")],
            "code": fhir::text(title),
            "subject": self.c.reference(),
            "encounter": {"reference": format!("Encounter/{}", e.id)},
            "effectiveDateTime": at.to_string(),
            "issued": at.plus_minutes(30).to_string(),
            "performer": [self.facilities[e.facility].reference()],
            "conclusion": conclusion,
        }));
    }

    /// Whether this child was born by caesarean section: decided from the child's id, so the
    /// mother's delivery record and the child's birth record agree.
    pub(super) fn born_by_caesarean(child: &Citizen) -> bool {
        match child.demo {
            Some(Demo::Toddler) => true,
            Some(Demo::Daughter) => false,
            _ => {
                let h = u64::from_str_radix(&child.id, 16).unwrap_or(0);
                mix(h ^ 0xCAE5) % 100 < 30
            }
        }
    }

    /// The birth record on a newborn's first visit: weight, length, gestation, delivery method.
    pub(super) fn birth_record(&mut self, e: &Enc) {
        let at = e.start.plus_minutes(15);
        let preterm = self.extra.chance(0.06);
        let weeks = if preterm {
            self.extra.range(34, 36)
        } else {
            self.extra.range(37, 41)
        };
        let weight_g = (self
            .extra
            .normal(3100.0 - if preterm { 600.0 } else { 0.0 }, 380.0))
        .clamp(1800.0, 4400.0)
        .round();
        let length = fhir::round(self.extra.normal(49.5, 1.8).clamp(43.0, 55.0), 1);
        let caesarean = Self::born_by_caesarean(self.c);
        let measure = |code: &str, display: &str, text: &str, quantity: Value| {
            (
                fhir::concept(SYSTEM_LOINC, code, display, text),
                json!({"valueQuantity": quantity}),
            )
        };
        let records = [
            measure(
                loinc::BIRTH_WEIGHT,
                "Birth weight Measured",
                "Cân nặng lúc sinh",
                fhir::quantity(weight_g, "g", "g", 0),
            ),
            measure(
                loinc::BIRTH_LENGTH,
                "Body height Measured --at birth",
                "Chiều dài lúc sinh",
                fhir::quantity(length, "cm", "cm", 1),
            ),
            measure(
                loinc::GESTATION_AT_BIRTH,
                "Gestational age at birth",
                "Tuổi thai lúc sinh",
                fhir::quantity(weeks as f64, "tuần", "wk", 0),
            ),
            (
                fhir::concept(
                    SYSTEM_LOINC,
                    loinc::DELIVERY_METHOD,
                    "Delivery method",
                    "Cách sinh",
                ),
                json!({"valueCodeableConcept": if caesarean {
                    fhir::concept(SYSTEM_SNOMED, snomed::CAESAREAN_SECTION, "Cesarean section", "Mổ lấy thai")
                } else {
                    fhir::concept(SYSTEM_SNOMED, loinc::VAGINAL_DELIVERY_SNOMED, "Delivery normal", "Đẻ thường")
                }}),
            ),
        ];
        for (code, body) in records {
            self.observation(Some(e), at, "vital-signs", code, body);
        }
    }

    /// Disabilities: hearing loss for the cared-for elder, and some older people.
    pub(super) fn disabilities(&mut self) {
        let age = self.age_on(self.today);
        let found: Option<(&str, &str, i64)> = match self.demo() {
            Some(Demo::CaredElder) => Some(("H91.9", "Nghe kém, không đặc hiệu", 6 * 365)),
            Some(_) => None,
            None if age >= 70 && self.extra.chance(0.08) => Some(if self.extra.chance(0.5) {
                ("H91.9", "Nghe kém, không đặc hiệu", 3 * 365)
            } else {
                ("H54.7", "Giảm thị lực không đặc hiệu", 2 * 365)
            }),
            None => None,
        };
        let Some((code, display, ago)) = found else {
            return;
        };
        let onset = self.today.add_days(-ago - self.extra.range(0, 300));
        let id = self.b.id();
        // Recorded by the registered station, as disability certificates are.
        let f = &self.facilities[self.c.registered];
        let cl = &f.department_for(Dept::General).clinicians[0];
        let recorder = fhir::reference(
            "PractitionerRole",
            &cl.role_id,
            &format!("{} — {}", cl.display, f.name),
        );
        self.b.push(json!({
            "resourceType": "Condition",
            "id": id,
            "clinicalStatus": fhir::concept(CONDITION_CLINICAL, "active", "Active", "Hiện có"),
            "verificationStatus": fhir::concept(CONDITION_VERIFICATION, "confirmed", "Confirmed", "Đã xác định"),
            "category": [
                fhir::concept(CONDITION_CATEGORY, "problem-list-item", "Problem List Item", "Khuyết tật"),
                fhir::concept(CS_CONDITION_KIND, CONDITION_KIND_DISABILITY, "Disability", "Khuyết tật"),
            ],
            "code": fhir::concept(SYSTEM_ICD10, code, display, display),
            "subject": self.c.reference(),
            "onsetDateTime": onset.to_string(),
            "recordedDate": onset.add_days(30).min(self.last_day).to_string(),
            "recorder": recorder,
        }));
    }
}
