//! Opening and closing slots for a day: pick a day, tick times (or a whole list's free times),
//! confirm; or add slots to a doctor's list (a Saturday morning, an extra afternoon). Booked and
//! held times cannot be ticked: closing them would strand a patient. The edge writes the change
//! to the store and invalidates the cached availability, so citizens see it on their next look.

use super::api::{
    self as clinic_api, ClinicSchedule, ClinicSlot, ClinicSlotStatus, ClinicSlots, SlotAction,
    SlotChange, SlotChangeResult,
};
use super::i18n::{self, ClinicMsg, pick};
use crate::api::{ApiFailure, Load};
use crate::app::{Session, use_session};
use crate::browser;
use crate::components::Problem;
use crate::i18n::{Lang, tr, use_lang};
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::clock::ClockTime;
use shared::date::IsoDate;
use std::collections::BTreeSet;

/// Days ahead the edge lets staff change (today … today + 30).
const DAYS_AHEAD: i64 = 30;

/// What the last change did.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    Changed {
        action: SlotAction,
        changed: u32,
        /// Why slots were left alone (`booked`, `held`, `overlap`, `not_found`).
        skipped: Vec<String>,
    },
    Failed(ApiFailure),
    BadTimes,
}

/// Everything a change needs: the day's state and the shared outcome line.
#[derive(Clone, Copy)]
struct Editor {
    date: RwSignal<IsoDate>,
    state: RwSignal<Load<ClinicSlots>>,
    selected: RwSignal<BTreeSet<String>>,
    confirming: RwSignal<Option<SlotAction>>,
    busy: RwSignal<bool>,
    outcome: RwSignal<Option<Outcome>>,
    session: Session,
}

impl Editor {
    /// Sends `change`; the answer carries the whole day after it, which replaces the screen.
    fn apply(self, change: SlotChange) {
        if self.busy.get_untracked() {
            return;
        }
        self.busy.set(true);
        let session = self.session;
        let action = change.action;
        let request = clinic_api::change_slots(&change);
        spawn_local(async move {
            let result = request.await;
            self.busy.try_set(false);
            self.confirming.try_set(None);
            match result {
                Ok(SlotChangeResult {
                    changed,
                    skipped,
                    day,
                }) => {
                    self.state.try_set(Load::Ready(day));
                    self.selected.try_set(BTreeSet::new());
                    self.outcome.try_set(Some(Outcome::Changed {
                        action,
                        changed,
                        skipped: skipped.into_iter().map(|s| s.reason).collect(),
                    }));
                }
                Err(ApiFailure::Unauthenticated) => session.expire(),
                Err(failure) => {
                    self.outcome.try_set(Some(Outcome::Failed(failure)));
                }
            }
        });
    }

    fn selected_slots(self, action: SlotAction) -> SlotChange {
        SlotChange {
            date: self.date.get_untracked(),
            action,
            slot_ids: self.selected.get_untracked().into_iter().collect(),
            schedule_id: None,
            from: None,
            to: None,
            minutes: None,
        }
    }
}

