//! Opening and closing slots for a day: pick a day, tick the times (or a whole room's free
//! times), confirm. Booked and held times cannot be ticked: closing them would strand a
//! patient. The edge writes the change to the store and invalidates the cached availability,
//! so citizens see it on their next look.

use super::api::{self as clinic_api, ClinicSlot, ClinicSlots, SlotStatus};
use super::app::use_session;
use super::day::{self, SlotGroup};
use super::i18n::{self, ClinicMsg, pick};
use crate::api::{ApiFailure, Load};
use crate::browser;
use crate::components::Problem;
use crate::i18n::{Lang, tr, use_lang};
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::date::IsoDate;
use std::collections::BTreeSet;

/// What the last change did.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    Changed { closed: bool, count: usize },
    Failed(ApiFailure),
}

#[component]
pub fn SlotsPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let today = browser::today();
    let date = RwSignal::new(today);
    let state = RwSignal::new(Load::<ClinicSlots>::Loading);
    let attempt = RwSignal::new(0_u32);
    let selected = RwSignal::new(BTreeSet::<String>::new());
    // `Some(true)`: closing is waiting for confirmation; `Some(false)`: reopening.
    let confirming = RwSignal::new(None::<bool>);
    let busy = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Outcome>);

    Effect::new(move |_| {
        attempt.track();
        let request = clinic_api::slots(&date.get().to_string());
        state.set(Load::Loading);
        selected.set(BTreeSet::new());
        confirming.set(None);
        spawn_local(async move {
            match request.await {
                Ok(loaded) => {
                    state.try_set(Load::Ready(loaded));
                }
                Err(ApiFailure::Unauthenticated) => session.expire(),
                Err(failure) => {
                    state.try_set(Load::Failed(failure));
                }
            }
        });
    });

    let apply = move |close: bool| {
        let ids: Vec<String> = selected.get_untracked().into_iter().collect();
        if ids.is_empty() || busy.get_untracked() {
            return;
        }
        busy.set(true);
        let count = ids.len();
        let request = clinic_api::set_slots_open(ids, !close);
        spawn_local(async move {
            let result = request.await;
            busy.try_set(false);
            confirming.try_set(None);
            match result {
                Ok(changed) => {
                    state.try_update(|state| {
                        if let Load::Ready(day) = state {
                            merge(&mut day.slots, changed.slots);
                        }
                    });
                    selected.try_set(BTreeSet::new());
                    outcome.try_set(Some(Outcome::Changed {
                        closed: close,
                        count,
                    }));
                }
                Err(ApiFailure::Unauthenticated) => session.expire(),
                Err(failure) => {
                    outcome.try_set(Some(Outcome::Failed(failure)));
                }
            }
        });
    };

    let groups = move || {
        state.with(|state| match state {
            Load::Loading => EitherOf3::A(view! {
                <div class="loading" role="status" aria-live="polite">
                    <span class="spinner" aria-hidden="true"></span>
                    <p>{tr(ClinicMsg::Loading)}</p>
                </div>
            }),
            Load::Failed(failure) => EitherOf3::B(view! {
                <Problem failure=failure.clone() attempt=attempt />
            }),
            Load::Ready(day) if day.slots.is_empty() => {
                EitherOf3::C(Either::Left(view! { <p class="empty">{tr(ClinicMsg::NoSlots)}</p> }))
            }
            Load::Ready(day) => EitherOf3::C(Either::Right(
                day::slot_groups(&day.slots)
                    .into_iter()
                    .map(|group| view! { <SlotGroupView group=group selected=selected /> })
                    .collect_view(),
            )),
        })
    };

    let selection_bar = move || {
        let lang = lang.get();
        let n = selected.with(BTreeSet::len);
        let question = confirming.get().map(|close| {
            let day = date.get_untracked().display_vn();
            view! {
                <div class="confirm" role="alert">
                    <p>{i18n::confirm_slots(lang, close, n, &day)}</p>
                    <button
                        type="button"
                        class=if close { "btn btn-danger" } else { "btn btn-primary" }
                        disabled=move || busy.get()
                        on:click=move |_| apply(close)
                    >
                        {lang
                            .t(if close { ClinicMsg::ConfirmClose } else { ClinicMsg::ConfirmOpen })}
                    </button>
                    <button
                        type="button"
                        class="btn btn-quiet"
                        on:click=move |_| confirming.set(None)
                    >
                        {lang.t(ClinicMsg::Cancel)}
                    </button>
                </div>
            }
        });
        view! {
            <div class="selection-bar">
                <p class="selection-count">{i18n::selected_count(lang, n)}</p>
                <button
                    type="button"
                    class="btn btn-danger"
                    disabled=n == 0
                    on:click=move |_| confirming.set(Some(true))
                >
                    {lang.t(ClinicMsg::CloseSelected)}
                </button>
                <button
                    type="button"
                    class="btn btn-primary"
                    disabled=n == 0
                    on:click=move |_| confirming.set(Some(false))
                >
                    {lang.t(ClinicMsg::OpenSelected)}
                </button>
                <button
                    type="button"
                    class="btn btn-quiet"
                    disabled=n == 0
                    on:click=move |_| {
                        selected.set(BTreeSet::new());
                        confirming.set(None);
                    }
                >
                    {lang.t(ClinicMsg::ClearSelection)}
                </button>
            </div>
            {question}
        }
    };

    view! {
        <div class="page-head">
            <h1>{tr(ClinicMsg::SlotsTitle)}</h1>
        </div>
        <p class="lead">{tr(ClinicMsg::SlotsLead)}</p>
        <div class="list-tools">
            <label class="tool">
                <span>{tr(ClinicMsg::Day)}</span>
                <input
                    type="date"
                    min=today.to_string()
                    prop:value=move || date.get().to_string()
                    on:change=move |ev| {
                        if let Some(day) = IsoDate::parse(&event_target_value(&ev)) {
                            date.set(day);
                        }
                    }
                />
            </label>
            <p class="page-date">{move || date.get().display_vn()}</p>
            <Legend />
        </div>
        {selection_bar}
        <div class="outcome-region" aria-live="polite" aria-atomic="true">
            {move || outcome.get().map(|o| outcome_view(lang.get(), o))}
        </div>
        {groups}
    }
}

