//! Words of the health book's record pages: administrative details, history and risk factors,
//! allergies, vaccinations and the EPI schedule, check-ups, correction requests, print.

use super::{Lang, Texts};
use shared::dto::Relationship;
use shared::dto::book::{
    BirthTerm, ConditionStatus, CorrectionKind, DeliveryMode, EpiStatus, RiskFactorKind,
    TobaccoStatus,
};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageMsg {
    // administrative
    Ethnicity,
    Nationality,
    Occupation,
    Phone,
    Address,
    Contact,
    BeneficiaryGroup,
    Representatives,
    NoRepresentatives,
    RelParent,
    RelGuardian,
    RelCarer,
    Since,
    // history
    Birth,
    Delivery,
    Vaginal,
    Caesarean,
    Gestation,
    Preterm,
    Term,
    PostTerm,
    BirthWeight,
    BirthLength,
    RiskFactors,
    NoRiskFactors,
    Tobacco,
    Alcohol,
    PhysicalActivity,
    OccupationalExposure,
    Drugs,
    TobaccoNever,
    TobaccoFormer,
    TobaccoCurrent,
    ChronicConditions,
    NoChronicConditions,
    Disabilities,
    Surgeries,
    NoSurgeries,
    FamilyHistory,
    NoFamilyHistory,
    Reproductive,
    Deliveries,
    Caesareans,
    PregnantNow,
    LastDelivery,
    TetanusDoses,
    Onset,
    ConditionActive,
    ConditionInactive,
    ConditionResolved,
    ConditionUnknown,
    // allergies
    NoAllergiesRecorded,
    AllergiesWarning,
    // immunizations
    EpiSchedule,
    EpiAbout,
    EpiDone,
    EpiDue,
    EpiOverdue,
    EpiUpcoming,
    Vaccine,
    DueDate,
    Status,
    VaccinationHistory,
    NoImmunizations,
    ProtectsAgainst,
    Lot,
    Programme,
    // checkups
    NoCheckups,
    Classification,
    OpenVisit,
    // corrections
    NoCorrections,
    KindWrong,
    KindMissing,
    RequestedOn,
    UpdatedOn,
    FacilityAnswer,
    SentTo,
    // print
    PrintTitle,
    PrintHint,
    PrintButton,
    DownloadData,
    DownloadHint,
}

