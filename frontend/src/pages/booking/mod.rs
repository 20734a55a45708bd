//! Booking a visit (`/dat-lich…`) and "my appointments" (`/lich-hen…`).
//!
//! Three steps, each its own page and address so the phone's back button walks back through
//! them: where (for whom, which facility) → when (department, day, slot; tapping a slot holds it)
//! → confirm (health declaration and co-pay estimate while a countdown shows the hold). The
//! choices travel between the pages in [`Flow`], provided once by the root, because some of
//! them must never be in an address (another person's card number, the declaration).

/// "My appointments": upcoming and past, cancel, reschedule.
pub mod appointments;
/// Step 3: the held slot, the declaration, the estimate, confirming.
pub mod confirm;
/// Step 2: department, day and time at one facility.
pub mod slots;
/// Step 1: for whom, and where.
pub mod start;
/// One appointment's ticket: code, QR, queue number, when to arrive, where.
pub mod ticket;

use crate::api::{self, ApiFailure, Load};
use crate::app::use_session;
use crate::components::{FieldValue, field};
use crate::format;
use crate::i18n::booking::{self as text, BookingText};
use crate::i18n::{Lang, Msg, tr, use_lang};
use crate::route::{BookingQuery, Route, use_router};
use leptos::either::EitherOf5;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::clock::VnDateTime;
use shared::date::IsoDate;
use shared::dto::Me;
use shared::dto::booking::{
    Appointment, BookedFor, FacilitySummary, HealthDeclaration, Hold, PatientChoice, PersonNumber,
};
use std::future::Future;
use std::sync::Arc;

/// Whom the booking is for.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum Who {
    /// The signed-in citizen.
    #[default]
    Me,
    /// Someone the store links to the signed-in citizen (child, parent under care).
    Dependant { id: String, name: String },
    /// Someone identified by their number and date of birth; kept in memory only.
    Other { number: String, birth_date: IsoDate },
}

impl Who {
    /// The `patient` of a hold request.
    pub fn choice(&self) -> Option<PatientChoice> {
        match self {
            Who::Me => None,
            Who::Dependant { id, .. } => Some(PatientChoice::Id(id.clone())),
            Who::Other { number, birth_date } => Some(PatientChoice::Number(PersonNumber {
                number: number.clone(),
                birth_date: *birth_date,
            })),
        }
    }

    /// What may go in an address: a dependant's opaque id, never a personal number.
    pub fn patient_id(&self) -> Option<String> {
        match self {
            Who::Dependant { id, .. } => Some(id.clone()),
            Who::Me | Who::Other { .. } => None,
        }
    }

    /// The name shown on the pages ("Nguyễn Văn An", or the number typed for someone else).
    pub fn label(&self, me: &Me, lang: Lang) -> String {
        match self {
            Who::Me => format!("{} ({})", me.name, lang.t(BookingText::ForMe)),
            Who::Dependant { name, .. } => name.clone(),
            Who::Other { number, birth_date } => format!(
                "{} — {}",
                format::bhyt_grouped(number),
                birth_date.display_vn()
            ),
        }
    }

    /// The dependant with `id`, if the signed-in person may act for them.
    pub fn dependant(me: &Me, id: &str) -> Option<Who> {
        me.dependants
            .iter()
            .find(|d| d.patient == id)
            .map(|d| Who::Dependant {
                id: d.patient.clone(),
                name: d.name.clone(),
            })
    }
}

/// A slot held for the person.
#[derive(Clone, Debug, PartialEq)]
pub struct Held {
    pub hold: Hold,
    /// When the hold ends on this phone's clock (`Date.now()` scale): the answer's arrival
    /// plus the edge's `seconds_left`, so a wrong phone clock does not matter.
    pub deadline_ms: f64,
    /// The slot page it was taken from, to go back to.
    pub from: BookingQuery,
    /// The appointment this hold replaces, when moving one.
    pub replaces: Option<Appointment>,
}

/// What the booking pages share, provided by the root so it survives moving between them.
#[derive(Clone, Copy)]
pub struct Flow {
    pub who: RwSignal<Who>,
    /// The facility chosen in step 1 (its details, so step 2 needs no extra request).
    pub facility: RwSignal<Option<FacilitySummary>>,
    pub held: RwSignal<Option<Held>>,
    pub declaration: RwSignal<HealthDeclaration>,
    /// The `Idempotency-Key` of the current attempt and the body it was sent with: a retry of
    /// the same body reuses the key (so it can never book twice); a changed body gets a new one.
    pub attempt: RwSignal<Option<(String, String)>>,
    /// The appointment just booked (or moved) and whether it was a move: the ticket page shows
    /// it without asking the network again, with a confirmation sentence.
    pub done: RwSignal<Option<(Appointment, bool)>>,
    /// The appointment being moved, when "Reschedule" was pressed on it.
    pub moving: RwSignal<Option<Appointment>>,
    /// Why the last attempt on the slot page was refused, shown there.
    pub refusal: RwSignal<Option<ApiFailure>>,
}

