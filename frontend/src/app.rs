//! The root: language, router and session in context; the signed-out landing page or the
//! signed-in shell (header with whose book is open and sign-out, then the page of the route).

use crate::api::{self, ApiFailure, Load};
use crate::browser;
use crate::components::{
    AppNav, BookChoice, BookSwitcher, LangSwitch, Loading, Notice, Problem, header,
};
use crate::i18n::{Lang, Msg, tr, use_lang};
use crate::pages::landing::LandingPage;
use crate::pages::not_found::NotFoundPage;
use crate::route::{self, BookPage, Route, Router, Shell, use_router};
use leptos::either::EitherOf4;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::dto::{Me, Role};
use std::future::Future;
use std::sync::Arc;

/// Who is signed in, shared with pages so a 401 anywhere returns to the landing page.
#[derive(Clone, Copy)]
pub struct Session {
    state: RwSignal<Load<Me>>,
    /// A message about what just happened to the session (failed sign-in, expiry).
    notice: RwSignal<Option<Msg>>,
}

impl Session {
    /// `state` is the app's `/me`; `notice` what it says about the session. Also the clinic
    /// console's session: the same rule on a 401.
    pub fn new(state: RwSignal<Load<Me>>, notice: RwSignal<Option<Msg>>) -> Self {
        Session { state, notice }
    }

    /// The session ended while the app was open: back to signing in, saying why.
    pub fn expire(&self) {
        self.notice.set(Some(Msg::SessionExpired));
        self.state.set(Load::Failed(ApiFailure::Unauthenticated));
    }

    /// [`api::load_into`] for a screen: a 401 ends the session in the app as well.
    pub fn load_into<T: Send + Sync + 'static>(
        self,
        state: RwSignal<Load<T>>,
        request: impl Future<Output = Result<T, ApiFailure>> + 'static,
    ) {
        api::load_into(state, async move {
            let answer = request.await;
            if matches!(answer, Err(ApiFailure::Unauthenticated)) {
                self.expire();
            }
            answer
        });
    }
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}

/// Whether the app runs inside a host app (VNeID-style super-app web view, or a frame on a
/// configured host origin). Decided once at start: the host does not change under us.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Embedded(pub bool);

pub fn use_embedded() -> bool {
    use_context::<Embedded>().is_some_and(|e| e.0)
}

/// The screens one wasm module of the citizen app carries (see [`shared::shell`]): the app
/// around them is the same in every module; only the pages differ, and each entry point
/// names its own, so the linker leaves the other modules' pages out.
#[derive(Clone, Copy)]
pub struct Screens {
    pub shell: Shell,
    /// The page of a route of `shell` (never called with another module's route).
    pub page: fn(Arc<Me>, Route) -> AnyView,
}

#[component]
pub fn App(screens: Screens) -> impl IntoView {
    let lang = RwSignal::new(
        browser::stored_lang()
            .as_deref()
            .and_then(Lang::from_code)
            .unwrap_or_default(),
    );
    provide_context(lang);
    Effect::new(move |_| {
        let lang = lang.get();
        browser::set_document_language(lang.code(), lang.t(Msg::DocumentTitle));
    });

    let embedded = browser::embedded_mode();
    provide_context(Embedded(embedded));
    let sign_in_error = take_sign_in_error();
    // A host app's silent sign-in came back empty-handed: say so, and do not try again in a
    // loop; the person now signs in with the button.
    let silent_failed = embedded && sign_in_error == Some(Msg::ErrLoginRequired);
    let notice = RwSignal::new(if silent_failed {
        Some(Msg::SilentSignInFailed)
    } else {
        sign_in_error
    });
    provide_context(Router::start(screens.shell));
    provide_context(screens);
    provide_context(crate::pages::booking::Flow::new());

    let state = RwSignal::new(Load::Loading);
    let attempt = RwSignal::new(0_u32);
    Effect::new(move |_| {
        attempt.track();
        api::load_into(state, api::me());
    });
    provide_context(Session { state, notice });

    // Inside a host app the person is usually signed in at the identity provider already:
    // ask it silently (`prompt=none`) before showing any sign-in button. Once per tab, so an
    // answer of "no session there" cannot bounce back and forth.
    let silently = RwSignal::new(false);
    if embedded {
        Effect::new(move |_| {
            state.with(|state| match state {
                Load::Ready(_) => browser::set_silent_sign_in_tried(false),
                Load::Failed(ApiFailure::Unauthenticated)
                    if !silent_failed && !browser::silent_sign_in_tried() =>
                {
                    browser::set_silent_sign_in_tried(true);
                    silently.set(true);
                    let here = use_router().current().get_untracked().path();
                    browser::go_to(&api::silent_sign_in_url(&here));
                }
                _ => {}
            })
        });
    }

    // One header and one <main> for every state: only their contents change, so landmarks
    // and the skip link always exist and focus has a stable place to go.
    let session_bar = move || {
        state.with(|state| match state {
            Load::Ready(me) => Some(view! { <SessionBar me=Arc::new(me.clone()) /> }),
            _ => None,
        })
    };
    let content = move || {
        if silently.get() {
            return EitherOf4::A(view! {
                <div aria-busy="true">
                    <Loading msg=Msg::SigningInSilently />
                </div>
            });
        }
        state.with(|state| match state {
            Load::Loading => EitherOf4::A(view! {
                <div aria-busy="true">
                    <Loading msg=Msg::LoadingApp />
                </div>
            }),
            Load::Failed(ApiFailure::Unauthenticated) => {
                EitherOf4::B(view! { <LandingPage notice=notice /> })
            }
            Load::Failed(failure) => EitherOf4::C(view! {
                <Notice notice=notice />
                <Problem failure=failure.clone() attempt=attempt />
            }),
            Load::Ready(me) => EitherOf4::D(view! {
                <Notice notice=notice />
                <BookArea me=Arc::new(me.clone()) />
            }),
        })
    };
    // A host app draws its own title bar and owns signing out: ours would be a second header
    // eating a third of a 360 px web view, and a sign-out that leaves the host signed in.
    let top = (!embedded).then(|| header(session_bar));
    view! {
        <a class="skip-link" href="#main">
            {tr(Msg::SkipToContent)}
        </a>
        {top}
        <main id="main" tabindex="-1" class:embedded=embedded>
            {content}
        </main>
    }
}

