//! A citizen's health history: visits (Encounter) with diagnoses (Condition), measurements and
//! lab results (Observation, DiagnosticReport), prescriptions (MedicationRequest),
//! vaccinations (Immunization), allergies and family history.
//!
//! A history is planned first (long-term conditions with onsets and drug regimens, the visits
//! they cause, acute illnesses, check-ups, pregnancies, vaccinations), then emitted in date
//! order. Values follow simple physiological models (blood pressure that falls when treatment
//! starts, glucose that drifts, growth curves), so trends look like real ones.

use super::Builder;
use super::catalog::{self, Acute, AllergySpec, ChronicKey, Dept, EpiDose, Icd, Panel, VitalSign};
use super::facilities::{Facility, Kind};
use super::fhir::{self, At};
use super::people::{Citizen, Demo, Population};
use super::rng::{Rng, mix};
use serde_json::{Value, json};
use shared::date::IsoDate;
use shared::fhir::{CS_OBSERVATION_CATEGORY, SYSTEM_ICD10, SYSTEM_LOINC, loinc};
use shared::id::Sex;

/// Personal physiology: growth, blood pressure, glucose and lab values over time.
mod body;
/// Laying out a history: problems, allergies and the visits they cause.
mod plan;
/// Re-exam appointments, referral slips, procedures, imaging, birth record, disabilities.
mod records;
/// What happens at each kind of visit.
mod visits;

const CONDITION_CLINICAL: &str = "http://terminology.hl7.org/CodeSystem/condition-clinical";
const CONDITION_VERIFICATION: &str = "http://terminology.hl7.org/CodeSystem/condition-ver-status";
const CONDITION_CATEGORY: &str = "http://terminology.hl7.org/CodeSystem/condition-category";
const ALLERGY_CLINICAL: &str = "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical";
const ALLERGY_VERIFICATION: &str =
    "http://terminology.hl7.org/CodeSystem/allergyintolerance-verification";

/// Years of ordinary history kept for adults (chronic patients have more).
const ADULT_HISTORY_YEARS: i32 = 5;
/// Years of chronic follow-up kept for ordinary (non-demo) patients.
const FOLLOW_UP_YEARS: i32 = 3;

fn date(y: i32, m: u8, d: u8) -> IsoDate {
    IsoDate::new(y, m, d).unwrap_or(IsoDate::from_days_since_epoch(0))
}

fn years_between(from: IsoDate, to: IsoDate) -> f64 {
    (to.days_since_epoch() - from.days_since_epoch()) as f64 / 365.25
}

/// A drug taken for a problem during a period.
#[derive(Debug)]
struct Regimen {
    drug: &'static str,
    from: IsoDate,
    until: Option<IsoDate>,
}

/// A long-term condition on the problem list.
#[derive(Debug)]
struct Problem {
    key: ChronicKey,
    onset: IsoDate,
    condition_id: String,
    regimen: Vec<Regimen>,
    /// Where it was diagnosed.
    facility: usize,
    /// Emitted yet (at its diagnosis visit, or up front when diagnosed before the window).
    emitted: bool,
}

impl Problem {
    fn chronic(&self) -> &'static catalog::Chronic {
        catalog::chronic(self.key)
    }
}

