//! Bodies of `/api/v1/book/{section}` and friends: the complete health book.
//!
//! Conventions that hold for every type here (the OpenAPI fragment `edge/openapi/book.json`
//! describes the same shapes):
//! - Every field is always present in JSON; "absent" means `null` (never a missing key). Lists
//!   are `[]` when empty, and an empty list means "nothing recorded", never "none".
//! - Dates are civil dates in Vietnam (UTC+07:00), `YYYY-MM-DD` ([`IsoDate`]).
//! - `record` is the source record in the national store as `"<ResourceType>/<id>"` (e.g.
//!   `"Observation/9f3c…"`). It is opaque to people; it is the handle a correction request
//!   names ([`CorrectionRequest::record`]).
//! - Every item carries a [`Provenance`] (`source`): date, source facility, self-reported flag.
//! - Texts that come from the store (diagnosis names, drug names, conclusions) are Vietnamese as
//!   the facility recorded them; everything the app itself words lives in the frontend's i18n
//!   tables (enums here are machine codes, not labels).
//! - Numbers are in the unit named next to them (`unit`, or the field's doc for fixed units).
//!
//! Changes to these shapes are additive only. Any other change is listed here on a line starting
//! with "Changed:".

use super::{Allergy, AllergyCategory, BloodPressure, FacilityRef, InsuranceCard, Measurement};
use super::{PatientHeader, Provenance, Relationship};
use crate::date::IsoDate;
use serde::{Deserialize, Serialize};

// ------------------------------------------------------------------------------------ common

/// The sections of the health book, as path segments of `GET /api/v1/book/{section}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BookSection {
    Administrative,
    History,
    Allergies,
    Visits,
    Labs,
    Vitals,
    Immunizations,
    Checkups,
}

impl BookSection {
    pub const ALL: [BookSection; 8] = [
        BookSection::Administrative,
        BookSection::History,
        BookSection::Allergies,
        BookSection::Visits,
        BookSection::Labs,
        BookSection::Vitals,
        BookSection::Immunizations,
        BookSection::Checkups,
    ];

    /// The path segment (`"labs"`), also the JSON value.
    pub fn as_str(self) -> &'static str {
        match self {
            BookSection::Administrative => "administrative",
            BookSection::History => "history",
            BookSection::Allergies => "allergies",
            BookSection::Visits => "visits",
            BookSection::Labs => "labs",
            BookSection::Vitals => "vitals",
            BookSection::Immunizations => "immunizations",
            BookSection::Checkups => "checkups",
        }
    }

    pub fn parse(segment: &str) -> Option<BookSection> {
        BookSection::ALL.into_iter().find(|s| s.as_str() == segment)
    }
}

/// How a value compares with its reference range (or, without a range, with nothing).
/// Read from the facility's own interpretation (FHIR `Observation.interpretation`) when it gave
/// one, else computed from the range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Flag {
    /// Within the range.
    Normal,
    /// Below the range.
    Low,
    /// Above the range.
    High,
    /// Far below: needs attention soon (facility flag `LL`, or computed thresholds).
    CriticalLow,
    /// Far above (facility flag `HH`, or e.g. blood pressure ≥ 180/110).
    CriticalHigh,
    /// Abnormal without a direction (qualitative results, facility flag `A`).
    Abnormal,
    /// No range and no facility interpretation: nothing to compare with.
    Unknown,
}

/// A reference range, in the unit of the values it goes with. Either bound may be open.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReferenceRange {
    /// Lower bound (inclusive); `null` = no lower bound.
    pub low: Option<f64>,
    /// Upper bound (inclusive); `null` = no upper bound.
    pub high: Option<f64>,
    /// The range as the facility printed it, when it gave text (e.g. "< 5,2").
    pub text: Option<String>,
}

/// Which way a series is going, from its recent points (see `shared::trend`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrendDirection {
    Rising,
    Falling,
    /// Changes smaller than a tenth of the range width (or 3 % of the value without a range).
    Stable,
    /// Only one point: no direction.
    Single,
}

/// What the direction means for the person, judged against the reference range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TrendAssessment {
    /// Out of range and moving towards it, or newly back in range.
    Improving,
    /// Moving away from the range, or newly out of it.
    Worsening,
    /// In range and staying there.
    Steady,
    /// Out of range and not clearly moving either way.
    OutOfRange,
    /// No range to judge against, or one point only.
    Unknown,
}

