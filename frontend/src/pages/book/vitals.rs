//! Body measurements over the years (`/so-suc-khoe/chi-so`): blood pressure, weight, height,
//! BMI and glucose, each with its latest value, its trend in words, a chart and the chart's
//! table; the blood group; and the form for what the person measured at home.
//!
//! Home readings and clinic readings share one chart on purpose (that is the point of a
//! lifelong book), told apart by hollow markers and the "Tự khai" mark.

use super::declare::{self, FormContext, FormStatus, Optimistic};
use super::{Reports, Section, card, report_control, report_missing, source_line};
use crate::browser;
use crate::components::TrendChart;
use crate::components::chart::{Band, ChartSeries, Flag, Trend};
use crate::format;
use crate::i18n::Lang;
use crate::i18n::book::{self as text, BookMsg};
use crate::route::BookPage;
use leptos::prelude::*;
use shared::dto::Provenance;
use shared::dto::book::{
    AboGroup, BloodGroup, BloodPressurePoint, BookSection, BookVitals, RhFactor, SelfReportItem,
    Series, SeriesPoint,
};
use std::cell::RefCell;

#[component]
pub fn VitalsPage(patient: Option<String>) -> impl IntoView {
    let reports = Reports::provide(BookSection::Vitals, patient.clone());
    let section: Section<BookVitals> = super::load_section("vitals", patient.clone());
    Effect::new(move |_| {
        section.state.with(|state| {
            if let crate::api::Load::Ready(data) = state {
                reports.know(&data.corrections);
            }
        })
    });
    let forms = FormContext::new(section.state, patient.clone(), optimistic);
    let body = super::body(section, |data: &BookVitals, lang| {
        vitals(data, lang).into_any()
    });
    super::frame(
        BookMsg::Vitals,
        patient.as_deref(),
        BookPage::Summary,
        view! {
            {measurement_form(forms)}
            {body}
            {blood_group_form(forms)}
            {report_missing()}
        },
    )
}

fn vitals(data: &BookVitals, lang: Lang) -> impl IntoView + use<> {
    view! {
        {blood_pressure(data, lang)}
        {series_card("c-weight", "weight", &data.weight, BookMsg::Weight, BookMsg::AboutWeight, lang)}
        {series_card("c-height", "height", &data.height, BookMsg::Height, BookMsg::AboutHeight, lang)}
        {series_card("c-bmi", "bmi", &data.bmi, BookMsg::Bmi, BookMsg::AboutBmi, lang)}
        {series_card("c-glucose", "glucose", &data.glucose, BookMsg::Glucose, BookMsg::AboutGlucose, lang)}
        {blood_group(data.blood_group.as_ref(), lang)}
    }
}

fn blood_pressure(data: &BookVitals, lang: Lang) -> impl IntoView + use<> {
    let bp = &data.blood_pressure;
    let title = lang.t(BookMsg::BloodPressure).to_owned();
    let body = match bp.points.last() {
        None => super::empty(lang, BookMsg::NoReadings).into_any(),
        Some(latest) => {
            let series = |name: BookMsg, value: fn(&BloodPressurePoint) -> f64| ChartSeries {
                name: lang.t(name).to_owned(),
                points: bp
                    .points
                    .iter()
                    .filter_map(|p| {
                        super::chart_point(value(p), p.flag, &p.record, &p.source, lang)
                    })
                    .collect(),
            };
            // Two lines, two ranges: the band would only fit one of them, so the flags and
            // the sentence under the chart say where the thresholds are.
            let trend = Trend {
                title: title.clone(),
                unit: "mmHg".to_owned(),
                decimals: 0,
                series: vec![
                    series(BookMsg::Systolic, |p| p.systolic),
                    series(BookMsg::Diastolic, |p| p.diastolic),
                ],
                band: None,
            };
            view! {
                <p class="latest">
                    <span class="value">{format::blood_pressure(latest.systolic, latest.diastolic)}</span>
                    " "
                    {super::flag_badge(latest.flag, lang)}
                </p>
                {source_line(&latest.source, lang)}
                <TrendChart trend=trend id="bp".to_owned() />
                <p class="about">{lang.t(BookMsg::AboutBloodPressure)}</p>
                {report_control(&latest.record)}
            }
            .into_any()
        }
    };
    card("c-bp", "card", title, body)
}

fn series_card(
    id: &'static str,
    chart_id: &'static str,
    series: &Series,
    name: BookMsg,
    about: BookMsg,
    lang: Lang,
) -> impl IntoView + use<> {
    let title = lang.t(name).to_owned();
    let body = match series.points.last() {
        None => super::empty(lang, BookMsg::NoReadings).into_any(),
        Some(latest) => {
            let trend = super::series_trend(series, title.clone(), lang);
            let words = series
                .trend
                .as_ref()
                .and_then(|t| text::trend_words(lang, t, trend.decimals, &trend.unit));
            view! {
                <p class="latest">
                    <span class="value">{super::series_value(series, latest.value, lang)}</span>
                    " "
                    {super::flag_badge(latest.flag, lang)}
                </p>
                {source_line(&latest.source, lang)}
                {words.map(|w| view! { <p class="trend-words">{w}</p> })}
                <TrendChart trend=trend id=chart_id.to_owned() />
                <p class="about">{lang.t(about)}</p>
                {report_control(&latest.record)}
            }
            .into_any()
        }
    };
    card(id, "card", title, body)
}

