//! Booking through the edge against the real stack, as the Contract describes it:
//! facility lookups, availability, holds, idempotent bookings, cancel and reschedule, and who
//! may see and change what. Every write is checked against the store (ground truth).
//!
//! Each test books on its own facility-day with its own seeded citizens (disjoint ranges of
//! `seeded_citizens()`), so tests can run in parallel and never meet "already booked".

use serde_json::{Value, json};
use shared::date::IsoDate;
use tests::{
    Citizen, Reply, Stack, fhir_search, get, seeded_citizens, send_json, session_cookie, vn_today,
};

fn app() -> &'static str {
    &Stack::get().app
}

/// Citizens `from..from + n` of the seed; the contention test uses the first 250.
/// `SSK_RERUN_OFFSET=<n>` shifts every range, to run these tests again on a used dev stack.
fn people(from: usize, n: usize) -> &'static [Citizen] {
    let from = from + rerun_offset();
    let all = seeded_citizens();
    assert!(
        all.len() >= from + n,
        "the seed has {} adult citizens, the test needs {}",
        all.len(),
        from + n
    );
    &all[from..from + n]
}

fn rerun_offset() -> usize {
    std::env::var("SSK_RERUN_OFFSET")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// The `k`-th weekday from ten days ahead (Vietnam time): each test books on a day of its own,
/// clear of the contention test's day at the end of the window.
fn weekday(k: usize) -> IsoDate {
    let mut d = vn_today().add_days(10);
    let mut seen = 0;
    loop {
        if !shared::schedule::Weekday::of(d).is_weekend() {
            if seen == k {
                return d;
            }
            seen += 1;
        }
        d = d.add_days(1);
    }
}

/// An `Idempotency-Key` of this run: a new one for every booking attempt, as a client makes.
fn idem_key(tag: &str, who: &str) -> String {
    static RUN: std::sync::OnceLock<u128> = std::sync::OnceLock::new();
    let run = RUN.get_or_init(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_micros())
            .unwrap_or(0)
    });
    format!("it-{tag}-{who}-{run:x}")
}