/// A short statistical summary of a series, computed by the edge (pure, `shared::trend`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Trend {
    pub direction: TrendDirection,
    pub assessment: TrendAssessment,
    /// Latest value minus the one before it; `null` with a single point.
    pub change: Option<f64>,
    /// Smallest and largest value of the whole series.
    pub min: f64,
    pub max: f64,
    /// How many points of the series are out of range (flag other than normal/unknown).
    pub out_of_range: u32,
}

/// One numeric point of a series (lab analyte or vital sign).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SeriesPoint {
    pub record: String,
    /// In the series' `unit`.
    pub value: f64,
    pub flag: Flag,
    /// `source.date` is always present for points (undated results are not charted).
    pub source: Provenance,
}

/// A numeric series over the years, for a chart and its table view.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Series {
    /// LOINC code of the analyte or vital sign (e.g. `"2345-7"`); for results the store sent
    /// without a LOINC code, `"text:<name>"`.
    pub code: String,
    /// Name as the latest result sheet printed it (Vietnamese), e.g. "Glucose máu lúc đói".
    pub name: String,
    /// Unit of every value in `points` (UCUM code as printed, e.g. `mmol/L`, `kg`).
    pub unit: String,
    /// The range of the latest result that had one (for the chart's band); `null` without one.
    pub range: Option<ReferenceRange>,
    /// Oldest first. Points in another unit than `unit` are left out.
    pub points: Vec<SeriesPoint>,
    /// `null` when `points` is empty.
    pub trend: Option<Trend>,
}

/// A correction request ("this is wrong / missing") and where it stands. Stored as a FHIR
/// `Task` for the source facility; see `shared::fhir` (`CS_BOOK_TASK`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Correction {
    /// The Task id.
    pub id: String,
    /// The item it is about (`"Observation/…"`); `null` for "missing" requests about nothing
    /// that exists yet.
    pub record: Option<String>,
    /// The section it was raised from; `null` if the store lost it.
    pub section: Option<BookSection>,
    pub kind: CorrectionKind,
    /// The citizen's own words.
    pub description: String,
    pub status: CorrectionStatus,
    /// The facility asked to correct it (Task.owner display).
    pub facility: Option<String>,
    /// When it was asked.
    pub requested: Option<IsoDate>,
    /// When its status last changed.
    pub updated: Option<IsoDate>,
    /// The facility's answer, when it gave one (Task.statusReason / note).
    pub response: Option<String>,
}

/// What a correction request says about the item.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CorrectionKind {
    /// The item exists and something in it is wrong.
    Wrong,
    /// Something that happened is not in the book (a visit, a vaccination…).
    Missing,
}

/// FHIR `Task.status`, reduced to what a citizen needs to know.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CorrectionStatus {
    /// Sent, not yet looked at (`requested`, `received`, `draft`).
    Requested,
    /// The facility accepted it or is working on it (`accepted`, `in-progress`, `ready`, `on-hold`).
    InProgress,
    /// Done: the record was corrected (`completed`).
    Completed,
    /// The facility declined it (`rejected`); see `response`.
    Rejected,
    /// Withdrawn or ended otherwise (`cancelled`, `failed`, `entered-in-error`).
    Cancelled,
}

// ------------------------------------------------------------------------------ administrative

/// `GET /api/v1/book/administrative`: identity, insurance, contact, legal representatives
/// (Decision 831 template, part 1).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BookAdministrative {
    pub patient: PatientHeader,
    /// Ethnic group (dân tộc), e.g. "Kinh".
    pub ethnicity: Option<String>,
    /// Nationality (quốc tịch), e.g. "Việt Nam".
    pub nationality: Option<String>,
    /// Occupation (nghề nghiệp) in words.
    pub occupation: Option<String>,
    /// Mobile phone as recorded.
    pub phone: Option<String>,
    /// Home address in one line: "house, ward or commune, province" (post-2025 two tiers).
    pub address: Option<String>,
    /// The current BHYT card with its status; `null` without a valid card.
    pub insurance: Option<InsuranceDetails>,
    /// People who may act for this person (parents, guardians, carers), from the store's
    /// active links.
    pub representatives: Vec<Representative>,
    pub corrections: Vec<Correction>,
}

