//! The hand-written router: a [`Route`] enum, `history.pushState` and `popstate`.
//!
//! A router crate would cost more bytes than the whole app has screens today. Every place that
//! links somewhere names a [`Route`]; only [`Route::path`] and [`Route::parse`] know how a
//! route is spelled in a URL, so a renamed path is a one-line change.

use crate::browser;
use leptos::ev;
use leptos::prelude::*;
pub use shared::shell::Shell;

/// Every screen of the app. Paths are Vietnamese, like the rest of what people see.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// `/`: the signed-in person's own health book (its summary), or the landing page.
    Home,
    /// `/so-suc-khoe[/<section>][?patient=<id>]`: one page of one health book, one's own or a
    /// dependant's. The id is the store's opaque `Patient` id, never a personal number.
    Book {
        patient: Option<String>,
        page: BookPage,
    },
    /// `/dat-lich[?facility=&department=&date=&patient=]`, booking step 1: for whom, and
    /// where. The query pre-fills the flow, so a re-exam slip can link straight into it.
    BookingStart(BookingQuery),
    /// `/dat-lich/chon-gio?facility=<code>[&department=&date=&patient=&reschedule=<id>]`,
    /// step 2: department, day and slot at one facility.
    BookingSlots(BookingQuery),
    /// `/dat-lich/xac-nhan`, step 3: the held slot, the health declaration, the co-pay
    /// estimate, confirming. Its state (the hold) lives in the flow, not in the address.
    BookingConfirm,
    /// `/lich-hen[?patient=<id>]`: my appointments, or a dependant's, upcoming and past.
    Appointments { patient: Option<String> },
    /// `/lich-hen/<id>`: one appointment's ticket (code, QR, queue order, where and when).
    Ticket { id: String },
    /// Any other path: the edge serves the app for every non-API path, so we say "not found".
    NotFound { path: String },
}

/// The pages of a health book, one per section of the national template (Decision 831).
///
/// What is on screen inside a page (which analyte's trend is open, which two dates are being
/// compared) stays out of the address on purpose: an address is kept in history, logs and
/// screenshots, and "this person has an HbA1c trend" is health data.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum BookPage {
    /// `/so-suc-khoe`: the first screen (identity, allergies, card, latest measurements).
    #[default]
    Summary,
    /// `/so-suc-khoe/hanh-chinh`: identity, insurance card, address, legal representative.
    Administrative,
    /// `/so-suc-khoe/tien-su`: history and risk factors.
    History,
    /// `/so-suc-khoe/di-ung`: allergies.
    Allergies,
    /// `/so-suc-khoe/kham-benh`: the visits timeline (older pages are added below on request).
    Visits,
    /// `/so-suc-khoe/kham-benh/<id>`: one visit (the store's opaque `Encounter` id).
    Visit { id: String },
    /// `/so-suc-khoe/xet-nghiem`: lab results by test, trends, two-date comparison.
    Labs,
    /// `/so-suc-khoe/chi-so`: blood pressure, weight, height, BMI, glucose trends.
    Vitals,
    /// `/so-suc-khoe/tiem-chung`: vaccinations and, for children, the EPI schedule.
    Immunizations,
    /// `/so-suc-khoe/kham-dinh-ky`: periodic check-ups.
    Checkups,
    /// `/so-suc-khoe/yeu-cau-sua`: correction requests and their status.
    Corrections,
    /// `/so-suc-khoe/ban-in`: a summary laid out for paper, and "download my data".
    Print,
}

const BOOK: &str = "/so-suc-khoe";
const VISITS: &str = "kham-benh";
const BOOKING: &str = "/dat-lich";
const BOOKING_SLOTS: &str = "/dat-lich/chon-gio";
const BOOKING_CONFIRM: &str = "/dat-lich/xac-nhan";
const APPOINTMENTS: &str = "/lich-hen";

