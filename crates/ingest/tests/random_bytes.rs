//! Fuzz-style robustness: every reader gets random bytes and damaged versions of valid
//! inputs, and must answer with inputs or errors, never a panic or a hang.

#![allow(clippy::unwrap_used)]

use std::io::Write;

use parallax_ingest::{Limits, inputs_from_bytes};
use parallax_model::Format;

/// xorshift64*: deterministic, so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.next() as u8).collect()
    }
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(bytes).unwrap();
    enc.finish().unwrap()
}

fn samples() -> Vec<Vec<u8>> {
    let html = b"<!doctype html><html><head><meta charset=\"windows-1252\"><title>T</title></head><body><p>Caf\xe9 story text.</p></body></html>".to_vec();
    let mut warc = Vec::new();
    for uri in ["https://a.example/1", "https://a.example/2"] {
        let http = [&b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n5\r\n<p>Hi\r\n0\r\n\r\n"[..]].concat();
        warc.extend(
            format!(
                "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http\r\nContent-Length: {}\r\n\r\n",
                http.len()
            )
            .into_bytes(),
        );
        warc.extend(&http);
        warc.extend(b"\r\n\r\n");
    }
    let jsonl = b"{\"id\": 1, \"text\": \"Words here.\"}\n{\"html\": \"<p>x</p>\", \"published\": \"2024-01-02\"}\n".to_vec();
    vec![
        html.clone(),
        gzip(&html),
        warc.clone(),
        gzip(&warc),
        jsonl.clone(),
        gzip(&jsonl),
    ]
}

fn mutate(rng: &mut Rng, mut b: Vec<u8>) -> Vec<u8> {
    match rng.below(4) {
        0 => b.truncate(rng.below(b.len() + 1)),
        1 => {
            for _ in 0..1 + rng.below(8) {
                let i = rng.below(b.len());
                if let Some(x) = b.get_mut(i) {
                    *x ^= 1 << rng.below(8);
                }
            }
        }
        2 => {
            let at = rng.below(b.len() + 1);
            let n = rng.below(64);
            let junk = rng.bytes(n);
            b.splice(at..at, junk);
        }
        _ => {
            let at = rng.below(b.len() + 1);
            let end = (at + rng.below(32)).min(b.len());
            b.drain(at..end);
        }
    }
    b
}

#[test]
fn readers_survive_random_and_damaged_bytes() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let formats = [
        None,
        Some(Format::Text),
        Some(Format::Html),
        Some(Format::Warc),
        Some(Format::Jsonl),
    ];
    let samples = samples();
    let limits = Limits { max_bytes: 1 << 16 };
    let mut items = 0usize;
    for round in 0..3000 {
        let bytes = if round % 3 == 0 {
            let n = rng.below(2048);
            rng.bytes(n)
        } else {
            let s = samples[rng.below(samples.len())].clone();
            mutate(&mut rng, s)
        };
        for format in formats {
            for item in inputs_from_bytes("fuzz", bytes.clone(), format, limits).take(1000) {
                items += 1;
                if let Err(e) = item {
                    assert!(
                        e.to_string().starts_with("fuzz"),
                        "error must name the input: {e}"
                    );
                }
            }
        }
    }
    assert!(items > 3000);
}