fn assert_refusal(reply: &Reply, status: u16, code: &str) {
    assert_eq!(
        reply.status, status,
        "expected {code}; body: {}",
        reply.body
    );
    assert_eq!(reply.code(), code, "body: {}", reply.body);
    let message = reply.json()["message"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(message.contains(" / "), "Vietnamese / English: {message}");
}

fn availability(facility: &str, date: IsoDate) -> Value {
    let reply = get(
        &format!(
            "{}/api/v1/facilities/{facility}/availability?date={date}",
            app()
        ),
        None,
    );
    assert_eq!(reply.status, 200, "availability: {}", reply.body);
    reply.json()
}

/// Free slots of a facility-day, in start order.
fn free_slots(facility: &str, date: IsoDate) -> Vec<String> {
    availability(facility, date)["slots"]
        .as_array()
        .expect("slots")
        .iter()
        .filter(|s| s["status"] == "free")
        .map(|s| s["id"].as_str().expect("slot id").to_owned())
        .collect()
}

fn hold(cookie: &str, body: Value) -> Reply {
    send_json(
        "POST",
        &format!("{}/api/v1/holds", app()),
        Some(cookie),
        &[],
        Some(&body),
    )
}

fn hold_slot(cookie: &str, slot: &str) -> Reply {
    hold(cookie, json!({ "slot_id": slot }))
}

fn declaration(reason: &str) -> Value {
    json!({ "reason": reason, "symptoms": ["cough"], "infectious_contact": false })
}

fn book(cookie: &str, key: Option<&str>, hold_id: &str, reason: &str) -> Reply {
    let headers: Vec<(&str, &str)> = key.map(|k| ("Idempotency-Key", k)).into_iter().collect();
    send_json(
        "POST",
        &format!("{}/api/v1/appointments", app()),
        Some(cookie),
        &headers,
        Some(&json!({ "hold_id": hold_id, "declaration": declaration(reason) })),
    )
}

/// Holds then books `slot`; returns the appointment JSON.
fn hold_and_book(cookie: &str, slot: &str, key: &str) -> Value {
    let h = hold_slot(cookie, slot);
    assert_eq!(h.status, 201, "hold {slot}: {}", h.body);
    let b = book(
        cookie,
        Some(key),
        h.json()["id"].as_str().expect("hold id"),
        "Khám sức khỏe",
    );
    assert_eq!(b.status, 201, "book {slot}: {}", b.body);
    b.json()
}

/// The store's local id of an API id (`<facility>.<yyyymmdd>.<local>`).
fn local(id: &str) -> &str {
    id.splitn(3, '.').nth(2).expect("composite id")
}

fn slot_in_store(slot_api_id: &str) -> Value {
    let found = fhir_search(&format!("Slot?_id={}", local(slot_api_id)));
    assert_eq!(found.len(), 1, "slot {slot_api_id} in the store");
    found[0].clone()
}

fn appointment_in_store(appt_api_id: &str) -> Value {
    let found = fhir_search(&format!("Appointment?_id={}", local(appt_api_id)));
    assert_eq!(found.len(), 1, "appointment {appt_api_id} in the store");
    found[0].clone()
}

/// Active appointments in the store on `slot`.
fn active_on_slot(slot_api_id: &str) -> Vec<Value> {
    fhir_search(&format!("Appointment?slot=Slot/{}", local(slot_api_id)))
        .into_iter()
        .filter(|a| {
            !matches!(
                a["status"].as_str(),
                Some("cancelled" | "noshow" | "entered-in-error")
            )
        })
        .collect()
}

fn patient_of(appt: &Value) -> String {
    appt["participant"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|p| p["actor"]["reference"].as_str())
        .find_map(|r| r.strip_prefix("Patient/"))
        .unwrap_or_default()
        .to_owned()
}

/// A card of `patient` from the store: (BHYT number, registered facility code).
fn card_of(patient: &str) -> (String, String) {
    let coverage = fhir_search(&format!("Coverage?beneficiary=Patient/{patient}"));
    let bhyt = coverage
        .iter()
        .flat_map(|c| c["identifier"].as_array().cloned().unwrap_or_default())
        .find(|i| i["system"] == shared::fhir::SYSTEM_BHYT)
        .and_then(|i| i["value"].as_str().map(str::to_owned))
        .expect("a BHYT card");
    let p = &fhir_search(&format!("Patient?_id={patient}"))[0];
    let org = p["generalPractitioner"][0]["reference"]
        .as_str()
        .and_then(|r| r.strip_prefix("Organization/"))
        .expect("a registered facility")
        .to_owned();
    let o = &fhir_search(&format!("Organization?_id={org}"))[0];
    let code = o["identifier"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|i| i["system"] == shared::fhir::SYSTEM_FACILITY)
        .and_then(|i| i["value"].as_str())
        .expect("facility code")
        .to_owned();
    (bhyt, code)
}

/// Citizens of the seed who hold a BHYT card with a registered facility.
fn carded(from: usize, n: usize) -> Vec<(Citizen, String, String)> {
    seeded_citizens()[from..]
        .iter()
        .filter_map(|c| {
            let coverage = fhir_search(&format!("Coverage?beneficiary=Patient/{}", c.patient));
            let has_card = coverage.iter().any(|cv| {
                cv["identifier"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|i| i["system"] == shared::fhir::SYSTEM_BHYT)
            });
            has_card.then(|| {
                let (bhyt, code) = card_of(&c.patient);
                (c.clone(), bhyt, code)
            })
        })
        .take(n)
        .collect()
}

/// Nothing that identifies `who` appears in `body`.
fn reveals_nothing_of(body: &str, who: &Citizen) {
    assert!(!body.contains(&who.name), "name leaked: {body}");
    // The given names together ("Văn Thành"); a single word may be a street's or ward's name.
    let words: Vec<&str> = who.name.split_whitespace().collect();
    if words.len() >= 3 {
        let given = words[words.len() - 2..].join(" ");
        assert!(!body.contains(&given), "given names {given} leaked: {body}");
    }
    assert!(!body.contains(&who.birth_date), "birth date leaked: {body}");
    assert!(!body.contains(&who.patient), "patient id leaked: {body}");
    assert!(!body.contains(&who.login), "CCCD leaked: {body}");
}

#[test]
fn facility_lookup_proposes_the_registered_facility_first_and_reveals_nobody() {
    let caller = &people(300, 1)[0];
    let cookie = caller.sign_in();
    let others = carded(310 + rerun_offset(), 2);
    for (other, bhyt, registered) in &others {
        for query in [format!("bhyt={bhyt}"), format!("cccd={}", other.login)] {
            let reply = get(
                &format!("{}/api/v1/facilities?{query}", app()),
                Some(&cookie),
            );
            assert_eq!(reply.status, 200, "{query}: {}", reply.body);
            let body = reply.json();
            assert!(body["as_of"].is_string(), "as_of: {}", reply.body);
            assert_eq!(body["lookup"]["found"], true, "{query}: {}", reply.body);
            assert_eq!(body["lookup"]["registered"], registered.as_str());
            let first = &body["facilities"][0];
            assert_eq!(first["code"], registered.as_str(), "registered first");
            assert_eq!(first["registered"], true);
            let registered_count = body["facilities"]
                .as_array()
                .expect("facilities")
                .iter()
                .filter(|f| f["registered"] == true)
                .count();
            assert_eq!(registered_count, 1, "exactly one registered facility");
            reveals_nothing_of(&reply.body, other);
            if query.starts_with("cccd") {
                assert!(!reply.body.contains(bhyt.as_str()), "card number leaked");
            }
        }
    }
    // Numbers that match nobody: the same shape, nothing found.
    let reply = get(
        &format!("{}/api/v1/facilities?cccd=001099999999", app()),
        Some(&cookie),
    );
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.json()["lookup"]["found"], false);
    assert!(reply.json()["facilities"][0]["registered"] != true);
    // Malformed numbers are a clear 400, not a lookup.
    let bad = get(
        &format!("{}/api/v1/facilities?cccd=12345", app()),
        Some(&cookie),
    );
    assert_eq!(bad.status, 400, "{}", bad.body);
    // Looking up someone's number needs a session; a name search does not.
    let anonymous = get(
        &format!("{}/api/v1/facilities?bhyt={}", app(), others[0].1),
        None,
    );
    assert_eq!(anonymous.status, 401, "{}", anonymous.body);
    let by_name = get(&format!("{}/api/v1/facilities?q=cho%20ray", app()), None);
    assert_eq!(by_name.status, 200, "{}", by_name.body);
    let codes: Vec<String> = by_name.json()["facilities"]
        .as_array()
        .expect("facilities")
        .iter()
        .filter_map(|f| f["code"].as_str().map(str::to_owned))
        .collect();
    assert!(
        codes.contains(&"79001".to_owned()),
        "accent-insensitive name search: {codes:?}"
    );
    let by_province = get(
        &format!(
            "{}/api/v1/facilities?q=tram%20y%20te&province=da%20nang",
            app()
        ),
        None,
    );
    assert_eq!(by_province.status, 200, "{}", by_province.body);
    for f in by_province.json()["facilities"]
        .as_array()
        .expect("facilities")
    {
        assert_eq!(f["address"]["province"], "Đà Nẵng", "province filter: {f}");
    }
}

