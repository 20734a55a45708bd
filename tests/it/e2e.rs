//! Browser end-to-end: headless Chromium at phone size, through the real identity provider's
//! pages, the edge in workerd and the FHIR store. Elements are found by role and label, the
//! way a person (or a screen reader) finds them.

use std::time::Duration;
use tests::webdriver::Browser;
use tests::{Stack, artifacts_dir, fhir_search};

const WAIT: Duration = Duration::from_secs(30);

/// The citizen's BHYT card number as the store holds it, grouped as printed on cards.
fn bhyt_grouped(patient: &str) -> String {
    let coverages = fhir_search(&format!("Coverage?beneficiary=Patient/{patient}"));
    let mut cards: Vec<(String, String)> = coverages
        .iter()
        .filter_map(|c| {
            let number = c["identifier"]
                .as_array()?
                .iter()
                .find(|i| i["system"] == shared::fhir::SYSTEM_BHYT)?["value"]
                .as_str()?
                .to_owned();
            let end = c["period"]["end"].as_str().unwrap_or_default().to_owned();
            Some((end, number))
        })
        .collect();
    cards.sort();
    let (_, number) = cards.pop().expect("the demo citizen has a BHYT card");
    shared::id::BhytCard::parse(&number)
        .expect("valid card")
        .display_grouped()
}

/// Signs in through the app's button and the provider's HTML form.
fn sign_in(browser: &Browser, login: &str, password: &str) {
    browser.click(&browser.control("Đăng nhập bằng VNeID", WAIT));
    let id_field = browser.wait_css("input[name=login]", WAIT);
    browser.type_into(&id_field, login);
    browser.type_into(&browser.wait_css("input[type=password]", WAIT), password);
    browser.click(&browser.wait_css("form button[type=submit]", WAIT));
}

#[test]
fn citizen_signs_in_reads_the_book_in_vietnamese_and_english_and_signs_out() {
    let stack = Stack::get();
    let citizen = stack.login("citizen", 0);
    let patient = citizen.patient.as_deref().expect("demo citizen has a book");
    let browser = Browser::phone();

    browser.goto(&stack.app);
    sign_in(&browser, &citizen.login, &stack.password);

    // Back in the app: the book of the signed-in citizen, in Vietnamese.
    let heading = browser.wait_xpath("//h1", WAIT);
    browser.wait_text(&citizen.name, WAIT);
    assert_eq!(
        browser.text(&heading),
        citizen.name,
        "the h1 names whose book this is"
    );
    let card = browser.wait_xpath(
        "//dt[normalize-space(.)='Số thẻ BHYT']/following-sibling::dd[1]",
        WAIT,
    );
    assert_eq!(browser.text(&card), bhyt_grouped(patient));
    browser.wait_text("Nơi đăng ký KCB ban đầu", WAIT);
    browser.wait_text("Dị ứng", WAIT);
    let lang = browser.execute(
        "return document.documentElement.lang;",
        serde_json::json!([]),
    );
    assert_eq!(lang, "vi");
    browser.screenshot(&artifacts_dir().join("summary-vi-360x780.png"));

    // English is one tap away, and the name keeps its diacritics.
    browser.click(&browser.control("EN", WAIT));
    let card = browser.wait_xpath(
        "//dt[normalize-space(.)='BHYT card number']/following-sibling::dd[1]",
        WAIT,
    );
    assert_eq!(browser.text(&card), bhyt_grouped(patient));
    browser.wait_text("Health insurance card", WAIT);
    assert_eq!(
        browser.text(&browser.wait_xpath("//h1", WAIT)),
        citizen.name
    );
    let lang = browser.execute(
        "return document.documentElement.lang;",
        serde_json::json!([]),
    );
    assert_eq!(lang, "en");
    browser.screenshot(&artifacts_dir().join("summary-en-360x780.png"));

    // Sign out: the app session ends, then the provider's session (one confirmation click).
    browser.click(&browser.control("Sign out", WAIT));
    browser.click(&browser.control("Đăng xuất / Sign out", WAIT));
    browser.control("Sign in with VNeID", WAIT);
    assert!(
        browser.url().starts_with(&stack.app),
        "back in the app: {}",
        browser.url()
    );

    // The old session is gone: reloading shows the landing page, not the book.
    browser.goto(&format!("{}/", stack.app));
    browser.control("Sign in with VNeID", WAIT);
    assert!(!browser.page_text().contains("BHYT card number"));
}

#[test]
fn guardian_switches_to_a_childs_book() {
    let stack = Stack::get();
    let guardian = stack.login("guardian", 0);
    let child = guardian
        .dependants
        .first()
        .expect("the demo guardian has a dependant");
    let child_name = fhir_search(&format!("Patient?_id={child}"))[0]["name"][0]["text"]
        .as_str()
        .expect("child's name")
        .to_owned();
    let browser = Browser::phone();
    browser.goto(&stack.app);
    sign_in(&browser, &guardian.login, &stack.password);
    browser.wait_text(&guardian.name, WAIT);

    browser.click(&browser.control(&child_name, WAIT));
    browser.wait_xpath(&format!("//h1[normalize-space(.)='{child_name}']"), WAIT);
    // The page always says whose book is open.
    let current = browser.wait_css("nav.book-switcher a[aria-current=page]", WAIT);
    assert!(browser.text(&current).contains(&child_name));
    browser.screenshot(&artifacts_dir().join("dependant-360x780.png"));
}
