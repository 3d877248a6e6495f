//! Bytes to text: size limits, binary detection, byte-order marks and lossy UTF-8.

use std::io::Read;

use crate::{ErrorKind, Limits};

/// How far into an input we look for signs of binary data. Text files have no NUL bytes
/// anywhere; binary formats have them early, in their headers.
const SNIFF_BYTES: usize = 64 * 1024;

/// Reads at most `limits.max_bytes` from `reader`, failing when there is more.
pub(crate) fn read_limited(reader: impl Read, limits: Limits) -> Result<Vec<u8>, ErrorKind> {
    let mut buf = Vec::new();
    reader
        .take(limits.max_bytes.saturating_add(1))
        .read_to_end(&mut buf)?;
    if buf.len() as u64 > limits.max_bytes {
        return Err(ErrorKind::TooLarge {
            limit: limits.max_bytes,
        });
    }
    Ok(buf)
}

/// Decodes a text input. Returns the text and, when bytes had to be replaced, a warning.
pub(crate) fn decode_text(bytes: Vec<u8>) -> Result<(String, Option<String>), ErrorKind> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(&bytes) {
        if encoding != encoding_rs::UTF_8 {
            let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
            let warning =
                had_errors.then(|| format!("invalid {} replaced with U+FFFD", encoding.name()));
            return finish(text.into_owned(), warning);
        }
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    sniff_binary(body)?;
    match String::from_utf8(body.to_vec()) {
        Ok(text) => finish(text, None),
        Err(e) => {
            let bytes = e.into_bytes();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let bad = text.matches('\u{FFFD}').count();
            finish(
                text,
                Some(format!(
                    "invalid UTF-8: {bad} byte sequence(s) replaced with U+FFFD"
                )),
            )
        }
    }
}

/// Decodes an HTML page found on its own (a file, standard input): binary data is refused,
/// the character set comes from the page.
pub(crate) fn decode_page(bytes: &[u8]) -> Result<(String, Option<String>), ErrorKind> {
    if encoding_rs::Encoding::for_bom(bytes).is_none() {
        sniff_binary(bytes)?;
    }
    let (text, warning) = crate::charset::decode_html(bytes, None);
    finish(text, warning)
}

/// Undoes an HTTP `Content-Encoding` (gzip, deflate) within `limits`. `None` for an encoding
/// we do not know, which leaves the bytes as they are.
pub(crate) fn inflate(
    encoding: &str,
    body: &[u8],
    limits: Limits,
) -> Result<Option<Vec<u8>>, ErrorKind> {
    let reader: Box<dyn Read> = match encoding.trim() {
        "gzip" | "x-gzip" => Box::new(flate2::read::MultiGzDecoder::new(body)),
        "deflate" => Box::new(flate2::read::ZlibDecoder::new(body)),
        _ => return Ok(None),
    };
    match read_limited(reader, limits) {
        Ok(b) => Ok(Some(b)),
        Err(ErrorKind::Io(e)) => Err(ErrorKind::Gzip(e.to_string())),
        Err(other) => Err(other),
    }
}

fn finish(text: String, warning: Option<String>) -> Result<(String, Option<String>), ErrorKind> {
    if text.trim().is_empty() {
        return Err(ErrorKind::Empty);
    }
    Ok((text, warning))
}

fn sniff_binary(bytes: &[u8]) -> Result<(), ErrorKind> {
    let head = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if head.starts_with(&[0x1f, 0x8b]) {
        return Err(ErrorKind::Binary("gzip-compressed"));
    }
    if memchr::memchr(0, head).is_some() {
        return Err(ErrorKind::Binary("it contains NUL bytes"));
    }
    // Control characters other than tab, newline, form feed and carriage return do not occur
    // in text; a few can slip into a scrape, a tenth of the bytes cannot.
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c))
        .count();
    if control * 10 > head.len() {
        return Err(ErrorKind::Binary("it is mostly control characters"));
    }
    Ok(())
}

/// A stable id for a document that has none of its own: 16 hex digits of the 64-bit FNV-1a
/// hash of its text. The same text always gets the same id, on any machine, in any run.
pub fn content_id(text: &str) -> String {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let hash = text
        .bytes()
        .fold(OFFSET, |h, b| (h ^ u64::from(b)).wrapping_mul(PRIME));
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_utf8_passes_through() {
        let (text, warning) = decode_text("Kyiv – «yes»\n".as_bytes().to_vec()).unwrap();
        assert_eq!(text, "Kyiv – «yes»\n");
        assert_eq!(warning, None);
    }

    #[test]
    fn utf8_bom_is_dropped() {
        let (text, _) = decode_text(b"\xEF\xBB\xBFHello".to_vec()).unwrap();
        assert_eq!(text, "Hello");
    }

    #[test]
    fn utf16_with_bom_is_decoded() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Hi there".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        assert_eq!(decode_text(bytes).unwrap().0, "Hi there");
    }

    #[test]
    fn invalid_utf8_is_replaced_with_a_warning() {
        let (text, warning) = decode_text(b"caf\xE9 au lait \xFF".to_vec()).unwrap();
        assert_eq!(text, "caf\u{FFFD} au lait \u{FFFD}");
        assert_eq!(
            warning.unwrap(),
            "invalid UTF-8: 2 byte sequence(s) replaced with U+FFFD"
        );
    }

    #[test]
    fn binary_and_empty_inputs_are_errors() {
        let err = |b: &[u8]| decode_text(b.to_vec()).unwrap_err().to_string();
        assert!(err(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").contains("NUL bytes"));
        assert!(err(&[0x1f, 0x8b, 8, 0, 0]).contains("gzip"));
        assert!(err(&[1, 2, 3, 4, 5, 6, b'a']).contains("control characters"));
        assert!(err(b"  \n\t\n").contains("empty"));
        assert!(err(b"").contains("empty"));
    }

    #[test]
    fn reading_stops_at_the_limit() {
        let limits = Limits { max_bytes: 4 };
        assert_eq!(read_limited(&b"abcd"[..], limits).unwrap(), b"abcd");
        let err = read_limited(&b"abcde"[..], limits).unwrap_err();
        assert!(err.to_string().contains("over 4 bytes"));
    }

    #[test]
    fn content_ids_are_stable() {
        // FNV-1a test vectors.
        assert_eq!(content_id(""), "cbf29ce484222325");
        assert_eq!(content_id("a"), "af63dc4c8601ec8c");
        assert_ne!(content_id("text one"), content_id("text two"));
    }
}