impl Texts for PageMsg {
    fn texts(self) -> (&'static str, &'static str) {
        use PageMsg::*;
        match self {
            Ethnicity => ("Dân tộc", "Ethnic group"),
            Nationality => ("Quốc tịch", "Nationality"),
            Occupation => ("Nghề nghiệp", "Occupation"),
            Phone => ("Số điện thoại", "Phone"),
            Address => ("Địa chỉ", "Address"),
            Contact => ("Liên hệ", "Contact"),
            BeneficiaryGroup => ("Đối tượng tham gia", "Beneficiary group"),
            Representatives => (
                "Người đại diện, người giám hộ",
                "Representatives and guardians",
            ),
            NoRepresentatives => (
                "Không có người đại diện nào được ghi nhận.",
                "No representative is recorded.",
            ),
            RelParent => ("Cha/mẹ", "Parent"),
            RelGuardian => ("Người giám hộ", "Guardian"),
            RelCarer => ("Người chăm sóc", "Carer"),
            Since => ("Từ ngày", "Since"),

            Birth => ("Tình trạng khi sinh", "At birth"),
            Delivery => ("Cách sinh", "Delivery"),
            Vaginal => ("Đẻ thường", "Vaginal birth"),
            Caesarean => ("Mổ lấy thai", "Caesarean section"),
            Gestation => ("Tuổi thai khi sinh", "Weeks of pregnancy at birth"),
            Preterm => ("Sinh non", "Preterm"),
            Term => ("Đủ tháng", "Full term"),
            PostTerm => ("Sinh già tháng", "Post-term"),
            BirthWeight => ("Cân nặng khi sinh", "Birth weight"),
            BirthLength => ("Chiều dài khi sinh", "Birth length"),
            RiskFactors => ("Yếu tố nguy cơ", "Risk factors"),
            NoRiskFactors => (
                "Chưa có yếu tố nguy cơ nào được ghi nhận. Bạn có thể tự khai bằng nút “Khai yếu tố nguy cơ”.",
                "No risk factor is recorded. You can declare one with “Declare a risk factor”.",
            ),
            Tobacco => ("Thuốc lá", "Tobacco"),
            Alcohol => ("Rượu bia", "Alcohol"),
            PhysicalActivity => ("Hoạt động thể lực", "Physical activity"),
            OccupationalExposure => ("Yếu tố tiếp xúc nghề nghiệp", "Exposure at work"),
            Drugs => ("Chất gây nghiện", "Drugs"),
            TobaccoNever => ("Không hút thuốc", "Never smoked"),
            TobaccoFormer => ("Đã bỏ thuốc", "Former smoker"),
            TobaccoCurrent => ("Đang hút thuốc", "Smokes"),
            ChronicConditions => ("Bệnh mạn tính", "Long-term conditions"),
            NoChronicConditions => (
                "Chưa có bệnh mạn tính nào được ghi nhận.",
                "No long-term condition is recorded.",
            ),
            Disabilities => ("Khuyết tật", "Disabilities"),
            Surgeries => ("Phẫu thuật, thủ thuật", "Surgeries and procedures"),
            NoSurgeries => (
                "Chưa có phẫu thuật nào được ghi nhận.",
                "No surgery is recorded.",
            ),
            FamilyHistory => ("Tiền sử gia đình", "Family history"),
            NoFamilyHistory => (
                "Chưa có tiền sử gia đình nào được ghi nhận. Bạn có thể tự khai bằng nút “Khai tiền sử gia đình”.",
                "No family history is recorded. You can declare it with “Declare family history”.",
            ),
            Reproductive => ("Tiền sử sinh sản", "Pregnancies and births"),
            Deliveries => ("Số lần sinh", "Births"),
            Caesareans => ("Số lần mổ lấy thai", "Caesarean sections"),
            PregnantNow => ("Đang mang thai", "Pregnant now"),
            LastDelivery => ("Lần sinh gần nhất", "Last birth"),
            TetanusDoses => ("Số mũi uốn ván khi mang thai", "Tetanus doses in pregnancy"),
            Onset => ("Bắt đầu từ", "Since"),
            ConditionActive => ("Đang điều trị, theo dõi", "Active"),
            ConditionInactive => ("Ổn định", "Inactive"),
            ConditionResolved => ("Đã khỏi", "Resolved"),
            ConditionUnknown => ("Chưa rõ tình trạng", "Status unknown"),

            NoAllergiesRecorded => (
                "Chưa ghi nhận dị ứng nào. Nếu bạn bị dị ứng, hãy báo cho cơ sở y tế hoặc tự khai bằng nút “Khai dị ứng”.",
                "No allergy is recorded. If you have one, tell your clinic or declare it with “Declare an allergy”.",
            ),
            AllergiesWarning => (
                "Hãy báo các dị ứng này cho bác sĩ trước khi dùng thuốc.",
                "Tell your doctor about these allergies before taking any medicine.",
            ),

            EpiSchedule => ("Lịch tiêm chủng mở rộng", "National vaccination schedule"),
            EpiAbout => (
                "Các mũi tiêm miễn phí theo Chương trình Tiêm chủng mở rộng quốc gia.",
                "Free doses of the national Expanded Programme on Immunisation.",
            ),
            EpiDone => ("Đã tiêm", "Given"),
            EpiDue => ("Đến hạn", "Due now"),
            EpiOverdue => ("Quá hạn, cần tiêm bù", "Overdue, catch up"),
            EpiUpcoming => ("Sắp tới", "Upcoming"),
            Vaccine => ("Vắc xin", "Vaccine"),
            DueDate => ("Ngày nên tiêm", "Due date"),
            Status => ("Tình trạng", "Status"),
            VaccinationHistory => ("Các mũi đã tiêm", "Doses given"),
            NoImmunizations => (
                "Chưa có mũi tiêm nào được ghi nhận.",
                "No vaccination is recorded.",
            ),
            ProtectsAgainst => ("Phòng bệnh", "Protects against"),
            Lot => ("Số lô", "Lot"),
            Programme => ("Chương trình", "Programme"),

            NoCheckups => (
                "Chưa có lần khám sức khỏe định kỳ nào được ghi nhận.",
                "No periodic check-up is recorded.",
            ),
            Classification => ("Phân loại sức khỏe", "Health grade"),
            OpenVisit => ("Xem chi tiết lần khám", "Open this visit"),

            NoCorrections => (
                "Bạn chưa gửi yêu cầu sửa nào. Dùng nút “Thông tin này sai” dưới mỗi mục.",
                "You have not sent any request. Use “This is wrong” under any item.",
            ),
            KindWrong => ("Thông tin sai", "Wrong information"),
            KindMissing => ("Thông tin thiếu", "Missing information"),
            RequestedOn => ("Ngày gửi", "Sent on"),
            UpdatedOn => ("Cập nhật", "Updated"),
            FacilityAnswer => ("Trả lời của cơ sở", "The facility's answer"),
            SentTo => ("Gửi tới", "Sent to"),

            PrintTitle => ("Bản tóm tắt sổ sức khỏe", "Health book summary"),
            PrintHint => (
                "Bản tóm tắt gồm thông tin cá nhân, dị ứng, thẻ BHYT và chỉ số gần nhất.",
                "The summary holds personal details, allergies, the insurance card and latest measurements.",
            ),
            PrintButton => ("In bản tóm tắt", "Print the summary"),
            DownloadData => (
                "Tải toàn bộ dữ liệu (FHIR JSON)",
                "Download all data (FHIR JSON)",
            ),
            DownloadHint => (
                "Một tệp theo chuẩn FHIR R4 mà bác sĩ hoặc ứng dụng khác có thể đọc.",
                "A FHIR R4 file that doctors and other apps can read.",
            ),
        }
    }
}

