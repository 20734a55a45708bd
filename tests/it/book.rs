//! The complete health book's API against the running stack: every section, the visit detail
//! and its paging, self-reported data, correction requests and the export, with the
//! authorization matrix of every endpoint. Answers are compared with the store (ground truth)
//! and with the OpenAPI schemas.
//!
//! Writes go to ordinary seeded citizens (not the demo logins the browser tests read), one
//! citizen per test, so tests running side by side never count each other's records.

use serde_json::{Value, json};
use std::collections::HashSet;
use std::sync::OnceLock;
use tests::{Login, Stack, fhir_search, get, request, session_cookie, sign_in_at};

const SECTIONS: [&str; 8] = [
    "administrative",
    "history",
    "allergies",
    "visits",
    "labs",
    "vitals",
    "immunizations",
    "checkups",
];

fn app() -> &'static str {
    &Stack::get().app
}

fn url(path: &str, patient: Option<&str>) -> String {
    let sep = if path.contains('?') { '&' } else { '?' };
    match patient {
        Some(p) => format!("{}/api/v1/book/{path}{sep}patient={p}", app()),
        None => format!("{}/api/v1/book/{path}", app()),
    }
}

fn openapi() -> &'static Value {
    static DOC: OnceLock<Value> = OnceLock::new();
    DOC.get_or_init(|| get(&format!("{}/api/v1/openapi.json", app()), None).json())
}

fn check_schema(schema: &str, value: &Value) {
    let errors = tests::schema::check(openapi(), schema, value);
    assert!(
        errors.is_empty(),
        "{schema} does not describe the answer: {errors:#?}"
    );
}

fn assert_error(reply: &tests::Reply, status: u16, code: &str) {
    assert_eq!(reply.status, status, "body: {}", reply.body);
    assert_eq!(reply.code(), code, "body: {}", reply.body);
    check_schema("ApiError", &reply.json());
    let message = reply.json()["message"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(message.contains(" / "), "Vietnamese / English: {message}");
}

fn post(path: &str, patient: Option<&str>, cookie: Option<&str>, body: &Value) -> tests::Reply {
    let text = body.to_string();
    let mut headers = vec![("Origin", app()), ("Content-Type", "application/json")];
    if let Some(c) = cookie {
        headers.push(("Cookie", c));
    }
    request("POST", &url(path, patient), &headers, Some(&text))
}

/// `total` of a FHIR search (ground truth from the store).
fn fhir_total(query: &str) -> u64 {
    let sep = if query.contains('?') { '&' } else { '?' };
    let reply = request(
        "GET",
        &format!("{}/{query}{sep}_summary=count", Stack::get().fhir),
        &[("Accept", "application/fhir+json")],
        None,
    );
    assert_eq!(reply.status, 200, "FHIR {query}: {}", reply.body);
    reply.json()["total"].as_u64().expect("total")
}

fn fhir_read(reference: &str) -> Value {
    let reply = request(
        "GET",
        &format!("{}/{reference}", Stack::get().fhir),
        &[("Accept", "application/fhir+json")],
        None,
    );
    assert_eq!(reply.status, 200, "FHIR {reference}: {}", reply.body);
    reply.json()
}

/// An ordinary seeded citizen (not a demo login): CCCD, Patient id, session cookie.
struct Person {
    patient: String,
    cookie: String,
}

fn demo_ids() -> HashSet<String> {
    let stack = Stack::get();
    stack
        .logins
        .iter()
        .flat_map(|l| l.patient.iter().chain(l.dependants.iter()).cloned())
        .collect()
}

fn cccd_of(patient: &Value) -> String {
    patient["identifier"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|i| i["system"] == shared::fhir::SYSTEM_CCCD)
        .and_then(|i| i["value"].as_str())
        .expect("CCCD")
        .to_owned()
}

fn sign_in_as(cccd: &str) -> String {
    let stack = Stack::get();
    sign_in_at(&stack.app, cccd, &stack.password).cookie(&stack.app)
}

/// The `n`-th ordinary adult (born 1950–1985), signed in.
fn ordinary_adult(n: usize) -> Person {
    let demos = demo_ids();
    let patients = fhir_search("Patient?birthdate=ge1950-01-01&birthdate=le1985-12-31&_count=300");
    let patient = patients
        .iter()
        .filter(|p| !demos.contains(p["id"].as_str().unwrap_or_default()))
        .nth(n)
        .expect("enough ordinary adults");
    Person {
        patient: patient["id"].as_str().unwrap().to_owned(),
        cookie: sign_in_as(&cccd_of(patient)),
    }
}

/// An ordinary mother and one of her children (a store link): (mother, child id).
fn ordinary_mother(n: usize) -> (Person, String) {
    let demos = demo_ids();
    let links = fhir_search("RelatedPerson?relationship=MTH&active=true&_count=300");
    let link = links
        .iter()
        .filter(|rp| {
            let child = rp["patient"]["reference"].as_str().unwrap_or_default();
            !demos.contains(child.trim_start_matches("Patient/"))
        })
        .nth(n)
        .expect("enough ordinary mothers");
    let cccd = link["identifier"][0]["value"].as_str().unwrap();
    let mother = fhir_search(&format!(
        "Patient?identifier={}|{cccd}",
        shared::fhir::SYSTEM_CCCD
    ));
    let child = link["patient"]["reference"]
        .as_str()
        .unwrap()
        .trim_start_matches("Patient/")
        .to_owned();
    (
        Person {
            patient: mother[0]["id"].as_str().unwrap().to_owned(),
            cookie: sign_in_as(cccd),
        },
        child,
    )
}

fn elder() -> &'static Login {
    Stack::get().login("citizen", 0)
}