/// The BHYT card and what it means today.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InsuranceDetails {
    /// Number, benefit level (explain it with `shared::id::BenefitLevel::note_vi/en`), validity,
    /// registered primary-care facility (with its 5-character code when the store has it).
    pub card: InsuranceCard,
    /// Beneficiary group code, the card's first two letters (e.g. "HT").
    pub group: String,
    /// The group in words as the card issuer names it (e.g. "Người hưởng lương hưu").
    pub group_name: Option<String>,
    pub status: CardStatus,
    /// Days from today (Vietnam) to the expiry date: negative once expired; `null` without an
    /// expiry date.
    pub days_to_expiry: Option<i64>,
    pub source: Provenance,
}

/// A BHYT card's validity today (see `shared::book::card_status`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CardStatus {
    /// Valid for more than 30 more days (or no expiry recorded).
    Valid,
    /// Valid, but expires within 30 days: renew it.
    ExpiringSoon,
    /// Past its expiry date.
    Expired,
    /// Its validity starts later.
    NotYetValid,
}

/// A legal representative or carer (người đại diện / người giám hộ).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Representative {
    pub name: String,
    pub relationship: Relationship,
    /// The relationship in the store's Vietnamese words ("Mẹ", "Con trai").
    pub relationship_text: Option<String>,
    /// Their 12-digit personal ID.
    pub cccd: Option<String>,
    pub phone: Option<String>,
    /// Since when they act for this person.
    pub since: Option<IsoDate>,
}

// ------------------------------------------------------------------------------------ history

/// `GET /api/v1/book/history`: history and risk factors (Decision 831 template, part 2).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BookHistory {
    pub patient: PatientHeader,
    /// Birth status; `null` when not recorded (usual for adults).
    pub birth: Option<BirthStatus>,
    /// Latest record of each risk factor, clinical and self-reported.
    pub risk_factors: Vec<RiskFactor>,
    /// Long-term conditions (problem list), active first, then by onset (newest first).
    pub chronic_conditions: Vec<ConditionItem>,
    pub disabilities: Vec<ConditionItem>,
    /// Surgeries and other procedures, newest first.
    pub surgeries: Vec<ProcedureItem>,
    pub family_history: Vec<FamilyHistoryItem>,
    /// For women (and anyone with a recorded pregnancy); `null` otherwise.
    pub reproductive: Option<Reproductive>,
    pub corrections: Vec<Correction>,
}

/// How the person was born.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BirthStatus {
    pub delivery: Option<DeliveryMode>,
    /// Completed weeks of gestation at birth.
    pub gestation_weeks: Option<f64>,
    /// Term derived from `gestation_weeks` (< 37 preterm, > 41 post-term).
    pub term: Option<BirthTerm>,
    /// Birth weight, kg (e.g. 3.15).
    pub weight_kg: Option<f64>,
    /// Birth length, cm.
    pub length_cm: Option<f64>,
    pub source: Provenance,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryMode {
    /// Vaginal delivery (đẻ thường).
    Vaginal,
    /// Caesarean section (mổ lấy thai).
    Caesarean,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BirthTerm {
    Preterm,
    Term,
    PostTerm,
}

/// A risk factor: tobacco, alcohol, physical activity, occupational exposure, drugs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RiskFactor {
    pub record: String,
    pub factor: RiskFactorKind,
    /// Tobacco only: the smoking status.
    pub tobacco: Option<TobaccoStatus>,
    /// Numeric value (alcohol: standard drinks per day; activity: days per week); `null` for
    /// coded or text-only factors.
    pub value: Option<f64>,
    /// Unit of `value` as recorded ("đơn vị/ngày", "ngày/tuần").
    pub unit: Option<String>,
    /// The record's own words (Vietnamese), e.g. "Đang hút thuốc lá", or the exposure described.
    pub text: Option<String>,
    pub source: Provenance,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskFactorKind {
    Tobacco,
    Alcohol,
    PhysicalActivity,
    OccupationalExposure,
    /// Use of other substances (ma túy, chất gây nghiện).
    Drugs,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TobaccoStatus {
    Never,
    Former,
    Current,
}

/// A condition on the problem list, a disability, or a diagnosis.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConditionItem {
    pub record: String,
    /// ICD-10 code, e.g. "I10".
    pub code: Option<String>,
    /// Vietnamese name, e.g. "Bệnh lý tăng huyết áp".
    pub name: String,
    pub onset: Option<IsoDate>,
    pub status: ConditionStatus,
    pub source: Provenance,
}

/// FHIR `Condition.clinicalStatus`, simplified.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConditionStatus {
    /// `active`, `recurrence`, `relapse`.
    Active,
    /// `inactive`, `remission`.
    Inactive,
    /// `resolved`.
    Resolved,
    Unknown,
}