/// A period of regular follow-up at one facility.
#[derive(Debug)]
struct CareSegment {
    from: IsoDate,
    until: IsoDate,
    facility: usize,
    interval_days: i64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Smoking {
    Never,
    Former,
    Current,
}

/// Personal physiology the measurements are drawn around.
#[derive(Debug)]
struct Body {
    /// Growth percentile as a z-score (children) and adult height.
    height_z: f64,
    adult_height: f64,
    bmi0: f64,
    bmi_slope: f64,
    sbp0: f64,
    dbp0: f64,
    sbp_treated: f64,
    hr0: f64,
    glucose_base: f64,
    glucose_control: f64,
    cholesterol_base: f64,
    smoking: Smoking,
    drinks_per_day: f64,
    activity_days: i64,
    blood_group: (&'static str, &'static str, &'static str),
}

#[derive(Debug)]
enum VisitKind {
    /// First visit for long-term problems (indices into `problems`).
    Diagnosis(Vec<usize>),
    FollowUp {
        facility: usize,
        interval_days: i64,
        n: u32,
    },
    /// Yearly specialist review of a chronic patient at a hospital.
    Review {
        facility: usize,
    },
    Acute {
        acute: &'static Acute,
        admitted: bool,
    },
    /// Admission for uncontrolled diabetes (the demo citizen's 2019 stay).
    Hyperglycaemia {
        facility: usize,
    },
    AllergyReaction {
        facility: usize,
    },
    CheckUp {
        school: bool,
        last: bool,
    },
    Antenatal {
        facility: usize,
        week: i64,
        /// A tetanus (VAT) dose is given at this visit.
        tetanus: bool,
    },
    Delivery {
        facility: usize,
        caesarean: bool,
    },
    Newborn {
        facility: usize,
    },
    Epi(Vec<&'static EpiDose>),
}

#[derive(Debug)]
struct Planned {
    date: IsoDate,
    kind: VisitKind,
}

/// An emitted encounter, for the resources recorded during it.
#[derive(Clone, Debug)]
struct Enc {
    id: String,
    start: At,
    facility: usize,
    dept: usize,
    clinician: usize,
}

/// Everything needed while writing one citizen's history.
struct History<'a> {
    b: &'a mut Builder,
    rng: &'a mut Rng,
    /// A second stream for the records added after the first dataset shipped (`records.rs`):
    /// drawing them from `rng` would have changed every later value of the history.
    extra: Rng,
    pop: &'a Population,
    c: &'a Citizen,
    facilities: &'a [Facility],
    today: IsoDate,
    /// Last day anything may happen on: histories end yesterday.
    last_day: IsoDate,
    body: Body,
    problems: Vec<Problem>,
    allergies: Vec<&'static AllergySpec>,
    encounters: Vec<Enc>,
    blood_group_recorded: bool,
    /// Tetanus doses given in pregnancies so far: later pregnancies get booster doses.
    tetanus_doses: u32,
}

/// Writes the history of citizen `index`.
pub fn history(
    b: &mut Builder,
    rng: &mut Rng,
    pop: &Population,
    index: usize,
    facilities: &[Facility],
) {
    let c = &pop.citizens[index];
    let today = b.today;
    let body = body::plan_body(rng, c, today);
    let extra = Rng::fork(b.seed, 3_000_000 + index as u64);
    let mut h = History {
        b,
        rng,
        extra,
        pop,
        c,
        facilities,
        today,
        last_day: today.add_days(-1),
        body,
        problems: Vec::new(),
        allergies: Vec::new(),
        encounters: Vec::new(),
        blood_group_recorded: false,
        tetanus_doses: 0,
    };
    h.plan_problems();
    h.plan_allergies();
    let mut visits = h.plan_visits();
    // Stable order: by date, ties keep planning order (a diagnosis before its follow-up).
    visits.sort_by_key(|v| v.date);
    for visit in visits {
        h.visit(visit);
    }
    h.adult_vaccines();
    h.record_allergies();
    h.family_history();
    h.home_blood_pressure();
    h.disabilities();
}

impl History<'_> {
    fn age_on(&self, d: IsoDate) -> i32 {
        self.c.person.birth.years_until(d)
    }

    fn age_years_f(&self, d: IsoDate) -> f64 {
        years_between(self.c.person.birth, d)
    }

    fn has(&self, key: ChronicKey, on: IsoDate) -> bool {
        self.problems.iter().any(|p| p.key == key && p.onset <= on)
    }

    fn problem(&self, key: ChronicKey) -> Option<&Problem> {
        self.problems.iter().find(|p| p.key == key)
    }

    fn demo(&self) -> Option<Demo> {
        self.c.demo
    }

    /// First day of the kept history.
    fn window_start(&self) -> IsoDate {
        let birth = self.c.person.birth;
        let start = match self.demo() {
            Some(Demo::ChronicElder) => date(2009, 1, 1),
            Some(Demo::CaredElder) => self.today.add_days(-9 * 365),
            _ if self.age_on(self.today) < 18 => birth,
            _ => self.today.add_days(-i64::from(ADULT_HISTORY_YEARS) * 365),
        };
        start.max(birth)
    }

    fn facility_index(&self, code: &str) -> usize {
        self.facilities
            .iter()
            .position(|f| f.code == code)
            .unwrap_or(self.c.registered)
    }

