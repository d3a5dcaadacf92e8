//! Table-driven tests of the quantity stage (`test_data/quantities.tsv`).

use marsad_extract::quantity::find_quantities;
use marsad_extract::TextContext;

const TABLE: &str = include_str!("../test_data/quantities.tsv");

fn check(row: &[&str]) -> Result<(), String> {
    let [text, value, unit, span, about] = row else {
        return Err(format!("bad row {row:?}"));
    };
    let ctx = TextContext::new(text, Some("2026-01-29"));
    let qs = find_quantities(&ctx);
    let chars: Vec<char> = text.chars().collect();
    for q in &qs {
        if chars[q.start..q.end].iter().collect::<String>() != q.text {
            return Err(format!("span text {:?} does not match its offsets", q.text));
        }
    }
    if *value == "NONE" {
        return match qs.first() {
            None => Ok(()),
            Some(q) => Err(format!(
                "expected no quantity, got {:?} = {}",
                q.text, q.value
            )),
        };
    }
    let want_span = if *span == "=" { *text } else { *span };
    let Some(q) = qs.iter().find(|q| q.text == want_span) else {
        let got: Vec<(&str, f64)> = qs.iter().map(|q| (q.text.as_str(), q.value)).collect();
        return Err(format!("no quantity spanning {want_span:?}; got {got:?}"));
    };
    let want: f64 = value.parse().map_err(|_| format!("bad value {value}"))?;
    if (q.value - want).abs() > 1e-6 || q.unit.as_deref() != Some(*unit) {
        return Err(format!(
            "{want_span:?}: got {} {:?}, want {want} {unit}",
            q.value, q.unit
        ));
    }
    match *about {
        "*" => {}
        "-" if q.about.is_some() => {
            return Err(format!("{want_span:?}: about {:?}, want null", q.about))
        }
        "-" => {}
        a if q.about.as_deref() != Some(a) => {
            return Err(format!("{want_span:?}: about {:?}, want {a}", q.about))
        }
        _ => {}
    }
    Ok(())
}

#[test]
fn quantities_table() {
    let rows: Vec<Vec<&str>> = TABLE
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
        .collect();
    assert!(rows.len() >= 50, "the table has {} rows", rows.len());
    let failures: Vec<String> = rows
        .iter()
        .filter_map(|r| check(r).err().map(|e| format!("{}: {e}", r[0])))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} rows fail:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}

#[test]
fn arabic_indic_digits_and_words_read_alike() {
    let a = find_quantities(&TextContext::new("قتل ١٥ شخصا", None));
    let b = find_quantities(&TextContext::new("قتل خمسة عشر شخصا", None));
    assert_eq!(a.len(), 1);
    assert_eq!(b.len(), 1);
    assert_eq!(a[0].value, 15.0);
    assert_eq!(b[0].value, 15.0);
}
