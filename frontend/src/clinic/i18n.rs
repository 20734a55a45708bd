//! Every sentence the clinic console shows, Vietnamese first, English one tap away. The
//! console shares the citizen app's [`Lang`] and [`Texts`] (and its sentences for the edge's
//! common error codes) but keeps its own table, so neither app carries the other's strings.

use super::api::{AppointmentStatus, ClinicSlotStatus};
use crate::api::ApiFailure;
use crate::i18n::{Lang, Texts};
use shared::booking_code::CodeError;
use shared::dto::booking::{Pregnancy, Symptom};

/// A fixed piece of the console's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClinicMsg {
    // Frame.
    ConsoleName,
    DocumentTitle,
    Loading,
    SkipToContent,
    Navigation,
    NavToday,
    NavSlots,
    SignOut,
    SigningOut,
    SignOutFailed,
    TryAgain,
    // Signing in.
    SignInTitle,
    SignInLead,
    SignIn,
    NotStaffTitle,
    NotStaffBody,
    // Today's list.
    TodayTitle,
    CheckInTitle,
    CodeLabel,
    CodeHint,
    CheckIn,
    CheckingIn,
    Scan,
    CheckedInTitle,
    Filter,
    AllDepartments,
    SearchLabel,
    Refresh,
    AsOf,
    NoAppointments,
    NothingMatches,
    ColTime,
    ColQueue,
    ColPatient,
    ColCode,
    ColDoctor,
    ColStatus,
    ColActions,
    MarkNoShow,
    ConfirmNoShow,
    Cancel,
    NoShowDone,
    MarkDone,
    DoneDone,
    UndoNoShow,
    UndoDone,
    Total,
    Queue,
    DateOfBirth,
    BookedByOther,
    Declaration,
    Reason,
    Symptoms,
    NoSymptoms,
    InfectiousContact,
    RecentTravel,
    Pregnant,
    MaybePregnant,
    Notes,
    ScreenForInfection,
    FreeSlots,
    // Scanner.
    ScannerTitle,
    ScannerHint,
    ScannerStarting,
    ScannerLoadingDecoder,
    ScannerClose,
    ScannerNoCamera,
    ScannerDenied,
    ScannerUnsupported,
    ScannerDecoderFailed,
    ScannerNotOurs,
    ScannerTypeInstead,
    // Slots.
    SlotsTitle,
    SlotsLead,
    Day,
    ShowDay,
    NoSlots,
    SelectFree,
    SelectClosed,
    ClearSelection,
    CloseSelected,
    OpenSelected,
    SelectDayFree,
    ConfirmClose,
    ConfirmOpen,
    SlotsClosedDone,
    SlotsOpenedDone,
    SlotsAddedDone,
    Legend,
    AddSlots,
    AddFrom,
    AddTo,
    AddMinutes,
    Add,
    AddBadTimes,
    // Refusals with a console-specific sentence.
    ErrBookingNotFound,
    ErrBadTransition,
    ErrBadDate,
    ErrCodeCheck,
    ErrNotStaff,
}