    /// A facility of the citizen's province among `kinds`, else the registered one.
    fn facility_of(&mut self, kinds: &[Kind]) -> usize {
        let code = self.c.province.code;
        let options: Vec<usize> = (0..self.facilities.len())
            .filter(|&i| {
                self.facilities[i].province.code == code && kinds.contains(&self.facilities[i].kind)
            })
            .collect();
        if options.is_empty() {
            self.c.registered
        } else {
            *self.rng.pick(&options)
        }
    }

    fn hospital(&mut self) -> usize {
        self.facility_of(&[Kind::Provincial, Kind::Regional, Kind::CentralGeneral])
    }

    /// Where a child of this citizen was (or this citizen was) born: a hospital with a
    /// maternity ward in the province, chosen from the child's id so the mother's delivery
    /// and the newborn's first vaccines name the same place.
    fn birth_facility(&self, child: &Citizen) -> usize {
        let options: Vec<usize> = (0..self.facilities.len())
            .filter(|&i| {
                let f = &self.facilities[i];
                f.province.code == child.province.code
                    && f.kind.is_hospital()
                    && f.treats(Dept::Obstetrics)
            })
            .collect();
        if options.is_empty() {
            return child.registered;
        }
        let h = u64::from_str_radix(&child.id, 16).unwrap_or(0);
        options[(mix(h) % options.len() as u64) as usize]
    }

    /// A vaccination point: the registered station, else a station of the province.
    fn station(&mut self) -> usize {
        if self.facilities[self.c.registered].kind == Kind::Station {
            self.c.registered
        } else {
            self.facility_of(&[Kind::Station])
        }
    }

    fn clinic_minute(&mut self) -> u32 {
        if self.rng.chance(0.72) {
            self.rng.range(7 * 60, 11 * 60) as u32
        } else {
            self.rng.range(13 * 60 + 30, 16 * 60) as u32
        }
    }

    // ----------------------------------------------------------------------------- emitting

    fn visit(&mut self, v: Planned) {
        match v.kind {
            VisitKind::Diagnosis(problems) => self.diagnosis_visit(v.date, &problems),
            VisitKind::FollowUp {
                facility,
                interval_days,
                n,
            } => self.follow_up(v.date, facility, interval_days, n),
            VisitKind::Review { facility } => self.review(v.date, facility),
            VisitKind::Acute { acute, admitted } => self.acute(v.date, acute, admitted),
            VisitKind::Hyperglycaemia { facility } => self.hyperglycaemia(v.date, facility),
            VisitKind::AllergyReaction { facility } => self.allergy_reaction(v.date, facility),
            VisitKind::CheckUp { school, last } => self.checkup(v.date, school, last),
            VisitKind::Antenatal {
                facility,
                week,
                tetanus,
            } => self.antenatal(v.date, facility, week, tetanus),
            VisitKind::Delivery {
                facility,
                caesarean,
            } => self.delivery(v.date, facility, caesarean),
            VisitKind::Newborn { facility } => self.newborn(v.date, facility),
            VisitKind::Epi(doses) => self.epi_session(v.date, &doses),
        }
    }

    fn emit_problem_if_needed(&mut self, i: usize, enc: Option<&Enc>) {
        if self.problems[i].emitted {
            return;
        }
        self.problems[i].emitted = true;
        let p = &self.problems[i];
        let chronic = p.chronic();
        let id = p.condition_id.clone();
        let onset = p.onset;
        let recorder = match enc {
            Some(e) => self.role_ref(e),
            None => {
                let f = &self.facilities[p.facility];
                let dept = f.department_for(chronic.dept);
                let cl = &dept.clinicians[0];
                fhir::reference(
                    "PractitionerRole",
                    &cl.role_id,
                    &format!("{} — {}", cl.display, f.name),
                )
            }
        };
        let mut condition = json!({
            "resourceType": "Condition",
            "id": id,
            "clinicalStatus": fhir::concept(CONDITION_CLINICAL, "active", "Active", "Đang điều trị"),
            "verificationStatus": fhir::concept(CONDITION_VERIFICATION, "confirmed", "Confirmed", "Đã xác định"),
            "category": [fhir::concept(CONDITION_CATEGORY, "problem-list-item", "Problem List Item", "Bệnh mạn tính")],
            "code": icd_concept(&chronic.icd),
            "subject": self.c.reference(),
            "onsetDateTime": onset.to_string(),
            "recordedDate": enc.map_or(onset.to_string(), |e| e.start.to_string()),
            "recorder": recorder,
        });
        if let Some(e) = enc {
            condition["encounter"] = json!({"reference": format!("Encounter/{}", e.id)});
        }
        self.b.push(condition);
    }

