//! Texts of the health book's sections, (Vietnamese, English), implementing [`super::Texts`].
//!
//! Plain words over medical ones: "Cao hơn mức bình thường", not "Tăng". Store texts
//! (diagnosis names, drug names, conclusions) are shown as the facility wrote them and never
//! pass through here.

use super::{Lang, Texts};
use crate::components::chart::{Flag, Trend, is_out};
use crate::format;
use shared::date::IsoDate;
use shared::dto::book::{
    AboGroup, BloodGroup, CorrectionStatus, PrescriptionStatus, RhFactor, Trend as SeriesTrend,
    TrendAssessment, TrendDirection, VisitClass,
};

/// A fixed text of the book's sections.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BookMsg {
    // Navigation between sections.
    SectionsTitle,
    BackToSummary,
    BackToVisits,
    Administrative,
    AdministrativeAbout,
    History,
    HistoryAbout,
    Allergies,
    AllergiesAbout,
    Visits,
    VisitsAbout,
    Labs,
    LabsAbout,
    Vitals,
    VitalsAbout,
    Immunizations,
    ImmunizationsAbout,
    Checkups,
    CheckupsAbout,
    Corrections,
    CorrectionsAbout,
    Print,
    PrintAbout,
    Loading,
    // Items and their origin.
    Date,
    Source,
    Assessment,
    SelfReported,
    Saving,
    // Charts.
    ShowTable,
    HideTable,
    ReferenceRange,
    OutOfRange,
    SelfReportedPoint,
    FlagNormal,
    FlagLow,
    FlagHigh,
    FlagCriticalLow,
    FlagCriticalHigh,
    FlagAbnormal,
    FlagUnknown,
    // "This is wrong / missing".
    ReportItem,
    ReportMissing,
    CorrectionRequested,
    ReportKind,
    ReportWrong,
    ReportIncomplete,
    ReportDescribe,
    ReportHint,
    ReportSend,
    ReportTooShort,
    Sending,
    Cancel,
    StatusRequested,
    StatusInProgress,
    StatusCompleted,
    StatusRejected,
    StatusCancelled,
    // Self-reported data.
    DeclareHint,
    DeclareSaved,
    DeclareRolledBack,
    MeasuredOn,
    Save,
    // Body measurements.
    AddMeasurement,
    WhatMeasured,
    BloodPressure,
    Systolic,
    Diastolic,
    Weight,
    Height,
    Bmi,
    Glucose,
    Fasting,
    NoReadings,
    AboutBloodPressure,
    AboutWeight,
    AboutHeight,
    AboutBmi,
    AboutGlucose,
    BloodGroup,
    NoBloodGroup,
    DeclareBloodGroup,
    AboGroup,
    GroupO,
    GroupA,
    GroupB,
    GroupAB,
    RhFactor,
    RhPositive,
    RhNegative,
    RhUnknown,
    ReportSentNoFacility,
    TrendStable,
    TrendImproving,
    TrendWorsening,
    TrendOutOfRange,
    // Lab results.
    NoLabs,
    ByTest,
    TapForTrend,
    WhatIsThisTest,
    CompareTitle,
    FirstDate,
    SecondDate,
    Test,
    Change,
    OtherResults,
    ShortLow,
    ShortHigh,
    ShortAbnormal,
    AboutGlucoseTest,
    AboutHba1c,
    AboutCholesterol,
    AboutLdl,
    AboutHdl,
    AboutTriglycerides,
    AboutCreatinine,
    AboutAlt,
    AboutAst,
    AboutHemoglobin,
    AboutWbc,
    AboutPlatelets,
    AboutUricAcid,
    // Visits.
    NoVisits,
    MoreVisits,
    UpcomingFollowUps,
    ReferralIssued,
    Reason,
    Outcome,
    Diagnoses,
    MainDiagnosis,
    VisitTitle,
    VisitOverview,
    VisitKind,
    Facility,
    Department,
    Room,
    Clinician,
    FollowUpSlip,
    ReferralSlip,
    BookFollowUp,
    BookReferral,
    ReferredTo,
    ReferredBy,
    Imaging,
    Prescriptions,
    Procedures,
    Result,
    Conclusion,
    ForCondition,
    Prescriber,
    BodySite,
    HeartRate,
    Temperature,
    ClassOutpatient,
    ClassInpatient,
    ClassEmergency,
    ClassOther,
    RxActive,
    RxCompleted,
    RxStopped,
    RxUnknown,
}

