//! The facility directory: every facility with its bookable departments and doctors'
//! schedules, read from the store in three searches and served from the edge cache.
//!
//! The cached directory holds only public facts (facility names, addresses, departments, the
//! doctors' names and rooms a ticket prints). Card lookups (`?bhyt=`, `?cccd=`) are personal:
//! they are answered per request, never cached, and only name the registered facility.
//! At national scale (~13,000 facilities) the same structure would be sharded per province.

use super::cache::{self, Fetched, Policy};
use super::{BookingError, codes, refuse};
use crate::auth::session::Principal;
use crate::error::AppError;
use crate::fhir::Store;
use crate::fhir::model::{Patient, Reference};
use crate::{Ctx, http};
use futures_util::join;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use shared::clock::VnDateTime;
use shared::dto::booking::{
    Address, CardLookup, Department, FacilityBrief, FacilityLevel, FacilityList, FacilitySummary,
};
use shared::fhir::booking::EXT_DEPARTMENT;
use shared::fhir::{
    CS_FACILITY_LEVEL, SYSTEM_BHXH, SYSTEM_BHYT, SYSTEM_CCCD, SYSTEM_FACILITY, token,
};
use shared::id::InsuranceLookup;
use shared::text;
use worker::{Request, Response};

/// The directory changes when facilities or schedules are added: fresh for a minute, served
/// stale (while one request refreshes it) for a day.
const POLICY: Policy = Policy {
    fresh_ms: 60_000.0,
    stale_ms: 86_400_000.0,
};
const CACHE_KEY: &str = "directory";
/// Most facilities in one answer.
const MAX_RESULTS: usize = 50;

/// One doctor's bookable schedule: who, where, which department.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ScheduleInfo {
    /// `Schedule` id.
    pub id: String,
    /// `PractitionerRole` id of the doctor.
    pub role_id: String,
    pub practitioner: String,
    /// Room `Location` id.
    pub room_id: String,
    pub room: String,
    /// Department `Organization` id.
    pub department_id: String,
    pub department: String,
}

/// One facility as the edge knows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Facility {
    pub brief: FacilityBrief,
    /// The facility's `Organization` id.
    pub org_id: String,
    /// The facility's site `Location` id (the actor its schedules share).
    pub site_id: String,
    pub schedules: Vec<ScheduleInfo>,
}

impl Facility {
    /// Departments with at least one schedule, in first-seen order.
    pub fn departments(&self) -> Vec<Department> {
        let mut out: Vec<Department> = Vec::new();
        for s in &self.schedules {
            if !out.iter().any(|d| d.id == s.department_id) {
                out.push(Department {
                    id: s.department_id.clone(),
                    name: s.department.clone(),
                });
            }
        }
        out
    }
}

/// The whole directory, as cached.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Directory {
    pub as_of: VnDateTime,
    pub facilities: Vec<Facility>,
}

impl Directory {
    pub fn by_code(&self, code: &str) -> Option<&Facility> {
        self.facilities.iter().find(|f| f.brief.code == code)
    }

    pub fn by_org(&self, org_id: &str) -> Option<&Facility> {
        self.facilities.iter().find(|f| f.org_id == org_id)
    }

    pub fn by_site(&self, site_id: &str) -> Option<&Facility> {
        self.facilities.iter().find(|f| f.site_id == site_id)
    }
}

fn str_at<'a>(v: &'a Value, pointer: &str) -> Option<&'a str> {
    v.pointer(pointer).and_then(Value::as_str)
}

fn identifier<'a>(v: &'a Value, system: &str) -> Option<&'a str> {
    v.get("identifier")?
        .as_array()?
        .iter()
        .find(|i| i.get("system").and_then(Value::as_str) == Some(system))?
        .get("value")?
        .as_str()
}

