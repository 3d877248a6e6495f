//! Function words (articles, pronouns, prepositions, auxiliaries) of the languages news
//! pages come in most often. Running prose is dense in them; menus, buttons and headlines
//! are not, which makes their share one of the best single signals of body text.

use std::sync::LazyLock;

use crate::WordSet;

/// Sorted, lowercase, ASCII only so lookups need no allocation. Words shared by several
/// languages appear once.
pub const FUNCTION_WORDS: &[&str] = &[
    "a", "about", "after", "against", "al", "all", "als", "also", "am", "an", "and", "any", "are",
    "as", "at", "au", "auf", "aus", "aux", "be", "because", "been", "before", "being", "between",
    "bij", "but", "by", "can", "ce", "ces", "com", "como", "could", "da", "dans", "das", "dat",
    "de", "degli", "dei", "del", "della", "dem", "den", "der", "des", "did", "die", "do", "does",
    "dos", "du", "during", "een", "ein", "eine", "einen", "el", "en", "er", "es", "est", "et",
    "from", "had", "has", "have", "he", "her", "het", "his", "how", "i", "if", "il", "im", "in",
    "into", "is", "ist", "it", "its", "la", "las", "le", "les", "lo", "los", "may", "mit", "more",
    "most", "must", "na", "nach", "nao", "ne", "nicht", "niet", "no", "not", "o", "of", "on",
    "only", "op", "or", "os", "other", "ou", "our", "out", "over", "par", "para", "pas", "per",
    "por", "pour", "qu", "que", "qui", "se", "she", "should", "sich", "sind", "so", "some", "such",
    "sur", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this",
    "those", "through", "to", "um", "un", "una", "und", "une", "uno", "up", "van", "very", "voor",
    "was", "we", "were", "what", "when", "where", "which", "while", "who", "will", "with", "would",
    "y", "you", "your", "zu", "zum", "zur",
];

/// Is `word` (any case) a function word of English or a major European language?
pub fn is_function_word(word: &str) -> bool {
    static SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(FUNCTION_WORDS));
    SET.contains(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted_and_unique() {
        for pair in FUNCTION_WORDS.windows(2) {
            assert!(pair[0] < pair[1], "{} !< {}", pair[0], pair[1]);
        }
    }

    #[test]
    fn recognises_function_words_in_any_case() {
        for w in ["the", "The", "THE", "und", "que", "dans"] {
            assert!(is_function_word(w), "{w}");
        }
        for w in ["Subscribe", "Moscow", "ceasefire", "für", ""] {
            assert!(!is_function_word(w), "{w}");
        }
    }
}