/// Reads `?error=<code>` (a failed sign-in sends the person back with it), then removes it
/// from the address bar so a reload or a shared link does not repeat the message.
fn take_sign_in_error() -> Option<Msg> {
    let (path, search) = browser::location();
    let code = route::query_param(&search, "error")?;
    browser::replace_url(&format!("{path}{}", route::without_param(&search, "error")));
    Some(Msg::for_error_code(&code).unwrap_or(Msg::ErrSignInFailed))
}

/// The signed-in row of the header: whose book is open, and signing out.
#[component]
fn SessionBar(me: Arc<Me>) -> impl IntoView {
    let lang = use_lang();
    let route = use_router().current();
    let signing_out = RwSignal::new(false);
    let sign_out_failed = RwSignal::new(None::<Msg>);
    let sign_out = move |_| {
        signing_out.set(true);
        sign_out_failed.set(None);
        // Made inside the task, where no reactive owner is current: a sign-out that has
        // started must not be cancelled by the screen changing under it.
        spawn_local(async move {
            match api::sign_out().await {
                Ok(redirect) if !redirect.is_empty() => browser::go_to(&redirect),
                Ok(_) | Err(ApiFailure::Unauthenticated) => browser::go_to("/"),
                Err(_) => {
                    signing_out.set(false);
                    sign_out_failed.set(Some(Msg::SignOutFailed));
                }
            }
        });
    };
    let citizen = me.role == Role::Citizen;
    let owner = move || {
        let name = book_owner(&me, &route.get())?;
        Some(view! {
            <p class="owner">{tr(Msg::ViewingBookOf)} " " <strong lang="vi">{name}</strong></p>
        })
    };
    view! {
        <div class="bar bar-session">
            {owner}
            <button
                type="button"
                class="btn btn-quiet"
                disabled=move || signing_out.get()
                on:click=sign_out
            >
                {move || {
                    lang.get().t(if signing_out.get() { Msg::SigningOut } else { Msg::SignOut })
                }}
            </button>
        </div>
        {citizen.then(|| view! { <AppNav /> })}
        <Notice notice=sign_out_failed />
    }
}

/// The signed-in content: the page of the current route.
#[component]
fn BookArea(me: Arc<Me>) -> impl IntoView {
    let route = use_router().current();
    let screens = expect_context::<Screens>();
    let embedded = use_embedded();
    move || {
        let route = route.get();
        if let Route::NotFound { .. } = route {
            return EitherOf4::C(view! { <NotFoundPage /> }.into_any());
        }
        if route.shell() != screens.shell {
            // Only reachable through history entries of another module: load its page.
            browser::go_to(&route.path());
            return EitherOf4::C(view! { <Loading msg=Msg::LoadingApp /> }.into_any());
        }
        let Some(page) = route.book_page().cloned() else {
            // Booking and appointments.
            return EitherOf4::D((screens.page)(me.clone(), route));
        };
        let choices = book_choices(&me, &route);
        let patient = route.patient().map(str::to_owned);
        let owner = book_owner(&me, &route);
        let own_book_missing = patient.is_none() && owner.is_none();
        let switcher = (choices.len() > 1).then(|| view! { <BookSwitcher choices=choices /> });
        // Without our header, whose book is open is said at the top of the page instead.
        let embedded_bar = embedded.then(|| embedded_bar(owner));
        if own_book_missing {
            EitherOf4::A(view! {
                {embedded_bar}
                {switcher}
                <h1>{tr(Msg::AppName)}</h1>
                <p>{tr(Msg::NoOwnBook)}</p>
            })
        } else {
            EitherOf4::B(view! {
                {embedded_bar}
                {switcher}
                {(screens.page)(me.clone(), Route::Book { patient, page })}
            })
        }
    }
}

