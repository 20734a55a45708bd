//! Properties of the generated dataset that the store, the edge and the tests rely on.

use super::*;
use serde_json::Value;
use shared::fhir::{SYSTEM_BHXH, SYSTEM_BHYT, SYSTEM_CCCD, SYSTEM_FACILITY};
use shared::id::{BhytCard, Cccd, FacilityCode};
use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

fn today() -> IsoDate {
    IsoDate::new(2026, 11, 23).unwrap()
}

fn dataset() -> &'static Dataset {
    static DATA: OnceLock<Dataset> = OnceLock::new();
    DATA.get_or_init(|| generate(DEFAULT_SEED, DEFAULT_CITIZENS, today()))
}

fn of_type<'a>(d: &'a Dataset, t: &'a str) -> impl Iterator<Item = &'a Value> + 'a {
    d.resources.iter().filter(move |r| r["resourceType"] == t)
}

fn identifier<'a>(r: &'a Value, system: &str) -> Option<&'a str> {
    r["identifier"]
        .as_array()?
        .iter()
        .find(|i| i["system"] == system)?["value"]
        .as_str()
}

fn birth_date(r: &Value) -> IsoDate {
    IsoDate::parse(r["birthDate"].as_str().unwrap()).unwrap()
}

#[test]
fn generation_is_deterministic() {
    let a = generate(DEFAULT_SEED, 150, today());
    let b = generate(DEFAULT_SEED, 150, today());
    assert_eq!(
        serde_json::to_string(&a.resources).unwrap(),
        serde_json::to_string(&b.resources).unwrap()
    );
    assert_eq!(a.accounts, b.accounts);
    let c = generate(DEFAULT_SEED + 1, 150, today());
    assert_ne!(
        serde_json::to_string(&a.resources).unwrap(),
        serde_json::to_string(&c.resources).unwrap()
    );
}

#[test]
fn sizes() {
    let d = dataset();
    let patients = of_type(d, "Patient").count();
    let facilities = of_type(d, "Organization")
        .filter(|o| identifier(o, SYSTEM_FACILITY).is_some())
        .count();
    assert!(patients >= DEFAULT_CITIZENS, "{patients} patients");
    assert!(facilities >= 20, "{facilities} facilities");
    let total = d.resources.len();
    let mut by_type: HashMap<&str, usize> = HashMap::new();
    for r in &d.resources {
        *by_type
            .entry(r["resourceType"].as_str().unwrap())
            .or_default() += 1;
    }
    let mut counts: Vec<_> = by_type.into_iter().collect();
    counts.sort();
    eprintln!("{total} resources: {counts:?}");
    // Booking data (schedules, 30 days of slots, appointments) is budgeted on its own.
    let booking = ["Schedule", "Slot", "Appointment"];
    let count_of = |t: &str| counts.iter().find(|(k, _)| *k == t).map_or(0, |(_, n)| *n);
    let booking_total: usize = booking.iter().map(|t| count_of(t)).sum();
    assert!(
        (40_000..=90_000).contains(&(total - booking_total)),
        "{total} resources"
    );
    assert!(
        (15_000..=40_000).contains(&count_of("Slot")),
        "{} slots",
        count_of("Slot")
    );
}

