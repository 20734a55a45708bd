//! Today's bookings at the staff member's facility, one table per doctor's list (department,
//! room, doctor), with the check-in box on top: type (or hand-scan) a booking code and press
//! Enter, or scan the ticket's QR with the camera. Every change is confirmed in words in one
//! live region; the list refreshes itself every minute, as other desks check people in too.

use super::api::{self as clinic_api, AppointmentStatus, ClinicAction, ClinicDay, ClinicEntry};
use super::day::{self, Counts};
use super::i18n::{self, ClinicMsg, pick};
use super::qr;
use super::scanner::Scanner;
use crate::api::{ApiFailure, Load};
use crate::app::use_session;
use crate::browser;
use crate::components::Problem;
use crate::i18n::{Lang, tr, use_lang};
use leptos::either::{Either, EitherOf3, EitherOf4};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::booking_code::CodeError;
use shared::date::IsoDate;
use shared::dto::booking::{ClinicRoom, HealthDeclaration, Symptom};
use std::time::Duration;

/// How often the list reloads by itself.
const REFRESH: Duration = Duration::from_secs(60);

/// What the last action did, shown in the live region under the check-in box.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    /// A status changed; `place` is the doctor's list it belongs to, when known.
    Changed {
        entry: ClinicEntry,
        action: ClinicAction,
        place: Option<String>,
    },
    /// The request failed; `code` is the booking code it was about.
    Failed { code: String, failure: ApiFailure },
    /// What was typed is not a booking code; nothing was sent.
    NotACode(CodeError),
}

/// What a row's buttons do, shared by every row.
#[derive(Clone, Copy)]
struct RowActions {
    change: Callback<(ClinicEntry, ClinicAction)>,
    /// The appointment whose no-show is waiting for confirmation.
    confirming: RwSignal<Option<String>>,
}

