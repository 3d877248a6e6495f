//! What the linker knows of one article: a content hash for exact copies, a MinHash
//! signature for near copies, and term frequencies for story similarity. Computed once per
//! article, in parallel, before linking (which is sequential).

use parallax_text::{is_function_word, words};

/// MinHash values per signature: 64 gives a Jaccard estimate within ±0.06 (one standard
/// deviation at J = 0.5), enough to tell a republication (J > 0.8) from a rewrite.
pub const MINHASHES: usize = 64;
/// LSH bands × rows = [`MINHASHES`]. With 8 × 8, a pair at J = 0.8 shares a band with
/// probability 0.94 and a pair at J = 0.5 with 0.03: candidates are few and almost all real.
pub const BANDS: usize = 8;
const ROWS: usize = MINHASHES / BANDS;
/// Words per shingle. Five keeps shared stock phrases ("said in a statement on") from making
/// two different articles look alike, and is short enough that a few edited words break
/// only a few shingles.
const SHINGLE: usize = 5;

/// An article's linking features.
#[derive(Clone, Debug, PartialEq)]
pub struct Features {
    /// FNV-1a of the text with whitespace runs collapsed: equal for exact copies.
    pub content_hash: u64,
    /// MinHash over word 5-shingles (lowercased); empty when the text has fewer words than
    /// a shingle.
    pub signature: Vec<u32>,
    /// Distinct terms (hashed) with their frequency, sorted by term: content words, lightly
    /// stemmed, and the article's entities (weighted up).
    pub terms: Vec<(u32, u16)>,
    /// Publication day (days since 1970-01-01), when known.
    pub day: Option<i32>,
}

/// Entities count this many times a plain word: two articles naming the same people and
/// places are likelier to report one event than two sharing vocabulary.
const ENTITY_WEIGHT: u16 = 2;

impl Features {
    /// `entities` are canonical names (one per mention is fine; repeats raise the weight).
    pub fn new(title: Option<&str>, text: &str, entities: &[&str], day: Option<i32>) -> Features {
        let mut terms: Vec<(u32, u16)> = Vec::with_capacity(256);
        let mut lower = String::with_capacity(32);
        let mut shingle_words: Vec<u64> = Vec::with_capacity(text.len() / 5);
        for (part, is_title) in [(title.unwrap_or(""), true), (text, false)] {
            for w in words(part) {
                lower.clear();
                lower.extend(w.text.chars().flat_map(char::to_lowercase));
                if !is_title {
                    shingle_words.push(fnv64(lower.as_bytes()));
                }
                if let Some(term) = content_term(&lower) {
                    terms.push((fnv32(term.as_bytes()), 1));
                }
            }
        }
        for name in entities {
            lower.clear();
            lower.push_str("entity:");
            lower.extend(name.chars().flat_map(char::to_lowercase));
            terms.push((fnv32(lower.as_bytes()), ENTITY_WEIGHT));
        }
        terms.sort_unstable_by_key(|&(t, _)| t);
        terms.dedup_by(|next, kept| {
            if next.0 == kept.0 {
                kept.1 = kept.1.saturating_add(next.1);
                true
            } else {
                false
            }
        });
        Features {
            content_hash: content_hash(text),
            signature: minhash(&shingle_words),
            terms,
            day,
        }
    }

    /// Estimated Jaccard similarity of the two articles' shingle sets.
    pub fn resemblance(a: &[u32], b: &[u32]) -> f32 {
        if a.is_empty() || a.len() != b.len() {
            return 0.0;
        }
        let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
        same as f32 / a.len() as f32
    }

    /// The LSH band keys of a signature: two signatures that agree on every row of some band
    /// share that band's key.
    pub fn band_keys(signature: &[u32]) -> impl Iterator<Item = u64> + '_ {
        signature
            .chunks_exact(ROWS)
            .enumerate()
            .map(|(band, rows)| {
                let mut h = 0xcbf2_9ce4_8422_2325_u64 ^ band as u64;
                for &r in rows {
                    h = (h ^ u64::from(r)).wrapping_mul(0x0000_0100_0000_01b3);
                    h = mix64(h);
                }
                h
            })
    }
}

/// The stemmed form of a lowercased word when it carries content: function words, bare
/// numbers and one-letter words do not.
fn content_term(lower: &str) -> Option<&str> {
    if lower.len() < 2 || is_function_word(lower) {
        return None;
    }
    if lower
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b',' || b == b'.')
    {
        // Years and large numbers identify events ("2014", "157,449"); small ones do not.
        return (lower.len() >= 4).then_some(lower);
    }
    Some(stem(lower))
}

