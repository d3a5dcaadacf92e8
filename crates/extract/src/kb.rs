//! The knowledge base: entities, aliases, nisbas, titles (placeholder).

use crate::Error;

/// The loaded knowledge base.
#[derive(Debug, Default)]
pub struct KnowledgeBase {}

impl KnowledgeBase {
    /// The copy bundled in the binary.
    pub fn bundled() -> Result<KnowledgeBase, Error> {
        Ok(KnowledgeBase {})
    }
}