fn level_of(org: &Value) -> FacilityLevel {
    let codes = org
        .get("type")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .flat_map(|t| {
            t.get("coding")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
        })
        .filter(|c| c.get("system").and_then(Value::as_str) == Some(CS_FACILITY_LEVEL))
        .filter_map(|c| c.get("code").and_then(Value::as_str));
    for code in codes {
        match code {
            "specialised" => return FacilityLevel::Specialised,
            "basic" => return FacilityLevel::Basic,
            "initial" => return FacilityLevel::Initial,
            _ => {}
        }
    }
    FacilityLevel::Initial
}

/// A facility's brief from its `Organization` (pure; tested).
pub fn brief_of(org: &Value) -> Option<FacilityBrief> {
    let code = identifier(org, SYSTEM_FACILITY)?.to_owned();
    let address = org.pointer("/address/0");
    Some(FacilityBrief {
        code,
        name: str_at(org, "/name")?.to_owned(),
        level: level_of(org),
        address: Address {
            line: address
                .and_then(|a| str_at(a, "/line/0"))
                .unwrap_or_default()
                .to_owned(),
            ward: address
                .and_then(|a| str_at(a, "/city"))
                .unwrap_or_default()
                .to_owned(),
            province: address
                .and_then(|a| str_at(a, "/state"))
                .unwrap_or_default()
                .to_owned(),
        },
        phone: org
            .get("telecom")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .find(|t| t.get("system").and_then(Value::as_str) == Some("phone"))
            .and_then(|t| str_at(t, "/value"))
            .map(str::to_owned),
    })
}

fn reference_of(v: &Value) -> Option<Reference> {
    serde_json::from_value(v.clone()).ok()
}

/// A `Schedule` as [`ScheduleInfo`], with the site it names (pure; tested).
pub fn schedule_of(
    schedule: &Value,
    is_site: impl Fn(&str) -> bool,
) -> Option<(String, ScheduleInfo)> {
    let id = str_at(schedule, "/id")?.to_owned();
    if schedule.get("active").and_then(Value::as_bool) == Some(false) {
        return None;
    }
    let actors: Vec<Reference> = schedule
        .get("actor")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(reference_of)
        .collect();
    let role = actors
        .iter()
        .find(|a| a.id_of("PractitionerRole").is_some())?;
    let site = actors
        .iter()
        .filter_map(|a| a.id_of("Location"))
        .find(|id| is_site(id))?
        .to_owned();
    let room = actors
        .iter()
        .find(|a| a.id_of("Location").is_some_and(|id| id != site))?;
    let department = schedule
        .get("extension")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .find(|e| e.get("url").and_then(Value::as_str) == Some(EXT_DEPARTMENT))
        .and_then(|e| e.get("valueReference"))
        .and_then(reference_of);
    let department_name = department
        .as_ref()
        .and_then(|d| d.display.clone())
        .or_else(|| str_at(schedule, "/serviceType/0/text").map(str::to_owned))?;
    let department_id = department
        .as_ref()
        .and_then(|d| d.id_of("Organization"))
        .map(str::to_owned)
        .unwrap_or_else(|| id.clone());
    Some((
        site,
        ScheduleInfo {
            id,
            role_id: role.id_of("PractitionerRole")?.to_owned(),
            practitioner: role.display.clone().unwrap_or_default(),
            room_id: room.id_of("Location")?.to_owned(),
            room: room.display.clone().unwrap_or_default(),
            department_id,
            department: department_name,
        },
    ))
}

