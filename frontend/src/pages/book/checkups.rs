//! Periodic check-ups (`/so-suc-khoe/kham-dinh-ky`), newest first: the kind, the health grade,
//! the conclusion, the measurements, and the visit with everything else.

use super::{report_control, source_line, visit_vitals};
use crate::components::{FieldValue, field};
use crate::i18n::Lang;
use crate::i18n::book::BookMsg;
use crate::i18n::book_pages::PageMsg;
use crate::route::{BookPage, Link, Route};
use leptos::prelude::*;
use shared::dto::book::{BookCheckups, BookSection, Checkup};

#[component]
pub fn CheckupsPage(patient: Option<String>) -> impl IntoView {
    super::record_page(
        BookSection::Checkups,
        "checkups",
        BookMsg::Checkups,
        patient,
        |d: &BookCheckups| &d.corrections,
        |d, patient, lang| checkups(d, patient, lang).into_any(),
    )
}

fn checkups(d: &BookCheckups, patient: Option<&str>, lang: Lang) -> impl IntoView + use<> {
    if d.checkups.is_empty() {
        return view! { <p class="empty">{lang.t(PageMsg::NoCheckups)}</p> }.into_any();
    }
    let items = d
        .checkups
        .iter()
        .map(|c| checkup(c, patient, lang))
        .collect_view();
    view! { <ul class="items items-cards">{items}</ul> }.into_any()
}

fn checkup(c: &Checkup, patient: Option<&str>, lang: Lang) -> impl IntoView + use<> {
    let date = c.source.date.map(|d| d.display_vn()).unwrap_or_default();
    let grade = c.classification.as_ref().map(|g| {
        field(
            lang.t(PageMsg::Classification),
            FieldValue::text(g.clone()).class("value"),
        )
    });
    let conclusion = c
        .conclusion
        .as_ref()
        .map(|t| field(lang.t(BookMsg::Conclusion), FieldValue::text(t.clone())));
    let visit = c.visit.clone().map(|id| {
        view! {
            <p>
                <Link to=Route::book(patient, BookPage::Visit { id }) class="btn btn-quiet">
                    {lang.t(PageMsg::OpenVisit)}
                </Link>
            </p>
        }
    });
    view! {
        <li class="card">
            <h2 class="item-title">{c.kind.clone()} " · " {date}</h2>
            {source_line(&c.source, lang)}
            <dl class="fields">{grade} {conclusion}</dl>
            {visit_vitals(&c.vitals, lang)}
            {visit}
            {report_control(&c.record)}
        </li>
    }
}
