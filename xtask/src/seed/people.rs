//! Citizens in households: names, CCCDs, addresses, insurance cards, the registered
//! primary-care facility, and the links that let a parent or carer act for a dependant.

use super::facilities::{Facility, Kind};
use super::geo::{self, PROVINCES, Province, Region};
use super::names::{self, FullName};
use super::rng::{Rng, mix};
use super::{Account, Builder, DemoLogin, DemoRole, Person, fhir};
use serde_json::{Value, json};
use shared::date::IsoDate;
use shared::fhir::{
    CS_ETHNIC_GROUP, CS_V3_ROLE_CODE, EXT_ETHNICITY, EXT_NATIONALITY, EXT_OCCUPATION, SYSTEM_BHXH,
    SYSTEM_BHYT, SYSTEM_CCCD, SYSTEM_ISO_3166,
};
use shared::id::Sex;

/// Age from which a citizen has their own account (and their own CCCD card, in practice).
pub const ACCOUNT_AGE: i32 = 14;

/// The demo people; `clinical` gives each a hand-shaped history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Demo {
    /// Demo citizen #0: hypertension + type 2 diabetes since 2009/2012, the largest history.
    ChronicElder,
    /// Demo citizen #1: a working woman, pregnant now.
    Pregnant,
    /// Demo citizen #2: a smoker in his forties with dyslipidaemia and gout.
    Smoker,
    /// Demo guardian #0: mother of two young children.
    Mother,
    /// Her husband (not a demo login, but a second parent link).
    Father,
    /// Her 7-year-old daughter.
    Daughter,
    /// Her toddler son, whose measles-rubella dose is overdue.
    Toddler,
    /// Demo guardian #1: a son caring for his elderly mother.
    Carer,
    /// The elderly mother: heart failure, kidney disease, hospital stays.
    CaredElder,
}

#[derive(Debug)]
pub struct Card {
    pub group: &'static str,
    pub number: String,
    pub bhxh: String,
    pub start: IsoDate,
    pub end: IsoDate,
}

/// Someone who may act for this citizen (a RelatedPerson on this citizen's book).
#[derive(Debug)]
pub struct Representative {
    /// Index of the representative among the citizens.
    pub who: usize,
    /// v3 RoleCode: MTH/FTH (parent), GUARD (legal guardian), SON/DAU (carer).
    pub code: &'static str,
    pub display: &'static str,
    /// Vietnamese wording of the relationship ("Mẹ", "Con trai").
    pub text: &'static str,
    pub related_person_id: String,
}

#[derive(Debug)]
pub struct Citizen {
    pub id: String,
    pub person: Person,
    pub phone: Option<String>,
    pub province: &'static Province,
    pub ward: &'static str,
    pub line: String,
    /// Index of the registered primary-care facility (nơi đăng ký KCB ban đầu).
    pub registered: usize,
    pub card: Option<Card>,
    pub coverage_id: Option<String>,
    pub representatives: Vec<Representative>,
    /// Children this citizen gave birth to (for mothers: delivery encounters).
    pub born_children: Vec<usize>,
    pub demo: Option<Demo>,
}

impl Citizen {
    pub fn age_on(&self, date: IsoDate) -> i32 {
        self.person.birth.years_until(date)
    }

    pub fn reference(&self) -> Value {
        fhir::reference("Patient", &self.id, &self.person.name.text())
    }
}

#[derive(Debug)]
pub struct Population {
    pub citizens: Vec<Citizen>,
}

impl Population {
    pub fn demo(&self, which: Demo) -> Option<usize> {
        self.citizens.iter().position(|c| c.demo == Some(which))
    }
}

/// Where a household lives.
#[derive(Clone, Debug)]
struct Home {
    province: &'static Province,
    ward: &'static str,
    line: String,
}