impl Texts for BookMsg {
    fn texts(self) -> (&'static str, &'static str) {
        use BookMsg::*;
        match self {
            SectionsTitle => ("Các mục trong sổ", "Sections of the book"),
            BackToSummary => ("Về trang đầu sổ", "Back to the book's first page"),
            BackToVisits => ("Về danh sách lần khám", "Back to all visits"),
            Administrative => ("Thông tin hành chính", "Personal and insurance details"),
            AdministrativeAbout => (
                "Nhân thân, thẻ BHYT, địa chỉ, người đại diện",
                "Identity, insurance card, address, representatives",
            ),
            History => ("Tiền sử và yếu tố nguy cơ", "History and risk factors"),
            HistoryAbout => (
                "Bệnh mạn tính, phẫu thuật, gia đình, thuốc lá, rượu bia",
                "Long-term conditions, surgeries, family, tobacco, alcohol",
            ),
            Allergies => ("Dị ứng", "Allergies"),
            AllergiesAbout => ("Thuốc, thực phẩm, hóa chất", "Medicines, food, chemicals"),
            Visits => ("Các lần khám bệnh", "Visits"),
            VisitsAbout => (
                "Chẩn đoán, đơn thuốc, giấy chuyển tuyến, hẹn tái khám",
                "Diagnoses, prescriptions, referrals, follow-up dates",
            ),
            Labs => ("Kết quả xét nghiệm", "Lab results"),
            LabsAbout => (
                "Diễn biến qua các năm, so sánh hai lần",
                "Trends over the years, compare two dates",
            ),
            Vitals => ("Chỉ số cơ thể", "Body measurements"),
            VitalsAbout => (
                "Huyết áp, cân nặng, chiều cao, BMI, đường huyết",
                "Blood pressure, weight, height, BMI, glucose",
            ),
            Immunizations => ("Tiêm chủng", "Vaccinations"),
            ImmunizationsAbout => (
                "Mũi đã tiêm, lịch tiêm chủng mở rộng của trẻ",
                "Doses given, children's national schedule",
            ),
            Checkups => ("Khám sức khỏe định kỳ", "Periodic check-ups"),
            CheckupsAbout => (
                "Kết luận và phân loại sức khỏe",
                "Conclusions and health grade",
            ),
            Corrections => ("Yêu cầu sửa thông tin", "Correction requests"),
            CorrectionsAbout => (
                "Thông tin sai hoặc thiếu bạn đã báo",
                "Wrong or missing information you reported",
            ),
            Print => ("In và tải dữ liệu", "Print and download"),
            PrintAbout => (
                "Bản tóm tắt để in, tải toàn bộ dữ liệu",
                "A summary for paper, download all your data",
            ),
            Loading => ("Đang tải…", "Loading…"),

            Date => ("Ngày", "Date"),
            Source => ("Nơi ghi nhận", "Recorded by"),
            Assessment => ("Đánh giá", "Assessment"),
            SelfReported => ("Tự khai", "Self-reported"),
            Saving => ("Đang lưu…", "Saving…"),

            ShowTable => ("Xem dạng bảng số liệu", "Show as a table"),
            HideTable => ("Ẩn bảng số liệu", "Hide the table"),
            ReferenceRange => ("Khoảng bình thường", "Normal range"),
            OutOfRange => ("Ngoài khoảng bình thường", "Outside the normal range"),
            SelfReportedPoint => ("Tự khai (tự đo)", "Self-reported (own device)"),
            FlagNormal => ("Bình thường", "Normal"),
            FlagLow => ("Thấp hơn bình thường", "Below normal"),
            FlagHigh => ("Cao hơn bình thường", "Above normal"),
            FlagCriticalLow => ("Rất thấp, cần đi khám", "Very low, see a doctor"),
            FlagCriticalHigh => ("Rất cao, cần đi khám", "Very high, see a doctor"),
            FlagAbnormal => ("Bất thường", "Abnormal"),
            FlagUnknown => ("Không có mốc so sánh", "No range to compare"),

            ReportItem => ("Thông tin này sai / thiếu", "This is wrong / missing"),
            ReportMissing => (
                "Sổ còn thiếu thông tin? Báo cho cơ sở y tế",
                "Something missing? Tell the health facility",
            ),
            CorrectionRequested => ("Yêu cầu sửa", "Correction request"),
            ReportKind => ("Vấn đề là gì?", "What is the problem?"),
            ReportWrong => ("Có thông tin sai", "Something is wrong"),
            ReportIncomplete => ("Còn thiếu thông tin", "Something is missing"),
            ReportDescribe => (
                "Hãy ghi rõ điều gì sai hoặc thiếu",
                "Describe what is wrong or missing",
            ),
            ReportHint => (
                "Yêu cầu được gửi tới cơ sở y tế đã ghi thông tin này. Bạn theo dõi trạng thái ở mục “Yêu cầu sửa thông tin”.",
                "The request goes to the facility that recorded this. Follow its status under “Correction requests”.",
            ),
            ReportSend => ("Gửi yêu cầu", "Send the request"),
            ReportTooShort => (
                "Hãy viết ít nhất 5 ký tự để cơ sở y tế hiểu cần sửa gì.",
                "Please write at least 5 characters so the facility knows what to fix.",
            ),
            Sending => ("Đang gửi…", "Sending…"),
            Cancel => ("Hủy", "Cancel"),
            StatusRequested => (
                "Đã gửi, chờ cơ sở y tế xem",
                "Sent, waiting for the facility",
            ),
            StatusInProgress => ("Cơ sở y tế đang xử lý", "The facility is working on it"),
            StatusCompleted => ("Đã sửa xong", "Corrected"),
            StatusRejected => ("Cơ sở y tế không chấp nhận", "Declined by the facility"),
            StatusCancelled => ("Đã hủy", "Cancelled"),

            DeclareHint => (
                "Thông tin bạn tự khai được ghi vào sổ với nhãn “Tự khai”, tách biệt với kết quả của cơ sở y tế.",
                "What you declare is stored with the “Self-reported” mark, apart from the facilities' results.",
            ),
            DeclareSaved => (
                "Đã lưu vào sổ, có nhãn “Tự khai”.",
                "Saved in the book, marked “Self-reported”.",
            ),
            DeclareRolledBack => (
                "Giá trị vừa nhập chưa được lưu và đã được gỡ khỏi sổ. Hãy sửa rồi lưu lại.",
                "The value was not saved and has been taken back out. Please correct it and save again.",
            ),
            MeasuredOn => ("Ngày đo", "Measured on"),
            Save => ("Lưu vào sổ", "Save to the book"),

            AddMeasurement => ("Thêm số đo tự khai", "Add a measurement"),
            WhatMeasured => ("Bạn đã đo gì?", "What did you measure?"),
            BloodPressure => ("Huyết áp", "Blood pressure"),
            Systolic => ("Tâm thu (số trên)", "Systolic (upper number)"),
            Diastolic => ("Tâm trương (số dưới)", "Diastolic (lower number)"),
            Weight => ("Cân nặng", "Weight"),
            Height => ("Chiều cao", "Height"),
            Bmi => ("Chỉ số khối cơ thể (BMI)", "Body mass index (BMI)"),
            Glucose => ("Đường huyết", "Blood glucose"),
            Fasting => (
                "Đo lúc đói (nhịn ăn ít nhất 8 giờ)",
                "Measured fasting (no food for 8 hours)",
            ),
            NoReadings => (
                "Chưa có số đo nào. Bạn có thể tự khai số đo ở nhà bằng nút “Thêm số đo tự khai”.",
                "No measurements yet. You can add readings taken at home with “Add a measurement”.",
            ),
            AboutBloodPressure => (
                "Huyết áp là sức ép của máu lên thành mạch. Ở người lớn, từ 140/90 mmHg trở lên là tăng huyết áp; nên đo khi ngồi nghỉ 5 phút.",
                "Blood pressure is the force of blood on the vessel walls. For adults, 140/90 mmHg or more is high; measure after sitting still for 5 minutes.",
            ),
            AboutWeight => (
                "Cân nặng thay đổi nhanh không rõ lý do (tăng hoặc giảm vài kg trong một tháng) nên được bác sĩ xem.",
                "A fast, unexplained change (a few kg within a month) is worth showing a doctor.",
            ),
            AboutHeight => (
                "Với trẻ em, chiều cao theo tuổi cho biết trẻ phát triển có đều không.",
                "For children, height for age shows whether they grow steadily.",
            ),
            AboutBmi => (
                "BMI = cân nặng (kg) chia bình phương chiều cao (m). Người lớn: 18,5–24,9 là bình thường.",
                "BMI = weight (kg) divided by height (m) squared. Adults: 18.5–24.9 is normal.",
            ),
            AboutGlucose => (
                "Lượng đường trong máu. Lúc đói, từ 7,0 mmol/L trở lên (đo hai lần) gợi ý đái tháo đường.",
                "The sugar in the blood. Fasting, 7.0 mmol/L or more (twice) suggests diabetes.",
            ),
            BloodGroup => ("Nhóm máu", "Blood group"),
            NoBloodGroup => (
                "Chưa có nhóm máu trong sổ. Nếu bạn biết nhóm máu của mình, hãy khai để dùng khi cấp cứu.",
                "No blood group recorded. If you know yours, declare it for emergencies.",
            ),
            DeclareBloodGroup => ("Khai nhóm máu", "Declare blood group"),
            AboGroup => ("Nhóm máu ABO", "ABO group"),
            GroupO => ("Nhóm O", "Group O"),
            GroupA => ("Nhóm A", "Group A"),
            GroupB => ("Nhóm B", "Group B"),
            GroupAB => ("Nhóm AB", "Group AB"),
            RhFactor => ("Yếu tố Rh(D)", "Rh(D) factor"),
            RhPositive => ("Rh dương (+)", "Rh positive (+)"),
            RhNegative => ("Rh âm (−)", "Rh negative (−)"),
            RhUnknown => ("Không rõ", "Not known"),
            ReportSentNoFacility => (
                "Đã gửi yêu cầu sửa. Bạn theo dõi trạng thái ở mục “Yêu cầu sửa thông tin”.",
                "Your request was sent. Follow its status under “Correction requests”.",
            ),
            TrendStable => ("Ổn định so với lần trước", "Steady since last time"),
            TrendImproving => ("đang tốt lên", "improving"),
            TrendWorsening => ("đang xấu đi, nên hỏi bác sĩ", "getting worse, ask a doctor"),
            TrendOutOfRange => (
                "vẫn ngoài khoảng bình thường",
                "still outside the normal range",
            ),

            NoLabs => (
                "Chưa có kết quả xét nghiệm nào trong sổ. Kết quả từ cơ sở y tế sẽ hiện ở đây sau khi được đồng bộ.",
                "No lab results yet. Results from health facilities appear here once they are synchronised.",
            ),
            ByTest => ("Theo từng xét nghiệm", "By test"),
            TapForTrend => (
                "Bấm vào một xét nghiệm để xem diễn biến qua các năm và giải thích.",
                "Tap a test to see its trend over the years and what it means.",
            ),
            WhatIsThisTest => ("Xét nghiệm này là gì?", "What is this test?"),
            CompareTitle => ("So sánh hai lần xét nghiệm", "Compare two dates"),
            FirstDate => ("Lần trước", "Earlier date"),
            SecondDate => ("Lần sau", "Later date"),
            Test => ("Xét nghiệm", "Test"),
            Change => ("Thay đổi", "Change"),
            OtherResults => ("Kết quả khác", "Other results"),
            ShortLow => ("Thấp", "Low"),
            ShortHigh => ("Cao", "High"),
            ShortAbnormal => ("Bất thường", "Abnormal"),
            AboutGlucoseTest => (
                "Lượng đường trong máu khi nhịn ăn. Cao kéo dài là dấu hiệu của đái tháo đường.",
                "Blood sugar after fasting. Staying high is a sign of diabetes.",
            ),
            AboutHba1c => (
                "Đường huyết trung bình của 2–3 tháng gần đây. Từ 6,5% trở lên gợi ý đái tháo đường.",
                "Average blood sugar over the last 2–3 months. 6.5% or more suggests diabetes.",
            ),
            AboutCholesterol => (
                "Tổng lượng mỡ cholesterol trong máu. Cao làm tăng nguy cơ bệnh tim mạch, đột quỵ.",
                "All the cholesterol in the blood. High levels raise the risk of heart disease and stroke.",
            ),
            AboutLdl => (
                "Mỡ “xấu”, bám vào thành mạch máu. Càng thấp càng tốt cho tim mạch.",
                "“Bad” cholesterol that sticks to vessel walls. Lower is better for the heart.",
            ),
            AboutHdl => (
                "Mỡ “tốt”, giúp đưa mỡ thừa khỏi mạch máu. Cao là tốt.",
                "“Good” cholesterol that carries excess fat away. Higher is better.",
            ),
            AboutTriglycerides => (
                "Một loại mỡ trong máu, tăng khi ăn nhiều đường, tinh bột, uống rượu bia.",
                "A blood fat that rises with sugar, starch and alcohol.",
            ),
            AboutCreatinine => (
                "Chất thải do thận lọc ra. Cao có thể là thận làm việc kém.",
                "A waste product the kidneys filter out. High values can mean the kidneys work less well.",
            ),
            AboutAlt => (
                "Men gan. Tăng khi tế bào gan bị tổn thương (viêm gan, gan nhiễm mỡ, rượu bia, thuốc).",
                "A liver enzyme. It rises when liver cells are harmed (hepatitis, fatty liver, alcohol, medicines).",
            ),
            AboutAst => (
                "Men gan (cũng có ở tim, cơ). Thường được xem cùng ALT.",
                "A liver enzyme (also in heart and muscle), read together with ALT.",
            ),
            AboutHemoglobin => (
                "Chất mang ô-xy trong hồng cầu. Thấp là thiếu máu.",
                "The oxygen carrier in red blood cells. Low means anaemia.",
            ),
            AboutWbc => (
                "Tế bào chống nhiễm trùng. Tăng khi có nhiễm trùng, viêm.",
                "Infection-fighting cells. They rise with infection or inflammation.",
            ),
            AboutPlatelets => (
                "Tế bào giúp cầm máu. Thấp dễ chảy máu, bầm tím.",
                "Cells that stop bleeding. Low values mean easy bleeding and bruising.",
            ),
            AboutUricAcid => (
                "Chất thải từ đạm. Cao kéo dài có thể gây bệnh gút, sỏi thận.",
                "A waste product of protein. Staying high can cause gout and kidney stones.",
            ),

            NoVisits => (
                "Chưa có lần khám nào trong sổ. Nếu bạn đã đi khám mà chưa thấy ở đây, hãy báo cho cơ sở y tế.",
                "No visits in the book yet. If a visit is missing, tell the facility.",
            ),
            MoreVisits => ("Xem thêm lần khám cũ hơn", "Show older visits"),
            UpcomingFollowUps => ("Lịch hẹn tái khám sắp tới", "Upcoming follow-up visits"),
            ReferralIssued => ("Có giấy chuyển tuyến", "Referral slip issued"),
            Reason => ("Lý do khám", "Reason"),
            Outcome => ("Kết quả điều trị", "Outcome"),
            Diagnoses => ("Chẩn đoán", "Diagnoses"),
            MainDiagnosis => ("Bệnh chính", "Main"),
            VisitTitle => ("Chi tiết lần khám", "Visit details"),
            VisitOverview => ("Thông tin lần khám", "About this visit"),
            VisitKind => ("Hình thức", "Type of visit"),
            Facility => ("Cơ sở y tế", "Health facility"),
            Department => ("Khoa", "Department"),
            Room => ("Phòng khám", "Room"),
            Clinician => ("Bác sĩ", "Doctor"),
            FollowUpSlip => ("Giấy hẹn khám lại", "Re-exam appointment"),
            ReferralSlip => ("Giấy chuyển tuyến", "Referral slip"),
            BookFollowUp => ("Đặt lịch tái khám", "Book the follow-up"),
            BookReferral => (
                "Đặt lịch tại nơi được chuyển đến",
                "Book at the referred facility",
            ),
            ReferredTo => ("Chuyển đến", "Referred to"),
            ReferredBy => ("Nơi chuyển", "Referred by"),
            Imaging => ("Chẩn đoán hình ảnh", "Imaging"),
            Prescriptions => ("Đơn thuốc", "Prescriptions"),
            Procedures => ("Thủ thuật, phẫu thuật", "Procedures"),
            Result => ("Kết quả", "Result"),
            Conclusion => ("Kết luận", "Conclusion"),
            ForCondition => ("Điều trị", "For"),
            Prescriber => ("Bác sĩ kê đơn", "Prescribed by"),
            BodySite => ("Vị trí", "Body site"),
            HeartRate => ("Mạch", "Pulse"),
            Temperature => ("Nhiệt độ", "Temperature"),
            ClassOutpatient => ("Khám ngoại trú", "Outpatient visit"),
            ClassInpatient => ("Điều trị nội trú", "Hospital stay"),
            ClassEmergency => ("Cấp cứu", "Emergency"),
            ClassOther => ("Khám bệnh", "Visit"),
            RxActive => ("Đang dùng", "Being taken"),
            RxCompleted => ("Đã dùng xong", "Completed"),
            RxStopped => ("Đã ngừng", "Stopped"),
            RxUnknown => ("Chưa rõ tình trạng", "Status unknown"),
        }
    }
}