#[test]
fn availability_has_the_contract_shape_and_agrees_with_the_store() {
    let date = weekday(0);
    let body = availability("48001", date);
    assert!(
        body["as_of"].as_str().is_some_and(|s| s.len() >= 16),
        "as_of: {body}"
    );
    let slots = body["slots"].as_array().expect("slots");
    assert!(
        !slots.is_empty(),
        "a weekday at a provincial hospital has slots"
    );
    let mut ids = Vec::new();
    for s in slots {
        for field in [
            "id",
            "start",
            "end",
            "department",
            "practitioner",
            "room",
            "status",
        ] {
            assert!(
                s[field].as_str().is_some_and(|v| !v.is_empty()),
                "{field} in {s}"
            );
        }
        assert!(s["start"].as_str() < s["end"].as_str());
        assert!(
            s["start"]
                .as_str()
                .unwrap_or_default()
                .starts_with(&date.to_string()),
            "slot on the day asked: {s}"
        );
        ids.push((
            local(s["id"].as_str().unwrap_or_default()).to_owned(),
            s["status"].as_str().unwrap_or_default().to_owned(),
        ));
    }
    // Ground truth: every slot shown exists in the store with a matching status.
    for chunk in ids.chunks(40) {
        let list: Vec<&str> = chunk.iter().map(|(id, _)| id.as_str()).collect();
        let stored = fhir_search(&format!("Slot?_id={}&_count=100", list.join(",")));
        assert_eq!(
            stored.len(),
            chunk.len(),
            "every slot shown is in the store"
        );
        for (id, status) in chunk {
            let s = stored
                .iter()
                .find(|s| s["id"] == id.as_str())
                .expect("slot");
            let expected = match status.as_str() {
                "booked" => "busy",
                "free" | "held" => "free",
                other => panic!("unknown status {other}"),
            };
            assert_eq!(s["status"], expected, "slot {id}");
        }
    }
    // No personal data in a public, cached answer.
    assert!(!body.to_string().contains("Patient/"));
    // Bad dates and unknown facilities are clear refusals.
    let past = get(
        &format!(
            "{}/api/v1/facilities/48001/availability?date={}",
            app(),
            vn_today().add_days(-1)
        ),
        None,
    );
    assert_refusal(&past, 400, "bad_date");
    let unknown = get(
        &format!("{}/api/v1/facilities/99999/availability?date={date}", app()),
        None,
    );
    assert_refusal(&unknown, 404, "facility_not_found");
}

