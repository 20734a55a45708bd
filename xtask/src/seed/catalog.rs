//! Clinical reference tables: diagnoses (ICD-10 with the Ministry of Health's Vietnamese
//! wording), drugs as Vietnamese prescriptions name them, laboratory analytes with the reference
//! ranges Vietnamese hospital labs print, and the national immunisation (EPI) schedule.

use shared::fhir::loinc;

/// Which department treats something; matched against the departments a facility has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dept {
    /// Khoa Khám bệnh / Phòng khám bệnh: the outpatient front door.
    General,
    InternalMedicine,
    Paediatrics,
    Obstetrics,
    Surgery,
    Cardiology,
    Endocrinology,
    Ent,
    Dental,
    Ophthalmology,
    Dermatology,
    Neurology,
    Gastro,
    Respiratory,
    Musculoskeletal,
    Nephrology,
    Infectious,
    Emergency,
    Immunisation,
    TraditionalMedicine,
}

/// An ICD-10 code with its Vietnamese display.
#[derive(Debug)]
pub struct Icd {
    pub code: &'static str,
    pub display: &'static str,
}

macro_rules! icd {
    ($code:literal, $display:literal) => {
        Icd {
            code: $code,
            display: $display,
        }
    };
}

pub const Z00_CHECKUP: Icd = icd!("Z00.0", "Khám sức khỏe tổng quát");
pub const Z34_PREGNANCY: Icd = icd!("Z34.9", "Giám sát thai bình thường, không đặc hiệu");
pub const O80_DELIVERY: Icd = icd!("O80", "Đẻ thường một thai");
pub const O82_CAESAREAN: Icd = icd!("O82", "Đẻ một thai bằng mổ lấy thai");
pub const Z38_NEWBORN: Icd = icd!("Z38.0", "Trẻ đơn thai, sinh trong bệnh viện");
pub const L50_URTICARIA: Icd = icd!("L50.0", "Mày đay dị ứng");
pub const R73_HYPERGLYCAEMIA: Icd = icd!("R73.9", "Tăng đường huyết, không đặc hiệu");

/// A long-term condition on the problem list, managed with regular follow-up visits.
#[derive(Debug)]
pub struct Chronic {
    pub key: ChronicKey,
    pub icd: Icd,
    pub dept: Dept,
    /// Drugs, by [`DRUGS`] key, added in this order as the disease progresses.
    pub drugs: &'static [&'static str],
    /// What brought the patient in when it was found.
    pub complaint: &'static str,
    /// Whether it is managed with regular follow-up visits and refills.
    pub follow_up: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChronicKey {
    Hypertension,
    Diabetes,
    Dyslipidaemia,
    Asthma,
    Copd,
    Gerd,
    KneeOsteoarthritis,
    Gout,
    HepatitisB,
    FattyLiver,
    Hypothyroidism,
    IschaemicHeart,
    HeartFailure,
    Ckd,
    Cataract,
    AllergicRhinitis,
}

