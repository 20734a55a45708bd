//! A trend over the years, hand-drawn in SVG, with its numbers as a table one tap away.
//!
//! A chart crate would cost more wasm than every screen of the book together, and the book
//! needs one kind of chart: values over time, a reference band, flagged points. The geometry
//! is plain integer arithmetic in a large `viewBox` (the browser scales it to the phone), so
//! no float formatting machinery is linked and the maths is tested natively.
//!
//! Nothing is told by colour alone: out-of-range points are diamonds, self-reported points are
//! hollow, and the table view says "Cao" / "Thấp" in words. The `<svg>` carries a one-sentence
//! summary for screen readers, and the table (with a caption) holds every number.

use crate::format;
use crate::i18n::book::{self as text, BookMsg};
use crate::i18n::{Lang, use_lang};
use leptos::prelude::*;
use shared::date::IsoDate;

/// Size of the drawing in `viewBox` units (about twice a 360 px phone's CSS pixels, so
/// rounding to whole units is invisible).
pub const VIEW_W: i32 = 640;
pub const VIEW_H: i32 = 340;
const LEFT: i32 = 84;
const RIGHT: i32 = 20;
const TOP: i32 = 18;
const BOTTOM: i32 = 46;

/// Where a value stands against its reference range (the edge's judgement, or [`Band::flag`]).
pub use shared::dto::book::Flag;

/// Whether `flag` marks a value outside its range (drawn as a diamond, counted, said).
pub fn is_out(flag: Flag) -> bool {
    !matches!(flag, Flag::Normal | Flag::Unknown)
}

/// One value in time.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartPoint {
    pub date: IsoDate,
    pub value: f64,
    pub flag: Flag,
    /// Declared by the person, not measured by a facility: drawn hollow.
    pub self_reported: bool,
    /// Not yet confirmed by the server (just added): drawn faded, said in the table.
    pub pending: bool,
    /// "Trạm Y tế Phường Bến Nghé" or "Tự khai": where the value comes from (table view).
    pub source: String,
}

/// One line of the chart (blood pressure has two: systolic and diastolic).
#[derive(Clone, Debug, PartialEq)]
pub struct ChartSeries {
    pub name: String,
    /// Oldest first.
    pub points: Vec<ChartPoint>,
}

/// The reference range (either end may be open).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Band {
    pub low: Option<f64>,
    pub high: Option<f64>,
}

impl Band {
    /// Judges `value` against the range.
    pub fn flag(&self, value: f64) -> Flag {
        match (self.low, self.high) {
            (None, None) => Flag::Unknown,
            (Some(low), _) if value < low => Flag::Low,
            (_, Some(high)) if value > high => Flag::High,
            _ => Flag::Normal,
        }
    }
}

/// What one chart shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Trend {
    /// "Glucose máu lúc đói", "Huyết áp".
    pub title: String,
    /// As people write it ("mmol/L", "mmHg").
    pub unit: String,
    /// Fraction digits worth showing for this measurement.
    pub decimals: u32,
    pub series: Vec<ChartSeries>,
    pub band: Option<Band>,
}

/// The mapping from (date, value) to drawing units.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    day0: i64,
    day1: i64,
    v0: f64,
    v1: f64,
    /// Distance between value gridlines.
    step: f64,
}

impl Scale {
    /// A scale fitting every point and the band, with round gridlines; `None` without points.
    pub fn fit(trend: &Trend) -> Option<Scale> {
        let points = trend.series.iter().flat_map(|s| s.points.iter());
        let mut days = points.clone().map(|p| p.date.days_since_epoch());
        let first = days.next()?;
        let (mut day0, mut day1) = days.fold((first, first), |(lo, hi), d| (lo.min(d), hi.max(d)));
        // A single day (or a few days) would put every point on the edges.
        if day1 - day0 < 30 {
            day0 -= 15;
            day1 += 15;
        }
        let values = points.map(|p| p.value);
        let band = trend.band.unwrap_or_default();
        let (mut lo, mut hi) = values
            .chain(band.low)
            .chain(band.high)
            .fold((f64::MAX, f64::MIN), |(lo, hi), v| (lo.min(v), hi.max(v)));
        if !(lo.is_finite() && hi.is_finite()) {
            return None;
        }
        if (hi - lo).abs() < f64::EPSILON {
            let pad = if lo.abs() > 1.0 { lo.abs() * 0.1 } else { 1.0 };
            lo -= pad;
            hi += pad;
        }
        let step = nice_step((hi - lo) / 4.0);
        let v0 = (lo / step).floor() * step;
        let v1 = (hi / step).ceil() * step;
        Some(Scale {
            day0,
            day1,
            v0,
            v1: if v1 > v0 { v1 } else { v0 + step },
            step,
        })
    }

