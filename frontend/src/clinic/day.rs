//! Pure logic of the console's day views: clock times in Vietnam, counts per status, grouping by
//! department and room, the clerk's filter, reading a booking code from what was typed or
//! scanned. No web APIs, so all of it is tested natively.

use super::api::{AppointmentStatus, ClinicAppointment, ClinicSlot};
use shared::date::{IsoDate, VN_OFFSET_SECONDS};

/// Minutes since the Unix epoch of an RFC 3339 instant (`2026-11-24T08:30:00+07:00`, `…Z`,
/// with or without seconds and fractions).
pub fn instant_minutes(iso: &str) -> Option<i64> {
    let date = IsoDate::parse(iso.get(..10)?)?;
    let rest = iso.get(10..)?;
    let rest = rest.strip_prefix('T').or_else(|| rest.strip_prefix(' '))?;
    let hour: i64 = rest.get(..2)?.parse().ok()?;
    let minute: i64 = rest.get(3..5)?.parse().ok()?;
    if rest.get(2..3)? != ":" || hour > 23 || minute > 59 {
        return None;
    }
    // The offset is what follows the time: `Z`, `+07:00`, `-03:30`; none means UTC+7 (a
    // local Vietnamese time).
    let tail = &rest[5..];
    let offset_at = tail.find(['Z', 'z', '+', '-']);
    let offset_minutes = match offset_at.map(|i| &tail[i..]) {
        None => VN_OFFSET_SECONDS / 60,
        Some(z) if z.eq_ignore_ascii_case("z") => 0,
        Some(sign_and_offset) => {
            let sign = if sign_and_offset.starts_with('-') {
                -1
            } else {
                1
            };
            let hh: i64 = sign_and_offset.get(1..3)?.parse().ok()?;
            let mm: i64 = sign_and_offset.get(4..6).unwrap_or("00").parse().ok()?;
            sign * (hh * 60 + mm)
        }
    };
    Some(date.days_since_epoch() * 24 * 60 + hour * 60 + minute - offset_minutes)
}

/// `HH:MM` in Vietnam for an instant, whatever offset it was written with.
pub fn clock_vn(iso: &str) -> String {
    match instant_minutes(iso) {
        Some(minutes) => {
            let local = (minutes + VN_OFFSET_SECONDS / 60).rem_euclid(24 * 60);
            format!("{:02}:{:02}", local / 60, local % 60)
        }
        None => iso.to_owned(),
    }
}

/// `HH:MM` in Vietnam now, from a Unix time in milliseconds (the "as of" stamp of a reload).
pub fn clock_vn_from_unix_ms(unix_ms: i64) -> String {
    let local = (unix_ms.div_euclid(60_000) + VN_OFFSET_SECONDS / 60).rem_euclid(24 * 60);
    format!("{:02}:{:02}", local / 60, local % 60)
}

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

