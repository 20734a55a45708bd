//! Texts of this area, (Vietnamese, English), implementing [`super::Texts`].
