//! Citizen booking routes: hold a slot, confirm it (idempotently), list, read, cancel and
//! reschedule appointments — one's own and authorised dependants'.

use super::availability::{self, context, facility, with_cache_headers};
use super::directory::Directory;
use super::facility_day::{self, BookReply, Command, HoldReply};
use super::patient::{self, Action, citizen};
use super::records::{self, ApptRow, TicketContext, appt_row, ticket};
use super::{BookingError, DayKey, bad_request, body, codes, refusal, today};
use crate::auth::session::Principal;
use crate::error::AppError;
use crate::{Ctx, http};
use serde_json::Value;
use shared::clock::VnDateTime;
use shared::copay;
use shared::dto::booking::{
    Appointment, AppointmentList, AppointmentStatus, BookRequest, BookedFor, Hold, HoldRequest,
    PersonLabel, RescheduleRequest,
};
use shared::schedule::in_booking_window;
use worker::{Request, Response};

fn now() -> VnDateTime {
    VnDateTime::from_unix_ms(js_sys::Date::now() as i64)
}

/// Parses an id of a facility-day thing and checks its day is bookable.
fn day_of(id: &str, not_found: &'static str) -> Result<(DayKey, String), BookingError> {
    let (key, local) = DayKey::parse_id(id).ok_or_else(|| refusal(not_found))?;
    if !in_booking_window(today(), key.date) {
        return Err(refusal(codes::BAD_DATE));
    }
    Ok((key, local))
}

/// `POST /api/v1/holds`.
pub async fn hold(ctx: &Ctx<'_>, req: &mut Request) -> Result<Response, BookingError> {
    let principal = ctx.principal(req).await?;
    let (owner, _, _) = citizen(&principal)?;
    let owner = owner.to_owned();
    let asked: HoldRequest = body(req).await?;
    let (key, slot) = day_of(&asked.slot_id, codes::SLOT_NOT_FOUND)?;
    let (directory, f) = facility(ctx, &key.facility).await?;
    let resolved = patient::resolve(
        &ctx.store,
        &directory,
        &principal,
        asked.patient.as_ref(),
        today(),
    )
    .await?;
    if resolved.subject.label.relation == BookedFor::Other {
        // Identifying someone by number reads their record: recorded before anything is shown.
        patient::audit(
            &ctx.store,
            &principal,
            &[resolved.subject.patient_id.as_str()],
            Action::Lookup,
        )
        .await?;
    }
    let replaces = asked
        .replaces
        .as_deref()
        .and_then(DayKey::parse_id)
        .filter(|(k, _)| *k == key)
        .map(|(_, local)| local);
    let label = resolved.subject.label.clone();
    let reply = facility_day::call::<HoldReply>(
        ctx.env,
        context(&f, key.date),
        Command::Hold {
            slot,
            subject: resolved.subject.clone(),
            owner,
            replaces,
        },
    )
    .await?;
    let estimate = copay::estimate(f.brief.level, resolved.cover_at(&f.brief.code));
    let now_ms = js_sys::Date::now();
    let hold = Hold {
        id: key.compose(&reply.value.hold),
        expires_at: VnDateTime::from_unix_ms(reply.value.expires_ms as i64),
        seconds_left: ((reply.value.expires_ms - now_ms) / 1000.0)
            .max(0.0)
            .floor() as u32,
        slot: reply.value.slot,
        facility: f.brief.clone(),
        patient: label,
        estimate,
    };
    // A held slot shows as "held" within the cache's freshness (5 s); holds do not purge the
    // cache, so a rush of holds does not turn every read into a miss.
    let resp = http::json(201, &hold)?;
    Ok(with_cache_headers(resp, "bypass", reply.store_calls))
}

