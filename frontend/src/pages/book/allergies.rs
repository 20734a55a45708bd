//! Allergies (`/so-suc-khoe/di-ung`): high-risk first, each with its category, reaction, where
//! it was recorded, and a way to say it is wrong.

use super::summary::allergy_item;
use super::{card, report_control};
use crate::i18n::book::BookMsg;
use crate::i18n::book_pages::PageMsg;
use crate::i18n::{Lang, Msg, counted};
use leptos::prelude::*;
use shared::dto::book::{BookAllergies, BookSection};

#[component]
pub fn AllergiesPage(patient: Option<String>) -> impl IntoView {
    super::record_page(
        BookSection::Allergies,
        "allergies",
        BookMsg::Allergies,
        patient,
        |d: &BookAllergies| &d.corrections,
        |d, _, lang| allergies(d, lang).into_any(),
    )
}

fn allergies(d: &BookAllergies, lang: Lang) -> impl IntoView + use<> {
    if d.allergies.is_empty() {
        return view! { <p class="empty">{lang.t(PageMsg::NoAllergiesRecorded)}</p> }.into_any();
    }
    // The edge already orders them: high criticality first, then medicines.
    let items = d
        .allergies
        .iter()
        .map(|a| {
            view! {
                <div class="allergy-entry">
                    <ul class="allergies">{allergy_item(a.allergy.clone(), lang)}</ul>
                    {report_control(&a.record)}
                </div>
            }
        })
        .collect_view();
    card(
        "c-allergies",
        "card card-allergies",
        counted(lang, Msg::SectionAllergies, d.allergies.len()),
        view! {
            <p class="alert alert-warning">{lang.t(PageMsg::AllergiesWarning)}</p>
            {items}
        },
    )
    .into_any()
}
