//! Every sentence the clinic console shows, Vietnamese first, English one tap away. The
//! console shares the citizen app's [`Lang`] and [`Texts`] (and its sentences for the edge's
//! common error codes) but keeps its own table, so neither app carries the other's strings.

use super::api::{AppointmentStatus, SlotStatus};
use crate::api::ApiFailure;
use crate::i18n::{Lang, Texts};

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
    Total,
    Room,
    Queue,
    BornIn,
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
    ConfirmClose,
    ConfirmOpen,
    SlotsClosedDone,
    SlotsOpenedDone,
    Legend,
    // Refusals with a console-specific sentence.
    ErrBookingNotFound,
    ErrAlreadyCheckedIn,
    ErrCancelled,
    ErrNotToday,
    ErrNoShowNotAllowed,
    ErrSlotBooked,
    ErrBadCode,
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
            Total => ("Tổng", "Total"),
            Room => ("Phòng", "Room"),
            Queue => ("Số thứ tự", "Queue number"),
            BornIn => ("Sinh năm", "Born"),

            ScannerTitle => ("Quét mã QR trên phiếu hẹn", "Scan the ticket's QR code"),
            ScannerHint => (
                "Đưa mã QR trên phiếu (giấy hoặc điện thoại) vào giữa khung hình, giữ yên.",
                "Hold the ticket's QR code (paper or phone) in the middle of the frame, still.",
            ),
            ScannerStarting => ("Đang bật camera…", "Starting the camera…"),
            ScannerLoadingDecoder => (
                "Đang tải bộ đọc mã QR…",
                "Loading the QR code reader…",
            ),
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
            Legend => ("Chú thích", "Legend"),

            ErrBookingNotFound => (
                "Không tìm thấy lịch hẹn có mã này tại cơ sở. Hãy kiểm tra lại mã trên phiếu (chữ O và số 0, chữ I và số 1).",
                "No appointment with this code at this facility. Check the code on the ticket (letter O vs zero, I vs one).",
            ),
            ErrAlreadyCheckedIn => (
                "Người bệnh này đã được tiếp nhận rồi.",
                "This patient has already been checked in.",
            ),
            ErrCancelled => (
                "Lịch hẹn này đã bị hủy. Hãy hướng dẫn người bệnh đặt lịch mới hoặc đăng ký khám tại quầy.",
                "This appointment was cancelled. Help the patient book again or register at the desk.",
            ),
            ErrNotToday => (
                "Lịch hẹn này không phải hôm nay. Hãy xem ngày trên phiếu hẹn.",
                "This appointment is not for today. Check the date on the ticket.",
            ),
            ErrNoShowNotAllowed => (
                "Không ghi vắng mặt được: lịch hẹn này không còn ở trạng thái chờ.",
                "Cannot mark as no-show: this appointment is no longer waiting.",
            ),
            ErrSlotBooked => (
                "Có giờ đã có người đặt nên không đóng được. Hãy bỏ chọn giờ đó, hoặc liên hệ người bệnh để dời lịch.",
                "A selected time is already booked and cannot be closed. Unselect it, or contact the patient to move the appointment.",
            ),
            ErrBadCode => (
                "Mã đặt lịch chưa đúng dạng. Hãy gõ lại mã in trên phiếu hẹn.",
                "That does not look like a booking code. Type the code printed on the ticket again.",
            ),
            ErrNotStaff => (
                "Chỉ nhân viên của cơ sở mới làm được việc này.",
                "Only this facility's staff can do this.",
            ),
        }
    }
}

impl ClinicMsg {
    /// The console's sentence for an error code from the clinic API, if it has its own.
    pub fn for_error_code(code: &str) -> Option<ClinicMsg> {
        use ClinicMsg::*;
        Some(match code {
            "booking_not_found" | "appointment_not_found" => ErrBookingNotFound,
            "already_checked_in" => ErrAlreadyCheckedIn,
            "appointment_cancelled" | "cancelled" => ErrCancelled,
            "not_today" => ErrNotToday,
            "not_waiting" | "invalid_transition" => ErrNoShowNotAllowed,
            "slot_booked" => ErrSlotBooked,
            "bad_booking_code" => ErrBadCode,
            "staff_only" => ErrNotStaff,
            _ => return None,
        })
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
pub fn slot_status(status: SlotStatus) -> (&'static str, &'static str) {
    match status {
        SlotStatus::Free => ("Trống", "Free"),
        SlotStatus::Held => ("Đang giữ chỗ", "Being booked"),
        SlotStatus::Booked => ("Đã đặt", "Booked"),
        SlotStatus::Closed => ("Đã đóng", "Closed"),
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

/// The confirmation question before closing or reopening `n` slots on `day` (dd/mm/yyyy).
pub fn confirm_slots(lang: Lang, close: bool, n: usize, day: &str) -> String {
    match (lang, close) {
        (Lang::Vi, true) => format!(
            "Đóng {n} giờ khám ngày {day}? Người dân sẽ không đặt được các giờ này."
        ),
        (Lang::Vi, false) => format!("Mở lại {n} giờ khám ngày {day} cho người dân đặt?"),
        (Lang::En, true) => format!(
            "Close {n} slot(s) on {day}? Citizens will no longer be able to book them."
        ),
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
        for code in [
            "booking_not_found",
            "already_checked_in",
            "appointment_cancelled",
            "not_today",
            "slot_booked",
            "bad_booking_code",
            "staff_only",
        ] {
            let msg = ClinicMsg::for_error_code(code).unwrap_or_else(|| panic!("{code}"));
            assert_ne!(Lang::Vi.t(msg), Lang::En.t(msg), "{code}");
        }
        assert_eq!(ClinicMsg::for_error_code("something_new"), None);
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
            failure(Lang::Vi, &refused("already_checked_in")),
            Lang::Vi.t(ClinicMsg::ErrAlreadyCheckedIn)
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
