//! Stub.
use leptos::prelude::*;

#[component]
pub fn PrintPage(patient: Option<String>) -> impl IntoView {
    let _ = patient;
}
