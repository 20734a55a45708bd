//! The clinic console's HTTP: the clinic API (`/api/v1/clinic/…`), same origin, cookie
//! session. Failures are the citizen app's [`ApiFailure`], so sessions, network trouble and the
//! edge's `{"code","message"}` bodies read the same in both apps.
//!
//! Unlike the citizen app, the console sends bodies (check-in, no-show, slots). A request is
//! aborted after [`TOO_SLOW`] so a counter clerk never waits on a spinner forever; the screen's
//! list refreshes anyway, so nothing is tied to page lifetimes here.

use crate::api::ApiFailure;
use leptos::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use shared::date::IsoDate;
use shared::dto::ApiError;
use std::future::Future;
use std::time::Duration;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, RequestCredentials, RequestInit, Response};

pub use shared::dto::booking::{
    AppointmentStatus, ClinicAction, ClinicDay, ClinicEntry, ClinicRoom, ClinicSchedule,
    ClinicSlot, ClinicSlotStatus, ClinicSlots, SlotAction, SlotChange, SlotChangeResult,
};
use shared::dto::booking::{CheckInRequest, StatusChange};

/// How long a request may take before the clerk is told the network is too slow.
const TOO_SLOW: Duration = Duration::from_secs(20);

/// `GET /api/v1/clinic/day?date=`: the facility's bookings of one day, per doctor and room.
pub fn day(date: IsoDate) -> impl Future<Output = Result<ClinicDay, ApiFailure>> {
    send_json("GET", format!("/api/v1/clinic/day?date={date}"), None)
}

/// `POST /api/v1/clinic/check-in`: checks in the booking with this code (as typed or scanned).
pub fn check_in(code: String) -> impl Future<Output = Result<ClinicEntry, ApiFailure>> {
    send_json(
        "POST",
        "/api/v1/clinic/check-in".to_owned(),
        body(&CheckInRequest { code }),
    )
}

/// `POST /api/v1/clinic/appointments/{id}/status`: check in, no-show, done, or undo a no-show.
pub fn change_status(
    appointment: &str,
    action: ClinicAction,
) -> impl Future<Output = Result<ClinicEntry, ApiFailure>> + use<> {
    send_json(
        "POST",
        format!(
            "/api/v1/clinic/appointments/{}/status",
            crate::route::encode_component(appointment)
        ),
        body(&StatusChange { action }),
    )
}

/// `GET /api/v1/clinic/slots?date=`: every slot of the facility-day, per doctor and room.
pub fn slots(date: IsoDate) -> impl Future<Output = Result<ClinicSlots, ApiFailure>> {
    send_json("GET", format!("/api/v1/clinic/slots?date={date}"), None)
}

/// `POST /api/v1/clinic/slots`: close, reopen or add slots of one day.
pub fn change_slots(
    change: &SlotChange,
) -> impl Future<Output = Result<SlotChangeResult, ApiFailure>> + use<> {
    send_json("POST", "/api/v1/clinic/slots".to_owned(), body(change))
}

fn body<T: Serialize>(value: &T) -> Option<String> {
    serde_json::to_string(value).ok()
}

async fn send_json<T: DeserializeOwned>(
    method: &'static str,
    path: String,
    body: Option<String>,
) -> Result<T, ApiFailure> {
    let (status, text) = exchange(method, &path, body.as_deref()).await?;
    serde_json::from_str(&text).map_err(|_| ApiFailure::Unreadable { status })
}

/// Sends one request; a 2xx answer's status and body, or why there is none.
async fn exchange(
    method: &str,
    path: &str,
    body: Option<&str>,
) -> Result<(u16, String), ApiFailure> {
    let init = RequestInit::new();
    init.set_method(method);
    init.set_credentials(RequestCredentials::SameOrigin);
    let headers = web_sys::Headers::new().map_err(|_| ApiFailure::Network)?;
    let _ = headers.set("Accept", "application/json");
    if let Some(body) = body {
        let _ = headers.set("Content-Type", "application/json");
        init.set_body(&JsValue::from_str(body));
    }
    init.set_headers(&headers);
    let controller = AbortController::new().ok();
    if let Some(controller) = &controller {
        init.set_signal(Some(&controller.signal()));
    }
    let timer = controller
        .clone()
        .and_then(|controller| set_timeout_with_handle(move || controller.abort(), TOO_SLOW).ok());

    let outcome = async {
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
        Ok((status, text))
    }
    .await;
    if let Some(timer) = timer {
        timer.clear();
    }
    let (status, text) = outcome?;
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
