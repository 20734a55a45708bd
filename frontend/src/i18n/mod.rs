//! Every sentence the app shows, Vietnamese first, English one tap away.
//!
//! Components never spell user text: they ask for a [`Msg`] in the current [`Lang`], or call
//! one of the small functions below for sentences with numbers and dates in them. Keeping both
//! languages side by side on one line makes a missing or drifting translation easy to see.

use crate::api::ApiFailure;
use leptos::prelude::*;

/// The language the interface speaks. Vietnamese is the default for everyone.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    /// The BCP 47 tag, for `<html lang>` and for `localStorage`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Vi => "vi",
            Lang::En => "en",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "vi" => Some(Lang::Vi),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The text of `msg` in this language.
    pub fn t(self, msg: impl Texts) -> &'static str {
        let (vi, en) = msg.texts();
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    /// The short form on the language switch.
    pub fn short(self) -> &'static str {
        match self {
            Lang::Vi => "VI",
            Lang::En => "EN",
        }
    }

    /// The language's name in itself, containing the short form (WCAG "label in name").
    pub fn label(self) -> &'static str {
        match self {
            Lang::Vi => "VI – Tiếng Việt",
            Lang::En => "EN – English",
        }
    }

    /// Picks between two sentences that were built in both languages.
    fn pick(self, vi: String, en: String) -> String {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }
}

/// The language signal the root provides to every component.
pub fn use_lang() -> RwSignal<Lang> {
    expect_context::<RwSignal<Lang>>()
}

/// `msg` as reactive text that follows the language switch. Every label in the app's frame
/// goes through this one closure type, so the view code for it is generated once.
pub fn tr<M: Texts>(msg: M) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || lang.get().t(msg)
}

/// A table of fixed user-facing texts: each area of the app (the book's sections, booking, the
/// clinic console) keeps its own enum in its own file and implements this.
pub trait Texts: Copy + Send + Sync + 'static {
    /// (Vietnamese, English).
    fn texts(self) -> (&'static str, &'static str);
}

/// Texts of the health book's sections.
pub mod book;
/// The health book's record pages (administrative, history, vaccinations, corrections…).
pub mod book_pages;
/// Texts of the booking flow.
pub mod booking;
/// Texts of the declare forms for allergies, family history and risk factors.
pub mod declare;

/// A fixed piece of user-facing text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Msg {
    // The app and its frame.
    AppName,
    DocumentTitle,
    Tagline,
    SkipToContent,
    LanguageSwitch,
    LoadingApp,
    TryAgain,
    Dismiss,
    // Signing in and out.
    SignIn,
    SignInPrivacy,
    SignOut,
    SigningOut,
    SignOutFailed,
    SessionExpired,
    /// Embedded in a host app: asking the identity provider for an existing session.
    SigningInSilently,
    /// Embedded in a host app: the identity provider had no session to give.
    SilentSignInFailed,
    // Whose book is open.
    ViewingBookOf,
    BookOf,
    You,
    NoOwnBook,
    // The summary screen.
    LoadingBook,
    SectionIdentity,
    DateOfBirth,
    Sex,
    SexMale,
    SexFemale,
    SexOther,
    SexUnknown,
    Cccd,
    NotRecorded,
    SectionInsurance,
    CardNumber,
    Benefits,
    Validity,
    NoEndDate,
    RegisteredFacility,
    NoInsurance,
    SectionVitals,
    Height,
    Weight,
    BloodPressure,
    Bmi,
    BmiComputed,
    SelfReported,
    NoVitals,
    SectionAllergies,
    NoAllergies,
    AllergyCategory,
    AllergyMedication,
    AllergyFood,
    AllergyEnvironment,
    AllergyBiologic,
    AllergyOther,
    HighRisk,
    Reaction,
    Source,
    // Other pages.
    NotFoundTitle,
    NotFoundBody,
    BackToBook,
    // Why something failed: codes from the edge (`{"code"}` bodies and `?error=`) and our own.
    ErrSignInCancelled,
    ErrSignInExpired,
    ErrSignInFailed,
    ErrNoHealthBook,
    ErrLoginRequired,
    ErrIdentityUnavailable,
    ErrIdentityTimeout,
    ErrStoreUnavailable,
    ErrStoreTimeout,
    ErrNotAuthorized,
    ErrBadPatient,
    ErrNotFound,
    ErrOffline,
    ErrGeneric,
}

