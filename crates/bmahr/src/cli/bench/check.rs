//! `--check`: the figures' ratios against those of a baseline `--json` file.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::Value;

/// How much worse than the baseline ratio a figure may get before `--check` fails.
const CHECK_FACTOR: f64 = 3.0;

/// The ratios of the baseline file given to `--check`.
pub(super) fn read_baseline(p: &Path) -> Result<BTreeMap<String, f64>, String> {
    let text = std::fs::read_to_string(p).map_err(|e| format!("{}: {e}", p.display()))?;
    let v: Value = serde_json::from_str(&text).map_err(|e| format!("{}: {e}", p.display()))?;
    Ok(ratios_of(&v))
}

/// Adds to `failed` every figure of the report `doc` more than [`CHECK_FACTOR`] times worse
/// than the baseline; says so when nothing (not even an earlier problem) failed.
pub(super) fn against_baseline(
    base: &BTreeMap<String, f64>,
    doc: &Value,
    failed: &mut Vec<String>,
) {
    let now = ratios_of(doc);
    for (k, r, b) in regressions(base, &now, CHECK_FACTOR) {
        failed.push(format!(
            "{k}: ratio {r:.3} is {:.1}× the baseline's {b:.3} (limit {CHECK_FACTOR}×)",
            r / b
        ));
    }
    let compared = now.keys().filter(|k| base.contains_key(*k)).count();
    if failed.is_empty() {
        out!(
            "เทียบกับค่าฐานแล้ว ไม่มีค่าใดแย่ลงเกิน {CHECK_FACTOR} เท่า / checked {compared} figures against the baseline: none is more than {CHECK_FACTOR}× worse"
        );
    }
}

/// The figures whose ratio is more than `factor` times the baseline's: (key, now, baseline).
/// Figures missing from either side, or with no positive baseline ratio, are not compared.
pub fn regressions(
    baseline: &BTreeMap<String, f64>,
    now: &BTreeMap<String, f64>,
    factor: f64,
) -> Vec<(String, f64, f64)> {
    now.iter()
        .filter_map(|(k, r)| {
            let b = *baseline.get(k)?;
            (b > 0.0 && r.is_finite() && *r > b * factor).then(|| (k.clone(), *r, b))
        })
        .collect()
}

/// The ratio of each figure in a `--json` file.
fn ratios_of(v: &Value) -> BTreeMap<String, f64> {
    v.get("figures")
        .and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .filter_map(|(k, f)| Some((k.clone(), f.get("ratio")?.as_f64()?)))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn map(v: &[(&str, f64)]) -> BTreeMap<String, f64> {
        v.iter().map(|(k, x)| (k.to_string(), *x)).collect()
    }

    #[test]
    fn a_figure_more_than_three_times_worse_than_the_baseline_ratio_fails() {
        let base = map(&[("sign100_ms", 2.0), ("profile_api_rps", 10.0)]);
        let fine = map(&[("sign100_ms", 2.0 * 2.9), ("profile_api_rps", 10.0 * 2.9)]);
        assert!(regressions(&base, &fine, CHECK_FACTOR).is_empty());
        let worse = map(&[("sign100_ms", 2.0 * 3.1), ("profile_api_rps", 10.0 * 2.9)]);
        let r = regressions(&base, &worse, CHECK_FACTOR);
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].0, "sign100_ms");
        // Better is never a failure; figures on one side only are not compared.
        let better = map(&[("sign100_ms", 0.1), ("new_figure", 1e9)]);
        assert!(regressions(&base, &better, CHECK_FACTOR).is_empty());
    }

    #[test]
    fn ratios_are_read_from_a_json_report() {
        let v = json!({"machine": {}, "figures": {
            "a": {"value": 1.0, "unit": "ms", "target": null, "ratio": 4.5},
            "b": {"value": 2.0, "unit": "ms", "target": null, "ratio": null},
        }});
        assert_eq!(ratios_of(&v), map(&[("a", 4.5)]));
    }
}
