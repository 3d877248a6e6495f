//! Search latency on an existing store: `cargo bench -p parallax-store --bench search_latency
//! -- DB [QUERIES]` (scripts/bench store runs it on the synthetic corpora).
//!
//! Queries are drawn from the store itself (seeded, so runs compare): words of random
//! articles' headlines, alone, in pairs, and with the outlet, date-range and speaker filters
//! the CLI offers. Prints p50, p95 and max per kind of query, in milliseconds.

use std::path::PathBuf;
use std::time::Instant;

use parallax_store::{Access, SearchQuery, SqliteStore, Store};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let db = PathBuf::from(args.first().ok_or("usage: search_latency DB [QUERIES]")?);
    let n: usize = args.get(1).map_or(Ok(300), |s| s.parse())?;
    let conn =
        rusqlite::Connection::open_with_flags(&db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let max_seq: i64 = conn.query_row("SELECT MAX(seq) FROM documents", [], |r| r.get(0))?;
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let mut samples = Vec::new();
    while samples.len() < n {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        let seq = 1 + (x % max_seq as u64) as i64;
        let row: Option<SampleRow> = conn
            .query_row(
                "SELECT d.title, d.outlet, d.published, \
                 (SELECT speaker FROM statements s WHERE s.seq = d.seq AND speaker IS NOT NULL LIMIT 1) \
                 FROM documents d WHERE seq = ?1",
                [seq],
                |r| Ok((r.get::<_, Option<String>>(0)?.unwrap_or_default(), r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .ok();
        let Some((title, outlet, published, speaker)) = row else {
            continue;
        };
        let words: Vec<&str> = title
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() >= 5)
            .collect();
        if words.len() < 2 {
            continue;
        }
        let a = words[(x >> 8) as usize % words.len()].to_string();
        let b = words[(x >> 16) as usize % words.len()].to_string();
        samples.push((a, b, outlet, published, speaker));
    }
    drop(conn);
    let store = SqliteStore::open(&db, Access::Read)?;
    let kinds: [(&str, QueryOf); 5] = [
        ("one word", |s| SearchQuery {
            text: s.0.clone(),
            limit: 20,
            ..SearchQuery::default()
        }),
        ("two words", |s| SearchQuery {
            text: format!("{} {}", s.0, s.1),
            limit: 20,
            ..SearchQuery::default()
        }),
        ("word + outlet", |s| SearchQuery {
            text: s.0.clone(),
            outlet: s.2.clone(),
            limit: 20,
            ..SearchQuery::default()
        }),
        ("word + dates", |s| SearchQuery {
            text: s.0.clone(),
            since: s.3.clone(),
            until: s.3.clone(),
            limit: 20,
            ..SearchQuery::default()
        }),
        ("word + speaker", |s| SearchQuery {
            text: s.0.clone(),
            speaker: s.4.clone(),
            limit: 20,
            ..SearchQuery::default()
        }),
    ];
    println!("search latency on {} ({n} queries per kind)", db.display());
    for (name, make) in kinds {
        let mut ms: Vec<f64> = Vec::with_capacity(n);
        for s in &samples {
            let q = make(s);
            let t = Instant::now();
            let hits = store.search(&q)?;
            ms.push(t.elapsed().as_secs_f64() * 1e3);
            std::hint::black_box(hits);
        }
        ms.sort_by(f64::total_cmp);
        let at = |p: f64| ms[((ms.len() as f64 - 1.0) * p).round() as usize];
        println!(
            "  {name:<15} p50 {:7.2} ms  p95 {:7.2} ms  max {:7.2} ms",
            at(0.5),
            at(0.95),
            at(1.0)
        );
    }
    Ok(())
}

type Sample = (
    String,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
);
/// A document's title, outlet, published date and first speaker.
type SampleRow = (String, Option<String>, Option<String>, Option<String>);
/// One kind of search, built from a sample.
type QueryOf = fn(&Sample) -> SearchQuery;