/// A surgery or other procedure.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProcedureItem {
    pub record: String,
    /// Vietnamese name, e.g. "Phẫu thuật nội soi cắt ruột thừa".
    pub name: String,
    /// SNOMED CT (or the facility's) code.
    pub code: Option<String>,
    /// Body part, e.g. "Ruột thừa".
    pub body_site: Option<String>,
    /// The visit it was done in (`GET /api/v1/book/visits/{id}`).
    pub visit: Option<String>,
    /// `source.date` is the day it was done.
    pub source: Provenance,
}

/// A relative's condition (tiền sử gia đình).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FamilyHistoryItem {
    pub record: String,
    /// Who, in the store's Vietnamese words ("Bố", "Mẹ", "Anh/em trai").
    pub relation: String,
    /// v3 RoleCode of the relation (FTH, MTH, BRO, SIS, GRFTH, GRMTH, SON, DAU…).
    pub relation_code: Option<String>,
    /// One item per condition: Vietnamese name.
    pub condition: String,
    /// ICD-10 code when recorded.
    pub code: Option<String>,
    /// Age of the relative when it began, years.
    pub onset_age: Option<u32>,
    pub source: Provenance,
}

/// Reproductive history, from deliveries and pregnancy care in the store.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Reproductive {
    /// Births recorded (vaginal + caesarean).
    pub deliveries: u32,
    pub caesareans: u32,
    /// A pregnancy is being followed now (antenatal care in the last ~10 months, no delivery
    /// since).
    pub pregnant_now: bool,
    pub last_delivery: Option<IsoDate>,
    /// Tetanus (VAT) doses received in pregnancy.
    pub tetanus_doses: u32,
    /// The delivery and pregnancy records themselves, newest first.
    pub items: Vec<ConditionItem>,
}

// ---------------------------------------------------------------------------------- allergies

/// `GET /api/v1/book/allergies`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BookAllergies {
    pub patient: PatientHeader,
    /// High criticality first, then drugs, then by name. Refuted, resolved and mistaken entries
    /// are left out.
    pub allergies: Vec<AllergyItem>,
    pub corrections: Vec<Correction>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AllergyItem {
    pub record: String,
    /// Substance, category, criticality, reaction, provenance (same shape as on the summary).
    pub allergy: Allergy,
}

// ------------------------------------------------------------------------------------- visits

/// `GET /api/v1/book/visits[?cursor=]`: the visits timeline across all facilities, newest
/// first, one page at a time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BookVisits {
    pub patient: PatientHeader,
    /// One page (at most [`VISITS_PAGE_SIZE`]), newest first.
    pub visits: Vec<VisitSummary>,
    /// Pass as `?cursor=` for the next (older) page; `null` on the last page.
    pub next_cursor: Option<String>,
    /// All visits in the book, when the store says (for "20 of 143").
    pub total: Option<u32>,
    /// Re-exam appointments from today on, soonest first (for "book the follow-up"). Only on
    /// the first page; `[]` on later ones.
    pub upcoming_follow_ups: Vec<FollowUp>,
    pub corrections: Vec<Correction>,
}

/// Visits per page of `GET /api/v1/book/visits`.
pub const VISITS_PAGE_SIZE: usize = 20;

/// One visit (Encounter) in the timeline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VisitSummary {
    /// Encounter id, for `GET /api/v1/book/visits/{id}`.
    pub id: String,
    pub record: String,
    /// First day (admission day for inpatients).
    pub start: Option<IsoDate>,
    /// Last day (discharge day); `null` while ongoing or unknown.
    pub end: Option<IsoDate>,
    pub class: VisitClass,
    /// The kind of visit as recorded ("Khám bệnh", "Tái khám", "Khám sức khỏe định kỳ").
    pub kind: Option<String>,
    /// Facility with its 5-character code (for booking).
    pub facility: Option<FacilityRef>,
    /// Department ("Khoa Nội tiết").
    pub department: Option<String>,
    /// Reason for the visit, in the facility's words.
    pub reason: Option<String>,
    /// Main diagnosis first.
    pub diagnoses: Vec<Diagnosis>,
    /// Outcome: discharge disposition for stays ("Ra viện, về nhà"), else `null`.
    pub outcome: Option<String>,
    /// A referral slip (giấy chuyển tuyến) was issued at this visit.
    pub referral: bool,
    /// Re-exam date (giấy hẹn khám lại) given at this visit.
    pub follow_up: Option<IsoDate>,
    pub source: Provenance,
}

