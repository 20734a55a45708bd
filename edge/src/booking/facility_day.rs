//! One Durable Object per facility-day (`01001:2026-11-24`): the authority for holds and
//! bookings of that facility on that day, and the one fetcher of the day's slots.
//!
//! Why it is race-free:
//! - A Durable Object runs one request at a time *between awaits*, but requests interleave at
//!   every await. Every decision here (is the slot free? does this person already have a
//!   booking? is this idempotency key new?) is made and recorded in one synchronous stretch of
//!   SQLite statements — `SqlStorage::exec` is synchronous, so nothing else can run between
//!   the read and the write. Only then do we await anything.
//! - While a booking is being committed to the store (an await), its hold is in state
//!   `committing` and its idempotency key is `running`: concurrent requests see both and refuse
//!   (`booking_in_progress`, `idempotency_in_flight`) instead of racing.
//! - The store commit is one FHIR transaction (Appointment + Slot `busy` + declaration) with
//!   `If-Match` on the Slot's version, so even a writer outside this object (another system,
//!   a stale copy) cannot book the same slot twice: the second transaction fails whole (412)
//!   and we answer `slot_taken`.
//! - Everything lives in the object's SQLite storage, so eviction loses nothing. In memory are
//!   only the single-flight of store loads and a "refreshing" flag.
//! - Holds expire after `HOLD_SECONDS` (300 s; the test stack's degraded edge uses less). Every
//!   request ignores expired holds, and an alarm marks them released. Alarms may run more than
//!   once: releasing is an `UPDATE … WHERE state = 'held' AND expires <= now`, which is
//!   harmless to repeat.
//!
//! The day's slots and appointments are copied from the store (one batch request) and refreshed
//! when older than [`SNAPSHOT_FRESH_MS`], in the background while the current copy keeps
//! serving. Rows this object wrote after a refresh started are kept over the refreshed copy
//! (a revision counter decides), so a refresh never undoes a booking it did not see.

use super::cache::{Flights, Landing, Role};
use super::directory::ScheduleInfo;
use super::records::{
    self, ApptRow, NewAppointment, People, SlotRow, appt_row, put_entry, slot_row, status_of,
};
use super::{BookingError, DayKey, codes, refusal, refuse};
use crate::config::Config;
use crate::error::{AppError, Upstream};
use crate::fhir::{Store, Transaction, encode_component};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use shared::booking_code::BookingCode;
use shared::clock::VnDateTime;
use shared::date::IsoDate;
use shared::dto::ApiError;
use shared::dto::booking::{
    AppointmentStatus, Availability, ClinicAction, ClinicDay, ClinicEntry, ClinicRoom,
    ClinicSchedule, ClinicSlot, ClinicSlotStatus, ClinicSlots, DayStatus, FacilityBrief,
    HealthDeclaration, PersonLabel, SkippedSlot, SlotAction, SlotChange, SlotStatus, SlotView,
};
use shared::schedule::{overlaps, queue_number, slots_between};
use std::cell::Cell;
use std::rc::Rc;
use worker::{
    DurableObject, Env, Method, Request, RequestInit, Response, SqlStorage, SqlStorageValue, State,
    durable_object,
};

/// Binding name of the namespace in wrangler.toml.
pub const BINDING: &str = "FACILITY_DAYS";
/// The day's copy of the store is refreshed when older than this.
pub const SNAPSHOT_FRESH_MS: f64 = 20_000.0;
/// A hold lasts this long unless the `HOLD_SECONDS` var says otherwise.
const DEFAULT_HOLD_SECONDS: u32 = shared::dto::booking::HOLD_SECONDS;
/// A commit that has not finished after this long was interrupted (the request died).
const COMMIT_STALE_MS: f64 = 60_000.0;

// ---------------------------------------------------------------------------------------------
// Protocol between the edge and the object
// ---------------------------------------------------------------------------------------------

/// What the edge tells the object about its facility-day with every command (from the cached
/// directory), so the object needs no directory of its own.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DayContext {
    pub facility: FacilityBrief,
    pub site_id: String,
    pub date: IsoDate,
    pub schedules: Vec<ScheduleInfo>,
}

impl DayContext {
    fn key(&self) -> DayKey {
        DayKey {
            facility: self.facility.code.clone(),
            date: self.date,
        }
    }
}

/// Whom a hold is for, as the edge decided.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Subject {
    pub patient_id: String,
    /// Full name (written on the Appointment; the API shows `label`).
    pub name: String,
    pub label: PersonLabel,
    pub birth_date: Option<IsoDate>,
}

/// A command to the object.
#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "op", rename_all = "snake_case")]
pub enum Command {
    /// The day's slots as citizens see them → [`Availability`].
    Availability,
    /// Hold `slot` (store id) for `subject`, asked by `owner` (the booker's Patient id)
    /// → [`HoldReply`].
    Hold {
        slot: String,
        subject: Subject,
        owner: String,
        /// Store id of an appointment of this day the hold will replace (reschedule).
        replaces: Option<String>,
    },
    /// Confirm `hold` → [`BookReply`].
    Book {
        hold: String,
        owner: String,
        booker_name: String,
        declaration: HealthDeclaration,
        /// `Idempotency-Key`, scoped by owner.
        key: String,
        /// Digest of what was asked, to tell a retry from a different request.
        fingerprint: String,
        /// The appointment a reschedule releases in the same transaction (as read by the edge).
        replaces: Option<Value>,
        /// Reschedule: the hold must be for this patient (the old appointment's).
        patient: Option<String>,
        /// The caller as an `AuditEvent.agent`: booking for someone else is audited in the
        /// same transaction as the booking itself.
        agent: Value,
    },
    /// Cancel `appointment` (as read and authorised by the edge) → [`ApptRow`].
    Cancel { appointment: Value },
    /// Another object changed `appointment` of this day (a reschedule elsewhere): refresh.
    Released { appointment: String },
    /// Staff: the day's list → [`ClinicDayReply`].
    ClinicDay,
    /// Staff: a status change by appointment id or booking code → [`ClinicEntry`].
    ClinicAction {
        appointment: Option<String>,
        code: Option<String>,
        action: ClinicAction,
        /// The staff member as an `AuditEvent.agent` (recorded with the change).
        agent: Value,
    },
    /// Staff: every slot of the day → [`ClinicSlots`].
    ClinicSlots,
    /// Staff: close, open or add slots → [`ChangeReply`].
    ClinicChange { change: SlotChange },
}

