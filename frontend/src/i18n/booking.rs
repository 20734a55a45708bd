//! Texts of the booking flow and "my appointments", (Vietnamese, English), implementing
//! [`super::Texts`]. Sentences with numbers or names in them are the functions at the end.
//!
//! Every refusal the edge can give has a sentence here that says what happened and what to do
//! next; the page adds the button for that next step.

use super::{Lang, Texts};
use crate::api::ApiFailure;
use shared::dto::booking::{AppointmentStatus, FacilityLevel, Pregnancy, Symptom, codes};

/// A fixed text of the booking area.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BookingText {
    // Navigation and steps.
    NavBook,
    NavBooking,
    NavAppointments,
    NavLabel,
    BookingTitle,
    StepsLabel,
    StepWhere,
    StepWhen,
    StepConfirm,
    AssistedMode,
    // Step 1: for whom, where.
    ForWhom,
    ForMe,
    ForOther,
    OtherHint,
    NumberLabel,
    NumberHint,
    BirthDateLabel,
    FindRegistered,
    NumberOk,
    WhereTitle,
    LoadingFacilities,
    Registered,
    FromLink,
    Choose,
    NoFacilities,
    NoOnlineBooking,
    SearchOther,
    SearchWords,
    SearchWordsHint,
    Province,
    Level,
    AnyLevel,
    Department,
    Search,
    Searching,
    CardNotFound,
    // Step 2: when.
    Change,
    BookingFor,
    AllDepartments,
    ChooseDay,
    LoadingDays,
    Closed,
    Full,
    ChooseTime,
    LoadingSlots,
    Refresh,
    NoFreeSlots,
    NoFreeSlotsDay,
    Holding,
    MovingFrom,
    // Step 3: declaration and confirm.
    HeldFor,
    HoldOver,
    ChooseAgain,
    ChooseOther,
    VisitSummary,
    Time,
    Doctor,
    Room,
    Facility,
    Address,
    Patient,
    DeclarationTitle,
    DeclarationHint,
    Reason,
    ReasonHint,
    Symptoms,
    SymptomsHint,
    InfectiousContact,
    RecentTravel,
    Yes,
    No,
    PregnancyQuestion,
    Notes,
    NotesHint,
    EstimateTitle,
    EstimateBadge,
    ExamFee,
    FundPays,
    YouPay,
    EstimateDisclaimer,
    Confirm,
    Confirming,
    ConfirmMove,
    Moving,
    NoHold,
    RetryingSlow,
    // Ticket.
    TicketTitle,
    Booked,
    Moved,
    BookingCode,
    QueueNumber,
    ArriveBy,
    Phone,
    BookedBy,
    Status,
    OtherPersonTicket,
    SaveTicket,
    AllAppointments,
    LoadingTicket,
    // My appointments.
    AppointmentsTitle,
    AppointmentsOf,
    Upcoming,
    Past,
    NoUpcoming,
    NoPast,
    NewBooking,
    LoadingAppointments,
    ViewTicket,
    Reschedule,
    Cancel,
    CancelQuestion,
    CancelKeep,
    CancelConfirm,
    Cancelling,
    CancelledNotice,
    // Refusals and failures.
    ErrSlotTaken,
    ErrDayFull,
    ErrAlreadyBooked,
    ErrFacilityClosed,
    ErrHoldExpired,
    ErrInProgress,
    ErrPersonNotMatched,
    ErrBadDate,
    ErrBadDeclaration,
    ErrNotChangeable,
    ErrFacilityNotFound,
    ErrAppointmentNotFound,
    ErrSlotNotFound,
    ErrNotAuthorized,
    ErrReasonMissing,
    ErrBirthDateMissing,
    ErrUnsure,
}

