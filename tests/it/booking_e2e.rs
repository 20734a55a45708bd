//! Booking end to end in headless Chromium, through the real identity provider, the edge in
//! workerd (its cache and facility-day objects) and the FHIR store: a citizen books on a
//! 360×780 phone and cancels, another moves a visit, and a receptionist at the clinic console
//! checks a citizen in by typing the booking code. Every outcome is compared with the store.
//!
//! The citizens are ordinary seeded adults registered at the Kim Liên ward health station
//! (01201), not the demo logins other tests use; each test has its own citizen. The clinic test
//! books at Bạch Mai (01001), found by name, where the demo receptionist `nv-01001-…` works.

use serde_json::{Value, json};
use shared::clock::{ClockTime, VnDateTime};
use shared::date::IsoDate;
use shared::dto::booking::{Availability, ClinicSlotStatus, ClinicSlots, SlotStatus};
use shared::fhir::booking::SYSTEM_BOOKING_CODE;
use shared::fhir::{SYSTEM_CCCD, SYSTEM_FACILITY};
use std::path::PathBuf;
use std::time::{Duration, Instant};
use tests::webdriver::Browser;
use tests::{Login, Reply, Stack, artifacts_dir, fhir_search, request, sign_in_at};

const WAIT: Duration = Duration::from_secs(30);
/// The facility of the demo staff login `nv-01001-…`.
const BACH_MAI: &str = "01001";
/// A ward health station many seeded citizens are registered at.
const KIM_LIEN: &str = "01201";

fn shot(name: &str) -> PathBuf {
    artifacts_dir().join(name)
}

fn now_vn() -> VnDateTime {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    VnDateTime::from_unix_seconds(secs)
}

/// `dd/mm`, as the day buttons show a date.
fn day_month(date: IsoDate) -> String {
    format!("{:02}/{:02}", date.day(), date.month())
}

/// An XPath string literal (the texts here have no apostrophes).
fn lit(text: &str) -> String {
    assert!(!text.contains('\''), "no apostrophes in {text}");
    format!("'{text}'")
}

/// The `n`-th seeded adult registered at `facility` (sign-in: their CCCD and the demo
/// password), skipping the demo logins.
fn citizen_registered_at(facility: &str, n: usize) -> Login {
    let stack = Stack::get();
    let org = fhir_search(&format!(
        "Organization?identifier={SYSTEM_FACILITY}|{facility}"
    ));
    let org_id = org[0]["id"].as_str().expect("facility organization id");
    // Old enough for an account (14+) whatever day the seed was made.
    let born_before = IsoDate::vn_today_from_unix_ms(now_vn().unix_ms())
        .add_days(-25 * 366)
        .to_string();
    let patients = fhir_search(&format!(
        "Patient?general-practitioner=Organization/{org_id}&birthdate=le{born_before}&_count=100&_sort=_id"
    ));
    let demo: Vec<&str> = stack
        .logins
        .iter()
        .filter_map(|l| l.patient.as_deref())
        .collect();
    let chosen = patients
        .iter()
        .filter(|p| !demo.contains(&p["id"].as_str().unwrap_or_default()))
        .filter_map(|p| {
            let cccd = p["identifier"]
                .as_array()?
                .iter()
                .find(|i| i["system"] == SYSTEM_CCCD)?["value"]
                .as_str()?
                .to_owned();
            Some(Login {
                login: cccd,
                role: "citizen".into(),
                name: p["name"][0]["text"].as_str()?.to_owned(),
                patient: Some(p["id"].as_str()?.to_owned()),
                dependants: Vec::new(),
                facility_code: None,
            })
        })
        .nth(n);
    chosen.unwrap_or_else(|| panic!("no seeded adult #{n} registered at {facility}"))
}

/// A JSON request as the app sends it (same Origin, session cookie).
fn send(method: &str, path: &str, cookie: &str, body: Option<&Value>, key: Option<&str>) -> Reply {
    let stack = Stack::get();
    let text = body.map(Value::to_string);
    let mut headers = vec![
        ("Cookie", cookie),
        ("Origin", stack.app.as_str()),
        ("Content-Type", "application/json"),
    ];
    if let Some(key) = key {
        headers.push(("Idempotency-Key", key));
    }
    request(
        method,
        &format!("{}{path}", stack.app),
        &headers,
        text.as_deref(),
    )
}

