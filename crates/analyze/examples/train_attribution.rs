//! Trains the attribution tagger shipped in `models/attribution.txt`.
//!
//! ```text
//! cargo run --release -p parallax-analyze --example train_attribution -- \
//!     ../shared/data/polnear/train
//! ```
//!
//! The argument is a folder of `<doc>.txt` + `<doc>.ann` pairs in BRAT standoff (PolNeAR's
//! layout): the `Source`, `Cue` and `Content` spans become BILOU tags over the tokens of each
//! paragraph, and an averaged perceptron learns them in two passes. The second pass sees the
//! first pass's labels, taken for each document from a model trained on the other four
//! fifths of the documents (`models/attribution_pass2.txt`); the cue words learned on the way
//! go to `models/attribution_cues.txt`. Training is deterministic: the same data gives the
//! same files, byte for byte. Only the training split may be given: the dev split is for
//! `shared/tools/score_attribution.py`, never for training.
//!
//! Options: `--epochs N` (default 20), `--min-count N` (features seen fewer times are
//! dropped, default 3), `--prune W` (weights below W are dropped, default 0.1),
//! `--max-features N` (the N strongest features a pass are kept, default 50,000), `--seed N`
//! (the order the documents are shuffled in, default 7), `--runs N` (runs over differently
//! shuffled documents whose weights are averaged, default 3), `--out PATH` (default `crates/analyze/models/attribution.txt`; the other files go beside it).

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use parallax_analyze::attribution::find_statements;
use parallax_analyze::sentences::all_sentences;
use parallax_analyze::tagger::{
    CueWords, LABELS, Paragraph, Role, Tagger, featurize, gold_tags, stack, tokenize,
};
use parallax_learn::{Perceptron, PerceptronParams, Sequence};
use parallax_model::Span;
use rayon::prelude::*;

