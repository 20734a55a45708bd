//! History and risk factors (`/so-suc-khoe/tien-su`): part 2 of the national template. Birth
//! status, tobacco, alcohol, activity and exposures, long-term conditions with their ICD-10
//! code, disabilities, surgeries, family history and, where it applies, pregnancies and births.

use super::visit::procedure_item;
use super::{card, report_control, source_line};
use crate::components::{FieldValue, field};
use crate::format;
use crate::i18n::Lang;
use crate::i18n::book::BookMsg;
use crate::i18n::book_pages::{self as words, PageMsg};
use leptos::prelude::*;
use shared::dto::book::{
    BirthStatus, BookHistory, BookSection, ConditionItem, FamilyHistoryItem, Reproductive,
    RiskFactor,
};

#[component]
pub fn HistoryPage(patient: Option<String>) -> impl IntoView {
    super::record_page(
        BookSection::History,
        "history",
        BookMsg::History,
        patient,
        |d: &BookHistory| &d.corrections,
        |d, _, lang| history(d, lang).into_any(),
    )
}

fn history(d: &BookHistory, lang: Lang) -> impl IntoView + use<> {
    let list = |items: Vec<AnyView>, none: PageMsg| {
        if items.is_empty() {
            view! { <p class="empty">{lang.t(none)}</p> }.into_any()
        } else {
            view! { <ul class="items">{items}</ul> }.into_any()
        }
    };
    let conditions = list(
        d.chronic_conditions
            .iter()
            .map(|c| condition(c, lang).into_any())
            .collect(),
        PageMsg::NoChronicConditions,
    );
    let risks = list(
        d.risk_factors
            .iter()
            .map(|r| risk_factor(r, lang).into_any())
            .collect(),
        PageMsg::NoRiskFactors,
    );
    let surgeries = list(
        d.surgeries
            .iter()
            .map(|p| procedure_item(p, lang).into_any())
            .collect(),
        PageMsg::NoSurgeries,
    );
    let family = list(
        d.family_history
            .iter()
            .map(|f| family_item(f, lang).into_any())
            .collect(),
        PageMsg::NoFamilyHistory,
    );
    let disabilities = (!d.disabilities.is_empty()).then(|| {
        let items = d
            .disabilities
            .iter()
            .map(|c| condition(c, lang))
            .collect_view();
        card(
            "c-disabilities",
            "card",
            lang.t(PageMsg::Disabilities).to_owned(),
            view! { <ul class="items">{items}</ul> },
        )
    });
    view! {
        <p class="owner-name" lang="vi"><strong>{d.patient.name.clone()}</strong></p>
        {card("c-chronic", "card", lang.t(PageMsg::ChronicConditions).to_owned(), conditions)}
        {card("c-risks", "card", lang.t(PageMsg::RiskFactors).to_owned(), risks)}
        {d.birth.as_ref().map(|b| birth(b, lang))}
        {disabilities}
        {card("c-surgeries", "card", lang.t(PageMsg::Surgeries).to_owned(), surgeries)}
        {card("c-family", "card", lang.t(PageMsg::FamilyHistory).to_owned(), family)}
        {d.reproductive.as_ref().map(|r| reproductive(r, lang))}
    }
}

fn condition(c: &ConditionItem, lang: Lang) -> impl IntoView + use<> {
    let code = c
        .code
        .as_ref()
        .map(|code| view! { <span class="code">{code.clone()}</span> " " });
    let onset = c
        .onset
        .map(|o| field(lang.t(PageMsg::Onset), FieldValue::text(o.display_vn())));
    view! {
        <li class="item">
            <h3>{code} <span lang="vi">{c.name.clone()}</span></h3>
            <dl class="fields fields-compact">
                {field(lang.t(PageMsg::Status), FieldValue::text(lang.t(words::condition_status(c.status))))}
                {onset}
            </dl>
            {source_line(&c.source, lang)}
            {report_control(&c.record)}
        </li>
    }
}

