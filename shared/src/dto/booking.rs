//! Bodies of the booking and clinic-console API (`/api/v1/facilities…`, `/api/v1/holds`,
//! `/api/v1/appointments…`, `/api/v1/clinic/…`), exactly as `edge/openapi/booking.json`
//! describes them.
//!
//! Stability: additive changes only (new optional fields, new enum variants noted here). No
//! breaking change so far.
//!
//! Conventions for every type below:
//! - Times are Vietnam local time (UTC+07:00, no DST). Moments ([`VnDateTime`]) are RFC 3339
//!   strings with the `+07:00` offset (`"2026-11-24T07:30:00+07:00"`); dates ([`IsoDate`]) are
//!   `"YYYY-MM-DD"`; times of day ([`ClockTime`]) are `"HH:MM"`.
//! - Ids are opaque strings. Slot, hold and appointment ids name their facility-day so the edge
//!   can route them (`"01001.20261124.…"`); clients must not parse them.
//! - Money is whole Vietnamese đồng (VND), as an integer.
//! - Errors are `{"code", "message"}` ([`super::ApiError`]); the codes of this area are listed
//!   in [`codes`].

use crate::clock::{ClockTime, VnDateTime};
use crate::date::IsoDate;
use serde::{Deserialize, Serialize};

/// How long a hold keeps a slot for one person before it is released, in seconds (5 minutes).
/// The test stack may run the edge with a shorter hold; [`Hold::seconds_left`] is the truth.
pub const HOLD_SECONDS: u32 = 300;

/// Machine codes of booking answers (`ApiError.code`). Status in brackets.
pub mod codes {
    /// [409] Someone else holds or booked this slot a moment ago: choose another slot.
    pub const SLOT_TAKEN: &str = "slot_taken";
    /// [409] No free slot is left on this facility-day: choose another day or facility.
    pub const DAY_FULL: &str = "day_full";
    /// [409] The person already has an active booking (or is booking) at this facility on this
    /// day: at most one per person per facility-day.
    pub const ALREADY_BOOKED: &str = "already_booked";
    /// [409] The facility takes no bookings that day (weekend, holiday, closed by the clinic).
    pub const FACILITY_CLOSED: &str = "facility_closed";
    /// [409] The hold ran out (5 minutes) or was released: choose a slot again.
    pub const HOLD_EXPIRED: &str = "hold_expired";
    /// [409] This hold is being confirmed by another request right now.
    pub const BOOKING_IN_PROGRESS: &str = "booking_in_progress";
    /// [400] `POST /appointments` without an `Idempotency-Key` header.
    pub const IDEMPOTENCY_KEY_MISSING: &str = "idempotency_key_missing";
    /// [422] The same `Idempotency-Key` was sent with a different body.
    pub const IDEMPOTENCY_KEY_REUSED: &str = "idempotency_key_reused";
    /// [409] The first request with this `Idempotency-Key` is still running: retry shortly.
    pub const IDEMPOTENCY_IN_FLIGHT: &str = "idempotency_in_flight";
    /// [404] No such slot on that facility-day.
    pub const SLOT_NOT_FOUND: &str = "slot_not_found";
    /// [404] No such hold (never existed, or belongs to someone else).
    pub const HOLD_NOT_FOUND: &str = "hold_not_found";
    /// [404] No such appointment visible to the caller.
    pub const APPOINTMENT_NOT_FOUND: &str = "appointment_not_found";
    /// [404] Unknown facility code.
    pub const FACILITY_NOT_FOUND: &str = "facility_not_found";
    /// [409] The appointment can no longer be cancelled or rescheduled (past, checked in,
    /// already cancelled).
    pub const NOT_CHANGEABLE: &str = "not_changeable";
    /// [403] The number and date of birth do not match a person in the store (the same answer
    /// for "no such number" and "wrong date of birth", so numbers cannot be probed).
    pub const PERSON_NOT_MATCHED: &str = "person_not_matched";
    /// [400] A date that is not `YYYY-MM-DD`, or outside today … today + 30 days.
    pub const BAD_DATE: &str = "bad_date";
    /// [400] A malformed or missing request field (the message says which).
    pub const BAD_REQUEST: &str = "bad_request";
    /// [400] The health declaration is incomplete or too long.
    pub const BAD_DECLARATION: &str = "bad_declaration";
    /// [404] Clinic: no booking with this code at the staff member's facility today.
    pub const CODE_NOT_FOUND: &str = "code_not_found";
    /// [409] Clinic: the booking is for another day (the message gives the date).
    pub const WRONG_DAY: &str = "wrong_day";
    /// [409] Clinic: the status change is not allowed from the current status (e.g. a
    /// cancelled booking cannot be checked in).
    pub const BAD_TRANSITION: &str = "bad_transition";
    /// [403] Clinic routes need a staff session; citizen routes need a citizen session.
    pub const NOT_AUTHORIZED: &str = "not_authorized";
}

