//! Pure logic of the console's day views: counts per status, the clerk's filter (by room and by
//! name or code, accent-insensitive), finding where an appointment sits. No web APIs, so all of
//! it is tested natively.

use super::api::{AppointmentStatus, ClinicDay, ClinicEntry, ClinicRoom};
use shared::text;

/// How many appointments are in each status.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Every appointment that is not cancelled.
    pub total: usize,
    pub waiting: usize,
    pub checked_in: usize,
    pub no_show: usize,
    pub done: usize,
}

pub fn counts<'a>(entries: impl IntoIterator<Item = &'a ClinicEntry>) -> Counts {
    let mut c = Counts::default();
    for e in entries {
        match e.status {
            AppointmentStatus::Booked => c.waiting += 1,
            AppointmentStatus::CheckedIn => c.checked_in += 1,
            AppointmentStatus::NoShow => c.no_show += 1,
            AppointmentStatus::Done => c.done += 1,
            AppointmentStatus::Cancelled => continue,
        }
        c.total += 1;
    }
    c
}

/// Counts over every room of the day.
pub fn day_counts(day: &ClinicDay) -> Counts {
    counts(day.rooms.iter().flat_map(|r| &r.entries))
}

/// "Khoa Nội · Phòng 101 · BS. Trần An": how a doctor's list is named on screen.
pub fn room_label(room: &ClinicRoom) -> String {
    [&room.department, &room.room, &room.practitioner]
        .iter()
        .filter(|part| !part.is_empty())
        .map(|part| part.as_str())
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The filter's choices: one per doctor's list that has bookings, `(schedule id, label)`.
pub fn room_choices(day: &ClinicDay) -> Vec<(String, String)> {
    day.rooms
        .iter()
        .filter(|r| counts(&r.entries).total > 0)
        .map(|r| (r.schedule_id.clone(), room_label(r)))
        .collect()
}

/// The rooms to show: only `only` (a schedule id; every room when empty), each with only the
/// appointments that match `query` (name or booking code, accents and dashes ignored).
/// Cancelled appointments stay out: nobody is coming for them. Rooms left empty are dropped.
pub fn shown_rooms(day: &ClinicDay, only: &str, query: &str) -> Vec<ClinicRoom> {
    let query = text::fold(query);
    let compact_query: String = query.chars().filter(|c| *c != ' ').collect();
    day.rooms
        .iter()
        .filter(|room| only.is_empty() || room.schedule_id == only)
        .filter_map(|room| {
            let entries: Vec<ClinicEntry> = room
                .entries
                .iter()
                .filter(|e| e.status != AppointmentStatus::Cancelled)
                .filter(|e| {
                    query.is_empty()
                        || text::fold(&e.patient_name).contains(&query)
                        || text::fold(&e.code)
                            .replace(' ', "")
                            .contains(&compact_query)
                })
                .cloned()
                .collect();
            (!entries.is_empty()).then(|| ClinicRoom {
                entries,
                ..room.clone()
            })
        })
        .collect()
}

/// The room (doctor's list) an appointment belongs to.
pub fn room_of<'a>(day: &'a ClinicDay, appointment_id: &str) -> Option<&'a ClinicRoom> {
    day.rooms
        .iter()
        .find(|r| r.entries.iter().any(|e| e.appointment_id == appointment_id))
}

