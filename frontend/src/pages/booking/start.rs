//! Step 1 (`/dat-lich[?facility=&department=&date=&patient=]`): for whom, and where.
//!
//! The registered primary-care facility comes first (the Ministry's "type the BHYT number and
//! the system tells you where"); other facilities are one search away. For someone who is not
//! linked to the signed-in citizen (an elderly parent with their own card), the person types
//! their card or ID number, checked in the browser as it is typed, and their date of birth.
//! A `facility` in the address (a re-exam slip's "book the follow-up") is proposed first.

use super::{Who, loading, problem, use_flow};
use crate::api::{self, FacilitySearch, Load};
use crate::components::steps;
use crate::i18n::booking::{self as text, BookingText as T};
use crate::i18n::{Lang, use_lang};
use crate::route::{BookingQuery, Route, use_router};
use leptos::either::{Either, EitherOf3};
use leptos::prelude::*;
use shared::date::IsoDate;
use shared::dto::Me;
use shared::dto::booking::{FacilityLevel, FacilityList, FacilitySummary};
use shared::id::{IdError, InsuranceLookup};
use std::sync::Arc;

/// The 34 provinces and centrally-run cities since 1 July 2025, for the search filter.
const PROVINCES: [&str; 34] = [
    "Hà Nội",
    "TP. Hồ Chí Minh",
    "Hải Phòng",
    "Đà Nẵng",
    "Cần Thơ",
    "Huế",
    "An Giang",
    "Bắc Ninh",
    "Cà Mau",
    "Cao Bằng",
    "Đắk Lắk",
    "Điện Biên",
    "Đồng Nai",
    "Đồng Tháp",
    "Gia Lai",
    "Hà Tĩnh",
    "Hưng Yên",
    "Khánh Hòa",
    "Lai Châu",
    "Lâm Đồng",
    "Lạng Sơn",
    "Lào Cai",
    "Nghệ An",
    "Ninh Bình",
    "Phú Thọ",
    "Quảng Ngãi",
    "Quảng Ninh",
    "Quảng Trị",
    "Sơn La",
    "Tây Ninh",
    "Thái Nguyên",
    "Thanh Hóa",
    "Tuyên Quang",
    "Vĩnh Long",
];