// ---------------------------------------------------------------------------------------------
// Facility directory: `GET /api/v1/facilities`
// ---------------------------------------------------------------------------------------------

/// Technical level of a facility under Law 15/2023.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FacilityLevel {
    /// Ban đầu: commune health stations, private clinics.
    Initial,
    /// Cơ bản: regional medical centres, provincial hospitals.
    Basic,
    /// Chuyên sâu: central and specialised hospitals.
    Specialised,
}

/// A postal address after the 2025 reorganisation: "line, ward or commune, province".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Address {
    /// Street and number ("78 đường Giải Phóng").
    pub line: String,
    /// Ward or commune ("Phường Kim Liên").
    pub ward: String,
    /// Province or centrally-run city ("Hà Nội").
    pub province: String,
}

/// A department (khoa/phòng) that takes online bookings.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Department {
    /// Opaque id; pass it as `?department=` to filter availability and the calendar.
    pub id: String,
    /// Vietnamese name as the facility uses it ("Khoa Tim mạch").
    pub name: String,
}

/// One facility in the directory.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FacilitySummary {
    /// 5-character BHXH facility code ("01001"); the facility's id in every booking route.
    pub code: String,
    pub name: String,
    pub level: FacilityLevel,
    pub address: Address,
    /// Switchboard number as printed ("024 3869 3731"), when known.
    pub phone: Option<String>,
    /// Departments with online booking, in the facility's order. Empty: no online booking.
    pub departments: Vec<Department>,
    /// The registered primary-care facility (nơi đăng ký KCB ban đầu) of the card looked up;
    /// at most one facility is `true`, and it is listed first.
    pub registered: bool,
}

/// `GET /api/v1/facilities?bhyt=…|cccd=…|q=…[&province=…][&level=…][&department=…]`.
///
/// - `bhyt`: a 15-character card number or a 10-digit social-insurance number (separators
///   allowed); `cccd`: a 12-digit personal ID. The card's registered facility is listed first
///   with `registered: true`. Nothing else about the card's owner is returned.
/// - `q`: words of the facility name, ward or department, accent-insensitive ("bach mai").
/// - `province`: province name words ("ho chi minh"); `level`: `initial|basic|specialised`;
///   `department`: department or specialty words ("tim mach").
/// - With no parameter: the signed-in citizen's own registered facility first, then all.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FacilityList {
    /// When the directory was read from the store (served from the edge cache, so it may be a
    /// few minutes old): show "as of hh:mm".
    pub as_of: VnDateTime,
    /// Outcome of a `bhyt`/`cccd` lookup; absent when none was asked.
    pub lookup: Option<CardLookup>,
    /// At most 50 facilities, the registered one first, then by relevance and name.
    pub facilities: Vec<FacilitySummary>,
}

/// What a card or personal-ID lookup found — only whether it resolved to a facility.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardLookup {
    /// The number was recognised and names a registered facility.
    pub found: bool,
    /// Code of the registered facility, when found.
    pub registered: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Days and slots
// ---------------------------------------------------------------------------------------------

/// Whether a facility-day takes bookings.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayStatus {
    /// Some slot is free.
    Open,
    /// Slots exist but none is free (held or booked).
    Full,
    /// No bookable slots that day (weekend, holiday, closed by the clinic).
    Closed,
}

/// `GET /api/v1/facilities/{code}/calendar?from=YYYY-MM-DD[&days=N][&department=<id>]`:
/// day-by-day overview for a date picker. `days` is 1–31 (default 14); `from` defaults to today
/// and must be within today … today + 30.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FacilityCalendar {
    /// When the counts were read (edge-cached; a day's own availability is fresher).
    pub as_of: VnDateTime,
    /// Facility code.
    pub facility: String,
    pub days: Vec<CalendarDay>,
}

