//! Quotations: spans of text between quote marks, in any of the styles news uses.
//!
//! Curly (“…”), straight ("…"), angle («…»), low-high („…“) and single (‘…’, '…') quotes
//! are paired. Single marks double as apostrophes ("Kyiv’s", "’90s"), so a single quote
//! opens only after a space or an opening bracket and before a letter, and closes only
//! before a space or punctuation. A quote left open at the end of a paragraph ends there,
//! marked unclosed: the news convention for a quote that runs on into the next paragraph,
//! which opens with a fresh quote mark.

use parallax_model::Span;

use crate::sentences::paragraphs;

/// One quotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    /// From the opening mark to the closing mark, both included.
    pub span: Span,
    /// The words inside the marks.
    pub inner: Span,
    /// False when the paragraph ended before a closing mark.
    pub closed: bool,
}

/// The top-level quotations of `text`, in order. Quotes nested inside a quote are part of
/// it.
pub fn find_quotes(text: &str) -> Vec<Quote> {
    let mut out = Vec::new();
    for para in paragraphs(text) {
        scan(text, para, &mut out);
    }
    out
}

fn scan(text: &str, para: Span, out: &mut Vec<Quote>) {
    let s = para.slice(text);
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        let prev = if k == 0 { None } else { Some(chars[k - 1].1) };
        let next = chars.get(k + 1).map(|&(_, c)| c);
        let closers: &[char] = match c {
            '“' => &['”', '"', '“'],
            '"' if opens(prev, next) => &['"', '”'],
            '«' => &['»'],
            '„' => &['“', '”'],
            '‘' if opens(prev, next) => &['’'],
            '\'' if prev.is_none_or(char::is_whitespace) && opens(prev, next) => &['\''],
            _ => {
                k += 1;
                continue;
            }
        };
        let single = matches!(c, '‘' | '\'');
        // Find the matching closer.
        let mut m = k + 1;
        let mut close = None;
        while m < chars.len() {
            let (j, d) = chars[m];
            if closers.contains(&d) && !(c == '“' && d == '“' && m == k + 1) {
                let after = chars.get(m + 1).map(|&(_, c)| c);
                let before = chars[m - 1].1;
                let closes_here = if single {
                    // An apostrophe sits between letters ("Kyiv’s") or after an s ("ministers’ ").
                    !after.is_some_and(char::is_alphanumeric) && !before.is_whitespace()
                } else if d == '“' && c == '“' {
                    // A second opening curly quote inside means the writer used “ as a closer
                    // only when what follows is not a word.
                    !after.is_some_and(char::is_alphanumeric)
                } else {
                    true
                };
                if closes_here {
                    close = Some((j, d));
                    break;
                }
            }
            m += 1;
        }
        let open_len = c.len_utf8();
        match close {
            Some((j, d)) => {
                let inner = Span::new(para.start + i + open_len, para.start + j);
                if !inner.is_empty() {
                    out.push(Quote {
                        span: Span::new(para.start + i, para.start + j + d.len_utf8()),
                        inner,
                        closed: true,
                    });
                }
                k = m + 1;
            }
            None if !single => {
                let inner = Span::new(para.start + i + open_len, para.end);
                if !inner.is_empty() {
                    out.push(Quote {
                        span: Span::new(para.start + i, para.end),
                        inner,
                        closed: false,
                    });
                }
                return;
            }
            None => k += 1,
        }
    }
}

/// A mark opens a quote when it follows a space, an opening bracket, a dash or the start,
/// and comes before a word or another opening mark.
fn opens(prev: Option<char>, next: Option<char>) -> bool {
    let before_ok = prev.is_none_or(|p| {
        p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–' | '-' | ':' | '“' | '"')
    });
    let after_ok = next.is_some_and(|n| {
        n.is_alphanumeric() || matches!(n, '‘' | '\'' | '.' | '…' | '$' | '£' | '€')
    });
    before_ok && after_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<(&str, bool)> {
        find_quotes(text)
            .iter()
            .map(|q| (q.inner.slice(text), q.closed))
            .collect()
    }

    #[test]
    fn pairs_each_style() {
        assert_eq!(
            quotes("“One,” she said. \"Two.\" «Trois» „Vier“ and ‘five’ or 'six'."),
            [
                ("One,", true),
                ("Two.", true),
                ("Trois", true),
                ("Vier", true),
                ("five", true),
                ("six", true)
            ]
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert_eq!(
            quotes("Kyiv’s mayor and the ministers’ aides met in the ’90s."),
            []
        );
        assert_eq!(
            quotes("The board's chair said 'no deal' today."),
            [("no deal", true)]
        );
        assert_eq!(
            quotes("‘We’re not leaving,’ he said."),
            [("We’re not leaving,", true)]
        );
    }

    #[test]
    fn nested_quotes_belong_to_the_outer_one() {
        assert_eq!(
            quotes("“He told me ‘never again’ and left,” she said."),
            [("He told me ‘never again’ and left,", true)]
        );
    }

    #[test]
    fn open_quotes_end_with_their_paragraph() {
        let text = "“The first part runs on\n\n“and ends here,” he said.";
        assert_eq!(
            quotes(text),
            [("The first part runs on", false), ("and ends here,", true)]
        );
    }

    #[test]
    fn quote_spans_include_the_marks() {
        let text = "He said “yes” twice.";
        let q = find_quotes(text)[0];
        assert_eq!(q.span.slice(text), "“yes”");
    }
}
