//! "My appointments" (`/lich-hen[?patient=<id>]`): upcoming ones first with their ticket,
//! reschedule and cancel; past ones below. A guardian switches between their own list and each
//! dependant's, the same way the health book switches books.

use super::{Changes, load, loading, problem, when};
use crate::api::{self, Load};
use crate::i18n::booking::{self as text, BookingText as T};
use crate::i18n::{Lang, use_lang};
use crate::route::{BookingQuery, Link, Route};
use leptos::either::EitherOf3;
use leptos::prelude::*;
use shared::dto::Me;
use shared::dto::booking::{Appointment, AppointmentList, AppointmentStatus};
use std::sync::Arc;

#[component]
pub fn AppointmentsPage(me: Arc<Me>, patient: Option<String>) -> impl IntoView {
    let lang = use_lang();
    // Only the signed-in person's own list or a dependant's; the edge enforces it too.
    let patient = patient.filter(|p| me.dependants.iter().any(|d| d.patient == *p));
    let state = RwSignal::new(Load::<AppointmentList>::Loading);
    let retry = RwSignal::new(0_u32);
    {
        let patient = patient.clone();
        Effect::new(move |_| {
            retry.track();
            load(state, api::appointments(patient.as_deref()));
        });
    }
    let notice = RwSignal::new(None::<T>);
    let cancelled = Callback::new(move |_: Appointment| {
        notice.set(Some(T::CancelledNotice));
        retry.update(|n| *n += 1);
    });

    // Whose list: one's own and each dependant's, as links (each list has its own address).
    let switcher = (!me.dependants.is_empty()).then(|| {
        let chip = |route: Route, name: String, current: bool| {
            let class = if current { "chip chip-current" } else { "chip" };
            view! {
                <li>
                    <Link to=route class=class current=current>
                        <span lang="vi">{name}</span>
                    </Link>
                </li>
            }
        };
        let own = me.patient.as_ref().map(|_| {
            chip(
                Route::Appointments { patient: None },
                me.name.clone(),
                patient.is_none(),
            )
        });
        let others = me
            .dependants
            .iter()
            .map(|d| {
                chip(
                    Route::Appointments {
                        patient: Some(d.patient.clone()),
                    },
                    d.name.clone(),
                    patient.as_deref() == Some(d.patient.as_str()),
                )
            })
            .collect_view();
        view! {
            <nav class="book-switcher" aria-labelledby="appts-of">
                <p id="appts-of">{crate::i18n::tr(T::AppointmentsOf)}</p>
                <ul>{own}{others}</ul>
            </nav>
        }
    });
    let new_booking = Route::BookingStart(BookingQuery {
        patient: patient.clone(),
        ..BookingQuery::default()
    });
    view! {
        {switcher}
        {move || {
            let lang = lang.get();
            let patient = patient.clone();
            let new_booking = new_booking.clone();
            let notice = notice
                .get()
                .map(|n| view! { <p class="alert alert-success" role="status">{lang.t(n)}</p> });
            let body = state.with(|s| match s {
                Load::Loading => EitherOf3::A(loading(lang, T::LoadingAppointments)),
                Load::Failed(f) => EitherOf3::B(problem(lang, f, retry)),
                Load::Ready(list) => EitherOf3::C(lists(list, patient, lang, cancelled)),
            });
            view! {
                <div class="title-row">
                    <h1>{lang.t(T::AppointmentsTitle)}</h1>
                    <Link to=new_booking class="btn btn-primary btn-small">
                        {lang.t(T::NewBooking)}
                    </Link>
                </div>
                {notice}
                {body}
            }
        }}
    }
}

fn lists(
    list: &AppointmentList,
    patient: Option<String>,
    lang: Lang,
    cancelled: Callback<Appointment>,
) -> impl IntoView + use<> {
    let card = |a: &Appointment, upcoming: bool| {
        let changes = (upcoming && a.can_change).then(|| {
            view! { <Changes appointment=a.clone() patient=patient.clone() cancelled=cancelled /> }
        });
        let status_class = match a.status {
            AppointmentStatus::Booked | AppointmentStatus::CheckedIn => "badge badge-ok",
            AppointmentStatus::Cancelled | AppointmentStatus::NoShow => "badge badge-off",
            AppointmentStatus::Done => "badge badge-self",
        };
        let place = format!("{} — {}", a.facility.name, a.department);
        let meta = format!("{} · {}", a.practitioner, a.room);
        view! {
            <li class="appt">
                <p class="appt-time">{when(lang, a.start, a.end)}</p>
                <p class="appt-place" lang="vi">{place}</p>
                <p class="appt-meta" lang="vi">{meta}</p>
                <p class="appt-code">
                    {lang.t(T::BookingCode)} ": "
                    <strong class="number">{a.code.clone()}</strong> " "
                    <span class=status_class>{text::status(lang, a.status)}</span>
                </p>
                <Link to=Route::Ticket { id: a.id.clone() } class="btn btn-quiet btn-small">
                    {lang.t(T::ViewTicket)}
                </Link>
                {changes}
            </li>
        }
    };
    let upcoming = list.upcoming.iter().map(|a| card(a, true)).collect_view();
    let past = list.past.iter().map(|a| card(a, false)).collect_view();
    let none_upcoming = list
        .upcoming
        .is_empty()
        .then(|| view! { <p class="empty">{lang.t(T::NoUpcoming)}</p> });
    let none_past = list
        .past
        .is_empty()
        .then(|| view! { <p class="empty">{lang.t(T::NoPast)}</p> });
    view! {
        <section aria-labelledby="upcoming-title">
            <h2 id="upcoming-title">{format!("{} ({})", lang.t(T::Upcoming), list.upcoming.len())}</h2>
            {none_upcoming}
            <ul class="appts">{upcoming}</ul>
        </section>
        <section aria-labelledby="past-title">
            <h2 id="past-title">{format!("{} ({})", lang.t(T::Past), list.past.len())}</h2>
            {none_past}
            <ul class="appts appts-past">{past}</ul>
        </section>
    }
}
