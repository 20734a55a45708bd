//! Facilities (cơ sở khám chữa bệnh) with their departments, rooms and clinicians.
//!
//! Levels follow Law 15/2023: commune health stations and private clinics are `initial`,
//! regional medical centres and provincial general hospitals `basic`, central hospitals
//! `specialised`. Codes are 5-character BHXH facility codes: old 2-digit province + 3 digits.

use super::catalog::Dept;
use super::geo::{self, Province};
use super::names;
use super::rng::Rng;
use super::{Builder, Person, fhir};
use serde_json::json;
use shared::fhir::{CS_FACILITY_LEVEL, CS_ORG_KIND, SYSTEM_FACILITY, SYSTEM_STAFF_LOGIN};
use shared::id::Sex;

/// Identifier system for room codes (`<facility code>-P<number>`). Not in `shared::fhir` yet:
/// nothing reads it besides people looking at a room.
pub const SYSTEM_ROOM: &str = "https://sosuckhoe.vn/fhir/sid/room";

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Central general hospital (Bạch Mai, Chợ Rẫy, Trung ương Huế…).
    CentralGeneral,
    /// Central children's hospital.
    Children,
    /// Provincial or city general hospital.
    Provincial,
    /// Regional medical centre (trung tâm y tế khu vực, the former district centre).
    Regional,
    /// Commune or ward health station (trạm y tế).
    Station,
    /// Private polyclinic.
    Clinic,
}

impl Kind {
    pub fn level(self) -> (&'static str, &'static str) {
        match self {
            Kind::CentralGeneral | Kind::Children => ("specialised", "Chuyên sâu"),
            Kind::Provincial | Kind::Regional => ("basic", "Cơ bản"),
            Kind::Station | Kind::Clinic => ("initial", "Ban đầu"),
        }
    }

    pub fn is_hospital(self) -> bool {
        matches!(
            self,
            Kind::CentralGeneral | Kind::Children | Kind::Provincial | Kind::Regional
        )
    }
}

struct FacilitySpec {
    code: &'static str,
    name: &'static str,
    kind: Kind,
    province: &'static str,
    ward: &'static str,
    line: &'static str,
    phone: &'static str,
}

macro_rules! facility {
    ($code:literal, $name:literal, $kind:ident, $prov:literal, $ward:literal, $line:literal, $phone:literal) => {
        FacilitySpec {
            code: $code,
            name: $name,
            kind: Kind::$kind,
            province: $prov,
            ward: $ward,
            line: $line,
            phone: $phone,
        }
    };
}

