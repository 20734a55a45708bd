//! Step 3 (`/dat-lich/xac-nhan`): the held slot, the health declaration, the co-pay estimate,
//! and confirming — or, when moving an appointment, confirming the move.
//!
//! The hold lives in the flow, not the address: after a reload there is nothing held, and the
//! page says so with the way back. The confirm button is disabled while a request is out (no
//! double submits on a slow link); a failed network attempt is retried with the same
//! `Idempotency-Key`, so whatever reached the edge books exactly once.

use super::{Held, focus_id, use_flow, when};
use crate::api::{self, ApiFailure};
use crate::app::use_session;
use crate::components::{FieldValue, HoldCountdown, field, steps};
use crate::format;
use crate::i18n::booking::{self as text, BookingText as T, SYMPTOMS};
use crate::i18n::{Lang, use_lang};
use crate::route::{Link, Route, use_router};
use leptos::either::Either;
use leptos::prelude::*;
use leptos::task::spawn_local;
use shared::dto::Me;
use shared::dto::booking::{
    BookRequest, CopayEstimate, DECLARATION_TEXT_MAX, HealthDeclaration, Pregnancy,
    RescheduleRequest, codes,
};
use std::sync::Arc;

#[component]
pub fn ConfirmPage(me: Arc<Me>) -> impl IntoView {
    let _ = me;
    let lang = use_lang();
    let flow = use_flow();
    let router = use_router();
    let session = use_session();
    let Some(held) = flow.held.get_untracked() else {
        return Either::Left(move || {
            let lang = lang.get();
            view! {
                <h1>{lang.t(T::BookingTitle)}</h1>
                {steps(3, lang)}
                <p class="alert alert-info">{lang.t(T::NoHold)}</p>
                <Link to=Route::BookingStart(Default::default()) class="btn btn-primary">
                    {lang.t(T::ChooseTime)}
                </Link>
            }
        });
    };
    let Held {
        hold,
        deadline_ms,
        from,
        replaces,
    } = held;
    let expired = RwSignal::new(deadline_ms <= js_sys::Date::now());
    let submitting = RwSignal::new(false);
    let retrying = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiFailure>);
    let reason_missing = RwSignal::new(false);
    let declaration = flow.declaration;
    let moving = replaces.is_some();
    let back = Route::BookingSlots(from);

    let hold_id = hold.id.clone();
    let old_id = replaces.as_ref().map(|a| a.id.clone());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if submitting.get_untracked() || expired.get_untracked() {
            return;
        }
        let filled = declaration.get_untracked();
        if old_id.is_none() && filled.reason.trim().is_empty() {
            reason_missing.set(true);
            focus_id("reason");
            return;
        }
        let book = BookRequest {
            hold_id: hold_id.clone(),
            declaration: filled,
        };
        let move_to = RescheduleRequest {
            hold_id: hold_id.clone(),
        };
        // One key per attempt: the same body (a retry) reuses it, a changed body gets a new one.
        let body = serde_json::to_string(&book).unwrap_or_default();
        let key = match flow.attempt.get_untracked() {
            Some((key, sent)) if sent == body => key,
            _ => {
                let key = api::new_attempt_key();
                flow.attempt.set(Some((key.clone(), body)));
                key
            }
        };
        submitting.set(true);
        failure.set(None);
        let old_id = old_id.clone();
        spawn_local(async move {
            let on_retry = move || {
                retrying.try_set(true);
            };
            let answer = match &old_id {
                Some(old) => {
                    api::with_retries(|| api::reschedule(old, &key, &move_to), on_retry).await
                }
                None => api::with_retries(|| api::book(&key, &book), on_retry).await,
            };
            retrying.try_set(false);
            match answer {
                Ok(appointment) => {
                    let id = appointment.id.clone();
                    flow.held.set(None);
                    flow.attempt.set(None);
                    flow.moving.set(None);
                    flow.declaration.set(HealthDeclaration::default());
                    flow.done.set(Some((appointment, old_id.is_some())));
                    router.navigate(Route::Ticket { id });
                }
                Err(ApiFailure::Unauthenticated) => session.expire(),
                Err(refused) => {
                    if text::refusal_code(&refused) == Some(codes::HOLD_EXPIRED) {
                        expired.try_set(true);
                    }
                    failure.try_set(Some(refused));
                    submitting.try_set(false);
                }
            }
        });
    };

    let choose_again = {
        let back = back.clone();
        move |_| {
            flow.held.set(None);
            flow.refusal.set(None);
            router.navigate(back.clone());
        }
    };

    Either::Right(move || {
        let lang = lang.get();
        let hold = hold.clone();
        let slot = &hold.slot;
        let facility = &hold.facility;
        let address = format!(
            "{}, {}, {}",
            facility.address.line, facility.address.ward, facility.address.province
        );
        let summary = view! {
            <section class="card visit" aria-labelledby="visit-title">
                <h2 id="visit-title">{lang.t(T::VisitSummary)}</h2>
                <p class="visit-time">{when(lang, slot.start, slot.end)}</p>
                <dl class="fields fields-compact">
                    {field(lang.t(T::Patient), FieldValue::text(hold.patient.name.clone()))}
                    {field(lang.t(T::Facility), FieldValue::text(facility.name.clone()))}
                    {field(lang.t(T::Address), FieldValue::text(address))}
                    {field(lang.t(T::Department), FieldValue::text(slot.department.clone()))}
                    {field(lang.t(T::Doctor), FieldValue::text(slot.practitioner.clone()))}
                    {field(lang.t(T::Room), FieldValue::text(slot.room.clone()))}
                </dl>
            </section>
        };
        let moving_from = replaces.as_ref().map(|a| {
            view! {
                <div class="alert alert-info">
                    <p>{lang.t(T::MovingFrom)}</p>
                    <p class="strong">{when(lang, a.start, a.end)}</p>
                </div>
            }
        });
        let choose_again = choose_again.clone();
        let over = move || {
            expired.get().then(|| {
                let choose_again = choose_again.clone();
                view! {
                    <div class="problem" role="alert">
                        <p>{lang.t(T::HoldOver)}</p>
                        <button type="button" class="btn btn-primary" on:click=choose_again>
                            {lang.t(T::ChooseAgain)}
                        </button>
                    </div>
                }
            })
        };
        let problem = move || {
            failure.get().filter(|_| !expired.get()).map(|f| {
                let sentence = if f == ApiFailure::Network {
                    lang.t(T::ErrUnsure).to_owned()
                } else {
                    text::failure(lang, &f)
                };
                view! { <div class="problem" role="alert"><p>{sentence}</p></div> }
            })
        };
        let status = move || {
            retrying
                .get()
                .then(|| view! { <p class="alert alert-info">{lang.t(T::RetryingSlow)}</p> })
        };
        let (label, busy_label) = if moving {
            (T::ConfirmMove, T::Moving)
        } else {
            (T::Confirm, T::Confirming)
        };
        let form_fields = (!moving).then(|| declaration_fields(declaration, reason_missing, lang));
        let back = back.clone();
        view! {
            <h1>{lang.t(T::BookingTitle)}</h1>
            {steps(3, lang)}
            <HoldCountdown deadline_ms=deadline_ms total_ms=format::HOLD_MS expired=expired />
            {over}
            {moving_from}
            {summary}
            <form class="declaration" on:submit=submit.clone() novalidate>
                <fieldset class="plain" disabled=move || submitting.get() || expired.get()>
                    {form_fields}
                    {estimate(&hold.estimate, lang)}
                    {problem}
                    {status}
                    <button type="submit" class="btn btn-primary btn-big" aria-busy=move || submitting.get().then_some("true")>
                        {move || lang.t(if submitting.get() { busy_label } else { label })}
                    </button>
                </fieldset>
            </form>
            <p class="center">
                <Link to=back class="btn btn-quiet">{lang.t(T::ChooseOther)}</Link>
            </p>
        }
    })
}

