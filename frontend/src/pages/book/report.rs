//! "Thông tin này sai / thiếu" on any item of the book: a short form that sends a correction
//! request to the facility that recorded the item, and the request's status next to the item
//! afterwards. Data freshness and mistakes are the health book's most common complaint, so the
//! way to report one is never more than a tap away.
//!
//! One form per page at most (opening another item's form closes the first), kept in a
//! page-level [`Reports`] context so it survives the page redrawing (a language switch, a
//! self-reported value arriving) with what the person typed.

use crate::api::{self, ApiFailure};
use crate::app::{Session, use_session};
use crate::i18n::book::{self as text, BookMsg};
use crate::i18n::{self, Lang, tr, use_lang};
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::dto::book::{BookSection, Correction, CorrectionKind, CorrectionRequest};

/// The key of the section-level "something is missing" form (it names no item).
const MISSING: &str = "";

/// The correction-request state of one section page.
#[derive(Clone, Copy)]
pub struct Reports {
    section: BookSection,
    patient: StoredValue<Option<String>>,
    /// The item whose form is open (its `record`, or [`MISSING`]).
    open: RwSignal<Option<String>>,
    draft: RwSignal<String>,
    kind: RwSignal<CorrectionKind>,
    sending: RwSignal<bool>,
    error: RwSignal<Option<String>>,
    /// The item whose request was just accepted, to confirm it in place.
    confirmed: RwSignal<Option<(String, Correction)>>,
    /// Requests the section's data came with.
    known: RwSignal<Vec<Correction>>,
    /// Requests sent from this page since it loaded (the data does not know them yet).
    sent: RwSignal<Vec<Correction>>,
    lang: RwSignal<Lang>,
    session: Session,
}

impl Reports {
    /// Makes the context for a page of `section` in `patient`'s book.
    pub fn provide(section: BookSection, patient: Option<String>) -> Reports {
        let reports = Reports {
            section,
            patient: StoredValue::new(patient),
            open: RwSignal::new(None),
            draft: RwSignal::new(String::new()),
            kind: RwSignal::new(CorrectionKind::Wrong),
            sending: RwSignal::new(false),
            error: RwSignal::new(None),
            confirmed: RwSignal::new(None),
            known: RwSignal::new(Vec::new()),
            sent: RwSignal::new(Vec::new()),
            lang: use_lang(),
            session: use_session(),
        };
        provide_context(reports);
        reports
    }

    /// Records the requests the page's data came with.
    pub fn know(&self, corrections: &[Correction]) {
        self.known.set(corrections.to_vec());
    }

    /// The latest request about `record`, sent now or known before.
    fn latest_for(&self, record: &str) -> Option<Correction> {
        let matches = |c: &&Correction| c.record.as_deref() == Some(record);
        self.sent
            .with(|sent| sent.iter().rev().find(matches).cloned())
            .or_else(|| self.known.with(|known| known.iter().find(matches).cloned()))
    }

    fn toggle(&self, key: &str) {
        let opening = self
            .open
            .with_untracked(|open| open.as_deref() != Some(key));
        self.error.set(None);
        self.confirmed.set(None);
        if opening {
            self.draft.set(String::new());
            self.kind.set(if key == MISSING {
                CorrectionKind::Missing
            } else {
                CorrectionKind::Wrong
            });
            self.open.set(Some(key.to_owned()));
        } else {
            self.open.set(None);
        }
    }

    fn submit(&self, key: String) {
        let lang = self.lang;
        let description = self.draft.get_untracked().trim().to_owned();
        if description.chars().count() < 5 {
            self.error.set(Some(
                lang.get_untracked().t(BookMsg::ReportTooShort).to_owned(),
            ));
            return;
        }
        let request = CorrectionRequest {
            record: (key != MISSING).then(|| key.clone()),
            section: self.section,
            kind: self.kind.get_untracked(),
            description,
            facility_code: None,
        };
        let patient = self.patient.get_value();
        let reports = *self;
        reports.sending.set(true);
        reports.error.set(None);
        // Made inside the task, where no reactive owner is current: a request the person
        // sent must not be cancelled because the page redrew meanwhile.
        spawn_local(async move {
            let answer = api::request_correction(patient.as_deref(), &request).await;
            reports.sending.set(false);
            match answer {
                Ok(correction) => {
                    reports.sent.update(|sent| sent.push(correction.clone()));
                    reports.open.set(None);
                    reports.confirmed.set(Some((key, correction)));
                }
                Err(ApiFailure::Unauthenticated) => reports.session.expire(),
                Err(failure) => reports
                    .error
                    .set(Some(i18n::failure(lang.get_untracked(), &failure))),
            }
        });
    }
}

