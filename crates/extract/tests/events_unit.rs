//! Event finding on small hand-built fixtures: trigger spans, negation and modality,
//! quote sources, argument roles, keys, and robustness on odd input.

use marsad_extract::{
    events, Entity, EntityType, Mention, MentionKind, Quote, QuoteKind, TextContext, Time, TimeType,
};
use proptest::prelude::*;

fn char_find(text: &str, needle: &str) -> usize {
    let b = text.find(needle).expect("needle in text");
    text[..b].chars().count()
}

fn entity(text: &str, id: &str, kind: EntityType, forms: &[(&str, MentionKind)]) -> Entity {
    let mut mentions = Vec::new();
    for (f, k) in forms {
        let mut from = 0;
        while let Some(b) = text[from..].find(f) {
            let start = text[..from + b].chars().count();
            mentions.push(Mention {
                start,
                end: start + f.chars().count(),
                text: f.to_string(),
                kind: *k,
            });
            from += b + f.len();
        }
    }
    Entity {
        id: id.into(),
        kind,
        name_ar: forms[0].0.into(),
        name_en: id.into(),
        roles: vec![],
        geo: None,
        known: true,
        mentions,
    }
}

fn run(text: &str, ents: &[Entity]) -> Vec<marsad_extract::Event> {
    let ctx = TextContext::new(text, Some("2026-01-29"));
    events::find_events(&ctx, ents, &[], &[])
}

#[test]
fn trigger_span_drops_proclitics_keeps_article_and_pronoun() {
    let text = "وتحدث الوزير عن الزيارة إلى دمشق، وأشاد بلقائه مع بوتين، وجاء ذلك بطلب من الحكومة.";
    let ents = vec![
        entity(
            text,
            "gpe:damascus",
            EntityType::Gpe,
            &[("دمشق", MentionKind::Name)],
        ),
        entity(
            text,
            "person:putin",
            EntityType::Person,
            &[("بوتين", MentionKind::Name)],
        ),
    ];
    let evs = run(text, &ents);
    let trig: Vec<&str> = evs.iter().map(|e| e.trigger.text.as_str()).collect();
    assert!(trig.contains(&"الزيارة"), "{trig:?}");
    assert!(trig.contains(&"لقائه"), "{trig:?}");
    assert!(trig.contains(&"طلب"), "{trig:?}");
    for e in &evs {
        let got: String = text
            .chars()
            .skip(e.trigger.start)
            .take(e.trigger.end - e.trigger.start)
            .collect();
        assert_eq!(got, e.trigger.text);
    }
}

#[test]
fn negation_and_modality() {
    let text = "لم يزر الوزير دمشق. قد تفرض الحكومة عقوبات. كان الوزير قد وصل إلى دمشق.";
    let ents = vec![entity(
        text,
        "gpe:damascus",
        EntityType::Gpe,
        &[("دمشق", MentionKind::Name)],
    )];
    let evs = run(text, &ents);
    let visit = evs
        .iter()
        .find(|e| e.kind == "CONSULT" && e.sentence == 0)
        .expect("visit");
    assert!(visit.negated && !visit.hypothetical);
    let sanc = evs
        .iter()
        .find(|e| e.kind == "SANCTION")
        .expect("sanctions");
    assert!(sanc.hypothetical && !sanc.negated);
    let arrived = evs
        .iter()
        .find(|e| e.kind == "CONSULT" && e.sentence == 2)
        .expect("arrival");
    assert!(!arrived.hypothetical, "قد + perfect is not modal");
}

#[test]
fn ambiguous_words_need_a_participant() {
    // A sports `اللقاء` with nobody named is not kept; a meeting with a named party is.
    assert!(run("وانتهى اللقاء بالتعادل.", &[]).is_empty());
    let text = "وانتهى اللقاء مع بوتين مساء أمس.";
    let ents = vec![entity(
        text,
        "person:putin",
        EntityType::Person,
        &[("بوتين", MentionKind::Name)],
    )];
    assert_eq!(run(text, &ents).len(), 1);
}

#[test]
fn light_verbs_and_statements_are_not_events() {
    let evs = run("أجرى الوزير محادثات مع نظيره. وقال إن العلاقات تتطور.", &[]);
    assert_eq!(evs.len(), 1, "{evs:?}");
    assert_eq!(evs[0].trigger.text, "محادثات");
}

