//! The only code that talks HTTP: `/api/v1/…` and `/auth/logout`, same origin, cookie session.
//!
//! Every request is tied to the reactive owner that issued it (a page, or one run of an
//! effect; sign-out deliberately has none): when that owner is cleaned up, `on_cleanup` aborts the request with its
//! `AbortController`, so a person tapping from book to book on 3G does not queue up answers
//! for screens they already left. A request that hangs longer than [`TOO_SLOW`] is aborted too
//! and reported as a network failure, so nobody waits on a spinner forever.
//!
//! The functions here are plain `fn`s returning futures (not `async fn`) on purpose: the
//! controller must be registered with the owner that is current when the request is *made*,
//! not whatever is current when the future is first polled.

use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::de::DeserializeOwned;
use shared::date::IsoDate;
use shared::dto::book::{
    BookVisits, Correction, CorrectionRequest, SelfReport, SelfReportSaved, VisitDetail,
};
use shared::dto::booking::{
    Appointment, AppointmentList, Availability, BookRequest, FacilityCalendar, FacilityList, Hold,
    HoldRequest, RescheduleRequest,
};
use shared::dto::{ApiError, BookSummary, Me};
use std::cell::{Cell, RefCell};
use std::future::Future;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestCredentials, RequestInit, Response};

/// How long a request may take before we give up and say so.
const TOO_SLOW: Duration = Duration::from_secs(30);

/// Why a request produced no usable answer.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiFailure {
    /// 401: no valid session (never signed in, expired, or signed out elsewhere).
    Unauthenticated,
    /// Any other error answer, with the edge's `{"code","message"}` body.
    Refused { status: u16, error: ApiError },
    /// No answer: offline, connection lost, or slower than [`TOO_SLOW`].
    Network,
    /// An answer we could not read (a proxy's HTML error page, a truncated body).
    Unreadable { status: u16 },
    /// Cancelled because the screen that asked went away; nobody is waiting for it.
    Aborted,
}

impl ApiFailure {
    /// Whether asking again may help: not for "you may not see this" or "no such book".
    pub fn is_retryable(&self) -> bool {
        match self {
            ApiFailure::Network | ApiFailure::Unreadable { .. } => true,
            ApiFailure::Refused { status, .. } => *status >= 500 || *status == 429,
            ApiFailure::Unauthenticated | ApiFailure::Aborted => false,
        }
    }
}

/// What a screen has of the data it asked for.
#[derive(Clone, Debug, PartialEq)]
pub enum Load<T> {
    Loading,
    Ready(T),
    Failed(ApiFailure),
}

/// `GET /api/v1/me`: who is signed in, and whose books they may open.
pub fn me() -> impl Future<Output = Result<Me, ApiFailure>> {
    get_json("/api/v1/me".to_owned())
}

/// `/api/v1/book/<section>[?patient=<id>]` (plus `extra` query pairs, already encoded).
fn book_path(section: &str, patient: Option<&str>, extra: &str) -> String {
    let mut path = format!("/api/v1/book/{section}");
    let mut sep = '?';
    if let Some(id) = patient {
        path.push_str(&format!("?patient={}", crate::route::encode_component(id)));
        sep = '&';
    }
    if !extra.is_empty() {
        path.push(sep);
        path.push_str(extra);
    }
    path
}

/// `GET /api/v1/book/summary[?patient=<id>]`: the first screen of a health book.
pub fn book_summary(
    patient: Option<&str>,
) -> impl Future<Output = Result<BookSummary, ApiFailure>> + use<> {
    get_json(book_path("summary", patient, ""))
}

/// `GET /api/v1/book/<section>[?patient=<id>]`: one section of a health book, in the shape
/// the caller names (`administrative`, `history`, `allergies`, `labs`, `vitals`, …).
pub fn book_section<T: DeserializeOwned>(
    section: &'static str,
    patient: Option<&str>,
) -> impl Future<Output = Result<T, ApiFailure>> + use<T> {
    get_json(book_path(section, patient, ""))
}

