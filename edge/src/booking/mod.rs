//! Booking: the facility directory, cached availability, holds and appointments coordinated by
//! one Durable Object per facility-day, tickets with QR codes, and the clinic console's API.
//!
//! Who does what:
//! - [`directory`] and [`availability`] serve public data from the edge cache ([`cache`]:
//!   stale-while-revalidate, single-flight misses). Availability's fetcher is the
//!   facility-day object, which refreshes its own copy of the day from the store.
//! - [`facility_day`] is the authority for holds and bookings of one facility on one day: it
//!   decides in synchronous SQLite transactions (no interleaving), commits to the store in one
//!   FHIR transaction guarded by `If-Match`, and keeps everything in its storage.
//! - [`appointments`] (citizens) and [`clinic`] (staff) authorise the caller, then ask the
//!   object. [`patient`] decides whom a booking may be for. [`records`] maps FHIR to our DTOs.

/// Citizen routes: holds, bookings, my appointments, cancel, reschedule.
pub mod appointments;
/// Public routes: a facility-day's availability, a facility's calendar.
pub mod availability;
/// The edge cache with stale-while-revalidate and single flight.
pub mod cache;
/// Staff routes: today's list, check-in, no-show, opening and closing slots.
pub mod clinic;
/// The facility directory (cached) and card lookups.
pub mod directory;
/// The Durable Object per facility-day, and the edge's client for it.
pub mod facility_day;
/// Whom a booking is for, on what ground, and the audit record of it.
pub mod patient;
/// The ticket's QR code as SVG.
pub mod qr;
/// FHIR ↔ booking records and DTOs (pure).
pub mod records;

use crate::Ctx;
use crate::error::AppError;
use crate::http;
use shared::date::IsoDate;
use shared::dto::ApiError;
pub use shared::dto::booking::codes;
use shared::id::FacilityCode;
use std::borrow::Cow;
use worker::{Method, Request, Response};

/// (method, path template) of every booking route.
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/api/v1/facilities"),
    ("GET", "/api/v1/facilities/{code}/availability"),
    ("GET", "/api/v1/facilities/{code}/calendar"),
    ("POST", "/api/v1/holds"),
    ("POST", "/api/v1/appointments"),
    ("GET", "/api/v1/appointments"),
    ("GET", "/api/v1/appointments/{id}"),
    ("DELETE", "/api/v1/appointments/{id}"),
    ("POST", "/api/v1/appointments/{id}/reschedule"),
    ("GET", "/api/v1/clinic/day"),
    ("POST", "/api/v1/clinic/check-in"),
    ("POST", "/api/v1/clinic/appointments/{id}/status"),
    ("GET", "/api/v1/clinic/slots"),
    ("POST", "/api/v1/clinic/slots"),
];

/// Answers `req` if it is a booking route, else `None`.
pub async fn handle(
    ctx: &Ctx<'_>,
    req: &mut Request,
    method: &Method,
    path: &str,
) -> Option<Result<Response, AppError>> {
    let param = |template: &str| {
        http::match_path(template, path).and_then(|p| p.first().map(|s| (*s).to_owned()))
    };
    let result = match method {
        Method::Get if path == "/api/v1/facilities" => directory::list(ctx, req).await,
        Method::Get => {
            if let Some(code) = param("/api/v1/facilities/{code}/availability") {
                availability::day(ctx, req, &code).await
            } else if let Some(code) = param("/api/v1/facilities/{code}/calendar") {
                availability::calendar(ctx, req, &code).await
            } else if path == "/api/v1/appointments" {
                appointments::list(ctx, req).await
            } else if let Some(id) = param("/api/v1/appointments/{id}") {
                appointments::get(ctx, req, &id).await
            } else if path == "/api/v1/clinic/day" {
                clinic::day(ctx, req).await
            } else if path == "/api/v1/clinic/slots" {
                clinic::slots(ctx, req).await
            } else {
                return None;
            }
        }
        Method::Post => {
            if path == "/api/v1/holds" {
                appointments::hold(ctx, req).await
            } else if path == "/api/v1/appointments" {
                appointments::book(ctx, req).await
            } else if let Some(id) = param("/api/v1/appointments/{id}/reschedule") {
                appointments::reschedule(ctx, req, &id).await
            } else if path == "/api/v1/clinic/check-in" {
                clinic::check_in(ctx, req).await
            } else if let Some(id) = param("/api/v1/clinic/appointments/{id}/status") {
                clinic::status(ctx, req, &id).await
            } else if path == "/api/v1/clinic/slots" {
                clinic::change_slots(ctx, req).await
            } else {
                return None;
            }
        }
        Method::Delete => {
            if let Some(id) = param("/api/v1/appointments/{id}") {
                appointments::cancel(ctx, req, &id).await
            } else {
                return None;
            }
        }
        _ => return None,
    };
    Some(match result {
        Ok(resp) => Ok(resp),
        Err(BookingError::App(err)) => Err(err),
        Err(refused) => refused.into_response(),
    })
}