/// Puts a changed appointment (from check-in or a status change) into the day.
pub fn record(day: &mut ClinicDay, changed: &ClinicEntry) {
    for room in &mut day.rooms {
        if let Some(entry) = room
            .entries
            .iter_mut()
            .find(|e| e.appointment_id == changed.appointment_id)
        {
            *entry = changed.clone();
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::clock::VnDateTime;
    use shared::date::IsoDate;
    use shared::dto::booking::{Address, FacilityBrief, FacilityLevel};

    fn entry(id: &str, name: &str, code: &str, status: AppointmentStatus) -> ClinicEntry {
        ClinicEntry {
            appointment_id: id.into(),
            code: code.into(),
            start: VnDateTime::from_unix_seconds(0),
            end: VnDateTime::from_unix_seconds(0),
            queue_number: 1,
            status,
            patient_name: name.into(),
            patient_birth_date: None,
            booked_by_other: false,
            declaration: None,
        }
    }

    fn room(schedule: &str, entries: Vec<ClinicEntry>) -> ClinicRoom {
        ClinicRoom {
            schedule_id: schedule.into(),
            department: "Khoa Nội".into(),
            department_id: "noi".into(),
            room: format!("Phòng {schedule}"),
            practitioner: "BS. Trần An".into(),
            entries,
            free: 0,
            held: 0,
            closed: 0,
        }
    }

    fn day() -> ClinicDay {
        use AppointmentStatus::*;
        ClinicDay {
            facility: FacilityBrief {
                code: "01001".into(),
                name: "Bệnh viện".into(),
                level: FacilityLevel::Basic,
                address: Address {
                    line: String::new(),
                    ward: String::new(),
                    province: String::new(),
                },
                phone: None,
            },
            date: IsoDate::new(2026, 11, 24).expect("date"),
            as_of: VnDateTime::from_unix_seconds(0),
            rooms: vec![
                room(
                    "101",
                    vec![
                        entry("a", "Nguyễn Văn Ánh", "ABCD-2345", Booked),
                        entry("b", "Trần Thị Bình", "EFGH-6789", CheckedIn),
                        entry("c", "Lê Văn Cường", "JKLM-2345", Cancelled),
                    ],
                ),
                room("102", vec![entry("d", "Phạm Đức", "NPQR-2345", NoShow)]),
                room("103", vec![]),
            ],
        }
    }

    #[test]
    fn counts_leave_out_cancelled_appointments() {
        assert_eq!(
            day_counts(&day()),
            Counts {
                total: 3,
                waiting: 1,
                checked_in: 1,
                no_show: 1,
                done: 0
            }
        );
    }

    #[test]
    fn the_filter_keeps_matching_rooms_and_appointments() {
        let ids = |rooms: Vec<ClinicRoom>| -> Vec<Vec<String>> {
            rooms
                .into_iter()
                .map(|r| r.entries.into_iter().map(|e| e.appointment_id).collect())
                .collect()
        };
        let day = day();
        assert_eq!(ids(shown_rooms(&day, "", "")), [vec!["a", "b"], vec!["d"]]);
        assert_eq!(ids(shown_rooms(&day, "102", "")), [vec!["d"]]);
        // Without diacritics, by part of the name, by code with or without its dash.
        assert_eq!(ids(shown_rooms(&day, "", "nguyen van")), [vec!["a"]]);
        assert_eq!(ids(shown_rooms(&day, "", "pham duc")), [vec!["d"]]);
        assert_eq!(ids(shown_rooms(&day, "", "efgh6789")), [vec!["b"]]);
        assert_eq!(ids(shown_rooms(&day, "", "efgh-67")), [vec!["b"]]);
        assert!(shown_rooms(&day, "", "cuong").is_empty(), "cancelled");
        assert_eq!(
            room_choices(&day),
            [
                (
                    "101".to_owned(),
                    "Khoa Nội · Phòng 101 · BS. Trần An".to_owned()
                ),
                (
                    "102".to_owned(),
                    "Khoa Nội · Phòng 102 · BS. Trần An".to_owned()
                ),
            ]
        );
    }

    #[test]
    fn changes_land_in_their_room() {
        let mut day = day();
        let mut changed = entry("d", "Phạm Đức", "NPQR-2345", AppointmentStatus::Booked);
        changed.queue_number = 7;
        record(&mut day, &changed);
        assert_eq!(
            room_of(&day, "d").map(|r| r.schedule_id.as_str()),
            Some("102")
        );
        assert_eq!(day.rooms[1].entries[0], changed);
        assert_eq!(room_of(&day, "zzz"), None);
    }
}
