//! What the citizen (or their guardian) declares: measurements, blood group, allergies, family
//! history, risk factors. Stage 2 of the national plan.
//!
//! Optimistic by design, for people on 3G: the value appears in the book (marked "Tự khai" and
//! "Đang lưu…") the moment it is sent; when the store has it, the mark goes; when the edge
//! refuses it, the value is taken back out and the edge's own sentence says why. Range checks
//! are the edge's: the form only checks that a number is a number, so the person always sees
//! the same rules whether they type here or a script sends them.

use crate::api::{self, ApiFailure, Load};
use crate::app::{Session, use_session};
use crate::format;
use crate::i18n::book::BookMsg;
use crate::i18n::{self, Lang, Texts, tr, use_lang};
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::date::IsoDate;
use shared::dto::book::SelfReportItem;
use std::cell::Cell;

/// Prefix of the `record` of a value that is still being saved.
pub const PENDING: &str = "pending:";

/// Whether an item's `record` is one still being saved.
pub fn is_pending(record: &str) -> bool {
    record.starts_with(PENDING)
}

/// Where a form stands.
#[derive(Clone, Debug, PartialEq)]
pub enum FormStatus {
    Idle,
    Saving,
    Saved,
    /// Not sent: what to fix first.
    Invalid(String),
    /// Refused by the edge (its sentence); the value shown meanwhile was taken back.
    Failed(String),
}

/// How a page shows a declared value before and after the store has it.
pub struct Optimistic<T> {
    /// Adds `item` to the page's data as a pending entry with record `token`.
    pub add: fn(&mut T, &SelfReportItem, &str),
    /// Replaces the pending `token` by the saved `records` (in item order), or removes it when
    /// `records` is `None` (the edge refused).
    pub settle: fn(&mut T, &str, Option<&[String]>),
}

thread_local! {
    static NEXT_TOKEN: Cell<u32> = const { Cell::new(0) };
}

/// Shows `item` at once, sends it, then keeps or takes back what was shown.
pub fn declare<T: Send + Sync + 'static>(
    state: RwSignal<Load<T>>,
    patient: Option<String>,
    item: SelfReportItem,
    status: RwSignal<FormStatus>,
    how: Optimistic<T>,
    session: Session,
    lang: RwSignal<Lang>,
) {
    let token = NEXT_TOKEN.with(|n| {
        n.set(n.get().wrapping_add(1));
        format!("{PENDING}{}", n.get())
    });
    state.update(|state| {
        if let Load::Ready(data) = state {
            (how.add)(data, &item, &token);
        }
    });
    status.set(FormStatus::Saving);
    let report = shared::dto::book::SelfReport { items: vec![item] };
    // Made inside the task, where no reactive owner is current: the page redrawing with the
    // pending value must not cancel the request that saves it.
    spawn_local(async move {
        let answer = api::self_report(patient.as_deref(), &report).await;
        let saved = answer.as_ref().ok().map(|saved| saved.records.as_slice());
        state.update(|state| {
            if let Load::Ready(data) = state {
                (how.settle)(data, &token, saved);
            }
        });
        status.set(match answer {
            Ok(_) => FormStatus::Saved,
            Err(ApiFailure::Unauthenticated) => {
                session.expire();
                FormStatus::Idle
            }
            Err(failure) => FormStatus::Failed(i18n::failure(lang.get_untracked(), &failure)),
        });
    });
}

/// What a page's forms need to send: whose book, the page's data, how it shows a pending value.
/// Made while the page is built (contexts are read then, not in event handlers).
pub struct FormContext<T: Send + Sync + 'static> {
    state: RwSignal<Load<T>>,
    patient: StoredValue<Option<String>>,
    how: fn() -> Optimistic<T>,
    session: Session,
    pub lang: RwSignal<Lang>,
}

impl<T: Send + Sync + 'static> Clone for FormContext<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T: Send + Sync + 'static> Copy for FormContext<T> {}

