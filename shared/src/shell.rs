//! Which part of the citizen app a path belongs to.
//!
//! The citizen app ships as three wasm modules ("shells") so that a phone's first load carries
//! only what the first screen needs: `home` (sign-in, the health book's summary), `records`
//! (every other health-book page: trends, visits, forms, print) and `booking` (booking and
//! appointments). The edge serves each path the HTML of its shell; inside a shell the app
//! routes on its own, and a link into another shell is an ordinary page load (the other
//! module comes from the HTTP cache after its first use). This function is the one place both
//! sides decide it, so they cannot disagree.

/// One of the citizen app's wasm modules.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shell {
    /// `/`, `/so-suc-khoe` and anything unknown: the first load.
    Home,
    /// `/so-suc-khoe/<section>…`: the health book's pages beyond the summary.
    Records,
    /// `/dat-lich…`, `/lich-hen…`: booking and appointments.
    Booking,
}

impl Shell {
    /// The shell of `path` (a URL path, without query).
    pub fn of_path(path: &str) -> Shell {
        let path = path.trim_end_matches('/');
        let under = |prefix: &str| {
            path == prefix
                || path
                    .strip_prefix(prefix)
                    .is_some_and(|rest| rest.starts_with('/'))
        };
        if path
            .strip_prefix("/so-suc-khoe/")
            .is_some_and(|rest| !rest.is_empty())
        {
            Shell::Records
        } else if under("/dat-lich") || under("/lich-hen") {
            Shell::Booking
        } else {
            Shell::Home
        }
    }

    /// Where the shell's `index.html` is served from (`None`: the site root's).
    pub fn index_path(self) -> Option<&'static str> {
        match self {
            Shell::Home => None,
            Shell::Records => Some("/shell/records/"),
            Shell::Booking => Some("/shell/booking/"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_to_shells() {
        for (path, shell) in [
            ("/", Shell::Home),
            ("", Shell::Home),
            ("/so-suc-khoe", Shell::Home),
            ("/so-suc-khoe/", Shell::Home),
            ("/so-suc-khoe/xet-nghiem", Shell::Records),
            ("/so-suc-khoe/kham-benh/enc-1", Shell::Records),
            ("/so-suc-khoe/khong-co", Shell::Records),
            ("/so-suc-khoexyz", Shell::Home),
            ("/dat-lich", Shell::Booking),
            ("/dat-lich/chon-gio", Shell::Booking),
            ("/lich-hen/", Shell::Booking),
            ("/lich-hen/ap-7", Shell::Booking),
            ("/lich-henx", Shell::Home),
            ("/khong-co", Shell::Home),
        ] {
            assert_eq!(Shell::of_path(path), shell, "{path}");
        }
    }
}