pub const CHRONIC: &[Chronic] = &[
    Chronic {
        key: ChronicKey::Hypertension,
        icd: icd!("I10", "Tăng huyết áp vô căn (nguyên phát)"),
        dept: Dept::Cardiology,
        drugs: &["amlodipin", "losartan", "bisoprolol"],
        complaint: "Đau đầu, chóng mặt; đo huyết áp cao nhiều lần",
        follow_up: true,
    },
    Chronic {
        key: ChronicKey::Diabetes,
        icd: icd!("E11", "Bệnh đái tháo đường týp 2"),
        dept: Dept::Endocrinology,
        drugs: &["metformin", "gliclazid", "insulin_mix"],
        complaint: "Khát nhiều, tiểu nhiều, sụt cân",
        follow_up: true,
    },
    Chronic {
        key: ChronicKey::Dyslipidaemia,
        icd: icd!("E78.5", "Tăng lipid máu, không đặc hiệu"),
        dept: Dept::Endocrinology,
        drugs: &["atorvastatin", "fenofibrat"],
        complaint: "Kiểm tra mỡ máu",
        follow_up: true,
    },
    Chronic {
        key: ChronicKey::Asthma,
        icd: icd!("J45.9", "Hen phế quản, không đặc hiệu"),
        dept: Dept::Respiratory,
        drugs: &["budesonid_formoterol", "salbutamol"],
        complaint: "Khò khè, khó thở về đêm",
        follow_up: true,
    },
    Chronic {
        key: ChronicKey::Copd,
        icd: icd!("J44.9", "Bệnh phổi tắc nghẽn mạn tính, không đặc hiệu"),
        dept: Dept::Respiratory,
        drugs: &["tiotropium", "salbutamol"],
        complaint: "Ho khạc đờm kéo dài, khó thở khi gắng sức",
        follow_up: true,
    },
    Chronic {
        key: ChronicKey::Gerd,
        icd: icd!(
            "K21.9",
            "Bệnh trào ngược dạ dày - thực quản không có viêm thực quản"
        ),
        dept: Dept::Gastro,
        drugs: &["esomeprazol"],
        complaint: "Ợ nóng, ợ chua kéo dài",
        follow_up: false,
    },
    Chronic {
        key: ChronicKey::KneeOsteoarthritis,
        icd: icd!("M17.9", "Thoái hóa khớp gối, không đặc hiệu"),
        dept: Dept::Musculoskeletal,
        drugs: &["glucosamin", "meloxicam"],
        complaint: "Đau khớp gối khi đi lại",
        follow_up: false,
    },
    Chronic {
        key: ChronicKey::Gout,
        icd: icd!("M10.9", "Bệnh gút, không đặc hiệu"),
        dept: Dept::Musculoskeletal,
        drugs: &["allopurinol", "colchicin"],
        complaint: "Sưng đau khớp ngón chân cái",
        follow_up: true,
    },
    Chronic {
        key: ChronicKey::HepatitisB,
        icd: icd!("B18.1", "Viêm gan virus B mạn, không có tác nhân delta"),
        dept: Dept::Infectious,
        drugs: &["tenofovir"],
        complaint: "Xét nghiệm HBsAg dương tính",
        follow_up: true,
    },
    Chronic {
        key: ChronicKey::FattyLiver,
        icd: icd!("K76.0", "Gan nhiễm mỡ, không phân loại nơi khác"),
        dept: Dept::Gastro,
        drugs: &[],
        complaint: "Siêu âm phát hiện gan nhiễm mỡ",
        follow_up: false,
    },
    Chronic {
        key: ChronicKey::Hypothyroidism,
        icd: icd!("E03.9", "Suy giáp, không đặc hiệu"),
        dept: Dept::Endocrinology,
        drugs: &["levothyroxin"],
        complaint: "Mệt mỏi, tăng cân, sợ lạnh",
        follow_up: true,
    },
    Chronic {
        key: ChronicKey::IschaemicHeart,
        icd: icd!("I25.1", "Bệnh tim do xơ vữa động mạch"),
        dept: Dept::Cardiology,
        drugs: &["aspirin81", "clopidogrel"],
        complaint: "Đau thắt ngực khi gắng sức",
        follow_up: true,
    },
    Chronic {
        key: ChronicKey::HeartFailure,
        icd: icd!("I50.0", "Suy tim sung huyết"),
        dept: Dept::Cardiology,
        drugs: &["furosemid", "spironolacton"],
        complaint: "Khó thở, phù hai chân",
        follow_up: true,
    },
    Chronic {
        key: ChronicKey::Ckd,
        icd: icd!("N18.3", "Bệnh thận mạn, giai đoạn 3"),
        dept: Dept::Nephrology,
        drugs: &["calci_carbonat"],
        complaint: "Phù, tiểu ít; creatinin máu tăng",
        follow_up: true,
    },
    Chronic {
        key: ChronicKey::Cataract,
        icd: icd!("H25.9", "Đục thủy tinh thể người già, không đặc hiệu"),
        dept: Dept::Ophthalmology,
        drugs: &[],
        complaint: "Nhìn mờ dần hai mắt",
        follow_up: false,
    },
    Chronic {
        key: ChronicKey::AllergicRhinitis,
        icd: icd!("J30.4", "Viêm mũi dị ứng, không đặc hiệu"),
        dept: Dept::Ent,
        drugs: &["fexofenadin"],
        complaint: "Hắt hơi, chảy mũi trong theo mùa",
        follow_up: false,
    },
];

pub fn chronic(key: ChronicKey) -> &'static Chronic {
    CHRONIC.iter().find(|c| c.key == key).unwrap_or(&CHRONIC[0])
}

/// Laboratory work ordered for a visit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Panel {
    /// Complete blood count (WBC, haemoglobin, platelets).
    Cbc,
    /// Fasting glucose only (a chronic diabetic follow-up).
    Glucose,
    /// Glucose and HbA1c.
    Diabetes,
    /// Lipids, kidney and liver function: the yearly review of a chronic patient.
    Metabolic,
    /// The check-up panel: CBC, glucose, lipids, liver and kidney, uric acid.
    CheckUp,
}

/// An acute reason to see a doctor.
#[derive(Debug)]
pub struct Acute {
    pub icd: Icd,
    /// What the patient says at the counter (Encounter.reasonCode.text).
    pub complaint: &'static str,
    pub dept: Dept,
    pub min_age: i32,
    pub max_age: i32,
    /// Relative frequency.
    pub weight: u32,
    /// Chance (percent) the episode needs admission.
    pub admit_percent: u32,
    pub fever: bool,
    pub labs: Option<Panel>,
    pub drugs: &'static [&'static str],
}