impl Flow {
    pub fn new() -> Self {
        Flow {
            who: RwSignal::new(Who::Me),
            facility: RwSignal::new(None),
            held: RwSignal::new(None),
            declaration: RwSignal::new(HealthDeclaration::default()),
            attempt: RwSignal::new(None),
            done: RwSignal::new(None),
            moving: RwSignal::new(None),
            refusal: RwSignal::new(None),
        }
    }
}

impl Default for Flow {
    fn default() -> Self {
        Self::new()
    }
}

pub fn use_flow() -> Flow {
    expect_context::<Flow>()
}

/// The page of a booking route (`None` for routes of other areas).
pub fn page(me: Arc<Me>, route: &Route) -> Option<impl IntoView + use<>> {
    Some(match route.clone() {
        Route::BookingStart(query) => EitherOf5::A(view! { <start::StartPage me query /> }),
        Route::BookingSlots(query) => EitherOf5::B(view! { <slots::SlotsPage me query /> }),
        Route::BookingConfirm => EitherOf5::C(view! { <confirm::ConfirmPage me /> }),
        Route::Appointments { patient } => {
            EitherOf5::D(view! { <appointments::AppointmentsPage me patient /> })
        }
        Route::Ticket { id } => EitherOf5::E(view! { <ticket::TicketPage me id /> }),
        _ => return None,
    })
}

/// Loads `request` into `state` like every screen does; a 401 ends the session in the app
/// (back to signing in, saying why). Call it where the screen's owner is current (an effect).
pub fn load<T: Send + Sync + 'static>(
    state: RwSignal<Load<T>>,
    request: impl Future<Output = Result<T, ApiFailure>> + 'static,
) {
    use_session().load_into(state, request);
}

/// A spinner with a sentence, announced politely.
pub fn loading(lang: Lang, text: BookingText) -> impl IntoView + use<> {
    view! {
        <div class="loading" role="status" aria-live="polite">
            <span class="spinner" aria-hidden="true"></span>
            <p>{lang.t(text)}</p>
        </div>
    }
}

/// Why something could not be done, as a sentence; with "Try again" (bumping `retry`, which
/// the page's loading effect tracks) when asking again may help.
pub fn problem(lang: Lang, failure: &ApiFailure, retry: RwSignal<u32>) -> impl IntoView + use<> {
    let button = failure.is_retryable().then(|| {
        view! {
            <button type="button" class="btn btn-primary" on:click=move |_| retry.update(|n| *n += 1)>
                {lang.t(Msg::TryAgain)}
            </button>
        }
    });
    view! {
        <div class="problem" role="alert">
            <p>{text::failure(lang, failure)}</p>
            {button}
        </div>
    }
}

/// "07:30 – 07:45, Thứ Tư, 25/11/2026".
pub fn when(lang: Lang, start: VnDateTime, end: VnDateTime) -> String {
    let date = start.date();
    format!(
        "{} – {}, {}/{}",
        start.time(),
        end.time(),
        format::day_label(date, lang),
        date.year()
    )
}

/// The small "as of hh:mm" line every cached answer carries.
pub fn as_of_view(lang: Lang, as_of: VnDateTime) -> impl IntoView + use<> {
    view! { <p class="as-of">{text::as_of(lang, &as_of.time().to_string())}</p> }
}

/// Moves keyboard and screen-reader focus to the element with `id` (a field to correct).
pub fn focus_id(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(el) = document()
        .get_element_by_id(id)
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = el.focus();
    }
}

