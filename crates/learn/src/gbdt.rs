//! Gradient-boosted decision trees for binary classification.
//!
//! The algorithm is the textbook second-order one (as in XGBoost and LightGBM): each tree fits
//! the gradient and hessian of the logistic loss, splits are searched over per-feature
//! quantile histograms, and a larger child's histogram is its parent's minus its sibling's.
//! Trees grow level by level to a fixed depth. We wrote it rather than depend on a GBM crate
//! because inference sits in Parallax's per-line hot path and must be a few compares per
//! tree over a flat array, and because the model must be a reviewable text file whose
//! format we control.

use std::fmt::Write as _;

use rayon::prelude::*;
use thiserror::Error;

/// Training examples: a row of features and a label each.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    names: Vec<String>,
    values: Vec<f32>,
    labels: Vec<bool>,
}

impl Dataset {
    pub fn new(names: Vec<String>) -> Dataset {
        Dataset {
            names,
            values: Vec::new(),
            labels: Vec::new(),
        }
    }

    /// Adds one example. Panics if the row has the wrong number of features: that is a bug
    /// in the caller's feature extraction, not a property of any input.
    pub fn push(&mut self, row: &[f32], label: bool) {
        assert_eq!(
            row.len(),
            self.names.len(),
            "row width differs from feature count"
        );
        self.values.extend_from_slice(row);
        self.labels.push(label);
    }

    pub fn len(&self) -> usize {
        self.labels.len()
    }

    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    pub fn n_features(&self) -> usize {
        self.names.len()
    }

    pub fn names(&self) -> &[String] {
        &self.names
    }

    pub fn row(&self, i: usize) -> &[f32] {
        let w = self.n_features();
        &self.values[i * w..(i + 1) * w]
    }

    pub fn label(&self, i: usize) -> bool {
        self.labels[i]
    }

    fn value(&self, row: usize, feature: usize) -> f32 {
        self.values[row * self.n_features() + feature]
    }
}

/// How to grow the ensemble.
#[derive(Debug, Clone, PartialEq)]
pub struct GbdtParams {
    /// Number of trees.
    pub trees: usize,
    /// Depth of every tree; a tree has at most `2^max_depth` leaves.
    pub max_depth: usize,
    /// Shrinkage applied to every leaf value.
    pub learning_rate: f32,
    /// Fewest training rows a leaf may hold.
    pub min_leaf: usize,
    /// L2 penalty on leaf values.
    pub lambda: f32,
    /// Histogram bins per feature (at most 256).
    pub bins: usize,
}

impl Default for GbdtParams {
    fn default() -> GbdtParams {
        GbdtParams {
            trees: 100,
            max_depth: 5,
            learning_rate: 0.1,
            min_leaf: 20,
            lambda: 1.0,
            bins: 128,
        }
    }
}

/// One tree node in a flat array. A leaf has `feature == LEAF` and keeps its value in
/// `value`; a split sends `x[feature] <= value` to `left`, everything else (NaN included) to
/// `right`.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Node {
    feature: u32,
    value: f32,
    left: u32,
    right: u32,
}

const LEAF: u32 = u32::MAX;

#[derive(Debug, Clone, PartialEq)]
struct Tree {
    nodes: Vec<Node>,
}

impl Tree {
    fn eval(&self, x: &[f32]) -> f32 {
        let mut i = 0;
        loop {
            let node = &self.nodes[i];
            if node.feature == LEAF {
                return node.value;
            }
            i = if x[node.feature as usize] <= node.value {
                node.left
            } else {
                node.right
            } as usize;
        }
    }
}

/// A trained ensemble.
#[derive(Debug, Clone, PartialEq)]
pub struct Gbdt {
    names: Vec<String>,
    base: f32,
    trees: Vec<Tree>,
}

#[derive(Debug, Error, PartialEq)]
pub enum ModelError {
    #[error("line {line}: {message}")]
    Parse { line: usize, message: String },
    #[error("the model expects features {expected:?} but the code computes {found:?}; retrain it")]
    Features {
        expected: Vec<String>,
        found: Vec<String>,
    },
}

