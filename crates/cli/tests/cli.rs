//! End-to-end checks of the `marsad` binary: the output contract of `analyze`, input
//! handling, bad input, and the README's main job (`marsad demo`).

use std::path::PathBuf;
use std::process::Command;

fn marsad() -> Command {
    Command::new(env!("CARGO_BIN_EXE_marsad"))
}

/// Fails the test with marsad's stderr when the command did not succeed.
fn assert_ran(out: &std::process::Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn chars(text: &str, start: u64, end: u64) -> String {
    text.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

/// Every span of every section slices the document text to its `text` field.
fn check_spans(doc: &serde_json::Value) {
    let text = doc["text"].as_str().expect("text");
    let check = |v: &serde_json::Value, what: &str| {
        let (s, e) = (
            v["start"].as_u64().expect("start"),
            v["end"].as_u64().expect("end"),
        );
        assert!(
            s <= e && e as usize <= text.chars().count(),
            "{what} out of range: {v}"
        );
        if let Some(t) = v["text"].as_str() {
            assert_eq!(chars(text, s, e), t, "{what} span does not slice the text");
        }
    };
    for e in doc["entities"].as_array().expect("entities") {
        for m in e["mentions"].as_array().expect("mentions") {
            check(m, "mention");
        }
    }
    for section in ["quotes", "times", "quantities"] {
        for v in doc[section].as_array().expect(section) {
            check(v, section);
        }
    }
    for ev in doc["events"].as_array().expect("events") {
        check(&ev["trigger"], "trigger");
    }
}

#[test]
fn analyze_prints_the_contract_for_a_text_file() {
    let file = repo().join("demo/articles/demo-006.txt");
    let out = marsad()
        .args(["analyze", "--published", "2026-09-16"])
        .arg(&file)
        .output()
        .expect("run marsad");
    assert_ran(&out);
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(doc["schema"], "marsad.document/1");
    for key in [
        "id",
        "source",
        "title",
        "published",
        "language",
        "text",
        "sentences",
        "entities",
        "quotes",
        "times",
        "quantities",
        "events",
    ] {
        assert!(doc.get(key).is_some(), "missing {key}");
    }
    assert_eq!(doc["id"].as_str().map(str::len), Some(16));
    assert_eq!(doc["published"], "2026-09-16");
    check_spans(&doc);
    // A short wire story with two presidents and a spokesman: people, quotes and a date.
    let entities = doc["entities"].as_array().expect("entities");
    assert!(entities
        .iter()
        .any(|e| e["type"] == "PERSON" && e["known"] == true));
    assert!(!doc["quotes"].as_array().expect("quotes").is_empty());
    assert!(doc["times"]
        .as_array()
        .expect("times")
        .iter()
        .any(|t| t["value"]
            .as_str()
            .is_some_and(|v| v.starts_with("2026-09"))));
}

#[test]
fn analyze_jsonl_keeps_ids_and_order() {
    let out = marsad()
        .arg("analyze")
        .arg(repo().join("demo/articles.jsonl"))
        .output()
        .expect("run marsad");
    assert_ran(&out);
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("compact JSON per line"))
        .collect();
    let ids: Vec<&str> = lines.iter().filter_map(|d| d["id"].as_str()).collect();
    let expected: Vec<String> = (1..=lines.len()).map(|i| format!("demo-{i:03}")).collect();
    assert!(lines.len() >= 6);
    assert_eq!(ids, expected.iter().map(String::as_str).collect::<Vec<_>>());
    lines.iter().for_each(check_spans);
}

#[test]
fn bad_jsonl_lines_are_reported_and_the_rest_analysed() {
    let dir = std::env::temp_dir().join(format!("marsad-cli-jsonl-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("mixed.jsonl");
    let mut bytes = Vec::new();
    bytes.extend_from_slice("{\"id\":\"a\",\"text\":\"زار الوزير دمشق أمس.\"}\n".as_bytes());
    bytes.extend_from_slice(b"{not json\n");
    bytes.extend_from_slice("{\"id\":\"b\",\"text\":\"وصل الوفد إلى عمان.\"}\n".as_bytes());
    // A file cut in the middle of a two-byte Arabic letter.
    let cut = "{\"id\":\"c\",\"text\":\"قال".as_bytes();
    bytes.extend_from_slice(&cut[..cut.len() - 1]);
    std::fs::write(&file, &bytes).expect("write");
    let out = marsad().arg("analyze").arg(&file).output().expect("run");
    assert_ran(&out);
    let ids: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("JSON per line");
            v["id"].as_str().unwrap_or_default().to_string()
        })
        .collect();
    assert_eq!(ids, ["a", "b"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("mixed.jsonl:2:"), "names line 2: {err}");
    assert!(
        err.contains("mixed.jsonl:4: invalid UTF-8"),
        "names line 4: {err}"
    );
    // Nothing usable at all is an error.
    let bad = dir.join("bad.jsonl");
    std::fs::write(&bad, b"{nope\n[1,2]\n").expect("write");
    let out = marsad().arg("analyze").arg(&bad).output().expect("run");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no readable JSONL line"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_input_is_a_clear_error() {
    let dir = std::env::temp_dir().join(format!("marsad-cli-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let empty = dir.join("empty.txt");
    std::fs::write(&empty, b"").expect("write");
    let binary = dir.join("blob.txt");
    std::fs::write(&binary, [0u8, 159, 146, 150, 0, 0, 1, 2, 3]).expect("write");
    for f in [&empty, &binary] {
        let out = marsad().arg("analyze").arg(f).output().expect("run marsad");
        assert!(!out.status.success(), "{} should fail", f.display());
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&*f.to_string_lossy()),
            "error names the file: {err}"
        );
        assert!(!err.contains("panicked"), "no panic: {err}");
    }
    let out = marsad()
        .args(["analyze", "--published", "29/01/2026"])
        .arg(repo().join("demo/articles/demo-001.txt"))
        .output()
        .expect("run marsad");
    assert!(!out.status.success());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn demo_ingests_and_reports_what_it_found() {
    let dir = std::env::temp_dir().join(format!("marsad-demo-test-{}", std::process::id()));
    let out = marsad()
        .arg("demo")
        .arg("--data")
        .arg(&dir)
        .output()
        .expect("run marsad demo");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("Ingested 6 demo articles"), "{stdout}");
    for section in [
        "Most mentioned entities:",
        "Who said what:",
        "What happened:",
        "Search",
    ] {
        assert!(stdout.contains(section), "missing {section}: {stdout}");
    }
    // The store answers the corpus commands scripts rely on.
    let stats = marsad()
        .args(["stats", "--json", "--data"])
        .arg(&dir)
        .output()
        .expect("run marsad stats");
    let v: serde_json::Value = serde_json::from_slice(&stats.stdout).expect("stats JSON");
    assert_eq!(v["articles"], 6);
    for key in ["entities", "quotes", "events"] {
        assert!(v[key].as_u64().is_some_and(|n| n > 0), "{key}: {v}");
    }
    let search = marsad()
        .args(["search", "روسيا", "--json", "--data"])
        .arg(&dir)
        .output()
        .expect("run marsad search");
    let v: serde_json::Value = serde_json::from_slice(&search.stdout).expect("search JSON");
    assert!(v["total"].as_u64().is_some_and(|n| n >= 1), "{v}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn analyze_output_is_the_same_for_any_number_of_threads() {
    // Enough text for several batches of 8 KiB a thread, in documents of mixed sizes.
    let demo = std::fs::read_to_string(repo().join("demo/articles.jsonl")).expect("demo");
    let records: Vec<serde_json::Value> = demo
        .lines()
        .map(|l| serde_json::from_str(l).expect("demo line"))
        .collect();
    let dir = std::env::temp_dir().join(format!("marsad-cli-jobs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("many.jsonl");
    let mut body = String::new();
    let mut bytes = 0;
    let mut n = 0;
    while bytes < 200 << 10 {
        let mut r = records[n % records.len()].clone();
        let text = r["text"].as_str().unwrap_or_default().repeat(1 + n % 7);
        bytes += text.len();
        r["text"] = serde_json::Value::String(text);
        r["id"] = serde_json::Value::String(format!("doc-{n}"));
        body.push_str(&r.to_string());
        body.push('\n');
        n += 1;
    }
    std::fs::write(&file, body).expect("write");
    let run = |jobs: &str| {
        let out = marsad()
            .args(["analyze", "--batch-kib", "8", "--jobs", jobs])
            .arg(&file)
            .output()
            .expect("run marsad");
        assert_ran(&out);
        out.stdout
    };
    let one = run("1");
    let ids: Vec<String> = String::from_utf8_lossy(&one)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("JSON per line");
            v["id"].as_str().unwrap_or_default().to_string()
        })
        .collect();
    assert_eq!(ids, (0..n).map(|i| format!("doc-{i}")).collect::<Vec<_>>());
    assert!(one == run("3"), "three threads print what one prints");
    let _ = std::fs::remove_dir_all(&dir);
}
