//! An address inside the app that does not exist (an old link, a typo).

use crate::i18n::{Msg, tr};
use crate::route::{Link, Route};
use leptos::prelude::*;

#[component]
pub fn NotFoundPage() -> impl IntoView {
    view! {
        <h1>{tr(Msg::NotFoundTitle)}</h1>
        <p>{tr(Msg::NotFoundBody)}</p>
        <p>
            <Link to=Route::Home class="btn btn-primary">
                {tr(Msg::BackToBook)}
            </Link>
        </p>
    }
}
