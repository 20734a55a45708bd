//! Stub.
use leptos::prelude::*;

#[component]
pub fn HistoryPage(patient: Option<String>) -> impl IntoView {
    let _ = patient;
}
