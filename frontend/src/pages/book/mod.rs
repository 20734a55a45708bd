//! The health book's screens, under `/so-suc-khoe`: one file per page (lists plural, details
//! singular), plus what every section page shares: loading its one DTO, the frame (back link,
//! title), where each item came from, and the "this is wrong / missing" control.

/// Identity, BHYT card explained, address, legal representatives.
pub mod administrative;
/// Allergies, each with its criticality and source.
pub mod allergies;
/// Periodic check-ups and their conclusions.
pub mod checkups;
/// The correction requests raised from any item, with their status.
pub mod corrections;
/// Forms for what the citizen declares (self-reported data), shared by several pages.
mod declare;
/// History and risk factors.
pub mod history;
/// Vaccinations and, for children, the national EPI schedule.
pub mod immunizations;
/// Lab results by test, trends, comparison of two dates.
pub mod labs;
/// A summary laid out for paper, and "download my data".
pub mod print;
/// "Thông tin này sai / thiếu" on any item.
mod report;
/// The first screen: identity, allergies, insurance card, latest measurements, sections.
pub mod summary;
/// One visit with everything recorded during it.
pub mod visit;
/// The visits timeline across all facilities.
pub mod visits;
/// Blood pressure, weight, height, BMI and glucose trends.
pub mod vitals;

use crate::api::{self, ApiFailure, Load};
use crate::app::use_session;
use crate::components::chart::{Band, ChartPoint, ChartSeries, Flag, Trend};
use crate::components::{FieldValue, Loading, Problem, field};
use crate::format;
use crate::i18n::book::{self as text, BookMsg};
use crate::i18n::{self, Lang, Msg, tr, use_lang};
use crate::route::{BookPage, Link, Route};
use leptos::prelude::*;
use shared::dto::book::{Series, VisitVitals};
use shared::dto::{Measurement, Provenance};
use std::future::Future;

pub use report::{Reports, report_control, report_missing};

/// The page `page` of `patient`'s book (`None`: one's own).
pub fn page(page: BookPage, patient: Option<String>) -> AnyView {
    match page {
        BookPage::Summary => view! { <summary::SummaryPage patient=patient /> }.into_any(),
        BookPage::Administrative => {
            view! { <administrative::AdministrativePage patient=patient /> }.into_any()
        }
        BookPage::History => view! { <history::HistoryPage patient=patient /> }.into_any(),
        BookPage::Allergies => view! { <allergies::AllergiesPage patient=patient /> }.into_any(),
        BookPage::Visits => view! { <visits::VisitsPage patient=patient /> }.into_any(),
        BookPage::Visit { id } => view! { <visit::VisitPage patient=patient id=id /> }.into_any(),
        BookPage::Labs => view! { <labs::LabsPage patient=patient /> }.into_any(),
        BookPage::Vitals => view! { <vitals::VitalsPage patient=patient /> }.into_any(),
        BookPage::Immunizations => {
            view! { <immunizations::ImmunizationsPage patient=patient /> }.into_any()
        }
        BookPage::Checkups => view! { <checkups::CheckupsPage patient=patient /> }.into_any(),
        BookPage::Corrections => {
            view! { <corrections::CorrectionsPage patient=patient /> }.into_any()
        }
        BookPage::Print => view! { <print::PrintPage patient=patient /> }.into_any(),
    }
}

/// One screen's data: what has arrived, and a counter the "try again" button bumps.
pub struct Section<T: Send + Sync + 'static> {
    pub state: RwSignal<Load<T>>,
    pub attempt: RwSignal<u32>,
}

impl<T: Send + Sync + 'static> Clone for Section<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for Section<T> {}

