//! An HTML page as the lines a reader sees, each with the place in the page it came from.
//!
//! The page is tokenised (html5ever's WHATWG tokenizer), not parsed into a tree: a tree costs
//! allocation per node and the article needs none of it. The lines are the ones a naive
//! text dump gives: one per block element, `<br>` breaking a block into lines, the
//! whitespace of each collapsed; scripts, styles, templates, SVG, frames and elements hidden
//! with `hidden` or an inline `display:none` give none. Each line carries a [`Dom`]: which
//! sectioning elements enclose it (`<article>`, `<nav>`, `<footer>`...), what the class and
//! id names of its ancestors hint at, how much of it is link text. The head's metadata and
//! JSON-LD blocks are collected on the way, into [`Head`].
//!
//! An open-element stack stands in for the tree. End tags pop back to their element when it
//! is open and are ignored otherwise, and the elements whose end tags HTML lets authors omit
//! (`<p>`, `<li>`, `<td>`...) are closed when a sibling opens; that is enough for the context
//! of a line to be right on real pages, which are rarely well-formed.

use std::cell::RefCell;
use std::sync::LazyLock;

use aho_corasick::AhoCorasick;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use parallax_text::collapse_whitespace;

/// Where a line sits in the page: the flags of the elements around it.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Dom {
    /// `IN_*` bits of every open ancestor.
    pub within: u32,
    /// The element that opened the line's block: one of the `BLOCK_*` kinds.
    pub block: BlockKind,
    /// Ancestors whose class or id hints at chrome (`nav`, `footer`, `share`, `related`...).
    pub negative: u8,
    /// Ancestors whose class or id hints at content (`article`, `post-body`, `entry`...).
    pub positive: u8,
    /// Whether the innermost hinted ancestor was a negative one.
    pub nearest_negative: bool,
    /// How deep in the tree the line's block is.
    pub depth: u16,
    /// Characters of the line that are inside `<a>` elements.
    pub link_chars: u32,
}

/// The kind of block element a line came from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum BlockKind {
    #[default]
    Other,
    Paragraph,
    Heading1,
    Heading,
    ListItem,
    Cell,
    Pre,
    Quote,
    Caption,
    Div,
}

pub const IN_ARTICLE: u32 = 1;
pub const IN_MAIN: u32 = 1 << 1;
pub const IN_NAV: u32 = 1 << 2;
pub const IN_HEADER: u32 = 1 << 3;
pub const IN_FOOTER: u32 = 1 << 4;
pub const IN_ASIDE: u32 = 1 << 5;
pub const IN_FORM: u32 = 1 << 6;
pub const IN_CONTROL: u32 = 1 << 7;
pub const IN_LIST: u32 = 1 << 8;
pub const IN_TABLE: u32 = 1 << 9;
pub const IN_FIGURE: u32 = 1 << 10;
pub const IN_BLOCKQUOTE: u32 = 1 << 11;
pub const IN_ARTICLE_BODY: u32 = 1 << 12;
pub const IN_COMMENTS: u32 = 1 << 13;
pub const IN_BYLINE: u32 = 1 << 14;
pub const IN_SHARE: u32 = 1 << 15;
pub const IN_RELATED: u32 = 1 << 16;
pub const IN_HEADING: u32 = 1 << 17;
pub const IN_LINK: u32 = 1 << 18;
pub const IN_DATE: u32 = 1 << 19;

/// One line of the page as a reader sees it.
#[derive(Debug, Clone)]
pub struct HtmlLine {
    pub text: String,
    pub dom: Dom,
}

/// What the page says about itself, outside its visible text.
#[derive(Debug, Clone, Default)]
pub struct Head {
    /// The `<title>` element's text.
    pub title: Option<String>,
    /// `<meta>` tags as (name, property or itemprop, lower-cased; content).
    pub metas: Vec<(String, String)>,
    /// The text of each `<script type="application/ld+json">`.
    pub json_ld: Vec<String>,
    /// `<link rel="canonical">`.
    pub canonical: Option<String>,
    /// `<html lang>`.
    pub lang: Option<String>,
    /// `datetime` attributes of `<time>` elements, in page order, with the line index that
    /// followed them.
    pub times: Vec<(String, usize)>,
    /// Text of links marked `rel="author"`.
    pub author_links: Vec<String>,
}