/// Reads the directory from the store: facilities, their sites, all active schedules.
async fn fetch(store: &Store) -> Result<Directory, AppError> {
    let facility_system = format!("{SYSTEM_FACILITY}|");
    let org_params = [("identifier", facility_system.as_str()), ("_count", "1000")];
    let site_params = org_params;
    let schedule_params = [("active", "true"), ("_count", "1000")];
    let (orgs, sites, schedules) = join!(
        store.search("Organization", &org_params),
        store.search("Location", &site_params),
        store.search("Schedule", &schedule_params),
    );
    let (orgs, sites, schedules) = (orgs?, sites?, schedules?);
    // code → site id
    let site_of: Vec<(String, String)> = sites
        .matches
        .iter()
        .filter_map(|l| {
            Some((
                identifier(l, SYSTEM_FACILITY)?.to_owned(),
                str_at(l, "/id")?.to_owned(),
            ))
        })
        .collect();
    let mut facilities: Vec<Facility> = orgs
        .matches
        .iter()
        .filter_map(|org| {
            let brief = brief_of(org)?;
            let site_id = site_of
                .iter()
                .find(|(code, _)| *code == brief.code)
                .map(|(_, id)| id.clone())
                .unwrap_or_default();
            Some(Facility {
                org_id: str_at(org, "/id")?.to_owned(),
                site_id,
                brief,
                schedules: Vec::new(),
            })
        })
        .collect();
    for schedule in &schedules.matches {
        let is_site = |id: &str| site_of.iter().any(|(_, s)| s == id);
        if let Some((site, info)) = schedule_of(schedule, is_site)
            && let Some(f) = facilities.iter_mut().find(|f| f.site_id == site)
        {
            f.schedules.push(info);
        }
    }
    // Stable, readable order: department then practitioner within a facility.
    for f in &mut facilities {
        f.schedules.sort_by(|a, b| {
            (a.department.as_str(), a.room.as_str()).cmp(&(b.department.as_str(), b.room.as_str()))
        });
    }
    facilities.sort_by(|a, b| a.brief.code.cmp(&b.brief.code));
    Ok(Directory {
        as_of: VnDateTime::from_unix_ms(js_sys::Date::now() as i64),
        facilities,
    })
}

/// The directory, from the edge cache (single flight, stale-while-revalidate).
pub async fn load(ctx: &Ctx<'_>) -> Result<Directory, AppError> {
    let cached = cache::get_or_fetch(
        &ctx.config.app_origin,
        CACHE_KEY,
        POLICY,
        move || async move {
            let directory = fetch(&ctx.store).await?;
            let body = serde_json::to_string(&directory)
                .map_err(|_| AppError::internal("directory encode"))?;
            Ok(Fetched {
                body,
                store_calls: 3,
            })
        },
    )
    .await?;
    serde_json::from_str(&cached.body).map_err(|_| AppError::internal("directory decode"))
}

/// The registered facility's `Organization` id of whoever `number` belongs to, if any.
/// Nothing else about the person is read or returned.
pub async fn registered_org_of(
    store: &Store,
    number: &InsuranceLookup,
) -> Result<Option<(String, Option<String>)>, AppError> {
    let patient_id = match number {
        InsuranceLookup::PersonalId(cccd) => {
            let found = store
                .first_page(
                    "Patient",
                    &[
                        ("identifier", &token(SYSTEM_CCCD, cccd.as_str())),
                        ("_count", "2"),
                    ],
                )
                .await?;
            let patients: Vec<Patient> = found.matches_as();
            return Ok(match patients.as_slice() {
                [p] => p.id.clone().map(|id| {
                    let org = p
                        .general_practitioner
                        .iter()
                        .find_map(|r| r.id_of("Organization").map(str::to_owned));
                    (id, org)
                }),
                _ => None,
            });
        }
        InsuranceLookup::Card(card) => {
            coverage_beneficiary(store, SYSTEM_BHYT, card.as_str()).await?
        }
        InsuranceLookup::SocialInsurance(bhxh) => {
            coverage_beneficiary(store, SYSTEM_BHXH, bhxh.as_str()).await?
        }
    };
    let Some(patient_id) = patient_id else {
        return Ok(None);
    };
    let Some(patient) = store.read("Patient", &patient_id).await? else {
        return Ok(None);
    };
    let patient: Patient =
        serde_json::from_value(patient).map_err(|_| AppError::internal("patient decode"))?;
    let org = patient
        .general_practitioner
        .iter()
        .find_map(|r| r.id_of("Organization").map(str::to_owned));
    Ok(Some((patient_id, org)))
}

