//! Links the texts of a JSONL file (`{id, title?, text}` per line) as they come and prints the
//! stories as `parallax stories --json` does, without a store: the quick loop for tuning the
//! linker on `stories-dev`.
//!
//! ```sh
//! cargo run --release -p parallax-link --example link_jsonl -- \
//!     ../shared/data/stories-dev/articles.jsonl 0.30 0.40 > /tmp/pred.json
//! python3 ../shared/tools/score_stories.py ../shared/data/stories-dev/gold.jsonl /tmp/pred.json
//! ```

use std::collections::BTreeMap;
use std::io::BufRead;

use parallax_link::{Config, Features, Linker};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let path = args
        .get(1)
        .ok_or("usage: link_jsonl FILE.jsonl [THRESHOLD] [MERGE] [TOP_TERMS] [QUERY_TERMS]")?;
    let mut config = Config::default();
    if let Some(t) = args.get(2) {
        config.threshold = t.parse()?;
    }
    if let Some(m) = args.get(3) {
        config.merge_threshold = m.parse()?;
    }
    if let Some(n) = args.get(4) {
        config.top_terms = n.parse()?;
    }
    if let Some(n) = args.get(5) {
        config.query_terms = n.parse()?;
    }
    let mut linker = Linker::new(config);
    let mut stories: BTreeMap<u64, Vec<String>> = BTreeMap::new();
    let reader = std::io::BufReader::new(std::fs::File::open(path)?);
    for (i, line) in reader.lines().enumerate() {
        let record: serde_json::Value = serde_json::from_str(&line?)?;
        let text = record["text"].as_str().unwrap_or("");
        let title = record["title"].as_str();
        let features = Features::new(title, text, &[], None);
        let link = linker.link(i as u64 + 1, &features);
        for m in &link.merged {
            let moved = stories.remove(m).unwrap_or_default();
            stories.entry(link.story).or_default().extend(moved);
        }
        let id = record["id"].as_str().unwrap_or("").to_string();
        stories.entry(link.story).or_default().push(id);
    }
    let out: Vec<serde_json::Value> = stories
        .into_iter()
        .map(|(id, articles)| serde_json::json!({"id": format!("s{id}"), "articles": articles}))
        .collect();
    println!("{}", serde_json::to_string(&out)?);
    Ok(())
}