#[component]
pub fn TodayPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let today = browser::today();
    let state = RwSignal::new(Load::<ClinicDay>::Loading);
    let attempt = RwSignal::new(0_u32);
    let outcome = RwSignal::new(None::<Outcome>);
    let busy = RwSignal::new(false);
    let scanning = RwSignal::new(false);
    let only = RwSignal::new(String::new());
    let query = RwSignal::new(String::new());
    let code_input = NodeRef::<html::Input>::new();

    // Loads the day; `quiet` keeps the current list on screen while it reloads.
    let load = move |quiet: bool| {
        if !quiet {
            state.set(Load::Loading);
        }
        let request = clinic_api::day(today);
        spawn_local(async move {
            match request.await {
                Ok(loaded) => {
                    state.try_set(Load::Ready(loaded));
                }
                Err(ApiFailure::Unauthenticated) => session.expire(),
                Err(failure) if !quiet => {
                    state.try_set(Load::Failed(failure));
                }
                // A failed background refresh leaves the list as it was; its "updated at"
                // time says how old it is.
                Err(_) => {}
            }
        });
    };
    Effect::new(move |_| {
        attempt.track();
        load(false);
    });
    if let Ok(timer) = set_interval_with_handle(move || load(true), REFRESH) {
        on_cleanup(move || timer.clear());
    }
    // The code box has focus from the start: the clerk's first key goes into it.
    Effect::new(move |_| {
        if let Some(input) = code_input.get() {
            let _ = input.focus();
        }
    });

    let refocus = move |clear: bool| {
        if let Some(input) = code_input.get_untracked() {
            if clear {
                input.set_value("");
            }
            let _ = input.focus();
            input.select();
        }
    };
    // Records what the edge answered and says so.
    let changed = move |entry: ClinicEntry, action: ClinicAction| {
        let mut place = None;
        state.update(|state| {
            if let Load::Ready(day) = state {
                day::record(day, &entry);
                place = day::room_of(day, &entry.appointment_id).map(day::room_label);
            }
        });
        outcome.set(Some(Outcome::Changed {
            entry,
            action,
            place,
        }));
    };
    let failed = move |code: String, failure: ApiFailure| {
        if failure == ApiFailure::Unauthenticated {
            session.expire();
            return;
        }
        // Someone else changed it first: show the list as it is now.
        if matches!(&failure, ApiFailure::Refused { error, .. } if error.code == "bad_transition") {
            load(true);
        }
        outcome.set(Some(Outcome::Failed { code, failure }));
    };
    let check_in = move |raw: String| {
        if busy.get_untracked() {
            return;
        }
        let code = match qr::booking_code(&raw) {
            Ok(code) => code.to_string(),
            Err(error) => {
                outcome.set(Some(Outcome::NotACode(error)));
                refocus(false);
                return;
            }
        };
        busy.set(true);
        let request = clinic_api::check_in(code.clone());
        spawn_local(async move {
            let result = request.await;
            busy.try_set(false);
            match result {
                Ok(entry) => {
                    changed(entry, ClinicAction::CheckIn);
                    refocus(true);
                }
                Err(failure) => {
                    failed(code, failure);
                    refocus(false);
                }
            }
        });
    };
    let actions = RowActions {
        change: Callback::new(move |(entry, action): (ClinicEntry, ClinicAction)| {
            let request = clinic_api::change_status(&entry.appointment_id, action);
            spawn_local(async move {
                match request.await {
                    Ok(updated) => changed(updated, action),
                    Err(failure) => failed(entry.code, failure),
                }
            });
        }),
        confirming: RwSignal::new(None),
    };

    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let raw = code_input
            .get_untracked()
            .map(|input| input.value())
            .unwrap_or_default();
        check_in(raw);
    };
    let scanner = move || {
        scanning.get().then(|| {
            view! {
                <Scanner
                    on_code=Callback::new(move |code: String| {
                        scanning.set(false);
                        if let Some(input) = code_input.get_untracked() {
                            input.set_value(&code);
                        }
                        check_in(code);
                    })
                    on_close=Callback::new(move |()| {
                        scanning.set(false);
                        refocus(false);
                    })
                />
            }
        })
    };

    let list = move || {
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
            Load::Ready(loaded) => EitherOf3::C(view! {
                <DayList day=loaded.clone() only=only query=query actions=actions />
            }),
        })
    };
    let choices = move || {
        state.with(|state| match state {
            Load::Ready(loaded) => day::room_choices(loaded),
            _ => Vec::new(),
        })
    };
    let as_of = move || {
        state.with(|state| match state {
            Load::Ready(loaded) => Some(format!(
                "{} {}",
                lang.get().t(ClinicMsg::AsOf),
                loaded.as_of.time()
            )),
            _ => None,
        })
    };

    view! {
        <div class="page-head">
            <h1>{tr(ClinicMsg::TodayTitle)}</h1>
            <p class="page-date">{move || weekday_date(lang.get(), today)}</p>
        </div>

        <section class="check-in" aria-labelledby="check-in-title">
            <h2 id="check-in-title">{tr(ClinicMsg::CheckInTitle)}</h2>
            <form class="check-in-form" on:submit=on_submit>
                <label for="booking-code">{tr(ClinicMsg::CodeLabel)}</label>
                <div class="check-in-row">
                    <input
                        id="booking-code"
                        name="code"
                        type="text"
                        node_ref=code_input
                        autocomplete="off"
                        autocapitalize="characters"
                        spellcheck="false"
                        enterkeyhint="go"
                        placeholder="ABCD-2345"
                        aria-describedby="booking-code-hint"
                    />
                    <button type="submit" class="btn btn-primary" disabled=move || busy.get()>
                        {move || {
                            lang.get()
                                .t(if busy.get() { ClinicMsg::CheckingIn } else { ClinicMsg::CheckIn })
                        }}
                    </button>
                    <button
                        type="button"
                        class="btn btn-quiet"
                        aria-expanded=move || if scanning.get() { "true" } else { "false" }
                        on:click=move |_| scanning.update(|open| *open = !*open)
                    >
                        {tr(ClinicMsg::Scan)}
                    </button>
                </div>
                <p id="booking-code-hint" class="hint">{tr(ClinicMsg::CodeHint)}</p>
            </form>
            {scanner}
            <div class="outcome-region" aria-live="polite" aria-atomic="true">
                {move || outcome.get().map(|o| outcome_view(lang.get(), o))}
            </div>
        </section>

        <div class="list-tools">
            <label class="tool">
                <span>{tr(ClinicMsg::Filter)}</span>
                <select on:change=move |ev| only.set(event_target_value(&ev))>
                    <option value="" selected=move || only.get().is_empty()>
                        {tr(ClinicMsg::AllDepartments)}
                    </option>
                    {move || {
                        choices()
                            .into_iter()
                            .map(|(key, label)| {
                                let selected = only.get_untracked() == key;
                                view! {
                                    <option value=key selected=selected>
                                        {label}
                                    </option>
                                }
                            })
                            .collect_view()
                    }}
                </select>
            </label>
            <label class="tool">
                <span>{tr(ClinicMsg::SearchLabel)}</span>
                <input
                    type="search"
                    autocomplete="off"
                    spellcheck="false"
                    on:input=move |ev| query.set(event_target_value(&ev))
                />
            </label>
            <p class="as-of">{as_of}</p>
            <button type="button" class="btn btn-quiet" on:click=move |_| load(true)>
                {tr(ClinicMsg::Refresh)}
            </button>
        </div>
        {list}
    }
}

