//! WARC archives, as web crawls write them (ISO 28500, WARC/1.0 and 1.1), one record at a
//! time.
//!
//! Only `response` records whose HTTP payload is HTML become inputs; `request`, `metadata`,
//! `warcinfo` and the rest are skipped without a word, and responses holding images, scripts
//! or redirects are reported as skipped. A record is read into memory alone, never the
//! archive, so a 1 GB crawl costs what its largest page costs.
//!
//! Archives go wrong in known ways, and each is reported with the record's byte offset (in
//! the decompressed stream) and then survived: a `Content-Length` that does not match the
//! record (the reader finds the next `WARC/` header and goes on from there), a record larger
//! than the cap (skipped without being held in memory), a payload that is not HTML, and a
//! truncated file (the records before the cut are kept).

use std::io::{self, BufRead, Read};

use parallax_model::{Format, Source, Timestamp};

use crate::charset::{charset_param, decode_html};
use crate::{Body, Error, ErrorKind, Input, Known, Limits};

/// The longest header line we accept; real ones are under a kilobyte.
const MAX_LINE: usize = 64 * 1024;
/// The most header lines one record may have.
const MAX_HEADERS: usize = 512;

/// Reads the records of one archive.
pub(crate) struct WarcReader<R> {
    reader: R,
    name: String,
    path: Option<String>,
    limits: Limits,
    /// Bytes consumed so far: where the next record starts.
    offset: u64,
    /// A record whose `WARC/` line was read while skipping junk, waiting to be read.
    pending_version: Option<u64>,
    done: bool,
}

struct Headers {
    warc_type: String,
    length: Option<u64>,
    uri: Option<String>,
    date: Option<String>,
    record_id: Option<String>,
    content_type: Option<String>,
}

impl<R: BufRead> WarcReader<R> {
    pub(crate) fn new(reader: R, name: String, path: Option<String>, limits: Limits) -> Self {
        WarcReader {
            reader,
            name,
            path,
            limits,
            offset: 0,
            pending_version: None,
            done: false,
        }
    }

    fn error_at(&self, at: u64, kind: ErrorKind) -> Error {
        Error::new(format!("{}, record at byte {at}", self.name), kind)
    }

    /// Reads one line (up to `\n`), at most [`MAX_LINE`] bytes. `None` at the end.
    fn line(&mut self, buf: &mut Vec<u8>) -> io::Result<Option<()>> {
        buf.clear();
        let n = (&mut self.reader)
            .take(MAX_LINE as u64)
            .read_until(b'\n', buf)?;
        self.offset += n as u64;
        Ok((n > 0).then_some(()))
    }

    /// Finds the start of the next record: skips blank lines, and anything else up to a
    /// `WARC/` version line (reporting that). Returns the record's offset.
    fn find_record(&mut self, buf: &mut Vec<u8>) -> Result<Option<u64>, Error> {
        let mut junk_at: Option<u64> = None;
        loop {
            let at = self.offset;
            match self.line(buf) {
                Ok(None) => {
                    return match junk_at {
                        Some(j) => Err(self.error_at(
                            j,
                            ErrorKind::Warc(
                                "bytes that are not a WARC record up to the end of the file".into(),
                            ),
                        )),
                        None => Ok(None),
                    };
                }
                Ok(Some(())) => {}
                Err(e) => return Err(self.error_at(at, ErrorKind::Io(e))),
            }
            if buf.starts_with(b"WARC/") {
                if let Some(j) = junk_at {
                    // Report the gap now; the record found is read on the next call.
                    self.pending_version = Some(at);
                    return Err(self.error_at(
                        j,
                        ErrorKind::Warc(format!(
                            "not a WARC record (a wrong Content-Length before it?); \
                             skipped {} bytes to the next record",
                            at - j
                        )),
                    ));
                }
                return Ok(Some(at));
            }
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            junk_at.get_or_insert(at);
        }
    }

