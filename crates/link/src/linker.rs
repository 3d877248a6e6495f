//! The incremental linker: each arriving article is compared with the recent ones, and
//! either joins a story (merging stories it bridges) or founds a new one.
//!
//! Story similarity is TF-IDF cosine over each article's most distinctive terms, with
//! document frequencies that grow as articles arrive. Candidates come from an inverted index
//! over those terms, capped per term to the most recent articles: that keeps the work per
//! article constant however large the store grows, and builds time proximity in (a story's
//! articles arrive close together).
//!
//! The linker is a deterministic function of the articles it has seen, in order. Its state
//! is rebuilt from what the store committed ([`Linker::restore`]), so an ingest that was
//! killed and restarted links exactly as one that never stopped.

use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasherDefault, Hasher};

use crate::LinkError;
use crate::features::{Features, MINHASHES};

/// Articles weighed before the store held this many are reweighed at each comparison
/// (see `Slot::cold`); later ones keep the weights they arrived with.
const COLD_START: u64 = 1_000;

/// Candidates scored per arriving article, the ones sharing the most query terms (newest
/// first among equals): bounds the work per article however popular its words are.
const MAX_CANDIDATES: usize = 100;

/// Keys here are already hashes (terms) or sequence numbers, so one multiplication is enough
/// mixing; SipHash's protection against chosen keys buys nothing for them and cost a tenth
/// of ingest time.
#[derive(Clone, Copy, Debug, Default)]
struct Mix(u64);

impl Hasher for Mix {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    fn write_u32(&mut self, n: u32) {
        self.write_u64(u64::from(n));
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0 ^ n).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    fn finish(&self) -> u64 {
        self.0 ^ (self.0 >> 32)
    }
}

type Map<K, V> = HashMap<K, V, BuildHasherDefault<Mix>>;

/// Tuning knobs. The defaults were chosen on `stories-dev` (see BENCHMARKS.md).
#[derive(Clone, Debug)]
pub struct Config {
    /// Articles kept in memory as candidates, newest first; older ones are still found as
    /// exact copies but no longer gain story members.
    pub window: usize,
    /// Terms kept per article for similarity.
    pub top_terms: usize,
    /// Of those, the ones an arriving article looks up candidates by.
    pub query_terms: usize,
    /// Most recent articles kept per term in the candidate index.
    pub posting_cap: usize,
    /// Cosine at which an article joins a story.
    pub threshold: f32,
    /// Cosine at which an article that joined one story also pulls a second story in.
    pub merge_threshold: f32,
    /// Estimated shingle resemblance at which an article is a near copy of another.
    pub near_copy: f32,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            window: 100_000,
            top_terms: 100,
            query_terms: 24,
            posting_cap: 200,
            threshold: 0.20,
            merge_threshold: 0.50,
            near_copy: 0.70,
        }
    }
}

/// How an arriving article was linked.
#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    /// The story it belongs to: the sequence number of the story's first article.
    pub story: u64,
    /// True when this article founded the story.
    pub founded: bool,
    /// Stories this article bridged, now folded into `story`.
    pub merged: Vec<u64>,
    /// The earlier article it copies, when it is a copy.
    pub copy_of: Option<Copy>,
    /// What [`Linker::restore`] needs to rebuild the linker after a restart.
    pub state: Vec<u8>,
}

/// One article copying an earlier one.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Copy {
    pub of: u64,
    /// 1.0 for an exact copy, else the estimated shingle resemblance.
    pub similarity: f32,
    pub exact: bool,
}

#[derive(Debug)]
struct Slot {
    seq: u64,
    story: u64,
    signature: Box<[u32]>,
    /// (term, TF-IDF weight at arrival), the article's most distinctive terms, sorted by
    /// term.
    top: Box<[(u32, f32)]>,
    norm: f32,
    /// Term frequencies beside `top`, for articles weighed while the store was young.
    tf: Box<[u16]>,
    /// Weighed while the store held fewer than [`COLD_START`] articles: its stored weights
    /// rest on too few document frequencies, so it is reweighed with the current ones.
    cold: bool,
    day: Option<i32>,
}

