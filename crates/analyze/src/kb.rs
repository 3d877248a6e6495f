//! The knowledge base that gives one name to the many spellings of a thing: places from
//! GeoNames (`data/places.tsv`, built by `scripts/build_places.py`; CC BY 4.0), and entries a
//! user adds at run time ([`add_user_entries`]), without rebuilding Parallax.
//!
//! Lookups go through [`fold`], which reads alike the spellings that transliteration and
//! house styles produce: case, accents and apostrophes are ignored, doubled letters count
//! once ("Donbass"/"Donbas"), and the endings "-iy", "-yy", "-y" and "-ey"/"-ei" meet
//! ("Zelenskiy"/"Zelenskyy"/"Zelensky", "Sergey"/"Sergei"). A name the base does not know
//! still gets a folded key, so that two articles spelling one surname differently agree.

use std::collections::HashMap;
use std::sync::{LazyLock, RwLock};

use parallax_model::EntityKind;

/// A thing the base knows: its canonical name and kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Known {
    pub name: String,
    pub kind: EntityKind,
}

#[derive(Debug, Default)]
struct Base {
    by_key: HashMap<String, Known>,
}

impl Base {
    fn insert(&mut self, alias: &str, known: &Known) {
        let key = fold(alias);
        if key.len() >= 3 {
            // The first (most populous, or the user's) entry for a spelling wins.
            self.by_key.entry(key).or_insert_with(|| known.clone());
        }
    }
}

static BUILT_IN: LazyLock<Base> = LazyLock::new(|| {
    let mut base = Base::default();
    for line in include_str!("../data/places.tsv").lines() {
        if line.starts_with('#') {
            continue;
        }
        let mut cols = line.split('\t');
        let (Some(name), Some(_kind), Some(_cc), Some(_pop)) =
            (cols.next(), cols.next(), cols.next(), cols.next())
        else {
            continue;
        };
        let known = Known {
            name: name.to_string(),
            kind: EntityKind::Place,
        };
        base.insert(name, &known);
        for alias in cols
            .next()
            .unwrap_or("")
            .split('|')
            .filter(|a| !a.is_empty())
        {
            base.insert(alias, &known);
        }
    }
    base
});

static USER: LazyLock<RwLock<Base>> = LazyLock::new(|| RwLock::new(Base::default()));

/// Errors in a user's knowledge-base file.
#[derive(Debug, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct KbError {
    pub line: usize,
    pub message: String,
}

/// Adds a user's entries, one per line: `name<TAB>kind<TAB>alias|alias|…<TAB>source`, where
/// kind is `person`, `organization`, `place` or `other`; `#` starts a comment. The user's
/// entries win over the built-in ones. Returns how many entries were added.
pub fn add_user_entries(text: &str) -> Result<usize, KbError> {
    let mut parsed = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let err = |message: &str| KbError {
            line: n + 1,
            message: message.to_string(),
        };
        if cols.len() < 4 {
            return Err(err(
                "expected four tab-separated columns: name, kind, aliases (a|b), source",
            ));
        }
        let kind = match cols[1].trim() {
            "person" => EntityKind::Person,
            "organization" | "organisation" => EntityKind::Organization,
            "place" => EntityKind::Place,
            "other" => EntityKind::Other,
            k => {
                return Err(err(&format!(
                    "unknown kind {k:?}; use person, organization, place or other"
                )));
            }
        };
        if cols[0].trim().is_empty() {
            return Err(err("the name is empty"));
        }
        if cols[3].trim().is_empty() {
            return Err(err("every entry names its source (fourth column)"));
        }
        parsed.push((cols[0].trim().to_string(), kind, cols[2].to_string()));
    }
    let mut user = USER.write().unwrap_or_else(|e| e.into_inner());
    for (name, kind, aliases) in &parsed {
        let known = Known {
            name: name.clone(),
            kind: *kind,
        };
        user.insert(name, &known);
        for a in aliases.split('|').map(str::trim).filter(|a| !a.is_empty()) {
            user.insert(a, &known);
        }
    }
    Ok(parsed.len())
}

/// What the base knows under this spelling, if anything.
pub fn lookup(name: &str) -> Option<Known> {
    let key = fold(name);
    if let Some(k) = USER.read().ok().and_then(|u| u.by_key.get(&key).cloned()) {
        return Some(k);
    }
    BUILT_IN.by_key.get(&key).cloned()
}