    fn headers(&mut self, at: u64, buf: &mut Vec<u8>) -> Result<Headers, Error> {
        let mut h = Headers {
            warc_type: String::new(),
            length: None,
            uri: None,
            date: None,
            record_id: None,
            content_type: None,
        };
        for _ in 0..MAX_HEADERS {
            match self.line(buf) {
                Ok(Some(())) => {}
                Ok(None) => {
                    return Err(
                        self.error_at(at, ErrorKind::Warc("truncated in its headers".into()))
                    );
                }
                Err(e) => return Err(self.error_at(at, ErrorKind::Io(e))),
            }
            let line = String::from_utf8_lossy(buf);
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                return Ok(h);
            }
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim().to_string();
            match key.trim().to_ascii_lowercase().as_str() {
                "warc-type" => h.warc_type = value.to_ascii_lowercase(),
                "content-length" => h.length = value.parse().ok(),
                "warc-target-uri" => h.uri = Some(value.trim_matches(['<', '>']).to_string()),
                "warc-date" => h.date = Some(value),
                "warc-record-id" => h.record_id = Some(value.trim_matches(['<', '>']).to_string()),
                "content-type" => h.content_type = Some(value),
                _ => {}
            }
        }
        Err(self.error_at(
            at,
            ErrorKind::Warc("more header lines than any real record has".into()),
        ))
    }

    fn skip(&mut self, n: u64) -> io::Result<u64> {
        let skipped = io::copy(&mut (&mut self.reader).take(n), &mut io::sink())?;
        self.offset += skipped;
        Ok(skipped)
    }

    /// Consumes the blank line pair after a record's content. A record that is not followed
    /// by one had a wrong `Content-Length`; the next call to [`WarcReader::find_record`]
    /// reports the bytes it must skip.
    fn end_of_record(&mut self) -> io::Result<()> {
        let buf = self.reader.fill_buf()?;
        let n = buf
            .iter()
            .take(4)
            .take_while(|b| matches!(b, b'\r' | b'\n'))
            .count();
        self.reader.consume(n);
        self.offset += n as u64;
        Ok(())
    }

    fn read_record(&mut self) -> Option<Result<Input, Error>> {
        let mut buf = Vec::new();
        loop {
            if self.done {
                return None;
            }
            let at = match self.pending_version.take() {
                Some(at) => at,
                None => match self.find_record(&mut buf) {
                    Ok(Some(at)) => at,
                    Ok(None) => {
                        self.done = true;
                        return None;
                    }
                    Err(e) => {
                        if matches!(e.kind, ErrorKind::Io(_)) {
                            self.done = true;
                        }
                        return Some(Err(e));
                    }
                },
            };
            let headers = match self.headers(at, &mut buf) {
                Ok(h) => h,
                Err(e) => {
                    self.done = true;
                    return Some(Err(e));
                }
            };
            let Some(length) = headers.length else {
                return Some(Err(self.error_at(
                    at,
                    ErrorKind::Warc("no valid Content-Length; skipped to the next record".into()),
                )));
            };
            if headers.warc_type != "response" {
                if let Err(e) = self.skip(length).and_then(|_| self.end_of_record()) {
                    self.done = true;
                    return Some(Err(self.error_at(at, ErrorKind::Io(e))));
                }
                continue;
            }
            if length > self.limits.max_bytes {
                let result = self.skip(length).and_then(|_| self.end_of_record());
                if let Err(e) = result {
                    self.done = true;
                    return Some(Err(self.error_at(at, ErrorKind::Io(e))));
                }
                return Some(Err(self.error_at(
                    at,
                    ErrorKind::TooLarge {
                        limit: self.limits.max_bytes,
                    },
                )));
            }
            let mut content = Vec::with_capacity(length as usize);
            let read = (&mut self.reader).take(length).read_to_end(&mut content);
            self.offset += content.len() as u64;
            if let Err(e) = read {
                self.done = true;
                return Some(Err(self.error_at(at, ErrorKind::Io(e))));
            }
            if (content.len() as u64) < length {
                self.done = true;
                return Some(Err(self.error_at(
                    at,
                    ErrorKind::Warc(format!(
                        "truncated: Content-Length says {length} bytes, the file ends after {}",
                        content.len()
                    )),
                )));
            }
            if let Err(e) = self.end_of_record() {
                self.done = true;
                return Some(Err(self.error_at(at, ErrorKind::Io(e))));
            }
            return Some(self.response(at, headers, content));
        }
    }

    fn response(&self, at: u64, headers: Headers, content: Vec<u8>) -> Result<Input, Error> {
        let fail = |kind| self.error_at(at, kind);
        let is_http = headers
            .content_type
            .as_deref()
            .is_none_or(|c| c.to_ascii_lowercase().starts_with("application/http"));
        let (payload, http) = if is_http {
            split_http(&content)
                .ok_or_else(|| fail(ErrorKind::Warc("the response holds no HTTP message".into())))?
        } else {
            (&content[..], Http::default())
        };
        if let Some(status) = http.status {
            if !(200..300).contains(&status) {
                return Err(fail(ErrorKind::Skipped(format!("HTTP status {status}"))));
            }
        }
        let media = if is_http {
            http.content_type.clone()
        } else {
            headers.content_type.clone()
        };
        if let Some(media) = &media {
            let m = media.to_ascii_lowercase();
            if !(m.contains("html") || m.starts_with("text/plain") && payload.starts_with(b"<")) {
                let kind = m.split(';').next().unwrap_or(&m).trim().to_string();
                return Err(fail(ErrorKind::Skipped(format!("not HTML ({kind})"))));
            }
        }
        let mut warnings = Vec::new();
        let mut body: Vec<u8> = if http.chunked {
            dechunk(payload).unwrap_or_else(|| {
                warnings.push("broken chunked transfer encoding; read as it is".into());
                payload.to_vec()
            })
        } else {
            payload.to_vec()
        };
        if let Some(enc) = &http.encoding {
            match crate::decode::inflate(enc, &body, self.limits) {
                Ok(Some(b)) => body = b,
                Ok(None) => {}
                Err(kind) => return Err(fail(kind)),
            }
        }
        if body.iter().all(u8::is_ascii_whitespace) {
            return Err(fail(ErrorKind::Empty));
        }
        let charset = media.as_deref().and_then(charset_param);
        let (html, warning) = decode_html(&body, charset);
        warnings.extend(warning);
        Ok(Input {
            source: Source {
                path: self.path.clone(),
                url: headers.uri,
                format: Format::Warc,
            },
            body: Body::Html(html),
            known: Known {
                id: headers.record_id,
                captured: headers.date.and_then(|d| d.parse::<Timestamp>().ok()),
                ..Known::default()
            },
            warnings,
        })
    }
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Result<Input, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        self.read_record()
    }
}

