//! One appointment's ticket (`/lich-hen/<id>`): the booking code and its QR code for the
//! reception desk, the queue number, when to arrive, and where — the page people show at the
//! clinic, so the code and the QR come first and large.

use super::{Changes, dependant_of, load, loading, problem, use_flow, visit_fields, when};
use crate::api::{self, Load};
use crate::format;
use crate::i18n::booking::{self as text, BookingText as T};
use crate::i18n::{Lang, use_lang};
use crate::route::{Link, Route};
use leptos::either::EitherOf3;
use leptos::prelude::*;
use shared::dto::Me;
use shared::dto::booking::{Appointment, AppointmentStatus, BookedFor};
use std::sync::Arc;

#[component]
pub fn TicketPage(me: Arc<Me>, id: String) -> impl IntoView {
    let lang = use_lang();
    let flow = use_flow();
    let state = RwSignal::new(Load::<Appointment>::Loading);
    let retry = RwSignal::new(0_u32);
    // Just booked or moved: shown from the answer itself (no second request on 3G), with the
    // sentence that says it worked.
    let banner = RwSignal::new(None::<T>);
    match flow.done.get_untracked().filter(|(a, _)| a.id == id) {
        Some((appointment, moved)) => {
            banner.set(Some(if moved { T::Moved } else { T::Booked }));
            state.set(Load::Ready(appointment));
        }
        None => {
            Effect::new(move |_| {
                retry.track();
                load(state, api::appointment(&id));
            });
        }
    }
    let cancelled = Callback::new(move |a: Appointment| {
        banner.set(Some(T::CancelledNotice));
        state.set(Load::Ready(a));
    });
    move || {
        let lang = lang.get();
        let me = me.clone();
        state.with(|s| match s {
            Load::Loading => EitherOf3::A(loading(lang, T::LoadingTicket)),
            Load::Failed(f) => EitherOf3::B(problem(lang, f, retry)),
            Load::Ready(a) => EitherOf3::C(ticket(a, &me, banner.get(), lang, cancelled)),
        })
    }
}

fn ticket(
    a: &Appointment,
    me: &Me,
    banner: Option<T>,
    lang: Lang,
    cancelled: Callback<Appointment>,
) -> impl IntoView + use<> {
    let banner =
        banner.map(|b| view! { <p class="alert alert-success" role="status">{lang.t(b)}</p> });
    let qr = a.qr_svg.as_deref().map(|svg| {
        view! {
            <img
                class="qr"
                src=format::svg_data_url(svg)
                alt=text::qr_alt(lang, &a.code)
                width="200"
                height="200"
            />
        }
    });
    let status_class = match a.status {
        AppointmentStatus::Booked | AppointmentStatus::CheckedIn => "badge badge-ok",
        AppointmentStatus::Cancelled | AppointmentStatus::NoShow => "badge badge-off",
        AppointmentStatus::Done => "badge badge-self",
    };
    let other = (a.patient.relation == BookedFor::Other)
        .then(|| view! { <p class="alert alert-info">{lang.t(T::OtherPersonTicket)}</p> });
    // Moving needs to know whose visit it is; one booked for someone by number is not ours to move.
    let patient = dependant_of(me, a);
    let movable = a.patient.relation == BookedFor::Own || patient.is_some();
    let changes = (a.can_change && movable).then(|| {
        view! { <Changes appointment=a.clone() patient=patient cancelled=cancelled /> }
    });
    view! {
        {banner}
        <h1>{lang.t(T::TicketTitle)}</h1>
        <section class="card ticket" aria-labelledby="ticket-code-label">
            <p class="visit-time">{when(lang, a.start, a.end)}</p>
            <p>
                <span class=status_class>{text::status(lang, a.status)}</span>
            </p>
            {qr}
            <p id="ticket-code-label" class="code-label">{lang.t(T::BookingCode)}</p>
            <p class="code">{a.code.clone()}</p>
            {visit_fields(a, lang)}
        </section>
        {other}
        <p class="muted">{lang.t(T::SaveTicket)}</p>
        {changes}
        <p>
            <Link to=Route::Appointments { patient: None } class="btn btn-quiet">
                {lang.t(T::AllAppointments)}
            </Link>
        </p>
    }
}