fn random_home(rng: &mut Rng) -> Home {
    let weighted: Vec<(&'static Province, u32)> = PROVINCES.iter().map(|p| (p, p.weight)).collect();
    let province = *rng.weighted(&weighted);
    let ward = *rng.pick(province.wards);
    let line = if ward.starts_with("Xã") {
        let hamlet = if province.region == Region::South {
            "Ấp"
        } else {
            "Thôn"
        };
        format!(
            "Số nhà {}, {hamlet} {}",
            rng.range(1, 250),
            rng.range(1, 12)
        )
    } else if rng.chance(0.5) {
        // An alley off a street: "ngõ" in the north, "hẻm" in the centre and south.
        let alley = if province.region == Region::North {
            "ngõ"
        } else {
            "hẻm"
        };
        format!(
            "Số {} {alley} {} {}",
            rng.range(1, 80),
            rng.range(2, 300),
            rng.pick(province.streets)
        )
    } else {
        format!("Số {} {}", rng.range(1, 400), rng.pick(province.streets))
    };
    Home {
        province,
        ward,
        line,
    }
}

/// Vietnamese mobile numbers: 10 digits, carrier prefixes in use today.
fn mobile(rng: &mut Rng) -> String {
    const PREFIXES: &[&str] = &[
        "090", "091", "093", "094", "096", "097", "098", "086", "032", "033", "034", "035", "036",
        "037", "038", "039", "070", "076", "077", "078", "079", "081", "082", "083", "084", "085",
        "088", "089", "056", "058",
    ];
    format!("{}{}", rng.pick(PREFIXES), rng.digits(7))
}

/// The registered primary-care facility: the ward's station when there is one, otherwise a
/// station, clinic or general hospital of the province (people working in town often register
/// at a hospital near work).
fn choose_registered(rng: &mut Rng, facilities: &[Facility], home: &Home, age: i32) -> usize {
    let in_province: Vec<usize> = (0..facilities.len())
        .filter(|&i| facilities[i].province.code == home.province.code)
        .collect();
    let ward_station = in_province
        .iter()
        .copied()
        .find(|&i| facilities[i].kind == Kind::Station && facilities[i].ward == home.ward);
    if let Some(station) = ward_station.filter(|_| rng.chance(0.8)) {
        return station;
    }
    let weight = |kind: Kind| -> u32 {
        match kind {
            Kind::Station => 50,
            Kind::Clinic if (18..60).contains(&age) => 20,
            Kind::Regional | Kind::Provincial => 30,
            _ => 0,
        }
    };
    let options: Vec<(usize, u32)> = in_province
        .iter()
        .map(|&i| (i, weight(facilities[i].kind)))
        .filter(|(_, w)| *w > 0)
        .collect();
    if options.is_empty() {
        return in_province.first().copied().unwrap_or(0);
    }
    *rng.weighted(&options)
}

/// Beneficiary group and benefit level by age (BHXH's codes: TE, HS, SV, DN, HC, GD, HT, HN,
/// CN, BT, CC, QN). Levels follow Decision 1351/QĐ-BHXH: 1 = CC/TE, 2 = HN/BT, 3 = HT/CN,
/// 4 = the rest, 5 = QN (armed forces). `None`: uninsured.
fn card_group(rng: &mut Rng, age: i32) -> Option<(&'static str, u8)> {
    let uninsured = match age {
        0..6 => 0.01,
        6..18 => 0.02,
        18..60 => 0.07,
        _ => 0.03,
    };
    if rng.chance(uninsured) {
        return None;
    }
    let options: &[((&str, u8), u32)] = match age {
        0..6 => &[(("TE", 1), 1)],
        6..18 => &[(("HS", 4), 1)],
        18..23 => &[(("SV", 4), 55), (("GD", 4), 25), (("DN", 4), 20)],
        23..60 => &[
            (("DN", 4), 45),
            (("HC", 4), 15),
            (("GD", 4), 27),
            (("HN", 2), 4),
            (("CN", 3), 5),
            (("QN", 5), 2),
        ],
        60..80 => &[
            (("HT", 3), 50),
            (("GD", 4), 30),
            (("CN", 3), 8),
            (("HN", 2), 5),
            (("CC", 1), 7),
        ],
        _ => &[(("BT", 2), 45), (("HT", 3), 40), (("CC", 1), 15)],
    };
    Some(*rng.weighted(options))
}

/// Vietnamese name of a beneficiary group, for `Coverage.class.name`.
fn group_name(group: &str) -> &'static str {
    match group {
        "TE" => "Trẻ em dưới 6 tuổi",
        "HS" => "Học sinh",
        "SV" => "Sinh viên",
        "DN" => "Người lao động trong doanh nghiệp",
        "HC" => "Cán bộ, công chức, viên chức",
        "GD" => "Người tham gia theo hộ gia đình",
        "HT" => "Người hưởng lương hưu",
        "HN" => "Người thuộc hộ nghèo",
        "CN" => "Người thuộc hộ cận nghèo",
        "BT" => "Người hưởng trợ cấp xã hội hằng tháng",
        "CC" => "Người có công với cách mạng",
        "QN" => "Quân nhân",
        _ => "Khác",
    }
}

