//! From command-line arguments to a lazy stream of inputs.

use std::collections::VecDeque;
use std::fs::{self, File};
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

use parallax_model::{Format, Source};

use crate::decode::{decode_page, decode_text, read_limited};
use crate::jsonl::JsonlReader;
use crate::warc::WarcReader;
use crate::{Body, Error, ErrorKind, Input, Known, Limits, Origin};

/// The inputs named by `args`, in order: each file as given, each directory walked
/// recursively in file-name order, `-` as standard input. A WARC or JSONL file yields one
/// input per record, read as the stream goes.
///
/// In a directory walk only files whose names say what they are (`.txt`, `.html`, `.warc`,
/// `.jsonl`, compressed or not) are taken, and hidden entries are skipped; a file named
/// explicitly is read whatever its name, its format told by its name or else by its first
/// bytes. Gzip compression is recognised by its magic bytes, whatever the name.
pub fn inputs<I, S>(args: I, limits: Limits) -> Inputs
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    Inputs {
        pending: args.into_iter().map(|a| a.as_ref().to_string()).collect(),
        walk: None,
        records: None,
        limits,
        stdin_read: false,
    }
}

type EntryFilter = fn(&walkdir::DirEntry) -> bool;
type Records = Box<dyn Iterator<Item = Result<Input, Error>> + Send>;
type Stream = Box<dyn BufRead + Send>;

/// The stream returned by [`inputs`].
pub struct Inputs {
    pending: VecDeque<String>,
    walk: Option<walkdir::FilterEntry<walkdir::IntoIter, EntryFilter>>,
    /// The records of the WARC or JSONL file being read.
    records: Option<Records>,
    limits: Limits,
    stdin_read: bool,
}

impl std::fmt::Debug for Inputs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inputs")
            .field("pending", &self.pending)
            .finish_non_exhaustive()
    }
}

/// What opening one file gave: a document, or a reader of many.
enum Opened {
    One(Box<Result<Input, Error>>),
    Many(Records),
}

impl Iterator for Inputs {
    type Item = Result<Input, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(records) = &mut self.records {
                match records.next() {
                    Some(item) => return Some(item),
                    None => self.records = None,
                }
            }
            if let Some(walk) = &mut self.walk {
                match walk.next() {
                    None => self.walk = None,
                    Some(Err(e)) => {
                        let at = e
                            .path()
                            .map(|p| p.display().to_string())
                            .unwrap_or_default();
                        let msg = e
                            .io_error()
                            .map_or_else(|| e.to_string(), |io| io.to_string());
                        return Some(Err(Error::new(at, ErrorKind::Walk(msg))));
                    }
                    Some(Ok(entry)) => {
                        let path = entry.path();
                        if entry.file_type().is_file() {
                            if let Some(format) = format_of(path) {
                                match open_file(path, Some(format), self.limits) {
                                    Opened::One(item) => return Some(*item),
                                    Opened::Many(r) => self.records = Some(r),
                                }
                            }
                        }
                    }
                }
                continue;
            }
            let arg = self.pending.pop_front()?;
            if arg == "-" {
                match self.read_stdin() {
                    Opened::One(item) => return Some(*item),
                    Opened::Many(r) => {
                        self.records = Some(r);
                        continue;
                    }
                }
            }
            let path = Path::new(&arg);
            match fs::metadata(path) {
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    return Some(Err(Error::new(&arg, ErrorKind::NotFound)));
                }
                Err(e) => return Some(Err(Error::new(&arg, ErrorKind::Io(e)))),
                Ok(meta) if meta.is_dir() => {
                    let keep: EntryFilter = |e| e.depth() == 0 || !is_hidden(e.file_name());
                    let walk = walkdir::WalkDir::new(path).sort_by_file_name().into_iter();
                    self.walk = Some(walk.filter_entry(keep));
                }
                Ok(_) => match open_file(path, format_of(path), self.limits) {
                    Opened::One(item) => return Some(*item),
                    Opened::Many(r) => self.records = Some(r),
                },
            }
        }
    }
}

impl Inputs {
    fn read_stdin(&mut self) -> Opened {
        let name = "<stdin>";
        if self.stdin_read {
            return Opened::One(Box::new(Err(Error::new(
                name,
                ErrorKind::Walk("standard input was already read".into()),
            ))));
        }
        self.stdin_read = true;
        let stdin: Stream = Box::new(BufReader::new(io::stdin()));
        open_stream(stdin, name, Origin::Stdin, None, None, self.limits)
    }
}

