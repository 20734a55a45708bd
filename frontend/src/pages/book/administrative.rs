//! Stub.
use leptos::prelude::*;

#[component]
pub fn AdministrativePage(patient: Option<String>) -> impl IntoView {
    let _ = patient;
}
