//! The edge cache for public booking data (facility directory, facility-day availability,
//! calendars), with stale-while-revalidate done in code and single-flight misses.
//!
//! - Storage is the Cache API of the data centre (`caches.default`), keyed by a URL under the
//!   app's own origin (`/__cache/v1/…`) that names only a facility and a date: no keys or bodies
//!   ever hold personal data. Entries carry `x-fetched-ms`; the Cache API expires them after
//!   `stale_ms` (`max-age`), and this module decides freshness itself because `put`/`match`
//!   ignore `stale-while-revalidate`.
//! - Fresh (younger than `fresh_ms`): served as is. Stale: served as is to everyone except one
//!   request of this isolate, which revalidates (it waits for the refetch; the others do not).
//!   If revalidation fails the stale copy is served: a store outage degrades to older data with
//!   its "as of" time, not to an error. Missing: one request of the isolate fetches, concurrent
//!   requests for the same key wait for its result ([`Flights`]).
//! - Across isolates and data centres each may miss once; for availability the fetcher is the
//!   facility-day Durable Object, a single instance worldwide that itself refreshes from the
//!   store at most once per interval, so the store sees one fetch per facility-day per interval
//!   however many isolates miss.
//! - Writes (bookings, cancellations, clinic changes) delete what they touch in this data
//!   centre; other data centres converge within `fresh_ms`.

use crate::error::{AppError, Upstream};
use std::cell::RefCell;
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};
use worker::{Cache, Headers, Response};

/// How the answer was obtained, reported in the `X-Cache` header.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CacheStatus {
    /// Served from the cache, fresh.
    Hit,
    /// Served from the cache while (or after failing at) revalidating.
    Stale,
    /// Fetched by this request.
    Miss,
    /// Another request of this isolate fetched it; this one waited for that result.
    Coalesced,
}

impl CacheStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            CacheStatus::Hit => "hit",
            CacheStatus::Stale => "stale",
            CacheStatus::Miss => "miss",
            CacheStatus::Coalesced => "coalesced",
        }
    }
}

/// How long an entry is fresh, and how long a stale one may still be served.
#[derive(Clone, Copy, Debug)]
pub struct Policy {
    pub fresh_ms: f64,
    pub stale_ms: f64,
}

/// A body as cached, with where it came from.
#[derive(Clone, Debug)]
pub struct Cached {
    pub body: Rc<str>,
    pub status: CacheStatus,
    /// Calls to the national store this request caused (0 for hits), for `X-Store-Calls`.
    pub store_calls: u32,
}

/// What a fetcher produces: the body and how many store calls it took.
pub struct Fetched {
    pub body: String,
    pub store_calls: u32,
}

// ---------------------------------------------------------------------------------------------
// Single flight
// ---------------------------------------------------------------------------------------------

/// How a flight ended, as the followers see it.
#[derive(Clone, Debug)]
pub enum Landing<T> {
    Done(T),
    /// The leader's upstream failed: followers answer the same error without trying again
    /// (under an outage, N followers retrying would be N more calls).
    Failed(Failure),
    /// The leader went away (its client disconnected): followers fetch for themselves.
    Abandoned,
}

/// A clonable summary of an upstream error.
#[derive(Clone, Copy, Debug)]
pub enum Failure {
    Timeout,
    Unavailable,
}

impl Failure {
    pub fn of(err: &AppError) -> Self {
        match err {
            AppError::UpstreamTimeout(_) => Failure::Timeout,
            _ => Failure::Unavailable,
        }
    }

    pub fn into_error(self) -> AppError {
        match self {
            Failure::Timeout => AppError::UpstreamTimeout(Upstream::Store),
            Failure::Unavailable => AppError::UpstreamUnavailable(Upstream::Store),
        }
    }
}

struct Flight<T> {
    landing: RefCell<Option<Landing<T>>>,
    wakers: RefCell<Vec<Waker>>,
}

/// Concurrent fetches of the same key within one isolate (or one Durable Object): the first
/// caller leads, the others wait for its result. Results are plain values (strings), never
/// runtime objects, so a follower never touches another request's I/O.
pub struct Flights<T: Clone> {
    in_flight: RefCell<HashMap<String, Rc<Flight<T>>>>,
}

impl<T: Clone> Default for Flights<T> {
    fn default() -> Self {
        Self {
            in_flight: RefCell::new(HashMap::new()),
        }
    }
}

/// The caller's part in a flight.
pub enum Role<'a, T: Clone> {
    Leader(Leader<'a, T>),
    Follower(Follower<T>),
}

/// Must [`Leader::land`]; dropping it unlanded (a cancelled request) releases the followers
/// with [`Landing::Abandoned`].
pub struct Leader<'a, T: Clone> {
    flights: &'a Flights<T>,
    key: String,
    flight: Rc<Flight<T>>,
    landed: bool,
}