#[derive(Debug, Serialize, Deserialize)]
pub struct Envelope {
    pub context: DayContext,
    pub command: Command,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct HoldReply {
    /// Local hold id (the edge composes the public id).
    pub hold: String,
    pub expires_ms: f64,
    pub slot: SlotView,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct BookReply {
    pub row: ApptRow,
    pub patient: PersonLabel,
    /// True when an earlier request with the same idempotency key already booked it.
    pub replayed: bool,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct ClinicDayReply {
    pub day: ClinicDay,
    /// Patients on the list (for the edge's audit record; never sent to the browser).
    pub patients: Vec<String>,
}

#[derive(Debug, Serialize, Deserialize)]
pub struct ChangeReply {
    pub changed: u32,
    pub skipped: Vec<SkippedSlot>,
    pub day: ClinicSlots,
}

/// An answer from the object, with the number of store calls it made for this request.
pub struct Reply<T> {
    pub value: T,
    pub store_calls: u32,
}

/// Sends `command` to the object of `context`'s facility-day.
pub async fn call<T: DeserializeOwned>(
    env: &Env,
    context: DayContext,
    command: Command,
) -> Result<Reply<T>, BookingError> {
    let name = context.key().object_name();
    let stub = env
        .durable_object(BINDING)?
        .id_from_name(&name)?
        .get_stub()?;
    let body = serde_json::to_string(&Envelope { context, command })
        .map_err(|_| AppError::internal("facility-day encode"))?;
    let mut init = RequestInit::new();
    init.with_method(Method::Post).with_body(Some(body.into()));
    let req = Request::new_with_init("https://facility-day/", &init)?;
    let mut resp = stub.fetch_with_request(req).await?;
    let store_calls = resp
        .headers()
        .get("x-store-calls")
        .ok()
        .flatten()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let status = resp.status_code();
    let text = resp.text().await?;
    if (200..300).contains(&status) {
        let value = serde_json::from_str(&text)
            .map_err(|_| AppError::internal("facility-day answer decode"))?;
        return Ok(Reply { value, store_calls });
    }
    let err: ApiError =
        serde_json::from_str(&text).map_err(|_| AppError::internal("facility-day error decode"))?;
    Err(match err.code.as_str() {
        "store_timeout" => AppError::UpstreamTimeout(Upstream::Store).into(),
        "store_unavailable" => AppError::UpstreamUnavailable(Upstream::Store).into(),
        code => match refusal(code) {
            BookingError::Refused { code, .. } => refuse(status, code, err.message),
            other => other,
        },
    })
}

// ---------------------------------------------------------------------------------------------
// Storage
// ---------------------------------------------------------------------------------------------

const SCHEMA: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS meta (k TEXT PRIMARY KEY, v TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS slots (id TEXT PRIMARY KEY, schedule TEXT NOT NULL, start INTEGER NOT NULL, end_at INTEGER NOT NULL, status TEXT NOT NULL, version TEXT NOT NULL, raw TEXT NOT NULL, rev INTEGER NOT NULL DEFAULT 0, seen INTEGER NOT NULL DEFAULT 1)",
    "CREATE TABLE IF NOT EXISTS appts (id TEXT PRIMARY KEY, slot TEXT, patient TEXT NOT NULL, status TEXT NOT NULL, code TEXT NOT NULL, row TEXT NOT NULL, birth_date TEXT, relation TEXT, declaration TEXT, rev INTEGER NOT NULL DEFAULT 0, seen INTEGER NOT NULL DEFAULT 1)",
    "CREATE TABLE IF NOT EXISTS holds (id TEXT PRIMARY KEY, slot TEXT NOT NULL, patient TEXT NOT NULL, owner TEXT NOT NULL, expires INTEGER NOT NULL, state TEXT NOT NULL, replaces TEXT, subject TEXT NOT NULL, changed INTEGER NOT NULL)",
    "CREATE INDEX IF NOT EXISTS holds_live ON holds (state, slot)",
    "CREATE TABLE IF NOT EXISTS idem (k TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, state TEXT NOT NULL, body TEXT, appt TEXT NOT NULL, created INTEGER NOT NULL)",
];

/// Synchronous SQLite access (see the module documentation for why that matters).
#[derive(Clone)]
struct Db {
    sql: SqlStorage,
}

type Binds = Vec<SqlStorageValue>;

fn s(text: &str) -> SqlStorageValue {
    SqlStorageValue::from(text.to_owned())
}

fn n(value: i64) -> SqlStorageValue {
    SqlStorageValue::from(value)
}

impl Db {
    fn exec(&self, query: &str, binds: Binds) -> Result<(), AppError> {
        self.sql
            .exec(query, Some(binds))
            .map(|_| ())
            .map_err(|e| AppError::internal(format!("sqlite: {e}")))
    }

    fn rows<T: DeserializeOwned>(&self, query: &str, binds: Binds) -> Result<Vec<T>, AppError> {
        self.sql
            .exec(query, Some(binds))
            .and_then(|c| c.to_array::<T>())
            .map_err(|e| AppError::internal(format!("sqlite: {e}")))
    }

    fn meta(&self, key: &str) -> Result<Option<String>, AppError> {
        #[derive(Deserialize)]
        struct V {
            v: String,
        }
        Ok(self
            .rows::<V>("SELECT v FROM meta WHERE k = ?", vec![s(key)])?
            .into_iter()
            .next()
            .map(|r| r.v))
    }

    fn set_meta(&self, key: &str, value: &str) -> Result<(), AppError> {
        self.exec(
            "INSERT INTO meta (k, v) VALUES (?, ?) ON CONFLICT(k) DO UPDATE SET v = excluded.v",
            vec![s(key), s(value)],
        )
    }

    /// A new revision number for a local write.
    fn next_rev(&self) -> Result<i64, AppError> {
        let rev = self
            .meta("rev")?
            .and_then(|v| v.parse::<i64>().ok())
            .unwrap_or(0)
            + 1;
        self.set_meta("rev", &rev.to_string())?;
        Ok(rev)
    }

    fn rev(&self) -> Result<i64, AppError> {
        Ok(self.meta("rev")?.and_then(|v| v.parse().ok()).unwrap_or(0))
    }

    fn slots(&self) -> Result<Vec<SlotRow>, AppError> {
        #[derive(Deserialize)]
        struct R {
            id: String,
            schedule: String,
            start: i64,
            end_at: i64,
            status: String,
            version: String,
            raw: String,
        }
        Ok(self
            .rows::<R>(
                "SELECT id, schedule, start, end_at, status, version, raw FROM slots ORDER BY start, id",
                vec![],
            )?
            .into_iter()
            .map(|r| SlotRow {
                id: r.id,
                schedule: r.schedule,
                start: r.start,
                end: r.end_at,
                status: r.status,
                version: r.version,
                raw: r.raw,
            })
            .collect())
    }

    fn put_slot(&self, slot: &SlotRow, rev: i64) -> Result<(), AppError> {
        self.exec(
            "INSERT INTO slots (id, schedule, start, end_at, status, version, raw, rev, seen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1) \
             ON CONFLICT(id) DO UPDATE SET schedule = excluded.schedule, start = excluded.start, end_at = excluded.end_at, \
             status = excluded.status, version = excluded.version, raw = excluded.raw, rev = excluded.rev, seen = 1",
            vec![
                s(&slot.id),
                s(&slot.schedule),
                n(slot.start),
                n(slot.end),
                s(&slot.status),
                s(&slot.version),
                s(&slot.raw),
                n(rev),
            ],
        )
    }

    fn appts(&self) -> Result<Vec<StoredAppt>, AppError> {
        #[derive(Deserialize)]
        struct R {
            row: String,
            birth_date: Option<String>,
            relation: Option<String>,
            declaration: Option<String>,
        }
        Ok(self
            .rows::<R>(
                "SELECT row, birth_date, relation, declaration FROM appts",
                vec![],
            )?
            .into_iter()
            .filter_map(|r| {
                Some(StoredAppt {
                    row: serde_json::from_str(&r.row).ok()?,
                    birth_date: r.birth_date.as_deref().and_then(IsoDate::parse),
                    relation: r.relation.and_then(|t| serde_json::from_str(&t).ok()),
                    declaration: r.declaration.and_then(|t| serde_json::from_str(&t).ok()),
                })
            })
            .collect())
    }

    /// Writes an appointment row; `extra` columns are only set when given (a refresh keeps
    /// what a booking recorded: birth date, relation, declaration).
    fn put_appt(
        &self,
        row: &ApptRow,
        rev: i64,
        extra: Option<&StoredAppt>,
    ) -> Result<(), AppError> {
        let json = serde_json::to_string(row).map_err(|_| AppError::internal("appt encode"))?;
        let opt = |v: Option<String>| SqlStorageValue::from(v);
        let (birth, relation, declaration) = match extra {
            Some(e) => (
                e.birth_date.map(|d| d.to_string()),
                e.relation
                    .as_ref()
                    .and_then(|r| serde_json::to_string(r).ok()),
                e.declaration
                    .as_ref()
                    .and_then(|d| serde_json::to_string(d).ok()),
            ),
            None => (None, None, None),
        };
        self.exec(
            "INSERT INTO appts (id, slot, patient, status, code, row, birth_date, relation, declaration, rev, seen) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1) ON CONFLICT(id) DO UPDATE SET slot = excluded.slot, \
             patient = excluded.patient, status = excluded.status, code = excluded.code, row = excluded.row, \
             birth_date = COALESCE(excluded.birth_date, appts.birth_date), relation = COALESCE(excluded.relation, appts.relation), \
             declaration = COALESCE(excluded.declaration, appts.declaration), rev = excluded.rev, seen = 1",
            vec![
                s(&row.id),
                opt(row.slot.clone()),
                s(&row.patient),
                s(&row.status),
                s(&compact_code(&row.code)),
                s(&json),
                opt(birth),
                opt(relation),
                opt(declaration),
                n(rev),
            ],
        )
    }

    /// Live holds (not expired, not released), with their slot.
    fn live_holds(&self, now_ms: f64) -> Result<Vec<HoldRow>, AppError> {
        self.rows(
            "SELECT id, slot, patient, owner, expires, state, subject, changed FROM holds \
             WHERE (state = 'held' AND expires > ?) OR state = 'committing'",
            vec![n(now_ms as i64)],
        )
    }

    fn hold(&self, id: &str) -> Result<Option<HoldRow>, AppError> {
        Ok(self
            .rows(
                "SELECT id, slot, patient, owner, expires, state, subject, changed FROM holds WHERE id = ?",
                vec![s(id)],
            )?
            .into_iter()
            .next())
    }

    fn set_hold_state(&self, id: &str, state: &str, now_ms: f64) -> Result<(), AppError> {
        self.exec(
            "UPDATE holds SET state = ?, changed = ? WHERE id = ?",
            vec![s(state), n(now_ms as i64), s(id)],
        )
    }

    /// Releases expired holds and interrupted commits. Safe to run any number of times.
    fn release_expired(&self, now_ms: f64) -> Result<(), AppError> {
        self.exec(
            "UPDATE holds SET state = 'released', changed = ? WHERE state = 'held' AND expires <= ?",
            vec![n(now_ms as i64), n(now_ms as i64)],
        )?;
        self.exec(
            "UPDATE holds SET state = 'released', changed = ? WHERE state = 'committing' AND changed <= ?",
            vec![n(now_ms as i64), n((now_ms - COMMIT_STALE_MS) as i64)],
        )
    }

    /// The earliest expiry among live holds.
    fn next_expiry(&self) -> Result<Option<i64>, AppError> {
        #[derive(Deserialize)]
        struct M {
            m: Option<i64>,
        }
        Ok(self
            .rows::<M>(
                "SELECT MIN(expires) AS m FROM holds WHERE state = 'held'",
                vec![],
            )?
            .into_iter()
            .next()
            .and_then(|r| r.m))
    }
}

fn compact_code(code: &str) -> String {
    code.chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

#[derive(Clone, Debug, Deserialize)]
struct HoldRow {
    id: String,
    slot: String,
    patient: String,
    owner: String,
    expires: i64,
    state: String,
    subject: String,
    #[allow(
        dead_code,
        reason = "read for completeness; used by the commit staleness rule in SQL"
    )]
    changed: i64,
}

#[derive(Clone, Debug)]
struct StoredAppt {
    row: ApptRow,
    birth_date: Option<IsoDate>,
    relation: Option<PersonLabel>,
    declaration: Option<HealthDeclaration>,
}

// ---------------------------------------------------------------------------------------------
// The day as computed from storage
// ---------------------------------------------------------------------------------------------

/// A slot with everything that decides its state.
struct DaySlot {
    row: SlotRow,
    hold: Option<HoldRow>,
    appt: Option<ApptRow>,
}

impl DaySlot {
    fn closed(&self) -> bool {
        self.row.status == "busy-unavailable" || self.row.status == "entered-in-error"
    }

    fn booked(&self) -> bool {
        self.appt.as_ref().is_some_and(ApptRow::is_active)
            || (self.row.status != "free" && !self.closed())
    }

    fn citizen_status(&self) -> Option<SlotStatus> {
        if self.closed() {
            None
        } else if self.booked() {
            Some(SlotStatus::Booked)
        } else if self.hold.is_some() {
            Some(SlotStatus::Held)
        } else {
            Some(SlotStatus::Free)
        }
    }

    fn clinic_status(&self) -> ClinicSlotStatus {
        match self.citizen_status() {
            None => ClinicSlotStatus::Closed,
            Some(SlotStatus::Booked) => ClinicSlotStatus::Booked,
            Some(SlotStatus::Held) => ClinicSlotStatus::Held,
            Some(SlotStatus::Free) => ClinicSlotStatus::Free,
        }
    }
}

struct Day {
    slots: Vec<DaySlot>,
    appts: Vec<StoredAppt>,
}

fn read_day(db: &Db, now_ms: f64) -> Result<Day, AppError> {
    let holds = db.live_holds(now_ms)?;
    let appts = db.appts()?;
    let slots = db
        .slots()?
        .into_iter()
        .map(|row| {
            let hold = holds.iter().find(|h| h.slot == row.id).cloned();
            let appt = appts
                .iter()
                .filter(|a| a.row.slot.as_deref() == Some(row.id.as_str()))
                .map(|a| a.row.clone())
                .max_by_key(|a| a.is_active());
            DaySlot { row, hold, appt }
        })
        .collect();
    Ok(Day { slots, appts })
}

fn day_status(day: &Day) -> DayStatus {
    let open: Vec<&DaySlot> = day.slots.iter().filter(|s| !s.closed()).collect();
    if open.is_empty() {
        DayStatus::Closed
    } else if open
        .iter()
        .any(|s| s.citizen_status() == Some(SlotStatus::Free))
    {
        DayStatus::Open
    } else {
        DayStatus::Full
    }
}

fn slot_view(cx: &DayContext, slot: &DaySlot, status: SlotStatus) -> SlotView {
    let schedule = cx.schedules.iter().find(|s| s.id == slot.row.schedule);
    SlotView {
        id: cx.key().compose(&slot.row.id),
        start: VnDateTime::from_unix_seconds(slot.row.start),
        end: VnDateTime::from_unix_seconds(slot.row.end),
        department: schedule.map(|s| s.department.clone()).unwrap_or_default(),
        department_id: schedule
            .map(|s| s.department_id.clone())
            .unwrap_or_default(),
        practitioner: schedule.map(|s| s.practitioner.clone()).unwrap_or_default(),
        room: schedule.map(|s| s.room.clone()).unwrap_or_default(),
        status,
    }
}

fn queue_of(day: &Day, slot: &SlotRow) -> u32 {
    let starts: Vec<VnDateTime> = day
        .slots
        .iter()
        .filter(|s| s.row.schedule == slot.schedule)
        .map(|s| VnDateTime::from_unix_seconds(s.row.start))
        .collect();
    queue_number(&starts, VnDateTime::from_unix_seconds(slot.start))
}

// ---------------------------------------------------------------------------------------------
// Loading the day from the store
// ---------------------------------------------------------------------------------------------

fn day_bounds(date: IsoDate) -> (String, String) {
    let start = VnDateTime::at(date, shared::clock::ClockTime::MIDNIGHT);
    let end = VnDateTime::at(date.add_days(1), shared::clock::ClockTime::MIDNIGHT);
    (start.to_string(), end.to_string())
}

/// Reads the day's slots and appointments in one batch request.
async fn fetch_day(
    store: &Store,
    cx: &DayContext,
) -> Result<(Vec<SlotRow>, Vec<ApptRow>), AppError> {
    let (from, to) = day_bounds(cx.date);
    let (from, to) = (encode_component(&from), encode_component(&to));
    let mut queries = Vec::new();
    for s in &cx.schedules {
        queries.push(format!(
            "Slot?schedule=Schedule/{}&start=ge{from}&start=lt{to}&_count=500",
            s.id
        ));
    }
    let mut roles: Vec<&str> = cx.schedules.iter().map(|s| s.role_id.as_str()).collect();
    roles.sort();
    roles.dedup();
    for role in &roles {
        queries.push(format!(
            "Appointment?actor=PractitionerRole/{role}&date=ge{from}&date=lt{to}&_count=500"
        ));
    }
    let results = store.batch_search(&queries).await?;
    let (slot_results, appt_results) = results.split_at(cx.schedules.len());
    let slots: Vec<SlotRow> = slot_results
        .iter()
        .flat_map(|f| f.matches.iter().filter_map(slot_row))
        .collect();
    let appts: Vec<ApptRow> = appt_results
        .iter()
        .flat_map(|f| f.matches.iter().filter_map(appt_row))
        .filter(|a| {
            a.slot
                .as_deref()
                .is_some_and(|s| slots.iter().any(|x| x.id == s))
        })
        .collect();
    Ok((slots, appts))
}

/// Replaces the stored copy with a fresh one, keeping rows written locally after `start_rev`.
fn apply_snapshot(
    db: &Db,
    slots: &[SlotRow],
    appts: &[ApptRow],
    start_rev: i64,
    fetched_ms: f64,
) -> Result<(), AppError> {
    db.exec(
        "UPDATE slots SET seen = 0 WHERE rev <= ?",
        vec![n(start_rev)],
    )?;
    for slot in slots {
        db.exec(
            "INSERT INTO slots (id, schedule, start, end_at, status, version, raw, rev, seen) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 1) \
             ON CONFLICT(id) DO UPDATE SET schedule = excluded.schedule, start = excluded.start, end_at = excluded.end_at, \
             status = excluded.status, version = excluded.version, raw = excluded.raw, seen = 1 WHERE slots.rev <= ?",
            vec![
                s(&slot.id),
                s(&slot.schedule),
                n(slot.start),
                n(slot.end),
                s(&slot.status),
                s(&slot.version),
                s(&slot.raw),
                n(start_rev),
            ],
        )?;
    }
    db.exec("DELETE FROM slots WHERE seen = 0", vec![])?;
    db.exec(
        "UPDATE appts SET seen = 0 WHERE rev <= ?",
        vec![n(start_rev)],
    )?;
    for a in appts {
        let json = serde_json::to_string(a).map_err(|_| AppError::internal("appt encode"))?;
        db.exec(
            "INSERT INTO appts (id, slot, patient, status, code, row, rev, seen) VALUES (?, ?, ?, ?, ?, ?, 0, 1) \
             ON CONFLICT(id) DO UPDATE SET slot = excluded.slot, patient = excluded.patient, status = excluded.status, \
             code = excluded.code, row = excluded.row, seen = 1 WHERE appts.rev <= ?",
            vec![
                s(&a.id),
                SqlStorageValue::from(a.slot.clone()),
                s(&a.patient),
                s(&a.status),
                s(&compact_code(&a.code)),
                s(&json),
                n(start_rev),
            ],
        )?;
    }
    db.exec("DELETE FROM appts WHERE seen = 0", vec![])?;
    db.set_meta("snapshot_ms", &format!("{fetched_ms}"))
}

// ---------------------------------------------------------------------------------------------
// The object
// ---------------------------------------------------------------------------------------------

struct Shared {
    db: Db,
    loads: Flights<()>,
    refreshing: Cell<bool>,
}

#[durable_object]
pub struct FacilityDay {
    state: State,
    env: Env,
    shared: Rc<Shared>,
    schema_ready: Cell<bool>,
}

impl DurableObject for FacilityDay {
    fn new(state: State, env: Env) -> Self {
        let db = Db {
            sql: state.storage().sql(),
        };
        Self {
            state,
            env,
            shared: Rc::new(Shared {
                db,
                loads: Flights::default(),
                refreshing: Cell::new(false),
            }),
            schema_ready: Cell::new(false),
        }
    }

    async fn fetch(&self, mut req: Request) -> worker::Result<Response> {
        let calls = Rc::new(Cell::new(0u32));
        let result = match req.json::<Envelope>().await {
            Ok(envelope) => self.dispatch(envelope, &calls).await,
            Err(_) => Err(AppError::internal("facility-day: bad envelope").into()),
        };
        let resp = match result {
            Ok(resp) => resp,
            Err(BookingError::App(err)) => crate::http::error_response(&err),
            Err(refused) => match refused.into_response() {
                Ok(resp) => resp,
                Err(err) => crate::http::error_response(&err),
            },
        };
        let _ = resp
            .headers()
            .set("x-store-calls", &calls.get().to_string());
        Ok(resp)
    }

    async fn alarm(&self) -> worker::Result<Response> {
        let now = js_sys::Date::now();
        let db = &self.shared.db;
        if self.ensure_schema().is_ok() {
            if let Err(err) = db.release_expired(now) {
                worker::console_error!("facility-day alarm: {err:?}");
            }
            // Idempotency records are kept a day, enough for any client's retries.
            let _ = db.exec(
                "DELETE FROM idem WHERE created < ? AND state = 'done'",
                vec![n((now - 86_400_000.0) as i64)],
            );
            if let Ok(Some(next)) = db.next_expiry() {
                self.state.storage().set_alarm(next).await?;
            }
        }
        Response::empty()
    }
}

fn to_json<T: Serialize>(status: u16, value: &T) -> Result<Response, BookingError> {
    Ok(crate::http::json(status, value)?)
}

fn random_id() -> Result<String, AppError> {
    Ok(crate::crypto::random_bytes(8)?
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect())
}

impl FacilityDay {
    fn ensure_schema(&self) -> Result<(), AppError> {
        if self.schema_ready.get() {
            return Ok(());
        }
        for statement in SCHEMA {
            self.shared.db.exec(statement, vec![])?;
        }
        self.schema_ready.set(true);
        Ok(())
    }

    fn hold_seconds(&self) -> u32 {
        self.env
            .var("HOLD_SECONDS")
            .ok()
            .and_then(|v| v.to_string().trim().parse().ok())
            .filter(|s: &u32| (5..=3600).contains(s))
            .unwrap_or(DEFAULT_HOLD_SECONDS)
    }

    fn store(&self) -> Result<Store, AppError> {
        Ok(Store::new(&Config::from_env(&self.env)?))
    }

    async fn dispatch(
        &self,
        envelope: Envelope,
        calls: &Rc<Cell<u32>>,
    ) -> Result<Response, BookingError> {
        self.ensure_schema()?;
        let cx = envelope.context;
        let store = self.store()?;
        self.ensure_loaded(&cx, &store, calls).await?;
        let now = js_sys::Date::now();
        self.shared.db.release_expired(now)?;
        match envelope.command {
            Command::Availability => to_json(200, &self.availability(&cx, now)?),
            Command::Hold {
                slot,
                subject,
                owner,
                replaces,
            } => self.hold(&cx, now, &slot, subject, &owner, replaces).await,
            Command::Book {
                hold,
                owner,
                booker_name,
                declaration,
                key,
                fingerprint,
                replaces,
                patient,
                agent,
            } => {
                self.book(
                    &cx,
                    &store,
                    calls,
                    BookArgs {
                        hold,
                        owner,
                        booker_name,
                        declaration,
                        key,
                        fingerprint,
                        replaces,
                        patient,
                        agent,
                    },
                )
                .await
            }
            Command::Cancel { appointment } => self.cancel(&cx, &store, calls, appointment).await,
            Command::Released { .. } => {
                // The store is the truth: take a fresh copy now.
                self.refresh_now(&cx, &store, calls).await?;
                to_json(200, &json!({}))
            }
            Command::ClinicDay => to_json(200, &self.clinic_day(&cx, now)?),
            Command::ClinicAction {
                appointment,
                code,
                action,
                agent,
            } => {
                self.clinic_action(&cx, &store, calls, appointment, code, action, agent)
                    .await
            }
            Command::ClinicSlots => to_json(200, &self.clinic_slots(&cx, now)?),
            Command::ClinicChange { change } => {
                self.clinic_change(&cx, &store, calls, change).await
            }
        }
    }

    /// Makes sure a copy of the day exists; refreshes a stale one in the background.
    async fn ensure_loaded(
        &self,
        cx: &DayContext,
        store: &Store,
        calls: &Rc<Cell<u32>>,
    ) -> Result<(), AppError> {
        let db = &self.shared.db;
        let snapshot_ms: Option<f64> = db.meta("snapshot_ms")?.and_then(|v| v.parse().ok());
        let now = js_sys::Date::now();
        match snapshot_ms {
            Some(at) if at > 0.0 && now - at < SNAPSHOT_FRESH_MS => Ok(()),
            Some(at) if at > 0.0 => {
                // Stale: keep serving it; one background refresh at a time.
                if !self.shared.refreshing.replace(true) {
                    calls.set(calls.get() + 1);
                    let shared = Rc::clone(&self.shared);
                    let store = store.clone();
                    let cx = cx.clone();
                    self.state.wait_until(async move {
                        if let Err(err) = load_into(&shared, &store, &cx).await {
                            worker::console_warn!("facility-day refresh failed: {err:?}");
                        }
                        shared.refreshing.set(false);
                    });
                }
                Ok(())
            }
            _ => self.refresh_now(cx, store, calls).await,
        }
    }

    /// Loads the day now; concurrent callers share one store request.
    async fn refresh_now(
        &self,
        cx: &DayContext,
        store: &Store,
        calls: &Rc<Cell<u32>>,
    ) -> Result<(), AppError> {
        for _ in 0..2 {
            match self.shared.loads.join("day") {
                Role::Leader(leader) => {
                    calls.set(calls.get() + 1);
                    let result = load_into(&self.shared, store, cx).await;
                    match &result {
                        Ok(()) => leader.land(Landing::Done(())),
                        Err(err) => leader.land(Landing::Failed(super::cache::Failure::of(err))),
                    }
                    return result;
                }
                Role::Follower(f) => match f.wait().await {
                    Landing::Done(()) => return Ok(()),
                    Landing::Failed(failure) => return Err(failure.into_error()),
                    Landing::Abandoned => continue,
                },
            }
        }
        Err(AppError::UpstreamUnavailable(Upstream::Store))
    }

    fn availability(&self, cx: &DayContext, now: f64) -> Result<Availability, AppError> {
        let day = read_day(&self.shared.db, now)?;
        let snapshot_ms: f64 = self
            .shared
            .db
            .meta("snapshot_ms")?
            .and_then(|v| v.parse().ok())
            .unwrap_or(now);
        Ok(Availability {
            as_of: VnDateTime::from_unix_ms(snapshot_ms as i64),
            facility: cx.facility.code.clone(),
            date: cx.date,
            status: day_status(&day),
            slots: day
                .slots
                .iter()
                .filter_map(|s| Some(slot_view(cx, s, s.citizen_status()?)))
                .collect(),
        })
    }

    async fn hold(
        &self,
        cx: &DayContext,
        now: f64,
        slot_id: &str,
        subject: Subject,
        owner: &str,
        replaces: Option<String>,
    ) -> Result<Response, BookingError> {
        let db = &self.shared.db;
        // ---- decision and record: synchronous from here to the INSERT ----
        let day = read_day(db, now)?;
        let open: Vec<&DaySlot> = day.slots.iter().filter(|s| !s.closed()).collect();
        if open.is_empty() {
            return Err(refusal(codes::FACILITY_CLOSED));
        }
        let Some(slot) = day.slots.iter().find(|s| s.row.id == slot_id) else {
            return Err(refusal(codes::SLOT_NOT_FOUND));
        };
        let already = day.appts.iter().any(|a| {
            a.row.patient == subject.patient_id
                && a.row.is_active()
                && Some(a.row.id.as_str()) != replaces.as_deref()
        });
        if already {
            return Err(refusal(codes::ALREADY_BOOKED));
        }
        let mine = db
            .live_holds(now)?
            .into_iter()
            .filter(|h| h.patient == subject.patient_id)
            .collect::<Vec<_>>();
        if mine.iter().any(|h| h.state == "committing") {
            return Err(refusal(codes::BOOKING_IN_PROGRESS));
        }
        let started = (slot.row.start as f64) * 1000.0 <= now;
        let available = |s: &DaySlot| {
            s.citizen_status() == Some(SlotStatus::Free) && (s.row.start as f64) * 1000.0 > now
        };
        // One's own hold on this very slot counts as available (choosing it again).
        let own_hold = slot
            .hold
            .as_ref()
            .is_some_and(|h| h.patient == subject.patient_id);
        if slot.closed() || started || slot.booked() || (slot.hold.is_some() && !own_hold) {
            let others_free = open.iter().any(|s| s.row.id != slot.row.id && available(s));
            return Err(refusal(if others_free {
                codes::SLOT_TAKEN
            } else {
                codes::DAY_FULL
            }));
        }
        // A person holds one slot at a time per facility-day: choosing another releases the
        // previous hold.
        for h in &mine {
            db.set_hold_state(&h.id, "released", now)?;
        }
        let id = random_id()?;
        let expires = now + f64::from(self.hold_seconds()) * 1000.0;
        let subject_json =
            serde_json::to_string(&subject).map_err(|_| AppError::internal("subject encode"))?;
        db.exec(
            "INSERT INTO holds (id, slot, patient, owner, expires, state, replaces, subject, changed) VALUES (?, ?, ?, ?, ?, 'held', ?, ?, ?)",
            vec![
                s(&id),
                s(slot_id),
                s(&subject.patient_id),
                s(owner),
                n(expires as i64),
                SqlStorageValue::from(replaces.clone()),
                s(&subject_json),
                n(now as i64),
            ],
        )?;
        let view = slot_view(cx, slot, SlotStatus::Held);
        let next = db.next_expiry()?;
        // ---- end of the synchronous section; the hold is recorded ----
        if let Some(next) = next {
            self.state.storage().set_alarm(next).await?;
        }
        to_json(
            201,
            &HoldReply {
                hold: id,
                expires_ms: expires,
                slot: view,
            },
        )
    }

    async fn book(
        &self,
        cx: &DayContext,
        store: &Store,
        calls: &Rc<Cell<u32>>,
        args: BookArgs,
    ) -> Result<Response, BookingError> {
        let db = &self.shared.db;
        let now = js_sys::Date::now();
        let idem_key = format!("{}:{}", args.owner, args.key);
        // ---- synchronous: idempotency and hold checks, then mark both as in progress ----
        #[derive(Deserialize)]
        struct Idem {
            fingerprint: String,
            state: String,
            body: Option<String>,
            appt: String,
            created: i64,
        }
        let existing: Option<Idem> = db
            .rows(
                "SELECT fingerprint, state, body, appt, created FROM idem WHERE k = ?",
                vec![s(&idem_key)],
            )?
            .into_iter()
            .next();
        if let Some(idem) = existing {
            if idem.fingerprint != args.fingerprint {
                return Err(refusal(codes::IDEMPOTENCY_KEY_REUSED));
            }
            match (idem.state.as_str(), idem.body) {
                ("done", Some(body)) => {
                    let mut reply: BookReply = serde_json::from_str(&body)
                        .map_err(|_| AppError::internal("idem decode"))?;
                    reply.replayed = true;
                    return to_json(200, &reply);
                }
                _ if (idem.created as f64) > now - COMMIT_STALE_MS => {
                    return Err(refusal(codes::IDEMPOTENCY_IN_FLIGHT));
                }
                _ => {
                    // The first attempt was interrupted mid-commit. If its appointment reached
                    // the store, that is the answer; otherwise start over.
                    calls.set(calls.get() + 1);
                    if let Some(found) = store.read("Appointment", &idem.appt).await?
                        && let Some(row) = appt_row(&found)
                    {
                        let hold = db.hold(&args.hold)?;
                        let label = hold
                            .and_then(|h| serde_json::from_str::<Subject>(&h.subject).ok())
                            .map(|s| s.label)
                            .unwrap_or(PersonLabel {
                                name: row.patient_name.clone(),
                                relation: shared::dto::booking::BookedFor::Own,
                            });
                        let reply = BookReply {
                            row,
                            patient: label,
                            replayed: true,
                        };
                        let body = serde_json::to_string(&reply)
                            .map_err(|_| AppError::internal("idem encode"))?;
                        db.exec(
                            "UPDATE idem SET state = 'done', body = ? WHERE k = ?",
                            vec![s(&body), s(&idem_key)],
                        )?;
                        return to_json(200, &reply);
                    }
                    db.exec("DELETE FROM idem WHERE k = ?", vec![s(&idem_key)])?;
                }
            }
        }
        let hold = match db.hold(&args.hold)? {
            Some(h) if h.owner == args.owner => h,
            _ => return Err(refusal(codes::HOLD_NOT_FOUND)),
        };
        match hold.state.as_str() {
            "committing" => return Err(refusal(codes::BOOKING_IN_PROGRESS)),
            "booked" => return Err(refusal(codes::ALREADY_BOOKED)),
            "held" if (hold.expires as f64) > now => {}
            _ => {
                db.set_hold_state(&hold.id, "released", now)?;
                return Err(refusal(codes::HOLD_EXPIRED));
            }
        }
        let subject: Subject =
            serde_json::from_str(&hold.subject).map_err(|_| AppError::internal("subject"))?;
        if args
            .patient
            .as_deref()
            .is_some_and(|p| p != subject.patient_id)
        {
            return Err(refuse(
                409,
                codes::NOT_CHANGEABLE,
                "Giờ khám mới đang được giữ cho người khác, không phải người có lịch hẹn này. / \
                 The new time is held for someone other than this appointment's patient.",
            ));
        }
        let day = read_day(db, now)?;
        let Some(slot) = day.slots.iter().find(|s| s.row.id == hold.slot) else {
            db.set_hold_state(&hold.id, "released", now)?;
            return Err(refusal(codes::SLOT_NOT_FOUND));
        };
        if slot.booked() || slot.closed() {
            db.set_hold_state(&hold.id, "released", now)?;
            return Err(refusal(codes::SLOT_TAKEN));
        }
        let Some(schedule) = cx.schedules.iter().find(|s| s.id == slot.row.schedule) else {
            return Err(refusal(codes::SLOT_NOT_FOUND));
        };
        let appt_id = random_id()?;
        db.set_hold_state(&hold.id, "committing", now)?;
        db.exec(
            "INSERT INTO idem (k, fingerprint, state, body, appt, created) VALUES (?, ?, 'running', NULL, ?, ?)",
            vec![s(&idem_key), s(&args.fingerprint), s(&appt_id), n(now as i64)],
        )?;
        // ---- end of the synchronous section ----
        let outcome = self
            .commit(
                cx,
                store,
                calls,
                &args,
                &subject,
                &slot.row,
                schedule,
                &appt_id,
                queue_of(&day, &slot.row),
            )
            .await;
        let now = js_sys::Date::now();
        match outcome {
            Ok((row, slot_after, released)) => {
                let rev = db.next_rev()?;
                db.put_slot(&slot_after, rev)?;
                db.put_appt(
                    &row,
                    rev,
                    Some(&StoredAppt {
                        row: row.clone(),
                        birth_date: subject.birth_date,
                        relation: Some(subject.label.clone()),
                        declaration: Some(args.declaration.clone()),
                    }),
                )?;
                if let Some((old_row, old_slot)) = released {
                    // The released appointment is on this day only if its slot is ours.
                    if let Some(old_slot) = old_slot
                        && day.slots.iter().any(|s| s.row.id == old_slot.id)
                    {
                        db.put_slot(&old_slot, rev)?;
                    }
                    if day.appts.iter().any(|a| a.row.id == old_row.id) {
                        db.put_appt(&old_row, rev, None)?;
                    }
                }
                db.set_hold_state(&hold.id, "booked", now)?;
                let reply = BookReply {
                    row,
                    patient: subject.label,
                    replayed: false,
                };
                let body =
                    serde_json::to_string(&reply).map_err(|_| AppError::internal("idem encode"))?;
                db.exec(
                    "UPDATE idem SET state = 'done', body = ? WHERE k = ?",
                    vec![s(&body), s(&idem_key)],
                )?;
                to_json(201, &reply)
            }
            Err(err) => {
                // Release the hold; forget the key so a retry runs again (and will be told
                // the hold expired or the slot was taken).
                db.set_hold_state(&hold.id, "released", now)?;
                db.exec("DELETE FROM idem WHERE k = ?", vec![s(&idem_key)])?;
                if matches!(
                    &err,
                    BookingError::Refused {
                        code: codes::SLOT_TAKEN,
                        ..
                    }
                ) {
                    // Our copy was stale: take a fresh one on the next request.
                    db.set_meta("snapshot_ms", "0")?;
                }
                Err(err)
            }
        }
    }

    /// Writes the booking to the store in one transaction. Answers the stored appointment, the
    /// slot after the write, and for a reschedule the released appointment and slot.
    #[allow(
        clippy::too_many_arguments,
        reason = "the commit's inputs are all distinct facts of one booking"
    )]
    #[allow(clippy::type_complexity, reason = "a private, single-use return shape")]
    async fn commit(
        &self,
        cx: &DayContext,
        store: &Store,
        calls: &Rc<Cell<u32>>,
        args: &BookArgs,
        subject: &Subject,
        slot: &SlotRow,
        schedule: &ScheduleInfo,
        appt_id: &str,
        queue: u32,
    ) -> Result<(ApptRow, SlotRow, Option<(ApptRow, Option<SlotRow>)>), BookingError> {
        let code = BookingCode::from_random(
            crate::crypto::random_bytes(7)?
                .try_into()
                .map_err(|_| AppError::internal("random bytes"))?,
        )
        .to_string();
        let declaration_id = random_id()?;
        let now = VnDateTime::from_unix_ms(js_sys::Date::now() as i64);
        let booker = (args.owner != subject.patient_id)
            .then_some((args.owner.as_str(), args.booker_name.as_str()));
        let people = People {
            patient_id: &subject.patient_id,
            patient_name: &subject.name,
            booker,
        };
        let appointment = records::appointment_resource(&NewAppointment {
            id: appt_id,
            code: &code,
            slot,
            schedule,
            site_id: &cx.site_id,
            facility_name: &cx.facility.name,
            people,
            queue,
            declaration_id: Some(&declaration_id),
            reason: &args.declaration.reason,
            created: now,
        });
        let declaration =
            records::declaration_resource(&declaration_id, &people, &args.declaration, now);
        let mut slot_busy: Value =
            serde_json::from_str(&slot.raw).map_err(|_| AppError::internal("slot raw"))?;
        slot_busy["status"] = json!("busy");
        let mut entries = vec![
            put_entry(&slot_busy, Some(&slot.version)),
            put_entry(&declaration, None),
            put_entry(&appointment, None),
        ];
        if booker.is_some() {
            let mut event = super::patient::audit_event(
                &args.agent,
                &[subject.patient_id.as_str()],
                super::patient::Action::Book,
            );
            event["id"] = json!(random_id()?);
            entries.push(put_entry(&event, None));
        }
        // Reschedule: the old appointment is cancelled and its slot freed in the same
        // transaction, so there is never a moment with two bookings or none.
        let mut old: Option<(Value, Option<Value>)> = None;
        if let Some(previous) = &args.replaces {
            let mut cancelled = previous.clone();
            cancelled["status"] = json!("cancelled");
            cancelled["cancelationReason"] = json!({"text": "Đổi lịch / Rescheduled"});
            let version = records::version_of(previous);
            entries.push(put_entry(&cancelled, version.as_deref()));
            let old_slot_id = previous
                .pointer("/slot/0/reference")
                .and_then(Value::as_str)
                .and_then(|r| r.strip_prefix("Slot/"));
            let mut freed = None;
            if let Some(old_slot_id) = old_slot_id {
                calls.set(calls.get() + 1);
                if let Some(current) = store.read("Slot", old_slot_id).await? {
                    let version = records::version_of(&current);
                    let mut free = records::without_meta(&current);
                    free["status"] = json!("free");
                    entries.push(put_entry(&free, version.as_deref()));
                    freed = Some(free);
                }
            }
            old = Some((cancelled, freed));
        }
        calls.set(calls.get() + 1);
        let written = match store.transaction(entries).await? {
            Transaction::Committed(written) => written,
            Transaction::Conflict => return Err(refusal(codes::SLOT_TAKEN)),
        };
        let find = |ty: &str, id: &str| {
            written
                .iter()
                .find(|r| r["resourceType"] == ty && r["id"] == id)
                .cloned()
        };
        let stored_appt = find("Appointment", appt_id).unwrap_or(appointment);
        let row = appt_row(&stored_appt).ok_or_else(|| AppError::internal("appt reread"))?;
        let slot_after = find("Slot", &slot.id)
            .as_ref()
            .and_then(slot_row)
            .unwrap_or_else(|| SlotRow {
                status: "busy".into(),
                ..slot.clone()
            });
        let released = match old {
            Some((cancelled, freed)) => {
                let id = cancelled["id"].as_str().unwrap_or_default().to_owned();
                let row = find("Appointment", &id)
                    .as_ref()
                    .and_then(appt_row)
                    .or_else(|| appt_row(&cancelled));
                let slot = freed.and_then(|f| {
                    let id = f["id"].as_str().unwrap_or_default().to_owned();
                    find("Slot", &id).as_ref().and_then(slot_row)
                });
                row.map(|r| (r, slot))
            }
            None => None,
        };
        Ok((row, slot_after, released))
    }