/// Replaces the slots the edge changed by their new versions.
fn merge(slots: &mut [ClinicSlot], changed: Vec<ClinicSlot>) {
    for new in changed {
        if let Some(old) = slots.iter_mut().find(|s| s.id == new.id) {
            *old = new;
        }
    }
}

/// Whether a slot may be ticked: free ones to close, closed ones to reopen.
fn selectable(status: SlotStatus) -> bool {
    matches!(status, SlotStatus::Free | SlotStatus::Closed)
}

fn slot_slug(status: SlotStatus) -> &'static str {
    match status {
        SlotStatus::Free => "free",
        SlotStatus::Held => "held",
        SlotStatus::Booked => "booked",
        SlotStatus::Closed => "closed",
    }
}

#[component]
fn Legend() -> impl IntoView {
    let lang = use_lang();
    let item = move |status: SlotStatus| {
        view! {
            <li class=format!("slot-key slot-{}", slot_slug(status))>
                {move || pick(lang.get(), i18n::slot_status(status))}
            </li>
        }
    };
    view! {
        <ul class="legend" aria-label=tr(ClinicMsg::Legend)>
            {item(SlotStatus::Free)}
            {item(SlotStatus::Held)}
            {item(SlotStatus::Booked)}
            {item(SlotStatus::Closed)}
        </ul>
    }
}

#[component]
fn SlotGroupView(group: SlotGroup, selected: RwSignal<BTreeSet<String>>) -> impl IntoView {
    let lang = use_lang();
    let heading_id = format!("slots-{}", group.key.replace(['/', ' '], "-"));
    let labelled_by = heading_id.clone();
    let title = match &group.room {
        Some(room) => format!("{} · {room}", group.department),
        None => group.department.clone(),
    };
    let doctors = group.doctors.join(", ");
    let ids_with = |status: SlotStatus| -> Vec<String> {
        group
            .slots
            .iter()
            .filter(|s| s.status == status)
            .map(|s| s.id.clone())
            .collect()
    };
    let free = ids_with(SlotStatus::Free);
    let closed = ids_with(SlotStatus::Closed);
    let select_all = move |ids: Vec<String>| {
        move |_| selected.update(|set| set.extend(ids.iter().cloned()))
    };
    let has_free = !free.is_empty();
    let has_closed = !closed.is_empty();
    let slots = group
        .slots
        .into_iter()
        .map(|item| view! { <SlotBox item=item selected=selected /> })
        .collect_view();
    view! {
        <section class="group" aria-labelledby=labelled_by>
            <h2 id=heading_id>
                <span lang="vi">{title}</span>
                " "
                <span class="group-summary" lang="vi">{doctors}</span>
            </h2>
            <div class="group-tools">
                {has_free
                    .then(|| {
                        view! {
                            <button type="button" class="btn btn-quiet btn-small" on:click=select_all(free)>
                                {move || lang.get().t(ClinicMsg::SelectFree)}
                            </button>
                        }
                    })}
                {has_closed
                    .then(|| {
                        view! {
                            <button type="button" class="btn btn-quiet btn-small" on:click=select_all(closed)>
                                {move || lang.get().t(ClinicMsg::SelectClosed)}
                            </button>
                        }
                    })}
            </div>
            <ul class="slot-grid">{slots}</ul>
        </section>
    }
}

#[component]
fn SlotBox(item: ClinicSlot, selected: RwSignal<BTreeSet<String>>) -> impl IntoView {
    let slot = item;
    let lang = use_lang();
    let status = slot.status;
    let id = slot.id.clone();
    let checked = {
        let id = id.clone();
        Signal::derive(move || selected.with(|set| set.contains(&id)))
    };
    let toggle = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        selected.update(|set| {
            if on {
                set.insert(id.clone());
            } else {
                set.remove(&id);
            }
        });
    };
    let time = day::clock_vn(&slot.start);
    view! {
        <li>
            <label
                class=format!("slot slot-{}", slot_slug(status))
                class:slot-selected=checked
            >
                <input
                    type="checkbox"
                    disabled=!selectable(status)
                    prop:checked=checked
                    on:change=toggle
                />
                <span class="slot-time">{time}</span>
                <span class="slot-status">{move || pick(lang.get(), i18n::slot_status(status))}</span>
            </label>
        </li>
    }
}

fn outcome_view(lang: Lang, outcome: Outcome) -> impl IntoView {
    match outcome {
        Outcome::Changed { closed, count } => {
            let msg = if closed {
                ClinicMsg::SlotsClosedDone
            } else {
                ClinicMsg::SlotsOpenedDone
            };
            Either::Left(view! {
                <div class="outcome outcome-ok">
                    <p>{format!("{} ({})", lang.t(msg), i18n::selected_count(lang, count))}</p>
                </div>
            })
        }
        Outcome::Failed(failure) => Either::Right(view! {
            <div class="outcome outcome-error" role="alert">
                <p>{i18n::failure(lang, &failure)}</p>
            </div>
        }),
    }
}
