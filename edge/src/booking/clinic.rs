//! The clinic console's API (`/api/v1/clinic/…`): staff sessions only, and always the staff
//! member's own facility — the facility comes from the identity provider's claim in the
//! session, never from the request.

use super::availability::{self, context, facility};
use super::facility_day::{self, ChangeReply, ClinicDayReply, Command};
use super::patient::{self, Action};
use super::{BookingError, DayKey, bad_request, body, codes, refusal, refuse, today};
use crate::auth::session::Principal;
use crate::{Ctx, http};
use shared::booking_code::BookingCode;
use shared::clock::VnDateTime;
use shared::date::IsoDate;
use shared::dto::booking::{
    CheckInRequest, ClinicAction, ClinicEntry, ClinicSlots, SlotChange, SlotChangeResult,
    StatusChange,
};
use shared::fhir::booking::SYSTEM_BOOKING_CODE;
use shared::fhir::token;
use worker::{Request, Response};

/// How many days back staff may look at a list (yesterday's no-shows, last week's visits).
const LOOK_BACK_DAYS: i64 = 7;

fn staff(principal: &Principal) -> Result<&str, BookingError> {
    match principal {
        Principal::Staff { facility_code, .. } => Ok(facility_code),
        Principal::Citizen { .. } => Err(refusal(codes::NOT_AUTHORIZED)),
    }
}

fn clinic_date(text: Option<&str>, allow_past: bool) -> Result<IsoDate, BookingError> {
    let today = today();
    let Some(text) = text else {
        return Ok(today);
    };
    let date = IsoDate::parse(text)
        .filter(|_| text.len() == 10)
        .ok_or_else(|| refusal(codes::BAD_DATE))?;
    let offset = date.days_since_epoch() - today.days_since_epoch();
    let earliest = if allow_past { -LOOK_BACK_DAYS } else { 0 };
    if (earliest..=shared::schedule::BOOKING_WINDOW_DAYS).contains(&offset) {
        Ok(date)
    } else {
        Err(refusal(codes::BAD_DATE))
    }
}

/// `GET /api/v1/clinic/day[?date=]`: the list per room. Recorded as one audit event naming
/// every patient on it.
pub async fn day(ctx: &Ctx<'_>, req: &Request) -> Result<Response, BookingError> {
    let principal = ctx.principal(req).await?;
    let code = staff(&principal)?.to_owned();
    let date = clinic_date(http::query(req, "date")?.as_deref(), true)?;
    let (_, f) = facility(ctx, &code).await?;
    let reply =
        facility_day::call::<ClinicDayReply>(ctx.env, context(&f, date), Command::ClinicDay)
            .await?;
    let patients: Vec<&str> = reply.value.patients.iter().map(String::as_str).collect();
    patient::audit(&ctx.store, &principal, &patients, Action::ClinicList).await?;
    Ok(http::json(200, &reply.value.day)?)
}

/// `POST /api/v1/clinic/check-in` `{"code"}`: today's booking with that code at the staff
/// member's facility.
pub async fn check_in(ctx: &Ctx<'_>, req: &mut Request) -> Result<Response, BookingError> {
    let principal = ctx.principal(req).await?;
    let facility_code = staff(&principal)?.to_owned();
    let asked: CheckInRequest = body(req).await?;
    let code = BookingCode::parse(&asked.code).map_err(|_| {
        refuse(
            400,
            codes::BAD_REQUEST,
            "Mã đặt khám gồm 8 ký tự (ví dụ ABCD-2345); kiểm tra lại mã trên phiếu. / \
             A booking code has 8 characters (e.g. ABCD-2345); check the code on the ticket.",
        )
    })?;
    let date = today();
    let (_, f) = facility(ctx, &facility_code).await?;
    let result = facility_day::call::<ClinicEntry>(
        ctx.env,
        context(&f, date),
        Command::ClinicAction {
            appointment: None,
            code: Some(code.to_string()),
            action: ClinicAction::CheckIn,
            agent: patient::agent_of(&principal),
        },
    )
    .await;
    match result {
        Ok(reply) => {
            availability::invalidate(
                ctx,
                &DayKey {
                    facility: facility_code,
                    date,
                },
            )
            .await;
            Ok(http::json(200, &reply.value)?)
        }
        Err(BookingError::Refused {
            code: codes::CODE_NOT_FOUND,
            ..
        }) => {
            // Not today: say which day, if the code is this facility's.
            let found = ctx
                .store
                .first_page(
                    "Appointment",
                    &[
                        ("identifier", &token(SYSTEM_BOOKING_CODE, &code.to_string())),
                        ("_count", "5"),
                    ],
                )
                .await?;
            let other_day = found
                .matches
                .iter()
                .filter_map(super::records::appt_row)
                .filter(|a| a.site(|id| id == f.site_id).is_some())
                .map(|a| VnDateTime::from_unix_seconds(a.start))
                .next();
            match other_day {
                Some(start) => Err(refuse(
                    409,
                    codes::WRONG_DAY,
                    format!(
                        "Lịch hẹn này vào ngày {}, không phải hôm nay. / This booking is for {}, not today.",
                        start.date().display_vn(),
                        start.date().display_vn()
                    ),
                )),
                None => Err(refusal(codes::CODE_NOT_FOUND)),
            }
        }
        Err(e) => Err(e),
    }
}

