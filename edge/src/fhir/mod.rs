//! The FHIR client: the only code that talks to the national store.
//!
//! Standard FHIR R4 REST only (read, search with paging, create, batch and transaction
//! Bundles with `If-Match`), so pointing the edge at
//! another conformant server or the national gateway is a configuration change.

/// The parts of FHIR resources the edge reads.
pub mod model;

use crate::config::Config;
use crate::error::{AppError, Upstream};
use crate::upstream::{Outgoing, Reply, call};
use model::Bundle;
use serde::de::DeserializeOwned;
use serde_json::Value;
use worker::Method;

/// Most pages of one search the edge follows before it stops: a bound on work per request.
const MAX_PAGES: usize = 20;

/// A handle on the national store.
#[derive(Clone, Debug)]
pub struct Store {
    base: String,
    token: Option<String>,
    timeout_ms: u32,
}

/// The result of a search: the matches, and what `_include` brought along.
#[derive(Debug, Default)]
pub struct Found {
    pub matches: Vec<Value>,
    pub included: Vec<Value>,
    /// `Bundle.total` of the first page, when the store gave it.
    pub total: Option<u32>,
    /// Where the store's next page is, relative to the base (`Encounter?…`), when the search
    /// stopped before the end ([`Store::page`]). Never an absolute URL: callers may hand it to
    /// [`Store::next_page`] only.
    pub next: Option<String>,
}

impl Found {
    /// Matches decoded as `T`; entries that do not decode are skipped, not fatal.
    pub fn matches_as<T: DeserializeOwned>(&self) -> Vec<T> {
        decode_all(&self.matches)
    }

    /// Included resources of `resource_type`, decoded as `T`.
    pub fn included_as<T: DeserializeOwned>(&self, resource_type: &str) -> Vec<T> {
        let of_type: Vec<Value> = self
            .included
            .iter()
            .filter(|r| r.get("resourceType").and_then(Value::as_str) == Some(resource_type))
            .cloned()
            .collect();
        decode_all(&of_type)
    }
}

fn decode_all<T: DeserializeOwned>(values: &[Value]) -> Vec<T> {
    values
        .iter()
        .filter_map(|v| serde_json::from_value(v.clone()).ok())
        .collect()
}

/// Percent-encodes a query component (RFC 3986 unreserved characters pass through).
pub fn encode_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// Whether `id` is a syntactically valid FHIR id (`[A-Za-z0-9\-\.]{1,64}`). Checked before an
/// id from a client goes anywhere near a store URL.
pub fn is_valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
}

impl Store {
    pub fn new(config: &Config) -> Self {
        Self {
            base: config.fhir_base.clone(),
            token: config.fhir_token.clone(),
            timeout_ms: config.upstream_timeout_ms,
        }
    }

    async fn send(
        &self,
        method: Method,
        url: &str,
        body: Option<String>,
    ) -> Result<Reply, AppError> {
        let auth = self.token.as_ref().map(|t| format!("Bearer {t}"));
        let mut headers = vec![("Accept", "application/fhir+json")];
        if body.is_some() {
            headers.push(("Content-Type", "application/fhir+json"));
        }
        if let Some(auth) = auth.as_deref() {
            headers.push(("Authorization", auth));
        }
        call(
            Outgoing {
                method,
                url,
                headers: &headers,
                body,
            },
            self.timeout_ms,
            Upstream::Store,
        )
        .await
    }

    /// Searches `resource_type` with `params` and follows `next` links (on the same base only).
    pub async fn search(
        &self,
        resource_type: &str,
        params: &[(&str, &str)],
    ) -> Result<Found, AppError> {
        self.search_pages(resource_type, params, MAX_PAGES).await
    }

    /// One page of a search with the store's link to the next one (for paginated screens).
    pub async fn page(
        &self,
        resource_type: &str,
        params: &[(&str, &str)],
    ) -> Result<Found, AppError> {
        self.search_pages(resource_type, params, 1).await
    }