impl Texts for ClinicMsg {
    fn texts(self) -> (&'static str, &'static str) {
        use ClinicMsg::*;
        match self {
            ConsoleName => ("Quầy tiếp đón", "Reception desk"),
            DocumentTitle => (
                "Quầy tiếp đón – Sổ Sức Khỏe",
                "Reception desk – Sổ Sức Khỏe",
            ),
            Loading => ("Đang tải…", "Loading…"),
            SkipToContent => ("Bỏ qua, đến nội dung chính", "Skip to main content"),
            Navigation => ("Các trang của quầy tiếp đón", "Reception desk pages"),
            NavToday => ("Lịch hẹn hôm nay", "Today's appointments"),
            NavSlots => ("Mở / đóng giờ khám", "Open / close slots"),
            SignOut => ("Đăng xuất", "Sign out"),
            SigningOut => ("Đang đăng xuất…", "Signing out…"),
            SignOutFailed => (
                "Chưa đăng xuất được. Hãy kiểm tra mạng và bấm “Đăng xuất” lần nữa.",
                "You are not signed out yet. Check the connection and press “Sign out” again.",
            ),
            TryAgain => ("Thử lại", "Try again"),

            SignInTitle => (
                "Quầy tiếp đón của cơ sở y tế",
                "The health facility's reception desk",
            ),
            SignInLead => (
                "Dành cho nhân viên cơ sở y tế: xem lịch hẹn trong ngày, tiếp nhận người bệnh bằng mã đặt lịch hoặc mã QR, mở và đóng giờ khám.",
                "For health facility staff: see today's appointments, check patients in by booking code or QR code, open and close slots.",
            ),
            SignIn => (
                "Đăng nhập bằng tài khoản nhân viên",
                "Sign in with a staff account",
            ),
            NotStaffTitle => (
                "Tài khoản này không phải của nhân viên cơ sở y tế",
                "This is not a health facility staff account",
            ),
            NotStaffBody => (
                "Quầy tiếp đón chỉ dành cho nhân viên đã được cơ sở y tế cấp tài khoản. Hãy đăng xuất rồi đăng nhập bằng tài khoản nhân viên. Người dân đặt lịch tại trang chính của Sổ Sức Khỏe.",
                "The reception desk is only for staff with an account from their facility. Sign out, then sign in with a staff account. Citizens book on the main Sổ Sức Khỏe site.",
            ),

            TodayTitle => ("Lịch hẹn hôm nay", "Today's appointments"),
            CheckInTitle => ("Tiếp nhận người bệnh", "Check a patient in"),
            CodeLabel => ("Mã đặt lịch", "Booking code"),
            CodeHint => (
                "Gõ mã in trên phiếu hẹn (hoặc dùng máy quét cầm tay) rồi nhấn Enter.",
                "Type the code printed on the ticket (or use a handheld scanner), then press Enter.",
            ),
            CheckIn => ("Tiếp nhận", "Check in"),
            CheckingIn => ("Đang tiếp nhận…", "Checking in…"),
            Scan => ("Quét mã QR bằng camera", "Scan the QR code with the camera"),
            CheckedInTitle => ("Đã tiếp nhận", "Checked in"),
            Filter => ("Khoa / phòng", "Department / room"),
            AllDepartments => ("Tất cả khoa, phòng", "All departments and rooms"),
            SearchLabel => ("Tìm theo tên hoặc mã", "Find by name or code"),
            Refresh => ("Làm mới", "Refresh"),
            AsOf => ("Cập nhật lúc", "Updated at"),
            NoAppointments => (
                "Hôm nay chưa có lịch hẹn nào tại cơ sở.",
                "There are no appointments at this facility today.",
            ),
            NothingMatches => (
                "Không có lịch hẹn nào khớp với bộ lọc.",
                "No appointment matches the filter.",
            ),
            ColTime => ("Giờ", "Time"),
            ColQueue => ("STT", "No."),
            ColPatient => ("Người bệnh", "Patient"),
            ColCode => ("Mã", "Code"),
            ColDoctor => ("Bác sĩ", "Doctor"),
            ColStatus => ("Trạng thái", "Status"),
            ColActions => ("Thao tác", "Actions"),
            MarkNoShow => ("Báo vắng", "Mark no-show"),
            ConfirmNoShow => ("Xác nhận vắng mặt", "Confirm no-show"),
            Cancel => ("Thôi", "Cancel"),
            NoShowDone => ("Đã ghi vắng mặt", "Marked as no-show"),
            MarkDone => ("Khám xong", "Visit done"),
            DoneDone => ("Đã ghi khám xong", "Marked as done"),
            UndoNoShow => ("Bỏ báo vắng", "Undo no-show"),
            UndoDone => (
                "Đã bỏ báo vắng: người bệnh lại ở trạng thái chờ tiếp nhận",
                "No-show undone: the patient is waiting again",
            ),
            Total => ("Tổng", "Total"),
            Queue => ("Số thứ tự", "Queue number"),
            DateOfBirth => ("Ngày sinh", "Born"),
            BookedByOther => ("Người thân đặt hộ", "Booked by a relative"),
            Declaration => ("Khai báo y tế", "Health declaration"),
            Reason => ("Lý do khám", "Reason for the visit"),
            Symptoms => ("Triệu chứng (14 ngày)", "Symptoms (14 days)"),
            NoSymptoms => ("Không có triệu chứng", "No symptoms"),
            InfectiousContact => (
                "Có tiếp xúc gần người mắc bệnh truyền nhiễm",
                "Close contact with an infectious disease",
            ),
            RecentTravel => (
                "Có đi nước ngoài hoặc vùng dịch",
                "Travelled abroad or to an outbreak area",
            ),
            Pregnant => ("Đang mang thai", "Pregnant"),
            MaybePregnant => ("Có thể đang mang thai", "May be pregnant"),
            Notes => ("Ghi chú", "Notes"),
            ScreenForInfection => ("Cần sàng lọc lây nhiễm", "Screen for infection"),
            FreeSlots => ("giờ trống", "free slots"),

            ScannerTitle => ("Quét mã QR trên phiếu hẹn", "Scan the ticket's QR code"),
            ScannerHint => (
                "Đưa mã QR trên phiếu (giấy hoặc điện thoại) vào giữa khung hình, giữ yên.",
                "Hold the ticket's QR code (paper or phone) in the middle of the frame, still.",
            ),
            ScannerStarting => ("Đang bật camera…", "Starting the camera…"),
            ScannerLoadingDecoder => ("Đang tải bộ đọc mã QR…", "Loading the QR code reader…"),
            ScannerClose => ("Đóng camera", "Close the camera"),
            ScannerNoCamera => (
                "Không tìm thấy camera trên máy này. Hãy gõ mã đặt lịch.",
                "No camera was found on this device. Please type the booking code.",
            ),
            ScannerDenied => (
                "Trình duyệt chưa cho phép dùng camera. Hãy cho phép trong thanh địa chỉ, hoặc gõ mã đặt lịch.",
                "The browser has not allowed the camera. Allow it in the address bar, or type the booking code.",
            ),
            ScannerUnsupported => (
                "Trình duyệt này không dùng được camera. Hãy gõ mã đặt lịch.",
                "This browser cannot use the camera. Please type the booking code.",
            ),
            ScannerDecoderFailed => (
                "Không tải được bộ đọc mã QR. Hãy kiểm tra mạng, hoặc gõ mã đặt lịch.",
                "The QR code reader could not be loaded. Check the connection, or type the booking code.",
            ),
            ScannerNotOurs => (
                "Mã QR này không phải phiếu hẹn của Sổ Sức Khỏe. Hãy quét mã trên phiếu hẹn.",
                "This QR code is not a Sổ Sức Khỏe ticket. Scan the code on the ticket.",
            ),
            ScannerTypeInstead => ("Gõ mã thay vì quét", "Type the code instead"),

            SlotsTitle => ("Mở / đóng giờ khám", "Open / close slots"),
            SlotsLead => (
                "Đóng những giờ cơ sở không khám được (bác sĩ nghỉ, phòng bảo trì); người dân sẽ không đặt được các giờ đó. Giờ đã có người đặt không đóng được: hãy liên hệ người bệnh trước.",
                "Close the times the facility cannot see patients (doctor away, room closed); citizens can no longer book them. Booked times cannot be closed: contact the patient first.",
            ),
            Day => ("Ngày", "Day"),
            ShowDay => ("Xem ngày này", "Show this day"),
            NoSlots => (
                "Ngày này cơ sở không có giờ khám nào.",
                "The facility has no slots on this day.",
            ),
            SelectFree => ("Chọn các giờ còn trống", "Select the free times"),
            SelectClosed => ("Chọn các giờ đã đóng", "Select the closed times"),
            ClearSelection => ("Bỏ chọn", "Clear selection"),
            CloseSelected => ("Đóng các giờ đã chọn", "Close the selected times"),
            OpenSelected => ("Mở lại các giờ đã chọn", "Reopen the selected times"),
            SelectDayFree => (
                "Chọn mọi giờ trống trong ngày",
                "Select every free time of the day",
            ),
            ConfirmClose => ("Xác nhận đóng", "Confirm closing"),
            ConfirmOpen => ("Xác nhận mở lại", "Confirm reopening"),
            SlotsClosedDone => (
                "Đã đóng. Người dân không đặt được các giờ này nữa.",
                "Closed. Citizens can no longer book these times.",
            ),
            SlotsOpenedDone => (
                "Đã mở lại. Người dân đặt được các giờ này.",
                "Reopened. Citizens can book these times.",
            ),
            SlotsAddedDone => (
                "Đã thêm giờ khám. Người dân đặt được các giờ này.",
                "Slots added. Citizens can book them.",
            ),
            Legend => ("Chú thích", "Legend"),
            AddSlots => ("Thêm giờ khám", "Add slots"),
            AddFrom => ("Từ", "From"),
            AddTo => ("Đến", "To"),
            AddMinutes => ("Mỗi lượt (phút)", "Each (minutes)"),
            Add => ("Thêm giờ", "Add"),
            AddBadTimes => (
                "Hãy chọn giờ bắt đầu trước giờ kết thúc, mỗi lượt từ 5 đến 120 phút.",
                "Choose a start before the end, and 5 to 120 minutes per slot.",
            ),

            ErrBookingNotFound => (
                "Không có lịch hẹn hôm nay tại cơ sở với mã này. Hãy đối chiếu mã trên phiếu hẹn, và xem phiếu có đúng cơ sở không.",
                "No booking today at this facility has this code. Check the code on the ticket, and that the ticket is for this facility.",
            ),
            ErrBadTransition => (
                "Không đổi được: lịch hẹn này vừa đổi trạng thái (có thể ở quầy khác). Danh sách đã được làm mới.",
                "Not changed: this booking's status just changed (perhaps at another desk). The list has been refreshed.",
            ),
            ErrBadDate => (
                "Chỉ xem và đổi được giờ khám từ hôm nay đến 30 ngày tới.",
                "Slots can be seen and changed from today up to 30 days ahead.",
            ),
            ErrCodeCheck => (
                "Mã này có một ký tự bị gõ nhầm. Hãy đối chiếu từng ký tự với phiếu hẹn.",
                "One character of this code is mistyped. Compare it with the ticket, character by character.",
            ),
            ErrNotStaff => (
                "Chỉ nhân viên cơ sở y tế mới làm được việc này. Hãy đăng nhập bằng tài khoản nhân viên.",
                "Only health facility staff can do this. Sign in with a staff account.",
            ),
        }
    }
}