/// The linker's state; see the module docs.
#[derive(Debug)]
pub struct Linker {
    config: Config,
    window: VecDeque<Slot>,
    /// Content hash → (first article with it, its story).
    hashes: Map<u64, (u64, u64)>,
    /// LSH band key → newest article in that bucket.
    bands: Map<u64, u64>,
    postings: Map<u32, VecDeque<u64>>,
    df: Map<u32, u32>,
    docs: u64,
    /// Merged story → the story it was folded into.
    aliases: Map<u64, u64>,
    pending_df: Map<u32, u32>,
    last_seq: Option<u64>,
}

impl Linker {
    pub fn new(config: Config) -> Linker {
        Linker {
            config,
            window: VecDeque::new(),
            hashes: Map::default(),
            bands: Map::default(),
            postings: Map::default(),
            df: Map::default(),
            docs: 0,
            aliases: Map::default(),
            pending_df: Map::default(),
            last_seq: None,
        }
    }

    /// Loads document frequencies as the store committed them.
    pub fn set_df(&mut self, docs: u64, df: impl IntoIterator<Item = (u32, u32)>) {
        self.docs = docs;
        self.df = df.into_iter().collect();
    }

    /// Records that story `from` was folded into `into`.
    pub fn alias(&mut self, from: u64, into: u64) {
        if from != into {
            self.aliases.insert(from, into);
        }
    }

    /// The story a (possibly merged) story id now lives in.
    pub fn resolve(&self, mut story: u64) -> u64 {
        // Merges always fold into an older story, so the chain is short and ends.
        while let Some(&next) = self.aliases.get(&story) {
            if next == story {
                break;
            }
            story = next;
        }
        story
    }

    /// How many of the most recent articles [`Linker::restore`] must replay; older ones need
    /// only [`Linker::restore_hash`].
    pub fn window(&self) -> usize {
        self.config.window
    }

    /// Replays an article older than the window: only its content hash still matters.
    pub fn restore_hash(&mut self, seq: u64, story: u64, content_hash: u64) {
        self.hashes.entry(content_hash).or_insert((seq, story));
        self.last_seq = Some(seq);
    }

    /// Replays a stored article, in sequence order, without changing document frequencies
    /// (the store keeps those).
    pub fn restore(&mut self, seq: u64, story: u64, state: &[u8]) -> Result<(), LinkError> {
        let stored = Stored::decode(state).ok_or(LinkError::BadState { seq })?;
        self.remember(seq, story, stored);
        Ok(())
    }

    /// Links one arriving article. `seq` must grow from call to call.
    pub fn link(&mut self, seq: u64, features: &Features) -> Link {
        self.docs += 1;
        for &(term, _) in &features.terms {
            *self.df.entry(term).or_insert(0) += 1;
            *self.pending_df.entry(term).or_insert(0) += 1;
        }
        let mut top: Vec<(u32, u16, f32)> = features
            .terms
            .iter()
            .map(|&(t, tf)| (t, tf, self.weight(t, tf)))
            .collect();
        top.sort_unstable_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
        top.truncate(self.config.top_terms);
        let query: Vec<u32> = top
            .iter()
            .take(self.config.query_terms)
            .map(|&(t, _, _)| t)
            .collect();
        top.sort_unstable_by_key(|&(t, _, _)| t);
        let mine: Vec<(u32, f32)> = top.iter().map(|&(t, _, w)| (t, w)).collect();

        let found = self.find_copy(features);
        let copy_of = found.map(|(copy, _)| copy);
        let (story, founded, merged) = match found {
            Some((_, story)) => (self.resolve(story), false, Vec::new()),
            None => self.find_story(seq, &query, &mine, features.day),
        };
        let stored = Stored {
            content_hash: features.content_hash,
            day: features.day,
            signature: features.signature.clone(),
            query,
            top,
            docs: self.docs,
        };
        let state = stored.encode();
        for &m in &merged {
            self.alias(m, story);
        }
        self.remember(seq, story, stored);
        Link {
            story,
            founded,
            merged,
            copy_of,
            state,
        }
    }

