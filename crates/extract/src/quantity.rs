//! Quantities: numbers with units (placeholder).

use crate::{Quantity, TextContext};

/// Finds the quantities of the text.
pub fn find_quantities(ctx: &TextContext<'_>) -> Vec<Quantity> {
    let _ = ctx;
    Vec::new()
}