    async fn cancel(
        &self,
        cx: &DayContext,
        store: &Store,
        calls: &Rc<Cell<u32>>,
        appointment: Value,
    ) -> Result<Response, BookingError> {
        let _ = cx;
        let db = &self.shared.db;
        let now = js_sys::Date::now();
        let row = appt_row(&appointment).ok_or_else(|| refusal(codes::APPOINTMENT_NOT_FOUND))?;
        if status_of(&row.status) != AppointmentStatus::Booked || (row.start as f64) * 1000.0 <= now
        {
            return Err(refusal(codes::NOT_CHANGEABLE));
        }
        // Fresh versions of both resources, then one transaction; a concurrent change gets a
        // second try with newer versions.
        for _ in 0..2 {
            calls.set(calls.get() + 1);
            let Some(current) = store.read("Appointment", &row.id).await? else {
                return Err(refusal(codes::APPOINTMENT_NOT_FOUND));
            };
            let current_row =
                appt_row(&current).ok_or_else(|| refusal(codes::APPOINTMENT_NOT_FOUND))?;
            if status_of(&current_row.status) != AppointmentStatus::Booked {
                return Err(refusal(codes::NOT_CHANGEABLE));
            }
            let mut cancelled = records::without_meta(&current);
            cancelled["status"] = json!("cancelled");
            cancelled["cancelationReason"] = json!({"coding": [{"system": "http://terminology.hl7.org/CodeSystem/appointment-cancellation-reason", "code": "pat", "display": "Patient"}], "text": "Người bệnh hủy lịch"});
            let mut entries = vec![put_entry(
                &cancelled,
                records::version_of(&current).as_deref(),
            )];
            if let Some(slot_id) = &current_row.slot {
                calls.set(calls.get() + 1);
                if let Some(slot) = store.read("Slot", slot_id).await?
                    && slot["status"] == "busy"
                {
                    let mut free = records::without_meta(&slot);
                    free["status"] = json!("free");
                    entries.push(put_entry(&free, records::version_of(&slot).as_deref()));
                }
            }
            calls.set(calls.get() + 1);
            match store.transaction(entries).await? {
                Transaction::Committed(written) => {
                    let rev = db.next_rev()?;
                    let mut result = current_row.clone();
                    for r in &written {
                        if r["resourceType"] == "Appointment"
                            && let Some(a) = appt_row(r)
                        {
                            db.put_appt(&a, rev, None)?;
                            result = a;
                        } else if r["resourceType"] == "Slot"
                            && let Some(sl) = slot_row(r)
                        {
                            db.put_slot(&sl, rev)?;
                        }
                    }
                    return to_json(200, &result);
                }
                Transaction::Conflict => continue,
            }
        }
        Err(refusal(codes::NOT_CHANGEABLE))
    }