const FOLDS: usize = 5;
/// How many passes the tagger makes; each after the first sees the labels of the one before.
const PASSES: usize = parallax_analyze::tagger::PASSES;

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut dirs: Vec<PathBuf> = Vec::new();
    let mut params = PerceptronParams {
        epochs: 20,
        min_count: 3,
        prune: 0.1,
        max_features: 50_000,
        runs: 3,
        ..PerceptronParams::default()
    };
    let mut out = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/models/attribution.txt"
    ));
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--epochs" => {
                params.epochs = value("--epochs")?
                    .parse()
                    .map_err(|e| format!("--epochs: {e}"))?
            }
            "--min-count" => {
                params.min_count = value("--min-count")?
                    .parse()
                    .map_err(|e| format!("--min-count: {e}"))?
            }
            "--max-features" => {
                params.max_features = value("--max-features")?
                    .parse()
                    .map_err(|e| format!("--max-features: {e}"))?
            }
            "--prune" => {
                params.prune = value("--prune")?
                    .parse()
                    .map_err(|e| format!("--prune: {e}"))?
            }
            "--runs" => {
                params.runs = value("--runs")?
                    .parse()
                    .map_err(|e| format!("--runs: {e}"))?
            }
            "--seed" => {
                params.seed = value("--seed")?
                    .parse()
                    .map_err(|e| format!("--seed: {e}"))?
            }
            "--out" => out = PathBuf::from(value("--out")?),
            "-h" | "--help" => {
                println!(
                    "usage: train_attribution [--epochs N] [--min-count N] [--max-features N] [--prune W] [--seed N] [--runs N] [--out PATH] TRAIN_DIR..."
                );
                return Ok(());
            }
            _ => dirs.push(PathBuf::from(a)),
        }
    }
    if dirs.is_empty() {
        return Err("give the folder of training documents (../shared/data/polnear/train)".into());
    }
    if dirs
        .iter()
        .any(|d| d.components().any(|c| c.as_os_str() == "dev"))
    {
        return Err("refusing to train on a dev split".into());
    }
    // The documents and their gold spans.
    let mut texts: Vec<(String, Vec<(Role, Span)>)> = Vec::new();
    for dir in &dirs {
        let mut files: Vec<PathBuf> = fs::read_dir(dir)
            .map_err(|e| format!("{}: {e}", dir.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for txt in files {
            let ann = txt.with_extension("ann");
            let text = fs::read_to_string(&txt).map_err(|e| format!("{}: {e}", txt.display()))?;
            let spans = read_ann(&ann, &text)?;
            texts.push((text, spans));
        }
    }
    // The cue words, from how often each word is (part of) a cue.
    let mut counts: HashMap<String, (u32, u32)> = HashMap::new();
    for (text, spans) in &texts {
        for tok in tokenize(text, Span::new(0, text.len())) {
            let e = counts
                .entry(tok.span.slice(text).to_lowercase())
                .or_default();
            e.0 += 1;
            if spans
                .iter()
                .any(|(r, s)| *r == Role::Cue && s.overlaps(tok.span))
            {
                e.1 += 1;
            }
        }
    }
    let cues = CueWords::learn(&counts);
    // Documents as paragraphs with gold tags; folds are by document.
    let docs: Vec<Vec<(Paragraph, Vec<u16>)>> = texts
        .par_iter()
        .map(|(text, spans)| {
            let sentences = all_sentences(text);
            featurize(text, &sentences, &find_statements(text), &cues, true)
                .into_iter()
                .map(|par| {
                    let inside: Vec<(Role, Span)> = spans
                        .iter()
                        .copied()
                        .filter(|(_, s)| s.overlaps(par.span))
                        .collect();
                    let gold = gold_tags(&par, &inside);
                    (par, gold)
                })
                .collect()
        })
        .collect();
    let paras: Vec<&(Paragraph, Vec<u16>)> = docs.iter().flatten().collect();
    let tokens: usize = paras.iter().map(|(_, g)| g.len()).sum();
    eprintln!(
        "{} documents, {} paragraphs, {tokens} tokens",
        docs.len(),
        paras.len()
    );
    let labels: Vec<String> = LABELS.iter().map(|s| s.to_string()).collect();

    // Each later pass must learn from earlier-pass labels as good as on unseen text, so a
    // document's labels from the pass before come from a model trained on the other folds.
    let fold_of: Vec<usize> = docs
        .iter()
        .enumerate()
        .flat_map(|(d, doc)| std::iter::repeat_n(d % FOLDS, doc.len()))
        .collect();
    let mut passes: Vec<Perceptron> = Vec::new();
    let mut prev: Option<Vec<Vec<u16>>> = None;
    for pass in 0..PASSES {
        let seqs: Vec<Sequence> = match &prev {
            None => paras.iter().map(|(p, _)| p.seq.clone()).collect(),
            Some(tags) => paras
                .iter()
                .zip(tags)
                .map(|((p, _), t)| stack(p, t))
                .collect(),
        };
        let gold: Vec<Vec<u16>> = paras.iter().map(|(_, g)| g.clone()).collect();
        let train = |keep: &dyn Fn(usize) -> bool| {
            let idx: Vec<usize> = (0..paras.len()).filter(|&i| keep(i)).collect();
            let data: Vec<Sequence> = idx.iter().map(|&i| seqs[i].clone()).collect();
            let want: Vec<Vec<u16>> = idx.iter().map(|&i| gold[i].clone()).collect();
            Perceptron::train(labels.clone(), &data, &want, &params)
        };
        let last = pass + 1 == PASSES;
        let (model, next) = rayon::join(
            || train(&|_| true),
            || {
                if last {
                    return None;
                }
                let folds: Vec<Vec<(usize, Vec<u16>)>> = (0..FOLDS)
                    .into_par_iter()
                    .map(|k| {
                        let m = train(&|i| fold_of[i] != k);
                        (0..paras.len())
                            .filter(|&i| fold_of[i] == k)
                            .map(|i| (i, m.tag(&seqs[i])))
                            .collect()
                    })
                    .collect();
                let mut tags = vec![Vec::new(); paras.len()];
                for (i, t) in folds.into_iter().flatten() {
                    tags[i] = t;
                }
                Some(tags)
            },
        );
        eprintln!("pass {}: {} features", pass + 1, model.n_features());
        passes.push(model);
        prev = next;
    }
    let tagger = Tagger { passes };
    let (mut right, mut all) = (0usize, 0usize);
    for (p, want) in &paras {
        let got = tagger.tag(p);
        right += got.iter().zip(want).filter(|(a, b)| a == b).count();
        all += want.len();
    }
    eprintln!(
        "training token accuracy {:.4} (a sanity check, not a score)",
        right as f64 / all.max(1) as f64
    );
    let stem = out
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("attribution")
        .to_string();
    let mut files: Vec<(String, PathBuf)> = Vec::new();
    for (i, model) in tagger.passes.iter().enumerate() {
        let name = match i {
            0 => format!("{stem}.txt"),
            _ => format!("{stem}_pass{}.txt", i + 1),
        };
        files.push((model.to_text(), out.with_file_name(name)));
    }
    files.push((
        cues.to_text(),
        out.with_file_name(format!("{stem}_cues.txt")),
    ));
    for (body, path) in files {
        fs::write(&path, body).map_err(|e| format!("{}: {e}", path.display()))?;
        eprintln!("wrote {}", path.display());
    }
    Ok(())
}

/// The Source, Cue and Content fragments of a BRAT file, as byte spans into `text`.
fn read_ann(path: &Path, text: &str) -> Result<Vec<(Role, Span)>, String> {
    let ann = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    // Character offset -> byte offset.
    let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    bytes.push(text.len());
    let mut out = Vec::new();
    for line in ann.lines() {
        let mut cols = line.split('\t');
        let (Some(id), Some(desc)) = (cols.next(), cols.next()) else {
            continue;
        };
        if !id.starts_with('T') {
            continue;
        }
        let Some((kind, ranges)) = desc.split_once(' ') else {
            continue;
        };
        let role = match kind {
            "Source" => Role::Source,
            "Cue" => Role::Cue,
            "Content" => Role::Content,
            _ => continue,
        };
        for frag in ranges.split(';') {
            let mut nums = frag.split(' ').map(str::parse::<usize>);
            let (Some(Ok(s)), Some(Ok(e))) = (nums.next(), nums.next()) else {
                return Err(format!("{}: bad offsets in `{line}`", path.display()));
            };
            let (Some(&s), Some(&e)) = (bytes.get(s), bytes.get(e)) else {
                return Err(format!(
                    "{}: offsets past the end in `{line}`",
                    path.display()
                ));
            };
            out.push((role, Span::new(s, e)));
        }
    }
    Ok(out)
}
