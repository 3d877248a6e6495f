//! Cross-article linking: which articles copy one another (exactly, nearly, or as a credited
//! republication) and which report the same story, decided incrementally as articles arrive.
//!
//! [`Features`] are computed per article, in parallel and without shared state; the
//! [`Linker`] then takes articles one at a time, in arrival order, and is deterministic: the
//! same articles in the same order give the same stories, and a linker rebuilt from stored
//! state ([`Linker::restore`]) carries on exactly where the lost one stopped.
//!
//! [`claims`] lines up the statements of a story by the proposition they bear on and finds
//! the disputed ones, with the same discipline: incremental, in arrival order, rebuilt from
//! what it emitted.
//!
//! This crate knows nothing of storage, documents or pipeline stages: it may depend on
//! `parallax-text` (word iteration, function words), `rust-stemmers`, `foldhash` and
//! `thiserror`.

pub mod claims;
mod features;
mod linker;

pub use features::{BANDS, Features, MINHASHES, content_hash};
pub use linker::{Config, Copy, Link, Linker};

/// Errors from rebuilding a linker's state.
#[derive(Debug, thiserror::Error)]
pub enum LinkError {
    #[error(
        "the stored linking state of article #{seq} is unreadable: the store was written by \
         another version of Parallax; ingest into a new store (--db) instead"
    )]
    BadState { seq: u64 },
}

/// What deciding the canonical copy of a group needs to know of each member.
#[derive(Clone, Copy, Debug)]
pub struct CopyMeta<'a> {
    pub outlet: Option<&'a str>,
    pub republished_from: Option<&'a str>,
    /// Publication day, when known.
    pub day: Option<i32>,
}

/// The canonical member of a group of copies, listed in arrival order: the one from the
/// outlet that the others credit as the original, else the earliest published, else the
/// first to arrive.
pub fn canonical(members: &[CopyMeta<'_>]) -> usize {
    let same = |a: &str, b: &str| a.trim().eq_ignore_ascii_case(b.trim());
    let credited = members.iter().position(|m| {
        m.outlet.is_some_and(|o| {
            members
                .iter()
                .any(|other| other.republished_from.is_some_and(|r| same(o, r)))
        }) && m.republished_from.is_none()
    });
    if let Some(i) = credited {
        return i;
    }
    members
        .iter()
        .enumerate()
        .min_by_key(|(i, m)| (m.day.unwrap_or(i32::MAX), *i))
        .map_or(0, |(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_credited_outlet_is_canonical_then_the_earliest() {
        let copy = |outlet, from, day| CopyMeta {
            outlet: Some(outlet),
            republished_from: from,
            day,
        };
        let group = [
            copy("Harbor Gazette", Some("Northern Wire"), Some(3)),
            copy("Northern Wire", None, Some(5)),
        ];
        assert_eq!(canonical(&group), 1);
        let group = [
            copy("A", None, Some(9)),
            copy("B", None, Some(4)),
            copy("C", None, None),
        ];
        assert_eq!(canonical(&group), 1);
        let group = [copy("A", None, None), copy("B", None, None)];
        assert_eq!(canonical(&group), 0);
    }
}
