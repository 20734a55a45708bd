//! History and risk factors (`/so-suc-khoe/tien-su`): part 2 of the national template. Birth
//! status, tobacco, alcohol, activity and exposures, long-term conditions with their ICD-10
//! code, disabilities, surgeries, family history and, where it applies, pregnancies and births;
//! and the forms to declare risk factors and family history.

use super::declare::{self, FormContext, FormStatus, Optimistic};
use super::visit::procedure_item;
use super::{Reports, Section, card, report_control, report_missing, source_line};
use crate::browser;
use crate::components::{FieldValue, field};
use crate::format;
use crate::i18n::Lang;
use crate::i18n::Texts;
use crate::i18n::book::BookMsg;
use crate::i18n::book_pages::{self as words, PageMsg};
use crate::i18n::declare::DeclareMsg;
use crate::route::BookPage;
use leptos::prelude::*;
use shared::dto::Provenance;
use shared::dto::book::{
    BirthStatus, BookHistory, BookSection, ConditionItem, FamilyHistoryItem, FamilyRelation,
    Reproductive, RiskFactor, RiskFactorKind, SelfReportItem, TobaccoStatus,
};
use std::cell::RefCell;

#[component]
pub fn HistoryPage(patient: Option<String>) -> impl IntoView {
    let reports = Reports::provide(BookSection::History, patient.clone());
    let section: Section<BookHistory> = super::load_section("history", patient.clone());
    Effect::new(move |_| {
        section.state.with(|state| {
            if let crate::api::Load::Ready(data) = state {
                reports.know(&data.corrections);
            }
        })
    });
    let forms = FormContext::new(section.state, patient.clone(), optimistic);
    let body = super::body(section, |data: &BookHistory, lang| {
        history(data, lang).into_any()
    });
    super::frame(
        BookMsg::History,
        patient.as_deref(),
        BookPage::Summary,
        view! {
            {risk_factor_form(forms)}
            {body}
            {family_history_form(forms)}
            {report_missing()}
        },
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
            {declare::pending_or_report(&r.record)}
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
            {declare::pending_or_report(&f.record)}
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

/// A pending declaration's token and the risk factor it took the place of (with its index).
type Replaced = (String, Option<(usize, RiskFactor)>);

thread_local! {
    /// The risk factor a pending declaration replaced on the page (the book shows the latest
    /// of each), to put back if the edge refuses the new one.
    static REPLACED_RISK: RefCell<Vec<Replaced>> = const { RefCell::new(Vec::new()) };
}

/// The relation as the store words it (the Vietnamese side of its label), so a pending item
/// reads the same as the saved one.
fn relation_words(relation: FamilyRelation) -> &'static str {
    relation_label(relation).texts().0
}

fn relation_label(relation: FamilyRelation) -> DeclareMsg {
    match relation {
        FamilyRelation::Father => DeclareMsg::RelFather,
        FamilyRelation::Mother => DeclareMsg::RelMother,
        FamilyRelation::Brother => DeclareMsg::RelBrother,
        FamilyRelation::Sister => DeclareMsg::RelSister,
        FamilyRelation::Son => DeclareMsg::RelSon,
        FamilyRelation::Daughter => DeclareMsg::RelDaughter,
        FamilyRelation::Grandfather => DeclareMsg::RelGrandfather,
        FamilyRelation::Grandmother => DeclareMsg::RelGrandmother,
        FamilyRelation::Uncle => DeclareMsg::RelUncle,
        FamilyRelation::Aunt => DeclareMsg::RelAunt,
        FamilyRelation::Other => DeclareMsg::RelOther,
    }
}

const RELATIONS: [(&str, FamilyRelation); 11] = [
    ("father", FamilyRelation::Father),
    ("mother", FamilyRelation::Mother),
    ("brother", FamilyRelation::Brother),
    ("sister", FamilyRelation::Sister),
    ("son", FamilyRelation::Son),
    ("daughter", FamilyRelation::Daughter),
    ("grandfather", FamilyRelation::Grandfather),
    ("grandmother", FamilyRelation::Grandmother),
    ("uncle", FamilyRelation::Uncle),
    ("aunt", FamilyRelation::Aunt),
    ("other", FamilyRelation::Other),
];

/// How a declared risk factor or relative's illness appears before the store confirms it: a
/// risk factor takes the place of the one of its kind (the page shows the latest of each); a
/// family-history item joins the end of the list.
fn optimistic() -> Optimistic<BookHistory> {
    Optimistic {
        add: |data, item, token| {
            let source = Provenance {
                date: Some(browser::today()),
                facility: None,
                self_reported: true,
            };
            let risk = |factor, tobacco, value, unit: Option<&str>, text| RiskFactor {
                record: token.to_owned(),
                factor,
                tobacco,
                value,
                unit: unit.map(str::to_owned),
                text,
                source: source.clone(),
            };
            let new_risk = match item {
                SelfReportItem::FamilyHistory {
                    relation,
                    condition,
                    code,
                    onset_age,
                } => {
                    data.family_history.push(FamilyHistoryItem {
                        record: token.to_owned(),
                        relation: relation_words(*relation).to_owned(),
                        relation_code: None,
                        condition: condition.clone(),
                        code: code.clone(),
                        onset_age: *onset_age,
                        source: source.clone(),
                    });
                    None
                }
                SelfReportItem::Tobacco { status, per_day } => Some(risk(
                    RiskFactorKind::Tobacco,
                    Some(*status),
                    per_day.filter(|_| *status == TobaccoStatus::Current),
                    Some("điếu/ngày"),
                    None,
                )),
                SelfReportItem::Alcohol { drinks_per_day } => Some(risk(
                    RiskFactorKind::Alcohol,
                    None,
                    Some(*drinks_per_day),
                    Some("đơn vị/ngày"),
                    None,
                )),
                SelfReportItem::PhysicalActivity { days_per_week } => Some(risk(
                    RiskFactorKind::PhysicalActivity,
                    None,
                    Some(f64::from(*days_per_week)),
                    Some("ngày/tuần"),
                    None,
                )),
                SelfReportItem::OccupationalExposure { description } => Some(risk(
                    RiskFactorKind::OccupationalExposure,
                    None,
                    None,
                    None,
                    Some(description.clone()),
                )),
                _ => None,
            };
            if let Some(new) = new_risk {
                let at = data
                    .risk_factors
                    .iter()
                    .position(|r| r.factor == new.factor);
                let replaced = match at {
                    Some(at) => Some((at, std::mem::replace(&mut data.risk_factors[at], new))),
                    None => {
                        data.risk_factors.push(new);
                        None
                    }
                };
                declare::remember(&REPLACED_RISK, token, replaced);
            }
        },
        settle: |data, token, saved| {
            let first = saved.and_then(|records| records.first());
            match first {
                Some(record) => {
                    for f in data.family_history.iter_mut().filter(|f| f.record == token) {
                        f.record = record.clone();
                    }
                    for r in data.risk_factors.iter_mut().filter(|r| r.record == token) {
                        r.record = record.clone();
                    }
                    declare::recall(&REPLACED_RISK, token);
                }
                None => {
                    data.family_history.retain(|f| f.record != token);
                    let at = data.risk_factors.iter().position(|r| r.record == token);
                    match (at, declare::recall(&REPLACED_RISK, token).flatten()) {
                        (Some(at), Some((_, previous))) => data.risk_factors[at] = previous,
                        (Some(at), None) => {
                            data.risk_factors.remove(at);
                        }
                        _ => {}
                    }
                }
            }
        },
    }
}

/// "Khai yếu tố nguy cơ": smoking, alcohol, activity or an exposure at work.
fn risk_factor_form(forms: FormContext<BookHistory>) -> impl IntoView {
    let open = RwSignal::new(false);
    let status = RwSignal::new(FormStatus::Idle);
    let kind = RwSignal::new("tobacco".to_owned());
    let smoking = RwSignal::new("never".to_owned());
    let amount = RwSignal::new(String::new());
    let exposure = RwSignal::new(String::new());
    let submit = move || {
        let item = match kind.get_untracked().as_str() {
            "tobacco" => {
                let status_now = match smoking.get_untracked().as_str() {
                    "current" => TobaccoStatus::Current,
                    "former" => TobaccoStatus::Former,
                    _ => TobaccoStatus::Never,
                };
                let per_day = if status_now == TobaccoStatus::Current {
                    match forms.optional_number(amount, DeclareMsg::CigarettesPerDay, status) {
                        Ok(n) => n,
                        Err(()) => return,
                    }
                } else {
                    None
                };
                SelfReportItem::Tobacco {
                    status: status_now,
                    per_day,
                }
            }
            "alcohol" => {
                let Some(drinks_per_day) = forms.number(amount, DeclareMsg::DrinksPerDay, status)
                else {
                    return;
                };
                SelfReportItem::Alcohol { drinks_per_day }
            }
            "activity" => {
                let Some(days_per_week) = forms.whole(amount, DeclareMsg::ActiveDays, status)
                else {
                    return;
                };
                SelfReportItem::PhysicalActivity { days_per_week }
            }
            _ => {
                let Some(description) =
                    forms.text(exposure, DeclareMsg::ExposureDescription, status)
                else {
                    return;
                };
                SelfReportItem::OccupationalExposure { description }
            }
        };
        forms.send(item, status);
    };
    declare::clear_when_saved(status, [amount, exposure]);
    let fields = move || {
        let kinds = vec![
            ("tobacco", DeclareMsg::RiskTobacco),
            ("alcohol", DeclareMsg::RiskAlcohol),
            ("activity", DeclareMsg::RiskActivity),
            ("exposure", DeclareMsg::RiskExposure),
        ];
        let specific = move || {
            match kind.get().as_str() {
            "tobacco" => view! {
                {declare::select_input(
                    "rf-smoking",
                    DeclareMsg::SmokingStatus,
                    vec![
                        ("never", DeclareMsg::SmokeNever),
                        ("former", DeclareMsg::SmokeFormer),
                        ("current", DeclareMsg::SmokeCurrent),
                    ],
                    smoking,
                )}
                {move || (smoking.get() == "current").then(|| {
                    declare::text_input("rf-per-day", DeclareMsg::CigarettesPerDay, None, "numeric", amount)
                })}
            }
            .into_any(),
            "alcohol" => {
                declare::text_input("rf-drinks", DeclareMsg::DrinksPerDay, None, "decimal", amount)
                    .into_any()
            }
            "activity" => {
                declare::text_input("rf-days", DeclareMsg::ActiveDays, None, "numeric", amount)
                    .into_any()
            }
            _ => declare::text_input(
                "rf-exposure",
                DeclareMsg::ExposureDescription,
                None,
                "text",
                exposure,
            )
            .into_any(),
        }
        };
        view! {
            {declare::select_input("rf-kind", DeclareMsg::WhichRiskFactor, kinds, kind)}
            {specific}
        }
        .into_any()
    };
    declare::form_shell(DeclareMsg::DeclareRiskFactor, open, status, submit, fields)
}

/// "Khai tiền sử gia đình": which relative, which illness, from what age.
fn family_history_form(forms: FormContext<BookHistory>) -> impl IntoView {
    let open = RwSignal::new(false);
    let status = RwSignal::new(FormStatus::Idle);
    let relation = RwSignal::new("father".to_owned());
    let condition = RwSignal::new(String::new());
    let onset = RwSignal::new(String::new());
    let submit = move || {
        let Some(illness) = forms.text(condition, DeclareMsg::RelativeCondition, status) else {
            return;
        };
        let onset_age = if onset.get_untracked().trim().is_empty() {
            None
        } else {
            let Some(age) = forms.whole(onset, DeclareMsg::RelativeOnsetAge, status) else {
                return;
            };
            Some(age)
        };
        let chosen = relation.get_untracked();
        let relation = RELATIONS
            .iter()
            .find(|(code, _)| *code == chosen)
            .map_or(FamilyRelation::Other, |(_, r)| *r);
        forms.send(
            SelfReportItem::FamilyHistory {
                relation,
                condition: illness,
                code: None,
                onset_age,
            },
            status,
        );
    };
    declare::clear_when_saved(status, [condition, onset]);
    let fields = move || {
        let relations = RELATIONS
            .iter()
            .map(|(code, r)| (*code, relation_label(*r)))
            .collect();
        view! {
            {declare::select_input("fh-relation", DeclareMsg::Relative, relations, relation)}
            {declare::text_input("fh-condition", DeclareMsg::RelativeCondition, None, "text", condition)}
            {declare::text_input("fh-onset", DeclareMsg::RelativeOnsetAge, None, "numeric", onset)}
        }
        .into_any()
    };
    declare::form_shell(
        DeclareMsg::DeclareFamilyHistory,
        open,
        status,
        submit,
        fields,
    )
}