/// The short declaration: reason (required), symptoms, contacts, travel, pregnancy, notes.
fn declaration_fields(
    declaration: RwSignal<HealthDeclaration>,
    reason_missing: RwSignal<bool>,
    lang: Lang,
) -> impl IntoView {
    let max = DECLARATION_TEXT_MAX.to_string();
    let symptoms = SYMPTOMS
        .into_iter()
        .map(|s| {
            view! {
                <label class="check">
                    <input
                        type="checkbox"
                        prop:checked=move || declaration.with(|d| d.symptoms.contains(&s))
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            declaration.update(|d| {
                                d.symptoms.retain(|x| *x != s);
                                if on {
                                    d.symptoms.push(s);
                                }
                            });
                        }
                    />
                    <span>{text::symptom(lang, s)}</span>
                </label>
            }
        })
        .collect_view();
    let pregnancy = [
        Pregnancy::NotApplicable,
        Pregnancy::No,
        Pregnancy::Yes,
        Pregnancy::Unsure,
    ]
    .into_iter()
    .map(|p| {
        view! {
            <label class="check">
                <input
                    type="radio"
                    name="pregnancy"
                    prop:checked=move || declaration.with(|d| d.pregnancy == p)
                    on:change=move |_| declaration.update(|d| d.pregnancy = p)
                />
                <span>{text::pregnancy(lang, p)}</span>
            </label>
        }
    })
    .collect_view();
    view! {
        <section class="card" aria-labelledby="declaration-title">
            <h2 id="declaration-title">{lang.t(T::DeclarationTitle)}</h2>
            <p class="hint">{lang.t(T::DeclarationHint)}</p>
            <label for="reason" class="label">{lang.t(T::Reason)} " *"</label>
            <textarea
                id="reason"
                class="input"
                rows="3"
                required
                maxlength=max.clone()
                placeholder=lang.t(T::ReasonHint)
                aria-invalid=move || if reason_missing.get() { "true" } else { "false" }
                aria-describedby="reason-error"
                prop:value=move || declaration.with(|d| d.reason.clone())
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    if !value.trim().is_empty() {
                        reason_missing.set(false);
                    }
                    declaration.update(|d| d.reason = value);
                }
            ></textarea>
            <p id="reason-error" class="field-status">
                {move || reason_missing.get().then(|| view! {
                    <span class="field-error">{lang.t(T::ErrReasonMissing)}</span>
                })}
            </p>
            <fieldset class="group">
                <legend>{lang.t(T::Symptoms)}</legend>
                <p class="hint">{lang.t(T::SymptomsHint)}</p>
                <div class="checks">{symptoms}</div>
            </fieldset>
            {yes_no(
                declaration,
                "contact",
                lang.t(T::InfectiousContact),
                lang,
                |d| d.infectious_contact,
                |d, v| d.infectious_contact = v,
            )}
            {yes_no(
                declaration,
                "travel",
                lang.t(T::RecentTravel),
                lang,
                |d| d.recent_travel,
                |d, v| d.recent_travel = v,
            )}
            <fieldset class="group">
                <legend>{lang.t(T::PregnancyQuestion)}</legend>
                <div class="checks">{pregnancy}</div>
            </fieldset>
            <label for="notes" class="label">{lang.t(T::Notes)}</label>
            <textarea
                id="notes"
                class="input"
                rows="2"
                maxlength=max
                placeholder=lang.t(T::NotesHint)
                prop:value=move || declaration.with(|d| d.notes.clone().unwrap_or_default())
                on:input=move |ev| {
                    let value = event_target_value(&ev);
                    declaration.update(|d| d.notes = Some(value).filter(|v| !v.trim().is_empty()));
                }
            ></textarea>
        </section>
    }
}

