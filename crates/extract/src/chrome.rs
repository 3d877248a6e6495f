//! Telling the article from the page chrome around it, line by line.
//!
//! Each line gets a feature vector: its own shape ([`LineStats`]), its neighbours' shapes,
//! and where it sits relative to the page's main prose block (the run of lines with the most
//! prose in it). A gradient-boosted tree model, trained on the development pages by
//! `examples/train_chrome.rs`, turns each vector into the probability that the line is body
//! text, and [`parallax_learn::smooth`] turns those probabilities into runs, because
//! articles and chrome come in runs.
//!
//! The model is a text file in `models/`, compiled into the binary. Its feature names are
//! checked against [`FEATURE_NAMES`] when it is loaded, so a model can never be silently
//! applied to features it was not trained on.

use std::sync::LazyLock;

use parallax_learn::{Gbdt, ModelError, smooth};

use crate::lines::{Line, LineStats, ratio};

/// Offsets of the neighbours whose shape each line's vector includes.
const NEIGHBOURS: [isize; 6] = [-3, -2, -1, 1, 2, 3];

/// Features of one line, in the model's order.
pub const FEATURE_NAMES: &[&str] = &[
    "chars_log",
    "words_log",
    "upper_ratio",
    "digit_ratio",
    "capitalized_ratio",
    "lowercase_ratio",
    "function_ratio",
    "mean_word_len",
    "ends_sentence",
    "ends_colon",
    "ends_ellipsis",
    "inner_sentences",
    "comma_rate",
    "widget",
    "widget_rate",
    "glued",
    "bullet",
    "has_date",
    "separators",
    "copyright",
    "link_like",
    "byline",
    "repeats",
    "position",
    "chars_before",
    "in_block",
    "block_distance_log",
    "before_block",
    "after_block",
    "prose_above_log",
    "prose_below_log",
    "prose_mass_before",
    "prose_mass_after",
    "prose_density5",
    "prose_density10",
    "m3_words_log",
    "m3_function_ratio",
    "m3_ends_sentence",
    "m3_prose",
    "m3_widget",
    "m2_words_log",
    "m2_function_ratio",
    "m2_ends_sentence",
    "m2_prose",
    "m2_widget",
    "m1_words_log",
    "m1_function_ratio",
    "m1_ends_sentence",
    "m1_prose",
    "m1_widget",
    "p1_words_log",
    "p1_function_ratio",
    "p1_ends_sentence",
    "p1_prose",
    "p1_widget",
    "p2_words_log",
    "p2_function_ratio",
    "p2_ends_sentence",
    "p2_prose",
    "p2_widget",
    "p3_words_log",
    "p3_function_ratio",
    "p3_ends_sentence",
    "p3_prose",
    "p3_widget",
];

const N_FEATURES: usize = FEATURE_NAMES.len();

/// The shipped model and its smoothing setting.
#[derive(Debug)]
pub struct ChromeModel {
    gbdt: Gbdt,
    /// The features the model reads, in order: [`FEATURE_NAMES`] for plain text, longer
    /// lists for inputs that say more about each line (HTML).
    names: &'static [&'static str],
    /// Viterbi's prior that a line has the same label as the one before.
    stay: f32,
    /// The body probability at which the smoother is indifferent; above 0.5 trades recall
    /// for precision.
    threshold: f32,
}

static SHIPPED: &str = include_str!("../models/chrome.txt");

static MODEL: LazyLock<Result<ChromeModel, ModelError>> =
    LazyLock::new(|| ChromeModel::from_text(SHIPPED, FEATURE_NAMES));

impl ChromeModel {
    /// The model compiled into Parallax.
    pub fn shipped() -> Result<&'static ChromeModel, &'static ModelError> {
        MODEL.as_ref()
    }

