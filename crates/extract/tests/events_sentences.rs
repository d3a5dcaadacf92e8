//! Event finding over hand-written sentences (`test_data/events/sentences.tsv`), with
//! entities from a small fixture gazetteer. Reports accuracy per PLOVER type and asserts
//! floors for the trigger type and for the actor/target.

use marsad_extract::{events, Entity, EntityType, Mention, MentionKind, TextContext};
use std::collections::BTreeMap;

/// (surface form, id, type, mention kind). Longer forms are matched first.
const GAZETTEER: &[(&str, &str, EntityType, MentionKind)] = &[
    (
        "رجب طيب أردوغان",
        "person:erdogan",
        EntityType::Person,
        MentionKind::Name,
    ),
    (
        "أردوغان",
        "person:erdogan",
        EntityType::Person,
        MentionKind::Name,
    ),
    (
        "أحمد الشرع",
        "person:sharaa",
        EntityType::Person,
        MentionKind::Name,
    ),
    (
        "الشرع",
        "person:sharaa",
        EntityType::Person,
        MentionKind::Name,
    ),
    (
        "بوتين",
        "person:putin",
        EntityType::Person,
        MentionKind::Name,
    ),
    (
        "إيمانويل ماكرون",
        "person:macron",
        EntityType::Person,
        MentionKind::Name,
    ),
    (
        "ماكرون",
        "person:macron",
        EntityType::Person,
        MentionKind::Name,
    ),
    (
        "نتنياهو",
        "person:netanyahu",
        EntityType::Person,
        MentionKind::Name,
    ),
    ("الأمم المتحدة", "org:un", EntityType::Org, MentionKind::Name),
    (
        "الاتحاد الأوروبي",
        "org:eu",
        EntityType::Org,
        MentionKind::Name,
    ),
    (
        "مجلس التعاون الخليجي",
        "org:gcc",
        EntityType::Org,
        MentionKind::Name,
    ),
    (
        "حزب الله",
        "org:hezbollah",
        EntityType::Org,
        MentionKind::Name,
    ),
    ("تنظيم داعش", "org:isis", EntityType::Org, MentionKind::Name),
    ("داعش", "org:isis", EntityType::Org, MentionKind::Name),
    (
        "الجيش السوري",
        "org:syrian-army",
        EntityType::Org,
        MentionKind::Name,
    ),
    (
        "الجيش اليمني",
        "org:yemeni-army",
        EntityType::Org,
        MentionKind::Name,
    ),
    (
        "القوات الروسية",
        "org:russian-forces",
        EntityType::Org,
        MentionKind::Name,
    ),
    (
        "القوات العراقية",
        "org:iraqi-forces",
        EntityType::Org,
        MentionKind::Name,
    ),
    (
        "الولايات المتحدة",
        "gpe:usa",
        EntityType::Gpe,
        MentionKind::Name,
    ),
    (
        "السعودية",
        "gpe:saudi-arabia",
        EntityType::Gpe,
        MentionKind::Name,
    ),
    ("الإمارات", "gpe:uae", EntityType::Gpe, MentionKind::Name),
    ("روسيا", "gpe:russia", EntityType::Gpe, MentionKind::Name),
    ("سوريا", "gpe:syria", EntityType::Gpe, MentionKind::Name),
    ("تركيا", "gpe:turkey", EntityType::Gpe, MentionKind::Name),
    ("العراق", "gpe:iraq", EntityType::Gpe, MentionKind::Name),
    ("إيران", "gpe:iran", EntityType::Gpe, MentionKind::Name),
    ("إسرائيل", "gpe:israel", EntityType::Gpe, MentionKind::Name),
    ("مصر", "gpe:egypt", EntityType::Gpe, MentionKind::Name),
    ("لبنان", "gpe:lebanon", EntityType::Gpe, MentionKind::Name),
    ("فرنسا", "gpe:france", EntityType::Gpe, MentionKind::Name),
    ("الصين", "gpe:china", EntityType::Gpe, MentionKind::Name),
    ("قطر", "gpe:qatar", EntityType::Gpe, MentionKind::Name),
    ("الجزائر", "gpe:algeria", EntityType::Gpe, MentionKind::Name),
    ("المغرب", "gpe:morocco", EntityType::Gpe, MentionKind::Name),
    ("الأردن", "gpe:jordan", EntityType::Gpe, MentionKind::Name),
    ("اليمن", "gpe:yemen", EntityType::Gpe, MentionKind::Name),
    ("ليبيا", "gpe:libya", EntityType::Gpe, MentionKind::Name),
    ("موسكو", "gpe:moscow", EntityType::Gpe, MentionKind::Name),
    ("دمشق", "gpe:damascus", EntityType::Gpe, MentionKind::Name),
    ("أنقرة", "gpe:ankara", EntityType::Gpe, MentionKind::Name),
    ("القاهرة", "gpe:cairo", EntityType::Gpe, MentionKind::Name),
    ("بغداد", "gpe:baghdad", EntityType::Gpe, MentionKind::Name),
    ("الرياض", "gpe:riyadh", EntityType::Gpe, MentionKind::Name),
    ("طهران", "gpe:tehran", EntityType::Gpe, MentionKind::Name),
    (
        "واشنطن",
        "gpe:washington",
        EntityType::Gpe,
        MentionKind::Name,
    ),
    ("باريس", "gpe:paris", EntityType::Gpe, MentionKind::Name),
    ("بيروت", "gpe:beirut", EntityType::Gpe, MentionKind::Name),
    ("بكين", "gpe:beijing", EntityType::Gpe, MentionKind::Name),
    (
        "الخرطوم",
        "gpe:khartoum",
        EntityType::Gpe,
        MentionKind::Name,
    ),
    ("غزة", "gpe:gaza", EntityType::Gpe, MentionKind::Name),
    ("صنعاء", "gpe:sanaa", EntityType::Gpe, MentionKind::Name),
    (
        "إسطنبول",
        "gpe:istanbul",
        EntityType::Gpe,
        MentionKind::Name,
    ),
    ("عمان", "gpe:amman", EntityType::Gpe, MentionKind::Name),
    ("مأرب", "gpe:marib", EntityType::Gpe, MentionKind::Name),
    ("سراقب", "gpe:saraqib", EntityType::Gpe, MentionKind::Name),
    (
        "ريف حلب",
        "loc:aleppo-countryside",
        EntityType::Loc,
        MentionKind::Name,
    ),
    (
        "مضيق هرمز",
        "loc:hormuz",
        EntityType::Loc,
        MentionKind::Name,
    ),
    (
        "المسجد الأقصى",
        "fac:al-aqsa",
        EntityType::Fac,
        MentionKind::Name,
    ),
    ("التركية", "gpe:turkey", EntityType::Gpe, MentionKind::Nisba),
    ("التركي", "gpe:turkey", EntityType::Gpe, MentionKind::Nisba),
    ("الفرنسي", "gpe:france", EntityType::Gpe, MentionKind::Nisba),
    ("فرنسي", "gpe:france", EntityType::Gpe, MentionKind::Nisba),
    ("السوري", "gpe:syria", EntityType::Gpe, MentionKind::Nisba),
    ("السوريين", "gpe:syria", EntityType::Gpe, MentionKind::Nisba),
    ("الإيرانية", "gpe:iran", EntityType::Gpe, MentionKind::Nisba),
    ("الإيراني", "gpe:iran", EntityType::Gpe, MentionKind::Nisba),
    ("إيرانية", "gpe:iran", EntityType::Gpe, MentionKind::Nisba),
    ("العراقي", "gpe:iraq", EntityType::Gpe, MentionKind::Nisba),
    ("المصرية", "gpe:egypt", EntityType::Gpe, MentionKind::Nisba),
    ("المصري", "gpe:egypt", EntityType::Gpe, MentionKind::Nisba),
    ("الأردني", "gpe:jordan", EntityType::Gpe, MentionKind::Nisba),
    (
        "الأردنيين",
        "gpe:jordan",
        EntityType::Gpe,
        MentionKind::Nisba,
    ),
    (
        "اللبنانية",
        "gpe:lebanon",
        EntityType::Gpe,
        MentionKind::Nisba,
    ),
    (
        "اللبناني",
        "gpe:lebanon",
        EntityType::Gpe,
        MentionKind::Nisba,
    ),
    ("الأميركية", "gpe:usa", EntityType::Gpe, MentionKind::Nisba),
    ("الأميركي", "gpe:usa", EntityType::Gpe, MentionKind::Nisba),
    (
        "الإسرائيلية",
        "gpe:israel",
        EntityType::Gpe,
        MentionKind::Nisba,
    ),
    (
        "الإسرائيلي",
        "gpe:israel",
        EntityType::Gpe,
        MentionKind::Nisba,
    ),
    ("الروسية", "gpe:russia", EntityType::Gpe, MentionKind::Nisba),
    ("صينية", "gpe:china", EntityType::Gpe, MentionKind::Nisba),
    (
        "السعودية",
        "gpe:saudi-arabia",
        EntityType::Gpe,
        MentionKind::Nisba,
    ),
    (
        "الحوثيون",
        "org:houthis",
        EntityType::Org,
        MentionKind::Name,
    ),
];