#[test]
fn ids_are_unique_and_references_resolve() {
    let d = dataset();
    let mut ids = HashSet::new();
    for r in &d.resources {
        let key = format!(
            "{}/{}",
            r["resourceType"].as_str().unwrap(),
            r["id"].as_str().unwrap()
        );
        assert!(ids.insert(key.clone()), "duplicate {key}");
        let id = r["id"].as_str().unwrap();
        assert!(id.len() <= 64 && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'));
    }
    fn walk<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
        match v {
            Value::Object(map) => {
                if let Some(Value::String(r)) = map.get("reference") {
                    out.push(r);
                }
                map.values().for_each(|x| walk(x, out));
            }
            Value::Array(items) => items.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut refs = Vec::new();
    for r in &d.resources {
        walk(r, &mut refs);
    }
    assert!(refs.len() > d.resources.len());
    for r in refs {
        assert!(ids.contains(r), "dangling reference {r}");
    }
}

#[test]
fn national_identifiers_follow_the_conventions() {
    let d = dataset();
    let mut cccds = HashSet::new();
    for p in of_type(d, "Patient").chain(of_type(d, "Practitioner")) {
        let raw = identifier(p, SYSTEM_CCCD).expect("CCCD");
        let cccd = Cccd::parse(raw).unwrap();
        assert_eq!(cccd.as_str(), raw, "normalised");
        assert!(cccds.insert(raw.to_owned()), "duplicate CCCD");
        let birth = birth_date(p);
        assert_eq!(cccd.birth_year(), Some(birth.year()), "{raw}");
        let sex = cccd.sex_and_century().unwrap().0;
        assert_eq!(super::fhir::gender(sex), p["gender"].as_str().unwrap());
    }
    let patients: HashMap<String, &Value> = of_type(d, "Patient")
        .map(|p| (format!("Patient/{}", p["id"].as_str().unwrap()), p))
        .collect();
    let mut coverages = 0;
    for c in of_type(d, "Coverage") {
        coverages += 1;
        let card = BhytCard::parse(identifier(c, SYSTEM_BHYT).unwrap()).unwrap();
        assert_eq!(card.as_str(), identifier(c, SYSTEM_BHYT).unwrap());
        assert_eq!(
            card.social_insurance_number().as_str(),
            identifier(c, SYSTEM_BHXH).unwrap()
        );
        let patient = patients[c["beneficiary"]["reference"].as_str().unwrap()];
        let age = birth_date(patient).years_until(today());
        match card.group() {
            "TE" => assert!(age < 6 && card.benefit_level().number() == 1),
            "HS" => assert!((6..18).contains(&age)),
            "HT" | "BT" => assert!(age >= 60),
            _ => assert!(age >= 18, "{} at {age}", card.group()),
        }
        let start = IsoDate::parse(c["period"]["start"].as_str().unwrap()).unwrap();
        let end = IsoDate::parse(c["period"]["end"].as_str().unwrap()).unwrap();
        assert!(start < end && start <= today());
    }
    let share = coverages as f64 / patients.len() as f64;
    assert!((0.9..0.99).contains(&share), "{share}");
    for o in of_type(d, "Organization") {
        if let Some(code) = identifier(o, SYSTEM_FACILITY) {
            let code = FacilityCode::parse(code).unwrap();
            assert!(code.province_code().is_some());
        }
    }
}

#[test]
fn nothing_happens_in_the_future() {
    let d = dataset();
    let today = today();
    fn walk(v: &Value, key: &str, parent_type: &str, today: IsoDate) {
        match v {
            Value::Object(map) => {
                for (k, x) in map {
                    walk(x, k, parent_type, today);
                }
            }
            Value::Array(items) => items.iter().for_each(|x| walk(x, key, parent_type, today)),
            Value::String(s) => {
                let looks_like_date = s.len() >= 10
                    && s.as_bytes()[4] == b'-'
                    && s.as_bytes()[7] == b'-'
                    && s[..4].bytes().all(|b| b.is_ascii_digit());
                // A card's expiry, re-exam appointments and bookings (schedules, slots,
                // upcoming appointments) are the intended future dates.
                let intended = (parent_type == "Coverage" && key == "end")
                    || (parent_type == "ServiceRequest" && key == "occurrenceDateTime")
                    || (matches!(parent_type, "Slot" | "Appointment")
                        && matches!(key, "start" | "end"))
                    || parent_type == "Schedule";
                if looks_like_date && !intended {
                    let date = IsoDate::parse(s).unwrap();
                    assert!(date < today, "{parent_type}.{key} = {s}");
                }
            }
            _ => {}
        }
    }
    for r in &d.resources {
        walk(r, "", r["resourceType"].as_str().unwrap(), today);
    }
}

#[test]
fn dependants_are_linked_to_adults() {
    let d = dataset();
    let by_cccd: HashMap<&str, &Value> = of_type(d, "Patient")
        .map(|p| (identifier(p, SYSTEM_CCCD).unwrap(), p))
        .collect();
    let mut linked = HashSet::new();
    for rp in of_type(d, "RelatedPerson") {
        let guardian = by_cccd[identifier(rp, SYSTEM_CCCD).unwrap()];
        assert!(birth_date(guardian).years_until(today()) >= 18);
        assert_eq!(rp["active"], true);
        linked.insert(rp["patient"]["reference"].as_str().unwrap().to_owned());
    }
    for p in of_type(d, "Patient") {
        if birth_date(p).years_until(today()) < 14 {
            let key = format!("Patient/{}", p["id"].as_str().unwrap());
            assert!(linked.contains(&key), "child {key} has no guardian");
        }
    }
    let children = of_type(d, "Patient")
        .filter(|p| birth_date(p).years_until(today()) < 14)
        .count();
    assert!(children >= 150, "{children} children");
}

#[test]
fn accounts_cover_citizens_from_14_and_staff() {
    let d = dataset();
    let logins: HashSet<&str> = d.accounts.iter().map(|a| a.login.as_str()).collect();
    assert_eq!(logins.len(), d.accounts.len(), "unique logins");
    let subs: HashSet<&str> = d.accounts.iter().map(|a| a.sub.as_str()).collect();
    assert_eq!(subs.len(), d.accounts.len(), "unique subjects");
    for p in of_type(d, "Patient") {
        let cccd = identifier(p, SYSTEM_CCCD).unwrap();
        let adult = birth_date(p).years_until(today()) >= 14;
        assert_eq!(logins.contains(cccd), adult, "{cccd}");
    }
    for a in &d.accounts {
        assert_ne!(a.sub, a.personal_id);
        assert!(Cccd::parse(&a.personal_id).is_ok());
        match a.role.as_str() {
            "citizen" => assert_eq!(a.login, a.personal_id),
            "staff" => {
                let code = a.facility_code.as_deref().unwrap();
                assert!(a.login.starts_with(&format!("nv-{code}-")));
            }
            other => panic!("role {other}"),
        }
    }
}

#[test]
fn demo_logins_are_rich() {
    let d = dataset();
    let roles: Vec<&str> = d.demo_logins.iter().map(|l| l.role.as_str()).collect();
    assert_eq!(roles.iter().filter(|r| **r == "citizen").count(), 3);
    assert_eq!(roles.iter().filter(|r| **r == "guardian").count(), 2);
    assert_eq!(roles.iter().filter(|r| **r == "staff").count(), 2);
    let account_logins: HashSet<&str> = d.accounts.iter().map(|a| a.login.as_str()).collect();
    // (patient reference, resource type) → how many.
    let mut per_patient: HashMap<(String, String), usize> = HashMap::new();
    for r in &d.resources {
        let subject = r["subject"]["reference"]
            .as_str()
            .or(r["patient"]["reference"].as_str());
        if let Some(s) = subject.filter(|s| s.starts_with("Patient/")) {
            let key = (s.to_owned(), r["resourceType"].as_str().unwrap().to_owned());
            *per_patient.entry(key).or_default() += 1;
        }
    }
    let count = |patient: &str, t: &str| {
        per_patient
            .get(&(format!("Patient/{patient}"), t.to_owned()))
            .copied()
            .unwrap_or(0)
    };
    for l in &d.demo_logins {
        assert!(account_logins.contains(l.login.as_str()), "{}", l.login);
        if let Some(p) = &l.patient {
            assert!(count(p, "Observation") > 0, "{}", l.name);
        }
    }
    let first = &d.demo_logins[0];
    let patient = first.patient.as_deref().unwrap();
    let observations = count(patient, "Observation");
    assert!(observations >= 500, "{observations} observations");
    let most = of_type(d, "Patient")
        .map(|p| count(p["id"].as_str().unwrap(), "Observation"))
        .max()
        .unwrap();
    assert_eq!(
        observations, most,
        "demo citizen #0 has the largest history"
    );
    assert!(count(patient, "AllergyIntolerance") >= 1);
    assert!(count(patient, "MedicationRequest") >= 100);
    let mother = &d.demo_logins[3];
    assert_eq!(mother.dependants.len(), 2);
    let toddler = mother.dependants.last().unwrap();
    assert!(count(toddler, "Immunization") >= 12);
    let carer = &d.demo_logins[4];
    assert_eq!(carer.dependants.len(), 1);
    for staff in d.demo_logins.iter().filter(|l| l.role == DemoRole::Staff) {
        assert!(staff.facility_code.is_some() && staff.patient.is_none());
    }
}

/// Against a running store: `SSK_TEST_FHIR=http://127.0.0.1:N/fhir/R4 cargo test -p xtask
/// load_reports_rejections -- --ignored`.
#[test]
#[ignore = "needs a running FHIR store (SSK_TEST_FHIR)"]
fn load_reports_rejections_without_contents() {
    let base = std::env::var("SSK_TEST_FHIR").expect("SSK_TEST_FHIR");
    let secret = "Nguyễn Bí Mật";
    let dataset = Dataset {
        resources: vec![
            serde_json::json!({"resourceType": "Patient", "id": "seedtest1", "name": [{"text": secret}]}),
            serde_json::json!({"resourceType": "Observation", "id": "seedtest2", "status": "final",
                "code": {"text": secret}, "valueQuantity": {"value": secret}}),
        ],
        accounts: Vec::new(),
        demo_logins: Vec::new(),
    };
    let error = load(&base, &dataset).unwrap_err();
    eprintln!("{error}");
    assert!(error.contains("chunk 1"), "{error}");
    assert!(!error.contains("Bí Mật"), "{error}");
}

/// The health book's conventions for the records it reads beyond the basics.
#[test]
fn book_records_follow_the_conventions() {
    use shared::fhir::{EXT_ETHNICITY, EXT_OCCUPATION, loinc, referral};
    let d = dataset();
    let today = today();
    // Every Patient has an ethnic group, a nationality and an occupation.
    for p in of_type(d, "Patient") {
        let urls: Vec<&str> = p["extension"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| e["url"].as_str())
            .collect();
        assert!(urls.contains(&EXT_ETHNICITY) && urls.contains(&EXT_OCCUPATION));
    }
    let has_category = |r: &Value, code: &str| {
        r["category"]
            .as_array()
            .is_some_and(|c| c.iter().any(|x| x["coding"][0]["code"] == code))
    };
    let requests: Vec<&Value> = of_type(d, "ServiceRequest").collect();
    let follow_ups: Vec<&&Value> = requests
        .iter()
        .filter(|r| has_category(r, referral::FOLLOW_UP))
        .collect();
    let referrals = requests
        .iter()
        .filter(|r| has_category(r, referral::PATIENT_REFERRAL))
        .count();
    assert!(referrals >= 20, "{referrals} referral slips");
    let upcoming = follow_ups
        .iter()
        .filter(|r| {
            let date = IsoDate::parse(r["occurrenceDateTime"].as_str().unwrap()).unwrap();
            assert_eq!(r["status"] == "active", date >= today, "{r}");
            date >= today
        })
        .count();
    assert!(upcoming >= 50, "{upcoming} upcoming re-exams");
    for r in &requests {
        assert!(r["encounter"]["reference"].is_string());
        assert!(
            r["performer"][0]["reference"]
                .as_str()
                .unwrap()
                .starts_with("Organization/")
        );
        assert!(r["requester"]["display"].as_str().unwrap().contains(" — "));
    }
    // Demo citizen #0 has a re-exam to book.
    let elder = d
        .demo_logins
        .iter()
        .find(|l| l.role == DemoRole::Citizen)
        .and_then(|l| l.patient.clone())
        .unwrap();
    let own = format!("Patient/{elder}");
    assert!(
        follow_ups
            .iter()
            .any(|r| r["subject"]["reference"] == own.as_str() && r["status"] == "active")
    );
    // A child's birth record agrees with the mother's delivery.
    let births: Vec<&Value> = of_type(d, "Observation")
        .filter(|o| o["code"]["coding"][0]["code"] == loinc::DELIVERY_METHOD)
        .collect();
    assert!(births.len() >= 100, "{} birth records", births.len());
    let caesareans = births
        .iter()
        .filter(|o| {
            o["valueCodeableConcept"]["coding"][0]["code"]
                == shared::fhir::snomed::CAESAREAN_SECTION
        })
        .count();
    assert!(
        (15..60).contains(&(caesareans * 100 / births.len())),
        "{caesareans}"
    );
    assert!(of_type(d, "Procedure").count() >= 20);
    let imaging = of_type(d, "DiagnosticReport")
        .filter(|r| r["category"][0]["coding"][0]["code"] == "RAD")
        .count();
    assert!(imaging >= 100, "{imaging} imaging reports");
}

/// The seed's EPI schedule is the one the book evaluates children against.
#[test]
fn epi_schedule_matches_the_books() {
    use super::catalog::{EPI, vaccine};
    assert_eq!(EPI.len(), shared::epi::SCHEDULE.len());
    for (seeded, book) in EPI.iter().zip(shared::epi::SCHEDULE) {
        assert_eq!(vaccine(seeded.vaccine).cvx, book.cvx, "{}", seeded.vaccine);
        assert_eq!(seeded.vaccine, book.vaccine);
        assert_eq!(seeded.dose, book.dose);
        assert_eq!(seeded.age_days, i64::from(book.age_days));
        assert_eq!(seeded.since_birth_year, book.since_birth_year);
    }
}
