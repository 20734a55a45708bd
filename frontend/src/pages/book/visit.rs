//! One visit (`/so-suc-khoe/kham-benh/<id>`): where and when, who saw the person, why,
//! diagnoses and outcome; then the two legally valid slips (re-exam appointment, referral)
//! before the clinical detail, because they are what the person has to act on; then
//! measurements, lab results, imaging, prescriptions and procedures.

use super::visits::{diagnoses, follow_up_item};
use super::{Reports, Section, card, report_control, report_missing, source_line};
use crate::api::{self, Load};
use crate::browser;
use crate::components::{FieldValue, field};
use crate::format;
use crate::i18n::Lang;
use crate::i18n::book::{self as text, BookMsg};
use crate::route::{BookPage, BookingQuery, Link, Route};
use leptos::prelude::*;
use shared::date::IsoDate;
use shared::dto::FacilityRef;
use shared::dto::book::{
    BookSection, ImagingReport, LabReport, Prescription, ProcedureItem, Referral, VisitDetail,
};

#[component]
pub fn VisitPage(patient: Option<String>, id: String) -> impl IntoView {
    let reports = Reports::provide(BookSection::Visits, patient.clone());
    let section: Section<VisitDetail> = {
        let patient = patient.clone();
        super::load(move || api::book_visit(patient.as_deref(), &id))
    };
    Effect::new(move |_| {
        section.state.with(|state| {
            if let Load::Ready(data) = state {
                reports.know(&data.corrections);
            }
        })
    });
    let whose = patient.clone();
    let body = super::body(section, move |data: &VisitDetail, lang| {
        visit(data, whose.clone(), lang).into_any()
    });
    super::frame(
        BookMsg::VisitTitle,
        patient.as_deref(),
        BookPage::Visits,
        view! {
            {body}
            {report_missing()}
        },
    )
}

fn visit(data: &VisitDetail, patient: Option<String>, lang: Lang) -> impl IntoView + use<> {
    let v = &data.visit;
    let text_field = |label: BookMsg, value: Option<String>| {
        value.map(|value| field(lang.t(label), FieldValue::text(value)))
    };
    let kind = v
        .kind
        .clone()
        .unwrap_or_else(|| lang.t(text::visit_class(v.class)).to_owned());
    let overview = view! {
        <dl class="fields">
            {field(lang.t(BookMsg::Date), FieldValue::text(text::visit_dates(lang, v.start, v.end)))}
            {field(lang.t(BookMsg::VisitKind), FieldValue::text(kind))}
            {text_field(BookMsg::Facility, v.facility.as_ref().map(format::facility_label))}
            {text_field(BookMsg::Department, v.department.clone())}
            {text_field(BookMsg::Room, data.room.clone())}
            {text_field(BookMsg::Clinician, data.clinician.clone())}
            {text_field(BookMsg::Reason, v.reason.clone())}
            {text_field(BookMsg::Outcome, v.outcome.clone())}
        </dl>
        {diagnoses(&v.diagnoses, lang)}
        {source_line(&v.source, lang)}
        {report_control(&v.record)}
    };
    let follow_up = data.follow_up.as_ref().map(|f| {
        card(
            "c-follow-up",
            "card card-attention",
            lang.t(BookMsg::FollowUpSlip).to_owned(),
            view! {
                <ul class="items">{follow_up_item(f, lang)}</ul>
                {book_at(
                    &f.facility,
                    f.department.clone(),
                    Some(f.date),
                    patient.clone(),
                    lang.t(BookMsg::BookFollowUp),
                )}
                {report_control(&f.record)}
            },
        )
    });
    let referral = data
        .referral
        .as_ref()
        .map(|r| referral(r, patient.clone(), lang));
    let vitals = super::visit_vitals(&data.vitals, lang).map(|fields| {
        card(
            "c-vitals",
            "card",
            lang.t(BookMsg::Vitals).to_owned(),
            fields,
        )
    });
    let labs = (!data.lab_reports.is_empty()).then(|| {
        let reports = data
            .lab_reports
            .iter()
            .map(|r| lab_report(r, lang))
            .collect_view();
        card("c-labs", "card", lang.t(BookMsg::Labs).to_owned(), reports)
    });
    let imaging = (!data.imaging.is_empty()).then(|| {
        let items = data
            .imaging
            .iter()
            .map(|r| imaging_item(r, lang))
            .collect_view();
        card(
            "c-imaging",
            "card",
            lang.t(BookMsg::Imaging).to_owned(),
            view! { <ul class="items">{items}</ul> },
        )
    });
    let prescriptions = (!data.prescriptions.is_empty()).then(|| {
        let items = data
            .prescriptions
            .iter()
            .map(|p| prescription(p, lang))
            .collect_view();
        card(
            "c-prescriptions",
            "card",
            lang.t(BookMsg::Prescriptions).to_owned(),
            view! { <ul class="items">{items}</ul> },
        )
    });
    let procedures = (!data.procedures.is_empty()).then(|| {
        let items = data
            .procedures
            .iter()
            .map(|p| procedure_item(p, lang))
            .collect_view();
        card(
            "c-procedures",
            "card",
            lang.t(BookMsg::Procedures).to_owned(),
            view! { <ul class="items">{items}</ul> },
        )
    });
    view! {
        {card("c-visit", "card", lang.t(BookMsg::VisitOverview).to_owned(), overview)}
        {follow_up}
        {referral}
        {vitals}
        {labs}
        {imaging}
        {prescriptions}
        {procedures}
    }
}

