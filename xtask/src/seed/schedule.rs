//! Booking data: each facility's site, the doctors' Schedules and their Slots for today and the
//! next 30 days, and Appointments — a demo that looks like a real Monday at a Vietnamese
//! hospital (popular hospitals nearly full for the next days, lighter further out) plus past and
//! upcoming visits of the demo citizens.
//!
//! Conventions are those of `shared::fhir::booking`. Size is budgeted: the store validates every
//! write (~2,500 resources/s), so only part of each facility's doctors take online bookings
//! (the outpatient hall and a few specialist clinics; commune stations one doctor), with
//! 20-minute slots for general examinations and 30-minute slots for specialists. That is about
//! 30,000 Slots; the seeder's unit tests keep the count in bounds.

use super::catalog::Dept;
use super::facilities::{Facility, Kind};
use super::fhir::reference;
use super::people::{ACCOUNT_AGE, Demo, Population};
use super::rng::Rng;
use super::{Builder, fhir};
use serde_json::{Value, json};
use shared::booking_code::BookingCode;
use shared::clock::{ClockTime, VnDateTime};
use shared::date::IsoDate;
use shared::fhir::SYSTEM_FACILITY;
use shared::fhir::booking::{
    CS_LOCATION_PHYSICAL_TYPE, EXT_BOOKED_BY, EXT_DEPARTMENT, EXT_QUEUE_NUMBER, PHYSICAL_TYPE_SITE,
    SYSTEM_BOOKING_CODE,
};
use shared::schedule::{BOOKING_WINDOW_DAYS, DayPlan, Session, Weekday, queue_number};
use std::collections::HashSet;

/// Which departments take online bookings at a kind of facility: (department, doctors, slot
/// minutes, Saturday-morning clinic).
fn bookable(kind: Kind) -> &'static [(Dept, usize, u32, bool)] {
    match kind {
        Kind::CentralGeneral => &[
            (Dept::General, 2, 20, true),
            (Dept::Cardiology, 1, 30, false),
            (Dept::Endocrinology, 1, 30, false),
            (Dept::Gastro, 1, 30, false),
        ],
        Kind::Children => &[
            (Dept::General, 2, 20, true),
            (Dept::Paediatrics, 1, 30, false),
            (Dept::Respiratory, 1, 30, false),
        ],
        Kind::Provincial => &[
            (Dept::General, 1, 20, true),
            (Dept::Cardiology, 1, 30, false),
            (Dept::Paediatrics, 1, 30, false),
        ],
        Kind::Regional => &[
            (Dept::General, 1, 20, true),
            (Dept::Paediatrics, 1, 30, false),
        ],
        Kind::Station => &[(Dept::General, 1, 30, false)],
        Kind::Clinic => &[
            (Dept::InternalMedicine, 1, 30, true),
            (Dept::Paediatrics, 1, 30, true),
        ],
    }
}

/// Hospitals people queue at from 4 AM: their next days are nearly full.
const POPULAR: &[&str] = &["01001", "79001", "01002", "79002"];

/// The facility-day the contention test books: kept free of seeded bookings so its capacity is
/// every slot of the day. The last bookable weekday of the window at Chợ Rẫy.
pub const CONTENTION_FACILITY: &str = "79001";

/// The contention test's day for a seed generated on `today`.
pub fn contention_day(today: IsoDate) -> IsoDate {
    let mut day = today.add_days(BOOKING_WINDOW_DAYS);
    while Weekday::of(day).is_weekend() {
        day = day.add_days(-1);
    }
    day
}

/// One bookable doctor in one room.
struct Bookable {
    facility: usize,
    facility_name: &'static str,
    schedule_id: String,
    role_id: String,
    practitioner: String,
    room_id: String,
    room: String,
    department: &'static str,
    slot_minutes: u32,
    saturday: bool,
}

/// A slot as generated, before its status is decided.
struct SlotDraft {
    id: String,
    schedule: usize,
    date: IsoDate,
    start: VnDateTime,
    end: VnDateTime,
    queue: u32,
    /// Index into the appointment list when booked.
    booked: bool,
}

fn at(date: IsoDate, time: ClockTime) -> VnDateTime {
    VnDateTime::at(date, time)
}

/// The share of a facility-day's slots already booked when the demo starts.
fn occupancy(code: &str, kind: Kind, days_ahead: i64) -> f64 {
    let popular = POPULAR.contains(&code);
    match (popular, days_ahead) {
        (true, 0..=4) => 0.93,
        (true, 5..=9) => 0.6,
        (true, 10..=20) => 0.25,
        (false, 0..=4) if kind.is_hospital() => 0.45,
        (false, 0..=4) => 0.2,
        (_, 5..=14) => 0.15,
        _ => 0.05,
    }
}

