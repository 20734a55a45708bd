//! Step 2 (`/dat-lich/chon-gio?facility=<code>[&department=&date=&patient=&reschedule=]`):
//! department, day and time at one facility. Tapping a time holds it for five minutes and
//! moves on to step 3.
//!
//! Every list says how fresh it is ("as of hh:mm": the edge serves them from its cache), and a
//! refusal (someone else was faster, the day filled up) is said in a sentence above a list that
//! has already been refreshed, so the next tap is on a time that is really free.

use super::{Held, Who, as_of_view, loading, problem, use_flow, when};
use crate::api::{self, ApiFailure, FacilitySearch, Load};
use crate::app::use_session;
use crate::browser;
use crate::components::steps;
use crate::format;
use crate::i18n::booking::{self as text, BookingText as T};
use crate::i18n::{Lang, use_lang};
use crate::route::{BookingQuery, Link, Route, use_router};
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::date::IsoDate;
use shared::dto::Me;
use shared::dto::booking::{
    Appointment, Availability, DayStatus, Department, FacilityCalendar, FacilityList, HoldRequest,
    SlotStatus, SlotView, codes,
};
use std::sync::Arc;

#[component]
pub fn SlotsPage(me: Arc<Me>, query: BookingQuery) -> impl IntoView {
    let Some(code) = query.facility.clone() else {
        // No facility in the address: step 1 chooses one.
        return Either::Left(view! {
            <p class="alert alert-info">
                <Link to=Route::BookingStart(BookingQuery::default())>
                    {crate::i18n::tr(T::WhereTitle)}
                </Link>
            </p>
        });
    };
    let lang = use_lang();
    let flow = use_flow();
    let router = use_router();
    let session = use_session();
    let code = Arc::new(code);

    // Whose visit: a dependant named in the address, else whoever step 1 chose (a dependant is
    // always in the address, so a dependant not there means oneself).
    match query
        .patient
        .as_deref()
        .and_then(|id| Who::dependant(&me, id))
    {
        Some(who) => flow.who.set(who),
        None if matches!(flow.who.get_untracked(), Who::Dependant { .. }) => flow.who.set(Who::Me),
        None => {}
    }

    // The facility's name, address and departments: from step 1, else from the directory.
    let chosen = flow.facility.get_untracked().filter(|f| f.code == *code);
    let directory = RwSignal::new(Load::<FacilityList>::Loading);
    if chosen.is_none() {
        Effect::new(move |_| super::load(directory, api::facilities(&FacilitySearch::default())));
    }
    let facility = {
        let code = code.clone();
        Memo::new(move |_| {
            chosen.clone().or_else(|| {
                directory.with(|d| match d {
                    Load::Ready(list) => list.facilities.iter().find(|f| f.code == *code).cloned(),
                    _ => None,
                })
            })
        })
    };

    // The appointment being moved, when rescheduling.
    let moving = RwSignal::new(None::<Load<Appointment>>);
    if let Some(id) = query.reschedule.clone() {
        match flow.moving.get_untracked().filter(|a| a.id == id) {
            Some(appointment) => moving.set(Some(Load::Ready(appointment))),
            None => {
                let state = RwSignal::new(Load::Loading);
                Effect::new(move |_| {
                    super::load(state, api::appointment(&id));
                });
                Effect::new(move |_| moving.set(Some(state.get())));
            }
        }
    }

    // The department: an id, or a name from a link ("Khoa Tim mạch"), matched once known.
    let wanted_department = query.department.clone();
    let department = RwSignal::new(None::<String>);
    Effect::new(move |_| {
        if let (Some(wanted), Some(f)) = (&wanted_department, facility.get()) {
            let wanted = wanted.to_lowercase();
            if let Some(d) = f
                .departments
                .iter()
                .find(|d| d.id.to_lowercase() == wanted || d.name.to_lowercase() == wanted)
            {
                department.set(Some(d.id.clone()));
            }
        }
    });

    let today = browser::today();
    let calendar = RwSignal::new(Load::<FacilityCalendar>::Loading);
    let refresh_days = RwSignal::new(0_u32);
    {
        let code = code.clone();
        Effect::new(move |_| {
            refresh_days.track();
            let department = department.get();
            super::load(calendar, api::calendar(&code, today, department.as_deref()));
        });
    }

    // The day: from the address if it is open, else the first open day.
    let date = RwSignal::new(query.date.as_deref().and_then(IsoDate::parse));
    Effect::new(move |_| {
        calendar.with(|c| {
            if let Load::Ready(cal) = c {
                let open = |d: IsoDate| {
                    cal.days
                        .iter()
                        .any(|day| day.date == d && day.status == DayStatus::Open)
                };
                if !date.get_untracked().is_some_and(open) {
                    let first = cal.days.iter().find(|d| d.status == DayStatus::Open);
                    date.set(first.map(|d| d.date).or(date.get_untracked()));
                }
            }
        })
    });

    let availability = RwSignal::new(Load::<Availability>::Loading);
    let refresh_slots = RwSignal::new(0_u32);
    {
        let code = code.clone();
        Effect::new(move |_| {
            refresh_slots.track();
            let department = department.get();
            let Some(date) = date.get() else { return };
            super::load(
                availability,
                api::availability(&code, date, department.as_deref()),
            );
        });
    }

    // The address follows the choices, so a reload or a shared link shows the same day.
    let current = {
        let query = query.clone();
        move || BookingQuery {
            department: department.get(),
            date: date.get().map(|d| d.to_string()),
            ..query.clone()
        }
    };
    {
        let current = current.clone();
        Effect::new(move |_| browser::replace_url(&Route::BookingSlots(current()).path()));
    }

    let holding = RwSignal::new(None::<String>);
    let refusal_box = NodeRef::<leptos::html::Div>::new();
    let replaces = query.reschedule.clone();
    let hold = Callback::new(move |slot: SlotView| {
        if holding.get_untracked().is_some() {
            return;
        }
        holding.set(Some(slot.id.clone()));
        flow.refusal.set(None);
        let request = HoldRequest {
            slot_id: slot.id,
            patient: flow.who.get_untracked().choice(),
            replaces: replaces.clone(),
        };
        let from = current.clone()();
        let replaced = moving.get_untracked().and_then(|m| match m {
            Load::Ready(a) => Some(a),
            _ => None,
        });
        spawn_local(async move {
            match api::hold(&request).await {
                Ok(hold) => {
                    let deadline_ms = js_sys::Date::now() + f64::from(hold.seconds_left) * 1000.0;
                    flow.held.set(Some(Held {
                        hold,
                        deadline_ms,
                        from,
                        replaces: replaced,
                    }));
                    flow.attempt.set(None);
                    router.navigate(Route::BookingConfirm);
                }
                Err(ApiFailure::Unauthenticated) => session.expire(),
                Err(failure) => {
                    // Refresh what the refusal says is out of date, then say why.
                    match text::refusal_code(&failure) {
                        Some(codes::SLOT_TAKEN | codes::SLOT_NOT_FOUND) => {
                            refresh_slots.update(|n| *n += 1)
                        }
                        Some(codes::DAY_FULL | codes::FACILITY_CLOSED | codes::BAD_DATE) => {
                            refresh_days.update(|n| *n += 1);
                            refresh_slots.update(|n| *n += 1);
                        }
                        _ => {}
                    }
                    flow.refusal.set(Some(failure));
                    holding.try_set(None);
                    if let Some(el) = refusal_box.get_untracked() {
                        el.scroll_into_view();
                    }
                }
            }
        });
    });

    let start_again = {
        let code = code.clone();
        move || {
            Route::BookingStart(BookingQuery {
                facility: Some((*code).clone()),
                ..BookingQuery::default()
            })
        }
    };
    let rescheduling = query.reschedule.is_some();
    Either::Right(move || {
        let lang = lang.get();
        let who = flow.who.with(|w| w.label(&me, lang));
        let change = (!rescheduling).then(|| {
            view! {
                <Link to=start_again() class="btn btn-quiet btn-small">
                    {lang.t(T::Change)}
                </Link>
            }
        });
        let header = {
            let code = code.clone();
            move || {
                let (name, address) = match facility.get() {
                    Some(f) => (
                        f.name.clone(),
                        format!(
                            "{}, {}, {}",
                            f.address.line, f.address.ward, f.address.province
                        ),
                    ),
                    None => ((*code).clone(), String::new()),
                };
                view! {
                    <p class="facility-name" lang="vi">{name}</p>
                    <p class="facility-meta" lang="vi">{address}</p>
                }
            }
        };
        let moving_view = move || {
            moving.get().map(|m| match m {
                Load::Ready(a) => EitherOf3::A(view! {
                    <div class="alert alert-info">
                        <p>{lang.t(T::MovingFrom)}</p>
                        <p class="strong">{when(lang, a.start, a.end)}</p>
                        <p lang="vi">{format!("{} · {}", a.department, a.practitioner)}</p>
                    </div>
                }),
                Load::Loading => EitherOf3::B(loading(lang, T::LoadingTicket)),
                Load::Failed(f) => EitherOf3::C(problem(lang, &f, RwSignal::new(0))),
            })
        };
        let departments = move || {
            // The facility's own list; failing that, the departments of the day's slots.
            let mut list: Vec<Department> =
                facility.get().map(|f| f.departments).unwrap_or_default();
            if list.is_empty() {
                availability.with(|a| {
                    if let Load::Ready(a) = a {
                        for s in &a.slots {
                            if !list.iter().any(|d| d.id == s.department_id) {
                                list.push(Department {
                                    id: s.department_id.clone(),
                                    name: s.department.clone(),
                                });
                            }
                        }
                    }
                })
            }
            let chosen = department.get();
            list.into_iter()
                .map(|d| {
                    let selected = chosen.as_deref() == Some(d.id.as_str());
                    view! { <option value=d.id selected=selected>{d.name}</option> }
                })
                .collect_view()
        };
        let days = move || {
            calendar.with(|c| match c {
                Load::Loading => EitherOf3::A(loading(lang, T::LoadingDays)),
                Load::Failed(f) => EitherOf3::B(problem(lang, f, refresh_days)),
                Load::Ready(cal) => EitherOf3::C(day_chips(cal, date, lang)),
            })
        };
        let slots = move || {
            availability.with(|a| match a {
                Load::Loading => EitherOf3::A(loading(lang, T::LoadingSlots)),
                Load::Failed(f) => EitherOf3::B(problem(lang, f, refresh_slots)),
                Load::Ready(day) => EitherOf3::C(slot_list(
                    day,
                    department.get().is_none(),
                    holding,
                    hold,
                    refresh_slots,
                    lang,
                )),
            })
        };
        let refusal = move || {
            flow.refusal.get().map(|failure| {
                let next = match text::refusal_code(&failure) {
                    Some(codes::ALREADY_BOOKED) => Some(view! {
                        <Link to=Route::Appointments { patient: flow.who.get_untracked().patient_id() } class="btn btn-quiet">
                            {lang.t(T::NavAppointments)}
                        </Link>
                    }),
                    _ => None,
                };
                view! {
                    <div class="problem" role="alert">
                        <p>{text::failure(lang, &failure)}</p>
                        {next}
                    </div>
                }
            })
        };
        view! {
            <h1>{lang.t(T::BookingTitle)}</h1>
            {steps(2, lang)}
            <div class="card summary">
                {header}
                <p class="who-line">
                    <span class="muted">{lang.t(T::BookingFor)} ": "</span>
                    <strong lang="vi">{who}</strong>
                    " "
                    {change}
                </p>
            </div>
            {moving_view}
            <label for="department" class="label">{lang.t(T::Department)}</label>
            <select
                id="department"
                class="input"
                on:change=move |ev| {
                    let value = event_target_value(&ev);
                    department.set(Some(value).filter(|v| !v.is_empty()));
                }
            >
                <option value="">{lang.t(T::AllDepartments)}</option>
                {departments}
            </select>
            <section aria-labelledby="days-title">
                <h2 id="days-title">{lang.t(T::ChooseDay)}</h2>
                {days}
            </section>
            <section aria-labelledby="slots-title">
                <h2 id="slots-title">{lang.t(T::ChooseTime)}</h2>
                <div node_ref=refusal_box>{refusal}</div>
                {slots}
            </section>
        }
    })
}

