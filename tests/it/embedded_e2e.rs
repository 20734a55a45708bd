//! The health book inside a host super-app (VNeID-style): a page on another loopback origin,
//! served by this test process, frames the app with `?embedded=1`. The edge's CSP lets only
//! the configured host origins frame it. With a session at the identity provider the book
//! opens silently (`prompt=none`) without our header or sign-out; without one the person gets
//! a clear fallback whose sign-in leaves the frame (the provider refuses to be framed).

use std::io::{Read, Write};
use std::net::TcpListener;
use std::time::Duration;
use tests::webdriver::Browser;
use tests::{Stack, artifacts_dir, get};

const WAIT: Duration = Duration::from_secs(40);
const FRAME_TITLE: &str = "Sổ sức khỏe";

/// Serves the host app's page (for every path) from the first configured host origin, on a
/// background thread for the rest of the test process. Returns the page's address.
fn host_page() -> String {
    static HOST: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HOST.get_or_init(|| {
        let stack = Stack::get();
        let origin = stack
            .host_app_origins
            .first()
            .expect("the stack names a host-app origin (HOST_APP_ORIGINS)")
            .clone();
        let authority = origin.trim_start_matches("http://").to_owned();
        let listener = TcpListener::bind(&authority)
            .unwrap_or_else(|e| panic!("host-app origin {origin} is not free: {e}"));
        let page = format!(
            "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>Ứng dụng chủ (VNeID)</title></head>\
             <body style=\"margin:0;font-family:sans-serif\">\
             <header style=\"height:56px;background:#b3261e;color:#fff;display:flex;align-items:center;padding:0 12px\">\
             <strong>VNeID</strong></header>\
             <iframe src=\"{}/?embedded=1\" title=\"{FRAME_TITLE}\" \
             style=\"display:block;width:100%;height:720px;border:0\"></iframe>\
             </body></html>",
            stack.app
        );
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut buf = [0u8; 4096];
                let mut seen = Vec::new();
                while !seen.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => seen.extend_from_slice(&buf[..n]),
                    }
                }
                let answer = format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\
                     Content-Length: {}\r\nConnection: close\r\n\r\n{page}",
                    page.len()
                );
                let _ = stream.write_all(answer.as_bytes());
            }
        });
        format!("{origin}/vneid/suc-khoe")
    })
    .clone()
}

/// Opens the host page and looks inside the frame holding the book.
fn open_in_host(browser: &Browser) {
    browser.goto(&host_page());
    let frame = browser.wait_css(&format!("iframe[title='{FRAME_TITLE}']"), WAIT);
    browser.enter_frame(&frame);
}

fn assert_no_own_chrome(browser: &Browser) {
    let chrome = browser.execute(
        "return [document.querySelectorAll('header.site-header').length, \
         [...document.querySelectorAll('button')].filter(b => /Đăng xuất|Sign out/.test(b.innerText)).length];",
        serde_json::json!([]),
    );
    assert_eq!(
        chrome,
        serde_json::json!([0, 0]),
        "no header, no sign-out inside the host"
    );
}

#[test]
fn only_configured_host_apps_may_frame_the_book() {
    let stack = Stack::get();
    let origin = stack.host_app_origins.first().expect("a host-app origin");
    let page = get(&format!("{}/", stack.app), None);
    let csp = page.header("content-security-policy").unwrap_or_default();
    let ancestors = csp
        .split(';')
        .map(str::trim)
        .find(|d| d.starts_with("frame-ancestors"))
        .expect("frame-ancestors directive");
    assert_eq!(ancestors, format!("frame-ancestors {origin}"));
}

