//! Self-reported values → FHIR resources recorded by the patient (or their guardian), written
//! in one transaction. Conventions: `shared::fhir::CS_RECORD_SOURCE`.
//!
//! Pure: the caller has already checked the report with `shared::plausible`, and passes the
//! moment, the declarer and what it knows from the store (the latest height, for a BMI).

use crate::fhir::model::Reference;
use serde_json::{Value, json};
use shared::book::bmi;
use shared::date::IsoDate;
use shared::dto::AllergyCategory;
use shared::dto::book::{
    AboGroup, FamilyRelation, RhFactor, SelfReport, SelfReportItem, TobaccoStatus,
};
use shared::fhir::{
    CS_ALLERGY_CLINICAL, CS_ALLERGY_VERIFICATION, CS_OBSERVATION_CATEGORY, CS_RECORD_SOURCE,
    CS_V3_ROLE_CODE, RECORD_SOURCE_SELF_REPORTED, SYSTEM_ICD10, SYSTEM_LOINC, SYSTEM_SNOMED,
    SYSTEM_UCUM, loinc, snomed,
};
use shared::plausible::{Now, glucose_mmol, parse_time};

/// What the mapping needs besides the report.
pub struct Context<'a> {
    pub patient: &'a str,
    /// `Patient/<id>` (own book) or `RelatedPerson/<id>` (a guardian), with display.
    pub declarer: Reference,
    pub now: Now,
    /// The same moment as a FHIR instant (`2026-11-23T09:00:00+07:00`).
    pub instant: &'a str,
    /// The person's latest recorded height in cm, when they are an adult (for a BMI).
    pub adult_height_cm: Option<f64>,
}

fn tag() -> Value {
    json!({"tag": [{"system": CS_RECORD_SOURCE, "code": RECORD_SOURCE_SELF_REPORTED, "display": "Người dân tự khai báo"}]})
}

/// FHIR dateTime of a measurement: the given day and time (Vietnam), now when neither is
/// given, the day alone when only a past day is given.
pub fn effective(date: Option<IsoDate>, time: Option<&str>, now: Now) -> String {
    let day = date.unwrap_or(now.today);
    let minute = time
        .and_then(parse_time)
        .or((day == now.today).then_some(now.minute));
    match minute {
        Some(m) => format!("{day}T{:02}:{:02}:00+07:00", m / 60, m % 60),
        None => day.to_string(),
    }
}

fn quantity(value: f64, unit: &str, ucum: &str) -> Value {
    json!({"value": value, "unit": unit, "system": SYSTEM_UCUM, "code": ucum})
}

fn observation(
    ctx: &Context,
    category: &str,
    code: &str,
    display: &str,
    text: &str,
    when: String,
) -> Value {
    json!({
        "resourceType": "Observation",
        "meta": tag(),
        "status": "final",
        "category": [{"coding": [{"system": CS_OBSERVATION_CATEGORY, "code": category}]}],
        "code": {"coding": [{"system": SYSTEM_LOINC, "code": code, "display": display}], "text": text},
        "subject": {"reference": format!("Patient/{}", ctx.patient)},
        "effectiveDateTime": when,
        "issued": ctx.instant,
        "performer": [ctx.declarer],
    })
}

fn with(mut resource: Value, key: &str, value: Value) -> Value {
    resource[key] = value;
    resource
}

fn blood_group_concept(abo: AboGroup, rh: Option<RhFactor>) -> Value {
    let letters = match abo {
        AboGroup::O => "O",
        AboGroup::A => "A",
        AboGroup::B => "B",
        AboGroup::AB => "AB",
    };
    let coded = rh.and_then(|rh| {
        snomed::BLOOD_GROUPS
            .iter()
            .find(|(_, a, positive)| *a == letters && *positive == (rh == RhFactor::Positive))
    });
    let (code, text) = match (coded, rh) {
        (Some((code, _, _)), Some(RhFactor::Positive)) => {
            (*code, format!("Nhóm máu {letters}, Rh(D) dương tính"))
        }
        (Some((code, _, _)), _) => (*code, format!("Nhóm máu {letters}, Rh(D) âm tính")),
        // ABO only: SNOMED's "Blood group X" findings.
        (None, _) => (
            match abo {
                AboGroup::O => "58460004",
                AboGroup::A => "112144000",
                AboGroup::B => "112149005",
                AboGroup::AB => "165743006",
            },
            format!("Nhóm máu {letters}"),
        ),
    };
    json!({"coding": [{"system": SYSTEM_SNOMED, "code": code}], "text": text})
}