fn is_letter(c: char) -> bool {
    c.is_alphabetic()
}

/// Entities with mentions at every gazetteer match (whole words, proclitics allowed).
fn fixture_entities(text: &str) -> Vec<Entity> {
    let chars: Vec<char> = text.chars().collect();
    let mut taken: Vec<(usize, usize, bool)> = Vec::new(); // (start, end, is_name)
    let mut by_id: BTreeMap<&str, Entity> = BTreeMap::new();
    let mut forms: Vec<&(&str, &str, EntityType, MentionKind)> = GAZETTEER.iter().collect();
    forms.sort_by_key(|f| std::cmp::Reverse(f.0.chars().count()));
    for &&(form, id, kind, mkind) in &forms {
        let f: Vec<char> = form.chars().collect();
        let mut i = 0;
        while i + f.len() <= chars.len() {
            if chars[i..i + f.len()] != f[..] {
                i += 1;
                continue;
            }
            let end = i + f.len();
            let after_ok = end == chars.len() || !is_letter(chars[end]);
            let mut b = i;
            while b > 0 && "وبلفك".contains(chars[b - 1]) && i - b < 3 {
                b -= 1;
            }
            let before_ok = b == 0 || !is_letter(chars[b - 1]);
            let overlaps_name = taken
                .iter()
                .any(|&(s, e, name)| s < end && i < e && (name || mkind != MentionKind::Nisba));
            let nested_nisba_ok = mkind == MentionKind::Nisba
                && taken
                    .iter()
                    .all(|&(s, e, _)| !(s < end && i < e) || (s <= i && end <= e));
            if after_ok && before_ok && (!overlaps_name || nested_nisba_ok) {
                taken.push((i, end, mkind != MentionKind::Nisba));
                let e = by_id.entry(id).or_insert_with(|| Entity {
                    id: id.to_string(),
                    kind,
                    name_ar: form.to_string(),
                    name_en: id.to_string(),
                    roles: Vec::new(),
                    geo: None,
                    known: true,
                    mentions: Vec::new(),
                });
                e.mentions.push(Mention {
                    start: i,
                    end,
                    text: form.to_string(),
                    kind: mkind,
                });
            }
            i = end;
        }
    }
    by_id.into_values().collect()
}