pub const ACUTE: &[Acute] = &[
    Acute {
        icd: icd!("J06.9", "Nhiễm trùng đường hô hấp trên cấp, không đặc hiệu"),
        complaint: "Sốt, ho, sổ mũi 3 ngày",
        dept: Dept::General,
        min_age: 0,
        max_age: 100,
        weight: 30,
        admit_percent: 0,
        fever: true,
        labs: None,
        drugs: &["paracetamol", "cetirizin"],
    },
    Acute {
        icd: icd!("J02.9", "Viêm họng cấp, không đặc hiệu"),
        complaint: "Đau họng, nuốt vướng, sốt nhẹ",
        dept: Dept::Ent,
        min_age: 3,
        max_age: 100,
        weight: 14,
        admit_percent: 0,
        fever: true,
        labs: None,
        drugs: &["amoxicilin", "paracetamol"],
    },
    Acute {
        icd: icd!("J20.9", "Viêm phế quản cấp, không đặc hiệu"),
        complaint: "Ho có đờm kéo dài 1 tuần",
        dept: Dept::Respiratory,
        min_age: 0,
        max_age: 100,
        weight: 10,
        admit_percent: 2,
        fever: true,
        labs: Some(Panel::Cbc),
        drugs: &["amoxicilin", "acetylcystein"],
    },
    Acute {
        icd: icd!("J18.9", "Viêm phổi, không đặc hiệu"),
        complaint: "Sốt cao, ho, khó thở",
        dept: Dept::Respiratory,
        min_age: 0,
        max_age: 100,
        weight: 4,
        admit_percent: 70,
        fever: true,
        labs: Some(Panel::Cbc),
        drugs: &["ceftriaxon", "paracetamol"],
    },
    Acute {
        icd: icd!(
            "A09",
            "Tiêu chảy và viêm dạ dày - ruột nguồn gốc nhiễm trùng"
        ),
        complaint: "Tiêu chảy, đau bụng, nôn",
        dept: Dept::General,
        min_age: 0,
        max_age: 100,
        weight: 10,
        admit_percent: 5,
        fever: false,
        labs: None,
        drugs: &["oresol", "kem", "smecta"],
    },
    Acute {
        icd: icd!("A91", "Sốt xuất huyết Dengue"),
        complaint: "Sốt cao liên tục 3 ngày, đau nhức người",
        dept: Dept::Infectious,
        min_age: 2,
        max_age: 90,
        weight: 4,
        admit_percent: 45,
        fever: true,
        labs: Some(Panel::Cbc),
        drugs: &["paracetamol", "oresol"],
    },
    Acute {
        icd: icd!("B08.4", "Bệnh tay chân miệng"),
        complaint: "Sốt, nổi bọng nước ở tay chân, loét miệng",
        dept: Dept::Paediatrics,
        min_age: 0,
        max_age: 6,
        weight: 8,
        admit_percent: 15,
        fever: true,
        labs: Some(Panel::Cbc),
        drugs: &["paracetamol_goi"],
    },
    Acute {
        icd: icd!("B01.9", "Thủy đậu không biến chứng"),
        complaint: "Sốt nhẹ, nổi mụn nước khắp người",
        dept: Dept::Paediatrics,
        min_age: 1,
        max_age: 14,
        weight: 4,
        admit_percent: 0,
        fever: true,
        labs: None,
        drugs: &["paracetamol_goi", "calamin"],
    },
    Acute {
        icd: icd!("H66.9", "Viêm tai giữa, không đặc hiệu"),
        complaint: "Đau tai, quấy khóc, sốt",
        dept: Dept::Ent,
        min_age: 0,
        max_age: 10,
        weight: 8,
        admit_percent: 0,
        fever: true,
        labs: None,
        drugs: &["amoxicilin_goi", "paracetamol_goi"],
    },
    Acute {
        icd: icd!("H10.9", "Viêm kết mạc, không đặc hiệu"),
        complaint: "Đỏ mắt, chảy nước mắt, cộm mắt",
        dept: Dept::Ophthalmology,
        min_age: 0,
        max_age: 100,
        weight: 5,
        admit_percent: 0,
        fever: false,
        labs: None,
        drugs: &["tobramycin_nho_mat"],
    },
    Acute {
        icd: icd!("K29.7", "Viêm dạ dày, không đặc hiệu"),
        complaint: "Đau thượng vị, ợ chua",
        dept: Dept::Gastro,
        min_age: 15,
        max_age: 100,
        weight: 12,
        admit_percent: 0,
        fever: false,
        labs: None,
        drugs: &["omeprazol", "phosphalugel"],
    },
    Acute {
        icd: icd!("K35.8", "Viêm ruột thừa cấp, khác và không đặc hiệu"),
        complaint: "Đau bụng hố chậu phải, sốt",
        dept: Dept::Surgery,
        min_age: 6,
        max_age: 80,
        weight: 1,
        admit_percent: 100,
        fever: true,
        labs: Some(Panel::Cbc),
        drugs: &["ceftriaxon", "paracetamol"],
    },
    Acute {
        icd: icd!("M54.5", "Đau vùng thắt lưng"),
        complaint: "Đau lưng sau khi mang vác nặng",
        dept: Dept::Musculoskeletal,
        min_age: 20,
        max_age: 100,
        weight: 10,
        admit_percent: 0,
        fever: false,
        labs: None,
        drugs: &["meloxicam", "eperison"],
    },
    Acute {
        icd: icd!(
            "N39.0",
            "Nhiễm trùng đường tiết niệu, vị trí không xác định"
        ),
        complaint: "Tiểu buốt, tiểu rắt",
        dept: Dept::InternalMedicine,
        min_age: 15,
        max_age: 100,
        weight: 5,
        admit_percent: 0,
        fever: false,
        labs: None,
        drugs: &["ciprofloxacin"],
    },
    Acute {
        icd: icd!("L30.9", "Viêm da, không đặc hiệu"),
        complaint: "Ngứa, nổi mẩn đỏ",
        dept: Dept::Dermatology,
        min_age: 0,
        max_age: 100,
        weight: 6,
        admit_percent: 0,
        fever: false,
        labs: None,
        drugs: &["hydrocortison_kem", "cetirizin"],
    },
    Acute {
        icd: icd!("R51", "Đau đầu"),
        complaint: "Đau đầu nhiều ngày, mất ngủ",
        dept: Dept::Neurology,
        min_age: 15,
        max_age: 100,
        weight: 5,
        admit_percent: 0,
        fever: false,
        labs: None,
        drugs: &["paracetamol"],
    },
    Acute {
        icd: icd!("S93.4", "Bong gân và căng cơ cổ chân"),
        complaint: "Trẹo chân khi chơi thể thao, sưng đau cổ chân",
        dept: Dept::Surgery,
        min_age: 8,
        max_age: 70,
        weight: 3,
        admit_percent: 0,
        fever: false,
        labs: None,
        drugs: &["meloxicam"],
    },
    Acute {
        icd: icd!("K02.9", "Sâu răng, không đặc hiệu"),
        complaint: "Đau răng hàm dưới",
        dept: Dept::Dental,
        min_age: 4,
        max_age: 100,
        weight: 6,
        admit_percent: 0,
        fever: false,
        labs: None,
        drugs: &["paracetamol"],
    },
    Acute {
        icd: icd!("J01.9", "Viêm xoang cấp, không đặc hiệu"),
        complaint: "Nghẹt mũi, chảy mũi xanh, đau vùng trán",
        dept: Dept::Ent,
        min_age: 10,
        max_age: 100,
        weight: 5,
        admit_percent: 0,
        fever: false,
        labs: None,
        drugs: &["amoxicilin", "natri_clorid_xit"],
    },
];

