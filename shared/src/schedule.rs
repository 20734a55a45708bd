//! Slot arithmetic for clinic days: opening hours with a lunch break, slots of a fixed length,
//! queue order, "arrive by", and the booking window. Pure, so the seeder, the edge and the tests
//! agree on what a clinic day looks like.

use crate::clock::{ClockTime, VnDateTime};
use crate::date::IsoDate;
use crate::dto::booking::FacilityLevel;

/// How far ahead citizens may book: today and the next 30 days.
pub const BOOKING_WINDOW_DAYS: i64 = 30;

/// Day of the week.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    /// The weekday of `date` (1970-01-01 was a Thursday).
    pub fn of(date: IsoDate) -> Self {
        const ORDER: [Weekday; 7] = [
            Weekday::Thu,
            Weekday::Fri,
            Weekday::Sat,
            Weekday::Sun,
            Weekday::Mon,
            Weekday::Tue,
            Weekday::Wed,
        ];
        ORDER[date.days_since_epoch().rem_euclid(7) as usize]
    }

    pub fn is_weekend(self) -> bool {
        matches!(self, Weekday::Sat | Weekday::Sun)
    }
}

/// A stretch of clinic time, `[start, end)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Session {
    pub start: ClockTime,
    pub end: ClockTime,
}

/// Opening hours of one doctor on one day and how long a visit slot is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DayPlan {
    pub sessions: Vec<Session>,
    pub slot_minutes: u32,
}

/// A literal clock time (only called with valid constants).
fn at(h: u8, m: u8) -> ClockTime {
    ClockTime::new(h, m).unwrap_or(ClockTime::MIDNIGHT)
}

impl DayPlan {
    /// Public clinics' weekday hours: 07:00–11:30 and 13:30–16:30 (lunch 11:30–13:30).
    pub fn weekday(slot_minutes: u32) -> Self {
        Self {
            sessions: vec![
                Session {
                    start: at(7, 0),
                    end: at(11, 30),
                },
                Session {
                    start: at(13, 30),
                    end: at(16, 30),
                },
            ],
            slot_minutes,
        }
    }

    /// Saturday morning only (many hospitals run a Saturday outpatient clinic): 07:00–11:30.
    pub fn saturday_morning(slot_minutes: u32) -> Self {
        Self {
            sessions: vec![Session {
                start: at(7, 0),
                end: at(11, 30),
            }],
            slot_minutes,
        }
    }

    /// The slots of the day in order: each session is cut into whole slots; a remainder shorter
    /// than a slot is left unbooked (the doctor's catch-up time).
    pub fn slots(&self) -> Vec<Session> {
        let mut out = Vec::new();
        if self.slot_minutes == 0 {
            return out;
        }
        for s in &self.sessions {
            let mut start = s.start.minutes();
            while start + self.slot_minutes <= s.end.minutes() {
                if let (Some(a), Some(b)) = (
                    ClockTime::from_minutes(start),
                    ClockTime::from_minutes(start + self.slot_minutes),
                ) {
                    out.push(Session { start: a, end: b });
                }
                start += self.slot_minutes;
            }
        }
        out
    }
}

/// Slots `[from, to)` of `minutes` each, for a clinic adding slots by hand; `None` if the
/// request makes no sense (empty range, length outside 5–120 minutes, more than 96 slots).
pub fn slots_between(from: ClockTime, to: ClockTime, minutes: u32) -> Option<Vec<Session>> {
    if !(5..=120).contains(&minutes) || to <= from {
        return None;
    }
    let plan = DayPlan {
        sessions: vec![Session {
            start: from,
            end: to,
        }],
        slot_minutes: minutes,
    };
    let slots = plan.slots();
    (!slots.is_empty() && slots.len() <= 96).then_some(slots)
}

/// Whether `[a_start, a_end)` and `[b_start, b_end)` overlap.
pub fn overlaps(
    a_start: VnDateTime,
    a_end: VnDateTime,
    b_start: VnDateTime,
    b_end: VnDateTime,
) -> bool {
    a_start < b_end && b_start < a_end
}

/// Position of the slot starting at `start` among the doctor's slots that day (1-based), given
/// every slot start of that schedule-day in any order. Slots are numbered by start time, so a
/// patient's number does not change when someone else cancels.
pub fn queue_number(day_starts: &[VnDateTime], start: VnDateTime) -> u32 {
    1 + day_starts.iter().filter(|&&s| s < start).count() as u32
}

/// Minutes before the slot a patient should be at registration: hospitals check the BHYT card,
/// print the queue ticket and take vital signs; a commune station is quicker.
pub fn arrive_before_minutes(level: FacilityLevel) -> u32 {
    match level {
        FacilityLevel::Initial => 15,
        FacilityLevel::Basic | FacilityLevel::Specialised => 30,
    }
}