/// `GET /api/v1/book/visits[?patient=<id>][&cursor=<c>]`: one page of the visits timeline.
pub fn book_visits(
    patient: Option<&str>,
    cursor: Option<&str>,
) -> impl Future<Output = Result<BookVisits, ApiFailure>> + use<> {
    let extra = cursor
        .map(|c| format!("cursor={}", crate::route::encode_component(c)))
        .unwrap_or_default();
    get_json(book_path("visits", patient, &extra))
}

/// `GET /api/v1/book/visits/{id}[?patient=<id>]`: one visit with everything recorded in it.
pub fn book_visit(
    patient: Option<&str>,
    id: &str,
) -> impl Future<Output = Result<VisitDetail, ApiFailure>> + use<> {
    let section = format!("visits/{}", crate::route::encode_component(id));
    get_json(book_path(&section, patient, ""))
}

/// `POST /api/v1/book/self-reported[?patient=<id>]`: values the person declares, written
/// all-or-nothing.
pub fn self_report(
    patient: Option<&str>,
    report: &SelfReport,
) -> impl Future<Output = Result<SelfReportSaved, ApiFailure>> + use<> {
    post_json(book_path("self-reported", patient, ""), report)
}

/// `POST /api/v1/book/corrections[?patient=<id>]`: "this is wrong / missing", for the
/// facility that recorded the item.
pub fn request_correction(
    patient: Option<&str>,
    request: &CorrectionRequest,
) -> impl Future<Output = Result<Correction, ApiFailure>> + use<> {
    post_json(book_path("corrections", patient, ""), request)
}

/// `GET /api/v1/book/export[?patient=<id>]`: "download my data", a FHIR Bundle. A plain link:
/// the session cookie authenticates it, so no token ever goes into an address.
pub fn export_url(patient: Option<&str>) -> String {
    book_path("export", patient, "")
}

// ---- Booking ----
//
// Reads (directory, calendar, availability, appointments) are tied to the screen like every
// GET. Writes (hold, book, cancel, reschedule) are meant to be started inside `spawn_local`,
// where no reactive owner is current: a booking that has been sent must not be aborted by the
// screen changing under it — its answer decides what the person sees next.

/// Filters of the facility directory (`GET /api/v1/facilities`). All optional.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FacilitySearch {
    /// A BHYT card number or a 10-digit social-insurance number.
    pub bhyt: Option<String>,
    /// A 12-digit personal ID.
    pub cccd: Option<String>,
    /// Words of the name, ward or department.
    pub q: Option<String>,
    pub province: Option<String>,
    /// `initial` | `basic` | `specialised`.
    pub level: Option<String>,
    pub department: Option<String>,
}

impl FacilitySearch {
    fn query(&self) -> String {
        let pairs = [
            ("bhyt", &self.bhyt),
            ("cccd", &self.cccd),
            ("q", &self.q),
            ("province", &self.province),
            ("level", &self.level),
            ("department", &self.department),
        ];
        query_string(
            pairs
                .iter()
                .filter_map(|(k, v)| Some((*k, v.as_deref()?.trim()))),
        )
    }
}

/// `?a=1&b=2` from the pairs with a non-empty value, or empty.
fn query_string<'a>(pairs: impl Iterator<Item = (&'a str, &'a str)>) -> String {
    let mut out = String::new();
    for (key, value) in pairs.filter(|(_, v)| !v.is_empty()) {
        out.push(if out.is_empty() { '?' } else { '&' });
        out.push_str(key);
        out.push('=');
        out.push_str(&crate::route::encode_component(value));
    }
    out
}

/// `GET /api/v1/facilities…`: the directory, the registered facility first.
pub fn facilities(
    search: &FacilitySearch,
) -> impl Future<Output = Result<FacilityList, ApiFailure>> + use<> {
    get_json(format!("/api/v1/facilities{}", search.query()))
}

fn facility_path(code: &str, what: &str) -> String {
    format!(
        "/api/v1/facilities/{}/{what}",
        crate::route::encode_component(code)
    )
}