/// What a booking address may carry: pre-filled choices (facility code, department, day,
/// whose booking) and, when moving an appointment, which one. Nothing personal: the patient
/// and appointment are the store's opaque ids, never a personal number.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BookingQuery {
    pub facility: Option<String>,
    pub department: Option<String>,
    /// `YYYY-MM-DD`; kept as typed, the page ignores a date it cannot read.
    pub date: Option<String>,
    /// A dependant's `Patient` id; `None` books for the signed-in person.
    pub patient: Option<String>,
    /// The appointment being moved to a new slot.
    pub reschedule: Option<String>,
}

impl BookingQuery {
    const KEYS: [&str; 5] = ["facility", "department", "date", "patient", "reschedule"];

    fn values(&self) -> [&Option<String>; 5] {
        [
            &self.facility,
            &self.department,
            &self.date,
            &self.patient,
            &self.reschedule,
        ]
    }

    fn parse(search: &str) -> Self {
        let get = |name| query_param(search, name).filter(|v| !v.trim().is_empty());
        BookingQuery {
            facility: get("facility"),
            department: get("department"),
            date: get("date"),
            patient: get("patient"),
            reschedule: get("reschedule"),
        }
    }

    /// `?facility=…&date=…`, or empty when nothing is set.
    fn search(&self) -> String {
        let pairs: Vec<String> = Self::KEYS
            .iter()
            .zip(self.values())
            .filter_map(|(key, value)| Some(format!("{key}={}", encode_component(value.as_ref()?))))
            .collect();
        if pairs.is_empty() {
            String::new()
        } else {
            format!("?{}", pairs.join("&"))
        }
    }
}

impl BookPage {
    /// The path segment after `/so-suc-khoe/` (empty for the summary).
    fn segment(&self) -> &'static str {
        match self {
            BookPage::Summary => "",
            BookPage::Administrative => "hanh-chinh",
            BookPage::History => "tien-su",
            BookPage::Allergies => "di-ung",
            BookPage::Visits | BookPage::Visit { .. } => VISITS,
            BookPage::Labs => "xet-nghiem",
            BookPage::Vitals => "chi-so",
            BookPage::Immunizations => "tiem-chung",
            BookPage::Checkups => "kham-dinh-ky",
            BookPage::Corrections => "yeu-cau-sua",
            BookPage::Print => "ban-in",
        }
    }

    fn from_segment(segment: &str) -> Option<BookPage> {
        Some(match segment {
            "" => BookPage::Summary,
            "hanh-chinh" => BookPage::Administrative,
            "tien-su" => BookPage::History,
            "di-ung" => BookPage::Allergies,
            VISITS => BookPage::Visits,
            "xet-nghiem" => BookPage::Labs,
            "chi-so" => BookPage::Vitals,
            "tiem-chung" => BookPage::Immunizations,
            "kham-dinh-ky" => BookPage::Checkups,
            "yeu-cau-sua" => BookPage::Corrections,
            "ban-in" => BookPage::Print,
            _ => return None,
        })
    }

    /// The same kind of page in another person's book: a visit belongs to one person, so
    /// switching books from a visit shows the other person's visits.
    pub fn in_other_book(&self) -> BookPage {
        match self {
            BookPage::Visit { .. } => BookPage::Visits,
            other => other.clone(),
        }
    }

    /// The page a "back" link on this page leads to.
    pub fn parent(&self) -> BookPage {
        match self {
            BookPage::Visit { .. } => BookPage::Visits,
            _ => BookPage::Summary,
        }
    }
}

impl Route {
    /// A page of one's own book (`patient: None`) or of a dependant's.
    pub fn book(patient: Option<&str>, page: BookPage) -> Route {
        Route::Book {
            patient: patient.map(str::to_owned),
            page,
        }
    }