/// The words for a chart point's flag.
pub fn flag_text(flag: Flag) -> BookMsg {
    match flag {
        Flag::Normal => BookMsg::FlagNormal,
        Flag::Low => BookMsg::FlagLow,
        Flag::High => BookMsg::FlagHigh,
        Flag::CriticalLow => BookMsg::FlagCriticalLow,
        Flag::CriticalHigh => BookMsg::FlagCriticalHigh,
        Flag::Abnormal => BookMsg::FlagAbnormal,
        Flag::Unknown => BookMsg::FlagUnknown,
    }
}

/// A flag in one word, for table cells.
pub fn flag_short(flag: Flag) -> BookMsg {
    match flag {
        Flag::Low | Flag::CriticalLow => BookMsg::ShortLow,
        Flag::High | Flag::CriticalHigh => BookMsg::ShortHigh,
        _ => BookMsg::ShortAbnormal,
    }
}

/// "What is this test?" for common analytes, by LOINC code.
pub fn about_analyte(loinc: &str) -> Option<BookMsg> {
    use BookMsg::*;
    Some(match loinc {
        "2345-7" | "2339-0" | "1558-6" => AboutGlucoseTest,
        "4548-4" | "17856-6" => AboutHba1c,
        "2093-3" => AboutCholesterol,
        "13457-7" | "18262-6" | "2089-1" => AboutLdl,
        "2085-9" => AboutHdl,
        "2571-8" => AboutTriglycerides,
        "2160-0" | "38483-4" => AboutCreatinine,
        "1742-6" | "1743-4" => AboutAlt,
        "1920-8" => AboutAst,
        "718-7" => AboutHemoglobin,
        "6690-2" | "26464-8" => AboutWbc,
        "777-3" | "26515-7" => AboutPlatelets,
        "3084-1" => AboutUricAcid,
        _ => return None,
    })
}

