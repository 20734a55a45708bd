use leptos::prelude::*;

/// What a field shows: a value, optionally styled, with an optional line under it (a note or
/// where the value comes from) and an optional badge on that line ("Tự khai").
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FieldValue {
    pub text: String,
    /// `number` for identifiers, `value` for measurements, `muted` for "not recorded".
    pub class: &'static str,
    pub note: Option<String>,
    pub badge: Option<&'static str>,
}

impl FieldValue {
    pub fn text(text: impl Into<String>) -> Self {
        FieldValue {
            text: text.into(),
            ..FieldValue::default()
        }
    }

    pub fn class(mut self, class: &'static str) -> Self {
        self.class = class;
        self
    }

    pub fn note(mut self, note: Option<String>) -> Self {
        self.note = note.filter(|n| !n.is_empty());
        self
    }

    pub fn badge(mut self, badge: Option<&'static str>) -> Self {
        self.badge = badge;
        self
    }
}

/// One label/value pair of a description list. The `<div>` wrapper is allowed inside `<dl>`
/// and lets a pair be styled as a row; tests and screen readers still see `dt` → `dd`.
///
/// One concrete signature for every field on purpose: each distinct view type costs its own
/// build, rebuild, mount and drop code in the wasm, and the book has a dozen fields.
pub fn field(label: &'static str, value: FieldValue) -> impl IntoView {
    let FieldValue {
        text,
        class,
        note,
        badge,
    } = value;
    let under = (note.is_some() || badge.is_some()).then(|| {
        view! {
            <span class="source">
                {note}
                {badge.map(|badge| view! { " " <span class="badge badge-self">{badge}</span> })}
            </span>
        }
    });
    view! {
        <div class="field">
            <dt>{label}</dt>
            <dd>
                <span class=class>{text}</span>
                {under}
            </dd>
        </div>
    }
}