#[test]
fn hold_book_idempotently_and_cancel() {
    let [a, b] = people(320, 2) else {
        unreachable!()
    };
    let (ca, cb) = (a.sign_in(), b.sign_in());
    let date = weekday(1);
    let free = free_slots("48001", date);
    assert!(free.len() >= 2, "free slots on {date}");
    let slot = &free[0];

    let h = hold_slot(&ca, slot);
    assert_eq!(h.status, 201, "{}", h.body);
    let held = h.json();
    let hold_id = held["id"].as_str().expect("hold id").to_owned();
    assert!(held["expires_at"].is_string(), "{held}");
    assert!(held["seconds_left"].as_u64().is_some_and(|s| s > 0));
    // The slot is someone else's for now.
    assert_refusal(&hold_slot(&cb, slot), 409, "slot_taken");

    // No key: refused, and nothing written.
    assert_refusal(
        &book(&ca, None, &hold_id, "Đau đầu"),
        400,
        "idempotency_key_missing",
    );
    assert!(
        active_on_slot(slot).is_empty(),
        "no appointment without a key"
    );
    // Another citizen cannot use my hold.
    let stolen = book(
        &cb,
        Some(&idem_key("steal", &b.patient)),
        &hold_id,
        "Đau đầu",
    );
    assert_refusal(&stolen, 404, "hold_not_found");

    let key = idem_key("book", &a.patient);
    let first = book(&ca, Some(&key), &hold_id, "Đau đầu");
    assert_eq!(first.status, 201, "{}", first.body);
    let appt = first.json();
    let appt_id = appt["id"].as_str().expect("id").to_owned();
    let code = appt["code"].as_str().expect("code").to_owned();
    assert_eq!(appt["status"], "booked");
    assert!(
        appt["qr_svg"]
            .as_str()
            .is_some_and(|s| s.starts_with("<svg"))
    );
    // The same key and body again: the same appointment, 200.
    let again = book(&ca, Some(&key), &hold_id, "Đau đầu");
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(again.json()["id"], appt_id.as_str());
    assert_eq!(again.json()["code"], code.as_str());
    // The same key with another body: 422.
    assert_refusal(
        &book(&ca, Some(&key), &hold_id, "Sốt"),
        422,
        "idempotency_key_reused",
    );
    // A new key on a hold already used books nothing more.
    let other_key = book(
        &ca,
        Some(&idem_key("other-key", &a.patient)),
        &hold_id,
        "Đau đầu",
    );
    assert_eq!(other_key.status, 409, "{}", other_key.body);

    // Ground truth: one appointment on the slot, for A, and the slot busy.
    let on_slot = active_on_slot(slot);
    assert_eq!(on_slot.len(), 1, "exactly one appointment on the slot");
    assert_eq!(on_slot[0]["id"], local(&appt_id));
    assert_eq!(patient_of(&on_slot[0]), a.patient);
    assert_eq!(slot_in_store(slot)["status"], "busy");
    // Availability shows it booked (bookings invalidate the cache).
    let view = availability("48001", date);
    let shown = view["slots"]
        .as_array()
        .expect("slots")
        .iter()
        .find(|s| s["id"] == slot.as_str())
        .cloned()
        .expect("slot listed");
    assert_eq!(shown["status"], "booked");
    // One active booking per person per facility-day.
    assert_refusal(&hold_slot(&ca, &free[1]), 409, "already_booked");
    // It is in A's list.
    let mine = get(&format!("{}/api/v1/appointments", app()), Some(&ca));
    assert_eq!(mine.status, 200, "{}", mine.body);
    assert!(
        mine.json()["upcoming"]
            .as_array()
            .expect("upcoming")
            .iter()
            .any(|t| t["id"] == appt_id.as_str()),
        "listed: {}",
        mine.body
    );

    // Cancel: the appointment is cancelled in the store and the slot free again.
    let cancelled = send_json(
        "DELETE",
        &format!("{}/api/v1/appointments/{appt_id}", app()),
        Some(&ca),
        &[],
        None,
    );
    assert_eq!(cancelled.status, 200, "{}", cancelled.body);
    assert_eq!(cancelled.json()["status"], "cancelled");
    assert_eq!(appointment_in_store(&appt_id)["status"], "cancelled");
    assert_eq!(slot_in_store(slot)["status"], "free");
    // Cancelling twice is a clear refusal.
    let twice = send_json(
        "DELETE",
        &format!("{}/api/v1/appointments/{appt_id}", app()),
        Some(&ca),
        &[],
        None,
    );
    assert_refusal(&twice, 409, "not_changeable");
    // The slot is bookable again, by someone else, at once.
    let rebooked = hold_and_book(&cb, slot, &idem_key("rebook", &b.patient));
    assert_eq!(rebooked["status"], "booked");
    assert_eq!(active_on_slot(slot).len(), 1);
    assert_eq!(patient_of(&active_on_slot(slot)[0]), b.patient);
}