    pub fn new(
        gbdt: Gbdt,
        names: &'static [&'static str],
        stay: f32,
        threshold: f32,
    ) -> ChromeModel {
        ChromeModel {
            gbdt,
            names,
            stay,
            threshold,
        }
    }

    /// Reads `stay <p>` and `threshold <p>` lines followed by a `parallax-gbdt` model that
    /// must read exactly the features `names`.
    pub fn from_text(
        text: &str,
        names: &'static [&'static str],
    ) -> Result<ChromeModel, ModelError> {
        let mut rest = text;
        let mut header = |line: usize, key: &str| {
            let (first, tail) = rest.split_once('\n').unwrap_or((rest, ""));
            rest = tail;
            first
                .strip_prefix(key)
                .and_then(|v| v.trim().parse::<f32>().ok())
                .filter(|s| (0.0..1.0).contains(s))
                .ok_or(ModelError::Parse {
                    line,
                    message: format!("expected `{key}<0..1>`"),
                })
        };
        let stay = header(1, "stay ")?;
        let threshold = header(2, "threshold ")?;
        if stay < 0.5 {
            return Err(ModelError::Parse {
                line: 1,
                message: "stay must be at least 0.5".into(),
            });
        }
        let gbdt = Gbdt::from_text(rest).map_err(|e| match e {
            ModelError::Parse { line, message } => ModelError::Parse {
                line: line + 2,
                message,
            },
            other => other,
        })?;
        gbdt.check_features(names)?;
        Ok(ChromeModel {
            gbdt,
            names,
            stay,
            threshold,
        })
    }

    pub fn to_text(&self) -> String {
        format!(
            "stay {}\nthreshold {}\n{}",
            self.stay,
            self.threshold,
            self.gbdt.to_text()
        )
    }

    pub fn gbdt(&self) -> &Gbdt {
        &self.gbdt
    }

    /// The probability that each line is article body, from a row-major feature matrix
    /// with one row of this model's features per line.
    pub fn predict_rows(&self, features: &[f32]) -> Vec<f32> {
        features
            .chunks_exact(self.names.len())
            .map(|row| self.gbdt.predict(row))
            .collect()
    }

    /// The probability that each line of a plain-text page is article body.
    pub fn probabilities(&self, lines: &[Line<'_>]) -> Vec<f32> {
        self.predict_rows(&features(lines))
    }

    /// Which lines are article body.
    ///
    /// Smoothing can swallow a very short article whole (two paragraphs between menus cost
    /// more to switch into than they gain), so when it keeps nothing, the lines the model
    /// favours on their own are kept, and failing those the prose lines: an article reduced
    /// to nothing is the worst answer.
    pub fn classify(&self, lines: &[Line<'_>]) -> Vec<bool> {
        self.decide_lines(lines, &self.probabilities(lines))
    }

    /// [`ChromeModel::classify`] from probabilities already computed.
    pub fn decide_lines(&self, lines: &[Line<'_>], probs: &[f32]) -> Vec<bool> {
        let mut keep = decide(probs, self.stay, self.threshold);
        if !keep.contains(&true) {
            keep = probs.iter().map(|&p| p >= 0.5).collect();
        }
        if !keep.contains(&true) {
            return lines.iter().map(|l| l.stats.is_prose()).collect();
        }
        let prose: Vec<bool> = lines.iter().map(|l| is_sentence_prose(&l.stats)).collect();
        extend(&prose, probs, &mut keep, EXTEND_MIN_P);
        keep
    }
}

/// The least body probability at which a prose line next to the body joins it. Chosen by
/// cross-validation (`examples/train_chrome.rs` prints the comparison).
pub const EXTEND_MIN_P: f32 = 0.15;

/// A line that reads as a full sentence of prose.
pub fn is_sentence_prose(s: &LineStats) -> bool {
    s.is_prose() && s.ends_sentence
}

/// Grows body runs over adjacent prose lines that the model gives at least `min_p`. The
/// model, trained on long pages, doubts the last short paragraphs of a short article
/// ("The council has not commented."), which smoothing then cuts; a full sentence that
/// touches the body is rarely chrome.
pub fn extend(prose: &[bool], probs: &[f32], keep: &mut [bool], min_p: f32) {
    let n = keep.len();
    let joins = |i: usize, keep: &[bool]| {
        !keep[i]
            && prose[i]
            && probs[i] >= min_p
            && ((i > 0 && keep[i - 1]) || (i + 1 < n && keep[i + 1]))
    };
    for i in 0..n {
        if joins(i, keep) {
            keep[i] = true;
        }
    }
    for i in (0..n).rev() {
        if joins(i, keep) {
            keep[i] = true;
        }
    }
}

/// Turns per-line body probabilities into runs of body and chrome: the probabilities are
/// recentred so that `threshold` counts as even odds, then smoothed with [`smooth`].
pub fn decide(probs: &[f32], stay: f32, threshold: f32) -> Vec<bool> {
    let t = threshold.clamp(0.01, 0.99);
    let shift = (t / (1.0 - t)).ln();
    let recentred: Vec<f32> = probs
        .iter()
        .map(|&p| {
            let p = p.clamp(1e-4, 1.0 - 1e-4);
            let logit = (p / (1.0 - p)).ln() - shift;
            1.0 / (1.0 + (-logit).exp())
        })
        .collect();
    smooth(&recentred, stay)
}

/// The feature matrix of a page, row-major, one row of [`FEATURE_NAMES`] per line.
pub fn features(lines: &[Line<'_>]) -> Vec<f32> {
    let n = lines.len();
    let stats: Vec<&LineStats> = lines.iter().map(|l| &l.stats).collect();
    let prose: Vec<bool> = stats.iter().map(|s| s.is_prose()).collect();
    let chars: Vec<f32> = stats.iter().map(|s| s.chars as f32).collect();
    let total_chars: f32 = chars.iter().sum::<f32>().max(1.0);
    let (block_start, block_end) = main_block(&stats, &prose);

    // Prose characters before each line (exclusive) and in all.
    let mut prose_before = Vec::with_capacity(n);
    let mut acc = 0.0;
    for i in 0..n {
        prose_before.push(acc);
        if prose[i] {
            acc += chars[i];
        }
    }
    let prose_total = acc.max(1.0);
    let prose_above = distances(n, |i| prose[i], false);
    let prose_below = distances(n, |i| prose[i], true);
    let mut prose_prefix = vec![0u32; n + 1];
    for i in 0..n {
        prose_prefix[i + 1] = prose_prefix[i] + u32::from(prose[i]);
    }
    let density = |i: usize, w: usize| {
        let lo = i.saturating_sub(w);
        let hi = (i + w + 1).min(n);
        (prose_prefix[hi] - prose_prefix[lo]) as f32 / (hi - lo) as f32
    };

    let mut out = Vec::with_capacity(n * N_FEATURES);
    let mut chars_seen = 0.0;
    for i in 0..n {
        let s = stats[i];
        let row_start = out.len();
        out.extend_from_slice(&[
            (s.chars as f32).ln_1p(),
            (s.words as f32).ln_1p(),
            ratio(s.upper, s.letters),
            ratio(s.digits, s.chars),
            ratio(s.capitalized, s.words),
            ratio(s.lowercase, s.words),
            s.function_ratio(),
            ratio(s.word_chars, s.words),
            flag(s.ends_sentence),
            flag(s.ends_colon),
            flag(s.ends_ellipsis),
            s.inner_sentences.min(20) as f32,
            ratio(s.commas, s.words),
            s.widget.min(10) as f32,
            ratio(s.widget, s.words),
            s.glued.min(10) as f32,
            flag(s.bullet),
            flag(s.has_date),
            s.separators.min(10) as f32,
            flag(s.copyright),
            flag(s.link_like),
            flag(s.byline),
            s.repeats.min(10) as f32,
        ]);
        chars_seen += chars[i];
        let inside = block_start <= i && i <= block_end;
        let distance = if inside {
            0
        } else if i < block_start {
            block_start - i
        } else {
            i - block_end
        };
        out.extend_from_slice(&[
            i as f32 / n as f32,
            (chars_seen - chars[i]) / total_chars,
            flag(inside),
            (distance as f32).ln_1p(),
            flag(i < block_start),
            flag(i > block_end),
            (prose_above[i] as f32).ln_1p(),
            (prose_below[i] as f32).ln_1p(),
            prose_before[i] / prose_total,
            (prose_total - prose_before[i] - if prose[i] { chars[i] } else { 0.0 }).max(0.0)
                / prose_total,
            density(i, 5),
            density(i, 10),
        ]);
        for k in NEIGHBOURS {
            let j = i as isize + k;
            if j < 0 || j >= n as isize {
                out.extend_from_slice(&[0.0; 5]);
                continue;
            }
            let t = stats[j as usize];
            out.extend_from_slice(&[
                (t.words as f32).ln_1p(),
                t.function_ratio(),
                flag(t.ends_sentence),
                flag(prose[j as usize]),
                t.widget.min(10) as f32,
            ]);
        }
        debug_assert_eq!(out.len() - row_start, N_FEATURES);
    }
    out
}

fn flag(b: bool) -> f32 {
    if b { 1.0 } else { 0.0 }
}

/// For each line, how many lines away the nearest line with `is` is, looking up (or down),
/// capped at 1000 when there is none.
fn distances(n: usize, is: impl Fn(usize) -> bool, down: bool) -> Vec<u32> {
    const NONE: u32 = 1000;
    let mut out = vec![NONE; n];
    let mut last: Option<usize> = None;
    let order: Box<dyn Iterator<Item = usize>> = if down {
        Box::new((0..n).rev())
    } else {
        Box::new(0..n)
    };
    for i in order {
        out[i] = last.map_or(NONE, |l| (l.abs_diff(i) as u32).min(NONE));
        if is(i) {
            last = Some(i);
        }
    }
    out
}

/// The run of lines with the most prose in it: the maximum-sum stretch where a prose line
/// counts its length and any other line costs its length up to 80 characters, so that a
/// caption or a subheading inside an article does not break the run but a menu does.
fn main_block(stats: &[&LineStats], prose: &[bool]) -> (usize, usize) {
    let mut best = (f32::MIN, 0, 0);
    let (mut sum, mut start) = (0.0f32, 0);
    for (i, s) in stats.iter().enumerate() {
        let value = if prose[i] {
            s.chars as f32
        } else {
            -(s.chars.min(80) as f32)
        };
        if sum <= 0.0 {
            sum = value;
            start = i;
        } else {
            sum += value;
        }
        if sum > best.0 {
            best = (sum, start, i);
        }
    }
    (best.1, best.2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lines::split_lines;

    #[test]
    fn one_row_per_line() {
        let lines = split_lines(
            "Home\nThe river rose by a metre overnight, and the town closed two of its schools.\nShare",
        );
        let f = features(&lines);
        assert_eq!(f.len(), 3 * N_FEATURES);
        let in_block = FEATURE_NAMES.iter().position(|&n| n == "in_block").unwrap();
        let rows: Vec<f32> = f.chunks(N_FEATURES).map(|r| r[in_block]).collect();
        assert_eq!(rows, [0.0, 1.0, 0.0]);
    }

    #[test]
    fn the_shipped_model_loads() {
        let model = ChromeModel::shipped().unwrap();
        assert_eq!(model.gbdt().feature_names().len(), N_FEATURES);
    }

    #[test]
    fn malformed_models_are_errors() {
        assert!(ChromeModel::from_text("stay 2\n", FEATURE_NAMES).is_err());
        assert!(ChromeModel::from_text("stay 0.8\nparallax-gbdt 1\n", FEATURE_NAMES).is_err());
        let wrong = "stay 0.8\nthreshold 0.5\nparallax-gbdt 1\nfeatures a\nbase 0\n";
        assert!(matches!(
            ChromeModel::from_text(wrong, FEATURE_NAMES),
            Err(ModelError::Features { .. })
        ));
    }

    #[test]
    fn body_runs_grow_over_adjacent_prose() {
        let prose = [false, true, true, true, false, true];
        let probs = [0.9, 0.9, 0.2, 0.1, 0.9, 0.9];
        let mut keep = [false, true, false, false, false, false];
        extend(&prose, &probs, &mut keep, 0.15);
        // Line 2 joins (p 0.2, next to the body); line 3 is too doubtful; line 5 touches
        // no body.
        assert_eq!(keep, [false, true, true, false, false, false]);
    }

    #[test]
    fn main_block_spans_a_short_interruption() {
        let text = "Menu\nNews\nSport\nThe first paragraph of the story is long enough to count as prose here.\nA subheading\nThe second paragraph is also long enough that it counts as prose for sure.\nFooter\nContact us";
        let lines = split_lines(text);
        let stats: Vec<&LineStats> = lines.iter().map(|l| &l.stats).collect();
        let prose: Vec<bool> = stats.iter().map(|s| s.is_prose()).collect();
        assert_eq!(main_block(&stats, &prose), (3, 5));
    }
}
