//! Character spans.

/// A half-open range of **character** offsets into an original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
}

impl Span {
    /// Makes a span.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }
    /// Number of characters.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }
    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    /// True when `other` lies inside `self`.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    /// True when the spans share at least one character.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}
