//! Vietnam's Expanded Programme on Immunisation (Tiêm chủng mở rộng, TCMR) for young
//! children, and the evaluation of one child's doses against it: done, due, overdue, upcoming.
//!
//! Doses are recognised by their CVX code (`Immunization.vaccineCode`, [`crate::fhir::SYSTEM_CVX`])
//! and dose number (`protocolApplied.doseNumberPositiveInt`); records without a dose number
//! fill the doses of their vaccine in date order. A combined vaccine given instead (e.g. the
//! 6-in-1 instead of the 5-in-1, MMR instead of measles) counts for the dose it replaces.

use crate::date::IsoDate;
use crate::dto::book::{EpiDoseStatus, EpiSchedule, EpiStatus};

/// One dose of the programme.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct EpiDose {
    /// Machine key of the vaccine (shared by its doses).
    pub vaccine: &'static str,
    /// Vietnamese name as vaccination books print it.
    pub name: &'static str,
    /// CVX code the national store records it with (the first of `accepts`).
    pub cvx: &'static str,
    /// CVX codes that fulfil this dose.
    pub accepts: &'static [&'static str],
    pub dose: u32,
    /// Recommended age, days after birth.
    pub age_days: u32,
    /// First birth year for which the dose is part of the programme.
    pub since_birth_year: i32,
}

/// Days after the recommended age during which a missing dose is "due" rather than "overdue".
pub const GRACE_DAYS: i64 = 30;

/// Below this age (years) the book shows the schedule.
pub const SCHEDULE_MAX_AGE: i32 = 16;

const HEPB_BIRTH: &[&str] = &["08", "45"];
const BCG: &[&str] = &["19"];
// DTP-Hib-HepB (5-in-1); the 6-in-1 (DTaP-IPV-Hib-HepB) also counts.
const PENTA: &[&str] = &["102", "146"];
const OPV: &[&str] = &["178", "02", "179", "182"];
const IPV: &[&str] = &["10", "146"];
const MEASLES: &[&str] = &["05", "04", "03", "94"];
const MR: &[&str] = &["04", "03", "94"];
const DPT_BOOSTER: &[&str] = &["01", "20", "106", "107", "146", "110", "120"];
const JE: &[&str] = &["39", "134"];

macro_rules! dose {
    ($key:literal, $name:literal, $codes:expr, $dose:literal, $days:literal, $since:literal) => {
        EpiDose {
            vaccine: $key,
            name: $name,
            cvx: $codes[0],
            accepts: $codes,
            dose: $dose,
            age_days: $days,
            since_birth_year: $since,
        }
    };
}

/// The schedule, by recommended age. Source: Ministry of Health EPI schedule (BCG and
/// hepatitis B at birth; 5-in-1 and bOPV at 2, 3, 4 months; IPV at 5 and 9 months; measles at
/// 9 months; Japanese encephalitis at 1 year (two doses 2 weeks apart) and 2 years; MR and
/// DPT booster at 18 months).
#[rustfmt::skip]
pub const SCHEDULE: &[EpiDose] = &[
    dose!("hepb_birth", "Viêm gan B sơ sinh", HEPB_BIRTH, 1, 0, 2000),
    dose!("bcg", "BCG (phòng lao)", BCG, 1, 3, 2000),
    dose!("penta", "DPT-VGB-Hib (vắc xin 5 trong 1)", PENTA, 1, 61, 2010),
    dose!("opv", "Bại liệt uống (bOPV)", OPV, 1, 61, 2000),
    dose!("penta", "DPT-VGB-Hib (vắc xin 5 trong 1)", PENTA, 2, 92, 2010),
    dose!("opv", "Bại liệt uống (bOPV)", OPV, 2, 92, 2000),
    dose!("penta", "DPT-VGB-Hib (vắc xin 5 trong 1)", PENTA, 3, 122, 2010),
    dose!("opv", "Bại liệt uống (bOPV)", OPV, 3, 122, 2000),
    dose!("ipv", "Bại liệt tiêm (IPV)", IPV, 1, 153, 2018),
    dose!("measles", "Sởi", MEASLES, 1, 274, 2000),
    dose!("ipv", "Bại liệt tiêm (IPV)", IPV, 2, 274, 2021),
    dose!("je", "Viêm não Nhật Bản", JE, 1, 366, 2000),
    dose!("je", "Viêm não Nhật Bản", JE, 2, 380, 2000),
    dose!("mr", "Sởi - Rubella (MR)", MR, 1, 548, 2014),
    dose!("dpt_booster", "DPT (nhắc lại)", DPT_BOOSTER, 4, 548, 2000),
    dose!("je", "Viêm não Nhật Bản", JE, 3, 731, 2000),
];

/// A vaccination on record, as the evaluation needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Given {
    pub cvx: String,
    pub dose: Option<u32>,
    pub date: IsoDate,
    pub record: String,
}