/// One day of [`FacilityCalendar`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CalendarDay {
    pub date: IsoDate,
    pub status: DayStatus,
    /// Free slots (approximate: holds of the last seconds are not counted).
    pub free: u32,
    /// Bookable slots that day, free or not.
    pub total: u32,
}

/// A slot's state as citizens see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlotStatus {
    Free,
    /// Someone is filling in the declaration (a hold, at most 5 minutes).
    Held,
    Booked,
}

/// One bookable slot.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SlotView {
    /// Opaque id to pass to `POST /holds`.
    pub id: String,
    /// Start of the visit, Vietnam time.
    pub start: VnDateTime,
    /// End of the visit, Vietnam time.
    pub end: VnDateTime,
    /// Department name ("Khoa Khám bệnh").
    pub department: String,
    /// Department id (see [`Department::id`]).
    pub department_id: String,
    /// The doctor, with title ("ThS.BS. Nguyễn Văn An").
    pub practitioner: String,
    /// The room ("Phòng khám 3 — Tầng 1").
    pub room: String,
    pub status: SlotStatus,
}

/// `GET /api/v1/facilities/{code}/availability?date=YYYY-MM-DD[&department=<id>]`.
/// Served from the edge cache with stale-while-revalidate; `as_of` says how fresh it is.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Availability {
    /// When this view of the day was assembled: show "as of hh:mm".
    pub as_of: VnDateTime,
    /// Facility code.
    pub facility: String,
    pub date: IsoDate,
    pub status: DayStatus,
    /// Slots that day in start order (closed slots are left out).
    pub slots: Vec<SlotView>,
}

// ---------------------------------------------------------------------------------------------
// Holds: `POST /api/v1/holds`
// ---------------------------------------------------------------------------------------------

/// Whom a booking is for. Absent in [`HoldRequest`]: the signed-in citizen.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum PatientChoice {
    /// A `Patient` id from `GET /me` (oneself, or a dependant the store links to the caller).
    Id(String),
    /// Someone else, by their number and date of birth (both must match the store).
    Number(PersonNumber),
}

/// Identifies a person who is not linked to the caller: their number plus date of birth.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonNumber {
    /// BHYT card (15 characters), social-insurance number (10 digits) or CCCD (12 digits);
    /// spaces and dashes are allowed.
    pub number: String,
    pub birth_date: IsoDate,
}

/// `POST /api/v1/holds` body.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct HoldRequest {
    /// A [`SlotView::id`].
    pub slot_id: String,
    /// Whom the booking is for; absent = the signed-in citizen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patient: Option<PatientChoice>,
    /// When rescheduling: the [`Appointment::id`] this hold will replace, so a new slot on the
    /// same facility-day is not refused as `already_booked`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub replaces: Option<String>,
}

/// Who a booking is for, as much as the caller may see.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonLabel {
    /// Full name for oneself and linked dependants; for a person identified by number only,
    /// the family name and initials ("Nguyễn T. M."), enough to notice a wrong number.
    pub name: String,
    pub relation: BookedFor,
}

/// The booker's relation to the patient.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BookedFor {
    /// The signed-in citizen themself.
    #[serde(rename = "self")]
    Own,
    /// A dependant linked in the store (child, elderly parent under care).
    Dependant,
    /// Someone identified by number and date of birth.
    Other,
}

/// 201 answer of `POST /api/v1/holds`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Hold {
    /// Opaque id to pass to `POST /appointments` (or `…/reschedule`).
    pub id: String,
    /// When the slot is released unless confirmed, Vietnam time.
    pub expires_at: VnDateTime,
    /// Seconds from this answer to `expires_at` (use it for the countdown: the phone's clock
    /// may be wrong).
    pub seconds_left: u32,
    pub slot: SlotView,
    pub facility: FacilityBrief,
    pub patient: PersonLabel,
    /// What the visit may cost the patient. Always an estimate.
    pub estimate: CopayEstimate,
}

/// A facility as a ticket shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacilityBrief {
    pub code: String,
    pub name: String,
    pub level: FacilityLevel,
    pub address: Address,
    pub phone: Option<String>,
}

// ---------------------------------------------------------------------------------------------
// Co-pay estimate
// ---------------------------------------------------------------------------------------------