    /// Horizontal position of `date`.
    pub fn x(&self, date: IsoDate) -> i32 {
        let span = (self.day1 - self.day0).max(1) as f64;
        let t = (date.days_since_epoch() - self.day0) as f64 / span;
        LEFT + (t * f64::from(VIEW_W - LEFT - RIGHT)).round() as i32
    }

    /// Vertical position of `value` (larger values higher up), clamped to the plot.
    pub fn y(&self, value: f64) -> i32 {
        let t = ((value - self.v0) / (self.v1 - self.v0)).clamp(0.0, 1.0);
        VIEW_H - BOTTOM - (t * f64::from(VIEW_H - TOP - BOTTOM)).round() as i32
    }

    /// Values of the horizontal gridlines, bottom to top.
    pub fn y_ticks(&self) -> Vec<f64> {
        let n = ((self.v1 - self.v0) / self.step).round() as i32;
        (0..=n)
            .map(|i| self.v0 + f64::from(i) * self.step)
            .collect()
    }

    /// Fraction digits the gridline labels need.
    pub fn tick_decimals(&self) -> u32 {
        let mut decimals = 0;
        let mut step = self.step;
        while step < 0.999 && decimals < 3 {
            step *= 10.0;
            decimals += 1;
        }
        decimals
    }

    /// Dates of the vertical gridlines with their labels: 1 January of the years in view
    /// (at most six), or the first of every few months when the span is under two years.
    pub fn x_ticks(&self) -> Vec<(IsoDate, String)> {
        let start = IsoDate::from_days_since_epoch(self.day0);
        let end = IsoDate::from_days_since_epoch(self.day1);
        if self.day1 - self.day0 >= 730 {
            let years = end.year() - start.year();
            // The smallest step that keeps at most six labels (`years` candidates).
            let every = ((years + 5) / 6).max(1);
            (start.year() + 1..=end.year())
                .filter(|y| (y - start.year() - 1) % every == 0)
                .filter_map(|y| Some((IsoDate::new(y, 1, 1)?, y.to_string())))
                .collect()
        } else {
            let months = (end.year() - start.year()) * 12 + i32::from(end.month())
                - i32::from(start.month());
            let every = (months / 5 + 1).max(1);
            (1..=months)
                .filter(|m| (m - 1) % every == 0)
                .filter_map(|m| {
                    let index = start.year() * 12 + i32::from(start.month()) - 1 + m;
                    let (year, month) = (index / 12, (index % 12 + 1) as u8);
                    Some((
                        IsoDate::new(year, month, 1)?,
                        format!("{month:02}/{:02}", year % 100),
                    ))
                })
                .collect()
        }
    }
}

/// 1, 2, 2.5 or 5 times a power of ten, at least `raw`: gridlines people read at a glance.
/// Loops instead of `log10`/`powf`, which would link a maths library into the wasm.
pub fn nice_step(raw: f64) -> f64 {
    if !(raw.is_finite() && raw > 0.0) {
        return 1.0;
    }
    let mut magnitude = 1.0;
    while magnitude > raw {
        magnitude /= 10.0;
    }
    while magnitude * 10.0 <= raw {
        magnitude *= 10.0;
    }
    [1.0, 2.0, 2.5, 5.0, 10.0]
        .into_iter()
        .map(|f| f * magnitude)
        .find(|step| *step >= raw)
        .unwrap_or(10.0 * magnitude)
}

/// The `points` attribute of a polyline through `series`.
fn polyline(scale: &Scale, series: &ChartSeries) -> String {
    let mut out = String::with_capacity(series.points.len() * 8);
    for p in &series.points {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&format!("{},{}", scale.x(p.date), scale.y(p.value)));
    }
    out
}