/// Ethnic group (code in `CS_ETHNIC_GROUP`, name), the same for everyone at one address: most
/// people are Kinh; Hoa are most common in TP. Hồ Chí Minh, Khmer in the Mekong delta, Tày,
/// Thái, Mường, Nùng and H'Mông in the north.
fn ethnicity(c: &Citizen) -> (&'static str, &'static str) {
    let key = format!("{}|{}|{}", c.province.code, c.ward, c.line);
    let h = key.bytes().fold(0xE7_u64, |acc, b| mix(acc ^ u64::from(b))) % 1000;
    let minority: &[(&str, &str)] = match c.province.code {
        "79" => &[("04", "Hoa")],
        "92" | "94" | "91" => &[("05", "Khmer"), ("04", "Hoa")],
        "01" | "31" | "22" => &[("06", "Mường"), ("02", "Tày")],
        _ => &[
            ("02", "Tày"),
            ("03", "Thái"),
            ("06", "Mường"),
            ("07", "Nùng"),
            ("08", "H'Mông"),
        ],
    };
    if c.demo.is_some() || h >= 120 {
        ("01", "Kinh")
    } else {
        minority[(h as usize) % minority.len()]
    }
}

/// Occupation in words, from age and the BHYT beneficiary group.
fn occupation(c: &Citizen, today: IsoDate) -> &'static str {
    let age = c.age_on(today);
    let group = c.card.as_ref().map(|card| card.group).unwrap_or_default();
    let h = mix(u64::from_str_radix(&c.id, 16).unwrap_or(0) ^ 0x0CC) % 4;
    match (age, group) {
        (0..6, _) => "Trẻ em",
        (6..18, _) => "Học sinh",
        (_, "SV") => "Sinh viên",
        (_, "HT") => "Nghỉ hưu",
        (_, "HC") => "Cán bộ, công chức, viên chức",
        (_, "QN") => "Quân nhân",
        (_, "DN") => [
            "Công nhân",
            "Nhân viên văn phòng",
            "Kỹ sư",
            "Nhân viên bán hàng",
        ][h as usize],
        _ if age >= 65 => "Hết tuổi lao động",
        _ => ["Nông dân", "Buôn bán nhỏ", "Lao động tự do", "Nội trợ"][h as usize],
    }
}

/// Card validity: most cards run a year from a renewal date in the past year, a few lapsed
/// (not renewed), and a child's card runs from birth until the day before turning 6.
fn card_period(rng: &mut Rng, today: IsoDate, group: &str, birth: IsoDate) -> (IsoDate, IsoDate) {
    if group == "TE" {
        let sixth = IsoDate::new(birth.year() + 6, birth.month(), 1)
            .unwrap_or(birth)
            .add_days(i64::from(birth.day()) - 1);
        return (birth, sixth.add_days(-1));
    }
    let start = if rng.chance(0.03) {
        today.add_days(-rng.range(400, 560))
    } else {
        today.add_days(-rng.range(15, 345))
    };
    let end = IsoDate::new(start.year() + 1, start.month(), 1)
        .unwrap_or(start)
        .add_days(i64::from(start.day()) - 2);
    (start, end)
}

struct NewCitizen<'a> {
    family: &'a str,
    /// Fixed given names (demo people); random otherwise.
    given: Option<&'a [&'a str]>,
    sex: Sex,
    birth: IsoDate,
    home: &'a Home,
    demo: Option<Demo>,
    /// Fixed card group and level (demo people).
    group: Option<Option<(&'static str, u8)>>,
    /// Fixed registered facility code (demo people).
    registered: Option<&'a str>,
}

struct Populator<'a> {
    b: &'a mut Builder,
    facilities: &'a [Facility],
    citizens: Vec<Citizen>,
}

