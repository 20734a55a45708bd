//! Identity, the BHYT card explained, address and phone, and the people who may act for this
//! person (`/so-suc-khoe/hanh-chinh`): part 1 of the national template.

use super::summary::{identity, insurance_card};
use super::{card, source_line};
use crate::browser;
use crate::components::{FieldValue, field};
use crate::format;
use crate::i18n::book::BookMsg;
use crate::i18n::book_pages::{self as words, PageMsg};
use crate::i18n::{Lang, Msg};
use leptos::prelude::*;
use shared::date::IsoDate;
use shared::dto::book::{BookAdministrative, BookSection, InsuranceDetails, Representative};

#[component]
pub fn AdministrativePage(patient: Option<String>) -> impl IntoView {
    super::record_page(
        BookSection::Administrative,
        "administrative",
        BookMsg::Administrative,
        patient,
        |d: &BookAdministrative| &d.corrections,
        |d, _, lang| administrative(d, lang).into_any(),
    )
}

fn text_or_missing(value: &Option<String>, lang: Lang) -> FieldValue {
    match value {
        Some(v) if !v.is_empty() => FieldValue::text(v.clone()),
        _ => FieldValue::text(lang.t(Msg::NotRecorded)).class("muted"),
    }
}

fn administrative(d: &BookAdministrative, lang: Lang) -> impl IntoView + use<> {
    let today = browser::today();
    view! {
        <p class="owner-name" lang="vi"><strong>{d.patient.name.clone()}</strong></p>
        {identity(&d.patient, lang, today)}
        {card(
            "c-personal",
            "card",
            lang.t(PageMsg::Contact).to_owned(),
            view! {
                <dl class="fields">
                    {field(lang.t(PageMsg::Ethnicity), text_or_missing(&d.ethnicity, lang))}
                    {field(lang.t(PageMsg::Nationality), text_or_missing(&d.nationality, lang))}
                    {field(lang.t(PageMsg::Occupation), text_or_missing(&d.occupation, lang))}
                    {field(lang.t(PageMsg::Phone), text_or_missing(&d.phone, lang).class("number"))}
                    {field(lang.t(PageMsg::Address), text_or_missing(&d.address, lang))}
                </dl>
            },
        )}
        {insurance(d.insurance.as_ref(), lang, today)}
        {representatives(&d.representatives, lang)}
    }
}

fn insurance(
    details: Option<&InsuranceDetails>,
    lang: Lang,
    today: IsoDate,
) -> impl IntoView + use<> {
    let body = match details {
        None => view! { <p class="empty">{lang.t(Msg::NoInsurance)}</p> }.into_any(),
        Some(d) => {
            let group = FieldValue::text(match &d.group_name {
                Some(name) => format!("{} – {name}", d.group),
                None => d.group.clone(),
            });
            view! {
                {insurance_card(&d.card, lang, today)}
                <dl class="fields">{field(lang.t(PageMsg::BeneficiaryGroup), group)}</dl>
                {source_line(&d.source, lang)}
            }
            .into_any()
        }
    };
    card(
        "c-insurance",
        "card",
        lang.t(Msg::SectionInsurance).to_owned(),
        body,
    )
}

fn representatives(list: &[Representative], lang: Lang) -> impl IntoView + use<> {
    let body = if list.is_empty() {
        view! { <p class="empty">{lang.t(PageMsg::NoRepresentatives)}</p> }.into_any()
    } else {
        let items = list
            .iter()
            .map(|r| {
                let relation = r
                    .relationship_text
                    .clone()
                    .unwrap_or_else(|| lang.t(words::relationship(r.relationship)).to_owned());
                let cccd = r.cccd.as_ref().map(|c| {
                    field(
                        lang.t(Msg::Cccd),
                        FieldValue::text(format::cccd_grouped(c)).class("number"),
                    )
                });
                let phone = r.phone.as_ref().map(|p| {
                    field(
                        lang.t(PageMsg::Phone),
                        FieldValue::text(p.clone()).class("number"),
                    )
                });
                let since = r
                    .since
                    .map(|s| field(lang.t(PageMsg::Since), FieldValue::text(s.display_vn())));
                view! {
                    <li class="item">
                        <h3 lang="vi">{r.name.clone()}</h3>
                        <dl class="fields fields-compact">
                            {field(lang.t(PageMsg::Representatives), FieldValue::text(relation))}
                            {cccd}
                            {phone}
                            {since}
                        </dl>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="items">{items}</ul> }.into_any()
    };
    card(
        "c-representatives",
        "card",
        lang.t(PageMsg::Representatives).to_owned(),
        body,
    )
}