pub fn relationship(rel: Relationship) -> PageMsg {
    match rel {
        Relationship::Parent => PageMsg::RelParent,
        Relationship::Guardian => PageMsg::RelGuardian,
        Relationship::Carer => PageMsg::RelCarer,
    }
}

pub fn delivery(mode: DeliveryMode) -> PageMsg {
    match mode {
        DeliveryMode::Vaginal => PageMsg::Vaginal,
        DeliveryMode::Caesarean => PageMsg::Caesarean,
    }
}

pub fn term(term: BirthTerm) -> PageMsg {
    match term {
        BirthTerm::Preterm => PageMsg::Preterm,
        BirthTerm::Term => PageMsg::Term,
        BirthTerm::PostTerm => PageMsg::PostTerm,
    }
}

pub fn risk_factor(kind: RiskFactorKind) -> PageMsg {
    match kind {
        RiskFactorKind::Tobacco => PageMsg::Tobacco,
        RiskFactorKind::Alcohol => PageMsg::Alcohol,
        RiskFactorKind::PhysicalActivity => PageMsg::PhysicalActivity,
        RiskFactorKind::OccupationalExposure => PageMsg::OccupationalExposure,
        RiskFactorKind::Drugs => PageMsg::Drugs,
    }
}

pub fn tobacco(status: TobaccoStatus) -> PageMsg {
    match status {
        TobaccoStatus::Never => PageMsg::TobaccoNever,
        TobaccoStatus::Former => PageMsg::TobaccoFormer,
        TobaccoStatus::Current => PageMsg::TobaccoCurrent,
    }
}

pub fn condition_status(status: ConditionStatus) -> PageMsg {
    match status {
        ConditionStatus::Active => PageMsg::ConditionActive,
        ConditionStatus::Inactive => PageMsg::ConditionInactive,
        ConditionStatus::Resolved => PageMsg::ConditionResolved,
        ConditionStatus::Unknown => PageMsg::ConditionUnknown,
    }
}

pub fn epi_status(status: EpiStatus) -> PageMsg {
    match status {
        EpiStatus::Done => PageMsg::EpiDone,
        EpiStatus::Due => PageMsg::EpiDue,
        EpiStatus::Overdue => PageMsg::EpiOverdue,
        EpiStatus::Upcoming => PageMsg::EpiUpcoming,
    }
}

pub fn correction_kind(kind: CorrectionKind) -> PageMsg {
    match kind {
        CorrectionKind::Wrong => PageMsg::KindWrong,
        CorrectionKind::Missing => PageMsg::KindMissing,
    }
}

/// "Mũi 2", a dose number in its series.
pub fn dose(lang: Lang, n: u32) -> String {
    lang.pick(format!("Mũi {n}"), format!("Dose {n}"))
}

/// "Bố mẹ khởi phát lúc 55 tuổi".
pub fn onset_age(lang: Lang, years: u32) -> String {
    lang.pick(
        format!("Bắt đầu lúc {years} tuổi"),
        format!("Began at age {years}"),
    )
}

/// "3 đã tiêm · 1 đến hạn · 0 quá hạn · 5 sắp tới".
pub fn epi_counts(lang: Lang, done: u32, due: u32, overdue: u32, upcoming: u32) -> String {
    lang.pick(
        format!("{done} đã tiêm · {due} đến hạn · {overdue} quá hạn · {upcoming} sắp tới"),
        format!("{done} given · {due} due · {overdue} overdue · {upcoming} upcoming"),
    )
}

/// "39 tuần".
pub fn weeks(lang: Lang, weeks: f64) -> String {
    let w = (weeks * 10.0).round() / 10.0;
    let text = if w.fract() == 0.0 {
        format!("{w:.0}")
    } else {
        format!("{w:.1}")
    };
    lang.pick(format!("{text} tuần"), format!("{text} weeks"))
}
