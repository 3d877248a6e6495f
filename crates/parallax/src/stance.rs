//! `parallax stance`: JSONL pairs in, one `{id, stance}` line out per pair, in input order.
//! Lines are read a chunk at a time and classified on all cores, so a file of any size runs
//! in flat memory; a line that cannot be read is named on standard error and skipped.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::time::Instant;

use anyhow::Context as _;
use indicatif::ProgressBar;
use parallax_stance::StanceModel;
use rayon::prelude::*;
use serde_json::Value;

use crate::cli::StanceArgs;

/// Pairs handed to the thread pool at once.
const CHUNK: usize = 512;

#[derive(Debug, Default, Clone, Copy)]
pub struct Summary {
    pub pairs: usize,
    pub failed: usize,
}

/// One input line: its number (from 1) and its bytes, or why it could not be read.
type Line = (usize, Result<Vec<u8>, String>);

pub fn run(args: &StanceArgs, out: &mut dyn Write) -> anyhow::Result<Summary> {
    let model = StanceModel::shipped()
        .map_err(|e| anyhow::anyhow!("the built-in stance model is unusable: {e}"))?;
    let name = if args.input == "-" {
        "standard input"
    } else {
        args.input.as_str()
    };
    let reader: Box<dyn Read> = if args.input == "-" {
        Box::new(io::stdin().lock())
    } else {
        Box::new(File::open(&args.input).with_context(|| format!("cannot open {name}"))?)
    };
    let mut reader = BufReader::with_capacity(1 << 16, reader);
    let bar = progress_bar(args.quiet);
    let started = Instant::now();
    let mut summary = Summary::default();
    let mut number = 0usize;
    loop {
        let mut chunk: Vec<Line> = Vec::with_capacity(CHUNK);
        while chunk.len() < CHUNK {
            number += 1;
            match read_line(&mut reader, args.max_bytes) {
                Ok(None) => break,
                Ok(Some(line)) => chunk.push((number, line)),
                Err(e) => return Err(e).with_context(|| format!("reading {name}")),
            }
        }
        if chunk.is_empty() {
            break;
        }
        let last = chunk.len() < CHUNK;
        let results: Vec<Option<Result<String, String>>> = chunk
            .into_par_iter()
            .map(|(n, line)| {
                let line = match line {
                    Ok(l) => l,
                    Err(e) => return Some(Err(format!("{name}:{n}: {e}"))),
                };
                if line.iter().all(u8::is_ascii_whitespace) {
                    return None;
                }
                Some(classify(model, &line, n).map_err(|e| format!("{name}:{n}: {e}")))
            })
            .collect();
        for result in results.into_iter().flatten() {
            match result {
                Ok(record) => {
                    summary.pairs += 1;
                    writeln!(out, "{record}")?;
                }
                Err(e) => {
                    summary.failed += 1;
                    bar.suspend(|| eprintln!("parallax: {e}"));
                }
            }
        }
        bar.set_position(summary.pairs as u64);
        if last {
            break;
        }
    }
    bar.finish_and_clear();
    if !args.quiet {
        let secs = started.elapsed().as_secs_f64().max(1e-9);
        let mut line = format!(
            "parallax: {} pair{} in {secs:.2} s ({:.0}/s)",
            summary.pairs,
            if summary.pairs == 1 { "" } else { "s" },
            summary.pairs as f64 / secs
        );
        if summary.failed > 0 {
            line.push_str(&format!(
                ", {} line{} failed",
                summary.failed,
                if summary.failed == 1 { "" } else { "s" }
            ));
        }
        eprintln!("{line}");
    }
    Ok(summary)
}

/// The `{id, stance}` line for one input line. Without an `id`, the line number stands in.
fn classify(model: &StanceModel, line: &[u8], number: usize) -> Result<String, String> {
    let text = std::str::from_utf8(line).map_err(|e| format!("not UTF-8 ({e})"))?;
    let value: Value = serde_json::from_str(text).map_err(|e| format!("not JSON ({e})"))?;
    let Value::Object(record) = value else {
        return Err("expected a JSON object {id, claim, text}".into());
    };
    let field = |key: &str| match record.get(key) {
        Some(Value::String(s)) => Ok(s.as_str()),
        Some(_) => Err(format!("`{key}` must be a string")),
        None => Err(format!(
            "missing `{key}`: each line needs {{id, claim, text}}"
        )),
    };
    let claim = field("claim")?;
    let body = field("text")?;
    let id = match record.get("id") {
        Some(id @ (Value::String(_) | Value::Number(_))) => id.clone(),
        Some(Value::Null) | None => Value::String(number.to_string()),
        Some(_) => return Err("`id` must be a string or a number".into()),
    };
    let stance = model.classify(claim, body);
    Ok(serde_json::json!({"id": id, "stance": stance.as_str()}).to_string())
}

/// The next line without its line break, or `None` at the end. A line longer than `max`
/// bytes is read past, not kept, and comes back as an error.
fn read_line(reader: &mut impl BufRead, max: u64) -> io::Result<Option<Result<Vec<u8>, String>>> {
    let mut line = Vec::new();
    let mut seen = 0u64;
    let mut any = false;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            break;
        }
        any = true;
        let (take, done) = match memchr::memchr(b'\n', buf) {
            Some(i) => (i, true),
            None => (buf.len(), false),
        };
        seen += take as u64;
        if seen <= max {
            line.extend_from_slice(&buf[..take]);
        }
        reader.consume(if done { take + 1 } else { take });
        if done {
            break;
        }
    }
    if !any {
        return Ok(None);
    }
    if seen > max {
        return Ok(Some(Err(format!(
            "line of {seen} bytes is longer than --max-bytes {max}; skipped"
        ))));
    }
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    Ok(Some(Ok(line)))
}

fn progress_bar(quiet: bool) -> ProgressBar {
    crate::batch::spinner(quiet, "{spinner} {pos} pairs ({per_sec}) [{elapsed}]")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(input: &[u8], max: u64) -> Vec<Result<Vec<u8>, String>> {
        let mut r = BufReader::with_capacity(4, input);
        let mut out = Vec::new();
        while let Ok(Some(l)) = read_line(&mut r, max) {
            out.push(l);
        }
        out
    }

    #[test]
    fn lines_split_on_newlines_and_drop_carriage_returns() {
        let got = lines(b"ab\r\ncd\n\nlast", 100);
        let ok: Vec<Vec<u8>> = got.into_iter().map_while(Result::ok).collect();
        assert_eq!(
            ok,
            [
                b"ab".to_vec(),
                b"cd".to_vec(),
                b"".to_vec(),
                b"last".to_vec()
            ]
        );
    }

    #[test]
    fn an_overlong_line_is_an_error_and_the_next_line_still_reads() {
        let got = lines(b"0123456789\nok\n", 5);
        assert_eq!(got.len(), 2);
        assert!(got[0].as_ref().is_err_and(|e| e.contains("--max-bytes 5")));
        assert_eq!(got[1].as_deref(), Ok(&b"ok"[..]));
    }
}
