//! Times each part of the analyse stage over a folder of plain-text articles, on one thread,
//! so that speed work knows where the time goes:
//! `cargo run --release -p parallax-analyze --example stage_times -- DIR [STAGE]`; with a
//! STAGE (a word of its name: `entities`, `times`, …) only the stages it names run, which is
//! what a profiler wants. `STAGE_REPEAT=N` runs each stage N times and reports one pass's
//! average, so that a profile of a quick stage is not mostly the models' loading.

use std::time::{Duration, Instant};

use parallax_analyze::{entities, sentences, tagger, times};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .ok_or("usage: stage_times DIR [STAGE]")?;
    let only = std::env::args().nth(2);
    let repeat: u32 = match std::env::var("STAGE_REPEAT") {
        Ok(v) => v.parse().map_err(|_| "STAGE_REPEAT must be a count")?,
        Err(_) => 1,
    };
    let repeat = repeat.max(1);
    let mut texts = Vec::new();
    for entry in std::fs::read_dir(&dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "txt") {
            texts.push(std::fs::read_to_string(&path)?);
        }
    }
    // Parsed here, so that no stage's time includes reading a model.
    let model = tagger::model().ok_or("the shipped attribution model cannot be read")?;
    entities::model().ok_or("the shipped entity model cannot be read")?;
    // So is the knowledge base, read once per process on its first lookup.
    std::hint::black_box(parallax_analyze::kb::lookup("Kyiv"));
    let cues = tagger::CueWords::from_text(include_str!("../models/attribution_cues.txt"));
    let mut stages: Vec<(&str, Duration)> = Vec::new();
    let mut time = |name: &'static str, f: &dyn Fn(&str)| {
        if only.as_deref().is_some_and(|o| !name.contains(o)) {
            return;
        }
        let t = Instant::now();
        for _ in 0..repeat {
            for text in &texts {
                f(text);
            }
        }
        stages.push((name, t.elapsed() / repeat));
    };
    time("sentences", &|t| {
        drop(std::hint::black_box(sentences::all_sentences(t)))
    });
    time("rules", &|t| {
        drop(std::hint::black_box(
            parallax_analyze::attribution::find_statements(t),
        ))
    });
    time("featurize (with sentences, rules)", &|t| {
        let s = sentences::all_sentences(t);
        let r = parallax_analyze::attribution::find_statements(t);
        drop(std::hint::black_box(tagger::featurize(
            t, &s, &r, &cues, false,
        )))
    });
    time("statements (tagger::find_statements)", &|t| {
        drop(std::hint::black_box(tagger::find_statements(t, model)))
    });
    time("mentions (the entity tagger alone)", &|t| {
        drop(std::hint::black_box(entities::find_mentions(t)))
    });
    time("entities", &|t| {
        drop(std::hint::black_box(entities::entities(t)))
    });
    time("times", &|t| {
        drop(std::hint::black_box(times::find(t, None)))
    });
    time("analyze_text", &|t| {
        drop(std::hint::black_box(parallax_analyze::analyze_text(
            t, None,
        )))
    });
    // Gathering mentions into entities, apart from finding them.
    if only.as_deref().is_none_or(|o| "gather".contains(o)) {
        let found: Vec<_> = texts.iter().map(|t| entities::find_mentions(t)).collect();
        let t = Instant::now();
        for (text, mentions) in texts.iter().zip(&found) {
            drop(std::hint::black_box(entities::gather(text, mentions)));
        }
        stages.push(("gather (mentions into entities)", t.elapsed()));
    }
    let n = texts.len() as f64;
    println!("{} articles from {dir}, one thread", texts.len());
    for (name, d) in stages {
        println!(
            "{name:40} {:7.3} s  {:7.0} articles/s",
            d.as_secs_f64(),
            n / d.as_secs_f64()
        );
    }
    Ok(())
}
