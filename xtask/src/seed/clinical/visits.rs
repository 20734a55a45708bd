//! What is recorded at each kind of visit.

use super::*;
use crate::seed::catalog::{
    self, Acute, ChronicKey, Dept, EPI, EpiDose, FAMILY_CONDITIONS, Icd, Panel,
};
use crate::seed::facilities::Kind;
use crate::seed::fhir::{self, At};
use crate::seed::people::Demo;
use serde_json::json;
use shared::date::IsoDate;
use shared::fhir::{CS_V3_ROLE_CODE, SYSTEM_LOINC, snomed};
use shared::id::Sex;

/// Short Vietnamese names of conditions in a follow-up's reason.
fn short_name(key: ChronicKey) -> &'static str {
    match key {
        ChronicKey::Hypertension => "tăng huyết áp",
        ChronicKey::Diabetes => "đái tháo đường",
        ChronicKey::Dyslipidaemia => "rối loạn lipid máu",
        ChronicKey::Asthma => "hen phế quản",
        ChronicKey::Copd => "bệnh phổi tắc nghẽn mạn tính",
        ChronicKey::Gerd => "trào ngược dạ dày - thực quản",
        ChronicKey::KneeOsteoarthritis => "thoái hóa khớp gối",
        ChronicKey::Gout => "bệnh gút",
        ChronicKey::HepatitisB => "viêm gan B mạn",
        ChronicKey::FattyLiver => "gan nhiễm mỡ",
        ChronicKey::Hypothyroidism => "suy giáp",
        ChronicKey::IschaemicHeart => "bệnh tim thiếu máu cục bộ",
        ChronicKey::HeartFailure => "suy tim",
        ChronicKey::Ckd => "bệnh thận mạn",
        ChronicKey::Cataract => "đục thủy tinh thể",
        ChronicKey::AllergicRhinitis => "viêm mũi dị ứng",
    }
}