#[test]
fn roles_visit_meeting_and_nisba() {
    let text = "زار الرئيس التركي أردوغان موسكو، حيث التقى بوتين في الكرملين. وبحث الانسحاب الروسي من المنطقة.";
    let ents = vec![
        entity(
            text,
            "person:erdogan",
            EntityType::Person,
            &[("أردوغان", MentionKind::Name)],
        ),
        entity(
            text,
            "person:putin",
            EntityType::Person,
            &[("بوتين", MentionKind::Name)],
        ),
        entity(
            text,
            "gpe:turkey",
            EntityType::Gpe,
            &[("التركي", MentionKind::Nisba)],
        ),
        entity(
            text,
            "gpe:russia",
            EntityType::Gpe,
            &[("الروسي", MentionKind::Nisba)],
        ),
        entity(
            text,
            "gpe:moscow",
            EntityType::Gpe,
            &[("موسكو", MentionKind::Name)],
        ),
        entity(
            text,
            "fac:kremlin",
            EntityType::Fac,
            &[("الكرملين", MentionKind::Name)],
        ),
    ];
    let evs = run(text, &ents);
    let visit = evs
        .iter()
        .find(|e| e.mode.as_deref() == Some("visit"))
        .expect("visit");
    assert_eq!(visit.actor.as_deref(), Some("person:erdogan"));
    assert_eq!(visit.target.as_deref(), Some("gpe:moscow"));
    let meet = evs
        .iter()
        .find(|e| e.mode.as_deref() == Some("meeting"))
        .expect("meeting");
    assert_eq!(
        meet.actor.as_deref(),
        Some("person:erdogan"),
        "dropped subject"
    );
    assert_eq!(meet.target.as_deref(), Some("person:putin"));
    assert_eq!(meet.location.as_deref(), Some("fac:kremlin"));
    let wd = evs
        .iter()
        .find(|e| e.kind == "RETREAT")
        .expect("withdrawal");
    assert_eq!(wd.actor.as_deref(), Some("gpe:russia"));
}

#[test]
fn quote_source_date_and_key() {
    let text = "قال الوزير إن بلاده ستدعم الاتفاق في 12 مارس 2026.";
    let q_start = char_find(text, "بلاده");
    let q_end = text.chars().count() - 1;
    let quotes = vec![Quote {
        speaker: None,
        speaker_text: Some("الوزير".into()),
        kind: QuoteKind::Indirect,
        cue: "قال".into(),
        start: q_start,
        end: q_end,
        text: text.chars().skip(q_start).take(q_end - q_start).collect(),
        via: None,
    }];
    let t_start = char_find(text, "12 مارس");
    let times = vec![Time {
        start: t_start,
        end: t_start + "12 مارس 2026".chars().count(),
        text: "12 مارس 2026".into(),
        kind: TimeType::Date,
        value: "2026-03-12".into(),
        anchored: false,
        modifier: None,
        hijri: None,
    }];
    let ctx = TextContext::new(text, None);
    let evs = events::find_events(&ctx, &[], &quotes, &times);
    let sup = evs.iter().find(|e| e.kind == "SUPPORT").expect("support");
    assert_eq!(sup.source, Some(0));
    assert!(sup.hypothetical, "future prefix");
    assert_eq!(sup.date.as_deref(), Some("2026-03-12"));
    assert_eq!(sup.cameo.as_deref(), Some("05"));
    assert_eq!(sup.event_key.as_deref(), Some("SUPPORT|-|-|2026-03-12|-"));
}

#[test]
fn names_containing_trigger_words_are_not_events() {
    let text = "اجتمع مجلس التعاون الخليجي في الرياض.";
    let ents = vec![entity(
        text,
        "org:gcc",
        EntityType::Org,
        &[("مجلس التعاون الخليجي", MentionKind::Name)],
    )];
    let evs = run(text, &ents);
    assert!(evs.iter().all(|e| e.kind != "COOPERATE"), "{evs:?}");
    assert!(evs.iter().any(|e| e.kind == "CONSULT"));
}

#[test]
fn odd_input_does_not_panic() {
    let text = "زيارة";
    let bad = Entity {
        id: "gpe:x".into(),
        kind: EntityType::Gpe,
        name_ar: "x".into(),
        name_en: "x".into(),
        roles: vec![],
        geo: None,
        known: true,
        mentions: vec![Mention {
            start: 3,
            end: 99,
            text: "x".into(),
            kind: MentionKind::Name,
        }],
    };
    let _ = run(text, &[bad]);
    let _ = run("", &[]);
    let _ = run("... ، ، «»", &[]);
}

proptest! {
    #[test]
    fn any_text_is_safe(s in "[ ءاأإآبتثجحخدذرزسشصضطظعغفقكلمنهوىيةؤئًٌٍَُِّْـ،.«»0-9a-z]{0,80}") {
        let evs = run(&s, &[]);
        let n = s.chars().count();
        for e in evs {
            prop_assert!(e.trigger.start <= e.trigger.end && e.trigger.end <= n);
        }
    }
}
