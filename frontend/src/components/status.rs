use crate::api::ApiFailure;
use crate::i18n::{self, Msg, tr, use_lang};
use leptos::prelude::*;

/// A spinner with a sentence, announced politely to screen readers.
#[component]
pub fn Loading(msg: Msg) -> impl IntoView {
    view! {
        <div class="loading" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            <p>{tr(msg)}</p>
        </div>
    }
}

/// Grey placeholders in the shape of the book's cards, so the page does not jump when the
/// data arrives on a slow connection. Hidden from assistive technology.
#[component]
pub fn Skeleton() -> impl IntoView {
    let card = || {
        view! {
            <div class="card skeleton">
                <span class="bone bone-title"></span>
                <span class="bone"></span>
                <span class="bone bone-short"></span>
            </div>
        }
    };
    view! {
        <div aria-hidden="true">
            <span class="bone bone-h1"></span>
            {card()}
            {card()}
            {card()}
        </div>
    }
}

/// Why something could not be shown, in a human sentence, with a way to try again when that
/// may help: the button bumps `attempt`, which the screen's loading effect tracks.
#[component]
pub fn Problem(failure: ApiFailure, attempt: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let retryable = failure.is_retryable();
    view! {
        <div class="problem" role="alert">
            <p>{move || i18n::failure(lang.get(), &failure)}</p>
            {retryable
                .then(|| {
                    view! {
                        <button
                            type="button"
                            class="btn btn-primary"
                            on:click=move |_| attempt.update(|n| *n += 1)
                        >
                            {tr(Msg::TryAgain)}
                        </button>
                    }
                })}
        </div>
    }
}

/// A message about something that already happened (a failed sign-in, an ended session),
/// which the person can dismiss.
#[component]
pub fn Notice(notice: RwSignal<Option<Msg>>) -> impl IntoView {
    move || {
        notice.get().map(|msg| {
            view! {
                <div class="notice" role="alert">
                    <p>{tr(msg)}</p>
                    <button type="button" class="btn btn-quiet" on:click=move |_| notice.set(None)>
                        {tr(Msg::Dismiss)}
                    </button>
                </div>
            }
        })
    }
}
