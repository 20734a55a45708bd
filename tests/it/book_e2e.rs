//! The complete health book in headless Chromium at phone size (360×780), on the seeded data:
//! every section page, a visit's detail, a lab trend and its table, a guardian in a child's
//! book with the EPI schedule, a self-declared blood pressure that joins the trend, and a
//! correction request with its status. Elements are found by role and label; what the pages
//! show is compared with the API's answer for the same person (itself checked against the
//! store by `book.rs`) or with the store directly. Screenshots go to the artifacts directory.

use serde_json::Value;
use std::collections::HashSet;
use std::time::Duration;
use tests::webdriver::{Browser, Element};
use tests::{Login, Stack, artifacts_dir, fhir_search, get, session_cookie};

const WAIT: Duration = Duration::from_secs(30);

/// Signs in through the app's button and the provider's HTML form.
fn sign_in(browser: &Browser, login: &str) {
    let stack = Stack::get();
    browser.goto(&stack.app);
    browser.click(&browser.control("Đăng nhập bằng VNeID", WAIT));
    browser.type_into(&browser.wait_css("input[name=login]", WAIT), login);
    browser.type_into(
        &browser.wait_css("input[type=password]", WAIT),
        &stack.password,
    );
    browser.click(&browser.wait_css("form button[type=submit]", WAIT));
}

/// `GET /api/v1/book/<path>` as `cookie`'s owner.
fn api(cookie: &str, path: &str) -> Value {
    let reply = get(
        &format!("{}/api/v1/book/{path}", Stack::get().app),
        Some(cookie),
    );
    assert_eq!(reply.status, 200, "{path}: {}", reply.body);
    reply.json()
}

fn shot(browser: &Browser, name: &str) {
    browser.screenshot(&artifacts_dir().join(format!("book-{name}-360x780.png")));
}

/// Opens a section from the book's first page, as a person would: by the link's words.
fn open_section(browser: &Browser, title: &str) {
    let home = format!("{}/so-suc-khoe", Stack::get().app);
    browser.goto(&home);
    browser.click(&browser.control(title, WAIT));
    browser.wait_xpath(&format!("//h1[normalize-space(.)='{title}']"), WAIT);
}

/// Whether the page is wider than the phone: something a citizen would have to scroll
/// sideways to read.
fn assert_no_sideways_scroll(browser: &Browser, page: &str) {
    let widths = browser.execute(
        "return [document.documentElement.scrollWidth, window.innerWidth];",
        serde_json::json!([]),
    );
    let (content, viewport) = (widths[0].as_u64(), widths[1].as_u64());
    assert!(
        content <= viewport,
        "{page}: content is {content:?} px wide on a {viewport:?} px screen"
    );
}

fn str_of<'a>(value: &'a Value, key: &str) -> &'a str {
    value[key].as_str().unwrap_or_default()
}

fn display_vn(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    format!("{}/{}/{}", parts[2], parts[1], parts[0])
}

fn elder() -> &'static Login {
    Stack::get().login("citizen", 0)
}