/// A drug as a Vietnamese prescription writes it: ingredient and strength, the ATC code, and the
/// instruction the patient reads.
#[derive(Debug)]
pub struct Drug {
    pub key: &'static str,
    /// As printed on a Vietnamese prescription: active ingredient + strength.
    pub name: &'static str,
    /// WHO ATC code.
    pub atc: &'static str,
    pub instruction: &'static str,
    /// Units used per day, for the dispensed quantity.
    pub per_day: f64,
    /// Dispensing unit.
    pub unit: &'static str,
    /// Drug class for allergy checks (`penicillin`, `nsaid`, `sulfa`, or empty).
    pub class: &'static str,
}

macro_rules! drug {
    ($key:literal, $name:literal, $atc:literal, $per_day:literal, $unit:literal, $class:literal, $instruction:literal) => {
        Drug {
            key: $key,
            name: $name,
            atc: $atc,
            instruction: $instruction,
            per_day: $per_day,
            unit: $unit,
            class: $class,
        }
    };
}

#[rustfmt::skip]
pub const DRUGS: &[Drug] = &[
    drug!("amlodipin", "Amlodipin 5mg", "C08CA01", 1.0, "viên", "", "Uống 1 viên/ngày, sau ăn sáng"),
    drug!("losartan", "Losartan 50mg", "C09CA01", 1.0, "viên", "", "Uống 1 viên/ngày, buổi sáng"),
    drug!("bisoprolol", "Bisoprolol 2,5mg", "C07AB07", 1.0, "viên", "", "Uống 1 viên/ngày, buổi sáng"),
    drug!("metformin", "Metformin 850mg", "A10BA02", 2.0, "viên", "", "Uống 1 viên x 2 lần/ngày, ngay sau ăn sáng và ăn tối"),
    drug!("gliclazid", "Gliclazid 30mg (giải phóng kéo dài)", "A10BB09", 1.0, "viên", "", "Uống 1 viên/ngày, trước ăn sáng 30 phút"),
    drug!("insulin_mix", "Insulin Mixtard 30 (100 UI/ml, bút tiêm 3ml)", "A10AD01", 0.1, "bút", "", "Tiêm dưới da 16 đơn vị trước ăn sáng và 10 đơn vị trước ăn tối 30 phút"),
    drug!("atorvastatin", "Atorvastatin 20mg", "C10AA05", 1.0, "viên", "", "Uống 1 viên/ngày, buổi tối"),
    drug!("fenofibrat", "Fenofibrat 200mg", "C10AB05", 1.0, "viên", "", "Uống 1 viên/ngày, trong bữa ăn tối"),
    drug!("budesonid_formoterol", "Budesonid/Formoterol 160/4,5mcg (bình hít)", "R03AK07", 0.02, "bình", "", "Hít 1 nhát x 2 lần/ngày, súc miệng sau khi hít"),
    drug!("salbutamol", "Salbutamol 100mcg (bình xịt định liều)", "R03AC02", 0.01, "bình", "", "Xịt 2 nhát khi khó thở, không quá 8 nhát/ngày"),
    drug!("tiotropium", "Tiotropium 2,5mcg (bình hít)", "R03BB04", 0.034, "bình", "", "Hít 2 nhát/ngày vào buổi sáng"),
    drug!("esomeprazol", "Esomeprazol 40mg", "A02BC05", 1.0, "viên", "", "Uống 1 viên/ngày, trước ăn sáng 30 phút"),
    drug!("omeprazol", "Omeprazol 20mg", "A02BC01", 2.0, "viên", "", "Uống 1 viên x 2 lần/ngày, trước ăn sáng và tối 30 phút"),
    drug!("phosphalugel", "Nhôm phosphat (Phosphalugel) 20g", "A02AB03", 2.0, "gói", "", "Uống 1 gói khi đau, tối đa 3 gói/ngày"),
    drug!("glucosamin", "Glucosamin sulfat 1500mg", "M01AX05", 1.0, "gói", "", "Uống 1 gói/ngày, sau ăn"),
    drug!("meloxicam", "Meloxicam 7,5mg", "M01AC06", 1.0, "viên", "nsaid", "Uống 1 viên/ngày, sau ăn no"),
    drug!("eperison", "Eperison 50mg", "M03BX09", 3.0, "viên", "", "Uống 1 viên x 3 lần/ngày, sau ăn"),
    drug!("allopurinol", "Allopurinol 300mg", "M04AA01", 1.0, "viên", "", "Uống 1 viên/ngày, sau ăn, uống nhiều nước"),
    drug!("colchicin", "Colchicin 1mg", "M04AC01", 1.0, "viên", "", "Uống 1 viên/ngày khi có cơn đau khớp"),
    drug!("tenofovir", "Tenofovir disoproxil fumarat 300mg", "J05AF07", 1.0, "viên", "", "Uống 1 viên/ngày, cố định một giờ trong ngày"),
    drug!("levothyroxin", "Levothyroxin 50mcg", "H03AA01", 1.0, "viên", "", "Uống 1 viên/ngày, lúc đói trước ăn sáng 30 phút"),
    drug!("aspirin81", "Aspirin 81mg", "B01AC06", 1.0, "viên", "nsaid", "Uống 1 viên/ngày, sau ăn trưa"),
    drug!("clopidogrel", "Clopidogrel 75mg", "B01AC04", 1.0, "viên", "", "Uống 1 viên/ngày, sau ăn sáng"),
    drug!("furosemid", "Furosemid 40mg", "C03CA01", 1.0, "viên", "", "Uống 1 viên/ngày, buổi sáng"),
    drug!("spironolacton", "Spironolacton 25mg", "C03DA01", 1.0, "viên", "", "Uống 1 viên/ngày, buổi sáng"),
    drug!("calci_carbonat", "Calci carbonat 1250mg", "A12AA04", 2.0, "viên", "", "Uống 1 viên x 2 lần/ngày, trong bữa ăn"),
    drug!("fexofenadin", "Fexofenadin 180mg", "R06AX26", 1.0, "viên", "", "Uống 1 viên/ngày khi có triệu chứng"),
    drug!("paracetamol", "Paracetamol 500mg", "N02BE01", 3.0, "viên", "", "Uống 1 viên khi sốt trên 38,5°C hoặc đau, cách nhau ít nhất 4–6 giờ"),
    drug!("paracetamol_goi", "Paracetamol 250mg (gói bột)", "N02BE01", 3.0, "gói", "", "Uống 1 gói khi sốt trên 38,5°C, cách nhau ít nhất 4–6 giờ"),
    drug!("cetirizin", "Cetirizin 10mg", "R06AE07", 1.0, "viên", "", "Uống 1 viên/ngày, buổi tối"),
    drug!("amoxicilin", "Amoxicilin 500mg", "J01CA04", 3.0, "viên", "penicillin", "Uống 1 viên x 3 lần/ngày, sau ăn"),
    drug!("amoxicilin_goi", "Amoxicilin 250mg (gói bột)", "J01CA04", 3.0, "gói", "penicillin", "Uống 1 gói x 3 lần/ngày, pha với nước ấm"),
    drug!("azithromycin", "Azithromycin 500mg", "J01FA10", 1.0, "viên", "", "Uống 1 viên/ngày trong 3 ngày, trước ăn 1 giờ"),
    drug!("acetylcystein", "Acetylcystein 200mg", "R05CB01", 3.0, "gói", "", "Uống 1 gói x 3 lần/ngày, pha với nước"),
    drug!("ceftriaxon", "Ceftriaxon 1g (lọ tiêm)", "J01DD04", 2.0, "lọ", "", "Tiêm tĩnh mạch chậm 1g x 2 lần/ngày"),
    drug!("oresol", "Oresol 245 (gói)", "A07CA", 3.0, "gói", "", "Pha 1 gói với 200ml nước đun sôi để nguội, uống từng ngụm sau mỗi lần đi ngoài"),
    drug!("kem", "Kẽm gluconat 10mg", "A12CB02", 1.0, "gói", "", "Uống 1 gói/ngày trong 10–14 ngày"),
    drug!("smecta", "Diosmectit 3g (gói)", "A07BC05", 3.0, "gói", "", "Uống 1 gói x 3 lần/ngày, xa bữa ăn"),
    drug!("calamin", "Calamin lotion 8%", "D04AX", 0.1, "lọ", "", "Bôi lên nốt mụn nước 2–3 lần/ngày"),
    drug!("tobramycin_nho_mat", "Tobramycin 0,3% (lọ nhỏ mắt 5ml)", "S01AA12", 0.15, "lọ", "", "Nhỏ 1 giọt x 4 lần/ngày vào mắt bệnh"),
    drug!("ciprofloxacin", "Ciprofloxacin 500mg", "J01MA02", 2.0, "viên", "", "Uống 1 viên x 2 lần/ngày, uống nhiều nước"),
    drug!("hydrocortison_kem", "Hydrocortison 1% (tuýp kem 15g)", "D07AA02", 0.1, "tuýp", "", "Bôi lớp mỏng lên vùng da tổn thương 2 lần/ngày"),
    drug!("natri_clorid_xit", "Natri clorid 0,9% (xịt mũi)", "R01AX", 0.1, "lọ", "", "Xịt rửa mũi 2–3 lần/ngày"),
    drug!("sat_folic", "Sắt (II) fumarat + Acid folic", "B03AD03", 1.0, "viên", "", "Uống 1 viên/ngày, trước ăn sáng 1 giờ"),
    drug!("cefuroxim", "Cefuroxim 500mg", "J01DC02", 2.0, "viên", "", "Uống 1 viên x 2 lần/ngày, sau ăn"),
];

