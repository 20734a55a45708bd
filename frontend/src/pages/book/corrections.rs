//! Stub.
use leptos::prelude::*;

#[component]
pub fn CorrectionsPage(patient: Option<String>) -> impl IntoView {
    let _ = patient;
}
