//! The visits timeline (`/so-suc-khoe/kham-benh`) across every facility, newest first: date,
//! facility, department, reason, diagnoses, outcome, and marks for a referral slip or a
//! re-exam date. Upcoming re-exams come first: they are what the person must act on.
//!
//! The edge pages the timeline (20 visits at a time, a cursor for the next); "Xem thêm" adds
//! the next page below. The pages loaded so far are kept while the person opens a visit and
//! comes back, so "back" returns to the same list, not to page one.

use super::{Reports, Section, card, report_missing, source_line};
use crate::api::{self, ApiFailure, Load};
use crate::app::use_session;
use crate::format;
use crate::i18n::book::{self as text, BookMsg};
use crate::i18n::{self, Lang, use_lang};
use crate::route::{BookPage, Link, Route};
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::dto::book::{BookSection, BookVisits, FollowUp, VisitSummary};
use std::cell::RefCell;

thread_local! {
    /// The timeline as last shown, per book, so coming back from a visit keeps the pages.
    static SHOWN: RefCell<Option<(Option<String>, BookVisits)>> = const { RefCell::new(None) };
}

#[component]
pub fn VisitsPage(patient: Option<String>) -> impl IntoView {
    let reports = Reports::provide(BookSection::Visits, patient.clone());
    let kept = SHOWN.with(|shown| {
        shown
            .borrow()
            .as_ref()
            .filter(|(who, _)| *who == patient)
            .map(|(_, visits)| visits.clone())
    });
    let section: Section<BookVisits> = match kept {
        Some(visits) => Section {
            state: RwSignal::new(Load::Ready(visits)),
            attempt: RwSignal::new(0),
        },
        None => {
            let patient = patient.clone();
            super::load(move || api::book_visits(patient.as_deref(), None))
        }
    };
    let who = patient.clone();
    Effect::new(move |_| {
        section.state.with(|state| {
            if let Load::Ready(data) = state {
                reports.know(&data.corrections);
                SHOWN.with(|shown| *shown.borrow_mut() = Some((who.clone(), data.clone())));
            }
        })
    });
    let more = RwSignal::new(None::<ApiFailure>);
    let loading_more = RwSignal::new(false);
    let lang = use_lang();
    let session = use_session();
    let who = StoredValue::new(patient.clone());
    let load_more = move || {
        let cursor = section.state.with_untracked(|state| match state {
            Load::Ready(data) => data.next_cursor.clone(),
            _ => None,
        });
        let Some(cursor) = cursor else { return };
        loading_more.set(true);
        more.set(None);
        let request = api::book_visits(who.get_value().as_deref(), Some(&cursor));
        spawn_local(async move {
            let answer = request.await;
            loading_more.set(false);
            match answer {
                Ok(page) => section.state.update(|state| {
                    if let Load::Ready(data) = state {
                        data.visits.extend(page.visits);
                        data.next_cursor = page.next_cursor;
                        data.total = page.total.or(data.total);
                    }
                }),
                Err(ApiFailure::Aborted) => {}
                Err(ApiFailure::Unauthenticated) => session.expire(),
                Err(failure) => more.set(Some(failure)),
            }
        });
    };
    let body = super::body(section, move |data: &BookVisits, lang| {
        visits(data, who.get_value().as_deref(), lang).into_any()
    });
    let more_button = move || {
        let has_more = section.state.with(|state| match state {
            Load::Ready(data) => data.next_cursor.is_some(),
            _ => false,
        });
        has_more.then(|| {
            view! {
                <p class="more">
                    <button
                        type="button"
                        class="btn btn-quiet btn-wide"
                        disabled=move || loading_more.get()
                        on:click=move |_| load_more()
                    >
                        {move || {
                            lang.get()
                                .t(if loading_more.get() { BookMsg::Loading } else { BookMsg::MoreVisits })
                        }}
                    </button>
                </p>
            }
        })
    };
    let more_problem = move || {
        more.get().map(|failure| {
            view! { <p class="form-error" role="alert">{i18n::failure(lang.get(), &failure)}</p> }
        })
    };
    super::frame(
        BookMsg::Visits,
        patient.as_deref(),
        BookPage::Summary,
        view! {
            {body}
            {more_button}
            {more_problem}
            {report_missing()}
        },
    )
}