#[derive(Debug, Default)]
struct Http {
    status: Option<u16>,
    content_type: Option<String>,
    chunked: bool,
    encoding: Option<String>,
}

/// Splits an HTTP response into its body and the headers that matter.
fn split_http(content: &[u8]) -> Option<(&[u8], Http)> {
    let (head_len, sep) = memchr::memmem::find(content, b"\r\n\r\n")
        .map(|i| (i, 4))
        .or_else(|| memchr::memmem::find(content, b"\n\n").map(|i| (i, 2)))?;
    let head = String::from_utf8_lossy(&content[..head_len]);
    let mut lines = head.lines();
    let status_line = lines.next()?;
    if !status_line.starts_with("HTTP/") {
        return None;
    }
    let mut http = Http {
        status: status_line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok()),
        ..Http::default()
    };
    for line in lines {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let v = v.trim();
        match k.trim().to_ascii_lowercase().as_str() {
            "content-type" => http.content_type = Some(v.to_string()),
            "transfer-encoding" => http.chunked = v.to_ascii_lowercase().contains("chunked"),
            "content-encoding" => {
                let e = v.to_ascii_lowercase();
                if e != "identity" && !e.is_empty() {
                    http.encoding = Some(e);
                }
            }
            _ => {}
        }
    }
    Some((&content[head_len + sep..], http))
}