    /// Document-frequency increments since the last call, for the store to add.
    pub fn take_df_delta(&mut self) -> Vec<(u32, u32)> {
        let mut delta: Vec<_> = self.pending_df.drain().collect();
        delta.sort_unstable();
        delta
    }

    /// Documents seen, for IDF.
    pub fn documents(&self) -> u64 {
        self.docs
    }

    fn idf(&self, term: u32) -> f32 {
        let df = self.df.get(&term).copied().unwrap_or(0) as f32;
        ((self.docs as f32 + 1.0) / (df + 1.0)).ln() + 1.0
    }

    /// TF-IDF weight with log-scaled term frequency.
    fn weight(&self, term: u32, tf: u16) -> f32 {
        (1.0 + f32::from(tf).ln()) * self.idf(term)
    }

    fn slot(&self, seq: u64) -> Option<&Slot> {
        let first = self.window.front()?.seq;
        let idx = usize::try_from(seq.checked_sub(first)?).ok()?;
        self.window.get(idx).filter(|s| s.seq == seq)
    }

    /// The article this one copies, with that article's story.
    fn find_copy(&self, features: &Features) -> Option<(Copy, u64)> {
        if let Some(&(of, story)) = self.hashes.get(&features.content_hash) {
            let copy = Copy {
                of,
                similarity: 1.0,
                exact: true,
            };
            return Some((copy, story));
        }
        if features.signature.len() != MINHASHES {
            return None;
        }
        let mut best: Option<(Copy, u64)> = None;
        for key in Features::band_keys(&features.signature) {
            let Some(&of) = self.bands.get(&key) else {
                continue;
            };
            let Some(slot) = self.slot(of) else { continue };
            let similarity = Features::resemblance(&features.signature, &slot.signature);
            if similarity >= self.config.near_copy
                && best.is_none_or(|(b, _)| similarity > b.similarity)
            {
                let copy = Copy {
                    of,
                    similarity,
                    exact: false,
                };
                best = Some((copy, slot.story));
            }
        }
        best
    }