struct Row {
    text: String,
    kind: String,
    actor: String,
    target: String,
}

fn rows() -> Vec<Row> {
    include_str!("../test_data/events/sentences.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.starts_with("sentence\t") && !l.trim().is_empty())
        .filter_map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            (c.len() == 4).then(|| Row {
                text: c[0].to_string(),
                kind: c[1].to_string(),
                actor: c[2].to_string(),
                target: c[3].to_string(),
            })
        })
        .collect()
}

#[test]
fn fixture_gazetteer_finds_nested_nisba() {
    let ents = fixture_entities("قصف الجيش السوري مواقع في سوريا");
    let ids: Vec<&str> = ents.iter().map(|e| e.id.as_str()).collect();
    assert!(ids.contains(&"org:syrian-army"));
    assert!(ids.contains(&"gpe:syria"));
}

#[test]
fn sentences_per_type_accuracy() {
    let rows = rows();
    assert!(rows.len() >= 60, "{} rows", rows.len());
    // type → (rows, type right, args checked, args right)
    let mut per: BTreeMap<String, (usize, usize, usize, usize)> = BTreeMap::new();
    let mut failures = Vec::new();
    for r in &rows {
        let ctx = TextContext::new(&r.text, Some("2026-01-29"));
        let ents = fixture_entities(&r.text);
        let evs = events::find_events(&ctx, &ents, &[], &[]);
        let slot = per.entry(r.kind.clone()).or_default();
        slot.0 += 1;
        if r.kind == "-" {
            if evs.is_empty() {
                slot.1 += 1;
            } else {
                failures.push(format!(
                    "{}: unexpected {:?}",
                    r.text,
                    evs.iter().map(|e| &e.kind).collect::<Vec<_>>()
                ));
            }
            continue;
        }
        let Some(ev) = evs.iter().find(|e| e.kind == r.kind) else {
            failures.push(format!(
                "{}: no {} in {:?}",
                r.text,
                r.kind,
                evs.iter().map(|e| &e.kind).collect::<Vec<_>>()
            ));
            continue;
        };
        slot.1 += 1;
        let want = |w: &str, got: &Option<String>| match w {
            "?" => None,
            "-" => Some(got.is_none()),
            id => Some(got.as_deref() == Some(id)),
        };
        let checks = [want(&r.actor, &ev.actor), want(&r.target, &ev.target)];
        if checks.iter().any(Option::is_some) {
            slot.2 += 1;
            if checks.iter().all(|c| c.unwrap_or(true)) {
                slot.3 += 1;
            } else {
                failures.push(format!(
                    "{}: {} {:?} -> {:?}, expected {} -> {}",
                    r.text, ev.kind, ev.actor, ev.target, r.actor, r.target
                ));
            }
        }
    }
    let (mut n, mut ok, mut na, mut oka) = (0, 0, 0, 0);
    for (k, (rows, right, args, args_right)) in &per {
        eprintln!("{k:10} type {right}/{rows}   actor+target {args_right}/{args}");
        n += rows;
        ok += right;
        na += args;
        oka += args_right;
    }
    for f in &failures {
        eprintln!("  {f}");
    }
    let type_acc = ok as f64 / n as f64;
    let arg_acc = oka as f64 / na.max(1) as f64;
    eprintln!("type accuracy {type_acc:.3}, actor+target accuracy {arg_acc:.3}");
    assert!(type_acc >= 0.9, "type accuracy {type_acc:.3}");
    assert!(arg_acc >= 0.8, "actor+target accuracy {arg_acc:.3}");
}
