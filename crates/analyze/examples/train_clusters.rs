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
    // Rare words share one id, so that the model is not fitted to words seen once or twice.
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
    let clusters = exchange(&stream, v, classes, iterations);
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

/// The exchange algorithm over a stream of word ids `0..v`: the class of each word.
fn exchange(stream: &[u32], v: usize, c: usize, iterations: usize) -> Vec<u32> {
    // Word bigram counts, as each word's right and left neighbours.
    let mut pairs: HashMap<(u32, u32), u32> = HashMap::new();
    for w in stream.windows(2) {
        *pairs.entry((w[0], w[1])).or_default() += 1;
    }
    let mut right: Vec<Vec<(u32, u32)>> = vec![Vec::new(); v];
    let mut left: Vec<Vec<(u32, u32)>> = vec![Vec::new(); v];
    let mut selfs = vec![0u32; v];
    let mut sorted: Vec<((u32, u32), u32)> = pairs.into_iter().collect();
    sorted.sort_unstable();
    for ((a, b), n) in sorted {
        if a == b {
            selfs[a as usize] = n;
        } else {
            right[a as usize].push((b, n));
            left[b as usize].push((a, n));
        }
    }
    let out_count: Vec<u64> = (0..v)
        .map(|w| right[w].iter().map(|&(_, n)| u64::from(n)).sum::<u64>() + u64::from(selfs[w]))
        .collect();
    let in_count: Vec<u64> = (0..v)
        .map(|w| left[w].iter().map(|&(_, n)| u64::from(n)).sum::<u64>() + u64::from(selfs[w]))
        .collect();
    // Start: the most frequent words one to a class, the rest round-robin.
    let mut class: Vec<usize> = (0..v).map(|w| w % c).collect();
    let mut big = vec![0i64; c * c];
    let mut class_out = vec![0i64; c];
    let mut class_in = vec![0i64; c];
    for w in 0..v {
        for &(x, n) in &right[w] {
            big[class[w] * c + class[x as usize]] += i64::from(n);
        }
        big[class[w] * c + class[w]] += i64::from(selfs[w]);
        class_out[class[w]] += out_count[w] as i64;
        class_in[class[w]] += in_count[w] as i64;
    }
    let f = |x: i64| {
        if x <= 0 {
            0.0
        } else {
            x as f64 * (x as f64).ln()
        }
    };
    let mut r = vec![0i64; c];
    let mut l = vec![0i64; c];
    let mut r_touched: Vec<usize> = Vec::new();
    let mut l_touched: Vec<usize> = Vec::new();
    for it in 0..iterations {
        let mut moved = 0usize;
        for w in 0..v {
            // The classes of w's neighbours, with counts.
            for &d in &r_touched {
                r[d] = 0;
            }
            for &d in &l_touched {
                l[d] = 0;
            }
            r_touched.clear();
            l_touched.clear();
            for &(x, n) in &right[w] {
                let d = class[x as usize];
                if r[d] == 0 {
                    r_touched.push(d);
                }
                r[d] += i64::from(n);
            }
            for &(x, n) in &left[w] {
                let d = class[x as usize];
                if l[d] == 0 {
                    l_touched.push(d);
                }
                l[d] += i64::from(n);
            }
            let sw = i64::from(selfs[w]);
            let (ow, iw) = (out_count[w] as i64, in_count[w] as i64);
            let apply = |big: &mut [i64],
                         class_out: &mut [i64],
                         class_in: &mut [i64],
                         k: usize,
                         sign: i64| {
                for &d in &r_touched {
                    big[k * c + d] += sign * r[d];
                }
                for &d in &l_touched {
                    big[d * c + k] += sign * l[d];
                }
                big[k * c + k] += sign * sw;
                class_out[k] += sign * ow;
                class_in[k] += sign * iw;
            };
            let from = class[w];
            apply(&mut big, &mut class_out, &mut class_in, from, -1);
            // The gain of adding w to class k, against the model without w.
            let gain = |k: usize| -> f64 {
                let mut g = 0.0;
                for &d in &r_touched {
                    if d != k {
                        let old = big[k * c + d];
                        g += f(old + r[d]) - f(old);
                    }
                }
                for &d in &l_touched {
                    if d != k {
                        let old = big[d * c + k];
                        g += f(old + l[d]) - f(old);
                    }
                }
                let old = big[k * c + k];
                g += f(old + r[k] + l[k] + sw) - f(old);
                g -= f(class_out[k] + ow) - f(class_out[k]);
                g -= f(class_in[k] + iw) - f(class_in[k]);
                g
            };
            let mut best = (from, gain(from));
            for k in 0..c {
                if k == from {
                    continue;
                }
                let g = gain(k);
                if g > best.1 + 1e-9 {
                    best = (k, g);
                }
            }
            apply(&mut big, &mut class_out, &mut class_in, best.0, 1);
            if best.0 != from {
                class[w] = best.0;
                moved += 1;
            }
        }
        eprintln!("iteration {}: {moved} words moved", it + 1);
        if moved * 200 < v {
            break;
        }
    }
    class.into_iter().map(|k| k as u32).collect()
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