fn schema_of(section: &str) -> String {
    let mut name = String::from("Book");
    let mut chars = section.chars();
    if let Some(first) = chars.next() {
        name.push(first.to_ascii_uppercase());
        name.extend(chars);
    }
    name
}

/// Every section of the owner's book, the guardian's child and the carer's mother answers
/// what the OpenAPI document says, with the right book in `patient`.
#[test]
fn every_section_answers_owner_and_guardian() {
    let stack = Stack::get();
    let mother = stack.login("guardian", 0);
    let carer = stack.login("guardian", 1);
    let cases: Vec<(&Login, Option<&str>)> = vec![
        (elder(), None),
        (mother, mother.dependants.first().map(String::as_str)),
        (mother, mother.dependants.get(1).map(String::as_str)),
        (carer, carer.dependants.first().map(String::as_str)),
    ];
    for (login, dependant) in cases {
        let cookie = session_cookie(login);
        let expected = dependant.or(login.patient.as_deref()).unwrap();
        for section in SECTIONS.iter().chain(["corrections"].iter()) {
            let reply = get(&url(section, dependant), Some(&cookie));
            assert_eq!(reply.status, 200, "{section}: {}", reply.body);
            assert!(
                reply
                    .header("content-type")
                    .unwrap_or_default()
                    .starts_with("application/json")
            );
            let body = reply.json();
            check_schema(&schema_of(section), &body);
            assert_eq!(
                body["patient"]["id"], expected,
                "{section} opens the right book"
            );
        }
    }
}