impl Texts for Msg {
    fn texts(self) -> (&'static str, &'static str) {
        use Msg::*;
        match self {
            AppName => ("Sổ Sức Khỏe", "Sổ Sức Khỏe"),
            DocumentTitle => ("Sổ Sức Khỏe", "Sổ Sức Khỏe – Health Book"),
            Tagline => (
                "Sổ sức khỏe điện tử của bạn và gia đình: thẻ BHYT, dị ứng, chỉ số sức khỏe — ở cùng một nơi.",
                "The electronic health book for you and your family: insurance card, allergies and measurements in one place.",
            ),
            SkipToContent => ("Bỏ qua, đến nội dung chính", "Skip to main content"),
            LanguageSwitch => ("Ngôn ngữ", "Language"),
            LoadingApp => ("Đang tải Sổ Sức Khỏe…", "Loading Sổ Sức Khỏe…"),
            TryAgain => ("Thử lại", "Try again"),
            Dismiss => ("Đóng thông báo", "Close message"),

            SignIn => ("Đăng nhập bằng VNeID", "Sign in with VNeID"),
            SignInPrivacy => (
                "Bạn đăng nhập bằng tài khoản định danh điện tử VNeID; ứng dụng không bao giờ thấy mật khẩu của bạn. Mỗi lần người khác mở sổ của bạn đều được ghi lại.",
                "You sign in with your VNeID account; this app never sees your password. Every time someone else opens your book, it is recorded.",
            ),
            SignOut => ("Đăng xuất", "Sign out"),
            SigningOut => ("Đang đăng xuất…", "Signing out…"),
            SignOutFailed => (
                "Chưa đăng xuất được. Vui lòng kiểm tra mạng và bấm “Đăng xuất” lần nữa.",
                "You are not signed out yet. Please check your connection and press “Sign out” again.",
            ),
            SessionExpired => (
                "Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.",
                "Your session has ended. Please sign in again.",
            ),
            SigningInSilently => (
                "Đang đăng nhập bằng tài khoản VNeID của bạn…",
                "Signing you in with your VNeID account…",
            ),
            SilentSignInFailed => (
                "Chưa đăng nhập tự động được từ ứng dụng. Hãy bấm “Đăng nhập bằng VNeID” bên dưới để tiếp tục.",
                "We could not sign you in automatically from the app. Press “Sign in with VNeID” below to continue.",
            ),

            ViewingBookOf => ("Đang xem sổ của", "Viewing the book of"),
            BookOf => ("Sổ sức khỏe của:", "Health book of:"),
            You => ("(bạn)", "(you)"),
            NoOwnBook => (
                "Tài khoản này chưa gắn với sổ sức khỏe cá nhân nào.",
                "This account is not linked to a personal health book.",
            ),

            LoadingBook => ("Đang tải sổ sức khỏe…", "Loading the health book…"),
            SectionIdentity => ("Thông tin cá nhân", "Personal details"),
            DateOfBirth => ("Ngày sinh", "Date of birth"),
            Sex => ("Giới tính", "Sex"),
            SexMale => ("Nam", "Male"),
            SexFemale => ("Nữ", "Female"),
            SexOther => ("Khác", "Other"),
            SexUnknown => ("Chưa rõ", "Unknown"),
            Cccd => ("Số CCCD", "Personal ID (CCCD)"),
            NotRecorded => ("Chưa có", "Not recorded"),
            SectionInsurance => ("Thẻ bảo hiểm y tế", "Health insurance card"),
            CardNumber => ("Số thẻ BHYT", "BHYT card number"),
            Benefits => ("Quyền lợi", "Benefits"),
            Validity => ("Thời hạn", "Validity"),
            NoEndDate => ("Không ghi hạn dùng", "No end date recorded"),
            RegisteredFacility => (
                "Nơi đăng ký KCB ban đầu",
                "Registered primary-care facility",
            ),
            NoInsurance => (
                "Sổ chưa có thông tin thẻ BHYT. Khi đi khám, bạn có thể xuất trình CCCD thay cho thẻ BHYT.",
                "No health insurance card is recorded. At a visit you may show your CCCD instead of the card.",
            ),
            SectionVitals => ("Chỉ số gần nhất", "Latest measurements"),
            Height => ("Chiều cao", "Height"),
            Weight => ("Cân nặng", "Weight"),
            BloodPressure => ("Huyết áp", "Blood pressure"),
            Bmi => ("Chỉ số khối cơ thể (BMI)", "Body mass index (BMI)"),
            BmiComputed => (
                "Tự tính từ chiều cao và cân nặng gần nhất",
                "Computed from the latest height and weight",
            ),
            SelfReported => ("Tự khai", "Self-reported"),
            NoVitals => (
                "Sổ chưa có số đo nào (chiều cao, cân nặng, huyết áp).",
                "No measurements (height, weight, blood pressure) are recorded yet.",
            ),
            SectionAllergies => ("Dị ứng", "Allergies"),
            NoAllergies => (
                "Chưa ghi nhận dị ứng nào. Nếu bạn bị dị ứng, hãy báo cho cơ sở y tế.",
                "No allergies recorded. If you have an allergy, tell your health facility.",
            ),
            AllergyCategory => ("Loại", "Type"),
            AllergyMedication => ("Thuốc", "Medicine"),
            AllergyFood => ("Thực phẩm", "Food"),
            AllergyEnvironment => (
                "Hóa chất, mỹ phẩm, môi trường",
                "Chemicals, cosmetics, environment",
            ),
            AllergyBiologic => ("Sinh phẩm", "Biological product"),
            AllergyOther => ("Khác", "Other"),
            HighRisk => ("Nguy cơ cao", "High risk"),
            Reaction => ("Phản ứng", "Reaction"),
            Source => ("Ghi nhận", "Recorded"),

            NotFoundTitle => ("Không tìm thấy trang", "Page not found"),
            NotFoundBody => (
                "Địa chỉ này không có trong Sổ Sức Khỏe. Có thể đường dẫn đã cũ hoặc bị gõ nhầm.",
                "This address is not part of Sổ Sức Khỏe. The link may be old or mistyped.",
            ),
            BackToBook => ("Về sổ sức khỏe", "Back to the health book"),

            ErrSignInCancelled => (
                "Bạn đã hủy đăng nhập. Khi sẵn sàng, hãy bấm “Đăng nhập bằng VNeID” lần nữa.",
                "You cancelled signing in. When you are ready, press “Sign in with VNeID” again.",
            ),
            ErrSignInExpired => (
                "Lượt đăng nhập đã quá hạn hoặc bị gián đoạn. Vui lòng đăng nhập lại.",
                "The sign-in took too long or was interrupted. Please sign in again.",
            ),
            ErrSignInFailed => (
                "Đăng nhập không thành công. Vui lòng thử lại.",
                "Signing in did not succeed. Please try again.",
            ),
            ErrNoHealthBook => (
                "Chưa tìm thấy sổ sức khỏe điện tử của bạn. Hãy liên hệ cơ sở y tế nơi bạn đăng ký khám chữa bệnh ban đầu.",
                "We could not find your electronic health book yet. Please contact your registered primary-care facility.",
            ),
            ErrLoginRequired => (
                "Bạn cần đăng nhập để xem sổ sức khỏe.",
                "Please sign in to see the health book.",
            ),
            ErrIdentityUnavailable => (
                "Hệ thống định danh VNeID đang gặp sự cố. Vui lòng thử lại sau ít phút.",
                "The VNeID identity service is having problems. Please try again in a few minutes.",
            ),
            ErrIdentityTimeout => (
                "Hệ thống định danh VNeID phản hồi quá chậm. Vui lòng thử lại.",
                "The VNeID identity service took too long to answer. Please try again.",
            ),
            ErrStoreUnavailable => (
                "Kho dữ liệu y tế quốc gia đang gặp sự cố. Vui lòng thử lại sau ít phút.",
                "The national health data store is having problems. Please try again in a few minutes.",
            ),
            ErrStoreTimeout => (
                "Kho dữ liệu y tế quốc gia phản hồi quá chậm. Vui lòng thử lại.",
                "The national health data store took too long to answer. Please try again.",
            ),
            ErrNotAuthorized => (
                "Bạn không có quyền xem sổ sức khỏe này. Hãy chọn sổ của bạn hoặc của người bạn chăm sóc.",
                "You may not open this health book. Choose your own book or that of someone you care for.",
            ),
            ErrBadPatient => (
                "Đường dẫn tới sổ sức khỏe không hợp lệ. Hãy chọn lại sổ cần xem.",
                "The link to this health book is not valid. Please choose the book again.",
            ),
            ErrNotFound => (
                "Không tìm thấy sổ sức khỏe này.",
                "This health book was not found.",
            ),
            ErrOffline => (
                "Không kết nối được hoặc mạng quá chậm. Hãy kiểm tra 3G/4G hoặc Wi-Fi rồi thử lại.",
                "No connection, or the network is too slow. Check your mobile data or Wi-Fi and try again.",
            ),
            ErrGeneric => (
                "Đã có lỗi xảy ra. Vui lòng thử lại.",
                "Something went wrong. Please try again.",
            ),
        }
    }
}

