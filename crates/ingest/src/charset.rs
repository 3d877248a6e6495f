//! Bytes of a web page to text, in the character set the page is really in.
//!
//! The order is the one browsers use: a byte-order mark, then the charset of the HTTP
//! header, then a `<meta charset>` (or `http-equiv`) declaration near the top, then UTF-8.
//! Declarations lie: a page that says ISO-8859-1 but whose bytes are valid UTF-8 with
//! multi-byte sequences in them is UTF-8 (the usual mistake of a CMS that re-encoded its
//! templates), and undeclared bytes that are not UTF-8 are read as windows-1252, the
//! encoding of most such pages. Every such guess is reported as a warning.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// How far into a page the `<meta charset>` declaration is looked for. The HTML standard
/// says 1024 bytes; real pages put long `<script>`s first, so we look further.
const PRESCAN_BYTES: usize = 8 * 1024;

/// Decodes an HTML page. `http_charset` is the `charset` parameter of the HTTP
/// `Content-Type` header, when the page came with one. Returns the text and any warning.
pub fn decode_html(bytes: &[u8], http_charset: Option<&str>) -> (String, Option<String>) {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        return decode_with(encoding, &bytes[bom..], None);
    }
    let declared = http_charset
        .and_then(|c| Encoding::for_label(c.trim().as_bytes()).map(|e| (e, "HTTP header")))
        .or_else(|| meta_charset(bytes).map(|e| (e, "<meta charset>")));
    match declared {
        Some((encoding, _)) if encoding == UTF_8 => decode_with(UTF_8, bytes, None),
        Some((encoding, from)) => {
            // UTF-16 declared in a meta tag is impossible (the tag itself would not be
            // readable); browsers take it as UTF-8.
            let encoding = if encoding == encoding_rs::UTF_16LE || encoding == encoding_rs::UTF_16BE
            {
                UTF_8
            } else {
                encoding
            };
            if encoding != UTF_8 && is_multibyte_utf8(bytes) {
                let note = format!(
                    "declared {} in the {from}, but the bytes are UTF-8; read as UTF-8",
                    encoding.name()
                );
                return decode_with(UTF_8, bytes, Some(note));
            }
            decode_with(encoding, bytes, None)
        }
        None => match std::str::from_utf8(bytes) {
            Ok(s) => (s.to_string(), None),
            Err(_) => decode_with(
                WINDOWS_1252,
                bytes,
                Some("no charset declared and not UTF-8; read as windows-1252".to_string()),
            ),
        },
    }
}

fn decode_with(
    encoding: &'static Encoding,
    bytes: &[u8],
    note: Option<String>,
) -> (String, Option<String>) {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    let warning = match (note, had_errors) {
        (Some(n), true) => Some(format!(
            "{n}; invalid {} replaced with U+FFFD",
            encoding.name()
        )),
        (Some(n), false) => Some(n),
        (None, true) => Some(format!("invalid {} replaced with U+FFFD", encoding.name())),
        (None, false) => None,
    };
    (text.into_owned(), warning)
}

/// Valid UTF-8 that is not plain ASCII: no legacy single-byte text looks like this by
/// accident.
fn is_multibyte_utf8(bytes: &[u8]) -> bool {
    !bytes.is_ascii() && std::str::from_utf8(bytes).is_ok()
}

/// The encoding a `<meta>` tag near the top declares: `<meta charset="x">` or
/// `<meta http-equiv="Content-Type" content="text/html; charset=x">`.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(PRESCAN_BYTES)];
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&lower[from..], b"<meta") {
        let start = from + at;
        let end = memchr::memchr(b'>', &lower[start..]).map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = memchr::memmem::find(tag, b"charset") {
            let rest = &tag[c + "charset".len()..];
            let rest = rest.trim_ascii_start();
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = rest.trim_ascii_start();
                let rest = rest
                    .strip_prefix(b"\"")
                    .or_else(|| rest.strip_prefix(b"'"))
                    .unwrap_or(rest);
                let len = rest
                    .iter()
                    .position(|b| matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>'))
                    .unwrap_or(rest.len());
                if let Some(e) = Encoding::for_label(&rest[..len]) {
                    return Some(e);
                }
            }
        }
        from = end.max(start + 1);
    }
    None
}

/// The `charset` parameter of a `Content-Type` value.
pub fn charset_param(content_type: &str) -> Option<&str> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(['"', '\'']))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_decodes_legacy_pages() {
        let mut page = b"<html><head><meta charset=\"iso-8859-1\"></head><body>caf".to_vec();
        page.push(0xE9);
        let (text, warning) = decode_html(&page, None);
        assert!(text.ends_with("caf\u{e9}"), "{text}");
        assert_eq!(warning, None);
    }

    #[test]
    fn http_equiv_and_http_header() {
        let mut page =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1251\">"
                .to_vec();
        page.extend([0xCA, 0xE8, 0xE5, 0xE2]);
        assert!(
            decode_html(&page, None)
                .0
                .ends_with("\u{41a}\u{438}\u{435}\u{432}")
        );
        // The HTTP header wins over the page.
        let latin = [b'a', 0xE9];
        assert_eq!(decode_html(&latin, Some("latin1")).0, "a\u{e9}");
    }

    #[test]
    fn a_wrong_declaration_is_overruled_by_utf8_bytes() {
        let page = "<meta charset=iso-8859-1><p>Kyiv \u{2013} \u{201c}yes\u{201d}</p>";
        let (text, warning) = decode_html(page.as_bytes(), None);
        assert_eq!(text, page);
        assert!(warning.unwrap().contains("bytes are UTF-8"));
    }

    #[test]
    fn undeclared_non_utf8_falls_back_to_windows_1252() {
        let (text, warning) = decode_html(&[b'<', b'p', b'>', 0x93, b'x', 0x94], None);
        assert_eq!(text, "<p>\u{201c}x\u{201d}");
        assert!(warning.unwrap().contains("windows-1252"));
    }

    #[test]
    fn boms_win() {
        let (text, _) = decode_html(b"\xEF\xBB\xBF<meta charset=latin1>\xC3\xA9", None);
        assert!(text.ends_with('\u{e9}'));
    }

    #[test]
    fn charset_parameters() {
        assert_eq!(charset_param("text/html; charset=\"UTF-8\""), Some("UTF-8"));
        assert_eq!(charset_param("text/html"), None);
    }
}