/// An error of the booking area: either a general [`AppError`] or a refusal with its own
/// status (409, 422, 404…) and code from [`codes`], which `AppError` has no variant for.
#[derive(Debug)]
pub enum BookingError {
    App(AppError),
    Refused {
        status: u16,
        code: &'static str,
        message: Cow<'static, str>,
    },
}

impl From<AppError> for BookingError {
    fn from(err: AppError) -> Self {
        BookingError::App(err)
    }
}

impl From<worker::Error> for BookingError {
    fn from(err: worker::Error) -> Self {
        BookingError::App(err.into())
    }
}

impl BookingError {
    /// The JSON answer.
    pub fn into_response(self) -> Result<Response, AppError> {
        match self {
            BookingError::App(err) => Err(err),
            BookingError::Refused {
                status,
                code,
                message,
            } => http::json(
                status,
                &ApiError {
                    code: code.to_owned(),
                    message: message.into_owned(),
                },
            ),
        }
    }
}

/// A refusal with a specific message.
pub fn refuse(
    status: u16,
    code: &'static str,
    message: impl Into<Cow<'static, str>>,
) -> BookingError {
    BookingError::Refused {
        status,
        code,
        message: message.into(),
    }
}

/// The standard refusal for `code`: its status and a Vietnamese / English sentence with a next
/// step. Unknown codes are internal errors (a bug).
pub fn refusal(code: &str) -> BookingError {
    let (status, code, message): (u16, &'static str, &'static str) = match code {
        codes::SLOT_TAKEN => (
            409,
            codes::SLOT_TAKEN,
            "Giờ khám này vừa có người khác giữ hoặc đặt. Vui lòng chọn giờ khác. / Someone else has just taken this time. Please choose another time.",
        ),
        codes::DAY_FULL => (
            409,
            codes::DAY_FULL,
            "Ngày này đã hết chỗ đặt khám. Vui lòng chọn ngày khác hoặc cơ sở khác. / This day is fully booked. Please choose another day or another facility.",
        ),
        codes::ALREADY_BOOKED => (
            409,
            codes::ALREADY_BOOKED,
            "Người này đã có lịch khám tại cơ sở này trong ngày. Xem hoặc đổi lịch trong “Lịch hẹn của tôi”. / This person already has a booking at this facility on this day. See or change it in “My appointments”.",
        ),
        codes::FACILITY_CLOSED => (
            409,
            codes::FACILITY_CLOSED,
            "Cơ sở không nhận đặt khám vào ngày này. Vui lòng chọn ngày khác. / The facility takes no bookings on this day. Please choose another day.",
        ),
        codes::HOLD_EXPIRED => (
            409,
            codes::HOLD_EXPIRED,
            "Đã hết thời gian giữ chỗ nên giờ khám đã được trả lại. Vui lòng chọn lại giờ khám. / The hold has run out and the time was released. Please choose a time again.",
        ),
        codes::BOOKING_IN_PROGRESS => (
            409,
            codes::BOOKING_IN_PROGRESS,
            "Lịch hẹn này đang được xác nhận. Vui lòng đợi vài giây rồi xem “Lịch hẹn của tôi”. / This booking is being confirmed. Please wait a few seconds, then look at “My appointments”.",
        ),
        codes::IDEMPOTENCY_KEY_MISSING => (
            400,
            codes::IDEMPOTENCY_KEY_MISSING,
            "Thiếu tiêu đề Idempotency-Key: mỗi lần đặt khám cần một mã riêng. / The Idempotency-Key header is missing: every booking attempt needs its own key.",
        ),
        codes::IDEMPOTENCY_KEY_REUSED => (
            422,
            codes::IDEMPOTENCY_KEY_REUSED,
            "Idempotency-Key này đã được dùng cho một yêu cầu khác. Hãy dùng mã mới cho lần đặt mới. / This Idempotency-Key was used for a different request. Use a new key for a new booking.",
        ),
        codes::IDEMPOTENCY_IN_FLIGHT => (
            409,
            codes::IDEMPOTENCY_IN_FLIGHT,
            "Yêu cầu đặt khám trước đó vẫn đang xử lý. Vui lòng thử lại sau giây lát. / The earlier booking request is still being processed. Please retry in a moment.",
        ),
        codes::SLOT_NOT_FOUND => (
            404,
            codes::SLOT_NOT_FOUND,
            "Không tìm thấy giờ khám này. Vui lòng tải lại danh sách giờ khám. / This time slot was not found. Please reload the list of times.",
        ),
        codes::HOLD_NOT_FOUND => (
            404,
            codes::HOLD_NOT_FOUND,
            "Không tìm thấy lượt giữ chỗ này. Vui lòng chọn lại giờ khám. / This hold was not found. Please choose a time again.",
        ),
        codes::APPOINTMENT_NOT_FOUND => (
            404,
            codes::APPOINTMENT_NOT_FOUND,
            "Không tìm thấy lịch hẹn này. / This appointment was not found.",
        ),
        codes::FACILITY_NOT_FOUND => (
            404,
            codes::FACILITY_NOT_FOUND,
            "Không tìm thấy cơ sở khám chữa bệnh có mã này. / No facility has this code.",
        ),
        codes::NOT_CHANGEABLE => (
            409,
            codes::NOT_CHANGEABLE,
            "Lịch hẹn này không thể hủy hoặc đổi nữa (đã qua, đã tiếp đón hoặc đã hủy). Vui lòng liên hệ cơ sở. / This appointment can no longer be cancelled or changed (it is over, checked in or cancelled). Please contact the facility.",
        ),
        codes::PERSON_NOT_MATCHED => (
            403,
            codes::PERSON_NOT_MATCHED,
            "Số và ngày sinh không khớp với người nào. Vui lòng kiểm tra lại trên thẻ. / The number and date of birth do not match anyone. Please check them on the card.",
        ),
        codes::BAD_DATE => (
            400,
            codes::BAD_DATE,
            "Ngày phải có dạng YYYY-MM-DD, từ hôm nay đến 30 ngày tới. / The date must be YYYY-MM-DD, from today to 30 days ahead.",
        ),
        codes::BAD_DECLARATION => (
            400,
            codes::BAD_DECLARATION,
            "Tờ khai y tế chưa hợp lệ: cần lý do khám (tối đa 500 ký tự). / The health declaration is not valid: a reason for the visit is needed (at most 500 characters).",
        ),
        codes::CODE_NOT_FOUND => (
            404,
            codes::CODE_NOT_FOUND,
            "Không có lịch hẹn với mã này tại cơ sở hôm nay. Kiểm tra lại mã trên phiếu. / No booking with this code at this facility today. Check the code on the ticket.",
        ),
        codes::WRONG_DAY => (
            409,
            codes::WRONG_DAY,
            "Lịch hẹn này không phải hôm nay. / This booking is not for today.",
        ),
        codes::BAD_TRANSITION => (
            409,
            codes::BAD_TRANSITION,
            "Không thể chuyển lịch hẹn sang trạng thái này từ trạng thái hiện tại. / The appointment cannot move to this status from its current one.",
        ),
        codes::NOT_AUTHORIZED => (
            403,
            codes::NOT_AUTHORIZED,
            "Bạn không có quyền thực hiện thao tác này. / You are not allowed to do this.",
        ),
        _ => return BookingError::App(AppError::internal("unknown refusal code")),
    };
    refuse(status, code, message)
}

