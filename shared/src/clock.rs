//! Moments and times of day in Vietnam local time (UTC+07:00 all year, no DST).
//!
//! Booking speaks in clinic time: "07:30 on 24/11". Every moment on the wire is RFC 3339 with the
//! `+07:00` offset (`2026-11-24T07:30:00+07:00`), so a person reading the JSON, the phone and the
//! store all see the same wall-clock time. Parsing accepts any offset (and `Z`) and converts,
//! because a national store may normalise to UTC.

use crate::date::{IsoDate, VN_OFFSET_SECONDS};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A time of day in Vietnam, minutes after midnight (0..1440).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ClockTime(u16);

impl ClockTime {
    /// 00:00.
    pub const MIDNIGHT: ClockTime = ClockTime(0);

    /// `hour:minute`, or `None` when out of range.
    pub fn new(hour: u8, minute: u8) -> Option<Self> {
        (hour < 24 && minute < 60).then(|| Self(u16::from(hour) * 60 + u16::from(minute)))
    }

    /// Minutes after midnight; `None` at or beyond 24:00.
    pub fn from_minutes(minutes: u32) -> Option<Self> {
        (minutes < 1440).then_some(Self(minutes as u16))
    }

    /// Parses `HH:MM` (also `HH:MM:SS`, seconds ignored, as FHIR `time` is written).
    pub fn parse(text: &str) -> Option<Self> {
        let mut parts = text.split(':');
        let hour = parts.next().filter(|h| h.len() == 2)?.parse().ok()?;
        let minute = parts.next().filter(|m| m.len() == 2)?.parse().ok()?;
        match parts.next() {
            None => {}
            Some(s) if s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()) => {}
            Some(_) => return None,
        }
        if parts.next().is_some() {
            return None;
        }
        Self::new(hour, minute)
    }

    pub fn minutes(self) -> u32 {
        u32::from(self.0)
    }

    pub fn hour(self) -> u8 {
        (self.0 / 60) as u8
    }

    pub fn minute(self) -> u8 {
        (self.0 % 60) as u8
    }
}

impl fmt::Display for ClockTime {
    /// `HH:MM`, as clinics print times.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour(), self.minute())
    }
}

impl Serialize for ClockTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        ClockTime::parse(&text).ok_or_else(|| serde::de::Error::custom("expected a time as HH:MM"))
    }
}

/// A moment, kept as Unix seconds and always shown in Vietnam local time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct VnDateTime {
    unix_seconds: i64,
}

impl VnDateTime {
    pub fn from_unix_seconds(unix_seconds: i64) -> Self {
        Self { unix_seconds }
    }

    /// From milliseconds since the epoch (JavaScript's `Date.now()`), truncated to the second.
    pub fn from_unix_ms(unix_ms: i64) -> Self {
        Self::from_unix_seconds(unix_ms.div_euclid(1000))
    }

    /// The moment `time` on `date`, Vietnam local time.
    pub fn at(date: IsoDate, time: ClockTime) -> Self {
        let local = date.days_since_epoch() * 86_400 + i64::from(time.minutes()) * 60;
        Self::from_unix_seconds(local - VN_OFFSET_SECONDS)
    }

    pub fn unix_seconds(self) -> i64 {
        self.unix_seconds
    }

    pub fn unix_ms(self) -> i64 {
        self.unix_seconds * 1000
    }

    fn local_seconds(self) -> i64 {
        self.unix_seconds + VN_OFFSET_SECONDS
    }

    /// The calendar date in Vietnam.
    pub fn date(self) -> IsoDate {
        IsoDate::from_days_since_epoch(self.local_seconds().div_euclid(86_400))
    }

    /// The wall-clock time in Vietnam, to the minute.
    pub fn time(self) -> ClockTime {
        ClockTime((self.local_seconds().rem_euclid(86_400) / 60) as u16)
    }

    /// Seconds after the local minute (0–59).
    fn second(self) -> u32 {
        self.local_seconds().rem_euclid(60) as u32
    }

    pub fn add_minutes(self, minutes: i64) -> Self {
        Self::from_unix_seconds(self.unix_seconds + minutes * 60)
    }

    pub fn add_seconds(self, seconds: i64) -> Self {
        Self::from_unix_seconds(self.unix_seconds + seconds)
    }

    /// Whole minutes from `self` to `later` (negative if `later` is earlier).
    pub fn minutes_until(self, later: VnDateTime) -> i64 {
        (later.unix_seconds - self.unix_seconds).div_euclid(60)
    }

    /// `HH:MM dd/mm/yyyy`, the way a ticket prints a moment.
    pub fn display_vn(self) -> String {
        format!("{} {}", self.time(), self.date().display_vn())
    }

