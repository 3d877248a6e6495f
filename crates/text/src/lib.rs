//! Text helpers that more than one stage needs: word iteration with byte offsets, function
//! words, whitespace normalisation, and month and weekday names.
//!
//! This is Parallax's `stdx`: it depends on nothing, knows nothing of documents or pipeline
//! stages, and every function is pure. Helpers that only one stage uses live in that stage.
//!
//! ```
//! use parallax_text::{is_function_word, words};
//!
//! let ws: Vec<&str> = words("Kyiv's mayor said: \"no comment\"").map(|w| w.text).collect();
//! assert_eq!(ws, ["Kyiv's", "mayor", "said", "no", "comment"]);
//! assert!(is_function_word("The"));
//! ```

mod calendar;
mod function_words;
mod wordset;

use std::borrow::Cow;

pub use calendar::{month_number, weekday_number};
pub use function_words::{FUNCTION_WORDS, is_function_word};
pub use wordset::WordSet;

/// A word and where it starts, in bytes, in the text it came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word<'a> {
    pub text: &'a str,
    pub start: usize,
}

impl Word<'_> {
    pub fn end(&self) -> usize {
        self.start + self.text.len()
    }

    /// Starts with an uppercase letter.
    pub fn is_capitalized(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }
}

/// The words of `text`: runs of letters and digits, joined across a single inner apostrophe
/// or hyphen ("don't", "Kyiv's", "co-founder").
pub fn words(text: &str) -> Words<'_> {
    Words { text, pos: 0 }
}

#[derive(Debug, Clone)]
pub struct Words<'a> {
    text: &'a str,
    pos: usize,
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '‐')
}

impl<'a> Iterator for Words<'a> {
    type Item = Word<'a>;

    fn next(&mut self) -> Option<Word<'a>> {
        let text = self.text;
        let bytes = text.as_bytes();
        // The character at byte `i`, read without decoding when it is ASCII (most text).
        let char_at = |i: usize| -> Option<char> {
            match bytes.get(i) {
                None => None,
                Some(&b) if b < 0x80 => Some(char::from(b)),
                Some(_) => text[i..].chars().next(),
            }
        };
        let mut i = self.pos;
        let start = loop {
            let c = char_at(i)?;
            if c.is_alphanumeric() {
                break i;
            }
            i += c.len_utf8();
        };
        let mut end = start;
        let mut i = start;
        while let Some(c) = char_at(i) {
            let next = i + c.len_utf8();
            if c.is_alphanumeric() {
                end = next;
            } else if !(is_joiner(c) && char_at(next).is_some_and(char::is_alphanumeric)) {
                break;
            }
            i = next;
        }
        self.pos = end;
        Some(Word {
            text: &text[start..end],
            start,
        })
    }
}

/// `text` with every run of whitespace turned into one space and the ends trimmed. Zero-width
/// spaces and stray byte-order marks count as whitespace: pages use them as invisible
/// separators, never as content. Borrows when nothing changes, which is the common case for
/// clean lines.
pub fn collapse_whitespace(text: &str) -> Cow<'_, str> {
    let blank = |c: char| c.is_whitespace() || matches!(c, '\u{200b}' | '\u{feff}');
    let trimmed = text.trim_matches(blank);
    let clean = !trimmed
        .as_bytes()
        .windows(2)
        .any(|w| w[0].is_ascii_whitespace() && w[1].is_ascii_whitespace())
        && !trimmed.chars().any(|c| blank(c) && c != ' ');
    if clean {
        return Cow::Borrowed(trimmed);
    }
    let mut out = String::with_capacity(trimmed.len());
    let mut space = false;
    for c in trimmed.chars() {
        if blank(c) {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// ASCII-lowercases `word` into `buf` when it fits, for allocation-free table lookups.
/// Returns `None` for words longer than the buffer or with non-ASCII letters.
pub fn ascii_lower<'b>(word: &str, buf: &'b mut [u8; 24]) -> Option<&'b str> {
    let bytes = word.as_bytes();
    if bytes.len() > buf.len() || !word.is_ascii() {
        return None;
    }
    for (dst, src) in buf.iter_mut().zip(bytes) {
        *dst = src.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..bytes.len()]).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ws(text: &str) -> Vec<(&str, usize)> {
        words(text).map(|w| (w.text, w.start)).collect()
    }

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens() {
        assert_eq!(
            ws("“It’s co-founded,” she said -- 48,213Fans"),
            [
                ("It’s", 3),
                ("co-founded", 10),
                ("she", 25),
                ("said", 29),
                ("48", 37),
                ("213Fans", 40)
            ]
        );
        assert_eq!(ws("end-"), [("end", 0)]);
        assert_eq!(ws("  "), []);
        assert_eq!(ws("Київ — 東京"), [("Київ", 0), ("東京", 13)]);
    }

    #[test]
    fn collapse_whitespace_borrows_clean_text() {
        assert!(matches!(collapse_whitespace(" a b "), Cow::Borrowed("a b")));
        assert_eq!(collapse_whitespace("a \t b\u{a0}\u{a0}c\n"), "a b c");
    }

    #[test]
    fn ascii_lower_fits_or_declines() {
        let mut buf = [0; 24];
        assert_eq!(ascii_lower("Said", &mut buf), Some("said"));
        assert_eq!(ascii_lower("Zürich", &mut buf), None);
        assert_eq!(ascii_lower(&"x".repeat(30), &mut buf), None);
    }
}