pub fn drug(key: &str) -> &'static Drug {
    DRUGS.iter().find(|d| d.key == key).unwrap_or(&DRUGS[0])
}

/// A vital sign or body measurement: LOINC code, Vietnamese label, UCUM unit.
#[derive(Debug)]
pub struct VitalSign {
    pub loinc: &'static str,
    pub display: &'static str,
    pub text: &'static str,
    pub unit: &'static str,
    pub ucum: &'static str,
    pub decimals: u32,
}

macro_rules! vital {
    ($loinc:expr, $display:literal, $text:literal, $unit:literal, $ucum:literal, $dec:literal) => {
        VitalSign {
            loinc: $loinc,
            display: $display,
            text: $text,
            unit: $unit,
            ucum: $ucum,
            decimals: $dec,
        }
    };
}

#[rustfmt::skip]
pub const BODY_WEIGHT: VitalSign = vital!(loinc::BODY_WEIGHT, "Body weight", "Cân nặng", "kg", "kg", 1);
#[rustfmt::skip]
pub const BODY_HEIGHT: VitalSign = vital!(loinc::BODY_HEIGHT, "Body height", "Chiều cao", "cm", "cm", 1);
#[rustfmt::skip]
pub const BMI: VitalSign = vital!(loinc::BMI, "Body mass index (BMI) [Ratio]", "Chỉ số khối cơ thể (BMI)", "kg/m2", "kg/m2", 1);
#[rustfmt::skip]
pub const HEART_RATE: VitalSign = vital!("8867-4", "Heart rate", "Mạch", "lần/phút", "/min", 0);
#[rustfmt::skip]
pub const BODY_TEMPERATURE: VitalSign = vital!("8310-5", "Body temperature", "Nhiệt độ", "°C", "Cel", 1);