#[test]
fn every_section_shows_what_the_store_holds() {
    let citizen = elder();
    let cookie = session_cookie(citizen);
    let browser = Browser::phone();
    sign_in(&browser, &citizen.login);
    browser.wait_xpath(
        &format!("//h1[normalize-space(.)='{}']", citizen.name),
        WAIT,
    );

    // Administrative: identity, address, the BHYT card.
    let admin = api(&cookie, "administrative");
    open_section(&browser, "Thông tin hành chính");
    browser.wait_text(&citizen.name, WAIT);
    if let Some(address) = admin["address"].as_str() {
        browser.wait_text(address, WAIT);
    }
    if let Some(number) = admin["insurance"]["card"]["number"].as_str() {
        let grouped = shared::id::BhytCard::parse(number)
            .expect("valid card")
            .display_grouped();
        browser.wait_text(&grouped, WAIT);
        browser.wait_text("Nơi đăng ký KCB ban đầu", WAIT);
    }
    assert_no_sideways_scroll(&browser, "administrative");
    shot(&browser, "administrative");

    // History: long-term conditions with their ICD-10 codes, family history.
    let history = api(&cookie, "history");
    open_section(&browser, "Tiền sử và yếu tố nguy cơ");
    let conditions = history["chronic_conditions"].as_array().unwrap();
    assert!(
        !conditions.is_empty(),
        "the largest history has long-term conditions"
    );
    for condition in conditions {
        browser.wait_text(str_of(condition, "name"), WAIT);
        if let Some(code) = condition["code"].as_str() {
            browser.wait_text(code, WAIT);
        }
    }
    for item in history["family_history"].as_array().unwrap() {
        browser.wait_text(str_of(item, "condition"), WAIT);
    }
    assert_no_sideways_scroll(&browser, "history");
    shot(&browser, "history");

    // Allergies: every one the API lists, or the empty state.
    let allergies = api(&cookie, "allergies");
    open_section(&browser, "Dị ứng");
    let listed = allergies["allergies"].as_array().unwrap();
    if listed.is_empty() {
        browser.wait_text("Chưa ghi nhận dị ứng nào", WAIT);
    }
    for a in listed {
        browser.wait_text(str_of(&a["allergy"], "substance"), WAIT);
    }
    shot(&browser, "allergies");

    // Visits: the newest first, then one visit in detail.
    let visits = api(&cookie, "visits");
    let first = &visits["visits"][0];
    open_section(&browser, "Các lần khám bệnh");
    let count = browser.text(&browser.wait_css("p.count", WAIT));
    let total = visits["total"].as_u64().expect("total");
    assert!(
        count.contains(&total.to_string()),
        "the count says how many visits the book holds ({total}): {count}"
    );
    let first_link = browser.wait_xpath("//ol[contains(@class,'timeline')]/li[1]//a", WAIT);
    let start = display_vn(str_of(first, "start"));
    assert!(browser.text(&first_link).contains(&start));
    if let Some(facility) = first["facility"]["name"].as_str() {
        browser.wait_text(facility, WAIT);
    }
    assert_no_sideways_scroll(&browser, "visits");
    shot(&browser, "visits");
    browser.click(&first_link);
    browser.wait_xpath("//h1[normalize-space(.)='Chi tiết lần khám']", WAIT);
    let detail = api(&cookie, &format!("visits/{}", str_of(first, "id")));
    browser.wait_text(&start, WAIT);
    for d in detail["visit"]["diagnoses"].as_array().unwrap() {
        browser.wait_text(str_of(d, "name"), WAIT);
    }
    for p in detail["prescriptions"].as_array().unwrap() {
        browser.wait_text(str_of(p, "drug"), WAIT);
    }
    for r in detail["lab_reports"].as_array().unwrap() {
        browser.wait_text(str_of(r, "name"), WAIT);
    }
    assert_no_sideways_scroll(&browser, "visit");
    shot(&browser, "visit");

    // Labs: the most recent test opens its trend chart; its table lists every point.
    let labs = api(&cookie, "labs");
    let test = labs["tests"]
        .as_array()
        .unwrap()
        .iter()
        .max_by_key(|t| t["points"].as_array().map_or(0, Vec::len))
        .expect("lab tests");
    let name = str_of(test, "name");
    let points = test["points"].as_array().unwrap();
    open_section(&browser, "Kết quả xét nghiệm");
    let head = browser.control(name, WAIT);
    browser.click(&head);
    let chart = browser.wait_css("svg.chart-svg[role=img]", WAIT);
    let label = browser.attribute(&chart, "aria-label").unwrap_or_default();
    assert!(!label.is_empty(), "the chart says what it shows");
    shot(&browser, "labs-trend");
    browser.click(&browser.control("Xem dạng bảng số liệu", WAIT));
    browser.wait_css("table.data", WAIT);
    let rows = browser.execute(
        "return document.querySelectorAll('li.test table.data tbody tr').length;",
        serde_json::json!([]),
    );
    let dates: HashSet<&str> = points
        .iter()
        .map(|p| str_of(&p["source"], "date"))
        .collect();
    assert_eq!(
        rows.as_u64(),
        Some(dates.len() as u64),
        "one table row per date of {name}"
    );
    let latest = points.last().unwrap();
    browser.wait_text(&display_vn(str_of(&latest["source"], "date")), WAIT);
    assert_no_sideways_scroll(&browser, "labs");
    shot(&browser, "labs-table");

    // Vitals: the blood-pressure trend with its latest reading.
    let vitals = api(&cookie, "vitals");
    open_section(&browser, "Chỉ số cơ thể");
    if let Some(bp) = vitals["blood_pressure"]["points"]
        .as_array()
        .and_then(|p| p.last())
    {
        let reading = format!(
            "{}/{}",
            bp["systolic"].as_f64().unwrap(),
            bp["diastolic"].as_f64().unwrap()
        );
        browser.wait_text(&reading, WAIT);
        browser.wait_css("svg.chart-svg[role=img]", WAIT);
    }
    assert_no_sideways_scroll(&browser, "vitals");
    shot(&browser, "vitals");

    // Immunizations: every dose given.
    let immunizations = api(&cookie, "immunizations");
    let doses = immunizations["immunizations"].as_array().unwrap();
    open_section(&browser, "Tiêm chủng");
    browser.wait_text(&format!("Các mũi đã tiêm ({})", doses.len()), WAIT);
    for dose in doses.iter().take(3) {
        browser.wait_text(str_of(dose, "vaccine"), WAIT);
    }
    shot(&browser, "immunizations");

    // Check-ups: their conclusions.
    let checkups = api(&cookie, "checkups");
    open_section(&browser, "Khám sức khỏe định kỳ");
    let list = checkups["checkups"].as_array().unwrap();
    if list.is_empty() {
        browser.wait_text("Chưa có lần khám sức khỏe định kỳ nào", WAIT);
    }
    for c in list.iter().take(3) {
        if let Some(conclusion) = c["conclusion"].as_str() {
            browser.wait_text(conclusion, WAIT);
        }
    }
    assert_no_sideways_scroll(&browser, "checkups");
    shot(&browser, "checkups");
    // Print and download: the summary laid out for paper, and the FHIR export behind a link
    // the session authenticates.
    open_section(&browser, "In và tải dữ liệu");
    let download = browser.wait_xpath(
        "//a[contains(normalize-space(.), 'Tải toàn bộ dữ liệu')]",
        WAIT,
    );
    let href = browser.attribute(&download, "href").unwrap_or_default();
    assert_eq!(href, "/api/v1/book/export");
    let export = get(&format!("{}{href}", Stack::get().app), Some(&cookie));
    assert_eq!(export.status, 200);
    assert_eq!(export.json()["resourceType"], "Bundle");
    browser.wait_xpath(
        &format!("//h1[normalize-space(.)='{}']", citizen.name),
        WAIT,
    );
    browser.control("In bản tóm tắt", WAIT);
    shot(&browser, "print");
}