impl Texts for BookingText {
    fn texts(self) -> (&'static str, &'static str) {
        use BookingText::*;
        match self {
            NavBook => ("Sổ sức khỏe", "Health book"),
            NavBooking => ("Đặt lịch khám", "Book a visit"),
            NavAppointments => ("Lịch hẹn", "Appointments"),
            NavLabel => ("Mục chính", "Main sections"),
            BookingTitle => ("Đặt lịch khám", "Book a visit"),
            StepsLabel => ("Các bước đặt lịch", "Booking steps"),
            StepWhere => ("Nơi khám", "Where"),
            StepWhen => ("Giờ khám", "When"),
            StepConfirm => ("Xác nhận", "Confirm"),
            AssistedMode => ("Chữ lớn", "Large text"),

            ForWhom => ("Đặt lịch cho ai?", "Who is the visit for?"),
            ForMe => ("Bản thân", "Myself"),
            ForOther => ("Người khác", "Someone else"),
            OtherHint => (
                "Ví dụ cha mẹ của bạn. Nhập số thẻ BHYT (15 ký tự hoặc 10 số) hoặc số CCCD (12 số) và ngày sinh của người đó.",
                "For example a parent. Enter their BHYT card number (15 characters or 10 digits) or personal ID (12 digits) and their date of birth.",
            ),
            NumberLabel => ("Số thẻ BHYT hoặc CCCD", "BHYT card or personal ID number"),
            NumberHint => (
                "Ví dụ: HC 4 01 0123456789",
                "For example: HC 4 01 0123456789",
            ),
            BirthDateLabel => ("Ngày sinh của người được khám", "Their date of birth"),
            FindRegistered => ("Tìm nơi đăng ký KCB", "Find their facility"),
            NumberOk => ("Số hợp lệ", "Valid number"),
            WhereTitle => ("Chọn nơi khám", "Choose where"),
            LoadingFacilities => (
                "Đang tải danh sách cơ sở y tế…",
                "Loading health facilities…",
            ),
            Registered => (
                "Nơi đăng ký KCB ban đầu",
                "Registered primary-care facility",
            ),
            FromLink => ("Theo giấy hẹn", "From your appointment slip"),
            Choose => ("Chọn", "Choose"),
            NoFacilities => (
                "Không tìm thấy cơ sở y tế phù hợp. Hãy thử từ khóa khác, ví dụ tên phường/xã hoặc tên khoa.",
                "No matching facility. Try other words, such as the ward or the department.",
            ),
            NoOnlineBooking => (
                "Cơ sở này chưa nhận đặt lịch trực tuyến.",
                "This facility does not take online bookings yet.",
            ),
            SearchOther => ("Tìm cơ sở khác", "Find another facility"),
            SearchWords => (
                "Tên cơ sở, phường/xã hoặc chuyên khoa",
                "Name, ward or specialty",
            ),
            SearchWordsHint => (
                "Ví dụ: Bạch Mai, tim mạch",
                "For example: Bach Mai, cardiology",
            ),
            Province => ("Tỉnh/thành phố", "Province or city"),
            Level => ("Cấp chuyên môn", "Level of care"),
            AnyLevel => ("Mọi cấp", "Any level"),
            Department => ("Khoa/dịch vụ", "Department or service"),
            Search => ("Tìm", "Search"),
            Searching => ("Đang tìm…", "Searching…"),
            CardNotFound => (
                "Chưa tìm thấy nơi đăng ký KCB của số này. Bạn vẫn có thể chọn một cơ sở bên dưới.",
                "No registered facility was found for this number. You can still choose a facility below.",
            ),

            Change => ("Đổi", "Change"),
            BookingFor => ("Người được khám", "Patient"),
            AllDepartments => ("Tất cả khoa", "All departments"),
            ChooseDay => ("Chọn ngày khám", "Choose a day"),
            LoadingDays => ("Đang tải lịch…", "Loading days…"),
            Closed => ("Nghỉ", "Closed"),
            Full => ("Hết chỗ", "Full"),
            ChooseTime => ("Chọn giờ khám", "Choose a time"),
            LoadingSlots => ("Đang tải giờ trống…", "Loading free times…"),
            Refresh => ("Cập nhật", "Refresh"),
            NoFreeSlots => (
                "Ngày này đã hết giờ trống. Hãy chọn ngày khác.",
                "No free times are left on this day. Please choose another day.",
            ),
            NoFreeSlotsDay => (
                "Không còn ngày trống trong hai tuần tới. Hãy chọn khoa hoặc cơ sở khác.",
                "No free day in the next two weeks. Please choose another department or facility.",
            ),
            Holding => ("Đang giữ chỗ…", "Holding this time…"),
            MovingFrom => ("Đổi lịch hẹn hiện tại:", "Moving your appointment:"),

            HeldFor => (
                "Chỗ được giữ cho bạn trong",
                "This time is held for you for",
            ),
            HoldOver => (
                "Đã hết 5 phút giữ chỗ nên giờ khám này đã được trả lại. Hãy chọn lại giờ khám.",
                "The 5-minute hold has ended and this time was released. Please choose a time again.",
            ),
            ChooseAgain => ("Chọn lại giờ khám", "Choose a time again"),
            ChooseOther => ("Chọn giờ khác", "Choose another time"),
            VisitSummary => ("Lịch khám", "Your visit"),
            Time => ("Thời gian", "Time"),
            Doctor => ("Bác sĩ", "Doctor"),
            Room => ("Phòng khám", "Room"),
            Facility => ("Cơ sở y tế", "Facility"),
            Address => ("Địa chỉ", "Address"),
            Patient => ("Người được khám", "Patient"),
            DeclarationTitle => ("Khai báo y tế", "Health declaration"),
            DeclarationHint => (
                "Giúp phòng khám chuẩn bị trước. Chỉ cơ sở y tế bạn đặt lịch được xem.",
                "Helps the clinic prepare. Only the facility you book with can read it.",
            ),
            Reason => ("Lý do đi khám", "Reason for the visit"),
            ReasonHint => ("Ví dụ: ho kéo dài 1 tuần", "For example: cough for a week"),
            Symptoms => (
                "Triệu chứng trong 14 ngày qua",
                "Symptoms in the last 14 days",
            ),
            SymptomsHint => (
                "Chọn tất cả các mục đúng, nếu có.",
                "Tick all that apply, if any.",
            ),
            InfectiousContact => (
                "Trong 14 ngày qua, có tiếp xúc gần với người mắc bệnh truyền nhiễm (lao, sởi, COVID-19, sốt xuất huyết…)?",
                "In the last 14 days, close contact with someone who has an infectious disease (TB, measles, COVID-19, dengue…)?",
            ),
            RecentTravel => (
                "Trong 14 ngày qua, có đi nước ngoài hoặc đến vùng có dịch?",
                "In the last 14 days, travel abroad or to an outbreak area?",
            ),
            Yes => ("Có", "Yes"),
            No => ("Không", "No"),
            PregnancyQuestion => ("Có đang mang thai?", "Pregnant?"),
            Notes => (
                "Điều phòng khám cần biết thêm",
                "Anything else the clinic should know",
            ),
            NotesHint => (
                "Ví dụ: dị ứng thuốc, cần xe lăn",
                "For example: drug allergy, needs a wheelchair",
            ),
            EstimateTitle => ("Chi phí khám dự kiến", "Expected cost of the visit"),
            EstimateBadge => ("Ước tính", "Estimate"),
            ExamFee => ("Giá khám", "Examination fee"),
            FundPays => ("Quỹ BHYT chi trả", "Insurance pays"),
            YouPay => ("Bạn trả khoảng", "You pay about"),
            EstimateDisclaimer => (
                "Chỉ là ước tính cho tiền khám; xét nghiệm, thuốc và dịch vụ bác sĩ chỉ định sẽ tính riêng. Cơ sở y tế quyết định số tiền thực tế.",
                "An estimate for the examination only; tests, medicines and services the doctor orders are extra. The facility sets the actual amount.",
            ),
            Confirm => ("Xác nhận đặt lịch", "Confirm booking"),
            Confirming => ("Đang đặt lịch…", "Booking…"),
            ConfirmMove => ("Xác nhận đổi lịch", "Confirm the move"),
            Moving => ("Đang đổi lịch…", "Moving…"),
            NoHold => (
                "Chưa có giờ khám nào đang được giữ (có thể do trang vừa được tải lại). Hãy chọn giờ khám.",
                "No time is being held (the page may have been reloaded). Please choose a time.",
            ),
            RetryingSlow => (
                "Mạng chậm, đang thử lại. Lịch hẹn sẽ không bị đặt hai lần.",
                "Slow network, trying again. You will not be booked twice.",
            ),

            TicketTitle => ("Phiếu hẹn khám", "Appointment ticket"),
            Booked => (
                "Đặt lịch thành công. Hãy đưa mã đặt khám hoặc mã QR cho quầy tiếp đón khi đến.",
                "Booked. Show the booking code or the QR code at the reception desk when you arrive.",
            ),
            Moved => (
                "Đã đổi lịch. Giờ khám cũ đã được trả lại.",
                "Moved. Your previous time was released.",
            ),
            BookingCode => ("Mã đặt khám", "Booking code"),
            QueueNumber => ("Số thứ tự", "Queue number"),
            ArriveBy => ("Có mặt trước", "Arrive by"),
            Phone => ("Điện thoại", "Phone"),
            BookedBy => ("Người đặt", "Booked by"),
            Status => ("Trạng thái", "Status"),
            OtherPersonTicket => (
                "Lịch hẹn này nằm trong sổ sức khỏe của người được khám. Hãy lưu hoặc chụp lại phiếu này để gửi cho họ.",
                "This appointment is in the patient's own health book. Save or screenshot this ticket to pass it on.",
            ),
            SaveTicket => (
                "Phiếu cũng được lưu trong mục “Lịch hẹn”.",
                "The ticket is also saved under “Appointments”.",
            ),
            AllAppointments => ("Xem tất cả lịch hẹn", "See all appointments"),
            LoadingTicket => ("Đang tải phiếu hẹn…", "Loading the ticket…"),

            AppointmentsTitle => ("Lịch hẹn khám", "Appointments"),
            AppointmentsOf => ("Lịch hẹn của:", "Appointments of:"),
            Upcoming => ("Sắp tới", "Upcoming"),
            Past => ("Đã qua", "Past"),
            NoUpcoming => ("Chưa có lịch hẹn nào sắp tới.", "No upcoming appointments."),
            NoPast => ("Chưa có lịch hẹn nào trước đây.", "No past appointments."),
            NewBooking => ("Đặt lịch mới", "Book a visit"),
            LoadingAppointments => ("Đang tải lịch hẹn…", "Loading appointments…"),
            ViewTicket => ("Xem phiếu", "View ticket"),
            Reschedule => ("Đổi lịch", "Reschedule"),
            Cancel => ("Hủy lịch", "Cancel"),
            CancelQuestion => ("Hủy lịch hẹn này?", "Cancel this appointment?"),
            CancelKeep => ("Không, giữ lịch", "No, keep it"),
            CancelConfirm => ("Có, hủy lịch hẹn", "Yes, cancel it"),
            Cancelling => ("Đang hủy…", "Cancelling…"),
            CancelledNotice => (
                "Đã hủy lịch hẹn. Giờ khám đã được trả lại cho người khác.",
                "Appointment cancelled. The time is free for someone else.",
            ),

            ErrSlotTaken => (
                "Giờ này vừa có người khác đặt. Danh sách giờ trống đã được cập nhật — hãy chọn giờ khác.",
                "Someone else just took this time. The list of free times has been refreshed — please choose another.",
            ),
            ErrDayFull => (
                "Ngày này vừa hết chỗ. Hãy chọn ngày khác hoặc cơ sở khác.",
                "This day just became full. Please choose another day or facility.",
            ),
            ErrAlreadyBooked => (
                "Người này đã có lịch hẹn tại cơ sở này trong ngày đó. Mỗi người chỉ đặt một lịch mỗi ngày tại một cơ sở — bạn có thể đổi lịch hẹn đó trong mục “Lịch hẹn”.",
                "This person already has an appointment at this facility that day. One booking per person per facility and day — you can move it under “Appointments”.",
            ),
            ErrFacilityClosed => (
                "Cơ sở không nhận khám ngày này (nghỉ hoặc đã đóng lịch). Hãy chọn ngày khác.",
                "The facility is not seeing patients that day (closed). Please choose another day.",
            ),
            ErrHoldExpired => (
                "Đã hết thời gian giữ chỗ nên giờ khám đã được trả lại. Hãy chọn lại giờ khám.",
                "The hold ran out and the time was released. Please choose a time again.",
            ),
            ErrInProgress => (
                "Lượt đặt lịch trước của bạn vẫn đang được xử lý. Đợi vài giây rồi bấm lại — lịch sẽ không bị đặt hai lần.",
                "Your previous attempt is still being processed. Wait a few seconds and press again — you will not be booked twice.",
            ),
            ErrPersonNotMatched => (
                "Số thẻ và ngày sinh không khớp với dữ liệu. Hãy kiểm tra lại cả hai (ngày sinh ghi trên thẻ BHYT hoặc CCCD).",
                "The number and date of birth do not match our records. Please check both (as printed on the card).",
            ),
            ErrBadDate => (
                "Chỉ đặt được lịch từ hôm nay đến 30 ngày tới. Hãy chọn ngày khác.",
                "Bookings are open from today to 30 days ahead. Please choose another day.",
            ),
            ErrBadDeclaration => (
                "Tờ khai y tế chưa đủ hoặc quá dài. Hãy ghi lý do đi khám (tối đa 500 ký tự).",
                "The declaration is incomplete or too long. Please give the reason for the visit (up to 500 characters).",
            ),
            ErrNotChangeable => (
                "Lịch hẹn này không còn đổi hoặc hủy được (đã qua, đã đến khám hoặc đã hủy).",
                "This appointment can no longer be changed (it is past, checked in or cancelled).",
            ),
            ErrFacilityNotFound => (
                "Không tìm thấy cơ sở y tế này. Đường dẫn có thể đã cũ — hãy chọn cơ sở khác.",
                "This facility was not found. The link may be old — please choose a facility.",
            ),
            ErrAppointmentNotFound => (
                "Không tìm thấy lịch hẹn này. Có thể lịch đã bị hủy hoặc thuộc về người khác.",
                "This appointment was not found. It may have been cancelled or belong to someone else.",
            ),
            ErrSlotNotFound => (
                "Giờ khám này không còn trong lịch của cơ sở. Danh sách đã được cập nhật — hãy chọn giờ khác.",
                "This time is no longer in the facility's schedule. The list has been refreshed — please choose another.",
            ),
            ErrNotAuthorized => (
                "Bạn không được đặt hoặc xem lịch cho người này. Hãy chọn bản thân hoặc người bạn chăm sóc.",
                "You may not book or see appointments for this person. Choose yourself or someone you care for.",
            ),
            ErrReasonMissing => (
                "Hãy ghi lý do đi khám (một câu ngắn là đủ).",
                "Please give the reason for the visit (a short sentence is enough).",
            ),
            ErrBirthDateMissing => (
                "Hãy nhập ngày sinh của người được khám.",
                "Please enter their date of birth.",
            ),
            ErrUnsure => (
                "Mạng chập chờn nên chưa rõ lịch đã được đặt chưa. Bấm nút lần nữa: hệ thống sẽ không đặt hai lần.",
                "The connection dropped, so it is not certain the booking went through. Press again: you will not be booked twice.",
            ),
        }
    }
}

