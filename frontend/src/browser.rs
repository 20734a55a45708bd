//! Thin wrappers over the browser APIs the app uses besides `fetch` (which lives in `api`):
//! the URL and history, `localStorage`, the document, the clock.
//!
//! Every call tolerates failure quietly: storage can be disabled, and an app that cannot
//! remember a language choice must still show the health book.

use leptos::prelude::*;
use shared::date::IsoDate;
use wasm_bindgen::JsCast;

/// Where the user's language choice is remembered.
const LANG_KEY: &str = "ssk.lang";
/// Per tab (`sessionStorage`): the app was opened by a host app.
const EMBEDDED_KEY: &str = "ssk.embedded";
/// Per tab: a silent sign-in (`prompt=none`) was already attempted.
const SILENT_KEY: &str = "ssk.silent";

/// Replaces the static loading state inside `#app` (from `index.html`) with the app.
pub fn mount<F, N>(app: F)
where
    F: FnOnce() -> N + 'static,
    N: IntoView,
{
    let root = document()
        .get_element_by_id("app")
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        .unwrap_or_else(|| document().body().expect("the page has a body"));
    root.set_inner_html("");
    leptos::mount::mount_to(root, app).forget();
}

/// Today's date in Vietnam (UTC+07:00), whatever the phone's time zone says.
pub fn today() -> IsoDate {
    IsoDate::vn_today_from_unix_ms(js_sys::Date::now() as i64)
}

/// `(location.pathname, location.search)`.
pub fn location() -> (String, String) {
    let loc = window().location();
    (
        loc.pathname().unwrap_or_else(|_| "/".into()),
        loc.search().unwrap_or_default(),
    )
}

/// A new history entry for `url` (same origin), without loading anything.
pub fn push_url(url: &str) {
    if let Ok(history) = window().history() {
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url));
    }
}

/// Rewrites the current history entry (used to drop `?error=` once it has been shown).
pub fn replace_url(url: &str) {
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url));
    }
}

/// A full navigation, e.g. to the identity provider's sign-out page.
pub fn go_to(url: &str) {
    let _ = window().location().assign(url);
}

/// After an in-app navigation: back to the top, focus on `<main>` so assistive technology
/// announces the new content instead of staying on the clicked link.
pub fn focus_main() {
    window().scroll_to_with_x_and_y(0.0, 0.0);
    if let Some(main) = document()
        .get_element_by_id("main")
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = main.focus();
    }
}

/// Whether a host app opened us: `?embedded=1` on the first address (then remembered for the
/// tab, since in-app links and the sign-in round trip drop it), or being framed at all — the
/// edge's `frame-ancestors` only lets configured host apps frame the app.
pub fn embedded_mode() -> bool {
    let (path, search) = location();
    if let Some(value) = crate::route::query_param(&search, "embedded") {
        let on = value == "1";
        if let Some(tab) = tab_storage() {
            let _ = if on {
                tab.set_item(EMBEDDED_KEY, "1")
            } else {
                tab.remove_item(EMBEDDED_KEY)
            };
        }
        replace_url(&format!(
            "{path}{}",
            crate::route::without_param(&search, "embedded")
        ));
        return on;
    }
    let remembered = tab_storage()
        .and_then(|tab| tab.get_item(EMBEDDED_KEY).ok().flatten())
        .is_some();
    let framed = window()
        .top()
        .ok()
        .flatten()
        .is_some_and(|top| top != window());
    remembered || framed
}

/// Whether this tab already asked the identity provider for a silent sign-in.
pub fn silent_sign_in_tried() -> bool {
    tab_storage()
        .and_then(|tab| tab.get_item(SILENT_KEY).ok().flatten())
        .is_some()
}

pub fn set_silent_sign_in_tried(tried: bool) {
    if let Some(tab) = tab_storage() {
        let _ = if tried {
            tab.set_item(SILENT_KEY, "1")
        } else {
            tab.remove_item(SILENT_KEY)
        };
    }
}

/// The browser's print dialog (which also offers "save as PDF" on phones).
pub fn print() {
    let _ = window().print();
}

fn tab_storage() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// The language code chosen earlier on this device, if any.
pub fn stored_lang() -> Option<String> {
    storage()?.get_item(LANG_KEY).ok().flatten()
}

pub fn store_lang(code: &str) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(LANG_KEY, code);
    }
}

/// `<html lang>` (screen readers pick their voice from it) and the window title.
pub fn set_document_language(code: &str, title: &str) {
    let doc = document();
    if let Some(html) = doc.document_element() {
        let _ = html.set_attribute("lang", code);
    }
    doc.set_title(title);
}
