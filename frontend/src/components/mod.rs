//! Presentation-only building blocks shared by pages: no fetching, no routing decisions.
//! They read the language from context and otherwise show what they are given.

/// The main sections of the signed-in app (health book, booking, appointments).
mod app_nav;
/// The choice of whose health book to open (self, children, dependants).
mod book_switcher;
/// Trend charts in hand-drawn SVG with a table view.
pub mod chart;
/// The visible, screen-reader-friendly countdown of a held slot.
mod countdown;
/// A `<dt>`/`<dd>` pair inside a `<dl>`.
mod field;
/// The top bar: app name, language switch, and whatever the signed-in shell adds.
mod header;
/// The VI | EN switch.
mod lang_switch;
/// Loading, problem and notice states.
mod status;
/// Where the person is in the three booking steps.
mod steps;

pub use app_nav::AppNav;
pub use book_switcher::{BookChoice, BookSwitcher};
pub use chart::TrendChart;
pub use countdown::HoldCountdown;
pub use field::{FieldValue, field};
pub use header::header;
pub use lang_switch::LangSwitch;
pub use status::{Loading, Notice, Problem, Skeleton};
pub use steps::steps;
