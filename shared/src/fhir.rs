//! How Sổ Sức Khỏe reads and writes the national store (HL7 FHIR R4).
//!
//! The store is addressed only through standard FHIR R4 REST, so the systems and URLs below are
//! the whole "profile": point them at the national gateway's own values and nothing else
//! changes. The seeder writes with these constants and the edge reads with them, so the two can
//! never drift apart.
//!
//! Conventions (see ARCHITECTURE.md, "National store"):
//! - Resource ids are opaque (never a CCCD or a BHYT number): ids end up in URLs.
//! - `Patient.identifier` carries the CCCD ([`SYSTEM_CCCD`]); `Coverage.identifier` carries the
//!   15-character BHYT card number ([`SYSTEM_BHYT`]) and the 10-digit social-insurance number
//!   ([`SYSTEM_BHXH`]); `Coverage.period.end` is the card's expiry; the registered primary-care
//!   facility (nơi đăng ký KCB ban đầu) is `Patient.generalPractitioner` (an Organization).
//! - Facilities are `Organization`s with a [`SYSTEM_FACILITY`] identifier (5-char BHXH code) and a
//!   [`CS_FACILITY_LEVEL`] type; departments are `Organization`s with `partOf` the facility;
//!   rooms are `Location`s managed by the facility.
//! - Every clinical resource names its source facility in a `Reference` with `display` filled
//!   in (Observation.performer, Encounter.serviceProvider, Immunization.performer.actor,
//!   AllergyIntolerance.recorder/asserter…), so a screen never needs one read per item.
//! - A guardian or carer is a `RelatedPerson` whose `patient` is the dependant and whose
//!   `identifier` is the guardian's own CCCD; `active=false` ends the relationship.
//! - Clinic staff are `Practitioner`s with a CCCD identifier and a `PractitionerRole` naming the
//!   facility.

/// Personal identification number (số định danh cá nhân / CCCD), 12 digits.
pub const SYSTEM_CCCD: &str = "https://sosuckhoe.vn/fhir/sid/cccd";
/// Health-insurance card number (mã thẻ BHYT), normalised 15-character form.
pub const SYSTEM_BHYT: &str = "https://sosuckhoe.vn/fhir/sid/bhyt";
/// Social-insurance number (mã số BHXH), 10 digits; printed alone on newer cards.
pub const SYSTEM_BHXH: &str = "https://sosuckhoe.vn/fhir/sid/bhxh";
/// BHXH facility code (mã cơ sở KCB), 5 characters.
pub const SYSTEM_FACILITY: &str = "https://sosuckhoe.vn/fhir/sid/facility";
/// Staff login names issued by the identity provider (clinic accounts).
pub const SYSTEM_STAFF_LOGIN: &str = "https://sosuckhoe.vn/fhir/sid/staff-login";

/// Technical level of a facility under Law 15/2023: `initial`, `basic`, `specialised`.
pub const CS_FACILITY_LEVEL: &str = "https://sosuckhoe.vn/fhir/CodeSystem/facility-level";
/// Organization.type code marking a department inside a facility.
pub const CS_ORG_KIND: &str = "https://sosuckhoe.vn/fhir/CodeSystem/organization-kind";

/// LOINC, for vital signs and laboratory observations.
pub const SYSTEM_LOINC: &str = "http://loinc.org";
/// ICD-10 (WHO), the classification Vietnamese facilities code diagnoses in.
pub const SYSTEM_ICD10: &str = "http://hl7.org/fhir/sid/icd-10";
/// UCUM units.
pub const SYSTEM_UCUM: &str = "http://unitsofmeasure.org";
/// FHIR observation categories (`vital-signs`, `laboratory`, …).
pub const CS_OBSERVATION_CATEGORY: &str =
    "http://terminology.hl7.org/CodeSystem/observation-category";
/// HL7 v3 role codes for the relationship of a RelatedPerson (MTH, FTH, CHILD, GUARD…).
pub const CS_V3_ROLE_CODE: &str = "http://terminology.hl7.org/CodeSystem/v3-RoleCode";