impl ClinicMsg {
    /// The console's sentence for an error code from the clinic API, if it has its own. A
    /// booking for another day (`wrong_day`) keeps the edge's message: it names the date.
    pub fn for_error_code(code: &str) -> Option<ClinicMsg> {
        use ClinicMsg::*;
        Some(match code {
            "code_not_found" | "appointment_not_found" => ErrBookingNotFound,
            "bad_transition" => ErrBadTransition,
            "bad_date" => ErrBadDate,
            "not_authorized" => ErrNotStaff,
            _ => return None,
        })
    }
}

/// Why typed text is not a booking code, with what to do about it.
pub fn code_error(lang: Lang, error: CodeError) -> String {
    match (lang, error) {
        (_, CodeError::CheckFailed) => lang.t(ClinicMsg::ErrCodeCheck).to_owned(),
        (Lang::Vi, CodeError::WrongLength(n)) => format!(
            "Mã đặt lịch có 8 ký tự, dạng ABCD-2345 (đã gõ {n}). Hãy gõ lại mã in trên phiếu hẹn."
        ),
        (Lang::En, CodeError::WrongLength(n)) => format!(
            "A booking code has 8 characters, like ABCD-2345 ({n} typed). Type the code printed on the ticket again."
        ),
        (Lang::Vi, CodeError::BadSymbol(c)) => format!(
            "Mã đặt lịch không có ký tự “{c}”: mã không dùng số 0, 1 và chữ O, I. Hãy đối chiếu với phiếu hẹn."
        ),
        (Lang::En, CodeError::BadSymbol(c)) => format!(
            "Booking codes have no “{c}”: they never use 0, 1, O or I. Compare with the ticket."
        ),
    }
}