impl BookingText {
    /// Our sentence for a booking error code, if it is one of this area's.
    pub fn for_error_code(code: &str) -> Option<BookingText> {
        use BookingText::*;
        Some(match code {
            codes::SLOT_TAKEN => ErrSlotTaken,
            codes::DAY_FULL => ErrDayFull,
            codes::ALREADY_BOOKED => ErrAlreadyBooked,
            codes::FACILITY_CLOSED => ErrFacilityClosed,
            codes::HOLD_EXPIRED | codes::HOLD_NOT_FOUND => ErrHoldExpired,
            codes::BOOKING_IN_PROGRESS | codes::IDEMPOTENCY_IN_FLIGHT => ErrInProgress,
            codes::PERSON_NOT_MATCHED => ErrPersonNotMatched,
            codes::BAD_DATE => ErrBadDate,
            codes::BAD_DECLARATION => ErrBadDeclaration,
            codes::NOT_CHANGEABLE => ErrNotChangeable,
            codes::FACILITY_NOT_FOUND => ErrFacilityNotFound,
            codes::APPOINTMENT_NOT_FOUND => ErrAppointmentNotFound,
            codes::SLOT_NOT_FOUND => ErrSlotNotFound,
            codes::NOT_AUTHORIZED => ErrNotAuthorized,
            _ => return None,
        })
    }
}

