//! Immunizations and, for children, the national EPI schedule.

use super::{first_date, provenance_of, record_ref};
use crate::fhir::model::{CodeableConcept, Immunization, Reference};
use shared::date::IsoDate;
use shared::dto::book::{EpiSchedule, ImmunizationItem};
use shared::epi;
use shared::fhir::SYSTEM_CVX;

fn usable(i: &Immunization) -> bool {
    !matches!(i.status.as_deref(), Some("entered-in-error" | "not-done"))
}

pub fn immunization_item(i: &Immunization) -> Option<ImmunizationItem> {
    if !usable(i) {
        return None;
    }
    let protocol = i.protocol_applied.first();
    let code = i.vaccine_code.code_in(SYSTEM_CVX).map(str::to_owned);
    let date = first_date(&[i.occurrence_date_time.as_deref(), i.recorded.as_deref()]);
    let actors: Vec<&Reference> = i
        .performer
        .iter()
        .filter_map(|p| p.actor.as_ref())
        .collect();
    Some(ImmunizationItem {
        record: record_ref("Immunization", i.id.as_ref())?,
        vaccine: i.vaccine_code.label()?,
        epi: code.as_deref().is_some_and(epi::is_epi_vaccine),
        code,
        target: protocol.and_then(|p| p.target_disease.iter().find_map(CodeableConcept::label)),
        dose: protocol.and_then(|p| {
            p.dose_number_positive_int
                .or_else(|| p.dose_number_string.as_deref()?.trim().parse().ok())
        }),
        series: protocol
            .and_then(|p| p.series.clone())
            .filter(|s| !s.trim().is_empty()),
        lot: i.lot_number.clone().filter(|l| !l.trim().is_empty()),
        source: provenance_of(date, &actors, i.meta.as_ref()),
    })
}

/// The items, newest first, and the EPI schedule for a child under 16 born on `birth`.
pub fn immunizations(
    list: &[Immunization],
    birth: Option<IsoDate>,
    today: IsoDate,
) -> (Vec<ImmunizationItem>, Option<EpiSchedule>) {
    let mut items: Vec<ImmunizationItem> = list.iter().filter_map(immunization_item).collect();
    items.sort_by(|a, b| {
        b.source
            .date
            .cmp(&a.source.date)
            .then_with(|| a.record.cmp(&b.record))
    });
    let schedule = birth
        .filter(|b| b.years_until(today) < epi::SCHEDULE_MAX_AGE && *b <= today)
        .map(|birth| {
            let given: Vec<epi::Given> = items
                .iter()
                .filter_map(|item| {
                    Some(epi::Given {
                        cvx: item.code.clone()?,
                        dose: item.dose,
                        date: item.source.date?,
                        record: item.record.clone(),
                    })
                })
                .collect();
            epi::evaluate(birth, today, &given)
        });
    (items, schedule)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use shared::dto::book::EpiStatus;

    fn imm(v: serde_json::Value) -> Immunization {
        serde_json::from_value(v).unwrap()
    }

    fn dose(id: &str, cvx: &str, text: &str, n: u32, date: &str) -> Immunization {
        imm(json!({
            "id": id, "status": "completed",
            "vaccineCode": {"coding": [{"system": SYSTEM_CVX, "code": cvx}], "text": text},
            "occurrenceDateTime": date, "lotNumber": "21012345",
            "performer": [{"actor": {"reference": "Organization/s1", "display": "Trạm Y tế Phường Cầu Giấy"}}],
            "protocolApplied": [{"series": "Tiêm chủng mở rộng", "targetDisease": [{"text": "Lao"}], "doseNumberPositiveInt": n}]
        }))
    }

    #[test]
    fn items_and_the_schedule_for_a_child() {
        let today = IsoDate::new(2026, 11, 23).unwrap();
        let birth = IsoDate::new(2026, 9, 1);
        let list = vec![
            dose(
                "i1",
                "08",
                "Viêm gan B sơ sinh",
                1,
                "2026-09-01T09:00:00+07:00",
            ),
            dose(
                "i2",
                "19",
                "BCG (phòng lao)",
                1,
                "2026-09-02T09:00:00+07:00",
            ),
            imm(json!({"id": "i3", "status": "entered-in-error", "vaccineCode": {"text": "x"}})),
            imm(
                json!({"id": "i4", "vaccineCode": {"text": "Cúm mùa"}, "protocolApplied": [{"doseNumberString": "2"}]}),
            ),
        ];
        let (items, schedule) = immunizations(&list, birth, today);
        assert_eq!(items.len(), 3);
        assert_eq!(items[0].record, "Immunization/i2");
        assert!(items[0].epi);
        assert_eq!(
            items[0].source.facility.as_deref(),
            Some("Trạm Y tế Phường Cầu Giấy")
        );
        assert_eq!(items[0].target.as_deref(), Some("Lao"));
        let undated = items
            .iter()
            .find(|i| i.record == "Immunization/i4")
            .unwrap();
        assert_eq!(
            (undated.dose, undated.epi, undated.code.as_deref()),
            (Some(2), false, None)
        );
        let s = schedule.unwrap();
        assert_eq!(s.done, 2);
        let penta1 = s
            .doses
            .iter()
            .find(|d| d.vaccine == "penta" && d.dose == 1)
            .unwrap();
        // Born 1 September: the 2-month doses were due 1 November, grace ends 1 December.
        assert_eq!(penta1.status, EpiStatus::Due);
        assert_eq!(
            s.doses
                .iter()
                .find(|d| d.vaccine == "bcg")
                .unwrap()
                .record
                .as_deref(),
            Some("Immunization/i2")
        );
    }

    #[test]
    fn no_schedule_for_adults_or_unknown_birth() {
        let today = IsoDate::new(2026, 11, 23).unwrap();
        assert!(
            immunizations(&[], IsoDate::new(1955, 3, 12), today)
                .1
                .is_none()
        );
        assert!(immunizations(&[], None, today).1.is_none());
        assert!(
            immunizations(&[], IsoDate::new(2011, 1, 1), today)
                .1
                .is_some()
        );
    }
}
