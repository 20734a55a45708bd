//! Every call from the edge to an upstream (store, identity provider) goes through [`call`]:
//! one place that bounds the time a citizen waits and turns failures into 502/504.

use crate::error::{AppError, Upstream};
use futures_util::future::{Either, select};
use std::time::Duration;
use worker::{AbortController, Delay, Fetch, Headers, Method, Request, RequestInit};

/// A fully read upstream answer.
#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub body: String,
}

impl Reply {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// Parses the body as JSON; garbage from upstream is a 502, not a panic.
    pub fn json<T: serde::de::DeserializeOwned>(&self, upstream: Upstream) -> Result<T, AppError> {
        serde_json::from_str(&self.body).map_err(|_| AppError::UpstreamUnavailable(upstream))
    }
}

/// An outgoing request, built without touching the network.
pub struct Outgoing<'a> {
    pub method: Method,
    pub url: &'a str,
    pub headers: &'a [(&'a str, &'a str)],
    pub body: Option<String>,
}

/// Sends the request and reads the whole body within `timeout_ms`. A connection failure is 502,
/// running out of time (including a server that sends headers and then stalls) is 504.
pub async fn call(
    out: Outgoing<'_>,
    timeout_ms: u32,
    upstream: Upstream,
) -> Result<Reply, AppError> {
    let headers = Headers::new();
    for (name, value) in out.headers {
        headers.set(name, value)?;
    }
    let mut init = RequestInit::new();
    init.with_method(out.method).with_headers(headers);
    if let Some(body) = out.body {
        init.with_body(Some(body.into()));
    }
    let request = Request::new_with_init(out.url, &init)?;

    let controller = AbortController::default();
    let signal = controller.signal();
    let exchange = async {
        let fetch = Fetch::Request(request);
        let mut resp = fetch
            .send_with_signal(&signal)
            .await
            .map_err(|_| AppError::UpstreamUnavailable(upstream))?;
        let body = resp
            .text()
            .await
            .map_err(|_| AppError::UpstreamUnavailable(upstream))?;
        Ok::<_, AppError>(Reply {
            status: resp.status_code(),
            body,
        })
    };
    let deadline = Delay::from(Duration::from_millis(u64::from(timeout_ms)));
    futures_util::pin_mut!(exchange);
    match select(exchange, deadline).await {
        Either::Left((result, _)) => result,
        Either::Right(((), _)) => {
            controller.abort();
            Err(AppError::UpstreamTimeout(upstream))
        }
    }
}