/// The inputs in bytes already in memory (an upload, a test), read as a file named `name`
/// would be: gzip by its magic bytes, the format from `format` or else the first bytes.
pub fn inputs_from_bytes(
    name: &str,
    bytes: Vec<u8>,
    format: Option<Format>,
    limits: Limits,
) -> Box<dyn Iterator<Item = Result<Input, Error>> + Send> {
    let size = Some(bytes.len() as u64);
    let stream: Stream = Box::new(io::Cursor::new(bytes));
    match open_stream(stream, name, Origin::Stdin, format, size, limits) {
        Opened::One(item) => Box::new(std::iter::once(*item)),
        Opened::Many(records) => records,
    }
}

fn open_file(path: &Path, format: Option<Format>, limits: Limits) -> Opened {
    let name = path.display().to_string();
    let file = match File::open(path) {
        Ok(f) => f,
        Err(e) => return Opened::One(Box::new(Err(Error::new(&name, ErrorKind::Io(e))))),
    };
    let size = file.metadata().ok().map(|m| m.len());
    let stream: Stream = Box::new(BufReader::with_capacity(64 * 1024, file));
    open_stream(
        stream,
        &name,
        Origin::File(path.to_path_buf()),
        format,
        size,
        limits,
    )
}

/// Reads a stream whose format may be unknown: decompresses gzip (by its magic bytes), then
/// takes the format from the name or, failing that, from the first bytes.
fn open_stream(
    mut stream: Stream,
    name: &str,
    origin: Origin,
    format: Option<Format>,
    size: Option<u64>,
    limits: Limits,
) -> Opened {
    let fail = |kind| Opened::One(Box::new(Err(Error::new(name, kind))));
    let gzip = match stream.fill_buf() {
        Ok(head) => head.starts_with(&[0x1f, 0x8b]),
        Err(e) => return fail(ErrorKind::Io(e)),
    };
    if gzip {
        let decoder = flate2::bufread::MultiGzDecoder::new(stream);
        stream = Box::new(BufReader::with_capacity(64 * 1024, GzErrors(decoder)));
    }
    let format = match format {
        Some(f) => f,
        None => match sniff_format(&mut stream) {
            Ok(f) => f,
            Err(e) => return fail(ErrorKind::Io(e)),
        },
    };
    let path = match &origin {
        Origin::Stdin => None,
        Origin::File(p) => Some(p.display().to_string()),
    };
    match format {
        Format::Warc => Opened::Many(Box::new(WarcReader::new(
            stream,
            name.to_string(),
            path,
            limits,
        ))),
        Format::Jsonl => Opened::Many(Box::new(JsonlReader::new(
            stream,
            name.to_string(),
            path,
            limits,
        ))),
        Format::Text | Format::Html => {
            // An uncompressed file that is too large costs nothing to refuse.
            if !gzip && size.is_some_and(|s| s > limits.max_bytes) {
                return fail(ErrorKind::TooLarge {
                    limit: limits.max_bytes,
                });
            }
            let bytes = match read_limited(stream, limits) {
                Ok(b) => b,
                Err(kind) => return fail(kind),
            };
            Opened::One(Box::new(
                build(path, format, &bytes).map_err(|k| Error::new(name, k)),
            ))
        }
    }
}

/// Maps the decompressor's errors to ones that say the gzip data is broken.
struct GzErrors<R>(R);

impl<R: Read> Read for GzErrors<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.read(buf).map_err(|e| {
            let what = if e.kind() == io::ErrorKind::UnexpectedEof {
                "truncated gzip data: the file ends mid-stream".to_string()
            } else {
                format!("broken gzip data: {e}")
            };
            io::Error::new(e.kind(), what)
        })
    }
}

/// The format of a stream that does not say, from its first bytes.
fn sniff_format(stream: &mut Stream) -> io::Result<Format> {
    let head = stream.fill_buf()?;
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let head = &head[start..];
    if head.starts_with(b"WARC/") {
        return Ok(Format::Warc);
    }
    if head.starts_with(b"{") {
        return Ok(Format::Jsonl);
    }
    let lower: Vec<u8> = head.iter().take(1024).map(u8::to_ascii_lowercase).collect();
    let markup = [
        &b"<!doctype html"[..],
        b"<html",
        b"<head",
        b"<body",
        b"<meta",
        b"<!--",
    ];
    if markup.iter().any(|m| lower.starts_with(m)) {
        return Ok(Format::Html);
    }
    Ok(Format::Text)
}