impl Head {
    /// The content of the first `<meta>` whose name is one of `names`, in the order given.
    pub fn meta(&self, names: &[&str]) -> Option<&str> {
        names.iter().find_map(|n| {
            self.metas
                .iter()
                .find(|(k, v)| k == n && !v.trim().is_empty())
                .map(|(_, v)| v.trim())
        })
    }
}

/// A page split into lines, plus its head.
#[derive(Debug, Clone, Default)]
pub struct Dumped {
    pub lines: Vec<HtmlLine>,
    pub head: Head,
}

/// Elements that start a new block (and a new line) where they open and close.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "blockquote"
            | "body"
            | "caption"
            | "center"
            | "dd"
            | "details"
            | "dialog"
            | "dir"
            | "div"
            | "dl"
            | "dt"
            | "fieldset"
            | "figcaption"
            | "figure"
            | "footer"
            | "form"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "header"
            | "hgroup"
            | "hr"
            | "html"
            | "legend"
            | "li"
            | "main"
            | "menu"
            | "nav"
            | "ol"
            | "optgroup"
            | "option"
            | "p"
            | "pre"
            | "section"
            | "select"
            | "summary"
            | "table"
            | "tbody"
            | "textarea"
            | "tfoot"
            | "thead"
            | "tr"
            | "ul"
            | "video"
            | "audio"
    )
}

/// Elements whose content is never shown as text.
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "noscript" | "template" | "svg" | "title" | "iframe"
    )
}

fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
    )
}

/// Elements whose end tag may be omitted; never taken to open a hidden subtree.
fn optional_end(name: &str) -> bool {
    matches!(
        name,
        "p" | "li"
            | "dt"
            | "dd"
            | "option"
            | "optgroup"
            | "tr"
            | "td"
            | "th"
            | "thead"
            | "tbody"
            | "tfoot"
            | "colgroup"
    )
}

/// Class and id fragments that mark chrome, after Readability's `unlikelyCandidates` and
/// `negative` lists, plus the widgets news sites add (share bars, newsletters, paywalls).
const NEGATIVE_HINTS: &[&str] = &[
    "nav",
    "menu",
    "footer",
    "header",
    "sidebar",
    "comment",
    "share",
    "social",
    "related",
    "recommend",
    "promo",
    "sponsor",
    "advert",
    "banner",
    "breadcrumb",
    "cookie",
    "consent",
    "newsletter",
    "subscribe",
    "signup",
    "popup",
    "modal",
    "widget",
    "tags",
    "pagination",
    "pager",
    "masthead",
    "toolbar",
    "skip",
    "disqus",
    "outbrain",
    "taboola",
    "trending",
    "popular",
    "more-",
    "read-next",
    "author-bio",
    "byline",
    "meta",
    "caption",
    "hidden",
];

/// Class and id fragments that mark the article, after Readability's `positive` list.
const POSITIVE_HINTS: &[&str] = &[
    "article", "content", "entry", "post", "story", "body", "text", "main", "blog", "prose",
];

/// Every hint fragment in one automaton: class and id values are scanned once, not once
/// per fragment.
static HINTS: LazyLock<Option<AhoCorasick>> = LazyLock::new(|| {
    let patterns = NEGATIVE_HINTS
        .iter()
        .chain(POSITIVE_HINTS)
        .chain(REGION_HINTS.iter().map(|(p, _)| p));
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build(patterns)
        .ok()
});

/// Fragments that put a line in a special region.
const REGION_HINTS: &[(&str, u32)] = &[
    ("comment", IN_COMMENTS),
    ("disqus", IN_COMMENTS),
    ("respond", IN_COMMENTS),
    ("byline", IN_BYLINE),
    ("author", IN_BYLINE),
    ("share", IN_SHARE),
    ("social", IN_SHARE),
    ("related", IN_RELATED),
    ("recommend", IN_RELATED),
    ("more-", IN_RELATED),
    ("date", IN_DATE),
    ("time", IN_DATE),
    ("publish", IN_DATE),
];