#[derive(Clone, Copy, Default)]
struct Bin {
    g: f64,
    h: f64,
    n: u32,
}

impl Gbdt {
    /// Trains on every row of `data`.
    pub fn train(data: &Dataset, params: &GbdtParams) -> Gbdt {
        let rows: Vec<usize> = (0..data.len()).collect();
        Gbdt::train_rows(data, &rows, params)
    }

    /// Trains on the given rows of `data` only (for cross-validation).
    pub fn train_rows(data: &Dataset, rows: &[usize], params: &GbdtParams) -> Gbdt {
        let nf = data.n_features();
        let nbins = params.bins.clamp(2, 256);
        let m = rows.len();
        let cuts: Vec<Vec<f32>> = (0..nf)
            .into_par_iter()
            .map(|f| quantile_cuts(rows.iter().map(|&r| data.value(r, f)).collect(), nbins))
            .collect();
        // Column-major bins of the training rows: cols[f][i] is row rows[i]'s bin.
        let cols: Vec<Vec<u8>> = (0..nf)
            .into_par_iter()
            .map(|f| {
                rows.iter()
                    .map(|&r| bin_of(&cuts[f], data.value(r, f)) as u8)
                    .collect()
            })
            .collect();
        let y: Vec<f32> = rows
            .iter()
            .map(|&r| f32::from(u8::from(data.label(r))))
            .collect();
        let pos = y.iter().sum::<f32>().clamp(1.0, (m.max(2) - 1) as f32);
        let base = (pos / (m as f32 - pos)).ln();
        let mut raw = vec![base; m];
        let mut trees = Vec::with_capacity(params.trees);
        let mut grad = vec![0.0f32; m];
        let mut hess = vec![0.0f32; m];
        for _ in 0..params.trees {
            for i in 0..m {
                let p = sigmoid(raw[i]);
                grad[i] = p - y[i];
                hess[i] = (p * (1.0 - p)).max(1e-6);
            }
            let grower = Grower {
                cols: &cols,
                cuts: &cuts,
                grad: &grad,
                hess: &hess,
                nbins,
                params,
            };
            let (tree, leaves) = grower.grow(m);
            for (members, value) in leaves {
                for i in members {
                    raw[i as usize] += value;
                }
            }
            trees.push(tree);
        }
        Gbdt {
            names: data.names().to_vec(),
            base,
            trees,
        }
    }

    /// The raw score (log-odds) of a row.
    pub fn score(&self, x: &[f32]) -> f32 {
        self.base + self.trees.iter().map(|t| t.eval(x)).sum::<f32>()
    }

    /// The probability that a row is positive.
    pub fn predict(&self, x: &[f32]) -> f32 {
        sigmoid(self.score(x))
    }

    pub fn feature_names(&self) -> &[String] {
        &self.names
    }

    /// Fails unless the model was trained on exactly these features, in this order.
    pub fn check_features(&self, names: &[&str]) -> Result<(), ModelError> {
        if self
            .names
            .iter()
            .map(String::as_str)
            .eq(names.iter().copied())
        {
            Ok(())
        } else {
            Err(ModelError::Features {
                expected: self.names.clone(),
                found: names.iter().map(|s| s.to_string()).collect(),
            })
        }
    }

    /// How often each feature is split on, by feature name, most used first.
    pub fn split_counts(&self) -> Vec<(&str, usize)> {
        let mut counts = vec![0usize; self.names.len()];
        for t in &self.trees {
            for n in &t.nodes {
                if n.feature != LEAF {
                    counts[n.feature as usize] += 1;
                }
            }
        }
        let mut out: Vec<(&str, usize)> =
            self.names.iter().map(String::as_str).zip(counts).collect();
        out.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        out
    }