impl<T: Send + Sync + 'static> FormContext<T> {
    pub fn new(
        state: RwSignal<Load<T>>,
        patient: Option<String>,
        how: fn() -> Optimistic<T>,
    ) -> Self {
        FormContext {
            state,
            patient: StoredValue::new(patient),
            how,
            session: use_session(),
            lang: use_lang(),
        }
    }

    /// Sends `item` with this page's optimistic handling; `status` is the form's.
    pub fn send(&self, item: SelfReportItem, status: RwSignal<FormStatus>) {
        declare(
            self.state,
            self.patient.get_value(),
            item,
            status,
            (self.how)(),
            self.session,
            self.lang,
        );
    }

    /// The number typed in `value`, or the form's "not a number" status for `field`.
    pub fn number(
        &self,
        value: RwSignal<String>,
        field: impl Texts,
        status: RwSignal<FormStatus>,
    ) -> Option<f64> {
        let parsed = format::parse_decimal(&value.get_untracked());
        if parsed.is_none() {
            let lang = self.lang.get_untracked();
            status.set(FormStatus::Invalid(i18n::book::not_a_number(
                lang,
                lang.t(field),
            )));
        }
        parsed
    }

    /// The number typed in `value`, `None` when left empty (`Err` when it is not a number).
    pub fn optional_number(
        &self,
        value: RwSignal<String>,
        field: impl Texts,
        status: RwSignal<FormStatus>,
    ) -> Result<Option<f64>, ()> {
        if value.get_untracked().trim().is_empty() {
            return Ok(None);
        }
        self.number(value, field, status).map(Some).ok_or(())
    }

    /// The whole number (days, years) typed in `value`, or the form's status for `field`.
    pub fn whole(
        &self,
        value: RwSignal<String>,
        field: impl Texts,
        status: RwSignal<FormStatus>,
    ) -> Option<u32> {
        let parsed = format::parse_decimal(&value.get_untracked())
            .filter(|v| *v >= 0.0 && v.fract() == 0.0 && *v <= f64::from(u32::MAX))
            .map(|v| v as u32);
        if parsed.is_none() {
            let lang = self.lang.get_untracked();
            status.set(FormStatus::Invalid(i18n::book::not_a_whole_number(
                lang,
                lang.t(field),
            )));
        }
        parsed
    }

    /// The text typed in `value`, trimmed, or the form's "fill it in" status for `field`.
    /// Lengths are the edge's to check.
    pub fn text(
        &self,
        value: RwSignal<String>,
        field: impl Texts,
        status: RwSignal<FormStatus>,
    ) -> Option<String> {
        let text = value.get_untracked().trim().to_owned();
        if text.is_empty() {
            let lang = self.lang.get_untracked();
            status.set(FormStatus::Invalid(i18n::book::required(
                lang,
                lang.t(field),
            )));
            return None;
        }
        Some(text)
    }
}

/// Empties `fields` once the store has the value, and only then: a refused value stays typed
/// so the person can correct it rather than type it again.
pub fn clear_when_saved<const N: usize>(
    status: RwSignal<FormStatus>,
    fields: [RwSignal<String>; N],
) {
    Effect::new(move |_| {
        if status.get() == FormStatus::Saved {
            for field in fields {
                field.set(String::new());
            }
        }
    });
}

/// "Đang lưu…" on an item still being saved, else the item's "this is wrong" control (a
/// value the store does not have yet cannot be reported).
pub fn pending_or_report(record: &str) -> AnyView {
    if is_pending(record) {
        view! { <p class="form-status" role="status">{tr(BookMsg::Saving)}</p> }.into_any()
    } else {
        super::report_control(record).into_any()
    }
}

/// Puts `replaced` back where it was when a pending replacement is taken back, kept per
/// token so two forms in flight cannot mix them up.
pub fn remember<V: 'static>(
    store: &'static std::thread::LocalKey<std::cell::RefCell<Vec<(String, V)>>>,
    token: &str,
    replaced: V,
) {
    store.with(|s| s.borrow_mut().push((token.to_owned(), replaced)));
}

/// What [`remember`] kept for `token`, taken out.
pub fn recall<V: 'static>(
    store: &'static std::thread::LocalKey<std::cell::RefCell<Vec<(String, V)>>>,
    token: &str,
) -> Option<V> {
    store.with(|s| {
        let mut s = s.borrow_mut();
        let at = s.iter().position(|(t, _)| t == token)?;
        Some(s.remove(at).1)
    })
}

