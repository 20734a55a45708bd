//! Today's appointments at the staff member's facility, per department and room, with the
//! check-in box on top: type (or hand-scan) a booking code and press Enter, or scan the
//! ticket's QR with the camera. Every change is confirmed in words in one live region; the
//! list refreshes itself every minute, as other counters check people in too.

use super::api::{self as clinic_api, AppointmentStatus, ClinicAppointment, ClinicDay};
use super::app::use_session;
use super::day::{self, Counts, Group};
use super::i18n::{self, ClinicMsg, pick};
use super::qr;
use super::scanner::Scanner;
use crate::api::{ApiFailure, Load};
use crate::browser;
use crate::components::Problem;
use crate::i18n::{Lang, tr, use_lang};
use leptos::either::{Either, EitherOf3};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::date::IsoDate;
use std::time::Duration;

/// How often the list reloads by itself.
const REFRESH: Duration = Duration::from_secs(60);

/// What the last action did, shown in the live region under the check-in box.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    CheckedIn(ClinicAppointment),
    NoShow(ClinicAppointment),
    /// The action failed; `code` is the booking code it was for, when there was one.
    Failed {
        code: Option<String>,
        failure: ApiFailure,
    },
    /// What was typed cannot be a booking code; nothing was sent.
    NotACode,
}

