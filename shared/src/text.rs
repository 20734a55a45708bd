//! Accent-insensitive matching of Vietnamese text, for searching facilities by name, ward or
//! department: people type "bach mai" or "cho ray" on phones without a Vietnamese keyboard.

/// Vietnamese letters with diacritics, grouped by their base letter.
const FOLDS: &[(&str, char)] = &[
    ("àáạảãâầấậẩẫăằắặẳẵ", 'a'),
    ("èéẹẻẽêềếệểễ", 'e'),
    ("ìíịỉĩ", 'i'),
    ("òóọỏõôồốộổỗơờớợởỡ", 'o'),
    ("ùúụủũưừứựửữ", 'u'),
    ("ỳýỵỷỹ", 'y'),
    ("đ", 'd'),
];

fn fold_char(c: char) -> Option<char> {
    let lower = c.to_lowercase().next().unwrap_or(c);
    if lower.is_ascii() {
        return Some(lower);
    }
    // Combining marks (text typed in decomposed form) carry no letter.
    if ('\u{300}'..='\u{36f}').contains(&lower) {
        return None;
    }
    Some(
        FOLDS
            .iter()
            .find(|(group, _)| group.contains(lower))
            .map(|(_, base)| *base)
            .unwrap_or(lower),
    )
}

/// Lower case, without diacritics, punctuation turned into single spaces: the form both the
/// query and the searched text are compared in.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        let Some(f) = fold_char(c) else {
            continue;
        };
        if f.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(f);
        } else {
            pending_space = true;
        }
    }
    out
}

/// Whether every word of `query` occurs in `haystack` (both folded), in any order.
/// An empty query matches everything.
pub fn matches_all_words(haystack: &str, query: &str) -> bool {
    let haystack = fold(haystack);
    fold(query)
        .split(' ')
        .filter(|w| !w.is_empty())
        .all(|w| haystack.contains(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_table() {
        let check = |input: &str, expected: &str| assert_eq!(fold(input), expected, "{input:?}");
        check("Bệnh viện Bạch Mai", "benh vien bach mai");
        check("Trạm Y tế phường Hòa Cường", "tram y te phuong hoa cuong");
        check("ĐÀ NẴNG", "da nang");
        check("Thận - Tiết niệu", "than tiet nieu");
        check("  Chợ   Rẫy  ", "cho ray");
        // Decomposed input (e + combining circumflex + combining dot below).
        check("Be\u{302}\u{323}nh", "benh");
        check("Nhi Đồng 1", "nhi dong 1");
        check("", "");
    }

    #[test]
    fn word_matching() {
        let name = "Bệnh viện Đa khoa Trung ương Cần Thơ, Phường Tân An";
        assert!(matches_all_words(name, "can tho"));
        assert!(matches_all_words(name, "Cần Thơ trung uong"));
        assert!(matches_all_words(name, ""));
        assert!(!matches_all_words(name, "can tho bach"));
        assert!(matches_all_words("Khoa Tim mạch", "tim"));
    }
}
