//! Public booking reads: a facility-day's availability and a facility's calendar. No session
//! is needed (nothing personal is in them), so host apps and the 7 AM crowd read them from the
//! edge cache.

use super::cache::{self, Cached, Fetched, Policy};
use super::directory::{self, Facility};
use super::facility_day::{self, Command, DayContext};
use super::{BookingError, DayKey, codes, parse_day, refusal, today};
use crate::error::AppError;
use crate::fhir::encode_component;
use crate::{Ctx, http};
use serde::{Deserialize, Serialize};
use shared::clock::{ClockTime, VnDateTime};
use shared::date::IsoDate;
use shared::dto::booking::{Availability, CalendarDay, DayStatus, FacilityCalendar, SlotStatus};
use shared::id::FacilityCode;
use shared::schedule::BOOKING_WINDOW_DAYS;
use worker::{Request, Response};

/// Availability changes by the second at 7 AM: fresh for 5 s, then served stale while one
/// request revalidates (through the facility-day object, not the store) for up to 5 minutes.
pub const AVAILABILITY_POLICY: Policy = Policy {
    fresh_ms: 5_000.0,
    stale_ms: 300_000.0,
};
/// The calendar is a date picker's hint: fresh for a minute.
const CALENDAR_POLICY: Policy = Policy {
    fresh_ms: 60_000.0,
    stale_ms: 3_600_000.0,
};

/// The facility for `code`, or 404.
pub async fn facility(
    ctx: &Ctx<'_>,
    code: &str,
) -> Result<(directory::Directory, Facility), BookingError> {
    let code = FacilityCode::parse(code).map_err(|_| refusal(codes::FACILITY_NOT_FOUND))?;
    let dir = directory::load(ctx).await?;
    let f = dir
        .by_code(code.as_str())
        .cloned()
        .ok_or_else(|| refusal(codes::FACILITY_NOT_FOUND))?;
    Ok((dir, f))
}

/// What the facility-day object needs to know about its facility.
pub fn context(f: &Facility, date: IsoDate) -> DayContext {
    DayContext {
        facility: f.brief.clone(),
        site_id: f.site_id.clone(),
        date,
        schedules: f.schedules.clone(),
    }
}

/// The day's availability through the edge cache.
pub async fn cached_day(ctx: &Ctx<'_>, f: &Facility, date: IsoDate) -> Result<Cached, AppError> {
    let key = DayKey {
        facility: f.brief.code.clone(),
        date,
    };
    cache::get_or_fetch(
        &ctx.config.app_origin,
        &key.availability_cache_key(),
        AVAILABILITY_POLICY,
        move || async move {
            if f.schedules.is_empty() {
                let empty = Availability {
                    as_of: VnDateTime::from_unix_ms(js_sys::Date::now() as i64),
                    facility: f.brief.code.clone(),
                    date,
                    status: DayStatus::Closed,
                    slots: Vec::new(),
                };
                let body = serde_json::to_string(&empty)
                    .map_err(|_| AppError::internal("availability encode"))?;
                return Ok(Fetched {
                    body,
                    store_calls: 0,
                });
            }
            let reply = facility_day::call::<Availability>(
                ctx.env,
                context(f, date),
                Command::Availability,
            )
            .await
            .map_err(|e| match e {
                BookingError::App(err) => err,
                _ => AppError::internal("availability refused"),
            })?;
            let body = serde_json::to_string(&reply.value)
                .map_err(|_| AppError::internal("availability encode"))?;
            Ok(Fetched {
                body,
                store_calls: reply.store_calls,
            })
        },
    )
    .await
}

/// Adds `X-Cache` and `X-Store-Calls`: how this answer was produced (no personal data).
pub fn with_cache_headers(resp: Response, status: &str, store_calls: u32) -> Response {
    let _ = resp.headers().set("X-Cache", status);
    let _ = resp
        .headers()
        .set("X-Store-Calls", &store_calls.to_string());
    resp
}

/// Keeps the slots of one department and recomputes the day's status for them.
pub fn for_department(mut day: Availability, department: Option<&str>) -> Availability {
    let Some(department) = department else {
        return day;
    };
    day.slots.retain(|s| s.department_id == department);
    day.status = if day.slots.is_empty() {
        DayStatus::Closed
    } else if day.slots.iter().any(|s| s.status == SlotStatus::Free) {
        DayStatus::Open
    } else {
        DayStatus::Full
    };
    day
}

/// `GET /api/v1/facilities/{code}/availability?date=YYYY-MM-DD[&department=<id>]`.
pub async fn day(ctx: &Ctx<'_>, req: &Request, code: &str) -> Result<Response, BookingError> {
    let date = parse_day(http::query(req, "date")?.as_deref(), today())?;
    let department = http::query(req, "department")?;
    let (_, f) = facility(ctx, code).await?;
    let cached = cached_day(ctx, &f, date).await?;
    let day: Availability = serde_json::from_str(&cached.body)
        .map_err(|_| AppError::internal("availability decode"))?;
    let day = for_department(day, department.as_deref());
    let resp = http::json(200, &day)?;
    Ok(with_cache_headers(
        resp,
        cached.status.as_str(),
        cached.store_calls,
    ))
}