/// The counts, then one table per doctor's list.
#[component]
fn DayList(
    day: ClinicDay,
    only: RwSignal<String>,
    query: RwSignal<String>,
    actions: RowActions,
) -> impl IntoView {
    let lang = use_lang();
    let counts = day::day_counts(&day);
    if counts.total == 0 {
        return Either::Left(view! { <p class="empty">{tr(ClinicMsg::NoAppointments)}</p> });
    }
    let rooms = move || day::shown_rooms(&day, &only.get(), &query.get());
    Either::Right(view! {
        {move || counts_view(lang.get(), counts)}
        {move || {
            let rooms = rooms();
            if rooms.is_empty() {
                Either::Left(view! { <p class="empty">{tr(ClinicMsg::NothingMatches)}</p> })
            } else {
                Either::Right(
                    rooms
                        .into_iter()
                        .map(|room| view! { <RoomTable room=room actions=actions /> })
                        .collect_view(),
                )
            }
        }}
    })
}

fn counts_view(lang: Lang, counts: Counts) -> impl IntoView {
    let item = move |label: &'static str, n: usize, class: &'static str| {
        view! {
            <li class=class>
                <span class="count">{n}</span>
                " "
                <span>{label}</span>
            </li>
        }
    };
    let status = |s| pick(lang, i18n::appointment_status(s));
    view! {
        <ul class="counts" aria-label=lang.t(ClinicMsg::TodayTitle)>
            {item(lang.t(ClinicMsg::Total), counts.total, "count-total")}
            {item(status(AppointmentStatus::Booked), counts.waiting, "count-booked")}
            {item(status(AppointmentStatus::CheckedIn), counts.checked_in, "count-checked-in")}
            {item(status(AppointmentStatus::NoShow), counts.no_show, "count-no-show")}
            {item(status(AppointmentStatus::Done), counts.done, "count-done")}
        </ul>
    }
}

