//! A fixed set of short lowercase words with a lookup that costs one hash and usually one
//! comparison, and without a lowercase copy of the word looked up. The line statistics of the
//! extract stage look up every word of every page, where a binary search's string
//! comparisons were a tenth of the run time. Each word can carry a few bits of tags, so
//! that one lookup answers several questions ("a function word? a widget word?").

/// An open-addressing hash set over `'static` lowercase words, built once.
#[derive(Debug, Clone)]
pub struct WordSet {
    slots: Vec<Option<(&'static str, u8)>>,
    mask: usize,
}

/// FNV-1a over ASCII-lowercased bytes; fed piece by piece so that a word pair hashes
/// without building it.
#[derive(Clone, Copy)]
struct Fnv(u64);

impl Fnv {
    const START: Fnv = Fnv(0xcbf2_9ce4_8422_2325);

    fn feed(self, bytes: &[u8]) -> Fnv {
        Fnv(bytes.iter().fold(self.0, |h, &b| {
            (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x0000_0100_0000_01b3)
        }))
    }
}

impl WordSet {
    /// A set of `words`, each tagged 1.
    pub fn new(words: &[&'static str]) -> WordSet {
        let tagged: Vec<(&'static str, u8)> = words.iter().map(|&w| (w, 1)).collect();
        WordSet::tagged(&tagged)
    }

    /// A set of words with tags; a word listed twice carries both tags.
    pub fn tagged(words: &[(&'static str, u8)]) -> WordSet {
        let size = (words.len() * 2).next_power_of_two().max(8);
        let mut set = WordSet {
            slots: vec![None; size],
            mask: size - 1,
        };
        for &(w, tag) in words {
            let mut i = set.slot(Fnv::START.feed(w.as_bytes()));
            loop {
                match &mut set.slots[i] {
                    Some((existing, tags)) if *existing == w => {
                        *tags |= tag;
                        break;
                    }
                    Some(_) => i = (i + 1) & set.mask,
                    empty @ None => {
                        *empty = Some((w, tag));
                        break;
                    }
                }
            }
        }
        set
    }

    fn slot(&self, h: Fnv) -> usize {
        (h.0 as usize) & self.mask
    }

    /// The tags of `word` (any ASCII case), 0 when it is not in the set.
    pub fn tags(&self, word: &str) -> u8 {
        let mut i = self.slot(Fnv::START.feed(word.as_bytes()));
        while let Some((w, tags)) = self.slots[i] {
            if w.eq_ignore_ascii_case(word) {
                return tags;
            }
            i = (i + 1) & self.mask;
        }
        0
    }

    /// Is `word`, in any ASCII case, in the set?
    pub fn contains(&self, word: &str) -> bool {
        self.tags(word) != 0
    }

    /// Is `"{a} {b}"`, in any ASCII case, in the set?
    pub fn contains_pair(&self, a: &str, b: &str) -> bool {
        let h = Fnv::START.feed(a.as_bytes()).feed(b" ").feed(b.as_bytes());
        let mut i = self.slot(h);
        while let Some((w, _)) = self.slots[i] {
            let bytes = w.as_bytes();
            if bytes.len() == a.len() + 1 + b.len()
                && bytes[..a.len()].eq_ignore_ascii_case(a.as_bytes())
                && bytes[a.len()] == b' '
                && bytes[a.len() + 1..].eq_ignore_ascii_case(b.as_bytes())
            {
                return true;
            }
            i = (i + 1) & self.mask;
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_members_in_any_case() {
        let set = WordSet::new(&["the", "of", "sign up", "a", "the"]);
        for w in ["the", "THE", "Of", "a", "sign up"] {
            assert!(set.contains(w), "{w}");
        }
        for w in ["", "th", "them", "sign", "Zürich"] {
            assert!(!set.contains(w), "{w}");
        }
        assert!(set.contains_pair("Sign", "UP"));
        assert!(!set.contains_pair("sign", "in"));
        assert!(!set.contains_pair("sig", "nup"));
    }

    #[test]
    fn tags_combine() {
        let set = WordSet::tagged(&[("share", 1), ("the", 2), ("share", 4)]);
        assert_eq!(set.tags("Share"), 5);
        assert_eq!(set.tags("the"), 2);
        assert_eq!(set.tags("them"), 0);
    }
}