impl<T: Clone> Flights<T> {
    /// Joins the flight for `key`, leading it if there is none.
    pub fn join(&self, key: &str) -> Role<'_, T> {
        if let Some(flight) = self.in_flight.borrow().get(key) {
            return Role::Follower(Follower::new(Rc::clone(flight)));
        }
        let flight = Rc::new(Flight {
            landing: RefCell::new(None),
            wakers: RefCell::new(Vec::new()),
        });
        self.in_flight
            .borrow_mut()
            .insert(key.to_owned(), Rc::clone(&flight));
        Role::Leader(Leader {
            flights: self,
            key: key.to_owned(),
            flight,
            landed: false,
        })
    }

    /// Whether a flight for `key` is under way.
    pub fn is_flying(&self, key: &str) -> bool {
        self.in_flight.borrow().contains_key(key)
    }
}

impl<T: Clone> Leader<'_, T> {
    pub fn land(mut self, landing: Landing<T>) {
        self.finish(landing);
    }

    fn finish(&mut self, landing: Landing<T>) {
        self.landed = true;
        self.flights.in_flight.borrow_mut().remove(&self.key);
        *self.flight.landing.borrow_mut() = Some(landing);
        let wakers = std::mem::take(&mut *self.flight.wakers.borrow_mut());
        for waker in wakers {
            waker.wake();
        }
    }
}

impl<T: Clone> Drop for Leader<'_, T> {
    fn drop(&mut self) {
        if !self.landed {
            self.finish(Landing::Abandoned);
        }
    }
}

/// Waits for the leader's landing: [`Follower::wait`] in the Worker (see there why it keeps a
/// timer of its own); as a `Future` it is woken by the leader, which is only right where there
/// is one request context (native unit tests).
pub struct Follower<T> {
    flight: Rc<Flight<T>>,
    /// Whether this follower's waker is already in the flight's list.
    registered: bool,
}

impl<T> Follower<T> {
    fn new(flight: Rc<Flight<T>>) -> Self {
        Self {
            flight,
            registered: false,
        }
    }
}

/// How often a follower looks for its leader's landing.
const FOLLOW_POLL_MS: u64 = 10;
/// A follower gives up on a leader that never lands (its request was torn down without
/// dropping its state) and fetches for itself.
const FOLLOW_GIVE_UP_MS: u64 = 20_000;

impl<T: Clone> Follower<T> {
    /// The landing, once there is one.
    pub fn landed(&self) -> Option<Landing<T>> {
        self.flight.landing.borrow().clone()
    }

    /// Waits for the leader on a timer of this request's own. Leader and followers are
    /// different requests: workerd cancels a request whose only pending work is a promise
    /// another request will settle ("the Worker's code had hung"), and a waker fired from the
    /// leader's request would run the follower's code in the wrong request context. A timer
    /// keeps the follower's wait inside its own request.
    pub async fn wait(self) -> Landing<T> {
        let mut waited = 0;
        loop {
            if let Some(landing) = self.landed() {
                return landing;
            }
            if waited >= FOLLOW_GIVE_UP_MS {
                return Landing::Abandoned;
            }
            worker::Delay::from(std::time::Duration::from_millis(FOLLOW_POLL_MS)).await;
            waited += FOLLOW_POLL_MS;
        }
    }
}

impl<T: Clone> Future for Follower<T> {
    type Output = Landing<T>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Landing<T>> {
        if let Some(landing) = self.flight.landing.borrow().as_ref() {
            return Poll::Ready(landing.clone());
        }
        if !self.registered {
            self.flight.wakers.borrow_mut().push(cx.waker().clone());
            self.registered = true;
        }
        Poll::Pending
    }
}

// ---------------------------------------------------------------------------------------------
// The Cache API with stale-while-revalidate
// ---------------------------------------------------------------------------------------------

thread_local! {
    /// The isolate's flights: one per cache key being fetched or revalidated.
    static FLIGHTS: &'static Flights<Rc<str>> = Box::leak(Box::new(Flights::default()));
}

fn flights() -> &'static Flights<Rc<str>> {
    FLIGHTS.with(|f| *f)
}