async fn coverage_beneficiary(
    store: &Store,
    system: &str,
    value: &str,
) -> Result<Option<String>, AppError> {
    #[derive(Deserialize)]
    struct WithBeneficiary {
        beneficiary: Option<Reference>,
    }
    let found = store
        .first_page(
            "Coverage",
            &[("identifier", &token(system, value)), ("_count", "5")],
        )
        .await?;
    let covs: Vec<WithBeneficiary> = found.matches_as();
    let mut ids: Vec<String> = covs
        .iter()
        .filter_map(|c| c.beneficiary.as_ref()?.id_of("Patient").map(str::to_owned))
        .collect();
    ids.sort();
    ids.dedup();
    Ok(match ids.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    })
}

/// Filters of `GET /facilities`.
#[derive(Debug, Default)]
pub struct Filters {
    pub q: Option<String>,
    pub province: Option<String>,
    pub level: Option<FacilityLevel>,
    pub department: Option<String>,
}

/// Applies `filters` and puts `registered` first (pure; tested).
pub fn select(
    directory: &Directory,
    filters: &Filters,
    registered: Option<&str>,
) -> Vec<FacilitySummary> {
    let mut out: Vec<FacilitySummary> = directory
        .facilities
        .iter()
        .filter(|f| {
            let departments: Vec<&str> =
                f.schedules.iter().map(|s| s.department.as_str()).collect();
            let haystack = format!(
                "{} {} {} {} {}",
                f.brief.name,
                f.brief.address.ward,
                f.brief.address.province,
                f.brief.code,
                departments.join(" ")
            );
            let is_registered = registered == Some(f.brief.code.as_str());
            is_registered
                || (filters
                    .q
                    .as_deref()
                    .is_none_or(|q| text::matches_all_words(&haystack, q))
                    && filters
                        .province
                        .as_deref()
                        .is_none_or(|p| text::matches_all_words(&f.brief.address.province, p))
                    && filters.level.is_none_or(|l| f.brief.level == l)
                    && filters.department.as_deref().is_none_or(|d| {
                        departments
                            .iter()
                            .any(|name| text::matches_all_words(name, d))
                    }))
        })
        .map(|f| FacilitySummary {
            code: f.brief.code.clone(),
            name: f.brief.name.clone(),
            level: f.brief.level,
            address: f.brief.address.clone(),
            phone: f.brief.phone.clone(),
            departments: f.departments(),
            registered: registered == Some(f.brief.code.as_str()),
        })
        .collect();
    // Registered first, then facilities that take bookings, then by name.
    out.sort_by(|a, b| {
        (!a.registered, a.departments.is_empty(), text::fold(&a.name)).cmp(&(
            !b.registered,
            b.departments.is_empty(),
            text::fold(&b.name),
        ))
    });
    out.truncate(MAX_RESULTS);
    out
}

fn parse_level(text: &str) -> Result<FacilityLevel, BookingError> {
    match text {
        "initial" => Ok(FacilityLevel::Initial),
        "basic" => Ok(FacilityLevel::Basic),
        "specialised" => Ok(FacilityLevel::Specialised),
        _ => Err(refuse(
            400,
            codes::BAD_REQUEST,
            "Cấp cơ sở phải là initial, basic hoặc specialised. / \
             The level must be initial, basic or specialised.",
        )),
    }
}