/// Classifies class/id names: bits for the special regions, and whether they hint at chrome
/// or content.
fn hints(attr: &str) -> (u32, bool, bool) {
    let Some(ac) = HINTS.as_ref() else {
        return (0, false, false);
    };
    let (n_neg, n_pos) = (NEGATIVE_HINTS.len(), POSITIVE_HINTS.len());
    let (mut bits, mut negative, mut positive) = (0, false, false);
    for m in ac.find_overlapping_iter(attr) {
        let i = m.pattern().as_usize();
        if i < n_neg {
            negative = true;
        } else if i < n_neg + n_pos {
            positive = true;
        } else if let Some((_, b)) = REGION_HINTS.get(i - n_neg - n_pos) {
            bits |= b;
        }
    }
    (bits, negative, positive)
}

fn element_bits(name: &str) -> u32 {
    match name {
        "article" => IN_ARTICLE,
        "main" => IN_MAIN,
        "nav" => IN_NAV,
        "header" => IN_HEADER,
        "footer" => IN_FOOTER,
        "aside" => IN_ASIDE,
        "form" => IN_FORM,
        "button" | "select" | "option" | "label" | "textarea" => IN_CONTROL,
        "ul" | "ol" | "dl" | "menu" => IN_LIST,
        "table" => IN_TABLE,
        "figure" => IN_FIGURE,
        "blockquote" => IN_BLOCKQUOTE,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => IN_HEADING,
        "a" => IN_LINK,
        "time" => IN_DATE,
        _ => 0,
    }
}

fn role_bits(role: &str) -> u32 {
    match role.trim() {
        "navigation" | "menu" | "menubar" => IN_NAV,
        "banner" => IN_HEADER,
        "contentinfo" => IN_FOOTER,
        "complementary" => IN_ASIDE,
        "main" => IN_MAIN,
        "article" => IN_ARTICLE,
        _ => 0,
    }
}

fn block_kind(name: &str) -> BlockKind {
    match name {
        "p" => BlockKind::Paragraph,
        "h1" => BlockKind::Heading1,
        "h2" | "h3" | "h4" | "h5" | "h6" => BlockKind::Heading,
        "li" | "dt" | "dd" => BlockKind::ListItem,
        "tr" | "td" | "th" => BlockKind::Cell,
        "pre" => BlockKind::Pre,
        "blockquote" => BlockKind::Quote,
        "figcaption" | "caption" => BlockKind::Caption,
        "div" | "section" => BlockKind::Div,
        _ => BlockKind::Other,
    }
}

#[derive(Debug, Clone)]
struct Open {
    name: String,
    within: u32,
    negative: u8,
    positive: u8,
    nearest_negative: bool,
}

/// What a skipped subtree is collected for, if anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Capture {
    None,
    Title,
    JsonLd,
}

#[derive(Debug)]
struct Skip {
    name: String,
    depth: u32,
    capture: Capture,
}

#[derive(Debug, Default)]
struct State {
    out: Dumped,
    stack: Vec<Open>,
    skip: Vec<Skip>,
    captured: String,
    /// Pieces of the current block; `\n` marks a `<br>`.
    buf: String,
    link_chars: u32,
    block_dom: Option<Dom>,
    block: BlockKind,
    pre: u32,
    author_link: Option<String>,
}

struct Sink {
    state: RefCell<State>,
}

impl State {
    fn top(&self) -> (u32, u8, u8, bool) {
        self.stack.last().map_or((0, 0, 0, false), |o| {
            (o.within, o.negative, o.positive, o.nearest_negative)
        })
    }

    fn current_dom(&self) -> Dom {
        let (within, negative, positive, nearest_negative) = self.top();
        Dom {
            within,
            block: self.block,
            negative,
            positive,
            nearest_negative,
            depth: self.stack.len().min(u16::MAX as usize) as u16,
            link_chars: 0,
        }
    }