#[rustfmt::skip]
const FACILITIES: &[FacilitySpec] = &[
    facility!("01001", "Bệnh viện Bạch Mai", CentralGeneral, "01", "Phường Kim Liên", "78 đường Giải Phóng", "3869 3731"),
    facility!("01002", "Bệnh viện Nhi Trung ương", Children, "01", "Phường Láng", "18/879 đường La Thành", "6273 8532"),
    facility!("01010", "Bệnh viện Đa khoa Xanh Pôn", Provincial, "01", "Phường Ba Đình", "12 phố Chu Văn An", "3823 3075"),
    facility!("01030", "Bệnh viện Đa khoa Đống Đa", Provincial, "01", "Phường Đống Đa", "192 phố Nguyễn Lương Bằng", "3851 1545"),
    facility!("01040", "Trung tâm Y tế khu vực Đông Anh", Regional, "01", "Xã Đông Anh", "Số 1 đường Cao Lỗ", "3883 2205"),
    facility!("01201", "Trạm Y tế phường Kim Liên", Station, "01", "Phường Kim Liên", "Số 6 ngõ 4B phố Đặng Văn Ngữ", "3852 4130"),
    facility!("01202", "Trạm Y tế phường Cầu Giấy", Station, "01", "Phường Cầu Giấy", "Số 2 phố Trần Quốc Vượng", "3793 2166"),
    facility!("01203", "Trạm Y tế xã Đông Anh", Station, "01", "Xã Đông Anh", "Thôn Đản Mỗ, xã Đông Anh", "3965 1028"),
    facility!("01204", "Trạm Y tế phường Hoàng Mai", Station, "01", "Phường Hoàng Mai", "Số 15 phố Tân Mai", "3864 1179"),
    facility!("01501", "Phòng khám Đa khoa An Phúc", Clinic, "01", "Phường Thanh Xuân", "215 phố Nguyễn Trãi", "3566 8899"),
    facility!("79001", "Bệnh viện Chợ Rẫy", CentralGeneral, "79", "Phường Chợ Lớn", "201B đường Nguyễn Chí Thanh", "3855 4137"),
    facility!("79002", "Bệnh viện Nhi Đồng 1", Children, "79", "Phường Hòa Hưng", "341 đường Sư Vạn Hạnh", "3927 1119"),
    facility!("79010", "Bệnh viện Nhân dân 115", Provincial, "79", "Phường Hòa Hưng", "527 đường Sư Vạn Hạnh", "3865 4249"),
    facility!("79020", "Bệnh viện Đa khoa khu vực Thủ Đức", Provincial, "79", "Phường Thủ Đức", "29 đường Phú Châu", "3729 0300"),
    facility!("79201", "Trạm Y tế phường Bến Thành", Station, "79", "Phường Bến Thành", "Số 40 đường Lê Thị Riêng", "3833 4621"),
    facility!("79202", "Trạm Y tế phường Gò Vấp", Station, "79", "Phường Gò Vấp", "Số 10 đường Nguyễn Văn Bảo", "3894 2237"),
    facility!("79203", "Trạm Y tế xã Củ Chi", Station, "79", "Xã Củ Chi", "Ấp Bàu Tre, xã Củ Chi", "3790 5112"),
    facility!("79204", "Trạm Y tế phường Bình Thạnh", Station, "79", "Phường Bình Thạnh", "Số 6 đường Vạn Kiếp", "3841 0715"),
    facility!("79501", "Phòng khám Đa khoa Phước An", Clinic, "79", "Phường Phú Nhuận", "112 đường Phan Đăng Lưu", "3995 6868"),
    facility!("48001", "Bệnh viện Đà Nẵng", Provincial, "48", "Phường Hải Châu", "124 đường Hải Phòng", "3821 118"),
    facility!("48201", "Trạm Y tế phường Hòa Cường", Station, "48", "Phường Hòa Cường", "Số 30 đường Núi Thành", "3621 409"),
    facility!("48202", "Trạm Y tế phường Sơn Trà", Station, "48", "Phường Sơn Trà", "Số 4 đường Ngô Quyền", "3831 276"),
    facility!("92001", "Bệnh viện Đa khoa Trung ương Cần Thơ", CentralGeneral, "92", "Phường Tân An", "315 đường Nguyễn Văn Linh", "3822 101"),
    facility!("92201", "Trạm Y tế phường Ninh Kiều", Station, "92", "Phường Ninh Kiều", "Số 8 đường Hòa Bình", "3820 455"),
    facility!("31001", "Bệnh viện Hữu nghị Việt Tiệp", Provincial, "31", "Phường Lê Chân", "Số 1 đường Nhà Thương", "3700 436"),
    facility!("31201", "Trạm Y tế phường Ngô Quyền", Station, "31", "Phường Ngô Quyền", "Số 21 đường Lạch Tray", "3735 218"),
    facility!("46001", "Bệnh viện Trung ương Huế", CentralGeneral, "46", "Phường Thuận Hóa", "16 đường Lê Lợi", "3822 325"),
    facility!("46201", "Trạm Y tế phường Vỹ Dạ", Station, "46", "Phường Vỹ Dạ", "Số 92 đường Nguyễn Sinh Cung", "3826 417"),
    facility!("56001", "Bệnh viện Đa khoa tỉnh Khánh Hòa", Provincial, "56", "Phường Nha Trang", "19 đường Yersin", "3822 168"),
    facility!("56201", "Trạm Y tế phường Bắc Nha Trang", Station, "56", "Phường Bắc Nha Trang", "Số 2 đường Mai Xuân Thưởng", "3831 520"),
    facility!("40001", "Bệnh viện Hữu nghị Đa khoa Nghệ An", Provincial, "40", "Phường Vinh Phú", "Km 5 đại lộ Lê Nin", "3566 399"),
    facility!("40020", "Trung tâm Y tế khu vực Diễn Châu", Regional, "40", "Xã Diễn Châu", "Khối 4, xã Diễn Châu", "3862 266"),
    facility!("40201", "Trạm Y tế phường Trường Vinh", Station, "40", "Phường Trường Vinh", "Số 5 đường Phong Định Cảng", "3844 712"),
];

