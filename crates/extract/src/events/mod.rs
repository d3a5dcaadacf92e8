//! PLOVER events (placeholder).

use crate::{Entity, Event, Quote, TextContext, Time};

/// Finds events with their actor, target, location and date.
pub fn find_events(
    ctx: &TextContext<'_>,
    entities: &[Entity],
    quotes: &[Quote],
    times: &[Time],
) -> Vec<Event> {
    let _ = (ctx, entities, quotes, times);
    Vec::new()
}