/// `GET /api/v1/facilities/{code}/calendar`: two weeks of days from `from`, with free counts.
pub fn calendar(
    code: &str,
    from: IsoDate,
    department: Option<&str>,
) -> impl Future<Output = Result<FacilityCalendar, ApiFailure>> + use<> {
    let from = from.to_string();
    let query = query_string(
        [
            ("from", from.as_str()),
            ("days", "14"),
            ("department", department.unwrap_or("")),
        ]
        .into_iter(),
    );
    get_json(format!("{}{query}", facility_path(code, "calendar")))
}

/// `GET /api/v1/facilities/{code}/availability?date=…`: the slots of one day.
pub fn availability(
    code: &str,
    date: IsoDate,
    department: Option<&str>,
) -> impl Future<Output = Result<Availability, ApiFailure>> + use<> {
    let date = date.to_string();
    let query = query_string(
        [
            ("date", date.as_str()),
            ("department", department.unwrap_or("")),
        ]
        .into_iter(),
    );
    get_json(format!("{}{query}", facility_path(code, "availability")))
}

/// `POST /api/v1/holds`: keeps a slot for five minutes.
pub fn hold(request: &HoldRequest) -> impl Future<Output = Result<Hold, ApiFailure>> + use<> {
    send_json("POST", "/api/v1/holds".to_owned(), body(request), None)
}

/// `POST /api/v1/appointments` with the attempt's `Idempotency-Key`: the same key on a retry
/// returns the appointment the first try made instead of making a second one.
pub fn book(
    key: &str,
    request: &BookRequest,
) -> impl Future<Output = Result<Appointment, ApiFailure>> + use<> {
    send_json(
        "POST",
        "/api/v1/appointments".to_owned(),
        body(request),
        Some(key.to_owned()),
    )
}

/// `POST /api/v1/appointments/{id}/reschedule`: the new slot is secured before the old one is
/// released, in one step at the edge.
pub fn reschedule(
    id: &str,
    key: &str,
    request: &RescheduleRequest,
) -> impl Future<Output = Result<Appointment, ApiFailure>> + use<> {
    send_json(
        "POST",
        format!("{}/reschedule", appointment_path(id)),
        body(request),
        Some(key.to_owned()),
    )
}

/// `GET /api/v1/appointments[?patient=<id>]`: one's own, or an authorised dependant's.
pub fn appointments(
    patient: Option<&str>,
) -> impl Future<Output = Result<AppointmentList, ApiFailure>> + use<> {
    let query = query_string([("patient", patient.unwrap_or(""))].into_iter());
    get_json(format!("/api/v1/appointments{query}"))
}

fn appointment_path(id: &str) -> String {
    format!(
        "/api/v1/appointments/{}",
        crate::route::encode_component(id)
    )
}

/// `GET /api/v1/appointments/{id}`: one ticket.
pub fn appointment(id: &str) -> impl Future<Output = Result<Appointment, ApiFailure>> + use<> {
    get_json(appointment_path(id))
}

/// `DELETE /api/v1/appointments/{id}`: cancels; answers the cancelled appointment.
pub fn cancel(id: &str) -> impl Future<Output = Result<Appointment, ApiFailure>> + use<> {
    send_json("DELETE", appointment_path(id), None, None)
}

/// A fresh `Idempotency-Key` for one booking attempt: a random UUID from the browser's
/// cryptographic generator (`crypto.randomUUID`), or, on the rare browser without it, the time
/// and `Math.random` — unique enough for one person's attempts.
pub fn new_attempt_key() -> String {
    let uuid = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("crypto"))
        .ok()
        .and_then(|crypto| {
            let f = js_sys::Reflect::get(&crypto, &JsValue::from_str("randomUUID")).ok()?;
            f.dyn_ref::<js_sys::Function>()?
                .call0(&crypto)
                .ok()?
                .as_string()
        });
    uuid.unwrap_or_else(|| {
        format!(
            "{:x}-{:x}",
            js_sys::Date::now() as u64,
            (js_sys::Math::random() * 1e15) as u64
        )
    })
}