/// The `Idempotency-Key` header: 1–64 visible ASCII characters.
fn idempotency_key(req: &Request) -> Result<String, BookingError> {
    let key = req
        .headers()
        .get("Idempotency-Key")
        .ok()
        .flatten()
        .ok_or_else(|| refusal(codes::IDEMPOTENCY_KEY_MISSING))?;
    let key = key.trim().trim_matches('"').to_owned();
    if key.is_empty() {
        return Err(refusal(codes::IDEMPOTENCY_KEY_MISSING));
    }
    if key.len() > 64 || !key.bytes().all(|b| (0x21..=0x7e).contains(&b)) {
        return Err(bad_request(
            "Idempotency-Key phải gồm 1–64 ký tự ASCII nhìn thấy được. / \
             The Idempotency-Key must be 1–64 visible ASCII characters.",
        ));
    }
    Ok(key)
}

async fn fingerprint(parts: &[&str]) -> Result<String, AppError> {
    let digest = crate::crypto::sha256(parts.join("\u{1f}").as_bytes()).await?;
    Ok(digest.iter().map(|b| format!("{b:02x}")).collect())
}

/// The ticket for a booking reply, with its QR code.
fn ticket_of(
    key: &DayKey,
    f: &super::directory::Facility,
    row: &ApptRow,
    label: PersonLabel,
) -> Appointment {
    let mut t = ticket(
        row,
        TicketContext {
            id: key.compose(&row.id),
            facility: &f.brief,
            site_id: &f.site_id,
            patient: label,
            now: now(),
        },
    );
    if matches!(
        t.status,
        AppointmentStatus::Booked | AppointmentStatus::CheckedIn
    ) {
        t.qr_svg = super::qr::svg(&t.code);
    }
    t
}

/// `POST /api/v1/appointments` with `Idempotency-Key`.
pub async fn book(ctx: &Ctx<'_>, req: &mut Request) -> Result<Response, BookingError> {
    let principal = ctx.principal(req).await?;
    let (owner, _, name) = citizen(&principal)?;
    let (owner, name) = (owner.to_owned(), name.to_owned());
    let key = idempotency_key(req)?;
    let asked: BookRequest = body(req).await?;
    let declaration = records::validate_declaration(&asked.declaration)
        .ok_or_else(|| refusal(codes::BAD_DECLARATION))?;
    let canonical = serde_json::to_string(&asked).map_err(|_| AppError::internal("book encode"))?;
    let fingerprint = fingerprint(&["book", &canonical]).await?;
    let (day, hold) =
        DayKey::parse_id(&asked.hold_id).ok_or_else(|| refusal(codes::HOLD_NOT_FOUND))?;
    let (_, f) = facility(ctx, &day.facility).await?;
    let reply = facility_day::call::<BookReply>(
        ctx.env,
        context(&f, day.date),
        Command::Book {
            hold,
            owner,
            booker_name: name,
            declaration,
            key,
            fingerprint,
            replaces: None,
            patient: None,
            agent: patient::agent_of(&principal),
        },
    )
    .await?;
    if !reply.value.replayed {
        availability::invalidate(ctx, &day).await;
    }
    let status = if reply.value.replayed { 200 } else { 201 };
    let t = ticket_of(&day, &f, &reply.value.row, reply.value.patient);
    let resp = http::json(status, &t)?;
    Ok(with_cache_headers(resp, "bypass", reply.store_calls))
}

/// Reads an appointment by its public id and checks the caller may manage it. Anything the
/// caller may not see is "not found": ids reveal nothing.
async fn authorised_appointment(
    ctx: &Ctx<'_>,
    principal: &Principal,
    id: &str,
) -> Result<(DayKey, Value, ApptRow, BookedFor), BookingError> {
    let (key, local) = DayKey::parse_id(id).ok_or_else(|| refusal(codes::APPOINTMENT_NOT_FOUND))?;
    let resource = ctx
        .store
        .read("Appointment", &local)
        .await?
        .ok_or_else(|| refusal(codes::APPOINTMENT_NOT_FOUND))?;
    let row = appt_row(&resource).ok_or_else(|| refusal(codes::APPOINTMENT_NOT_FOUND))?;
    if VnDateTime::from_unix_seconds(row.start).date() != key.date {
        return Err(refusal(codes::APPOINTMENT_NOT_FOUND));
    }
    let access = patient::may_manage(&ctx.store, principal, &row.patient)
        .await?
        .ok_or_else(|| refusal(codes::APPOINTMENT_NOT_FOUND))?;
    let relation = match access.ground {
        crate::access::Ground::Owner => BookedFor::Own,
        crate::access::Ground::Representative { .. } => BookedFor::Dependant,
    };
    Ok((key, resource, row, relation))
}