/// One point's marker: a diamond when out of range, a circle otherwise; hollow when
/// self-reported. Drawn as paths so one element type serves every shape.
fn marker_path(x: i32, y: i32, flag: Flag) -> String {
    if is_out(flag) {
        format!("M{x} {}l10 10l-10 10l-10-10z", y - 10)
    } else {
        format!("M{} {y}a7 7 0 1 0 14 0a7 7 0 1 0-14 0", x - 7)
    }
}

fn marker_class(point: &ChartPoint, series_index: usize) -> String {
    let mut class = format!("mk mk-{series_index}");
    if is_out(point.flag) {
        class.push_str(" mk-out");
    }
    if point.self_reported {
        class.push_str(" mk-self");
    }
    if point.pending {
        class.push_str(" mk-pending");
    }
    class
}

/// A trend chart with a "show as table" switch. `id` makes the ids inside unique on a page
/// that shows several charts.
#[component]
pub fn TrendChart(trend: Trend, id: String) -> impl IntoView {
    let lang = use_lang();
    let table_open = RwSignal::new(false);
    let table_id = format!("{id}-table");
    let trend = StoredValue::new(trend);
    let drawing = move || trend.with_value(|t| drawing(t, lang.get()));
    let table = move || {
        table_open
            .get()
            .then(|| trend.with_value(|t| table(t, lang.get(), &table_id)))
    };
    let legend = move || trend.with_value(|t| legend(t, lang.get()));
    let controls = format!("{id}-table");
    view! {
        <figure class="chart">
            {drawing}
            {legend}
            <button
                type="button"
                class="btn btn-quiet btn-small"
                aria-expanded=move || if table_open.get() { "true" } else { "false" }
                aria-controls=controls
                on:click=move |_| table_open.update(|open| *open = !*open)
            >
                {move || {
                    lang.get()
                        .t(if table_open.get() { BookMsg::HideTable } else { BookMsg::ShowTable })
                }}
            </button>
            {table}
        </figure>
    }
}

fn drawing(trend: &Trend, lang: Lang) -> impl IntoView + use<> {
    let scale = Scale::fit(trend)?;
    let label = text::trend_summary(lang, trend);
    let band = trend
        .band
        .filter(|b| b.low.is_some() || b.high.is_some())
        .map(|b| {
            let top = b.high.map_or(TOP, |h| scale.y(h));
            let bottom = b.low.map_or(VIEW_H - BOTTOM, |l| scale.y(l));
            view! {
                <rect
                    class="band"
                    x=LEFT
                    y=top
                    width=VIEW_W - LEFT - RIGHT
                    height=(bottom - top).max(1)
                ></rect>
            }
        });
    let decimals = scale.tick_decimals();
    let y_grid = scale
        .y_ticks()
        .into_iter()
        .map(|v| {
            let y = scale.y(v);
            view! {
                <line class="grid" x1=LEFT x2=VIEW_W - RIGHT y1=y y2=y></line>
                <text class="tick" x=LEFT - 10 y=y + 8 text-anchor="end">
                    {format::decimal(v, decimals, lang)}
                </text>
            }
        })
        .collect_view();
    let x_grid = scale
        .x_ticks()
        .into_iter()
        .map(|(date, label)| {
            let x = scale.x(date);
            view! {
                <line class="grid" x1=x x2=x y1=TOP y2=VIEW_H - BOTTOM></line>
                <text class="tick" x=x y=VIEW_H - 12 text-anchor="middle">
                    {label}
                </text>
            }
        })
        .collect_view();
    let lines = trend
        .series
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let markers = s
                .points
                .iter()
                .map(|p| {
                    view! {
                        <path
                            class=marker_class(p, i)
                            d=marker_path(scale.x(p.date), scale.y(p.value), p.flag)
                        ></path>
                    }
                })
                .collect_view();
            view! {
                <polyline class=format!("line line-{i}") points=polyline(&scale, s)></polyline>
                {markers}
            }
        })
        .collect_view();
    Some(view! {
        <svg
            class="chart-svg"
            viewBox=format!("0 0 {VIEW_W} {VIEW_H}")
            role="img"
            aria-label=label
            preserveAspectRatio="xMidYMid meet"
        >
            {band}
            {y_grid}
            {x_grid}
            <line class="axis" x1=LEFT x2=LEFT y1=TOP y2=VIEW_H - BOTTOM></line>
            <line class="axis" x1=LEFT x2=VIEW_W - RIGHT y1=VIEW_H - BOTTOM y2=VIEW_H - BOTTOM></line>
            {lines}
        </svg>
    })
}