fn relation(r: FamilyRelation) -> (&'static str, &'static str, &'static str) {
    match r {
        FamilyRelation::Father => ("FTH", "father", "Bố"),
        FamilyRelation::Mother => ("MTH", "mother", "Mẹ"),
        FamilyRelation::Brother => ("BRO", "brother", "Anh/em trai"),
        FamilyRelation::Sister => ("SIS", "sister", "Chị/em gái"),
        FamilyRelation::Son => ("SON", "natural son", "Con trai"),
        FamilyRelation::Daughter => ("DAU", "natural daughter", "Con gái"),
        FamilyRelation::Grandfather => ("GRFTH", "grandfather", "Ông"),
        FamilyRelation::Grandmother => ("GRMTH", "grandmother", "Bà"),
        FamilyRelation::Uncle => ("UNCLE", "uncle", "Chú/bác/cậu"),
        FamilyRelation::Aunt => ("AUNT", "aunt", "Cô/dì/bác gái"),
        FamilyRelation::Other => ("FAMMEMB", "family member", "Người thân khác"),
    }
}

/// The resources of a (checked) report, in order; a weight is followed by its BMI when a
/// height is known, a blood pressure by its pulse.
pub fn resources(report: &SelfReport, ctx: &Context) -> Vec<Value> {
    let now = ctx.now;
    let same_report_height = report.items.iter().find_map(|i| match i {
        SelfReportItem::Height { value, .. } => Some(*value),
        _ => None,
    });
    let height = same_report_height.or(ctx.adult_height_cm);
    let mut out = Vec::new();
    for item in &report.items {
        match item {
            SelfReportItem::BloodPressure {
                systolic,
                diastolic,
                pulse,
                date,
                time,
            } => {
                let when = effective(*date, time.as_deref(), now);
                let component = |code: &str, display: &str, text: &str, v: f64| {
                    json!({
                        "code": {"coding": [{"system": SYSTEM_LOINC, "code": code, "display": display}], "text": text},
                        "valueQuantity": quantity(v.round(), "mmHg", "mm[Hg]"),
                    })
                };
                let bp = observation(
                    ctx,
                    "vital-signs",
                    loinc::BLOOD_PRESSURE,
                    "Blood pressure panel with all children optional",
                    "Huyết áp",
                    when.clone(),
                );
                out.push(with(
                    bp,
                    "component",
                    json!([
                        component(
                            loinc::SYSTOLIC,
                            "Systolic blood pressure",
                            "Huyết áp tâm thu",
                            *systolic
                        ),
                        component(
                            loinc::DIASTOLIC,
                            "Diastolic blood pressure",
                            "Huyết áp tâm trương",
                            *diastolic
                        ),
                    ]),
                ));
                if let Some(p) = pulse {
                    let hr = observation(
                        ctx,
                        "vital-signs",
                        loinc::HEART_RATE,
                        "Heart rate",
                        "Mạch",
                        when,
                    );
                    out.push(with(
                        hr,
                        "valueQuantity",
                        quantity(p.round(), "lần/phút", "/min"),
                    ));
                }
            }
            SelfReportItem::Weight { value, date, time } => {
                let when = effective(*date, time.as_deref(), now);
                let w = observation(
                    ctx,
                    "vital-signs",
                    loinc::BODY_WEIGHT,
                    "Body weight",
                    "Cân nặng",
                    when.clone(),
                );
                out.push(with(w, "valueQuantity", quantity(*value, "kg", "kg")));
                if let Some(index) = height.and_then(|h| bmi(*value, h)) {
                    let b = observation(
                        ctx,
                        "vital-signs",
                        loinc::BMI,
                        "Body mass index (BMI) [Ratio]",
                        "Chỉ số khối cơ thể (BMI)",
                        when,
                    );
                    out.push(with(b, "valueQuantity", quantity(index, "kg/m2", "kg/m2")));
                }
            }
            SelfReportItem::Height { value, date, time } => {
                let when = effective(*date, time.as_deref(), now);
                let h = observation(
                    ctx,
                    "vital-signs",
                    loinc::BODY_HEIGHT,
                    "Body height",
                    "Chiều cao",
                    when,
                );
                out.push(with(h, "valueQuantity", quantity(*value, "cm", "cm")));
            }
            SelfReportItem::Glucose {
                value,
                unit,
                fasting,
                date,
                time,
            } => {
                let when = effective(*date, time.as_deref(), now);
                let mmol = (glucose_mmol(*value, *unit) * 10.0).round() / 10.0;
                let g = observation(
                    ctx,
                    "vital-signs",
                    loinc::GLUCOSE_METER,
                    "Glucose [Moles/volume] in Capillary blood by Glucometer",
                    "Đường huyết mao mạch (tự đo)",
                    when,
                );
                let mut g = with(g, "valueQuantity", quantity(mmol, "mmol/L", "mmol/L"));
                match fasting {
                    Some(true) => g["note"] = json!([{"text": "Đo lúc đói"}]),
                    Some(false) => g["note"] = json!([{"text": "Đo sau ăn"}]),
                    None => {}
                }
                out.push(g);
            }
            SelfReportItem::BloodGroup { abo, rh } => {
                let when = effective(None, None, now);
                let o = observation(
                    ctx,
                    "laboratory",
                    loinc::BLOOD_GROUP,
                    "ABO and Rh group [Type] in Blood",
                    "Nhóm máu",
                    when,
                );
                out.push(with(
                    o,
                    "valueCodeableConcept",
                    blood_group_concept(*abo, *rh),
                ));
            }
            SelfReportItem::Allergy {
                substance,
                category,
                severe,
                reaction,
            } => {
                let mut a = json!({
                    "resourceType": "AllergyIntolerance",
                    "meta": tag(),
                    "clinicalStatus": {"coding": [{"system": CS_ALLERGY_CLINICAL, "code": "active"}], "text": "Còn dị ứng"},
                    // Declared, not confirmed by a clinician.
                    "verificationStatus": {"coding": [{"system": CS_ALLERGY_VERIFICATION, "code": "unconfirmed"}], "text": "Người dân tự khai báo"},
                    "type": "allergy",
                    "criticality": match severe { Some(true) => "high", Some(false) => "low", None => "unable-to-assess" },
                    "code": {"text": substance.trim()},
                    "patient": {"reference": format!("Patient/{}", ctx.patient)},
                    "recordedDate": ctx.instant,
                    "recorder": ctx.declarer,
                    "asserter": ctx.declarer,
                });
                let category = match category {
                    AllergyCategory::Medication => Some("medication"),
                    AllergyCategory::Food => Some("food"),
                    AllergyCategory::Environment => Some("environment"),
                    AllergyCategory::Biologic => Some("biologic"),
                    AllergyCategory::Other => None,
                };
                if let Some(c) = category {
                    a["category"] = json!([c]);
                }
                if let Some(r) = reaction.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
                    a["reaction"] = json!([{"manifestation": [{"text": r}]}]);
                }
                out.push(a);
            }
            SelfReportItem::FamilyHistory {
                relation: who,
                condition,
                code,
                onset_age,
            } => {
                let (role, display, text) = relation(*who);
                let mut concept = json!({"text": condition.trim()});
                if let Some(code) = code.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
                    concept["coding"] = json!([{"system": SYSTEM_ICD10, "code": code}]);
                }
                let mut entry = json!({"code": concept});
                if let Some(age) = onset_age {
                    entry["onsetAge"] =
                        json!({"value": age, "unit": "tuổi", "system": SYSTEM_UCUM, "code": "a"});
                }
                out.push(json!({
                    "resourceType": "FamilyMemberHistory",
                    "meta": tag(),
                    "status": "completed",
                    "patient": {"reference": format!("Patient/{}", ctx.patient)},
                    "date": now.today.to_string(),
                    "relationship": {"coding": [{"system": CS_V3_ROLE_CODE, "code": role, "display": display}], "text": text},
                    "condition": [entry],
                }));
            }
            SelfReportItem::Tobacco { status, per_day } => {
                let (code, display, text) = match status {
                    TobaccoStatus::Never => (
                        snomed::NEVER_SMOKED,
                        "Never smoked tobacco",
                        "Không hút thuốc",
                    ),
                    TobaccoStatus::Former => (snomed::EX_SMOKER, "Ex-smoker", "Đã bỏ thuốc lá"),
                    TobaccoStatus::Current => (snomed::SMOKER, "Smoker", "Đang hút thuốc lá"),
                };
                let o = observation(
                    ctx,
                    "social-history",
                    loinc::TOBACCO,
                    "Tobacco smoking status",
                    "Hút thuốc lá",
                    effective(None, None, now),
                );
                let mut o = with(
                    o,
                    "valueCodeableConcept",
                    json!({"coding": [{"system": SYSTEM_SNOMED, "code": code, "display": display}], "text": text}),
                );
                if let (TobaccoStatus::Current, Some(n)) = (status, per_day) {
                    o["component"] = json!([{
                        "code": {"coding": [{"system": SYSTEM_LOINC, "code": "64218-1", "display": "How many cigarettes do you smoke each day now"}], "text": "Số điếu mỗi ngày"},
                        "valueQuantity": quantity(n.round(), "điếu/ngày", "{cigarettes}/d"),
                    }]);
                }
                out.push(o);
            }
            SelfReportItem::Alcohol { drinks_per_day } => {
                let o = observation(
                    ctx,
                    "social-history",
                    loinc::ALCOHOL,
                    "Alcoholic drinks per day",
                    "Uống rượu bia (đơn vị/ngày)",
                    effective(None, None, now),
                );
                out.push(with(
                    o,
                    "valueQuantity",
                    quantity(*drinks_per_day, "đơn vị/ngày", "{drinks}/d"),
                ));
            }
            SelfReportItem::PhysicalActivity { days_per_week } => {
                let o = observation(
                    ctx,
                    "social-history",
                    loinc::ACTIVITY,
                    "How many days per week did you engage in moderate to strenuous physical activity in the last 30 days",
                    "Số ngày vận động thể lực mỗi tuần",
                    effective(None, None, now),
                );
                out.push(with(
                    o,
                    "valueQuantity",
                    quantity(f64::from(*days_per_week), "ngày/tuần", "d/wk"),
                ));
            }
            SelfReportItem::OccupationalExposure { description } => {
                let o = observation(
                    ctx,
                    "social-history",
                    loinc::OCCUPATION_HISTORY,
                    "History of Occupation",
                    "Yếu tố tiếp xúc nghề nghiệp",
                    effective(None, None, now),
                );
                out.push(with(o, "valueString", json!(description.trim())));
            }
        }
    }
    out
}