/// The next two weeks as buttons: open days with their free count, full and closed days
/// shown but not pressable, the chosen one pressed.
fn day_chips(
    cal: &FacilityCalendar,
    date: RwSignal<Option<IsoDate>>,
    lang: Lang,
) -> impl IntoView + use<> {
    let none_open = !cal.days.iter().any(|d| d.status == DayStatus::Open);
    let chips = cal
        .days
        .iter()
        .map(|day| {
            let d = day.date;
            let note = match day.status {
                DayStatus::Open => text::free_count(lang, day.free),
                DayStatus::Full => lang.t(T::Full).to_owned(),
                DayStatus::Closed => lang.t(T::Closed).to_owned(),
            };
            let class = match day.status {
                DayStatus::Open => "day",
                DayStatus::Full => "day day-full",
                DayStatus::Closed => "day day-closed",
            };
            view! {
                <li>
                    <button
                        type="button"
                        class=class
                        disabled=day.status != DayStatus::Open
                        aria-pressed=move || if date.get() == Some(d) { "true" } else { "false" }
                        on:click=move |_| date.set(Some(d))
                    >
                        <span class="day-name">{format::day_label(d, lang)}</span>
                        <span class="day-note">{note}</span>
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        {as_of_view(lang, cal.as_of)}
        <ul class="days">{chips}</ul>
        {none_open.then(|| view! { <p class="empty">{lang.t(T::NoFreeSlotsDay)}</p> })}
    }
}

/// The free times of the chosen day, each a button that says time, doctor, room (and the
/// department when all are shown).
fn slot_list(
    day: &Availability,
    all_departments: bool,
    holding: RwSignal<Option<String>>,
    hold: Callback<SlotView>,
    refresh: RwSignal<u32>,
    lang: Lang,
) -> impl IntoView + use<> {
    let free: Vec<SlotView> = day
        .slots
        .iter()
        .filter(|s| s.status == SlotStatus::Free)
        .cloned()
        .collect();
    let empty = free
        .is_empty()
        .then(|| view! { <p class="empty">{lang.t(T::NoFreeSlots)}</p> });
    let items = free
        .into_iter()
        .map(|slot| {
            let id = slot.id.clone();
            let busy = Signal::derive(move || holding.with(|h| h.as_deref() == Some(id.as_str())));
            let time = format!("{} – {}", slot.start.time(), slot.end.time());
            let department = all_departments.then(|| slot.department.clone());
            let doctor = slot.practitioner.clone();
            let room = slot.room.clone();
            view! {
                <li>
                    <button
                        type="button"
                        class="slot"
                        disabled=move || holding.with(Option::is_some)
                        aria-busy=move || busy.get().then_some("true")
                        on:click=move |_| hold.run(slot.clone())
                    >
                        <span class="slot-time">{time}</span>
                        <span class="slot-who" lang="vi">{doctor}</span>
                        <span class="slot-where" lang="vi">{room}</span>
                        {department.map(|d| view! { <span class="slot-where" lang="vi">{d}</span> })}
                        {move || busy.get().then(|| view! {
                            <span class="slot-busy"><span class="spinner" aria-hidden="true"></span>{lang.t(T::Holding)}</span>
                        })}
                    </button>
                </li>
            }
        })
        .collect_view();
    view! {
        <div class="list-head">
            {as_of_view(lang, day.as_of)}
            <button type="button" class="btn btn-quiet btn-small" on:click=move |_| refresh.update(|n| *n += 1)>
                {lang.t(T::Refresh)}
            </button>
        </div>
        {empty}
        <ul class="slots">{items}</ul>
    }
}
