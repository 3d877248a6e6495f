//! Byte spans into a document's text, and their conversion to the contract's character
//! offsets.

use std::fmt;

/// A half-open byte range `start..end` into a document's `text`.
///
/// Both ends always fall on `char` boundaries of the text the span was made for; the stage
/// that creates a span is responsible for that, and [`Span::slice`] relies on it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span { start, end }
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The text this span covers. Panics if the span is not on `char` boundaries of `text`,
    /// which would be a bug in the stage that made it, never a property of the input.
    pub fn slice(self, text: &str) -> &str {
        &text[self.start..self.end]
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// This span moved by `delta` bytes, for spans computed on a slice of a larger text.
    pub fn shift(self, delta: usize) -> Span {
        Span::new(self.start + delta, self.end + delta)
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// Converts byte offsets of one text into character (Unicode scalar value) offsets.
///
/// Building it is one pass over the text; each lookup is a binary search over the positions
/// of non-ASCII characters, so pure-ASCII text (most English news) costs nothing.
#[derive(Debug, Clone)]
pub struct CharOffsets {
    /// Byte offset of every non-ASCII char, with the number of extra bytes seen before and
    /// including it: `char offset = byte offset - extra bytes before`.
    wide: Vec<(usize, usize)>,
}

impl CharOffsets {
    pub fn new(text: &str) -> CharOffsets {
        let mut wide = Vec::new();
        let mut extra = 0;
        if !text.is_ascii() {
            for (at, c) in text.char_indices() {
                let len = c.len_utf8();
                if len > 1 {
                    extra += len - 1;
                    wide.push((at, extra));
                }
            }
        }
        CharOffsets { wide }
    }

    /// The character offset of byte offset `byte` (which must be a char boundary).
    pub fn char_at(&self, byte: usize) -> usize {
        // Extra bytes contributed by wide chars that start strictly before `byte`.
        let i = self.wide.partition_point(|&(at, _)| at < byte);
        let extra = if i == 0 { 0 } else { self.wide[i - 1].1 };
        byte - extra
    }

    pub fn span(&self, span: Span) -> (usize, usize) {
        (self.char_at(span.start), self.char_at(span.end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_match_char_counts() {
        let text = "a€b “c” дd 😀e";
        let map = CharOffsets::new(text);
        for (byte, _) in text.char_indices().chain([(text.len(), ' ')]) {
            assert_eq!(
                map.char_at(byte),
                text[..byte].chars().count(),
                "at byte {byte}"
            );
        }
    }

    #[test]
    fn ascii_text_is_identity() {
        let map = CharOffsets::new("plain ascii");
        assert_eq!(map.span(Span::new(2, 7)), (2, 7));
    }

    #[test]
    fn span_helpers() {
        let a = Span::new(2, 5);
        let b = Span::new(4, 9);
        assert!(a.overlaps(b));
        assert!(!a.overlaps(Span::new(5, 6)));
        assert_eq!(a.cover(b), Span::new(2, 9));
        assert!(Span::new(0, 10).contains(a));
        assert_eq!(a.shift(3), Span::new(5, 8));
        assert_eq!(Span::new(6, 11).slice("hello world"), "world");
    }
}
