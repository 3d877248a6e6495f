//! From command-line arguments to a lazy stream of inputs.

use std::collections::VecDeque;
use std::fs::{self, File};
use std::io;
use std::path::Path;

use parallax_model::{Format, Source};

use crate::decode::{decode_text, read_limited};
use crate::{Body, Error, ErrorKind, Input, Limits, Origin};

/// The inputs named by `args`, in order: each file as given, each directory walked
/// recursively in file-name order, `-` as standard input.
///
/// In a directory walk only files whose names say what they are (`.txt`, `.html`, `.warc`,
/// `.jsonl`, compressed or not) are taken, and hidden entries are skipped; a file named
/// explicitly is read whatever its name, as text unless its name says otherwise.
pub fn inputs<I, S>(args: I, limits: Limits) -> Inputs
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    Inputs {
        pending: args.into_iter().map(|a| a.as_ref().to_string()).collect(),
        walk: None,
        limits,
        stdin_read: false,
    }
}

type EntryFilter = fn(&walkdir::DirEntry) -> bool;

/// The stream returned by [`inputs`].
pub struct Inputs {
    pending: VecDeque<String>,
    walk: Option<walkdir::FilterEntry<walkdir::IntoIter, EntryFilter>>,
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

impl Iterator for Inputs {
    type Item = Result<Input, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
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
                                return Some(read_file(path, format, self.limits));
                            }
                        }
                    }
                }
                continue;
            }
            let arg = self.pending.pop_front()?;
            if arg == "-" {
                return Some(self.read_stdin());
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
                Ok(_) => {
                    let format = format_of(path).unwrap_or(Format::Text);
                    return Some(read_file(path, format, self.limits));
                }
            }
        }
    }
}

impl Inputs {
    fn read_stdin(&mut self) -> Result<Input, Error> {
        let name = "<stdin>";
        if self.stdin_read {
            return Err(Error::new(
                name,
                ErrorKind::Walk("standard input was already read".into()),
            ));
        }
        self.stdin_read = true;
        let bytes =
            read_limited(io::stdin().lock(), self.limits).map_err(|k| Error::new(name, k))?;
        build(Origin::Stdin, Format::Text, bytes).map_err(|k| Error::new(name, k))
    }
}

fn read_file(path: &Path, format: Format, limits: Limits) -> Result<Input, Error> {
    let name = path.display().to_string();
    let fail = |kind| Error::new(&name, kind);
    match format {
        Format::Text => {}
        Format::Html => return Err(fail(ErrorKind::Unsupported("HTML"))),
        Format::Warc => return Err(fail(ErrorKind::Unsupported("WARC"))),
        Format::Jsonl => return Err(fail(ErrorKind::Unsupported("JSONL"))),
    }
    let file = File::open(path).map_err(|e| fail(ErrorKind::Io(e)))?;
    // Check the size before reading so that a huge file costs nothing.
    if let Ok(meta) = file.metadata() {
        if meta.len() > limits.max_bytes {
            return Err(fail(ErrorKind::TooLarge {
                limit: limits.max_bytes,
            }));
        }
    }
    let bytes = read_limited(file, limits).map_err(fail)?;
    build(Origin::File(path.to_path_buf()), format, bytes).map_err(fail)
}

fn build(origin: Origin, format: Format, bytes: Vec<u8>) -> Result<Input, ErrorKind> {
    let (text, warning) = decode_text(bytes)?;
    let path = match origin {
        Origin::Stdin => None,
        Origin::File(p) => Some(p.display().to_string()),
    };
    Ok(Input {
        source: Source {
            path,
            url: None,
            format,
        },
        body: Body::Text(text),
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
                "err page.html: HTML input is not supported yet; pass plain-text (.txt) files",
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