    /// The path and query this route lives at.
    pub fn path(&self) -> String {
        match self {
            Route::Home => "/".to_owned(),
            Route::Book { patient, page } => {
                let mut path = BOOK.to_owned();
                let segment = page.segment();
                if !segment.is_empty() {
                    path.push('/');
                    path.push_str(segment);
                }
                if let BookPage::Visit { id } = page {
                    path.push('/');
                    path.push_str(&encode_component(id));
                }
                if let Some(patient) = patient {
                    path.push_str(&format!("?patient={}", encode_component(patient)));
                }
                path
            }
            Route::BookingStart(query) => format!("{BOOKING}{}", query.search()),
            Route::BookingSlots(query) => format!("{BOOKING_SLOTS}{}", query.search()),
            Route::BookingConfirm => BOOKING_CONFIRM.to_owned(),
            Route::Appointments { patient: None } => APPOINTMENTS.to_owned(),
            Route::Appointments {
                patient: Some(patient),
            } => format!("{APPOINTMENTS}?patient={}", encode_component(patient)),
            Route::Ticket { id } => format!("{APPOINTMENTS}/{}", encode_component(id)),
            Route::NotFound { path } => path.clone(),
        }
    }

    /// The route at `path` (`location.pathname`) with query `search` (`location.search`,
    /// with or without its leading `?`).
    pub fn parse(path: &str, search: &str) -> Route {
        let trimmed = match path.trim_end_matches('/') {
            "" => "/",
            p => p,
        };
        if matches!(trimmed, "/" | "/index.html") {
            return Route::Home;
        }
        let not_found = || Route::NotFound {
            path: path.to_owned(),
        };
        match trimmed {
            BOOKING => return Route::BookingStart(BookingQuery::parse(search)),
            BOOKING_SLOTS => return Route::BookingSlots(BookingQuery::parse(search)),
            BOOKING_CONFIRM => return Route::BookingConfirm,
            APPOINTMENTS => {
                return Route::Appointments {
                    patient: query_param(search, "patient").filter(|p| !p.is_empty()),
                };
            }
            p if p.starts_with("/lich-hen/") && !p[10..].contains('/') => {
                return Route::Ticket {
                    id: decode_component(&p[10..]),
                };
            }
            _ => {}
        }
        let Some(rest) = trimmed.strip_prefix(BOOK) else {
            return not_found();
        };
        let rest = match rest {
            "" => "",
            r => match r.strip_prefix('/') {
                Some(r) => r,
                None => return not_found(),
            },
        };
        let page = match rest.split_once('/') {
            Some((VISITS, id)) if !id.is_empty() && !id.contains('/') => BookPage::Visit {
                id: decode_component(id),
            },
            Some(_) => return not_found(),
            None => match BookPage::from_segment(rest) {
                Some(page) => page,
                None => return not_found(),
            },
        };
        Route::Book {
            patient: query_param(search, "patient").filter(|p| !p.is_empty()),
            page,
        }
    }

    /// The wasm module that shows this route (see [`shared::shell`]).
    pub fn shell(&self) -> Shell {
        let path = self.path();
        Shell::of_path(path.split('?').next().unwrap_or_default())
    }

    /// The area of the app a route belongs to, for the main navigation.
    pub fn section(&self) -> Section {
        match self {
            Route::BookingStart(_) | Route::BookingSlots(_) | Route::BookingConfirm => {
                Section::Booking
            }
            Route::Appointments { .. } | Route::Ticket { .. } => Section::Appointments,
            Route::Home | Route::Book { .. } | Route::NotFound { .. } => Section::Book,
        }
    }

    /// Whose book this route opens: `None` for one's own.
    pub fn patient(&self) -> Option<&str> {
        match self {
            Route::Book { patient, .. } => patient.as_deref(),
            _ => None,
        }
    }

    /// The book page this route shows (`/` shows the summary).
    pub fn book_page(&self) -> Option<&BookPage> {
        match self {
            Route::Home => Some(&BookPage::Summary),
            Route::Book { page, .. } => Some(page),
            _ => None,
        }
    }
}

