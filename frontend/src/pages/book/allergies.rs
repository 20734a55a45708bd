//! Stub.
use leptos::prelude::*;

#[component]
pub fn AllergiesPage(patient: Option<String>) -> impl IntoView {
    let _ = patient;
}
