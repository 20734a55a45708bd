//! Stub.
use leptos::prelude::*;

#[component]
pub fn CheckupsPage(patient: Option<String>) -> impl IntoView {
    let _ = patient;
}