#[test]
fn reschedule_secures_the_new_slot_before_releasing_the_old() {
    let [a, b] = people(330, 2) else {
        unreachable!()
    };
    let (ca, cb) = (a.sign_in(), b.sign_in());
    let date = weekday(2);
    let free = free_slots("48001", date);
    assert!(free.len() >= 4, "free slots on {date}");
    let (old_slot, new_slot, contested) = (&free[0], &free[1], &free[2]);
    let appt = hold_and_book(&ca, old_slot, &idem_key("resched", &a.patient));
    let appt_id = appt["id"].as_str().expect("id").to_owned();

    // A slot someone else holds cannot be taken: the old appointment is untouched.
    assert_eq!(hold_slot(&cb, contested).status, 201);
    let refused = hold(&ca, json!({ "slot_id": contested, "replaces": appt_id }));
    assert_refusal(&refused, 409, "slot_taken");
    // A reschedule with a hold that does not exist changes nothing either.
    let bogus = send_json(
        "POST",
        &format!("{}/api/v1/appointments/{appt_id}/reschedule", app()),
        Some(&ca),
        &[],
        Some(&json!({ "hold_id": format!("48001.{}.nohold", date.to_string().replace('-', "")) })),
    );
    assert_refusal(&bogus, 404, "hold_not_found");
    assert_eq!(appointment_in_store(&appt_id)["status"], "booked");
    assert_eq!(slot_in_store(old_slot)["status"], "busy");

    // The real reschedule: hold the new slot (same day, replacing the booking), then move.
    let h = hold(&ca, json!({ "slot_id": new_slot, "replaces": appt_id }));
    assert_eq!(h.status, 201, "{}", h.body);
    let moved = send_json(
        "POST",
        &format!("{}/api/v1/appointments/{appt_id}/reschedule", app()),
        Some(&ca),
        &[],
        Some(&json!({ "hold_id": h.json()["id"] })),
    );
    assert!(matches!(moved.status, 200 | 201), "{}", moved.body);
    let new_appt = moved.json();
    let new_id = new_appt["id"].as_str().expect("id").to_owned();
    assert_ne!(new_id, appt_id);
    assert_eq!(new_appt["status"], "booked");
    // Ground truth: new slot busy with A's booking, old slot free, old booking cancelled.
    assert_eq!(slot_in_store(new_slot)["status"], "busy");
    assert_eq!(slot_in_store(old_slot)["status"], "free");
    assert_eq!(appointment_in_store(&appt_id)["status"], "cancelled");
    let on_new = active_on_slot(new_slot);
    assert_eq!(on_new.len(), 1);
    assert_eq!(patient_of(&on_new[0]), a.patient);
    assert!(active_on_slot(old_slot).is_empty());
    // The old one cannot be rescheduled again.
    let h2 = hold(&ca, json!({ "slot_id": &free[3], "replaces": new_id }));
    assert_eq!(h2.status, 201, "{}", h2.body);
    let stale = send_json(
        "POST",
        &format!("{}/api/v1/appointments/{appt_id}/reschedule", app()),
        Some(&ca),
        &[],
        Some(&json!({ "hold_id": h2.json()["id"] })),
    );
    assert_refusal(&stale, 409, "not_changeable");
    assert_eq!(slot_in_store(&free[3])["status"], "free");
}

#[test]
fn an_expired_hold_cannot_be_booked() {
    let a = &people(340, 1)[0];
    let ca = a.sign_in();
    let date = weekday(3);
    let slot = free_slots("48001", date)[0].clone();
    let h = hold_slot(&ca, &slot);
    assert_eq!(h.status, 201, "{}", h.body);
    let hold_id = h.json()["id"].as_str().expect("id").to_owned();
    let ttl = Stack::get().hold_seconds.unwrap_or(300);
    std::thread::sleep(std::time::Duration::from_secs(ttl + 3));
    let late = book(&ca, Some(&idem_key("late", &a.patient)), &hold_id, "Ho");
    assert_refusal(&late, 409, "hold_expired");
    assert!(active_on_slot(&slot).is_empty(), "nothing booked");
    assert_eq!(slot_in_store(&slot)["status"], "free");
    let view = availability("48001", date);
    let shown = view["slots"]
        .as_array()
        .expect("slots")
        .iter()
        .find(|s| s["id"] == slot.as_str())
        .cloned()
        .expect("slot listed");
    assert_eq!(shown["status"], "free", "the expired hold was released");
}