/// Departments (name, what they treat) by facility kind. Commune stations have rooms rather
/// than departments ("phòng"), hospitals have "khoa".
fn department_table(kind: Kind) -> &'static [(&'static str, Dept)] {
    match kind {
        Kind::Station => &[
            ("Phòng khám bệnh", Dept::General),
            ("Phòng tiêm chủng", Dept::Immunisation),
            ("Phòng chăm sóc sức khỏe sinh sản", Dept::Obstetrics),
            ("Phòng y học cổ truyền", Dept::TraditionalMedicine),
        ],
        Kind::Clinic => &[
            ("Chuyên khoa Nội", Dept::InternalMedicine),
            ("Chuyên khoa Nhi", Dept::Paediatrics),
            ("Chuyên khoa Tai Mũi Họng", Dept::Ent),
            ("Chuyên khoa Răng Hàm Mặt", Dept::Dental),
            ("Chuyên khoa Da liễu", Dept::Dermatology),
            ("Chuyên khoa Phụ sản", Dept::Obstetrics),
            ("Phòng tiêm chủng dịch vụ", Dept::Immunisation),
        ],
        Kind::Regional => &[
            ("Khoa Khám bệnh", Dept::General),
            ("Khoa Cấp cứu", Dept::Emergency),
            ("Khoa Nội tổng hợp", Dept::InternalMedicine),
            ("Khoa Nhi", Dept::Paediatrics),
            ("Khoa Phụ sản", Dept::Obstetrics),
            ("Khoa Ngoại tổng hợp", Dept::Surgery),
            ("Khoa Kiểm soát bệnh tật", Dept::Immunisation),
        ],
        Kind::Provincial => &[
            ("Khoa Khám bệnh", Dept::General),
            ("Khoa Cấp cứu", Dept::Emergency),
            ("Khoa Nội tổng hợp", Dept::InternalMedicine),
            ("Khoa Tim mạch", Dept::Cardiology),
            ("Khoa Nội tiết", Dept::Endocrinology),
            ("Khoa Nhi", Dept::Paediatrics),
            ("Khoa Phụ sản", Dept::Obstetrics),
            ("Khoa Ngoại tổng hợp", Dept::Surgery),
            ("Khoa Tai Mũi Họng", Dept::Ent),
            ("Khoa Mắt", Dept::Ophthalmology),
            ("Khoa Răng Hàm Mặt", Dept::Dental),
            ("Khoa Bệnh nhiệt đới", Dept::Infectious),
            ("Khoa Thận - Tiết niệu", Dept::Nephrology),
        ],
        Kind::CentralGeneral => &[
            ("Khoa Khám bệnh", Dept::General),
            ("Khoa Cấp cứu", Dept::Emergency),
            ("Khoa Nội tổng hợp", Dept::InternalMedicine),
            ("Khoa Tim mạch", Dept::Cardiology),
            ("Khoa Nội tiết - Đái tháo đường", Dept::Endocrinology),
            ("Khoa Thận - Tiết niệu", Dept::Nephrology),
            ("Khoa Tiêu hóa", Dept::Gastro),
            ("Khoa Hô hấp", Dept::Respiratory),
            ("Khoa Thần kinh", Dept::Neurology),
            ("Khoa Cơ xương khớp", Dept::Musculoskeletal),
            ("Khoa Da liễu", Dept::Dermatology),
            ("Khoa Mắt", Dept::Ophthalmology),
            ("Khoa Tai Mũi Họng", Dept::Ent),
            ("Khoa Răng Hàm Mặt", Dept::Dental),
            ("Khoa Ngoại tổng hợp", Dept::Surgery),
            ("Khoa Phụ sản", Dept::Obstetrics),
            ("Trung tâm Bệnh nhiệt đới", Dept::Infectious),
        ],
        Kind::Children => &[
            ("Khoa Khám bệnh", Dept::General),
            ("Khoa Cấp cứu", Dept::Emergency),
            ("Khoa Nhi tổng hợp", Dept::Paediatrics),
            ("Khoa Hô hấp", Dept::Respiratory),
            ("Khoa Tiêu hóa", Dept::Gastro),
            ("Khoa Truyền nhiễm", Dept::Infectious),
            ("Khoa Tim mạch", Dept::Cardiology),
            ("Khoa Tai Mũi Họng", Dept::Ent),
            ("Khoa Ngoại", Dept::Surgery),
            ("Khoa Da liễu", Dept::Dermatology),
            ("Khoa Mắt", Dept::Ophthalmology),
            ("Phòng tiêm chủng", Dept::Immunisation),
        ],
    }
}

