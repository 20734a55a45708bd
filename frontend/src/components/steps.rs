use crate::i18n::booking::BookingText;
use crate::i18n::{Lang, tr};
use leptos::prelude::*;

/// "1 Nơi khám · 2 Giờ khám · 3 Xác nhận": where the person is in the booking flow. Three
/// steps on purpose: elderly users follow short flows best.
pub fn steps(current: u8, lang: Lang) -> impl IntoView {
    let step = move |n: u8, text: BookingText| {
        let class = match n.cmp(&current) {
            std::cmp::Ordering::Less => "step step-done",
            std::cmp::Ordering::Equal => "step step-current",
            std::cmp::Ordering::Greater => "step",
        };
        view! {
            <li class=class aria-current=(n == current).then_some("step")>
                <span class="step-n" aria-hidden="true">{n}</span>
                {lang.t(text)}
            </li>
        }
    };
    view! {
        <ol class="steps" aria-label=tr(BookingText::StepsLabel)>
            {step(1, BookingText::StepWhere)}
            {step(2, BookingText::StepWhen)}
            {step(3, BookingText::StepConfirm)}
        </ol>
    }
}