impl Msg {
    /// Our sentence for an error code from the edge, if we have one. The same table serves
    /// API error bodies and the `?error=` a failed sign-in comes back with.
    pub fn for_error_code(code: &str) -> Option<Msg> {
        use Msg::*;
        Some(match code {
            "sign_in_cancelled" => ErrSignInCancelled,
            "sign_in_expired" => ErrSignInExpired,
            "sign_in_failed" => ErrSignInFailed,
            "no_health_book" => ErrNoHealthBook,
            "login_required" => ErrLoginRequired,
            "unauthenticated" => SessionExpired,
            "identity_unavailable" => ErrIdentityUnavailable,
            "identity_timeout" => ErrIdentityTimeout,
            "store_unavailable" => ErrStoreUnavailable,
            "store_timeout" => ErrStoreTimeout,
            "not_authorized" => ErrNotAuthorized,
            "bad_patient_id" => ErrBadPatient,
            "not_found" => ErrNotFound,
            "internal_error" => ErrGeneric,
            _ => return None,
        })
    }
}

/// What to tell a person about a request that failed: our sentence for the edge's code, else
/// the server message's half in this language, else a generic sentence.
pub fn failure(lang: Lang, failure: &ApiFailure) -> String {
    let msg = match failure {
        ApiFailure::Unauthenticated => Msg::SessionExpired,
        ApiFailure::Network => Msg::ErrOffline,
        ApiFailure::Unreadable { .. } | ApiFailure::Aborted => Msg::ErrGeneric,
        ApiFailure::Refused { error, .. } => match Msg::for_error_code(&error.code) {
            Some(msg) => msg,
            None if !error.message.trim().is_empty() => {
                return crate::format::message_in(&error.message, lang).to_owned();
            }
            None => Msg::ErrGeneric,
        },
    };
    lang.t(msg).to_owned()
}