/// Slot counts of one schedule on one day, as cached for the calendar.
#[derive(Debug, Serialize, Deserialize)]
struct DayCount {
    date: IsoDate,
    department_id: String,
    total: u32,
    free: u32,
}

#[derive(Debug, Serialize, Deserialize)]
struct CalendarCache {
    as_of: VnDateTime,
    counts: Vec<DayCount>,
}

async fn fetch_calendar(ctx: &Ctx<'_>, f: &Facility, today: IsoDate) -> Result<Fetched, AppError> {
    let from = encode_component(&VnDateTime::at(today, ClockTime::MIDNIGHT).to_string());
    let to = encode_component(
        &VnDateTime::at(today.add_days(BOOKING_WINDOW_DAYS + 1), ClockTime::MIDNIGHT).to_string(),
    );
    let queries: Vec<String> = f
        .schedules
        .iter()
        .map(|s| {
            format!(
                "Slot?schedule=Schedule/{}&start=ge{from}&start=lt{to}&_count=1000",
                s.id
            )
        })
        .collect();
    let results = ctx.store.batch_search(&queries).await?;
    let now = VnDateTime::from_unix_ms(js_sys::Date::now() as i64);
    let mut counts: Vec<DayCount> = Vec::new();
    for (schedule, found) in f.schedules.iter().zip(results) {
        for slot in found.matches.iter().filter_map(super::records::slot_row) {
            if slot.status == "busy-unavailable" || slot.status == "entered-in-error" {
                continue;
            }
            let start = VnDateTime::from_unix_seconds(slot.start);
            let date = start.date();
            let idx = match counts
                .iter()
                .position(|c| c.date == date && c.department_id == schedule.department_id)
            {
                Some(i) => i,
                None => {
                    counts.push(DayCount {
                        date,
                        department_id: schedule.department_id.clone(),
                        total: 0,
                        free: 0,
                    });
                    counts.len() - 1
                }
            };
            counts[idx].total += 1;
            if slot.status == "free" && start > now {
                counts[idx].free += 1;
            }
        }
    }
    let body = serde_json::to_string(&CalendarCache { as_of: now, counts })
        .map_err(|_| AppError::internal("calendar encode"))?;
    Ok(Fetched {
        body,
        store_calls: 1,
    })
}

/// `GET /api/v1/facilities/{code}/calendar?from=YYYY-MM-DD[&days=N][&department=<id>]`.
pub async fn calendar(ctx: &Ctx<'_>, req: &Request, code: &str) -> Result<Response, BookingError> {
    let today = today();
    let from = parse_day(http::query(req, "from")?.as_deref(), today)?;
    let days: i64 = match http::query(req, "days")? {
        None => 14,
        Some(d) => d
            .parse()
            .ok()
            .filter(|d| (1..=31).contains(d))
            .ok_or_else(|| super::bad_request("days phải từ 1 đến 31. / days must be 1 to 31."))?,
    };
    let department = http::query(req, "department")?;
    let (_, f) = facility(ctx, code).await?;
    let key = DayKey::calendar_cache_key(&f.brief.code, today);
    let cached = cache::get_or_fetch(&ctx.config.app_origin, &key, CALENDAR_POLICY, || {
        fetch_calendar(ctx, &f, today)
    })
    .await?;
    let data: CalendarCache =
        serde_json::from_str(&cached.body).map_err(|_| AppError::internal("calendar decode"))?;
    let last = today.add_days(BOOKING_WINDOW_DAYS);
    let days = (0..days)
        .map(|i| from.add_days(i))
        .filter(|d| *d <= last)
        .map(|date| {
            let (total, free) = data
                .counts
                .iter()
                .filter(|c| c.date == date)
                .filter(|c| department.as_deref().is_none_or(|d| c.department_id == d))
                .fold((0, 0), |(t, f), c| (t + c.total, f + c.free));
            CalendarDay {
                date,
                status: if total == 0 {
                    DayStatus::Closed
                } else if free == 0 {
                    DayStatus::Full
                } else {
                    DayStatus::Open
                },
                free,
                total,
            }
        })
        .collect();
    let resp = http::json(
        200,
        &FacilityCalendar {
            as_of: data.as_of,
            facility: f.brief.code.clone(),
            days,
        },
    )?;
    Ok(with_cache_headers(
        resp,
        cached.status.as_str(),
        cached.store_calls,
    ))
}

/// Drops this facility-day's availability (and the facility's calendar) from the cache after
/// a change.
pub async fn invalidate(ctx: &Ctx<'_>, key: &DayKey) {
    cache::invalidate(&ctx.config.app_origin, &key.availability_cache_key()).await;
    cache::invalidate(
        &ctx.config.app_origin,
        &DayKey::calendar_cache_key(&key.facility, today()),
    )
    .await;
}