/// The largest seeded history (demo citizen #0, 882 observations) answered correctly:
/// every lab and vital point the store holds is in its series.
#[test]
fn the_largest_history_is_complete() {
    let login = elder();
    let id = login.patient.as_deref().unwrap();
    let cookie = session_cookie(login);
    let labs = get(&url("labs", None), Some(&cookie)).json();
    let points: usize = labs["tests"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["points"].as_array().unwrap().len())
        .sum();
    let lab_observations = fhir_search(&format!(
        "Observation?patient=Patient/{id}&category=laboratory&_count=1000"
    ));
    let numeric = lab_observations
        .iter()
        .filter(|o| o["valueQuantity"]["value"].is_number())
        .count();
    assert!(numeric >= 300, "{numeric} numeric lab results");
    assert_eq!(points, numeric, "every numeric lab result is charted");
    assert_eq!(
        labs["other_results"].as_array().unwrap().len(),
        lab_observations.len() - numeric
    );
    // Glucose: the most measured analyte, flagged against its range with a trend.
    let glucose = labs["tests"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["code"] == "2345-7")
        .expect("glucose series");
    assert_eq!(glucose["range"]["low"], 3.9);
    assert!(glucose["trend"]["out_of_range"].as_u64().unwrap() > 0);
    for pair in glucose["points"].as_array().unwrap().windows(2) {
        assert!(pair[0]["source"]["date"].as_str() <= pair[1]["source"]["date"].as_str());
    }

    let vitals = get(&url("vitals", None), Some(&cookie)).json();
    let bp_store = fhir_total(&format!(
        "Observation?patient=Patient/{id}&code=http://loinc.org|85354-9"
    ));
    let bp = vitals["blood_pressure"]["points"].as_array().unwrap();
    assert_eq!(bp.len() as u64, bp_store);
    assert!(
        bp.iter().any(|p| p["source"]["self_reported"] == true),
        "home readings"
    );
    assert!(
        bp.iter()
            .any(|p| p["source"]["self_reported"] == false && p["source"]["facility"].is_string())
    );
    let weights = fhir_total(&format!(
        "Observation?patient=Patient/{id}&code=http://loinc.org|29463-7"
    ));
    assert_eq!(
        vitals["weight"]["points"].as_array().unwrap().len() as u64,
        weights
    );
    assert!(vitals["blood_group"]["abo"].is_string());

    let history = get(&url("history", None), Some(&cookie)).json();
    let chronic: Vec<&str> = history["chronic_conditions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c["code"].as_str())
        .collect();
    for code in ["I10", "E11"] {
        assert!(
            chronic.iter().any(|c| c.starts_with(code)),
            "{code} in {chronic:?}"
        );
    }
    assert_eq!(history["family_history"].as_array().unwrap().len(), 2);
    assert!(history["risk_factors"].as_array().unwrap().len() >= 3);

    let immunizations = get(&url("immunizations", None), Some(&cookie)).json();
    assert_eq!(
        immunizations["immunizations"].as_array().unwrap().len() as u64,
        fhir_total(&format!("Immunization?patient=Patient/{id}"))
    );
    assert!(
        immunizations["epi"].is_null(),
        "no childhood schedule for a 71-year-old"
    );

    let checkups = get(&url("checkups", None), Some(&cookie)).json();
    let list = checkups["checkups"].as_array().unwrap();
    assert_eq!(
        list.len() as u64,
        fhir_total(&format!(
            "DiagnosticReport?patient=Patient/{id}&code=http://loinc.org|34117-2"
        ))
    );
    assert!(
        list.iter()
            .all(|c| c["classification"].is_string() && c["conclusion"].is_string())
    );

    let admin = get(&url("administrative", None), Some(&cookie)).json();
    assert_eq!(admin["patient"]["cccd"], login.login.as_str());
    assert_eq!(admin["ethnicity"], "Kinh");
    assert_eq!(admin["insurance"]["group"], "HT");
    assert!(admin["address"].as_str().unwrap().contains("Kim Liên"));
}

/// The visits timeline pages through every visit exactly once, newest first; cursors are
/// bound to the book; a visit's detail carries what happened during it.
#[test]
fn visits_page_through_everything_and_open_in_detail() {
    let login = elder();
    let id = login.patient.as_deref().unwrap();
    let cookie = session_cookie(login);
    let total = fhir_total(&format!("Encounter?patient=Patient/{id}"));
    assert!(total > 100, "{total} visits");
    let mut seen = HashSet::new();
    let mut cursor: Option<String> = None;
    let mut pages = 0;
    let mut first_page = Value::Null;
    loop {
        let path = match &cursor {
            Some(c) => format!("visits?cursor={c}"),
            None => "visits".to_owned(),
        };
        let reply = get(&url(&path, None), Some(&cookie));
        assert_eq!(reply.status, 200, "{}", reply.body);
        let page = reply.json();
        check_schema("BookVisits", &page);
        assert_eq!(page["total"], total);
        let visits = page["visits"].as_array().unwrap();
        assert!(visits.len() <= shared::dto::book::VISITS_PAGE_SIZE);
        for v in visits {
            assert!(
                seen.insert(v["id"].as_str().unwrap().to_owned()),
                "visit listed twice"
            );
        }
        if pages == 0 {
            first_page = page.clone();
        } else {
            assert!(page["upcoming_follow_ups"].as_array().unwrap().is_empty());
        }
        pages += 1;
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => break,
        }
        assert!(pages < 50, "paging ends");
    }
    assert_eq!(seen.len() as u64, total, "every visit once");
    let first = first_page["visits"].as_array().unwrap();
    let dates: Vec<&str> = first.iter().filter_map(|v| v["start"].as_str()).collect();
    assert!(
        dates.windows(2).all(|w| w[0] >= w[1]),
        "newest first: {dates:?}"
    );

    // A re-exam to book, with what booking needs.
    let upcoming = first_page["upcoming_follow_ups"].as_array().unwrap();
    assert!(!upcoming.is_empty(), "demo citizen #0 has a re-exam ahead");
    assert_eq!(
        upcoming[0]["facility"]["code"].as_str().map(str::len),
        Some(5)
    );

    // Cursors cannot be forged nor used on another book.
    let page2 = get(&url("visits", None), Some(&cookie)).json()["next_cursor"]
        .as_str()
        .unwrap()
        .to_owned();
    let (body, mac) = page2.split_once('.').unwrap();
    let forged = format!("{body}.{}", "A".repeat(mac.len()));
    assert_error(
        &get(
            &url(&format!("visits?cursor={forged}"), None),
            Some(&cookie),
        ),
        400,
        "bad_cursor",
    );
    assert_error(
        &get(&url("visits?cursor=garbage", None), Some(&cookie)),
        400,
        "bad_cursor",
    );
    let mother = Stack::get().login("guardian", 0);
    let child = mother.dependants[0].as_str();
    let mother_cookie = session_cookie(mother);
    assert_error(
        &get(
            &url(&format!("visits?cursor={page2}"), Some(child)),
            Some(&mother_cookie),
        ),
        400,
        "bad_cursor",
    );

    // Detail of a visit with prescriptions: every drug of the store, with dose and days.
    let prescriptions = fhir_search(&format!(
        "MedicationRequest?patient=Patient/{id}&_sort=-authoredon&_count=1"
    ));
    let visit = prescriptions[0]["encounter"]["reference"]
        .as_str()
        .unwrap()
        .trim_start_matches("Encounter/")
        .to_owned();
    let reply = get(&url(&format!("visits/{visit}"), None), Some(&cookie));
    assert_eq!(reply.status, 200, "{}", reply.body);
    let detail = reply.json();
    check_schema("VisitDetail", &detail);
    assert_eq!(detail["visit"]["id"], visit.as_str());
    let drugs = fhir_total(&format!("MedicationRequest?encounter=Encounter/{visit}"));
    assert_eq!(
        detail["prescriptions"].as_array().unwrap().len() as u64,
        drugs
    );
    let p = &detail["prescriptions"][0];
    assert!(p["dose"].is_string() && p["days"].is_u64(), "{p}");
    assert!(detail["vitals"]["blood_pressure"].is_object());
    assert!(detail["clinician"].is_string());

    // A visit with a referral slip and its re-exam.
    let referral = fhir_search(&format!(
        "ServiceRequest?patient=Patient/{id}&category=http://snomed.info/sct|3457005&_count=1"
    ));
    let from = referral[0]["encounter"]["reference"]
        .as_str()
        .unwrap()
        .trim_start_matches("Encounter/")
        .to_owned();
    let detail = get(&url(&format!("visits/{from}"), None), Some(&cookie)).json();
    assert_eq!(
        detail["referral"]["to"]["code"].as_str().map(str::len),
        Some(5)
    );
    assert!(detail["visit"]["referral"] == true);
    // A visit that gave a re-exam appointment.
    let re_exam = fhir_search(&format!(
        "ServiceRequest?patient=Patient/{id}&category=http://snomed.info/sct|390906007&_count=1"
    ));
    let at = re_exam[0]["encounter"]["reference"]
        .as_str()
        .unwrap()
        .trim_start_matches("Encounter/")
        .to_owned();
    let detail = get(&url(&format!("visits/{at}"), None), Some(&cookie)).json();
    assert_eq!(
        detail["follow_up"]["date"].as_str(),
        re_exam[0]["occurrenceDateTime"].as_str().map(|d| &d[..10])
    );
    assert_eq!(detail["visit"]["follow_up"], detail["follow_up"]["date"]);

    // Someone else's visit is not in this book.
    let child_visit = fhir_search(&format!("Encounter?patient=Patient/{child}&_count=1"));
    let other = child_visit[0]["id"].as_str().unwrap();
    assert_error(
        &get(&url(&format!("visits/{other}"), None), Some(&cookie)),
        404,
        "not_found",
    );
    assert_error(
        &get(&url("visits/no..such", None), Some(&cookie)),
        404,
        "not_found",
    );
}