/// "35 tuổi" / "35 years old"; babies are counted in months.
pub fn age(lang: Lang, age: crate::format::Age) -> String {
    use crate::format::Age;
    match age {
        Age::Months(1) => lang.pick("1 tháng tuổi".into(), "1 month old".into()),
        Age::Months(m) => lang.pick(format!("{m} tháng tuổi"), format!("{m} months old")),
        Age::Years(1) => lang.pick("1 tuổi".into(), "1 year old".into()),
        Age::Years(y) => lang.pick(format!("{y} tuổi"), format!("{y} years old")),
    }
}

/// "Mức hưởng 4 — 80%".
pub fn benefit_level(lang: Lang, level: u8, percent: u8) -> String {
    lang.pick(
        format!("Mức hưởng {level} — {percent}%"),
        format!("Benefit level {level} — {percent}%"),
    )
}

/// "Hạn đến 31/12/2026".
pub fn valid_until(lang: Lang, date: &str) -> String {
    lang.pick(format!("Hạn đến {date}"), format!("Valid until {date}"))
}

/// The warning shown above a card that has lapsed.
pub fn card_expired(lang: Lang, date: &str) -> String {
    lang.pick(
        format!(
            "Thẻ BHYT đã hết hạn từ ngày {date}. Hãy gia hạn tại cơ quan BHXH hoặc đại lý thu BHYT để tiếp tục được hưởng quyền lợi."
        ),
        format!(
            "This insurance card expired on {date}. Renew it at a social insurance office or agent to keep your benefits."
        ),
    )
}

