//! Correction requests (`/so-suc-khoe/yeu-cau-sua`): every "this is wrong / missing" the
//! person (or their guardian) sent, newest first, with the facility it went to, its status and
//! the facility's answer.

use crate::components::{FieldValue, field};
use crate::i18n::Lang;
use crate::i18n::book::{self as text, BookMsg};
use crate::i18n::book_pages::{self as words, PageMsg};
use leptos::prelude::*;
use shared::dto::book::{BookCorrections, BookSection, Correction, CorrectionStatus};

#[component]
pub fn CorrectionsPage(patient: Option<String>) -> impl IntoView {
    // A "missing" request raised here has no section of its own: it goes with administrative
    // details, which the registered facility keeps.
    super::record_page(
        BookSection::Administrative,
        "corrections",
        BookMsg::Corrections,
        patient,
        |d: &BookCorrections| &d.corrections,
        |d, _, lang| corrections(d, lang).into_any(),
    )
}

fn corrections(d: &BookCorrections, lang: Lang) -> impl IntoView + use<> {
    if d.corrections.is_empty() {
        return view! { <p class="empty">{lang.t(PageMsg::NoCorrections)}</p> }.into_any();
    }
    let items = d
        .corrections
        .iter()
        .map(|c| correction(c, lang))
        .collect_view();
    view! { <ul class="items items-cards">{items}</ul> }.into_any()
}

fn status_class(status: CorrectionStatus) -> &'static str {
    match status {
        CorrectionStatus::Completed => "badge badge-ok",
        CorrectionStatus::Rejected | CorrectionStatus::Cancelled => "badge badge-muted",
        CorrectionStatus::Requested | CorrectionStatus::InProgress => "badge badge-info",
    }
}

fn correction(c: &Correction, lang: Lang) -> impl IntoView + use<> {
    let section = c.section.map(|s| lang.t(section_title(s)).to_owned());
    let title = match section {
        Some(s) => format!("{} · {s}", lang.t(words::correction_kind(c.kind))),
        None => lang.t(words::correction_kind(c.kind)).to_owned(),
    };
    let facility = c
        .facility
        .as_ref()
        .map(|f| field(lang.t(PageMsg::SentTo), FieldValue::text(f.clone())));
    let requested = c.requested.map(|d| {
        field(
            lang.t(PageMsg::RequestedOn),
            FieldValue::text(d.display_vn()),
        )
    });
    let updated = c
        .updated
        .filter(|u| Some(*u) != c.requested)
        .map(|d| field(lang.t(PageMsg::UpdatedOn), FieldValue::text(d.display_vn())));
    let response = c
        .response
        .as_ref()
        .map(|r| field(lang.t(PageMsg::FacilityAnswer), FieldValue::text(r.clone())));
    view! {
        <li class="card correction">
            <h2>{title}</h2>
            <p class="report-status">
                {lang.t(PageMsg::Status)} ": "
                <strong class=status_class(c.status)>
                    {lang.t(text::correction_status(c.status))}
                </strong>
            </p>
            <blockquote class="quote">{c.description.clone()}</blockquote>
            <dl class="fields fields-compact">{facility} {requested} {updated} {response}</dl>
        </li>
    }
}

fn section_title(section: BookSection) -> BookMsg {
    match section {
        BookSection::Administrative => BookMsg::Administrative,
        BookSection::History => BookMsg::History,
        BookSection::Allergies => BookMsg::Allergies,
        BookSection::Visits => BookMsg::Visits,
        BookSection::Labs => BookMsg::Labs,
        BookSection::Vitals => BookMsg::Vitals,
        BookSection::Immunizations => BookMsg::Immunizations,
        BookSection::Checkups => BookMsg::Checkups,
    }
}