    fn find_story(
        &self,
        seq: u64,
        query: &[u32],
        mine: &[(u32, f32)],
        day: Option<i32>,
    ) -> (u64, bool, Vec<u64>) {
        let mut hits: Map<u64, u32> = Map::default();
        let first = self.window.front().map_or(u64::MAX, |s| s.seq);
        for term in query {
            if let Some(list) = self.postings.get(term) {
                for &s in list.iter().filter(|&&s| s >= first) {
                    *hits.entry(s).or_insert(0) += 1;
                }
            }
        }
        let min_hits = if query.len() >= 4 { 2 } else { 1 };
        let mut candidates: Vec<(u64, u32)> =
            hits.into_iter().filter(|&(_, n)| n >= min_hits).collect();
        candidates.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(b.0.cmp(&a.0)));
        candidates.truncate(MAX_CANDIDATES);
        let norm = norm_of(mine);
        let mut by_story: Vec<(u64, f32)> = Vec::new();
        if norm > 0.0 {
            for (cand, _) in candidates {
                let Some(slot) = self.slot(cand) else {
                    continue;
                };
                let score = if slot.cold {
                    let fresh: Vec<(u32, f32)> = slot
                        .top
                        .iter()
                        .zip(slot.tf.iter())
                        .map(|(&(t, _), &tf)| (t, self.weight(t, tf)))
                        .collect();
                    let n = norm_of(&fresh);
                    if n <= 0.0 {
                        continue;
                    }
                    dot(mine, &fresh) / (norm * n)
                } else {
                    if slot.norm <= 0.0 {
                        continue;
                    }
                    dot(mine, &slot.top) / (norm * slot.norm)
                };
                let score = score * time_factor(day, slot.day);
                let story = self.resolve(slot.story);
                match by_story.iter_mut().find(|(s, _)| *s == story) {
                    Some(best) => best.1 = best.1.max(score),
                    None => by_story.push((story, score)),
                }
            }
        }
        let mut joined: Vec<(u64, f32)> = by_story
            .into_iter()
            .filter(|&(_, s)| s >= self.config.threshold)
            .collect();
        joined.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        let Some(&(best, _)) = joined.first() else {
            return (seq, true, Vec::new());
        };
        let mut group: Vec<u64> = std::iter::once(best)
            .chain(
                joined[1..]
                    .iter()
                    .filter(|&&(_, s)| s >= self.config.merge_threshold)
                    .map(|&(story, _)| story),
            )
            .collect();
        // The oldest story keeps its id, so ids that users saw stay valid longest.
        group.sort_unstable();
        let story = group[0];
        (story, false, group[1..].to_vec())
    }

    fn remember(&mut self, seq: u64, story: u64, stored: Stored) {
        let weights: Vec<(u32, f32)> = stored.top.iter().map(|&(t, _, w)| (t, w)).collect();
        debug_assert!(self.last_seq.is_none_or(|last| seq > last));
        self.last_seq = Some(seq);
        self.hashes
            .entry(stored.content_hash)
            .or_insert((seq, story));
        if stored.signature.len() == MINHASHES {
            for key in Features::band_keys(&stored.signature) {
                // The newest article holds the bucket: a restored linker, which replays only
                // the window, then fills buckets exactly as the one that saw everything.
                self.bands.insert(key, seq);
            }
        }
        // Only an article's query terms are indexed: two articles of one story share some
        // of their most distinctive terms, and the index stays a quarter of the size.
        for &term in &stored.query {
            let list = self.postings.entry(term).or_default();
            if list.len() == self.config.posting_cap {
                list.pop_front();
            }
            list.push_back(seq);
        }
        self.window.push_back(Slot {
            seq,
            story,
            signature: stored.signature.into_boxed_slice(),
            norm: norm_of(&weights),
            top: weights.into_boxed_slice(),
            tf: stored.top.iter().map(|&(_, tf, _)| tf).collect(),
            cold: stored.docs < COLD_START,
            day: stored.day,
        });
        while self.window.len() > self.config.window {
            if let Some(old) = self.window.pop_front() {
                for key in Features::band_keys(&old.signature) {
                    if self.bands.get(&key) == Some(&old.seq) {
                        self.bands.remove(&key);
                    }
                }
            }
        }
    }
}

fn norm_of(v: &[(u32, f32)]) -> f32 {
    v.iter().map(|&(_, w)| w * w).sum::<f32>().sqrt()
}

/// Dot product of two sparse vectors sorted by term.
fn dot(a: &[(u32, f32)], b: &[(u32, f32)]) -> f32 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// Articles published far apart rarely report the same event: similarity fades from a week
/// apart to half at two months. Unknown dates leave it alone.
fn time_factor(a: Option<i32>, b: Option<i32>) -> f32 {
    match (a, b) {
        (Some(a), Some(b)) => {
            let days = (a - b).unsigned_abs() as f32;
            if days <= 7.0 {
                1.0
            } else {
                (1.0 - (days - 7.0) / 106.0).max(0.5)
            }
        }
        _ => 1.0,
    }
}

/// What is kept per article to rebuild the linker: little-endian, versioned.
#[derive(Debug)]
struct Stored {
    content_hash: u64,
    day: Option<i32>,
    signature: Vec<u32>,
    /// The terms it is indexed under, most distinctive first.
    query: Vec<u32>,
    /// (term, tf, weight at arrival), sorted by term.
    top: Vec<(u32, u16, f32)>,
    /// Articles the linker had seen when this one arrived (itself included).
    docs: u64,
}

