//! The health book's first screen (`/` and `/so-suc-khoe[?patient=]`): who the book belongs
//! to, their allergies, their insurance card and their latest measurements.
//!
//! Allergies come right after the identity block: they are the one thing a doctor or a
//! relative must not miss (international patient summaries put them first for that reason).
//! Every recorded item says when and where it was recorded, because "is this up to date?" is
//! the first question people ask of their health record.

use super::provenance;
use crate::api::{self, Load};
use crate::browser;
use crate::components::{FieldValue, Loading, Problem, Skeleton, field};
use crate::format::{self, CardValidity};
use crate::i18n::book::BookMsg;
use crate::i18n::{self, Lang, Msg, use_lang};
use crate::route::{BookPage, Link, Route};
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use shared::date::IsoDate;
use shared::dto::{
    Allergy, AllergyCategory, BookSummary, Criticality, InsuranceCard, LatestVitals, PatientHeader,
    Provenance,
};
use shared::id::{BenefitLevel, Sex};

/// The summary of `patient`'s book (`None`: the signed-in person's own).
#[component]
pub fn SummaryPage(patient: Option<String>) -> impl IntoView {
    let lang = use_lang();
    let shown = patient.clone();
    let super::Section { state, attempt } =
        super::load(move || api::book_summary(patient.as_deref()));

    // The page is redrawn as a whole when the language changes: it is plain data, and one
    // redraw is cheaper in code than a reactive closure around every label.
    move || {
        let lang = lang.get();
        state.with(|state| match state {
            Load::Loading => EitherOf3::A(view! {
                <div class="book" aria-busy="true">
                    <Loading msg=Msg::LoadingBook />
                    <Skeleton />
                </div>
            }),
            Load::Failed(failure) => {
                EitherOf3::B(view! { <Problem failure=failure.clone() attempt=attempt /> })
            }
            Load::Ready(book) => {
                EitherOf3::C(book_view(book, shown.as_deref(), lang, browser::today()))
            }
        })
    }
}

fn book_view(
    book: &BookSummary,
    patient: Option<&str>,
    lang: Lang,
    today: IsoDate,
) -> impl IntoView + use<> {
    // Names are Vietnamese whatever the interface language: `lang="vi"` lets a screen reader
    // in English mode still pronounce them with a Vietnamese voice.
    view! {
        <div class="book">
            <h1 lang="vi">{book.patient.name.clone()}</h1>
            {identity(&book.patient, lang, today)}
            {allergies(&book.allergies, lang)}
            {insurance(book.insurance.as_ref(), lang, today)}
            {vitals(&book.vitals, lang)}
            {sections(patient, lang)}
        </div>
    }
}