/// A light English stem: possessives and plural or third-person "s" go, so "sanctions" and
/// "sanction's" meet "sanction". Anything heavier merges words that news keeps apart
/// ("police"/"policy").
fn stem(w: &str) -> &str {
    let w = w
        .strip_suffix("'s")
        .or_else(|| w.strip_suffix("’s"))
        .unwrap_or(w);
    if w.len() > 4 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
        return &w[..w.len() - 1];
    }
    w
}

fn minhash(words: &[u64]) -> Vec<u32> {
    if words.len() < SHINGLE {
        return Vec::new();
    }
    let mut sig = vec![u32::MAX; MINHASHES];
    for window in words.windows(SHINGLE) {
        let mut h = 0x9e37_79b9_7f4a_7c15_u64;
        for &w in window {
            h = mix64(h ^ w);
        }
        // One 64-bit hash per shingle, then cheap independent permutations of it: the
        // usual "one hash, many seeds" trick, at two multiplications per value.
        for (i, slot) in sig.iter_mut().enumerate() {
            let v = (mix64(h ^ SEEDS[i]) >> 32) as u32;
            if v < *slot {
                *slot = v;
            }
        }
    }
    sig
}

const SEEDS: [u64; MINHASHES] = {
    let mut seeds = [0u64; MINHASHES];
    let mut x = 0x2545_f491_4f6c_dd1d_u64;
    let mut i = 0;
    while i < MINHASHES {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        seeds[i] = x;
        i += 1;
    }
    seeds
};

/// SplitMix64's finaliser: a full-avalanche bijection on 64 bits.
fn mix64(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

fn fnv64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

fn fnv32(bytes: &[u8]) -> u32 {
    let h = fnv64(bytes);
    (h ^ (h >> 32)) as u32
}

/// FNV-1a of the text with each whitespace run read as one space and the ends ignored, so
/// that a copy re-wrapped by another site still counts as the same text.
pub fn content_hash(text: &str) -> u64 {
    let mut h = 0xcbf2_9ce4_8422_2325_u64;
    let mut space = false;
    let mut started = false;
    for b in text.bytes() {
        if b.is_ascii_whitespace() {
            space = started;
            continue;
        }
        if space {
            h = (h ^ u64::from(b' ')).wrapping_mul(0x0000_0100_0000_01b3);
            space = false;
        }
        started = true;
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: &str = "The harbour authority said on Monday that the eastern pier would stay closed \
        for repairs until the end of the month, after storms damaged its pilings and a crane.";

    #[test]
    fn exact_copies_hash_alike_even_rewrapped() {
        let rewrapped = A.replace(", after", ",\n\n  after");
        assert_eq!(content_hash(A), content_hash(&rewrapped));
        assert_ne!(
            content_hash(A),
            content_hash(&A.replace("Monday", "Tuesday"))
        );
    }

    #[test]
    fn minhash_estimates_resemblance() {
        let a = Features::new(None, A, &[], None);
        let edited = A.replace("a crane", "two cranes on the quay");
        let b = Features::new(None, &edited, &[], None);
        let c = Features::new(
            None,
            "Farmers in the valley expect a late harvest this year because spring frost \
             hit the orchards twice and the rain stayed away through most of June.",
            &[],
            None,
        );
        let near = Features::resemblance(&a.signature, &b.signature);
        let far = Features::resemblance(&a.signature, &c.signature);
        assert!(near > 0.6, "{near}");
        assert!(far < 0.1, "{far}");
        let shared = Features::band_keys(&a.signature)
            .zip(Features::band_keys(&b.signature))
            .filter(|(x, y)| x == y)
            .count();
        assert!(shared >= 1, "near copies share a band");
        assert_eq!(
            Features::band_keys(&a.signature)
                .zip(Features::band_keys(&c.signature))
                .filter(|(x, y)| x == y)
                .count(),
            0
        );
    }

    #[test]
    fn terms_skip_function_words_and_stem_plurals() {
        let f = Features::new(
            Some("Pier closed"),
            "The piers and the pier's cranes.",
            &[],
            None,
        );
        let pier = fnv32(b"pier");
        assert!(
            f.terms.iter().any(|&(t, n)| t == pier && n == 3),
            "{:?}",
            f.terms
        );
        assert!(!f.terms.iter().any(|&(t, _)| t == fnv32(b"the")));
        let e = Features::new(None, "Short.", &["Ines Varga", "Ines Varga"], None);
        assert!(e.signature.is_empty(), "too short to shingle");
        assert!(e.terms.contains(&(fnv32(b"entity:ines varga"), 4)));
    }

    #[test]
    fn numbers_count_only_when_long() {
        assert_eq!(content_term("157,449"), Some("157,449"));
        assert_eq!(content_term("2014"), Some("2014"));
        assert_eq!(content_term("12"), None);
        assert_eq!(stem("sanctions"), "sanction");
        assert_eq!(stem("status"), "status");
        assert_eq!(stem("press"), "press");
    }
}
