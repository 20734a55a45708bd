//! Presentation-only building blocks shared by pages: no fetching, no routing decisions.
//! They read the language from context and otherwise show what they are given.

/// The choice of whose health book to open (self, children, dependants).
mod book_switcher;
/// Trend charts in hand-drawn SVG with a table view.
pub mod chart;
/// A `<dt>`/`<dd>` pair inside a `<dl>`.
mod field;
/// The top bar: app name, language switch, and whatever the signed-in shell adds.
mod header;
/// The VI | EN switch.
mod lang_switch;
/// Loading, problem and notice states.
mod status;

pub use book_switcher::{BookChoice, BookSwitcher};
pub use chart::TrendChart;
pub use field::{FieldValue, field};
pub use header::header;
pub use lang_switch::LangSwitch;
pub use status::{Loading, Notice, Problem, Skeleton};