    /// The model as text: a header, the feature names, then one line per node.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "parallax-gbdt 1");
        let _ = writeln!(out, "features {}", self.names.join(" "));
        let _ = writeln!(out, "base {}", self.base);
        for t in &self.trees {
            let _ = writeln!(out, "tree {}", t.nodes.len());
            for n in &t.nodes {
                if n.feature == LEAF {
                    let _ = writeln!(out, "l {}", n.value);
                } else {
                    let _ = writeln!(out, "s {} {} {} {}", n.feature, n.value, n.left, n.right);
                }
            }
        }
        out
    }

    /// Reads a model written by [`Gbdt::to_text`], checking its structure.
    pub fn from_text(text: &str) -> Result<Gbdt, ModelError> {
        let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l.trim()));
        let err = |line: usize, message: &str| ModelError::Parse {
            line,
            message: message.into(),
        };
        let mut next = |what: &str| {
            lines
                .next()
                .ok_or_else(|| err(0, &format!("missing {what}")))
        };
        let (ln, header) = next("header")?;
        if header != "parallax-gbdt 1" {
            return Err(err(ln, "not a parallax-gbdt 1 model"));
        }
        let (ln, features) = next("feature names")?;
        let names: Vec<String> = match features.strip_prefix("features ") {
            Some(rest) => rest.split_whitespace().map(str::to_string).collect(),
            None => return Err(err(ln, "expected `features …`")),
        };
        let (ln, base) = next("base score")?;
        let base: f32 = base
            .strip_prefix("base ")
            .and_then(|v| v.parse().ok())
            .ok_or_else(|| err(ln, "expected `base <number>`"))?;
        let mut trees = Vec::new();
        while let Ok((ln, head)) = next("tree") {
            if head.is_empty() {
                continue;
            }
            let count: usize = head
                .strip_prefix("tree ")
                .and_then(|v| v.parse().ok())
                .ok_or_else(|| err(ln, "expected `tree <node count>`"))?;
            let mut nodes = Vec::with_capacity(count);
            for _ in 0..count {
                let (ln, line) = next("tree node")?;
                let parts: Vec<&str> = line.split_whitespace().collect();
                let node = match parts.as_slice() {
                    ["l", v] => Node {
                        feature: LEAF,
                        value: v.parse().map_err(|_| err(ln, "bad leaf value"))?,
                        left: 0,
                        right: 0,
                    },
                    ["s", f, v, l, r] => {
                        let parse = |s: &str| s.parse::<u32>().map_err(|_| err(ln, "bad index"));
                        let node = Node {
                            feature: parse(f)?,
                            value: v.parse().map_err(|_| err(ln, "bad threshold"))?,
                            left: parse(l)?,
                            right: parse(r)?,
                        };
                        let in_tree = |i: u32| (i as usize) < count && i as usize > nodes.len();
                        if node.feature as usize >= names.len()
                            || !in_tree(node.left)
                            || !in_tree(node.right)
                        {
                            return Err(err(ln, "split refers outside the model"));
                        }
                        node
                    }
                    _ => {
                        return Err(err(
                            ln,
                            "expected `l <value>` or `s <f> <t> <left> <right>`",
                        ));
                    }
                };
                nodes.push(node);
            }
            if nodes.is_empty() {
                return Err(err(ln, "empty tree"));
            }
            trees.push(Tree { nodes });
        }
        Ok(Gbdt { names, base, trees })
    }
}

fn sigmoid(x: f32) -> f32 {
    1.0 / (1.0 + (-x).exp())
}

/// Up to `nbins - 1` thresholds splitting `values` into groups of about equal size. Every
/// threshold is a value that occurs, so `x <= t` separates real data.
fn quantile_cuts(mut values: Vec<f32>, nbins: usize) -> Vec<f32> {
    values.retain(|v| !v.is_nan());
    values.sort_by(f32::total_cmp);
    let mut distinct = values.clone();
    distinct.dedup();
    if distinct.len() <= nbins {
        distinct.pop();
        return distinct;
    }
    let mut cuts: Vec<f32> = (1..nbins)
        .map(|k| values[k * values.len() / nbins])
        .collect();
    cuts.dedup();
    // The largest value can never be a useful `<=` threshold.
    if cuts.last() == values.last() {
        cuts.pop();
    }
    cuts
}

/// The bin of `x`: the number of thresholds below it, so `x <= cuts[b]` iff `bin <= b`.
fn bin_of(cuts: &[f32], x: f32) -> usize {
    cuts.partition_point(|&c| c < x)
}