/// Every section of the book, as large links with a line on what each holds.
fn sections(patient: Option<&str>, lang: Lang) -> impl IntoView + use<> {
    const SECTIONS: [(BookPage, BookMsg, BookMsg); 10] = [
        (BookPage::Visits, BookMsg::Visits, BookMsg::VisitsAbout),
        (BookPage::Labs, BookMsg::Labs, BookMsg::LabsAbout),
        (BookPage::Vitals, BookMsg::Vitals, BookMsg::VitalsAbout),
        (
            BookPage::Immunizations,
            BookMsg::Immunizations,
            BookMsg::ImmunizationsAbout,
        ),
        (
            BookPage::Allergies,
            BookMsg::Allergies,
            BookMsg::AllergiesAbout,
        ),
        (BookPage::History, BookMsg::History, BookMsg::HistoryAbout),
        (
            BookPage::Checkups,
            BookMsg::Checkups,
            BookMsg::CheckupsAbout,
        ),
        (
            BookPage::Administrative,
            BookMsg::Administrative,
            BookMsg::AdministrativeAbout,
        ),
        (
            BookPage::Corrections,
            BookMsg::Corrections,
            BookMsg::CorrectionsAbout,
        ),
        (BookPage::Print, BookMsg::Print, BookMsg::PrintAbout),
    ];
    let links = SECTIONS
        .into_iter()
        .map(|(page, title, about)| {
            view! {
                <li>
                    <Link to=Route::book(patient, page) class="section-link">
                        <span class="section-title">{lang.t(title)}</span>
                        <span class="section-about">{lang.t(about)}</span>
                    </Link>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="sections" aria-labelledby="s-sections">
            <h2 id="s-sections">{lang.t(BookMsg::SectionsTitle)}</h2>
            <ul>{links}</ul>
        </nav>
    }
}

/// A section of the book: a card with a heading that names it for assistive technology.
fn section(
    id: &'static str,
    class: &'static str,
    title: String,
    body: impl IntoView,
) -> impl IntoView {
    view! {
        <section class=class aria-labelledby=id>
            <h2 id=id>{title}</h2>
            {body}
        </section>
    }
}

fn not_recorded(lang: Lang) -> FieldValue {
    FieldValue::text(lang.t(Msg::NotRecorded)).class("muted")
}

pub(super) fn identity(
    patient: &PatientHeader,
    lang: Lang,
    today: IsoDate,
) -> impl IntoView + use<> {
    let birth = match patient.birth_date {
        Some(date) => FieldValue::text(match format::age_on(date, today) {
            Some(age) => format!("{} ({})", date.display_vn(), i18n::age(lang, age)),
            None => date.display_vn(),
        }),
        None => not_recorded(lang),
    };
    let sex = FieldValue::text(lang.t(match patient.sex {
        Sex::Male => Msg::SexMale,
        Sex::Female => Msg::SexFemale,
        Sex::Other => Msg::SexOther,
        Sex::Unknown => Msg::SexUnknown,
    }));
    let cccd = match &patient.cccd {
        Some(cccd) => FieldValue::text(format::cccd_grouped(cccd)).class("number"),
        None => not_recorded(lang),
    };
    section(
        "s-identity",
        "card",
        lang.t(Msg::SectionIdentity).to_owned(),
        view! {
            <dl class="fields">
                {field(lang.t(Msg::DateOfBirth), birth)}
                {field(lang.t(Msg::Sex), sex)}
                {field(lang.t(Msg::Cccd), cccd)}
            </dl>
        },
    )
}

fn allergies(recorded: &[Allergy], lang: Lang) -> impl IntoView + use<> {
    if recorded.is_empty() {
        return Either::Left(section(
            "s-allergies",
            "card",
            lang.t(Msg::SectionAllergies).to_owned(),
            view! { <p class="empty">{lang.t(Msg::NoAllergies)}</p> },
        ));
    }
    let items = format::allergies_in_order(recorded)
        .into_iter()
        .map(|allergy| allergy_item(allergy, lang))
        .collect_view();
    Either::Right(section(
        "s-allergies",
        "card card-allergies",
        i18n::counted(lang, Msg::SectionAllergies, recorded.len()),
        view! { <ul class="allergies">{items}</ul> },
    ))
}

pub(super) fn allergy_item(allergy: Allergy, lang: Lang) -> impl IntoView {
    let high = allergy.criticality == Criticality::High;
    let category = FieldValue::text(lang.t(match allergy.category {
        AllergyCategory::Medication => Msg::AllergyMedication,
        AllergyCategory::Food => Msg::AllergyFood,
        AllergyCategory::Environment => Msg::AllergyEnvironment,
        AllergyCategory::Biologic => Msg::AllergyBiologic,
        AllergyCategory::Other => Msg::AllergyOther,
    }));
    let reaction = allergy
        .reaction
        .map(|reaction| field(lang.t(Msg::Reaction), FieldValue::text(reaction)));
    let (line, badge) = provenance(&allergy.source, lang);
    let recorded = (!line.is_empty() || badge.is_some())
        .then(|| field(lang.t(Msg::Source), FieldValue::text(line).badge(badge)));
    view! {
        <li class=if high { "allergy allergy-high" } else { "allergy" }>
            <h3>
                {allergy.substance}
                {high
                    .then(|| {
                        view! {
                            " "
                            <span class="badge badge-danger">{lang.t(Msg::HighRisk)}</span>
                        }
                    })}
            </h3>
            <dl class="fields fields-compact">
                {field(lang.t(Msg::AllergyCategory), category)} {reaction} {recorded}
            </dl>
        </li>
    }
}

fn insurance(card: Option<&InsuranceCard>, lang: Lang, today: IsoDate) -> impl IntoView + use<> {
    let body = match card {
        None => Either::Left(view! { <p class="empty">{lang.t(Msg::NoInsurance)}</p> }),
        Some(card) => Either::Right(insurance_card(card, lang, today)),
    };
    section(
        "s-insurance",
        "card",
        lang.t(Msg::SectionInsurance).to_owned(),
        body,
    )
}

pub(super) fn insurance_card(
    card: &InsuranceCard,
    lang: Lang,
    today: IsoDate,
) -> impl IntoView + use<> {
    let end = card.expires.map(IsoDate::display_vn).unwrap_or_default();
    let warning = match format::card_validity(card.valid_from, card.expires, today) {
        CardValidity::Valid => None,
        CardValidity::Expired => Some(("alert alert-danger", i18n::card_expired(lang, &end))),
        CardValidity::EndingSoon { days_left } => Some((
            "alert alert-warning",
            i18n::card_expiring(lang, days_left, &end),
        )),
        CardValidity::NotYetValid => Some((
            "alert alert-info",
            i18n::card_not_yet_valid(
                lang,
                &card.valid_from.map(IsoDate::display_vn).unwrap_or_default(),
            ),
        )),
    };
    let note = BenefitLevel::new(card.benefit_level)
        .ok()
        .map(|level| match lang {
            Lang::Vi => level.note_vi().to_owned(),
            Lang::En => level.note_en().to_owned(),
        });
    let benefit = FieldValue::text(i18n::benefit_level(
        lang,
        card.benefit_level,
        card.coverage_percent,
    ))
    .note(note);
    let validity = if card.expires.is_some() {
        FieldValue::text(i18n::valid_until(lang, &end))
    } else {
        FieldValue::text(lang.t(Msg::NoEndDate))
    };
    let facility = match &card.registered_facility {
        Some(facility) => FieldValue::text(format::facility_label(facility)),
        None => not_recorded(lang),
    };
    let number = FieldValue::text(format::bhyt_grouped(&card.number)).class("number");
    view! {
        {warning.map(|(class, text)| view! { <p class=class>{text}</p> })}
        <dl class="fields">
            {field(lang.t(Msg::CardNumber), number)} {field(lang.t(Msg::Benefits), benefit)}
            {field(lang.t(Msg::Validity), validity)}
            {field(lang.t(Msg::RegisteredFacility), facility)}
        </dl>
    }
}

fn vitals(latest: &LatestVitals, lang: Lang) -> impl IntoView + use<> {
    let nothing =
        latest.height.is_none() && latest.weight.is_none() && latest.blood_pressure.is_none();
    let body = if nothing {
        Either::Left(view! { <p class="empty">{lang.t(Msg::NoVitals)}</p> })
    } else {
        let measured = |value: Option<(String, &Provenance)>| match value {
            Some((value, source)) => {
                let (line, badge) = provenance(source, lang);
                FieldValue::text(value)
                    .class("value")
                    .note(Some(line))
                    .badge(badge)
            }
            None => not_recorded(lang),
        };
        let height = measured(
            latest
                .height
                .as_ref()
                .map(|m| (format::measurement(m, lang), &m.source)),
        );
        let weight = measured(
            latest
                .weight
                .as_ref()
                .map(|m| (format::measurement(m, lang), &m.source)),
        );
        let pressure = measured(latest.blood_pressure.as_ref().map(|bp| {
            (
                format::blood_pressure(bp.systolic, bp.diastolic),
                &bp.source,
            )
        }));
        let bmi = match (&latest.height, &latest.weight) {
            (Some(h), Some(w)) => format::bmi(h, w),
            _ => None,
        }
        .map(|bmi| {
            let value = FieldValue::text(format!("{} kg/m²", format::decimal(bmi, 1, lang)))
                .class("value")
                .note(Some(lang.t(Msg::BmiComputed).to_owned()));
            field(lang.t(Msg::Bmi), value)
        });
        Either::Right(view! {
            <dl class="fields">
                {field(lang.t(Msg::Height), height)} {field(lang.t(Msg::Weight), weight)}
                {field(lang.t(Msg::BloodPressure), pressure)} {bmi}
            </dl>
        })
    };
    section(
        "s-vitals",
        "card",
        lang.t(Msg::SectionVitals).to_owned(),
        body,
    )
}