    /// Opens an encounter and returns it; diagnoses are Condition ids with their display.
    #[allow(clippy::too_many_arguments)]
    fn encounter(
        &mut self,
        day: IsoDate,
        facility: usize,
        dept: Dept,
        class: &str,
        type_text: &str,
        reason: &str,
        stay_days: i64,
        diagnoses: &[(String, &str)],
    ) -> Enc {
        let f = &self.facilities[facility];
        // Children are seen by paediatrics wherever a general hospital has it; specialties
        // that treat all ages (ENT, eyes, teeth, skin, surgery, vaccination) keep them.
        let child_medicine = matches!(
            dept,
            Dept::General
                | Dept::InternalMedicine
                | Dept::Respiratory
                | Dept::Gastro
                | Dept::Infectious
                | Dept::Cardiology
                | Dept::Neurology
        );
        let dept = if self.age_on(day) < 16
            && child_medicine
            && f.kind != Kind::Children
            && f.treats(Dept::Paediatrics)
        {
            Dept::Paediatrics
        } else {
            dept
        };
        let dept_index = f
            .departments
            .iter()
            .position(|d| std::ptr::eq(d, f.department_for(dept)))
            .unwrap_or(0);
        let department = &f.departments[dept_index];
        let clinician = self.rng.below(department.clinicians.len() as u64) as usize;
        let cl = &department.clinicians[clinician];
        let room = &department.rooms[cl.room];
        let minute = if class == "AMB" {
            self.clinic_minute()
        } else {
            self.rng.range(6 * 60, 21 * 60) as u32
        };
        let start = At::new(day, minute);
        let end = if stay_days > 0 {
            At::new(
                day.add_days(stay_days),
                self.rng.range(8 * 60 + 30, 11 * 60) as u32,
            )
        } else {
            start.plus_minutes(self.rng.range(15, 75) as u32)
        };
        let class_display = match class {
            "IMP" => "inpatient encounter",
            "EMER" => "emergency",
            _ => "ambulatory",
        };
        let id = self.b.id();
        let mut encounter = json!({
            "resourceType": "Encounter",
            "id": id,
            "status": "finished",
            "class": fhir::coding(fhir::CS_V3_ACT_CODE, class, class_display),
            "type": [fhir::text(type_text)],
            "serviceType": fhir::text(department.name),
            "subject": self.c.reference(),
            "participant": [{
                "type": [fhir::concept("http://terminology.hl7.org/CodeSystem/v3-ParticipationType", "PPRF", "primary performer", "Bác sĩ khám")],
                "individual": fhir::reference("Practitioner", &cl.practitioner_id, &cl.display),
            }],
            "period": {"start": start.to_string(), "end": end.to_string()},
            "reasonCode": [fhir::text(reason)],
            "location": [{"location": fhir::reference("Location", &room.id, &room.name)}],
            "serviceProvider": f.reference(),
        });
        if !diagnoses.is_empty() {
            encounter["diagnosis"] = diagnoses
                .iter()
                .enumerate()
                .map(|(i, (cid, display))| {
                    json!({"condition": {"reference": format!("Condition/{cid}"), "display": display}, "rank": i + 1})
                })
                .collect();
        }
        if stay_days > 0 {
            encounter["hospitalization"] = json!({
                "dischargeDisposition": fhir::concept("http://terminology.hl7.org/CodeSystem/discharge-disposition", "home", "Home", "Ra viện, về nhà"),
            });
        }
        self.b.push(encounter);
        let enc = Enc {
            id,
            start,
            facility,
            dept: dept_index,
            clinician,
        };
        self.encounters.push(enc.clone());
        enc
    }

    fn clinician(&self, e: &Enc) -> &super::facilities::Clinician {
        &self.facilities[e.facility].departments[e.dept].clinicians[e.clinician]
    }

    /// "BS.CKI Lê Văn C — Bệnh viện Bạch Mai": the clinician in their role at the facility.
    fn role_ref(&self, e: &Enc) -> Value {
        let cl = self.clinician(e);
        fhir::reference(
            "PractitionerRole",
            &cl.role_id,
            &format!("{} — {}", cl.display, self.facilities[e.facility].name),
        )
    }

