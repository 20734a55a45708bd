//! The co-pay estimate shown before a citizen confirms a booking: what an outpatient
//! examination may cost them, from the BHYT benefit level and whether the facility is the
//! card's registered one.
//!
//! It is an ESTIMATE, and every answer says so: the facility decides at the visit, tests and
//! drugs ordered then are not included, and the route rules below are a reading of the Law on
//! Health Insurance as amended in 2024 (Law 51/2024/QH15, in force 1 July 2025) — marked
//! (unconfirmed) where the rate depends on details we do not have (e.g. whether a specialised
//! hospital counted as provincial level before 2025). Prices are the public outpatient
//! examination prices by hospital class (Circular 22/2023/TT-BYT), rounded to a level.

use crate::dto::booking::{CopayBasis, CopayEstimate, FacilityLevel};
use crate::id::BenefitLevel;

/// Public price of one standard outpatient examination, VND, by facility level.
pub fn exam_fee_vnd(level: FacilityLevel) -> u32 {
    match level {
        // Special class and class I hospitals.
        FacilityLevel::Specialised => 50_600,
        // Class II hospitals, regional medical centres.
        FacilityLevel::Basic => 45_000,
        // Commune health stations, class IV, private clinics at the public price.
        FacilityLevel::Initial => 38_700,
    }
}

/// Share of the benefit level the fund pays at a specialised-level facility without a
/// referral slip, for outpatient care (unconfirmed).
const SPECIALISED_WITHOUT_REFERRAL_PERCENT: u32 = 50;

/// What the patient's card is, as far as the estimate needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cover {
    /// The card's benefit level; `None` = no valid card on record.
    pub benefit: Option<BenefitLevel>,
    /// The facility is the card's registered primary-care facility.
    pub registered_here: bool,
}

/// Rounds to the nearest 100 đồng (half up), as cashiers do.
fn round_to_hundred(vnd: u32) -> u32 {
    (vnd + 50) / 100 * 100
}

/// The estimate for an outpatient examination at a facility of `level`.
pub fn estimate(level: FacilityLevel, cover: Cover) -> CopayEstimate {
    let fee = exam_fee_vnd(level);
    let (basis, percent) = match cover.benefit {
        None => (CopayBasis::NoInsurance, 0),
        Some(b) => {
            let full = u32::from(b.coverage_percent());
            if cover.registered_here {
                (CopayBasis::Registered, full)
            } else {
                match level {
                    FacilityLevel::Initial => (CopayBasis::InitialLevelAnywhere, full),
                    FacilityLevel::Basic => (CopayBasis::BasicLevelWithoutReferral, full),
                    FacilityLevel::Specialised => (
                        CopayBasis::SpecialisedWithoutReferral,
                        full * SPECIALISED_WITHOUT_REFERRAL_PERCENT / 100,
                    ),
                }
            }
        }
    };
    let patient_pays = round_to_hundred(fee * (100 - percent) / 100);
    let (note_vi, note_en) = note(basis, percent);
    CopayEstimate {
        exam_fee_vnd: fee,
        fund_pays_percent: percent as u8,
        patient_pays_vnd: patient_pays,
        basis,
        benefit_level: cover.benefit.map(BenefitLevel::number),
        note_vi,
        note_en,
    }
}

fn note(basis: CopayBasis, percent: u32) -> (String, String) {
    let (vi, en) = match basis {
        CopayBasis::Registered => (
            format!(
                "Đây là nơi đăng ký khám chữa bệnh ban đầu của thẻ: quỹ BHYT chi trả {percent}% chi phí khám."
            ),
            format!(
                "This is the card's registered primary-care facility: the insurance fund pays {percent}% of the examination."
            ),
        ),
        CopayBasis::InitialLevelAnywhere => (
            format!(
                "Cơ sở cấp ban đầu được thông tuyến toàn quốc: quỹ BHYT chi trả {percent}% chi phí khám."
            ),
            format!(
                "Initial-level facilities are covered nationwide: the insurance fund pays {percent}% of the examination."
            ),
        ),
        CopayBasis::BasicLevelWithoutReferral => (
            format!(
                "Khám ngoại trú tại cơ sở cấp cơ bản không phải nơi đăng ký: quỹ BHYT chi trả {percent}% (theo Luật BHYT sửa đổi 2024)."
            ),
            format!(
                "Outpatient visit at a basic-level facility other than the registered one: the fund pays {percent}% (2024 amendment)."
            ),
        ),
        CopayBasis::SpecialisedWithoutReferral => (
            format!(
                "Cơ sở cấp chuyên sâu, không có giấy chuyển tuyến: quỹ BHYT chỉ chi trả khoảng {percent}%. Có giấy chuyển tuyến sẽ được hưởng đầy đủ."
            ),
            format!(
                "Specialised-level facility without a referral slip: the fund pays only about {percent}%. With a referral slip the full benefit applies."
            ),
        ),
        CopayBasis::NoInsurance => (
            "Không có thẻ BHYT còn hạn: bạn tự chi trả toàn bộ chi phí khám.".to_owned(),
            "No valid BHYT card on record: you pay the full examination fee.".to_owned(),
        ),
    };
    (
        format!("Ước tính: {vi} Chưa gồm xét nghiệm, thuốc và dịch vụ được chỉ định khi khám."),
        format!("Estimate: {en} Tests, drugs and services ordered at the visit are not included."),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn level(n: u8) -> Option<BenefitLevel> {
        Some(BenefitLevel::new(n).unwrap())
    }

    #[test]
    fn estimate_table() {
        use CopayBasis::*;
        use FacilityLevel::*;
        // (facility level, benefit level, registered here) → (basis, fund %, patient pays)
        let table = [
            (Basic, level(4), true, Registered, 80, 9_000),
            (Basic, level(3), true, Registered, 95, 2_300),
            (Basic, level(1), true, Registered, 100, 0),
            (Initial, level(4), false, InitialLevelAnywhere, 80, 7_700),
            (Initial, level(5), false, InitialLevelAnywhere, 100, 0),
            (Basic, level(4), false, BasicLevelWithoutReferral, 80, 9_000),
            (
                Specialised,
                level(4),
                false,
                SpecialisedWithoutReferral,
                40,
                30_400,
            ),
            (
                Specialised,
                level(2),
                false,
                SpecialisedWithoutReferral,
                50,
                25_300,
            ),
            (Specialised, level(2), true, Registered, 100, 0),
            (Specialised, None, false, NoInsurance, 0, 50_600),
            (Initial, None, true, NoInsurance, 0, 38_700),
        ];
        for (facility, benefit, registered_here, basis, percent, pays) in table {
            let e = estimate(
                facility,
                Cover {
                    benefit,
                    registered_here,
                },
            );
            let label = format!("{facility:?} {benefit:?} registered={registered_here}");
            assert_eq!(e.basis, basis, "{label}");
            assert_eq!(e.fund_pays_percent, percent, "{label}");
            assert_eq!(e.patient_pays_vnd, pays, "{label}");
            assert_eq!(e.exam_fee_vnd, exam_fee_vnd(facility));
            assert!(e.note_vi.starts_with("Ước tính"), "{}", e.note_vi);
            assert!(e.note_en.starts_with("Estimate"), "{}", e.note_en);
        }
    }

    #[test]
    fn rounding_is_to_the_nearest_hundred() {
        assert_eq!(round_to_hundred(0), 0);
        assert_eq!(round_to_hundred(2_249), 2_200);
        assert_eq!(round_to_hundred(2_250), 2_300);
        assert_eq!(round_to_hundred(30_360), 30_400);
    }
}