/// FHIR `Encounter.class`, simplified.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VisitClass {
    /// `AMB`: khám ngoại trú.
    Outpatient,
    /// `IMP`, `ACUTE`, `NONAC`: điều trị nội trú.
    Inpatient,
    /// `EMER`: cấp cứu.
    Emergency,
    /// `HH`, `VR`, anything else.
    Other,
}

/// A diagnosis of a visit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Diagnosis {
    /// ICD-10 code, when the store has it.
    pub code: Option<String>,
    /// Vietnamese name.
    pub name: String,
    /// The main diagnosis (bệnh chính), listed first.
    pub primary: bool,
}

/// `GET /api/v1/book/visits/{id}`: one visit with everything recorded during it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct VisitDetail {
    pub patient: PatientHeader,
    pub visit: VisitSummary,
    /// The clinician in charge ("BS.CKI Lê Văn C").
    pub clinician: Option<String>,
    /// Room ("Phòng khám 3").
    pub room: Option<String>,
    pub vitals: VisitVitals,
    /// Lab results of the visit, grouped as the result sheets were.
    pub lab_reports: Vec<LabReport>,
    /// Imaging and other diagnostic reports (X-ray, ultrasound…).
    pub imaging: Vec<ImagingReport>,
    pub prescriptions: Vec<Prescription>,
    pub procedures: Vec<ProcedureItem>,
    /// Referral slip (giấy chuyển tuyến), when one was issued.
    pub referral: Option<Referral>,
    /// Re-exam appointment (giấy hẹn khám lại), when one was given.
    pub follow_up: Option<FollowUp>,
    pub corrections: Vec<Correction>,
}

/// Measurements taken at one visit; each `null` when not measured.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct VisitVitals {
    /// cm.
    pub height: Option<Measurement>,
    /// kg.
    pub weight: Option<Measurement>,
    /// kg/m2.
    pub bmi: Option<Measurement>,
    /// mmHg.
    pub blood_pressure: Option<BloodPressure>,
    /// Beats per minute.
    pub heart_rate: Option<Measurement>,
    /// °C.
    pub temperature: Option<Measurement>,
}

/// A lab result sheet (DiagnosticReport) with its results.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LabReport {
    pub record: String,
    /// Sheet title ("Xét nghiệm sinh hóa máu").
    pub name: String,
    pub results: Vec<LabResult>,
    pub conclusion: Option<String>,
    /// `source.date` is when the sample was taken.
    pub source: Provenance,
}

/// One lab result, numeric or not.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LabResult {
    pub record: String,
    /// LOINC code (explain it with `shared::analyte::about`), `null` if the store has none.
    pub code: Option<String>,
    pub name: String,
    /// Numeric results.
    pub value: Option<f64>,
    /// Non-numeric results ("Nhóm máu O, Rh(D) dương tính", "Âm tính").
    pub value_text: Option<String>,
    pub unit: Option<String>,
    pub range: Option<ReferenceRange>,
    pub flag: Flag,
    pub source: Provenance,
}

/// An imaging or other non-lab diagnostic report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImagingReport {
    pub record: String,
    /// "X-quang ngực thẳng", "Siêu âm ổ bụng".
    pub name: String,
    /// The findings / conclusion in the facility's words.
    pub conclusion: Option<String>,
    pub source: Provenance,
}

/// A drug prescribed at a visit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Prescription {
    pub record: String,
    /// Drug name with strength ("Amlodipin 5mg").
    pub drug: String,
    /// ATC code, when recorded.
    pub code: Option<String>,
    /// How to take it, as written ("Uống 1 viên/lần, ngày 1 lần, buổi sáng").
    pub dose: Option<String>,
    /// Days of treatment supplied.
    pub days: Option<u32>,
    /// Quantity dispensed, in `quantity_unit` ("viên", "lọ").
    pub quantity: Option<f64>,
    pub quantity_unit: Option<String>,
    /// What it treats (diagnosis name).
    pub reason: Option<String>,
    /// Prescriber ("BS.CKI Lê Văn C").
    pub prescriber: Option<String>,
    pub status: PrescriptionStatus,
    pub source: Provenance,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PrescriptionStatus {
    /// Still being taken (supply not yet run out).
    Active,
    Completed,
    /// Stopped or cancelled before the end.
    Stopped,
    Unknown,
}