/// A visit's kind in words.
pub fn visit_class(class: VisitClass) -> BookMsg {
    match class {
        VisitClass::Outpatient => BookMsg::ClassOutpatient,
        VisitClass::Inpatient => BookMsg::ClassInpatient,
        VisitClass::Emergency => BookMsg::ClassEmergency,
        VisitClass::Other => BookMsg::ClassOther,
    }
}

/// A prescription's status in words.
pub fn prescription_status(status: PrescriptionStatus) -> BookMsg {
    match status {
        PrescriptionStatus::Active => BookMsg::RxActive,
        PrescriptionStatus::Completed => BookMsg::RxCompleted,
        PrescriptionStatus::Stopped => BookMsg::RxStopped,
        PrescriptionStatus::Unknown => BookMsg::RxUnknown,
    }
}

/// "12/03/2025" for a day visit, "12/03/2025 – 18/03/2025" for a stay.
pub fn visit_dates(lang: Lang, start: Option<IsoDate>, end: Option<IsoDate>) -> String {
    match (start, end) {
        (Some(s), Some(e)) if e != s => format!("{} – {}", s.display_vn(), e.display_vn()),
        (Some(s), _) => s.display_vn(),
        (None, Some(e)) => e.display_vn(),
        (None, None) => lang.t(super::Msg::NotRecorded).to_owned(),
    }
}

