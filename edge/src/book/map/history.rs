//! History and risk factors: birth status, risk factors, problem list, disabilities,
//! surgeries, family history, reproductive history.

use super::{
    first_date, is_usable, observation_provenance, provenance_of, record_ref, status_code,
};
use crate::fhir::model::{
    CodeableConcept, Condition, FamilyMemberHistory, Immunization, Observation, Patient, Reference,
};
use shared::book::birth_term;
use shared::date::IsoDate;
use shared::dto::book::{
    BirthStatus, ConditionItem, ConditionStatus, DeliveryMode, FamilyHistoryItem, Reproductive,
    RiskFactor, RiskFactorKind, TobaccoStatus,
};
use shared::fhir::{
    CONDITION_KIND_DISABILITY, CS_CONDITION_KIND, CS_V3_ROLE_CODE, SYSTEM_CVX, SYSTEM_ICD10,
    SYSTEM_LOINC, SYSTEM_SNOMED, loinc, snomed,
};

pub fn condition_status(c: &Condition) -> ConditionStatus {
    match status_code(c.clinical_status.as_ref()) {
        Some("active" | "recurrence" | "relapse") => ConditionStatus::Active,
        Some("inactive" | "remission") => ConditionStatus::Inactive,
        Some("resolved") => ConditionStatus::Resolved,
        _ => ConditionStatus::Unknown,
    }
}

fn is_refuted(c: &Condition) -> bool {
    matches!(
        status_code(c.verification_status.as_ref()),
        Some("refuted" | "entered-in-error")
    )
}

fn has_category(c: &Condition, code: &str) -> bool {
    c.category
        .iter()
        .any(|cat| cat.coding.iter().any(|x| x.code.as_deref() == Some(code)))
}

pub fn is_disability(c: &Condition) -> bool {
    c.category
        .iter()
        .any(|cat| cat.has(CS_CONDITION_KIND, CONDITION_KIND_DISABILITY))
}

pub fn icd10(c: &Condition) -> Option<&str> {
    c.code.as_ref()?.code_in(SYSTEM_ICD10)
}

pub fn condition_item(c: &Condition) -> Option<ConditionItem> {
    if is_refuted(c) {
        return None;
    }
    let code = c.code.as_ref()?;
    let onset = first_date(&[
        c.onset_date_time.as_deref(),
        c.onset_period.as_ref().and_then(|p| p.start.as_deref()),
    ]);
    let recorded = first_date(&[c.recorded_date.as_deref()]).or(onset);
    let actors: Vec<&Reference> = c.recorder.iter().chain(c.asserter.iter()).collect();
    Some(ConditionItem {
        record: record_ref("Condition", c.id.as_ref())?,
        code: code.code_in(SYSTEM_ICD10).map(str::to_owned),
        name: code.label()?,
        onset,
        status: condition_status(c),
        source: provenance_of(recorded, &actors, c.meta.as_ref()),
    })
}

/// Active first, then the most recent onset.
fn sort_conditions(items: &mut [ConditionItem]) {
    items.sort_by(|a, b| {
        (a.status != ConditionStatus::Active)
            .cmp(&(b.status != ConditionStatus::Active))
            .then_with(|| b.onset.cmp(&a.onset))
            .then_with(|| a.name.cmp(&b.name))
    });
}

/// The problem list (long-term conditions) and the disabilities.
pub fn problem_list(conditions: &[Condition]) -> (Vec<ConditionItem>, Vec<ConditionItem>) {
    let mut chronic = Vec::new();
    let mut disabilities = Vec::new();
    for c in conditions {
        if is_disability(c) {
            disabilities.extend(condition_item(c));
        } else if has_category(c, "problem-list-item") {
            chronic.extend(condition_item(c));
        }
    }
    sort_conditions(&mut chronic);
    sort_conditions(&mut disabilities);
    (chronic, disabilities)
}

fn tobacco_status(concept: Option<&CodeableConcept>) -> Option<TobaccoStatus> {
    let code = concept?.code_in(SYSTEM_SNOMED)?;
    Some(match code {
        snomed::NEVER_SMOKED => TobaccoStatus::Never,
        snomed::EX_SMOKER => TobaccoStatus::Former,
        // Current every day / some days / heavy / light smokers.
        snomed::SMOKER
        | "449868002"
        | "428041000124106"
        | "428071000124103"
        | "428061000124105" => TobaccoStatus::Current,
        _ => return None,
    })
}