/// Why the fund pays what it pays in a [`CopayEstimate`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CopayBasis {
    /// The card's registered primary-care facility: the benefit level applies in full.
    Registered,
    /// Another initial-level facility: covered nationwide as if registered.
    InitialLevelAnywhere,
    /// Another basic-level facility without a referral slip: covered at the benefit level for
    /// outpatient visits since the 2024 amendment (unconfirmed: the estimate says so).
    BasicLevelWithoutReferral,
    /// A specialised-level facility without a referral slip: the fund pays only part of the
    /// benefit level for outpatient visits.
    SpecialisedWithoutReferral,
    /// No valid BHYT card on record: the patient pays the full fee.
    NoInsurance,
}

/// What an outpatient visit may cost. ALWAYS an estimate: the facility decides at the visit,
/// and tests, drugs and services ordered then are not included.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CopayEstimate {
    /// Public price of a standard outpatient examination at this facility level, VND.
    pub exam_fee_vnd: u32,
    /// Share of the fee the insurance fund pays, 0–100.
    pub fund_pays_percent: u8,
    /// What the patient pays for the examination, VND (rounded to 100 đồng).
    pub patient_pays_vnd: u32,
    pub basis: CopayBasis,
    /// BHYT benefit level (1–5) the estimate used, when a card is on record.
    pub benefit_level: Option<u8>,
    /// One sentence explaining the basis, Vietnamese.
    pub note_vi: String,
    /// The same sentence in English.
    pub note_en: String,
}

// ---------------------------------------------------------------------------------------------
// Health declaration and booking: `POST /api/v1/appointments`
// ---------------------------------------------------------------------------------------------

/// A symptom the patient has now or had in the last 14 days.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Symptom {
    Fever,
    Cough,
    ShortnessOfBreath,
    SoreThroat,
    /// Loss of smell or taste.
    LossOfSmellOrTaste,
    Diarrhoea,
    Vomiting,
    Rash,
    Headache,
    ChestPain,
    Fatigue,
}

/// Pregnancy, as declared.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Pregnancy {
    /// Not asked or not relevant (men, children): the default.
    #[default]
    NotApplicable,
    No,
    Yes,
    /// May be pregnant / does not know.
    Unsure,
}

/// The short health declaration (tờ khai y tế) filled in while the slot is held.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HealthDeclaration {
    /// Reason for the visit in the patient's words, 1–500 characters (required).
    pub reason: String,
    /// Symptoms now or in the last 14 days; empty = none.
    #[serde(default)]
    pub symptoms: Vec<Symptom>,
    /// Close contact with someone with an infectious disease (tuberculosis, measles, COVID-19,
    /// dengue…) in the last 14 days.
    #[serde(default)]
    pub infectious_contact: bool,
    /// Travelled abroad or to an outbreak area in the last 14 days.
    #[serde(default)]
    pub recent_travel: bool,
    #[serde(default)]
    pub pregnancy: Pregnancy,
    /// Anything else the clinic should know (allergies, mobility needs), at most 500 characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// Longest accepted [`HealthDeclaration::reason`] / `notes`, in characters.
pub const DECLARATION_TEXT_MAX: usize = 500;

/// `POST /api/v1/appointments` body. Needs an `Idempotency-Key` header (1–64 visible ASCII
/// characters, a fresh random value per booking attempt, reused only for retries of that
/// attempt).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BookRequest {
    /// A [`Hold::id`] of the caller's that has not expired.
    pub hold_id: String,
    pub declaration: HealthDeclaration,
}

/// `POST /api/v1/appointments/{id}/reschedule` body: the hold on the new slot. The new slot is
/// booked and the old one released in one store transaction; on any refusal the old
/// appointment stays as it was.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RescheduleRequest {
    pub hold_id: String,
}

// ---------------------------------------------------------------------------------------------
// Appointments and tickets
// ---------------------------------------------------------------------------------------------

/// Where an appointment stands. FHIR `Appointment.status` in brackets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppointmentStatus {
    /// Confirmed, not yet at the clinic [booked].
    Booked,
    /// The patient arrived and was checked in [arrived].
    CheckedIn,
    /// The patient did not come [noshow].
    NoShow,
    /// The visit happened [fulfilled].
    Done,
    /// Cancelled by the patient, their representative or the clinic [cancelled].
    Cancelled,
}

