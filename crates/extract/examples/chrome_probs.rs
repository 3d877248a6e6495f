//! Prints each line of a plain-text page with the chrome model's body probability and
//! decision, to see why a line was kept or dropped.
//!
//! ```text
//! cargo run -p parallax-extract --example chrome_probs -- page.txt
//! ```

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let path = std::env::args()
        .nth(1)
        .ok_or("usage: chrome_probs PAGE.txt")?;
    let text = std::fs::read_to_string(path)?;
    let model = parallax_extract::chrome::ChromeModel::shipped().map_err(|e| e.to_string())?;
    let lines = parallax_extract::lines::split_lines(&text);
    let probs = model.probabilities(&lines);
    let keep = model.classify(&lines);
    for ((line, p), k) in lines.iter().zip(probs).zip(keep) {
        let short: String = line.text.chars().take(90).collect();
        println!("{} {p:.3} {short}", if k { "+" } else { "-" });
    }
    Ok(())
}
