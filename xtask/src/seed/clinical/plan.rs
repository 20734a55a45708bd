//! Planning a history: long-term problems with onsets and drug regimens, allergies, and the
//! visits they cause (follow-ups, reviews, acute illnesses, check-ups, pregnancies, vaccines).

use super::*;
use crate::seed::catalog::{
    self, ACUTE, ALLERGIES, Acute, AllergySpec, CHRONIC, ChronicKey, Dept, EPI, EpiDose,
};
use crate::seed::facilities::Kind;
use crate::seed::people::Demo;
use crate::seed::rng::Rng;
use shared::date::IsoDate;
use shared::id::Sex;

impl History<'_> {
    pub(super) fn add_problem(&mut self, key: ChronicKey, onset: IsoDate, facility: usize) {
        let chronic = catalog::chronic(key);
        let mut regimen = Vec::new();
        if let Some(first) = chronic.drugs.first() {
            regimen.push(Regimen {
                drug: first,
                from: onset,
                until: None,
            });
        }
        // Second-line drugs join after a few years for some; insulin only for long diabetes.
        for (i, drug) in chronic.drugs.iter().enumerate().skip(1) {
            let chance = if key == ChronicKey::Diabetes && i == 2 {
                0.15
            } else {
                0.4
            };
            if self.rng.chance(chance) {
                let after = self.rng.range(365 * 2, 365 * (3 + i as i64 * 2));
                regimen.push(Regimen {
                    drug,
                    from: onset.add_days(after),
                    until: None,
                });
            }
        }
        let condition_id = self.b.id();
        self.problems.push(Problem {
            key,
            onset,
            condition_id,
            regimen,
            facility,
            emitted: false,
        });
    }

    pub(super) fn add_fixed_problem(
        &mut self,
        key: ChronicKey,
        onset: IsoDate,
        facility: usize,
        regimen: &[(&'static str, IsoDate, Option<IsoDate>)],
    ) {
        let condition_id = self.b.id();
        self.problems.push(Problem {
            key,
            onset,
            condition_id,
            regimen: regimen
                .iter()
                .map(|(drug, from, until)| Regimen {
                    drug,
                    from: *from,
                    until: *until,
                })
                .collect(),
            facility,
            emitted: false,
        });
    }

    pub(super) fn plan_problems(&mut self) {
        match self.demo() {
            Some(Demo::ChronicElder) => {
                let dong_da = self.facility_index("01030");
                let bach_mai = self.facility_index("01001");
                self.add_fixed_problem(
                    ChronicKey::Hypertension,
                    date(2009, 4, 15),
                    dong_da,
                    &[
                        ("amlodipin", date(2009, 4, 15), None),
                        ("losartan", date(2014, 3, 10), None),
                    ],
                );
                self.add_fixed_problem(
                    ChronicKey::Diabetes,
                    date(2012, 9, 20),
                    dong_da,
                    &[
                        ("metformin", date(2012, 9, 20), None),
                        ("gliclazid", date(2015, 3, 16), Some(date(2019, 7, 20))),
                        ("insulin_mix", date(2019, 7, 20), None),
                    ],
                );
                self.add_fixed_problem(
                    ChronicKey::Dyslipidaemia,
                    date(2013, 3, 11),
                    bach_mai,
                    &[("atorvastatin", date(2013, 3, 11), None)],
                );
                self.add_fixed_problem(
                    ChronicKey::KneeOsteoarthritis,
                    date(2020, 5, 18),
                    bach_mai,
                    &[("glucosamin", date(2020, 5, 18), None)],
                );
                return;
            }
            Some(Demo::CaredElder) => {
                let hue = self.facility_index("46001");
                let station = self.c.registered;
                let t = self.today;
                self.add_fixed_problem(
                    ChronicKey::Hypertension,
                    date(2003, 6, 2),
                    station,
                    &[("amlodipin", date(2003, 6, 2), None)],
                );
                self.add_fixed_problem(
                    ChronicKey::HeartFailure,
                    t.add_days(-6 * 365 - 40),
                    hue,
                    &[
                        ("furosemid", t.add_days(-6 * 365 - 40), None),
                        ("spironolacton", t.add_days(-6 * 365 - 40), None),
                        ("bisoprolol", t.add_days(-5 * 365), None),
                    ],
                );
                self.add_fixed_problem(
                    ChronicKey::Ckd,
                    t.add_days(-4 * 365 - 100),
                    hue,
                    &[("calci_carbonat", t.add_days(-4 * 365 - 100), None)],
                );
                self.add_fixed_problem(
                    ChronicKey::KneeOsteoarthritis,
                    date(2012, 10, 1),
                    station,
                    &[],
                );
                self.add_fixed_problem(ChronicKey::Cataract, t.add_days(-3 * 365), hue, &[]);
                return;
            }
            Some(Demo::Smoker) => {
                let t = self.today;
                let hospital = self.facility_index("48001");
                self.add_fixed_problem(
                    ChronicKey::Dyslipidaemia,
                    t.add_days(-4 * 365 - 20),
                    hospital,
                    &[("atorvastatin", t.add_days(-4 * 365 - 20), None)],
                );
                self.add_fixed_problem(
                    ChronicKey::Gout,
                    t.add_days(-3 * 365 + 45),
                    hospital,
                    &[("allopurinol", t.add_days(-3 * 365 + 45), None)],
                );
                self.add_fixed_problem(ChronicKey::FattyLiver, t.add_days(-2 * 365), hospital, &[]);
                self.add_fixed_problem(
                    ChronicKey::AllergicRhinitis,
                    t.add_days(-6 * 365),
                    self.c.registered,
                    &[("fexofenadin", t.add_days(-6 * 365), None)],
                );
                return;
            }
            Some(_) => return,
            None => {}
        }
        let age = self.age_on(self.today) as f64;
        let male = self.c.person.sex == Sex::Male;
        let smoker = self.body.smoking != Smoking::Never;
        let chance = |key: ChronicKey, rng: &mut Rng| -> bool {
            use ChronicKey::*;
            let p = match key {
                Hypertension if age >= 35.0 => ((age - 30.0) * 0.012).min(0.55),
                Diabetes if age >= 40.0 => ((age - 35.0) * 0.005).min(0.18),
                Dyslipidaemia if age >= 35.0 => 0.12,
                Asthma if age >= 4.0 => 0.04,
                Copd if age >= 50.0 && smoker => 0.2,
                Copd if age >= 55.0 => 0.02,
                Gerd if age >= 18.0 => 0.06,
                KneeOsteoarthritis if age >= 55.0 => ((age - 50.0) * 0.01).min(0.35),
                Gout if male && age >= 35.0 => 0.05,
                HepatitisB if age >= 20.0 => 0.07,
                FattyLiver if age >= 30.0 => 0.08,
                Hypothyroidism if !male && age >= 30.0 => 0.03,
                AllergicRhinitis if (5.0..60.0).contains(&age) => 0.05,
                Cataract if age >= 65.0 => 0.25,
                _ => 0.0,
            };
            rng.chance(p)
        };
        let mut keys: Vec<ChronicKey> = CHRONIC
            .iter()
            .map(|c| c.key)
            .filter(|k| {
                !matches!(
                    k,
                    ChronicKey::IschaemicHeart | ChronicKey::HeartFailure | ChronicKey::Ckd
                )
            })
            .filter(|k| chance(*k, self.rng))
            .collect();
        let vascular =
            keys.contains(&ChronicKey::Hypertension) || keys.contains(&ChronicKey::Diabetes);
        if vascular && age >= 55.0 && self.rng.chance(0.15) {
            keys.push(ChronicKey::IschaemicHeart);
        }
        if keys.contains(&ChronicKey::Hypertension) && age >= 65.0 && self.rng.chance(0.12) {
            keys.push(ChronicKey::HeartFailure);
        }
        if vascular && age >= 60.0 && self.rng.chance(0.12) {
            keys.push(ChronicKey::Ckd);
        }
        if keys.contains(&ChronicKey::Diabetes)
            && !keys.contains(&ChronicKey::Dyslipidaemia)
            && self.rng.chance(0.3)
        {
            keys.push(ChronicKey::Dyslipidaemia);
        }
        for key in keys {
            let min_age = match key {
                ChronicKey::Asthma | ChronicKey::AllergicRhinitis => 4,
                ChronicKey::Cataract => 60,
                ChronicKey::HeartFailure | ChronicKey::Ckd | ChronicKey::IschaemicHeart => 55,
                _ => 30.min(age as i64 - 1),
            };
            let lo = (age as i64 - 20).max(min_age);
            let onset_age = self.rng.range(lo.min(age as i64), age as i64);
            let birth = self.c.person.birth;
            let onset = IsoDate::new(birth.year() + onset_age as i32, birth.month(), 1)
                .unwrap_or(birth)
                .add_days(self.rng.range(0, 364))
                .min(self.last_day.add_days(-30))
                .max(birth.add_days(365));
            let facility = match catalog::chronic(key).dept {
                Dept::Cardiology | Dept::Endocrinology | Dept::Nephrology | Dept::Infectious => {
                    self.hospital()
                }
                _ => {
                    if self.rng.chance(0.5) {
                        self.c.registered
                    } else {
                        self.hospital()
                    }
                }
            };
            self.add_problem(key, onset, facility);
        }
    }

    pub(super) fn plan_allergies(&mut self) {
        let pick = |text: &str| ALLERGIES.iter().find(|a| a.text == text);
        let fixed = match self.demo() {
            Some(Demo::ChronicElder) => pick("Penicillin"),
            Some(Demo::Pregnant) => pick("Hải sản (tôm, cua)"),
            Some(Demo::Smoker) => pick("Mạt bụi nhà"),
            Some(Demo::CaredElder) => pick("Thuốc chống viêm không steroid (NSAID)"),
            Some(_) => None,
            None => {
                if self.rng.chance(0.15) {
                    let child = self.age_on(self.today) < 16;
                    let options: Vec<&'static AllergySpec> =
                        ALLERGIES.iter().filter(|a| !child || a.child_ok).collect();
                    Some(*self.rng.pick(&options))
                } else {
                    None
                }
            }
        };
        self.allergies.extend(fixed);
    }

    pub(super) fn plan_visits(&mut self) -> Vec<Planned> {
        let mut out = Vec::new();
        let window = self.window_start();
        self.plan_chronic_care(&mut out, window);
        self.plan_acute(&mut out, window);
        self.plan_checkups(&mut out);
        self.plan_pregnancies(&mut out, window);
        self.plan_childhood(&mut out);
        if self.demo() == Some(Demo::ChronicElder) {
            out.push(Planned {
                date: date(2015, 6, 10),
                kind: VisitKind::AllergyReaction {
                    facility: self.facility_index("01001"),
                },
            });
            out.push(Planned {
                date: date(2019, 7, 14),
                kind: VisitKind::Hyperglycaemia {
                    facility: self.facility_index("01001"),
                },
            });
            if let Some(pneumonia) = ACUTE.iter().find(|a| a.icd.code == "J18.9") {
                out.push(Planned {
                    date: self.today.add_days(-2 * 365 - 20),
                    kind: VisitKind::Acute {
                        acute: pneumonia,
                        admitted: true,
                    },
                });
            }
        }
        out.retain(|p| p.date <= self.last_day && p.date >= self.c.person.birth);
        out
    }

    pub(super) fn plan_chronic_care(&mut self, out: &mut Vec<Planned>, window: IsoDate) {
        // Diagnosis visits inside the window.
        let mut by_date: Vec<(IsoDate, usize)> = Vec::new();
        for (i, p) in self.problems.iter().enumerate() {
            if p.onset >= window && p.onset <= self.last_day {
                by_date.push((p.onset, i));
            }
        }
        for (d, i) in by_date {
            out.push(Planned {
                date: d,
                kind: VisitKind::Diagnosis(vec![i]),
            });
        }
        let follow = self
            .problems
            .iter()
            .filter(|p| p.chronic().follow_up)
            .map(|p| p.onset)
            .min();
        let Some(first_onset) = follow else {
            return;
        };
        let segments = match self.demo() {
            Some(Demo::ChronicElder) => vec![
                CareSegment {
                    from: date(2009, 7, 15),
                    until: date(2015, 12, 31),
                    facility: self.facility_index("01030"),
                    interval_days: 90,
                },
                CareSegment {
                    from: date(2016, 1, 8),
                    until: self.last_day,
                    facility: self.c.registered,
                    interval_days: 30,
                },
            ],
            Some(Demo::CaredElder) => vec![CareSegment {
                from: window,
                until: self.last_day,
                facility: self.c.registered,
                interval_days: 30,
            }],
            _ => {
                let facility = match self.facilities[self.c.registered].kind {
                    Kind::Station | Kind::Clinic | Kind::Regional | Kind::Provincial => {
                        self.c.registered
                    }
                    _ => self.hospital(),
                };
                vec![CareSegment {
                    from: first_onset
                        .add_days(30)
                        .max(self.today.add_days(-i64::from(FOLLOW_UP_YEARS) * 365)),
                    until: self.last_day,
                    facility,
                    interval_days: *self.rng.pick(&[60, 90, 90]),
                }]
            }
        };
        for s in segments {
            let mut d = s.from;
            let mut n = 0;
            while d <= s.until {
                out.push(Planned {
                    date: d,
                    kind: VisitKind::FollowUp {
                        facility: s.facility,
                        interval_days: s.interval_days,
                        n,
                    },
                });
                n += 1;
                // Patients come back within a few days of the date the refill runs out.
                d = d.add_days(s.interval_days + self.rng.range(-3, 3));
            }
        }
        // Yearly specialist review for diabetes and heart or kidney disease.
        let serious = self.problems.iter().any(|p| {
            matches!(
                p.key,
                ChronicKey::Diabetes
                    | ChronicKey::IschaemicHeart
                    | ChronicKey::HeartFailure
                    | ChronicKey::Ckd
            )
        });
        let reviews = match self.demo() {
            Some(Demo::ChronicElder) => Some((self.facility_index("01001"), date(2013, 3, 11))),
            Some(Demo::CaredElder) => Some((self.facility_index("46001"), window.add_days(60))),
            Some(_) => None,
            None if serious && self.rng.chance(0.5) => {
                let f = self.facility_of(&[Kind::CentralGeneral, Kind::Provincial]);
                Some((f, first_onset.add_days(365).max(window)))
            }
            None => None,
        };
        if let Some((facility, mut d)) = reviews {
            while d <= self.last_day {
                out.push(Planned {
                    date: d,
                    kind: VisitKind::Review { facility },
                });
                d = d.add_days(365 + self.rng.range(-20, 20));
            }
        }
    }

    pub(super) fn acute_rate(age: i32) -> f64 {
        match age {
            0..2 => 1.6,
            2..6 => 1.2,
            6..15 => 0.5,
            15..40 => 0.3,
            40..60 => 0.4,
            _ => 0.55,
        }
    }

    pub(super) fn plan_acute(&mut self, out: &mut Vec<Planned>, window: IsoDate) {
        let start = window.max(self.today.add_days(-4 * 365));
        let mut d = start;
        loop {
            let rate = Self::acute_rate(self.age_on(d));
            let u = self.rng.unit();
            let gap = (-(1.0 - u).ln() / rate * 365.0).max(7.0) as i64;
            d = d.add_days(gap);
            if d > self.last_day {
                break;
            }
            let age = self.age_on(d);
            let options: Vec<(&'static Acute, u32)> = ACUTE
                .iter()
                .filter(|a| (a.min_age..=a.max_age).contains(&age))
                .map(|a| (a, a.weight))
                .collect();
            if options.is_empty() {
                continue;
            }
            let acute = *self.rng.weighted(&options);
            let admitted = self.rng.chance(f64::from(acute.admit_percent) / 100.0)
                && d <= self.today.add_days(-15);
            out.push(Planned {
                date: d,
                kind: VisitKind::Acute { acute, admitted },
            });
        }
    }

    pub(super) fn plan_checkups(&mut self, out: &mut Vec<Planned>) {
        let age = self.age_on(self.today);
        let group = self.c.card.as_ref().map(|c| c.group).unwrap_or("");
        let yearly = match self.demo() {
            Some(Demo::Pregnant | Demo::Smoker | Demo::Mother | Demo::Father) => true,
            Some(Demo::ChronicElder | Demo::CaredElder | Demo::Carer) => true,
            Some(Demo::Daughter) => true,
            Some(Demo::Toddler) => false,
            None => match age {
                6..18 => self.rng.chance(0.4),
                18..60 => {
                    let employed = matches!(group, "DN" | "HC" | "QN");
                    self.rng.chance(if employed { 0.6 } else { 0.15 })
                }
                60.. => self.rng.chance(0.4),
                _ => false,
            },
        };
        if !yearly {
            return;
        }
        let years = if self.demo().is_some() { 3 } else { 2 };
        // Each person has a usual month (companies book the whole staff at once).
        let offset = self.rng.range(20, 330);
        for y in 0..years {
            let d = self.today.add_days(-offset - 365 * y);
            if self.age_on(d) < 6 {
                continue;
            }
            out.push(Planned {
                date: d,
                kind: VisitKind::CheckUp {
                    school: self.age_on(d) < 18,
                    last: y == 0,
                },
            });
        }
    }

    pub(super) fn plan_pregnancies(&mut self, out: &mut Vec<Planned>, window: IsoDate) {
        if self.c.person.sex != Sex::Female {
            return;
        }
        let mut first_in_window = true;
        for &child in &self.c.born_children {
            let child = &self.pop.citizens[child];
            let birth = child.person.birth;
            // Deliveries before the window (or before records went digital) are not kept.
            if birth < window || birth > self.last_day {
                continue;
            }
            let facility = self.birth_facility(child);
            // Tetanus (VAT): two doses in a first pregnancy, one booster in later ones.
            for (week, first_only) in [(12, None), (20, Some(false)), (24, Some(true)), (32, None)]
            {
                let tetanus = first_only.is_some_and(|only_first| first_in_window || !only_first);
                out.push(Planned {
                    date: birth.add_days(-(40 - week) * 7 + self.rng.range(-3, 3)),
                    kind: VisitKind::Antenatal {
                        facility,
                        week,
                        tetanus,
                    },
                });
            }
            // Decided from the child so the child's birth record agrees; the draw is kept so
            // that the rest of this history's stream stays as it was.
            let _ = self.rng.chance(0.3);
            let caesarean = Self::born_by_caesarean(child);
            out.push(Planned {
                date: birth,
                kind: VisitKind::Delivery {
                    facility,
                    caesarean,
                },
            });
            first_in_window = false;
        }
        // A pregnancy in progress: demo citizen #1 and a few others.
        let age = self.age_on(self.today);
        let youngest = self
            .c
            .born_children
            .iter()
            .map(|&i| self.pop.citizens[i].person.birth)
            .max();
        let recently_delivered = youngest.is_some_and(|b| b > self.today.add_days(-600));
        let pregnant = match self.demo() {
            Some(Demo::Pregnant) => Some(189),
            Some(_) => None,
            None if (21..40).contains(&age) && !recently_delivered && self.rng.chance(0.04) => {
                Some(self.rng.range(60, 250))
            }
            None => None,
        };
        if let Some(days) = pregnant {
            let lmp = self.today.add_days(-days);
            let facility = if self.demo() == Some(Demo::Pregnant) {
                self.facility_index("79501")
            } else {
                self.facility_of(&[Kind::Clinic, Kind::Provincial, Kind::Regional])
            };
            let mut week = 8;
            while lmp.add_days(week * 7) <= self.last_day {
                let tetanus = week == 20 || (week == 24 && first_in_window);
                out.push(Planned {
                    date: lmp.add_days(week * 7),
                    kind: VisitKind::Antenatal {
                        facility,
                        week,
                        tetanus,
                    },
                });
                week += 4;
            }
        }
    }

    pub(super) fn plan_childhood(&mut self, out: &mut Vec<Planned>) {
        let birth = self.c.person.birth;
        if self.age_on(self.today) >= 18 || birth.year() < 2000 {
            return;
        }
        let birth_facility = self.birth_facility(self.c);
        out.push(Planned {
            date: birth,
            kind: VisitKind::Newborn {
                facility: birth_facility,
            },
        });
        // Some children miss a dose: the demo toddler misses the 18-month session.
        let skipped_age: Option<i64> = match self.demo() {
            Some(Demo::Toddler) => Some(548),
            Some(_) => None,
            None if self.rng.chance(0.12) => {
                let later: Vec<i64> = EPI.iter().map(|d| d.age_days).filter(|&a| a > 3).collect();
                Some(*self.rng.pick(&later))
            }
            None => None,
        };
        let mut sessions: Vec<(i64, Vec<&'static EpiDose>)> = Vec::new();
        for dose in EPI {
            if dose.age_days <= 3 || birth.year() < dose.since_birth_year {
                continue;
            }
            if Some(dose.age_days) == skipped_age {
                continue;
            }
            match sessions.iter_mut().find(|(a, _)| *a == dose.age_days) {
                Some((_, doses)) => doses.push(dose),
                None => sessions.push((dose.age_days, vec![dose])),
            }
        }
        // Sessions stay in order and at least two weeks apart, whatever the delays.
        let mut earliest = birth.add_days(30);
        for (age_days, doses) in sessions {
            // Vaccination days are fixed monthly at stations: most children come within a
            // week or two, some much later.
            let delay = if self.rng.chance(0.1) {
                self.rng.range(15, 60)
            } else {
                self.rng.range(0, 12)
            };
            let day = birth.add_days(age_days + delay).max(earliest);
            earliest = day.add_days(14);
            out.push(Planned {
                date: day,
                kind: VisitKind::Epi(doses),
            });
        }
    }
}