    fn practitioner_ref(&self, e: &Enc) -> Value {
        let cl = self.clinician(e);
        fhir::reference("Practitioner", &cl.practitioner_id, &cl.display)
    }

    /// A diagnosis made at this encounter; `resolved_after` days later it is over.
    fn encounter_diagnosis(&mut self, id: String, e: &Enc, icd: &Icd, resolved_after: Option<i64>) {
        let mut condition = json!({
            "resourceType": "Condition",
            "id": id,
            "verificationStatus": fhir::concept(CONDITION_VERIFICATION, "confirmed", "Confirmed", "Đã xác định"),
            "category": [fhir::concept(CONDITION_CATEGORY, "encounter-diagnosis", "Encounter Diagnosis", "Chẩn đoán")],
            "code": icd_concept(icd),
            "subject": self.c.reference(),
            "encounter": {"reference": format!("Encounter/{}", e.id)},
            "onsetDateTime": e.start.date.to_string(),
            "recordedDate": e.start.to_string(),
            "recorder": self.role_ref(e),
        });
        match resolved_after.map(|days| e.start.date.add_days(days)) {
            Some(end) if end <= self.last_day => {
                condition["clinicalStatus"] =
                    fhir::concept(CONDITION_CLINICAL, "resolved", "Resolved", "Đã khỏi");
                condition["abatementDateTime"] = json!(end.to_string());
            }
            _ => {
                condition["clinicalStatus"] =
                    fhir::concept(CONDITION_CLINICAL, "active", "Active", "Đang điều trị");
            }
        }
        self.b.push(condition);
    }

    fn observation(
        &mut self,
        e: Option<&Enc>,
        at: At,
        category: &str,
        code: Value,
        body: Value,
    ) -> String {
        let id = self.b.id();
        let category_display = match category {
            "vital-signs" => "Vital Signs",
            "laboratory" => "Laboratory",
            _ => "Social History",
        };
        let mut obs = json!({
            "resourceType": "Observation",
            "id": id,
            "status": "final",
            "category": [{"coding": [fhir::coding(CS_OBSERVATION_CATEGORY, category, category_display)]}],
            "code": code,
            "subject": self.c.reference(),
            "effectiveDateTime": at.to_string(),
        });
        match e {
            Some(e) => {
                obs["encounter"] = json!({"reference": format!("Encounter/{}", e.id)});
                obs["performer"] = json!([self.facilities[e.facility].reference()]);
            }
            None => obs["performer"] = json!([self.c.reference()]),
        }
        if let (Some(target), Value::Object(fields)) = (obs.as_object_mut(), body) {
            target.extend(fields);
        }
        self.b.push(obs);
        id
    }

    fn vital(&mut self, e: &Enc, at: At, sign: &VitalSign, value: f64) -> String {
        // Infants' weights are read to 10 g.
        let decimals = if sign.loinc == loinc::BODY_WEIGHT && value < 20.0 {
            2
        } else {
            sign.decimals
        };
        let concept = fhir::concept(SYSTEM_LOINC, sign.loinc, sign.display, sign.text);
        let quantity = fhir::quantity(value, sign.unit, sign.ucum, decimals);
        self.observation(
            Some(e),
            at,
            "vital-signs",
            concept,
            json!({"valueQuantity": quantity}),
        )
    }

    fn blood_pressure_at(&mut self, e: Option<&Enc>, at: At, sys: f64, dia: f64) -> String {
        let (sys, dia) = (sys.round(), dia.round().min(sys - 15.0));
        let component = |code: &str, display: &str, text: &str, v: f64| {
            json!({
                "code": fhir::concept(SYSTEM_LOINC, code, display, text),
                "valueQuantity": fhir::quantity(v, "mmHg", "mm[Hg]", 0),
            })
        };
        let flag = if sys >= 140.0 || dia >= 90.0 {
            fhir::interpretation(1.0, None, Some(0.0))
        } else if sys < 90.0 {
            fhir::interpretation(0.0, Some(1.0), None)
        } else {
            fhir::interpretation(0.0, None, None)
        };
        self.observation(
            e,
            at,
            "vital-signs",
            fhir::concept(SYSTEM_LOINC, loinc::BLOOD_PRESSURE, "Blood pressure panel with all children optional", "Huyết áp"),
            json!({
                "component": [
                    component(loinc::SYSTOLIC, "Systolic blood pressure", "Huyết áp tâm thu", sys),
                    component(loinc::DIASTOLIC, "Diastolic blood pressure", "Huyết áp tâm trương", dia),
                ],
                "interpretation": flag,
            }),
        )
    }