/// The embedded mode's only chrome: whose book is open and the language switch.
fn embedded_bar(owner: Option<String>) -> impl IntoView {
    view! {
        <div class="embedded-bar">
            {owner
                .map(|name| {
                    view! {
                        <p class="owner">
                            {tr(Msg::ViewingBookOf)} " " <strong lang="vi">{name}</strong>
                        </p>
                    }
                })}
            <LangSwitch />
        </div>
    }
}

/// The name of the person whose book `route` opens, when the signed-in person may open it.
fn book_owner(me: &Me, route: &Route) -> Option<String> {
    route.book_page()?;
    match route.patient() {
        None => me.patient.as_ref().map(|_| me.name.clone()),
        Some(id) if me.patient.as_deref() == Some(id) => Some(me.name.clone()),
        Some(id) => me
            .dependants
            .iter()
            .find(|d| d.patient == id)
            .map(|d| d.name.clone()),
    }
}

/// The books the switcher offers: one's own (if any) first, then each dependant. Each choice
/// opens the same section of the other book, so a guardian comparing two children's
/// vaccinations switches with one tap.
fn book_choices(me: &Me, route: &Route) -> Vec<BookChoice> {
    let shown = match route.patient() {
        Some(id) if me.patient.as_deref() != Some(id) => Some(id),
        _ => None,
    };
    let page = route
        .book_page()
        .map(BookPage::in_other_book)
        .unwrap_or_default();
    let own = me.patient.as_ref().map(|_| BookChoice {
        route: match page {
            BookPage::Summary => Route::Home,
            _ => Route::book(None, page.clone()),
        },
        name: me.name.clone(),
        own: true,
        current: shown.is_none(),
    });
    own.into_iter()
        .chain(me.dependants.iter().map(|d| BookChoice {
            route: Route::book(Some(&d.patient), page.clone()),
            name: d.name.clone(),
            own: false,
            current: shown == Some(d.patient.as_str()),
        }))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::dto::{Dependant, Relationship, Role};

    fn guardian() -> Me {
        Me {
            role: Role::Citizen,
            name: "Trần Thị Mai".into(),
            patient: Some("pt-mai".into()),
            dependants: vec![Dependant {
                patient: "pt-bin".into(),
                name: "Lê Gia Bình".into(),
                birth_date: None,
                relationship: Relationship::Parent,
            }],
            facility: None,
        }
    }

    fn book(patient: Option<&str>) -> Route {
        Route::book(patient, BookPage::Summary)
    }

    #[test]
    fn header_names_whose_book_is_open() {
        let me = guardian();
        let check = |route: Route, expected: Option<&str>| {
            assert_eq!(book_owner(&me, &route).as_deref(), expected, "{route:?}");
        };
        check(Route::Home, Some("Trần Thị Mai"));
        check(book(None), Some("Trần Thị Mai"));
        check(book(Some("pt-mai")), Some("Trần Thị Mai"));
        check(book(Some("pt-bin")), Some("Lê Gia Bình"));
        check(book(Some("pt-stranger")), None);
        check(Route::NotFound { path: "/x".into() }, None);
    }

    #[test]
    fn switcher_marks_the_open_book() {
        let me = guardian();
        let current = |route: Route| -> Vec<(String, bool)> {
            book_choices(&me, &route)
                .into_iter()
                .map(|c| (c.name, c.current))
                .collect()
        };
        assert_eq!(
            current(Route::Home),
            [("Trần Thị Mai".into(), true), ("Lê Gia Bình".into(), false)]
        );
        assert_eq!(
            current(book(Some("pt-bin"))),
            [("Trần Thị Mai".into(), false), ("Lê Gia Bình".into(), true)]
        );
        assert_eq!(
            current(book(Some("pt-mai"))),
            [("Trần Thị Mai".into(), true), ("Lê Gia Bình".into(), false)]
        );
    }

    #[test]
    fn switching_books_stays_in_the_section() {
        let me = guardian();
        let targets = |route: Route| -> Vec<Route> {
            book_choices(&me, &route)
                .into_iter()
                .map(|c| c.route)
                .collect()
        };
        assert_eq!(
            targets(Route::book(Some("pt-bin"), BookPage::Immunizations)),
            [
                Route::book(None, BookPage::Immunizations),
                Route::book(Some("pt-bin"), BookPage::Immunizations)
            ]
        );
        assert_eq!(
            targets(Route::book(None, BookPage::Visit { id: "e1".into() })),
            [
                Route::book(None, BookPage::Visits),
                Route::book(Some("pt-bin"), BookPage::Visits)
            ]
        );
        assert_eq!(targets(Route::Home)[0], Route::Home);
    }

    #[test]
    fn staff_without_a_book_get_no_own_entry() {
        let me = Me {
            role: Role::Staff,
            name: "Nhân viên".into(),
            patient: None,
            dependants: vec![],
            facility: None,
        };
        assert!(book_choices(&me, &Route::Home).is_empty());
        assert_eq!(book_owner(&me, &Route::Home), None);
    }
}