/// The areas of the app, as the main navigation names them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Book,
    Booking,
    Appointments,
}

/// Navigation state, provided as context by the root.
#[derive(Clone, Copy)]
pub struct Router {
    current: RwSignal<Route>,
    /// The wasm module running: routes of other modules are reached by loading their page.
    shell: Shell,
}

impl Router {
    /// Reads the current URL and follows the browser's back and forward buttons.
    pub fn start(shell: Shell) -> Self {
        let (path, search) = browser::location();
        let current = RwSignal::new(Route::parse(&path, &search));
        let _ = window_event_listener(ev::popstate, move |_| {
            let (path, search) = browser::location();
            current.set(Route::parse(&path, &search));
        });
        Router { current, shell }
    }

    pub fn current(&self) -> RwSignal<Route> {
        self.current
    }

    /// Goes to `to` without reloading: a new history entry, the new screen, focus and scroll
    /// back at the top so keyboard and screen-reader users start reading the new page.
    /// A route of another module is an ordinary page load (that module's shell).
    pub fn navigate(&self, to: Route) {
        if to.shell() != self.shell {
            browser::go_to(&to.path());
            return;
        }
        browser::push_url(&to.path());
        self.current.set(to);
        browser::focus_main();
    }
}

pub fn use_router() -> Router {
    expect_context::<Router>()
}

/// A link to a route: a real `<a href>` (open in a new tab, copy, long-press all work) whose
/// plain clicks are handled in the app.
#[component]
pub fn Link<C: IntoView + 'static>(
    to: Route,
    #[prop(optional)] class: &'static str,
    /// Marks the link as the page being shown (`aria-current="page"`).
    #[prop(optional)]
    current: bool,
    children: TypedChildren<C>,
) -> impl IntoView {
    let children = children.into_inner();
    let router = use_router();
    let href = to.path();
    let on_click = move |ev: ev::MouseEvent| {
        let modified = ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key();
        // A route of another module: the browser follows the link and loads it.
        let here = to.shell() == router.shell;
        if ev.button() == 0 && !modified && !ev.default_prevented() && here {
            ev.prevent_default();
            router.navigate(to.clone());
        }
    };
    view! {
        <a href=href class=class aria-current=current.then_some("page") on:click=on_click>
            {children()}
        </a>
    }
}

/// The value of `name` in a query string, percent-decoded.
pub fn query_param(search: &str, name: &str) -> Option<String> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.split_once('=').or(Some((pair, ""))))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| decode_component(value))
}

/// `search` without parameter `name` (with a leading `?`, or empty when nothing is left).
pub fn without_param(search: &str, name: &str) -> String {
    let kept: Vec<&str> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty() && pair.split('=').next() != Some(name))
        .collect();
    if kept.is_empty() {
        String::new()
    } else {
        format!("?{}", kept.join("&"))
    }
}

/// Percent-encodes everything but RFC 3986 unreserved characters.
pub fn encode_component(input: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(input.len());
    for b in input.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
    out
}