/// "Hẹn tái khám 20/12/2026".
pub fn follow_up_on(lang: Lang, date: &str) -> String {
    lang.pick(
        format!("Hẹn tái khám {date}"),
        format!("Follow-up on {date}"),
    )
}

/// "Đang hiện 20 trên 143 lần khám".
pub fn visits_count(lang: Lang, shown: usize, total: Option<usize>) -> String {
    match total {
        Some(total) if total > shown => lang.pick(
            format!("Đang hiện {shown} trên {total} lần khám, mới nhất trước."),
            format!("Showing {shown} of {total} visits, newest first."),
        ),
        _ => lang.pick(
            format!("{shown} lần khám, mới nhất trước."),
            format!("{shown} visits, newest first."),
        ),
    }
}

/// "7 ngày".
pub fn days(lang: Lang, days: u32) -> String {
    lang.pick(format!("{days} ngày"), format!("{days} days"))
}

/// "So sánh kết quả ngày 01/02/2024 và ngày 05/06/2025".
pub fn compare_caption(lang: Lang, a: &str, b: &str) -> String {
    lang.pick(
        format!("So sánh kết quả ngày {a} và ngày {b}"),
        format!("Results of {a} and {b} side by side"),
    )
}

/// The class that styles a flag's words.
pub fn flag_class(flag: Flag) -> &'static str {
    match flag {
        Flag::Normal => "flag flag-normal",
        Flag::CriticalLow | Flag::CriticalHigh => "flag flag-critical",
        Flag::Unknown => "flag",
        _ => "flag flag-out",
    }
}