/// The doses of the schedule that apply to a child born on `birth`.
pub fn applicable(birth: IsoDate) -> impl Iterator<Item = &'static EpiDose> {
    SCHEDULE
        .iter()
        .filter(move |d| birth.year() >= d.since_birth_year)
}

/// Evaluates the schedule for a child born on `birth`, on `today`, given their vaccinations.
pub fn evaluate(birth: IsoDate, today: IsoDate, given: &[Given]) -> EpiSchedule {
    let doses: Vec<&EpiDose> = applicable(birth).collect();
    let mut used = vec![false; given.len()];
    let mut fulfilled: Vec<Option<usize>> = vec![None; doses.len()];
    // Chronological order of the records, for filling doses without a dose number.
    let mut order: Vec<usize> = (0..given.len()).collect();
    order.sort_by_key(|&i| (given[i].date, given[i].record.clone()));
    let usable = |g: &Given| g.date >= birth && g.date <= today;
    // Pass 1: a record naming the dose number and the primary vaccine of this dose.
    // Pass 2: a record naming the dose number and any accepted vaccine.
    // Pass 3: records without (or with another) dose number, in date order.
    for pass in 0..3 {
        for (slot, dose) in doses.iter().enumerate() {
            if fulfilled[slot].is_some() {
                continue;
            }
            let found = order.iter().copied().find(|&i| {
                let g = &given[i];
                !used[i]
                    && usable(g)
                    && match pass {
                        0 => g.cvx == dose.cvx && g.dose == Some(dose.dose),
                        1 => dose.accepts.contains(&g.cvx.as_str()) && g.dose == Some(dose.dose),
                        _ => dose.accepts.contains(&g.cvx.as_str()),
                    }
            });
            if let Some(i) = found {
                used[i] = true;
                fulfilled[slot] = Some(i);
            }
        }
    }
    let mut out = EpiSchedule {
        as_of: today,
        doses: Vec::with_capacity(doses.len()),
        done: 0,
        due: 0,
        overdue: 0,
        upcoming: 0,
    };
    for (slot, dose) in doses.iter().enumerate() {
        let due_date = birth.add_days(i64::from(dose.age_days));
        let overdue_after = due_date.add_days(GRACE_DAYS);
        let given = fulfilled[slot].map(|i| &given[i]);
        let status = match given {
            Some(_) => EpiStatus::Done,
            None if today < due_date => EpiStatus::Upcoming,
            None if today <= overdue_after => EpiStatus::Due,
            None => EpiStatus::Overdue,
        };
        match status {
            EpiStatus::Done => out.done += 1,
            EpiStatus::Due => out.due += 1,
            EpiStatus::Overdue => out.overdue += 1,
            EpiStatus::Upcoming => out.upcoming += 1,
        }
        out.doses.push(EpiDoseStatus {
            vaccine: dose.vaccine.to_owned(),
            name: dose.name.to_owned(),
            code: dose.cvx.to_owned(),
            dose: dose.dose,
            age_days: dose.age_days,
            due_date,
            overdue_after,
            status,
            given: given.map(|g| g.date),
            record: given.map(|g| g.record.clone()),
        });
    }
    out
}

