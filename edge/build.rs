//! Merges the OpenAPI fragments in `openapi/` (one per API area, so areas can grow
//! independently) into the one document the edge serves at `/api/v1/openapi.json`.

use serde_json::{Map, Value};
use std::fs;
use std::path::Path;

fn main() {
    let dir = Path::new("openapi");
    println!("cargo:rerun-if-changed=openapi");
    let mut names: Vec<_> = fs::read_dir(dir)
        .expect("edge/openapi exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    let core_path = dir.join("core.json");
    let mut doc: Value = read(&core_path);
    for path in names.iter().filter(|p| **p != core_path) {
        println!("cargo:rerun-if-changed={}", path.display());
        let fragment = read(path);
        for section in ["paths", "components/schemas"] {
            let target = pointer_object(&mut doc, section);
            let source = fragment
                .pointer(&format!("/{section}"))
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default();
            for (key, value) in source {
                assert!(
                    !target.contains_key(&key),
                    "{}: {section} {key} is defined twice",
                    path.display()
                );
                target.insert(key, value);
            }
        }
    }
    let out = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("openapi.json");
    fs::write(out, serde_json::to_string_pretty(&doc).expect("serialise"))
        .expect("write openapi.json");
}

fn read(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn pointer_object<'a>(doc: &'a mut Value, section: &str) -> &'a mut Map<String, Value> {
    let mut node = doc;
    for key in section.split('/') {
        node = node
            .as_object_mut()
            .expect("object")
            .entry(key)
            .or_insert_with(|| Value::Object(Map::new()));
    }
    node.as_object_mut().expect("object")
}