#[test]
fn without_a_provider_session_the_host_shows_a_clear_fallback() {
    let browser = Browser::phone();
    open_in_host(&browser);
    browser.wait_text("Chưa đăng nhập tự động được từ ứng dụng", WAIT);
    assert_no_own_chrome(&browser);
    // The way on: signing in in the whole window, since the provider cannot be framed.
    let sign_in = browser.control("Đăng nhập bằng VNeID", WAIT);
    assert_eq!(
        browser.attribute(&sign_in, "target").as_deref(),
        Some("_top")
    );
    browser.leave_frames();
    browser.screenshot(&artifacts_dir().join("embedded-fallback-360x780.png"));

    // It works: the provider's form in the whole window, then back in the book.
    browser.enter_frame(&browser.wait_css(&format!("iframe[title='{FRAME_TITLE}']"), WAIT));
    browser.click(&browser.control("Đăng nhập bằng VNeID", WAIT));
    browser.leave_frames();
    let stack = Stack::get();
    let citizen = stack.login("citizen", 2);
    browser.type_into(&browser.wait_css("input[name=login]", WAIT), &citizen.login);
    browser.type_into(
        &browser.wait_css("input[type=password]", WAIT),
        &stack.password,
    );
    browser.click(&browser.wait_css("form button[type=submit]", WAIT));
    browser.wait_xpath(
        &format!("//h1[normalize-space(.)='{}']", citizen.name),
        WAIT,
    );
    assert!(browser.url().starts_with(&stack.app), "{}", browser.url());
    // Still the host's book: remembered for the tab, so no header of our own.
    assert_no_own_chrome(&browser);
}

#[test]
fn with_a_provider_session_the_book_opens_silently_inside_the_host() {
    let stack = Stack::get();
    let citizen = stack.login("citizen", 1);
    let browser = Browser::phone();

    // The person is signed in at the identity provider (as in the host app) but has no
    // session with the book yet.
    browser.goto(&stack.app);
    browser.click(&browser.control("Đăng nhập bằng VNeID", WAIT));
    browser.type_into(&browser.wait_css("input[name=login]", WAIT), &citizen.login);
    browser.type_into(
        &browser.wait_css("input[type=password]", WAIT),
        &stack.password,
    );
    browser.click(&browser.wait_css("form button[type=submit]", WAIT));
    browser.wait_xpath(
        &format!("//h1[normalize-space(.)='{}']", citizen.name),
        WAIT,
    );
    assert!(browser.cookie_names().iter().any(|n| n == "ssk_session"));
    browser.delete_cookie("ssk_session");

    open_in_host(&browser);
    // Signed in without a form: the book, saying whose it is, and none of our chrome.
    browser.wait_xpath(
        &format!("//h1[normalize-space(.)='{}']", citizen.name),
        WAIT,
    );
    let owner = browser.wait_css(".embedded-bar .owner", WAIT);
    assert!(browser.text(&owner).contains(&citizen.name));
    assert_no_own_chrome(&browser);
    assert!(
        !browser.page_text().contains("Chưa đăng nhập tự động"),
        "no fallback when the silent sign-in worked"
    );
    // The frame's own address (WebDriver's URL is the top-level page's).
    let url = browser.execute("return location.href;", serde_json::json!([]));
    let url = url.as_str().unwrap_or_default();
    assert!(
        url.starts_with(&stack.app) && !url.contains("embedded="),
        "{url}"
    );
    let fits = browser.execute(
        "return document.documentElement.scrollWidth <= window.innerWidth;",
        serde_json::json!([]),
    );
    assert_eq!(fits, serde_json::json!(true), "fits the host's 360 px view");

    // Inside the host, a section and back: the frame's history follows.
    browser.click(&browser.control("Tiêm chủng", WAIT));
    browser.wait_xpath("//h1[normalize-space(.)='Tiêm chủng']", WAIT);
    browser.execute("history.back();", serde_json::json!([]));
    browser.wait_xpath(
        &format!("//h1[normalize-space(.)='{}']", citizen.name),
        WAIT,
    );
    browser.leave_frames();
    assert!(browser.url().starts_with(host_page().as_str()));
    browser.screenshot(&artifacts_dir().join("embedded-silent-360x780.png"));
}
