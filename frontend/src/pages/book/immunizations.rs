//! Stub.
use leptos::prelude::*;

#[component]
pub fn ImmunizationsPage(patient: Option<String>) -> impl IntoView {
    let _ = patient;
}
