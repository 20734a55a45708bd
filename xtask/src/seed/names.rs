//! Vietnamese personal names: family name, middle name(s), given name.
//!
//! Family-name weights follow the commonly cited shares (Nguyễn about 38%, Trần 11%, Lê 9.5%…);
//! middle names carry sex by convention (Văn, Thị) or are neutral and modern (Minh, Gia, Bảo).

use super::rng::Rng;
use shared::id::Sex;

/// (family name, weight in tenths of a percent).
pub const FAMILY_NAMES: &[(&str, u32)] = &[
    ("Nguyễn", 380),
    ("Trần", 110),
    ("Lê", 95),
    ("Phạm", 71),
    ("Hoàng", 51),
    ("Huỳnh", 30),
    ("Phan", 45),
    ("Vũ", 39),
    ("Võ", 25),
    ("Đặng", 21),
    ("Bùi", 20),
    ("Đỗ", 14),
    ("Hồ", 13),
    ("Ngô", 13),
    ("Dương", 10),
    ("Lý", 5),
    ("Đinh", 6),
    ("Trương", 5),
    ("Lâm", 4),
    ("Mai", 4),
    ("Tô", 3),
    ("Hà", 3),
];

/// Middle names that older generations use almost always.
const MIDDLE_MALE_TRADITIONAL: &[&str] = &["Văn", "Văn", "Văn", "Hữu", "Đức", "Quang", "Công"];
const MIDDLE_FEMALE_TRADITIONAL: &[&str] = &["Thị", "Thị", "Thị", "Thị", "Ngọc", "Thu"];
/// Middle names common for people born since the 1990s.
const MIDDLE_MALE_MODERN: &[&str] = &[
    "Minh", "Quốc", "Gia", "Bảo", "Đức", "Thanh", "Hoàng", "Anh", "Tuấn", "Nhật", "Trung", "Văn",
    "Hữu", "Đăng",
];
const MIDDLE_FEMALE_MODERN: &[&str] = &[
    "Thị", "Ngọc", "Thanh", "Minh", "Bảo", "Gia", "Khánh", "Phương", "Thảo", "Thu", "Hoài", "Mai",
    "Hồng", "Diệu", "Quỳnh",
];

const GIVEN_MALE: &[&str] = &[
    "An", "Anh", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Đông", "Giang", "Hải", "Hiếu", "Hòa",
    "Hoàng", "Huy", "Hùng", "Hưng", "Khang", "Khánh", "Khoa", "Kiên", "Lâm", "Long", "Lộc", "Minh",
    "Nam", "Nghĩa", "Nhân", "Phát", "Phong", "Phúc", "Quân", "Quang", "Sơn", "Tài", "Thắng",
    "Thành", "Thiện", "Thịnh", "Toàn", "Trí", "Trung", "Tuấn", "Tùng", "Việt", "Vinh", "Vũ", "Bảo",
    "Đức", "Hậu", "Tâm",
];
const GIVEN_FEMALE: &[&str] = &[
    "An", "Anh", "Châu", "Chi", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hiền", "Hoa",
    "Hồng", "Huyền", "Hương", "Lan", "Liên", "Linh", "Loan", "Mai", "My", "Nga", "Ngân", "Ngọc",
    "Nhi", "Nhung", "Oanh", "Phương", "Quyên", "Quỳnh", "Tâm", "Thảo", "Thơ", "Thủy", "Thư",
    "Trang", "Trâm", "Trinh", "Tuyết", "Uyên", "Vân", "Vy", "Xuân", "Yến", "Hân", "Hiên", "Ly",
    "Lụa", "Tú", "Diệp",
];
/// Names of the oldest generation, for people born before about 1955.
const GIVEN_MALE_OLD: &[&str] = &[
    "Bảy",
    "Chiến",
    "Chính",
    "Đoàn",
    "Hòe",
    "Khải",
    "Lực",
    "Mạnh",
    "Nhượng",
    "Quý",
    "Sáu",
    "Tám",
    "Thái",
    "Thuận",
    "Tiến",
    "Tư",
    "Vượng",
    "Xuân",
];
const GIVEN_FEMALE_OLD: &[&str] = &[
    "Bưởi", "Cúc", "Đào", "Hợi", "Huệ", "Lài", "Lý", "Mận", "Nụ", "Sen", "Tằm", "Thoa", "Tuất",
    "Xoan", "Nhàn", "Gái",
];

/// A person's name in the parts FHIR `HumanName` wants.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FullName {
    pub family: String,
    /// Middle name(s) and given name, in order: FHIR `given` is "given names (not always
    /// 'first')", and Vietnamese readers expect the whole sequence.
    pub given: Vec<String>,
}

impl FullName {
    pub fn new(family: &str, given: &[&str]) -> Self {
        Self {
            family: family.to_owned(),
            given: given.iter().map(|g| (*g).to_owned()).collect(),
        }
    }

    /// "Nguyễn Văn An": family name first, as written in Vietnam.
    pub fn text(&self) -> String {
        std::iter::once(self.family.as_str())
            .chain(self.given.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

pub fn family_name(rng: &mut Rng) -> &'static str {
    rng.weighted::<&str>(FAMILY_NAMES)
}

/// A full name for someone of this sex born in `birth_year`, with the given family name.
pub fn person_name(rng: &mut Rng, family: &str, sex: Sex, birth_year: i32) -> FullName {
    let male = sex == Sex::Male;
    let modern = birth_year >= 1990;
    let middle_pool = match (male, modern) {
        (true, false) => MIDDLE_MALE_TRADITIONAL,
        (false, false) => MIDDLE_FEMALE_TRADITIONAL,
        (true, true) => MIDDLE_MALE_MODERN,
        (false, true) => MIDDLE_FEMALE_MODERN,
    };
    let given_pool = match (male, birth_year < 1955 && rng.chance(0.5)) {
        (true, true) => GIVEN_MALE_OLD,
        (false, true) => GIVEN_FEMALE_OLD,
        (true, false) => GIVEN_MALE,
        (false, false) => GIVEN_FEMALE,
    };
    let mut given = vec![rng.pick(middle_pool).to_string()];
    // Four-word names ("Nguyễn Ngọc Bảo Trân") became common with the younger generations.
    if modern && rng.chance(0.3) {
        let second = rng.pick(middle_pool).to_string();
        if second != given[0] && second != "Văn" && second != "Thị" {
            given.push(second);
        }
    }
    let mut call = rng.pick(given_pool).to_string();
    if given.contains(&call) {
        call = rng.pick(given_pool).to_string();
    }
    given.push(call);
    FullName {
        family: family.to_owned(),
        given,
    }
}
