use crate::i18n::booking::BookingText;
use crate::i18n::tr;
use crate::route::{Link, Route, Section, use_router};
use leptos::prelude::*;

/// The main sections of the signed-in app: the health book, booking, appointments. Real links,
/// the current one marked for assistive technology (`aria-current="page"`).
#[component]
pub fn AppNav() -> impl IntoView {
    let route = use_router().current();
    let item = move |to: Route, section: Section, text: BookingText| {
        view! {
            <li>
                {move || {
                    let current = route.with(|r| r.section()) == section;
                    view! {
                        <Link to=to.clone() class="nav-link" current=current>
                            {tr(text)}
                        </Link>
                    }
                }}
            </li>
        }
    };
    view! {
        <nav class="app-nav" aria-label=tr(BookingText::NavLabel)>
            <ul>
                {item(Route::Home, Section::Book, BookingText::NavBook)}
                {item(
                    Route::BookingStart(Default::default()),
                    Section::Booking,
                    BookingText::NavBooking,
                )}
                {item(
                    Route::Appointments { patient: None },
                    Section::Appointments,
                    BookingText::NavAppointments,
                )}
            </ul>
        </nav>
    }
}
