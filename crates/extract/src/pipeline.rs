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
        let mut entities = entities::find_entities(&ctx, &self.kb);
        crate::ner::unknown::add_unknown_names(&ctx, &mut entities);
        let times = time::find_times(&ctx);
        let quantities = quantity::find_quantities(&ctx);
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

/// The schema's default id: first 16 hex characters of the sha256 of the text.
pub fn document_id(text: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(text.as_bytes());
    digest.iter().take(8).map(|b| format!("{b:02x}")).collect()
}
