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

/// CVX (CDC vaccine codes): `Immunization.vaccineCode`.
pub const SYSTEM_CVX: &str = "http://hl7.org/fhir/sid/cvx";
/// WHO ATC: `MedicationRequest.medicationCodeableConcept`.
pub const SYSTEM_ATC: &str = "http://www.whocc.no/atc";
/// SNOMED CT: procedures, smoking status, blood groups, referral categories.
pub const SYSTEM_SNOMED: &str = "http://snomed.info/sct";
/// HL7 v3 ActCode: `Encounter.class` (AMB, IMP, EMER…).
pub const CS_V3_ACT_CODE: &str = "http://terminology.hl7.org/CodeSystem/v3-ActCode";
/// HL7 v3 ObservationInterpretation: `Observation.interpretation` (N, L, H, LL, HH, A).
pub const CS_INTERPRETATION: &str =
    "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation";
/// HL7 v2 table 0074: `DiagnosticReport.category` (`LAB`, `RAD`, `OTH`…).
pub const CS_V2_DIAGNOSTIC_SERVICE: &str = "http://terminology.hl7.org/CodeSystem/v2-0074";
/// Condition categories (`problem-list-item`, `encounter-diagnosis`).
pub const CS_CONDITION_CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/condition-category";
/// Condition clinical status (`active`, `resolved`…).
pub const CS_CONDITION_CLINICAL: &str = "http://terminology.hl7.org/CodeSystem/condition-clinical";
/// Condition verification status (`confirmed`, `unconfirmed`, `refuted`…).
pub const CS_CONDITION_VERIFICATION: &str =
    "http://terminology.hl7.org/CodeSystem/condition-ver-status";
/// AllergyIntolerance clinical status.
pub const CS_ALLERGY_CLINICAL: &str =
    "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";
/// AllergyIntolerance verification status.
pub const CS_ALLERGY_VERIFICATION: &str =
    "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification";

/// Our own kinds of Condition besides FHIR's categories: [`CONDITION_KIND_DISABILITY`].
/// A disability (khuyết tật) is a `Condition` with this category coding (besides
/// `problem-list-item`), so the history page can list it apart from diseases.
pub const CS_CONDITION_KIND: &str = "https://sosuckhoe.vn/fhir/CodeSystem/condition-kind";
/// Code in [`CS_CONDITION_KIND`] marking a disability.
pub const CONDITION_KIND_DISABILITY: &str = "disability";

/// Patient extension: ethnic group (dân tộc), `valueCodeableConcept` coded in
/// [`CS_ETHNIC_GROUP`] with the Vietnamese name as `text`.
pub const EXT_ETHNICITY: &str = "https://sosuckhoe.vn/fhir/StructureDefinition/ethnicity";
/// The 54 ethnic groups of Vietnam, coded as the General Statistics Office lists them
/// (`01` Kinh, `02` Tày, `03` Thái, `04` Hoa, `05` Khmer, `06` Mường…).
pub const CS_ETHNIC_GROUP: &str = "https://sosuckhoe.vn/fhir/CodeSystem/ethnic-group";
/// Patient extension: occupation (nghề nghiệp), `valueString` in Vietnamese.
pub const EXT_OCCUPATION: &str = "https://sosuckhoe.vn/fhir/StructureDefinition/occupation";
/// HL7's standard nationality extension on Patient: a complex extension whose `code`
/// sub-extension holds an ISO 3166 `valueCodeableConcept` (`VN`, text "Việt Nam").
pub const EXT_NATIONALITY: &str = "http://hl7.org/fhir/StructureDefinition/patient-nationality";
/// ISO 3166 country codes.
pub const SYSTEM_ISO_3166: &str = "urn:iso:std:iso:3166";

/// `meta.tag` system marking who a record came from.
///
/// **Self-reported data** (stage 2 of the national plan): everything the citizen or their
/// guardian declares through the book carries `meta.tag` = [`CS_RECORD_SOURCE`] |
/// [`RECORD_SOURCE_SELF_REPORTED`], and names the declarer where the resource has a place for
/// it: `Observation.performer`, `AllergyIntolerance.asserter`/`recorder`, `Condition.asserter`
/// = the `Patient` (own book) or the guardian's `RelatedPerson` (a dependant's book).
/// `FamilyMemberHistory` has no such element in R4: the tag alone marks it. Readers treat a
/// record as self-reported when it has the tag OR its performer/asserter is a Patient or
/// RelatedPerson (older records and other apps may only do the latter).
pub const CS_RECORD_SOURCE: &str = "https://sosuckhoe.vn/fhir/CodeSystem/record-source";
/// See [`CS_RECORD_SOURCE`].
pub const RECORD_SOURCE_SELF_REPORTED: &str = "self-reported";

