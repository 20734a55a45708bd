use crate::i18n::{Msg, tr};
use crate::route::{Link, Route};
use leptos::prelude::*;

/// One book the signed-in person may open.
#[derive(Clone, Debug, PartialEq)]
pub struct BookChoice {
    pub route: Route,
    pub name: String,
    /// The signed-in person's own book.
    pub own: bool,
    /// The book on screen now.
    pub current: bool,
}

/// "Sổ sức khỏe của: [me] [child 1] …". Links, so each book has its own address and the
/// back button returns to the previous one.
#[component]
pub fn BookSwitcher(choices: Vec<BookChoice>) -> impl IntoView {
    let items = choices
        .into_iter()
        .map(|choice| {
            let class = if choice.current {
                "chip chip-current"
            } else {
                "chip"
            };
            view! {
                <li>
                    <Link to=choice.route class=class current=choice.current>
                        <span lang="vi">{choice.name}</span>
                        {choice.own.then(|| view! { " " {tr(Msg::You)} })}
                    </Link>
                </li>
            }
        })
        .collect_view();
    view! {
        <nav class="book-switcher" aria-labelledby="book-switcher-label">
            <p id="book-switcher-label">{tr(Msg::BookOf)}</p>
            <ul>{items}</ul>
        </nav>
    }
}