    fn flush(&mut self) {
        if self.buf.is_empty() {
            self.block_dom = None;
            return;
        }
        let raw = std::mem::take(&mut self.buf);
        let mut dom = self.block_dom.take().unwrap_or_else(|| self.current_dom());
        dom.link_chars = std::mem::take(&mut self.link_chars);
        if self.pre > 0 {
            let lines: Vec<&str> = raw.split('\n').map(str::trim_end).collect();
            let first = lines.iter().position(|l| !l.trim().is_empty());
            let last = lines.iter().rposition(|l| !l.trim().is_empty());
            if let (Some(a), Some(b)) = (first, last) {
                for l in &lines[a..=b] {
                    if !l.trim().is_empty() {
                        self.push_line(l.trim().to_string(), dom);
                    }
                }
            }
        } else {
            for l in raw.split('\n') {
                let collapsed = collapse_whitespace(l);
                if !collapsed.is_empty() {
                    self.push_line(collapsed.into_owned(), dom);
                }
            }
        }
    }

    fn push_line(&mut self, text: String, dom: Dom) {
        self.out.lines.push(HtmlLine { text, dom });
    }

    fn pop_to(&mut self, name: &str) {
        if let Some(i) = self.stack.iter().rposition(|o| o.name == name) {
            self.stack.truncate(i);
        }
    }

    fn start(&mut self, tag: &Tag) {
        let name: &str = &tag.name;
        if let Some(top) = self.skip.last_mut() {
            if name == top.name && !is_void(name) && !tag.self_closing {
                top.depth += 1;
            }
            return;
        }
        let attr = |key: &str| {
            tag.attrs
                .iter()
                .find(|a| &*a.name.local == key)
                .map(|a| &*a.value)
        };
        match name {
            "meta" => {
                let key = attr("property")
                    .or_else(|| attr("name"))
                    .or_else(|| attr("itemprop"));
                if let (Some(k), Some(v)) = (key, attr("content")) {
                    self.out
                        .head
                        .metas
                        .push((k.to_ascii_lowercase(), v.to_string()));
                }
                return;
            }
            "link" => {
                let rel = attr("rel").unwrap_or_default().to_ascii_lowercase();
                if rel.split_whitespace().any(|r| r == "canonical") {
                    if let Some(h) = attr("href") {
                        self.out.head.canonical.get_or_insert_with(|| h.to_string());
                    }
                }
                return;
            }
            "html" => {
                if let Some(l) = attr("lang") {
                    self.out.head.lang = Some(l.to_string());
                }
            }
            "time" => {
                if let Some(d) = attr("datetime") {
                    let at = self.out.lines.len();
                    self.out.head.times.push((d.to_string(), at));
                }
            }
            _ => {}
        }
        if is_skipped(name) || self.hidden(tag) {
            let capture = match name {
                "title" if self.out.head.title.is_none() => Capture::Title,
                "script"
                    if attr("type")
                        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
                {
                    Capture::JsonLd
                }
                _ => Capture::None,
            };
            if !is_void(name) && !tag.self_closing {
                self.skip.push(Skip {
                    name: name.to_string(),
                    depth: 1,
                    capture,
                });
                self.captured.clear();
            }
            return;
        }
        if name == "br" {
            self.buf.push('\n');
            return;
        }
        let block = is_block(name);
        if block {
            self.flush();
            // Omitted end tags: a new paragraph or item closes the open one.
            match name {
                "p" | "li" | "dt" | "dd" | "tr" | "option" => {
                    if let Some(i) = self.stack.iter().rposition(|o| o.name == name) {
                        let fenced = self.stack[i + 1..].iter().any(|o| {
                            matches!(
                                o.name.as_str(),
                                "ul" | "ol" | "table" | "div" | "section" | "article" | "dl"
                            )
                        });
                        if !fenced {
                            self.stack.truncate(i);
                        }
                    }
                }
                _ => {}
            }
            if name == "pre" {
                self.pre += 1;
            }
        } else if matches!(name, "td" | "th") {
            self.buf.push(' ');
        }
        if is_void(name) || tag.self_closing && !block {
            return;
        }
        let (mut within, mut negative, mut positive, mut nearest_negative) = self.top();
        within |= element_bits(name);
        if let Some(role) = attr("role") {
            within |= role_bits(role);
        }
        if attr("itemprop").is_some_and(|p| p.eq_ignore_ascii_case("articleBody")) {
            within |= IN_ARTICLE_BODY;
        }
        let class = attr("class").unwrap_or_default();
        let id = attr("id").unwrap_or_default();
        if !class.is_empty() || !id.is_empty() {
            let (b1, n1, p1) = hints(class);
            let (b2, n2, p2) = hints(id);
            within |= b1 | b2;
            let neg = n1 || n2;
            let pos = p1 || p2;
            if neg {
                negative = negative.saturating_add(1);
            }
            if pos {
                positive = positive.saturating_add(1);
            }
            if neg || pos {
                nearest_negative = neg && !pos;
            }
        }
        if name == "a" && attr("rel").is_some_and(|r| r.contains("author")) {
            self.author_link = Some(String::new());
        }
        self.stack.push(Open {
            name: name.to_string(),
            within,
            negative,
            positive,
            nearest_negative,
        });
        if block {
            self.block = block_kind(name);
            self.block_dom = None;
        }
        if tag.self_closing {
            self.end(name);
        }
    }