/// The specialty words in qualifications ("Bác sĩ CKI Nội khoa").
fn specialty(dept: Dept) -> &'static str {
    match dept {
        Dept::General | Dept::InternalMedicine => "Nội khoa",
        Dept::Paediatrics => "Nhi khoa",
        Dept::Obstetrics => "Sản phụ khoa",
        Dept::Surgery => "Ngoại khoa",
        Dept::Cardiology => "Tim mạch",
        Dept::Endocrinology => "Nội tiết",
        Dept::Ent => "Tai Mũi Họng",
        Dept::Dental => "Răng Hàm Mặt",
        Dept::Ophthalmology => "Nhãn khoa",
        Dept::Dermatology => "Da liễu",
        Dept::Neurology => "Thần kinh",
        Dept::Gastro => "Tiêu hóa",
        Dept::Respiratory => "Hô hấp",
        Dept::Musculoskeletal => "Cơ xương khớp",
        Dept::Nephrology => "Thận - Tiết niệu",
        Dept::Infectious => "Truyền nhiễm",
        Dept::Emergency => "Hồi sức cấp cứu",
        Dept::Immunisation => "Y học dự phòng",
        Dept::TraditionalMedicine => "Y học cổ truyền",
    }
}

#[derive(Debug)]
pub struct Facility {
    pub id: String,
    pub code: &'static str,
    pub name: &'static str,
    pub kind: Kind,
    pub province: &'static Province,
    pub ward: &'static str,
    pub departments: Vec<Department>,
}

#[derive(Debug)]
pub struct Department {
    pub name: &'static str,
    pub dept: Dept,
    pub rooms: Vec<Room>,
    pub clinicians: Vec<Clinician>,
}

#[derive(Debug)]
pub struct Room {
    pub id: String,
    pub name: String,
}

#[derive(Debug)]
pub struct Clinician {
    pub practitioner_id: String,
    pub role_id: String,
    pub person: Person,
    /// "BS.CKI Lê Văn Cường": title + name, as on a prescription.
    pub display: String,
    pub room: usize,
    /// Staff login, for clinicians with an account at the identity provider.
    pub login: Option<String>,
}

/// Staff accounts per facility: the first clinicians of the facility get `nv-<code>-1`, `-2`.
const STAFF_ACCOUNTS_PER_FACILITY: usize = 2;

/// What clinicians are called at each level: (title prefix, qualification, chance weight).
fn titles(kind: Kind, dept: Dept) -> &'static [(&'static str, &'static str, u32)] {
    match (kind, dept) {
        (Kind::Station, Dept::Immunisation | Dept::Obstetrics) => &[
            ("YS.", "Y sĩ đa khoa", 2),
            ("NHS.", "Nữ hộ sinh", 2),
            ("ĐD.", "Điều dưỡng", 1),
        ],
        (Kind::Station, _) => &[("BS.", "Bác sĩ đa khoa", 3), ("YS.", "Y sĩ đa khoa", 2)],
        (Kind::Clinic, _) => &[
            ("BS.CKI", "Bác sĩ CKI", 3),
            ("ThS.BS.", "Thạc sĩ, Bác sĩ", 2),
            ("BS.", "Bác sĩ", 2),
        ],
        (Kind::Regional | Kind::Provincial, _) => &[
            ("BS.CKII", "Bác sĩ CKII", 2),
            ("BS.CKI", "Bác sĩ CKI", 4),
            ("ThS.BS.", "Thạc sĩ, Bác sĩ", 2),
            ("BS.", "Bác sĩ", 3),
        ],
        (Kind::CentralGeneral | Kind::Children, _) => &[
            ("PGS.TS.BS.", "Phó Giáo sư, Tiến sĩ, Bác sĩ", 1),
            ("TS.BS.", "Tiến sĩ, Bác sĩ", 2),
            ("BS.CKII", "Bác sĩ CKII", 3),
            ("ThS.BS.", "Thạc sĩ, Bác sĩ", 4),
            ("BS.CKI", "Bác sĩ CKI", 2),
        ],
    }
}