/// A malformed request body or field.
pub fn bad_request(message: &'static str) -> BookingError {
    refuse(400, codes::BAD_REQUEST, message)
}

/// One facility on one day: the unit of coordination (one Durable Object each).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayKey {
    pub facility: String,
    pub date: IsoDate,
}

impl DayKey {
    /// The Durable Object's name: `01001:2026-11-24`.
    pub fn object_name(&self) -> String {
        format!("{}:{}", self.facility, self.date)
    }

    fn compact_date(&self) -> String {
        self.date.to_string().replace('-', "")
    }

    /// An id the API hands out for something of this facility-day: `01001.20261124.<local>`.
    pub fn compose(&self, local: &str) -> String {
        format!("{}.{}.{local}", self.facility, self.compact_date())
    }

    /// Splits an id made by [`DayKey::compose`]; `None` for anything else.
    pub fn parse_id(id: &str) -> Option<(DayKey, String)> {
        let mut parts = id.splitn(3, '.');
        let facility = parts.next()?;
        let date = parts.next()?;
        let local = parts.next()?;
        let code = FacilityCode::parse(facility).ok()?;
        if code.as_str() != facility || date.len() != 8 || !date.bytes().all(|b| b.is_ascii_digit())
        {
            return None;
        }
        let date = IsoDate::parse(&format!("{}-{}-{}", &date[..4], &date[4..6], &date[6..]))?;
        if !crate::fhir::is_valid_id(local) {
            return None;
        }
        Some((
            DayKey {
                facility: facility.to_owned(),
                date,
            },
            local.to_owned(),
        ))
    }