/// The latest record of each risk factor.
pub fn risk_factors(observations: &[Observation]) -> Vec<RiskFactor> {
    const KINDS: [(&str, RiskFactorKind); 5] = [
        (loinc::TOBACCO, RiskFactorKind::Tobacco),
        (loinc::ALCOHOL, RiskFactorKind::Alcohol),
        (loinc::ACTIVITY, RiskFactorKind::PhysicalActivity),
        (
            loinc::OCCUPATION_HISTORY,
            RiskFactorKind::OccupationalExposure,
        ),
        (loinc::DRUG_USE, RiskFactorKind::Drugs),
    ];
    KINDS
        .iter()
        .filter_map(|(code, kind)| {
            let latest = observations
                .iter()
                .filter(|o| is_usable(o) && o.code.has(SYSTEM_LOINC, code))
                .max_by(|a, b| {
                    observation_provenance(a)
                        .date
                        .cmp(&observation_provenance(b).date)
                        .then_with(|| a.id.cmp(&b.id))
                })?;
            let quantity = latest.value_quantity.as_ref();
            let text = latest
                .value_codeable_concept
                .as_ref()
                .and_then(CodeableConcept::label)
                .or_else(|| latest.value_string.clone())
                .filter(|t| !t.trim().is_empty());
            let value = quantity.and_then(|q| q.value).filter(|v| v.is_finite());
            if text.is_none() && value.is_none() {
                return None;
            }
            Some(RiskFactor {
                record: record_ref("Observation", latest.id.as_ref())?,
                factor: *kind,
                tobacco: if *kind == RiskFactorKind::Tobacco {
                    tobacco_status(latest.value_codeable_concept.as_ref())
                } else {
                    None
                },
                value,
                unit: quantity.and_then(|q| q.unit.clone().or_else(|| q.code.clone())),
                text,
                source: observation_provenance(latest),
            })
        })
        .collect()
}

/// Birth status from the birth observations (weight, length, gestation, delivery method).
pub fn birth_status(observations: &[Observation]) -> Option<BirthStatus> {
    let find = |code: &str| {
        observations
            .iter()
            .find(|o| is_usable(o) && o.code.has(SYSTEM_LOINC, code))
    };
    let value = |code: &str| -> Option<f64> {
        find(code)?
            .value_quantity
            .as_ref()?
            .value
            .filter(|v| v.is_finite() && *v > 0.0)
    };
    let weight = find(loinc::BIRTH_WEIGHT).and_then(|o| {
        let q = o.value_quantity.as_ref()?;
        let v = q.value.filter(|v| v.is_finite() && *v > 0.0)?;
        // Birth weights are recorded in kg or in g.
        Some(match q.code.as_deref().or(q.unit.as_deref()) {
            Some("g") => v / 1000.0,
            _ => v,
        })
    });
    let gestation = value(loinc::GESTATION_AT_BIRTH);
    let delivery = find(loinc::DELIVERY_METHOD)
        .and_then(|o| o.value_codeable_concept.as_ref()?.code_in(SYSTEM_SNOMED))
        .and_then(|code| match code {
            snomed::CAESAREAN_SECTION => Some(DeliveryMode::Caesarean),
            loinc::VAGINAL_DELIVERY_SNOMED => Some(DeliveryMode::Vaginal),
            _ => None,
        });
    let any = [
        loinc::BIRTH_WEIGHT,
        loinc::BIRTH_LENGTH,
        loinc::GESTATION_AT_BIRTH,
        loinc::DELIVERY_METHOD,
    ]
    .iter()
    .find_map(|c| find(c))?;
    Some(BirthStatus {
        delivery,
        gestation_weeks: gestation,
        term: gestation.and_then(birth_term),
        weight_kg: weight,
        length_cm: value(loinc::BIRTH_LENGTH),
        source: observation_provenance(any),
    })
}

/// One item per condition of each relative, newest record first.
pub fn family_history(entries: &[FamilyMemberHistory]) -> Vec<FamilyHistoryItem> {
    let mut out: Vec<FamilyHistoryItem> = entries
        .iter()
        .filter(|f| !matches!(f.status.as_deref(), Some("entered-in-error")))
        .flat_map(|f| {
            let relation = f.relationship.label();
            let relation_code = f.relationship.code_in(CS_V3_ROLE_CODE).map(str::to_owned);
            let record = record_ref("FamilyMemberHistory", f.id.as_ref());
            let source = provenance_of(first_date(&[f.date.as_deref()]), &[], f.meta.as_ref());
            f.condition.iter().filter_map(move |c| {
                Some(FamilyHistoryItem {
                    record: record.clone()?,
                    relation: relation.clone()?,
                    relation_code: relation_code.clone(),
                    condition: c.code.label()?,
                    code: c.code.code_in(SYSTEM_ICD10).map(str::to_owned),
                    onset_age: c
                        .onset_age
                        .as_ref()
                        .and_then(|q| q.value)
                        .filter(|v| v.is_finite() && *v >= 0.0 && *v < 150.0)
                        .map(|v| v.round() as u32),
                    source: source.clone(),
                })
            })
        })
        .collect();
    out.sort_by(|a, b| {
        b.source
            .date
            .cmp(&a.source.date)
            .then_with(|| a.record.cmp(&b.record))
    });
    out
}