impl Populator<'_> {
    fn add(&mut self, rng: &mut Rng, new: NewCitizen<'_>) -> usize {
        let today = self.b.today;
        let age = new.birth.years_until(today);
        let name = match new.given {
            Some(given) => FullName::new(new.family, given),
            None => names::person_name(rng, new.family, new.sex, new.birth.year()),
        };
        let birth_province = if new.demo.is_some() {
            new.home.province.code
        } else {
            geo::birth_province_code(rng, new.home.province, new.birth.year())
        };
        let cccd = self
            .b
            .cccd(rng, &format!("0{birth_province}"), new.sex, new.birth);
        let phone = (age >= 18).then(|| mobile(rng));
        let registered = match new.registered {
            Some(code) => self
                .facilities
                .iter()
                .position(|f| f.code == code)
                .unwrap_or(0),
            None => choose_registered(rng, self.facilities, new.home, age),
        };
        let group = match new.group {
            Some(fixed) => fixed,
            None => card_group(rng, age),
        };
        let card = group.map(|(group, level)| {
            let bhxh = self.b.bhxh(rng, new.home.province.code);
            let (start, end) = card_period(rng, today, group, new.birth);
            Card {
                group,
                number: format!("{group}{level}{}{bhxh}", new.home.province.code),
                bhxh,
                start,
                end,
            }
        });
        let id = self.b.id();
        self.citizens.push(Citizen {
            id,
            person: Person {
                name,
                sex: new.sex,
                birth: new.birth,
                cccd,
            },
            phone,
            province: new.home.province,
            ward: new.home.ward,
            line: new.home.line.clone(),
            registered,
            card,
            coverage_id: None,
            representatives: Vec::new(),
            born_children: Vec::new(),
            demo: new.demo,
        });
        self.citizens.len() - 1
    }

    fn link(&mut self, dependant: usize, who: usize, code: &'static str) {
        let (display, text) = match code {
            "MTH" => ("mother", "Mẹ"),
            "FTH" => ("father", "Bố"),
            "SON" => ("natural son", "Con trai"),
            "DAU" => ("natural daughter", "Con gái"),
            "GUARD" => ("guardian", "Người giám hộ"),
            _ => ("child", "Con"),
        };
        self.citizens[dependant]
            .representatives
            .push(Representative {
                who,
                code,
                display,
                text,
                related_person_id: String::new(),
            });
    }

    fn date(y: i32, m: u8, d: u8) -> IsoDate {
        IsoDate::new(y, m, d).unwrap_or(IsoDate::from_days_since_epoch(0))
    }

    /// The demo households, always first and always the same.
    fn demo_households(&mut self, rng: &mut Rng) {
        let today = self.b.today;
        let kim_lien = Home {
            province: geo::province("01"),
            ward: "Phường Kim Liên",
            line: "Số 14 ngõ 4C phố Đặng Văn Ngữ".to_owned(),
        };
        self.add(
            rng,
            NewCitizen {
                family: "Nguyễn",
                given: Some(&["Văn", "Hải"]),
                sex: Sex::Male,
                birth: Self::date(1955, 3, 12),
                home: &kim_lien,
                demo: Some(Demo::ChronicElder),
                group: Some(Some(("HT", 3))),
                registered: Some("01201"),
            },
        );
        // His wife lives with him; an ordinary citizen.
        self.add(
            rng,
            NewCitizen {
                family: "Trần",
                given: Some(&["Thị", "Hoa"]),
                sex: Sex::Female,
                birth: Self::date(1958, 10, 2),
                home: &kim_lien,
                demo: None,
                group: Some(Some(("HT", 3))),
                registered: Some("01201"),
            },
        );

        let ben_thanh = Home {
            province: geo::province("79"),
            ward: "Phường Bến Thành",
            line: "Số 27 đường Lê Thị Riêng".to_owned(),
        };
        self.add(
            rng,
            NewCitizen {
                family: "Lê",
                given: Some(&["Thị", "Thanh", "Hương"]),
                sex: Sex::Female,
                birth: Self::date(1991, 7, 23),
                home: &ben_thanh,
                demo: Some(Demo::Pregnant),
                group: Some(Some(("DN", 4))),
                registered: Some("79201"),
            },
        );

        let hai_chau = Home {
            province: geo::province("48"),
            ward: "Phường Hải Châu",
            line: "Số 56 đường Lê Duẩn".to_owned(),
        };
        self.add(
            rng,
            NewCitizen {
                family: "Phạm",
                given: Some(&["Quốc", "Bảo"]),
                sex: Sex::Male,
                birth: Self::date(1980, 11, 5),
                home: &hai_chau,
                demo: Some(Demo::Smoker),
                group: Some(Some(("HC", 4))),
                registered: Some("48201"),
            },
        );

        let cau_giay = Home {
            province: geo::province("01"),
            ward: "Phường Cầu Giấy",
            line: "Số 8 ngõ 165 phố Cầu Giấy".to_owned(),
        };
        let mother = self.add(
            rng,
            NewCitizen {
                family: "Đỗ",
                given: Some(&["Thị", "Phương", "Thảo"]),
                sex: Sex::Female,
                birth: Self::date(1994, 2, 17),
                home: &cau_giay,
                demo: Some(Demo::Mother),
                group: Some(Some(("DN", 4))),
                registered: Some("01202"),
            },
        );
        let father = self.add(
            rng,
            NewCitizen {
                family: "Vũ",
                given: Some(&["Đức", "Long"]),
                sex: Sex::Male,
                birth: Self::date(1991, 5, 30),
                home: &cau_giay,
                demo: Some(Demo::Father),
                group: Some(Some(("HC", 4))),
                registered: Some("01202"),
            },
        );
        let daughter_birth = Self::date(today.year() - 7, 9, 8);
        let daughter = self.add(
            rng,
            NewCitizen {
                family: "Vũ",
                given: Some(&["Ngọc", "Minh", "Anh"]),
                sex: Sex::Female,
                birth: if daughter_birth.years_until(today) == 7 {
                    daughter_birth
                } else {
                    Self::date(today.year() - 8, 9, 8)
                },
                home: &cau_giay,
                demo: Some(Demo::Daughter),
                group: None,
                registered: Some("01202"),
            },
        );
        // About 22 months old: the 18-month measles-rubella dose is due and missing.
        let toddler = self.add(
            rng,
            NewCitizen {
                family: "Vũ",
                given: Some(&["Gia", "Huy"]),
                sex: Sex::Male,
                birth: today.add_days(-670),
                home: &cau_giay,
                demo: Some(Demo::Toddler),
                group: Some(Some(("TE", 1))),
                registered: Some("01202"),
            },
        );
        for child in [daughter, toddler] {
            self.link(child, mother, "MTH");
            self.link(child, father, "FTH");
        }
        self.citizens[mother].born_children = vec![daughter, toddler];

        let vy_da = Home {
            province: geo::province("46"),
            ward: "Phường Vỹ Dạ",
            line: "Số 35 đường Nguyễn Sinh Cung".to_owned(),
        };
        let carer = self.add(
            rng,
            NewCitizen {
                family: "Bùi",
                given: Some(&["Văn", "Nam"]),
                sex: Sex::Male,
                birth: Self::date(1968, 6, 21),
                home: &vy_da,
                demo: Some(Demo::Carer),
                group: Some(Some(("GD", 4))),
                registered: Some("46201"),
            },
        );
        let elder = self.add(
            rng,
            NewCitizen {
                family: "Hồ",
                given: Some(&["Thị", "Lài"]),
                sex: Sex::Female,
                birth: Self::date(1941, 1, 15),
                home: &vy_da,
                demo: Some(Demo::CaredElder),
                group: Some(Some(("BT", 2))),
                registered: Some("46201"),
            },
        );
        self.link(elder, carer, "SON");
    }

    /// One random household; returns when done (the caller stops at the target size).
    fn household(&mut self, rng: &mut Rng, target: usize) {
        let home = random_home(rng);
        let today = self.b.today;
        let family = names::family_name(rng);
        let room = |p: &Self| target.saturating_sub(p.citizens.len());
        match *rng.weighted(&[(0u8, 27), (1, 40), (2, 13), (3, 10), (4, 10)]) {
            // A single adult (the rest of the family is not in the sample).
            0 => {
                let age = rng.range(18, 85) as i32;
                let sex = if rng.chance(0.5) {
                    Sex::Male
                } else {
                    Sex::Female
                };
                let family = names::family_name(rng);
                self.random_person(rng, family, sex, age, &home);
            }
            // Parents with children; children under 18 are linked to each seeded parent.
            1 => {
                let father_age = rng.range(26, 52) as i32;
                let mother_age = (father_age - rng.range(0, 5) as i32).max(22);
                let single_mother = rng.chance(0.1);
                let mother_family = names::family_name(rng);
                let mother = self.random_person(rng, mother_family, Sex::Female, mother_age, &home);
                let father = (!single_mother && room(self) > 0)
                    .then(|| self.random_person(rng, family, Sex::Male, father_age, &home));
                let children = *rng.weighted(&[(1u32, 35), (2, 50), (3, 15)]);
                let mut age_days = i64::from(mother_age - rng.range(19, 30) as i32) * 365;
                for _ in 0..children {
                    if room(self) == 0 || age_days < 30 {
                        break;
                    }
                    let birth = today.add_days(-age_days - rng.range(0, 200));
                    let sex = if rng.chance(0.51) {
                        Sex::Male
                    } else {
                        Sex::Female
                    };
                    let child_family = if father.is_some() || rng.chance(0.5) {
                        family
                    } else {
                        mother_family
                    };
                    let child = self.add(
                        rng,
                        NewCitizen {
                            family: child_family,
                            given: None,
                            sex,
                            birth,
                            home: &home,
                            demo: None,
                            group: None,
                            registered: None,
                        },
                    );
                    self.citizens[mother].born_children.push(child);
                    if birth.years_until(today) < 18 {
                        self.link(child, mother, "MTH");
                        if let Some(f) = father {
                            self.link(child, f, "FTH");
                        }
                    }
                    age_days -= rng.range(2 * 365, 6 * 365);
                }
            }
            // An elderly parent cared for by an adult child.
            2 => {
                let elder_age = rng.range(75, 95) as i32;
                let elder_sex = if rng.chance(0.6) {
                    Sex::Female
                } else {
                    Sex::Male
                };
                let elder_family = if elder_sex == Sex::Male {
                    family
                } else {
                    names::family_name(rng)
                };
                let elder = self.random_person(rng, elder_family, elder_sex, elder_age, &home);
                if room(self) > 0 {
                    let carer_age = (elder_age - rng.range(22, 38) as i32).max(40);
                    let carer_sex = if rng.chance(0.5) {
                        Sex::Male
                    } else {
                        Sex::Female
                    };
                    let carer = self.random_person(rng, family, carer_sex, carer_age, &home);
                    let code = if carer_sex == Sex::Male { "SON" } else { "DAU" };
                    self.link(elder, carer, code);
                }
            }
            // An elderly couple.
            3 => {
                let husband_age = rng.range(60, 88) as i32;
                self.random_person(rng, family, Sex::Male, husband_age, &home);
                if room(self) > 0 {
                    let wife_family = names::family_name(rng);
                    let wife_age = (husband_age - rng.range(0, 6) as i32).max(58);
                    self.random_person(rng, wife_family, Sex::Female, wife_age, &home);
                }
            }
            // A grandparent raising a grandchild as legal guardian (parents work far away).
            _ => {
                let grandparent_age = rng.range(55, 72) as i32;
                let sex = if rng.chance(0.7) {
                    Sex::Female
                } else {
                    Sex::Male
                };
                let gp_family = if sex == Sex::Male {
                    family
                } else {
                    names::family_name(rng)
                };
                let gp = self.random_person(rng, gp_family, sex, grandparent_age, &home);
                if room(self) > 0 {
                    let age = rng.range(1, 13) as i32;
                    let child_sex = if rng.chance(0.5) {
                        Sex::Male
                    } else {
                        Sex::Female
                    };
                    let child = self.random_person(rng, family, child_sex, age, &home);
                    self.link(child, gp, "GUARD");
                }
            }
        }
    }

    fn random_person(
        &mut self,
        rng: &mut Rng,
        family: &str,
        sex: Sex,
        age: i32,
        home: &Home,
    ) -> usize {
        let birth = self.b.birth_date(rng, age);
        self.add(
            rng,
            NewCitizen {
                family,
                given: None,
                sex,
                birth,
                home,
                demo: None,
                group: None,
                registered: None,
            },
        )
    }
}

