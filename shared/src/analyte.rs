//! "What is this test?": one plain-Vietnamese line (and its English) for common analytes and
//! measurements, keyed by LOINC code. Written for a citizen, not a clinician: what it measures
//! and what a high or low value usually means, never a diagnosis.

use crate::fhir::loinc;

/// A plain-language explanation of a test or measurement.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct About {
    pub loinc: &'static str,
    /// Common Vietnamese name.
    pub name_vi: &'static str,
    pub name_en: &'static str,
    /// One or two short sentences in plain Vietnamese.
    pub what_vi: &'static str,
    pub what_en: &'static str,
}

macro_rules! about {
    ($loinc:expr, $nv:literal, $ne:literal, $wv:literal, $we:literal) => {
        About {
            loinc: $loinc,
            name_vi: $nv,
            name_en: $ne,
            what_vi: $wv,
            what_en: $we,
        }
    };
}

#[rustfmt::skip]
pub const ABOUT: &[About] = &[
    about!(loinc::GLUCOSE, "Đường huyết lúc đói", "Fasting blood glucose",
        "Lượng đường trong máu khi chưa ăn sáng. Cao kéo dài là dấu hiệu của tiền đái tháo đường hoặc đái tháo đường.",
        "The sugar in your blood before breakfast. If it stays high, it is a sign of prediabetes or diabetes."),
    about!(loinc::GLUCOSE_METER, "Đường huyết mao mạch", "Finger-prick glucose",
        "Đường huyết đo bằng máy tại nhà từ một giọt máu đầu ngón tay; dùng để theo dõi hằng ngày.",
        "Blood sugar measured at home from a drop of fingertip blood, for day-to-day monitoring."),
    about!("4548-4", "HbA1c", "HbA1c",
        "Cho biết đường huyết trung bình trong khoảng 3 tháng gần đây. Người bệnh đái tháo đường thường cần giữ dưới 7%.",
        "Shows your average blood sugar over the last 3 months. People with diabetes usually aim to keep it below 7%."),
    about!("2093-3", "Cholesterol toàn phần", "Total cholesterol",
        "Tổng lượng mỡ cholesterol trong máu. Cao làm tăng nguy cơ xơ vữa mạch, nhồi máu cơ tim và đột quỵ.",
        "All the cholesterol in your blood. High levels raise the risk of clogged arteries, heart attack and stroke."),
    about!("13457-7", "LDL-Cholesterol (mỡ xấu)", "LDL cholesterol (\"bad\")",
        "Loại mỡ \"xấu\" bám vào thành mạch máu. Càng thấp càng tốt, nhất là khi có bệnh tim mạch hoặc đái tháo đường.",
        "The \"bad\" fat that sticks to artery walls. Lower is better, especially with heart disease or diabetes."),
    about!("2085-9", "HDL-Cholesterol (mỡ tốt)", "HDL cholesterol (\"good\")",
        "Loại mỡ \"tốt\" giúp đưa cholesterol ra khỏi mạch máu. Thấp là không tốt; vận động đều giúp tăng HDL.",
        "The \"good\" fat that carries cholesterol away from arteries. Low is unfavourable; regular exercise raises it."),
    about!("2571-8", "Triglycerid", "Triglycerides",
        "Một loại mỡ trong máu, tăng khi ăn nhiều đường, tinh bột, rượu bia. Cao làm tăng nguy cơ tim mạch và viêm tụy.",
        "A blood fat that rises with sugar, starch and alcohol. High levels raise the risk of heart disease and pancreatitis."),
    about!("2160-0", "Creatinin", "Creatinine",
        "Chất thải do cơ bắp tạo ra và được thận lọc. Tăng cao có thể là dấu hiệu thận lọc kém.",
        "A waste product of muscles that the kidneys filter out. A high value can mean the kidneys are not filtering well."),
    about!("1742-6", "ALT (GPT) — men gan", "ALT — liver enzyme",
        "Men có nhiều trong tế bào gan. Tăng khi gan bị tổn thương, ví dụ viêm gan, gan nhiễm mỡ, do rượu hoặc thuốc.",
        "An enzyme found mostly in liver cells. It rises when the liver is injured, e.g. hepatitis, fatty liver, alcohol or medicines."),
    about!("1920-8", "AST (GOT) — men gan", "AST — liver enzyme",
        "Men có trong gan, tim và cơ. Tăng cùng ALT thường do gan; bác sĩ đọc hai chỉ số này cùng nhau.",
        "An enzyme in the liver, heart and muscles. When it rises with ALT the cause is usually the liver; doctors read them together."),
    about!("718-7", "Huyết sắc tố (Hemoglobin)", "Haemoglobin",
        "Chất mang ô-xy trong hồng cầu. Thấp là thiếu máu (mệt, hoa mắt); hay gặp khi thiếu sắt, mang thai.",
        "The oxygen carrier in red blood cells. Low means anaemia (tiredness, dizziness), common with iron deficiency or pregnancy."),
    about!("6690-2", "Bạch cầu", "White blood cells",
        "Tế bào chống nhiễm trùng. Tăng khi có nhiễm khuẩn hoặc viêm; giảm khi nhiễm virus (như sốt xuất huyết) hoặc do thuốc.",
        "The infection-fighting cells. They rise with bacterial infection or inflammation and fall with some viruses (like dengue) or medicines."),
    about!("777-3", "Tiểu cầu", "Platelets",
        "Tế bào giúp máu đông. Giảm mạnh (ví dụ trong sốt xuất huyết) dễ gây chảy máu.",
        "The cells that help blood clot. A sharp drop (e.g. in dengue fever) makes bleeding more likely."),
    about!("3084-1", "Acid uric", "Uric acid",
        "Chất thải từ đạm trong thịt, hải sản, bia. Cao kéo dài có thể gây bệnh gút và sỏi thận.",
        "A waste product of proteins in meat, seafood and beer. If it stays high it can cause gout and kidney stones."),
    about!(loinc::BLOOD_GROUP, "Nhóm máu", "Blood group",
        "Nhóm máu ABO và Rh(D) của bạn, cần biết khi truyền máu hoặc mang thai. Không thay đổi suốt đời.",
        "Your ABO and Rh(D) blood group, needed for transfusions and in pregnancy. It never changes."),
    about!(loinc::BLOOD_PRESSURE, "Huyết áp", "Blood pressure",
        "Áp lực máu lên thành mạch: số trên (tâm thu) khi tim co, số dưới (tâm trương) khi tim nghỉ. Từ 140/90 mmHg trở lên là cao.",
        "The pressure of blood on the artery walls: the upper number when the heart beats, the lower when it rests. 140/90 mmHg or more is high."),
    about!(loinc::BODY_WEIGHT, "Cân nặng", "Weight",
        "Cân nặng cơ thể. Thay đổi nhanh không rõ lý do (tăng hay giảm) nên hỏi ý kiến bác sĩ.",
        "Your body weight. A quick change without a clear reason, up or down, is worth asking a doctor about."),
    about!(loinc::BODY_HEIGHT, "Chiều cao", "Height",
        "Chiều cao cơ thể; ở trẻ em cho biết trẻ lớn có đều không.",
        "Your height; for children it shows whether they are growing steadily."),
    about!(loinc::BMI, "Chỉ số khối cơ thể (BMI)", "Body mass index (BMI)",
        "Cân nặng (kg) chia cho bình phương chiều cao (m). Ở người lớn, từ 18,5 đến 24,9 là bình thường; từ 25 trở lên là thừa cân.",
        "Weight (kg) divided by height (m) squared. For adults, 18.5 to 24.9 is normal; 25 or more is overweight."),
    about!(loinc::HEART_RATE, "Mạch", "Pulse",
        "Số lần tim đập mỗi phút; lúc nghỉ thường từ 60 đến 100.",
        "How many times the heart beats per minute; at rest usually 60 to 100."),
    about!(loinc::BODY_TEMPERATURE, "Nhiệt độ", "Temperature",
        "Nhiệt độ cơ thể; từ 37,5 °C trở lên là sốt.",
        "Body temperature; 37.5 °C or more is a fever."),
];

/// The explanation for a LOINC code, if the book has one.
pub fn about(loinc_code: &str) -> Option<&'static About> {
    ABOUT.iter().find(|a| a.loinc == loinc_code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_is_complete_and_unique() {
        let mut seen = std::collections::HashSet::new();
        for a in ABOUT {
            assert!(seen.insert(a.loinc), "duplicate {}", a.loinc);
            for text in [a.name_vi, a.name_en, a.what_vi, a.what_en] {
                assert!(!text.trim().is_empty(), "{}", a.loinc);
            }
            assert!(
                a.what_vi.ends_with('.') && a.what_en.ends_with('.'),
                "{}",
                a.loinc
            );
        }
    }

    #[test]
    fn lookups() {
        for (code, name) in [
            ("2345-7", Some("Đường huyết lúc đói")),
            ("4548-4", Some("HbA1c")),
            ("39156-5", Some("Chỉ số khối cơ thể (BMI)")),
            ("85354-9", Some("Huyết áp")),
            ("0000-0", None),
        ] {
            assert_eq!(about(code).map(|a| a.name_vi), name, "{code}");
        }
    }
}