/// A booking as the citizen sees it: the ticket (phiếu hẹn khám).
///
/// 201 of `POST /appointments` and `…/reschedule` (200 when an `Idempotency-Key` is replayed),
/// items of `GET /appointments`, `GET /appointments/{id}`, 200 of `DELETE /appointments/{id}`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Appointment {
    /// Opaque id for `GET/DELETE /appointments/{id}` and `…/reschedule`.
    pub id: String,
    /// Booking code (mã đặt khám), `XXXX-XXXX` from `23456789ABCDEFGHJKLMNPQRSTUVWXYZ`; the last
    /// character is a check character. Staff type it (or scan the QR) to check in.
    pub code: String,
    /// The ticket's QR code: a complete SVG document (`<svg …>…</svg>`, black modules on white,
    /// with a quiet zone, `viewBox` in modules, no size: scale it with CSS), generated at the
    /// edge. It encodes exactly [`Appointment::code`]. Show it as
    /// `<img src="data:image/svg+xml;utf8,…">` (percent-encode `#`, `%`, `<`, `>`, `"`) or
    /// base64. Present for upcoming bookings (`booked`, `checked_in`), absent otherwise.
    pub qr_svg: Option<String>,
    pub status: AppointmentStatus,
    /// Visit start, Vietnam time.
    pub start: VnDateTime,
    /// Visit end, Vietnam time.
    pub end: VnDateTime,
    /// Be at the registration desk by this time (start minus 15 minutes at initial-level
    /// facilities, 30 minutes at hospitals: BHYT card check and vital signs).
    pub arrive_by: VnDateTime,
    /// Position in the doctor's queue that day (1 = first slot of the day).
    pub queue_number: u32,
    pub facility: FacilityBrief,
    pub department: String,
    pub practitioner: String,
    pub room: String,
    pub patient: PersonLabel,
    /// Name of who booked it, when that is not the patient (a parent, a carer, a relative).
    pub booked_by: Option<String>,
    /// When the booking was confirmed.
    pub booked_at: Option<VnDateTime>,
    /// Whether `DELETE` / `reschedule` may be asked (booked and not yet started).
    pub can_change: bool,
}

/// `GET /api/v1/appointments[?patient=<id>]`: one's own appointments or an authorised
/// dependant's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AppointmentList {
    /// Booked or checked in and not yet over, soonest first.
    pub upcoming: Vec<Appointment>,
    /// Everything else (done, no-show, cancelled, or over), most recent first; at most 50.
    pub past: Vec<Appointment>,
}

// ---------------------------------------------------------------------------------------------
// Clinic console: `/api/v1/clinic/…` (staff sessions only; always the staff member's facility)
// ---------------------------------------------------------------------------------------------

/// `GET /api/v1/clinic/day[?date=YYYY-MM-DD]` (default today): the booking list per room.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClinicDay {
    pub facility: FacilityBrief,
    pub date: IsoDate,
    /// When this list was assembled.
    pub as_of: VnDateTime,
    /// One entry per doctor's schedule, by department then room.
    pub rooms: Vec<ClinicRoom>,
}

/// One doctor's list in one room.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClinicRoom {
    /// The schedule (doctor in a room); pass it to `POST /clinic/slots` to add slots.
    pub schedule_id: String,
    pub department: String,
    pub department_id: String,
    pub room: String,
    pub practitioner: String,
    /// Appointments in start order (cancelled ones included, marked).
    pub entries: Vec<ClinicEntry>,
    /// Slots that day by state.
    pub free: u32,
    pub held: u32,
    pub closed: u32,
}

/// One appointment in the clinic's list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClinicEntry {
    /// Pass to `POST /clinic/appointments/{id}/status`.
    pub appointment_id: String,
    /// Booking code, as on the ticket.
    pub code: String,
    pub start: VnDateTime,
    pub end: VnDateTime,
    pub queue_number: u32,
    pub status: AppointmentStatus,
    pub patient_name: String,
    pub patient_birth_date: Option<IsoDate>,
    /// Booked by someone other than the patient (a relative): staff may ask who comes.
    pub booked_by_other: bool,
    /// The declaration given at booking, when it was made online through this system.
    pub declaration: Option<HealthDeclaration>,
}

/// `POST /api/v1/clinic/check-in` body: a booking code as typed or read from the QR
/// (case and separators do not matter).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckInRequest {
    pub code: String,
}

/// Status changes staff may make.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClinicAction {
    /// booked → checked_in.
    CheckIn,
    /// booked → no_show (once the slot has started).
    NoShow,
    /// checked_in → done.
    Done,
    /// no_show → booked (a mistaken no-show, the patient came late).
    Undo,
}

/// `POST /api/v1/clinic/appointments/{id}/status` body. Answers the updated [`ClinicEntry`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusChange {
    pub action: ClinicAction,
}

