//! Checks JSON values against the JSON Schema subset the OpenAPI document uses: `$ref`, `type`
//! (one or several), `required`, `properties`, `additionalProperties: false`, `items`, `enum`,
//! `oneOf`, `minimum`/`maximum` and `format: date`. Enough to keep the document true to what the
//! edge really answers; `pattern` is not checked.

use serde_json::Value;

/// Errors found validating `value` against the component schema `name` of `doc`.
pub fn check(doc: &Value, name: &str, value: &Value) -> Vec<String> {
    let mut errors = Vec::new();
    let schema = json_ref(doc, &format!("#/components/schemas/{name}"));
    validate(doc, schema, value, "$", &mut errors);
    errors
}

fn json_ref<'a>(doc: &'a Value, reference: &str) -> &'a Value {
    let pointer = reference.strip_prefix('#').unwrap_or(reference);
    doc.pointer(pointer)
        .unwrap_or_else(|| panic!("OpenAPI document has no {reference}"))
}

fn type_matches(ty: &str, value: &Value) -> bool {
    match ty {
        "object" => value.is_object(),
        "array" => value.is_array(),
        "string" => value.is_string(),
        "integer" => value.as_i64().is_some() || value.as_u64().is_some(),
        "number" => value.is_number(),
        "boolean" => value.is_boolean(),
        "null" => value.is_null(),
        _ => false,
    }
}

fn validate(doc: &Value, schema: &Value, value: &Value, at: &str, errors: &mut Vec<String>) {
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        return validate(doc, json_ref(doc, reference), value, at, errors);
    }
    if let Some(options) = schema.get("oneOf").and_then(Value::as_array) {
        let matching = options
            .iter()
            .filter(|option| {
                let mut e = Vec::new();
                validate(doc, option, value, at, &mut e);
                e.is_empty()
            })
            .count();
        if matching != 1 {
            errors.push(format!("{at}: matches {matching} of the oneOf options"));
        }
        return;
    }
    if let Some(ty) = schema.get("type") {
        let types: Vec<&str> = match ty {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        if !types.iter().any(|t| type_matches(t, value)) {
            errors.push(format!("{at}: expected {types:?}, got {value}"));
            return;
        }
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array)
        && !allowed.contains(value)
    {
        errors.push(format!("{at}: {value} is not one of {allowed:?}"));
    }
    if let Some(n) = value.as_f64() {
        if schema
            .get("minimum")
            .and_then(Value::as_f64)
            .is_some_and(|min| n < min)
        {
            errors.push(format!("{at}: {n} below minimum"));
        }
        if schema
            .get("maximum")
            .and_then(Value::as_f64)
            .is_some_and(|max| n > max)
        {
            errors.push(format!("{at}: {n} above maximum"));
        }
    }
    if schema.get("format").and_then(Value::as_str) == Some("date")
        && let Some(s) = value.as_str()
        && (s.len() != 10 || shared::date::IsoDate::parse(s).is_none())
    {
        errors.push(format!("{at}: {s:?} is not a YYYY-MM-DD date"));
    }
    if let Some(object) = value.as_object() {
        let properties = schema.get("properties").and_then(Value::as_object);
        for required in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(key) = required.as_str()
                && !object.contains_key(key)
            {
                errors.push(format!("{at}: missing required {key}"));
            }
        }
        for (key, item) in object {
            match properties.and_then(|p| p.get(key)) {
                Some(sub) => validate(doc, sub, item, &format!("{at}.{key}"), errors),
                None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    errors.push(format!("{at}: unexpected property {key}"));
                }
                None => {}
            }
        }
    }
    if let (Some(items), Some(array)) = (schema.get("items"), value.as_array()) {
        for (i, item) in array.iter().enumerate() {
            validate(doc, items, item, &format!("{at}[{i}]"), errors);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn validator_catches_mismatches() {
        let doc = json!({"components": {"schemas": {
            "A": {"type": "object", "required": ["n", "d"], "additionalProperties": false, "properties": {
                "n": {"type": "integer", "minimum": 1, "maximum": 5},
                "d": {"type": ["string", "null"], "format": "date"},
                "e": {"type": "string", "enum": ["x", "y"]},
                "l": {"type": "array", "items": {"$ref": "#/components/schemas/B"}},
                "o": {"oneOf": [{"$ref": "#/components/schemas/B"}, {"type": "null"}]}
            }},
            "B": {"type": "object", "required": ["s"], "properties": {"s": {"type": "string"}}}
        }}});
        assert!(
            check(
                &doc,
                "A",
                &json!({"n": 3, "d": "2024-02-29", "l": [{"s": "a"}], "o": null})
            )
            .is_empty()
        );
        let bad = check(
            &doc,
            "A",
            &json!({"n": 9, "d": "29/02/2024", "e": "z", "l": [{}], "o": 3, "zz": 1}),
        );
        assert_eq!(bad.len(), 6, "{bad:#?}");
        assert_eq!(
            check(&doc, "A", &json!({"d": null})),
            vec!["$: missing required n".to_owned()]
        );
    }
}