/// `POST /api/v1/clinic/appointments/{id}/status` `{"action"}`.
pub async fn status(ctx: &Ctx<'_>, req: &mut Request, id: &str) -> Result<Response, BookingError> {
    let principal = ctx.principal(req).await?;
    let facility_code = staff(&principal)?.to_owned();
    let asked: StatusChange = body(req).await?;
    let (key, local) = DayKey::parse_id(id).ok_or_else(|| refusal(codes::APPOINTMENT_NOT_FOUND))?;
    // Another facility's appointment does not exist for this staff member.
    if key.facility != facility_code {
        return Err(refusal(codes::APPOINTMENT_NOT_FOUND));
    }
    clinic_date(Some(&key.date.to_string()), true)?;
    let (_, f) = facility(ctx, &facility_code).await?;
    let reply = facility_day::call::<ClinicEntry>(
        ctx.env,
        context(&f, key.date),
        Command::ClinicAction {
            appointment: Some(local),
            code: None,
            action: asked.action,
            agent: patient::agent_of(&principal),
        },
    )
    .await?;
    availability::invalidate(ctx, &key).await;
    Ok(http::json(200, &reply.value)?)
}

/// `GET /api/v1/clinic/slots?date=`.
pub async fn slots(ctx: &Ctx<'_>, req: &Request) -> Result<Response, BookingError> {
    let principal = ctx.principal(req).await?;
    let code = staff(&principal)?.to_owned();
    let date = clinic_date(http::query(req, "date")?.as_deref(), false)?;
    let (_, f) = facility(ctx, &code).await?;
    let reply =
        facility_day::call::<ClinicSlots>(ctx.env, context(&f, date), Command::ClinicSlots).await?;
    Ok(http::json(200, &reply.value)?)
}

/// `POST /api/v1/clinic/slots`: close, reopen or add slots; written to the store, caches
/// invalidated.
pub async fn change_slots(ctx: &Ctx<'_>, req: &mut Request) -> Result<Response, BookingError> {
    let principal = ctx.principal(req).await?;
    let code = staff(&principal)?.to_owned();
    let change: SlotChange = body(req).await?;
    clinic_date(Some(&change.date.to_string()), false)?;
    if change.slot_ids.len() > 500 {
        return Err(bad_request(
            "Tối đa 500 giờ khám mỗi lần. / At most 500 slots at a time.",
        ));
    }
    let (_, f) = facility(ctx, &code).await?;
    let date = change.date;
    let reply = facility_day::call::<ChangeReply>(
        ctx.env,
        context(&f, date),
        Command::ClinicChange { change },
    )
    .await?;
    availability::invalidate(
        ctx,
        &DayKey {
            facility: code,
            date,
        },
    )
    .await;
    let result = SlotChangeResult {
        changed: reply.value.changed,
        skipped: reply.value.skipped,
        day: reply.value.day,
    };
    Ok(http::json(200, &result)?)
}