#[test]
fn a_full_day_and_a_closed_day_are_explained() {
    // A commune station's far day: few slots, almost none booked.
    let date = weekday(7);
    let free = free_slots("56201", date);
    assert!(
        !free.is_empty() && free.len() <= 40,
        "{} free slots",
        free.len()
    );
    // Everyone signs in first, so the holds are taken well within their lifetime.
    let cookies: Vec<String> = people(350, free.len() + 1)
        .iter()
        .map(Citizen::sign_in)
        .collect();
    for (slot, cookie) in free.iter().zip(&cookies) {
        let h = hold_slot(cookie, slot);
        assert_eq!(h.status, 201, "{}", h.body);
    }
    let late = cookies.last().expect("one more").clone();
    assert_refusal(&hold_slot(&late, &free[0]), 409, "day_full");
    // A Sunday: the facility takes no bookings.
    let mut sunday = vn_today().add_days(1);
    while shared::schedule::Weekday::of(sunday) != shared::schedule::Weekday::Sun {
        sunday = sunday.add_days(1);
    }
    let slot = format!("56201.{}.noslot", sunday.to_string().replace('-', ""));
    assert_refusal(&hold_slot(&late, &slot), 409, "facility_closed");
}

#[test]
fn citizens_see_and_change_only_their_own_and_staff_only_their_facility() {
    let [a, b] = people(400, 2) else {
        unreachable!()
    };
    let (ca, cb) = (a.sign_in(), b.sign_in());
    let date = weekday(4);
    // 01201: the station whose staff member is a demo login.
    let slot = free_slots("01201", date)[0].clone();
    let appt = hold_and_book(&ca, &slot, &idem_key("authz", &a.patient));
    let id = appt["id"].as_str().expect("id").to_owned();
    let code = appt["code"].as_str().expect("code").to_owned();
    let url = format!("{}/api/v1/appointments/{id}", app());

    // A sees it.
    let own = get(&url, Some(&ca));
    assert_eq!(own.status, 200, "{}", own.body);
    // B does not: not found, and nothing of A's in the answer.
    let seen = get(&url, Some(&cb));
    assert_refusal(&seen, 404, "appointment_not_found");
    reveals_nothing_of(&seen.body, a);
    assert!(!seen.body.contains(&code));
    let list = get(
        &format!("{}/api/v1/appointments?patient={}", app(), a.patient),
        Some(&cb),
    );
    assert!(matches!(list.status, 403 | 404), "{}", list.body);
    reveals_nothing_of(&list.body, a);
    let b_list = get(&format!("{}/api/v1/appointments", app()), Some(&cb));
    assert_eq!(b_list.status, 200);
    assert!(!b_list.body.contains(&id), "B's list has only B's");
    let cancel = send_json("DELETE", &url, Some(&cb), &[], None);
    assert_refusal(&cancel, 404, "appointment_not_found");
    let resched = send_json(
        "POST",
        &format!("{url}/reschedule"),
        Some(&cb),
        &[],
        Some(&json!({ "hold_id": "01201.20990101.x" })),
    );
    assert!(matches!(resched.status, 403 | 404), "{}", resched.body);
    assert_eq!(
        appointment_in_store(&id)["status"],
        "booked",
        "still booked"
    );

    // Anonymous: 401 everywhere.
    for (method, path) in [
        ("GET", "/api/v1/appointments".to_owned()),
        ("GET", format!("/api/v1/appointments/{id}")),
        ("DELETE", format!("/api/v1/appointments/{id}")),
        ("POST", "/api/v1/holds".to_owned()),
        ("POST", "/api/v1/appointments".to_owned()),
        ("GET", "/api/v1/clinic/day".to_owned()),
    ] {
        let body = (method == "POST").then(|| json!({ "slot_id": slot, "hold_id": "x" }));
        let reply = send_json(
            method,
            &format!("{}{path}", app()),
            None,
            &[],
            body.as_ref(),
        );
        assert_eq!(reply.status, 401, "{method} {path}: {}", reply.body);
    }

    // Staff: their own facility's list has the booking; another facility's staff do not see
    // it, and cannot ask for another facility.
    let stack = Stack::get();
    let staff = |code: &str| {
        stack
            .logins
            .iter()
            .find(|l| l.role == "staff" && l.facility_code.as_deref() == Some(code))
            .unwrap_or_else(|| panic!("a staff login at {code}"))
    };
    let here = session_cookie(staff("01201"));
    let there = session_cookie(staff("01001"));
    let day_here = get(
        &format!("{}/api/v1/clinic/day?date={date}", app()),
        Some(&here),
    );
    assert_eq!(day_here.status, 200, "{}", day_here.body);
    assert!(
        day_here.body.contains(&code),
        "staff of 01201 see the booking"
    );
    let day_there = get(
        &format!("{}/api/v1/clinic/day?date={date}&facility=01201", app()),
        Some(&there),
    );
    assert_eq!(day_there.status, 200, "{}", day_there.body);
    assert_eq!(
        day_there.json()["facility"]["code"],
        "01001",
        "always their own facility"
    );
    assert!(
        !day_there.body.contains(&code),
        "staff of 01001 do not see it"
    );
    reveals_nothing_of(&day_there.body, a);
    // Staff are not citizens, and citizens are not staff.
    let staff_reads = get(&url, Some(&here));
    assert!(
        matches!(staff_reads.status, 403 | 404),
        "{}",
        staff_reads.body
    );
    let staff_holds = hold_slot(&here, &slot);
    assert_refusal(&staff_holds, 403, "not_authorized");
    let citizen_clinic = get(&format!("{}/api/v1/clinic/day", app()), Some(&ca));
    assert_refusal(&citizen_clinic, 403, "not_authorized");

    // A cancels their own.
    let cancel = send_json("DELETE", &url, Some(&ca), &[], None);
    assert_eq!(cancel.status, 200, "{}", cancel.body);
    assert_eq!(appointment_in_store(&id)["status"], "cancelled");
}