fn visits(data: &BookVisits, patient: Option<&str>, lang: Lang) -> impl IntoView + use<> {
    if data.visits.is_empty() {
        return super::empty(lang, BookMsg::NoVisits).into_any();
    }
    let follow_ups = (!data.upcoming_follow_ups.is_empty()).then(|| {
        let items = data
            .upcoming_follow_ups
            .iter()
            .map(|f| follow_up_item(f, lang))
            .collect_view();
        card(
            "c-follow-ups",
            "card card-attention",
            lang.t(BookMsg::UpcomingFollowUps).to_owned(),
            view! { <ul class="items">{items}</ul> },
        )
    });
    let shown = data.visits.len();
    let count = text::visits_count(lang, shown, data.total.map(|t| t as usize));
    let items = data
        .visits
        .iter()
        .map(|v| visit_item(v, patient, lang))
        .collect_view();
    view! {
        {follow_ups}
        <p class="count" role="status">{count}</p>
        <ol class="timeline">{items}</ol>
    }
    .into_any()
}

/// A re-exam appointment: the date first, big, then where.
pub fn follow_up_item(f: &FollowUp, lang: Lang) -> impl IntoView + use<> {
    let place = match &f.department {
        Some(d) => format!("{} · {d}", format::facility_label(&f.facility)),
        None => format::facility_label(&f.facility),
    };
    view! {
        <li class="item">
            <p class="value">{text::follow_up_on(lang, &f.date.display_vn())}</p>
            <p lang="vi">{place}</p>
            {f.note.clone().map(|n| view! { <p lang="vi">{n}</p> })}
        </li>
    }
}

fn visit_item(v: &VisitSummary, patient: Option<&str>, lang: Lang) -> impl IntoView + use<> {
    let when = text::visit_dates(lang, v.start, v.end);
    let kind = v
        .kind
        .clone()
        .unwrap_or_else(|| lang.t(text::visit_class(v.class)).to_owned());
    let place = [
        v.facility.as_ref().map(|f| f.name.clone()),
        v.department.clone(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    let marks = {
        let referral = v.referral.then(
            || view! { <span class="badge badge-info">{lang.t(BookMsg::ReferralIssued)}</span> },
        );
        let follow_up = v.follow_up.map(|d| {
            view! {
                <span class="badge badge-info">{text::follow_up_on(lang, &d.display_vn())}</span>
            }
        });
        (v.referral || v.follow_up.is_some())
            .then(|| view! { <p class="marks">{referral} " " {follow_up}</p> })
    };
    view! {
        <li class="visit">
            <h2 class="visit-title">
                <Link to=Route::book(patient, BookPage::Visit { id: v.id.clone() })>
                    <span class="visit-date">{when}</span>
                    <span class="visit-kind" lang="vi">{kind}</span>
                </Link>
            </h2>
            <p class="visit-place" lang="vi">{place}</p>
            {v.reason.clone().map(|r| {
                view! { <p><span class="label">{lang.t(BookMsg::Reason)} ": "</span><span lang="vi">{r}</span></p> }
            })}
            {diagnoses(&v.diagnoses, lang)}
            {v.outcome.clone().map(|o| {
                view! { <p><span class="label">{lang.t(BookMsg::Outcome)} ": "</span><span lang="vi">{o}</span></p> }
            })}
            {marks}
            {source_line(&v.source, lang)}
        </li>
    }
}

/// Diagnoses with their ICD-10 codes, the main one marked.
pub fn diagnoses(list: &[shared::dto::book::Diagnosis], lang: Lang) -> impl IntoView + use<> {
    (!list.is_empty()).then(|| {
        let items = list
            .iter()
            .map(|d| {
                view! {
                    <li>
                        {d.code.clone().map(|c| view! { <span class="code">{c}</span> " " })}
                        <span lang="vi">{d.name.clone()}</span>
                        {d.primary
                            .then(|| view! { " " <span class="badge badge-quiet">{lang.t(BookMsg::MainDiagnosis)}</span> })}
                    </li>
                }
            })
            .collect_view();
        view! {
            <div class="diagnoses">
                <span class="label">{lang.t(BookMsg::Diagnoses)}</span>
                <ul>{items}</ul>
            </div>
        }
    })
}