#[component]
pub fn StartPage(me: Arc<Me>, query: BookingQuery) -> impl IntoView {
    let lang = use_lang();
    let flow = use_flow();
    let router = use_router();

    // A link may say whose visit it is (a child's re-exam slip); a dependant left over from
    // another account is forgotten.
    if let Some(who) = query
        .patient
        .as_deref()
        .and_then(|id| Who::dependant(&me, id))
    {
        flow.who.set(who);
    } else if let Who::Dependant { id, .. } = flow.who.get_untracked()
        && Who::dependant(&me, &id).is_none()
    {
        flow.who.set(Who::Me);
    }
    flow.moving.set(None);

    // "Someone else" is chosen before their number is valid: the radio and the form show,
    // while `flow.who` changes only once a valid number and birth date are given.
    let other_open = RwSignal::new(matches!(flow.who.get_untracked(), Who::Other { .. }));
    let (number, birth) = match flow.who.get_untracked() {
        Who::Other { number, birth_date } => (number, birth_date.to_string()),
        _ => (String::new(), String::new()),
    };
    let number = RwSignal::new(number);
    let birth = RwSignal::new(birth);
    let touched = RwSignal::new(false);

    let filters = RwSignal::new(FacilitySearch::default());
    let list = RwSignal::new(Load::<FacilityList>::Loading);
    let retry = RwSignal::new(0_u32);
    // Whose registered facility to propose: a number typed for someone else, or one's own.
    let lookup = Memo::new(move |_| match flow.who.get() {
        Who::Other { number, .. } => Some(number),
        _ => None,
    });
    Effect::new(move |_| {
        retry.track();
        let mut search = filters.get();
        match lookup.get().as_deref().map(InsuranceLookup::parse) {
            Some(Ok(InsuranceLookup::PersonalId(id))) => search.cccd = Some(id.as_str().into()),
            Some(Ok(InsuranceLookup::Card(card))) => search.bhyt = Some(card.as_str().into()),
            Some(Ok(InsuranceLookup::SocialInsurance(n))) => search.bhyt = Some(n.as_str().into()),
            _ => {}
        }
        super::load(list, api::facilities(&search));
    });

    let prefill = query.clone();
    let choose = Callback::new(move |facility: FacilitySummary| {
        let query = BookingQuery {
            facility: Some(facility.code.clone()),
            department: prefill.department.clone(),
            date: prefill.date.clone(),
            patient: flow.who.get_untracked().patient_id(),
            reschedule: None,
        };
        flow.facility.set(Some(facility));
        flow.refusal.set(None);
        router.navigate(Route::BookingSlots(query));
    });
    let linked = query.facility.clone();
    let number_error = move || -> Option<IdError> {
        let typed = number.get();
        InsuranceLookup::parse(&typed).err()
    };
    let submit_other = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.set(true);
        let Ok(lookup) = InsuranceLookup::parse(&number.get_untracked()) else {
            return;
        };
        let Some(birth_date) = IsoDate::parse(&birth.get_untracked()) else {
            return;
        };
        let number = match lookup {
            InsuranceLookup::Card(c) => c.as_str().to_owned(),
            InsuranceLookup::SocialInsurance(n) => n.as_str().to_owned(),
            InsuranceLookup::PersonalId(id) => id.as_str().to_owned(),
        };
        flow.who.set(Who::Other { number, birth_date });
    };

    let me_for_view = me.clone();
    move || {
        let lang = lang.get();
        let me = me_for_view.clone();
        let who_choice = |value: Who, label: String| {
            let selected = value.clone();
            let checked = move || !other_open.get() && flow.who.with(|w| *w == selected);
            view! {
                <label class="choice">
                    <input
                        type="radio"
                        name="who"
                        prop:checked=checked
                        on:change=move |_| {
                            other_open.set(false);
                            flow.who.set(value.clone());
                        }
                    />
                    <span lang="vi">{label}</span>
                </label>
            }
        };
        let mine = who_choice(Who::Me, me.name.clone() + " (" + lang.t(T::ForMe) + ")");
        let dependants = me
            .dependants
            .iter()
            .map(|d| {
                who_choice(
                    Who::Dependant {
                        id: d.patient.clone(),
                        name: d.name.clone(),
                    },
                    d.name.clone(),
                )
            })
            .collect_view();
        let other_form = move || {
            other_open.get().then(|| {
                let show_error = move || touched.get() || number.with(|n| n.len() >= 10);
                let error = move || {
                    show_error()
                        .then(number_error)
                        .flatten()
                        .map(|e| match lang {
                            Lang::Vi => e.message_vi(),
                            Lang::En => e.message_en(),
                        })
                };
                let birth_missing = move || {
                    touched.get() && IsoDate::parse(&birth.get()).is_none()
                };
                view! {
                    <form class="other-person" on:submit=submit_other novalidate>
                        <p class="hint">{lang.t(T::OtherHint)}</p>
                        <label for="who-number">{lang.t(T::NumberLabel)}</label>
                        <input
                            id="who-number"
                            class="input"
                            autocomplete="off"
                            autocapitalize="characters"
                            spellcheck="false"
                            placeholder=lang.t(T::NumberHint)
                            aria-describedby="who-number-status"
                            aria-invalid=move || if error().is_some() { "true" } else { "false" }
                            prop:value=move || number.get()
                            on:input=move |ev| number.set(event_target_value(&ev))
                        />
                        <p id="who-number-status" class="field-status" aria-live="polite">
                            {move || match error() {
                                Some(message) => Either::Left(view! { <span class="field-error">{message}</span> }),
                                None => Either::Right(
                                    number_error()
                                        .is_none()
                                        .then(|| view! { <span class="field-ok">"✓ " {lang.t(T::NumberOk)}</span> }),
                                ),
                            }}
                        </p>
                        <label for="who-birth">{lang.t(T::BirthDateLabel)}</label>
                        <input
                            id="who-birth"
                            class="input"
                            type="date"
                            max=crate::browser::today().to_string()
                            aria-invalid=move || if birth_missing() { "true" } else { "false" }
                            prop:value=move || birth.get()
                            on:input=move |ev| birth.set(event_target_value(&ev))
                        />
                        {move || birth_missing().then(|| view! {
                            <p class="field-status"><span class="field-error" role="alert">{lang.t(T::ErrBirthDateMissing)}</span></p>
                        })}
                        <button type="submit" class="btn btn-primary">{lang.t(T::FindRegistered)}</button>
                    </form>
                }
            })
        };
        let linked = linked.clone();
        let facilities = move || {
            // Until the directory can say whose registered facility it proposes for a
            // dependant, the signed-in person's own is not called "registered" for them.
            let registered_applies = flow.who.with(|w| !matches!(w, Who::Dependant { .. }));
            list.with(|state| match state {
                Load::Loading => EitherOf3::A(loading(lang, T::LoadingFacilities)),
                Load::Failed(failure) => EitherOf3::B(problem(lang, failure, retry)),
                Load::Ready(found) => EitherOf3::C(facility_list(
                    found,
                    linked.as_deref(),
                    registered_applies,
                    lang,
                    choose,
                )),
            })
        };
        view! {
            <h1>{lang.t(T::BookingTitle)}</h1>
            {steps(1, lang)}
            <fieldset class="card who">
                <legend>{lang.t(T::ForWhom)}</legend>
                {mine}
                {dependants}
                <label class="choice">
                    <input
                        type="radio"
                        name="who"
                        prop:checked=move || other_open.get()
                        on:change=move |_| other_open.set(true)
                    />
                    <span>{lang.t(T::ForOther)}</span>
                </label>
                {other_form}
            </fieldset>
            <section aria-labelledby="where-title">
                <h2 id="where-title">{lang.t(T::WhereTitle)}</h2>
                {facilities}
                {search_form(lang, filters)}
            </section>
        }
    }
}