/// The control under an item: its request status if one exists, the "wrong / missing" button,
/// and the form when open. Outside a page that provides [`Reports`], nothing.
pub fn report_control(record: &str) -> impl IntoView + use<> {
    control(record.to_owned(), BookMsg::ReportItem)
}

/// The section-level "something is missing from this section" control.
pub fn report_missing() -> impl IntoView {
    view! { <div class="report-missing">{control(MISSING.to_owned(), BookMsg::ReportMissing)}</div> }
}

fn control(key: String, label: BookMsg) -> impl IntoView {
    let reports = use_context::<Reports>()?;
    let lang = reports.lang;
    let status = {
        let key = key.clone();
        move || {
            if key == MISSING {
                return None;
            }
            let latest = reports.latest_for(&key)?;
            let lang = lang.get();
            Some(view! {
                <p class="report-status">
                    {lang.t(BookMsg::CorrectionRequested)} ": "
                    <strong>{lang.t(text::correction_status(latest.status))}</strong>
                </p>
            })
        }
    };
    let confirmation = {
        let key = key.clone();
        move || {
            reports.confirmed.with(|confirmed| {
                let (_, correction) = confirmed.as_ref().filter(|(k, _)| *k == key)?;
                Some(view! {
                    <p class="alert alert-info" role="status">
                        {text::correction_sent(lang.get(), correction.facility.as_deref())}
                    </p>
                })
            })
        }
    };
    let is_open = {
        let key = key.clone();
        move || {
            reports
                .open
                .with(|open| open.as_deref() == Some(key.as_str()))
        }
    };
    let form = {
        let is_open = is_open.clone();
        let key = key.clone();
        move || is_open().then(|| form(reports, key.clone()))
    };
    let toggle_key = key.clone();
    Some(view! {
        <div class="report">
            {status}
            <button
                type="button"
                class="link-btn"
                aria-expanded=move || if is_open() { "true" } else { "false" }
                on:click=move |_| reports.toggle(&toggle_key)
            >
                {tr(label)}
            </button>
            {form}
            {confirmation}
        </div>
    })
}

fn form(reports: Reports, key: String) -> impl IntoView {
    let lang = reports.lang;
    let about_item = key != MISSING;
    let kind_choice = about_item.then(|| {
        let radio = move |kind: CorrectionKind, msg: BookMsg| {
            view! {
                <label class="choice">
                    <input
                        type="radio"
                        name="report-kind"
                        prop:checked=move || reports.kind.get() == kind
                        on:change=move |_| reports.kind.set(kind)
                    />
                    {tr(msg)}
                </label>
            }
        };
        view! {
            <fieldset class="choices">
                <legend>{tr(BookMsg::ReportKind)}</legend>
                {radio(CorrectionKind::Wrong, BookMsg::ReportWrong)}
                {radio(CorrectionKind::Missing, BookMsg::ReportIncomplete)}
            </fieldset>
        }
    });
    let submit_key = key.clone();
    view! {
        <form
            class="report-form"
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                reports.submit(submit_key.clone());
            }
        >
            {kind_choice}
            <label for="report-text">{tr(BookMsg::ReportDescribe)}</label>
            <textarea
                id="report-text"
                rows="3"
                maxlength="1000"
                aria-describedby="report-hint"
                prop:value=move || reports.draft.get()
                on:input=move |ev| reports.draft.set(event_target_value(&ev))
            ></textarea>
            <p id="report-hint" class="hint">{tr(BookMsg::ReportHint)}</p>
            {move || {
                reports
                    .error
                    .get()
                    .map(|error| view! { <p class="form-error" role="alert">{error}</p> })
            }}
            <div class="actions">
                <button
                    type="submit"
                    class="btn btn-primary"
                    disabled=move || reports.sending.get()
                >
                    {move || {
                        lang.get()
                            .t(if reports.sending.get() { BookMsg::Sending } else { BookMsg::ReportSend })
                    }}
                </button>
                <button type="button" class="btn btn-quiet" on:click=move |_| reports.toggle(&key)>
                    {tr(BookMsg::Cancel)}
                </button>
            </div>
        </form>
    }
}
