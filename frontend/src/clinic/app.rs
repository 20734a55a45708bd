//! The console's root: language and session in context; the staff sign-in page, a refusal for
//! accounts that are not staff, or the signed-in frame (facility, pages, sign-out) around the
//! current screen.

use super::i18n::ClinicMsg;
use super::route::{self, ClinicRoute};
use super::slots::SlotsPage;
use super::today::TodayPage;
use crate::api::{self, ApiFailure, Load};
use crate::app::Session;
use crate::browser;
use crate::components::{LangSwitch, Notice, Problem};
use crate::i18n::{Lang, Msg, tr, use_lang};
use leptos::either::{Either, EitherOf5};
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::dto::{FacilityRef, Me, Role};

/// The staff member's facility, for pages that name it.
#[derive(Clone, Debug, PartialEq)]
pub struct Desk {
    pub facility: FacilityRef,
    /// The signed-in staff member's name.
    pub staff: String,
}

#[component]
pub fn ClinicApp() -> impl IntoView {
    let lang = RwSignal::new(
        browser::stored_lang()
            .as_deref()
            .and_then(Lang::from_code)
            .unwrap_or_default(),
    );
    provide_context(lang);
    Effect::new(move |_| {
        let lang = lang.get();
        browser::set_document_language(lang.code(), lang.t(ClinicMsg::DocumentTitle));
    });

    let notice = RwSignal::new(take_sign_in_error());
    let current = route::start();
    let state = RwSignal::new(Load::Loading);
    let attempt = RwSignal::new(0_u32);
    Effect::new(move |_| {
        attempt.track();
        api::load_into(state, api::me());
    });
    // Pages call `expire` when a request answers 401, so the clerk is asked to sign in again
    // instead of seeing a list that silently stopped updating.
    provide_context(Session::new(state, notice));

    let desk = move || {
        state.with(|state| match state {
            Load::Ready(me) => desk_of(me),
            _ => None,
        })
    };
    let header_extra = move || {
        desk().map(|desk| {
            view! {
                <p class="desk">
                    <strong lang="vi">{desk.facility.name.clone()}</strong>
                    <span class="muted" lang="vi">{desk.staff.clone()}</span>
                </p>
                <ConsoleNav current=current />
                <SignOutButton />
            }
        })
    };
    let content = move || {
        state.with(|state| match state {
            Load::Loading => EitherOf5::A(view! {
                <div class="loading" role="status" aria-live="polite">
                    <span class="spinner" aria-hidden="true"></span>
                    <p>{tr(ClinicMsg::Loading)}</p>
                </div>
            }),
            Load::Failed(ApiFailure::Unauthenticated) => {
                EitherOf5::B(view! { <SignInPage notice=notice /> })
            }
            Load::Failed(failure) => EitherOf5::C(view! {
                <Notice notice=notice />
                <Problem failure=failure.clone() attempt=attempt />
            }),
            Load::Ready(me) => match desk_of(me) {
                Some(_) => EitherOf5::D(view! {
                    <Notice notice=notice />
                    {move || match current.get() {
                        ClinicRoute::Today => Either::Left(view! { <TodayPage /> }),
                        ClinicRoute::Slots => Either::Right(view! { <SlotsPage /> }),
                    }}
                }),
                None => EitherOf5::E(view! { <NotStaffPage /> }),
            },
        })
    };
    view! {
        <a class="skip-link" href="#main">
            {tr(ClinicMsg::SkipToContent)}
        </a>
        <header class="console-header">
            <div class="console-bar">
                <a class="brand" href=ClinicRoute::Today.path()>
                    <img src="/favicon.svg" alt="" width="32" height="32" />
                    <span>
                        {tr(Msg::AppName)} <span class="brand-sub">{tr(ClinicMsg::ConsoleName)}</span>
                    </span>
                </a>
                {header_extra}
                <LangSwitch />
            </div>
        </header>
        <main id="main" tabindex="-1">
            {content}
        </main>
    }
}