/// A referral slip (giấy chuyển tuyến): a FHIR `ServiceRequest` with category "Patient
/// referral" (see `shared::fhir::referral`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Referral {
    pub record: String,
    /// Where the patient is referred to, with its 5-character code.
    pub to: FacilityRef,
    /// Who referred: "clinician — facility".
    pub from: Option<String>,
    /// Why, in the facility's words.
    pub reason: Option<String>,
    /// `source.date` is the day the slip was issued.
    pub source: Provenance,
}

/// A re-exam appointment (giấy hẹn khám lại): a FHIR `ServiceRequest` with category
/// "Follow-up encounter". Carries what the booking flow needs to pre-fill: facility code and
/// date.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FollowUp {
    pub record: String,
    /// The re-exam date.
    pub date: IsoDate,
    /// Where to come back, with its 5-character code.
    pub facility: FacilityRef,
    /// Department or clinic to come back to, when given.
    pub department: Option<String>,
    /// Instructions ("Mang theo sổ theo dõi huyết áp").
    pub note: Option<String>,
    /// The visit that gave it (Encounter id).
    pub visit: Option<String>,
    /// `source.date` is the day the appointment was given.
    pub source: Provenance,
}

// --------------------------------------------------------------------------------------- labs

/// `GET /api/v1/book/labs`: every lab result, grouped by test, with its series for a chart.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BookLabs {
    pub patient: PatientHeader,
    /// One series per analyte, most recently measured first.
    pub tests: Vec<Series>,
    /// Non-numeric results (blood group, qualitative tests), newest first.
    pub other_results: Vec<LabResult>,
    /// Days with at least one numeric result, newest first: the choices for "compare two
    /// dates" (values of a date are the points whose `source.date` equals it).
    pub dates: Vec<IsoDate>,
    pub corrections: Vec<Correction>,
}

// ------------------------------------------------------------------------------------- vitals

/// `GET /api/v1/book/vitals`: body measurements over time, clinical and self-reported.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BookVitals {
    pub patient: PatientHeader,
    pub blood_pressure: BloodPressureSeries,
    /// kg.
    pub weight: Series,
    /// cm.
    pub height: Series,
    /// kg/m2; range 18.5–24.9 for adults, none for children.
    pub bmi: Series,
    /// mmol/L; fasting plasma and self-measured capillary glucose together.
    pub glucose: Series,
    /// The latest blood group on record.
    pub blood_group: Option<BloodGroup>,
    pub corrections: Vec<Correction>,
}

/// Blood-pressure readings, mmHg.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BloodPressureSeries {
    /// Oldest first.
    pub points: Vec<BloodPressurePoint>,
    /// Adult thresholds: 90–139 systolic / 60–89 diastolic (Vietnamese hypertension guideline).
    pub systolic_range: ReferenceRange,
    pub diastolic_range: ReferenceRange,
    pub systolic_trend: Option<Trend>,
    pub diastolic_trend: Option<Trend>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BloodPressurePoint {
    pub record: String,
    pub systolic: f64,
    pub diastolic: f64,
    /// The worse of the two components' flags.
    pub flag: Flag,
    pub source: Provenance,
}