/// Builds the population: the demo households, then random households up to `target`.
pub fn populate(
    b: &mut Builder,
    rng: &mut Rng,
    facilities: &[Facility],
    target: usize,
) -> Population {
    let mut p = Populator {
        b,
        facilities,
        citizens: Vec::with_capacity(target + 4),
    };
    p.demo_households(rng);
    while p.citizens.len() < target {
        p.household(rng, target);
    }
    Population {
        citizens: p.citizens,
    }
}

/// Emits Patient, RelatedPerson and Coverage resources.
pub fn emit(b: &mut Builder, rng: &mut Rng, population: &mut Population, facilities: &[Facility]) {
    // Ids first: Patient.link points at RelatedPersons, RelatedPersons at Patients.
    for c in &mut population.citizens {
        for r in &mut c.representatives {
            r.related_person_id = b.id();
        }
        if c.card.is_some() {
            c.coverage_id = Some(b.id());
        }
    }
    let citizens = &population.citizens;
    for c in citizens {
        let registered = &facilities[c.registered];
        let mut patient = json!({
            "resourceType": "Patient",
            "id": c.id,
            "identifier": [{
                "use": "official",
                "type": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "NI", "display": "National unique individual identifier"}], "text": "Số định danh cá nhân"},
                "system": SYSTEM_CCCD,
                "value": c.person.cccd,
            }],
            "active": true,
            "name": [fhir::human_name(&c.person.name, None)],
            "gender": fhir::gender(c.person.sex),
            "birthDate": c.person.birth.to_string(),
            "address": [fhir::address("home", &c.line, c.ward, c.province.name)],
            "communication": [{"language": {"coding": [{"system": "urn:ietf:bcp:47", "code": "vi", "display": "Tiếng Việt"}], "text": "Tiếng Việt"}, "preferred": true}],
            "generalPractitioner": [registered.reference()],
        });
        let (ethnic_code, ethnic_name) = ethnicity(c);
        patient["extension"] = json!([
            {"url": EXT_ETHNICITY, "valueCodeableConcept": {"coding": [{"system": CS_ETHNIC_GROUP, "code": ethnic_code, "display": ethnic_name}], "text": ethnic_name}},
            {"url": EXT_NATIONALITY, "extension": [{"url": "code", "valueCodeableConcept": {"coding": [{"system": SYSTEM_ISO_3166, "code": "VN", "display": "Viet Nam"}], "text": "Việt Nam"}}]},
            {"url": EXT_OCCUPATION, "valueString": occupation(c, b.today)},
        ]);
        if let Some(phone) = &c.phone {
            patient["telecom"] = json!([{"system": "phone", "value": phone, "use": "mobile"}]);
        }
        if !c.representatives.is_empty() {
            patient["link"] = c
                .representatives
                .iter()
                .map(|r| json!({"other": {"reference": format!("RelatedPerson/{}", r.related_person_id)}, "type": "seealso"}))
                .collect();
        }
        // The legal representative on a child's administrative page (Decision 831 template).
        if c.age_on(b.today) < 18 && !c.representatives.is_empty() {
            patient["contact"] = c
                .representatives
                .iter()
                .map(|r| {
                    let who = &citizens[r.who];
                    let mut contact = json!({
                        "relationship": [{"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0131", "code": "N", "display": "Next-of-Kin"}], "text": r.text}],
                        "name": fhir::human_name(&who.person.name, None),
                        "gender": fhir::gender(who.person.sex),
                    });
                    if let Some(phone) = &who.phone {
                        contact["telecom"] = json!([{"system": "phone", "value": phone, "use": "mobile"}]);
                    }
                    contact
                })
                .collect();
        }
        b.push(patient);

        for r in &c.representatives {
            let who = &citizens[r.who];
            // The link starts when the dependant was born or, for a carer, some years ago.
            let since = if matches!(r.code, "SON" | "DAU") {
                b.today.add_days(-rng.range(200, 2000))
            } else {
                c.person.birth
            };
            let mut rp = json!({
                "resourceType": "RelatedPerson",
                "id": r.related_person_id,
                "active": true,
                "patient": c.reference(),
                "identifier": [{"use": "official", "system": SYSTEM_CCCD, "value": who.person.cccd}],
                "relationship": [{"coding": [fhir::coding(CS_V3_ROLE_CODE, r.code, r.display)], "text": r.text}],
                "name": [fhir::human_name(&who.person.name, None)],
                "gender": fhir::gender(who.person.sex),
                "birthDate": who.person.birth.to_string(),
                "period": {"start": since.to_string()},
            });
            if let Some(phone) = &who.phone {
                rp["telecom"] = json!([{"system": "phone", "value": phone, "use": "mobile"}]);
            }
            b.push(rp);
        }

        if let (Some(card), Some(coverage_id)) = (&c.card, &c.coverage_id) {
            b.push(json!({
                "resourceType": "Coverage",
                "id": coverage_id,
                "status": "active",
                "identifier": [
                    {"use": "official", "system": SYSTEM_BHYT, "value": card.number},
                    {"use": "secondary", "system": SYSTEM_BHXH, "value": card.bhxh},
                ],
                "type": fhir::concept("http://terminology.hl7.org/CodeSystem/v3-ActCode", "PUBLICPOL", "public healthcare", "Bảo hiểm y tế"),
                "subscriberId": card.number,
                "beneficiary": c.reference(),
                "relationship": {"coding": [fhir::coding("http://terminology.hl7.org/CodeSystem/subscriber-relationship", "self", "Self")]},
                "period": {"start": card.start.to_string(), "end": card.end.to_string()},
                "payor": [{"display": "Bảo hiểm xã hội Việt Nam"}],
                "class": [{
                    "type": {"coding": [fhir::coding("http://terminology.hl7.org/CodeSystem/coverage-class", "plan", "Plan")]},
                    "value": card.group,
                    "name": group_name(card.group),
                }],
            }));
        }
    }
}

