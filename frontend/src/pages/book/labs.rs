//! Lab results (`/so-suc-khoe/xet-nghiem`): one row per test with its latest value; a tap
//! opens the test's trend over the years (reference band, out-of-range points, table view)
//! with a plain-Vietnamese line on what the test measures. Below, any two dates side by side,
//! and the results that are not numbers (blood group, qualitative tests).
//!
//! Which test is open and which dates are compared stay in the page, not in the address: an
//! address naming a test says something about the person's health.

use super::{Reports, Section, card, report_control, report_missing, source_line};
use crate::api::Load;
use crate::components::TrendChart;
use crate::format;
use crate::i18n::book::{self as text, BookMsg};
use crate::i18n::{Lang, tr};
use crate::route::BookPage;
use leptos::prelude::*;
use shared::date::IsoDate;
use shared::dto::book::{BookLabs, BookSection, LabResult, Series};

#[component]
pub fn LabsPage(patient: Option<String>) -> impl IntoView {
    let reports = Reports::provide(BookSection::Labs, patient.clone());
    let section: Section<BookLabs> = super::load_section("labs", patient.clone());
    let open = RwSignal::new(None::<String>);
    let compare = RwSignal::new(None::<(IsoDate, IsoDate)>);
    Effect::new(move |_| {
        section.state.with(|state| {
            if let Load::Ready(data) = state {
                reports.know(&data.corrections);
            }
        })
    });
    let body = super::body(section, move |data: &BookLabs, lang| {
        labs(data, lang, open, compare).into_any()
    });
    super::frame(
        BookMsg::Labs,
        patient.as_deref(),
        BookPage::Summary,
        view! {
            {body}
            {report_missing()}
        },
    )
}

fn labs(
    data: &BookLabs,
    lang: Lang,
    open: RwSignal<Option<String>>,
    compare: RwSignal<Option<(IsoDate, IsoDate)>>,
) -> impl IntoView + use<> {
    if data.tests.is_empty() && data.other_results.is_empty() {
        return super::empty(lang, BookMsg::NoLabs).into_any();
    }
    let tests = data
        .tests
        .iter()
        .filter(|s| !s.points.is_empty())
        .map(|series| test_row(series, lang, open))
        .collect_view();
    let comparison = (data.dates.len() >= 2).then(|| comparison(data, lang, compare));
    let others = (!data.other_results.is_empty()).then(|| other_results(&data.other_results, lang));
    view! {
        {card(
            "c-tests",
            "card",
            lang.t(BookMsg::ByTest).to_owned(),
            view! {
                <p class="hint">{lang.t(BookMsg::TapForTrend)}</p>
                <ul class="tests">{tests}</ul>
            },
        )}
        {comparison}
        {others}
    }
    .into_any()
}

/// One test: a disclosure button with the latest value, then (when open) its trend.
fn test_row(series: &Series, lang: Lang, open: RwSignal<Option<String>>) -> impl IntoView + use<> {
    let latest = series.points.last();
    let value = latest
        .map(|p| super::series_value(series, p.value, lang))
        .unwrap_or_default();
    let date = latest
        .and_then(|p| p.source.date)
        .map(IsoDate::display_vn)
        .unwrap_or_default();
    let flag = latest
        .map(|p| p.flag)
        .unwrap_or(shared::dto::book::Flag::Unknown);
    let code = series.code.clone();
    let panel_id = format!("t-{}", dom_id(&series.code));
    let is_open = {
        let code = code.clone();
        move || open.with(|o| o.as_deref() == Some(code.as_str()))
    };
    let detail = {
        let is_open = is_open.clone();
        let series = series.clone();
        let panel_id = panel_id.clone();
        move || is_open().then(|| test_detail(&series, lang, &panel_id))
    };
    view! {
        <li class="test">
            <button
                type="button"
                class="test-head"
                aria-expanded=move || if is_open() { "true" } else { "false" }
                aria-controls=panel_id
                on:click=move |_| {
                    open.update(|o| {
                        *o = if o.as_deref() == Some(code.as_str()) { None } else { Some(code.clone()) };
                    })
                }
            >
                <span class="test-name" lang="vi">{series.name.clone()}</span>
                <span class="test-latest">
                    <span class="value">{value}</span>
                    " "
                    {super::flag_badge(flag, lang)}
                </span>
                <span class="test-date">{date}</span>
            </button>
            {detail}
        </li>
    }
}

fn test_detail(series: &Series, lang: Lang, id: &str) -> impl IntoView + use<> {
    let trend = super::series_trend(series, series.name.clone(), lang);
    let range = series.range.as_ref().and_then(|r| {
        r.text.clone().or_else(|| {
            format::range_text(r.low, r.high, trend.decimals, lang)
                .map(|t| format!("{t} {}", trend.unit))
        })
    });
    let words = series
        .trend
        .as_ref()
        .and_then(|t| text::trend_words(lang, t, trend.decimals, &trend.unit));
    let about = text::about_analyte(&series.code);
    let latest = series.points.last();
    view! {
        <div class="test-detail" id=id.to_owned()>
            {about.map(|about| {
                view! {
                    <p class="about">
                        <strong>{lang.t(BookMsg::WhatIsThisTest)}</strong>
                        " "
                        {lang.t(about)}
                    </p>
                }
            })}
            {range.map(|r| {
                view! { <p>{lang.t(BookMsg::ReferenceRange)} ": " <strong>{r}</strong></p> }
            })}
            {words.map(|w| view! { <p class="trend-words">{w}</p> })}
            <TrendChart trend=trend id=format!("{id}-chart") />
            {latest.map(|p| source_line(&p.source, lang))}
            {latest.map(|p| report_control(&p.record))}
        </div>
    }
}

