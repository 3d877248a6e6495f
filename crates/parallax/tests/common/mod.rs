//! Helpers shared by the end-to-end tests.

use assert_cmd::Command;
use serde_json::Value;

pub fn parallax() -> Command {
    Command::cargo_bin("parallax").unwrap()
}

/// The JSONL records a command printed.
#[allow(dead_code)] // not every test binary prints records
pub fn records(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8(stdout.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}