/// ABO and Rh(D) blood group.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BloodGroup {
    pub record: String,
    pub abo: Option<AboGroup>,
    pub rh: Option<RhFactor>,
    /// The record's own words ("Nhóm máu O, Rh(D) dương tính").
    pub text: Option<String>,
    pub source: Provenance,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AboGroup {
    O,
    A,
    B,
    AB,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RhFactor {
    Positive,
    Negative,
}

// ------------------------------------------------------------------------------ immunizations

/// `GET /api/v1/book/immunizations`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BookImmunizations {
    pub patient: PatientHeader,
    /// Newest first.
    pub immunizations: Vec<ImmunizationItem>,
    /// The national EPI schedule for children under 16; `null` for older people.
    pub epi: Option<EpiSchedule>,
    pub corrections: Vec<Correction>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ImmunizationItem {
    pub record: String,
    /// Vaccine as recorded ("DPT-VGB-Hib (vắc xin 5 trong 1)").
    pub vaccine: String,
    /// CVX code.
    pub code: Option<String>,
    /// Disease(s) it protects against ("Sởi, rubella").
    pub target: Option<String>,
    /// Dose number in its series.
    pub dose: Option<u32>,
    /// The programme or series ("Tiêm chủng mở rộng", "Cúm mùa 2025–2026").
    pub series: Option<String>,
    pub lot: Option<String>,
    /// Part of the national Expanded Programme on Immunisation.
    pub epi: bool,
    /// `source.date` is the vaccination day; `source.facility` where it was given.
    pub source: Provenance,
}

/// The national EPI schedule evaluated for one child on one day (see `shared::epi`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EpiSchedule {
    /// The day it was evaluated (today in Vietnam).
    pub as_of: IsoDate,
    /// In schedule order (by recommended age).
    pub doses: Vec<EpiDoseStatus>,
    pub done: u32,
    pub due: u32,
    pub overdue: u32,
    pub upcoming: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EpiDoseStatus {
    /// Machine key of the vaccine (`bcg`, `hepb_birth`, `penta`, `opv`, `ipv`, `measles`, `mr`,
    /// `dpt_booster`, `je`).
    pub vaccine: String,
    /// Vietnamese name ("Sởi - Rubella (MR)").
    pub name: String,
    /// CVX code the store records it with.
    pub code: String,
    pub dose: u32,
    /// Recommended age, days after birth (0 = at birth, 61 ≈ 2 months, 548 ≈ 18 months).
    pub age_days: u32,
    /// Birth date + `age_days`.
    pub due_date: IsoDate,
    /// After this day a missing dose is overdue.
    pub overdue_after: IsoDate,
    pub status: EpiStatus,
    /// When it was given, if it was.
    pub given: Option<IsoDate>,
    /// The Immunization record that fulfils it.
    pub record: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EpiStatus {
    /// Given.
    Done,
    /// Its age has come and it is still within the grace period: go now.
    Due,
    /// Past the grace period and not given: catch up.
    Overdue,
    /// Not yet due.
    Upcoming,
}

// ----------------------------------------------------------------------------------- checkups

/// `GET /api/v1/book/checkups`: periodic health checks (khám sức khỏe định kỳ) and their
/// conclusions, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BookCheckups {
    pub patient: PatientHeader,
    pub checkups: Vec<Checkup>,
    pub corrections: Vec<Correction>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Checkup {
    /// The check-up report (DiagnosticReport).
    pub record: String,
    /// The visit (Encounter id), for its labs and details.
    pub visit: Option<String>,
    /// "Khám sức khỏe định kỳ", "Khám sức khỏe học sinh".
    pub kind: String,
    /// Health classification (phân loại sức khỏe) I–V, when the conclusion states it.
    pub classification: Option<String>,
    /// The conclusion in the facility's words.
    pub conclusion: Option<String>,
    /// Measurements of the check-up.
    pub vitals: VisitVitals,
    pub source: Provenance,
}

// ----------------------------------------------------------------------- corrections endpoint

/// `GET /api/v1/book/corrections`: every correction request of the book, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BookCorrections {
    pub patient: PatientHeader,
    pub corrections: Vec<Correction>,
}

/// `POST /api/v1/book/corrections[?patient=<id>]` body. Unknown fields are refused.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorrectionRequest {
    /// The item (`record` of any item in the book). Required for `wrong`; for `missing` it may
    /// name a related item (e.g. the visit where a vaccination is missing) or be `null`.
    pub record: Option<String>,
    pub section: BookSection,
    pub kind: CorrectionKind,
    /// What is wrong or missing, in the citizen's words: 5–1000 characters.
    pub description: String,
    /// For `missing` without a `record`: the facility that should add it (5-character code).
    /// Default: the registered primary-care facility. Ignored when `record` is given (the
    /// item's own facility handles it).
    pub facility_code: Option<String>,
}

// ------------------------------------------------------------------------- self-reported data

/// `POST /api/v1/book/self-reported[?patient=<id>]` body: one or more values declared by the
/// citizen (or their guardian) and written all-or-nothing. Unknown fields are refused.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SelfReport {
    /// 1–10 items.
    pub items: Vec<SelfReportItem>,
}

