//! JSONL exports: one input record per line, `{id?, url?, outlet?, title?, published?,
//! text? | html?}` (the contract's input records). Metadata given here is known, not
//! guessed, and wins over what extraction infers.

use std::io::{BufRead, Read};

use parallax_model::{Format, Source, Timestamp};
use serde::Deserialize;
use serde_json::Value;

use crate::charset::decode_html;
use crate::{Body, Error, ErrorKind, Input, Known, Limits};

#[derive(Deserialize)]
struct Record {
    id: Option<Value>,
    url: Option<String>,
    outlet: Option<String>,
    title: Option<String>,
    published: Option<String>,
    text: Option<String>,
    html: Option<String>,
}

/// Reads the records of one JSONL stream.
pub(crate) struct JsonlReader<R> {
    reader: R,
    name: String,
    path: Option<String>,
    limits: Limits,
    line: u64,
    done: bool,
}

impl<R: BufRead> JsonlReader<R> {
    pub(crate) fn new(reader: R, name: String, path: Option<String>, limits: Limits) -> Self {
        JsonlReader {
            reader,
            name,
            path,
            limits,
            line: 0,
            done: false,
        }
    }

    fn error(&self, kind: ErrorKind) -> Error {
        Error::new(format!("{}, line {}", self.name, self.line), kind)
    }

    fn parse(&self, bytes: &[u8]) -> Result<Input, Error> {
        let mut warnings = Vec::new();
        let text = match std::str::from_utf8(bytes) {
            Ok(t) => std::borrow::Cow::Borrowed(t),
            Err(_) => {
                warnings.push("invalid UTF-8 replaced with U+FFFD".to_string());
                String::from_utf8_lossy(bytes)
            }
        };
        let record: Record = serde_json::from_str(&text)
            .map_err(|e| self.error(ErrorKind::Jsonl(format!("not an input record: {e}"))))?;
        let id = match record.id {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s),
            Some(Value::Number(n)) => Some(n.to_string()),
            Some(other) => {
                return Err(self.error(ErrorKind::Jsonl(format!(
                    "`id` must be a string or a number, not {other}"
                ))));
            }
        };
        let published = match record.published.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(p) => match p.parse::<Timestamp>() {
                Ok(t) => Some(t),
                Err(e) => {
                    warnings.push(format!("`published` ignored: {e}"));
                    None
                }
            },
        };
        let body = match (record.html, record.text) {
            (Some(h), _) if !h.trim().is_empty() => {
                Body::Html(decode_html(h.as_bytes(), Some("utf-8")).0)
            }
            (_, Some(t)) if !t.trim().is_empty() => Body::Text(t),
            _ => return Err(self.error(ErrorKind::Jsonl("has neither `text` nor `html`".into()))),
        };
        Ok(Input {
            source: Source {
                path: self.path.clone(),
                url: record.url,
                format: Format::Jsonl,
            },
            body,
            known: Known {
                id,
                outlet: record.outlet.filter(|s| !s.trim().is_empty()),
                title: record.title.filter(|s| !s.trim().is_empty()),
                published,
                captured: None,
            },
            warnings,
        })
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Result<Input, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut buf = Vec::new();
        loop {
            if self.done {
                return None;
            }
            buf.clear();
            self.line += 1;
            let cap = self.limits.max_bytes.saturating_add(1);
            match (&mut self.reader).take(cap).read_until(b'\n', &mut buf) {
                Ok(0) => {
                    self.done = true;
                    return None;
                }
                Ok(_) => {}
                Err(e) => {
                    self.done = true;
                    return Some(Err(self.error(ErrorKind::Io(e))));
                }
            }
            if buf.len() as u64 > self.limits.max_bytes {
                // Skip the rest of the overlong line without holding it.
                let mut rest = Vec::new();
                loop {
                    rest.clear();
                    match (&mut self.reader)
                        .take(1 << 20)
                        .read_until(b'\n', &mut rest)
                    {
                        Ok(0) => break,
                        Ok(_) if rest.ends_with(b"\n") => break,
                        Ok(_) => {}
                        Err(_) => {
                            self.done = true;
                            break;
                        }
                    }
                }
                return Some(Err(self.error(ErrorKind::TooLarge {
                    limit: self.limits.max_bytes,
                })));
            }
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(self.parse(&buf));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(s: &str) -> Vec<Result<Input, Error>> {
        JsonlReader::new(s.as_bytes(), "x.jsonl".into(), None, Limits::default()).collect()
    }

    #[test]
    fn records_carry_their_metadata() {
        let out = read(concat!(
            r#"{"id": "a1", "url": "https://n.example/a", "outlet": "North Wire", "title": "T", "published": "2024-03-29", "text": "Body text."}"#,
            "\n\n",
            r#"{"id": 7, "html": "<p>Page</p>"}"#,
            "\n",
            "not json\n",
            r#"{"id": "b"}"#,
            "\n",
            r#"{"text": "x", "published": "last week"}"#,
        ));
        assert_eq!(out.len(), 5);
        let a = out[0].as_ref().unwrap();
        assert_eq!(a.known.id.as_deref(), Some("a1"));
        assert_eq!(a.known.outlet.as_deref(), Some("North Wire"));
        assert_eq!(
            a.known.published.map(|t| t.to_string()).as_deref(),
            Some("2024-03-29")
        );
        assert_eq!(a.source.url.as_deref(), Some("https://n.example/a"));
        assert_eq!(a.body, Body::Text("Body text.".into()));
        let b = out[1].as_ref().unwrap();
        assert_eq!(b.known.id.as_deref(), Some("7"));
        assert_eq!(b.body, Body::Html("<p>Page</p>".into()));
        let e = out[2].as_ref().unwrap_err().to_string();
        assert!(e.starts_with("x.jsonl, line 4: "), "{e}");
        assert!(
            out[3]
                .as_ref()
                .unwrap_err()
                .to_string()
                .contains("neither `text` nor `html`")
        );
        assert!(out[4].as_ref().unwrap().warnings[0].contains("`published` ignored"));
    }

    #[test]
    fn overlong_lines_are_skipped() {
        let text = format!(
            "{{\"text\": \"{}\"}}\n{{\"text\": \"short\"}}\n",
            "y".repeat(100)
        );
        let out: Vec<_> =
            JsonlReader::new(text.as_bytes(), "x".into(), None, Limits { max_bytes: 50 }).collect();
        assert!(
            out[0]
                .as_ref()
                .unwrap_err()
                .to_string()
                .contains("too large")
        );
        assert_eq!(out[1].as_ref().unwrap().text(), "short");
    }
}