/// Decodes `%XX` escapes and `+` (as a space); malformed escapes are kept as typed.
pub fn decode_component(input: &str) -> String {
    fn hex(b: u8) -> Option<u8> {
        char::from(b).to_digit(16).map(|d| d as u8)
    }
    let bytes = input.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(hi), Some(lo)) => {
                    out.push(hi << 4 | lo);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_table() {
        let check = |path: &str, search: &str, expected: Route| {
            assert_eq!(Route::parse(path, search), expected, "{path}{search}");
        };
        let book = |p: Option<&str>| Route::book(p, BookPage::Summary);
        let not_found = |p: &str| Route::NotFound { path: p.into() };
        check("/", "", Route::Home);
        check("", "", Route::Home);
        check("/index.html", "", Route::Home);
        check("/", "?error=sign_in_cancelled", Route::Home);
        check("/so-suc-khoe", "", book(None));
        check("/so-suc-khoe/", "", book(None));
        check("/so-suc-khoe", "?patient=", book(None));
        check("/so-suc-khoe", "?patient=p-123", book(Some("p-123")));
        check("/so-suc-khoe", "patient=p-123&x=1", book(Some("p-123")));
        check("/so-suc-khoe", "?x=1&patient=a%2Fb", book(Some("a/b")));
        check(
            "/so-suc-khoe/xet-nghiem",
            "?patient=c1",
            Route::book(Some("c1"), BookPage::Labs),
        );
        check(
            "/so-suc-khoe/tiem-chung/",
            "",
            Route::book(None, BookPage::Immunizations),
        );
        check(
            "/so-suc-khoe/kham-benh",
            "",
            Route::book(None, BookPage::Visits),
        );
        check(
            "/so-suc-khoe/kham-benh/enc-7",
            "?patient=c1",
            Route::book(Some("c1"), BookPage::Visit { id: "enc-7".into() }),
        );
        check("/so-suc-khoexyz", "", not_found("/so-suc-khoexyz"));
        check(
            "/so-suc-khoe/khong-co",
            "",
            not_found("/so-suc-khoe/khong-co"),
        );
        check(
            "/so-suc-khoe/xet-nghiem/2345-7",
            "",
            not_found("/so-suc-khoe/xet-nghiem/2345-7"),
        );
        check(
            "/so-suc-khoe/kham-benh/a/b",
            "",
            not_found("/so-suc-khoe/kham-benh/a/b"),
        );
        check(
            "/dat-lich",
            "",
            Route::BookingStart(BookingQuery::default()),
        );
        check(
            "/dat-lich/",
            "?facility=79001&date=2026-12-01&department=N%E1%BB%99i&x=1",
            Route::BookingStart(BookingQuery {
                facility: Some("79001".into()),
                department: Some("Nội".into()),
                date: Some("2026-12-01".into()),
                ..BookingQuery::default()
            }),
        );
        check(
            "/dat-lich/chon-gio",
            "?facility=79001&patient=&reschedule=ap-1",
            Route::BookingSlots(BookingQuery {
                facility: Some("79001".into()),
                reschedule: Some("ap-1".into()),
                ..BookingQuery::default()
            }),
        );
        check("/dat-lich/xac-nhan", "", Route::BookingConfirm);
        check("/lich-hen", "", Route::Appointments { patient: None });
        check(
            "/lich-hen/",
            "?patient=",
            Route::Appointments { patient: None },
        );
        check(
            "/lich-hen",
            "?patient=pt-9",
            Route::Appointments {
                patient: Some("pt-9".into()),
            },
        );
        check("/lich-hen/ap-7", "", Route::Ticket { id: "ap-7".into() });
        check(
            "/lich-hen/ap-7/x",
            "",
            Route::NotFound {
                path: "/lich-hen/ap-7/x".into(),
            },
        );
        check(
            "/dat-lich/khac",
            "",
            Route::NotFound {
                path: "/dat-lich/khac".into(),
            },
        );
    }

    #[test]
    fn path_round_trips() {
        let pages = [
            BookPage::Summary,
            BookPage::Administrative,
            BookPage::History,
            BookPage::Allergies,
            BookPage::Visits,
            BookPage::Visit {
                id: "enc/ü 1".into(),
            },
            BookPage::Labs,
            BookPage::Vitals,
            BookPage::Immunizations,
            BookPage::Checkups,
            BookPage::Corrections,
            BookPage::Print,
        ];
        let mut routes = vec![
            Route::Home,
            Route::BookingStart(BookingQuery::default()),
            Route::BookingStart(BookingQuery {
                facility: Some("79001".into()),
                department: Some("Tai Mũi Họng & Mắt".into()),
                date: Some("2026-12-01".into()),
                patient: Some("pt-2".into()),
                reschedule: None,
            }),
            Route::BookingSlots(BookingQuery {
                facility: Some("01001".into()),
                reschedule: Some("ap 1".into()),
                ..BookingQuery::default()
            }),
            Route::BookingConfirm,
            Route::Appointments { patient: None },
            Route::Appointments {
                patient: Some("pt-3".into()),
            },
            Route::Ticket { id: "ap-1".into() },
            Route::Ticket { id: "a/b".into() },
        ];
        for page in pages {
            for patient in [None, Some("pt-0001"), Some("odd id/ü&=")] {
                routes.push(Route::book(patient, page.clone()));
            }
        }
        for route in routes {
            let path = route.path();
            let (p, q) = path.split_once('?').unwrap_or((&path, ""));
            assert_eq!(Route::parse(p, q), route, "{path}");
        }
        assert_eq!(
            Route::book(Some("pt-1"), BookPage::Summary).path(),
            "/so-suc-khoe?patient=pt-1"
        );
        assert_eq!(
            Route::book(Some("pt-1"), BookPage::Visits).path(),
            "/so-suc-khoe/kham-benh?patient=pt-1"
        );
        assert_eq!(
            Route::book(None, BookPage::Visit { id: "e 1".into() }).path(),
            "/so-suc-khoe/kham-benh/e%201"
        );
    }

    #[test]
    fn switching_books_keeps_the_section_not_the_item() {
        let visit = BookPage::Visit { id: "e1".into() };
        assert_eq!(visit.in_other_book(), BookPage::Visits);
        assert_eq!(BookPage::Visits.in_other_book(), BookPage::Visits);
        assert_eq!(BookPage::Labs.in_other_book(), BookPage::Labs);
        assert_eq!(visit.parent(), BookPage::Visits);
        assert_eq!(BookPage::Labs.parent(), BookPage::Summary);
    }

    #[test]
    fn shells_of_routes() {
        assert_eq!(Route::Home.shell(), Shell::Home);
        assert_eq!(
            Route::book(Some("p"), BookPage::Summary).shell(),
            Shell::Home
        );
        assert_eq!(
            Route::book(Some("p"), BookPage::Labs).shell(),
            Shell::Records
        );
        assert_eq!(
            Route::book(None, BookPage::Visit { id: "e".into() }).shell(),
            Shell::Records
        );
        assert_eq!(Route::BookingConfirm.shell(), Shell::Booking);
        assert_eq!(Route::Ticket { id: "a".into() }.shell(), Shell::Booking);
        assert_eq!(
            Route::Appointments {
                patient: Some("p".into())
            }
            .shell(),
            Shell::Booking
        );
    }

    #[test]
    fn query_helpers() {
        assert_eq!(
            query_param("?error=no_health_book", "error").as_deref(),
            Some("no_health_book")
        );
        assert_eq!(query_param("?a=1&b", "b").as_deref(), Some(""));
        assert_eq!(query_param("", "error"), None);
        assert_eq!(without_param("?error=x", "error"), "");
        assert_eq!(without_param("?patient=p1&error=x", "error"), "?patient=p1");
        assert_eq!(without_param("?error=x&patient=p1", "error"), "?patient=p1");
        assert_eq!(without_param("?errors=1", "error"), "?errors=1");
    }

    #[test]
    fn percent_coding() {
        assert_eq!(
            encode_component("/so-suc-khoe?patient=p1"),
            "%2Fso-suc-khoe%3Fpatient%3Dp1"
        );
        assert_eq!(
            decode_component("%2Fso-suc-khoe%3Fpatient%3Dp1"),
            "/so-suc-khoe?patient=p1"
        );
        assert_eq!(decode_component("Nguy%E1%BB%85n+An"), "Nguyễn An");
        assert_eq!(decode_component("50%"), "50%");
        assert_eq!(decode_component("%zz%4"), "%zz%4");
    }
}