/// A correction request's status in words.
pub fn correction_status(status: CorrectionStatus) -> BookMsg {
    match status {
        CorrectionStatus::Requested => BookMsg::StatusRequested,
        CorrectionStatus::InProgress => BookMsg::StatusInProgress,
        CorrectionStatus::Completed => BookMsg::StatusCompleted,
        CorrectionStatus::Rejected => BookMsg::StatusRejected,
        CorrectionStatus::Cancelled => BookMsg::StatusCancelled,
    }
}

/// The confirmation after a correction request was accepted.
pub fn correction_sent(lang: Lang, facility: Option<&str>) -> String {
    match facility {
        Some(f) => lang.pick(
            format!(
                "Đã gửi yêu cầu sửa tới {f}. Bạn theo dõi trạng thái ở mục “Yêu cầu sửa thông tin”."
            ),
            format!("Your request was sent to {f}. Follow its status under “Correction requests”."),
        ),
        None => lang.t(BookMsg::ReportSentNoFacility).to_owned(),
    }
}

/// "Hãy nhập Cân nặng bằng số, ví dụ 58,5."
pub fn not_a_number(lang: Lang, field: &str) -> String {
    lang.pick(
        format!("Hãy nhập “{field}” bằng số, ví dụ 58,5."),
        format!("Please enter “{field}” as a number, e.g. 58.5."),
    )
}