fn risk_factor(r: &RiskFactor, lang: Lang) -> impl IntoView + use<> {
    let mut value = match (r.tobacco, &r.text) {
        (Some(status), _) => lang.t(words::tobacco(status)).to_owned(),
        (None, Some(text)) => text.clone(),
        (None, None) => String::new(),
    };
    if let Some(v) = r.value {
        let amount = format!(
            "{} {}",
            format::decimal(v, format::decimals_needed([v]), lang),
            r.unit.clone().unwrap_or_default()
        );
        value = if value.is_empty() {
            amount
        } else {
            format!("{value} ({})", amount.trim())
        };
    }
    view! {
        <li class="item">
            <h3>{lang.t(words::risk_factor(r.factor))}</h3>
            <p lang="vi">{value}</p>
            {source_line(&r.source, lang)}
            {report_control(&r.record)}
        </li>
    }
}

fn family_item(f: &FamilyHistoryItem, lang: Lang) -> impl IntoView + use<> {
    let code = f
        .code
        .as_ref()
        .map(|code| view! { <span class="code">{code.clone()}</span> " " });
    let onset = f
        .onset_age
        .map(|a| view! { <p>{words::onset_age(lang, a)}</p> });
    view! {
        <li class="item">
            <h3>
                <span lang="vi">{f.relation.clone()}</span> ": " {code}
                <span lang="vi">{f.condition.clone()}</span>
            </h3>
            {onset}
            {source_line(&f.source, lang)}
            {report_control(&f.record)}
        </li>
    }
}

fn birth(b: &BirthStatus, lang: Lang) -> impl IntoView + use<> {
    let delivery = b.delivery.map(|m| {
        field(
            lang.t(PageMsg::Delivery),
            FieldValue::text(lang.t(words::delivery(m))),
        )
    });
    let gestation = b.gestation_weeks.map(|w| {
        let term = b.term.map(|t| lang.t(words::term(t)).to_owned());
        field(
            lang.t(PageMsg::Gestation),
            FieldValue::text(words::weeks(lang, w)).note(term),
        )
    });
    let weight = b.weight_kg.map(|kg| {
        field(
            lang.t(PageMsg::BirthWeight),
            FieldValue::text(format!("{} kg", format::decimal(kg, 2, lang))).class("value"),
        )
    });
    let length = b.length_cm.map(|cm| {
        field(
            lang.t(PageMsg::BirthLength),
            FieldValue::text(format!(
                "{} cm",
                format::decimal(cm, format::decimals_needed([cm]), lang)
            ))
            .class("value"),
        )
    });
    card(
        "c-birth",
        "card",
        lang.t(PageMsg::Birth).to_owned(),
        view! {
            <dl class="fields">{delivery} {gestation} {weight} {length}</dl>
            {source_line(&b.source, lang)}
        },
    )
}

fn reproductive(r: &Reproductive, lang: Lang) -> impl IntoView + use<> {
    let count = |n: u32| FieldValue::text(n.to_string()).class("value");
    let last = r.last_delivery.map(|d| {
        field(
            lang.t(PageMsg::LastDelivery),
            FieldValue::text(d.display_vn()),
        )
    });
    let pregnant = r.pregnant_now.then(|| {
        view! { <p class="alert alert-info">{lang.t(PageMsg::PregnantNow)}</p> }
    });
    let items = r.items.iter().map(|c| condition(c, lang)).collect_view();
    card(
        "c-reproductive",
        "card",
        lang.t(PageMsg::Reproductive).to_owned(),
        view! {
            {pregnant}
            <dl class="fields">
                {field(lang.t(PageMsg::Deliveries), count(r.deliveries))}
                {field(lang.t(PageMsg::Caesareans), count(r.caesareans))}
                {field(lang.t(PageMsg::TetanusDoses), count(r.tetanus_doses))}
                {last}
            </dl>
            <ul class="items">{items}</ul>
        },
    )
}