/// What to tell a person about a failed booking request: this area's sentence for the code,
/// else the app-wide one ([`super::failure`]).
pub fn failure(lang: Lang, failure: &ApiFailure) -> String {
    match failure {
        ApiFailure::Refused { error, .. } => match BookingText::for_error_code(&error.code) {
            Some(text) => lang.t(text).to_owned(),
            None => super::failure(lang, failure),
        },
        _ => super::failure(lang, failure),
    }
}

/// The code of a refusal, if the request was refused with one.
pub fn refusal_code(failure: &ApiFailure) -> Option<&str> {
    match failure {
        ApiFailure::Refused { error, .. } => Some(&error.code),
        _ => None,
    }
}

/// One of two fixed texts, by language.
fn say(lang: Lang, (vi, en): (&'static str, &'static str)) -> &'static str {
    match lang {
        Lang::Vi => vi,
        Lang::En => en,
    }
}

pub fn symptom(lang: Lang, symptom: Symptom) -> &'static str {
    use Symptom::*;
    say(
        lang,
        match symptom {
            Fever => ("Sốt", "Fever"),
            Cough => ("Ho", "Cough"),
            ShortnessOfBreath => ("Khó thở", "Shortness of breath"),
            SoreThroat => ("Đau họng", "Sore throat"),
            LossOfSmellOrTaste => ("Mất vị giác hoặc khứu giác", "Loss of smell or taste"),
            Diarrhoea => ("Tiêu chảy", "Diarrhoea"),
            Vomiting => ("Nôn", "Vomiting"),
            Rash => ("Phát ban", "Rash"),
            Headache => ("Đau đầu", "Headache"),
            ChestPain => ("Đau ngực", "Chest pain"),
            Fatigue => ("Mệt mỏi", "Fatigue"),
        },
    )
}