/// What the marks mean; only the ones this chart uses. Hidden from screen readers: the
/// summary sentence and the table say the same in words.
fn legend(trend: &Trend, lang: Lang) -> impl IntoView + use<> {
    let points = || trend.series.iter().flat_map(|s| s.points.iter());
    let mut items: Vec<(&'static str, String)> = Vec::new();
    if trend.series.len() > 1 {
        for (i, s) in trend.series.iter().enumerate() {
            items.push((if i == 0 { "lg lg-0" } else { "lg lg-1" }, s.name.clone()));
        }
    }
    if trend
        .band
        .is_some_and(|b| b.low.is_some() || b.high.is_some())
    {
        items.push(("lg lg-band", lang.t(BookMsg::ReferenceRange).to_owned()));
    }
    if points().any(|p| is_out(p.flag)) {
        items.push(("lg lg-out", lang.t(BookMsg::OutOfRange).to_owned()));
    }
    if points().any(|p| p.self_reported) {
        items.push(("lg lg-self", lang.t(BookMsg::SelfReportedPoint).to_owned()));
    }
    let items = items
        .into_iter()
        .map(|(class, label)| view! { <li><span class=class></span>{label}</li> })
        .collect_view();
    view! { <ul class="legend" aria-hidden="true">{items}</ul> }
}

fn table(trend: &Trend, lang: Lang, id: &str) -> impl IntoView + use<> {
    // One row per date: blood pressure's two series share their dates.
    let mut dates: Vec<IsoDate> = trend
        .series
        .iter()
        .flat_map(|s| s.points.iter().map(|p| p.date))
        .collect();
    dates.sort_unstable_by(|a, b| b.cmp(a));
    dates.dedup();
    let heads = trend
        .series
        .iter()
        .map(|s| view! { <th scope="col">{format!("{} ({})", s.name, trend.unit)}</th> })
        .collect_view();
    let rows = dates
        .into_iter()
        .map(|date| {
            let mut source = String::new();
            let mut flags = Vec::new();
            let cells = trend
                .series
                .iter()
                .map(|s| {
                    let point = s.points.iter().find(|p| p.date == date);
                    if let Some(p) = point {
                        if source.is_empty() {
                            source = p.source.clone();
                            if p.pending {
                                source = format!("{source} · {}", lang.t(BookMsg::Saving));
                            }
                        }
                        if is_out(p.flag) {
                            flags.push(p.flag);
                        }
                    }
                    let value = point
                        .map(|p| format::decimal(p.value, trend.decimals, lang))
                        .unwrap_or_default();
                    view! { <td class="num">{value}</td> }
                })
                .collect_view();
            let judged = trend.band.is_some();
            let verdict =
                flags
                    .first()
                    .copied()
                    .unwrap_or(if judged { Flag::Normal } else { Flag::Unknown });
            view! {
                <tr>
                    <th scope="row">{date.display_vn()}</th>
                    {cells}
                    <td class=text::flag_class(verdict)>{lang.t(text::flag_text(verdict))}</td>
                    <td>{source}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="table-wrap" id=id.to_owned()>
            <table class="data">
                <caption>{text::table_caption(lang, &trend.title)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{lang.t(BookMsg::Date)}</th>
                        {heads}
                        <th scope="col">{lang.t(BookMsg::Assessment)}</th>
                        <th scope="col">{lang.t(BookMsg::Source)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u8, d: u8) -> IsoDate {
        IsoDate::new(y, m, d).unwrap()
    }

    fn point(date: IsoDate, value: f64) -> ChartPoint {
        ChartPoint {
            date,
            value,
            flag: Flag::Normal,
            self_reported: false,
            pending: false,
            source: String::new(),
        }
    }

    fn trend(points: Vec<ChartPoint>, band: Option<Band>) -> Trend {
        Trend {
            title: "Glucose".into(),
            unit: "mmol/L".into(),
            decimals: 1,
            series: vec![ChartSeries {
                name: "Glucose".into(),
                points,
            }],
            band,
        }
    }

    #[test]
    fn steps_are_round() {
        let check = |raw: f64, expected: f64| {
            assert!((nice_step(raw) - expected).abs() < 1e-9, "{raw}");
        };
        check(0.7, 1.0);
        check(1.0, 1.0);
        check(1.1, 2.0);
        check(2.2, 2.5);
        check(3.0, 5.0);
        check(7.0, 10.0);
        check(12.0, 20.0);
        check(0.03, 0.05);
        check(180.0, 200.0);
        check(0.0, 1.0);
        check(f64::NAN, 1.0);
    }

    #[test]
    fn scale_fits_points_and_band_inside_the_plot() {
        let t = trend(
            vec![
                point(date(2019, 5, 1), 5.1),
                point(date(2022, 3, 9), 7.9),
                point(date(2025, 1, 20), 6.2),
            ],
            Some(Band {
                low: Some(3.9),
                high: Some(6.4),
            }),
        );
        let s = Scale::fit(&t).unwrap();
        assert_eq!(s.x(date(2019, 5, 1)), LEFT);
        assert_eq!(s.x(date(2025, 1, 20)), VIEW_W - RIGHT);
        let (bottom, top) = (VIEW_H - BOTTOM, TOP);
        for v in [3.9, 5.1, 6.2, 6.4, 7.9] {
            let y = s.y(v);
            assert!((top..=bottom).contains(&y), "{v} → {y}");
        }
        assert!(s.y(7.9) < s.y(5.1), "larger values are drawn higher");
        let ticks = s.y_ticks();
        assert!(ticks.first().unwrap() <= &3.9 && ticks.last().unwrap() >= &7.9);
        assert!((3..=7).contains(&ticks.len()), "{ticks:?}");
        assert_eq!(s.tick_decimals(), 0);
        let years: Vec<String> = s.x_ticks().into_iter().map(|(_, l)| l).collect();
        assert_eq!(years, ["2020", "2021", "2022", "2023", "2024", "2025"]);
    }

    #[test]
    fn one_point_or_one_value_still_draws() {
        let t = trend(vec![point(date(2025, 6, 1), 120.0)], None);
        let s = Scale::fit(&t).unwrap();
        let x = s.x(date(2025, 6, 1));
        assert!(x > LEFT && x < VIEW_W - RIGHT, "a lone point sits inside");
        let y = s.y(120.0);
        assert!(y > TOP && y < VIEW_H - BOTTOM);
        assert!(Scale::fit(&trend(vec![], None)).is_none());
    }

    #[test]
    fn short_spans_are_labelled_by_month() {
        let t = trend(
            vec![point(date(2025, 1, 10), 1.0), point(date(2025, 8, 2), 2.0)],
            None,
        );
        let labels: Vec<String> = Scale::fit(&t)
            .unwrap()
            .x_ticks()
            .into_iter()
            .map(|(_, l)| l)
            .collect();
        assert_eq!(labels, ["02/25", "04/25", "06/25", "08/25"]);
        let small = trend(
            vec![
                point(date(2025, 1, 10), 0.12),
                point(date(2025, 8, 2), 0.31),
            ],
            None,
        );
        assert_eq!(Scale::fit(&small).unwrap().tick_decimals(), 2);
    }

    #[test]
    fn band_judges_values() {
        let band = Band {
            low: Some(3.9),
            high: Some(6.4),
        };
        assert_eq!(band.flag(3.0), Flag::Low);
        assert_eq!(band.flag(5.0), Flag::Normal);
        assert_eq!(band.flag(6.4), Flag::Normal);
        assert_eq!(band.flag(7.0), Flag::High);
        let upper_only = Band {
            low: None,
            high: Some(3.4),
        };
        assert_eq!(upper_only.flag(0.1), Flag::Normal);
        assert_eq!(Band::default().flag(1.0), Flag::Unknown);
    }

    #[test]
    fn markers_differ_in_shape_not_only_colour() {
        assert!(marker_path(100, 100, Flag::High).contains("l10 10"));
        assert!(marker_path(100, 100, Flag::Normal).contains('a'));
        let mut p = point(date(2025, 1, 1), 1.0);
        p.self_reported = true;
        p.flag = Flag::High;
        assert_eq!(marker_class(&p, 1), "mk mk-1 mk-out mk-self");
    }
}
