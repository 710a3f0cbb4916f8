//! Length of service, as the register and §57 count it.

use bmahr_core::law::moves::{service_in_periods, PriorService, ServiceLength};
use bmahr_core::register::{served_periods, ActionKind, AppliedAction};
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

    /// BMA service on `on`: every period in service by the register, and credited prior
    /// service, each day once.
    pub async fn service_on(&self, person_id: i64, on: ThaiDate) -> Result<ServiceLength> {
        let actions = self.person_actions(person_id, on, None).await?;
        self.service_of(person_id, &actions, on).await
    }

    /// The same from the person's live actions already read (in effect order, up to at least
    /// `on`); the credited service is read only when a transfer in brought them.
    pub async fn service_of(
        &self,
        person_id: i64,
        actions: &[AppliedAction],
        on: ThaiDate,
    ) -> Result<ServiceLength> {
        let credited = if actions.iter().any(|a| a.kind == ActionKind::TransferIn) {
            self.credited_service(person_id).await?
        } else {
            Vec::new()
        };
        Ok(service_in_periods(
            &served_periods(actions, on),
            on,
            &credited,
        ))
    }
}