/// `GET /api/v1/facilities`.
pub async fn list(ctx: &Ctx<'_>, req: &Request) -> Result<Response, BookingError> {
    let bhyt = http::query(req, "bhyt")?.filter(|s| !s.trim().is_empty());
    let cccd = http::query(req, "cccd")?.filter(|s| !s.trim().is_empty());
    let filters = Filters {
        q: http::query(req, "q")?.filter(|s| s.len() <= 200),
        province: http::query(req, "province")?.filter(|s| s.len() <= 200),
        level: http::query(req, "level")?
            .map(|l| parse_level(&l))
            .transpose()?,
        department: http::query(req, "department")?.filter(|s| s.len() <= 200),
    };
    let directory = load(ctx).await?;
    let lookup_number = match (&bhyt, &cccd) {
        (Some(_), Some(_)) => {
            return Err(refuse(
                400,
                codes::BAD_REQUEST,
                "Chỉ nhập một số: BHYT hoặc CCCD. / Give one number only: BHYT or CCCD.",
            ));
        }
        (Some(n), None) | (None, Some(n)) => {
            let parsed = InsuranceLookup::parse(n).map_err(|e| BookingError::Refused {
                status: 400,
                code: e.code(),
                message: format!("{} / {}", e.message_vi(), e.message_en()).into(),
            })?;
            // `bhyt=` also takes a CCCD (accepted in place of a card since 2025); `cccd=` only
            // a CCCD.
            if cccd.is_some() && !matches!(parsed, InsuranceLookup::PersonalId(_)) {
                return Err(refuse(
                    400,
                    codes::BAD_REQUEST,
                    "Số CCCD gồm 12 chữ số. / A CCCD number has 12 digits.",
                ));
            }
            Some(parsed)
        }
        (None, None) => None,
    };
    let (registered, lookup) = match lookup_number {
        Some(number) => {
            // A lookup needs a session: it reads someone's card (and is recorded).
            let principal = ctx.principal(req).await?;
            let found = registered_org_of(&ctx.store, &number).await?;
            let code = found
                .as_ref()
                .and_then(|(_, org)| org.as_deref())
                .and_then(|org| directory.by_org(org))
                .map(|f| f.brief.code.clone());
            if let Some((patient_id, _)) = &found {
                super::patient::audit_lookup(&ctx.store, &principal, patient_id).await?;
            }
            (
                code.clone(),
                Some(CardLookup {
                    found: code.is_some(),
                    registered: code,
                }),
            )
        }
        None => {
            // Signed in: one's own registered facility first.
            let own = match ctx.principal(req).await {
                Ok(Principal::Citizen { patient, .. }) => {
                    own_registered(&ctx.store, &directory, &patient).await?
                }
                _ => None,
            };
            (own, None)
        }
    };
    let list = FacilityList {
        as_of: directory.as_of,
        lookup,
        facilities: select(&directory, &filters, registered.as_deref()),
    };
    Ok(http::json(200, &list)?)
}

