//! Trains the entity tagger shipped in `models/entities.txt`.
//!
//! ```text
//! cargo run --release -p parallax-analyze --example train_entities -- \
//!     ../shared/data/conll2003-en/train
//! ```
//!
//! The argument is a folder of `<doc>.txt` + `<doc>.ents.json` pairs (the converted CoNLL-2003
//! layout: character offsets and a type per mention). Each line of a text is tokenised as
//! Parallax tokenises articles, the mentions become BILOU labels over the tokens, and an
//! averaged perceptron learns them over the stretches the tagger labels
//! (`entities::name_stretches`), each a sequence of its own. Training is deterministic: the
//! same data gives the same file, byte for byte. Only a training split may be given (`val`
//! and `dev` folders are refused): the validation split is for
//! `shared/tools/eval_entities.sh`.
//!
//! Options: `--epochs N` (default 15), `--min-count N` (default 2), `--prune W` (default
//! 0.1), `--max-features N` (default 120,000), `--out PATH`.

use std::fs;
use std::path::PathBuf;

use parallax_analyze::entities::{
    DocWords, LABELS, Mention, featurize, gold_tags, lines, name_stretches, tokens,
};
use parallax_learn::{Perceptron, PerceptronParams, Sequence};
use parallax_model::{EntityKind, Span};
use rayon::prelude::*;

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut dir: Option<PathBuf> = None;
    let mut params = PerceptronParams {
        epochs: 15,
        min_count: 2,
        prune: 0.1,
        max_features: 120_000,
        ..PerceptronParams::default()
    };
    let mut out = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/models/entities.txt"));
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
            "--prune" => {
                params.prune = value("--prune")?
                    .parse()
                    .map_err(|e| format!("--prune: {e}"))?
            }
            "--max-features" => {
                params.max_features = value("--max-features")?
                    .parse()
                    .map_err(|e| format!("--max-features: {e}"))?
            }
            "--out" => out = PathBuf::from(value("--out")?),
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let dir = dir.ok_or("usage: train_entities TRAIN_DIR [options]")?;
    if dir
        .components()
        .any(|c| matches!(c.as_os_str().to_str(), Some("val" | "dev" | "test")))
    {
        return Err("refusing to train on a validation or test split".into());
    }
    let mut docs: Vec<PathBuf> = fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    docs.sort();
    let examples: Vec<Vec<(Sequence, Vec<u16>)>> = docs
        .par_iter()
        .map(|path| -> Result<Vec<(Sequence, Vec<u16>)>, String> {
            let text = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            let ents = path.with_extension("ents.json");
            let json = fs::read_to_string(&ents).map_err(|e| format!("{}: {e}", ents.display()))?;
            let gold = mentions(&text, &json).map_err(|e| format!("{}: {e}", ents.display()))?;
            let lines: Vec<(Span, Vec<Span>)> =
                lines(&text).map(|l| (l, tokens(&text, l))).collect();
            let doc = DocWords::of(&text, &lines);
            let mut out = Vec::new();
            for (line, toks) in lines.iter().filter(|(_, t)| !t.is_empty()) {
                let mut seq = Sequence::new();
                featurize(&text, toks, &doc, &mut seq);
                let inside: Vec<Mention> = gold
                    .iter()
                    .filter(|m| m.span.start >= line.start && m.span.end <= line.end)
                    .copied()
                    .collect();
                let tags = gold_tags(toks, &inside);
                // The stretches the tagger labels (see `name_stretches`), each a sequence of
                // its own; one that cuts a gold name in two teaches nothing true and is left
                // out.
                for r in name_stretches(&text, toks) {
                    let covers = |m: &Mention, i: usize| {
                        m.span.start < toks[i].end && toks[i].start < m.span.end
                    };
                    // A name that goes on past either end of the stretch.
                    let spans =
                        |i: usize, j: usize| inside.iter().any(|m| covers(m, i) && covers(m, j));
                    let before = r.start > 0 && spans(r.start - 1, r.start);
                    let after = r.end < toks.len() && spans(r.end - 1, r.end);
                    if before || after {
                        continue;
                    }
                    let mut sub = Sequence::new();
                    for i in r.clone() {
                        sub.feats.extend_from_slice(seq.item(i));
                        sub.end_item();
                    }
                    out.push((sub, tags[r].to_vec()));
                }
            }
            Ok(out)
        })
        .collect::<Result<_, _>>()?;
    let (data, gold): (Vec<Sequence>, Vec<Vec<u16>>) = examples.into_iter().flatten().unzip();
    eprintln!(
        "train_entities: {} documents, {} lines, {} tokens",
        docs.len(),
        data.len(),
        gold.iter().map(Vec::len).sum::<usize>()
    );
    let labels = LABELS.iter().map(|l| l.to_string()).collect();
    let model = Perceptron::train(labels, &data, &gold, &params);
    fs::write(&out, model.to_text()).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!(
        "train_entities: {} features written to {}",
        model.n_features(),
        out.display()
    );
    Ok(())
}

/// Gold mentions from a `.ents.json` list; character offsets become byte spans.
fn mentions(text: &str, json: &str) -> Result<Vec<Mention>, String> {
    let list: Vec<serde_json::Value> = serde_json::from_str(json).map_err(|e| e.to_string())?;
    let bytes: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    list.iter()
        .map(|m| {
            let at = |k: &str| -> Result<usize, String> {
                let c = m[k].as_u64().ok_or(format!("no {k}"))? as usize;
                bytes
                    .get(c)
                    .copied()
                    .ok_or(format!("{k} {c} is past the text"))
            };
            let kind = match m["type"].as_str() {
                Some("person") => EntityKind::Person,
                Some("organization") => EntityKind::Organization,
                Some("place") => EntityKind::Place,
                _ => EntityKind::Other,
            };
            Ok(Mention {
                span: Span::new(at("start")?, at("end")?),
                kind,
            })
        })
        .collect()
}