    /// The page at `relative` (a [`Found::next`] from an earlier search of `resource_type`).
    /// Refuses anything that is not a search of that type on the store's base.
    pub async fn next_page(&self, resource_type: &str, relative: &str) -> Result<Found, AppError> {
        let bad = || AppError::bad_request("bad_cursor", BAD_CURSOR);
        let query = relative
            .strip_prefix(resource_type)
            .and_then(|rest| rest.strip_prefix('?'))
            .ok_or_else(bad)?;
        if query.contains(['#', ' ']) || query.contains("..") {
            return Err(bad());
        }
        let url = format!("{}/{resource_type}?{query}", self.base);
        self.fetch_pages(url, 1).await
    }

    /// Only the first page of a search: for "latest" queries (`_sort=-date&_count=1`).
    pub async fn first_page(
        &self,
        resource_type: &str,
        params: &[(&str, &str)],
    ) -> Result<Found, AppError> {
        self.search_pages(resource_type, params, 1).await
    }

    async fn search_pages(
        &self,
        resource_type: &str,
        params: &[(&str, &str)],
        max_pages: usize,
    ) -> Result<Found, AppError> {
        let query: Vec<String> = params
            .iter()
            .map(|(k, v)| format!("{}={}", encode_component(k), encode_component(v)))
            .collect();
        let url = format!("{}/{resource_type}?{}", self.base, query.join("&"));
        self.fetch_pages(url, max_pages).await
    }

    async fn fetch_pages(&self, mut url: String, max_pages: usize) -> Result<Found, AppError> {
        let mut found = Found::default();
        for page in 0..max_pages {
            let reply = self.send(Method::Get, &url, None).await?;
            if !reply.is_success() {
                return Err(store_error(reply.status));
            }
            let bundle: Bundle = reply.json(Upstream::Store)?;
            if page == 0 {
                found.total = bundle.total;
            }
            for entry in bundle.entry {
                let Some(resource) = entry.resource else {
                    continue;
                };
                match entry.search.and_then(|s| s.mode).as_deref() {
                    Some("include") | Some("outcome") => found.included.push(resource),
                    _ => found.matches.push(resource),
                }
            }
            let next = bundle
                .link
                .iter()
                .find(|l| l.relation.as_deref() == Some("next"))
                .and_then(|l| l.url.clone());
            found.next = None;
            match next {
                // Never follow a link off the store's base: that would let a store (or an
                // attacker in between) point the edge at arbitrary hosts.
                Some(next) if next.starts_with(&format!("{}/", self.base)) => {
                    found.next = Some(next[self.base.len() + 1..].to_owned());
                    url = next;
                }
                _ => break,
            }
        }
        Ok(found)
    }

    /// Creates a resource; returns the stored version.
    pub async fn create(&self, resource: &Value) -> Result<Value, AppError> {
        let resource_type = resource
            .get("resourceType")
            .and_then(Value::as_str)
            .ok_or_else(|| AppError::internal("create without resourceType"))?;
        let url = format!("{}/{resource_type}", self.base);
        let reply = self
            .send(Method::Post, &url, Some(resource.to_string()))
            .await?;
        if !reply.is_success() {
            return Err(store_error(reply.status));
        }
        reply.json(Upstream::Store)
    }

    /// Reads one resource; `None` when the store has no such resource (404/410).
    pub async fn read(&self, resource_type: &str, id: &str) -> Result<Option<Value>, AppError> {
        if !is_valid_id(id) {
            return Ok(None);
        }
        let url = format!("{}/{resource_type}/{id}", self.base);
        let reply = self.send(Method::Get, &url, None).await?;
        match reply.status {
            404 | 410 => Ok(None),
            _ if reply.is_success() => reply.json(Upstream::Store).map(Some),
            status => Err(store_error(status)),
        }
    }

    /// Runs a FHIR `transaction`: every entry commits or none does. Entries carry their own
    /// `request` (method, url, optional `ifMatch`). A stale `If-Match` anywhere (412) or a
    /// conflicting write (409) is [`Transaction::Conflict`], so the caller can tell "someone
    /// changed it first" from "the store is down". Other refusals are our bug: logged, 502.
    pub async fn transaction(&self, entries: Vec<Value>) -> Result<Transaction, AppError> {
        let bundle = serde_json::json!({
            "resourceType": "Bundle",
            "type": "transaction",
            "entry": entries,
        });
        let reply = self
            .send(Method::Post, &self.base, Some(bundle.to_string()))
            .await?;
        match reply.status {
            409 | 412 => Ok(Transaction::Conflict),
            _ if reply.is_success() => {
                let bundle: Bundle = reply.json(Upstream::Store)?;
                Ok(Transaction::Committed(
                    bundle
                        .entry
                        .into_iter()
                        .filter_map(|e| e.resource)
                        .collect(),
                ))
            }
            status => Err(store_error(status)),
        }
    }