/// The toddler who missed the 18-month session: the EPI schedule says what is overdue.
#[test]
fn a_childs_epi_schedule_shows_what_is_overdue() {
    let mother = Stack::get().login("guardian", 0);
    let cookie = session_cookie(mother);
    let mut overdue_found = false;
    for child in &mother.dependants {
        let body = get(&url("immunizations", Some(child)), Some(&cookie)).json();
        let epi = &body["epi"];
        assert!(epi.is_object(), "children get the schedule");
        let doses = epi["doses"].as_array().unwrap();
        let done = doses.iter().filter(|d| d["status"] == "done").count() as u64;
        assert_eq!(epi["done"], done);
        for d in doses.iter().filter(|d| d["status"] == "done") {
            let record = d["record"].as_str().unwrap();
            assert!(
                body["immunizations"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|i| i["record"] == record)
            );
        }
        if doses
            .iter()
            .any(|d| d["vaccine"] == "mr" && d["status"] == "overdue")
        {
            overdue_found = true;
        }
        let history = get(&url("history", Some(child)), Some(&cookie)).json();
        assert!(
            history["birth"]["weight_kg"].is_number(),
            "birth record: {}",
            history["birth"]
        );
    }
    assert!(
        overdue_found,
        "the toddler's measles-rubella dose is overdue"
    );
}

