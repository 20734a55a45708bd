//! Vaccinations (`/so-suc-khoe/tiem-chung`): for children, the national EPI schedule first
//! (what is done, due and overdue: what a parent must act on), then every dose given, newest
//! first, with where and when.

use super::{card, report_control, source_line};
use crate::components::{FieldValue, field};
use crate::i18n::Lang;
use crate::i18n::book::BookMsg;
use crate::i18n::book_pages::{self as words, PageMsg};
use leptos::prelude::*;
use shared::dto::book::{
    BookImmunizations, BookSection, EpiDoseStatus, EpiSchedule, EpiStatus, ImmunizationItem,
};

#[component]
pub fn ImmunizationsPage(patient: Option<String>) -> impl IntoView {
    super::record_page(
        BookSection::Immunizations,
        "immunizations",
        BookMsg::Immunizations,
        patient,
        |d: &BookImmunizations| &d.corrections,
        |d, _, lang| immunizations(d, lang).into_any(),
    )
}

fn immunizations(d: &BookImmunizations, lang: Lang) -> impl IntoView + use<> {
    let history = if d.immunizations.is_empty() {
        view! { <p class="empty">{lang.t(PageMsg::NoImmunizations)}</p> }.into_any()
    } else {
        let items = d
            .immunizations
            .iter()
            .map(|i| dose_given(i, lang))
            .collect_view();
        view! { <ul class="items">{items}</ul> }.into_any()
    };
    view! {
        <p class="owner-name" lang="vi"><strong>{d.patient.name.clone()}</strong></p>
        {d.epi.as_ref().map(|epi| epi_schedule(epi, lang))}
        {card(
            "c-doses",
            "card",
            format!("{} ({})", lang.t(PageMsg::VaccinationHistory), d.immunizations.len()),
            history,
        )}
    }
}

fn status_class(status: EpiStatus) -> &'static str {
    match status {
        EpiStatus::Done => "epi-status epi-done",
        EpiStatus::Due => "epi-status epi-due",
        EpiStatus::Overdue => "epi-status epi-overdue",
        EpiStatus::Upcoming => "epi-status epi-upcoming",
    }
}

fn epi_schedule(epi: &EpiSchedule, lang: Lang) -> impl IntoView + use<> {
    let rows = epi.doses.iter().map(|d| epi_row(d, lang)).collect_view();
    // Something to act on is an alert; otherwise the counts are a quiet line.
    let class = if epi.overdue > 0 {
        "alert alert-danger"
    } else if epi.due > 0 {
        "alert alert-warning"
    } else {
        "source"
    };
    let counts = words::epi_counts(lang, epi.done, epi.due, epi.overdue, epi.upcoming);
    card(
        "c-epi",
        "card",
        lang.t(PageMsg::EpiSchedule).to_owned(),
        view! {
            <p class="about">{lang.t(PageMsg::EpiAbout)}</p>
            <p class=class>{counts}</p>
            <ul class="epi-list">{rows}</ul>
        },
    )
}

fn epi_row(d: &EpiDoseStatus, lang: Lang) -> impl IntoView + use<> {
    let when = match d.given {
        Some(given) => format!("{} {}", lang.t(PageMsg::EpiDone), given.display_vn()),
        None => format!("{}: {}", lang.t(PageMsg::DueDate), d.due_date.display_vn()),
    };
    view! {
        <li class="epi-dose">
            <span class="epi-name" lang="vi">{d.name.clone()} " – " {words::dose(lang, d.dose)}</span>
            <span class="epi-when">{when}</span>
            <span class=status_class(d.status)>{lang.t(words::epi_status(d.status))}</span>
        </li>
    }
}

fn dose_given(i: &ImmunizationItem, lang: Lang) -> impl IntoView + use<> {
    let title = match i.dose {
        Some(n) => format!("{} – {}", i.vaccine, words::dose(lang, n)),
        None => i.vaccine.clone(),
    };
    let target = i.target.as_ref().map(|t| {
        field(
            lang.t(PageMsg::ProtectsAgainst),
            FieldValue::text(t.clone()),
        )
    });
    let series = i
        .series
        .as_ref()
        .map(|t| field(lang.t(PageMsg::Programme), FieldValue::text(t.clone())));
    let lot = i.lot.as_ref().map(|t| {
        field(
            lang.t(PageMsg::Lot),
            FieldValue::text(t.clone()).class("number"),
        )
    });
    view! {
        <li class="item">
            <h3 lang="vi">{title}</h3>
            {source_line(&i.source, lang)}
            <dl class="fields fields-compact">{target} {series} {lot}</dl>
            {report_control(&i.record)}
        </li>
    }
}