#[test]
fn guardians_book_and_cancel_for_their_dependants_only() {
    let stack = Stack::get();
    let guardian = stack
        .logins
        .iter()
        .find(|l| l.role == "guardian" && !l.dependants.is_empty())
        .expect("a guardian with dependants");
    let child = guardian.dependants[0].clone();
    let cg = session_cookie(guardian);
    let stranger = &people(410, 1)[0];
    let cs = stranger.sign_in();
    let date = weekday(5);
    let free = free_slots("48001", date);

    // A stranger cannot book for the child by id.
    let refused = hold(&cs, json!({ "slot_id": free[0], "patient": child }));
    assert!(matches!(refused.status, 403 | 404), "{}", refused.body);
    // The guardian can.
    let h = hold(&cg, json!({ "slot_id": free[0], "patient": child }));
    assert_eq!(h.status, 201, "{}", h.body);
    assert_eq!(h.json()["patient"]["relation"], "dependant");
    let b = book(
        &cg,
        Some(&idem_key("child", &child)),
        h.json()["id"].as_str().expect("id"),
        "Sốt",
    );
    assert_eq!(b.status, 201, "{}", b.body);
    let id = b.json()["id"].as_str().expect("id").to_owned();
    assert_eq!(
        patient_of(&appointment_in_store(&id)),
        child,
        "booked for the child"
    );
    // It is in the child's list, seen by the guardian; not in the stranger's view.
    let list = get(
        &format!("{}/api/v1/appointments?patient={child}", app()),
        Some(&cg),
    );
    assert_eq!(list.status, 200, "{}", list.body);
    assert!(list.body.contains(&id));
    let other = get(
        &format!("{}/api/v1/appointments?patient={child}", app()),
        Some(&cs),
    );
    assert!(matches!(other.status, 403 | 404), "{}", other.body);
    assert!(!other.body.contains(&id));
    let cancel = send_json(
        "DELETE",
        &format!("{}/api/v1/appointments/{id}", app()),
        Some(&cs),
        &[],
        None,
    );
    assert_eq!(cancel.status, 404, "{}", cancel.body);
    let cancel = send_json(
        "DELETE",
        &format!("{}/api/v1/appointments/{id}", app()),
        Some(&cg),
        &[],
        None,
    );
    assert_eq!(cancel.status, 200, "{}", cancel.body);
    assert_eq!(appointment_in_store(&id)["status"], "cancelled");
}