fn clinicians_per_department(rng: &mut Rng, kind: Kind, dept: Dept) -> usize {
    let (lo, hi) = match (kind, dept) {
        (Kind::Station | Kind::Clinic, _) => (1, 2),
        (_, Dept::General) => (3, 6),
        (Kind::CentralGeneral | Kind::Children, _) => (2, 5),
        _ => (2, 3),
    };
    rng.range(lo, hi) as usize
}

fn rooms_per_department(kind: Kind, dept: Dept, clinicians: usize) -> usize {
    match (kind, dept) {
        (Kind::Station | Kind::Clinic, _) => 1,
        (_, Dept::General) => clinicians,
        _ => clinicians.div_ceil(2),
    }
}

/// Builds every facility with departments, rooms and clinicians, and emits their resources.
pub fn build(b: &mut Builder, rng: &mut Rng) -> Vec<Facility> {
    let mut facilities = Vec::with_capacity(FACILITIES.len());
    for spec in FACILITIES {
        let province = geo::province(spec.province);
        let facility_id = b.id();
        let (level, level_vi) = spec.kind.level();
        let area = province.area_code;
        b.push(json!({
            "resourceType": "Organization",
            "id": facility_id,
            "active": true,
            "identifier": [{"use": "official", "system": SYSTEM_FACILITY, "value": spec.code}],
            "type": [
                {"coding": [{"system": CS_FACILITY_LEVEL, "code": level, "display": level_vi}]},
                {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/organization-type", "code": "prov", "display": "Healthcare Provider"}]}
            ],
            "name": spec.name,
            "telecom": [{"system": "phone", "value": format!("{area} {}", spec.phone), "use": "work"}],
            "address": [fhir::address("work", spec.line, spec.ward, province.name)],
        }));
        let facility_ref = fhir::reference("Organization", &facility_id, spec.name);
        let mut room_number = 1;
        let mut departments: Vec<Department> = Vec::new();
        for (dept_name, dept) in department_table(spec.kind) {
            let dept_id = b.id();
            b.push(json!({
                "resourceType": "Organization",
                "id": dept_id,
                "active": true,
                "type": [{"coding": [{"system": CS_ORG_KIND, "code": "department", "display": "Khoa/phòng"}]}],
                "name": dept_name,
                "partOf": facility_ref,
            }));
            let dept_ref = fhir::reference("Organization", &dept_id, dept_name);
            let n_clinicians = clinicians_per_department(rng, spec.kind, *dept);
            let n_rooms = rooms_per_department(spec.kind, *dept, n_clinicians);
            let mut rooms = Vec::new();
            for _ in 0..n_rooms {
                let id = b.id();
                // Ground floor for the station and the outpatient hall, higher floors for wards.
                let floor = if spec.kind.is_hospital() {
                    1 + room_number / 8
                } else {
                    1
                };
                let name = if spec.kind == Kind::Station && *dept == Dept::Immunisation {
                    format!("Phòng tiêm chủng {room_number} — Tầng {floor}")
                } else {
                    format!("Phòng khám {room_number} — Tầng {floor}")
                };
                // managingOrganization is the department (so booking can list a department's
                // rooms); the facility is one more hop via the department's partOf, and is
                // also named directly on every PractitionerRole that uses the room.
                b.push(json!({
                    "resourceType": "Location",
                    "id": id,
                    "status": "active",
                    "identifier": [{"system": SYSTEM_ROOM, "value": format!("{}-P{room_number:02}", spec.code)}],
                    "name": name,
                    "description": format!("{dept_name}, {}", spec.name),
                    "mode": "instance",
                    "physicalType": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/location-physical-type", "code": "ro", "display": "Room"}]},
                    "managingOrganization": dept_ref,
                }));
                rooms.push(Room { id, name });
                room_number += 1;
            }
            let mut clinicians = Vec::new();
            for i in 0..n_clinicians {
                let (prefix, qualification) = {
                    let options = titles(spec.kind, *dept);
                    let weighted: Vec<((&str, &str), u32)> =
                        options.iter().map(|(p, q, w)| ((*p, *q), *w)).collect();
                    *rng.weighted(&weighted)
                };
                // Midwives are women; elsewhere the split is even.
                let sex = if prefix == "NHS." || rng.chance(0.5) {
                    Sex::Female
                } else {
                    Sex::Male
                };
                let senior = prefix.contains("TS") || prefix.contains("CKII");
                let age = if senior {
                    rng.range(42, 62)
                } else {
                    rng.range(26, 55)
                };
                let birth = b.birth_date(rng, age as i32);
                let family = names::family_name(rng);
                let name = names::person_name(rng, family, sex, birth.year());
                let cccd = b.cccd(rng, &format!("0{}", province.code), sex, birth);
                let spec_words = specialty(*dept);
                let qualification_text = if qualification.starts_with("Bác sĩ đa khoa")
                    || qualification.starts_with("Y sĩ")
                    || qualification.starts_with("Nữ hộ sinh")
                    || qualification.starts_with("Điều dưỡng")
                {
                    qualification.to_owned()
                } else {
                    format!("{qualification} {spec_words}")
                };
                let display = format!("{prefix} {}", name.text());
                let staff_index = departments
                    .iter()
                    .map(|d| d.clinicians.len())
                    .sum::<usize>()
                    + clinicians.len();
                let login = (staff_index < STAFF_ACCOUNTS_PER_FACILITY)
                    .then(|| format!("nv-{}-{}", spec.code, staff_index + 1));
                let practitioner_id = b.id();
                let role_id = b.id();
                let room = i % rooms.len();
                let mut identifiers = vec![json!({
                    "use": "official",
                    "system": shared::fhir::SYSTEM_CCCD,
                    "value": cccd,
                })];
                if let Some(login) = &login {
                    identifiers.push(json!({"system": SYSTEM_STAFF_LOGIN, "value": login}));
                }
                b.push(json!({
                    "resourceType": "Practitioner",
                    "id": practitioner_id,
                    "active": true,
                    "identifier": identifiers,
                    "name": [fhir::human_name(&name, Some(prefix))],
                    "gender": fhir::gender(sex),
                    "birthDate": birth.to_string(),
                    "qualification": [{"code": {"text": qualification_text}}],
                }));
                let role_code = if qualification.starts_with("Điều dưỡng") {
                    ("nurse", "Nurse", "Điều dưỡng")
                } else if qualification.starts_with("Nữ hộ sinh")
                    || qualification.starts_with("Y sĩ")
                {
                    ("nurse", "Nurse", qualification)
                } else {
                    ("doctor", "Doctor", "Bác sĩ")
                };
                b.push(json!({
                    "resourceType": "PractitionerRole",
                    "id": role_id,
                    "active": true,
                    "practitioner": fhir::reference("Practitioner", &practitioner_id, &display),
                    "organization": facility_ref,
                    "code": [{
                        "coding": [{"system": "http://terminology.hl7.org/CodeSystem/practitioner-role", "code": role_code.0, "display": role_code.1}],
                        "text": role_code.2,
                    }],
                    "specialty": [{"text": dept_name}],
                    "location": [fhir::reference("Location", &rooms[room].id, &rooms[room].name)],
                    "availableTime": [{
                        "daysOfWeek": ["mon", "tue", "wed", "thu", "fri"],
                        "availableStartTime": "07:00:00",
                        "availableEndTime": "16:30:00",
                    }],
                }));
                clinicians.push(Clinician {
                    practitioner_id,
                    role_id,
                    person: Person {
                        name,
                        sex,
                        birth,
                        cccd,
                    },
                    display,
                    room,
                    login,
                });
            }
            departments.push(Department {
                name: dept_name,
                dept: *dept,
                rooms,
                clinicians,
            });
        }
        facilities.push(Facility {
            id: facility_id,
            code: spec.code,
            name: spec.name,
            kind: spec.kind,
            province,
            ward: spec.ward,
            departments,
        });
    }
    facilities
}

impl Facility {
    pub fn reference(&self) -> serde_json::Value {
        fhir::reference("Organization", &self.id, self.name)
    }

    /// The department treating `dept`, falling back to the front door.
    pub fn department_for(&self, dept: Dept) -> &Department {
        let fallback = match dept {
            Dept::Immunisation => Dept::General,
            Dept::Paediatrics if self.kind == Kind::Station => Dept::General,
            _ => Dept::InternalMedicine,
        };
        self.departments
            .iter()
            .find(|d| d.dept == dept)
            .or_else(|| self.departments.iter().find(|d| d.dept == fallback))
            .or_else(|| self.departments.iter().find(|d| d.dept == Dept::General))
            .unwrap_or(&self.departments[0])
    }

    pub fn treats(&self, dept: Dept) -> bool {
        self.departments.iter().any(|d| d.dept == dept)
    }
}
