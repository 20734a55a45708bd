//! Personal physiology: the values measurements are drawn around. Blood pressure falls when
//! treatment starts, glucose drifts and spikes, children follow growth curves.

use super::*;
use crate::seed::catalog::{self, ChronicKey};
use crate::seed::fhir::At;
use crate::seed::people::{Citizen, Demo};
use crate::seed::rng::Rng;
use shared::date::IsoDate;
use shared::id::Sex;

pub(super) fn plan_body(rng: &mut Rng, c: &Citizen, today: IsoDate) -> Body {
    let male = c.person.sex == Sex::Male;
    let age = c.person.birth.years_until(today);
    let height_z = rng.normal(0.0, 1.0);
    // Vietnamese adult height: about 168 cm for men and 157 cm for women, shorter for the
    // generations who grew up before the 1980s.
    let secular = if c.person.birth.year() < 1965 {
        -3.0
    } else {
        0.0
    };
    let adult_height = if male { 168.0 } else { 157.0 } + secular + height_z * 5.5;
    let smoking = if age < 18 {
        Smoking::Never
    } else if male {
        *rng.weighted(&[
            (Smoking::Never, 45),
            (Smoking::Former, 15),
            (Smoking::Current, 40),
        ])
    } else {
        *rng.weighted(&[
            (Smoking::Never, 97),
            (Smoking::Former, 1),
            (Smoking::Current, 2),
        ])
    };
    let drinks_per_day = if age < 18 {
        0.0
    } else if male {
        *rng.pick(&[0.0, 0.0, 0.5, 1.0, 1.0, 2.0, 3.0])
    } else {
        *rng.pick(&[0.0, 0.0, 0.0, 0.0, 0.5])
    };
    let blood_group = *rng.weighted(&[
        (("O", "278147001", "Blood group O Rh(D) positive"), 42),
        (("B", "278150003", "Blood group B Rh(D) positive"), 31),
        (("A", "278149003", "Blood group A Rh(D) positive"), 21),
        (("AB", "278151004", "Blood group AB Rh(D) positive"), 6),
    ]);
    Body {
        height_z,
        adult_height,
        bmi0: rng
            .normal(if age > 35 { 23.0 } else { 21.5 }, 2.3)
            .clamp(16.5, 33.0),
        bmi_slope: rng.normal(0.08, 0.12),
        sbp0: rng.normal(if male { 116.0 } else { 110.0 }, 7.0),
        dbp0: rng.normal(72.0, 5.0),
        sbp_treated: rng.normal(134.0, 5.0),
        hr0: rng.normal(76.0, 7.0),
        glucose_base: rng.normal(5.1, 0.35),
        glucose_control: rng.normal(7.6, 0.8).clamp(6.2, 9.5),
        cholesterol_base: rng.normal(4.8, 0.55),
        smoking,
        drinks_per_day,
        activity_days: rng.range(0, 6),
        blood_group,
    }
}

/// WHO-like medians by age in years: (age, boy height, girl height, boy weight, girl weight).
const GROWTH: &[(f64, f64, f64, f64, f64)] = &[
    (0.0, 49.9, 49.1, 3.3, 3.2),
    (0.25, 61.4, 59.8, 6.4, 5.8),
    (0.5, 67.6, 65.7, 7.9, 7.3),
    (1.0, 75.7, 74.0, 9.6, 8.9),
    (1.5, 82.3, 80.7, 10.9, 10.2),
    (2.0, 87.8, 86.4, 12.2, 11.5),
    (3.0, 96.1, 95.1, 14.3, 13.9),
    (4.0, 103.3, 102.7, 16.3, 16.1),
    (5.0, 110.0, 109.4, 18.3, 18.2),
    (6.0, 116.0, 115.1, 20.5, 20.2),
    (8.0, 127.3, 126.6, 25.4, 25.0),
    (10.0, 137.8, 138.6, 31.2, 31.9),
    (12.0, 149.1, 151.2, 39.0, 41.0),
    (14.0, 161.0, 155.5, 48.0, 46.5),
    (16.0, 166.5, 156.8, 54.5, 49.5),
    (18.0, 168.0, 157.0, 58.0, 50.5),
];

fn growth_median(age: f64, male: bool) -> (f64, f64) {
    let pick = |row: &(f64, f64, f64, f64, f64)| {
        if male { (row.1, row.3) } else { (row.2, row.4) }
    };
    let mut prev = &GROWTH[0];
    for row in GROWTH {
        if age <= row.0 {
            let span = row.0 - prev.0;
            let t = if span > 0.0 {
                (age - prev.0) / span
            } else {
                0.0
            };
            let (h0, w0) = pick(prev);
            let (h1, w1) = pick(row);
            return (h0 + (h1 - h0) * t, w0 + (w1 - w0) * t);
        }
        prev = row;
    }
    pick(&GROWTH[GROWTH.len() - 1])
}

