//! A structured averaged perceptron for BIO sequence labelling (Collins 2002).
//!
//! Items carry sparse binary features given as 64-bit hashes, so that callers build feature
//! strings without allocating. Labels follow the BIO convention by name: a label `I-X` may
//! only follow `B-X` or `I-X`; the decoder never produces a run that starts inside a span.
//! Training counts features first and keeps those seen at least `min_count` times, which
//! keeps the shipped weight file small and the model from memorising one-off words.

use rayon::prelude::*;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use crate::gbdt::ModelError;

/// The features of one sequence: item `i` has `feats[offsets[i]..offsets[i + 1]]`.
#[derive(Debug, Clone, Default)]
pub struct Sequence {
    pub feats: Vec<u64>,
    pub offsets: Vec<u32>,
}

impl Sequence {
    pub fn new() -> Sequence {
        Sequence {
            feats: Vec::new(),
            offsets: vec![0],
        }
    }

    /// Closes the current item; features pushed since the last call belong to it.
    pub fn end_item(&mut self) {
        self.offsets.push(self.feats.len() as u32);
    }

    /// Empties the sequence, keeping its memory for the next one.
    pub fn clear(&mut self) {
        self.feats.clear();
        self.offsets.clear();
        self.offsets.push(0);
    }

    pub fn len(&self) -> usize {
        self.offsets.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn item(&self, i: usize) -> &[u64] {
        &self.feats[self.offsets[i] as usize..self.offsets[i + 1] as usize]
    }
}

/// Training settings.
#[derive(Debug, Clone)]
pub struct PerceptronParams {
    pub epochs: usize,
    /// Features seen fewer times than this in training are dropped.
    pub min_count: u32,
    /// Weights whose averaged magnitude is below this are not written out.
    pub prune: f32,
    /// Keep at most this many features, those with the largest weights (0: all). A model
    /// that fits in the processor's cache tags several times faster.
    pub max_features: usize,
    /// The order the sequences are shuffled in, each epoch.
    pub seed: u64,
    /// Runs over differently shuffled data (seeds `seed`, `seed + 1`, …) whose weights are
    /// averaged into the model; 1 is plain averaged-perceptron training.
    pub runs: usize,
}

impl Default for PerceptronParams {
    fn default() -> Self {
        PerceptronParams {
            epochs: 10,
            min_count: 2,
            prune: 0.02,
            max_features: 0,
            seed: 7,
            runs: 1,
        }
    }
}

/// Feature keys are already hashes; hashing them again would only cost time.
#[derive(Default)]
struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 << 8) | u64::from(b);
        }
    }
    fn write_u64(&mut self, n: u64) {
        // Spread the bits a little: hashbrown takes the top bits for its control bytes.
        self.0 = n.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

type KeyMap = HashMap<u64, u32, BuildHasherDefault<KeyHasher>>;

/// A trained tagger.
#[derive(Debug, Clone)]
pub struct Perceptron {
    labels: Vec<String>,
    index: KeyMap,
    /// Feature row `id` holds one weight per label.
    weights: Vec<f32>,
    /// `(prev + 1) * n + cur`, where row 0 is the start of the sequence.
    trans: Vec<f32>,
    allowed: Vec<bool>,
    may_end: Vec<bool>,
    /// The lookup used when tagging, built from `index`.
    table: Table,
    /// The allowed label moves with their weights, built with `table`: a name stretch is a
    /// few tokens long, and finding the moves anew took longer than decoding it.
    moves: Moves,
}

thread_local! {
    /// Viterbi's score rows and back pointers.
    static SCRATCH: std::cell::RefCell<(Vec<f32>, Vec<u16>)> = const {
        std::cell::RefCell::new((Vec::new(), Vec::new()))
    };
}

/// For each label `c`, the allowed moves into it, `(previous label, transition weight)`, at
/// `list[into[c]..into[c + 1]]`.
#[derive(Debug, Clone, Default)]
struct Moves {
    list: Vec<(usize, f32)>,
    into: Vec<usize>,
}

impl Moves {
    fn of(trans: &[f32], allowed: &[bool], n: usize) -> Moves {
        let mut list = Vec::with_capacity(n * n);
        let mut into = vec![0usize; n + 1];
        for c in 0..n {
            for p in 0..n {
                let t = (p + 1) * n + c;
                if allowed[t] {
                    list.push((p, trans[t]));
                }
            }
            into[c + 1] = list.len();
        }
        Moves { list, into }
    }

    fn into(&self, c: usize) -> &[(usize, f32)] {
        &self.list[self.into[c]..self.into[c + 1]]
    }
}

/// Open addressing over the 32-bit keys with linear probing, each slot's weights stored in
/// slot order as 16-bit integers: tagging looks up some fifty features a token, so the
/// lookup must stay in cache. Keys take 4 bytes a slot, a row 2 bytes a label.
#[derive(Debug, Clone, Default)]
struct Table {
    mask: usize,
    keys: Vec<u32>,
    rows: Vec<i16>,
    /// Weight = row value * scale.
    scale: f32,
}

impl Table {
    const EMPTY: u32 = u32::MAX;

    fn build(index: &KeyMap, weights: &[f32], n: usize) -> Table {
        let cap = (index.len() * 2).next_power_of_two().max(16);
        let mask = cap - 1;
        let max = weights.iter().fold(0.0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 {
            max / f32::from(i16::MAX)
        } else {
            1.0
        };
        let mut keys = vec![Table::EMPTY; cap];
        let mut rows = vec![0i16; cap * n];
        for (&k, &id) in index {
            let key = k as u32;
            let mut i = Table::home(key, mask);
            while keys[i] != Table::EMPTY {
                i = (i + 1) & mask;
            }
            keys[i] = key;
            for l in 0..n {
                rows[i * n + l] = (weights[id as usize * n + l] / scale).round() as i16;
            }
        }
        Table {
            mask,
            keys,
            rows,
            scale,
        }
    }

    /// Fibonacci hashing: the top bits of a 64-bit product, which depend on every bit of
    /// the key. (A 32-bit product rotated within a 64-bit word, as before, left the low
    /// seven bits of every home slot zero, so keys bunched at one slot in 128 and a lookup
    /// walked some twenty keys.)
    fn home(key: u32, mask: usize) -> usize {
        let bits = mask.count_ones();
        (u64::from(key).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - bits)) as usize
    }

    /// The slot of `key`, if the model knows it.
    fn slot(&self, key: u64) -> Option<usize> {
        let key = key as u32;
        if self.keys.is_empty() || key == Table::EMPTY {
            return None;
        }
        let mut i = Table::home(key, self.mask);
        loop {
            let k = self.keys[i];
            if k == key {
                return Some(i);
            }
            if k == Table::EMPTY {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }
}

impl Perceptron {
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    pub fn n_features(&self) -> usize {
        self.index.len()
    }

    /// Trains on `data`, where `gold[k][i]` is the label index of item `i` of sequence `k`.
    pub fn train(
        labels: Vec<String>,
        data: &[Sequence],
        gold: &[Vec<u16>],
        params: &PerceptronParams,
    ) -> Perceptron {
        let n = labels.len();
        let mut counts: HashMap<u64, u32> = HashMap::new();
        for seq in data {
            for &f in &seq.feats {
                *counts.entry(short(f)).or_default() += 1;
            }
        }
        let mut keys: Vec<u64> = counts
            .into_iter()
            .filter(|&(_, c)| c >= params.min_count)
            .map(|(k, _)| k)
            .collect();
        keys.sort_unstable();
        let index: KeyMap = keys
            .iter()
            .enumerate()
            .map(|(i, &k)| (k, i as u32))
            .collect();
        // Sequences as feature ids, once.
        let ids: Vec<(Vec<u32>, Vec<u32>)> = data
            .iter()
            .map(|seq| {
                let mut feats = Vec::with_capacity(seq.feats.len());
                let mut offsets = vec![0u32];
                for i in 0..seq.len() {
                    feats.extend(
                        seq.item(i)
                            .iter()
                            .filter_map(|&f| index.get(&short(f)).copied()),
                    );
                    offsets.push(feats.len() as u32);
                }
                (feats, offsets)
            })
            .collect();

        let allowed = bio_allowed(&labels);
        let may_end = may_end(&labels);
        let mut model = Perceptron {
            table: Table::default(),
            moves: Moves::default(),
            may_end,
            labels,
            index,
            weights: vec![0.0; keys.len() * n],
            trans: vec![0.0; (n + 1) * n],
            allowed,
        };
        // Several runs over differently shuffled data, their averaged weights averaged
        // again: one run's model depends on the order it saw the data in, and on PolNeAR
        // that alone moved content F1 by 0.007 from one shuffle to another.
        let runs = params.runs.max(1);
        let fits: Vec<(Vec<f32>, Vec<f32>)> = (0..runs)
            .into_par_iter()
            .map(|r| model.fit(&ids, gold, params.epochs, params.seed + r as u64))
            .collect();
        for (weights, trans) in fits {
            for (w, f) in model.weights.iter_mut().zip(&weights) {
                *w += f;
            }
            for (w, f) in model.trans.iter_mut().zip(&trans) {
                *w += f;
            }
        }
        if runs > 1 {
            for w in model.weights.iter_mut().chain(model.trans.iter_mut()) {
                *w /= runs as f32;
            }
        }
        model.prune(params.prune, params.max_features);
        model.table = Table::build(&model.index, &model.weights, n);
        model.moves = Moves::of(&model.trans, &model.allowed, n);
        model
    }

    /// One run of averaged-perceptron training from this (untrained) model's zero weights:
    /// the averaged feature and transition weights. `ids` holds each sequence's feature
    /// ids and the offsets of its items.
    fn fit(
        &self,
        ids: &[(Vec<u32>, Vec<u32>)],
        gold: &[Vec<u16>],
        epochs: usize,
        seed: u64,
    ) -> (Vec<f32>, Vec<f32>) {
        let n = self.labels.len();
        let mut model = self.clone();
        // Averaging by the usual trick: `acc` sums step * update, and the average is
        // w - acc / steps.
        let mut acc_w = vec![0.0f32; model.weights.len()];
        let mut acc_t = vec![0.0f32; model.trans.len()];
        let mut step = 1.0f32;
        let mut order: Vec<usize> = (0..ids.len()).collect();
        let mut rng = seed.max(1);
        for _ in 0..epochs {
            for i in (1..order.len()).rev() {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                order.swap(i, (rng % (i as u64 + 1)) as usize);
            }
            for &k in &order {
                let (feats, offsets) = &ids[k];
                let len = offsets.len() - 1;
                let item = |i: usize| &feats[offsets[i] as usize..offsets[i + 1] as usize];
                // The weights move with every update, so the moves are found anew.
                let moves = Moves::of(&model.trans, &model.allowed, n);
                let pred = model.viterbi(&moves, len, |i, out| model.emit_ids(item(i), out));
                let want = &gold[k];
                for i in 0..len {
                    let (p, g) = (pred[i] as usize, want[i] as usize);
                    let (pp, gp) = if i == 0 {
                        (0, 0)
                    } else {
                        (pred[i - 1] as usize + 1, want[i - 1] as usize + 1)
                    };
                    if p != g {
                        for &f in item(i) {
                            let row = f as usize * n;
                            model.weights[row + g] += 1.0;
                            acc_w[row + g] += step;
                            model.weights[row + p] -= 1.0;
                            acc_w[row + p] -= step;
                        }
                    }
                    if p != g || pp != gp {
                        model.trans[gp * n + g] += 1.0;
                        acc_t[gp * n + g] += step;
                        model.trans[pp * n + p] -= 1.0;
                        acc_t[pp * n + p] -= step;
                    }
                }
                step += 1.0;
            }
        }
        for (w, a) in model.weights.iter_mut().zip(&acc_w) {
            *w -= a / step;
        }
        for (w, a) in model.trans.iter_mut().zip(&acc_t) {
            *w -= a / step;
        }
        (model.weights, model.trans)
    }

    /// Drops feature rows whose weights are all below `min` in magnitude, and zeroes the
    /// small weights of the rows kept; then keeps the `max` rows (0: all) with the largest
    /// total weight.
    fn prune(&mut self, min: f32, max: usize) {
        let n = self.labels.len();
        let mut keys: Vec<(u64, u32)> = self.index.iter().map(|(&k, &v)| (k, v)).collect();
        let norm = |id: u32| -> f32 {
            self.weights[id as usize * n..(id as usize + 1) * n]
                .iter()
                .map(|w| w.abs())
                .sum()
        };
        if max > 0 && keys.len() > max {
            keys.sort_by(|a, b| norm(b.1).total_cmp(&norm(a.1)).then(a.0.cmp(&b.0)));
            keys.truncate(max);
        }
        keys.sort_unstable();
        let mut index = KeyMap::default();
        let mut weights = Vec::new();
        for (k, id) in keys {
            let row = &self.weights[id as usize * n..(id as usize + 1) * n];
            if row.iter().all(|w| w.abs() < min) {
                continue;
            }
            index.insert(k, (weights.len() / n) as u32);
            weights.extend(row.iter().map(|&w| if w.abs() < min { 0.0 } else { w }));
        }
        self.index = index;
        self.weights = weights;
    }

    fn emit_ids(&self, feats: &[u32], out: &mut [f32]) {
        let n = self.labels.len();
        out.fill(0.0);
        for &f in feats {
            let row = &self.weights[f as usize * n..(f as usize + 1) * n];
            for (o, w) in out.iter_mut().zip(row) {
                *o += w;
            }
        }
    }

    fn emit_keys(&self, feats: &[u64], out: &mut [f32]) {
        // The shipped models' label counts, as constants: each row is then summed in a few
        // vector instructions, with no loop over a length known only at run time.
        match self.labels.len() {
            13 => self.emit_fixed::<13>(feats, out),
            17 => self.emit_fixed::<17>(feats, out),
            _ => self.emit_any(feats, out),
        }
    }

    /// [`Self::emit_keys`] for any number of labels (up to 32).
    fn emit_any(&self, feats: &[u64], out: &mut [f32]) {
        let n = self.labels.len();
        let mut acc = [0i32; 32];
        let acc = &mut acc[..n.min(32)];
        for &f in feats {
            if let Some(slot) = self.table.slot(short(f)) {
                let row = &self.table.rows[slot * n..slot * n + acc.len()];
                for (a, &w) in acc.iter_mut().zip(row) {
                    *a += i32::from(w);
                }
            }
        }
        for (o, &a) in out.iter_mut().zip(acc.iter()) {
            *o = a as f32 * self.table.scale;
        }
    }

    /// [`Self::emit_keys`] for a model of `N` labels.
    fn emit_fixed<const N: usize>(&self, feats: &[u64], out: &mut [f32]) {
        let mut acc = [0i32; N];
        for &f in feats {
            if let Some(slot) = self.table.slot(short(f))
                && let Some(row) = self.table.rows.get(slot * N..slot * N + N)
            {
                for (a, &w) in acc.iter_mut().zip(row) {
                    *a += i32::from(w);
                }
            }
        }
        for (o, &a) in out.iter_mut().zip(acc.iter()) {
            *o = a as f32 * self.table.scale;
        }
    }

    /// The best label sequence of `seq`.
    pub fn tag(&self, seq: &Sequence) -> Vec<u16> {
        self.viterbi(&self.moves, seq.len(), |i, out| {
            self.emit_keys(seq.item(i), out)
        })
    }

    /// The best label sequence of the items `range` of `seq`, as if they were all of it.
    pub fn tag_range(&self, seq: &Sequence, range: std::ops::Range<usize>) -> Vec<u16> {
        let start = range.start;
        self.viterbi(&self.moves, range.len(), |i, out| {
            self.emit_keys(seq.item(start + i), out)
        })
    }

    fn viterbi(&self, moves: &Moves, len: usize, emit: impl FnMut(usize, &mut [f32])) -> Vec<u16> {
        let n = self.labels.len();
        if len == 0 {
            return Vec::new();
        }
        // Name stretches are a few tokens long and decoded by the thousand: the buffers are
        // the thread's own, reused, rather than allocated for each.
        SCRATCH.with(|scratch| {
            let mut scratch = scratch.borrow_mut();
            let (buf, back) = &mut *scratch;
            buf.clear();
            buf.resize(3 * n, f32::NEG_INFINITY);
            back.clear();
            back.resize(len * n, 0);
            self.decode(moves, len, emit, buf, back)
        })
    }

    /// Viterbi over `len` items in the buffers given: `buf` holds three rows of `n` scores
    /// (the emissions, the scores so far, the next scores; the second starts at minus
    /// infinity), `back` the `len * n` back pointers.
    fn decode(
        &self,
        moves: &Moves,
        len: usize,
        mut emit: impl FnMut(usize, &mut [f32]),
        buf: &mut [f32],
        back: &mut [u16],
    ) -> Vec<u16> {
        let n = self.labels.len();
        let (e, rest) = buf.split_at_mut(n);
        let (mut score, mut next) = rest.split_at_mut(n);
        emit(0, e);
        for c in 0..n {
            if self.allowed[c] {
                score[c] = self.trans[c] + e[c];
            }
        }
        for i in 1..len {
            emit(i, e);
            for c in 0..n {
                let mut best = f32::NEG_INFINITY;
                let mut arg = 0;
                for &(p, t) in moves.into(c) {
                    let s = score[p] + t;
                    if s > best {
                        best = s;
                        arg = p;
                    }
                }
                next[c] = best + e[c];
                back[i * n + c] = arg as u16;
            }
            std::mem::swap(&mut score, &mut next);
        }
        let mut state = (0..n)
            .filter(|&c| self.may_end[c])
            .max_by(|&a, &b| score[a].total_cmp(&score[b]))
            .unwrap_or(0);
        let mut out = vec![0u16; len];
        for i in (0..len).rev() {
            out[i] = state as u16;
            state = back[i * n + state] as usize;
        }
        out
    }

    /// The model as text: a header, the labels, the transition weights and one line per
    /// feature (its key in hex and the label weights that are not zero).
    pub fn to_text(&self) -> String {
        use std::fmt::Write;
        let n = self.labels.len();
        let mut out = String::new();
        let _ = writeln!(out, "perceptron v1 labels {}", self.labels.join(" "));
        let trans: Vec<String> = self.trans.iter().map(|w| fmt_weight(*w)).collect();
        let _ = writeln!(out, "trans {}", trans.join(" "));
        let mut keys: Vec<(u64, u32)> = self.index.iter().map(|(&k, &v)| (k, v)).collect();
        keys.sort_unstable();
        for (k, id) in keys {
            let _ = write!(out, "{k:x}");
            for l in 0..n {
                let w = self.weights[id as usize * n + l];
                if w != 0.0 {
                    let _ = write!(out, " {l}:{}", fmt_weight(w));
                }
            }
            out.push('\n');
        }
        out
    }

    pub fn from_text(text: &str) -> Result<Perceptron, ModelError> {
        let bad = |line: usize, why: &str| ModelError::Parse {
            line: line + 1,
            message: why.to_string(),
        };
        let mut lines = text.lines().enumerate();
        let labels: Vec<String> = match lines.next() {
            Some((_, l)) if l.starts_with("perceptron v1 labels ") => l
                ["perceptron v1 labels ".len()..]
                .split(' ')
                .map(str::to_string)
                .collect(),
            _ => return Err(bad(0, "expected `perceptron v1 labels ...`")),
        };
        let n = labels.len();
        let trans: Vec<f32> = match lines.next() {
            Some((i, l)) if l.starts_with("trans ") => l[6..]
                .split(' ')
                .map(|w| {
                    w.parse::<f32>()
                        .map_err(|_| bad(i, "bad transition weight"))
                })
                .collect::<Result<_, _>>()?,
            _ => return Err(bad(1, "expected `trans ...`")),
        };
        if trans.len() != (n + 1) * n {
            return Err(bad(1, "wrong number of transition weights"));
        }
        let mut index = KeyMap::default();
        let mut weights = Vec::new();
        for (i, line) in lines {
            let mut parts = line.split(' ');
            let key = parts
                .next()
                .and_then(|k| u64::from_str_radix(k, 16).ok())
                .ok_or_else(|| bad(i, "bad feature key"))?;
            let row = weights.len();
            weights.resize(row + n, 0.0);
            for p in parts {
                let (l, w) = p
                    .split_once(':')
                    .ok_or_else(|| bad(i, "expected label:weight"))?;
                let l: usize = l.parse().map_err(|_| bad(i, "bad label"))?;
                if l >= n {
                    return Err(bad(i, "label out of range"));
                }
                weights[row + l] = parse_weight(w).ok_or_else(|| bad(i, "bad weight"))?;
            }
            index.insert(key, (row / n) as u32);
        }
        let allowed = bio_allowed(&labels);
        Ok(Perceptron {
            table: Table::build(&index, &weights, n),
            moves: Moves::of(&trans, &allowed, n),
            allowed,
            may_end: may_end(&labels),
            labels,
            index,
            weights,
            trans,
        })
    }
}

/// A weight as [`fmt_weight`] writes it, parsed to the same `f32` as `str::parse` gives.
/// Model files hold millions of weights and the standard parser was a tenth of start-up:
/// a plain decimal of at most seven digits is an integer under 2^24 divided by a power of
/// ten up to 10^10, both exact in `f32`, and one correctly rounded division gives the
/// correctly rounded value (the fast path the standard parser takes for these too).
/// Anything else goes to `str::parse`.
fn parse_weight(w: &str) -> Option<f32> {
    const POW10: [f32; 11] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10];
    let (negative, digits) = match w.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, w),
    };
    let mut mantissa: u32 = 0;
    let mut count = 0usize;
    let mut decimals: Option<usize> = None;
    for b in digits.bytes() {
        match b {
            b'0'..=b'9' if count < 7 => {
                mantissa = mantissa * 10 + u32::from(b - b'0');
                count += 1;
                if let Some(d) = decimals.as_mut() {
                    *d += 1;
                }
            }
            b'.' if decimals.is_none() => decimals = Some(0),
            _ => return w.parse().ok(),
        }
    }
    let decimals = decimals.unwrap_or(0);
    if count == 0 || decimals >= POW10.len() {
        return w.parse().ok();
    }
    let value = mantissa as f32 / POW10[decimals];
    Some(if negative { -value } else { value })
}