/// The facilities found: the registered one (or the one from a link) first, each with its
/// level, address and a "Choose" button naming it (so a screen reader says which).
fn facility_list(
    found: &FacilityList,
    linked: Option<&str>,
    registered_applies: bool,
    lang: Lang,
    choose: Callback<FacilitySummary>,
) -> impl IntoView + use<> {
    let not_found = found
        .lookup
        .as_ref()
        .is_some_and(|l| !l.found)
        .then(|| view! { <p class="alert alert-warning">{lang.t(T::CardNotFound)}</p> });
    // A facility from a link goes first; then the directory's own order (registered first).
    let mut facilities: Vec<FacilitySummary> = found.facilities.clone();
    if let Some(code) = linked
        && let Some(i) = facilities.iter().position(|f| f.code == code)
    {
        let f = facilities.remove(i);
        facilities.insert(0, f);
    }
    let items = facilities
        .into_iter()
        .map(|mut facility| {
            facility.registered &= registered_applies;
            let from_link = linked == Some(facility.code.as_str());
            let badges = view! {
                {facility.registered.then(|| view! { <span class="badge badge-registered">{lang.t(T::Registered)}</span> })}
                {from_link.then(|| view! { <span class="badge badge-link">{lang.t(T::FromLink)}</span> })}
            };
            let a = &facility.address;
            let meta = format!(
                "{} · {}, {}, {}",
                text::level(lang, facility.level),
                a.line,
                a.ward,
                a.province
            );
            let action = if facility.departments.is_empty() {
                Either::Left(view! { <p class="muted">{lang.t(T::NoOnlineBooking)}</p> })
            } else {
                let label = format!("{} {}", lang.t(T::Choose), facility.name);
                let chosen = facility.clone();
                Either::Right(view! {
                    <button
                        type="button"
                        class="btn btn-primary"
                        aria-label=label
                        on:click=move |_| choose.run(chosen.clone())
                    >
                        {lang.t(T::Choose)}
                    </button>
                })
            };
            let class = if facility.registered || from_link {
                "facility facility-first"
            } else {
                "facility"
            };
            view! {
                <li class=class>
                    <h3 lang="vi">{facility.name.clone()}</h3>
                    <p class="badges">{badges}</p>
                    <p class="facility-meta" lang="vi">{meta}</p>
                    {action}
                </li>
            }
        })
        .collect_view();
    let empty = found
        .facilities
        .is_empty()
        .then(|| view! { <p class="empty">{lang.t(T::NoFacilities)}</p> });
    view! {
        {not_found}
        {super::as_of_view(lang, found.as_of)}
        <ul class="facilities">{items}</ul>
        {empty}
    }
}

/// "Find another facility": words (name, ward, specialty), province, level.
fn search_form(lang: Lang, filters: RwSignal<FacilitySearch>) -> impl IntoView {
    let current = filters.get_untracked();
    let q = RwSignal::new(current.q.unwrap_or_default());
    let province = RwSignal::new(current.province.unwrap_or_default());
    let level = RwSignal::new(current.level.unwrap_or_default());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let some = |s: String| Some(s).filter(|s| !s.trim().is_empty());
        filters.set(FacilitySearch {
            q: some(q.get_untracked()),
            province: some(province.get_untracked()),
            level: some(level.get_untracked()),
            ..FacilitySearch::default()
        });
    };
    let provinces = PROVINCES
        .iter()
        .map(|p| view! { <option value=*p selected=province.get_untracked() == *p>{*p}</option> })
        .collect_view();
    let levels = [
        FacilityLevel::Initial,
        FacilityLevel::Basic,
        FacilityLevel::Specialised,
    ]
    .into_iter()
    .map(|l| {
        let value = match l {
            FacilityLevel::Initial => "initial",
            FacilityLevel::Basic => "basic",
            FacilityLevel::Specialised => "specialised",
        };
        view! { <option value=value selected=level.get_untracked() == value>{text::level(lang, l)}</option> }
    })
    .collect_view();
    view! {
        <form class="card search" role="search" on:submit=submit>
            <h3>{lang.t(T::SearchOther)}</h3>
            <label for="search-q">{lang.t(T::SearchWords)}</label>
            <input
                id="search-q"
                class="input"
                type="search"
                placeholder=lang.t(T::SearchWordsHint)
                prop:value=move || q.get()
                on:input=move |ev| q.set(event_target_value(&ev))
            />
            <label for="search-province">{lang.t(T::Province)}</label>
            <select
                id="search-province"
                class="input"
                on:change=move |ev| province.set(event_target_value(&ev))
            >
                <option value="">{format!("— {} —", lang.t(T::Province))}</option>
                {provinces}
            </select>
            <label for="search-level">{lang.t(T::Level)}</label>
            <select
                id="search-level"
                class="input"
                on:change=move |ev| level.set(event_target_value(&ev))
            >
                <option value="">{lang.t(T::AnyLevel)}</option>
                {levels}
            </select>
            <button type="submit" class="btn btn-quiet">{lang.t(T::Search)}</button>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::PROVINCES;

    #[test]
    fn thirty_four_distinct_provinces() {
        let mut names = PROVINCES.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), 34);
    }
}
