//! Trains the stance model shipped in `models/stance.txt` on FNC-1's training data, holding a
//! fifth of it back for evaluation.
//!
//! ```text
//! cargo run --release -p parallax-stance --example train_stance -- ../shared/data/fnc1 \
//!     --holdout-gold /tmp/stance_holdout_gold.jsonl
//! ```
//!
//! The folder holds `train_bodies.csv` and `train_stances.csv`. Pairs are split by body, so
//! that no held-back text is ever seen in training: a body is held back when its id (the
//! smallest id among bodies with the same text, since FNC-1 repeats 14 texts under new ids)
//! is 0 mod 5. The held-back pairs never reach any model or any choice of threshold.
//!
//! Thresholds are chosen on out-of-fold predictions over the training part (four folds by
//! body id mod 5), which also give a cross-validated score; the shipped models are then
//! trained on the whole training part.
//! The figures printed for the held-back part are the FNC-1 score, macro-F1 and deny-F1 as
//! `shared/tools/score_stance.py` computes them. `--holdout-gold FILE` writes the held-back
//! labels in the scorer's format so that `parallax stance`'s own output can be scored;
//! `--no-write` only reports; `--out PATH` writes the model elsewhere.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::PathBuf;

use parallax_learn::{Dataset, Gbdt, GbdtParams};
use parallax_stance::{FEATURE_NAMES, Stance, StanceModel, Thresholds, features};
use rayon::prelude::*;

