//! Time expressions (TIMEX3) (placeholder).

use crate::{Time, TextContext};

/// Finds and values the time expressions of the text.
pub fn find_times(ctx: &TextContext<'_>) -> Vec<Time> {
    let _ = ctx;
    Vec::new()
}