/// Models keep 32 bits of each feature key: with a few hundred thousand features kept,
/// collisions are a handful, and the model file is half the size.
fn short(key: u64) -> u64 {
    (key ^ (key >> 32)) & 0xffff_ffff
}

/// Two significant digits are plenty for a perceptron's averaged weights.
fn fmt_weight(w: f32) -> String {
    if w == 0.0 {
        return "0".to_string();
    }
    let digits = (1 - w.abs().log10().floor() as i32).max(0) as usize;
    let s = format!("{w:.digits$}");
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    }
}

/// Which transitions the BIO (or BILOU) convention allows, in the layout of `trans`;
/// entries `0..n` of the result (the start row) double as "may start a sequence". Inside
/// (`I-X`) and last (`L-X`) labels must follow `B-X` or `I-X`; when the labels include an
/// `L-X`, a `B-X` or `I-X` must be followed by `I-X` or `L-X` (see [`may_end`]).
fn bio_allowed(labels: &[String]) -> Vec<bool> {
    let n = labels.len();
    let split = |l: &str| {
        l.split_once('-')
            .map(|(p, k)| (p.to_string(), k.to_string()))
    };
    let parts: Vec<Option<(String, String)>> = labels.iter().map(|l| split(l)).collect();
    let bilou = |kind: &str| labels.iter().any(|l| l.strip_prefix("L-") == Some(kind));
    let mut out = vec![true; (n + 1) * n];
    for (c, cur) in parts.iter().enumerate() {
        if let Some((p, _)) = cur
            && (p == "I" || p == "L")
        {
            out[c] = false;
        }
        for (q, prev) in parts.iter().enumerate() {
            let ok = match (prev, cur) {
                (Some((pp, pk)), _) if (pp == "B" || pp == "I") && bilou(pk) => {
                    matches!(cur, Some((cp, ck)) if pk == ck && (cp == "I" || cp == "L"))
                }
                (_, Some((cp, ck))) if cp == "I" || cp == "L" => {
                    matches!(prev, Some((pp, pk)) if pk == ck && (pp == "B" || pp == "I"))
                }
                _ => true,
            };
            out[(q + 1) * n + c] = ok;
        }
    }
    out
}