fn label_of(row: &ApptRow, relation: BookedFor) -> PersonLabel {
    PersonLabel {
        name: row.patient_name.clone(),
        relation,
    }
}

/// A ticket for an appointment read from the store (list, detail).
fn ticket_from_store(
    directory: &Directory,
    row: &ApptRow,
    relation: BookedFor,
) -> Option<Appointment> {
    let site = row.site(|id| directory.by_site(id).is_some())?;
    let f = directory.by_site(site)?;
    let key = DayKey {
        facility: f.brief.code.clone(),
        date: VnDateTime::from_unix_seconds(row.start).date(),
    };
    let mut t = ticket_of(&key, f, row, label_of(row, relation));
    // Past visits keep their ticket data but need no QR.
    if VnDateTime::from_unix_seconds(row.end) < now() {
        t.qr_svg = None;
    }
    Some(t)
}

/// `GET /api/v1/appointments[?patient=<id>]`.
pub async fn list(ctx: &Ctx<'_>, req: &Request) -> Result<Response, BookingError> {
    let principal = ctx.principal(req).await?;
    let (own, _, _) = citizen(&principal)?;
    let requested = http::query(req, "patient")?;
    let patient_id = requested.unwrap_or_else(|| own.to_owned());
    let access = patient::may_manage(&ctx.store, &principal, &patient_id)
        .await?
        .ok_or_else(|| refusal(codes::NOT_AUTHORIZED))?;
    let relation = match access.ground {
        crate::access::Ground::Owner => BookedFor::Own,
        crate::access::Ground::Representative { .. } => BookedFor::Dependant,
    };
    let reference = format!("Patient/{patient_id}");
    let params = [
        ("patient", reference.as_str()),
        ("_sort", "-date"),
        ("_count", "100"),
    ];
    let audited = [patient_id.as_str()];
    let (found, audit, directory) = futures_util::join!(
        ctx.store.first_page("Appointment", &params),
        patient::audit(&ctx.store, &principal, &audited, Action::Read),
        super::directory::load(ctx),
    );
    audit?;
    let directory = directory?;
    let rows: Vec<ApptRow> = found?.matches.iter().filter_map(appt_row).collect();
    let now = now();
    let mut upcoming = Vec::new();
    let mut past = Vec::new();
    for row in &rows {
        let Some(t) = ticket_from_store(&directory, row, relation) else {
            continue;
        };
        let active = matches!(
            t.status,
            AppointmentStatus::Booked | AppointmentStatus::CheckedIn
        );
        if active && t.end > now {
            upcoming.push(t);
        } else {
            past.push(t);
        }
    }
    upcoming.sort_by_key(|t| t.start);
    past.sort_by_key(|t| std::cmp::Reverse(t.start));
    past.truncate(50);
    Ok(http::json(200, &AppointmentList { upcoming, past })?)
}

/// `GET /api/v1/appointments/{id}`.
pub async fn get(ctx: &Ctx<'_>, req: &Request, id: &str) -> Result<Response, BookingError> {
    let principal = ctx.principal(req).await?;
    citizen(&principal)?;
    let (_, _, row, relation) = authorised_appointment(ctx, &principal, id).await?;
    let audited = [row.patient.as_str()];
    let (audit, directory) = futures_util::join!(
        patient::audit(&ctx.store, &principal, &audited, Action::Read),
        super::directory::load(ctx),
    );
    audit?;
    let t = ticket_from_store(&directory?, &row, relation)
        .ok_or_else(|| refusal(codes::APPOINTMENT_NOT_FOUND))?;
    Ok(http::json(200, &t)?)
}