#[component]
fn RoomTable(room: ClinicRoom, actions: RowActions) -> impl IntoView {
    let lang = use_lang();
    let counts = day::counts(&room.entries);
    let heading_id = format!("room-{}", css_id(&room.schedule_id));
    let labelled_by = heading_id.clone();
    let title = day::room_label(&room);
    let free = room.free;
    let summary = move || {
        let lang = lang.get();
        format!(
            "{} · {} {} · {free} {}",
            i18n::appointments_count(lang, counts.total),
            counts.waiting,
            pick(lang, i18n::appointment_status(AppointmentStatus::Booked)).to_lowercase(),
            lang.t(ClinicMsg::FreeSlots),
        )
    };
    let rows = room
        .entries
        .into_iter()
        .map(|entry| view! { <Row entry=entry actions=actions /> })
        .collect_view();
    view! {
        <section class="group" aria-labelledby=labelled_by>
            <h2 id=heading_id>
                <span lang="vi">{title}</span>
                " "
                <span class="group-summary">{summary}</span>
            </h2>
            <table class="appointments">
                <thead>
                    <tr>
                        <th scope="col">{tr(ClinicMsg::ColTime)}</th>
                        <th scope="col">{tr(ClinicMsg::ColQueue)}</th>
                        <th scope="col">{tr(ClinicMsg::ColPatient)}</th>
                        <th scope="col">{tr(ClinicMsg::ColCode)}</th>
                        <th scope="col">{tr(ClinicMsg::ColStatus)}</th>
                        <th scope="col">{tr(ClinicMsg::ColActions)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

/// An id attribute made of letters, digits and dashes only.
fn css_id(raw: &str) -> String {
    raw.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

#[component]
fn Row(entry: ClinicEntry, actions: RowActions) -> impl IntoView {
    let lang = use_lang();
    let status = entry.status;
    let slug = status_slug(status);
    let time = entry.start.time().to_string();
    let name = entry.patient_name.clone();
    let born = entry.patient_birth_date;
    let by_other = entry.booked_by_other;
    let declaration = entry.declaration.clone();
    let code = entry.code.clone();
    let queue = entry.queue_number;
    let buttons = move || {
        let lang = lang.get();
        let button = |class: &'static str, label: ClinicMsg, action: ClinicAction| {
            let entry = entry.clone();
            let aria = format!("{} {}", lang.t(label), entry.patient_name);
            view! {
                <button
                    type="button"
                    class=class
                    aria-label=aria
                    on:click=move |_| actions.change.run((entry.clone(), action))
                >
                    {lang.t(label)}
                </button>
            }
        };
        match status {
            AppointmentStatus::Booked => {
                let confirming =
                    actions.confirming.get().as_deref() == Some(entry.appointment_id.as_str());
                if confirming {
                    let question = i18n::confirm_no_show(
                        lang,
                        &entry.patient_name,
                        &entry.start.time().to_string(),
                    );
                    let entry = entry.clone();
                    EitherOf4::A(view! {
                        <p class="confirm-question">{question}</p>
                        <button
                            type="button"
                            class="btn btn-danger btn-small"
                            on:click=move |_| {
                                actions.confirming.set(None);
                                actions.change.run((entry.clone(), ClinicAction::NoShow));
                            }
                        >
                            {lang.t(ClinicMsg::ConfirmNoShow)}
                        </button>
                        <button
                            type="button"
                            class="btn btn-quiet btn-small"
                            on:click=move |_| actions.confirming.set(None)
                        >
                            {lang.t(ClinicMsg::Cancel)}
                        </button>
                    })
                } else {
                    let id = entry.appointment_id.clone();
                    let aria = format!("{} {}", lang.t(ClinicMsg::MarkNoShow), entry.patient_name);
                    EitherOf4::B(view! {
                        {button("btn btn-primary btn-small", ClinicMsg::CheckIn, ClinicAction::CheckIn)}
                        <button
                            type="button"
                            class="btn btn-quiet btn-small"
                            aria-label=aria
                            on:click=move |_| actions.confirming.set(Some(id.clone()))
                        >
                            {lang.t(ClinicMsg::MarkNoShow)}
                        </button>
                    })
                }
            }
            AppointmentStatus::CheckedIn => EitherOf4::C(button(
                "btn btn-quiet btn-small",
                ClinicMsg::MarkDone,
                ClinicAction::Done,
            )),
            AppointmentStatus::NoShow => EitherOf4::C(button(
                "btn btn-quiet btn-small",
                ClinicMsg::UndoNoShow,
                ClinicAction::Undo,
            )),
            AppointmentStatus::Done | AppointmentStatus::Cancelled => EitherOf4::D(()),
        }
    };
    view! {
        <tr class=format!("row-{slug}")>
            <td class="time">{time}</td>
            <td class="queue">{queue}</td>
            <td class="patient">
                <span class="patient-name" lang="vi">{name}</span>
                <span class="born">
                    {move || born.map(|d| format!("{} {}", lang.get().t(ClinicMsg::DateOfBirth), d.display_vn()))}
                </span>
                {by_other.then(|| view! { <span class="badge badge-other">{tr(ClinicMsg::BookedByOther)}</span> })}
                {declaration.map(|d| view! { <DeclarationView declaration=d /> })}
            </td>
            <td class="code">{code}</td>
            <td>
                <span class=format!("status status-{slug}")>
                    {move || pick(lang.get(), i18n::appointment_status(status))}
                </span>
            </td>
            <td class="actions">{buttons}</td>
        </tr>
    }
}

/// Whether a declaration calls for infection screening before the waiting room.
fn needs_screening(d: &HealthDeclaration) -> bool {
    d.infectious_contact
        || d.recent_travel
        || d.symptoms.iter().any(|s| {
            matches!(
                s,
                Symptom::Fever | Symptom::Cough | Symptom::ShortnessOfBreath | Symptom::Rash
            )
        })
}

/// The health declaration made at booking, folded: a flag when it calls for screening.
#[component]
fn DeclarationView(declaration: HealthDeclaration) -> impl IntoView {
    let lang = use_lang();
    let d = declaration;
    let screen = needs_screening(&d);
    move || {
        let lang = lang.get();
        let symptoms = if d.symptoms.is_empty() {
            lang.t(ClinicMsg::NoSymptoms).to_owned()
        } else {
            d.symptoms
                .iter()
                .map(|s| pick(lang, i18n::symptom(*s)))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut flags: Vec<&'static str> = Vec::new();
        if d.infectious_contact {
            flags.push(lang.t(ClinicMsg::InfectiousContact));
        }
        if d.recent_travel {
            flags.push(lang.t(ClinicMsg::RecentTravel));
        }
        if let Some(msg) = i18n::pregnancy(d.pregnancy) {
            flags.push(lang.t(msg));
        }
        view! {
            <details class="declaration">
                <summary>
                    {lang.t(ClinicMsg::Declaration)}
                    {screen.then(|| view! { " " <span class="badge badge-warning">{lang.t(ClinicMsg::ScreenForInfection)}</span> })}
                </summary>
                <dl>
                    <dt>{lang.t(ClinicMsg::Reason)}</dt>
                    <dd lang="vi">{d.reason.clone()}</dd>
                    <dt>{lang.t(ClinicMsg::Symptoms)}</dt>
                    <dd>{symptoms}</dd>
                    {(!flags.is_empty()).then(|| view! { <dd class="flags">{flags.join(" · ")}</dd> })}
                    {d.notes.clone().map(|notes| view! {
                        <dt>{lang.t(ClinicMsg::Notes)}</dt>
                        <dd lang="vi">{notes}</dd>
                    })}
                </dl>
            </details>
        }
    }
}

fn status_slug(status: AppointmentStatus) -> &'static str {
    match status {
        AppointmentStatus::Booked => "booked",
        AppointmentStatus::CheckedIn => "checked-in",
        AppointmentStatus::NoShow => "no-show",
        AppointmentStatus::Done => "done",
        AppointmentStatus::Cancelled => "cancelled",
    }
}

/// The confirmation (or refusal) of the last action, in words a clerk can read aloud.
fn outcome_view(lang: Lang, outcome: Outcome) -> impl IntoView {
    match outcome {
        Outcome::Changed {
            entry,
            action,
            place,
        } => EitherOf3::A(changed_view(lang, entry, action, place)),
        Outcome::Failed { code, failure } => {
            let sentence = i18n::failure(lang, &failure);
            EitherOf3::B(view! {
                <div class="outcome outcome-error" role="alert">
                    <p>
                        <span class="code">{code}</span>
                        ": "
                        {sentence}
                    </p>
                </div>
            })
        }
        Outcome::NotACode(error) => EitherOf3::C(view! {
            <div class="outcome outcome-error" role="alert">
                <p>{i18n::code_error(lang, error)}</p>
            </div>
        }),
    }
}

/// "Đã tiếp nhận · ABCD-2345 / Nguyễn Văn A / Ngày sinh … / 08:30 · Khoa Nội · Phòng 101 · …".
fn changed_view(
    lang: Lang,
    e: ClinicEntry,
    action: ClinicAction,
    place: Option<String>,
) -> impl IntoView {
    let (title, class) = match action {
        ClinicAction::CheckIn => (ClinicMsg::CheckedInTitle, "outcome outcome-ok"),
        ClinicAction::NoShow => (ClinicMsg::NoShowDone, "outcome outcome-info"),
        ClinicAction::Done => (ClinicMsg::DoneDone, "outcome outcome-ok"),
        ClinicAction::Undo => (ClinicMsg::UndoDone, "outcome outcome-info"),
    };
    let mut details = vec![e.start.time().to_string()];
    details.extend(place);
    details.push(format!("{} {}", lang.t(ClinicMsg::Queue), e.queue_number));
    let born = e
        .patient_birth_date
        .map(|d| format!("{} {}", lang.t(ClinicMsg::DateOfBirth), d.display_vn()));
    let screen = e.declaration.as_ref().is_some_and(needs_screening);
    view! {
        <div class=class>
            <p class="outcome-title">{lang.t(title)} " · " <span class="code">{e.code}</span></p>
            <p class="outcome-name">
                <span lang="vi">{e.patient_name}</span>
                " "
                <span class="outcome-born">{born}</span>
            </p>
            <p>{details.join(" · ")}</p>
            {e.booked_by_other.then(|| view! { <p>{lang.t(ClinicMsg::BookedByOther)}</p> })}
            {screen.then(|| view! { <p class="badge badge-warning">{lang.t(ClinicMsg::ScreenForInfection)}</p> })}
        </div>
    }
}

/// "Thứ Ba, 24/11/2026" / "Tuesday, 24/11/2026".
fn weekday_date(lang: Lang, date: IsoDate) -> String {
    // 1 January 1970 was a Thursday.
    let weekday = (date.days_since_epoch() + 4).rem_euclid(7) as usize;
    const VI: [&str; 7] = [
        "Chủ nhật",
        "Thứ Hai",
        "Thứ Ba",
        "Thứ Tư",
        "Thứ Năm",
        "Thứ Sáu",
        "Thứ Bảy",
    ];
    const EN: [&str; 7] = [
        "Sunday",
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
    ];
    let name = match lang {
        Lang::Vi => VI[weekday],
        Lang::En => EN[weekday],
    };
    format!("{name}, {}", date.display_vn())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_named() {
        let date = IsoDate::new(2026, 11, 24).expect("date");
        assert_eq!(weekday_date(Lang::Vi, date), "Thứ Ba, 24/11/2026");
        assert_eq!(weekday_date(Lang::En, date), "Tuesday, 24/11/2026");
        let sunday = IsoDate::new(2026, 11, 22).expect("date");
        assert_eq!(weekday_date(Lang::Vi, sunday), "Chủ nhật, 22/11/2026");
    }

    #[test]
    fn declarations_that_call_for_screening() {
        let calm = HealthDeclaration {
            reason: "Khám định kỳ".into(),
            symptoms: vec![Symptom::Headache],
            ..HealthDeclaration::default()
        };
        assert!(!needs_screening(&calm));
        let fever = HealthDeclaration {
            symptoms: vec![Symptom::Fever],
            ..calm.clone()
        };
        assert!(needs_screening(&fever));
        let contact = HealthDeclaration {
            infectious_contact: true,
            ..calm
        };
        assert!(needs_screening(&contact));
    }
}
