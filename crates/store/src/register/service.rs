//! Length of service, as the register and §57 count it.

use bmahr_core::law::moves::{PriorService, ServiceLength};
use bmahr_core::ThaiDate;

use crate::{Result, Store};

impl Store {
    /// Prior service credited to a person by the transfers in that brought them (§57).
    pub async fn credited_service(&self, person_id: i64) -> Result<Vec<(ThaiDate, ThaiDate)>> {
        let details: Vec<String> = sqlx::query_scalar(
            "SELECT a.detail FROM actions a LEFT JOIN action_voids v ON v.action_id = a.id \
             WHERE a.person_id = $1 AND a.kind = 'transfer_in' AND v.action_id IS NULL AND a.detail <> ''",
        )
        .bind(person_id)
        .fetch_all(&self.pool)
        .await?;
        Ok(details
            .iter()
            .filter_map(|d| serde_json::from_str::<serde_json::Value>(d).ok())
            .filter_map(|v| {
                serde_json::from_value::<Vec<PriorService>>(v["prior_service"].clone()).ok()
            })
            .flatten()
            .map(|p| (p.from, p.to))
            .collect())
    }

    /// BMA service on `on` (§57): every period in service by the register, and credited
    /// prior service, each day once; from the person's profile (kept while unchanged).
    pub async fn service_on(&self, person_id: i64, on: ThaiDate) -> Result<ServiceLength> {
        Ok(self.profile(person_id).await?.service_on(on))
    }
}