#[component]
pub fn TodayPage() -> impl IntoView {
    let lang = use_lang();
    let session = use_session();
    let today = browser::today();
    let state = RwSignal::new(Load::<ClinicDay>::Loading);
    let attempt = RwSignal::new(0_u32);
    let as_of = RwSignal::new(None::<String>);
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
        let request = clinic_api::day(&today.to_string());
        spawn_local(async move {
            match request.await {
                Ok(loaded) => {
                    state.try_set(Load::Ready(loaded));
                    as_of.try_set(Some(day::clock_vn_from_unix_ms(js_sys::Date::now() as i64)));
                }
                Err(ApiFailure::Unauthenticated) => session.expire(),
                Err(failure) if !quiet => {
                    state.try_set(Load::Failed(failure));
                }
                // A failed background refresh leaves the list as it was; its "as of" time
                // says how old it is.
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

    let record = move |changed: &ClinicAppointment| {
        state.update(|state| {
            if let Load::Ready(day) = state {
                match day.appointments.iter_mut().find(|a| a.id == changed.id) {
                    Some(slot) => *slot = changed.clone(),
                    None => day.appointments.push(changed.clone()),
                }
            }
        });
    };
    let refocus = move |clear: bool| {
        if let Some(input) = code_input.get_untracked() {
            if clear {
                input.set_value("");
            }
            let _ = input.focus();
            input.select();
        }
    };
    let check_in = move |raw: String| {
        if busy.get_untracked() {
            return;
        }
        let Some(code) = qr::booking_code(&raw) else {
            outcome.set(Some(Outcome::NotACode));
            refocus(false);
            return;
        };
        busy.set(true);
        let request = clinic_api::check_in(&code);
        spawn_local(async move {
            let result = request.await;
            busy.try_set(false);
            match result {
                Ok(appointment) => {
                    record(&appointment);
                    outcome.try_set(Some(Outcome::CheckedIn(appointment)));
                    refocus(true);
                }
                Err(ApiFailure::Unauthenticated) => session.expire(),
                Err(failure) => {
                    outcome.try_set(Some(Outcome::Failed {
                        code: Some(code),
                        failure,
                    }));
                    refocus(false);
                }
            }
        });
    };
    let no_show = move |appointment: ClinicAppointment| {
        let request = clinic_api::no_show(&appointment.id);
        spawn_local(async move {
            match request.await {
                Ok(changed) => {
                    record(&changed);
                    outcome.try_set(Some(Outcome::NoShow(changed)));
                }
                Err(ApiFailure::Unauthenticated) => session.expire(),
                Err(failure) => {
                    outcome.try_set(Some(Outcome::Failed {
                        code: Some(appointment.code),
                        failure,
                    }));
                }
            }
        });
    };
    let actions = RowActions {
        check_in: Callback::new(move |code: String| check_in(code)),
        no_show: Callback::new(no_show),
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
            Load::Ready(loaded) => day::group_choices(&loaded.appointments),
            _ => Vec::new(),
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
            <p class="as-of">
                {move || {
                    as_of
                        .get()
                        .map(|time| format!("{} {time}", lang.get().t(ClinicMsg::AsOf)))
                }}
            </p>
            <button type="button" class="btn btn-quiet" on:click=move |_| load(true)>
                {tr(ClinicMsg::Refresh)}
            </button>
        </div>
        {list}
    }
}

/// What a row's buttons do, shared by every row.
#[derive(Clone, Copy)]
struct RowActions {
    check_in: Callback<String>,
    no_show: Callback<ClinicAppointment>,
    /// The appointment whose no-show is waiting for confirmation.
    confirming: RwSignal<Option<String>>,
}

/// The counts, then one table per department/room.
#[component]
fn DayList(
    day: ClinicDay,
    only: RwSignal<String>,
    query: RwSignal<String>,
    actions: RowActions,
) -> impl IntoView {
    let lang = use_lang();
    let counts = day::counts(&day.appointments);
    let appointments = day.appointments;
    if counts.total == 0 {
        return Either::Left(view! { <p class="empty">{tr(ClinicMsg::NoAppointments)}</p> });
    }
    let groups = move || day::groups(&appointments, &only.get(), &query.get());
    Either::Right(view! {
        {move || counts_view(lang.get(), counts)}
        {move || {
            let groups = groups();
            if groups.is_empty() {
                Either::Left(view! { <p class="empty">{tr(ClinicMsg::NothingMatches)}</p> })
            } else {
                Either::Right(
                    groups
                        .into_iter()
                        .map(|group| view! { <GroupTable group=group actions=actions /> })
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
fn GroupTable(group: Group, actions: RowActions) -> impl IntoView {
    let lang = use_lang();
    let counts = day::counts(&group.appointments);
    let heading_id = format!("group-{}", group.key.replace(['/', ' '], "-"));
    let labelled_by = heading_id.clone();
    let title = match &group.room {
        Some(room) => format!("{} · {room}", group.department),
        None => group.department.clone(),
    };
    let summary = move || {
        let lang = lang.get();
        format!(
            "{} · {} {}",
            i18n::appointments_count(lang, counts.total),
            counts.waiting,
            pick(lang, i18n::appointment_status(AppointmentStatus::Booked)).to_lowercase()
        )
    };
    let rows = group
        .appointments
        .into_iter()
        .map(|a| view! { <Row appointment=a actions=actions /> })
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
                        <th scope="col">{tr(ClinicMsg::ColDoctor)}</th>
                        <th scope="col">{tr(ClinicMsg::ColStatus)}</th>
                        <th scope="col">{tr(ClinicMsg::ColActions)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

#[component]
fn Row(appointment: ClinicAppointment, actions: RowActions) -> impl IntoView {
    let lang = use_lang();
    let a = appointment;
    let time = day::clock_vn(&a.start);
    let status = a.status;
    let status_class = format!("status status-{}", status_slug(status));
    let born = a.patient_birth_year;
    let name = a.patient_name.clone();
    let waiting = status == AppointmentStatus::Booked;
    let id = a.id.clone();
    let code = a.code.clone();
    let practitioner = a.practitioner.clone();
    let queue = a.queue_number;
    let row_actions = move || {
        if !waiting {
            return None;
        }
        let confirming = actions.confirming.get().as_deref() == Some(id.as_str());
        let lang = lang.get();
        let name = a.patient_name.clone();
        Some(if confirming {
            let question = i18n::confirm_no_show(lang, &name, &day::clock_vn(&a.start));
            let appointment = a.clone();
            Either::Left(view! {
                <p class="confirm-question">{question}</p>
                <button
                    type="button"
                    class="btn btn-danger"
                    on:click=move |_| {
                        actions.confirming.set(None);
                        actions.no_show.run(appointment.clone());
                    }
                >
                    {lang.t(ClinicMsg::ConfirmNoShow)}
                </button>
                <button
                    type="button"
                    class="btn btn-quiet"
                    on:click=move |_| actions.confirming.set(None)
                >
                    {lang.t(ClinicMsg::Cancel)}
                </button>
            })
        } else {
            let code = a.code.clone();
            let id = a.id.clone();
            Either::Right(view! {
                <button
                    type="button"
                    class="btn btn-primary btn-small"
                    aria-label=format!("{} {name}", lang.t(ClinicMsg::CheckIn))
                    on:click=move |_| actions.check_in.run(code.clone())
                >
                    {lang.t(ClinicMsg::CheckIn)}
                </button>
                <button
                    type="button"
                    class="btn btn-quiet btn-small"
                    aria-label=format!("{} {name}", lang.t(ClinicMsg::MarkNoShow))
                    on:click=move |_| actions.confirming.set(Some(id.clone()))
                >
                    {lang.t(ClinicMsg::MarkNoShow)}
                </button>
            })
        })
    };
    view! {
        <tr class=format!("row-{}", status_slug(status))>
            <td class="time">{time}</td>
            <td class="queue">{queue.map(|n| n.to_string())}</td>
            <td class="patient">
                <span class="patient-name" lang="vi">{name}</span>
                {born
                    .map(|year| {
                        view! {
                            <span class="born">
                                {move || format!("{} {year}", lang.get().t(ClinicMsg::BornIn))}
                            </span>
                        }
                    })}
            </td>
            <td class="code">{code}</td>
            <td lang="vi">{practitioner}</td>
            <td>
                <span class=status_class>
                    {move || pick(lang.get(), i18n::appointment_status(status))}
                </span>
            </td>
            <td class="actions">{row_actions}</td>
        </tr>
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
        Outcome::CheckedIn(a) => EitherOf3::A(changed_view(lang, a, ClinicMsg::CheckedInTitle)),
        Outcome::NoShow(a) => EitherOf3::A(changed_view(lang, a, ClinicMsg::NoShowDone)),
        Outcome::Failed { code, failure } => {
            let sentence = i18n::failure(lang, &failure);
            EitherOf3::B(view! {
                <div class="outcome outcome-error" role="alert">
                    <p>
                        {code.map(|c| view! { <span class="code">{c}</span> ": " })}
                        {sentence}
                    </p>
                </div>
            })
        }
        Outcome::NotACode => EitherOf3::C(view! {
            <div class="outcome outcome-error" role="alert">
                <p>{lang.t(ClinicMsg::ErrBadCode)}</p>
            </div>
        }),
    }
}

/// "Đã tiếp nhận · K7Q2M9 / Nguyễn Văn A (Sinh năm 1958) / 08:30 · Khoa Nội · Phòng 101 · …".
fn changed_view(lang: Lang, a: ClinicAppointment, title: ClinicMsg) -> impl IntoView {
    let class = if a.status == AppointmentStatus::CheckedIn {
        "outcome outcome-ok"
    } else {
        "outcome outcome-info"
    };
    let mut details = vec![day::clock_vn(&a.start), a.department.name.clone()];
    if let Some(room) = &a.room {
        details.push(room.name.clone());
    }
    if let Some(doctor) = &a.practitioner {
        details.push(doctor.clone());
    }
    if let Some(n) = a.queue_number {
        details.push(format!("{} {n}", lang.t(ClinicMsg::Queue)));
    }
    let born = a
        .patient_birth_year
        .map(|y| format!(" ({} {y})", lang.t(ClinicMsg::BornIn)));
    view! {
        <div class=class>
            <p class="outcome-title">
                {lang.t(title)} " · " <span class="code">{a.code}</span>
            </p>
            <p class="outcome-name">
                <span lang="vi">{a.patient_name}</span>
                {born}
            </p>
            <p>{details.join(" · ")}</p>
        </div>
    }
}

/// "Thứ Ba, 24/11/2026" / "Tuesday, 24/11/2026".
fn weekday_date(lang: Lang, date: IsoDate) -> String {
    // 1 January 1970 was a Thursday.
    let weekday = (date.days_since_epoch() + 4).rem_euclid(7) as usize;
    const VI: [&str; 7] = [
        "Chủ nhật", "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy",
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
}