/// Starts loading a screen's data: once now, again on each "try again". Leaving the page (or a
/// new attempt) aborts the request in flight; a 401 sends the person back to signing in.
pub fn load<T, F>(request: impl Fn() -> F + 'static) -> Section<T>
where
    T: Send + Sync + 'static,
    F: Future<Output = Result<T, ApiFailure>> + 'static,
{
    let session = use_session();
    let state = RwSignal::new(Load::Loading);
    let attempt = RwSignal::new(0_u32);
    Effect::new(move |_| {
        attempt.track();
        session.load_into(state, request());
    });
    Section { state, attempt }
}

/// `GET /api/v1/book/<section>` for `patient`, as a [`Section`].
pub fn load_section<T>(name: &'static str, patient: Option<String>) -> Section<T>
where
    T: serde::de::DeserializeOwned + Send + Sync + 'static,
{
    load(move || api::book_section::<T>(name, patient.as_deref()))
}

/// A section page: a way back, the title, then the body.
pub fn frame<B: IntoView>(
    title: BookMsg,
    patient: Option<&str>,
    back: BookPage,
    body: B,
) -> impl IntoView + use<B> {
    let back_text = match back {
        BookPage::Visits => BookMsg::BackToVisits,
        _ => BookMsg::BackToSummary,
    };
    let back = match back {
        BookPage::Summary if patient.is_none() => Route::Home,
        page => Route::book(patient, page),
    };
    view! {
        <div class="book">
            <p class="back">
                <Link to=back class="back-link">
                    <span aria-hidden="true">"← "</span>
                    {tr(back_text)}
                </Link>
            </p>
            <h1>{tr(title)}</h1>
            {body}
        </div>
    }
}

/// The data part of a page: a loading state, a problem with "try again", or `render` of the
/// data. Redrawn as a whole when the data or the language changes: it is plain data, and one
/// redraw costs less code than a reactive closure around every label.
pub fn body<T: Send + Sync + 'static>(
    section: Section<T>,
    render: impl Fn(&T, Lang) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    let lang = use_lang();
    move || {
        let lang = lang.get();
        section.state.with(|state| match state {
            Load::Loading => view! {
                <div aria-busy="true">
                    <Loading msg=Msg::LoadingBook />
                </div>
            }
            .into_any(),
            Load::Failed(failure) => {
                view! { <Problem failure=failure.clone() attempt=section.attempt /> }.into_any()
            }
            Load::Ready(data) => render(data, lang),
        })
    }
}

/// "Ngày 12/03/2025 · Trạm Y tế Phường Bến Nghé", or the date and whether the person declared
/// it themselves (then the facility, if any, is not the source).
pub fn provenance(source: &Provenance, lang: Lang) -> (String, Option<&'static str>) {
    let mut parts = Vec::with_capacity(2);
    if let Some(date) = source.date {
        parts.push(i18n::on_date(lang, &date.display_vn()));
    }
    match &source.facility {
        Some(facility) if !source.self_reported => parts.push(facility.clone()),
        _ => {}
    }
    let badge = source.self_reported.then(|| lang.t(Msg::SelfReported));
    (parts.join(" · "), badge)
}

/// Where and when an item was recorded, under the item; self-reported items carry the
/// "Tự khai" badge so they never pass for a clinic's record.
pub fn source_line(source: &Provenance, lang: Lang) -> impl IntoView + use<> {
    let (line, badge) = provenance(source, lang);
    view! {
        <p class="source">
            {line}
            {badge.map(|badge| view! { " " <span class="badge badge-self">{badge}</span> })}
        </p>
    }
}

/// A card with a heading that names it for assistive technology.
pub fn card(
    id: &'static str,
    class: &'static str,
    title: String,
    body: impl IntoView,
) -> impl IntoView {
    view! {
        <section class=class aria-labelledby=id>
            <h2 id=id>{title}</h2>
            {body}
        </section>
    }
}

/// "Nothing recorded" in the words of the section, with what to do about it.
pub fn empty(lang: Lang, msg: BookMsg) -> impl IntoView + use<> {
    view! { <p class="empty">{lang.t(msg)}</p> }
}

/// A chart point from a series point; undated values cannot be placed on a time axis.
pub fn chart_point(
    value: f64,
    flag: Flag,
    record: &str,
    source: &Provenance,
    lang: Lang,
) -> Option<ChartPoint> {
    Some(ChartPoint {
        date: source.date?,
        value,
        flag,
        self_reported: source.self_reported,
        pending: declare::is_pending(record),
        source: if source.self_reported {
            lang.t(BookMsg::SelfReported).to_owned()
        } else {
            source.facility.clone().unwrap_or_default()
        },
    })
}

/// The chart of one series (a lab analyte, a body measurement).
pub fn series_trend(series: &Series, title: String, lang: Lang) -> Trend {
    let points: Vec<ChartPoint> = series
        .points
        .iter()
        .filter_map(|p| chart_point(p.value, p.flag, &p.record, &p.source, lang))
        .collect();
    Trend {
        decimals: format::decimals_needed(points.iter().map(|p| p.value)),
        unit: format::unit_label(&series.unit).to_owned(),
        series: vec![ChartSeries {
            name: title.clone(),
            points,
        }],
        band: series.range.as_ref().map(|r| Band {
            low: r.low,
            high: r.high,
        }),
        title,
    }
}

/// "7,2 mmol/L", the latest value of a series with its unit.
pub fn series_value(series: &Series, value: f64, lang: Lang) -> String {
    let decimals = format::decimals_needed(series.points.iter().map(|p| p.value));
    format!(
        "{} {}",
        format::decimal(value, decimals, lang),
        format::unit_label(&series.unit)
    )
}

/// A flag in words, styled; nothing for "no range".
pub fn flag_badge(flag: Flag, lang: Lang) -> impl IntoView + use<> {
    (flag != Flag::Unknown).then(|| {
        view! { <span class=text::flag_class(flag)>{lang.t(text::flag_text(flag))}</span> }
    })
}

/// The measurements of one visit or check-up as label/value pairs; `None` when nothing was
/// measured.
pub fn visit_vitals(vitals: &VisitVitals, lang: Lang) -> Option<impl IntoView + use<>> {
    let measured = |label: BookMsg, m: &Option<Measurement>| {
        m.as_ref().map(|m| {
            field(
                lang.t(label),
                FieldValue::text(format::measurement(m, lang)).class("value"),
            )
        })
    };
    let pressure = vitals.blood_pressure.as_ref().map(|bp| {
        field(
            lang.t(BookMsg::BloodPressure),
            FieldValue::text(format::blood_pressure(bp.systolic, bp.diastolic)).class("value"),
        )
    });
    let any = vitals.height.is_some()
        || vitals.weight.is_some()
        || vitals.bmi.is_some()
        || vitals.blood_pressure.is_some()
        || vitals.heart_rate.is_some()
        || vitals.temperature.is_some();
    any.then(|| {
        view! {
            <dl class="fields">
                {pressure}
                {measured(BookMsg::HeartRate, &vitals.heart_rate)}
                {measured(BookMsg::Temperature, &vitals.temperature)}
                {measured(BookMsg::Height, &vitals.height)}
                {measured(BookMsg::Weight, &vitals.weight)}
                {measured(BookMsg::Bmi, &vitals.bmi)}
            </dl>
        }
    })
}

/// A record page of one section: its data, the correction requests it came with, the frame,
/// and "something is missing" at the end. `render` draws the data (items carry their own
/// [`report_control`]).
pub fn record_page<T>(
    section: shared::dto::book::BookSection,
    name: &'static str,
    title: BookMsg,
    patient: Option<String>,
    corrections: fn(&T) -> &[shared::dto::book::Correction],
    render: fn(&T, Option<&str>, Lang) -> AnyView,
) -> impl IntoView
where
    T: serde::de::DeserializeOwned + Send + Sync + 'static,
{
    let reports = Reports::provide(section, patient.clone());
    let data: Section<T> = load_section(name, patient.clone());
    Effect::new(move |_| {
        data.state.with(|state| {
            if let Load::Ready(data) = state {
                reports.know(corrections(data));
            }
        })
    });
    let who = StoredValue::new(patient.clone());
    let shown = body(data, move |data: &T, lang| {
        render(data, who.get_value().as_deref(), lang)
    });
    frame(
        title,
        patient.as_deref(),
        BookPage::Summary,
        view! {
            {shown}
            {report_missing()}
        },
    )
}
