use crate::format::{self, HoldLeft};
use crate::i18n::booking::{self, BookingText};
use crate::i18n::{tr, use_lang};
use leptos::prelude::*;
use std::time::Duration;

/// How long a slot stays held: minutes and seconds, and a bar that empties.
///
/// The digits change every second but sit in a `role="timer"` (not announced by itself), so a
/// screen-reader user can read them on demand; a separate polite live region says the time left
/// once a minute, at 30 seconds and at the end. `deadline_ms` is on this phone's clock
/// (`Date.now()` when the hold was answered plus the edge's `seconds_left`), so a phone whose
/// clock is wrong still counts the real five minutes. `expired` turns true when time is up.
#[component]
pub fn HoldCountdown(deadline_ms: f64, total_ms: f64, expired: RwSignal<bool>) -> impl IntoView {
    let lang = use_lang();
    let now = RwSignal::new(js_sys::Date::now());
    // The phone may sleep or throttle timers: every tick re-reads the clock, it never counts.
    let timer =
        set_interval_with_handle(move || now.set(js_sys::Date::now()), Duration::from_secs(1)).ok();
    on_cleanup(move || {
        if let Some(timer) = timer {
            timer.clear();
        }
    });
    let left = move || deadline_ms - now.get();
    let step = Memo::new(move |_| format::hold_left(left()));
    Effect::new(move |_| {
        if step.get() == HoldLeft::Over {
            expired.set(true);
        }
    });
    let share = move || {
        let part = (left() / total_ms.max(1.0)).clamp(0.0, 1.0);
        format!("{}%", (part * 100.0).round())
    };
    view! {
        <section
            class="hold"
            class:hold-urgent=move || left() <= 60_000.0
            aria-labelledby="hold-label"
        >
            <p id="hold-label" class="hold-label">{tr(BookingText::HeldFor)}</p>
            <p class="hold-time" role="timer" aria-atomic="true">
                {move || format::countdown(left())}
            </p>
            <div class="hold-bar" aria-hidden="true">
                <span style:width=share></span>
            </div>
            <p class="sr-only" aria-live="polite" aria-atomic="true">
                {move || booking::hold_left(lang.get(), step.get())}
            </p>
        </section>
    }
}