/// For a text the form cannot send empty.
pub fn required(lang: Lang, field: &str) -> String {
    lang.pick(
        format!("Hãy điền “{field}”."),
        format!("Please fill in “{field}”."),
    )
}

/// For counts (days, years): a whole number is needed.
pub fn not_a_whole_number(lang: Lang, field: &str) -> String {
    lang.pick(
        format!("Hãy nhập “{field}” bằng số nguyên, ví dụ 3."),
        format!("Please enter “{field}” as a whole number, e.g. 3."),
    )
}

/// "Nhóm máu O, Rh(D) dương tính", from the codes (or the record's words).
pub fn blood_group(lang: Lang, group: &BloodGroup) -> String {
    let abo = group.abo.map(|abo| match abo {
        AboGroup::O => "O",
        AboGroup::A => "A",
        AboGroup::B => "B",
        AboGroup::AB => "AB",
    });
    let rh = group.rh.map(|rh| match rh {
        RhFactor::Positive => BookMsg::RhPositive,
        RhFactor::Negative => BookMsg::RhNegative,
    });
    match (abo, rh) {
        (Some(abo), Some(rh)) => format!("{abo} · {}", lang.t(rh)),
        (Some(abo), None) => abo.to_owned(),
        _ => group.text.clone().unwrap_or_default(),
    }
}