/// Tries a booking write again when a flaky connection, not the edge, made it fail: no answer,
/// a 5xx, or "the first try with this key is still running". `send` must reuse the same
/// `Idempotency-Key` on every call, so whatever the first try did happens exactly once. At most
/// three more tries, 1, 2 and 4 seconds apart; `on_retry` lets the screen say "trying again".
pub async fn with_retries<T, F>(
    mut send: impl FnMut() -> F,
    on_retry: impl Fn(),
) -> Result<T, ApiFailure>
where
    F: Future<Output = Result<T, ApiFailure>>,
{
    let mut wait_ms = 1000;
    for _ in 0..3 {
        match send().await {
            Err(failure) if worth_retrying(&failure) => {
                on_retry();
                sleep_ms(wait_ms).await;
                wait_ms *= 2;
            }
            answer => return answer,
        }
    }
    send().await
}

fn worth_retrying(failure: &ApiFailure) -> bool {
    use shared::dto::booking::codes;
    match failure {
        ApiFailure::Refused { error, .. }
            if error.code == codes::IDEMPOTENCY_IN_FLIGHT
                || error.code == codes::BOOKING_IN_PROGRESS =>
        {
            true
        }
        other => other.is_retryable(),
    }
}

async fn sleep_ms(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = JsFuture::from(promise).await;
}

fn body<T: serde::Serialize>(value: &T) -> Option<String> {
    serde_json::to_string(value).ok()
}

/// The answer of `POST /auth/logout`.
#[derive(serde::Deserialize)]
struct LoggedOut {
    redirect: String,
}

/// `POST /auth/logout`: ends the session here and gives the identity provider's sign-out
/// address (shared family phones: the provider's session must end too).
pub fn sign_out() -> impl Future<Output = Result<String, ApiFailure>> {
    let request = send_json::<LoggedOut>("POST", "/auth/logout".to_owned(), None, None);
    async move { Ok(request.await?.redirect) }
}

/// `url` for the browser to navigate to in order to sign in and come back to `return_to`.
pub fn sign_in_url(return_to: &str) -> String {
    format!(
        "/auth/login?return_to={}",
        crate::route::encode_component(return_to)
    )
}

/// Like [`sign_in_url`], but the identity provider must not show anything: it answers at once
/// with a session it already has, or sends the person back with `?error=login_required`.
pub fn silent_sign_in_url(return_to: &str) -> String {
    format!(
        "/auth/login?prompt=none&return_to={}",
        crate::route::encode_component(return_to)
    )
}

/// Puts the outcome of `request` into `state` (after marking it as loading). A cancelled
/// request changes nothing: the screen that wanted it is gone or has asked again.
pub fn load_into<T>(
    state: RwSignal<Load<T>>,
    request: impl Future<Output = Result<T, ApiFailure>> + 'static,
) where
    T: Send + Sync + 'static,
{
    state.set(Load::Loading);
    spawn_local(async move {
        let next = match request.await {
            Ok(value) => Load::Ready(value),
            Err(ApiFailure::Aborted) => return,
            Err(failure) => Load::Failed(failure),
        };
        state.try_set(next);
    });
}

fn get_json<T: DeserializeOwned>(
    path: String,
) -> impl Future<Output = Result<T, ApiFailure>> + use<T> {
    send_json("GET", path, None, None)
}

/// `POST` of a JSON body; the answer read as `T`. The browser adds our `Origin`, which the
/// edge requires of every state-changing request.
fn post_json<T: DeserializeOwned, B: serde::Serialize>(
    path: String,
    request: &B,
) -> impl Future<Output = Result<T, ApiFailure>> + use<T, B> {
    send_json("POST", path, body(request), None)
}