#[test]
fn a_guardian_opens_a_childs_vaccination_schedule() {
    let stack = Stack::get();
    let guardian = stack.login("guardian", 0);
    let cookie = session_cookie(guardian);
    // The youngest dependant: the one the national schedule is about.
    let (child, name, epi) = guardian
        .dependants
        .iter()
        .filter_map(|id| {
            let book = api(&cookie, &format!("immunizations?patient={id}"));
            let epi = book["epi"].clone();
            (!epi.is_null()).then(|| {
                let name = str_of(&book["patient"], "name").to_owned();
                (id.clone(), name, epi)
            })
        })
        .next()
        .expect("the demo guardian has a child under 16");
    let store_name = fhir_search(&format!("Patient?_id={child}"))[0]["name"][0]["text"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert_eq!(name, store_name);

    let browser = Browser::phone();
    sign_in(&browser, &guardian.login);
    browser.wait_xpath(
        &format!("//h1[normalize-space(.)='{}']", guardian.name),
        WAIT,
    );
    browser.click(&browser.control(&name, WAIT));
    browser.wait_xpath(&format!("//h1[normalize-space(.)='{name}']"), WAIT);
    browser.click(&browser.control("Tiêm chủng", WAIT));
    browser.wait_xpath("//h1[normalize-space(.)='Tiêm chủng']", WAIT);
    // Whose book is open stays said, and the schedule is the child's.
    let current = browser.wait_css("nav.book-switcher a[aria-current=page]", WAIT);
    assert!(browser.text(&current).contains(&name));
    assert!(
        browser.url().contains(&format!("patient={child}")),
        "{}",
        browser.url()
    );
    browser.wait_text("Lịch tiêm chủng mở rộng", WAIT);
    let counts = format!(
        "{} đã tiêm · {} đến hạn · {} quá hạn · {} sắp tới",
        epi["done"], epi["due"], epi["overdue"], epi["upcoming"]
    );
    browser.wait_text(&counts, WAIT);
    let rows = browser.execute(
        "return document.querySelectorAll('ul.epi-list > li').length;",
        serde_json::json!([]),
    );
    assert_eq!(
        rows.as_u64(),
        Some(epi["doses"].as_array().unwrap().len() as u64)
    );
    // The first overdue dose (if any) is marked so.
    if let Some(overdue) = epi["doses"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["status"] == "overdue")
    {
        let row = browser.wait_xpath(
            &format!(
                "//ul[contains(@class,'epi-list')]/li[contains(., '{}')][contains(., 'Mũi {}')]",
                str_of(overdue, "name"),
                overdue["dose"]
            ),
            WAIT,
        );
        assert!(
            browser.text(&row).contains("Quá hạn"),
            "{}",
            browser.text(&row)
        );
    }
    assert_no_sideways_scroll(&browser, "immunizations (child)");
    shot(&browser, "child-epi");
    // The same page in English: every word of ours translated, the child's name as it is.
    browser.click(&browser.control("EN", WAIT));
    browser.wait_text("National vaccination schedule", WAIT);
    browser.wait_text(
        &format!(
            "{} given · {} due · {} overdue · {} upcoming",
            epi["done"], epi["due"], epi["overdue"], epi["upcoming"]
        ),
        WAIT,
    );
    let text = browser.page_text();
    for vietnamese in [
        "Lịch tiêm chủng",
        "Các mũi đã tiêm",
        "Đã tiêm",
        "Ngày nên tiêm",
    ] {
        assert!(
            !text.contains(vietnamese),
            "untranslated {vietnamese:?}: {text}"
        );
    }
    assert!(text.contains(&name));
    shot(&browser, "child-epi-en");
    browser.click(&browser.control("VI", WAIT));
}

/// An ordinary adult (not a demo login) for writes: CCCD and Patient id.
fn ordinary_adult(n: usize) -> (String, String) {
    let demos: HashSet<String> = Stack::get()
        .logins
        .iter()
        .flat_map(|l| l.patient.iter().chain(l.dependants.iter()).cloned())
        .collect();
    let patients = fhir_search("Patient?birthdate=ge1950-01-01&birthdate=le1985-12-31&_count=300");
    let patient = patients
        .iter()
        .filter(|p| !demos.contains(p["id"].as_str().unwrap_or_default()))
        .nth(n)
        .expect("enough ordinary adults");
    let cccd = patient["identifier"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|i| i["system"] == shared::fhir::SYSTEM_CCCD)
        .and_then(|i| i["value"].as_str())
        .expect("CCCD")
        .to_owned();
    (cccd, patient["id"].as_str().unwrap_or_default().to_owned())
}

fn bp_table_row_with(browser: &Browser, systolic: &str) -> Element {
    browser.wait_xpath(
        &format!("//table[contains(@class,'data')]//tr[td[normalize-space(.)='{systolic}']]"),
        WAIT,
    )
}

#[test]
fn a_declared_blood_pressure_joins_the_trend_and_a_correction_shows_its_status() {
    let (cccd, patient) = ordinary_adult(200);
    let browser = Browser::phone();
    sign_in(&browser, &cccd);
    browser.wait_css("nav.sections", WAIT);
    open_section(&browser, "Chỉ số cơ thể");

    // A reading no clinic would have recorded for this person today.
    browser.click(&browser.control("Thêm số đo tự khai", WAIT));
    browser.type_into(&browser.field("Tâm thu", WAIT), "147");
    browser.type_into(&browser.field("Tâm trương", WAIT), "93");
    shot(&browser, "declare-form");
    browser.click(&browser.control("Lưu vào sổ", WAIT));
    browser.wait_text("Đã lưu vào sổ", WAIT);

    // In the store: a blood-pressure Observation the patient recorded.
    let observations = fhir_search(&format!(
        "Observation?patient=Patient/{patient}&code=http://loinc.org|85354-9&_count=200"
    ));
    let declared = observations
        .iter()
        .find(|o| {
            o["component"].as_array().is_some_and(|c| {
                c.iter()
                    .any(|c| c["valueQuantity"]["value"].as_f64() == Some(147.0))
            })
        })
        .expect("the reading is in the store");
    assert!(
        declared["performer"].as_array().is_some_and(|p| p
            .iter()
            .any(|p| p["reference"] == Value::String(format!("Patient/{patient}")))),
        "recorded by the patient: {declared}"
    );

    // In the trend's table, today, marked self-reported; and after a reload.
    let bp_card = "//section[@aria-labelledby='c-bp']";
    for round in ["now", "after reload"] {
        if round == "after reload" {
            browser.goto(&format!("{}/so-suc-khoe/chi-so", Stack::get().app));
            browser.wait_xpath("//h1[normalize-space(.)='Chỉ số cơ thể']", WAIT);
        }
        browser.wait_text("147/93", WAIT);
        let show = browser.wait_xpath(
            &format!("{bp_card}//button[contains(., 'Xem dạng bảng số liệu')]"),
            WAIT,
        );
        browser.click(&show);
        let row = bp_table_row_with(&browser, "147");
        let text = browser.text(&row);
        assert!(text.contains("93"), "{round}: {text}");
        assert!(
            text.contains("Tự khai"),
            "{round}: marked self-reported: {text}"
        );
        let today = shared::date::IsoDate::vn_today_from_unix_ms(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_millis() as i64)
                .unwrap_or_default(),
        );
        assert!(text.contains(&today.display_vn()), "{round}: {text}");
        assert_no_sideways_scroll(&browser, "vitals with a declared reading");
        shot(
            &browser,
            &format!("declared-bp-{}", round.replace(' ', "-")),
        );
    }

    // "This is wrong" on the latest reading: a request with its status, here and on the
    // corrections page.
    let report = browser.wait_xpath(
        &format!("{bp_card}//button[contains(., 'Thông tin này sai / thiếu')]"),
        WAIT,
    );
    browser.click(&report);
    let description = "Tôi nhập nhầm số đo huyết áp hôm nay";
    let area = browser.wait_xpath(
        "//textarea[@id=//label[contains(., 'Hãy ghi rõ')]/@for]",
        WAIT,
    );
    browser.type_into(&area, description);
    browser.click(&browser.control("Gửi yêu cầu", WAIT));
    browser.wait_xpath(
        "//*[@role='status'][contains(., 'Yêu cầu sửa') or contains(., 'yêu cầu sửa')]",
        WAIT,
    );
    shot(&browser, "correction-sent");
    let tasks = fhir_search(&format!("Task?patient=Patient/{patient}&_count=50"));
    assert!(
        tasks.iter().any(|t| t.to_string().contains(description)),
        "the request is a Task in the store"
    );

    open_section(&browser, "Yêu cầu sửa thông tin");
    let item = browser.wait_xpath(
        &format!("//li[contains(@class,'correction')][contains(., '{description}')]"),
        WAIT,
    );
    let text = browser.text(&item);
    assert!(text.contains("Đã gửi, chờ cơ sở y tế xem"), "{text}");
    assert!(
        text.contains("Chỉ số cơ thể"),
        "the section it is about: {text}"
    );
    assert_no_sideways_scroll(&browser, "corrections");
    shot(&browser, "corrections");
}