/// Undoes HTTP/1.1 chunked transfer encoding; `None` when the chunks do not add up.
fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let eol = memchr::memchr(b'\n', data)?;
        let size_line = std::str::from_utf8(&data[..eol]).ok()?;
        let size_hex = size_line.split(';').next()?.trim();
        let size = usize::from_str_radix(size_hex, 16).ok()?;
        data = &data[eol + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = &data[size..];
        data = data
            .strip_prefix(b"\r\n")
            .or_else(|| data.strip_prefix(b"\n"))
            .unwrap_or(data);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    pub(crate) fn record(kind: &str, uri: &str, http: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-03-29T10:00:00Z\r\n\
             WARC-Record-ID: <urn:uuid:{}>\r\nContent-Type: application/http; msgtype=response\r\n\
             Content-Length: {}\r\n\r\n",
            uri.len(),
            http.len()
        )
        .into_bytes();
        r.extend_from_slice(http);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn read_all(bytes: &[u8]) -> Vec<Result<Input, Error>> {
        WarcReader::new(bytes, "t.warc".into(), None, Limits::default()).collect()
    }

    #[test]
    fn responses_with_html_become_inputs() {
        let mut warc = record("warcinfo", "", b"software: test\r\n");
        warc.extend(record(
            "response",
            "https://a.example/one",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=iso-8859-1\r\n\r\n<p>caf\xE9</p>",
        ));
        warc.extend(record(
            "request",
            "https://a.example/one",
            b"GET /one HTTP/1.1\r\n\r\n",
        ));
        warc.extend(record(
            "response",
            "https://a.example/logo.png",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
        ));
        warc.extend(record(
            "response",
            "https://a.example/two",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n<p>T\r\n6\r\nwo</p>\r\n0\r\n\r\n",
        ));
        let out = read_all(&warc);
        assert_eq!(out.len(), 3);
        let one = out[0].as_ref().unwrap();
        assert_eq!(one.source.url.as_deref(), Some("https://a.example/one"));
        assert_eq!(one.text(), "<p>caf\u{e9}</p>");
        assert_eq!(one.known.id.as_deref(), Some("urn:uuid:21"));
        assert_eq!(
            one.known.captured.map(|t| t.to_string()).as_deref(),
            Some("2024-03-29T10:00:00+00:00")
        );
        let png = out[1].as_ref().unwrap_err();
        assert!(png.is_skip());
        assert!(png.to_string().contains("not HTML (image/png)"), "{png}");
        assert_eq!(out[2].as_ref().unwrap().text(), "<p>Two</p>");
    }

    #[test]
    fn a_wrong_content_length_costs_one_record() {
        let good = record(
            "response",
            "https://a.example/1",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>One</p>",
        );
        let mut bad = record(
            "response",
            "https://a.example/2",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Two</p>",
        );
        // Claim fewer bytes than the record has.
        let text = String::from_utf8(bad.clone()).unwrap();
        let n = text.find("Content-Length: ").unwrap() + "Content-Length: ".len();
        let end = n + text[n..].find('\r').unwrap();
        bad.splice(n..end, b"20".iter().copied());
        let mut warc = good.clone();
        warc.extend(bad);
        warc.extend(record(
            "response",
            "https://a.example/3",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Three</p>",
        ));
        let out = read_all(&warc);
        let oks: Vec<&str> = out
            .iter()
            .filter_map(|r| r.as_ref().ok())
            .map(|i| i.text())
            .collect();
        assert!(oks.contains(&"<p>One</p>"));
        assert!(oks.contains(&"<p>Three</p>"));
        let errs: Vec<String> = out
            .iter()
            .filter_map(|r| r.as_ref().err())
            .map(|e| e.to_string())
            .collect();
        assert!(
            errs.iter()
                .any(|e| e.contains("wrong Content-Length") && e.contains("record at byte")),
            "{errs:?}"
        );
    }

    #[test]
    fn truncation_keeps_what_came_before() {
        let mut warc = record(
            "response",
            "https://a.example/1",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>One</p>",
        );
        let second = record(
            "response",
            "https://a.example/2",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Two, cut short</p>",
        );
        warc.extend(&second[..second.len() - 12]);
        let out = read_all(&warc);
        assert_eq!(out.len(), 2);
        assert!(out[0].is_ok());
        let e = out[1].as_ref().unwrap_err().to_string();
        assert!(e.contains("truncated"), "{e}");
    }

    #[test]
    fn oversized_records_are_skipped_not_held() {
        let page = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>{}</p>",
            "x".repeat(500)
        );
        let mut warc = record("response", "https://a.example/big", page.as_bytes());
        warc.extend(record(
            "response",
            "https://a.example/small",
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Small</p>",
        ));
        let out: Vec<_> =
            WarcReader::new(&warc[..], "t.warc".into(), None, Limits { max_bytes: 200 }).collect();
        assert!(
            out[0]
                .as_ref()
                .unwrap_err()
                .to_string()
                .contains("too large")
        );
        assert_eq!(out[1].as_ref().unwrap().text(), "<p>Small</p>");
    }

    #[test]
    fn dechunking() {
        assert_eq!(
            dechunk(b"3\r\nabc\r\n2;x=y\r\nde\r\n0\r\n\r\n").unwrap(),
            b"abcde"
        );
        assert_eq!(dechunk(b"zz\r\nabc"), None);
        assert_eq!(dechunk(b"9\r\nabc"), None);
    }
}
