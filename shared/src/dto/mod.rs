//! Bodies of `/api/v1/…`, exactly as the OpenAPI document (`edge/openapi.json`) describes them.
//!
//! These are the only shapes that reach the browser: the edge maps FHIR resources into them and
//! drops everything else, so a field added to the store never leaks by accident.

/// The health book's sections.
pub mod book;
/// Booking, appointments and the clinic console.
pub mod booking;

use crate::date::IsoDate;
use crate::id::Sex;
use serde::{Deserialize, Serialize};

/// Every error answer: `{"code": "<machine_code>", "message": "<human sentence>"}`.
/// `message` is Vietnamese followed by English; it never contains health data or upstream text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    pub code: String,
    pub message: String,
}

/// `GET /api/v1/health`: which dependency answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Health {
    /// `ok` or `degraded`.
    pub status: String,
    pub store: bool,
    pub identity: bool,
}

/// What the signed-in person is to the system.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Any citizen; a guardian is a citizen with dependants.
    Citizen,
    /// Clinic staff, scoped to one facility.
    Staff,
}

/// `GET /api/v1/me`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Me {
    pub role: Role,
    /// Full name as the identity provider and the store spell it (with diacritics).
    pub name: String,
    /// The person's own health book (`Patient` id); absent for staff without one.
    pub patient: Option<String>,
    /// Books this person may act for (children, dependants), decided by the store's links.
    pub dependants: Vec<Dependant>,
    /// Staff only: the facility they work for.
    pub facility: Option<FacilityRef>,
}

/// A person whose book the signed-in person may open.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dependant {
    /// `Patient` id to pass as `?patient=`.
    pub patient: String,
    pub name: String,
    pub birth_date: Option<IsoDate>,
    pub relationship: Relationship,
}

/// How the signed-in person relates to a dependant.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relationship {
    /// Mother or father of a child.
    Parent,
    /// Court- or family-appointed guardian.
    Guardian,
    /// Adult child or other carer of an elderly or dependent person.
    Carer,
}

/// A facility as shown to people: code and name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacilityRef {
    /// 5-character BHXH code, when the store knows it.
    pub code: Option<String>,
    pub name: String,
}

/// `GET /api/v1/book/summary`: the first screen of the health book.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BookSummary {
    pub patient: PatientHeader,
    /// The current health-insurance card, if any.
    pub insurance: Option<InsuranceCard>,
    pub vitals: LatestVitals,
    /// Known allergies; empty means none recorded (not "none").
    pub allergies: Vec<Allergy>,
}

/// Who the book belongs to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PatientHeader {
    pub id: String,
    pub name: String,
    pub birth_date: Option<IsoDate>,
    pub sex: Sex,
    /// 12-digit personal ID.
    pub cccd: Option<String>,
}

/// A BHYT card as the book shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InsuranceCard {
    /// Normalised 15-character number.
    pub number: String,
    /// 1–5.
    pub benefit_level: u8,
    /// Share the fund pays for covered care.
    pub coverage_percent: u8,
    pub valid_from: Option<IsoDate>,
    pub expires: Option<IsoDate>,
    /// Registered primary-care facility (nơi đăng ký KCB ban đầu).
    pub registered_facility: Option<FacilityRef>,
}

/// The latest of each basic measurement.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct LatestVitals {
    pub height: Option<Measurement>,
    pub weight: Option<Measurement>,
    pub blood_pressure: Option<BloodPressure>,
}

/// Where and when an item was recorded. Every item in the book carries one.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// Date of the measurement or record.
    pub date: Option<IsoDate>,
    /// Facility that recorded it; absent when self-reported or unknown.
    pub facility: Option<String>,
    /// Declared by the citizen (or their guardian), not by a clinic.
    pub self_reported: bool,
}

/// One numeric measurement.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Measurement {
    pub value: f64,
    /// UCUM unit as recorded (`kg`, `cm`).
    pub unit: String,
    pub source: Provenance,
}

/// A blood-pressure reading, mmHg.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BloodPressure {
    pub systolic: f64,
    pub diastolic: f64,
    pub source: Provenance,
}

/// An allergy or intolerance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Allergy {
    /// What the person reacts to, as recorded (e.g. "Penicillin").
    pub substance: String,
    pub category: AllergyCategory,
    pub criticality: Criticality,
    /// The reaction, when recorded (e.g. "Phát ban").
    pub reaction: Option<String>,
    pub source: Provenance,
}

/// FHIR AllergyIntolerance.category, in the book's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AllergyCategory {
    Medication,
    Food,
    /// Chemicals, cosmetics, environment.
    Environment,
    Biologic,
    Other,
}

/// FHIR AllergyIntolerance.criticality.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Criticality {
    Low,
    High,
    UnableToAssess,
    Unknown,
}
