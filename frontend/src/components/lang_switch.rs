use crate::browser;
use crate::i18n::{Lang, Msg, tr, use_lang};
use leptos::prelude::*;

/// VI | EN: one tap, remembered on this device. Each button is labelled in its own language
/// (a Vietnamese reader looks for "Tiếng Việt", an English one for "English").
#[component]
pub fn LangSwitch() -> impl IntoView {
    let lang = use_lang();
    let button = move |choice: Lang| {
        view! {
            <button
                type="button"
                lang=choice.code()
                aria-label=choice.label()
                aria-pressed=move || if lang.get() == choice { "true" } else { "false" }
                on:click=move |_| {
                    lang.set(choice);
                    browser::store_lang(choice.code());
                }
            >
                {choice.short()}
            </button>
        }
    };
    view! {
        <div
            class="lang-switch"
            role="group"
            aria-label=tr(Msg::LanguageSwitch)
        >
            {button(Lang::Vi)}
            {button(Lang::En)}
        </div>
    }
}