#[component]
pub fn SlotsPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let today = browser::today();
    let editor = Editor {
        date: RwSignal::new(today),
        state: RwSignal::new(Load::Loading),
        selected: RwSignal::new(BTreeSet::new()),
        confirming: RwSignal::new(None),
        busy: RwSignal::new(false),
        outcome: RwSignal::new(None),
        session,
    };
    let Editor {
        date,
        state,
        selected,
        confirming,
        busy,
        outcome,
        ..
    } = editor;
    let attempt = RwSignal::new(0_u32);

    Effect::new(move |_| {
        attempt.track();
        let request = clinic_api::slots(date.get());
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

    let schedules = move || {
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
            Load::Ready(day) if day.schedules.is_empty() => EitherOf3::C(Either::Left(
                view! { <p class="empty">{tr(ClinicMsg::NoSlots)}</p> },
            )),
            Load::Ready(day) => EitherOf3::C(Either::Right(
                day.schedules
                    .iter()
                    .cloned()
                    .map(|schedule| view! { <ScheduleView schedule=schedule editor=editor /> })
                    .collect_view(),
            )),
        })
    };
    let all_free = move || {
        state.with(|state| match state {
            Load::Ready(day) => day
                .schedules
                .iter()
                .flat_map(|s| &s.slots)
                .filter(|s| s.status == ClinicSlotStatus::Free)
                .map(|s| s.id.clone())
                .collect::<Vec<_>>(),
            _ => Vec::new(),
        })
    };

    let selection_bar = move || {
        let lang = lang.get();
        let n = selected.with(BTreeSet::len);
        let question = confirming.get().map(|action| {
            let day = date.get_untracked().display_vn();
            let close = action == SlotAction::Close;
            view! {
                <div class="confirm" role="alert">
                    <p>{i18n::confirm_slots(lang, close, n, &day)}</p>
                    <button
                        type="button"
                        class=if close { "btn btn-danger" } else { "btn btn-primary" }
                        disabled=move || busy.get()
                        on:click=move |_| editor.apply(editor.selected_slots(action))
                    >
                        {lang.t(if close { ClinicMsg::ConfirmClose } else { ClinicMsg::ConfirmOpen })}
                    </button>
                    <button type="button" class="btn btn-quiet" on:click=move |_| confirming.set(None)>
                        {lang.t(ClinicMsg::Cancel)}
                    </button>
                </div>
            }
        });
        view! {
            <div class="selection-bar">
                <p class="selection-count" aria-live="polite">{i18n::selected_count(lang, n)}</p>
                <button
                    type="button"
                    class="btn btn-danger"
                    disabled=n == 0
                    on:click=move |_| confirming.set(Some(SlotAction::Close))
                >
                    {lang.t(ClinicMsg::CloseSelected)}
                </button>
                <button
                    type="button"
                    class="btn btn-primary"
                    disabled=n == 0
                    on:click=move |_| confirming.set(Some(SlotAction::Open))
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
            <p class="page-date">{move || date.get().display_vn()}</p>
        </div>
        <p class="lead">{tr(ClinicMsg::SlotsLead)}</p>
        <div class="list-tools">
            <label class="tool">
                <span>{tr(ClinicMsg::Day)}</span>
                <input
                    type="date"
                    min=today.to_string()
                    max=today.add_days(DAYS_AHEAD).to_string()
                    prop:value=move || date.get().to_string()
                    on:change=move |ev| {
                        if let Some(day) = IsoDate::parse(&event_target_value(&ev)) {
                            date.set(day);
                        }
                    }
                />
            </label>
            <button
                type="button"
                class="btn btn-quiet"
                on:click=move |_| selected.update(|set| set.extend(all_free()))
            >
                {tr(ClinicMsg::SelectDayFree)}
            </button>
            <Legend />
        </div>
        {selection_bar}
        <div class="outcome-region" aria-live="polite" aria-atomic="true">
            {move || outcome.get().map(|o| outcome_view(lang.get(), o))}
        </div>
        {schedules}
    }
}

/// Whether a slot may be ticked: free ones to close, closed ones to reopen.
fn selectable(status: ClinicSlotStatus) -> bool {
    matches!(status, ClinicSlotStatus::Free | ClinicSlotStatus::Closed)
}

fn slot_slug(status: ClinicSlotStatus) -> &'static str {
    match status {
        ClinicSlotStatus::Free => "free",
        ClinicSlotStatus::Held => "held",
        ClinicSlotStatus::Booked => "booked",
        ClinicSlotStatus::Closed => "closed",
    }
}

#[component]
fn Legend() -> impl IntoView {
    let lang = use_lang();
    let item = move |status: ClinicSlotStatus| {
        view! {
            <li class=format!("slot-key slot-{}", slot_slug(status))>
                {move || pick(lang.get(), i18n::slot_status(status))}
            </li>
        }
    };
    view! {
        <ul class="legend" aria-label=tr(ClinicMsg::Legend)>
            {item(ClinicSlotStatus::Free)}
            {item(ClinicSlotStatus::Held)}
            {item(ClinicSlotStatus::Booked)}
            {item(ClinicSlotStatus::Closed)}
        </ul>
    }
}

/// One doctor's list: its slots as tick boxes, shortcuts to tick them, adding slots.
#[component]
fn ScheduleView(schedule: ClinicSchedule, editor: Editor) -> impl IntoView {
    let lang = use_lang();
    let heading_id = format!("slots-{}", css_id(&schedule.schedule_id));
    let labelled_by = heading_id.clone();
    let title = [&schedule.department, &schedule.room, &schedule.practitioner]
        .iter()
        .filter(|p| !p.is_empty())
        .map(|p| p.as_str())
        .collect::<Vec<_>>()
        .join(" · ");
    let ids_with = |status: ClinicSlotStatus| -> Vec<String> {
        schedule
            .slots
            .iter()
            .filter(|s| s.status == status)
            .map(|s| s.id.clone())
            .collect()
    };
    let free = ids_with(ClinicSlotStatus::Free);
    let closed = ids_with(ClinicSlotStatus::Closed);
    let selected = editor.selected;
    let tick_all = move |ids: Vec<String>, label: ClinicMsg| {
        (!ids.is_empty()).then(|| {
            view! {
                <button
                    type="button"
                    class="btn btn-quiet btn-small"
                    on:click=move |_| selected.update(|set| set.extend(ids.iter().cloned()))
                >
                    {move || lang.get().t(label)}
                </button>
            }
        })
    };
    let slots = schedule
        .slots
        .iter()
        .cloned()
        .map(|item| view! { <SlotBox item=item selected=selected /> })
        .collect_view();
    view! {
        <section class="group" aria-labelledby=labelled_by>
            <h2 id=heading_id lang="vi">{title}</h2>
            <div class="group-tools">
                {tick_all(free, ClinicMsg::SelectFree)}
                {tick_all(closed, ClinicMsg::SelectClosed)}
                <AddSlots schedule_id=schedule.schedule_id.clone() editor=editor />
            </div>
            <ul class="slot-grid">{slots}</ul>
        </section>
    }
}