struct Pair {
    row: usize,
    body: usize,
    gold: Stance,
    features: Vec<f32>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut dir: Option<PathBuf> = None;
    let mut out = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/models/stance.txt"));
    let mut write = true;
    let mut holdout_gold: Option<PathBuf> = None;
    let mut params = GbdtParams {
        trees: 300,
        max_depth: 6,
        learning_rate: 0.1,
        min_leaf: 10,
        ..GbdtParams::default()
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--out" => out = PathBuf::from(args.next().ok_or("--out needs a path")?),
            "--no-write" => write = false,
            "--holdout-gold" => {
                holdout_gold = Some(PathBuf::from(
                    args.next().ok_or("--holdout-gold needs a path")?,
                ))
            }
            "--trees" => params.trees = args.next().ok_or("--trees needs a number")?.parse()?,
            "--depth" => params.max_depth = args.next().ok_or("--depth needs a number")?.parse()?,
            "--learning-rate" => {
                params.learning_rate = args
                    .next()
                    .ok_or("--learning-rate needs a number")?
                    .parse()?
            }
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let dir = dir.ok_or("usage: train_stance FNC1_DIR [--holdout-gold FILE] [--no-write]")?;

    let mut bodies: HashMap<usize, String> = HashMap::new();
    let mut first_id: HashMap<String, usize> = HashMap::new();
    let mut reader = csv::Reader::from_path(dir.join("train_bodies.csv"))?;
    for rec in reader.records() {
        let rec = rec?;
        let id: usize = rec.get(0).ok_or("body without id")?.parse()?;
        let text = rec.get(1).ok_or("body without text")?.to_string();
        let canonical = *first_id
            .entry(text.clone())
            .and_modify(|c| *c = (*c).min(id))
            .or_insert(id);
        let _ = canonical;
        bodies.insert(id, text);
    }
    let canonical = |id: usize| bodies.get(&id).and_then(|t| first_id.get(t)).copied();

    let mut raw = Vec::new();
    let mut reader = csv::Reader::from_path(dir.join("train_stances.csv"))?;
    for (row, rec) in reader.records().enumerate() {
        let rec = rec?;
        let headline = rec.get(0).ok_or("pair without headline")?.to_string();
        let body: usize = rec.get(1).ok_or("pair without body")?.parse()?;
        let gold =
            Stance::parse(rec.get(2).ok_or("pair without label")?).ok_or("unknown stance label")?;
        let group = canonical(body).ok_or("pair names an unknown body")?;
        raw.push((row, group, body, headline, gold));
    }
    eprintln!("{} bodies, {} pairs", bodies.len(), raw.len());
    let pairs: Vec<Pair> = raw
        .par_iter()
        .map(|(row, group, body, headline, gold)| Pair {
            row: *row,
            body: *group,
            gold: *gold,
            features: features(headline, &bodies[body]),
        })
        .collect();

    let held = |p: &Pair| p.body.is_multiple_of(5);
    let train: Vec<&Pair> = pairs.iter().filter(|p| !held(p)).collect();
    let test: Vec<&Pair> = pairs.iter().filter(|p| held(p)).collect();
    eprintln!(
        "training on {} pairs, holding back {}",
        train.len(),
        test.len()
    );

    // Thresholds from out-of-fold probabilities over the training part: four folds by body
    // (ids 1, 2, 3 and 4 mod 5), each predicted by models trained on the other three.
    let mut oof: Vec<(Stance, [f32; 3])> = Vec::with_capacity(train.len());
    for fold in 1..5 {
        let fit: Vec<&Pair> = train
            .iter()
            .copied()
            .filter(|p| p.body % 5 != fold)
            .collect();
        let probe = fit_model(&fit, &params, Thresholds::default());
        oof.extend(
            train
                .iter()
                .filter(|p| p.body % 5 == fold)
                .map(|p| (p.gold, probe.probabilities(&p.features))),
        );
    }
    let thresholds = choose_thresholds(&oof);
    let cv = scores(
        &oof.iter().map(|(g, _)| *g).collect::<Vec<_>>(),
        &oof.iter()
            .map(|(_, p)| decide(p, thresholds))
            .collect::<Vec<_>>(),
    );
    eprintln!(
        "thresholds from 4-fold cross-validation: related {} deny {} affirm {}",
        thresholds.related, thresholds.deny, thresholds.affirm
    );
    println!(
        "cross-validated stance FNC score {:.4} macro-F1 {:.4} deny-F1 {:.4} pairs {}",
        cv.fnc,
        cv.macro_f1,
        cv.deny_f1,
        oof.len()
    );

    let model = fit_model(&train, &params, thresholds);
    let predicted: Vec<Stance> = test.iter().map(|p| model.decide(&p.features)).collect();
    let gold: Vec<Stance> = test.iter().map(|p| p.gold).collect();
    let s = scores(&gold, &predicted);
    println!(
        "held-back stance FNC score {:.4} macro-F1 {:.4} deny-F1 {:.4} pairs {}",
        s.fnc,
        s.macro_f1,
        s.deny_f1,
        test.len()
    );
    for (name, gbdt) in [
        ("related", &model.related),
        ("deny", &model.deny),
        ("affirm", &model.affirm),
    ] {
        let top: Vec<String> = gbdt
            .split_counts()
            .into_iter()
            .take(8)
            .map(|(n, c)| format!("{n} {c}"))
            .collect();
        eprintln!("{name}: most split on: {}", top.join(", "));
    }

    if let Some(path) = holdout_gold {
        let mut text = String::new();
        for p in &test {
            let _ = writeln!(
                text,
                "{{\"id\": \"{}\", \"stance\": \"{}\"}}",
                p.row,
                p.gold.as_str()
            );
        }
        std::fs::write(&path, text)?;
        eprintln!("wrote the held-back gold to {}", path.display());
    }
    if write {
        std::fs::write(&out, model.to_text())?;
        eprintln!("wrote {}", out.display());
    }
    Ok(())
}

fn dataset(pairs: &[&Pair], label: impl Fn(Stance) -> Option<bool>) -> Dataset {
    let mut data = Dataset::new(FEATURE_NAMES.iter().map(|s| s.to_string()).collect());
    for p in pairs {
        if let Some(y) = label(p.gold) {
            data.push(&p.features, y);
        }
    }
    data
}

fn fit_model(pairs: &[&Pair], params: &GbdtParams, thresholds: Thresholds) -> StanceModel {
    let related = Gbdt::train(&dataset(pairs, |s| Some(s != Stance::Unrelated)), params);
    let affirm = Gbdt::train(
        &dataset(pairs, |s| match s {
            Stance::Unrelated | Stance::Deny => None,
            Stance::Report => Some(false),
            Stance::Affirm => Some(true),
        }),
        params,
    );
    let deny = Gbdt::train(
        &dataset(pairs, |s| match s {
            Stance::Affirm | Stance::Report => Some(false),
            Stance::Deny => Some(true),
            _ => None,
        }),
        params,
    );
    StanceModel {
        related,
        deny,
        affirm,
        thresholds,
    }
}

/// The cascade's decision from its three probabilities, as [`StanceModel::decide`] makes it.
fn decide(p: &[f32; 3], t: Thresholds) -> Stance {
    if p[0] < t.related {
        Stance::Unrelated
    } else if p[1] >= t.deny {
        Stance::Deny
    } else if p[2] < t.affirm {
        Stance::Report
    } else {
        Stance::Affirm
    }
}

/// The thresholds that maximise the FNC-1 score on out-of-fold predictions, each searched in
/// turn with the others held, twice over; the deny threshold maximises the sum of the score and deny-F1,
/// since the weighted score barely notices a rare class.
fn choose_thresholds(oof: &[(Stance, [f32; 3])]) -> Thresholds {
    let gold: Vec<Stance> = oof.iter().map(|(g, _)| *g).collect();
    let mut best = Thresholds::default();
    let grid: Vec<f32> = (1..20).map(|i| i as f32 * 0.05).collect();
    let judge = |t: Thresholds, deny_weight: f64| {
        let predicted: Vec<Stance> = oof.iter().map(|(_, p)| decide(p, t)).collect();
        let s = scores(&gold, &predicted);
        s.fnc + deny_weight * s.deny_f1
    };
    // Two rounds of coordinate ascent, in the order the cascade asks.
    for which in [0, 1, 2, 0, 1, 2] {
        let mut top = (f64::MIN, 0.5f32);
        for &v in &grid {
            let mut t = best;
            match which {
                0 => t.related = v,
                1 => t.deny = v,
                _ => t.affirm = v,
            }
            let value = judge(t, if which == 1 { 1.0 } else { 0.0 });
            if value > top.0 {
                top = (value, v);
            }
        }
        match which {
            0 => best.related = top.1,
            1 => best.deny = top.1,
            _ => best.affirm = top.1,
        }
    }
    best
}

struct Scores {
    fnc: f64,
    macro_f1: f64,
    deny_f1: f64,
}

fn scores(gold: &[Stance], predicted: &[Stance]) -> Scores {
    let related = |s: Stance| s != Stance::Unrelated;
    let (mut got, mut max) = (0.0, 0.0);
    for (&g, &p) in gold.iter().zip(predicted) {
        if related(g) {
            max += 1.0;
            if related(p) {
                got += 0.25;
                if g == p {
                    got += 0.75;
                }
            }
        } else {
            max += 0.25;
            if !related(p) {
                got += 0.25;
            }
        }
    }
    let f1 = |c: Stance| {
        let tp = gold
            .iter()
            .zip(predicted)
            .filter(|(g, p)| **g == c && **p == c)
            .count() as f64;
        let fp = gold
            .iter()
            .zip(predicted)
            .filter(|(g, p)| **g != c && **p == c)
            .count() as f64;
        let fn_ = gold
            .iter()
            .zip(predicted)
            .filter(|(g, p)| **g == c && **p != c)
            .count() as f64;
        if tp == 0.0 {
            0.0
        } else {
            2.0 * tp / (2.0 * tp + fp + fn_)
        }
    };
    Scores {
        fnc: if max > 0.0 { got / max } else { 0.0 },
        macro_f1: Stance::ALL.iter().map(|&c| f1(c)).sum::<f64>() / 4.0,
        deny_f1: f1(Stance::Deny),
    }
}
