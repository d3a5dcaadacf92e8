//! Quotes and speaker attribution (placeholder).

use crate::{Entity, Quote, TextContext};

/// Finds direct and indirect quotes and attributes them to speakers.
pub fn find_quotes(ctx: &TextContext<'_>, entities: &[Entity]) -> Vec<Quote> {
    let _ = (ctx, entities);
    Vec::new()
}
