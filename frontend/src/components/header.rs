use super::LangSwitch;
use crate::i18n::{Msg, tr};
use crate::route::{Link, Route};
use leptos::prelude::*;

/// The top bar on every screen: app name (a link home) and the language switch. The
/// signed-in shell passes its second row (whose book is open, sign-out) as `session`; other
/// screens pass `()`. A plain function, not a component with optional children, so no
/// type-erased view is needed for the two shapes.
pub fn header(session: impl IntoView) -> impl IntoView {
    view! {
        <header class="site-header">
            <div class="bar">
                <Link to=Route::Home class="brand">
                    <img src="/favicon.svg" alt="" width="32" height="32" />
                    <span>{tr(Msg::AppName)}</span>
                </Link>
                <LangSwitch />
            </div>
            {session}
        </header>
    }
}
