//! Booking: the facility directory, cached availability, holds and appointments (Durable
//! Objects per facility-day), and the clinic console's API. Routes are added to [`ROUTES`] and
//! answered in [`handle`].

use crate::Ctx;
use crate::error::AppError;
use worker::{Method, Request, Response};

/// (method, path template) of every booking route.
pub const ROUTES: &[(&str, &str)] = &[];

/// Answers `req` if it is a booking route, else `None`.
pub async fn handle(
    _ctx: &Ctx<'_>,
    _req: &mut Request,
    _method: &Method,
    _path: &str,
) -> Option<Result<Response, AppError>> {
    None
}