/// The data centre's cache, when the runtime has one (it always does on Workers; the check
/// keeps a missing binding from becoming a panic).
fn cache() -> Option<Cache> {
    let global = js_sys::global();
    js_sys::Reflect::has(&global, &"caches".into())
        .unwrap_or(false)
        .then(Cache::default)
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// The cache URL of `key` (a path such as `availability/01001/2026-11-24`).
pub fn url(app_origin: &str, key: &str) -> String {
    format!("{app_origin}/__cache/v1/{key}")
}

async fn read(url: &str) -> Option<(String, f64)> {
    let mut resp = cache()?.get(url, true).await.ok()??;
    let fetched: f64 = resp
        .headers()
        .get("x-fetched-ms")
        .ok()
        .flatten()?
        .parse()
        .ok()?;
    let body = resp.text().await.ok()?;
    Some((body, fetched))
}

async fn write(url: &str, body: &str, policy: Policy) {
    let Some(cache) = cache() else { return };
    let headers = Headers::new();
    let max_age = (policy.stale_ms / 1000.0).ceil() as u64;
    let _ = headers.set("Content-Type", "application/json; charset=utf-8");
    let _ = headers.set("Cache-Control", &format!("public, max-age={max_age}"));
    let _ = headers.set("x-fetched-ms", &format!("{}", now_ms()));
    let Ok(resp) = Response::ok(body.to_owned()).map(|r| r.with_headers(headers)) else {
        return;
    };
    if let Err(err) = cache.put(url, resp).await {
        worker::console_warn!("cache put failed: {err}");
    }
}

/// Removes `key` from this data centre's cache (after a write that changes it).
pub async fn invalidate(app_origin: &str, key: &str) {
    if let Some(cache) = cache() {
        let _ = cache.delete(url(app_origin, key), true).await;
    }
}

/// The body for `key`: from the cache when fresh, else via `fetch` (single flight per isolate),
/// serving stale copies as described in the module documentation.
pub async fn get_or_fetch<F, Fut>(
    app_origin: &str,
    key: &str,
    policy: Policy,
    fetch: F,
) -> Result<Cached, AppError>
where
    F: Fn() -> Fut,
    Fut: Future<Output = Result<Fetched, AppError>>,
{
    let url = url(app_origin, key);
    let cached = read(&url).await;
    if let Some((body, fetched)) = &cached {
        let age = now_ms() - fetched;
        if age < policy.fresh_ms {
            return Ok(Cached {
                body: body.as_str().into(),
                status: CacheStatus::Hit,
                store_calls: 0,
            });
        }
        // Stale: someone in this isolate is already revalidating → serve stale now.
        if age < policy.stale_ms && flights().is_flying(key) {
            return Ok(Cached {
                body: body.as_str().into(),
                status: CacheStatus::Stale,
                store_calls: 0,
            });
        }
    }
    // Two rounds at most: a follower whose leader was abandoned leads the second one.
    for _ in 0..2 {
        match flights().join(key) {
            Role::Leader(leader) => {
                return match fetch().await {
                    Ok(fetched) => {
                        write(&url, &fetched.body, policy).await;
                        let body: Rc<str> = fetched.body.into();
                        leader.land(Landing::Done(Rc::clone(&body)));
                        Ok(Cached {
                            body,
                            status: CacheStatus::Miss,
                            store_calls: fetched.store_calls,
                        })
                    }
                    Err(err) => {
                        leader.land(Landing::Failed(Failure::of(&err)));
                        // Stale-if-error: an old answer with its "as of" beats an error page.
                        match cached {
                            Some((body, fetched)) if now_ms() - fetched < policy.stale_ms => {
                                Ok(Cached {
                                    body: body.as_str().into(),
                                    status: CacheStatus::Stale,
                                    store_calls: 0,
                                })
                            }
                            _ => Err(err),
                        }
                    }
                };
            }
            Role::Follower(follower) => match follower.wait().await {
                Landing::Done(body) => {
                    return Ok(Cached {
                        body,
                        status: CacheStatus::Coalesced,
                        store_calls: 0,
                    });
                }
                Landing::Failed(failure) => return Err(failure.into_error()),
                Landing::Abandoned => continue,
            },
        }
    }
    Err(AppError::UpstreamUnavailable(Upstream::Store))
}

#[cfg(test)]
mod tests {
    use super::*;
    use futures_util::FutureExt;

    #[test]
    fn followers_get_the_leaders_result() {
        let flights: Flights<u32> = Flights::default();
        let Role::Leader(leader) = flights.join("k") else {
            panic!("first caller leads");
        };
        let Role::Follower(mut a) = flights.join("k") else {
            panic!("second caller follows");
        };
        let Role::Follower(b) = flights.join("k") else {
            panic!("third caller follows");
        };
        assert!(flights.is_flying("k"));
        assert!((&mut a).now_or_never().is_none(), "waits while in flight");
        leader.land(Landing::Done(7));
        assert!(!flights.is_flying("k"));
        assert!(matches!(a.now_or_never(), Some(Landing::Done(7))));
        assert!(matches!(b.now_or_never(), Some(Landing::Done(7))));
        // The next caller leads a new flight.
        assert!(matches!(flights.join("k"), Role::Leader(_)));
    }

    #[test]
    fn a_dropped_leader_releases_followers() {
        let flights: Flights<u32> = Flights::default();
        let leader = flights.join("k");
        let Role::Follower(f) = flights.join("k") else {
            panic!("follows");
        };
        assert!(f.landed().is_none());
        drop(leader);
        assert!(matches!(f.landed(), Some(Landing::Abandoned)));
        assert!(matches!(f.now_or_never(), Some(Landing::Abandoned)));
        assert!(!flights.is_flying("k"));
    }

    #[test]
    fn keys_fly_independently() {
        let flights: Flights<u32> = Flights::default();
        let _a = flights.join("a");
        assert!(matches!(flights.join("b"), Role::Leader(_)));
    }
}