/// Picks `option` in the `<select>` labelled `label`, as a person would: by its words.
fn choose(browser: &Browser, label: &str, option: &str) {
    let pick = browser.wait_xpath(
        &format!(
            "//select[@id=//label[contains(normalize-space(.), '{label}')]/@for]\
             /option[normalize-space(.)='{option}']"
        ),
        WAIT,
    );
    browser.click(&pick);
}

/// Whether `resource` carries the book's "self-reported" tag.
fn tagged_self_reported(resource: &Value) -> bool {
    resource["meta"]["tag"].as_array().is_some_and(|tags| {
        tags.iter().any(|t| {
            t["system"] == shared::fhir::CS_RECORD_SOURCE
                && t["code"] == shared::fhir::RECORD_SOURCE_SELF_REPORTED
        })
    })
}

#[test]
fn a_declared_allergy_and_family_history_are_in_the_book_and_the_store() {
    let (cccd, patient) = ordinary_adult(201);
    let browser = Browser::phone();
    sign_in(&browser, &cccd);
    browser.wait_css("nav.sections", WAIT);

    // An allergy: a medicine, serious, with what happened.
    let substance = "Cefaclor";
    let reaction = "Nổi mề đay, khó thở";
    open_section(&browser, "Dị ứng");
    browser.click(&browser.control("Khai dị ứng", WAIT));
    browser.type_into(&browser.field("Dị ứng với", WAIT), substance);
    choose(&browser, "Loại dị ứng", "Thuốc");
    choose(&browser, "Phản ứng có nặng không", "Có, phản ứng nặng");
    browser.type_into(&browser.field("Biểu hiện khi bị dị ứng", WAIT), reaction);
    shot(&browser, "declare-allergy-form");
    browser.click(&browser.control("Lưu vào sổ", WAIT));
    browser.wait_text("Đã lưu vào sổ", WAIT);
    let allergy_entry = format!(
        "//section[@aria-labelledby='c-allergies']\
         //div[contains(@class,'allergy-entry')][.//h3[contains(., '{substance}')]]"
    );
    for round in ["now", "after reload"] {
        if round == "after reload" {
            browser.goto(&format!("{}/so-suc-khoe/di-ung", Stack::get().app));
            browser.wait_xpath("//h1[normalize-space(.)='Dị ứng']", WAIT);
        }
        let entry = browser.wait_xpath(&allergy_entry, WAIT);
        let text = browser.text(&entry);
        assert!(
            text.contains("Tự khai"),
            "{round}: marked self-reported: {text}"
        );
        assert!(text.contains(reaction), "{round}: {text}");
        assert!(
            text.contains("Nguy cơ cao"),
            "{round}: serious → high risk: {text}"
        );
        // Saved: the item offers "this is wrong" like any record, not "saving…".
        browser.wait_xpath(
            &format!("{allergy_entry}//button[contains(., 'Thông tin này sai / thiếu')]"),
            WAIT,
        );
        assert_no_sideways_scroll(&browser, "allergies with a declared one");
        shot(
            &browser,
            &format!("declared-allergy-{}", round.replace(' ', "-")),
        );
    }
    let allergies = fhir_search(&format!(
        "AllergyIntolerance?patient=Patient/{patient}&_count=200"
    ));
    let declared = allergies
        .iter()
        .find(|a| a["code"]["text"] == substance)
        .expect("the allergy is in the store");
    let me = Value::String(format!("Patient/{patient}"));
    assert_eq!(declared["recorder"]["reference"], me, "{declared}");
    assert_eq!(declared["criticality"], "high", "{declared}");
    assert!(tagged_self_reported(declared), "{declared}");

    // A relative's illness: the mother's diabetes, from 55.
    let illness = "Đái tháo đường típ 2";
    open_section(&browser, "Tiền sử và yếu tố nguy cơ");
    browser.click(&browser.control("Khai tiền sử gia đình", WAIT));
    choose(&browser, "Người thân", "Mẹ");
    browser.type_into(&browser.field("Bệnh của người thân", WAIT), illness);
    browser.type_into(&browser.field("Tuổi người thân khi mắc bệnh", WAIT), "55");
    shot(&browser, "declare-family-form");
    browser.click(&browser.control("Lưu vào sổ", WAIT));
    browser.wait_text("Đã lưu vào sổ", WAIT);
    let family_item = format!(
        "//section[@aria-labelledby='c-family']//li[contains(@class,'item')][contains(., '{illness}')]"
    );
    for round in ["now", "after reload"] {
        if round == "after reload" {
            browser.goto(&format!("{}/so-suc-khoe/tien-su", Stack::get().app));
            browser.wait_xpath("//h1[normalize-space(.)='Tiền sử và yếu tố nguy cơ']", WAIT);
        }
        let item = browser.wait_xpath(&family_item, WAIT);
        let text = browser.text(&item);
        assert!(text.contains("Mẹ"), "{round}: {text}");
        assert!(text.contains("55"), "{round}: onset age: {text}");
        assert!(
            text.contains("Tự khai"),
            "{round}: marked self-reported: {text}"
        );
        browser.wait_xpath(
            &format!("{family_item}//button[contains(., 'Thông tin này sai / thiếu')]"),
            WAIT,
        );
        assert_no_sideways_scroll(&browser, "history with a declared relative's illness");
        shot(
            &browser,
            &format!("declared-family-{}", round.replace(' ', "-")),
        );
    }
    let histories = fhir_search(&format!(
        "FamilyMemberHistory?patient=Patient/{patient}&_count=200"
    ));
    let declared = histories
        .iter()
        .find(|h| {
            h["condition"]
                .as_array()
                .is_some_and(|c| c.iter().any(|c| c["code"]["text"] == illness))
        })
        .expect("the family history is in the store");
    assert_eq!(
        declared["relationship"]["coding"][0]["code"], "MTH",
        "{declared}"
    );
    assert_eq!(
        declared["condition"][0]["onsetAge"]["value"], 55,
        "{declared}"
    );
    assert!(tagged_self_reported(declared), "{declared}");

    // A risk factor: smoking now, ten a day. The page was reloaded, so this is the only open
    // form and its "Lưu vào sổ" is the one on the page.
    let risks = "//section[@aria-labelledby='c-risks']";
    browser.click(&browser.control("Khai yếu tố nguy cơ", WAIT));
    choose(&browser, "Bạn muốn khai gì", "Hút thuốc lá");
    choose(&browser, "Tình trạng hút thuốc", "Đang hút thuốc");
    browser.type_into(&browser.field("Số điếu mỗi ngày", WAIT), "10");
    browser.click(&browser.control("Lưu vào sổ", WAIT));
    browser.wait_text("Đã lưu vào sổ", WAIT);
    let smoking = browser.wait_xpath(
        &format!(
            "{risks}//li[contains(., 'Đang hút thuốc')][contains(., 'Tự khai')]\
             [.//button[contains(., 'Thông tin này sai / thiếu')]]"
        ),
        WAIT,
    );
    let text = browser.text(&smoking);
    assert!(text.contains("Thuốc lá"), "{text}");
    let loinc = |code: &str| {
        fhir_search(&format!(
            "Observation?patient=Patient/{patient}&code=http://loinc.org|{code}&_count=200"
        ))
    };
    assert!(
        loinc(shared::fhir::loinc::TOBACCO).iter().any(|o| {
            tagged_self_reported(o)
                && o["valueCodeableConcept"]["text"] == "Đang hút thuốc lá"
                && o["performer"]
                    .to_string()
                    .contains(&format!("Patient/{patient}"))
        }),
        "the smoking status is in the store, recorded by the patient"
    );

    // One the edge refuses (more than 30 drinks a day): shown, then taken back with the
    // edge's reason, and nothing in the store.
    choose(&browser, "Bạn muốn khai gì", "Uống rượu bia");
    browser.type_into(&browser.field("Số đơn vị cồn mỗi ngày", WAIT), "99");
    browser.click(&browser.control("Lưu vào sổ", WAIT));
    let alert = browser.wait_xpath(
        "//*[@role='alert'][contains(., 'đã được gỡ khỏi sổ')]",
        WAIT,
    );
    let why = browser.text(&alert);
    shot(&browser, "declared-risk-refused");
    let reason = why.lines().next().unwrap_or_default();
    assert!(
        !reason.is_empty() && !reason.contains("đã được gỡ khỏi sổ"),
        "the edge's own reason comes first: {why}"
    );
    let typed = browser.execute(
        "const label = [...document.querySelectorAll('label')]\
           .find(l => l.textContent.includes(arguments[0]));\
         return label ? document.getElementById(label.htmlFor).value : null;",
        serde_json::json!(["Số đơn vị cồn mỗi ngày"]),
    );
    assert_eq!(typed, "99", "the refused value stays typed, to correct");
    let card = browser.text(&browser.wait_xpath(risks, WAIT));
    assert!(
        !card.contains("99"),
        "the refused value is taken back: {card}"
    );
    assert!(
        card.contains("Đang hút thuốc"),
        "what was there stays: {card}"
    );
    assert!(
        !loinc(shared::fhir::loinc::ALCOHOL)
            .iter()
            .any(|o| o["valueQuantity"]["value"].as_f64() == Some(99.0)),
        "nothing written for the refused value"
    );
}