/// What to tell the clerk about a failed request: the console's sentence for the code, else
/// the citizen app's (sessions, store, network), else the edge's own message.
pub fn failure(lang: Lang, failure: &ApiFailure) -> String {
    if let ApiFailure::Refused { error, .. } = failure
        && let Some(msg) = ClinicMsg::for_error_code(&error.code)
    {
        return lang.t(msg).to_owned();
    }
    crate::i18n::failure(lang, failure)
}

/// The label of an appointment's status.
pub fn appointment_status(status: AppointmentStatus) -> (&'static str, &'static str) {
    match status {
        AppointmentStatus::Booked => ("Chờ tiếp nhận", "Waiting"),
        AppointmentStatus::CheckedIn => ("Đã tiếp nhận", "Checked in"),
        AppointmentStatus::NoShow => ("Vắng mặt", "No-show"),
        AppointmentStatus::Done => ("Đã khám xong", "Done"),
        AppointmentStatus::Cancelled => ("Đã hủy", "Cancelled"),
    }
}

/// The label of a slot's status on the open/close screen.
pub fn slot_status(status: ClinicSlotStatus) -> (&'static str, &'static str) {
    match status {
        ClinicSlotStatus::Free => ("Trống", "Free"),
        ClinicSlotStatus::Held => ("Đang giữ chỗ", "Being booked"),
        ClinicSlotStatus::Booked => ("Đã đặt", "Booked"),
        ClinicSlotStatus::Closed => ("Đã đóng", "Closed"),
    }
}