/// A laboratory analyte as Vietnamese labs report it (SI units).
#[derive(Debug)]
pub struct Analyte {
    pub key: &'static str,
    pub loinc: &'static str,
    pub loinc_display: &'static str,
    /// Vietnamese name on the result sheet (Observation.code.text).
    pub text: &'static str,
    /// UCUM code and the unit as printed.
    pub ucum: &'static str,
    pub unit: &'static str,
    /// Reference range (male, female); `None` means no bound on that side.
    pub male: (Option<f64>, Option<f64>),
    pub female: (Option<f64>, Option<f64>),
    pub decimals: u32,
}

macro_rules! analyte {
    ($key:literal, $loinc:literal, $ld:literal, $text:literal, $ucum:literal, $unit:literal, $m:expr, $f:expr, $dec:literal) => {
        Analyte {
            key: $key,
            loinc: $loinc,
            loinc_display: $ld,
            text: $text,
            ucum: $ucum,
            unit: $unit,
            male: $m,
            female: $f,
            decimals: $dec,
        }
    };
}

// The LOINC codes are the ones the health book reads (agreed project-wide); Vietnamese labs
// report in SI units, so the values and units are SI.
#[rustfmt::skip]
pub const ANALYTES: &[Analyte] = &[
    analyte!("glucose", "2345-7", "Glucose [Mass/volume] in Serum or Plasma", "Glucose máu lúc đói", "mmol/L", "mmol/L", (Some(3.9), Some(6.4)), (Some(3.9), Some(6.4)), 1),
    analyte!("hba1c", "4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood", "HbA1c", "%", "%", (Some(4.0), Some(6.0)), (Some(4.0), Some(6.0)), 1),
    analyte!("cholesterol", "2093-3", "Cholesterol [Mass/volume] in Serum or Plasma", "Cholesterol toàn phần", "mmol/L", "mmol/L", (Some(3.9), Some(5.2)), (Some(3.9), Some(5.2)), 2),
    analyte!("ldl", "13457-7", "Cholesterol in LDL [Mass/volume] in Serum or Plasma by calculation", "LDL-Cholesterol", "mmol/L", "mmol/L", (None, Some(3.4)), (None, Some(3.4)), 2),
    analyte!("hdl", "2085-9", "Cholesterol in HDL [Mass/volume] in Serum or Plasma", "HDL-Cholesterol", "mmol/L", "mmol/L", (Some(0.9), None), (Some(0.9), None), 2),
    analyte!("triglycerides", "2571-8", "Triglyceride [Mass/volume] in Serum or Plasma", "Triglycerid", "mmol/L", "mmol/L", (Some(0.46), Some(1.88)), (Some(0.46), Some(1.88)), 2),
    analyte!("creatinine", "2160-0", "Creatinine [Mass/volume] in Serum or Plasma", "Creatinin", "umol/L", "µmol/L", (Some(62.0), Some(120.0)), (Some(53.0), Some(100.0)), 0),
    analyte!("alt", "1742-6", "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma", "ALT (GPT)", "U/L", "U/L", (None, Some(40.0)), (None, Some(40.0)), 0),
    analyte!("ast", "1920-8", "Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma", "AST (GOT)", "U/L", "U/L", (None, Some(40.0)), (None, Some(40.0)), 0),
    analyte!("hemoglobin", "718-7", "Hemoglobin [Mass/volume] in Blood", "Huyết sắc tố (Hemoglobin)", "g/L", "g/L", (Some(130.0), Some(170.0)), (Some(120.0), Some(150.0)), 0),
    analyte!("wbc", "6690-2", "Leukocytes [#/volume] in Blood by Automated count", "Số lượng bạch cầu", "10*9/L", "G/L", (Some(4.0), Some(10.0)), (Some(4.0), Some(10.0)), 1),
    analyte!("platelets", "777-3", "Platelets [#/volume] in Blood by Automated count", "Số lượng tiểu cầu", "10*9/L", "G/L", (Some(150.0), Some(450.0)), (Some(150.0), Some(450.0)), 0),
    analyte!("uric_acid", "3084-1", "Urate [Mass/volume] in Serum or Plasma", "Acid uric", "umol/L", "µmol/L", (Some(210.0), Some(420.0)), (Some(150.0), Some(360.0)), 0),
];

