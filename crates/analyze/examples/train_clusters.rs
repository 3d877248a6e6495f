//! Groups words into classes by the words around them, for `models/word_classes.txt`.
//!
//! ```text
//! cargo run --release -p parallax-analyze --example train_clusters -- \
//!     ../shared/data/polnear/train ../shared/data/conll2003-en/train \
//!     ../shared/data/fnc1/train_bodies.csv
//! ```
//!
//! The arguments are folders of `.txt` files and CSV files whose last column is an article
//! body (FNC-1's `train_bodies.csv`): unlabelled news, from training splits only. Words are
//! tokenised as the attribution tagger tokenises them and lowercased; those seen at least
//! `--min-count` times (default 2) are clustered into `--classes` classes (default 256) by
//! the exchange algorithm (Kneser and Ney 1993; Martin, Liermann and Ney 1998): each word in
//! turn moves to the class that most raises the likelihood of a class bigram model of the
//! text, until an iteration moves few words. Words that share a class occur between the same
//! kinds of words ("criticised", "praised", "rejected"), which lets a tagger carry what it
//! learned about one to the others. Deterministic: the same text gives the same file. The
//! attribution tagger reads these classes, so retrain it (`train_attribution`) after them.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use parallax_analyze::tagger::tokenize;
use parallax_learn::exchange_classes;
use parallax_model::Span;

fn main() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut inputs: Vec<PathBuf> = Vec::new();
    let mut classes = 256usize;
    let mut min_count = 2u32;
    let mut iterations = 15usize;
    let mut out = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/models/word_classes.txt"
    ));
    while let Some(a) = args.next() {
        let mut value = |name: &str| args.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--classes" => {
                classes = value("--classes")?
                    .parse()
                    .map_err(|e| format!("--classes: {e}"))?
            }
            "--min-count" => {
                min_count = value("--min-count")?
                    .parse()
                    .map_err(|e| format!("--min-count: {e}"))?
            }
            "--iterations" => {
                iterations = value("--iterations")?
                    .parse()
                    .map_err(|e| format!("--iterations: {e}"))?
            }
            "--out" => out = PathBuf::from(value("--out")?),
            "-h" | "--help" => {
                println!(
                    "usage: train_clusters [--classes N] [--min-count N] [--iterations N] [--out PATH] DIR|CSV..."
                );
                return Ok(());
            }
            _ => inputs.push(PathBuf::from(a)),
        }
    }
    if inputs.is_empty() {
        return Err("give folders of training texts or CSV files of article bodies".into());
    }
    if inputs.iter().any(|d| {
        d.components()
            .any(|c| c.as_os_str() == "dev" || c.as_os_str() == "val")
    }) {
        return Err("refusing to learn from a dev or validation split".into());
    }
    let mut texts: Vec<String> = Vec::new();
    for input in &inputs {
        if input.is_dir() {
            let mut files: Vec<PathBuf> = fs::read_dir(input)
                .map_err(|e| format!("{}: {e}", input.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "txt"))
                .collect();
            files.sort();
            for f in files {
                texts.push(fs::read_to_string(&f).map_err(|e| format!("{}: {e}", f.display()))?);
            }
        } else {
            texts.extend(csv_bodies(input)?);
        }
    }
    // The text as word ids, paragraphs apart (a boundary id between them).
    let mut ids: HashMap<String, u32> = HashMap::new();
    let mut names: Vec<String> = vec!["<s>".into()];
    let mut counts: Vec<u32> = vec![0];
    let mut stream: Vec<u32> = Vec::new();
    for text in &texts {
        for para in text.split("\n\n") {
            stream.push(0);
            let offset = para.as_ptr() as usize - text.as_ptr() as usize;
            for tok in tokenize(text, Span::new(offset, offset + para.len())) {
                let w: String = tok
                    .span
                    .slice(text)
                    .chars()
                    .take(24)
                    .flat_map(char::to_lowercase)
                    .collect();
                let id = *ids.entry(w).or_insert_with_key(|w| {
                    names.push(w.clone());
                    counts.push(0);
                    (names.len() - 1) as u32
                });
                counts[id as usize] += 1;
                stream.push(id);
            }
        }
    }
    stream.push(0);
    eprintln!(
        "{} texts, {} tokens, {} distinct words",
        texts.len(),
        stream.len(),
        names.len()
    );
    // Words seen fewer than `--min-count` times share one id: too few contexts to place them.
    let mut vocab: Vec<u32> = (0..names.len() as u32)
        .filter(|&w| w == 0 || counts[w as usize] >= min_count)
        .collect();
    // Most frequent first; ties by spelling, for a deterministic start.
    vocab.sort_by(|&a, &b| {
        counts[b as usize]
            .cmp(&counts[a as usize])
            .then_with(|| names[a as usize].cmp(&names[b as usize]))
    });
    let rare = vocab.len() as u32;
    let mut dense = vec![rare; names.len()];
    for (i, &w) in vocab.iter().enumerate() {
        dense[w as usize] = i as u32;
    }
    let v = vocab.len() + 1;
    let stream: Vec<u32> = stream.iter().map(|&w| dense[w as usize]).collect();
    eprintln!("{} words kept (seen at least {min_count} times)", v - 1);
    let clusters = exchange_classes(&stream, v, classes, iterations);
    let mut lines: Vec<(u32, &str)> = vocab
        .iter()
        .enumerate()
        .filter(|&(_, &w)| w != 0)
        .map(|(i, &w)| (clusters[i], names[w as usize].as_str()))
        .collect();
    lines.sort();
    let mut body = String::from("# word classes: class<TAB>word; see examples/train_clusters.rs\n");
    for (c, w) in lines {
        body.push_str(&format!("{c}\t{w}\n"));
    }
    fs::write(&out, body).map_err(|e| format!("{}: {e}", out.display()))?;
    eprintln!("wrote {}", out.display());
    Ok(())
}

/// The last column of each record of a CSV file with a header line (RFC 4180 quoting).
fn csv_bodies(path: &Path) -> Result<Vec<String>, String> {
    let raw = fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut records: Vec<Vec<String>> = Vec::new();
    let mut field = String::new();
    let mut record: Vec<String> = Vec::new();
    let mut quoted = false;
    let mut chars = raw.chars().peekable();
    while let Some(ch) = chars.next() {
        match (quoted, ch) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, _) => field.push(ch),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut record));
            }
            (false, '\r') => {}
            (false, _) => field.push(ch),
        }
    }
    if !field.is_empty() || !record.is_empty() {
        record.push(field);
        records.push(record);
    }
    Ok(records
        .into_iter()
        .skip(1)
        .filter_map(|mut r| r.pop())
        .collect())
}