/// A declared symptom's name.
pub fn symptom(symptom: Symptom) -> (&'static str, &'static str) {
    match symptom {
        Symptom::Fever => ("Sốt", "Fever"),
        Symptom::Cough => ("Ho", "Cough"),
        Symptom::ShortnessOfBreath => ("Khó thở", "Shortness of breath"),
        Symptom::SoreThroat => ("Đau họng", "Sore throat"),
        Symptom::LossOfSmellOrTaste => ("Mất khứu giác hoặc vị giác", "Loss of smell or taste"),
        Symptom::Diarrhoea => ("Tiêu chảy", "Diarrhoea"),
        Symptom::Vomiting => ("Nôn", "Vomiting"),
        Symptom::Rash => ("Phát ban", "Rash"),
        Symptom::Headache => ("Đau đầu", "Headache"),
        Symptom::ChestPain => ("Đau ngực", "Chest pain"),
        Symptom::Fatigue => ("Mệt mỏi", "Fatigue"),
    }
}

/// What a declared pregnancy answer means for the desk, if anything.
pub fn pregnancy(answer: Pregnancy) -> Option<ClinicMsg> {
    match answer {
        Pregnancy::Yes => Some(ClinicMsg::Pregnant),
        Pregnancy::Unsure => Some(ClinicMsg::MaybePregnant),
        Pregnancy::No | Pregnancy::NotApplicable => None,
    }
}

/// Why slots were left as they were, in one sentence (`reasons` as the edge names them).
pub fn skipped(lang: Lang, reasons: &[&str]) -> String {
    let count = |reason: &str| reasons.iter().filter(|r| **r == reason).count();
    let (booked, held, overlap) = (count("booked"), count("held"), count("overlap"));
    let other = reasons.len() - booked - held - overlap;
    let mut parts = Vec::new();
    match lang {
        Lang::Vi => {
            if booked > 0 {
                parts.push(format!("{booked} giờ đã có người đặt"));
            }
            if held > 0 {
                parts.push(format!("{held} giờ đang có người giữ chỗ"));
            }
            if overlap > 0 {
                parts.push(format!("{overlap} giờ trùng giờ đã có"));
            }
            if other > 0 {
                parts.push(format!("{other} giờ không còn"));
            }
            format!("Không đổi: {}.", parts.join(", "))
        }
        Lang::En => {
            if booked > 0 {
                parts.push(format!("{booked} already booked"));
            }
            if held > 0 {
                parts.push(format!("{held} being booked right now"));
            }
            if overlap > 0 {
                parts.push(format!("{overlap} overlapping existing slots"));
            }
            if other > 0 {
                parts.push(format!("{other} no longer there"));
            }
            format!("Left unchanged: {}.", parts.join(", "))
        }
    }
}

/// A label pair in `lang`.
pub fn pick(lang: Lang, (vi, en): (&'static str, &'static str)) -> &'static str {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

/// "12 lịch hẹn" / "12 appointments".
pub fn appointments_count(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (Lang::Vi, n) => format!("{n} lịch hẹn"),
        (Lang::En, 1) => "1 appointment".to_owned(),
        (Lang::En, n) => format!("{n} appointments"),
    }
}

/// "Đã đóng 5 giờ." / "5 slots closed.": what a slot change did.
pub fn slots_changed(lang: Lang, action: super::api::SlotAction, n: u32) -> String {
    use super::api::SlotAction;
    match (lang, action) {
        (Lang::Vi, SlotAction::Close) => {
            format!("Đã đóng {n} giờ. Người dân không đặt được các giờ này nữa.")
        }
        (Lang::Vi, SlotAction::Open) => format!("Đã mở lại {n} giờ cho người dân đặt."),
        (Lang::Vi, SlotAction::Add) => format!("Đã thêm {n} giờ khám cho người dân đặt."),
        (Lang::En, SlotAction::Close) => {
            format!("{n} slot(s) closed. Citizens can no longer book them.")
        }
        (Lang::En, SlotAction::Open) => format!("{n} slot(s) reopened for booking."),
        (Lang::En, SlotAction::Add) => format!("{n} slot(s) added for booking."),
    }
}