    /// Runs a lab panel at this encounter: one Observation per analyte and a DiagnosticReport.
    fn labs(&mut self, e: &Enc, panel: Panel, infection: Infection) -> String {
        let drawn = e.start.plus_minutes(20);
        let issued = drawn.plus_minutes(self.rng.range(90, 180) as u32);
        let male = self.c.person.sex == Sex::Male;
        let mut results = Vec::new();
        for key in panel.analytes() {
            let a = catalog::analyte(key);
            let value = fhir::round(self.lab_value(key, drawn.date, infection), a.decimals);
            let (low, high) = if male { a.male } else { a.female };
            let mut range = serde_json::Map::new();
            if let Some(l) = low {
                range.insert("low".into(), fhir::quantity(l, a.unit, a.ucum, a.decimals));
            }
            if let Some(h) = high {
                range.insert("high".into(), fhir::quantity(h, a.unit, a.ucum, a.decimals));
            }
            let id = self.observation(
                Some(e),
                drawn,
                "laboratory",
                fhir::concept(SYSTEM_LOINC, a.loinc, a.loinc_display, a.text),
                json!({
                    "issued": issued.to_string(),
                    "valueQuantity": fhir::quantity(value, a.unit, a.ucum, a.decimals),
                    "interpretation": fhir::interpretation(value, low, high),
                    "referenceRange": [Value::Object(range)],
                }),
            );
            results.push(id);
        }
        self.report(e, drawn, issued, panel, &results, None)
    }

    fn report(
        &mut self,
        e: &Enc,
        effective: At,
        issued: At,
        panel: Panel,
        results: &[String],
        conclusion: Option<String>,
    ) -> String {
        let (code, display, text) = panel.title();
        let id = self.b.id();
        let mut report = json!({
            "resourceType": "DiagnosticReport",
            "id": id,
            "status": "final",
            "category": [fhir::concept("http://terminology.hl7.org/CodeSystem/v2-0074", "LAB", "Laboratory", "Xét nghiệm")],
            "code": fhir::concept(SYSTEM_LOINC, code, display, text),
            "subject": self.c.reference(),
            "encounter": {"reference": format!("Encounter/{}", e.id)},
            "effectiveDateTime": effective.to_string(),
            "issued": issued.to_string(),
            "performer": [self.facilities[e.facility].reference()],
            "result": results.iter().map(|r| json!({"reference": format!("Observation/{r}")})).collect::<Vec<_>>(),
        });
        if let Some(c) = conclusion {
            report["conclusion"] = json!(c);
        }
        self.b.push(report);
        id
    }

    fn blood_group_once(&mut self, e: &Enc) {
        if self.blood_group_recorded {
            return;
        }
        self.blood_group_recorded = true;
        let (group, code, display) = self.body.blood_group;
        let at = e.start.plus_minutes(25);
        self.observation(
            Some(e),
            at,
            "laboratory",
            fhir::concept(SYSTEM_LOINC, "882-1", "ABO and Rh group [Type] in Blood", "Nhóm máu"),
            json!({"valueCodeableConcept": fhir::concept(fhir::SYSTEM_SNOMED, code, display, &format!("Nhóm máu {group}, Rh(D) dương tính"))}),
        );
    }

    fn allergic_to(&self, class: &str) -> bool {
        !class.is_empty() && self.allergies.iter().any(|a| a.class == class)
    }