/// Whether a CVX code belongs to the programme (for marking items as EPI).
pub fn is_epi_vaccine(cvx: &str) -> bool {
    SCHEDULE.iter().any(|d| d.accepts.contains(&cvx))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> IsoDate {
        IsoDate::parse(s).unwrap()
    }

    fn given(cvx: &str, dose: Option<u32>, on: &str) -> Given {
        Given {
            cvx: cvx.into(),
            dose,
            date: date(on),
            record: format!("Immunization/{cvx}-{on}"),
        }
    }

    fn statuses(s: &EpiSchedule) -> Vec<(&str, u32, EpiStatus)> {
        s.doses
            .iter()
            .map(|d| (d.vaccine.as_str(), d.dose, d.status))
            .collect()
    }

    #[test]
    fn schedule_is_ordered_and_consistent() {
        assert!(SCHEDULE.windows(2).all(|w| w[0].age_days <= w[1].age_days));
        for d in SCHEDULE {
            assert_eq!(d.cvx, d.accepts[0]);
        }
        assert!(is_epi_vaccine("102") && is_epi_vaccine("04") && !is_epi_vaccine("88"));
    }

    #[test]
    fn applicability_follows_birth_year() {
        let keys = |y: i32| -> Vec<(&str, u32)> {
            applicable(IsoDate::new(y, 6, 1).unwrap())
                .map(|d| (d.vaccine, d.dose))
                .collect()
        };
        assert_eq!(keys(2024).len(), 16);
        assert!(!keys(2019).contains(&("ipv", 2)) && keys(2019).contains(&("ipv", 1)));
        assert!(!keys(2012).contains(&("mr", 1)) && keys(2012).contains(&("penta", 1)));
        assert!(!keys(2008).contains(&("penta", 1)));
    }

    /// A toddler of ~22 months who missed the 18-month session (the seeded demo child).
    #[test]
    fn toddler_missing_the_18_month_session() {
        let birth = date("2025-01-22");
        let today = date("2026-11-23");
        let mut records = vec![
            given("08", Some(1), "2025-01-22"),
            given("19", Some(1), "2025-01-24"),
        ];
        for (n, on) in [(1, "2025-03-25"), (2, "2025-04-24"), (3, "2025-05-26")] {
            records.push(given("102", Some(n), on));
            records.push(given("178", Some(n), on));
        }
        records.push(given("10", Some(1), "2025-06-24"));
        records.push(given("05", Some(1), "2025-10-23"));
        records.push(given("10", Some(2), "2025-10-23"));
        records.push(given("39", Some(1), "2026-01-25"));
        records.push(given("39", Some(2), "2026-02-09"));
        let s = evaluate(birth, today, &records);
        assert_eq!((s.done, s.due, s.overdue, s.upcoming), (13, 0, 2, 1));
        let st = statuses(&s);
        assert!(st.contains(&("mr", 1, EpiStatus::Overdue)));
        assert!(st.contains(&("dpt_booster", 4, EpiStatus::Overdue)));
        assert!(st.contains(&("je", 3, EpiStatus::Upcoming)));
        let mr = s.doses.iter().find(|d| d.vaccine == "mr").unwrap();
        assert_eq!(mr.due_date, date("2026-07-24"));
        assert_eq!(mr.overdue_after, date("2026-08-23"));
        let bcg = s.doses.iter().find(|d| d.vaccine == "bcg").unwrap();
        assert_eq!(bcg.given, Some(date("2025-01-24")));
        assert_eq!(bcg.record.as_deref(), Some("Immunization/19-2025-01-24"));
    }

    #[test]
    fn due_within_grace_then_overdue() {
        let birth = date("2026-01-01");
        // 2 months + 10 days: the first 5-in-1 and bOPV doses are due, not yet overdue.
        let s = evaluate(
            birth,
            date("2026-03-13"),
            &[given("08", None, "2026-01-01")],
        );
        let st = statuses(&s);
        assert!(st.contains(&("hepb_birth", 1, EpiStatus::Done)));
        assert!(st.contains(&("bcg", 1, EpiStatus::Overdue)));
        assert!(st.contains(&("penta", 1, EpiStatus::Due)));
        assert!(st.contains(&("opv", 1, EpiStatus::Due)));
        assert!(st.contains(&("penta", 2, EpiStatus::Upcoming)));
        // The last day of grace is still "due"; the day after is overdue.
        let penta_due = birth.add_days(61 + GRACE_DAYS);
        let s = evaluate(birth, penta_due, &[]);
        assert!(statuses(&s).contains(&("penta", 1, EpiStatus::Due)));
        let s = evaluate(birth, penta_due.add_days(1), &[]);
        assert!(statuses(&s).contains(&("penta", 1, EpiStatus::Overdue)));
    }

    #[test]
    fn records_without_dose_numbers_fill_in_date_order() {
        let birth = date("2024-01-01");
        let s = evaluate(
            birth,
            date("2024-06-01"),
            &[
                given("102", None, "2024-04-02"),
                given("102", None, "2024-03-02"),
                // A 6-in-1 given instead counts for the 5-in-1.
                given("146", None, "2024-05-03"),
            ],
        );
        let penta: Vec<_> = s.doses.iter().filter(|d| d.vaccine == "penta").collect();
        assert_eq!(penta[0].given, Some(date("2024-03-02")));
        assert_eq!(penta[1].given, Some(date("2024-04-02")));
        assert_eq!(penta[2].given, Some(date("2024-05-03")));
    }

    #[test]
    fn odd_records_are_ignored() {
        let birth = date("2024-01-01");
        let s = evaluate(
            birth,
            date("2024-01-10"),
            &[
                // Before birth, in the future, unknown vaccine: none counts.
                given("08", Some(1), "2023-12-30"),
                given("19", Some(1), "2024-02-01"),
                given("88", Some(1), "2024-01-02"),
            ],
        );
        assert_eq!(s.done, 0);
        // One record never fulfils two doses: MR counts for measles or MR, not both.
        let s = evaluate(
            birth,
            date("2026-01-01"),
            &[given("04", Some(1), "2025-07-05")],
        );
        let done: Vec<_> = s
            .doses
            .iter()
            .filter(|d| d.status == EpiStatus::Done)
            .map(|d| d.vaccine.as_str())
            .collect();
        assert_eq!(done, ["mr"]);
    }
}