/// "Thêm giờ khám: từ 07:00 đến 11:00, mỗi lượt 15 phút", folded until asked for.
#[component]
fn AddSlots(schedule_id: String, editor: Editor) -> impl IntoView {
    let from = RwSignal::new("07:00".to_owned());
    let to = RwSignal::new("11:00".to_owned());
    let minutes = RwSignal::new("15".to_owned());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (start, end) = (ClockTime::parse(&from.get()), ClockTime::parse(&to.get()));
        let length = minutes.get().trim().parse::<u32>().ok();
        match (start, end, length) {
            (Some(start), Some(end), Some(length))
                if start < end && (5..=120).contains(&length) =>
            {
                editor.apply(SlotChange {
                    date: editor.date.get_untracked(),
                    action: SlotAction::Add,
                    slot_ids: Vec::new(),
                    schedule_id: Some(schedule_id.clone()),
                    from: Some(start),
                    to: Some(end),
                    minutes: Some(length),
                });
            }
            _ => editor.outcome.set(Some(Outcome::BadTimes)),
        }
    };
    let field = move |label: ClinicMsg, kind: &'static str, value: RwSignal<String>| {
        view! {
            <label class="tool tool-small">
                <span>{tr(label)}</span>
                <input
                    type=kind
                    min=if kind == "number" { "5" } else { "" }
                    max=if kind == "number" { "120" } else { "" }
                    prop:value=move || value.get()
                    on:change=move |ev| value.set(event_target_value(&ev))
                />
            </label>
        }
    };
    view! {
        <details class="add-slots">
            <summary class="btn btn-quiet btn-small">{tr(ClinicMsg::AddSlots)}</summary>
            <form class="add-slots-form" on:submit=submit>
                {field(ClinicMsg::AddFrom, "time", from)}
                {field(ClinicMsg::AddTo, "time", to)}
                {field(ClinicMsg::AddMinutes, "number", minutes)}
                <button type="submit" class="btn btn-primary btn-small" disabled=move || editor.busy.get()>
                    {tr(ClinicMsg::Add)}
                </button>
            </form>
        </details>
    }
}

fn css_id(raw: &str) -> String {
    raw.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

#[component]
fn SlotBox(item: ClinicSlot, selected: RwSignal<BTreeSet<String>>) -> impl IntoView {
    let lang = use_lang();
    let slot = item;
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
    let time = slot.start.time().to_string();
    view! {
        <li>
            <label class=format!("slot slot-{}", slot_slug(status)) class:slot-selected=checked>
                <input
                    type="checkbox"
                    disabled=!selectable(status)
                    prop:checked=checked
                    on:change=toggle
                />
                <span class="slot-time">{time}</span>
                <span class="slot-status">
                    {move || pick(lang.get(), i18n::slot_status(status))}
                </span>
            </label>
        </li>
    }
}

fn outcome_view(lang: Lang, outcome: Outcome) -> impl IntoView {
    match outcome {
        Outcome::Changed {
            action,
            changed,
            skipped,
        } => {
            let reasons: Vec<&str> = skipped.iter().map(String::as_str).collect();
            let note = (!reasons.is_empty()).then(|| i18n::skipped(lang, &reasons));
            EitherOf3::A(view! {
                <div class="outcome outcome-ok">
                    <p>{i18n::slots_changed(lang, action, changed)}</p>
                    {note.map(|note| view! { <p>{note}</p> })}
                </div>
            })
        }
        Outcome::Failed(failure) => EitherOf3::B(view! {
            <div class="outcome outcome-error" role="alert">
                <p>{i18n::failure(lang, &failure)}</p>
            </div>
        }),
        Outcome::BadTimes => EitherOf3::C(view! {
            <div class="outcome outcome-error" role="alert">
                <p>{lang.t(ClinicMsg::AddBadTimes).to_owned()}</p>
            </div>
        }),
    }
}
