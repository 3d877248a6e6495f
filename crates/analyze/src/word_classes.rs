//! Word classes learned from unlabelled news (`examples/train_clusters.rs`): words that
//! occur between the same kinds of words share a class, so a tagger that learned a word in
//! training can read its classmates it never saw in that role.

use crate::FastMap;
use std::sync::LazyLock;

static CLASSES: LazyLock<FastMap<&'static str, [u8; 2]>> = LazyLock::new(|| {
    include_str!("../models/word_classes.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let (class, word) = l.split_once('\t')?;
            let class: u16 = class.parse().ok()?;
            Some((word, class.to_le_bytes()))
        })
        .collect()
});

/// The class of a lowercased word, as a feature part; one shared part for words too rare
/// to have a class.
pub fn class_of(lower: &str) -> &'static [u8] {
    CLASSES.get(lower).map_or(b"?", |c| c.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_used_alike_share_classes_and_rare_words_have_none() {
        assert_ne!(class_of("the"), b"?");
        assert_eq!(class_of("qqzxv-unseen"), b"?");
        assert_eq!(class_of("said"), class_of("added"));
        assert_eq!(class_of("monday"), class_of("tuesday"));
        assert_ne!(class_of("said"), class_of("monday"));
    }
}