#[test]
fn booking_for_someone_by_number_needs_the_right_birth_date() {
    let booker = &people(420, 1)[0];
    let cb = booker.sign_in();
    let [(parent, bhyt, _)] =
        <[_; 1]>::try_from(carded(430 + rerun_offset(), 1)).expect("a carded citizen");
    let date = weekday(6);
    let slot = free_slots("48001", date)[0].clone();
    let wrong_birth = IsoDate::parse(&parent.birth_date)
        .expect("birth date")
        .add_days(1);

    let wrong = hold(
        &cb,
        json!({ "slot_id": slot, "patient": { "number": bhyt, "birth_date": wrong_birth.to_string() } }),
    );
    assert_refusal(&wrong, 403, "person_not_matched");
    reveals_nothing_of(&wrong.body, &parent);
    // A number that matches nobody gets the very same answer: numbers cannot be probed.
    let nobody = hold(
        &cb,
        json!({ "slot_id": slot, "patient": { "number": "001099999999", "birth_date": wrong_birth.to_string() } }),
    );
    assert_refusal(&nobody, 403, "person_not_matched");
    assert_eq!(nobody.body, wrong.body);
    // By CCCD with a wrong date: the same.
    let by_cccd = hold(
        &cb,
        json!({ "slot_id": slot, "patient": { "number": parent.login, "birth_date": wrong_birth.to_string() } }),
    );
    assert_refusal(&by_cccd, 403, "person_not_matched");
    assert_eq!(slot_in_store(&slot)["status"], "free");

    // The right date of birth: held for them, named only by initials.
    let h = hold(
        &cb,
        json!({ "slot_id": slot, "patient": { "number": bhyt, "birth_date": parent.birth_date } }),
    );
    assert_eq!(h.status, 201, "{}", h.body);
    assert_eq!(h.json()["patient"]["relation"], "other");
    assert_ne!(
        h.json()["patient"]["name"],
        parent.name.as_str(),
        "masked name"
    );
    assert!(!h.body.contains(&parent.birth_date));
    let b = book(
        &cb,
        Some(&idem_key("other", &parent.patient)),
        h.json()["id"].as_str().expect("id"),
        "Khám tim",
    );
    assert_eq!(b.status, 201, "{}", b.body);
    let id = b.json()["id"].as_str().expect("id").to_owned();
    // In the store: the parent's appointment, recording who booked it.
    let stored = appointment_in_store(&id);
    assert_eq!(patient_of(&stored), parent.patient);
    assert!(
        stored
            .to_string()
            .contains(shared::fhir::booking::EXT_BOOKED_BY),
        "booked-by recorded: {stored}"
    );
    // It appears in the parent's own book, with the booker named.
    let cp = parent.sign_in();
    let theirs = get(&format!("{}/api/v1/appointments", app()), Some(&cp));
    assert_eq!(theirs.status, 200, "{}", theirs.body);
    let ticket = theirs.json()["upcoming"]
        .as_array()
        .expect("upcoming")
        .iter()
        .find(|t| t["id"] == id.as_str())
        .cloned()
        .expect("in the parent's own list");
    assert_eq!(ticket["booked_by"], booker.name.as_str());
    // The booker may not read or cancel it afterwards: it is not theirs.
    let read = get(&format!("{}/api/v1/appointments/{id}", app()), Some(&cb));
    assert_refusal(&read, 404, "appointment_not_found");
}

#[test]
fn concurrent_retries_with_one_key_book_once() {
    let a = &people(445, 1)[0];
    let ca = a.sign_in();
    let date = weekday(8);
    let slot = free_slots("48001", date)[0].clone();
    let h = hold_slot(&ca, &slot);
    assert_eq!(h.status, 201, "{}", h.body);
    let hold_id = h.json()["id"].as_str().expect("id").to_owned();
    let key = idem_key("burst", &a.patient);
    // A phone on a bad network fires the same request five times at once.
    let replies: Vec<Reply> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..5)
            .map(|_| scope.spawn(|| book(&ca, Some(&key), &hold_id, "Khám định kỳ")))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("thread"))
            .collect()
    });
    let created: Vec<&Reply> = replies.iter().filter(|r| r.status == 201).collect();
    assert_eq!(created.len(), 1, "exactly one 201: {replies:?}");
    let id = created[0].json()["id"].as_str().expect("id").to_owned();
    for r in &replies {
        match r.status {
            201 => {}
            200 => assert_eq!(r.json()["id"], id.as_str(), "a replay is the same booking"),
            409 => assert_eq!(r.code(), "idempotency_in_flight", "{}", r.body),
            other => panic!("unexpected {other}: {}", r.body),
        }
    }
    // Once the first attempt is done, the key answers with the booking.
    let after = book(&ca, Some(&key), &hold_id, "Khám định kỳ");
    assert_eq!(after.status, 200, "{}", after.body);
    assert_eq!(after.json()["id"], id.as_str());
    let on_slot = active_on_slot(&slot);
    assert_eq!(on_slot.len(), 1, "one appointment in the store");
    assert_eq!(on_slot[0]["id"], local(&id));
}