/// A code as a piece of an element id (LOINC codes have dashes; text codes anything).
fn dom_id(code: &str) -> String {
    code.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

/// "So sánh hai lần xét nghiệm": two date pickers and the values of both dates side by side.
fn comparison(
    data: &BookLabs,
    lang: Lang,
    compare: RwSignal<Option<(IsoDate, IsoDate)>>,
) -> impl IntoView + use<> {
    // Default: the latest date against the one before it.
    let (default_a, default_b) = (data.dates[1], data.dates[0]);
    let chosen = move || compare.get().unwrap_or((default_a, default_b));
    let picker = |id: &'static str, label: BookMsg, first: bool| {
        let options = data
            .dates
            .iter()
            .map(|d| {
                let date = *d;
                view! {
                    <option
                        value=date.to_string()
                        selected=move || {
                            let (a, b) = chosen();
                            if first { a == date } else { b == date }
                        }
                    >
                        {date.display_vn()}
                    </option>
                }
            })
            .collect_view();
        view! {
            <div class="input">
                <label for=id>{tr(label)}</label>
                <select
                    id=id
                    on:change=move |ev| {
                        if let Some(date) = IsoDate::parse(&event_target_value(&ev)) {
                            let (a, b) = chosen();
                            compare.set(Some(if first { (date, b) } else { (a, date) }));
                        }
                    }
                >
                    {options}
                </select>
            </div>
        }
    };
    let tests = data.tests.clone();
    let table = move || {
        let (a, b) = chosen();
        compare_table(&tests, a, b, lang)
    };
    card(
        "c-compare",
        "card",
        lang.t(BookMsg::CompareTitle).to_owned(),
        view! {
            <div class="pickers">
                {picker("cmp-a", BookMsg::FirstDate, true)}
                {picker("cmp-b", BookMsg::SecondDate, false)}
            </div>
            {table}
        },
    )
}

fn compare_table(tests: &[Series], a: IsoDate, b: IsoDate, lang: Lang) -> impl IntoView + use<> {
    let rows = tests
        .iter()
        .filter_map(|series| {
            let on = |date: IsoDate| series.points.iter().find(|p| p.source.date == Some(date));
            let (pa, pb) = (on(a), on(b));
            if pa.is_none() && pb.is_none() {
                return None;
            }
            let decimals = format::decimals_needed(series.points.iter().map(|p| p.value));
            let cell = |p: Option<&shared::dto::book::SeriesPoint>| match p {
                Some(p) => view! {
                    <td class="num">
                        {format::decimal(p.value, decimals, lang)}
                        {crate::components::chart::is_out(p.flag)
                            .then(|| view! { " " <span class="flag flag-out">{lang.t(text::flag_short(p.flag))}</span> })}
                    </td>
                }
                .into_any(),
                None => view! { <td class="muted">"—"</td> }.into_any(),
            };
            let change = match (pa, pb) {
                (Some(pa), Some(pb)) => {
                    let d = pb.value - pa.value;
                    let sign = if d > 0.0 { "+" } else if d < 0.0 { "−" } else { "" };
                    format!("{sign}{}", format::decimal(d.abs(), decimals, lang))
                }
                _ => String::new(),
            };
            Some(view! {
                <tr>
                    <th scope="row" lang="vi">
                        {series.name.clone()}
                        <span class="unit">{format!(" ({})", format::unit_label(&series.unit))}</span>
                    </th>
                    {cell(pa)}
                    {cell(pb)}
                    <td class="num">{change}</td>
                </tr>
            })
        })
        .collect_view();
    view! {
        <div class="table-wrap">
            <table class="data">
                <caption>{text::compare_caption(lang, &a.display_vn(), &b.display_vn())}</caption>
                <thead>
                    <tr>
                        <th scope="col">{lang.t(BookMsg::Test)}</th>
                        <th scope="col">{a.display_vn()}</th>
                        <th scope="col">{b.display_vn()}</th>
                        <th scope="col">{lang.t(BookMsg::Change)}</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

fn other_results(results: &[LabResult], lang: Lang) -> impl IntoView + use<> {
    let items = results
        .iter()
        .map(|r| {
            let value = r
                .value_text
                .clone()
                .or_else(|| {
                    r.value.map(|v| {
                        format!(
                            "{} {}",
                            format::decimal(v, 2, lang),
                            r.unit
                                .as_deref()
                                .map(format::unit_label)
                                .unwrap_or_default()
                        )
                    })
                })
                .unwrap_or_default();
            view! {
                <li class="item">
                    <h3 lang="vi">{r.name.clone()}</h3>
                    <p>
                        <span class="value">{value}</span>
                        " "
                        {super::flag_badge(r.flag, lang)}
                    </p>
                    {source_line(&r.source, lang)}
                    {report_control(&r.record)}
                </li>
            }
        })
        .collect_view();
    card(
        "c-other",
        "card",
        lang.t(BookMsg::OtherResults).to_owned(),
        view! { <ul class="items">{items}</ul> },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_become_ids() {
        assert_eq!(dom_id("2345-7"), "2345-7");
        assert_eq!(dom_id("text:Đường niệu"), "text----ng-ni-u");
    }
}
