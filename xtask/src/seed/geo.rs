//! Vietnam's geography as addresses use it since 1 July 2025: "ward or commune, province" (no
//! districts). Identifiers issued earlier keep the old 63-province codes, so each province
//! here carries its old 2-digit code (BHXH, BHYT, facility codes; CCCD uses it 0-padded to 3).

/// A province (or centrally-run city) where seeded people live and facilities stand.
#[derive(Debug)]
pub struct Province {
    /// Old 2-digit code, e.g. `01` Hà Nội, `79` TP.HCM.
    pub code: &'static str,
    /// Today's name, as written in addresses.
    pub name: &'static str,
    /// Landline area code for facility phone numbers.
    pub area_code: &'static str,
    /// Wards (phường) and communes (xã) after the 2025 reorganisation.
    pub wards: &'static [&'static str],
    /// Streets, for house-number address lines.
    pub streets: &'static [&'static str],
    /// Region, for where migrants come from.
    pub region: Region,
    /// Share of the seeded population living here, in percent.
    pub weight: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Region {
    North,
    Centre,
    South,
}

pub const PROVINCES: &[Province] = &[
    Province {
        code: "01",
        name: "Hà Nội",
        area_code: "024",
        wards: &[
            "Phường Kim Liên",
            "Phường Cầu Giấy",
            "Phường Ba Đình",
            "Phường Hoàn Kiếm",
            "Phường Đống Đa",
            "Phường Láng",
            "Phường Bạch Mai",
            "Phường Hai Bà Trưng",
            "Phường Thanh Xuân",
            "Phường Hoàng Mai",
            "Phường Tây Hồ",
            "Phường Long Biên",
            "Phường Hà Đông",
            "Phường Nghĩa Đô",
            "Phường Yên Hòa",
            "Xã Đông Anh",
            "Xã Gia Lâm",
            "Xã Sóc Sơn",
            "Xã Thanh Trì",
        ],
        streets: &[
            "phố Xã Đàn",
            "phố Chùa Bộc",
            "đường Giải Phóng",
            "phố Trần Duy Hưng",
            "phố Kim Mã",
            "đường Láng",
            "phố Nguyễn Trãi",
            "phố Hoàng Quốc Việt",
            "phố Tôn Đức Thắng",
            "phố Lạc Long Quân",
            "đường Nguyễn Văn Cừ",
            "phố Minh Khai",
        ],
        region: Region::North,
        weight: 30,
    },
    Province {
        code: "79",
        name: "TP. Hồ Chí Minh",
        area_code: "028",
        wards: &[
            "Phường Bến Thành",
            "Phường Sài Gòn",
            "Phường Tân Định",
            "Phường Chợ Lớn",
            "Phường Bàn Cờ",
            "Phường Xuân Hòa",
            "Phường Gò Vấp",
            "Phường Bình Thạnh",
            "Phường Phú Nhuận",
            "Phường Tân Bình",
            "Phường Thủ Đức",
            "Phường Hiệp Bình",
            "Phường Tân Phú",
            "Phường Bình Tân",
            "Phường Tân Mỹ",
            "Phường Thủ Dầu Một",
            "Phường Vũng Tàu",
            "Xã Củ Chi",
            "Xã Hóc Môn",
            "Xã Bình Chánh",
        ],
        streets: &[
            "đường Lê Lợi",
            "đường Nguyễn Thị Minh Khai",
            "đường Cách Mạng Tháng Tám",
            "đường Điện Biên Phủ",
            "đường Nguyễn Trãi",
            "đường Lê Văn Sỹ",
            "đường Phan Đăng Lưu",
            "đường Quang Trung",
            "đường Võ Văn Ngân",
            "đường Hậu Giang",
            "đường Nguyễn Văn Linh",
            "đường Âu Cơ",
        ],
        region: Region::South,
        weight: 30,
    },
    Province {
        code: "48",
        name: "Đà Nẵng",
        area_code: "0236",
        wards: &[
            "Phường Hải Châu",
            "Phường Hòa Cường",
            "Phường Thanh Khê",
            "Phường Sơn Trà",
            "Phường Ngũ Hành Sơn",
            "Phường Liên Chiểu",
            "Phường Cẩm Lệ",
            "Phường Hội An",
            "Xã Hòa Vang",
        ],
        streets: &[
            "đường Nguyễn Văn Linh",
            "đường Lê Duẩn",
            "đường Hùng Vương",
            "đường Ngô Quyền",
            "đường Tôn Đức Thắng",
            "đường 2 Tháng 9",
        ],
        region: Region::Centre,
        weight: 8,
    },
    Province {
        code: "92",
        name: "Cần Thơ",
        area_code: "0292",
        wards: &[
            "Phường Ninh Kiều",
            "Phường Cái Khế",
            "Phường Tân An",
            "Phường Bình Thủy",
            "Phường Cái Răng",
            "Phường Ô Môn",
            "Phường Sóc Trăng",
            "Xã Phong Điền",
        ],
        streets: &[
            "đường 30 Tháng 4",
            "đường 3 Tháng 2",
            "đường Mậu Thân",
            "đường Trần Hưng Đạo",
            "đường Nguyễn Văn Cừ",
        ],
        region: Region::South,
        weight: 7,
    },
    Province {
        code: "31",
        name: "Hải Phòng",
        area_code: "0225",
        wards: &[
            "Phường Ngô Quyền",
            "Phường Lê Chân",
            "Phường Hồng Bàng",
            "Phường Hải An",
            "Phường Kiến An",
            "Phường Hải Dương",
            "Xã An Lão",
        ],
        streets: &[
            "đường Lạch Tray",
            "đường Tô Hiệu",
            "đường Lê Lợi",
            "đường Văn Cao",
            "đường Trần Nguyên Hãn",
        ],
        region: Region::North,
        weight: 7,
    },
    Province {
        code: "46",
        name: "Huế",
        area_code: "0234",
        wards: &[
            "Phường Thuận Hóa",
            "Phường Phú Xuân",
            "Phường Vỹ Dạ",
            "Phường An Cựu",
            "Phường Kim Long",
            "Phường Hương Thủy",
            "Xã Phú Vang",
        ],
        streets: &[
            "đường Lê Lợi",
            "đường Hùng Vương",
            "đường Trần Phú",
            "đường Nguyễn Huệ",
            "đường Điện Biên Phủ",
        ],
        region: Region::Centre,
        weight: 6,
    },
    Province {
        code: "56",
        name: "Khánh Hòa",
        area_code: "0258",
        wards: &[
            "Phường Nha Trang",
            "Phường Bắc Nha Trang",
            "Phường Tây Nha Trang",
            "Phường Nam Nha Trang",
            "Phường Cam Ranh",
            "Phường Ninh Hòa",
            "Xã Diên Khánh",
        ],
        streets: &[
            "đường Trần Phú",
            "đường Yersin",
            "đường 23 Tháng 10",
            "đường Thống Nhất",
            "đường Lê Hồng Phong",
        ],
        region: Region::Centre,
        weight: 6,
    },
    Province {
        code: "40",
        name: "Nghệ An",
        area_code: "0238",
        wards: &[
            "Phường Vinh Phú",
            "Phường Trường Vinh",
            "Phường Thành Vinh",
            "Phường Vinh Hưng",
            "Phường Cửa Lò",
            "Xã Diễn Châu",
            "Xã Nghi Lộc",
            "Xã Yên Thành",
        ],
        streets: &[
            "đại lộ Lê Nin",
            "đường Quang Trung",
            "đường Nguyễn Du",
            "đường Lê Duẩn",
            "đường Phan Bội Châu",
        ],
        region: Region::North,
        weight: 6,
    },
];

