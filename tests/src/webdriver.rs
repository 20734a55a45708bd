//! Just enough W3C WebDriver to drive headless Chromium like a person: open pages, find
//! elements by CSS or XPath (by role and label, not by implementation detail), click, type,
//! read text, take screenshots. Blocking HTTP to a chromedriver started per browser.

use serde_json::{Value, json};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

pub struct Browser {
    driver: Child,
    base: String,
    _profile: TempDir,
}

struct TempDir(std::path::PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[derive(Clone, Debug)]
pub struct Element(String);

fn call(method: &str, url: &str, body: Option<Value>) -> Value {
    let text = body.map(|b| b.to_string());
    let headers: &[(&str, &str)] = &[("Content-Type", "application/json")];
    let reply = crate::request(method, url, headers, text.as_deref());
    let value: Value = serde_json::from_str(&reply.body).unwrap_or(Value::Null);
    if reply.status >= 400 {
        panic!(
            "WebDriver {method} {url} → {}: {}",
            reply.status, value["value"]["message"]
        );
    }
    value["value"].clone()
}

fn try_call(method: &str, url: &str, body: Option<Value>) -> Result<Value, String> {
    let text = body.map(|b| b.to_string());
    let reply = crate::try_request(
        method,
        url,
        &[("Content-Type", "application/json")],
        text.as_deref(),
    )?;
    let value: Value = serde_json::from_str(&reply.body).unwrap_or(Value::Null);
    if reply.status >= 400 {
        Err(value["value"]["error"]
            .as_str()
            .unwrap_or("error")
            .to_owned())
    } else {
        Ok(value["value"].clone())
    }
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("free port")
}

impl Browser {
    /// Headless Chromium with a phone-sized window (360×780 CSS pixels).
    pub fn phone() -> Browser {
        Browser::start(360, 780)
    }

    pub fn start(width: u32, height: u32) -> Browser {
        let port = free_port();
        let driver = Command::new("/usr/bin/chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver (Debian package chromium-driver) starts");
        let base = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        while try_call("GET", &format!("{base}/status"), None).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = std::env::temp_dir().join(format!("ssk-chromium-{port}"));
        let caps = json!({
            "capabilities": { "alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": {
                    "binary": "/usr/bin/chromium",
                    "args": [
                        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--disable-quic", "--lang=vi-VN",
                        format!("--window-size={width},{height}"),
                        format!("--user-data-dir={}", profile.display()),
                    ]
                }
            }}
        });
        let session = call("POST", &format!("{base}/session"), Some(caps));
        let id = session["sessionId"]
            .as_str()
            .expect("session id")
            .to_owned();
        let browser = Browser {
            driver,
            base: format!("{base}/session/{id}"),
            _profile: TempDir(profile),
        };
        // Headless Chromium ignores part of the window size; pin the viewport (CSS pixels) and
        // emulate a phone through the DevTools protocol that chromedriver passes through.
        call(
            "POST",
            &format!("{}/goog/cdp/execute", browser.base),
            Some(
                json!({"cmd": "Emulation.setDeviceMetricsOverride", "params": {
                    "width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600
                }}),
            ),
        );
        browser
    }

    pub fn goto(&self, url: &str) {
        call(
            "POST",
            &format!("{}/url", self.base),
            Some(json!({ "url": url })),
        );
    }

    pub fn url(&self) -> String {
        call("GET", &format!("{}/url", self.base), None)
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    pub fn execute(&self, script: &str, args: Value) -> Value {
        call(
            "POST",
            &format!("{}/execute/sync", self.base),
            Some(json!({ "script": script, "args": args })),
        )
    }

    fn find_with(&self, using: &str, value: &str) -> Option<Element> {
        let found = try_call(
            "POST",
            &format!("{}/element", self.base),
            Some(json!({ "using": using, "value": value })),
        )
        .ok()?;
        found[ELEMENT_KEY].as_str().map(|id| Element(id.to_owned()))
    }

    /// Waits up to `timeout` for a visible element found by `using` (`xpath` or
    /// `css selector`).
    fn wait_for(&self, using: &str, value: &str, timeout: Duration) -> Element {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(el) = self
                .find_with(using, value)
                .filter(|el| self.is_displayed(el))
            {
                return el;
            }
            if Instant::now() > deadline {
                let text = self.page_text();
                panic!("no visible element for {value} after {timeout:?}; page text: {text}");
            }
            std::thread::sleep(Duration::from_millis(150));
        }
    }

    pub fn wait_xpath(&self, xpath: &str, timeout: Duration) -> Element {
        self.wait_for("xpath", xpath, timeout)
    }

    pub fn wait_css(&self, css: &str, timeout: Duration) -> Element {
        self.wait_for("css selector", css, timeout)
    }

    /// A button or link whose accessible text (content, aria-label or value) contains `label`.
    pub fn control(&self, label: &str, timeout: Duration) -> Element {
        let lit = xpath_literal(label);
        self.wait_xpath(
            &format!(
                "//*[self::button or self::a or @role='button' or (self::input and (@type='submit' or @type='button'))]\
                 [contains(normalize-space(.), {lit}) or contains(@aria-label, {lit}) or contains(@value, {lit})]"
            ),
            timeout,
        )
    }

    /// An input labelled `label` (by `<label for>`, wrapping label, or aria-label).
    pub fn field(&self, label: &str, timeout: Duration) -> Element {
        let lit = xpath_literal(label);
        self.wait_xpath(
            &format!(
                "//input[@id=//label[contains(normalize-space(.), {lit})]/@for] \
                 | //label[contains(normalize-space(.), {lit})]//input \
                 | //input[contains(@aria-label, {lit})]"
            ),
            timeout,
        )
    }

    /// Waits until the page's visible text contains `text`.
    pub fn wait_text(&self, text: &str, timeout: Duration) {
        let deadline = Instant::now() + timeout;
        loop {
            let page = self.page_text();
            if page.contains(text) {
                return;
            }
            if Instant::now() > deadline {
                panic!("page never showed {text:?} within {timeout:?}; it shows: {page}");
            }
            std::thread::sleep(Duration::from_millis(150));
        }
    }

    pub fn page_text(&self) -> String {
        self.execute(
            "return document.body ? document.body.innerText : '';",
            json!([]),
        )
        .as_str()
        .unwrap_or_default()
        .to_owned()
    }

    pub fn is_displayed(&self, el: &Element) -> bool {
        try_call(
            "GET",
            &format!("{}/element/{}/displayed", self.base, el.0),
            None,
        )
        .map(|v| v.as_bool().unwrap_or(false))
        .unwrap_or(false)
    }

    pub fn click(&self, el: &Element) {
        call(
            "POST",
            &format!("{}/element/{}/click", self.base, el.0),
            Some(json!({})),
        );
    }

    pub fn type_into(&self, el: &Element, text: &str) {
        call(
            "POST",
            &format!("{}/element/{}/clear", self.base, el.0),
            Some(json!({})),
        );
        call(
            "POST",
            &format!("{}/element/{}/value", self.base, el.0),
            Some(json!({ "text": text })),
        );
    }

    pub fn text(&self, el: &Element) -> String {
        call("GET", &format!("{}/element/{}/text", self.base, el.0), None)
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }

    pub fn attribute(&self, el: &Element, name: &str) -> Option<String> {
        call(
            "GET",
            &format!("{}/element/{}/attribute/{name}", self.base, el.0),
            None,
        )
        .as_str()
        .map(str::to_owned)
    }

    /// Looks inside the frame `el` (an `<iframe>`): later finds, clicks and scripts act there.
    pub fn enter_frame(&self, el: &Element) {
        call(
            "POST",
            &format!("{}/frame", self.base),
            Some(json!({ "id": { ELEMENT_KEY: el.0 } })),
        );
    }

    /// Back to the top-level page.
    pub fn leave_frames(&self) {
        call(
            "POST",
            &format!("{}/frame", self.base),
            Some(json!({ "id": null })),
        );
    }

    /// Deletes the cookie `name` of the current page's host.
    pub fn delete_cookie(&self, name: &str) {
        call("DELETE", &format!("{}/cookie/{name}", self.base), None);
    }

    /// Names of the cookies the current page's host holds.
    pub fn cookie_names(&self) -> Vec<String> {
        call("GET", &format!("{}/cookie", self.base), None)
            .as_array()
            .map(|list| {
                list.iter()
                    .filter_map(|c| c["name"].as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Saves a PNG of the viewport.
    pub fn screenshot(&self, path: &Path) {
        let b64 = call("GET", &format!("{}/screenshot", self.base), None);
        let bytes = decode_base64(b64.as_str().unwrap_or_default());
        std::fs::write(path, bytes).expect("write screenshot");
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = try_call("DELETE", &self.base, None);
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// An XPath string literal for arbitrary text (XPath 1.0 has no escapes).
fn xpath_literal(text: &str) -> String {
    if !text.contains('\'') {
        format!("'{text}'")
    } else if !text.contains('"') {
        format!("\"{text}\"")
    } else {
        let parts: Vec<String> = text.split('\'').map(|p| format!("'{p}'")).collect();
        format!("concat({})", parts.join(", \"'\", "))
    }
}

fn decode_base64(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text
        .bytes()
        .filter(|c| *c != b'=' && !c.is_ascii_whitespace())
    {
        let Some(v) = ALPHABET.iter().position(|a| *a == c) else {
            continue;
        };
        acc = (acc << 6) | v as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    out
}