/// A yes/no question as two large radio buttons; "No" until the person says otherwise.
fn yes_no(
    declaration: RwSignal<HealthDeclaration>,
    name: &'static str,
    question: &'static str,
    lang: Lang,
    get: fn(&HealthDeclaration) -> bool,
    set: fn(&mut HealthDeclaration, bool),
) -> impl IntoView {
    let option = move |value: bool, label: T| {
        view! {
            <label class="check">
                <input
                    type="radio"
                    name=name
                    prop:checked=move || declaration.with(|d| get(d) == value)
                    on:change=move |_| declaration.update(|d| set(d, value))
                />
                <span>{lang.t(label)}</span>
            </label>
        }
    };
    view! {
        <fieldset class="group">
            <legend>{question}</legend>
            <div class="checks checks-row">
                {option(false, T::No)}
                {option(true, T::Yes)}
            </div>
        </fieldset>
    }
}

/// The co-pay estimate, labelled as an estimate in both languages whatever the interface
/// language, with the rule it used and what it leaves out.
fn estimate(e: &CopayEstimate, lang: Lang) -> impl IntoView + use<> {
    let fund = match e.benefit_level {
        Some(level) => format!(
            "{} ({})",
            text::percent(e.fund_pays_percent),
            text::benefit(lang, level)
        ),
        None => text::percent(e.fund_pays_percent),
    };
    let note = match lang {
        Lang::Vi => e.note_vi.clone(),
        Lang::En => e.note_en.clone(),
    };
    view! {
        <section class="card estimate" aria-labelledby="estimate-title">
            <h2 id="estimate-title">
                {lang.t(T::EstimateTitle)} " "
                <span class="badge badge-estimate">"Ước tính / Estimate"</span>
            </h2>
            <dl class="fields fields-compact">
                {field(lang.t(T::ExamFee), FieldValue::text(format::vnd(u64::from(e.exam_fee_vnd))))}
                {field(lang.t(T::FundPays), FieldValue::text(fund))}
                {field(lang.t(T::YouPay), FieldValue::text(format::vnd(u64::from(e.patient_pays_vnd))).class("value"))}
            </dl>
            <p>{note}</p>
            <p class="small muted">{lang.t(T::EstimateDisclaimer)}</p>
        </section>
    }
}