async fn own_registered(
    store: &Store,
    directory: &Directory,
    patient: &str,
) -> Result<Option<String>, AppError> {
    let Some(p) = store.read("Patient", patient).await? else {
        return Ok(None);
    };
    let p: Patient = serde_json::from_value(p).map_err(|_| AppError::internal("patient"))?;
    Ok(p.general_practitioner
        .iter()
        .find_map(|r| r.id_of("Organization"))
        .and_then(|org| directory.by_org(org))
        .map(|f| f.brief.code.clone()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn org(code: &str, name: &str, level: &str, province: &str) -> Value {
        json!({
            "resourceType": "Organization", "id": format!("org-{code}"), "name": name,
            "identifier": [{"system": SYSTEM_FACILITY, "value": code}],
            "type": [{"coding": [{"system": CS_FACILITY_LEVEL, "code": level}]}],
            "address": [{"line": ["1 đường A"], "city": "Phường B", "state": province}],
            "telecom": [{"system": "phone", "value": "024 1"}],
        })
    }

    fn facility(code: &str, name: &str, level: &str, province: &str, depts: &[&str]) -> Facility {
        Facility {
            brief: brief_of(&org(code, name, level, province)).unwrap(),
            org_id: format!("org-{code}"),
            site_id: format!("site-{code}"),
            schedules: depts
                .iter()
                .enumerate()
                .map(|(i, d)| ScheduleInfo {
                    id: format!("s{i}"),
                    role_id: "r".into(),
                    practitioner: "BS. A".into(),
                    room_id: "room".into(),
                    room: "P1".into(),
                    department_id: format!("d-{d}"),
                    department: (*d).to_owned(),
                })
                .collect(),
        }
    }

    #[test]
    fn briefs_read_organizations() {
        let b = brief_of(&org("01001", "Bệnh viện Bạch Mai", "specialised", "Hà Nội")).unwrap();
        assert_eq!(b.code, "01001");
        assert_eq!(b.level, FacilityLevel::Specialised);
        assert_eq!(b.address.province, "Hà Nội");
        assert_eq!(b.phone.as_deref(), Some("024 1"));
        assert!(brief_of(&json!({"name": "x"})).is_none());
    }

    #[test]
    fn schedules_name_site_room_doctor_department() {
        let s = json!({
            "resourceType": "Schedule", "id": "sch1", "active": true,
            "extension": [{"url": EXT_DEPARTMENT, "valueReference": {"reference": "Organization/dep1", "display": "Khoa Tim mạch"}}],
            "actor": [
                {"reference": "PractitionerRole/pr1", "display": "BS. An"},
                {"reference": "Location/room1", "display": "Phòng 1"},
                {"reference": "Location/site1", "display": "BV"}
            ]
        });
        let (site, info) = schedule_of(&s, |id| id == "site1").unwrap();
        assert_eq!(site, "site1");
        assert_eq!(info.room_id, "room1");
        assert_eq!(info.department, "Khoa Tim mạch");
        assert_eq!(info.department_id, "dep1");
        assert_eq!(info.practitioner, "BS. An");
        assert!(schedule_of(&s, |_| false).is_none(), "no site, no facility");
    }

    #[test]
    fn selection_filters_and_puts_registered_first() {
        let directory = Directory {
            as_of: VnDateTime::from_unix_seconds(0),
            facilities: vec![
                facility(
                    "01001",
                    "Bệnh viện Bạch Mai",
                    "specialised",
                    "Hà Nội",
                    &["Khoa Tim mạch"],
                ),
                facility(
                    "01201",
                    "Trạm Y tế phường Kim Liên",
                    "initial",
                    "Hà Nội",
                    &["Phòng khám bệnh"],
                ),
                facility(
                    "79001",
                    "Bệnh viện Chợ Rẫy",
                    "specialised",
                    "Hồ Chí Minh",
                    &["Khoa Khám bệnh"],
                ),
                facility(
                    "79999",
                    "Phòng khám không đặt lịch",
                    "initial",
                    "Hồ Chí Minh",
                    &[],
                ),
            ],
        };
        let codes = |f: &Filters, reg: Option<&str>| -> Vec<String> {
            select(&directory, f, reg)
                .into_iter()
                .map(|s| s.code)
                .collect()
        };
        let none = Filters::default();
        assert_eq!(codes(&none, None), ["01001", "79001", "01201", "79999"]);
        assert_eq!(codes(&none, Some("01201"))[0], "01201");
        let q = Filters {
            q: Some("bach mai".into()),
            ..Filters::default()
        };
        assert_eq!(codes(&q, None), ["01001"]);
        // The registered facility is shown whatever the filter.
        assert_eq!(codes(&q, Some("79001")), ["79001", "01001"]);
        let province = Filters {
            province: Some("ho chi minh".into()),
            level: Some(FacilityLevel::Specialised),
            ..Filters::default()
        };
        assert_eq!(codes(&province, None), ["79001"]);
        let dept = Filters {
            department: Some("tim mach".into()),
            ..Filters::default()
        };
        assert_eq!(codes(&dept, None), ["01001"]);
        let summary = &select(&directory, &none, Some("01001"))[0];
        assert!(summary.registered && summary.departments.len() == 1);
    }
}