    fn clinic_day(&self, cx: &DayContext, now: f64) -> Result<ClinicDayReply, AppError> {
        let day = read_day(&self.shared.db, now)?;
        let snapshot_ms: f64 = self
            .shared
            .db
            .meta("snapshot_ms")?
            .and_then(|v| v.parse().ok())
            .unwrap_or(now);
        let rooms = cx
            .schedules
            .iter()
            .map(|sch| {
                let slots: Vec<&DaySlot> = day
                    .slots
                    .iter()
                    .filter(|s| s.row.schedule == sch.id)
                    .collect();
                let mut entries: Vec<ClinicEntry> = day
                    .appts
                    .iter()
                    .filter(|a| {
                        a.row
                            .slot
                            .as_deref()
                            .is_some_and(|id| slots.iter().any(|s| s.row.id == id))
                    })
                    .map(|a| clinic_entry(cx, a))
                    .collect();
                entries.sort_by_key(|e| (e.start, e.status == AppointmentStatus::Cancelled));
                let count = |st: ClinicSlotStatus| {
                    slots.iter().filter(|s| s.clinic_status() == st).count() as u32
                };
                ClinicRoom {
                    schedule_id: sch.id.clone(),
                    department: sch.department.clone(),
                    department_id: sch.department_id.clone(),
                    room: sch.room.clone(),
                    practitioner: sch.practitioner.clone(),
                    entries,
                    free: count(ClinicSlotStatus::Free),
                    held: count(ClinicSlotStatus::Held),
                    closed: count(ClinicSlotStatus::Closed),
                }
            })
            .collect();
        let mut patients: Vec<String> = day
            .appts
            .iter()
            .filter(|a| {
                a.row
                    .slot
                    .as_deref()
                    .is_some_and(|id| day.slots.iter().any(|s| s.row.id == id))
            })
            .map(|a| a.row.patient.clone())
            .collect();
        patients.sort();
        patients.dedup();
        Ok(ClinicDayReply {
            day: ClinicDay {
                facility: cx.facility.clone(),
                date: cx.date,
                as_of: VnDateTime::from_unix_ms(snapshot_ms as i64),
                rooms,
            },
            patients,
        })
    }