    /// Several searches in one round trip (a FHIR `batch` of GET entries), each `Type?query`
    /// already encoded. Answers the first page of each, in order; a failed entry fails all.
    pub async fn batch_search(&self, queries: &[String]) -> Result<Vec<Found>, AppError> {
        if queries.is_empty() {
            return Ok(Vec::new());
        }
        let entries: Vec<Value> = queries
            .iter()
            .map(|q| serde_json::json!({"request": {"method": "GET", "url": q}}))
            .collect();
        let bundle =
            serde_json::json!({"resourceType": "Bundle", "type": "batch", "entry": entries});
        let reply = self
            .send(Method::Post, &self.base, Some(bundle.to_string()))
            .await?;
        if !reply.is_success() {
            return Err(store_error(reply.status));
        }
        let outer: Value = reply.json(Upstream::Store)?;
        let results = outer
            .get("entry")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        if results.len() != queries.len() {
            return Err(AppError::UpstreamUnavailable(Upstream::Store));
        }
        let mut out = Vec::with_capacity(results.len());
        for entry in results {
            let status = entry
                .pointer("/response/status")
                .and_then(Value::as_str)
                .unwrap_or("");
            if !status.starts_with('2') {
                worker::console_warn!("store batch entry answered {status}");
                return Err(AppError::UpstreamUnavailable(Upstream::Store));
            }
            let inner: Bundle = entry
                .get("resource")
                .cloned()
                .map(serde_json::from_value)
                .transpose()
                .map_err(|_| AppError::UpstreamUnavailable(Upstream::Store))?
                .unwrap_or_default();
            let mut found = Found::default();
            for e in inner.entry {
                let Some(resource) = e.resource else { continue };
                match e.search.and_then(|s| s.mode).as_deref() {
                    Some("include") | Some("outcome") => found.included.push(resource),
                    _ => found.matches.push(resource),
                }
            }
            out.push(found);
        }
        Ok(out)
    }

    /// Whether the store answers its capability statement.
    pub async fn ping(&self) -> Result<(), AppError> {
        let url = format!("{}/metadata", self.base);
        let reply = self.send(Method::Get, &url, None).await?;
        if reply.is_success() {
            Ok(())
        } else {
            Err(store_error(reply.status))
        }
    }
}

const BAD_CURSOR: &str = "Liên kết trang tiếp theo không hợp lệ. Vui lòng tải lại danh sách. / \
     The next-page link is not valid. Please reload the list.";

/// The outcome of a [`Store::transaction`].
#[derive(Debug)]
pub enum Transaction {
    /// Everything was written; the stored resources, in entry order.
    Committed(Vec<Value>),
    /// A precondition failed (a resource changed since it was read): nothing was written.
    Conflict,
}

/// Maps a store status to our error. 4xx from the store on a request the edge built is our
/// bug or a data problem, not the citizen's: it is logged (status only) and answered as 502.
fn store_error(status: u16) -> AppError {
    worker::console_warn!("store answered HTTP {status}");
    AppError::UpstreamUnavailable(Upstream::Store)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_checked() {
        for ok in ["abc", "A-1.b", &"x".repeat(64)] {
            assert!(is_valid_id(ok), "{ok}");
        }
        for bad in ["", "a/b", "../x", "a b", "a?b", "é", &"x".repeat(65)] {
            assert!(!is_valid_id(bad), "{bad}");
        }
    }

    #[test]
    fn components_are_encoded() {
        assert_eq!(
            encode_component("https://x/y|079203001234"),
            "https%3A%2F%2Fx%2Fy%7C079203001234"
        );
        assert_eq!(encode_component("-date"), "-date");
        assert_eq!(encode_component("Nguyễn"), "Nguy%E1%BB%85n");
    }
}