pub fn analyte(key: &str) -> &'static Analyte {
    ANALYTES
        .iter()
        .find(|a| a.key == key)
        .unwrap_or(&ANALYTES[0])
}

impl Panel {
    pub fn analytes(self) -> &'static [&'static str] {
        match self {
            Panel::Cbc => &["wbc", "hemoglobin", "platelets"],
            Panel::Glucose => &["glucose"],
            Panel::Diabetes => &["glucose", "hba1c"],
            Panel::Metabolic => &[
                "glucose",
                "cholesterol",
                "ldl",
                "hdl",
                "triglycerides",
                "creatinine",
                "alt",
                "ast",
                "uric_acid",
            ],
            Panel::CheckUp => &[
                "hemoglobin",
                "glucose",
                "cholesterol",
                "triglycerides",
                "creatinine",
                "alt",
            ],
        }
    }

    /// Report title on the result sheet, and its LOINC panel code.
    pub fn title(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Panel::Cbc => (
                "58410-2",
                "CBC panel - Blood by Automated count",
                "Tổng phân tích tế bào máu ngoại vi",
            ),
            Panel::Glucose | Panel::Diabetes => {
                ("11502-2", "Laboratory report", "Xét nghiệm đường máu")
            }
            Panel::Metabolic | Panel::CheckUp => {
                ("11502-2", "Laboratory report", "Xét nghiệm sinh hóa máu")
            }
        }
    }
}

/// A vaccine as Vietnamese vaccination records name it, with its CVX code.
#[derive(Debug)]
pub struct Vaccine {
    pub key: &'static str,
    pub text: &'static str,
    pub cvx: &'static str,
    pub cvx_display: &'static str,
    /// Disease(s) targeted, for `protocolApplied.targetDisease.text`.
    pub target: &'static str,
}

macro_rules! vaccine {
    ($key:literal, $text:literal, $cvx:literal, $cd:literal, $target:literal) => {
        Vaccine {
            key: $key,
            text: $text,
            cvx: $cvx,
            cvx_display: $cd,
            target: $target,
        }
    };
}

#[rustfmt::skip]
pub const VACCINES: &[Vaccine] = &[
    vaccine!("hepb_birth", "Viêm gan B sơ sinh", "08", "Hep B, adolescent or pediatric", "Viêm gan B"),
    vaccine!("bcg", "BCG (phòng lao)", "19", "BCG", "Lao"),
    vaccine!("penta", "DPT-VGB-Hib (vắc xin 5 trong 1)", "102", "DTP-Hib-Hep B", "Bạch hầu, ho gà, uốn ván, viêm gan B, viêm phổi/viêm màng não do Hib"),
    vaccine!("opv", "Bại liệt uống (bOPV)", "178", "Non-US bivalent oral polio vaccine (types 1 and 3)", "Bại liệt"),
    vaccine!("ipv", "Bại liệt tiêm (IPV)", "10", "IPV", "Bại liệt"),
    vaccine!("measles", "Sởi", "05", "measles", "Sởi"),
    vaccine!("mr", "Sởi - Rubella (MR)", "04", "M/R", "Sởi, rubella"),
    vaccine!("dpt_booster", "DPT (nhắc lại)", "01", "DTP", "Bạch hầu, ho gà, uốn ván"),
    vaccine!("je", "Viêm não Nhật Bản", "39", "Japanese encephalitis SC", "Viêm não Nhật Bản"),
    vaccine!("influenza", "Cúm mùa", "88", "influenza, unspecified formulation", "Cúm"),
    vaccine!("covid", "COVID-19", "213", "SARS-COV-2 (COVID-19) vaccine, UNSPECIFIED", "COVID-19"),
    vaccine!("tetanus", "Uốn ván (VAT) cho phụ nữ có thai", "112", "tetanus toxoid, unspecified formulation", "Uốn ván"),
    vaccine!("hepb_adult", "Viêm gan B (người lớn)", "43", "Hep B, adult", "Viêm gan B"),
    vaccine!("hpv", "HPV (phòng ung thư cổ tử cung)", "137", "HPV, unspecified formulation", "Ung thư cổ tử cung do HPV"),
];