/// Emits sites, Schedules, Slots and Appointments.
pub fn build(b: &mut Builder, rng: &mut Rng, population: &Population, facilities: &[Facility]) {
    let today = b.today;
    let horizon_end = today.add_days(BOOKING_WINDOW_DAYS + 1);
    let mut sites = Vec::with_capacity(facilities.len());
    let mut schedules: Vec<Bookable> = Vec::new();
    for (fi, f) in facilities.iter().enumerate() {
        // The facility's premises, copied from its Organization (address, phone).
        let org = b
            .resources
            .iter()
            .find(|r| r["resourceType"] == "Organization" && r["id"] == f.id.as_str())
            .cloned()
            .unwrap_or(Value::Null);
        let site_id = b.id();
        b.push(json!({
            "resourceType": "Location",
            "id": site_id,
            "status": "active",
            "identifier": [{"use": "official", "system": SYSTEM_FACILITY, "value": f.code}],
            "name": f.name,
            "mode": "instance",
            "physicalType": {"coding": [{"system": CS_LOCATION_PHYSICAL_TYPE, "code": PHYSICAL_TYPE_SITE, "display": "Site"}]},
            "address": org["address"][0],
            "telecom": org["telecom"],
            "managingOrganization": f.reference(),
        }));
        sites.push(site_id.clone());
        let site_ref = reference("Location", &site_id, f.name);
        for &(dept, doctors, slot_minutes, saturday) in bookable(f.kind) {
            let Some(department) = f.departments.iter().find(|d| d.dept == dept) else {
                continue;
            };
            let dept_id = b
                .resources
                .iter()
                .find(|r| {
                    r["resourceType"] == "Organization"
                        && r["name"] == department.name
                        && r["partOf"]["reference"] == format!("Organization/{}", f.id)
                })
                .and_then(|r| r["id"].as_str())
                .unwrap_or_default()
                .to_owned();
            // Doctors first (titles with "BS"), then whoever staffs the department.
            let mut staff: Vec<_> = department
                .clinicians
                .iter()
                .filter(|c| c.display.contains("BS"))
                .collect();
            if staff.is_empty() {
                staff = department.clinicians.iter().take(1).collect();
            }
            for clinician in staff.into_iter().take(doctors) {
                let room = &department.rooms[clinician.room];
                let schedule_id = b.id();
                b.push(json!({
                    "resourceType": "Schedule",
                    "id": schedule_id,
                    "active": true,
                    "extension": [{"url": EXT_DEPARTMENT, "valueReference": reference("Organization", &dept_id, department.name)}],
                    "serviceType": [{"text": department.name}],
                    "actor": [
                        reference("PractitionerRole", &clinician.role_id, &clinician.display),
                        reference("Location", &room.id, &room.name),
                        site_ref,
                    ],
                    "planningHorizon": {
                        "start": at(today, ClockTime::MIDNIGHT).to_string(),
                        "end": at(horizon_end, ClockTime::MIDNIGHT).to_string(),
                    },
                    "comment": format!("Khám theo hẹn trực tuyến, mỗi lượt {slot_minutes} phút."),
                }));
                schedules.push(Bookable {
                    facility: fi,
                    facility_name: f.name,
                    schedule_id,
                    role_id: clinician.role_id.clone(),
                    practitioner: clinician.display.clone(),
                    room_id: room.id.clone(),
                    room: room.name.clone(),
                    department: department.name,
                    slot_minutes,
                    saturday,
                });
            }
        }
    }

    // Slots for today and the next 30 days.
    let mut slots: Vec<SlotDraft> = Vec::new();
    for (si, s) in schedules.iter().enumerate() {
        for offset in 0..=BOOKING_WINDOW_DAYS {
            let date = today.add_days(offset);
            let plan = match Weekday::of(date) {
                Weekday::Sun => continue,
                Weekday::Sat if s.saturday => DayPlan::saturday_morning(s.slot_minutes),
                Weekday::Sat => continue,
                _ => DayPlan::weekday(s.slot_minutes),
            };
            let sessions: Vec<Session> = plan.slots();
            let starts: Vec<VnDateTime> = sessions.iter().map(|x| at(date, x.start)).collect();
            for session in &sessions {
                let start = at(date, session.start);
                slots.push(SlotDraft {
                    id: b.id(),
                    schedule: si,
                    date,
                    start,
                    end: at(date, session.end),
                    queue: queue_number(&starts, start),
                    booked: false,
                });
            }
        }
    }

    let mut appointments = Appointments {
        taken: HashSet::new(),
        out: Vec::new(),
    };
    demo_appointments(
        b,
        rng,
        population,
        facilities,
        &schedules,
        &sites,
        &mut slots,
        &mut appointments,
    );

    // Everyone else: who books where. Adults book for themselves; children are booked by a
    // parent (children's hospitals, paediatrics).
    let adults: Vec<usize> = (0..population.citizens.len())
        .filter(|&i| population.citizens[i].age_on(today) >= ACCOUNT_AGE)
        .collect();
    let children: Vec<usize> = (0..population.citizens.len())
        .filter(|&i| {
            let c = &population.citizens[i];
            c.age_on(today) < ACCOUNT_AGE && !c.representatives.is_empty()
        })
        .collect();
    let contention_day = contention_day(today);
    for slot_index in 0..slots.len() {
        let slot = &slots[slot_index];
        if slot.booked {
            continue;
        }
        let s = &schedules[slot.schedule];
        let f = &facilities[s.facility];
        if f.code == CONTENTION_FACILITY && slot.date == contention_day {
            continue;
        }
        let days_ahead = slot.date.days_since_epoch() - today.days_since_epoch();
        if !rng.chance(occupancy(f.code, f.kind, days_ahead)) {
            continue;
        }
        let for_children = f.kind == Kind::Children || s.department.contains("Nhi");
        let pool = if for_children && !children.is_empty() {
            &children
        } else {
            &adults
        };
        // A few tries to find someone without a booking at this facility that day.
        for _ in 0..4 {
            let patient = *rng.pick(pool);
            if appointments
                .taken
                .contains(&(patient, s.facility, slot.date))
            {
                continue;
            }
            let citizen = &population.citizens[patient];
            let booker = citizen.representatives.first().map(|r| r.who);
            let booker = if for_children { booker } else { None };
            // Today's first patients are already in the waiting room.
            let status = if days_ahead == 0 && slot.queue <= 3 {
                "arrived"
            } else {
                "booked"
            };
            appointments.add(
                b, rng, population, &schedules, &sites, &mut slots, slot_index, patient, booker,
                status,
            );
            break;
        }
    }

    for slot in &slots {
        let status = if slot.booked { "busy" } else { "free" };
        b.push(json!({
            "resourceType": "Slot",
            "id": slot.id,
            "schedule": {"reference": format!("Schedule/{}", schedules[slot.schedule].schedule_id)},
            "status": status,
            "start": slot.start.to_string(),
            "end": slot.end.to_string(),
        }));
    }
    for appointment in appointments.out {
        b.push(appointment);
    }
}