    #[allow(
        clippy::too_many_arguments,
        reason = "the command's fields, unpacked once"
    )]
    async fn clinic_action(
        &self,
        cx: &DayContext,
        store: &Store,
        calls: &Rc<Cell<u32>>,
        appointment: Option<String>,
        code: Option<String>,
        action: ClinicAction,
        agent: Value,
    ) -> Result<Response, BookingError> {
        let db = &self.shared.db;
        let now = js_sys::Date::now();
        let day = read_day(db, now)?;
        let found = match (&appointment, &code) {
            (Some(id), _) => day.appts.iter().find(|a| &a.row.id == id),
            (None, Some(code)) => {
                let wanted = compact_code(code);
                day.appts
                    .iter()
                    .filter(|a| compact_code(&a.row.code) == wanted)
                    .max_by_key(|a| a.row.is_active())
            }
            (None, None) => None,
        };
        let Some(found) = found.cloned() else {
            return Err(refusal(if code.is_some() {
                codes::CODE_NOT_FOUND
            } else {
                codes::APPOINTMENT_NOT_FOUND
            }));
        };
        let current = status_of(&found.row.status);
        let target = match (action, current) {
            // Checking in twice is not an error at a busy desk: answer the entry as it is.
            (ClinicAction::CheckIn, AppointmentStatus::CheckedIn) => {
                return to_json(200, &clinic_entry(cx, &found));
            }
            (ClinicAction::CheckIn, AppointmentStatus::Booked) => AppointmentStatus::CheckedIn,
            (ClinicAction::NoShow, AppointmentStatus::Booked)
                if (found.row.start as f64) * 1000.0 <= now =>
            {
                AppointmentStatus::NoShow
            }
            (ClinicAction::Done, AppointmentStatus::CheckedIn) => AppointmentStatus::Done,
            (ClinicAction::Undo, AppointmentStatus::NoShow | AppointmentStatus::CheckedIn) => {
                AppointmentStatus::Booked
            }
            _ => return Err(refusal(codes::BAD_TRANSITION)),
        };
        for _ in 0..2 {
            calls.set(calls.get() + 1);
            let Some(resource) = store.read("Appointment", &found.row.id).await? else {
                return Err(refusal(codes::APPOINTMENT_NOT_FOUND));
            };
            if records::appt_row(&resource).map(|r| r.status) != Some(found.row.status.clone()) {
                // Someone else changed it meanwhile: refresh and let staff look again.
                self.refresh_now(cx, store, calls).await?;
                return Err(refusal(codes::BAD_TRANSITION));
            }
            let mut updated = records::without_meta(&resource);
            updated["status"] = json!(records::fhir_status(target));
            let mut event = super::patient::audit_event(
                &agent,
                &[found.row.patient.as_str()],
                super::patient::Action::ClinicStatus,
            );
            event["id"] = json!(random_id()?);
            calls.set(calls.get() + 1);
            match store
                .transaction(vec![
                    put_entry(&updated, records::version_of(&resource).as_deref()),
                    put_entry(&event, None),
                ])
                .await?
            {
                Transaction::Committed(written) => {
                    let row = written
                        .iter()
                        .filter(|r| r["resourceType"] == "Appointment")
                        .find_map(appt_row)
                        .ok_or_else(|| AppError::internal("appt reread"))?;
                    let rev = db.next_rev()?;
                    db.put_appt(&row, rev, None)?;
                    let stored = StoredAppt {
                        row,
                        ..found.clone()
                    };
                    return to_json(200, &clinic_entry(cx, &stored));
                }
                Transaction::Conflict => continue,
            }
        }
        Err(refusal(codes::BAD_TRANSITION))
    }

    fn clinic_slots(&self, cx: &DayContext, now: f64) -> Result<ClinicSlots, AppError> {
        let day = read_day(&self.shared.db, now)?;
        let snapshot_ms: f64 = self
            .shared
            .db
            .meta("snapshot_ms")?
            .and_then(|v| v.parse().ok())
            .unwrap_or(now);
        Ok(ClinicSlots {
            date: cx.date,
            as_of: VnDateTime::from_unix_ms(snapshot_ms as i64),
            schedules: cx
                .schedules
                .iter()
                .map(|sch| ClinicSchedule {
                    schedule_id: sch.id.clone(),
                    department: sch.department.clone(),
                    department_id: sch.department_id.clone(),
                    room: sch.room.clone(),
                    practitioner: sch.practitioner.clone(),
                    slots: day
                        .slots
                        .iter()
                        .filter(|s| s.row.schedule == sch.id)
                        .map(|s| ClinicSlot {
                            id: cx.key().compose(&s.row.id),
                            start: VnDateTime::from_unix_seconds(s.row.start),
                            end: VnDateTime::from_unix_seconds(s.row.end),
                            status: s.clinic_status(),
                        })
                        .collect(),
                })
                .collect(),
        })
    }

    async fn clinic_change(
        &self,
        cx: &DayContext,
        store: &Store,
        calls: &Rc<Cell<u32>>,
        change: SlotChange,
    ) -> Result<Response, BookingError> {
        let db = &self.shared.db;
        let now = js_sys::Date::now();
        let day = read_day(db, now)?;
        let key = cx.key();
        let mut skipped = Vec::new();
        let mut entries = Vec::new();
        match change.action {
            SlotAction::Close | SlotAction::Open => {
                let wanted: Vec<String> = change
                    .slot_ids
                    .iter()
                    .map(|id| match DayKey::parse_id(id) {
                        Some((k, local)) if k == key => local,
                        _ => id.clone(),
                    })
                    .collect();
                let targets: Vec<&DaySlot> = if wanted.is_empty() {
                    day.slots
                        .iter()
                        .filter(|s| {
                            change
                                .schedule_id
                                .as_deref()
                                .is_none_or(|sch| s.row.schedule == sch)
                        })
                        .collect()
                } else {
                    for id in &wanted {
                        if !day.slots.iter().any(|s| &s.row.id == id) {
                            skipped.push(SkippedSlot {
                                id: key.compose(id),
                                reason: "not_found".into(),
                            });
                        }
                    }
                    day.slots
                        .iter()
                        .filter(|s| wanted.contains(&s.row.id))
                        .collect()
                };
                for slot in targets {
                    let (from, to) = if change.action == SlotAction::Close {
                        ("free", "busy-unavailable")
                    } else {
                        ("busy-unavailable", "free")
                    };
                    let reason = if slot.appt.as_ref().is_some_and(ApptRow::is_active) {
                        Some("booked")
                    } else if slot.hold.is_some() {
                        Some("held")
                    } else if slot.row.status != from {
                        None
                    } else {
                        let mut v: Value = serde_json::from_str(&slot.row.raw)
                            .map_err(|_| AppError::internal("slot raw"))?;
                        v["status"] = json!(to);
                        entries.push(put_entry(&v, Some(&slot.row.version)));
                        continue;
                    };
                    if let Some(reason) = reason {
                        skipped.push(SkippedSlot {
                            id: key.compose(&slot.row.id),
                            reason: reason.into(),
                        });
                    }
                }
            }
            SlotAction::Add => {
                let (Some(schedule_id), Some(from), Some(to), Some(minutes)) =
                    (&change.schedule_id, change.from, change.to, change.minutes)
                else {
                    return Err(super::bad_request(
                        "Thêm giờ khám cần schedule_id, from, to và minutes. / \
                         Adding slots needs schedule_id, from, to and minutes.",
                    ));
                };
                if !cx.schedules.iter().any(|s| &s.id == schedule_id) {
                    return Err(refusal(codes::SLOT_NOT_FOUND));
                }
                let Some(new_slots) = slots_between(from, to, minutes) else {
                    return Err(super::bad_request(
                        "Khoảng giờ hoặc độ dài lượt khám không hợp lệ (5–120 phút). / \
                         The time range or slot length is not valid (5–120 minutes).",
                    ));
                };
                for session in new_slots {
                    let start = VnDateTime::at(cx.date, session.start);
                    let end = VnDateTime::at(cx.date, session.end);
                    if start.unix_ms() as f64 <= now {
                        skipped.push(SkippedSlot {
                            id: session.start.to_string(),
                            reason: "past".into(),
                        });
                        continue;
                    }
                    let clash = day.slots.iter().any(|s| {
                        s.row.schedule == *schedule_id
                            && overlaps(
                                start,
                                end,
                                VnDateTime::from_unix_seconds(s.row.start),
                                VnDateTime::from_unix_seconds(s.row.end),
                            )
                    });
                    if clash {
                        skipped.push(SkippedSlot {
                            id: session.start.to_string(),
                            reason: "overlap".into(),
                        });
                        continue;
                    }
                    let id = random_id()?;
                    entries.push(put_entry(
                        &json!({
                            "resourceType": "Slot",
                            "id": id,
                            "schedule": {"reference": format!("Schedule/{schedule_id}")},
                            "status": "free",
                            "start": start.to_string(),
                            "end": end.to_string(),
                        }),
                        None,
                    ));
                }
            }
        }
        let changed = entries.len() as u32;
        if !entries.is_empty() {
            calls.set(calls.get() + 1);
            match store.transaction(entries).await? {
                Transaction::Committed(written) => {
                    let rev = db.next_rev()?;
                    for r in &written {
                        if let Some(sl) = slot_row(r) {
                            db.put_slot(&sl, rev)?;
                        }
                    }
                }
                Transaction::Conflict => {
                    self.refresh_now(cx, store, calls).await?;
                    return Err(refuse(
                        409,
                        codes::SLOT_TAKEN,
                        "Lịch vừa thay đổi (có người đặt hoặc giữ chỗ). Đã tải lại, vui lòng thử lại. / \
                         The schedule just changed (a booking or hold). It was reloaded; please try again.",
                    ));
                }
            }
        }
        let day_after = self.clinic_slots(cx, js_sys::Date::now())?;
        to_json(
            200,
            &ChangeReply {
                changed,
                skipped,
                day: day_after,
            },
        )
    }
}

