//! placeholder
use parallax_model::{Analysis, Document};
pub fn analyze(_doc: &Document) -> Analysis {
    Analysis::default()
}