/// One request: `body` is JSON; `key` goes in `Idempotency-Key`.
fn send_json<T: DeserializeOwned>(
    method: &'static str,
    path: String,
    body: Option<String>,
    key: Option<String>,
) -> impl Future<Output = Result<T, ApiFailure>> {
    let in_flight = InFlight::start();
    async move {
        let outcome = exchange(method, &path, body, key, &in_flight).await;
        let (status, body) = match in_flight.finish() {
            Some(Stop::PageLeft) => return Err(ApiFailure::Aborted),
            Some(Stop::TooSlow) => return Err(ApiFailure::Network),
            None => outcome?,
        };
        // Only this line depends on `T`; the exchange itself is compiled once.
        serde_json::from_str(&body).map_err(|_| ApiFailure::Unreadable { status })
    }
}

/// Sends the request; a 2xx answer's status and body, or why there is none.
async fn exchange(
    method: &str,
    path: &str,
    body: Option<String>,
    key: Option<String>,
    in_flight: &InFlight,
) -> Result<(u16, String), ApiFailure> {
    let init = RequestInit::new();
    init.set_method(method);
    init.set_credentials(RequestCredentials::SameOrigin);
    if let Some(signal) = &in_flight.signal {
        init.set_signal(Some(signal));
    }
    let headers = web_sys::Headers::new().map_err(|_| ApiFailure::Network)?;
    let _ = headers.set("Accept", "application/json");
    if let Some(body) = body {
        let _ = headers.set("Content-Type", "application/json");
        init.set_body(&JsValue::from_str(&body));
    }
    if let Some(key) = key {
        let _ = headers.set("Idempotency-Key", &key);
    }
    init.set_headers(&headers);

    let promise = window().fetch_with_str_and_init(path, &init);
    let response: Response = JsFuture::from(promise)
        .await
        .and_then(JsValue::dyn_into)
        .map_err(|_| ApiFailure::Network)?;
    let status = response.status();
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .map_err(|_| ApiFailure::Network)?
            .as_string()
            .unwrap_or_default(),
        Err(_) => return Err(ApiFailure::Network),
    };
    if (200..300).contains(&status) {
        return Ok((status, text));
    }
    if status == 401 {
        return Err(ApiFailure::Unauthenticated);
    }
    match serde_json::from_str::<ApiError>(&text) {
        Ok(error) => Err(ApiFailure::Refused { status, error }),
        Err(_) => Err(ApiFailure::Unreadable { status }),
    }
}

/// Why a request was stopped before it finished.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stop {
    PageLeft,
    TooSlow,
}

/// The controllers of requests in flight, by id. `on_cleanup` wants a `Send + Sync` closure
/// and an `AbortController` is neither, so the closure carries the id and the controller
/// stays here (wasm has one thread).
struct Controller {
    id: u32,
    controller: AbortController,
    stopped: Option<Stop>,
}

thread_local! {
    static IN_FLIGHT: RefCell<Vec<Controller>> = const { RefCell::new(Vec::new()) };
    static NEXT_ID: Cell<u32> = const { Cell::new(0) };
}

/// One request in flight.
struct InFlight {
    id: u32,
    signal: Option<web_sys::AbortSignal>,
    timer: Option<TimeoutHandle>,
}

impl InFlight {
    fn start() -> Self {
        let id = NEXT_ID.with(|n| {
            n.set(n.get().wrapping_add(1));
            n.get()
        });
        let Ok(controller) = AbortController::new() else {
            return InFlight {
                id,
                signal: None,
                timer: None,
            };
        };
        let signal = Some(controller.signal());
        IN_FLIGHT.with(|all| {
            all.borrow_mut().push(Controller {
                id,
                controller,
                stopped: None,
            })
        });
        on_cleanup(move || stop(id, Stop::PageLeft));
        let timer = set_timeout_with_handle(move || stop(id, Stop::TooSlow), TOO_SLOW).ok();
        InFlight { id, signal, timer }
    }