    /// Child forms and allergy-safe substitutes for a drug, or `None` when not given.
    fn adapt_drug(&self, key: &'static str, age: i32) -> Option<&'static str> {
        let child = age < 12;
        let key = match key {
            "paracetamol" if child => "paracetamol_goi",
            "amoxicilin" if child => "amoxicilin_goi",
            "cetirizin" | "meloxicam" | "eperison" | "omeprazol" | "ciprofloxacin" if child => {
                return None;
            }
            k => k,
        };
        let drug = catalog::drug(key);
        if self.allergic_to(drug.class) {
            return match drug.class {
                "penicillin" if !child => Some("azithromycin"),
                "penicillin" => None,
                "nsaid" if key == "aspirin81" => Some("clopidogrel"),
                _ => Some(if child {
                    "paracetamol_goi"
                } else {
                    "paracetamol"
                }),
            };
        }
        Some(key)
    }

    fn prescribe(&mut self, e: &Enc, key: &'static str, days: i64, reason: Option<(&str, &str)>) {
        let drug = catalog::drug(key);
        let at = e.start.plus_minutes(30);
        let status = if at.date.add_days(days) >= self.today {
            "active"
        } else {
            "completed"
        };
        let quantity = (drug.per_day * days as f64).ceil().max(1.0);
        let id = self.b.id();
        let mut request = json!({
            "resourceType": "MedicationRequest",
            "id": id,
            "status": status,
            "intent": "order",
            "medicationCodeableConcept": {"coding": [{"system": fhir::SYSTEM_ATC, "code": drug.atc}], "text": drug.name},
            "subject": self.c.reference(),
            "encounter": {"reference": format!("Encounter/{}", e.id)},
            "authoredOn": at.to_string(),
            "requester": self.practitioner_ref(e),
            "dosageInstruction": [{"text": drug.instruction}],
            "dispenseRequest": {
                "quantity": {"value": quantity, "unit": drug.unit},
                "expectedSupplyDuration": {"value": days, "unit": "ngày", "system": shared::fhir::SYSTEM_UCUM, "code": "d"},
                "performer": self.facilities[e.facility].reference(),
            },
        });
        if let Some((cid, display)) = reason {
            request["reasonReference"] =
                json!([{"reference": format!("Condition/{cid}"), "display": display}]);
        }
        self.b.push(request);
    }

    /// Refills for every long-term drug taken on `d`.
    fn refill(&mut self, e: &Enc, d: IsoDate, days: i64) {
        let mut drugs: Vec<(&'static str, String, &'static str)> = Vec::new();
        for p in &self.problems {
            if p.onset > d {
                continue;
            }
            for r in &p.regimen {
                if r.from <= d && r.until.is_none_or(|u| u > d) {
                    drugs.push((r.drug, p.condition_id.clone(), p.chronic().icd.display));
                }
            }
        }
        let age = self.age_on(d);
        for (key, cid, display) in drugs {
            if let Some(key) = self.adapt_drug(key, age) {
                self.prescribe(e, key, days, Some((&cid, display)));
            }
        }
    }

    fn immunization(
        &mut self,
        e: Option<&Enc>,
        at: At,
        facility: usize,
        vaccine: &str,
        dose: u32,
        series: &str,
    ) {
        if at.date > self.last_day || at.date < self.c.person.birth {
            return;
        }
        let v = catalog::vaccine(vaccine);
        let id = self.b.id();
        let lot = format!("{}{}", v.cvx.len() * 7 + 10, self.rng.digits(5));
        let mut imm = json!({
            "resourceType": "Immunization",
            "id": id,
            "status": "completed",
            "vaccineCode": {"coding": [fhir::coding(fhir::SYSTEM_CVX, v.cvx, v.cvx_display)], "text": v.text},
            "patient": self.c.reference(),
            "occurrenceDateTime": at.to_string(),
            "recorded": at.plus_minutes(10).to_string(),
            "primarySource": true,
            "lotNumber": lot,
            "performer": [{
                "function": fhir::concept("http://terminology.hl7.org/CodeSystem/v2-0443", "AP", "Administering Provider", "Đơn vị tiêm"),
                "actor": self.facilities[facility].reference(),
            }],
            "protocolApplied": [{
                "series": series,
                "targetDisease": [fhir::text(v.target)],
                "doseNumberPositiveInt": dose,
            }],
        });
        if let Some(e) = e {
            imm["encounter"] = json!({"reference": format!("Encounter/{}", e.id)});
        }
        self.b.push(imm);
    }
}

/// What kind of infection drives blood counts in a lab panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Infection {
    None,
    Viral,
    Bacterial,
    Dengue,
}

fn icd_concept(icd: &Icd) -> Value {
    fhir::concept(SYSTEM_ICD10, icd.code, icd.display, icd.display)
}