/// Every symptom the declaration asks about, in the order of the form.
pub const SYMPTOMS: [Symptom; 11] = [
    Symptom::Fever,
    Symptom::Cough,
    Symptom::SoreThroat,
    Symptom::ShortnessOfBreath,
    Symptom::LossOfSmellOrTaste,
    Symptom::Headache,
    Symptom::Fatigue,
    Symptom::ChestPain,
    Symptom::Diarrhoea,
    Symptom::Vomiting,
    Symptom::Rash,
];

pub fn pregnancy(lang: Lang, answer: Pregnancy) -> &'static str {
    say(
        lang,
        match answer {
            Pregnancy::NotApplicable => ("Không áp dụng", "Not applicable"),
            Pregnancy::No => ("Không", "No"),
            Pregnancy::Yes => ("Có", "Yes"),
            Pregnancy::Unsure => ("Có thể / chưa rõ", "Maybe / not sure"),
        },
    )
}

pub fn level(lang: Lang, level: FacilityLevel) -> &'static str {
    say(
        lang,
        match level {
            FacilityLevel::Initial => ("Cấp ban đầu", "Primary care"),
            FacilityLevel::Basic => ("Cấp cơ bản", "Basic level"),
            FacilityLevel::Specialised => ("Cấp chuyên sâu", "Specialised"),
        },
    )
}

