//! Deterministic demo and test data for the national store (FHIR R4) and the identity provider.
//!
//! `generate` is pure: the same `(seed, citizens, today)` always yields byte-identical resources
//! and accounts. Histories are laid out backwards from `today`, so the data always looks
//! current: recent vitals, cards that expire soon, children whose next vaccine is due.
//!
//! Conventions beyond `shared::fhir` that readers of the store can rely on:
//! - Clinician references on `Condition.recorder` and `AllergyIntolerance.recorder` are
//!   `PractitionerRole`s whose `display` is "<title> <name> — <facility name>", so the source
//!   facility is readable without another request (R4 does not allow an Organization there).
//!   Self-declared allergies have `asserter` = the Patient and no recorder.
//! - `MedicationRequest.requester` is the prescribing `Practitioner` (display = title + name);
//!   the facility is `MedicationRequest.dispenseRequest.performer` (BHYT drugs are dispensed by
//!   the prescribing facility's pharmacy).
//! - Observations, DiagnosticReports and Immunizations name the facility as an Organization
//!   reference with display (`performer`, `performer.actor`). Home blood-pressure readings a
//!   citizen declared have `performer` = the Patient and no encounter.
//! - Rooms are `Location`s whose `managingOrganization` is the department; departments are
//!   `Organization`s whose `partOf` is the facility; `PractitionerRole` names facility and room.
//! - RelatedPerson relationship codes (v3 RoleCode): `MTH`/`FTH` = parent of a child,
//!   `GUARD` = legal guardian who is not a parent, `SON`/`DAU` = adult child caring for an
//!   elderly parent (read as "carer").

/// Clinical reference tables: ICD-10, drugs, lab analytes, vaccines.
mod catalog;
/// Encounters, diagnoses, observations, prescriptions, immunisations, allergies per citizen.
mod clinical;
/// Facilities, departments, rooms, clinicians.
mod facilities;
/// JSON builders for FHIR datatypes.
mod fhir;
/// Provinces and wards after the 2025 reorganisation.
mod geo;
/// Loading into a FHIR server with transaction bundles.
mod load;
/// Vietnamese personal names.
mod names;
/// Citizens, households, insurance cards, guardians and carers, accounts.
mod people;
/// The seeded PRNG.
mod rng;
/// Booking: facility sites, Schedules, Slots for the next 30 days, Appointments.
pub mod schedule;

#[allow(
    unused_imports,
    reason = "part of the seeder's API; today's callers only print it"
)]
pub use load::LoadStats;
pub use load::load;

use names::FullName;
use rng::{Rng, mix};
use serde::Serialize;
use serde_json::Value;
use shared::date::IsoDate;
use shared::id::Sex;
use std::collections::HashSet;
use std::path::Path;

/// The seed of the demo dataset. Changing it changes every id, name and value.
pub const DEFAULT_SEED: u64 = 0x5353_4B00_2025_0701;
/// Citizens in the demo dataset: enough for realistic searches, small enough to load fast.
pub const DEFAULT_CITIZENS: usize = 1000;

/// Today's date in Vietnam, from the system clock.
pub fn today_in_vietnam() -> IsoDate {
    let unix_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0);
    IsoDate::vn_today_from_unix_ms(unix_ms)
}

/// The generated data: FHIR resources in load order, identity-provider accounts, and the
/// logins tests and demos use.
#[derive(Debug)]
pub struct Dataset {
    pub resources: Vec<Value>,
    pub accounts: Vec<Account>,
    pub demo_logins: Vec<DemoLogin>,
}

/// One account at the identity provider.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Account {
    /// Citizens log in with their CCCD; staff with `nv-<facility>-<n>`.
    pub login: String,
    /// Opaque, stable subject id: never the CCCD.
    pub sub: String,
    pub name: String,
    pub birthdate: String,
    pub personal_id: String,
    pub role: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facility_code: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DemoRole {
    Citizen,
    /// A parent or carer acting for dependants.
    Guardian,
    Staff,
}

impl DemoRole {
    pub fn as_str(self) -> &'static str {
        match self {
            DemoRole::Citizen => "citizen",
            DemoRole::Guardian => "guardian",
            DemoRole::Staff => "staff",
        }
    }
}

/// A login worth showing in a demo or driving in a test.
#[derive(Clone, Debug)]
pub struct DemoLogin {
    pub login: String,
    pub role: DemoRole,
    pub name: String,
    /// The login's own Patient id (citizens and guardians).
    pub patient: Option<String>,
    /// Patients this login acts for (guardians only).
    pub dependants: Vec<String>,
    /// Staff only.
    pub facility_code: Option<String>,
}

/// Who someone is, as the CCCD and the civil registry say.
#[derive(Clone, Debug)]
pub struct Person {
    pub name: FullName,
    pub sex: Sex,
    pub birth: IsoDate,
    pub cccd: String,
}

/// Shared state while generating: ids, uniqueness of national numbers, the output.
#[derive(Debug)]
pub struct Builder {
    seed: u64,
    pub today: IsoDate,
    next_id: u64,
    resources: Vec<Value>,
    cccds: HashSet<String>,
    bhxh: HashSet<String>,
}