/// Accounts: every citizen aged 14 or more logs in with their CCCD; clinicians with a staff
/// login log in as staff of their facility.
pub fn accounts(b: &mut Builder, population: &Population, facilities: &[Facility]) -> Vec<Account> {
    let mut out = Vec::new();
    for c in &population.citizens {
        if c.age_on(b.today) < ACCOUNT_AGE {
            continue;
        }
        out.push(Account {
            login: c.person.cccd.clone(),
            sub: b.subject(),
            name: c.person.name.text(),
            birthdate: c.person.birth.to_string(),
            personal_id: c.person.cccd.clone(),
            role: "citizen".to_owned(),
            facility_code: None,
        });
    }
    for f in facilities {
        for d in &f.departments {
            for cl in &d.clinicians {
                if let Some(login) = &cl.login {
                    out.push(Account {
                        login: login.clone(),
                        sub: b.subject(),
                        name: cl.person.name.text(),
                        birthdate: cl.person.birth.to_string(),
                        personal_id: cl.person.cccd.clone(),
                        role: "staff".to_owned(),
                        facility_code: Some(f.code.to_owned()),
                    });
                }
            }
        }
    }
    out
}

/// Demo logins: three citizens, two guardians (a mother, a carer), two staff.
pub fn demo_logins(population: &Population, facilities: &[Facility]) -> Vec<DemoLogin> {
    let mut out = Vec::new();
    let citizens = &population.citizens;
    let mut person = |which: Demo, role: DemoRole| {
        let Some(i) = population.demo(which) else {
            return;
        };
        let c = &citizens[i];
        let dependants = if role == DemoRole::Guardian {
            citizens
                .iter()
                .filter(|d| d.representatives.iter().any(|r| r.who == i))
                .map(|d| d.id.clone())
                .collect()
        } else {
            Vec::new()
        };
        out.push(DemoLogin {
            login: c.person.cccd.clone(),
            role,
            name: c.person.name.text(),
            patient: Some(c.id.clone()),
            dependants,
            facility_code: None,
        });
    };
    person(Demo::ChronicElder, DemoRole::Citizen);
    person(Demo::Pregnant, DemoRole::Citizen);
    person(Demo::Smoker, DemoRole::Citizen);
    person(Demo::Mother, DemoRole::Guardian);
    person(Demo::Carer, DemoRole::Guardian);
    // Staff at a central hospital, and at the station where demo citizen #0 is registered.
    for code in ["01001", "01201"] {
        let Some(f) = facilities.iter().find(|f| f.code == code) else {
            continue;
        };
        if let Some(cl) = f
            .departments
            .iter()
            .flat_map(|d| &d.clinicians)
            .find(|cl| cl.login.is_some())
        {
            out.push(DemoLogin {
                login: cl.login.clone().unwrap_or_default(),
                role: DemoRole::Staff,
                name: cl.person.name.text(),
                patient: None,
                dependants: Vec::new(),
                facility_code: Some(f.code.to_owned()),
            });
        }
    }
    out
}