    /// The cache key of this facility-day's availability.
    pub fn availability_cache_key(&self) -> String {
        format!("availability/{}/{}", self.facility, self.date)
    }

    /// The cache key of this facility's calendar computed on `today`.
    pub fn calendar_cache_key(facility: &str, today: IsoDate) -> String {
        format!("calendar/{facility}/{today}")
    }
}

/// Today in Vietnam, from the runtime clock.
pub fn today() -> IsoDate {
    IsoDate::vn_today_from_unix_ms(js_sys::Date::now() as i64)
}

/// Parses `?date=` (or a body date) and checks the booking window.
pub fn parse_day(text: Option<&str>, today: IsoDate) -> Result<IsoDate, BookingError> {
    let date = match text {
        None => return Ok(today),
        Some(t) => IsoDate::parse(t)
            .filter(|_| t.len() == 10)
            .ok_or_else(|| refusal(codes::BAD_DATE))?,
    };
    if shared::schedule::in_booking_window(today, date) {
        Ok(date)
    } else {
        Err(refusal(codes::BAD_DATE))
    }
}

/// Reads a JSON body as `T`; a malformed body is a clear 400.
pub async fn body<T: serde::de::DeserializeOwned>(req: &mut Request) -> Result<T, BookingError> {
    let text = req.text().await.map_err(|_| {
        bad_request("Không đọc được nội dung yêu cầu. / The request body could not be read.")
    })?;
    if text.len() > 64 * 1024 {
        return Err(bad_request(
            "Nội dung yêu cầu quá lớn. / The request body is too large.",
        ));
    }
    serde_json::from_str(&text).map_err(|_| {
        bad_request(
            "Nội dung yêu cầu không đúng định dạng (xem tài liệu API). / \
             The request body is not in the expected shape (see the API description).",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_and_reject_garbage() {
        let key = DayKey {
            facility: "01001".into(),
            date: IsoDate::new(2026, 11, 24).unwrap(),
        };
        let id = key.compose("a1b2.c3");
        assert_eq!(id, "01001.20261124.a1b2.c3");
        assert_eq!(DayKey::parse_id(&id), Some((key.clone(), "a1b2.c3".into())));
        assert_eq!(key.object_name(), "01001:2026-11-24");
        for bad in [
            "",
            "01001",
            "01001.20261124",
            "01001.20261124.",
            "0100.20261124.x",
            "01001.2026112.x",
            "01001.20261324.x",
            "01001.20261124.a/b",
            "01 001.20261124.x",
            "01001.2026-11-2.x",
        ] {
            assert_eq!(DayKey::parse_id(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn every_code_has_a_bilingual_refusal() {
        for code in [
            codes::SLOT_TAKEN,
            codes::DAY_FULL,
            codes::ALREADY_BOOKED,
            codes::FACILITY_CLOSED,
            codes::HOLD_EXPIRED,
            codes::BOOKING_IN_PROGRESS,
            codes::IDEMPOTENCY_KEY_MISSING,
            codes::IDEMPOTENCY_KEY_REUSED,
            codes::IDEMPOTENCY_IN_FLIGHT,
            codes::SLOT_NOT_FOUND,
            codes::HOLD_NOT_FOUND,
            codes::APPOINTMENT_NOT_FOUND,
            codes::FACILITY_NOT_FOUND,
            codes::NOT_CHANGEABLE,
            codes::PERSON_NOT_MATCHED,
            codes::BAD_DATE,
            codes::BAD_DECLARATION,
            codes::CODE_NOT_FOUND,
            codes::WRONG_DAY,
            codes::BAD_TRANSITION,
            codes::NOT_AUTHORIZED,
        ] {
            let BookingError::Refused {
                status,
                code: c,
                message,
            } = refusal(code)
            else {
                panic!("{code} has no refusal");
            };
            assert_eq!(c, code);
            assert!((400..500).contains(&status));
            assert!(message.contains(" / "), "{code}: {message}");
        }
        assert_eq!(
            match refusal(codes::IDEMPOTENCY_KEY_REUSED) {
                BookingError::Refused { status, .. } => status,
                _ => 0,
            },
            422
        );
    }

    #[test]
    fn days_must_be_in_the_window() {
        let today = IsoDate::new(2026, 11, 23).unwrap();
        assert_eq!(parse_day(None, today).ok(), Some(today));
        assert!(parse_day(Some("2026-11-30"), today).is_ok());
        for bad in ["2026-11-22", "2026-12-24", "30/11/2026", "2026-11", "x"] {
            assert!(parse_day(Some(bad), today).is_err(), "{bad}");
        }
    }
}
