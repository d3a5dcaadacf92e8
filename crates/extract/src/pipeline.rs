//! The whole extraction pipeline: text layer, then entities, times and quantities,
//! quotes, events.

use crate::document::*;
use crate::{entities, events, quantity, quotes, time, Error, KnowledgeBase, TextContext};

/// Metadata that comes with a text.
#[derive(Debug, Clone, Default)]
pub struct Source {
    /// Id given by the source; when absent the id is derived from the text.
    pub id: Option<String>,
    /// File path, URL or feed id.
    pub source: String,
    /// Title.
    pub title: Option<String>,
    /// `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Add tokens to the output.
    pub with_tokens: bool,
}

/// Runs every extraction stage with one loaded knowledge base and lexicon set.
#[derive(Debug)]
pub struct Extractor {
    kb: KnowledgeBase,
}

impl Extractor {
    /// An extractor over the knowledge base and lexicons bundled in the binary.
    pub fn bundled() -> Result<Extractor, Error> {
        Ok(Extractor {
            kb: KnowledgeBase::bundled()?,
        })
    }

    /// An extractor over a given knowledge base.
    pub fn with_kb(kb: KnowledgeBase) -> Extractor {
        Extractor { kb }
    }

    /// The knowledge base in use.
    pub fn kb(&self) -> &KnowledgeBase {
        &self.kb
    }

    /// Analyses one text.
    pub fn analyze(&self, text: &str, src: &Source) -> Document {
        let ctx = TextContext::new(text, src.published.as_deref());
        let times = time::find_times(&ctx);
        let quantities = quantity::find_quantities(&ctx);
        let mut entities = entities::find_entities(&ctx, &self.kb);
        crate::ner::unknown::add_unknown_names(&ctx, &mut entities);
        let taken: Vec<(usize, usize)> = times
            .iter()
            .map(|t| (t.start, t.end))
            .chain(quantities.iter().map(|q| (q.start, q.end)))
            .collect();
        drop_new_names_inside(&mut entities, &taken);
        let quotes = quotes::find_quotes(&ctx, &entities);
        let events = events::find_events(&ctx, &entities, &quotes, &times);
        let tokens = src.with_tokens.then(|| {
            ctx.analysis
                .tokens
                .iter()
                .map(|t| TokenRecord {
                    start: t.span.start,
                    end: t.span.end,
                    norm: t.norm.to_string(),
                    segments: t.segments.iter().map(|s| s.to_string()).collect(),
                    stem: t.stem.to_string(),
                })
                .collect()
        });
        Document {
            schema: SCHEMA_VERSION.to_string(),
            id: src.id.clone().unwrap_or_else(|| document_id(text)),
            source: src.source.clone(),
            title: src.title.clone(),
            published: src.published.clone(),
            language: "ar".to_string(),
            text: text.to_string(),
            sentences: ctx
                .analysis
                .sentences
                .iter()
                .map(|s| SentenceSpan {
                    start: s.start,
                    end: s.end,
                })
                .collect(),
            entities,
            quotes,
            times,
            quantities,
            events,
            tokens,
        }
    }
}

/// Drops mentions of entities the knowledge base does not know (`known: false`) that
/// overlap a time expression or a quantity, which the tagger sometimes reads as names
/// (the month "نيسان", the currency "ريال"), and the entities left without mentions.
fn drop_new_names_inside(entities: &mut Vec<Entity>, taken: &[(usize, usize)]) {
    if taken.is_empty() {
        return;
    }
    for e in entities.iter_mut().filter(|e| !e.known) {
        e.mentions
            .retain(|m| !taken.iter().any(|&(s, t)| m.start < t && s < m.end));
    }
    entities.retain(|e| !e.mentions.is_empty());
}

/// The schema's default id: first 16 hex characters of the sha256 of the text.
pub fn document_id(text: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entity(id: &str, known: bool, spans: &[(usize, usize)]) -> Entity {
        Entity {
            id: id.into(),
            kind: EntityType::Org,
            name_ar: String::new(),
            name_en: String::new(),
            roles: Vec::new(),
            geo: None,
            known,
            mentions: spans
                .iter()
                .map(|&(start, end)| Mention {
                    start,
                    end,
                    text: String::new(),
                    kind: MentionKind::Name,
                })
                .collect(),
        }
    }

    #[test]
    fn new_names_inside_times_and_quantities_are_dropped() {
        let mut ents = vec![
            entity("org:month", false, &[(10, 15)]),
            entity("org:partly", false, &[(10, 15), (40, 45)]),
            entity("org:known", true, &[(10, 15)]),
            entity("org:elsewhere", false, &[(20, 25)]),
        ];
        drop_new_names_inside(&mut ents, &[(8, 16), (30, 35)]);
        let ids: Vec<&str> = ents.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["org:partly", "org:known", "org:elsewhere"]);
        assert_eq!(ents[0].mentions.len(), 1);
        assert_eq!(ents[0].mentions[0].start, 40);
    }
}