/// Appointments generated so far, and who is booked where on which day.
struct Appointments {
    taken: HashSet<(usize, usize, IsoDate)>,
    out: Vec<Value>,
}

impl Appointments {
    /// Books `slots[slot_index]` for `patient` (by `booker` when someone else books).
    #[allow(
        clippy::too_many_arguments,
        reason = "one call site per kind of appointment; a struct would only rename the list"
    )]
    fn add(
        &mut self,
        b: &mut Builder,
        rng: &mut Rng,
        population: &Population,
        schedules: &[Bookable],
        sites: &[String],
        slots: &mut [SlotDraft],
        slot_index: usize,
        patient: usize,
        booker: Option<usize>,
        status: &str,
    ) {
        let slot = &mut slots[slot_index];
        slot.booked = status != "cancelled";
        let s = &schedules[slot.schedule];
        let (start, end, queue, date, slot_id) =
            (slot.start, slot.end, slot.queue, slot.date, slot.id.clone());
        self.taken.insert((patient, s.facility, date));
        let value = appointment(
            b,
            rng,
            population,
            s,
            &sites[s.facility],
            AppointmentDraft {
                slot_id: Some(slot_id),
                start,
                end,
                queue,
                patient,
                booker,
                status,
            },
        );
        self.out.push(value);
    }
}

struct AppointmentDraft<'a> {
    slot_id: Option<String>,
    start: VnDateTime,
    end: VnDateTime,
    queue: u32,
    patient: usize,
    booker: Option<usize>,
    status: &'a str,
}