/// A slot's state as the clinic sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ClinicSlotStatus {
    Free,
    Held,
    Booked,
    /// Closed by the clinic (FHIR `busy-unavailable`): not offered to citizens.
    Closed,
}

/// One slot in [`ClinicSlots`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClinicSlot {
    pub id: String,
    pub start: VnDateTime,
    pub end: VnDateTime,
    pub status: ClinicSlotStatus,
}

/// One doctor's slots in [`ClinicSlots`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClinicSchedule {
    pub schedule_id: String,
    pub department: String,
    pub department_id: String,
    pub room: String,
    pub practitioner: String,
    pub slots: Vec<ClinicSlot>,
}

/// `GET /api/v1/clinic/slots?date=YYYY-MM-DD`: every slot of the facility-day with its state.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClinicSlots {
    pub date: IsoDate,
    pub as_of: VnDateTime,
    pub schedules: Vec<ClinicSchedule>,
}

/// What to do with slots in [`SlotChange`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SlotAction {
    /// Free slots → closed. Held or booked slots are skipped (cancel the booking first).
    Close,
    /// Closed slots → free again.
    Open,
    /// Create new free slots for `schedule_id` from `from` to `to`, `minutes` long each
    /// (e.g. open a Saturday morning). Overlapping existing slots are skipped.
    Add,
}

/// `POST /api/v1/clinic/slots` body. Written to the store as `Slot`s of the doctor's `Schedule`
/// in one transaction; caches are invalidated. Answers [`SlotChangeResult`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SlotChange {
    /// The facility-day (today … today + 30).
    pub date: IsoDate,
    pub action: SlotAction,
    /// `close`/`open`: the slots to change; empty = every slot of the day (of `schedule_id`
    /// when given).
    #[serde(default)]
    pub slot_ids: Vec<String>,
    /// `add` (required), `close`/`open` with empty `slot_ids` (optional): the doctor's schedule.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule_id: Option<String>,
    /// `add`: first slot start, Vietnam time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<ClockTime>,
    /// `add`: the last slot ends at or before this time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<ClockTime>,
    /// `add`: length of each slot in minutes, 5–120.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<u32>,
}

/// Answer of `POST /api/v1/clinic/slots`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SlotChangeResult {
    /// Slots changed or created.
    pub changed: u32,
    /// Slots left as they were, and why (`held`, `booked`, `overlap`, `not_found`).
    pub skipped: Vec<SkippedSlot>,
    /// The day after the change.
    pub day: ClinicSlots,
}

/// A slot [`SlotChange`] did not touch.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedSlot {
    /// Slot id, or `"HH:MM"` for an `add` that overlapped.
    pub id: String,
    pub reason: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patient_choice_is_an_id_or_a_number() {
        let by_id: HoldRequest = serde_json::from_str(r#"{"slot_id":"s","patient":"p1"}"#).unwrap();
        assert_eq!(by_id.patient, Some(PatientChoice::Id("p1".into())));
        let by_number: HoldRequest = serde_json::from_str(
            r#"{"slot_id":"s","patient":{"number":"HC4010123456789","birth_date":"1950-02-03"}}"#,
        )
        .unwrap();
        assert!(matches!(by_number.patient, Some(PatientChoice::Number(_))));
        let own: HoldRequest = serde_json::from_str(r#"{"slot_id":"s"}"#).unwrap();
        assert_eq!(own.patient, None);
        assert_eq!(serde_json::to_string(&own).unwrap(), r#"{"slot_id":"s"}"#);
    }

    #[test]
    fn declaration_defaults_are_permissive() {
        let d: HealthDeclaration = serde_json::from_str(r#"{"reason":"Đau đầu"}"#).unwrap();
        assert_eq!(d.pregnancy, Pregnancy::NotApplicable);
        assert!(d.symptoms.is_empty() && !d.infectious_contact);
    }

    #[test]
    fn enums_use_snake_case() {
        assert_eq!(
            serde_json::to_string(&AppointmentStatus::CheckedIn).unwrap(),
            "\"checked_in\""
        );
        assert_eq!(serde_json::to_string(&BookedFor::Own).unwrap(), "\"self\"");
        assert_eq!(
            serde_json::to_string(&Symptom::LossOfSmellOrTaste).unwrap(),
            "\"loss_of_smell_or_taste\""
        );
    }
}