/// Which labels may end a sequence: under BILOU, not a span's beginning or inside.
fn may_end(labels: &[String]) -> Vec<bool> {
    labels
        .iter()
        .map(|l| match l.split_once('-') {
            Some((p, kind)) if p == "B" || p == "I" => {
                !labels.iter().any(|m| m.strip_prefix("L-") == Some(kind))
            }
            _ => true,
        })
        .collect()
}

/// FNV-1a over bytes. A tagger hashes each word, shape or tag of a text once with it, and
/// a feature's key mixes its template with the hashes of its parts ([`mix_key`]): hashing
/// every feature's bytes anew was a third of the time the attribution tagger spent building
/// features.
pub const fn fnv(bytes: &[u8]) -> u64 {
    fnv_extend(FNV_START, bytes)
}

/// FNV-1a's starting value: [`fnv_extend`] from here is [`fnv`].
pub const FNV_START: u64 = 0xcbf2_9ce4_8422_2325;

/// An FNV-1a hash `h` continued over `bytes`.
pub const fn fnv_extend(mut h: u64, bytes: &[u8]) -> u64 {
    let mut i = 0;
    while i < bytes.len() {
        h ^= bytes[i] as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
        i += 1;
    }
    h
}

/// A feature's key: its template and the hashes of its parts, mixed (as in SplitMix64) so
/// that every bit of each part reaches every bit of the key, in order.
pub fn mix_key(template: u8, parts: &[u64]) -> u64 {
    let mut h = 0x9e37_79b9_7f4a_7c15_u64.wrapping_mul(u64::from(template) + 1);
    for &p in parts {
        h = (h ^ p).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        h ^= h >> 31;
    }
    h = (h ^ (h >> 30)).wrapping_mul(0x94d0_49bb_1331_11eb);
    h ^ (h >> 31)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_parse_as_the_standard_parser_reads_them() {
        let mut cases: Vec<String> = "0 -0 1 -1 0.1 -0.87 31 1.4 -6.6 0.0012 123.4567 9999999 \
             16777217 12345678.9 0.00000000001 1e3 -2.5e-4 .5 5. 1.2.3 - abc inf NaN"
            .split_whitespace()
            .map(String::from)
            .collect();
        cases.push(String::new());
        // Every weight fmt_weight writes for a sweep of magnitudes and signs.
        for i in 0..20_000 {
            let w = ((i as f32) * 0.618_034).sin() * 10f32.powi(i % 9 - 4);
            cases.push(fmt_weight(w));
        }
        for c in &cases {
            let want = c.parse::<f32>().ok();
            let got = parse_weight(c);
            assert_eq!(got.map(f32::to_bits), want.map(f32::to_bits), "{c:?}");
        }
    }

    #[test]
    fn fixed_width_sums_equal_the_general_ones() {
        // A model of 13 labels, with rows that are not all alike.
        let labels: Vec<String> = (0..13).map(|l| format!("L{l}")).collect();
        let mut text = format!("perceptron v1 labels {}\ntrans", labels.join(" "));
        for _ in 0..14 * 13 {
            text.push_str(" 0");
        }
        text.push('\n');
        let keys: Vec<u64> = (0..500u64)
            .map(|i| mix_key(9, &[fnv(i.to_string().as_bytes())]))
            .collect();
        for (i, k) in keys.iter().enumerate() {
            text.push_str(&format!("{:x}", short(*k)));
            for l in 0..13 {
                if (i + l) % 3 != 0 {
                    text.push_str(&format!(" {l}:{}", (i as f32 - 250.0) / (l as f32 + 1.0)));
                }
            }
            text.push('\n');
        }
        let model = Perceptron::from_text(&text).unwrap();
        // Known and unknown features together.
        let mut feats: Vec<u64> = keys.iter().step_by(7).copied().collect();
        feats.extend((0..40u64).map(|i| mix_key(10, &[fnv(i.to_string().as_bytes())])));
        let (mut fixed, mut any) = ([0.0f32; 13], [0.0f32; 13]);
        model.emit_fixed::<13>(&feats, &mut fixed);
        model.emit_any(&feats, &mut any);
        assert_eq!(fixed, any);
        assert!(fixed.iter().any(|&w| w != 0.0));
    }

    /// Words in capitals are names (B-N, then I-N); everything else is outside.
    fn toy(words: &[&str]) -> (Sequence, Vec<u16>) {
        let mut seq = Sequence::new();
        let mut gold = Vec::new();
        let mut prev_cap = false;
        for (i, w) in words.iter().enumerate() {
            let cap = w.chars().next().is_some_and(char::is_uppercase);
            seq.feats.push(mix_key(0, &[fnv(w.as_bytes())]));
            seq.feats
                .push(mix_key(1, &[fnv(if cap { b"X" } else { b"x" })]));
            let prev = if i > 0 { words[i - 1].as_bytes() } else { b"^" };
            seq.feats.push(mix_key(2, &[fnv(prev)]));
            seq.end_item();
            gold.push(match (cap, prev_cap) {
                (false, _) => 0,
                (true, false) => 1,
                (true, true) => 2,
            });
            prev_cap = cap;
        }
        (seq, gold)
    }

    fn labels() -> Vec<String> {
        ["O", "B-N", "I-N"].iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn lookups_probe_few_slots() {
        // Tagging looks up tens of millions of features; a hash whose home slots bunch up
        // makes each lookup walk a long run of keys, with the same answers.
        let mut index = KeyMap::default();
        for i in 0..20_000u64 {
            index.insert(
                short(mix_key(3, &[fnv(i.to_string().as_bytes())])),
                i as u32,
            );
        }
        let table = Table::build(&index, &vec![1.0; 20_000], 1);
        let probes = |key: u32| {
            let mut i = Table::home(key, table.mask);
            let mut n = 1;
            while table.keys[i] != key && table.keys[i] != Table::EMPTY {
                i = (i + 1) & table.mask;
                n += 1;
            }
            n
        };
        let known: usize = index.keys().map(|&k| probes(k as u32)).sum();
        let absent: usize = (0..20_000u64)
            .map(|i| probes(short(mix_key(4, &[fnv(i.to_string().as_bytes())])) as u32))
            .sum();
        assert!(known < 2 * 20_000, "{known} probes for 20,000 known keys");
        assert!(
            absent < 3 * 20_000,
            "{absent} probes for 20,000 absent keys"
        );
        assert!(index.keys().all(|&k| table.slot(k).is_some()));
    }

    #[test]
    fn learns_spans_and_round_trips() {
        let sentences: &[&[&str]] = &[
            &["the", "mayor", "Ana", "Ruiz", "spoke"],
            &["we", "met", "Tom", "today"],
            &["Lena", "Ostrova", "Kim", "left", "early"],
            &["nobody", "came"],
        ];
        let (data, gold): (Vec<_>, Vec<_>) = sentences.iter().map(|s| toy(s)).unzip();
        let params = PerceptronParams {
            min_count: 1,
            prune: 0.0,
            ..PerceptronParams::default()
        };
        let model = Perceptron::train(labels(), &data, &gold, &params);
        let (unseen, want) = toy(&["then", "Rosa", "Diaz", "said", "no"]);
        assert_eq!(model.tag(&unseen), want);
        let back = Perceptron::from_text(&model.to_text()).unwrap();
        assert_eq!(back.tag(&unseen), want);
        assert_eq!(back.n_features(), model.n_features());
        // A range is tagged as if it were the whole sequence.
        let (long, _) = toy(&["so", "then", "Rosa", "Diaz", "said", "no", "more"]);
        assert_eq!(model.tag_range(&long, 1..6), want);
        let mut cleared = long.clone();
        cleared.clear();
        assert!(cleared.is_empty());
    }

    #[test]
    fn runs_average_the_weights_of_their_shuffles() {
        let sentences: &[&[&str]] = &[
            &["the", "mayor", "Ana", "Ruiz", "spoke"],
            &["we", "met", "Tom", "today"],
            &["Lena", "Ostrova", "Kim", "left", "early"],
            &["nobody", "came"],
            &["ask", "Piet", "Salo", "and", "Ines"],
        ];
        let (data, gold): (Vec<_>, Vec<_>) = sentences.iter().map(|s| toy(s)).unzip();
        let train = |seed: u64, runs: usize| {
            let params = PerceptronParams {
                min_count: 1,
                prune: 0.0,
                epochs: 3,
                seed,
                runs,
                ..PerceptronParams::default()
            };
            Perceptron::train(labels(), &data, &gold, &params)
        };
        let (a, b, both) = (train(7, 1), train(8, 1), train(7, 2));
        // Different shuffles learn different weights, and two runs hold their mean.
        assert_ne!(a.weights, b.weights);
        assert_eq!(both.index, a.index);
        for ((x, y), m) in a.weights.iter().zip(&b.weights).zip(&both.weights) {
            assert!(
                (m - (x + y) / 2.0).abs() < 1e-5,
                "{m} is not the mean of {x} and {y}"
            );
        }
        for ((x, y), m) in a.trans.iter().zip(&b.trans).zip(&both.trans) {
            assert!((m - (x + y) / 2.0).abs() < 1e-5);
        }
        // One run is plain training, whatever the default.
        assert_eq!(train(7, 0).weights, a.weights);
    }

    #[test]
    fn never_starts_inside_a_span() {
        let allowed = bio_allowed(&labels());
        // Start row: O and B-N may open a sequence, I-N may not.
        assert_eq!(&allowed[0..3], &[true, true, false]);
        // I-N after O is forbidden, after B-N and I-N allowed.
        assert!(!allowed[3 + 2]);
        assert!(allowed[2 * 3 + 2]);
        assert!(allowed[3 * 3 + 2]);
    }

    #[test]
    fn bilou_spans_must_close() {
        let labels: Vec<String> = ["O", "B-N", "I-N", "L-N", "U-N"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let allowed = bio_allowed(&labels);
        let ok = |p: usize, c: usize| allowed[(p + 1) * 5 + c];
        assert!(ok(1, 2) && ok(1, 3) && ok(2, 3) && ok(3, 0) && ok(4, 4) && ok(0, 1));
        assert!(!ok(1, 0) && !ok(1, 4) && !ok(2, 0) && !ok(0, 2) && !ok(0, 3) && !ok(3, 2));
        assert_eq!(may_end(&labels), [true, false, false, true, true]);
    }

    #[test]
    fn rejects_damaged_model_text() {
        assert!(Perceptron::from_text("nonsense").is_err());
        assert!(Perceptron::from_text("perceptron v1 labels O B-N\ntrans 1 2\n").is_err());
        let ok = "perceptron v1 labels O B-N\ntrans 0 0 0 0 0 0\nab 1:0.5\n";
        assert!(Perceptron::from_text(ok).is_ok());
        assert!(Perceptron::from_text(&format!("{ok}zz 0:1\n")).is_err());
        assert!(Perceptron::from_text(&format!("{ok}ab 9:1\n")).is_err());
    }
}