/// `DELETE /api/v1/appointments/{id}`.
pub async fn cancel(ctx: &Ctx<'_>, req: &Request, id: &str) -> Result<Response, BookingError> {
    let principal = ctx.principal(req).await?;
    citizen(&principal)?;
    let (key, resource, row, relation) = authorised_appointment(ctx, &principal, id).await?;
    if status_changeable(&row).is_err() {
        return Err(refusal(codes::NOT_CHANGEABLE));
    }
    patient::audit(
        &ctx.store,
        &principal,
        &[row.patient.as_str()],
        Action::Change,
    )
    .await?;
    let (_, f) = facility(ctx, &key.facility).await?;
    let reply = facility_day::call::<ApptRow>(
        ctx.env,
        context(&f, key.date),
        Command::Cancel {
            appointment: resource,
        },
    )
    .await?;
    availability::invalidate(ctx, &key).await;
    let t = ticket_of(&key, &f, &reply.value, label_of(&reply.value, relation));
    let resp = http::json(200, &t)?;
    Ok(with_cache_headers(resp, "bypass", reply.store_calls))
}

fn status_changeable(row: &ApptRow) -> Result<(), ()> {
    let booked = records::status_of(&row.status) == AppointmentStatus::Booked;
    let future = VnDateTime::from_unix_seconds(row.start) > now();
    (booked && future).then_some(()).ok_or(())
}

/// `POST /api/v1/appointments/{id}/reschedule` `{"hold_id"}`: the new slot is booked and the
/// old one released in one store transaction, run by the new slot's facility-day object.
pub async fn reschedule(
    ctx: &Ctx<'_>,
    req: &mut Request,
    id: &str,
) -> Result<Response, BookingError> {
    let principal = ctx.principal(req).await?;
    let (owner, _, name) = citizen(&principal)?;
    let (owner, name) = (owner.to_owned(), name.to_owned());
    let explicit_key = match idempotency_key(req) {
        Ok(k) => Some(k),
        Err(BookingError::Refused {
            code: codes::IDEMPOTENCY_KEY_MISSING,
            ..
        }) => None,
        Err(e) => return Err(e),
    };
    let asked: RescheduleRequest = body(req).await?;
    let (old_key, resource, row, _) = authorised_appointment(ctx, &principal, id).await?;
    if status_changeable(&row).is_err() {
        return Err(refusal(codes::NOT_CHANGEABLE));
    }
    let (new_key, hold) =
        DayKey::parse_id(&asked.hold_id).ok_or_else(|| refusal(codes::HOLD_NOT_FOUND))?;
    let (_, f) = facility(ctx, &new_key.facility).await?;
    // Without a client key, the (appointment, hold) pair is the natural key: retrying the
    // same reschedule can never book twice.
    let key = explicit_key.unwrap_or_else(|| format!("reschedule:{}:{}", row.id, hold));
    let fingerprint = fingerprint(&["reschedule", id, &asked.hold_id]).await?;
    let reply = facility_day::call::<BookReply>(
        ctx.env,
        context(&f, new_key.date),
        Command::Book {
            hold,
            owner,
            booker_name: name,
            declaration: shared::dto::booking::HealthDeclaration {
                reason: "Đổi lịch hẹn / Rescheduled".into(),
                ..Default::default()
            },
            key,
            fingerprint,
            replaces: Some(resource),
            patient: Some(row.patient.clone()),
            agent: patient::agent_of(&principal),
        },
    )
    .await?;
    // The old day's object learns of the release (the store already has it); if that call
    // fails, its next refresh catches up.
    if old_key != new_key {
        if let Ok((_, old_f)) = facility(ctx, &old_key.facility).await {
            let released = facility_day::call::<Value>(
                ctx.env,
                context(&old_f, old_key.date),
                Command::Released {
                    appointment: row.id.clone(),
                },
            )
            .await;
            if released.is_err() {
                worker::console_warn!("reschedule: old facility-day not told of the release");
            }
        }
        availability::invalidate(ctx, &old_key).await;
    }
    availability::invalidate(ctx, &new_key).await;
    let status = if reply.value.replayed { 200 } else { 201 };
    let t = ticket_of(&new_key, &f, &reply.value.row, reply.value.patient);
    let resp = http::json(status, &t)?;
    Ok(with_cache_headers(resp, "bypass", reply.store_calls))
}
