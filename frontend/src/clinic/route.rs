//! The console's own two screens and their addresses under `/clinic/`. The edge serves the
//! console's shell for every `/clinic/*` path, so a reload or a bookmark lands on the screen.

use crate::browser;
use leptos::ev;
use leptos::prelude::*;

/// A screen of the console.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClinicRoute {
    /// `/clinic/`: today's appointments and the check-in box.
    Today,
    /// `/clinic/gio-kham`: open or close slots for a day.
    Slots,
}

const ROOT: &str = "/clinic/";
const SLOTS: &str = "/clinic/gio-kham";

impl ClinicRoute {
    pub fn path(self) -> &'static str {
        match self {
            ClinicRoute::Today => ROOT,
            ClinicRoute::Slots => SLOTS,
        }
    }

    /// Any other path under `/clinic/` shows today's list: the console has nothing else a
    /// clerk could have meant.
    pub fn parse(path: &str) -> ClinicRoute {
        match path.trim_end_matches('/') {
            SLOTS => ClinicRoute::Slots,
            _ => ClinicRoute::Today,
        }
    }
}

/// The current screen, following the back and forward buttons.
pub fn start() -> RwSignal<ClinicRoute> {
    let current = RwSignal::new(ClinicRoute::parse(&browser::location().0));
    let _ = window_event_listener(ev::popstate, move |_| {
        current.set(ClinicRoute::parse(&browser::location().0));
    });
    current
}

/// Goes to `to` without reloading; focus moves to the new screen's content.
pub fn navigate(current: RwSignal<ClinicRoute>, to: ClinicRoute) {
    if current.get_untracked() != to {
        browser::push_url(to.path());
        current.set(to);
    }
    browser::focus_main();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_round_trip() {
        for route in [ClinicRoute::Today, ClinicRoute::Slots] {
            assert_eq!(ClinicRoute::parse(route.path()), route);
        }
        assert_eq!(ClinicRoute::parse("/clinic"), ClinicRoute::Today);
        assert_eq!(ClinicRoute::parse("/clinic/gio-kham/"), ClinicRoute::Slots);
        assert_eq!(ClinicRoute::parse("/clinic/khac"), ClinicRoute::Today);
    }
}
