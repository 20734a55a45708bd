//! Allergies (`/so-suc-khoe/di-ung`): high-risk first, each with its category, reaction, where
//! it was recorded, and a way to say it is wrong; and the form to declare one the book lacks.

use super::declare::{self, FormContext, FormStatus, Optimistic};
use super::summary::allergy_item;
use super::{Reports, Section, card, report_missing};
use crate::browser;
use crate::i18n::book::BookMsg;
use crate::i18n::book_pages::PageMsg;
use crate::i18n::declare::DeclareMsg;
use crate::i18n::{Lang, Msg, counted};
use crate::route::BookPage;
use leptos::prelude::*;
use shared::dto::book::{AllergyItem, BookAllergies, BookSection, SelfReportItem};
use shared::dto::{Allergy, AllergyCategory, Criticality, Provenance};

#[component]
pub fn AllergiesPage(patient: Option<String>) -> impl IntoView {
    let reports = Reports::provide(BookSection::Allergies, patient.clone());
    let section: Section<BookAllergies> = super::load_section("allergies", patient.clone());
    Effect::new(move |_| {
        section.state.with(|state| {
            if let crate::api::Load::Ready(data) = state {
                reports.know(&data.corrections);
            }
        })
    });
    let forms = FormContext::new(section.state, patient.clone(), optimistic);
    let body = super::body(section, |data: &BookAllergies, lang| {
        allergies(data, lang).into_any()
    });
    super::frame(
        BookMsg::Allergies,
        patient.as_deref(),
        BookPage::Summary,
        view! {
            {allergy_form(forms)}
            {body}
            {report_missing()}
        },
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
                    {declare::pending_or_report(&a.record)}
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

/// A declared allergy appears first (where the person is looking) until the store has it; the
/// next load puts it in the edge's order.
fn optimistic() -> Optimistic<BookAllergies> {
    Optimistic {
        add: |data, item, token| {
            if let SelfReportItem::Allergy {
                substance,
                category,
                severe,
                reaction,
            } = item
            {
                let allergy = Allergy {
                    substance: substance.clone(),
                    category: *category,
                    criticality: match severe {
                        Some(true) => Criticality::High,
                        Some(false) => Criticality::Low,
                        None => Criticality::Unknown,
                    },
                    reaction: reaction.clone(),
                    source: Provenance {
                        date: Some(browser::today()),
                        facility: None,
                        self_reported: true,
                    },
                };
                data.allergies.insert(
                    0,
                    AllergyItem {
                        record: token.to_owned(),
                        allergy,
                    },
                );
            }
        },
        settle: |data, token, saved| match saved.and_then(|records| records.first()) {
            Some(record) => data
                .allergies
                .iter_mut()
                .filter(|a| a.record == token)
                .for_each(|a| a.record = record.clone()),
            None => data.allergies.retain(|a| a.record != token),
        },
    }
}

/// "Khai dị ứng": what to, which kind, how serious, what happened.
fn allergy_form(forms: FormContext<BookAllergies>) -> impl IntoView {
    let open = RwSignal::new(false);
    let status = RwSignal::new(FormStatus::Idle);
    let substance = RwSignal::new(String::new());
    let kind = RwSignal::new("medication".to_owned());
    let severe = RwSignal::new("unknown".to_owned());
    let reaction = RwSignal::new(String::new());
    let submit = move || {
        let Some(what) = forms.text(substance, DeclareMsg::AllergySubstance, status) else {
            return;
        };
        let category = match kind.get_untracked().as_str() {
            "medication" => AllergyCategory::Medication,
            "food" => AllergyCategory::Food,
            "environment" => AllergyCategory::Environment,
            _ => AllergyCategory::Other,
        };
        let severe = match severe.get_untracked().as_str() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        };
        let happened = reaction.get_untracked().trim().to_owned();
        forms.send(
            SelfReportItem::Allergy {
                substance: what,
                category,
                severe,
                reaction: (!happened.is_empty()).then_some(happened),
            },
            status,
        );
    };
    declare::clear_when_saved(status, [substance, reaction]);
    let fields = move || {
        view! {
            {declare::text_input("al-substance", DeclareMsg::AllergySubstance, None, "text", substance)}
            {declare::select_input(
                "al-kind",
                DeclareMsg::AllergyKind,
                vec![
                    ("medication", DeclareMsg::KindMedication),
                    ("food", DeclareMsg::KindFood),
                    ("environment", DeclareMsg::KindChemical),
                    ("other", DeclareMsg::KindOther),
                ],
                kind,
            )}
            {declare::select_input(
                "al-severe",
                DeclareMsg::AllergySevere,
                vec![
                    ("unknown", DeclareMsg::SevereUnknown),
                    ("yes", DeclareMsg::SevereYes),
                    ("no", DeclareMsg::SevereNo),
                ],
                severe,
            )}
            {declare::text_input("al-reaction", DeclareMsg::AllergyReaction, None, "text", reaction)}
        }
        .into_any()
    };
    declare::form_shell(DeclareMsg::DeclareAllergy, open, status, submit, fields)
}