impl Builder {
    fn new(seed: u64, today: IsoDate) -> Self {
        Self {
            seed,
            today,
            next_id: 0,
            resources: Vec::new(),
            cccds: HashSet::new(),
            bhxh: HashSet::new(),
        }
    }

    /// A fresh opaque resource id: 16 hex digits. `mix` is a bijection, so ids drawn from
    /// distinct counters never collide.
    pub fn id(&mut self) -> String {
        self.next_id += 1;
        format!("{:016x}", mix(self.seed ^ mix(self.next_id)))
    }

    pub fn push(&mut self, resource: Value) {
        self.resources.push(resource);
    }

    /// A birth date for someone `age` whole years old today.
    pub fn birth_date(&self, rng: &mut Rng, age: i32) -> IsoDate {
        let days_into_year = rng.range(1, 364);
        let anchor = IsoDate::new(self.today.year() - age, self.today.month(), 1)
            .unwrap_or(self.today)
            .add_days(i64::from(self.today.day()) - 1);
        anchor.add_days(-days_into_year)
    }

    /// A unique CCCD following the convention: birth province (3 digits), century and sex,
    /// two-digit birth year, six random digits.
    pub fn cccd(&mut self, rng: &mut Rng, province3: &str, sex: Sex, birth: IsoDate) -> String {
        let century = (birth.year() / 100 - 19).clamp(0, 2) as u8;
        let digit = century * 2 + u8::from(sex == Sex::Female);
        loop {
            let candidate = format!(
                "{province3}{digit}{:02}{}",
                birth.year() % 100,
                rng.digits(6)
            );
            if self.cccds.insert(candidate.clone()) {
                return candidate;
            }
        }
    }

    /// A unique 10-digit social-insurance number (mã số BHXH) issued in `province2`.
    pub fn bhxh(&mut self, rng: &mut Rng, province2: &str) -> String {
        loop {
            let candidate = format!("{province2}{}", rng.digits(8));
            if self.bhxh.insert(candidate.clone()) {
                return candidate;
            }
        }
    }

    /// An opaque account subject (UUID-shaped), derived from a counter like resource ids.
    pub fn subject(&mut self) -> String {
        self.next_id += 1;
        let a = mix(self.seed ^ 0xACC0_u64 ^ mix(self.next_id));
        let b = mix(a);
        format!(
            "{:08x}-{:04x}-4{:03x}-a{:03x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xffff,
            a & 0xfff,
            b >> 52,
            b & 0xffff_ffff_ffff
        )
    }
}

/// Order in which resources are loaded: referenced types before the types referring to them.
fn load_rank(resource: &Value) -> u8 {
    match resource["resourceType"].as_str().unwrap_or_default() {
        "Organization" => 0,
        "Location" => 1,
        "Practitioner" => 2,
        "PractitionerRole" => 3,
        "Patient" => 4,
        "RelatedPerson" => 5,
        "Coverage" => 6,
        "Encounter" => 7,
        "Condition" => 8,
        "Observation" => 9,
        "DiagnosticReport" => 10,
        // Booking: schedules before their slots, slots before the appointments naming them.
        "Schedule" => 12,
        "Slot" => 13,
        "Appointment" => 14,
        _ => 11,
    }
}

/// Generates the whole dataset. Pure and deterministic for `(seed, citizens, today)`.
pub fn generate(seed: u64, citizens: usize, today: IsoDate) -> Dataset {
    let mut b = Builder::new(seed, today);
    let facilities = facilities::build(&mut b, &mut Rng::fork(seed, 1));
    let mut population = people::populate(&mut b, &mut Rng::fork(seed, 2), &facilities, citizens);
    people::emit(
        &mut b,
        &mut Rng::fork(seed, 3),
        &mut population,
        &facilities,
    );
    for index in 0..population.citizens.len() {
        // One stream per citizen: the demo citizens' histories stay the same whatever the
        // population size.
        let mut rng = Rng::fork(seed, 1_000_000 + index as u64);
        clinical::history(&mut b, &mut rng, &population, index, &facilities);
    }
    schedule::build(&mut b, &mut Rng::fork(seed, 50), &population, &facilities);
    let accounts = people::accounts(&mut b, &population, &facilities);
    let demo_logins = people::demo_logins(&population, &facilities);
    let mut resources = std::mem::take(&mut b.resources);
    // Stable: within a type, generation order (a citizen's history stays together).
    resources.sort_by(|a, b| {
        (load_rank(a), a["resourceType"].as_str()).cmp(&(load_rank(b), b["resourceType"].as_str()))
    });
    Dataset {
        resources,
        accounts,
        demo_logins,
    }
}

/// Writes the identity provider's account file: `{"accounts": [...]}`.
pub fn write_accounts(path: &Path, dataset: &Dataset) -> Result<(), String> {
    let text = serde_json::to_string_pretty(&serde_json::json!({ "accounts": dataset.accounts }))
        .map_err(|e| format!("accounts: {e}"))?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests;