/// LOINC codes the health book summary reads.
pub mod loinc {
    /// Blood pressure panel; systolic and diastolic are components.
    pub const BLOOD_PRESSURE: &str = "85354-9";
    /// Systolic blood pressure (component of [`BLOOD_PRESSURE`]).
    pub const SYSTOLIC: &str = "8480-6";
    /// Diastolic blood pressure (component of [`BLOOD_PRESSURE`]).
    pub const DIASTOLIC: &str = "8462-4";
    /// Body weight, kg.
    pub const BODY_WEIGHT: &str = "29463-7";
    /// Body height, cm.
    pub const BODY_HEIGHT: &str = "8302-2";
    /// Body mass index, kg/m2.
    pub const BMI: &str = "39156-5";
}

/// `system|value` token for FHIR token search parameters (`identifier=…`, `code=…`).
pub fn token(system: &str, value: &str) -> String {
    format!("{system}|{value}")
}

/// How bookings live in the store (written by the seeder and the edge, read by both).
///
/// - A facility's premises are a site `Location` (`physicalType` `si`) with the facility's
///   [`SYSTEM_FACILITY`](super::SYSTEM_FACILITY) identifier and `managingOrganization` = the
///   facility. Every bookable `Schedule` names that site among its `actor`s, next to the
///   doctor's `PractitionerRole` and the room `Location`, so `Schedule?actor=Location/<site>`
///   finds a facility's schedules with one indexed search. `Schedule.serviceType.text` and the
///   [`EXT_DEPARTMENT`] extension name the department.
/// - `Slot`s belong to a `Schedule`; `status` is `free`, `busy` (booked) or `busy-unavailable`
///   (closed by the clinic). Writers update a Slot only with `If-Match` on its version, so two
///   writers can never both book it.
/// - An `Appointment` has `slot`, `start`/`end`, participants Patient + PractitionerRole + room
///   Location, the booking code as [`SYSTEM_BOOKING_CODE`] identifier, who booked it in
///   [`EXT_BOOKED_BY`], the queue position in [`EXT_QUEUE_NUMBER`], and the health declaration
///   as a `QuestionnaireResponse` ([`QUESTIONNAIRE_DECLARATION`]) in `supportingInformation`.
///   Status: `booked`, `arrived` (checked in), `noshow`, `fulfilled`, `cancelled`.
pub mod booking {
    /// Booking code printed on the ticket (`XXXX-XXXX`), on `Appointment.identifier`.
    pub const SYSTEM_BOOKING_CODE: &str = "https://sosuckhoe.vn/fhir/sid/booking-code";
    /// Extension on `Appointment`: `valueReference` to the Patient (or RelatedPerson) who
    /// booked it, with `display`, when that is not the patient.
    pub const EXT_BOOKED_BY: &str = "https://sosuckhoe.vn/fhir/StructureDefinition/booked-by";
    /// Extension on `Appointment`: `valuePositiveInt`, the position in the doctor's queue that
    /// day (1 = first slot).
    pub const EXT_QUEUE_NUMBER: &str = "https://sosuckhoe.vn/fhir/StructureDefinition/queue-number";
    /// Extension on `Schedule`: `valueReference` to the department `Organization`, with display.
    pub const EXT_DEPARTMENT: &str = "https://sosuckhoe.vn/fhir/StructureDefinition/department";
    /// Canonical URL of the booking health declaration (tờ khai y tế) questionnaire.
    pub const QUESTIONNAIRE_DECLARATION: &str =
        "https://sosuckhoe.vn/fhir/Questionnaire/health-declaration";
    /// `Location.physicalType` code of a facility's site (HL7 location-physical-type).
    pub const PHYSICAL_TYPE_SITE: &str = "si";
    /// HL7 location physical types.
    pub const CS_LOCATION_PHYSICAL_TYPE: &str =
        "http://terminology.hl7.org/CodeSystem/location-physical-type";
}