pub fn vaccine(key: &str) -> &'static Vaccine {
    VACCINES
        .iter()
        .find(|v| v.key == key)
        .unwrap_or(&VACCINES[0])
}

/// One dose of the national Expanded Programme on Immunisation (Tiêm chủng mở rộng), given at
/// the commune health station, by age in days.
#[derive(Debug)]
pub struct EpiDose {
    pub vaccine: &'static str,
    pub dose: u32,
    pub age_days: i64,
    /// First birth year the dose was part of the programme (IPV joined later).
    pub since_birth_year: i32,
}

macro_rules! epi {
    ($v:literal, $dose:literal, $days:literal, $since:literal) => {
        EpiDose {
            vaccine: $v,
            dose: $dose,
            age_days: $days,
            since_birth_year: $since,
        }
    };
}

#[rustfmt::skip]
pub const EPI: &[EpiDose] = &[
    epi!("hepb_birth", 1, 0, 2000),
    epi!("bcg", 1, 3, 2000),
    epi!("penta", 1, 61, 2010),
    epi!("opv", 1, 61, 2000),
    epi!("penta", 2, 92, 2010),
    epi!("opv", 2, 92, 2000),
    epi!("penta", 3, 122, 2010),
    epi!("opv", 3, 122, 2000),
    epi!("ipv", 1, 153, 2018),
    epi!("measles", 1, 274, 2000),
    epi!("ipv", 2, 274, 2021),
    epi!("je", 1, 366, 2000),
    epi!("je", 2, 380, 2000),
    epi!("mr", 1, 548, 2014),
    epi!("dpt_booster", 4, 548, 2000),
    epi!("je", 3, 731, 2000),
];

/// Family-history conditions (FamilyMemberHistory.condition).
pub const FAMILY_CONDITIONS: &[Icd] = &[
    icd!("I10", "Tăng huyết áp vô căn (nguyên phát)"),
    icd!("E11", "Bệnh đái tháo đường týp 2"),
    icd!("I64", "Đột quỵ, không xác định do xuất huyết hay nhồi máu"),
    icd!("I21.9", "Nhồi máu cơ tim cấp, không đặc hiệu"),
    icd!("C22.0", "Ung thư biểu mô tế bào gan"),
    icd!("C34.9", "Ung thư phế quản hoặc phổi, không đặc hiệu"),
    icd!("C16.9", "Ung thư dạ dày, không đặc hiệu"),
    icd!("C50.9", "Ung thư vú, không đặc hiệu"),
    icd!("J45.9", "Hen phế quản, không đặc hiệu"),
];

/// An allergy as people name it, with a typical reaction.
#[derive(Debug)]
pub struct AllergySpec {
    pub text: &'static str,
    pub category: &'static str,
    pub reaction: &'static str,
    /// Drug class it rules out, for prescribing.
    pub class: &'static str,
    pub child_ok: bool,
}

macro_rules! allergy {
    ($text:literal, $cat:literal, $reaction:literal, $class:literal, $child:literal) => {
        AllergySpec {
            text: $text,
            category: $cat,
            reaction: $reaction,
            class: $class,
            child_ok: $child,
        }
    };
}

#[rustfmt::skip]
pub const ALLERGIES: &[AllergySpec] = &[
    allergy!("Penicillin", "medication", "Nổi mề đay toàn thân, khó thở", "penicillin", true),
    allergy!("Amoxicilin", "medication", "Phát ban, ngứa", "penicillin", true),
    allergy!("Thuốc chống viêm không steroid (NSAID)", "medication", "Phù môi, phù mí mắt", "nsaid", false),
    allergy!("Sulfamid (Co-trimoxazol)", "medication", "Phát ban đỏ, bong da", "sulfa", false),
    allergy!("Cephalosporin", "medication", "Nổi mẩn ngứa", "", false),
    allergy!("Hải sản (tôm, cua)", "food", "Nổi mẩn ngứa, đau bụng", "", true),
    allergy!("Đậu phộng (lạc)", "food", "Ngứa họng, phù môi", "", true),
    allergy!("Sữa bò", "food", "Nôn, tiêu chảy, nổi mẩn", "", true),
    allergy!("Trứng", "food", "Nổi mề đay", "", true),
    allergy!("Phấn hoa", "environment", "Hắt hơi, chảy mũi, ngứa mắt", "", true),
    allergy!("Mạt bụi nhà", "environment", "Ho, khò khè, ngứa mũi", "", true),
    allergy!("Lông chó mèo", "environment", "Hắt hơi, nổi mẩn", "", true),
];