const STATE_VERSION: u8 = 3;

impl Stored {
    fn encode(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(16 + self.signature.len() * 4 + self.top.len() * 6);
        out.push(STATE_VERSION);
        out.extend_from_slice(&self.content_hash.to_le_bytes());
        out.extend_from_slice(&self.day.unwrap_or(i32::MIN).to_le_bytes());
        out.extend_from_slice(&self.docs.to_le_bytes());
        out.push(u8::try_from(self.signature.len()).unwrap_or(0));
        if self.signature.len() <= usize::from(u8::MAX) {
            for v in &self.signature {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        let n = self.query.len().min(usize::from(u8::MAX));
        out.push(n as u8);
        for t in &self.query[..n] {
            out.extend_from_slice(&t.to_le_bytes());
        }
        let n = self.top.len().min(usize::from(u8::MAX));
        out.push(n as u8);
        for (t, tf, w) in &self.top[..n] {
            out.extend_from_slice(&t.to_le_bytes());
            out.extend_from_slice(&tf.to_le_bytes());
            out.extend_from_slice(&w.to_le_bytes());
        }
        out
    }

    fn decode(bytes: &[u8]) -> Option<Stored> {
        let mut r = Reader(bytes);
        if r.take::<1>()?[0] != STATE_VERSION {
            return None;
        }
        let content_hash = u64::from_le_bytes(r.take()?);
        let day = i32::from_le_bytes(r.take()?);
        let docs = u64::from_le_bytes(r.take()?);
        let n = usize::from(r.take::<1>()?[0]);
        let signature = (0..n)
            .map(|_| r.take().map(u32::from_le_bytes))
            .collect::<Option<Vec<_>>>()?;
        let n = usize::from(r.take::<1>()?[0]);
        let query = (0..n)
            .map(|_| r.take().map(u32::from_le_bytes))
            .collect::<Option<Vec<_>>>()?;
        let n = usize::from(r.take::<1>()?[0]);
        let top = (0..n)
            .map(|_| {
                Some((
                    u32::from_le_bytes(r.take()?),
                    u16::from_le_bytes(r.take()?),
                    f32::from_le_bytes(r.take()?),
                ))
            })
            .collect::<Option<Vec<_>>>()?;
        r.0.is_empty().then_some(Stored {
            content_hash,
            day: (day != i32::MIN).then_some(day),
            signature,
            query,
            top,
            docs,
        })
    }
}

struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
        let (head, rest) = self.0.split_first_chunk::<N>()?;
        self.0 = rest;
        Some(*head)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str) -> Features {
        Features::new(None, text, &[], None)
    }

    const PIER: &str = "The harbour authority closed the eastern pier on Monday after storms \
        damaged its pilings. Engineers will inspect the pilings and the crane this week, the \
        authority said, and ferries will dock at the western pier until repairs end.";
    const PIER2: &str = "Ferries were moved to the western pier after the harbour authority shut \
        the storm-damaged eastern pier. Engineers are inspecting its pilings, a spokesman for \
        the authority said.";
    const FARM: &str = "Farmers in the valley expect a late harvest because spring frost hit \
        the orchards twice. Apple growers said the rain stayed away through June and the \
        cooperative asked for drought aid.";
    const FARM2: &str = "The valley cooperative asked the ministry for drought aid after frost \
        damaged orchards and apple growers warned of a late harvest.";

    #[test]
    fn related_articles_share_a_story_and_others_do_not() {
        let mut linker = Linker::new(Config::default());
        let a = linker.link(1, &doc(PIER));
        let b = linker.link(2, &doc(FARM));
        let c = linker.link(3, &doc(PIER2));
        let d = linker.link(4, &doc(FARM2));
        assert!(a.founded && b.founded);
        assert_eq!((c.story, c.founded), (1, false));
        assert_eq!((d.story, d.founded), (2, false));
    }