/// The outcome line under a form: saving, saved (with the self-reported mark explained), or
/// why not (the value has been taken back).
pub fn status_line(status: RwSignal<FormStatus>) -> impl IntoView {
    let lang = use_lang();
    move || {
        let lang = lang.get();
        match status.get() {
            FormStatus::Idle => None,
            FormStatus::Saving => Some(
                view! {
                    <p class="form-status" role="status">{lang.t(BookMsg::Saving)}</p>
                }
                .into_any(),
            ),
            FormStatus::Saved => Some(
                view! {
                    <p class="alert alert-info" role="status">{lang.t(BookMsg::DeclareSaved)}</p>
                }
                .into_any(),
            ),
            FormStatus::Invalid(why) => Some(
                view! {
                    <div class="form-error" role="alert">
                        <p>{why}</p>
                    </div>
                }
                .into_any(),
            ),
            FormStatus::Failed(why) => Some(
                view! {
                    <div class="form-error" role="alert">
                        <p>{why}</p>
                        <p>{lang.t(BookMsg::DeclareRolledBack)}</p>
                    </div>
                }
                .into_any(),
            ),
        }
    }
}

/// A labelled text input bound to `value`; `inputmode` picks the phone keyboard
/// (`decimal`, `numeric`, `text`). Numbers are typed as text so "58,5" is accepted.
pub fn text_input(
    id: &'static str,
    label: impl Texts,
    unit: Option<&'static str>,
    inputmode: &'static str,
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <div class="input">
            <label for=id>{tr(label)}</label>
            <span class="input-unit">
                <input
                    id=id
                    type="text"
                    inputmode=inputmode
                    autocomplete="off"
                    prop:value=move || value.get()
                    on:input=move |ev| value.set(event_target_value(&ev))
                />
                {unit.map(|unit| view! { <span class="unit">{unit}</span> })}
            </span>
        </div>
    }
}

/// A labelled `<select>` of `options` (value, text) bound to `value`.
pub fn select_input<M: Texts>(
    id: &'static str,
    label: impl Texts,
    options: Vec<(&'static str, M)>,
    value: RwSignal<String>,
) -> impl IntoView {
    let options = options
        .into_iter()
        .map(|(code, text)| {
            view! {
                <option value=code selected=move || value.get() == code>
                    {tr(text)}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class="input">
            <label for=id>{tr(label)}</label>
            <select id=id on:change=move |ev| value.set(event_target_value(&ev))>
                {options}
            </select>
        </div>
    }
}

/// A labelled date input (today by default, never later than today).
pub fn date_input(id: &'static str, value: RwSignal<String>, today: IsoDate) -> impl IntoView {
    view! {
        <div class="input">
            <label for=id>{tr(BookMsg::MeasuredOn)}</label>
            <input
                id=id
                type="date"
                max=today.to_string()
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}

/// The date typed in `value` (empty: today, which the edge assumes).
pub fn date(value: RwSignal<String>) -> Option<IsoDate> {
    IsoDate::parse(value.get_untracked().trim())
}

/// A collapsible form: a button that opens it, the form, the outcome line.
pub fn form_shell(
    open_label: impl Texts,
    open: RwSignal<bool>,
    status: RwSignal<FormStatus>,
    on_submit: impl Fn() + Send + Sync + 'static,
    fields: impl Fn() -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    let lang = use_lang();
    let on_submit = StoredValue::new(on_submit);
    view! {
        <div class="declare">
            <button
                type="button"
                class="btn btn-quiet"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                on:click=move |_| {
                    status.set(FormStatus::Idle);
                    open.update(|o| *o = !*o);
                }
            >
                <span aria-hidden="true">"+ "</span>
                {tr(open_label)}
            </button>
            {move || {
                open.get()
                    .then(|| {
                        view! {
                            <form
                                class="declare-form"
                                novalidate
                                on:submit=move |ev| {
                                    ev.prevent_default();
                                    on_submit.with_value(|submit| submit());
                                }
                            >
                                <p class="hint">{lang.get().t(BookMsg::DeclareHint)}</p>
                                {fields()}
                                <button
                                    type="submit"
                                    class="btn btn-primary"
                                    disabled=move || status.get() == FormStatus::Saving
                                >
                                    {tr(BookMsg::Save)}
                                </button>
                            </form>
                        }
                    })
            }}
            {status_line(status)}
        </div>
    }
}