/// Every new endpoint, for everyone who is not allowed: another citizen, clinic staff,
/// anonymous. Never data, never a write.
#[test]
fn authorization_matrix_of_every_endpoint() {
    let stack = Stack::get();
    let mother = stack.login("guardian", 0);
    let child = mother.dependants[0].clone();
    let child_visit = fhir_search(&format!("Encounter?patient=Patient/{child}&_count=1"))[0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let other = session_cookie(stack.login("citizen", 1));
    let staff = session_cookie(stack.login("staff", 0));
    let guardian = session_cookie(mother);
    let child_name = fhir_read(&format!("Patient/{child}"))["name"][0]["text"]
        .as_str()
        .unwrap()
        .to_owned();
    let mut gets: Vec<String> = SECTIONS.iter().map(|s| s.to_string()).collect();
    gets.extend([
        "corrections".to_owned(),
        "export".to_owned(),
        format!("visits/{child_visit}"),
    ]);

    for path in &gets {
        // The guardian of that child: allowed.
        let ok = get(&url(path, Some(&child)), Some(&guardian));
        assert_eq!(ok.status, 200, "guardian {path}: {}", ok.body);
        // Another citizen naming the child, staff, anonymous: refused without data.
        for (who, cookie, status, code) in [
            (
                "another citizen",
                Some(other.as_str()),
                403,
                "not_authorized",
            ),
            ("staff", Some(staff.as_str()), 403, "not_authorized"),
            ("anonymous", None, 401, "unauthenticated"),
        ] {
            let reply = get(&url(path, Some(&child)), cookie);
            assert_error(&reply, status, code);
            assert!(
                !reply.body.contains(&child_name),
                "{who} {path} leaked the name"
            );
        }
        // Staff have no book of their own to open either.
        assert_error(&get(&url(path, None), Some(&staff)), 403, "not_authorized");
    }

    let before = (
        fhir_total(&format!("Observation?patient=Patient/{child}")),
        fhir_total(&format!("Task?patient=Patient/{child}")),
    );
    let report = json!({"items": [{"kind": "weight", "value": 12.5}]});
    let correction = json!({"record": null, "section": "immunizations", "kind": "missing",
        "description": "Thiếu mũi tiêm sởi ở trạm y tế", "facility_code": null});
    for (path, body) in [("self-reported", &report), ("corrections", &correction)] {
        assert_error(
            &post(path, Some(&child), Some(&other), body),
            403,
            "not_authorized",
        );
        assert_error(
            &post(path, Some(&child), Some(&staff), body),
            403,
            "not_authorized",
        );
        assert_error(
            &post(path, Some(&child), None, body),
            401,
            "unauthenticated",
        );
        // Without the app's Origin (CSRF), even the guardian is refused.
        let reply = request(
            "POST",
            &url(path, Some(&child)),
            &[("Cookie", &guardian), ("Content-Type", "application/json")],
            Some(&body.to_string()),
        );
        assert_error(&reply, 403, "bad_origin");
    }
    let after = (
        fhir_total(&format!("Observation?patient=Patient/{child}")),
        fhir_total(&format!("Task?patient=Patient/{child}")),
    );
    assert_eq!(before, after, "refused writes wrote nothing");
}

/// A citizen declares values: written at once as patient-recorded FHIR resources in the
/// store, and the book shows them as self-reported.
#[test]
fn self_reported_values_are_patient_recorded_and_visible_at_once() {
    let me = ordinary_adult(0);
    let report = json!({"items": [
        {"kind": "blood_pressure", "systolic": 146, "diastolic": 92, "pulse": 78},
        {"kind": "height", "value": 158},
        {"kind": "weight", "value": 57.5},
        {"kind": "glucose", "value": 118, "unit": "mg_dl", "fasting": true},
        {"kind": "blood_group", "abo": "A", "rh": "positive"},
        {"kind": "allergy", "substance": "Tôm", "category": "food", "severe": false, "reaction": "Ngứa, nổi mẩn"},
        {"kind": "family_history", "relation": "mother", "condition": "Đái tháo đường týp 2", "code": "E11", "onset_age": 55},
        {"kind": "tobacco", "status": "never"},
        {"kind": "physical_activity", "days_per_week": 4},
        {"kind": "occupational_exposure", "description": "Bụi gỗ tại xưởng mộc"}
    ]});
    let reply = post("self-reported", None, Some(&me.cookie), &report);
    assert_eq!(reply.status, 201, "{}", reply.body);
    let saved = reply.json();
    check_schema("SelfReportSaved", &saved);
    let records: Vec<String> = saved["records"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap().to_owned())
        .collect();
    // BP, pulse, height, weight, BMI, glucose, blood group, allergy, family, tobacco, activity, exposure.
    assert_eq!(records.len(), 12, "{records:?}");
    let own = format!("Patient/{}", me.patient);
    for record in &records {
        let r = fhir_read(record);
        assert_eq!(
            r["meta"]["tag"][0]["code"], "self-reported",
            "{record} is tagged self-reported"
        );
        let by = [
            &r["performer"][0],
            &r["asserter"],
            &r["patient"],
            &r["subject"],
        ];
        assert!(
            by.iter().any(|x| x["reference"] == own.as_str()),
            "{record}: {r}"
        );
        if r["resourceType"] == "Observation" {
            assert_eq!(r["performer"][0]["reference"], own.as_str());
        }
    }
    let bmi = fhir_read(&records[4]);
    assert_eq!(bmi["valueQuantity"]["value"], 23.0);
    let glucose = fhir_read(&records[5]);
    assert_eq!(glucose["valueQuantity"]["value"], 6.6);

    // Visible at once, marked self-reported.
    let vitals = get(&url("vitals", None), Some(&me.cookie)).json();
    let latest = vitals["blood_pressure"]["points"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(latest["record"], records[0].as_str());
    assert_eq!(
        (latest["systolic"].as_f64(), latest["flag"].as_str()),
        (Some(146.0), Some("high"))
    );
    assert_eq!(latest["source"]["self_reported"], true);
    assert!(latest["source"]["facility"].is_null());
    assert_eq!(vitals["blood_group"]["record"], records[6].as_str());
    let allergies = get(&url("allergies", None), Some(&me.cookie)).json();
    assert!(
        allergies["allergies"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a["record"] == records[7].as_str()
                && a["allergy"]["source"]["self_reported"] == true)
    );
    let history = get(&url("history", None), Some(&me.cookie)).json();
    assert!(
        history["family_history"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["record"] == records[8].as_str())
    );
    assert!(
        history["risk_factors"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["record"] == records[11].as_str() && f["factor"] == "occupational_exposure")
    );
    let summary = get(&format!("{}/api/v1/book/summary", app()), Some(&me.cookie)).json();
    assert_eq!(summary["vitals"]["blood_pressure"]["systolic"], 146.0);
}

/// Implausible, future or malformed declarations are refused with a code and a sentence,
/// and nothing at all is written (not even the valid items before the bad one).
#[test]
fn invalid_self_reports_write_nothing() {
    let me = ordinary_adult(1);
    let count = || {
        (
            fhir_total(&format!("Observation?patient=Patient/{}", me.patient)),
            fhir_total(&format!(
                "AllergyIntolerance?patient=Patient/{}",
                me.patient
            )),
        )
    };
    let before = count();
    let cases: Vec<(Value, &str)> = vec![
        (
            json!({"items": [{"kind": "weight", "value": 60}, {"kind": "blood_pressure", "systolic": 400, "diastolic": 80}]}),
            "implausible_value",
        ),
        (
            json!({"items": [{"kind": "blood_pressure", "systolic": 80, "diastolic": 120}]}),
            "implausible_value",
        ),
        (
            json!({"items": [{"kind": "height", "value": 1600}]}),
            "implausible_value",
        ),
        (
            json!({"items": [{"kind": "weight", "value": 60, "date": "2099-01-01"}]}),
            "future_date",
        ),
        (
            json!({"items": [{"kind": "weight", "value": 60, "date": "1900-01-01"}]}),
            "before_birth",
        ),
        (
            json!({"items": [{"kind": "weight", "value": 60, "time": "25:00"}]}),
            "bad_time",
        ),
        (
            json!({"items": [{"kind": "allergy", "substance": "x", "category": "food"}]}),
            "bad_text",
        ),
        (
            json!({"items": [{"kind": "family_history", "relation": "father", "condition": "Ung thư", "code": "ung thư"}]}),
            "bad_code",
        ),
        (json!({"items": []}), "no_items"),
        (
            json!({"items": vec![json!({"kind": "height", "value": 160}); 11]}),
            "too_many_items",
        ),
        (
            json!({"items": [{"kind": "weight", "value": "sáu mươi"}]}),
            "bad_body",
        ),
        (json!({"items": [{"kind": "mood", "value": 5}]}), "bad_body"),
        (
            json!({"items": [{"kind": "weight", "value": 60}], "extra": 1}),
            "bad_body",
        ),
    ];
    for (body, code) in &cases {
        let reply = post("self-reported", None, Some(&me.cookie), body);
        assert_error(&reply, 400, code);
    }
    let e = post("self-reported", None, Some(&me.cookie), &cases[0].0).json();
    assert!(
        e["message"]
            .as_str()
            .unwrap()
            .starts_with("Mục 2: Huyết áp tâm thu phải từ 60 đến 260 mmHg.")
    );
    // Not JSON, wrong content type, too large.
    let reply = request(
        "POST",
        &url("self-reported", None),
        &[
            ("Origin", app()),
            ("Content-Type", "application/json"),
            ("Cookie", &me.cookie),
        ],
        Some("{not json"),
    );
    assert_error(&reply, 400, "bad_body");
    let reply = request(
        "POST",
        &url("self-reported", None),
        &[
            ("Origin", app()),
            ("Content-Type", "text/plain"),
            ("Cookie", &me.cookie),
        ],
        Some("{}"),
    );
    assert_error(&reply, 400, "bad_content_type");
    let huge =
        json!({"items": [{"kind": "occupational_exposure", "description": "x".repeat(20_000)}]});
    assert_error(
        &post("self-reported", None, Some(&me.cookie), &huge),
        400,
        "body_too_large",
    );
    assert_eq!(count(), before, "nothing written");
}

/// A guardian declares for a child: recorded by the guardian's RelatedPerson, audited.
#[test]
fn a_guardian_declares_for_a_child() {
    let (mother, child) = ordinary_mother(0);
    let audits = || fhir_total(&format!("AuditEvent?entity=Patient/{child}&action=C"));
    let before = audits();
    let reply = post(
        "self-reported",
        Some(&child),
        Some(&mother.cookie),
        &json!({"items": [{"kind": "weight", "value": 18.4}, {"kind": "allergy", "substance": "Sữa bò", "category": "food"}]}),
    );
    assert_eq!(reply.status, 201, "{}", reply.body);
    let records = reply.json()["records"].clone();
    let weight = fhir_read(records[0].as_str().unwrap());
    assert_eq!(weight["subject"]["reference"], format!("Patient/{child}"));
    let by = weight["performer"][0]["reference"].as_str().unwrap();
    assert!(by.starts_with("RelatedPerson/"), "{by}");
    let link = fhir_read(by);
    assert_eq!(link["patient"]["reference"], format!("Patient/{child}"));
    let allergy = fhir_read(records[1].as_str().unwrap());
    assert_eq!(allergy["asserter"]["reference"], by);
    assert_eq!(
        allergy["verificationStatus"]["coding"][0]["code"],
        "unconfirmed"
    );
    assert!(audits() > before, "the guardian's write is audited");
    // The child's book shows it as self-reported; the mother's own book does not have it.
    let vitals = get(&url("vitals", Some(&child)), Some(&mother.cookie)).json();
    assert!(
        vitals["weight"]["points"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["record"] == records[0] && p["source"]["self_reported"] == true)
    );
    let own = get(&url("vitals", None), Some(&mother.cookie)).json();
    assert!(
        !own["weight"]["points"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["record"] == records[0])
    );
    assert_ne!(mother.patient, child);
}

/// "This is wrong / missing" becomes a Task for the source facility, visible with its status.
#[test]
fn corrections_are_tasks_for_the_source_facility() {
    // An ordinary adult with a weight a clinic recorded.
    let (me, point) = (2..40)
        .find_map(|n| {
            let me = ordinary_adult(n);
            let vitals = get(&url("vitals", None), Some(&me.cookie)).json();
            let point = vitals["weight"]["points"]
                .as_array()?
                .iter()
                .rev()
                .find(|p| p["source"]["self_reported"] == false)?
                .clone();
            Some((me, point))
        })
        .expect("an adult with a clinic-recorded weight");
    let record = point["record"].as_str().unwrap();
    let observation = fhir_read(record);
    let body = json!({"record": record, "section": "vitals", "kind": "wrong",
        "description": "Cân nặng này không đúng, hôm đó tôi nặng 52 kg.", "facility_code": null});
    let reply = post("corrections", None, Some(&me.cookie), &body);
    assert_eq!(reply.status, 201, "{}", reply.body);
    let created = reply.json();
    check_schema("Correction", &created);
    assert_eq!(created["status"], "requested");
    assert_eq!(created["facility"], point["source"]["facility"]);
    let task = fhir_read(&format!("Task/{}", created["id"].as_str().unwrap()));
    assert_eq!(task["status"], "requested");
    assert_eq!(task["focus"]["reference"], record);
    assert_eq!(task["for"]["reference"], format!("Patient/{}", me.patient));
    assert_eq!(
        task["owner"]["reference"],
        observation["performer"][0]["reference"]
    );
    assert_eq!(
        task["requester"]["reference"],
        format!("Patient/{}", me.patient)
    );
    assert_eq!(
        task["description"],
        "Cân nặng này không đúng, hôm đó tôi nặng 52 kg."
    );
    // Listed, and shown in the section it was raised from.
    let list = get(&url("corrections", None), Some(&me.cookie)).json();
    assert!(
        list["corrections"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == created["id"])
    );
    let vitals = get(&url("vitals", None), Some(&me.cookie)).json();
    assert!(
        vitals["corrections"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == created["id"])
    );
    // The facility answers; the citizen sees the new status.
    let mut answered = task.clone();
    answered["status"] = json!("rejected");
    answered["statusReason"] = json!({"text": "Đã đối chiếu sổ khám, số liệu đúng."});
    let put = request(
        "PUT",
        &format!(
            "{}/Task/{}",
            Stack::get().fhir,
            created["id"].as_str().unwrap()
        ),
        &[("Content-Type", "application/fhir+json")],
        Some(&answered.to_string()),
    );
    assert_eq!(put.status, 200, "{}", put.body);
    let list = get(&url("corrections", None), Some(&me.cookie)).json();
    let mine = list["corrections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == created["id"])
        .unwrap()
        .clone();
    assert_eq!(mine["status"], "rejected");
    assert_eq!(mine["response"], "Đã đối chiếu sổ khám, số liệu đúng.");

    // A missing vaccination goes to the registered facility unless the citizen names one.
    let missing = json!({"record": null, "section": "immunizations", "kind": "missing",
        "description": "Tôi đã tiêm vắc xin cúm tháng 10 nhưng chưa thấy trong sổ.", "facility_code": "01001"});
    let reply = post("corrections", None, Some(&me.cookie), &missing);
    assert_eq!(reply.status, 201, "{}", reply.body);
    let task = fhir_read(&format!("Task/{}", reply.json()["id"].as_str().unwrap()));
    let owner = fhir_read(task["owner"]["reference"].as_str().unwrap());
    assert_eq!(owner["identifier"][0]["value"], "01001");

    // Someone else's item, a bad description, an unknown facility: 400 and no Task.
    let tasks = || fhir_total(&format!("Task?patient=Patient/{}", me.patient));
    let before = tasks();
    let elder_obs = fhir_search(&format!(
        "Observation?patient=Patient/{}&_count=1",
        elder().patient.as_deref().unwrap()
    ));
    let theirs = format!("Observation/{}", elder_obs[0]["id"].as_str().unwrap());
    for (body, code) in [
        (
            json!({"record": theirs, "section": "labs", "kind": "wrong", "description": "Không phải của tôi"}),
            "unknown_record",
        ),
        (
            json!({"record": "Observation/does-not-exist", "section": "labs", "kind": "wrong", "description": "Không phải của tôi"}),
            "unknown_record",
        ),
        (
            json!({"record": "Practitioner/x", "section": "labs", "kind": "wrong", "description": "Không phải của tôi"}),
            "bad_record",
        ),
        (
            json!({"record": null, "section": "labs", "kind": "wrong", "description": "Không phải của tôi"}),
            "bad_record",
        ),
        (
            json!({"record": record, "section": "vitals", "kind": "wrong", "description": "sai"}),
            "bad_description",
        ),
        (
            json!({"record": null, "section": "visits", "kind": "missing", "description": "Thiếu lần khám", "facility_code": "99999"}),
            "unknown_facility",
        ),
        (
            json!({"section": "nowhere", "kind": "wrong", "description": "Không phải của tôi"}),
            "bad_body",
        ),
    ] {
        assert_error(
            &post("corrections", None, Some(&me.cookie), &body),
            400,
            code,
        );
    }
    assert_eq!(tasks(), before, "refused requests wrote nothing");
}

/// "Download my data": a FHIR R4 Bundle of everything the book holds, only this book.
#[test]
fn export_is_a_fhir_bundle_of_the_book() {
    let login = elder();
    let id = login.patient.as_deref().unwrap();
    let cookie = session_cookie(login);
    let reply = get(&url("export", None), Some(&cookie));
    assert_eq!(reply.status, 200);
    assert!(
        reply
            .header("content-type")
            .unwrap_or_default()
            .starts_with("application/fhir+json")
    );
    assert!(
        reply
            .header("content-disposition")
            .unwrap_or_default()
            .starts_with("attachment;")
    );
    assert_eq!(reply.header("cache-control"), Some("no-store"));
    let bundle = reply.json();
    assert_eq!(
        (bundle["resourceType"].as_str(), bundle["type"].as_str()),
        (Some("Bundle"), Some("collection"))
    );
    let entries = bundle["entry"].as_array().unwrap();
    let own = format!("Patient/{id}");
    let mut by_type: std::collections::HashMap<String, u64> = Default::default();
    for e in entries {
        let r = &e["resource"];
        let ty = r["resourceType"].as_str().unwrap();
        assert!(
            e["fullUrl"]
                .as_str()
                .unwrap()
                .ends_with(&format!("/{ty}/{}", r["id"].as_str().unwrap()))
        );
        *by_type.entry(ty.to_owned()).or_default() += 1;
        if ty == "Patient" {
            assert_eq!(r["id"], id);
        } else {
            let about = ["subject", "patient", "beneficiary", "for"]
                .iter()
                .any(|k| r[*k]["reference"] == own.as_str());
            assert!(about, "{ty}/{} is about someone else", r["id"]);
        }
    }
    assert_eq!(by_type["Patient"], 1);
    assert_eq!(
        by_type["Observation"],
        fhir_total(&format!("Observation?patient={own}"))
    );
    assert!(by_type["Observation"] >= 500);
    for ty in [
        "Encounter",
        "Condition",
        "MedicationRequest",
        "Immunization",
        "DiagnosticReport",
        "ServiceRequest",
    ] {
        assert_eq!(
            by_type.get(ty).copied().unwrap_or(0),
            fhir_total(&format!("{ty}?patient={own}")),
            "{ty}"
        );
    }
    assert_eq!(
        by_type["Coverage"],
        fhir_total(&format!("Coverage?beneficiary={own}"))
    );
    // No practitioner, organization or other person's resource travels with it.
    for ty in ["Practitioner", "Organization", "AuditEvent"] {
        assert!(!by_type.contains_key(ty), "{ty}");
    }
}