/// The warning shown above a card that ends within the warning window.
pub fn card_expiring(lang: Lang, days_left: i64, date: &str) -> String {
    match days_left {
        0 => lang.pick(
            format!("Thẻ BHYT hết hạn hôm nay ({date}). Hãy gia hạn ngay."),
            format!("This insurance card ends today ({date}). Please renew it now."),
        ),
        1 => lang.pick(
            format!("Thẻ BHYT sắp hết hạn: còn 1 ngày (đến {date}). Hãy gia hạn sớm."),
            format!("This insurance card ends tomorrow ({date}). Please renew it soon."),
        ),
        n => lang.pick(
            format!("Thẻ BHYT sắp hết hạn: còn {n} ngày (đến {date}). Hãy gia hạn sớm."),
            format!("This insurance card ends in {n} days ({date}). Please renew it soon."),
        ),
    }
}

/// The notice for a card whose validity has not started.
pub fn card_not_yet_valid(lang: Lang, date: &str) -> String {
    lang.pick(
        format!("Thẻ BHYT có hiệu lực từ ngày {date}."),
        format!("This insurance card is valid from {date}."),
    )
}

/// "Ngày 12/03/2025" / "On 12/03/2025": when a measurement or record was taken.
pub fn on_date(lang: Lang, date: &str) -> String {
    lang.pick(format!("Ngày {date}"), format!("On {date}"))
}

/// "Dị ứng (2)": a section title with how many items it holds.
pub fn counted(lang: Lang, msg: Msg, count: usize) -> String {
    format!("{} ({count})", lang.t(msg))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_error_code_the_edge_sends_has_a_sentence() {
        for code in [
            "sign_in_cancelled",
            "sign_in_expired",
            "sign_in_failed",
            "no_health_book",
            "login_required",
            "identity_unavailable",
            "store_unavailable",
            "store_timeout",
            "identity_timeout",
            "not_authorized",
            "bad_patient_id",
            "not_found",
            "internal_error",
            "unauthenticated",
        ] {
            let msg = Msg::for_error_code(code).unwrap_or_else(|| panic!("{code}"));
            assert_ne!(Lang::Vi.t(msg), Lang::En.t(msg), "{code}");
        }
        assert_eq!(Msg::for_error_code("something_new"), None);
    }

    #[test]
    fn failures_read_as_sentences() {
        use shared::dto::ApiError;
        let refused = |code: &str, message: &str| ApiFailure::Refused {
            status: 403,
            error: ApiError {
                code: code.into(),
                message: message.into(),
            },
        };
        assert_eq!(
            failure(Lang::Vi, &refused("store_timeout", "x / y")),
            Lang::Vi.t(Msg::ErrStoreTimeout)
        );
        let unknown = refused(
            "quota_exceeded",
            "Bạn đã gửi quá nhiều yêu cầu. / Too many requests.",
        );
        assert_eq!(failure(Lang::Vi, &unknown), "Bạn đã gửi quá nhiều yêu cầu.");
        assert_eq!(failure(Lang::En, &unknown), "Too many requests.");
        assert_eq!(
            failure(Lang::En, &refused("x", " ")),
            Lang::En.t(Msg::ErrGeneric)
        );
        assert_eq!(
            failure(Lang::Vi, &ApiFailure::Network),
            Lang::Vi.t(Msg::ErrOffline)
        );
    }

    #[test]
    fn language_codes_round_trip() {
        for lang in [Lang::Vi, Lang::En] {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("fr"), None);
        assert_eq!(Lang::default(), Lang::Vi);
    }

    #[test]
    fn sentences_with_numbers() {
        assert_eq!(benefit_level(Lang::Vi, 4, 80), "Mức hưởng 4 — 80%");
        assert_eq!(valid_until(Lang::Vi, "31/12/2026"), "Hạn đến 31/12/2026");
        assert_eq!(
            valid_until(Lang::En, "31/12/2026"),
            "Valid until 31/12/2026"
        );
        assert_eq!(age(Lang::Vi, crate::format::Age::Years(35)), "35 tuổi");
        assert_eq!(age(Lang::En, crate::format::Age::Months(7)), "7 months old");
        assert!(card_expiring(Lang::Vi, 12, "01/01/2027").contains("còn 12 ngày"));
        assert_eq!(counted(Lang::Vi, Msg::SectionAllergies, 2), "Dị ứng (2)");
    }
}