/// When to arrive for a visit starting at `start`.
pub fn arrive_by(start: VnDateTime, level: FacilityLevel) -> VnDateTime {
    start.add_minutes(-i64::from(arrive_before_minutes(level)))
}

/// Whether `date` may be booked on `today`: today … today + [`BOOKING_WINDOW_DAYS`].
pub fn in_booking_window(today: IsoDate, date: IsoDate) -> bool {
    let offset = date.days_since_epoch() - today.days_since_epoch();
    (0..=BOOKING_WINDOW_DAYS).contains(&offset)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u8, d: u8) -> IsoDate {
        IsoDate::new(y, m, d).unwrap()
    }

    fn t(h: u8, m: u8) -> ClockTime {
        ClockTime::new(h, m).unwrap()
    }

    #[test]
    fn weekdays() {
        let check = |d: IsoDate, w: Weekday| assert_eq!(Weekday::of(d), w, "{d}");
        check(date(1970, 1, 1), Weekday::Thu);
        check(date(2026, 11, 23), Weekday::Mon);
        check(date(2026, 11, 28), Weekday::Sat);
        check(date(2026, 11, 29), Weekday::Sun);
        check(date(2000, 2, 29), Weekday::Tue);
        check(date(1969, 12, 31), Weekday::Wed);
        assert!(Weekday::Sun.is_weekend() && !Weekday::Fri.is_weekend());
    }

    #[test]
    fn weekday_plans_skip_lunch() {
        let check = |minutes: u32, count: usize, last: &str| {
            let slots = DayPlan::weekday(minutes).slots();
            assert_eq!(slots.len(), count, "{minutes}-minute slots");
            assert_eq!(slots[0].start, t(7, 0));
            assert_eq!(slots.last().unwrap().end.to_string(), last);
            assert!(
                slots
                    .iter()
                    .all(|s| s.end <= t(11, 30) || s.start >= t(13, 30)),
                "no slot over lunch"
            );
        };
        // 4.5 h + 3 h of clinic time.
        check(15, 18 + 12, "16:30");
        check(20, 13 + 9, "16:30");
        check(30, 9 + 6, "16:30");
        // 45 minutes: 6 in the morning (ends 11:30), 4 in the afternoon (ends 16:30).
        check(45, 6 + 4, "16:30");
        assert_eq!(DayPlan::saturday_morning(30).slots().len(), 9);
        assert!(DayPlan::weekday(0).slots().is_empty());
    }

    #[test]
    fn manual_slots() {
        let check = |from, to, minutes, expected: Option<usize>| {
            assert_eq!(
                slots_between(from, to, minutes).map(|s| s.len()),
                expected,
                "{from}-{to}/{minutes}"
            )
        };
        check(t(7, 0), t(9, 0), 20, Some(6));
        check(t(7, 0), t(9, 10), 20, Some(6));
        check(t(9, 0), t(7, 0), 20, None);
        check(t(7, 0), t(7, 0), 20, None);
        check(t(7, 0), t(7, 10), 20, None);
        check(t(7, 0), t(9, 0), 4, None);
        check(t(7, 0), t(9, 0), 121, None);
        check(t(0, 0), t(23, 59), 5, None);
    }

    #[test]
    fn queue_and_arrival() {
        let d = date(2026, 11, 24);
        let starts: Vec<VnDateTime> = DayPlan::weekday(30)
            .slots()
            .iter()
            .rev()
            .map(|s| VnDateTime::at(d, s.start))
            .collect();
        assert_eq!(queue_number(&starts, VnDateTime::at(d, t(7, 0))), 1);
        assert_eq!(queue_number(&starts, VnDateTime::at(d, t(8, 30))), 4);
        assert_eq!(queue_number(&starts, VnDateTime::at(d, t(13, 30))), 10);
        let start = VnDateTime::at(d, t(7, 0));
        assert_eq!(
            arrive_by(start, FacilityLevel::Specialised).to_string(),
            "2026-11-24T06:30:00+07:00"
        );
        assert_eq!(
            arrive_by(start, FacilityLevel::Initial).to_string(),
            "2026-11-24T06:45:00+07:00"
        );
    }

    #[test]
    fn overlap_and_window() {
        let d = date(2026, 11, 24);
        let m = |h, mi| VnDateTime::at(d, t(h, mi));
        assert!(overlaps(m(7, 0), m(7, 30), m(7, 15), m(7, 45)));
        assert!(!overlaps(m(7, 0), m(7, 30), m(7, 30), m(8, 0)));
        assert!(overlaps(m(7, 0), m(9, 0), m(7, 30), m(8, 0)));
        let today = date(2026, 11, 23);
        assert!(in_booking_window(today, today));
        assert!(in_booking_window(today, date(2026, 12, 23)));
        assert!(!in_booking_window(today, date(2026, 12, 24)));
        assert!(!in_booking_window(today, date(2026, 11, 22)));
    }
}