/// CVX codes of tetanus-toxoid–containing vaccines given in pregnancy (TT, Td, Tdap).
const TETANUS_CVX: &[&str] = &["112", "35", "09", "113", "138", "139", "115"];

fn icd_starts(c: &Condition, prefixes: &[&str]) -> bool {
    icd10(c).is_some_and(|code| prefixes.iter().any(|p| code.starts_with(p)))
}

/// Reproductive history for women (or anyone with delivery/pregnancy records).
pub fn reproductive(
    patient: &Patient,
    conditions: &[Condition],
    immunizations: &[Immunization],
    today: IsoDate,
) -> Option<Reproductive> {
    let usable: Vec<&Condition> = conditions.iter().filter(|c| !is_refuted(c)).collect();
    let deliveries: Vec<&Condition> = usable
        .iter()
        .copied()
        .filter(|c| icd_starts(c, &["O80", "O81", "O82", "O83", "O84"]))
        .collect();
    let pregnancies: Vec<&Condition> = usable
        .iter()
        .copied()
        .filter(|c| icd_starts(c, &["Z33", "Z34", "Z35", "Z36"]))
        .collect();
    let female = patient.gender.as_deref() == Some("female");
    if !female && deliveries.is_empty() && pregnancies.is_empty() {
        return None;
    }
    let date_of =
        |c: &Condition| first_date(&[c.onset_date_time.as_deref(), c.recorded_date.as_deref()]);
    let last_delivery = deliveries.iter().filter_map(|c| date_of(c)).max();
    let last_pregnancy_care = pregnancies.iter().filter_map(|c| date_of(c)).max();
    let pregnant_now = last_pregnancy_care.is_some_and(|d| {
        d >= today.add_days(-300) && last_delivery.is_none_or(|delivered| delivered < d)
    });
    let tetanus_doses = immunizations
        .iter()
        .filter(|i| !matches!(i.status.as_deref(), Some("entered-in-error" | "not-done")))
        .filter(|i| {
            i.vaccine_code
                .code_in(SYSTEM_CVX)
                .is_some_and(|c| TETANUS_CVX.contains(&c))
        })
        .count() as u32;
    let mut items: Vec<ConditionItem> = deliveries
        .iter()
        .filter_map(|c| condition_item(c))
        .collect();
    if let Some(latest) = pregnancies
        .iter()
        .max_by_key(|c| date_of(c))
        .and_then(|c| condition_item(c))
    {
        items.push(latest);
    }
    items.sort_by_key(|i| std::cmp::Reverse(i.onset));
    if !female && items.is_empty() {
        return None;
    }
    Some(Reproductive {
        deliveries: deliveries.len() as u32,
        caesareans: deliveries
            .iter()
            .filter(|c| icd_starts(c, &["O82"]))
            .count() as u32,
        pregnant_now,
        last_delivery,
        tetanus_doses,
        items,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn condition(v: serde_json::Value) -> Condition {
        serde_json::from_value(v).unwrap()
    }

    fn icd(code: &str, name: &str) -> serde_json::Value {
        json!({"coding": [{"system": "http://hl7.org/fhir/sid/icd-10", "code": code, "display": name}], "text": name})
    }

    #[test]
    fn problem_list_and_disabilities() {
        let list = vec![
            condition(
                json!({"id": "c1", "clinicalStatus": {"coding": [{"code": "active"}]},
                "category": [{"coding": [{"code": "problem-list-item"}]}],
                "code": icd("I10", "Bệnh lý tăng huyết áp"), "onsetDateTime": "2009-04-15",
                "recorder": {"reference": "PractitionerRole/r", "display": "BS. A — Bệnh viện Đa khoa Đống Đa"}}),
            ),
            condition(
                json!({"id": "c2", "clinicalStatus": {"coding": [{"code": "resolved"}]},
                "category": [{"coding": [{"code": "problem-list-item"}]}],
                "code": icd("K21.9", "Trào ngược dạ dày"), "onsetDateTime": "2020-01-01"}),
            ),
            condition(
                json!({"id": "c3", "clinicalStatus": {"coding": [{"code": "active"}]},
                "category": [{"coding": [{"code": "problem-list-item"}]}],
                "code": icd("E11", "Đái tháo đường týp 2"), "onsetDateTime": "2012-09-20"}),
            ),
            // An encounter diagnosis is not on the problem list; a refuted one is dropped.
            condition(
                json!({"id": "c4", "category": [{"coding": [{"code": "encounter-diagnosis"}]}], "code": icd("J00", "Cảm lạnh")}),
            ),
            condition(
                json!({"id": "c5", "verificationStatus": {"coding": [{"code": "refuted"}]},
                "category": [{"coding": [{"code": "problem-list-item"}]}], "code": icd("I50", "Suy tim")}),
            ),
            condition(json!({"id": "d1", "category": [
                    {"coding": [{"code": "problem-list-item"}]},
                    {"coding": [{"system": CS_CONDITION_KIND, "code": "disability"}]}],
                "code": icd("H91.9", "Nghe kém"), "asserter": {"reference": "Patient/p"}})),
            condition(
                json!({"id": "c6", "category": [{"coding": [{"code": "problem-list-item"}]}]}),
            ),
        ];
        let (chronic, disabilities) = problem_list(&list);
        let names: Vec<&str> = chronic.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Đái tháo đường týp 2",
                "Bệnh lý tăng huyết áp",
                "Trào ngược dạ dày"
            ]
        );
        assert_eq!(chronic[1].code.as_deref(), Some("I10"));
        assert_eq!(
            chronic[1].source.facility.as_deref(),
            Some("Bệnh viện Đa khoa Đống Đa")
        );
        assert_eq!(chronic[2].status, ConditionStatus::Resolved);
        assert_eq!(disabilities.len(), 1);
        assert!(disabilities[0].source.self_reported);
    }

    #[test]
    fn risk_factors_take_the_latest() {
        let o = |v: serde_json::Value| -> Observation { serde_json::from_value(v).unwrap() };
        let list = vec![
            o(
                json!({"id": "t1", "status": "final", "code": {"coding": [{"system": "http://loinc.org", "code": "72166-2"}]},
                "effectiveDateTime": "2020-01-01",
                "valueCodeableConcept": {"coding": [{"system": "http://snomed.info/sct", "code": "77176002"}], "text": "Đang hút thuốc lá"}}),
            ),
            o(
                json!({"id": "t2", "status": "final", "code": {"coding": [{"system": "http://loinc.org", "code": "72166-2"}]},
                "effectiveDateTime": "2025-01-01", "performer": [{"reference": "Patient/p"}],
                "valueCodeableConcept": {"coding": [{"system": "http://snomed.info/sct", "code": "8517006"}], "text": "Đã bỏ thuốc lá"}}),
            ),
            o(
                json!({"id": "a1", "status": "final", "code": {"coding": [{"system": "http://loinc.org", "code": "74013-4"}]},
                "effectiveDateTime": "2025-01-01", "valueQuantity": {"value": 1.5, "unit": "đơn vị/ngày"}}),
            ),
            o(
                json!({"id": "x1", "status": "final", "code": {"coding": [{"system": "http://loinc.org", "code": "11341-5"}]},
                "effectiveDateTime": "2025-01-01", "valueString": "Bụi silic"}),
            ),
            o(
                json!({"id": "e1", "status": "final", "code": {"coding": [{"system": "http://loinc.org", "code": "89555-7"}]}}),
            ),
        ];
        let out = risk_factors(&list);
        assert_eq!(out.len(), 3);
        assert_eq!(out[0].factor, RiskFactorKind::Tobacco);
        assert_eq!(out[0].tobacco, Some(TobaccoStatus::Former));
        assert!(out[0].source.self_reported);
        assert_eq!(
            (out[1].value, out[1].unit.as_deref()),
            (Some(1.5), Some("đơn vị/ngày"))
        );
        assert_eq!(out[2].text.as_deref(), Some("Bụi silic"));
    }

    #[test]
    fn birth_status_from_observations() {
        let o = |v: serde_json::Value| -> Observation { serde_json::from_value(v).unwrap() };
        let list = vec![
            o(
                json!({"id": "b1", "status": "final", "code": {"coding": [{"system": "http://loinc.org", "code": "8339-4"}]},
                "effectiveDateTime": "2019-09-08T10:00:00+07:00", "valueQuantity": {"value": 3150, "unit": "g", "code": "g"},
                "performer": [{"reference": "Organization/o", "display": "Bệnh viện Phụ sản Hà Nội"}]}),
            ),
            o(
                json!({"id": "b2", "status": "final", "code": {"coding": [{"system": "http://loinc.org", "code": "76516-4"}]},
                "valueQuantity": {"value": 36, "unit": "wk"}}),
            ),
            o(
                json!({"id": "b3", "status": "final", "code": {"coding": [{"system": "http://loinc.org", "code": "73762-7"}]},
                "valueCodeableConcept": {"coding": [{"system": "http://snomed.info/sct", "code": "11466000"}]}}),
            ),
        ];
        let b = birth_status(&list).unwrap();
        assert_eq!(b.weight_kg, Some(3.15));
        assert_eq!(b.term, Some(shared::dto::book::BirthTerm::Preterm));
        assert_eq!(b.delivery, Some(DeliveryMode::Caesarean));
        assert_eq!(b.length_cm, None);
        assert_eq!(
            b.source.facility.as_deref(),
            Some("Bệnh viện Phụ sản Hà Nội")
        );
        assert!(birth_status(&[]).is_none());
    }

    #[test]
    fn family_history_one_item_per_condition() {
        let f: Vec<FamilyMemberHistory> = serde_json::from_value(json!([
            {"id": "f1", "status": "completed", "date": "2024-05-01",
             "relationship": {"coding": [{"system": CS_V3_ROLE_CODE, "code": "FTH"}], "text": "Bố"},
             "condition": [
                {"code": icd("I64", "Đột quỵ"), "onsetAge": {"value": 68, "unit": "tuổi"}},
                {"code": {"text": "Tăng huyết áp"}}
             ]},
            {"id": "f2", "status": "entered-in-error", "relationship": {"text": "Mẹ"}, "condition": [{"code": {"text": "Hen"}}]},
            {"id": "f3", "relationship": {}, "condition": [{"code": {"text": "Hen"}}]}
        ]))
        .unwrap();
        let out = family_history(&f);
        assert_eq!(out.len(), 2);
        assert_eq!(
            (out[0].relation.as_str(), out[0].relation_code.as_deref()),
            ("Bố", Some("FTH"))
        );
        assert_eq!(
            (out[0].code.as_deref(), out[0].onset_age),
            (Some("I64"), Some(68))
        );
        assert_eq!(out[1].code, None);
    }

    #[test]
    fn reproductive_history() {
        let female: Patient = serde_json::from_value(json!({"gender": "female"})).unwrap();
        let male: Patient = serde_json::from_value(json!({"gender": "male"})).unwrap();
        let today = IsoDate::new(2026, 11, 23).unwrap();
        let conditions = vec![
            condition(
                json!({"id": "d1", "code": icd("O82", "Đẻ một thai bằng mổ lấy thai"), "onsetDateTime": "2019-09-08"}),
            ),
            condition(
                json!({"id": "d2", "code": icd("O80", "Đẻ thường một thai"), "onsetDateTime": "2025-01-22"}),
            ),
            condition(
                json!({"id": "p1", "code": icd("Z34.9", "Giám sát thai bình thường"), "onsetDateTime": "2024-10-01"}),
            ),
            condition(
                json!({"id": "p2", "code": icd("Z34.9", "Giám sát thai bình thường"), "onsetDateTime": "2026-10-15"}),
            ),
        ];
        let imms: Vec<Immunization> = serde_json::from_value(json!([
            {"vaccineCode": {"coding": [{"system": "http://hl7.org/fhir/sid/cvx", "code": "112"}]}},
            {"vaccineCode": {"coding": [{"system": "http://hl7.org/fhir/sid/cvx", "code": "88"}]}}
        ]))
        .unwrap();
        let r = reproductive(&female, &conditions, &imms, today).unwrap();
        assert_eq!((r.deliveries, r.caesareans, r.tetanus_doses), (2, 1, 1));
        assert!(r.pregnant_now);
        assert_eq!(r.last_delivery.unwrap().to_string(), "2025-01-22");
        assert_eq!(r.items.len(), 3);
        assert_eq!(r.items[0].record, "Condition/p2");
        // Delivered after the last antenatal visit: not pregnant now.
        let r = reproductive(&female, &conditions[..3], &[], today).unwrap();
        assert!(!r.pregnant_now);
        assert!(reproductive(&male, &[], &[], today).is_none());
        let r = reproductive(&female, &[], &[], today).unwrap();
        assert_eq!((r.deliveries, r.items.len()), (0, 0));
    }
}
