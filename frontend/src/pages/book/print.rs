//! A summary laid out for paper (`/so-suc-khoe/ban-in`) and "download my data": the print
//! stylesheet drops the app's chrome, so what is printed is the summary itself.

use super::summary::SummaryPage;
use crate::api;
use crate::browser;
use crate::i18n::book::BookMsg;
use crate::i18n::book_pages::PageMsg;
use crate::i18n::tr;
use leptos::prelude::*;

#[component]
pub fn PrintPage(patient: Option<String>) -> impl IntoView {
    let export = api::export_url(patient.as_deref());
    let shown = patient.clone();
    super::frame(
        BookMsg::Print,
        patient.as_deref(),
        crate::route::BookPage::Summary,
        view! {
            <section class="card no-print" aria-labelledby="c-download">
                <h2 id="c-download">{tr(PageMsg::DownloadData)}</h2>
                <p>{tr(PageMsg::DownloadHint)}</p>
                <p>
                    <a class="btn btn-primary btn-wide" href=export download="so-suc-khoe.json">
                        {tr(PageMsg::DownloadData)}
                    </a>
                </p>
                <p>{tr(PageMsg::PrintHint)}</p>
                <p>
                    <button type="button" class="btn btn-quiet btn-wide" on:click=|_| browser::print()>
                        {tr(PageMsg::PrintButton)}
                    </button>
                </p>
            </section>
            <SummaryPage patient=shown />
        },
    )
}