/// The confirmation question before closing or reopening `n` slots on `day` (dd/mm/yyyy).
pub fn confirm_slots(lang: Lang, close: bool, n: usize, day: &str) -> String {
    match (lang, close) {
        (Lang::Vi, true) => {
            format!("Đóng {n} giờ khám ngày {day}? Người dân sẽ không đặt được các giờ này.")
        }
        (Lang::Vi, false) => format!("Mở lại {n} giờ khám ngày {day} cho người dân đặt?"),
        (Lang::En, true) => {
            format!("Close {n} slot(s) on {day}? Citizens will no longer be able to book them.")
        }
        (Lang::En, false) => format!("Reopen {n} slot(s) on {day} for booking?"),
    }
}

/// "3 giờ đã chọn" / "3 selected".
pub fn selected_count(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Vi => format!("{n} giờ đã chọn"),
        Lang::En => format!("{n} selected"),
    }
}

/// The question before marking `name` (booked at `time`) as a no-show.
pub fn confirm_no_show(lang: Lang, name: &str, time: &str) -> String {
    match lang {
        Lang::Vi => format!("Ghi {name} (hẹn lúc {time}) là vắng mặt?"),
        Lang::En => format!("Mark {name} (booked for {time}) as a no-show?"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::dto::ApiError;

    #[test]
    fn every_clinic_refusal_has_a_sentence_in_both_languages() {
        use shared::dto::booking::codes;
        for code in [
            codes::CODE_NOT_FOUND,
            codes::APPOINTMENT_NOT_FOUND,
            codes::BAD_TRANSITION,
            codes::BAD_DATE,
            codes::NOT_AUTHORIZED,
        ] {
            let msg = ClinicMsg::for_error_code(code).unwrap_or_else(|| panic!("{code}"));
            assert_ne!(Lang::Vi.t(msg), Lang::En.t(msg), "{code}");
        }
        // The edge's own message names the day of the booking.
        assert_eq!(ClinicMsg::for_error_code(codes::WRONG_DAY), None);
        assert_eq!(ClinicMsg::for_error_code("something_new"), None);
    }

    #[test]
    fn typos_in_codes_are_explained() {
        assert!(code_error(Lang::Vi, CodeError::WrongLength(7)).contains("đã gõ 7"));
        assert!(code_error(Lang::En, CodeError::BadSymbol('0')).contains("“0”"));
        assert_eq!(
            code_error(Lang::Vi, CodeError::CheckFailed),
            Lang::Vi.t(ClinicMsg::ErrCodeCheck)
        );
    }

    #[test]
    fn skipped_slots_are_counted_by_reason() {
        assert_eq!(
            skipped(Lang::Vi, &["booked", "booked", "held"]),
            "Không đổi: 2 giờ đã có người đặt, 1 giờ đang có người giữ chỗ."
        );
        assert_eq!(
            skipped(Lang::En, &["overlap", "not_found"]),
            "Left unchanged: 1 overlapping existing slots, 1 no longer there."
        );
    }

    #[test]
    fn failures_prefer_the_consoles_sentence_then_the_apps() {
        let refused = |code: &str| ApiFailure::Refused {
            status: 409,
            error: ApiError {
                code: code.into(),
                message: "Việt / English".into(),
            },
        };
        assert_eq!(
            failure(Lang::Vi, &refused("bad_transition")),
            Lang::Vi.t(ClinicMsg::ErrBadTransition)
        );
        assert_eq!(
            failure(Lang::En, &refused("store_timeout")),
            Lang::En.t(crate::i18n::Msg::ErrStoreTimeout)
        );
        assert_eq!(failure(Lang::En, &refused("new_code")), "English");
    }

    #[test]
    fn counted_sentences() {
        assert_eq!(appointments_count(Lang::Vi, 12), "12 lịch hẹn");
        assert_eq!(appointments_count(Lang::En, 1), "1 appointment");
        assert!(confirm_slots(Lang::Vi, true, 3, "24/11/2026").starts_with("Đóng 3 giờ"));
        assert_eq!(selected_count(Lang::En, 2), "2 selected");
    }
}