fn build(path: Option<String>, format: Format, bytes: &[u8]) -> Result<Input, ErrorKind> {
    let (body, warning) = match format {
        Format::Html => {
            let (text, warning) = decode_page(bytes)?;
            (Body::Html(text), warning)
        }
        _ => {
            let (text, warning) = decode_text(bytes.to_vec())?;
            (Body::Text(text), warning)
        }
    };
    Ok(Input {
        source: Source {
            path,
            url: None,
            format,
        },
        body,
        known: Known::default(),
        warnings: warning.into_iter().collect(),
    })
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_str().is_some_and(|n| n.starts_with('.'))
}

/// The format a file name announces, if any.
fn format_of(path: &Path) -> Option<Format> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let ext = name.rsplit_once('.')?.1;
    match ext {
        "txt" | "text" => Some(Format::Text),
        "html" | "htm" | "xhtml" => Some(Format::Html),
        "warc" => Some(Format::Warc),
        "jsonl" | "ndjson" => Some(Format::Jsonl),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What the stream yields, as `ok <file name>` or `err <file name>: <message>`.
    fn outline(args: &[&str], limits: Limits) -> Vec<String> {
        inputs(args, limits)
            .map(|item| match item {
                Ok(input) => {
                    let path = input.source.path.unwrap_or_default();
                    let name = Path::new(&path)
                        .file_name()
                        .unwrap()
                        .to_string_lossy()
                        .into_owned();
                    format!("ok {name}")
                }
                Err(e) => {
                    let name = Path::new(&e.input)
                        .file_name()
                        .unwrap()
                        .to_string_lossy()
                        .into_owned();
                    format!("err {name}: {}", e.kind)
                }
            })
            .collect()
    }

    #[test]
    fn walks_directories_in_order_and_carries_on_after_errors() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("sub")).unwrap();
        fs::create_dir_all(root.join(".cache")).unwrap();
        fs::write(root.join("b.txt"), "Second article.").unwrap();
        fs::write(root.join("a.TXT"), "First article.").unwrap();
        fs::write(root.join("sub/c.txt"), "Third article.").unwrap();
        fs::write(root.join(".cache/d.txt"), "Hidden, skipped.").unwrap();
        fs::write(root.join("notes.md"), "Not named as an input format.").unwrap();
        fs::write(root.join("page.html"), "<p>later</p>").unwrap();
        fs::write(root.join("empty.txt"), "\n\n").unwrap();
        fs::write(root.join("image.txt"), b"\x89PNG\0\0").unwrap();
        let missing = root.join("missing.txt");
        let args = [root.to_str().unwrap(), missing.to_str().unwrap()];
        assert_eq!(
            outline(&args, Limits::default()),
            [
                "ok a.TXT",
                "ok b.txt",
                "err empty.txt: empty: there is no text to read",
                "err image.txt: binary data, not text (it contains NUL bytes); pass text files, or a directory of them",
                "ok page.html",
                "ok c.txt",
                "err missing.txt: no such file or directory",
            ]
        );
    }

    #[test]
    fn explicit_files_are_read_whatever_their_name() {
        let dir = tempfile::tempdir().unwrap();
        let notes = dir.path().join("notes.md");
        fs::write(&notes, "Plain words.").unwrap();
        assert_eq!(
            outline(&[notes.to_str().unwrap()], Limits::default()),
            ["ok notes.md"]
        );
    }

    #[test]
    fn oversized_files_are_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let big = dir.path().join("big.txt");
        fs::write(&big, "x".repeat(100)).unwrap();
        let out = outline(&[big.to_str().unwrap()], Limits { max_bytes: 10 });
        assert_eq!(out.len(), 1);
        assert!(
            out[0].starts_with("err big.txt: too large: over 10 bytes"),
            "{}",
            out[0]
        );
    }

    #[test]
    fn sources_record_path_and_format() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        fs::write(&file, "Words \u{e9}.").unwrap();
        let input = inputs([file.to_str().unwrap()], Limits::default())
            .next()
            .unwrap()
            .unwrap();
        assert_eq!(input.source.path.as_deref(), file.to_str());
        assert_eq!(input.source.format, Format::Text);
        assert_eq!(input.text(), "Words \u{e9}.");
        assert!(input.warnings.is_empty());
    }

    #[test]
    fn format_comes_from_the_name() {
        for (name, format) in [
            ("a.txt", Some(Format::Text)),
            ("a.HTML", Some(Format::Html)),
            ("a.html.gz", Some(Format::Html)),
            ("crawl.warc.gz", Some(Format::Warc)),
            ("export.jsonl", Some(Format::Jsonl)),
            ("README", None),
            ("data.gz", None),
        ] {
            assert_eq!(format_of(Path::new(name)), format, "{name}");
        }
    }
}
