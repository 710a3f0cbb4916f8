use crate::fixture::{App, NID};

crate::on_every_backend!(draft_is_checked_then_signed_by_the_authority_only);

pub fn order(number: &str, issuer: &str, actions: serde_json::Value) -> String {
    serde_json::json!({
        "number": number, "issuer_unit": issuer, "signed_on": "01/10/2567", "signed_by": "นายผู้มีอำนาจ ลงนาม",
        "authority": "ผู้อำนวยการเขต", "effective_date": "01/10/2567", "reason": "เลื่อนเงินเดือน", "actions": actions,
    })
    .to_string()
}

pub async fn post_as(app: &App, user: &str, path: &str, body: String) -> crate::client::Response {
    let h = vec![(
        "Authorization".to_string(),
        format!("Bearer {}", crate::fixture::token_of(user)),
    )];
    app.call("POST", path, h, Some(body)).await
}

async fn draft_is_checked_then_signed_by_the_authority_only(app: &App) {
    let good = order(
        "50/2568",
        "D01",
        serde_json::json!([{"kind": "salary_change", "person": NID[0], "salary": "16,000"}]),
    );
    // The HR officer checks the draft: it would apply, and nothing is written yet.
    let r = post_as(app, "hr01", "/api/v1/orders/check", good.clone()).await;
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(salary(app).await, "15000.00");
    // A draft with problems: every one reported with its field, in Thai and English.
    let bad = order(
        "51/2568",
        "D01",
        serde_json::json!([
            {"kind": "salary_change", "person": NID[1], "salary": "0"},
            {"kind": "move", "person": NID[0], "position_no": "999"}
        ]),
    );
    let r = post_as(app, "hr01", "/api/v1/orders/check", bad).await;
    assert_eq!(r.status, 422);
    let fields: Vec<String> = r.json()["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect();
    assert!(
        fields.contains(&"actions[2].position_no".to_string())
            && fields.contains(&"actions[1].salary".to_string()),
        "{fields:?}"
    );
    // An HR officer may not sign; an authority of another district may not either.
    assert_eq!(
        post_as(app, "hr01", "/api/v1/orders", good.clone())
            .await
            .status,
        403
    );
    let other = order(
        "52/2568",
        "D02",
        serde_json::json!([{"kind": "salary_change", "person": NID[2], "salary": "16,000"}]),
    );
    assert_eq!(
        post_as(app, "auth01", "/api/v1/orders", other).await.status,
        403
    );
    // The district's appointing authority signs: the register changes.
    let r = post_as(app, "auth01", "/api/v1/orders", good.clone()).await;
    assert_eq!(r.status, 201, "{}", r.body);
    let order_id = r.json()["order_id"].as_i64().unwrap();
    assert_eq!(salary(app).await, "16000.00");
    assert_eq!(
        app.get_as("hr01", &format!("/api/v1/orders/{order_id}"))
            .await
            .status,
        200
    );
    assert_eq!(
        app.get_as("hr02", &format!("/api/v1/orders/{order_id}"))
            .await
            .status,
        403
    );
    // Signing the same number again is refused.
    let r = post_as(app, "auth01", "/api/v1/orders", good).await;
    assert_eq!(
        (r.status, r.json()["code"].as_str().unwrap()),
        (422, "order.number_taken")
    );
}

pub async fn salary(app: &App) -> serde_json::Value {
    let p = app.person[0];
    app.get_as(
        "admin",
        &format!("/api/v1/people/{p}/history?as_of=2024-10-01"),
    )
    .await
    .json()["record"]["salary"]
        .clone()
}