/// `Task.code` system for the health book's own tasks.
///
/// **Correction requests** ("this is wrong / missing") are FHIR `Task`s:
/// - `status` `requested` (the facility moves it to `accepted`/`in-progress`/`completed`/
///   `rejected`; `statusReason.text` or the last `note` is its answer to the citizen);
///   `intent` `order`; `priority` `routine`;
/// - `code` = [`CS_BOOK_TASK`] | [`BOOK_TASK_CORRECTION`] plus HL7's task-code `change`
///   ([`CS_TASK_CODE`]), text "Yêu cầu đính chính thông tin";
/// - `reasonCode` = [`CS_CORRECTION_KIND`] | `wrong` or `missing`;
/// - `focus` = the item (`Observation/…`), absent for a missing item with nothing to point at;
/// - `for` = the Patient; `owner` = the source facility `Organization` (with display): the
///   item's facility, else the one the citizen named, else the registered primary-care one;
/// - `requester` = the Patient, or the guardian's `RelatedPerson`;
/// - `authoredOn`/`lastModified`; `description` = the citizen's own words;
/// - `input` one entry typed [`CS_BOOK_TASK`] | [`TASK_INPUT_SECTION`] with `valueCode` the
///   book section it was raised from (`labs`, `visits`…).
///
/// Search: `Task?patient=Patient/<id>&code=<CS_BOOK_TASK>|correction`.
pub const CS_BOOK_TASK: &str = "https://sosuckhoe.vn/fhir/CodeSystem/book-task";
/// See [`CS_BOOK_TASK`].
pub const BOOK_TASK_CORRECTION: &str = "correction";
/// See [`CS_BOOK_TASK`]: the `Task.input` type carrying the book section.
pub const TASK_INPUT_SECTION: &str = "book-section";
/// HL7 task codes (`change` = change the focal resource).
pub const CS_TASK_CODE: &str = "http://hl7.org/fhir/CodeSystem/task-code";
/// `wrong` / `missing`, see [`CS_BOOK_TASK`].
pub const CS_CORRECTION_KIND: &str = "https://sosuckhoe.vn/fhir/CodeSystem/correction-kind";

/// Referral slips and re-exam appointments, as standard `ServiceRequest`s.
///
/// Both are `ServiceRequest` with `status` `active` (or `completed` once used), `intent`
/// `order`, `subject` the Patient, `encounter` the visit that issued them, `requester` the
/// clinician's `PractitionerRole` with display "<clinician> — <facility>", `performer` the
/// target facility `Organization` with display (the booking flow reads its code through
/// `_include=ServiceRequest:performer`), `authoredOn` the day issued, and `category`:
/// - [`referral::PATIENT_REFERRAL`] (SNOMED 3457005 "Patient referral"): giấy chuyển tuyến;
///   `reasonCode`/`reasonReference` why, `note` the transfer summary;
/// - [`referral::FOLLOW_UP`] (SNOMED 390906007 "Follow-up encounter"): giấy hẹn khám lại;
///   `occurrenceDateTime` is the re-exam date, `locationCode.text` the department to come
///   back to, `note` the instructions.
pub mod referral {
    /// SNOMED CT "Patient referral" (category of a referral slip).
    pub const PATIENT_REFERRAL: &str = "3457005";
    /// SNOMED CT "Follow-up encounter" (category of a re-exam appointment).
    pub const FOLLOW_UP: &str = "390906007";
}

/// SNOMED CT codes the book reads or writes.
pub mod snomed {
    /// Smoking status values (LOINC 72166-2 answers).
    pub const NEVER_SMOKED: &str = "266919005";
    pub const EX_SMOKER: &str = "8517006";
    pub const SMOKER: &str = "77176002";
    /// ABO/Rh(D) blood groups (answers to LOINC 882-1): (code, ABO, Rh(D) positive).
    pub const BLOOD_GROUPS: [(&str, &str, bool); 8] = [
        ("278147001", "O", true),
        ("278148006", "O", false),
        ("278149003", "A", true),
        ("278152006", "A", false),
        ("278150003", "B", true),
        ("278153001", "B", false),
        ("278151004", "AB", true),
        ("278154007", "AB", false),
    ];
    /// Procedures the seed records (surgeries on the history page).
    pub const APPENDECTOMY_LAPAROSCOPIC: &str = "6025007";
    pub const CAESAREAN_SECTION: &str = "11466000";
}

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
    /// Heart rate, /min.
    pub const HEART_RATE: &str = "8867-4";
    /// Body temperature, Cel.
    pub const BODY_TEMPERATURE: &str = "8310-5";
    /// Fasting plasma glucose as Vietnamese labs report it (mmol/L).
    pub const GLUCOSE: &str = "2345-7";
    /// Capillary glucose by a home meter, mmol/L: self-reported readings.
    pub const GLUCOSE_METER: &str = "14743-9";
    /// ABO and Rh group; value is a SNOMED CT blood group ([`super::snomed`]).
    pub const BLOOD_GROUP: &str = "882-1";
    /// Tobacco smoking status (category `social-history`).
    pub const TOBACCO: &str = "72166-2";
    /// Alcoholic drinks per day.
    pub const ALCOHOL: &str = "74013-4";
    /// Days per week of moderate to strenuous physical activity.
    pub const ACTIVITY: &str = "89555-7";
    /// History of occupation (exposure at work, as text).
    pub const OCCUPATION_HISTORY: &str = "11341-5";
    /// History of other non-medical drug use.
    pub const DRUG_USE: &str = "11343-1";
    /// Birth weight, measured (kg in the store).
    pub const BIRTH_WEIGHT: &str = "8339-4";
    /// Body length at birth (cm).
    pub const BIRTH_LENGTH: &str = "89269-5";
    /// Gestational age at birth (weeks).
    pub const GESTATION_AT_BIRTH: &str = "76516-4";
    /// Delivery method: SNOMED value, [`super::snomed::CAESAREAN_SECTION`] or vaginal delivery
    /// (SNOMED 48782003).
    pub const DELIVERY_METHOD: &str = "73762-7";
    /// SNOMED CT "Delivery normal" (vaginal), a value of [`DELIVERY_METHOD`].
    pub const VAGINAL_DELIVERY_SNOMED: &str = "48782003";
    /// History and physical note: the periodic check-up report (DiagnosticReport.code).
    pub const CHECKUP_REPORT: &str = "34117-2";
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
