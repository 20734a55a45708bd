//! `GET /api/v1/me`: who is signed in and whose books they may open.

use crate::access;
use crate::auth::session::Principal;
use crate::error::AppError;
use crate::fhir::Store;
use crate::fhir::model::Organization;
use shared::dto::{FacilityRef, Me, Role};
use shared::fhir::{SYSTEM_FACILITY, token};

pub async fn me(store: &Store, principal: &Principal) -> Result<Me, AppError> {
    match principal {
        Principal::Citizen { patient, name, .. } => Ok(Me {
            role: Role::Citizen,
            name: name.clone(),
            patient: Some(patient.clone()),
            dependants: access::dependants(store, principal).await?,
            facility: None,
        }),
        Principal::Staff {
            facility_code,
            name,
        } => {
            let found = store
                .search(
                    "Organization",
                    &[("identifier", &token(SYSTEM_FACILITY, facility_code))],
                )
                .await?;
            let org_name = found
                .matches_as::<Organization>()
                .into_iter()
                .find_map(|o| o.name);
            Ok(Me {
                role: Role::Staff,
                name: name.clone(),
                patient: None,
                dependants: Vec::new(),
                facility: Some(FacilityRef {
                    code: Some(facility_code.clone()),
                    name: org_name.unwrap_or_else(|| facility_code.clone()),
                }),
            })
        }
    }
}