    fn hidden(&self, tag: &Tag) -> bool {
        let name: &str = &tag.name;
        if is_void(name) || optional_end(name) {
            return false;
        }
        let mut hidden = false;
        for a in &tag.attrs {
            match &*a.name.local {
                "hidden" => hidden = true,
                "style" => {
                    let s = a.value.to_ascii_lowercase();
                    let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
                    if s.contains("display:none") || s.contains("visibility:hidden") {
                        hidden = true;
                    }
                }
                _ => {}
            }
        }
        if hidden && name == "div" {
            // React/Next.js streamed segments (`<div hidden id="S:0">`) are shown by the
            // page's own script.
            let streamed = tag.attrs.iter().any(|a| {
                &*a.name.local == "id"
                    && a.value.strip_prefix("S:").is_some_and(|rest| {
                        !rest.is_empty()
                            && rest
                                .bytes()
                                .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase())
                    })
            });
            return !streamed;
        }
        hidden
    }

    fn end(&mut self, name: &str) {
        if let Some(top) = self.skip.last_mut() {
            if name == top.name {
                top.depth -= 1;
                if top.depth == 0 {
                    let capture = top.capture;
                    self.skip.pop();
                    let text = std::mem::take(&mut self.captured);
                    match capture {
                        Capture::Title => {
                            let t = collapse_whitespace(&text);
                            if !t.is_empty() {
                                self.out.head.title = Some(t.into_owned());
                            }
                        }
                        Capture::JsonLd => self.out.head.json_ld.push(text),
                        Capture::None => {}
                    }
                }
            }
            return;
        }
        if name == "a" {
            if let Some(a) = self.author_link.take() {
                let a = collapse_whitespace(&a);
                if !a.is_empty() {
                    self.out.head.author_links.push(a.into_owned());
                }
            }
        }
        if is_block(name) {
            self.flush();
            if name == "pre" && self.pre > 0 {
                self.pre -= 1;
            }
        } else if matches!(name, "td" | "th") {
            self.buf.push(' ');
        }
        self.pop_to(name);
        if is_block(name) {
            self.block = self
                .stack
                .iter()
                .rev()
                .find(|o| is_block(&o.name))
                .map_or(BlockKind::Other, |o| block_kind(&o.name));
        }
    }

    fn text(&mut self, s: &str) {
        if let Some(top) = self.skip.last() {
            if top.capture != Capture::None {
                self.captured.push_str(s);
            }
            return;
        }
        if self.block_dom.is_none() && !s.trim().is_empty() {
            self.block_dom = Some(self.current_dom());
        }
        let (within, ..) = self.top();
        if within & IN_LINK != 0 {
            self.link_chars += s.chars().filter(|c| !c.is_whitespace()).count() as u32;
        }
        if let Some(a) = &mut self.author_link {
            a.push_str(s);
        }
        if self.pre > 0 {
            self.buf.push_str(s);
        } else {
            // Newlines in source text are spaces; only `<br>` breaks a line.
            for (i, part) in s.split('\n').enumerate() {
                if i > 0 {
                    self.buf.push(' ');
                }
                self.buf.push_str(part);
            }
        }
    }
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let mut st = self.state.borrow_mut();
        match token {
            Token::TagToken(tag) => match tag.kind {
                TagKind::StartTag => {
                    st.start(&tag);
                    let name: &str = &tag.name;
                    if !tag.self_closing {
                        return match name {
                            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
                            "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                                TokenSinkResult::RawData(RawKind::Rawtext)
                            }
                            "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
                            "plaintext" => TokenSinkResult::Plaintext,
                            _ => TokenSinkResult::Continue,
                        };
                    }
                }
                TagKind::EndTag => st.end(&tag.name),
            },
            Token::CharacterTokens(s) => st.text(&s),
            _ => {}
        }
        TokenSinkResult::Continue
    }
}