    /// Forgets the controller; says whether (and why) the request was stopped.
    fn finish(&self) -> Option<Stop> {
        if let Some(timer) = self.timer {
            timer.clear();
        }
        IN_FLIGHT.with(|all| {
            let mut all = all.borrow_mut();
            let index = all.iter().position(|c| c.id == self.id)?;
            all.swap_remove(index).stopped
        })
    }
}

fn stop(id: u32, why: Stop) {
    let controller = IN_FLIGHT.with(|all| {
        let mut all = all.borrow_mut();
        let entry = all.iter_mut().find(|c| c.id == id && c.stopped.is_none())?;
        entry.stopped = Some(why);
        Some(entry.controller.clone())
    });
    // Outside the borrow: `abort` runs the signal's listeners synchronously.
    if let Some(controller) = controller {
        controller.abort();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_failures_that_may_pass_offer_a_retry() {
        let refused = |status: u16| ApiFailure::Refused {
            status,
            error: ApiError {
                code: "x".into(),
                message: "a / b".into(),
            },
        };
        assert!(ApiFailure::Network.is_retryable());
        assert!(ApiFailure::Unreadable { status: 200 }.is_retryable());
        assert!(refused(502).is_retryable());
        assert!(refused(504).is_retryable());
        assert!(refused(429).is_retryable());
        assert!(!refused(403).is_retryable());
        assert!(!refused(404).is_retryable());
        assert!(!refused(400).is_retryable());
        assert!(!ApiFailure::Unauthenticated.is_retryable());
    }

    #[test]
    fn book_addresses() {
        assert_eq!(book_path("labs", None, ""), "/api/v1/book/labs");
        assert_eq!(
            book_path("visits", Some("p 1"), "page=2"),
            "/api/v1/book/visits?patient=p%201&page=2"
        );
        assert_eq!(
            book_path("visits", None, "page=2"),
            "/api/v1/book/visits?page=2"
        );
        assert_eq!(export_url(Some("c1")), "/api/v1/book/export?patient=c1");
        assert_eq!(
            silent_sign_in_url("/so-suc-khoe"),
            "/auth/login?prompt=none&return_to=%2Fso-suc-khoe"
        );
    }

    #[test]
    fn booking_writes_are_retried_only_when_the_network_is_to_blame() {
        let refused = |status: u16, code: &str| ApiFailure::Refused {
            status,
            error: ApiError {
                code: code.into(),
                message: "a / b".into(),
            },
        };
        assert!(worth_retrying(&ApiFailure::Network));
        assert!(worth_retrying(&refused(503, "store_unavailable")));
        assert!(worth_retrying(&refused(409, "idempotency_in_flight")));
        assert!(worth_retrying(&refused(409, "booking_in_progress")));
        assert!(!worth_retrying(&refused(409, "hold_expired")));
        assert!(!worth_retrying(&refused(409, "slot_taken")));
        assert!(!worth_retrying(&refused(422, "idempotency_key_reused")));
        assert!(!worth_retrying(&ApiFailure::Unauthenticated));
        assert!(!worth_retrying(&ApiFailure::Aborted));
    }

    #[test]
    fn query_strings_skip_empty_values_and_encode() {
        assert_eq!(query_string([("a", ""), ("b", "")].into_iter()), "");
        assert_eq!(
            query_string([("date", "2026-12-01"), ("department", "")].into_iter()),
            "?date=2026-12-01"
        );
        let search = FacilitySearch {
            q: Some(" tim mạch ".into()),
            province: Some("Hà Nội".into()),
            ..FacilitySearch::default()
        };
        assert_eq!(
            search.query(),
            "?q=tim%20m%E1%BA%A1ch&province=H%C3%A0%20N%E1%BB%99i"
        );
    }

    #[test]
    fn sign_in_comes_back_to_where_the_person_was() {
        assert_eq!(sign_in_url("/"), "/auth/login?return_to=%2F");
        assert_eq!(
            sign_in_url("/so-suc-khoe?patient=pt-1"),
            "/auth/login?return_to=%2Fso-suc-khoe%3Fpatient%3Dpt-1"
        );
    }
}