/// "Book the follow-up": the booking flow with the slip's facility, department and (future)
/// date filled in, for the person whose book is open. Nothing when the store does not know the
/// facility's code.
fn book_at(
    facility: &FacilityRef,
    department: Option<String>,
    date: Option<IsoDate>,
    patient: Option<String>,
    label: &'static str,
) -> Option<impl IntoView + use<>> {
    let query = BookingQuery {
        facility: Some(facility.code.clone()?),
        department,
        date: date
            .filter(|d| *d >= browser::today())
            .map(|d| d.to_string()),
        patient,
        reschedule: None,
    };
    Some(view! {
        <p class="actions">
            <Link to=Route::BookingStart(query) class="btn btn-primary">
                {label}
            </Link>
        </p>
    })
}

fn referral(r: &Referral, patient: Option<String>, lang: Lang) -> impl IntoView + use<> {
    view! {
        <section class="card card-attention" aria-labelledby="c-referral">
            <h2 id="c-referral">{lang.t(BookMsg::ReferralSlip)}</h2>
            <dl class="fields">
                {field(lang.t(BookMsg::ReferredTo), FieldValue::text(format::facility_label(&r.to)))}
                {r.from.clone().map(|from| field(lang.t(BookMsg::ReferredBy), FieldValue::text(from)))}
                {r.reason.clone().map(|why| field(lang.t(BookMsg::Reason), FieldValue::text(why)))}
            </dl>
            {source_line(&r.source, lang)}
            {book_at(&r.to, None, None, patient, lang.t(BookMsg::BookReferral))}
            {report_control(&r.record)}
        </section>
    }
}

fn lab_report(r: &LabReport, lang: Lang) -> impl IntoView + use<> {
    let rows = r
        .results
        .iter()
        .map(|result| {
            let decimals = result
                .value
                .map(|v| format::decimals_needed([v]))
                .unwrap_or(0);
            let value = result
                .value_text
                .clone()
                .or_else(|| result.value.map(|v| format::decimal(v, decimals, lang)))
                .unwrap_or_default();
            let range = result.range.as_ref().and_then(|range| {
                range
                    .text
                    .clone()
                    .or_else(|| format::range_text(range.low, range.high, decimals, lang))
            });
            view! {
                <tr>
                    <th scope="row" lang="vi">{result.name.clone()}</th>
                    <td class="num">
                        <strong>{value}</strong>
                        " "
                        {result.unit.as_deref().map(format::unit_label).unwrap_or_default().to_owned()}
                    </td>
                    <td class="num">{range.unwrap_or_default()}</td>
                    <td>{super::flag_badge(result.flag, lang)}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <div class="lab-report">
            <h3 lang="vi">{r.name.clone()}</h3>
            <div class="table-wrap">
                <table class="data">
                    <caption class="visually-hidden">{r.name.clone()}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{lang.t(BookMsg::Test)}</th>
                            <th scope="col">{lang.t(BookMsg::Result)}</th>
                            <th scope="col">{lang.t(BookMsg::ReferenceRange)}</th>
                            <th scope="col">{lang.t(BookMsg::Assessment)}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
            {r.conclusion.clone().map(|c| {
                view! { <p><span class="label">{lang.t(BookMsg::Conclusion)} ": "</span><span lang="vi">{c}</span></p> }
            })}
            {source_line(&r.source, lang)}
            {report_control(&r.record)}
        </div>
    }
}

fn imaging_item(r: &ImagingReport, lang: Lang) -> impl IntoView + use<> {
    view! {
        <li class="item">
            <h3 lang="vi">{r.name.clone()}</h3>
            {r.conclusion.clone().map(|c| view! { <p lang="vi">{c}</p> })}
            {source_line(&r.source, lang)}
            {report_control(&r.record)}
        </li>
    }
}

fn prescription(p: &Prescription, lang: Lang) -> impl IntoView + use<> {
    let amount = [
        p.days.map(|d| text::days(lang, d)),
        p.quantity.map(|q| {
            format!(
                "{} {}",
                format::decimal(q, 1, lang),
                p.quantity_unit.clone().unwrap_or_default()
            )
        }),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    view! {
        <li class="item">
            <h3 lang="vi">{p.drug.clone()}</h3>
            {p.dose.clone().map(|d| view! { <p lang="vi">{d}</p> })}
            {(!amount.is_empty()).then(|| view! { <p>{amount}</p> })}
            {p.reason.clone().map(|r| {
                view! { <p><span class="label">{lang.t(BookMsg::ForCondition)} ": "</span><span lang="vi">{r}</span></p> }
            })}
            {p.prescriber.clone().map(|by| {
                view! { <p><span class="label">{lang.t(BookMsg::Prescriber)} ": "</span><span lang="vi">{by}</span></p> }
            })}
            <p>
                <span class="badge badge-quiet">{lang.t(text::prescription_status(p.status))}</span>
            </p>
            {source_line(&p.source, lang)}
            {report_control(&p.record)}
        </li>
    }
}

/// A surgery or procedure (also used by the history page).
pub fn procedure_item(p: &ProcedureItem, lang: Lang) -> impl IntoView + use<> {
    view! {
        <li class="item">
            <h3 lang="vi">{p.name.clone()}</h3>
            {p.body_site.clone().map(|site| {
                view! { <p><span class="label">{lang.t(BookMsg::BodySite)} ": "</span><span lang="vi">{site}</span></p> }
            })}
            {source_line(&p.source, lang)}
            {report_control(&p.record)}
        </li>
    }
}