struct BookArgs {
    hold: String,
    owner: String,
    booker_name: String,
    declaration: HealthDeclaration,
    key: String,
    fingerprint: String,
    replaces: Option<Value>,
    patient: Option<String>,
    agent: Value,
}

fn clinic_entry(cx: &DayContext, a: &StoredAppt) -> ClinicEntry {
    ClinicEntry {
        appointment_id: cx.key().compose(&a.row.id),
        code: a.row.code.clone(),
        start: VnDateTime::from_unix_seconds(a.row.start),
        end: VnDateTime::from_unix_seconds(a.row.end),
        queue_number: a.row.queue.max(1),
        status: status_of(&a.row.status),
        patient_name: a.row.patient_name.clone(),
        patient_birth_date: a.birth_date,
        booked_by_other: a
            .row
            .booked_by_id
            .as_deref()
            .is_some_and(|b| b != a.row.patient),
        declaration: a.declaration.clone(),
    }
}

/// Fetches the day and applies it (used by foreground loads and background refreshes).
async fn load_into(shared: &Shared, store: &Store, cx: &DayContext) -> Result<(), AppError> {
    let started = js_sys::Date::now();
    let start_rev = shared.db.rev()?;
    let (slots, appts) = fetch_day(store, cx).await?;
    // Synchronous from here: the copy is replaced in one go.
    apply_snapshot(&shared.db, &slots, &appts, start_rev, started)
}
