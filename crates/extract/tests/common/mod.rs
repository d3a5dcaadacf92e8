//! Helpers shared by the entity tests.

use marsad_extract::entities::find_entities;
use marsad_extract::{Entity, KnowledgeBase, TextContext};

/// The entities of `text` over `kb`, after checking that every mention's offsets give
/// back its text.
pub fn entities_checked(text: &str, published: Option<&str>, kb: &KnowledgeBase) -> Vec<Entity> {
    let ctx = TextContext::new(text, published);
    let ents = find_entities(&ctx, kb);
    let chars: Vec<char> = text.chars().collect();
    for e in &ents {
        for m in &e.mentions {
            let slice: String = chars[m.start..m.end].iter().collect();
            assert_eq!(slice, m.text, "offsets of {m:?}");
        }
    }
    ents
}