pub fn counts<'a>(list: impl IntoIterator<Item = &'a ClinicAppointment>) -> Counts {
    let mut c = Counts::default();
    for a in list {
        match a.status {
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

/// The appointments of one room of one department (or of a department without rooms).
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    /// Stable key for the filter and for keyed lists: department id, then room id.
    pub key: String,
    pub department: String,
    pub room: Option<String>,
    pub appointments: Vec<ClinicAppointment>,
}

fn group_key(a: &ClinicAppointment) -> String {
    match &a.room {
        Some(room) => format!("{}/{}", a.department.id, room.id),
        None => a.department.id.clone(),
    }
}

/// The department/room choices for the filter, in the order of [`groups`].
pub fn group_choices(list: &[ClinicAppointment]) -> Vec<(String, String)> {
    groups(list, "", "")
        .into_iter()
        .map(|g| {
            let label = match &g.room {
                Some(room) => format!("{} · {room}", g.department),
                None => g.department.clone(),
            };
            (g.key, label)
        })
        .collect()
}

/// Appointments grouped by department then room (by name), each group in time order; only
/// the group `only` (a key, or every group when empty) and only appointments that match
/// `query`. Cancelled appointments stay out of the list: nobody is coming for them.
pub fn groups(list: &[ClinicAppointment], only: &str, query: &str) -> Vec<Group> {
    let query = fold(query.trim());
    let mut groups: Vec<Group> = Vec::new();
    for a in list {
        if a.status == AppointmentStatus::Cancelled {
            continue;
        }
        let key = group_key(a);
        if !only.is_empty() && key != only {
            continue;
        }
        if !query.is_empty()
            && !fold(&a.patient_name).contains(&query)
            && !fold(&a.code).contains(&query)
        {
            continue;
        }
        match groups.iter_mut().find(|g| g.key == key) {
            Some(group) => group.appointments.push(a.clone()),
            None => groups.push(Group {
                key,
                department: a.department.name.clone(),
                room: a.room.as_ref().map(|r| r.name.clone()),
                appointments: vec![a.clone()],
            }),
        }
    }
    groups.sort_by(|a, b| (&a.department, &a.room).cmp(&(&b.department, &b.room)));
    for group in &mut groups {
        group
            .appointments
            .sort_by_key(|a| (instant_minutes(&a.start), a.queue_number));
    }
    groups
}

/// The slots of one room of one department, in time order, with the doctors who see patients
/// there that day.
#[derive(Clone, Debug, PartialEq)]
pub struct SlotGroup {
    pub key: String,
    pub department: String,
    pub room: Option<String>,
    pub doctors: Vec<String>,
    pub slots: Vec<ClinicSlot>,
}

/// Slots grouped like [`groups`]: by department then room, each in time order.
pub fn slot_groups(slots: &[ClinicSlot]) -> Vec<SlotGroup> {
    let mut groups: Vec<SlotGroup> = Vec::new();
    for slot in slots {
        let key = match &slot.room {
            Some(room) => format!("{}/{}", slot.department.id, room.id),
            None => slot.department.id.clone(),
        };
        let index = match groups.iter().position(|g| g.key == key) {
            Some(index) => index,
            None => {
                groups.push(SlotGroup {
                    key,
                    department: slot.department.name.clone(),
                    room: slot.room.as_ref().map(|r| r.name.clone()),
                    doctors: Vec::new(),
                    slots: Vec::new(),
                });
                groups.len() - 1
            }
        };
        let group = &mut groups[index];
        if let Some(doctor) = &slot.practitioner
            && !group.doctors.contains(doctor)
        {
            group.doctors.push(doctor.clone());
        }
        group.slots.push(slot.clone());
    }
    groups.sort_by(|a, b| (&a.department, &a.room).cmp(&(&b.department, &b.room)));
    for group in &mut groups {
        group.slots.sort_by_key(|s| instant_minutes(&s.start));
    }
    groups
}

/// Lower case without Vietnamese diacritics, so a clerk typing "nguyen van" on a keyboard
/// without a Vietnamese input method finds "Nguyễn Văn".
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'ả' | 'ã' | 'ạ' | 'ă' | 'ằ' | 'ắ' | 'ẳ' | 'ẵ' | 'ặ' | 'â' | 'ầ' | 'ấ'
            | 'ẩ' | 'ẫ' | 'ậ' => 'a',
            'è' | 'é' | 'ẻ' | 'ẽ' | 'ẹ' | 'ê' | 'ề' | 'ế' | 'ể' | 'ễ' | 'ệ' => 'e',
            'ì' | 'í' | 'ỉ' | 'ĩ' | 'ị' => 'i',
            'ò' | 'ó' | 'ỏ' | 'õ' | 'ọ' | 'ô' | 'ồ' | 'ố' | 'ổ' | 'ỗ' | 'ộ' | 'ơ' | 'ờ' | 'ớ'
            | 'ở' | 'ỡ' | 'ợ' => 'o',
            'ù' | 'ú' | 'ủ' | 'ũ' | 'ụ' | 'ư' | 'ừ' | 'ứ' | 'ử' | 'ữ' | 'ự' => 'u',
            'ỳ' | 'ý' | 'ỷ' | 'ỹ' | 'ỵ' => 'y',
            'đ' => 'd',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::api::NamedRef;
    use super::*;

    #[test]
    fn clock_times_are_vietnamese_whatever_the_offset() {
        for (iso, expected) in [
            ("2026-11-24T08:30:00+07:00", "08:30"),
            ("2026-11-24T01:30:00Z", "08:30"),
            ("2026-11-24T01:30:00.000Z", "08:30"),
            ("2026-11-23T20:00:00-05:00", "08:00"),
            ("2026-11-24T08:30", "08:30"),
            ("2026-11-24T17:05:00+07:00", "17:05"),
            ("not a time", "not a time"),
        ] {
            assert_eq!(clock_vn(iso), expected, "{iso}");
        }
        assert_eq!(
            instant_minutes("2026-11-24T08:30:00+07:00"),
            instant_minutes("2026-11-24T01:30:00Z")
        );
        // 2026-11-24T01:30Z.
        assert_eq!(clock_vn_from_unix_ms(1_795_483_800_000), "08:30");
    }

    fn appointment(
        id: &str,
        dept: &str,
        room: Option<&str>,
        start: &str,
        status: AppointmentStatus,
    ) -> ClinicAppointment {
        ClinicAppointment {
            id: id.into(),
            code: format!("CODE{id}"),
            start: format!("2026-11-24T{start}:00+07:00"),
            end: format!("2026-11-24T{start}:00+07:00"),
            department: NamedRef {
                id: dept.into(),
                name: format!("Khoa {dept}"),
            },
            room: room.map(|r| NamedRef {
                id: r.into(),
                name: format!("Phòng {r}"),
            }),
            practitioner: None,
            patient_name: format!("Nguyễn Văn {id}"),
            patient_birth_year: None,
            queue_number: None,
            status,
        }
    }

    #[test]
    fn counts_leave_out_cancelled_appointments() {
        use AppointmentStatus::*;
        let list = [
            appointment("1", "noi", None, "08:00", Booked),
            appointment("2", "noi", None, "08:15", CheckedIn),
            appointment("3", "noi", None, "08:30", NoShow),
            appointment("4", "noi", None, "08:45", Done),
            appointment("5", "noi", None, "09:00", Cancelled),
            appointment("6", "noi", None, "09:15", Booked),
        ];
        assert_eq!(
            counts(&list),
            Counts {
                total: 5,
                waiting: 2,
                checked_in: 1,
                no_show: 1,
                done: 1
            }
        );
    }

    #[test]
    fn groups_by_department_and_room_in_time_order() {
        use AppointmentStatus::*;
        let list = [
            appointment("a", "noi", Some("101"), "09:00", Booked),
            appointment("b", "nhi", Some("201"), "08:00", Booked),
            appointment("c", "noi", Some("101"), "08:00", CheckedIn),
            appointment("d", "noi", Some("102"), "07:30", Booked),
            appointment("e", "noi", Some("101"), "07:00", Cancelled),
        ];
        let shape = |groups: Vec<Group>| -> Vec<(String, Vec<String>)> {
            groups
                .into_iter()
                .map(|g| (g.key, g.appointments.into_iter().map(|a| a.id).collect()))
                .collect()
        };
        assert_eq!(
            shape(groups(&list, "", "")),
            [
                ("nhi/201".to_owned(), vec!["b".to_owned()]),
                ("noi/101".to_owned(), vec!["c".to_owned(), "a".to_owned()]),
                ("noi/102".to_owned(), vec!["d".to_owned()]),
            ]
        );
        assert_eq!(
            shape(groups(&list, "noi/101", "")),
            [("noi/101".to_owned(), vec!["c".to_owned(), "a".to_owned()])]
        );
        // Without diacritics, and by code.
        assert_eq!(shape(groups(&list, "", "nguyen van d")).len(), 1);
        assert_eq!(shape(groups(&list, "", "codea")).len(), 1);
        assert_eq!(
            group_choices(&list)[0],
            ("nhi/201".to_owned(), "Khoa nhi · Phòng 201".to_owned())
        );
    }

    #[test]
    fn slots_are_grouped_by_room_in_time_order_with_their_doctors() {
        use super::super::api::SlotStatus;
        let slot = |id: &str, room: &str, start: &str, doctor: &str| ClinicSlot {
            id: id.into(),
            start: format!("2026-11-24T{start}:00+07:00"),
            end: format!("2026-11-24T{start}:00+07:00"),
            department: NamedRef {
                id: "noi".into(),
                name: "Khoa Nội".into(),
            },
            room: Some(NamedRef {
                id: room.into(),
                name: format!("Phòng {room}"),
            }),
            practitioner: Some(doctor.into()),
            status: SlotStatus::Free,
        };
        let groups = slot_groups(&[
            slot("b", "102", "08:00", "BS. An"),
            slot("a", "101", "08:15", "BS. Bình"),
            slot("c", "101", "07:00", "BS. Bình"),
            slot("d", "101", "09:00", "BS. Chi"),
        ]);
        assert_eq!(groups.len(), 2);
        assert_eq!(groups[0].key, "noi/101");
        assert_eq!(groups[0].doctors, ["BS. Bình", "BS. Chi"]);
        let ids: Vec<&str> = groups[0].slots.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["c", "a", "d"]);
    }

    #[test]
    fn folding_drops_vietnamese_marks() {
        assert_eq!(fold("Nguyễn Thị Đào"), "nguyen thi dao");
        assert_eq!(fold("TRẦN ỨNG"), "tran ung");
    }
}
