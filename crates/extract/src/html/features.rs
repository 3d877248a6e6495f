//! The feature matrix of an HTML page: each line's plain-text features
//! ([`crate::chrome::FEATURE_NAMES`]) followed by what the markup says about it.

use crate::chrome::{self, FEATURE_NAMES};
use crate::html::dump::*;
use crate::lines::Line;

/// Features that only markup gives, appended to the plain-text ones.
pub const DOM_FEATURE_NAMES: &[&str] = &[
    "in_article",
    "in_main",
    "in_nav",
    "in_header",
    "in_footer",
    "in_aside",
    "in_form",
    "in_control",
    "in_list",
    "in_table",
    "in_figure",
    "in_blockquote",
    "in_article_body",
    "in_comments",
    "in_byline",
    "in_share",
    "in_related",
    "in_heading",
    "in_date",
    "block_paragraph",
    "block_heading1",
    "block_heading",
    "block_list_item",
    "block_cell",
    "block_pre",
    "block_quote",
    "block_caption",
    "block_div",
    "negative_hints",
    "positive_hints",
    "nearest_negative",
    "depth_log",
    "link_ratio",
    "page_has_article",
    "page_has_main",
    "page_has_article_body",
    "m1_link_ratio",
    "p1_link_ratio",
    "m1_in_article",
    "p1_in_article",
    "same_container_prose",
];

/// Every feature of the HTML model, in order.
pub static HTML_FEATURE_NAMES: std::sync::LazyLock<Vec<&'static str>> =
    std::sync::LazyLock::new(|| {
        FEATURE_NAMES
            .iter()
            .chain(DOM_FEATURE_NAMES)
            .copied()
            .collect()
    });

const IN_BITS: [u32; 19] = [
    IN_ARTICLE,
    IN_MAIN,
    IN_NAV,
    IN_HEADER,
    IN_FOOTER,
    IN_ASIDE,
    IN_FORM,
    IN_CONTROL,
    IN_LIST,
    IN_TABLE,
    IN_FIGURE,
    IN_BLOCKQUOTE,
    IN_ARTICLE_BODY,
    IN_COMMENTS,
    IN_BYLINE,
    IN_SHARE,
    IN_RELATED,
    IN_HEADING,
    IN_DATE,
];

const BLOCKS: [BlockKind; 9] = [
    BlockKind::Paragraph,
    BlockKind::Heading1,
    BlockKind::Heading,
    BlockKind::ListItem,
    BlockKind::Cell,
    BlockKind::Pre,
    BlockKind::Quote,
    BlockKind::Caption,
    BlockKind::Div,
];

fn flag(b: bool) -> f32 {
    if b { 1.0 } else { 0.0 }
}

/// The row-major feature matrix: one row of [`HTML_FEATURE_NAMES`] per line. `lines` and
/// `doms` are parallel.
pub fn features(lines: &[Line<'_>], doms: &[Dom]) -> Vec<f32> {
    let text = chrome::features(lines);
    let nt = FEATURE_NAMES.len();
    let nd = DOM_FEATURE_NAMES.len();
    let n = lines.len();
    let any = |bit: u32| doms.iter().any(|d| d.within & bit != 0);
    let (has_article, has_main, has_body) = (any(IN_ARTICLE), any(IN_MAIN), any(IN_ARTICLE_BODY));
    let link_ratio: Vec<f32> = lines
        .iter()
        .zip(doms)
        .map(|(l, d)| {
            let visible = l.text.chars().filter(|c| !c.is_whitespace()).count();
            if visible == 0 {
                0.0
            } else {
                (d.link_chars as f32 / visible as f32).min(1.0)
            }
        })
        .collect();
    // Prose lines that share this line's enclosing context (same flags and depth): a
    // paragraph among many paragraphs of one container is the article's.
    let mut same = vec![0u32; n];
    {
        let mut counts: std::collections::HashMap<(u32, u16, u8, u8), u32> =
            std::collections::HashMap::new();
        for (l, d) in lines.iter().zip(doms) {
            if l.stats.is_prose() {
                *counts
                    .entry((d.within, d.depth, d.negative, d.positive))
                    .or_default() += 1;
            }
        }
        for (i, d) in doms.iter().enumerate() {
            same[i] = counts
                .get(&(d.within, d.depth, d.negative, d.positive))
                .copied()
                .unwrap_or(0);
        }
    }
    let mut out = Vec::with_capacity(n * (nt + nd));
    for i in 0..n {
        out.extend_from_slice(&text[i * nt..(i + 1) * nt]);
        let d = doms[i];
        for bit in IN_BITS {
            out.push(flag(d.within & bit != 0));
        }
        for kind in BLOCKS {
            out.push(flag(d.block == kind));
        }
        out.extend_from_slice(&[
            f32::from(d.negative.min(5)),
            f32::from(d.positive.min(5)),
            flag(d.nearest_negative),
            f32::from(d.depth).ln_1p(),
            link_ratio[i],
            flag(has_article),
            flag(has_main),
            flag(has_body),
            if i > 0 { link_ratio[i - 1] } else { -1.0 },
            if i + 1 < n { link_ratio[i + 1] } else { -1.0 },
            if i > 0 {
                flag(doms[i - 1].within & IN_ARTICLE != 0)
            } else {
                -1.0
            },
            if i + 1 < n {
                flag(doms[i + 1].within & IN_ARTICLE != 0)
            } else {
                -1.0
            },
            (same[i] as f32).ln_1p(),
        ]);
    }
    out
}