/// Dates on which `patient` already has an active booking (one per facility-day is allowed).
fn booked_days(patient: &str) -> Vec<String> {
    fhir_search(&format!(
        "Appointment?patient=Patient/{patient}&status=booked,arrived&_count=100"
    ))
    .iter()
    .filter_map(|a| a["start"].as_str().map(|s| s[..10].to_owned()))
    .collect()
}

/// The store's Appointment with this booking code.
fn appointment_by_code(code: &str) -> Value {
    let found = fhir_search(&format!(
        "Appointment?identifier={SYSTEM_BOOKING_CODE}|{code}"
    ));
    assert_eq!(
        found.len(),
        1,
        "one appointment with code {code}: {found:?}"
    );
    found[0].clone()
}

fn slot_of(appointment: &Value) -> String {
    appointment["slot"][0]["reference"]
        .as_str()
        .and_then(|r| r.strip_prefix("Slot/"))
        .expect("the appointment names its slot")
        .to_owned()
}

fn slot_status(slot_id: &str) -> String {
    let found = fhir_search(&format!("Slot?_id={slot_id}"));
    found[0]["status"].as_str().unwrap_or_default().to_owned()
}

/// Waits until the store shows `want` for `what` (the edge answers after its transaction, so
/// this normally holds at once; the wait only absorbs a slow store).
fn eventually(what: &str, want: &str, read: impl Fn() -> String) {
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        let got = read();
        if got == want {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "{what}: the store says {got:?}, expected {want:?}"
        );
        std::thread::sleep(Duration::from_millis(300));
    }
}

/// Signs in from the app's (or the console's) sign-in button through the provider's form.
fn sign_in(browser: &Browser, button: &str, login: &str) {
    browser.click(&browser.control(button, WAIT));
    let id_field = browser.wait_css("input[name=login]", WAIT);
    browser.type_into(&id_field, login);
    browser.type_into(
        &browser.wait_css("input[type=password]", WAIT),
        &Stack::get().password,
    );
    browser.click(&browser.wait_css("form button[type=submit]", WAIT));
}

/// Fails if the page is wider than the screen (a sideways scroll on a phone).
fn assert_no_sideways_scroll(browser: &Browser, screen: &str) {
    let widths = browser.execute(
        "return [document.documentElement.scrollWidth, window.innerWidth];",
        json!([]),
    );
    let (scroll, inner) = (widths[0].as_i64(), widths[1].as_i64());
    assert!(
        scroll <= inner,
        "{screen}: the page is {scroll:?} px wide on a {inner:?} px screen"
    );
}

/// The value next to a `<dt>` label on the page.
fn field_value(browser: &Browser, label: &str) -> String {
    let dd = browser.wait_xpath(
        &format!(
            "//dt[normalize-space(.)={}]/following-sibling::dd[1]",
            lit(label)
        ),
        WAIT,
    );
    browser.text(&dd)
}

/// Step 2 at one facility: department by name, the day, then the slot starting at `time`
/// (or the last free one). Returns the slot button's text (time, doctor, room).
fn choose_slot(browser: &Browser, department: &str, date: IsoDate, time: Option<&str>) -> String {
    let option = browser.wait_xpath(
        &format!(
            "//select[@id=//label[contains(normalize-space(.), 'Khoa/dịch vụ')]/@for]/option[normalize-space(.)={}]",
            lit(department)
        ),
        WAIT,
    );
    browser.click(&option);
    let day = browser.wait_xpath(
        &format!(
            "//ul[@class='days']//button[not(@disabled)][contains(normalize-space(.), {})]",
            lit(&day_month(date))
        ),
        WAIT,
    );
    browser.click(&day);
    browser.wait_xpath(
        &format!(
            "//ul[@class='days']//button[@aria-pressed='true'][contains(normalize-space(.), {})]",
            lit(&day_month(date))
        ),
        WAIT,
    );
    // The list reloads for the day; let the old one go before picking from the new.
    std::thread::sleep(Duration::from_millis(400));
    let slot_path = match time {
        Some(t) => format!(
            "//ul[@class='slots']//button[contains(@class,'slot')][starts-with(normalize-space(.), {})]",
            lit(&format!("{t} –"))
        ),
        // The day's last free time: scripts and other tests that book "the first free slot"
        // race for the first ones.
        None => "(//ul[@class='slots']//button[contains(@class,'slot')])[last()]".to_owned(),
    };
    let slot = browser.wait_xpath(&slot_path, WAIT);
    let text = browser.text(&slot);
    browser.screenshot(&shot("booking-2-slots-360x780.png"));
    assert_no_sideways_scroll(browser, "choosing a time");
    browser.click(&slot);
    text
}