/// "Reschedule" and "Cancel" for an appointment that may still change. Cancelling asks first,
/// in place (the safe answer focused), and reports the cancelled appointment to `cancelled`.
/// `patient` is whose appointment it is when that is a dependant (the new hold is for them).
#[component]
pub fn Changes(
    appointment: Appointment,
    patient: Option<String>,
    cancelled: Callback<Appointment>,
) -> impl IntoView {
    let lang = use_lang();
    let flow = use_flow();
    let router = use_router();
    let session = use_session();
    let asking = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiFailure>);
    let keep_id = format!("keep-{}", appointment.id);
    let question_id = format!("cancel-q-{}", appointment.id);

    let target = Route::BookingSlots(BookingQuery {
        facility: Some(appointment.facility.code.clone()),
        department: None,
        date: Some(appointment.start.date().to_string()),
        patient,
        reschedule: Some(appointment.id.clone()),
    });
    let href = target.path();
    let moving = appointment.clone();
    let reschedule = move |ev: leptos::ev::MouseEvent| {
        if ev.button() == 0 && !(ev.ctrl_key() || ev.meta_key() || ev.shift_key()) {
            ev.prevent_default();
            flow.moving.set(Some(moving.clone()));
            flow.refusal.set(None);
            router.navigate(target.clone());
        }
    };
    let open = {
        let keep_id = keep_id.clone();
        move |_| {
            asking.set(true);
            let keep_id = keep_id.clone();
            request_animation_frame(move || focus_id(&keep_id));
        }
    };
    let id = appointment.id.clone();
    let confirm = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        failure.set(None);
        let id = id.clone();
        spawn_local(async move {
            match api::cancel(&id).await {
                Ok(done) => {
                    asking.try_set(false);
                    busy.try_set(false);
                    cancelled.run(done);
                }
                Err(ApiFailure::Unauthenticated) => session.expire(),
                Err(f) => {
                    failure.try_set(Some(f));
                    busy.try_set(false);
                }
            }
        });
    };
    let when_text = move || when(lang.get(), appointment.start, appointment.end);
    view! {
        <div class="actions">
            <a href=href class="btn btn-quiet" on:click=reschedule>
                {tr(BookingText::Reschedule)}
            </a>
            <button
                type="button"
                class="btn btn-danger-quiet"
                aria-expanded=move || if asking.get() { "true" } else { "false" }
                on:click=open
            >
                {tr(BookingText::Cancel)}
            </button>
        </div>
        {move || {
            asking
                .get()
                .then(|| {
                    view! {
                        <div class="confirm-box" role="alertdialog" aria-labelledby=question_id.clone()>
                            <p id=question_id.clone() class="strong">
                                {tr(BookingText::CancelQuestion)}
                            </p>
                            <p>{when_text}</p>
                            <div class="actions">
                                <button
                                    id=keep_id.clone()
                                    type="button"
                                    class="btn btn-quiet"
                                    on:click=move |_| asking.set(false)
                                >
                                    {tr(BookingText::CancelKeep)}
                                </button>
                                <button
                                    type="button"
                                    class="btn btn-danger"
                                    disabled=move || busy.get()
                                    on:click=confirm.clone()
                                >
                                    {move || {
                                        lang.get()
                                            .t(
                                                if busy.get() {
                                                    BookingText::Cancelling
                                                } else {
                                                    BookingText::CancelConfirm
                                                },
                                            )
                                    }}
                                </button>
                            </div>
                        </div>
                    }
                })
        }}
        {move || failure.get().map(|f| problem(lang.get(), &f, RwSignal::new(0)))}
    }
}

/// The facts of an appointment as label/value pairs: who, when to arrive, where, with whom.
pub fn visit_fields(a: &Appointment, lang: Lang) -> impl IntoView + use<> {
    let address = format!(
        "{}, {}, {}",
        a.facility.address.line, a.facility.address.ward, a.facility.address.province
    );
    let booked_by = a
        .booked_by
        .clone()
        .map(|name| field(lang.t(BookingText::BookedBy), FieldValue::text(name)));
    let phone = a
        .facility
        .phone
        .clone()
        .map(|p| field(lang.t(BookingText::Phone), FieldValue::text(p)));
    view! {
        <dl class="fields fields-compact">
            {field(lang.t(BookingText::Patient), FieldValue::text(a.patient.name.clone()))}
            {field(lang.t(BookingText::ArriveBy), FieldValue::text(a.arrive_by.time().to_string()).class("value"))}
            {field(lang.t(BookingText::QueueNumber), FieldValue::text(a.queue_number.to_string()).class("value"))}
            {field(lang.t(BookingText::Facility), FieldValue::text(a.facility.name.clone()))}
            {field(lang.t(BookingText::Address), FieldValue::text(address))}
            {phone}
            {field(lang.t(BookingText::Department), FieldValue::text(a.department.clone()))}
            {field(lang.t(BookingText::Doctor), FieldValue::text(a.practitioner.clone()))}
            {field(lang.t(BookingText::Room), FieldValue::text(a.room.clone()))}
            {booked_by}
        </dl>
    }
}

/// The dependant an appointment belongs to, found by name among those the signed-in person
/// may act for (a ticket names its patient, the list page knows the id).
pub fn dependant_of(me: &Me, a: &Appointment) -> Option<String> {
    match a.patient.relation {
        BookedFor::Dependant => me
            .dependants
            .iter()
            .find(|d| d.name == a.patient.name)
            .map(|d| d.patient.clone()),
        BookedFor::Own | BookedFor::Other => None,
    }
}