fn appointment(
    b: &mut Builder,
    rng: &mut Rng,
    population: &Population,
    s: &Bookable,
    site_id: &str,
    d: AppointmentDraft<'_>,
) -> Value {
    let id = b.id();
    let citizen = &population.citizens[d.patient];
    let mut random = [0u8; 7];
    for byte in &mut random {
        *byte = rng.below(256) as u8;
    }
    let code = BookingCode::from_random(random);
    // Booked some days before the visit (never in the future).
    let lead_days = rng.range(1, 20);
    let created_date = std::cmp::min(d.start.date().add_days(-lead_days), b.today.add_days(-1));
    let created = VnDateTime::at(
        created_date,
        ClockTime::new(rng.range(6, 22) as u8, rng.range(0, 59) as u8)
            .unwrap_or(ClockTime::MIDNIGHT),
    );
    let mut extension = vec![json!({"url": EXT_QUEUE_NUMBER, "valuePositiveInt": d.queue})];
    if let Some(booker) = d.booker {
        let who = &population.citizens[booker];
        extension.push(json!({"url": EXT_BOOKED_BY, "valueReference": who.reference()}));
    }
    let mut value = json!({
        "resourceType": "Appointment",
        "id": id,
        "extension": extension,
        "identifier": [{"system": SYSTEM_BOOKING_CODE, "value": code.to_string()}],
        "status": d.status,
        "serviceType": [{"text": s.department}],
        "start": d.start.to_string(),
        "end": d.end.to_string(),
        "created": created.to_string(),
        "participant": [
            {"actor": citizen.reference(), "status": "accepted"},
            {"actor": reference("PractitionerRole", &s.role_id, &s.practitioner), "status": "accepted"},
            {"actor": reference("Location", &s.room_id, &s.room), "status": "accepted"},
            {"actor": reference("Location", site_id, s.facility_name), "status": "accepted"},
        ],
    });
    if let Some(slot_id) = d.slot_id {
        value["slot"] = json!([{"reference": format!("Slot/{slot_id}")}]);
    }
    if d.status == "cancelled" {
        value["cancelationReason"] = fhir::concept(
            "http://terminology.hl7.org/CodeSystem/appointment-cancellation-reason",
            "pat",
            "Patient",
            "Người bệnh hủy lịch",
        );
    }
    value
}

/// (who, booked by, facility code or the registered one, department words, days ahead, which
/// free slot of the day).
type UpcomingDemo = (
    Demo,
    Option<Demo>,
    Option<&'static str>,
    &'static str,
    i64,
    usize,
);

/// The demo citizens' bookings: upcoming ones to show on "my appointments" and at the clinic,
/// and a past history (a done visit, a cancellation, a no-show).
#[allow(
    clippy::too_many_arguments,
    reason = "the whole booking state is threaded through once, here"
)]
fn demo_appointments(
    b: &mut Builder,
    rng: &mut Rng,
    population: &Population,
    facilities: &[Facility],
    schedules: &[Bookable],
    sites: &[String],
    slots: &mut [SlotDraft],
    appointments: &mut Appointments,
) {
    let today = b.today;
    let first_weekday_from = |days: i64| {
        let mut d = today.add_days(days);
        while Weekday::of(d).is_weekend() {
            d = d.add_days(1);
        }
        d
    };
    let upcoming: [UpcomingDemo; 4] = [
        (Demo::ChronicElder, None, None, "", 2, 1),
        (
            Demo::CaredElder,
            Some(Demo::Carer),
            Some("01001"),
            "Tim mạch",
            6,
            2,
        ),
        (Demo::Toddler, Some(Demo::Mother), None, "", 3, 4),
        (Demo::Smoker, None, Some("79001"), "Khám bệnh", 8, 5),
    ];
    for (who, by, code, department, days, nth) in upcoming {
        let Some(patient) = population.demo(who) else {
            continue;
        };
        let booker = by.and_then(|d| population.demo(d));
        let facility = match code {
            Some(code) => facilities.iter().position(|f| f.code == code),
            None => Some(population.citizens[patient].registered),
        };
        let Some(facility) = facility else { continue };
        let date = first_weekday_from(days);
        let candidate = slots
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                let sch = &schedules[s.schedule];
                sch.facility == facility
                    && s.date == date
                    && !s.booked
                    && sch.department.contains(department)
            })
            .map(|(i, _)| i)
            .nth(nth);
        if let Some(slot_index) = candidate {
            appointments.add(
                b, rng, population, schedules, sites, slots, slot_index, patient, booker, "booked",
            );
        }
    }
    // Past: outside the slot window, so without Slots (the Appointment carries everything).
    let past: [(Demo, i64, &str); 3] = [
        (Demo::ChronicElder, 62, "fulfilled"),
        (Demo::ChronicElder, 21, "cancelled"),
        (Demo::Smoker, 40, "noshow"),
    ];
    for (who, days_ago, status) in past {
        let Some(patient) = population.demo(who) else {
            continue;
        };
        let facility = population.citizens[patient].registered;
        let Some(s) = schedules.iter().find(|s| s.facility == facility) else {
            continue;
        };
        let mut date = today.add_days(-days_ago);
        while Weekday::of(date).is_weekend() {
            date = date.add_days(-1);
        }
        let plan = DayPlan::weekday(s.slot_minutes).slots();
        let session = plan[3.min(plan.len() - 1)];
        let starts: Vec<VnDateTime> = plan.iter().map(|x| at(date, x.start)).collect();
        let start = at(date, session.start);
        let value = appointment(
            b,
            rng,
            population,
            s,
            &sites[facility],
            AppointmentDraft {
                slot_id: None,
                start,
                end: at(date, session.end),
                queue: queue_number(&starts, start),
                patient,
                booker: None,
                status,
            },
        );
        appointments.out.push(value);
    }
}
