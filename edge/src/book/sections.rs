//! The section screens that are one DTO each without paging: administrative, history,
//! allergies, labs, vitals, immunizations, check-ups. Each is one parallel fan-out of FHIR
//! searches (every page followed) plus the correction requests and the audit record.

use super::map::{self, corrections::of_section};
use super::{PAGE, corrections_of, now, open, patient};
use crate::access;
use crate::error::AppError;
use crate::fhir::model::{
    AllergyIntolerance, Condition, Coverage, DiagnosticReport, FamilyMemberHistory, Immunization,
    Observation, Procedure, RelatedPerson,
};
use crate::{Ctx, http};
use futures_util::join;
use shared::date::IsoDate;
use shared::dto::book::{
    AllergyItem, BookAllergies, BookCheckups, BookHistory, BookImmunizations, BookLabs,
    BookSection, BookVitals,
};
use shared::fhir::{SYSTEM_LOINC, loinc, token};
use worker::{Request, Response};

/// `GET /api/v1/book/{section}`.
pub async fn get(ctx: &Ctx<'_>, req: &Request, section: BookSection) -> Result<Response, AppError> {
    let (principal, access) = open(ctx, req).await?;
    let store = &ctx.store;
    let id = access.patient.as_str();
    let patient_ref = format!("Patient/{id}");
    let what = format!("health book: {}", section.as_str());
    let today = now().0.today;
    // The patient, the corrections and the audit record go with every section.
    let common = async {
        let (p, tasks, audit) = join!(
            patient(store, id),
            corrections_of(store, &patient_ref),
            access::record(store, &principal, &access, &what),
        );
        audit?;
        Ok::<_, AppError>((p?, of_section(&tasks?, section)))
    };
    match section {
        BookSection::Administrative => {
            let coverage_params = [("beneficiary", patient_ref.as_str())];
            let link_params = [("patient", patient_ref.as_str()), ("active", "true")];
            let (common, coverages, links) = join!(
                common,
                store.search("Coverage", &coverage_params),
                store.search("RelatedPerson", &link_params),
            );
            let ((patient, organizations), corrections) = common?;
            let coverages: Vec<Coverage> = coverages?.matches_as();
            let links: Vec<RelatedPerson> = links?.matches_as();
            http::json(
                200,
                &map::administrative::administrative(
                    &patient,
                    id,
                    &organizations,
                    &coverages,
                    &links,
                    today,
                    corrections,
                ),
            )
        }
        BookSection::History => {
            let codes = [
                loinc::TOBACCO,
                loinc::ALCOHOL,
                loinc::ACTIVITY,
                loinc::OCCUPATION_HISTORY,
                loinc::DRUG_USE,
                loinc::BIRTH_WEIGHT,
                loinc::BIRTH_LENGTH,
                loinc::GESTATION_AT_BIRTH,
                loinc::DELIVERY_METHOD,
            ]
            .iter()
            .map(|c| token(SYSTEM_LOINC, c))
            .collect::<Vec<_>>()
            .join(",");
            let by_patient = [("patient", patient_ref.as_str()), ("_count", PAGE)];
            let observation_params = [
                ("patient", patient_ref.as_str()),
                ("code", codes.as_str()),
                ("_count", PAGE),
            ];
            let (common, observations, conditions, procedures, family, immunizations) = join!(
                common,
                store.search("Observation", &observation_params),
                store.search("Condition", &by_patient),
                store.search("Procedure", &by_patient),
                store.search("FamilyMemberHistory", &by_patient),
                store.search("Immunization", &by_patient),
            );
            let ((patient, _), corrections) = common?;
            let observations: Vec<Observation> = observations?.matches_as();
            let conditions: Vec<Condition> = conditions?.matches_as();
            let procedures: Vec<Procedure> = procedures?.matches_as();
            let family: Vec<FamilyMemberHistory> = family?.matches_as();
            let immunizations: Vec<Immunization> = immunizations?.matches_as();
            let (chronic_conditions, disabilities) = map::history::problem_list(&conditions);
            let mut surgeries: Vec<_> = procedures
                .iter()
                .filter_map(map::visits::procedure)
                .collect();
            surgeries.sort_by_key(|s| std::cmp::Reverse(s.source.date));
            http::json(
                200,
                &BookHistory {
                    patient: map::patient_header(&patient, id),
                    birth: map::history::birth_status(&observations),
                    risk_factors: map::history::risk_factors(&observations),
                    chronic_conditions,
                    disabilities,
                    surgeries,
                    family_history: map::history::family_history(&family),
                    reproductive: map::history::reproductive(
                        &patient,
                        &conditions,
                        &immunizations,
                        today,
                    ),
                    corrections,
                },
            )
        }
        BookSection::Allergies => {
            let params = [("patient", patient_ref.as_str())];
            let (common, allergies) = join!(common, store.search("AllergyIntolerance", &params));
            let ((patient, _), corrections) = common?;
            let list: Vec<AllergyIntolerance> = allergies?.matches_as();
            let mut items: Vec<AllergyItem> = list
                .iter()
                .filter_map(|a| {
                    Some(AllergyItem {
                        record: map::record_ref("AllergyIntolerance", a.id.as_ref())?,
                        allergy: map::allergy(a)?,
                    })
                })
                .collect();
            items.sort_by_key(|i| map::allergy_rank(&i.allergy));
            http::json(
                200,
                &BookAllergies {
                    patient: map::patient_header(&patient, id),
                    allergies: items,
                    corrections,
                },
            )
        }
        BookSection::Labs => {
            let params = [
                ("patient", patient_ref.as_str()),
                ("category", "laboratory"),
                ("_count", PAGE),
            ];
            let (common, observations) = join!(common, store.search("Observation", &params));
            let ((patient, _), corrections) = common?;
            let observations: Vec<Observation> = observations?.matches_as();
            let (tests, other_results, dates) = map::results::labs(&observations);
            http::json(
                200,
                &BookLabs {
                    patient: map::patient_header(&patient, id),
                    tests,
                    other_results,
                    dates,
                    corrections,
                },
            )
        }
        BookSection::Vitals => {
            let codes = [
                loinc::BLOOD_PRESSURE,
                loinc::BODY_WEIGHT,
                loinc::BODY_HEIGHT,
                loinc::BMI,
                loinc::GLUCOSE,
                loinc::GLUCOSE_METER,
                loinc::BLOOD_GROUP,
            ]
            .iter()
            .map(|c| token(SYSTEM_LOINC, c))
            .collect::<Vec<_>>()
            .join(",");
            let params = [
                ("patient", patient_ref.as_str()),
                ("code", codes.as_str()),
                ("_count", PAGE),
            ];
            let (common, observations) = join!(common, store.search("Observation", &params));
            let ((patient, _), corrections) = common?;
            let observations: Vec<Observation> = observations?.matches_as();
            let age = map::age_on(&patient, today);
            let v = map::results::vitals(&observations, age);
            http::json(
                200,
                &BookVitals {
                    patient: map::patient_header(&patient, id),
                    blood_pressure: v.blood_pressure,
                    weight: v.weight,
                    height: v.height,
                    bmi: v.bmi,
                    glucose: v.glucose,
                    blood_group: v.blood_group,
                    corrections,
                },
            )
        }
        BookSection::Immunizations => {
            let params = [("patient", patient_ref.as_str()), ("_count", PAGE)];
            let (common, list) = join!(common, store.search("Immunization", &params));
            let ((patient, _), corrections) = common?;
            let list: Vec<Immunization> = list?.matches_as();
            let birth = patient.birth_date.as_deref().and_then(IsoDate::parse);
            let (immunizations, epi) = map::immunizations::immunizations(&list, birth, today);
            http::json(
                200,
                &BookImmunizations {
                    patient: map::patient_header(&patient, id),
                    immunizations,
                    epi,
                    corrections,
                },
            )
        }
        BookSection::Checkups => {
            let code = token(SYSTEM_LOINC, loinc::CHECKUP_REPORT);
            let params = [
                ("patient", patient_ref.as_str()),
                ("code", code.as_str()),
                ("_include", "DiagnosticReport:result"),
                ("_count", PAGE),
            ];
            let (common, reports) = join!(common, store.search("DiagnosticReport", &params));
            let ((patient, _), corrections) = common?;
            let found = reports?;
            let reports: Vec<DiagnosticReport> = found.matches_as();
            let observations: Vec<Observation> = found.included_as("Observation");
            http::json(
                200,
                &BookCheckups {
                    patient: map::patient_header(&patient, id),
                    checkups: map::results::checkups(&reports, &observations),
                    corrections,
                },
            )
        }
        // Routed to their own handlers; never reached.
        BookSection::Visits => Err(AppError::NotFound),
    }
}