fn blood_group(group: Option<&BloodGroup>, lang: Lang) -> impl IntoView + use<> {
    let body = match group {
        None => super::empty(lang, BookMsg::NoBloodGroup).into_any(),
        Some(group) => view! {
            <p class="latest">
                <span class="value">{text::blood_group(lang, group)}</span>
            </p>
            {source_line(&group.source, lang)}
            {report_control(&group.record)}
        }
        .into_any(),
    };
    card(
        "c-blood-group",
        "card",
        lang.t(BookMsg::BloodGroup).to_owned(),
        body,
    )
}

thread_local! {
    /// The blood group shown before a declared one replaced it, to put back if the edge
    /// refuses the new one.
    static REPLACED_GROUP: RefCell<Option<(String, Option<BloodGroup>)>> = const { RefCell::new(None) };
}

/// How a declared value appears on this page before the store confirms it.
fn optimistic() -> Optimistic<BookVitals> {
    Optimistic {
        add: |data, item, token| {
            let today = browser::today();
            let source = |date: &Option<shared::date::IsoDate>| Provenance {
                date: Some(date.unwrap_or(today)),
                facility: None,
                self_reported: true,
            };
            let point = |series: &mut Series, value: f64, date| {
                let flag = series.range.as_ref().map_or(Flag::Unknown, |r| {
                    Band {
                        low: r.low,
                        high: r.high,
                    }
                    .flag(value)
                });
                let point = SeriesPoint {
                    record: token.to_owned(),
                    value,
                    flag,
                    source: source(date),
                };
                let at = series
                    .points
                    .partition_point(|p| p.source.date <= point.source.date);
                series.points.insert(at, point);
            };
            match item {
                SelfReportItem::BloodPressure {
                    systolic,
                    diastolic,
                    date,
                    ..
                } => {
                    let bp = &mut data.blood_pressure;
                    let judge = |r: &shared::dto::book::ReferenceRange, v| {
                        Band {
                            low: r.low,
                            high: r.high,
                        }
                        .flag(v)
                    };
                    let flags = [
                        judge(&bp.systolic_range, *systolic),
                        judge(&bp.diastolic_range, *diastolic),
                    ];
                    let flag = flags
                        .into_iter()
                        .find(|f| crate::components::chart::is_out(*f))
                        .unwrap_or(Flag::Normal);
                    let point = BloodPressurePoint {
                        record: token.to_owned(),
                        systolic: *systolic,
                        diastolic: *diastolic,
                        flag,
                        source: source(date),
                    };
                    let at = bp
                        .points
                        .partition_point(|p| p.source.date <= point.source.date);
                    bp.points.insert(at, point);
                }
                SelfReportItem::Weight { value, date, .. } => point(&mut data.weight, *value, date),
                SelfReportItem::Height { value, date, .. } => point(&mut data.height, *value, date),
                SelfReportItem::Glucose { value, date, .. } => {
                    point(&mut data.glucose, *value, date)
                }
                SelfReportItem::BloodGroup { abo, rh } => {
                    let previous = data.blood_group.replace(BloodGroup {
                        record: token.to_owned(),
                        abo: Some(*abo),
                        rh: *rh,
                        text: None,
                        source: source(&None),
                    });
                    REPLACED_GROUP.with(|r| *r.borrow_mut() = Some((token.to_owned(), previous)));
                }
                _ => {}
            }
        },
        settle: |data, token, saved| {
            let first = saved.and_then(|records| records.first()).cloned();
            let settle_points = |points: &mut Vec<SeriesPoint>| match &first {
                Some(record) => points
                    .iter_mut()
                    .filter(|p| p.record == token)
                    .for_each(|p| p.record = record.clone()),
                None => points.retain(|p| p.record != token),
            };
            for series in [
                &mut data.weight,
                &mut data.height,
                &mut data.glucose,
                &mut data.bmi,
            ] {
                settle_points(&mut series.points);
            }
            let bp = &mut data.blood_pressure.points;
            match &first {
                Some(record) => bp
                    .iter_mut()
                    .filter(|p| p.record == token)
                    .for_each(|p| p.record = record.clone()),
                None => bp.retain(|p| p.record != token),
            }
            if data.blood_group.as_ref().is_some_and(|g| g.record == token) {
                let previous = REPLACED_GROUP
                    .with(|r| r.borrow_mut().take())
                    .filter(|(t, _)| t == token)
                    .and_then(|(_, previous)| previous);
                match (&first, &mut data.blood_group) {
                    (Some(record), Some(group)) => group.record = record.clone(),
                    (None, group) => *group = previous,
                    _ => {}
                }
            }
        },
    }
}