    /// Parses RFC 3339 / FHIR `instant` and `dateTime` with a time: `2026-11-24T07:30:00+07:00`,
    /// `…Z`, `…-05:00`, optional fractional seconds (dropped), optional seconds (FHIR allows
    /// `2026-11-24T07:30+07:00` nowhere, but people type it). A missing offset is read as
    /// Vietnam time.
    pub fn parse(text: &str) -> Option<Self> {
        let (date_part, rest) = text.split_once('T')?;
        let date = IsoDate::parse(date_part).filter(|_| date_part.len() == 10)?;
        // Split the offset off the clock part.
        let (clock, offset_seconds) = if let Some(clock) = rest.strip_suffix('Z') {
            (clock, 0)
        } else if let Some(pos) = rest.rfind(['+', '-']) {
            let (clock, offset) = rest.split_at(pos);
            let sign = if offset.starts_with('-') { -1 } else { 1 };
            let (h, m) = offset[1..].split_once(':')?;
            if h.len() != 2 || m.len() != 2 {
                return None;
            }
            let h: i64 = h.parse().ok()?;
            let m: i64 = m.parse().ok()?;
            if h > 14 || m > 59 {
                return None;
            }
            (clock, sign * (h * 3600 + m * 60))
        } else {
            (rest, VN_OFFSET_SECONDS)
        };
        let clock = clock.split('.').next()?;
        let mut parts = clock.split(':');
        let hour: i64 = parts.next().filter(|p| p.len() == 2)?.parse().ok()?;
        let minute: i64 = parts.next().filter(|p| p.len() == 2)?.parse().ok()?;
        let second: i64 = match parts.next() {
            Some(s) if s.len() == 2 => s.parse().ok()?,
            Some(_) => return None,
            None => 0,
        };
        if parts.next().is_some() || hour > 23 || minute > 59 || second > 60 {
            return None;
        }
        let local = date.days_since_epoch() * 86_400 + hour * 3600 + minute * 60 + second;
        Some(Self::from_unix_seconds(local - offset_seconds))
    }
}

impl fmt::Display for VnDateTime {
    /// RFC 3339 with the Vietnam offset: `2026-11-24T07:30:05+07:00`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}T{}:{:02}+07:00",
            self.date(),
            self.time(),
            self.second()
        )
    }
}

impl Serialize for VnDateTime {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for VnDateTime {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        VnDateTime::parse(&text)
            .ok_or_else(|| serde::de::Error::custom("expected an RFC 3339 date and time"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u8, d: u8) -> IsoDate {
        IsoDate::new(y, m, d).unwrap()
    }

    #[test]
    fn clock_times_parse_and_print() {
        let check = |input: &str, expected: Option<&str>| {
            assert_eq!(
                ClockTime::parse(input).map(|t| t.to_string()).as_deref(),
                expected,
                "{input:?}"
            );
        };
        check("07:00", Some("07:00"));
        check("16:30:00", Some("16:30"));
        check("23:59", Some("23:59"));
        check("24:00", None);
        check("7:00", None);
        check("07:60", None);
        check("07:00:0x", None);
        check("07:00:00:00", None);
        check("", None);
    }

    #[test]
    fn moments_print_in_vietnam_time() {
        let m = VnDateTime::at(date(2026, 11, 24), ClockTime::new(7, 30).unwrap());
        assert_eq!(m.to_string(), "2026-11-24T07:30:00+07:00");
        assert_eq!(m.display_vn(), "07:30 24/11/2026");
        // 00:30 local is still the previous day in UTC.
        let early = VnDateTime::at(date(2026, 1, 1), ClockTime::new(0, 30).unwrap());
        assert_eq!(early.date(), date(2026, 1, 1));
        assert_eq!(early.unix_seconds() % 86_400, 17 * 3600 + 30 * 60);
    }

    #[test]
    fn parse_accepts_offsets_and_converts() {
        let check = |input: &str, expected: Option<&str>| {
            assert_eq!(
                VnDateTime::parse(input).map(|t| t.to_string()).as_deref(),
                expected,
                "{input:?}"
            );
        };
        check(
            "2026-11-24T07:30:00+07:00",
            Some("2026-11-24T07:30:00+07:00"),
        );
        check("2026-11-24T00:30:00Z", Some("2026-11-24T07:30:00+07:00"));
        check(
            "2026-11-23T19:30:00-05:00",
            Some("2026-11-24T07:30:00+07:00"),
        );
        check(
            "2026-11-24T07:30:00.123+07:00",
            Some("2026-11-24T07:30:00+07:00"),
        );
        check("2026-11-24T07:30+07:00", Some("2026-11-24T07:30:00+07:00"));
        check("2026-11-24T07:30:00", Some("2026-11-24T07:30:00+07:00"));
        check("2026-11-24T17:30:00Z", Some("2026-11-25T00:30:00+07:00"));
        check("2026-11-24", None);
        check("2026-11-24T25:00:00Z", None);
        check("2026-11-24T07:30:00+7:00", None);
        check("2026-02-30T07:30:00Z", None);
        check("garbage", None);
    }

    #[test]
    fn arithmetic() {
        let m = VnDateTime::at(date(2026, 11, 24), ClockTime::new(23, 50).unwrap());
        assert_eq!(m.add_minutes(20).to_string(), "2026-11-25T00:10:00+07:00");
        assert_eq!(m.minutes_until(m.add_minutes(95)), 95);
        assert_eq!(m.add_seconds(-1).time().to_string(), "23:49");
        assert_eq!(VnDateTime::from_unix_ms(m.unix_ms() + 999), m);
    }

    #[test]
    fn serde_round_trip() {
        let m = VnDateTime::at(date(2026, 11, 24), ClockTime::new(7, 0).unwrap());
        let json = serde_json::to_string(&m).unwrap();
        assert_eq!(json, "\"2026-11-24T07:00:00+07:00\"");
        assert_eq!(serde_json::from_str::<VnDateTime>(&json).unwrap(), m);
        let t: ClockTime = serde_json::from_str("\"13:30\"").unwrap();
        assert_eq!(t.minutes(), 13 * 60 + 30);
    }
}
