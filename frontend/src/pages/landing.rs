//! The signed-out landing page: the app's name and purpose, one big sign-in button, the
//! privacy promise, the language switch. Nothing else competes for an elderly reader's eye.

use crate::api;
use crate::app::use_embedded;
use crate::components::Notice;
use crate::i18n::{Msg, tr};
use crate::route::use_router;
use leptos::prelude::*;

#[component]
pub fn LandingPage(notice: RwSignal<Option<Msg>>) -> impl IntoView {
    // After signing in, the person lands where they were going (e.g. a child's book).
    let return_to = use_router().current().get_untracked().path();
    view! {
        <div class="landing">
        <Notice notice=notice />
            <img class="landing-logo" src="/favicon.svg" alt="" width="96" height="96" />
            <h1>{tr(Msg::AppName)}</h1>
            <p class="tagline">{tr(Msg::Tagline)}</p>
            // Inside a host app's frame the identity provider refuses to be framed (as a real
            // one does): signing in then happens in the whole window, and comes back here.
            <a
                class="btn btn-primary btn-big"
                href=api::sign_in_url(&return_to)
                target=use_embedded().then_some("_top")
            >
                {tr(Msg::SignIn)}
            </a>
        <p class="privacy">{tr(Msg::SignInPrivacy)}</p>
        </div>
    }
}