    #[test]
    fn copies_are_found_and_join_the_original_story() {
        let mut linker = Linker::new(Config::default());
        linker.link(1, &doc(PIER));
        linker.link(2, &doc(FARM));
        let exact = linker.link(3, &doc(&PIER.replace(". ", ".\n\n")));
        assert_eq!(
            exact.copy_of,
            Some(Copy {
                of: 1,
                similarity: 1.0,
                exact: true
            })
        );
        assert_eq!(exact.story, 1);
        let long = format!("{FARM} {FARM2}");
        let original = linker.link(4, &doc(&long));
        let near = linker.link(5, &doc(&format!("{long} Courtesy of the Valley Herald.")));
        let copy = near.copy_of.unwrap();
        assert_eq!((copy.of, copy.exact), (4, false));
        assert!(copy.similarity > 0.7 && copy.similarity < 1.0, "{copy:?}");
        assert_eq!(near.story, original.story);
    }

    #[test]
    fn a_restored_linker_links_as_if_it_had_never_stopped() {
        let texts = [PIER, FARM, PIER2, FARM2, PIER];
        let mut straight = Linker::new(Config::default());
        let links: Vec<Link> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| straight.link(i as u64 + 1, &doc(t)))
            .collect();

        let mut first = Linker::new(Config::default());
        for (i, t) in texts[..3].iter().enumerate() {
            first.link(i as u64 + 1, &doc(t));
        }
        let delta = first.take_df_delta();
        let mut restored = Linker::new(Config::default());
        restored.set_df(3, delta);
        for (i, link) in links[..3].iter().enumerate() {
            restored
                .restore(i as u64 + 1, link.story, &link.state)
                .unwrap();
        }
        for (i, t) in texts.iter().enumerate().skip(3) {
            assert_eq!(restored.link(i as u64 + 1, &doc(t)), links[i]);
        }
        assert!(restored.restore(9, 9, &[7, 1, 2]).is_err());

        // A window of two: the oldest article is replayed by its hash alone.
        let small = || Config {
            window: 2,
            ..Config::default()
        };
        let mut straight = Linker::new(small());
        let links: Vec<Link> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| straight.link(i as u64 + 1, &doc(t)))
            .collect();
        let mut first = Linker::new(small());
        for (i, t) in texts[..3].iter().enumerate() {
            first.link(i as u64 + 1, &doc(t));
        }
        let mut restored = Linker::new(small());
        restored.set_df(3, first.take_df_delta());
        restored.restore_hash(1, links[0].story, doc(texts[0]).content_hash);
        for (i, link) in links[..3].iter().enumerate().skip(1) {
            restored
                .restore(i as u64 + 1, link.story, &link.state)
                .unwrap();
        }
        for (i, t) in texts.iter().enumerate().skip(3) {
            assert_eq!(restored.link(i as u64 + 1, &doc(t)), links[i]);
        }
    }

    #[test]
    fn a_bridging_article_merges_stories_into_the_oldest() {
        let mut linker = Linker::new(Config {
            threshold: 0.2,
            merge_threshold: 0.2,
            ..Config::default()
        });
        linker.link(1, &doc(PIER));
        linker.link(2, &doc(FARM));
        let both = linker.link(3, &doc(&format!("{PIER2} {FARM2}")));
        assert_eq!((both.story, both.merged.as_slice()), (1, &[2][..]));
        assert_eq!(linker.resolve(2), 1);
    }

    #[test]
    fn far_apart_dates_weaken_similarity() {
        assert_eq!(time_factor(Some(10), Some(12)), 1.0);
        assert!(time_factor(Some(10), Some(60)) < 0.7);
        assert_eq!(time_factor(Some(0), Some(400)), 0.5);
        assert_eq!(time_factor(None, Some(400)), 1.0);
    }
}