struct Grower<'a> {
    cols: &'a [Vec<u8>],
    cuts: &'a [Vec<f32>],
    grad: &'a [f32],
    hess: &'a [f32],
    nbins: usize,
    params: &'a GbdtParams,
}

struct Pending {
    node: usize,
    rows: Vec<u32>,
    hist: Vec<Bin>,
    depth: usize,
}

impl Grower<'_> {
    /// Grows one tree over rows `0..m`; returns it with each leaf's rows and value.
    fn grow(&self, m: usize) -> (Tree, Vec<(Vec<u32>, f32)>) {
        let all: Vec<u32> = (0..m as u32).collect();
        let hist = self.histogram(&all);
        let mut nodes = vec![Node {
            feature: LEAF,
            value: 0.0,
            left: 0,
            right: 0,
        }];
        let mut leaves = Vec::new();
        let mut stack = vec![Pending {
            node: 0,
            rows: all,
            hist,
            depth: 0,
        }];
        while let Some(p) = stack.pop() {
            let split = if p.depth < self.params.max_depth {
                self.best_split(&p.hist)
            } else {
                None
            };
            let Some((feature, bin)) = split else {
                let total = self.total(&p.hist);
                let value = (-total.g / (total.h + f64::from(self.params.lambda))) as f32
                    * self.params.learning_rate;
                nodes[p.node].value = value;
                leaves.push((p.rows, value));
                continue;
            };
            let col = &self.cols[feature];
            let (left, right): (Vec<u32>, Vec<u32>) = p
                .rows
                .iter()
                .partition(|&&r| usize::from(col[r as usize]) <= bin);
            let (small, large_is_left) = if left.len() <= right.len() {
                (&left, false)
            } else {
                (&right, true)
            };
            let small_hist = self.histogram(small);
            let large_hist: Vec<Bin> = p
                .hist
                .iter()
                .zip(&small_hist)
                .map(|(a, b)| Bin {
                    g: a.g - b.g,
                    h: a.h - b.h,
                    n: a.n - b.n,
                })
                .collect();
            let (left_hist, right_hist) = if large_is_left {
                (large_hist, small_hist)
            } else {
                (small_hist, large_hist)
            };
            let l = nodes.len();
            nodes.push(Node {
                feature: LEAF,
                value: 0.0,
                left: 0,
                right: 0,
            });
            nodes.push(Node {
                feature: LEAF,
                value: 0.0,
                left: 0,
                right: 0,
            });
            nodes[p.node] = Node {
                feature: feature as u32,
                value: self.cuts[feature][bin],
                left: l as u32,
                right: l as u32 + 1,
            };
            stack.push(Pending {
                node: l + 1,
                rows: right,
                hist: right_hist,
                depth: p.depth + 1,
            });
            stack.push(Pending {
                node: l,
                rows: left,
                hist: left_hist,
                depth: p.depth + 1,
            });
        }
        (Tree { nodes }, leaves)
    }

    fn histogram(&self, rows: &[u32]) -> Vec<Bin> {
        let mut hist = vec![Bin::default(); self.cols.len() * self.nbins];
        hist.par_chunks_mut(self.nbins)
            .enumerate()
            .for_each(|(f, bins)| {
                let col = &self.cols[f];
                for &r in rows {
                    let r = r as usize;
                    let b = &mut bins[usize::from(col[r])];
                    b.g += f64::from(self.grad[r]);
                    b.h += f64::from(self.hess[r]);
                    b.n += 1;
                }
            });
        hist
    }

    fn total(&self, hist: &[Bin]) -> Bin {
        // Every feature's bins sum to the same total; feature 0's will do.
        hist[..self.nbins].iter().fold(Bin::default(), |a, b| Bin {
            g: a.g + b.g,
            h: a.h + b.h,
            n: a.n + b.n,
        })
    }

    /// The (feature, bin) split with the largest loss reduction, if any reduces it.
    fn best_split(&self, hist: &[Bin]) -> Option<(usize, usize)> {
        let lambda = f64::from(self.params.lambda);
        let min_leaf = self.params.min_leaf as u32;
        let total = self.total(hist);
        if total.n < 2 * min_leaf {
            return None;
        }
        let parent = total.g * total.g / (total.h + lambda);
        let mut best: Option<(f64, usize, usize)> = None;
        for f in 0..self.cols.len() {
            let bins = &hist[f * self.nbins..(f + 1) * self.nbins];
            let usable = self.cuts[f].len();
            let mut left = Bin::default();
            for (b, bin) in bins.iter().enumerate().take(usable) {
                left = Bin {
                    g: left.g + bin.g,
                    h: left.h + bin.h,
                    n: left.n + bin.n,
                };
                let right_n = total.n - left.n;
                if left.n < min_leaf {
                    continue;
                }
                if right_n < min_leaf {
                    break;
                }
                let (rg, rh) = (total.g - left.g, total.h - left.h);
                let gain = left.g * left.g / (left.h + lambda) + rg * rg / (rh + lambda) - parent;
                if gain > 1e-9 && best.is_none_or(|(g, _, _)| gain > g) {
                    best = Some((gain, f, b));
                }
            }
        }
        best.map(|(_, f, b)| (f, b))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xor_data() -> Dataset {
        let mut d = Dataset::new(vec!["a".into(), "b".into()]);
        for i in 0..400 {
            let a = (i % 20) as f32 / 20.0;
            let b = (i / 20) as f32 / 20.0;
            d.push(&[a, b], (a > 0.5) != (b > 0.5));
        }
        d
    }

    #[test]
    fn learns_an_interaction() {
        let d = xor_data();
        let m = Gbdt::train(
            &d,
            &GbdtParams {
                trees: 30,
                max_depth: 3,
                min_leaf: 5,
                ..Default::default()
            },
        );
        let correct = (0..d.len())
            .filter(|&i| (m.predict(d.row(i)) > 0.5) == d.label(i))
            .count();
        assert!(
            correct as f32 / d.len() as f32 > 0.97,
            "{correct}/{}",
            d.len()
        );
    }

    #[test]
    fn training_is_deterministic_and_text_round_trips() {
        let d = xor_data();
        let p = GbdtParams {
            trees: 5,
            max_depth: 3,
            min_leaf: 5,
            ..Default::default()
        };
        let a = Gbdt::train(&d, &p);
        let b = Gbdt::train(&d, &p);
        assert_eq!(a.to_text(), b.to_text());
        assert_eq!(Gbdt::from_text(&a.to_text()).unwrap(), a);
    }

    #[test]
    fn rejects_malformed_models() {
        assert!(matches!(Gbdt::from_text(""), Err(ModelError::Parse { .. })));
        let bad = "parallax-gbdt 1\nfeatures a\nbase 0\ntree 3\ns 0 0.5 1 7\nl 1\nl 2\n";
        assert_eq!(
            Gbdt::from_text(bad),
            Err(ModelError::Parse {
                line: 5,
                message: "split refers outside the model".into()
            })
        );
        let truncated = "parallax-gbdt 1\nfeatures a\nbase 0\ntree 3\ns 0 0.5 1 2\nl 1\n";
        assert!(Gbdt::from_text(truncated).is_err());
    }

    #[test]
    fn feature_check_names_the_mismatch() {
        let m = Gbdt::from_text("parallax-gbdt 1\nfeatures a b\nbase 0.5\ntree 1\nl 0\n").unwrap();
        assert!(m.check_features(&["a", "b"]).is_ok());
        assert!(
            m.check_features(&["a"])
                .unwrap_err()
                .to_string()
                .contains("retrain")
        );
        assert_eq!(m.predict(&[0.0, 0.0]), sigmoid(0.5));
    }

    #[test]
    fn cuts_split_real_values() {
        assert_eq!(quantile_cuts(vec![3.0, 1.0, 2.0, 2.0], 8), vec![1.0, 2.0]);
        let many: Vec<f32> = (0..1000).map(|i| i as f32).collect();
        let cuts = quantile_cuts(many, 4);
        assert_eq!(cuts, vec![250.0, 500.0, 750.0]);
        assert_eq!(bin_of(&cuts, 250.0), 0);
        assert_eq!(bin_of(&cuts, 251.0), 1);
        assert_eq!(bin_of(&cuts, 2000.0), 3);
    }
}