impl History<'_> {
    pub(super) fn diagnosis_visit(&mut self, d: IsoDate, problems: &[usize]) {
        let first = &self.problems[problems[0]];
        let chronic = first.chronic();
        let facility = first.facility;
        let diagnoses: Vec<(String, &str)> = problems
            .iter()
            .map(|&i| {
                let p = &self.problems[i];
                (p.condition_id.clone(), p.chronic().icd.display)
            })
            .collect();
        let e = self.encounter(
            d,
            facility,
            chronic.dept,
            "AMB",
            "Khám bệnh",
            chronic.complaint,
            0,
            &diagnoses,
        );
        for &i in problems {
            self.emit_problem_if_needed(i, Some(&e));
        }
        if self.age_on(d) >= 16 {
            self.adult_vitals(&e, true);
        } else {
            let at = e.start.plus_minutes(5);
            self.growth(&e, at, true);
        }
        let keys: Vec<ChronicKey> = problems.iter().map(|&i| self.problems[i].key).collect();
        if keys.contains(&ChronicKey::Diabetes) {
            self.labs(&e, Panel::Diabetes, Infection::None);
        }
        if keys.iter().any(|k| {
            matches!(
                k,
                ChronicKey::Diabetes
                    | ChronicKey::Dyslipidaemia
                    | ChronicKey::Ckd
                    | ChronicKey::Gout
                    | ChronicKey::HepatitisB
                    | ChronicKey::FattyLiver
            )
        }) {
            self.labs(&e, Panel::Metabolic, Infection::None);
        }
        let days = if chronic.follow_up { 30 } else { 14 };
        for &i in problems {
            let p = &self.problems[i];
            let cid = p.condition_id.clone();
            let display = p.chronic().icd.display;
            let first_drug = p.regimen.first().filter(|r| r.from <= d).map(|r| r.drug);
            if let Some(key) = first_drug.and_then(|k| self.adapt_drug(k, self.age_on(d))) {
                self.prescribe(&e, key, days, Some((&cid, display)));
            }
        }
    }

    pub(super) fn follow_up(&mut self, d: IsoDate, facility: usize, interval_days: i64, n: u32) {
        // Problems diagnosed before the kept window appear on the first visit that needs them.
        for i in 0..self.problems.len() {
            if self.problems[i].onset <= d && !self.problems[i].emitted {
                self.emit_problem_if_needed(i, None);
            }
        }
        let active: Vec<usize> = (0..self.problems.len())
            .filter(|&i| self.problems[i].onset <= d && self.problems[i].chronic().follow_up)
            .collect();
        if active.is_empty() {
            return;
        }
        let names: Vec<&str> = active
            .iter()
            .map(|&i| short_name(self.problems[i].key))
            .collect();
        let reason = format!("Tái khám, cấp thuốc điều trị {}", names.join(", "));
        let dept = self.problems[active[0]].chronic().dept;
        let diagnoses: Vec<(String, &str)> = active
            .iter()
            .map(|&i| {
                (
                    self.problems[i].condition_id.clone(),
                    self.problems[i].chronic().icd.display,
                )
            })
            .collect();
        let kind = self.facilities[facility].kind;
        let type_text = if kind == Kind::Station {
            "Quản lý bệnh không lây nhiễm"
        } else {
            "Tái khám"
        };
        let e = self.encounter(d, facility, dept, "AMB", type_text, &reason, 0, &diagnoses);
        // Weight every third visit; heart rate and blood pressure always.
        self.adult_vitals(&e, n.is_multiple_of(3));
        if self.has(ChronicKey::Diabetes, d) {
            // HbA1c every three months, otherwise a fasting glucose.
            let every = (90 / interval_days.max(1)).max(1) as u32;
            if n.is_multiple_of(every) {
                self.labs(&e, Panel::Diabetes, Infection::None);
            } else {
                self.labs(&e, Panel::Glucose, Infection::None);
            }
        }
        self.refill(&e, d, interval_days.min(90));
        let next = d.add_days(interval_days);
        self.re_exam(
            &e,
            next,
            "Tái khám, lĩnh thuốc theo hẹn. Mang theo sổ theo dõi và đơn thuốc cũ.",
        );
    }

    pub(super) fn review(&mut self, d: IsoDate, facility: usize) {
        let active: Vec<usize> = (0..self.problems.len())
            .filter(|&i| self.problems[i].onset <= d)
            .collect();
        if active.is_empty() {
            return;
        }
        for &i in &active {
            if !self.problems[i].emitted {
                self.emit_problem_if_needed(i, None);
            }
        }
        let names: Vec<&str> = active
            .iter()
            .map(|&i| short_name(self.problems[i].key))
            .collect();
        let reason = format!("Khám chuyên khoa định kỳ: {}", names.join(", "));
        let dept = if self.has(ChronicKey::Diabetes, d) {
            Dept::Endocrinology
        } else {
            Dept::Cardiology
        };
        let diagnoses: Vec<(String, &str)> = active
            .iter()
            .map(|&i| {
                (
                    self.problems[i].condition_id.clone(),
                    self.problems[i].chronic().icd.display,
                )
            })
            .collect();
        // BHYT pays a specialist review at another facility on a referral slip from the
        // facility that follows the patient: the last visit elsewhere in the past months.
        let referrer = self
            .encounters
            .iter()
            .rev()
            .find(|x| {
                x.facility != facility && x.start.date < d && x.start.date >= d.add_days(-120)
            })
            .cloned();
        if let Some(from) = referrer {
            self.referral_slip(
                &from,
                facility,
                "Khám chuyên khoa định kỳ bệnh mạn tính, vượt quá khả năng chuyên môn của tuyến",
                &diagnoses,
                true,
            );
        }
        let e = self.encounter(
            d,
            facility,
            dept,
            "AMB",
            "Khám chuyên khoa",
            &reason,
            0,
            &diagnoses,
        );
        self.re_exam(
            &e,
            d.add_days(365),
            "Khám chuyên khoa định kỳ sau 12 tháng. Mang theo giấy chuyển tuyến còn hiệu lực.",
        );
        self.adult_vitals(&e, true);
        let at = e.start.plus_minutes(5);
        let h = self.height(at.date);
        self.vital(&e, at, &catalog::BODY_HEIGHT, h);
        if self.has(ChronicKey::Diabetes, d) {
            self.labs(&e, Panel::Diabetes, Infection::None);
        }
        self.labs(&e, Panel::Metabolic, Infection::None);
    }

    pub(super) fn acute(&mut self, d: IsoDate, a: &'static Acute, admitted: bool) {
        let age = self.age_on(d);
        let facility = if admitted {
            if age < 16 && self.rng.chance(0.6) {
                self.facility_of(&[Kind::Children, Kind::Provincial, Kind::Regional])
            } else {
                self.hospital()
            }
        } else if age < 16 {
            let w = [
                (vec![Kind::Station], 35),
                (vec![Kind::Children], 20),
                (vec![Kind::Provincial, Kind::Regional], 25),
                (vec![Kind::Clinic], 20),
            ];
            let kinds = self.rng.weighted(&w).clone();
            if kinds == [Kind::Station] {
                self.station()
            } else {
                self.facility_of(&kinds)
            }
        } else {
            match self.rng.below(100) {
                0..40 => self.c.registered,
                40..70 => self.facility_of(&[Kind::Provincial, Kind::Regional]),
                70..85 => self.facility_of(&[Kind::Clinic]),
                _ => self.facility_of(&[Kind::CentralGeneral]),
            }
        };
        let stay = if admitted {
            match a.icd.code {
                "K35.8" => 5,
                "J18.9" => self.rng.range(5, 9),
                _ => self.rng.range(3, 6),
            }
        } else {
            0
        };
        let (class, type_text) = if admitted {
            ("IMP", "Điều trị nội trú")
        } else {
            ("AMB", "Khám bệnh")
        };
        let cid = self.b.id();
        let e = self.encounter(
            d,
            facility,
            a.dept,
            class,
            type_text,
            a.complaint,
            stay,
            &[(cid.clone(), a.icd.display)],
        );
        self.encounter_diagnosis(cid.clone(), &e, &a.icd, Some(stay + 10));
        if a.fever || age < 6 {
            self.temperature(&e, a.fever);
        }
        if age >= 16 {
            let weigh = self.rng.chance(0.4);
            self.adult_vitals(&e, weigh);
        } else {
            let at = e.start.plus_minutes(5);
            let measure = age < 6 || self.rng.chance(0.5);
            self.growth(&e, at, measure);
        }
        if let Some(panel) = a.labs {
            let infection = match a.icd.code {
                "A91" => Infection::Dengue,
                "J18.9" | "K35.8" | "J20.9" => Infection::Bacterial,
                _ => Infection::Viral,
            };
            self.labs(&e, panel, infection);
        }
        if admitted {
            self.blood_group_once(&e);
        }
        match a.icd.code {
            "J18.9" => {
                let at = e.start.plus_minutes(50);
                self.imaging(
                    &e,
                    at,
                    "X-quang ngực thẳng",
                    "Đám mờ không đồng nhất thùy dưới phổi phải, phù hợp viêm phổi. Bóng tim không to.",
                );
            }
            "K35.8" => {
                let at = e.start.plus_minutes(40);
                self.imaging(
                    &e,
                    at,
                    "Siêu âm ổ bụng",
                    "Ruột thừa viêm, đường kính 9 mm, thâm nhiễm mỡ xung quanh, ít dịch hố chậu phải.",
                );
                if admitted {
                    let at = e.start.plus_minutes(240);
                    self.procedure(
                        &e,
                        at,
                        snomed::APPENDECTOMY_LAPAROSCOPIC,
                        "Laparoscopic appendectomy",
                        "Phẫu thuật nội soi cắt ruột thừa",
                        "Ruột thừa",
                        Some((&cid, &a.icd)),
                    );
                }
            }
            _ => {}
        }
        if admitted {
            let discharge = d.add_days(stay);
            self.re_exam(
                &e,
                discharge.add_days(7),
                "Tái khám sau ra viện 1 tuần hoặc khi có dấu hiệu bất thường.",
            );
        }
        let days = if stay > 0 {
            stay
        } else {
            *self.rng.pick(&[3, 5, 5, 7])
        };
        for &key in a.drugs {
            if let Some(key) = self.adapt_drug(key, age) {
                self.prescribe(&e, key, days, Some((&cid, a.icd.display)));
            }
        }
    }

    pub(super) fn hyperglycaemia(&mut self, d: IsoDate, facility: usize) {
        let Some(p) = self.problem(ChronicKey::Diabetes) else {
            return;
        };
        let dm = (p.condition_id.clone(), p.chronic().icd.display);
        let cid = self.b.id();
        let e = self.encounter(
            d,
            facility,
            Dept::Endocrinology,
            "IMP",
            "Điều trị nội trú",
            "Mệt nhiều, khát nước, đường máu cao",
            6,
            &[(cid.clone(), catalog::R73_HYPERGLYCAEMIA.display), dm],
        );
        self.encounter_diagnosis(cid, &e, &catalog::R73_HYPERGLYCAEMIA, Some(10));
        self.adult_vitals(&e, true);
        self.labs(&e, Panel::Diabetes, Infection::None);
        self.labs(&e, Panel::Metabolic, Infection::None);
        self.blood_group_once(&e);
        self.refill(&e, d.add_days(6), 30);
    }

    pub(super) fn allergy_reaction(&mut self, d: IsoDate, facility: usize) {
        let cid = self.b.id();
        let e = self.encounter(
            d,
            facility,
            Dept::Emergency,
            "EMER",
            "Cấp cứu",
            "Nổi mề đay toàn thân, khó thở sau uống kháng sinh Amoxicilin",
            0,
            &[(cid.clone(), catalog::L50_URTICARIA.display)],
        );
        self.encounter_diagnosis(cid.clone(), &e, &catalog::L50_URTICARIA, Some(5));
        self.adult_vitals(&e, false);
        self.prescribe(
            &e,
            "cetirizin",
            5,
            Some((&cid, catalog::L50_URTICARIA.display)),
        );
    }

    pub(super) fn checkup(&mut self, d: IsoDate, school: bool, last: bool) {
        let age = self.age_on(d);
        let facility = if school {
            self.station()
        } else if age >= 60 {
            self.c.registered
        } else if self.demo().is_some() {
            self.hospital()
        } else {
            self.facility_of(&[Kind::Clinic, Kind::Provincial, Kind::Regional])
        };
        let cid = self.b.id();
        let (type_text, reason) = if school {
            ("Khám sức khỏe học sinh", "Khám sức khỏe đầu năm học")
        } else {
            ("Khám sức khỏe định kỳ", "Khám sức khỏe định kỳ hằng năm")
        };
        let e = self.encounter(
            d,
            facility,
            Dept::General,
            "AMB",
            type_text,
            reason,
            0,
            &[(cid.clone(), catalog::Z00_CHECKUP.display)],
        );
        self.encounter_diagnosis(cid, &e, &catalog::Z00_CHECKUP, Some(0));
        let at = e.start.plus_minutes(5);
        let mut results = Vec::new();
        let h = self.height(at.date);
        let w = self.weight(at.date);
        results.push(self.vital(&e, at, &catalog::BODY_HEIGHT, h));
        results.push(self.vital(&e, at, &catalog::BODY_WEIGHT, w));
        let bmi = fhir::round(w / (h / 100.0).powi(2), 1);
        results.push(self.vital(&e, at, &catalog::BMI, bmi));
        let mut findings: Vec<String> = Vec::new();
        if !school || age >= 15 {
            let (sbp, dbp) = self.bp_mean(d);
            let sys = self.rng.normal(sbp, 7.0);
            let dia = self.rng.normal(dbp, 5.0);
            results.push(self.blood_pressure_at(Some(&e), at, sys, dia));
            if sys.round() >= 140.0 || dia.round() >= 90.0 {
                findings.push(format!(
                    "Huyết áp cao ({:.0}/{:.0} mmHg)",
                    sys.round(),
                    dia.round()
                ));
            }
        }
        if age >= 18 && bmi >= 25.0 {
            findings.push(format!(
                "Thừa cân (BMI {})",
                bmi.to_string().replace('.', ",")
            ));
        } else if age >= 18 && bmi < 18.5 {
            findings.push(format!(
                "Thiếu cân (BMI {})",
                bmi.to_string().replace('.', ",")
            ));
        }
        if !school {
            let panel = if age >= 60 && self.facilities[facility].kind == Kind::Station {
                Panel::Glucose
            } else {
                Panel::CheckUp
            };
            self.labs(&e, panel, Infection::None);
            let d0 = at.date;
            let g = self.glucose_mean(d0);
            if g > 7.0 {
                findings.push("Tăng đường huyết".to_owned());
            }
            if panel == Panel::CheckUp {
                let chol = self.body.cholesterol_base
                    + if self.has(ChronicKey::Dyslipidaemia, d0) {
                        0.5
                    } else {
                        0.0
                    };
                if chol > 5.2 {
                    findings.push("Rối loạn lipid máu".to_owned());
                }
                if self.has(ChronicKey::FattyLiver, d0) || self.has(ChronicKey::HepatitisB, d0) {
                    findings.push("Tăng men gan".to_owned());
                }
            }
            self.blood_group_once(&e);
            if last && age >= 18 {
                self.social_history(&e);
            }
            if age >= 18 && self.facilities[facility].kind.is_hospital() {
                let at = e.start.plus_minutes(60);
                let fatty = self.has(ChronicKey::FattyLiver, d);
                self.imaging(
                    &e,
                    at,
                    "Siêu âm ổ bụng tổng quát",
                    if fatty {
                        "Gan tăng âm, bờ đều (gan nhiễm mỡ độ I). Túi mật, tụy, lách, hai thận chưa phát hiện bất thường."
                    } else {
                        "Gan, mật, tụy, lách, hai thận chưa phát hiện bất thường."
                    },
                );
            }
        }
        let known: Vec<&str> = self
            .problems
            .iter()
            .filter(|p| p.onset <= d)
            .map(|p| short_name(p.key))
            .collect();
        let class = match (findings.len(), known.len()) {
            (0, 0) => "I",
            (0, _) | (1, 0) => "II",
            (_, 0..=1) => "III",
            _ => "IV",
        };
        let mut conclusion = format!("Phân loại sức khỏe: Loại {class}.");
        if !known.is_empty() {
            conclusion.push_str(&format!(" Bệnh đang điều trị: {}.", known.join(", ")));
        }
        if findings.is_empty() {
            conclusion.push_str(" Chưa phát hiện bất thường.");
        } else {
            conclusion.push_str(&format!(" {}.", findings.join("; ")));
            conclusion
                .push_str(" Khuyên: ăn nhạt, giảm mỡ, tập thể dục đều đặn, tái khám theo hẹn.");
        }
        let issued = at.plus_minutes(240);
        let id = self.b.id();
        self.b.push(json!({
            "resourceType": "DiagnosticReport",
            "id": id,
            "status": "final",
            "category": [fhir::concept("http://terminology.hl7.org/CodeSystem/v2-0074", "OTH", "Other", "Khám sức khỏe")],
            "code": fhir::concept(SYSTEM_LOINC, "34117-2", "History and physical note", type_text),
            "subject": self.c.reference(),
            "encounter": {"reference": format!("Encounter/{}", e.id)},
            "effectiveDateTime": at.to_string(),
            "issued": issued.to_string(),
            "performer": [self.facilities[e.facility].reference()],
            "result": results.iter().map(|r| json!({"reference": format!("Observation/{r}")})).collect::<Vec<_>>(),
            "conclusion": conclusion,
        }));
    }

    pub(super) fn social_history(&mut self, e: &Enc) {
        let at = e.start.plus_minutes(8);
        let (code, display, text) = match self.body.smoking {
            Smoking::Never => ("266919005", "Never smoked tobacco", "Không hút thuốc"),
            Smoking::Former => ("8517006", "Ex-smoker", "Đã bỏ thuốc lá"),
            Smoking::Current => ("77176002", "Smoker", "Đang hút thuốc lá"),
        };
        self.observation(
            Some(e),
            at,
            "social-history",
            fhir::concept(SYSTEM_LOINC, "72166-2", "Tobacco smoking status", "Hút thuốc lá"),
            json!({"valueCodeableConcept": fhir::concept(fhir::SYSTEM_SNOMED, code, display, text)}),
        );
        let drinks = self.body.drinks_per_day;
        self.observation(
            Some(e),
            at,
            "social-history",
            fhir::concept(
                SYSTEM_LOINC,
                "74013-4",
                "Alcoholic drinks per day",
                "Uống rượu bia (đơn vị/ngày)",
            ),
            json!({"valueQuantity": fhir::quantity(drinks, "đơn vị/ngày", "{drinks}/d", 1)}),
        );
        let days = self.body.activity_days;
        self.observation(
            Some(e),
            at,
            "social-history",
            fhir::concept(
                SYSTEM_LOINC,
                "89555-7",
                "How many days per week did you engage in moderate to strenuous physical activity in the last 30 days",
                "Số ngày vận động thể lực mỗi tuần",
            ),
            json!({"valueQuantity": fhir::quantity(days as f64, "ngày/tuần", "d/wk", 0)}),
        );
    }

    pub(super) fn antenatal(&mut self, d: IsoDate, facility: usize, week: i64, tetanus: bool) {
        let cid = self.b.id();
        let reason = format!("Khám thai định kỳ, thai {week} tuần");
        let e = self.encounter(
            d,
            facility,
            Dept::Obstetrics,
            "AMB",
            "Khám thai",
            &reason,
            0,
            &[(cid.clone(), catalog::Z34_PREGNANCY.display)],
        );
        self.encounter_diagnosis(cid.clone(), &e, &catalog::Z34_PREGNANCY, None);
        self.adult_vitals(&e, true);
        let at = e.start.plus_minutes(35);
        let heart = self.extra.range(135, 160);
        self.imaging(
            &e,
            at,
            "Siêu âm thai",
            &format!(
                "Một thai sống trong buồng tử cung, tim thai {heart} lần/phút, tuổi thai khoảng {week} tuần. Nước ối bình thường."
            ),
        );
        if week <= 12 {
            self.labs(&e, Panel::Cbc, Infection::None);
            self.blood_group_once(&e);
        }
        if week >= 12 {
            self.prescribe(
                &e,
                "sat_folic",
                30,
                Some((&cid, catalog::Z34_PREGNANCY.display)),
            );
        }
        if tetanus {
            let at = e.start.plus_minutes(40);
            self.tetanus_doses += 1;
            let dose = self.tetanus_doses;
            self.immunization(
                Some(&e),
                at,
                e.facility,
                "tetanus",
                dose,
                "Tiêm chủng mở rộng",
            );
        }
    }

    pub(super) fn delivery(&mut self, d: IsoDate, facility: usize, caesarean: bool) {
        let icd = if caesarean {
            &catalog::O82_CAESAREAN
        } else {
            &catalog::O80_DELIVERY
        };
        let stay = if caesarean { 5 } else { 3 };
        let cid = self.b.id();
        let e = self.encounter(
            d,
            facility,
            Dept::Obstetrics,
            "IMP",
            "Điều trị nội trú",
            "Chuyển dạ, thai đủ tháng",
            stay,
            &[(cid.clone(), icd.display)],
        );
        self.encounter_diagnosis(cid.clone(), &e, icd, Some(stay));
        self.adult_vitals(&e, false);
        self.labs(&e, Panel::Cbc, Infection::None);
        self.blood_group_once(&e);
        if caesarean {
            let at = e.start.plus_minutes(90);
            self.procedure(
                &e,
                at,
                snomed::CAESAREAN_SECTION,
                "Cesarean section",
                "Phẫu thuật mổ lấy thai",
                "Tử cung",
                Some((&cid, icd)),
            );
            self.prescribe(&e, "cefuroxim", 5, Some((&cid, icd.display)));
        }
        self.prescribe(&e, "paracetamol", 5, Some((&cid, icd.display)));
    }

    pub(super) fn newborn(&mut self, d: IsoDate, facility: usize) {
        let cid = self.b.id();
        let e = self.encounter(
            d,
            facility,
            Dept::Obstetrics,
            "IMP",
            "Chăm sóc trẻ sơ sinh",
            "Trẻ sơ sinh đủ tháng",
            3,
            &[(cid.clone(), catalog::Z38_NEWBORN.display)],
        );
        self.encounter_diagnosis(cid, &e, &catalog::Z38_NEWBORN, Some(3));
        let at = e.start.plus_minutes(30);
        self.growth(&e, at, true);
        self.birth_record(&e);
        for dose in EPI.iter().filter(|d| d.age_days <= 3) {
            if self.c.person.birth.year() >= dose.since_birth_year {
                let when = e
                    .start
                    .plus_minutes(60 + 60 * 24 * dose.age_days.min(1) as u32);
                self.immunization(
                    Some(&e),
                    when,
                    facility,
                    dose.vaccine,
                    dose.dose,
                    "Tiêm chủng mở rộng",
                );
            }
        }
    }

    pub(super) fn epi_session(&mut self, d: IsoDate, doses: &[&'static EpiDose]) {
        let facility = self.station();
        let names: Vec<&str> = doses
            .iter()
            .map(|x| catalog::vaccine(x.vaccine).text)
            .collect();
        let reason = format!("Tiêm chủng mở rộng: {}", names.join(", "));
        let e = self.encounter(
            d,
            facility,
            Dept::Immunisation,
            "AMB",
            "Khám sàng lọc trước tiêm chủng",
            &reason,
            0,
            &[],
        );
        // Screening notes temperature and weight; the book keeps the temperature for infants.
        if self.age_on(d) < 1 {
            self.temperature(&e, false);
        }
        let at = e.start.plus_minutes(5);
        let with_height = self.age_on(d) < 2;
        self.growth(&e, at, with_height);
        let at = e.start.plus_minutes(20);
        for dose in doses {
            self.immunization(
                Some(&e),
                at,
                facility,
                dose.vaccine,
                dose.dose,
                "Tiêm chủng mở rộng",
            );
        }
    }

    /// Vaccines outside the childhood programme: COVID-19 (2021–2022 campaign), seasonal flu,
    /// hepatitis B for adults, HPV for girls.
    pub(super) fn adult_vaccines(&mut self) {
        let birth = self.c.person.birth;
        let age_2021 = birth.years_until(date(2021, 9, 1));
        let demo = self.demo();
        let covid_doses = match demo {
            Some(
                Demo::ChronicElder | Demo::Pregnant | Demo::Mother | Demo::Father | Demo::Carer,
            ) => 3,
            Some(Demo::Smoker | Demo::CaredElder) => 2,
            Some(_) => 0,
            None if age_2021 >= 18 => *self.rng.weighted(&[(0u32, 10), (2, 30), (3, 45), (4, 15)]),
            None if age_2021 >= 12 => *self.rng.weighted(&[(0u32, 20), (2, 80)]),
            None if birth.years_until(date(2022, 5, 1)) >= 5 => {
                *self.rng.weighted(&[(0u32, 60), (2, 40)])
            }
            None => 0,
        };
        if covid_doses > 0 {
            let start = if age_2021 >= 18 {
                date(2021, 7, 20).add_days(self.rng.range(0, 90))
            } else if age_2021 >= 12 {
                date(2021, 11, 1).add_days(self.rng.range(0, 50))
            } else {
                date(2022, 4, 14).add_days(self.rng.range(0, 60))
            };
            let gaps = [
                0,
                self.rng.range(28, 60),
                self.rng.range(150, 200),
                self.rng.range(120, 180),
            ];
            let mut d = start;
            let facility = self.facility_of(&[Kind::Station, Kind::Regional, Kind::Provincial]);
            for (i, gap) in gaps.iter().enumerate().take(covid_doses as usize) {
                d = d.add_days(*gap);
                let minute = self.clinic_minute();
                self.immunization(
                    None,
                    At::new(d, minute),
                    facility,
                    "covid",
                    i as u32 + 1,
                    "Chiến dịch tiêm chủng vắc xin phòng COVID-19",
                );
            }
        }
        let age = self.age_on(self.today);
        let flu_years = match demo {
            Some(Demo::ChronicElder | Demo::CaredElder) => 4,
            Some(Demo::Pregnant) => 2,
            Some(_) => 0,
            None if age >= 60 && self.rng.chance(0.25) => 3,
            None if (age >= 18 || (1..6).contains(&age)) && self.rng.chance(0.12) => 2,
            None => 0,
        };
        if flu_years > 0 {
            let facility = if age >= 60 {
                self.c.registered
            } else {
                self.facility_of(&[Kind::Clinic, Kind::Station])
            };
            for y in 0..flu_years {
                let season = self.today.year() - 1 - y;
                let d = date(season, 10, 1).add_days(self.rng.range(0, 50));
                let minute = self.clinic_minute();
                // One dose per season: each season is its own series.
                self.immunization(
                    None,
                    At::new(d, minute),
                    facility,
                    "influenza",
                    1,
                    &format!("Cúm mùa {season}–{}", season + 1),
                );
            }
        }
        if demo.is_none() && (20..50).contains(&age) && self.rng.chance(0.08) {
            let facility = self.facility_of(&[Kind::Clinic, Kind::Station]);
            let start = self.today.add_days(-self.rng.range(200, 4 * 365));
            for (i, offset) in [0, 30, 180].iter().enumerate() {
                let minute = self.clinic_minute();
                self.immunization(
                    None,
                    At::new(start.add_days(*offset), minute),
                    facility,
                    "hepb_adult",
                    i as u32 + 1,
                    "Tiêm chủng dịch vụ",
                );
            }
        }
        if demo.is_none()
            && self.c.person.sex == Sex::Female
            && (11..20).contains(&age)
            && self.rng.chance(0.3)
        {
            let facility = self.facility_of(&[Kind::Clinic, Kind::Station]);
            let start = birth.add_days(365 * 11 + self.rng.range(0, 900));
            for (i, offset) in [0, 180].iter().enumerate() {
                let minute = self.clinic_minute();
                self.immunization(
                    None,
                    At::new(start.add_days(*offset), minute),
                    facility,
                    "hpv",
                    i as u32 + 1,
                    "Tiêm chủng dịch vụ",
                );
            }
        }
    }

    /// Allergies are recorded by a clinician at one of the person's visits (the reaction visit
    /// for demo citizen #0), or declared by the citizen when there is no visit to tie them to.
    pub(super) fn record_allergies(&mut self) {
        let allergies = self.allergies.clone();
        for (n, a) in allergies.iter().enumerate() {
            let reaction_visit = self
                .encounters
                .iter()
                .find(|e| {
                    self.facilities[e.facility].departments[e.dept].dept == Dept::Emergency
                        && a.category == "medication"
                })
                .cloned();
            let self_declared = self.demo().is_none() && self.rng.chance(0.25);
            let enc = match reaction_visit {
                Some(e) => Some(e),
                None if self_declared || self.encounters.is_empty() => None,
                None => {
                    let i = self.rng.below(self.encounters.len() as u64) as usize;
                    Some(self.encounters[i].clone())
                }
            };
            let criticality = if a.category == "medication" && (n == 0 || self.rng.chance(0.5)) {
                "high"
            } else {
                "low"
            };
            let id = self.b.id();
            let mut allergy = json!({
                "resourceType": "AllergyIntolerance",
                "id": id,
                "clinicalStatus": fhir::concept(ALLERGY_CLINICAL, "active", "Active", "Còn dị ứng"),
                "verificationStatus": fhir::concept(ALLERGY_VERIFICATION, "confirmed", "Confirmed", "Đã xác định"),
                "type": "allergy",
                "category": [a.category],
                "criticality": criticality,
                "code": fhir::text(a.text),
                "patient": self.c.reference(),
                "reaction": [{
                    "manifestation": [fhir::text(a.reaction)],
                    "severity": if criticality == "high" { "severe" } else { "mild" },
                }],
            });
            match enc {
                Some(e) => {
                    allergy["encounter"] = json!({"reference": format!("Encounter/{}", e.id)});
                    allergy["recordedDate"] = json!(e.start.plus_minutes(30).to_string());
                    allergy["onsetDateTime"] = json!(e.start.date.to_string());
                    allergy["recorder"] = self.role_ref(&e);
                }
                None => {
                    let d = self
                        .today
                        .add_days(-self.rng.range(10, 700))
                        .max(self.c.person.birth);
                    allergy["recordedDate"] = json!(d.to_string());
                    allergy["asserter"] = self.c.reference();
                }
            }
            self.b.push(allergy);
        }
    }

    pub(super) fn family_history(&mut self) {
        let age = self.age_on(self.today);
        let entries: Vec<(&str, &str, &str, Sex, &'static Icd, i64)> = match self.demo() {
            Some(Demo::ChronicElder) => vec![
                ("FTH", "father", "Bố", Sex::Male, &FAMILY_CONDITIONS[2], 68),
                (
                    "MTH",
                    "mother",
                    "Mẹ",
                    Sex::Female,
                    &FAMILY_CONDITIONS[1],
                    60,
                ),
            ],
            Some(Demo::Smoker) => {
                vec![("FTH", "father", "Bố", Sex::Male, &FAMILY_CONDITIONS[5], 62)]
            }
            Some(Demo::Pregnant) => vec![(
                "MTH",
                "mother",
                "Mẹ",
                Sex::Female,
                &FAMILY_CONDITIONS[0],
                52,
            )],
            Some(_) => Vec::new(),
            None if age >= 25 && self.rng.chance(0.35) => {
                let relatives = [
                    ("FTH", "father", "Bố", Sex::Male),
                    ("MTH", "mother", "Mẹ", Sex::Female),
                    ("BRO", "brother", "Anh/em trai", Sex::Male),
                    ("SIS", "sister", "Chị/em gái", Sex::Female),
                    ("GRFTH", "grandfather", "Ông", Sex::Male),
                    ("GRMTH", "grandmother", "Bà", Sex::Female),
                ];
                let n = if self.rng.chance(0.3) { 2 } else { 1 };
                (0..n)
                    .map(|_| {
                        let r = *self.rng.pick(&relatives);
                        let mut icd = self.rng.pick(FAMILY_CONDITIONS);
                        if icd.code == "C50.9" && r.3 == Sex::Male {
                            icd = &FAMILY_CONDITIONS[0];
                        }
                        let onset = self.rng.range(40, 75);
                        (r.0, r.1, r.2, r.3, icd, onset)
                    })
                    .collect()
            }
            None => Vec::new(),
        };
        for (code, display, text, sex, icd, onset) in entries {
            let id = self.b.id();
            let recorded = self.today.add_days(-self.rng.range(30, 900));
            self.b.push(json!({
                "resourceType": "FamilyMemberHistory",
                "id": id,
                "status": "completed",
                "patient": self.c.reference(),
                "date": recorded.to_string(),
                "relationship": fhir::concept(CS_V3_ROLE_CODE, code, display, text),
                "sex": fhir::concept("http://hl7.org/fhir/administrative-gender", fhir::gender(sex), if sex == Sex::Male { "Male" } else { "Female" }, if sex == Sex::Male { "Nam" } else { "Nữ" }),
                "condition": [{
                    "code": icd_concept(icd),
                    "onsetAge": {"value": onset, "unit": "tuổi", "system": shared::fhir::SYSTEM_UCUM, "code": "a"},
                }],
            }));
        }
    }

    /// Demo citizen #0 measures his blood pressure at home every week and declares it.
    pub(super) fn home_blood_pressure(&mut self) {
        if self.demo() != Some(Demo::ChronicElder) {
            return;
        }
        for week in (1..=12).rev() {
            let d = self.today.add_days(-7 * week + 1).min(self.last_day);
            let (sbp, dbp) = self.bp_mean(d);
            let sys = self.rng.normal(sbp + 4.0, 6.0);
            let dia = self.rng.normal(dbp + 2.0, 4.0);
            let minute = self.rng.range(6 * 60, 6 * 60 + 45) as u32;
            self.blood_pressure_at(None, At::new(d, minute), sys, dia);
        }
    }
}
