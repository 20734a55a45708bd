//! Calendar dates, shown the Vietnamese way (dd/mm/yyyy).
//!
//! A hand-written civil-date type instead of `chrono`: the frontend only needs to parse, compare
//! and print dates, and every kilobyte of wasm costs a citizen on 3G. Vietnam has one fixed
//! offset (UTC+07:00, no DST), so "today" is computed from a Unix timestamp without a tz database.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// Vietnam's offset from UTC, in seconds. Fixed all year.
pub const VN_OFFSET_SECONDS: i64 = 7 * 3600;

/// A calendar date (proleptic Gregorian), serialised as `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoDate {
    year: i32,
    month: u8,
    day: u8,
}

impl IsoDate {
    /// A valid date, or `None` (e.g. 30 February).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Self> {
        let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month);
        valid.then_some(Self { year, month, day })
    }

    /// Parses `YYYY-MM-DD`, also accepting the date part of a FHIR `dateTime`/`instant`
    /// (`2024-03-05T08:30:00+07:00`). Partial FHIR dates (`2024`, `2024-03`) are read as the
    /// first day of the period, because that is how the store's sort order treats them.
    pub fn parse(input: &str) -> Option<Self> {
        let date = input.get(..10.min(input.len()))?;
        let mut parts = date.split('-');
        let year: i32 = parts.next().filter(|y| y.len() == 4)?.parse().ok()?;
        let month: u8 = match parts.next() {
            Some(m) if m.len() == 2 => m.parse().ok()?,
            Some(_) => return None,
            None => 1,
        };
        let day: u8 = match parts.next() {
            Some(d) if d.len() == 2 => d.parse().ok()?,
            Some(_) => return None,
            None => 1,
        };
        Self::new(year, month, day)
    }

    pub fn year(self) -> i32 {
        self.year
    }
    pub fn month(self) -> u8 {
        self.month
    }
    pub fn day(self) -> u8 {
        self.day
    }

    /// `dd/mm/yyyy`, the form Vietnamese readers expect.
    pub fn display_vn(self) -> String {
        format!("{:02}/{:02}/{:04}", self.day, self.month, self.year)
    }

    /// Days since 1970-01-01 (negative before). Howard Hinnant's `days_from_civil`.
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Inverse of [`IsoDate::days_since_epoch`].
    pub fn from_days_since_epoch(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = (if mp < 10 { mp + 3 } else { mp - 9 }) as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Self { year, month, day }
    }

    /// The date in Vietnam at the given Unix time (milliseconds, as JavaScript's `Date.now()`).
    pub fn vn_today_from_unix_ms(unix_ms: i64) -> Self {
        let local_seconds = unix_ms.div_euclid(1000) + VN_OFFSET_SECONDS;
        Self::from_days_since_epoch(local_seconds.div_euclid(86_400))
    }

    /// The date `days` later (or earlier when negative).
    pub fn add_days(self, days: i64) -> Self {
        Self::from_days_since_epoch(self.days_since_epoch() + days)
    }

    /// Whole years from `self` (a birth date) to `on`: the age a person has on that day.
    pub fn years_until(self, on: IsoDate) -> i32 {
        let had_birthday = (on.month, on.day) >= (self.month, self.day);
        on.year - self.year - i32::from(!had_birthday)
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for IsoDate {
    /// ISO form (`YYYY-MM-DD`), the wire format.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for IsoDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for IsoDate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        IsoDate::parse(&text)
            .ok_or_else(|| serde::de::Error::custom("expected a date as YYYY-MM-DD"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_accepts_dates_and_datetimes() {
        let check = |input: &str, expected: Option<(i32, u8, u8)>| {
            let got = IsoDate::parse(input).map(|d| (d.year(), d.month(), d.day()));
            assert_eq!(got, expected, "input {input:?}");
        };
        check("2024-03-05", Some((2024, 3, 5)));
        check("2024-03-05T08:30:00+07:00", Some((2024, 3, 5)));
        check("2024-02-29", Some((2024, 2, 29)));
        check("2023-02-29", None);
        check("2024-13-01", None);
        check("2024-00-10", None);
        check("2024-04-31", None);
        check("2024", Some((2024, 1, 1)));
        check("2024-07", Some((2024, 7, 1)));
        check("24-07-01", None);
        check("", None);
        check("hôm nay", None);
    }

    #[test]
    fn display_is_day_month_year() {
        let date = IsoDate::new(1990, 7, 4).unwrap();
        assert_eq!(date.display_vn(), "04/07/1990");
        assert_eq!(date.to_string(), "1990-07-04");
    }

    #[test]
    fn epoch_days_round_trip() {
        for days in [-800_000, -1, 0, 1, 59, 60, 365, 10_957, 20_000, 2_932_896] {
            let date = IsoDate::from_days_since_epoch(days);
            assert_eq!(date.days_since_epoch(), days, "{date}");
        }
        assert_eq!(IsoDate::from_days_since_epoch(0).to_string(), "1970-01-01");
        assert_eq!(IsoDate::new(2000, 3, 1).unwrap().days_since_epoch(), 11_017);
    }

    #[test]
    fn vietnam_today_uses_utc_plus_seven() {
        // 2026-11-22T17:30:00Z is already 23 November in Vietnam.
        let unix_ms = IsoDate::new(2026, 11, 22).unwrap().days_since_epoch() * 86_400_000
            + (17 * 3600 + 30 * 60) * 1000;
        assert_eq!(
            IsoDate::vn_today_from_unix_ms(unix_ms).to_string(),
            "2026-11-23"
        );
    }

    #[test]
    fn age_counts_birthdays() {
        let birth = IsoDate::new(2012, 5, 20).unwrap();
        assert_eq!(birth.years_until(IsoDate::new(2026, 5, 19).unwrap()), 13);
        assert_eq!(birth.years_until(IsoDate::new(2026, 5, 20).unwrap()), 14);
    }

    #[test]
    fn serde_uses_iso_strings() {
        let date = IsoDate::new(2025, 1, 9).unwrap();
        assert_eq!(serde_json::to_string(&date).unwrap(), "\"2025-01-09\"");
        let back: IsoDate = serde_json::from_str("\"2025-01-09\"").unwrap();
        assert_eq!(back, date);
        assert!(serde_json::from_str::<IsoDate>("\"09/01/2025\"").is_err());
    }
}