/// A signed-in staff member's desk, or `None` for anyone else.
fn desk_of(me: &Me) -> Option<Desk> {
    match (me.role, &me.facility) {
        (Role::Staff, Some(facility)) => Some(Desk {
            facility: facility.clone(),
            staff: me.name.clone(),
        }),
        _ => None,
    }
}

/// Reads `?error=<code>` (a failed sign-in comes back with it) and removes it from the address.
fn take_sign_in_error() -> Option<Msg> {
    let (path, search) = browser::location();
    let code = crate::route::query_param(&search, "error")?;
    browser::replace_url(&format!(
        "{path}{}",
        crate::route::without_param(&search, "error")
    ));
    Some(Msg::for_error_code(&code).unwrap_or(Msg::ErrSignInFailed))
}

/// The console's pages as links: real addresses (middle-click, bookmarks), handled in place.
#[component]
fn ConsoleNav(current: RwSignal<ClinicRoute>) -> impl IntoView {
    let link = move |to: ClinicRoute, label: ClinicMsg| {
        view! {
            <a
                href=to.path()
                aria-current=move || (current.get() == to).then_some("page")
                on:click=move |ev: leptos::ev::MouseEvent| {
                    if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.button() != 0 {
                        return;
                    }
                    ev.prevent_default();
                    route::navigate(current, to);
                }
            >
                {tr(label)}
            </a>
        }
    };
    view! {
        <nav class="console-nav" aria-label=tr(ClinicMsg::Navigation)>
            {link(ClinicRoute::Today, ClinicMsg::NavToday)}
            {link(ClinicRoute::Slots, ClinicMsg::NavSlots)}
        </nav>
    }
}

#[component]
fn SignOutButton() -> impl IntoView {
    let lang = use_lang();
    let signing_out = RwSignal::new(false);
    let failed = RwSignal::new(false);
    let sign_out = move |_| {
        signing_out.set(true);
        failed.set(false);
        // No reactive owner inside the task: a started sign-out is not cancelled by the
        // screen changing under it.
        spawn_local(async move {
            match api::sign_out().await {
                Ok(redirect) if !redirect.is_empty() => browser::go_to(&redirect),
                Ok(_) | Err(ApiFailure::Unauthenticated) => {
                    browser::go_to(ClinicRoute::Today.path())
                }
                Err(_) => {
                    signing_out.set(false);
                    failed.set(true);
                }
            }
        });
    };
    view! {
        <button
            type="button"
            class="btn btn-quiet"
            disabled=move || signing_out.get()
            on:click=sign_out
        >
            {move || {
                lang.get()
                    .t(if signing_out.get() { ClinicMsg::SigningOut } else { ClinicMsg::SignOut })
            }}
        </button>
        {move || {
            failed
                .get()
                .then(|| {
                    view! {
                        <p class="alert alert-danger" role="alert">
                            {tr(ClinicMsg::SignOutFailed)}
                        </p>
                    }
                })
        }}
    }
}

#[component]
fn SignInPage(notice: RwSignal<Option<Msg>>) -> impl IntoView {
    // After signing in, the clerk lands on the screen they opened.
    let return_to = browser::location().0;
    view! {
        <div class="sign-in">
            <Notice notice=notice />
            <h1>{tr(ClinicMsg::SignInTitle)}</h1>
            <p class="lead">{tr(ClinicMsg::SignInLead)}</p>
            <a class="btn btn-primary btn-big" href=api::sign_in_url(&return_to)>
                {tr(ClinicMsg::SignIn)}
            </a>
        </div>
    }
}

#[component]
fn NotStaffPage() -> impl IntoView {
    view! {
        <div class="sign-in">
            <h1>{tr(ClinicMsg::NotStaffTitle)}</h1>
            <p class="lead">{tr(ClinicMsg::NotStaffBody)}</p>
            <SignOutButton />
        </div>
    }
}
