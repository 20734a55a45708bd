//! Texts of the forms for what a citizen declares beyond measurements: allergies, family
//! history, risk factors. Apart from [`super::book::BookMsg`] because only the section pages
//! (a lazily loaded module) use them: the book's first screen does not carry these words.

use super::Texts;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DeclareMsg {
    DeclareAllergy,
    AllergySubstance,
    AllergyKind,
    KindMedication,
    KindFood,
    KindChemical,
    KindOther,
    AllergySevere,
    SevereYes,
    SevereNo,
    SevereUnknown,
    AllergyReaction,
    DeclareFamilyHistory,
    Relative,
    RelFather,
    RelMother,
    RelBrother,
    RelSister,
    RelSon,
    RelDaughter,
    RelGrandfather,
    RelGrandmother,
    RelUncle,
    RelAunt,
    RelOther,
    RelativeCondition,
    RelativeOnsetAge,
    DeclareRiskFactor,
    WhichRiskFactor,
    RiskTobacco,
    RiskAlcohol,
    RiskActivity,
    RiskExposure,
    SmokingStatus,
    SmokeNever,
    SmokeFormer,
    SmokeCurrent,
    CigarettesPerDay,
    DrinksPerDay,
    ActiveDays,
    ExposureDescription,
}

impl Texts for DeclareMsg {
    fn texts(self) -> (&'static str, &'static str) {
        use DeclareMsg::*;
        match self {
            DeclareAllergy => ("Khai dị ứng", "Declare an allergy"),
            AllergySubstance => (
                "Dị ứng với (tên thuốc, thức ăn, hóa chất…)",
                "Allergic to (medicine, food, chemical…)",
            ),
            AllergyKind => ("Loại dị ứng", "Kind of allergy"),
            KindMedication => ("Thuốc", "Medicine"),
            KindFood => ("Thức ăn", "Food"),
            KindChemical => (
                "Hóa chất, mỹ phẩm, môi trường",
                "Chemical, cosmetic, environment",
            ),
            KindOther => ("Khác", "Other"),
            AllergySevere => (
                "Phản ứng có nặng không? (khó thở, phù, sốc)",
                "Was the reaction serious? (breathing trouble, swelling, shock)",
            ),
            SevereYes => ("Có, phản ứng nặng", "Yes, serious"),
            SevereNo => ("Không nặng", "Not serious"),
            SevereUnknown => ("Không rõ", "Not known"),
            AllergyReaction => (
                "Biểu hiện khi bị dị ứng (không bắt buộc)",
                "What happened (optional)",
            ),
            DeclareFamilyHistory => ("Khai tiền sử gia đình", "Declare family history"),
            Relative => ("Người thân", "Relative"),
            // The Vietnamese words are the ones the store records for the relation.
            RelFather => ("Bố", "Father"),
            RelMother => ("Mẹ", "Mother"),
            RelBrother => ("Anh/em trai", "Brother"),
            RelSister => ("Chị/em gái", "Sister"),
            RelSon => ("Con trai", "Son"),
            RelDaughter => ("Con gái", "Daughter"),
            RelGrandfather => ("Ông", "Grandfather"),
            RelGrandmother => ("Bà", "Grandmother"),
            RelUncle => ("Chú/bác/cậu", "Uncle"),
            RelAunt => ("Cô/dì/bác gái", "Aunt"),
            RelOther => ("Người thân khác", "Other relative"),
            RelativeCondition => ("Bệnh của người thân", "The relative's illness"),
            RelativeOnsetAge => (
                "Tuổi người thân khi mắc bệnh (không bắt buộc)",
                "Their age when it began (optional)",
            ),
            DeclareRiskFactor => ("Khai yếu tố nguy cơ", "Declare a risk factor"),
            WhichRiskFactor => ("Bạn muốn khai gì?", "What do you declare?"),
            RiskTobacco => ("Hút thuốc lá", "Smoking"),
            RiskAlcohol => ("Uống rượu bia", "Alcohol"),
            RiskActivity => ("Vận động thể lực", "Physical activity"),
            RiskExposure => ("Tiếp xúc nghề nghiệp", "Exposure at work"),
            SmokingStatus => ("Tình trạng hút thuốc", "Smoking status"),
            SmokeNever => ("Không hút thuốc", "Never smoked"),
            SmokeFormer => ("Đã bỏ thuốc", "Former smoker"),
            SmokeCurrent => ("Đang hút thuốc", "Current smoker"),
            CigarettesPerDay => (
                "Số điếu mỗi ngày (nếu đang hút)",
                "Cigarettes a day (if you smoke)",
            ),
            DrinksPerDay => (
                "Số đơn vị cồn mỗi ngày (1 đơn vị ≈ 1 lon bia)",
                "Standard drinks a day (1 ≈ a can of beer)",
            ),
            ActiveDays => (
                "Số ngày mỗi tuần vận động ít nhất 30 phút",
                "Days a week with at least 30 minutes of activity",
            ),
            ExposureDescription => (
                "Tiếp xúc gì khi làm việc? (ví dụ: bụi silic, tiếng ồn)",
                "What are you exposed to at work? (e.g. silica dust, noise)",
            ),
        }
    }
}