impl History<'_> {
    /// Mean systolic and diastolic pressure on a day, before noise.
    pub(super) fn bp_mean(&self, d: IsoDate) -> (f64, f64) {
        let age = self.age_years_f(d);
        let base = self.body.sbp0 + 0.45 * (age - 30.0).max(0.0);
        let sbp = match self.problem(ChronicKey::Hypertension) {
            Some(p) if d >= p.onset => {
                let days = (d.days_since_epoch() - p.onset.days_since_epoch()) as f64;
                let onset_level = 162.0;
                self.body.sbp_treated + (onset_level - self.body.sbp_treated) * (-days / 50.0).exp()
            }
            Some(p) => {
                let before = years_between(d, p.onset);
                let onset_level = 158.0;
                base.max(onset_level - 8.0 * before).min(onset_level)
            }
            None => base.min(138.0),
        };
        let sbp = if self.has(ChronicKey::HeartFailure, d) {
            sbp - 6.0
        } else {
            sbp
        };
        (sbp, self.body.dbp0 + (sbp - self.body.sbp0) * 0.45)
    }

    pub(super) fn adult_vitals(&mut self, e: &Enc, weight_too: bool) -> Vec<String> {
        let at = e.start.plus_minutes(5);
        let (sbp, dbp) = self.bp_mean(at.date);
        let sys = self.rng.normal(sbp, 7.0);
        let dia = self.rng.normal(dbp, 5.0);
        let mut ids = vec![self.blood_pressure_at(Some(e), at, sys, dia)];
        // Stations note the pulse with the pressure; ordinary records keep it half the time.
        if self.demo().is_some() || self.rng.chance(0.5) {
            let hr = self.rng.normal(self.body.hr0, 5.0);
            ids.push(self.vital(e, at, &catalog::HEART_RATE, hr));
        }
        if weight_too {
            let w = self.weight(at.date);
            ids.push(self.vital(e, at, &catalog::BODY_WEIGHT, w));
        }
        ids
    }

    pub(super) fn height(&self, d: IsoDate) -> f64 {
        let age = self.age_years_f(d);
        let male = self.c.person.sex == Sex::Male;
        if age >= 18.0 {
            return self.body.adult_height;
        }
        let (h, _) = growth_median(age, male);
        // The child's percentile carries over smoothly into the adult height.
        let adult_median = if male { 168.0 } else { 157.0 };
        let t = (age / 18.0).clamp(0.0, 1.0);
        let scaled = h * (1.0 + 0.035 * self.body.height_z);
        let adult_scaled = h / adult_median * self.body.adult_height;
        scaled * (1.0 - t) + adult_scaled * t
    }

    pub(super) fn weight(&mut self, d: IsoDate) -> f64 {
        let age = self.age_years_f(d);
        let male = self.c.person.sex == Sex::Male;
        let noise = self.rng.normal(0.0, 0.4);
        if age < 18.0 {
            let (_, w) = growth_median(age, male);
            let w = w * (1.0 + 0.08 * self.body.height_z) * (1.0 + 0.01 * noise);
            return w.max(2.0);
        }
        let years = years_between(self.window_start(), d).max(0.0);
        let mut bmi = (self.body.bmi0 + self.body.bmi_slope * years).clamp(16.0, 38.0);
        if self.has(ChronicKey::HeartFailure, d) {
            bmi -= 1.0;
        }
        let h = self.body.adult_height / 100.0;
        bmi * h * h + noise + self.pregnancy_gain(d)
    }

    /// Weight gained in a pregnancy on day `d` (kg).
    pub(super) fn pregnancy_gain(&self, d: IsoDate) -> f64 {
        if self.c.person.sex != Sex::Female {
            return 0.0;
        }
        let births = self
            .c
            .born_children
            .iter()
            .map(|&i| self.pop.citizens[i].person.birth);
        let current =
            (self.demo() == Some(Demo::Pregnant)).then(|| self.today.add_days(-189 + 280));
        for birth in births.chain(current) {
            let lmp = birth.add_days(-280);
            if d >= lmp && d < birth {
                let week = (d.days_since_epoch() - lmp.days_since_epoch()) as f64 / 7.0;
                return ((week - 12.0) * 0.42).max(0.0);
            }
        }
        0.0
    }

    pub(super) fn growth(&mut self, e: &Enc, at: At, with_height: bool) -> Vec<String> {
        let mut ids = Vec::new();
        let w = self.weight(at.date);
        ids.push(self.vital(e, at, &catalog::BODY_WEIGHT, w));
        if with_height {
            let h = self.height(at.date);
            ids.push(self.vital(e, at, &catalog::BODY_HEIGHT, h));
        }
        ids
    }

    pub(super) fn temperature(&mut self, e: &Enc, fever: bool) -> String {
        let t = if fever {
            self.rng.normal(38.6, 0.45).clamp(37.6, 40.2)
        } else {
            self.rng.normal(36.8, 0.2)
        };
        let at = e.start.plus_minutes(4);
        self.vital(e, at, &catalog::BODY_TEMPERATURE, t)
    }

    pub(super) fn glucose_mean(&self, d: IsoDate) -> f64 {
        let Some(p) = self.problem(ChronicKey::Diabetes) else {
            return self.body.glucose_base;
        };
        if d < p.onset {
            let before = years_between(d, p.onset);
            return (6.4 - 0.4 * before).max(self.body.glucose_base);
        }
        let days = (d.days_since_epoch() - p.onset.days_since_epoch()) as f64;
        let years = days / 365.25;
        let mut level = self.body.glucose_control
            + (11.8 - self.body.glucose_control) * (-days / 75.0).exp()
            + 0.05 * years;
        // Demo citizen #0: control slipped in 2019 until insulin was started in July.
        if self.demo() == Some(Demo::ChronicElder) {
            let crisis = date(2019, 7, 14);
            let to_crisis = (crisis.days_since_epoch() - d.days_since_epoch()) as f64;
            if (0.0..150.0).contains(&to_crisis) {
                level += 4.5 * (1.0 - to_crisis / 150.0);
            } else if to_crisis < 0.0 {
                level -= 0.7 * (1.0 - (to_crisis / 120.0).exp());
            }
        }
        level
    }

    /// A lab value for `key` on day `d`, in the analyte's unit.
    pub(super) fn lab_value(&mut self, key: &str, d: IsoDate, infection: Infection) -> f64 {
        let male = self.c.person.sex == Sex::Male;
        let age = self.age_years_f(d);
        let on = |k: ChronicKey, h: &Self| h.has(k, d);
        let treated = |k: ChronicKey, h: &Self| {
            h.problem(k)
                .is_some_and(|p| p.regimen.iter().any(|r| r.from <= d))
        };
        let v = match key {
            "glucose" => {
                let m = self.glucose_mean(d);
                self.rng.normal(m, if m > 6.5 { 0.8 } else { 0.35 })
            }
            "hba1c" => {
                let m = self.glucose_mean(d);
                self.rng.normal(0.6 * m + 2.5, 0.2)
            }
            "cholesterol" | "ldl" => {
                let mut chol = self.body.cholesterol_base + 0.01 * (age - 40.0).max(0.0);
                if on(ChronicKey::Dyslipidaemia, self) {
                    chol += if treated(ChronicKey::Dyslipidaemia, self) {
                        0.3
                    } else {
                        1.4
                    };
                }
                let chol = self.rng.normal(chol, 0.3);
                if key == "ldl" {
                    self.rng.normal(chol * 0.62, 0.15)
                } else {
                    chol
                }
            }
            "hdl" => {
                let base = if male { 1.15 } else { 1.4 };
                let smoke = if self.body.smoking == Smoking::Current {
                    0.12
                } else {
                    0.0
                };
                self.rng.normal(base - smoke, 0.15)
            }
            "triglycerides" => {
                let mut tg = 1.3;
                if on(ChronicKey::Diabetes, self) || on(ChronicKey::FattyLiver, self) {
                    tg *= 1.6;
                }
                if on(ChronicKey::Dyslipidaemia, self) && !treated(ChronicKey::Dyslipidaemia, self)
                {
                    tg *= 1.5;
                }
                self.rng.normal(tg, tg * 0.25)
            }
            "creatinine" => {
                let base = if male { 86.0 } else { 66.0 } + 0.3 * (age - 50.0).max(0.0);
                let m = match self.problem(ChronicKey::Ckd) {
                    Some(p) if d >= p.onset => 135.0 + 6.0 * years_between(p.onset, d),
                    _ => base,
                };
                self.rng.normal(m, m * 0.07)
            }
            "alt" | "ast" => {
                let liver = on(ChronicKey::FattyLiver, self)
                    || on(ChronicKey::HepatitisB, self)
                    || self.body.drinks_per_day >= 2.0;
                let base = if key == "alt" { 22.0 } else { 24.0 };
                let m = if liver { base * 2.2 } else { base };
                let m = if infection == Infection::Dengue {
                    m * 2.5
                } else {
                    m
                };
                self.rng.normal(m, m * 0.25)
            }
            "uric_acid" => {
                let m = match self.problem(ChronicKey::Gout) {
                    Some(p) if d >= p.onset => {
                        if treated(ChronicKey::Gout, self) && d > p.onset.add_days(90) {
                            390.0
                        } else {
                            520.0
                        }
                    }
                    _ if male => 340.0,
                    _ => 255.0,
                };
                self.rng.normal(m, 40.0)
            }
            "hemoglobin" => {
                let mut m = if male { 146.0 } else { 129.0 };
                if age < 12.0 {
                    m = 122.0;
                }
                if age > 70.0 {
                    m -= 8.0;
                }
                if on(ChronicKey::Ckd, self) {
                    m -= 18.0;
                }
                if self.pregnancy_gain(d) > 0.0 {
                    m -= 12.0;
                }
                self.rng.normal(m, 8.0)
            }
            "wbc" => match infection {
                Infection::Bacterial => self.rng.normal(13.5, 2.5),
                Infection::Dengue => self.rng.normal(3.3, 0.6),
                Infection::Viral => self.rng.normal(8.5, 2.0),
                Infection::None => self.rng.normal(7.0, 1.4),
            },
            "platelets" => match infection {
                Infection::Dengue => self.rng.normal(75.0, 30.0),
                _ => self.rng.normal(265.0, 45.0),
            },
            _ => 1.0,
        };
        v.max(0.1)
    }
}