/// One declared value. JSON: `{"kind": "blood_pressure", "systolic": 135, …}`.
/// Measurements take `date` (default today; never in the future nor before birth) and an
/// optional `time` `"HH:MM"` (Vietnam time).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum SelfReportItem {
    /// mmHg: systolic 60–260, diastolic 30–160, systolic > diastolic. Pulse 30–220 /min.
    BloodPressure {
        systolic: f64,
        diastolic: f64,
        pulse: Option<f64>,
        date: Option<IsoDate>,
        time: Option<String>,
    },
    /// kg, 0.5–350. With a height in the same report or on record (adults), a BMI is recorded
    /// too.
    Weight {
        value: f64,
        date: Option<IsoDate>,
        time: Option<String>,
    },
    /// cm, 30–250.
    Height {
        value: f64,
        date: Option<IsoDate>,
        time: Option<String>,
    },
    /// Blood glucose from a home meter, in `unit` (default mmol/L): 1.0–35.0 mmol/L
    /// (18–630 mg/dL). Stored in mmol/L.
    Glucose {
        value: f64,
        unit: Option<GlucoseUnit>,
        /// Measured fasting (nhịn ăn ≥ 8 giờ).
        fasting: Option<bool>,
        date: Option<IsoDate>,
        time: Option<String>,
    },
    BloodGroup {
        abo: AboGroup,
        rh: Option<RhFactor>,
    },
    /// Substance 2–120 characters; reaction up to 200.
    Allergy {
        substance: String,
        category: AllergyCategory,
        /// `true` = it was serious (khó thở, phù, sốc): criticality high; `null` = not known.
        severe: Option<bool>,
        reaction: Option<String>,
    },
    /// Condition 2–120 characters (ICD-10 code optional); onset age 0–120.
    FamilyHistory {
        relation: FamilyRelation,
        condition: String,
        code: Option<String>,
        onset_age: Option<u32>,
    },
    Tobacco {
        status: TobaccoStatus,
        /// Cigarettes per day, 0–100, for current smokers.
        per_day: Option<f64>,
    },
    /// Standard drinks (đơn vị cồn) per day on average, 0–30.
    Alcohol {
        drinks_per_day: f64,
    },
    /// Days per week with ≥ 30 minutes of moderate activity, 0–7.
    PhysicalActivity {
        days_per_week: u32,
    },
    /// Exposure at work in the citizen's words (2–200 characters), e.g. "Bụi silic".
    OccupationalExposure {
        description: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GlucoseUnit {
    /// mmol/L (Vietnamese labs and most meters).
    MmolL,
    /// mg/dL (some imported meters); 18 mg/dL = 1 mmol/L.
    MgDl,
}

/// A relative, for family history (stored as v3 RoleCode).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FamilyRelation {
    Father,
    Mother,
    Brother,
    Sister,
    Son,
    Daughter,
    Grandfather,
    Grandmother,
    Uncle,
    Aunt,
    Other,
}

/// `201` answer to `POST /api/v1/book/self-reported`: what was written.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SelfReportSaved {
    /// The new records (`"Observation/…"`), in the order of `items`; a weight with a known
    /// height adds its BMI record after it.
    pub records: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn self_reports_read_as_documented() {
        let report: SelfReport = serde_json::from_str(
            r#"{"items": [
                {"kind": "blood_pressure", "systolic": 135, "diastolic": 85},
                {"kind": "glucose", "value": 110, "unit": "mg_dl"},
                {"kind": "blood_group", "abo": "AB", "rh": "negative"},
                {"kind": "family_history", "relation": "grandmother", "condition": "Hen"}
            ]}"#,
        )
        .unwrap();
        assert_eq!(
            report.items[0],
            SelfReportItem::BloodPressure {
                systolic: 135.0,
                diastolic: 85.0,
                pulse: None,
                date: None,
                time: None
            }
        );
        assert!(matches!(
            report.items[2],
            SelfReportItem::BloodGroup {
                abo: AboGroup::AB,
                rh: Some(RhFactor::Negative)
            }
        ));
        for bad in [
            r#"{"items": [{"kind": "weight", "value": 60, "unit": "lb"}]}"#,
            r#"{"items": [], "extra": true}"#,
            r#"{"items": [{"kind": "mood"}]}"#,
            r#"{"items": [{"value": 60}]}"#,
        ] {
            assert!(serde_json::from_str::<SelfReport>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn sections_round_trip() {
        for s in BookSection::ALL {
            assert_eq!(BookSection::parse(s.as_str()), Some(s));
            assert_eq!(serde_json::to_value(s).unwrap(), s.as_str());
        }
        assert_eq!(BookSection::parse("summary"), None);
    }
}