/// "Thêm số đo tự khai": blood pressure, weight, height or glucose, measured at home.
fn measurement_form(forms: FormContext<BookVitals>) -> impl IntoView {
    let open = RwSignal::new(false);
    let status = RwSignal::new(FormStatus::Idle);
    let kind = RwSignal::new("bp".to_owned());
    let first = RwSignal::new(String::new());
    let second = RwSignal::new(String::new());
    let on = RwSignal::new(String::new());
    let fasting = RwSignal::new(false);
    let today = browser::today();
    let submit = move || {
        let date = declare::date(on);
        let item = match kind.get_untracked().as_str() {
            "bp" => {
                let Some(systolic) = forms.number(first, BookMsg::Systolic, status) else {
                    return;
                };
                let Some(diastolic) = forms.number(second, BookMsg::Diastolic, status) else {
                    return;
                };
                SelfReportItem::BloodPressure {
                    systolic,
                    diastolic,
                    pulse: None,
                    date,
                    time: None,
                }
            }
            "weight" => {
                let Some(value) = forms.number(first, BookMsg::Weight, status) else {
                    return;
                };
                SelfReportItem::Weight {
                    value,
                    date,
                    time: None,
                }
            }
            "height" => {
                let Some(value) = forms.number(first, BookMsg::Height, status) else {
                    return;
                };
                SelfReportItem::Height {
                    value,
                    date,
                    time: None,
                }
            }
            _ => {
                let Some(value) = forms.number(first, BookMsg::Glucose, status) else {
                    return;
                };
                SelfReportItem::Glucose {
                    value,
                    unit: None,
                    fasting: Some(fasting.get_untracked()),
                    date,
                    time: None,
                }
            }
        };
        forms.send(item, status);
        first.set(String::new());
        second.set(String::new());
    };
    let fields = move || {
        let kinds = vec![
            ("bp", BookMsg::BloodPressure),
            ("weight", BookMsg::Weight),
            ("height", BookMsg::Height),
            ("glucose", BookMsg::Glucose),
        ];
        let specific = move || {
            match kind.get().as_str() {
            "bp" => view! {
                {declare::text_input("v-sys", BookMsg::Systolic, Some("mmHg"), "numeric", first)}
                {declare::text_input("v-dia", BookMsg::Diastolic, Some("mmHg"), "numeric", second)}
            }
            .into_any(),
            "weight" => {
                declare::text_input("v-weight", BookMsg::Weight, Some("kg"), "decimal", first)
                    .into_any()
            }
            "height" => {
                declare::text_input("v-height", BookMsg::Height, Some("cm"), "decimal", first)
                    .into_any()
            }
            _ => view! {
                {declare::text_input("v-glucose", BookMsg::Glucose, Some("mmol/L"), "decimal", first)}
                <label class="choice">
                    <input
                        type="checkbox"
                        prop:checked=move || fasting.get()
                        on:change=move |ev| fasting.set(event_target_checked(&ev))
                    />
                    {crate::i18n::tr(BookMsg::Fasting)}
                </label>
            }
            .into_any(),
        }
        };
        view! {
            {declare::select_input("v-kind", BookMsg::WhatMeasured, kinds, kind)}
            {specific}
            {declare::date_input("v-date", on, today)}
        }
        .into_any()
    };
    declare::form_shell(BookMsg::AddMeasurement, open, status, submit, fields)
}

/// "Khai nhóm máu".
fn blood_group_form(forms: FormContext<BookVitals>) -> impl IntoView {
    let open = RwSignal::new(false);
    let status = RwSignal::new(FormStatus::Idle);
    let abo = RwSignal::new("O".to_owned());
    let rh = RwSignal::new("positive".to_owned());
    let submit = move || {
        let abo = match abo.get_untracked().as_str() {
            "A" => AboGroup::A,
            "B" => AboGroup::B,
            "AB" => AboGroup::AB,
            _ => AboGroup::O,
        };
        let rh = match rh.get_untracked().as_str() {
            "positive" => Some(RhFactor::Positive),
            "negative" => Some(RhFactor::Negative),
            _ => None,
        };
        forms.send(SelfReportItem::BloodGroup { abo, rh }, status);
    };
    let fields = move || {
        view! {
            {declare::select_input(
                "bg-abo",
                BookMsg::AboGroup,
                vec![("O", BookMsg::GroupO), ("A", BookMsg::GroupA), ("B", BookMsg::GroupB), ("AB", BookMsg::GroupAB)],
                abo,
            )}
            {declare::select_input(
                "bg-rh",
                BookMsg::RhFactor,
                vec![("positive", BookMsg::RhPositive), ("negative", BookMsg::RhNegative), ("unknown", BookMsg::RhUnknown)],
                rh,
            )}
        }
        .into_any()
    };
    declare::form_shell(BookMsg::DeclareBloodGroup, open, status, submit, fields)
}