/// The spelling-insensitive key of a name (see the module docs).
pub fn fold(name: &str) -> String {
    // One output string and one reused word buffer: this runs for every mention and every
    // word of every entity.
    let mut out = String::with_capacity(name.len());
    let mut w = String::with_capacity(24);
    for word in name.split(|c: char| c.is_whitespace() || c == '-') {
        w.clear();
        for c in word.chars() {
            if let Some(base) = unaccent(c) {
                w.push(base);
            } else if c.is_alphanumeric() {
                w.extend(c.to_lowercase());
            }
        }
        if w.is_empty() {
            continue;
        }
        // Endings of transliterated names.
        for (from, to) in [
            ("iy", "y"),
            ("yy", "y"),
            ("ij", "y"),
            ("yi", "y"),
            ("ey", "ei"),
        ] {
            if w.len() > from.len() + 2 && w.ends_with(from) {
                w.truncate(w.len() - from.len());
                w.push_str(to);
                break;
            }
        }
        if !out.is_empty() {
            out.push(' ');
        }
        // Doubled letters count once.
        let mut last = None;
        for c in w.chars() {
            if last != Some(c) {
                out.push(c);
                last = Some(c);
            }
        }
    }
    out
}

/// The lowercase unaccented letter for common accented Latin letters.
fn unaccent(c: char) -> Option<char> {
    let base = match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' | 'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' => {
            'a'
        }
        'ç' | 'ć' | 'č' | 'Ç' | 'Ć' | 'Č' => 'c',
        'ď' | 'đ' | 'Ď' | 'Đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' | 'È' | 'É' | 'Ê' | 'Ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'Ì' | 'Í' | 'Î' | 'Ï' => 'i',
        'ł' | 'Ł' => 'l',
        'ñ' | 'ń' | 'ň' | 'Ñ' | 'Ń' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' | 'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' => {
            'o'
        }
        'ř' | 'Ř' => 'r',
        'ś' | 'š' | 'ş' | 'Ś' | 'Š' | 'Ş' => 's',
        'ť' | 'ţ' | 'Ť' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'Ù' | 'Ú' | 'Û' | 'Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        'ź' | 'ż' | 'ž' | 'Ź' | 'Ż' | 'Ž' => 'z',
        _ => return None,
    };
    Some(base)
}

/// Whether two words differ by at most one letter inserted, deleted or replaced.
pub fn one_edit_apart(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let (short, long) = if a.len() <= b.len() {
        (&a, &b)
    } else {
        (&b, &a)
    };
    if long.len() - short.len() > 1 {
        return false;
    }
    let mut i = 0;
    while i < short.len() && short[i] == long[i] {
        i += 1;
    }
    if i == short.len() {
        return true;
    }
    if short.len() == long.len() {
        short[i + 1..] == long[i + 1..]
    } else {
        short[i..] == long[i + 1..]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterations_fold_together() {
        assert_eq!(fold("Petrovskiy"), fold("Petrovskyy"));
        assert_eq!(fold("Petrovskiy"), fold("Petrovsky"));
        assert_eq!(fold("Alexey Orlov"), fold("Alexei Orlov"));
        assert_eq!(fold("Karabass"), fold("Karabas"));
        assert_eq!(fold("Łódź"), fold("Lodz"));
        assert_eq!(fold("Khar'kov"), fold("Kharkov"));
        assert_ne!(fold("Orlov"), fold("Orlova"));
    }

    #[test]
    fn geonames_spellings_reach_one_place() {
        for (spelling, name) in [
            ("Kharkov", "Kharkiv"),
            ("Odessa", "Odesa"),
            ("Peking", "Beijing"),
        ] {
            let known = lookup(spelling).unwrap_or_else(|| panic!("{spelling} unknown"));
            assert_eq!((known.name.as_str(), known.kind), (name, EntityKind::Place));
        }
        assert!(lookup("Ministry of Silly Walks").is_none());
    }

    #[test]
    fn misleading_geonames_alternates_are_not_aliases() {
        // A common English phrase, another place's own name, a name two places share, and a
        // romanisation note in lower case: each would turn a mention into the wrong place.
        for spelling in ["White House", "Garden City", "Mexico", "Victoria", "ba li"] {
            let known = lookup(spelling).map(|k| k.name);
            assert!(
                known.is_none() || known.as_deref() == Some(spelling),
                "{spelling} -> {known:?}"
            );
        }
        assert_eq!(
            lookup("Port Elizabeth").map(|k| k.name).as_deref(),
            Some("Gqeberha")
        );
    }

    #[test]
    fn users_add_entries_without_rebuilding() {
        let added = add_user_entries(
            "# my additions\nIrena Volkova\tperson\tI. Volkova|Irina Volkova\thouse style guide\n",
        )
        .unwrap();
        assert_eq!(added, 1);
        assert_eq!(lookup("Irina Volkova").unwrap().name, "Irena Volkova");
        let err = add_user_entries("Nobody\tperson\t\t\n").unwrap_err();
        assert!(err.to_string().contains("source"), "{err}");
        let err = add_user_entries("X\tcat\ta\tsrc\n").unwrap_err();
        assert!(err.to_string().starts_with("line 1: unknown kind"), "{err}");
    }

    #[test]
    fn one_letter_apart() {
        assert!(one_edit_apart("volodymr", "volodymyr"));
        assert!(one_edit_apart("orlov", "orlof"));
        assert!(!one_edit_apart("orlov", "orlova2"));
        assert!(!one_edit_apart("ines", "irena"));
    }
}