/// Old province codes people were born in before moving to a city (CCCD digits 2–3).
const BIRTHPLACES_NORTH: &[&str] = &["38", "36", "34", "30", "27", "25", "42", "33", "35", "26"];
const BIRTHPLACES_CENTRE: &[&str] = &["49", "51", "52", "44", "45", "42", "54", "66"];
const BIRTHPLACES_SOUTH: &[&str] = &["89", "87", "82", "80", "83", "86", "94", "91", "96", "75"];

/// Where someone living in `province` was born: mostly there, a share elsewhere in the region
/// (cities attract more migrants).
pub fn birth_province_code(
    rng: &mut super::rng::Rng,
    province: &Province,
    born_year: i32,
) -> &'static str {
    let migrant_share = match province.code {
        "79" | "01" => 0.35,
        "48" | "92" | "31" => 0.2,
        _ => 0.1,
    };
    // Children are registered where their parents live.
    if born_year >= 2008 || !rng.chance(migrant_share) {
        return province.code;
    }
    let pool = match province.region {
        Region::North => BIRTHPLACES_NORTH,
        Region::Centre => BIRTHPLACES_CENTRE,
        Region::South => BIRTHPLACES_SOUTH,
    };
    rng.pick::<&str>(pool)
}

pub fn province(code: &str) -> &'static Province {
    PROVINCES
        .iter()
        .find(|p| p.code == code)
        .unwrap_or(&PROVINCES[0])
}