/// Step 3: the countdown runs, the declaration is filled in, the estimate shows; confirm.
/// Returns the booking code from the ticket.
fn declare_and_confirm(browser: &Browser, date: IsoDate) -> String {
    browser.wait_text("Khai báo y tế", WAIT);
    let timer = browser.wait_css(".hold [role=timer]", WAIT);
    let first = seconds(&browser.text(&timer));
    assert!(
        (1..=300).contains(&first),
        "the hold counts down from 5 minutes: {first}"
    );
    // The visit summary names the chosen day.
    let visit = browser.text(&browser.wait_css(".visit .visit-time", WAIT));
    assert!(
        visit.contains(&day_month(date)),
        "the held slot is on {date}: {visit}"
    );
    let reason = browser.wait_xpath(
        "//textarea[@id=//label[contains(normalize-space(.), 'Lý do đi khám')]/@for]",
        WAIT,
    );
    browser.type_into(&reason, "Ho kéo dài 1 tuần, hơi sốt về chiều");
    browser.click(&browser.wait_xpath(
        "//label[contains(@class,'check')][normalize-space(.)='Ho']//input",
        WAIT,
    ));
    // The co-pay estimate is there and labelled as an estimate.
    browser.wait_text("Ước tính / Estimate", WAIT);
    let pays = field_value(browser, "Bạn trả khoảng");
    assert!(pays.ends_with('đ'), "an amount in đồng: {pays}");
    browser.screenshot(&shot("booking-3-declaration-360x780.png"));
    browser.execute(
        "document.querySelector('.estimate').scrollIntoView({block: 'end'});",
        json!([]),
    );
    browser.screenshot(&shot("booking-3-estimate-360x780.png"));
    assert_no_sideways_scroll(browser, "declaring");
    let deadline = Instant::now() + Duration::from_secs(5);
    while seconds(&browser.text(&timer)) >= first {
        assert!(
            Instant::now() < deadline,
            "the countdown runs down from {first} s"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    browser.click(&browser.control("Xác nhận đặt lịch", WAIT));

    browser.wait_text("Đặt lịch thành công", WAIT);
    let code = browser.text(&browser.wait_css(".ticket .code", WAIT));
    assert!(
        shared::booking_code::BookingCode::parse(&code).is_ok(),
        "a booking code: {code}"
    );
    code
}

/// "4:59" → 299.
fn seconds(countdown: &str) -> i64 {
    let (m, s) = countdown
        .trim()
        .split_once(':')
        .unwrap_or_else(|| panic!("a m:ss countdown: {countdown:?}"));
    m.trim().parse::<i64>().expect("minutes") * 60 + s.trim().parse::<i64>().expect("seconds")
}

/// The first bookable day after today at `facility` on which `patient` has no booking yet, with
/// a department that has free slots then (from the availability API, as the app reads it).
fn open_day(facility: &str, patient: &str, cookie: &str, after: IsoDate) -> (IsoDate, String) {
    let taken = booked_days(patient);
    let mut date = after;
    for _ in 0..30 {
        date = date.add_days(1);
        if taken.contains(&date.to_string()) {
            continue;
        }
        let reply = send(
            "GET",
            &format!("/api/v1/facilities/{facility}/availability?date={date}"),
            cookie,
            None,
            None,
        );
        if reply.status != 200 {
            continue;
        }
        let day: Availability = serde_json::from_str(&reply.body).expect("availability");
        if let Some(free) = day.slots.iter().find(|s| s.status == SlotStatus::Free) {
            return (date, free.department.clone());
        }
    }
    panic!("no open day at {facility} in the booking window");
}

fn facility_name(code: &str) -> String {
    let org = fhir_search(&format!("Organization?identifier={SYSTEM_FACILITY}|{code}"));
    org[0]["name"].as_str().expect("facility name").to_owned()
}

/// Step 1: the citizen's registered facility is proposed first; choose it.
fn choose_registered_facility(browser: &Browser, name: &str) {
    browser.click(&browser.wait_xpath(
        "//nav[contains(@class,'app-nav')]//a[normalize-space(.)='Đặt lịch khám']",
        WAIT,
    ));
    let first = browser.wait_xpath("(//ul[@class='facilities']/li)[1]", WAIT);
    let first_text = browser.text(&first);
    assert!(
        first_text.contains(name) && first_text.contains("Nơi đăng ký KCB ban đầu"),
        "the registered facility {name} is proposed first: {first_text}"
    );
    browser.screenshot(&shot("booking-1-facility-360x780.png"));
    assert_no_sideways_scroll(browser, "choosing a facility");
    browser.click(&browser.control(&format!("Chọn {name}"), WAIT));
}

#[test]
fn citizen_books_sees_the_ticket_finds_it_in_appointments_and_cancels() {
    let stack = Stack::get();
    let citizen = citizen_registered_at(KIM_LIEN, 0);
    let patient = citizen.patient.clone().expect("patient id");
    let cookie = sign_in_at(&stack.app, &citizen.login, &stack.password).cookie(&stack.app);
    let today = IsoDate::vn_today_from_unix_ms(now_vn().unix_ms());
    let (date, department) = open_day(KIM_LIEN, &patient, &cookie, today);
    let name = facility_name(KIM_LIEN);

    let browser = Browser::phone();
    browser.goto(&stack.app);
    sign_in(&browser, "Đăng nhập bằng VNeID", &citizen.login);
    browser.wait_text(&citizen.name, WAIT);
    choose_registered_facility(&browser, &name);
    let slot_text = choose_slot(&browser, &department, date, None);
    let code = declare_and_confirm(&browser, date);

    // The ticket: code, QR (an SVG made by the edge), queue number, arrive-by, address.
    let qr = browser.wait_css(".ticket img.qr", WAIT);
    let src = browser.attribute(&qr, "src").unwrap_or_default();
    assert!(
        src.starts_with("data:image/svg+xml"),
        "QR is an SVG: {src:.40}"
    );
    let queue = field_value(&browser, "Số thứ tự");
    assert!(queue.parse::<u32>().is_ok_and(|n| n >= 1), "queue: {queue}");
    let arrive = field_value(&browser, "Có mặt trước");
    assert!(
        ClockTime::parse(&arrive).is_some(),
        "arrive by hh:mm: {arrive}"
    );
    let address = field_value(&browser, "Địa chỉ");
    assert!(address.len() > 10, "the facility's address: {address}");
    let slot_start = slot_text.split(' ').next().unwrap_or_default().to_owned();
    assert!(
        arrive < slot_start,
        "arrive ({arrive}) before the visit ({slot_start})"
    );
    browser.screenshot(&shot("booking-4-ticket-360x780.png"));
    assert_no_sideways_scroll(&browser, "the ticket");
    // The same ticket in English: every label translated.
    browser.click(&browser.control("EN", WAIT));
    browser.wait_text("Appointment ticket", WAIT);
    let english = browser.page_text();
    for label in [
        "Booking code",
        "Queue number",
        "Arrive by",
        "Address",
        "Booked",
    ] {
        assert!(
            english.contains(label),
            "{label:?} on the English ticket: {english}"
        );
    }
    for vietnamese in ["Mã đặt khám", "Số thứ tự", "Có mặt trước", "Địa chỉ"]
    {
        assert!(
            !english.contains(vietnamese),
            "{vietnamese:?} left untranslated: {english}"
        );
    }
    browser.screenshot(&shot("booking-4-ticket-en-360x780.png"));
    let cramped = browser.execute(
        "return [...document.querySelectorAll('.app-nav a')]\
           .filter(a => a.scrollWidth > a.clientWidth).map(a => a.textContent);",
        json!([]),
    );
    assert_eq!(cramped, json!([]), "section names wider than their tab");
    browser.click(&browser.control("VI", WAIT));
    browser.wait_text("Phiếu hẹn khám", WAIT);

    // The store holds the booking: the citizen's Appointment, its Slot busy.
    let stored = appointment_by_code(&code);
    assert_eq!(stored["status"], "booked");
    assert!(
        stored["participant"].to_string().contains(&patient),
        "the appointment is the citizen's"
    );
    assert!(
        stored["start"]
            .as_str()
            .unwrap_or_default()
            .starts_with(&date.to_string())
    );
    let slot = slot_of(&stored);
    assert_eq!(slot_status(&slot), "busy");

    // "My appointments" lists it; cancelling asks first, then frees the slot.
    browser.click(&browser.control("Xem tất cả lịch hẹn", WAIT));
    let card = format!(
        "//li[contains(@class,'appt')][.//strong[normalize-space(.)={}]]",
        lit(&code)
    );
    browser.wait_xpath(&card, WAIT);
    browser.screenshot(&shot("booking-5-appointments-360x780.png"));
    assert_no_sideways_scroll(&browser, "my appointments");
    browser.click(&browser.wait_xpath(
        &format!("{card}//button[normalize-space(.)='Hủy lịch']"),
        WAIT,
    ));
    browser.wait_text("Hủy lịch hẹn này?", WAIT);
    browser.screenshot(&shot("booking-6-cancel-question-360x780.png"));
    browser.click(&browser.wait_xpath(
        &format!("{card}/following::button[normalize-space(.)='Có, hủy lịch hẹn'][1] | {card}//button[normalize-space(.)='Có, hủy lịch hẹn']"),
        WAIT,
    ));
    browser.wait_text("Đã hủy lịch hẹn", WAIT);
    browser.screenshot(&shot("booking-7-cancelled-360x780.png"));

    eventually("the cancelled appointment", "cancelled", || {
        appointment_by_code(&code)["status"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    });
    eventually("the released slot", "free", || slot_status(&slot));
}

#[test]
fn citizen_reschedules_and_the_old_time_is_released() {
    let stack = Stack::get();
    let citizen = citizen_registered_at(KIM_LIEN, 1);
    let patient = citizen.patient.clone().expect("patient id");
    let cookie = sign_in_at(&stack.app, &citizen.login, &stack.password).cookie(&stack.app);
    let today = IsoDate::vn_today_from_unix_ms(now_vn().unix_ms());

    // An existing booking, made the way a script or the app makes one.
    // A week on, away from the day the booking test (which may run alongside) takes.
    let (first_day, _) = open_day(KIM_LIEN, &patient, &cookie, today.add_days(7));
    let reply = send(
        "GET",
        &format!("/api/v1/facilities/{KIM_LIEN}/availability?date={first_day}"),
        &cookie,
        None,
        None,
    );
    let day: Availability = serde_json::from_str(&reply.body).expect("availability");
    let free = day
        .slots
        .iter()
        .find(|s| s.status == SlotStatus::Free)
        .expect("a free slot");
    let hold = send(
        "POST",
        "/api/v1/holds",
        &cookie,
        Some(&json!({"slot_id": free.id})),
        None,
    );
    assert_eq!(hold.status, 201, "hold: {}", hold.body);
    let booked = send(
        "POST",
        "/api/v1/appointments",
        &cookie,
        Some(
            &json!({"hold_id": hold.json()["id"], "declaration": {"reason": "Khám sức khỏe định kỳ"}}),
        ),
        Some(&format!("e2e-reschedule-{}", now_vn().unix_ms())),
    );
    assert_eq!(booked.status, 201, "book: {}", booked.body);
    let old_code = booked.json()["code"].as_str().expect("code").to_owned();
    let old = appointment_by_code(&old_code);
    let old_slot = slot_of(&old);
    assert_eq!(slot_status(&old_slot), "busy");

    // In the app: my appointments → Reschedule → another day → confirm the move.
    let (new_day, department) = open_day(KIM_LIEN, &patient, &cookie, first_day);
    let browser = Browser::phone();
    browser.goto(&stack.app);
    sign_in(&browser, "Đăng nhập bằng VNeID", &citizen.login);
    browser.wait_text(&citizen.name, WAIT);
    browser.click(&browser.wait_xpath(
        "//nav[contains(@class,'app-nav')]//a[normalize-space(.)='Lịch hẹn']",
        WAIT,
    ));
    let card = format!(
        "//li[contains(@class,'appt')][.//strong[normalize-space(.)={}]]",
        lit(&old_code)
    );
    browser.click(&browser.wait_xpath(&format!("{card}//a[normalize-space(.)='Đổi lịch']"), WAIT));
    browser.wait_text("Đổi lịch hẹn hiện tại:", WAIT);
    choose_slot(&browser, &department, new_day, None);
    browser.wait_text("Đổi lịch hẹn hiện tại:", WAIT);
    browser.wait_css(".hold [role=timer]", WAIT);
    browser.screenshot(&shot("reschedule-1-confirm-360x780.png"));
    assert_no_sideways_scroll(&browser, "confirming a move");
    browser.click(&browser.control("Xác nhận đổi lịch", WAIT));
    browser.wait_text("Đã đổi lịch", WAIT);
    let new_code = browser.text(&browser.wait_css(".ticket .code", WAIT));
    browser.screenshot(&shot("reschedule-2-ticket-360x780.png"));
    assert_no_sideways_scroll(&browser, "the moved ticket");

    // The store: the new time booked, the old appointment cancelled and its slot free.
    let moved = appointment_by_code(&new_code);
    assert_eq!(moved["status"], "booked");
    assert!(
        moved["start"]
            .as_str()
            .unwrap_or_default()
            .starts_with(&new_day.to_string()),
        "moved to {new_day}: {}",
        moved["start"]
    );
    let new_slot = slot_of(&moved);
    assert_ne!(new_slot, old_slot);
    assert_eq!(slot_status(&new_slot), "busy");
    eventually("the old appointment", "cancelled", || {
        fhir_search(&format!(
            "Appointment?_id={}",
            old["id"].as_str().unwrap_or_default()
        ))[0]["status"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    });
    eventually("the old slot", "free", || slot_status(&old_slot));
}

/// A free slot of today at the staff member's facility that starts later than now: one of the
/// day's own, or one the clinic opens now (after hours the day has none left).
fn slot_later_today(staff_cookie: &str, today: IsoDate) -> (String, String, String) {
    let find = |slots: &ClinicSlots| {
        let soon = now_vn().unix_ms() + 10 * 60 * 1000;
        slots.schedules.iter().find_map(|s| {
            s.slots
                .iter()
                .find(|x| x.status == ClinicSlotStatus::Free && x.start.unix_ms() > soon)
                .map(|x| {
                    (
                        s.department.clone(),
                        x.start.time().to_string(),
                        s.practitioner.clone(),
                    )
                })
        })
    };
    let reply = send(
        "GET",
        &format!("/api/v1/clinic/slots?date={today}"),
        staff_cookie,
        None,
        None,
    );
    assert_eq!(reply.status, 200, "clinic slots: {}", reply.body);
    let slots: ClinicSlots = serde_json::from_str(&reply.body).expect("clinic slots");
    if let Some(found) = find(&slots) {
        return found;
    }
    // An evening session: two 20-minute slots from the next quarter hour on, after the
    // doctor's last slot (an earlier run may have opened some).
    let schedule = &slots.schedules[0];
    let now = now_vn().time().minutes() + 20;
    let last_end = schedule
        .slots
        .iter()
        .map(|x| x.end.time().minutes())
        .max()
        .unwrap_or(0);
    let minutes = now.max(last_end).div_ceil(15) * 15;
    assert!(
        minutes + 40 < 24 * 60,
        "too close to midnight in Vietnam to open a slot today; run again after 00:00 (UTC+7)"
    );
    let at = |m: u32| format!("{:02}:{:02}", m / 60, m % 60);
    let change = send(
        "POST",
        "/api/v1/clinic/slots",
        staff_cookie,
        Some(&json!({
            "date": today.to_string(),
            "action": "add",
            "schedule_id": schedule.schedule_id,
            "from": at(minutes),
            "to": at(minutes + 40),
            "minutes": 20,
        })),
        None,
    );
    assert_eq!(change.status, 200, "opening slots: {}", change.body);
    assert!(
        change.json()["changed"].as_u64().unwrap_or(0) >= 1,
        "{}",
        change.body
    );
    let slots: ClinicSlots = serde_json::from_value(change.json()["day"].clone()).expect("day");
    find(&slots).expect("the opened slot is free")
}

#[test]
fn clinic_staff_sees_the_booked_citizen_and_checks_them_in_by_code() {
    let stack = Stack::get();
    let staff = stack
        .logins
        .iter()
        .find(|l| l.role == "staff" && l.facility_code.as_deref() == Some(BACH_MAI))
        .expect("a demo staff login at Bạch Mai");
    let staff_cookie = sign_in_at(&stack.app, &staff.login, &stack.password).cookie(&stack.app);
    let today = IsoDate::vn_today_from_unix_ms(now_vn().unix_ms());
    let (department, time, doctor) = slot_later_today(&staff_cookie, today);

    // A citizen registered at Bạch Mai books that time today on their phone.
    // (One who has no booking today yet: a citizen gets one visit per facility-day, and a
    // rerun on the same stack must not trip over the previous run's check-in.)
    let citizen = (2..40)
        .map(|n| citizen_registered_at(KIM_LIEN, n))
        .find(|c| {
            !booked_days(c.patient.as_deref().unwrap_or_default()).contains(&today.to_string())
        })
        .expect("a citizen without a booking today");
    let phone = Browser::phone();
    phone.goto(&stack.app);
    sign_in(&phone, "Đăng nhập bằng VNeID", &citizen.login);
    phone.wait_text(&citizen.name, WAIT);
    // Not their registered facility: they find it by name.
    let bach_mai = facility_name(BACH_MAI);
    phone.click(&phone.wait_xpath(
        "//nav[contains(@class,'app-nav')]//a[normalize-space(.)='Đặt lịch khám']",
        WAIT,
    ));
    phone.type_into(&phone.field("Tên cơ sở, phường/xã", WAIT), "bach mai");
    phone.click(&phone.wait_xpath("//form[@role='search']//button[@type='submit']", WAIT));
    phone.wait_xpath(
        &format!(
            "//ul[@class='facilities']/li[.//h3[normalize-space(.)={}]]",
            lit(&bach_mai)
        ),
        WAIT,
    );
    phone.screenshot(&shot("clinic-0-search-360x780.png"));
    assert_no_sideways_scroll(&phone, "searching a facility");
    phone.click(&phone.control(&format!("Chọn {bach_mai}"), WAIT));
    let slot_text = choose_slot(&phone, &department, today, Some(&time));
    assert!(slot_text.contains(&doctor), "{slot_text} names {doctor}");
    let code = declare_and_confirm(&phone, today);
    drop(phone);

    // The receptionist signs in to the console on a desk computer.
    let desk = Browser::start(1280, 900);
    desk.goto(&format!("{}/clinic/", stack.app));
    sign_in(&desk, "Đăng nhập bằng tài khoản nhân viên", &staff.login);
    desk.wait_text("Lịch hẹn hôm nay", WAIT);
    let row = format!(
        "//tr[.//td[contains(@class,'code')][normalize-space(.)={}]]",
        lit(&code)
    );
    let waiting = desk.wait_xpath(&row, WAIT);
    let row_text = desk.text(&waiting);
    assert!(
        row_text.contains(&citizen.name) && row_text.contains("Chờ tiếp nhận"),
        "today's list shows the citizen waiting: {row_text}"
    );
    // The declaration made on the phone reached the desk: a cough calls for screening.
    assert!(
        row_text.contains("Cần sàng lọc lây nhiễm"),
        "the row flags the declared cough: {row_text}"
    );
    desk.screenshot(&shot("clinic-1-today-1280x900.png"));

    // Typing the code from the ticket checks them in.
    let code_box = desk.field("Mã đặt lịch", WAIT);
    desk.type_into(&code_box, &code.to_lowercase().replace('-', ""));
    desk.click(&desk.wait_xpath(
        "//form[contains(@class,'check-in-form')]//button[@type='submit']",
        WAIT,
    ));
    desk.wait_xpath(
        "//*[contains(@class,'outcome-ok')][contains(normalize-space(.), 'Đã tiếp nhận')]",
        WAIT,
    );
    desk.wait_xpath(
        &format!("{row}[contains(normalize-space(.), 'Đã tiếp nhận')]"),
        WAIT,
    );
    desk.screenshot(&shot("clinic-2-checked-in-1280x900.png"));
    // Their row, with the declaration unfolded, as the receptionist sees it.
    desk.click(&desk.wait_xpath(&format!("{row}//details/summary"), WAIT));
    desk.execute(
        "document.evaluate(arguments[0], document, null, 9, null).singleNodeValue\
         .scrollIntoView({block: 'center'});",
        json!([row]),
    );
    desk.screenshot(&shot("clinic-3-row-1280x900.png"));

    eventually("the checked-in appointment", "arrived", || {
        appointment_by_code(&code)["status"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    });
}

#[test]
fn booking_for_a_parent_by_card_number_proposes_their_registered_facility() {
    let stack = Stack::get();
    let citizen = citizen_registered_at(KIM_LIEN, 0);
    // Someone else, registered elsewhere, with a BHYT card (e.g. a parent in another city).
    let kim_lien = fhir_search(&format!(
        "Organization?identifier={SYSTEM_FACILITY}|{KIM_LIEN}"
    ))[0]["id"]
        .as_str()
        .expect("org id")
        .to_owned();
    let (card, birth, registered, owner) =
        fhir_search("Patient?birthdate=le1970-01-01&_count=50&_sort=_id")
            .iter()
            .filter(|p| {
                p["generalPractitioner"][0]["reference"].as_str()
                    != Some(&format!("Organization/{kim_lien}"))
            })
            .find_map(|p| {
                let id = p["id"].as_str()?;
                let coverage = fhir_search(&format!("Coverage?beneficiary=Patient/{id}"));
                let card = coverage.first()?["identifier"]
                    .as_array()?
                    .iter()
                    .find(|i| i["system"] == shared::fhir::SYSTEM_BHYT)?["value"]
                    .as_str()?
                    .to_owned();
                Some((
                    card,
                    p["birthDate"].as_str()?.to_owned(),
                    p["generalPractitioner"][0]["display"].as_str()?.to_owned(),
                    p["name"][0]["text"].as_str()?.to_owned(),
                ))
            })
            .expect("an older citizen registered elsewhere, with a card");

    let browser = Browser::phone();
    browser.goto(&stack.app);
    sign_in(&browser, "Đăng nhập bằng VNeID", &citizen.login);
    browser.wait_text(&citizen.name, WAIT);
    browser.click(&browser.wait_xpath(
        "//nav[contains(@class,'app-nav')]//a[normalize-space(.)='Đặt lịch khám']",
        WAIT,
    ));
    browser.click(&browser.wait_xpath(
        "//label[contains(@class,'choice')][normalize-space(.)='Người khác']//input",
        WAIT,
    ));
    browser.type_into(&browser.field("Số thẻ BHYT hoặc CCCD", WAIT), &card);
    browser.wait_text("Số hợp lệ", WAIT);
    // The date picker is the phone's own widget; set its value as the picker would.
    let birth_input = "document.getElementById(document.evaluate(\
        \"//label[contains(., 'Ngày sinh của người được khám')]/@for\", document, null, 2, null)\
        .stringValue)";
    browser.execute(
        &format!(
            "const el = {birth_input}; el.value = arguments[0];\
             el.dispatchEvent(new Event('input', {{bubbles: true}}));"
        ),
        json!([birth]),
    );
    browser.click(&browser.control("Tìm nơi đăng ký KCB", WAIT));
    let first = format!(
        "(//ul[@class='facilities']/li)[1][.//h3[normalize-space(.)={}]]",
        lit(&registered)
    );
    let proposed = browser.wait_xpath(&first, WAIT);
    assert!(
        browser.text(&proposed).contains("Nơi đăng ký KCB ban đầu"),
        "their registered facility is proposed first and labelled so"
    );
    browser.screenshot(&shot("booking-other-person-360x780.png"));
    assert_no_sideways_scroll(&browser, "booking for someone else");
    // The number reveals nothing else about its owner: their name is nowhere on the page.
    assert!(
        !browser.page_text().contains(&owner),
        "the card number revealed its owner's name"
    );
}