/// The entries of a `transaction` creating `resources`, in order.
pub fn transaction_entries(resources: Vec<Value>) -> Vec<Value> {
    resources
        .into_iter()
        .enumerate()
        .map(|(i, resource)| {
            let ty = resource["resourceType"]
                .as_str()
                .unwrap_or_default()
                .to_owned();
            json!({
                "fullUrl": format!("urn:uuid:53534b00-0000-4000-8000-{:012x}", i + 1),
                "resource": resource,
                "request": {"method": "POST", "url": ty},
            })
        })
        .collect()
}

/// `"Observation/abc"` for each resource the transaction stored, in order.
pub fn created_records(stored: &[Value]) -> Vec<String> {
    stored
        .iter()
        .filter_map(|r| {
            let ty = r.get("resourceType")?.as_str()?;
            let id = r.get("id")?.as_str()?;
            (!id.is_empty() && !ty.is_empty()).then(|| format!("{ty}/{id}"))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx(height: Option<f64>) -> Context<'static> {
        Context {
            patient: "p1",
            declarer: Reference {
                reference: Some("RelatedPerson/rp1".into()),
                display: Some("Đỗ Thị Phương Thảo".into()),
            },
            now: Now {
                today: IsoDate::new(2026, 11, 23).unwrap(),
                minute: 9 * 60 + 5,
            },
            instant: "2026-11-23T09:05:00+07:00",
            adult_height_cm: height,
        }
    }

    #[test]
    fn effective_times() {
        let now = ctx(None).now;
        let d = IsoDate::new(2026, 11, 20);
        assert_eq!(effective(None, None, now), "2026-11-23T09:05:00+07:00");
        assert_eq!(
            effective(None, Some("07:30"), now),
            "2026-11-23T07:30:00+07:00"
        );
        assert_eq!(effective(d, None, now), "2026-11-20");
        assert_eq!(
            effective(d, Some("21:00"), now),
            "2026-11-20T21:00:00+07:00"
        );
    }

    #[test]
    fn a_guardian_declares_blood_pressure_and_weight() {
        let report = SelfReport {
            items: vec![
                SelfReportItem::BloodPressure {
                    systolic: 135.4,
                    diastolic: 85.0,
                    pulse: Some(72.0),
                    date: None,
                    time: Some("07:30".into()),
                },
                SelfReportItem::Weight {
                    value: 61.5,
                    date: None,
                    time: None,
                },
            ],
        };
        let out = resources(&report, &ctx(Some(160.0)));
        let codes: Vec<&str> = out
            .iter()
            .map(|r| r["code"]["coding"][0]["code"].as_str().unwrap())
            .collect();
        assert_eq!(codes, ["85354-9", "8867-4", "29463-7", "39156-5"]);
        for r in &out {
            assert_eq!(r["performer"][0]["reference"], "RelatedPerson/rp1");
            assert_eq!(r["subject"]["reference"], "Patient/p1");
            assert_eq!(r["meta"]["tag"][0]["code"], "self-reported");
        }
        assert_eq!(out[0]["component"][0]["valueQuantity"]["value"], 135.0);
        assert_eq!(out[0]["effectiveDateTime"], "2026-11-23T07:30:00+07:00");
        assert_eq!(out[3]["valueQuantity"]["value"], 24.0);
        // The resources read back as self-reported measurements.
        let obs: crate::fhir::model::Observation = serde_json::from_value(out[0].clone()).unwrap();
        let bp = super::super::blood_pressure(&obs).unwrap();
        assert!(bp.source.self_reported && bp.source.facility.is_none());
        // No height known: no BMI.
        let out = resources(
            &SelfReport {
                items: vec![report.items[1].clone()],
            },
            &ctx(None),
        );
        assert_eq!(out.len(), 1);
    }

    #[test]
    fn other_kinds() {
        let report = SelfReport {
            items: vec![
                SelfReportItem::BloodGroup {
                    abo: AboGroup::B,
                    rh: Some(RhFactor::Negative),
                },
                SelfReportItem::BloodGroup {
                    abo: AboGroup::AB,
                    rh: None,
                },
                SelfReportItem::Allergy {
                    substance: " Tôm ".into(),
                    category: AllergyCategory::Other,
                    severe: None,
                    reaction: Some("".into()),
                },
                SelfReportItem::FamilyHistory {
                    relation: FamilyRelation::Mother,
                    condition: "Tăng huyết áp".into(),
                    code: Some("I10".into()),
                    onset_age: Some(50),
                },
                SelfReportItem::Tobacco {
                    status: TobaccoStatus::Current,
                    per_day: Some(10.0),
                },
                SelfReportItem::Glucose {
                    value: 126.0,
                    unit: Some(shared::dto::book::GlucoseUnit::MgDl),
                    fasting: Some(true),
                    date: None,
                    time: None,
                },
            ],
        };
        let out = resources(&report, &ctx(None));
        assert_eq!(
            out[0]["valueCodeableConcept"]["coding"][0]["code"],
            "278153001"
        );
        assert_eq!(
            out[1]["valueCodeableConcept"]["coding"][0]["code"],
            "165743006"
        );
        assert_eq!(out[2]["code"]["text"], "Tôm");
        assert!(out[2].get("category").is_none() && out[2].get("reaction").is_none());
        assert_eq!(out[2]["criticality"], "unable-to-assess");
        assert_eq!(out[2]["asserter"]["reference"], "RelatedPerson/rp1");
        assert_eq!(out[3]["relationship"]["coding"][0]["code"], "MTH");
        assert_eq!(out[3]["condition"][0]["code"]["coding"][0]["code"], "I10");
        assert_eq!(out[4]["component"][0]["valueQuantity"]["value"], 10.0);
        assert_eq!(out[5]["valueQuantity"]["value"], 7.0);
        let entries = transaction_entries(out);
        assert_eq!(entries[2]["request"]["url"], "AllergyIntolerance");
        assert_eq!(entries[2]["request"]["method"], "POST");
    }

    #[test]
    fn created_records_from_stored_resources() {
        let stored = [
            serde_json::json!({"resourceType": "Observation", "id": "o1"}),
            serde_json::json!({"resourceType": "AllergyIntolerance", "id": "a1"}),
            serde_json::json!({"resourceType": "Observation"}),
        ];
        assert_eq!(
            created_records(&stored),
            ["Observation/o1", "AllergyIntolerance/a1"]
        );
    }
}