/// The trend in words: "Tăng 2,1 kg so với lần trước — đang xấu đi".
pub fn trend_words(lang: Lang, trend: &SeriesTrend, decimals: u32, unit: &str) -> Option<String> {
    let change = trend
        .change
        .map(|c| format!("{} {unit}", format::decimal(c.abs(), decimals, lang)));
    let direction = match (trend.direction, change) {
        (TrendDirection::Rising, Some(c)) => lang.pick(
            format!("Tăng {c} so với lần trước"),
            format!("Up {c} since last time"),
        ),
        (TrendDirection::Falling, Some(c)) => lang.pick(
            format!("Giảm {c} so với lần trước"),
            format!("Down {c} since last time"),
        ),
        (TrendDirection::Stable, _) => lang.t(BookMsg::TrendStable).to_owned(),
        _ => return None,
    };
    let meaning = match trend.assessment {
        TrendAssessment::Improving => Some(BookMsg::TrendImproving),
        TrendAssessment::Worsening => Some(BookMsg::TrendWorsening),
        TrendAssessment::OutOfRange => Some(BookMsg::TrendOutOfRange),
        _ => None,
    };
    Some(match meaning {
        Some(m) => format!("{direction} — {}", lang.t(m)),
        None => direction,
    })
}

/// "Bảng số liệu: Huyết áp".
pub fn table_caption(lang: Lang, title: &str) -> String {
    lang.pick(
        format!("Bảng số liệu: {title}"),
        format!("Data table: {title}"),
    )
}

/// The one-sentence description of a chart for screen readers: how many values over which
/// years, the latest, and how many were out of range.
pub fn trend_summary(lang: Lang, trend: &Trend) -> String {
    let Some(first) = trend.series.first() else {
        return trend.title.clone();
    };
    let count = first.points.len();
    let (Some(oldest), Some(latest)) = (first.points.first(), first.points.last()) else {
        return trend.title.clone();
    };
    let latest_values: Vec<String> = trend
        .series
        .iter()
        .filter_map(|s| s.points.last())
        .map(|p| format::decimal(p.value, trend.decimals, lang))
        .collect();
    let out = trend
        .series
        .iter()
        .flat_map(|s| s.points.iter())
        .filter(|p| is_out(p.flag))
        .count();
    let value = format!("{} {}", latest_values.join("/"), trend.unit);
    let (from, to, date) = (
        oldest.date.year(),
        latest.date.year(),
        latest.date.display_vn(),
    );
    let title = &trend.title;
    lang.pick(
        format!(
            "Biểu đồ {title}: {count} lần đo từ năm {from} đến năm {to}; gần nhất {value} ngày {date}; {out} lần ngoài khoảng bình thường."
        ),
        format!(
            "Chart of {title}: {count} values from {from} to {to}; latest {value} on {date}; {out} outside the normal range."
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::components::chart::{ChartPoint, ChartSeries};

    #[test]
    fn every_text_is_translated() {
        use BookMsg::*;
        for msg in [
            SectionsTitle,
            Visits,
            Labs,
            ShowTable,
            FlagHigh,
            SelfReported,
        ] {
            let (vi, en) = msg.texts();
            assert!(!vi.is_empty() && !en.is_empty());
            assert_ne!(vi, en, "{msg:?}");
        }
    }

    #[test]
    fn chart_summary_says_it_in_words() {
        let point = |y: i32, v: f64, flag: Flag| ChartPoint {
            date: IsoDate::new(y, 3, 1).unwrap(),
            value: v,
            flag,
            self_reported: false,
            pending: false,
            source: String::new(),
        };
        let trend = Trend {
            title: "Glucose".into(),
            unit: "mmol/L".into(),
            decimals: 1,
            series: vec![ChartSeries {
                name: "Glucose".into(),
                points: vec![
                    point(2020, 5.5, Flag::Normal),
                    point(2024, 7.25, Flag::High),
                ],
            }],
            band: None,
        };
        assert_eq!(
            trend_summary(Lang::Vi, &trend),
            "Biểu đồ Glucose: 2 lần đo từ năm 2020 đến năm 2024; gần nhất 7,3 mmol/L ngày 01/03/2024; 1 lần ngoài khoảng bình thường."
        );
        assert!(trend_summary(Lang::En, &trend).contains("latest 7.3 mmol/L on 01/03/2024"));
    }
}