pub fn status(lang: Lang, status: AppointmentStatus) -> &'static str {
    use AppointmentStatus::*;
    say(
        lang,
        match status {
            Booked => ("Đã đặt", "Booked"),
            CheckedIn => ("Đã đến khám", "Checked in"),
            NoShow => ("Không đến", "Did not attend"),
            Done => ("Đã khám xong", "Seen"),
            Cancelled => ("Đã hủy", "Cancelled"),
        },
    )
}

/// "cập nhật lúc 07:02" / "as of 07:02".
pub fn as_of(lang: Lang, hhmm: &str) -> String {
    lang.pick(format!("cập nhật lúc {hhmm}"), format!("as of {hhmm}"))
}

/// "còn 12 chỗ" / "12 free".
pub fn free_count(lang: Lang, free: u32) -> String {
    lang.pick(format!("còn {free} chỗ"), format!("{free} free"))
}

/// The polite screen-reader announcement of a hold's remaining time.
pub fn hold_left(lang: Lang, left: crate::format::HoldLeft) -> String {
    use crate::format::HoldLeft;
    match left {
        HoldLeft::Minutes(1) => lang.pick(
            "Còn 1 phút giữ chỗ.".into(),
            "1 minute left on your hold.".into(),
        ),
        HoldLeft::Minutes(n) => lang.pick(
            format!("Còn {n} phút giữ chỗ."),
            format!("{n} minutes left on your hold."),
        ),
        HoldLeft::HalfMinute => lang.pick(
            "Còn 30 giây giữ chỗ. Hãy xác nhận ngay.".into(),
            "30 seconds left on your hold. Please confirm now.".into(),
        ),
        HoldLeft::Over => lang.t(BookingText::HoldOver).to_owned(),
    }
}