/// Splits a page into lines with their context, and collects its head.
pub fn dump(html: &str) -> Dumped {
    let sink = Sink {
        state: RefCell::new(State::default()),
    };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&queue);
    tokenizer.end();
    let mut state = tokenizer.sink.state.into_inner();
    state.flush();
    state.out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(d: &Dumped) -> Vec<&str> {
        d.lines.iter().map(|l| l.text.as_str()).collect()
    }

    #[test]
    fn blocks_become_lines_and_hidden_parts_vanish() {
        let page = r#"<!doctype html><html lang="en"><head><title>Ferry fares | Harbour News</title>
<meta property="og:site_name" content="Harbour News">
<script type="application/ld+json">{"@type":"NewsArticle","headline":"Ferry fares"}</script>
<style>p { color: red }</style></head>
<body><nav class="main-menu"><ul><li><a href="/">Home</a><li><a href="/sport">Sport</a></ul></nav>
<article><h1>Ferry fares frozen</h1>
<p>The board voted <b>on Wednesday</b> to freeze
fares.<br>A second line.
<p>Islanders had   collected signatures &amp; letters.</p>
<div style="display: none">Hidden teaser</div>
<script>if (a < b) { document.write("<p>no</p>") }</script>
</article><footer>&copy; 2025 Harbour News</footer></body></html>"#;
        let d = dump(page);
        assert_eq!(
            texts(&d),
            [
                "Home",
                "Sport",
                "Ferry fares frozen",
                "The board voted on Wednesday to freeze fares.",
                "A second line.",
                "Islanders had collected signatures & letters.",
                "\u{a9} 2025 Harbour News",
            ]
        );
        assert_eq!(d.head.title.as_deref(), Some("Ferry fares | Harbour News"));
        assert_eq!(d.head.meta(&["og:site_name"]), Some("Harbour News"));
        assert_eq!(d.head.lang.as_deref(), Some("en"));
        assert_eq!(d.head.json_ld.len(), 1);
        let home = d.lines[0].dom;
        assert_ne!(home.within & IN_NAV, 0);
        assert_eq!(home.link_chars, 4);
        assert!(home.negative > 0);
        let body = d.lines[3].dom;
        assert_ne!(body.within & IN_ARTICLE, 0);
        assert_eq!(body.within & IN_NAV, 0);
        assert_eq!(body.block, BlockKind::Paragraph);
        assert_eq!(d.lines[2].dom.block, BlockKind::Heading1);
        assert_ne!(d.lines[6].dom.within & IN_FOOTER, 0);
    }

    #[test]
    fn unclosed_paragraphs_and_stray_end_tags_do_not_leak_context() {
        let page = "<div class=sidebar><p>Side</div></span><main><p>One<p>Two</main><p>After";
        let d = dump(page);
        assert_eq!(texts(&d), ["Side", "One", "Two", "After"]);
        assert!(d.lines[0].dom.negative > 0);
        assert_eq!(d.lines[1].dom.negative, 0);
        assert_ne!(d.lines[2].dom.within & IN_MAIN, 0);
        assert_eq!(d.lines[3].dom.within & IN_MAIN, 0);
    }

    #[test]
    fn pre_keeps_its_lines_and_streamed_segments_show() {
        let page = "<pre>\nfn main() {\n    go();\n}\n</pre><div hidden id=\"S:0\"><p>Streamed</p></div><div hidden><p>Gone</p></div>";
        let d = dump(page);
        assert_eq!(texts(&d), ["fn main() {", "go();", "}", "Streamed"]);
    }
}