/// "Mã QR của mã đặt khám K7QF-29XB" — the QR image's alternative text.
pub fn qr_alt(lang: Lang, code: &str) -> String {
    lang.pick(
        format!("Mã QR của mã đặt khám {code}"),
        format!("QR code of booking code {code}"),
    )
}

/// "mức hưởng 4" / "benefit level 4".
pub fn benefit(lang: Lang, level: u8) -> String {
    lang.pick(
        format!("mức hưởng {level}"),
        format!("benefit level {level}"),
    )
}

/// "80%" of the fee.
pub fn percent(value: u8) -> String {
    format!("{value}%")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refusal_of_the_booking_api_has_a_sentence() {
        for code in [
            codes::SLOT_TAKEN,
            codes::DAY_FULL,
            codes::ALREADY_BOOKED,
            codes::FACILITY_CLOSED,
            codes::HOLD_EXPIRED,
            codes::HOLD_NOT_FOUND,
            codes::BOOKING_IN_PROGRESS,
            codes::IDEMPOTENCY_IN_FLIGHT,
            codes::PERSON_NOT_MATCHED,
            codes::BAD_DATE,
            codes::BAD_DECLARATION,
            codes::NOT_CHANGEABLE,
            codes::FACILITY_NOT_FOUND,
            codes::APPOINTMENT_NOT_FOUND,
            codes::SLOT_NOT_FOUND,
            codes::NOT_AUTHORIZED,
        ] {
            let text = BookingText::for_error_code(code).unwrap_or_else(|| panic!("{code}"));
            let (vi, en) = text.texts();
            assert!(!vi.is_empty() && !en.is_empty() && vi != en, "{code}");
        }
        assert_eq!(BookingText::for_error_code("store_timeout"), None);
    }

    #[test]
    fn refusals_fall_back_to_the_app_wide_sentences() {
        use shared::dto::ApiError;
        let refused = |code: &str| ApiFailure::Refused {
            status: 409,
            error: ApiError {
                code: code.into(),
                message: "Một câu. / A sentence.".into(),
            },
        };
        assert_eq!(
            failure(Lang::En, &refused("slot_taken")),
            Lang::En.t(BookingText::ErrSlotTaken)
        );
        assert_eq!(
            failure(Lang::Vi, &refused("store_timeout")),
            Lang::Vi.t(super::super::Msg::ErrStoreTimeout)
        );
        assert_eq!(failure(Lang::En, &refused("bad_request")), "A sentence.");
        assert_eq!(refusal_code(&refused("day_full")), Some("day_full"));
        assert_eq!(refusal_code(&ApiFailure::Network), None);
    }

    #[test]
    fn sentences_with_numbers() {
        use crate::format::HoldLeft;
        assert_eq!(as_of(Lang::Vi, "07:02"), "cập nhật lúc 07:02");
        assert_eq!(free_count(Lang::En, 12), "12 free");
        assert_eq!(
            hold_left(Lang::Vi, HoldLeft::Minutes(3)),
            "Còn 3 phút giữ chỗ."
        );
        assert_eq!(
            hold_left(Lang::En, HoldLeft::Minutes(1)),
            "1 minute left on your hold."
        );
        assert!(hold_left(Lang::Vi, HoldLeft::HalfMinute).contains("30 giây"));
        assert_eq!(
            qr_alt(Lang::En, "K7QF-29XB"),
            "QR code of booking code K7QF-29XB"
        );
        for s in SYMPTOMS {
            assert_ne!(symptom(Lang::Vi, s), symptom(Lang::En, s));
        }
    }
}
