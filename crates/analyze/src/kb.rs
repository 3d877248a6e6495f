//! The knowledge base that gives one name to the many spellings of a thing: places from
//! GeoNames (`data/places.tsv`, built by `scripts/build_places.py`; CC BY 4.0), heads of state
//! and government with the offices they held and when (`data/people.tsv`, built by
//! `scripts/build_people.py` from three editions of the CIA World Factbook; public domain),
//! the officers of the UN and other international bodies, foreign ministers, and those bodies
//! (`data/officers.tsv`, curated by hand, each entry naming the official site that lists it),
//! and entries a user adds at run time ([`add_user_entries`]), without rebuilding Parallax.
//!
//! Lookups go through [`fold`], which reads alike the spellings that transliteration and
//! house styles produce: case, accents and apostrophes are ignored, doubled letters count
//! once ("Donbass"/"Donbas"), and the romanisations of Cyrillic names meet: the endings
//! "-iy", "-yy", "-ii", "-y", "-ey"/"-ei", "-iya"/"-ia", "-ri"/"-ry" and an initial "Ye"
//! ("Zelenskiy"/"Zelenskyy"/"Zelensky", "Sergey"/"Sergei", "Yevgeny"/"Evgeny"). A name the
//! base does not know still gets a folded key, so that two articles spelling one surname
//! differently agree.

use crate::FastMap as HashMap;
use std::sync::{LazyLock, RwLock};

use chrono::NaiveDate;
use parallax_model::EntityKind;

/// A thing the base knows: its canonical name and kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Known {
    pub name: String,
    pub kind: EntityKind,
}

/// An office a person held, from `since`. Dates are as precise as the source: "2019-05-20",
/// "1971".
///
/// Without `seen`, `until` is the day the holder left (`None`: in office). Built-in roles
/// come from editions of a source years apart, so they say less: `seen` is a day the holder
/// was last listed in office, and `until`, when known, the day a later edition's holder took
/// office; in between, someone else may have held it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Role {
    pub title: String,
    pub since: String,
    pub until: Option<String>,
    pub seen: Option<String>,
}

/// Whether a role's holder held it on a day, as far as the base can tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tenure {
    Before,
    Held,
    Ended,
    Unknown,
}

impl Role {
    fn on(&self, day: NaiveDate) -> Tenure {
        let first = |d: &Option<String>| d.as_deref().and_then(date_bounds).map(|(a, _)| a);
        let last = |d: &Option<String>| d.as_deref().and_then(date_bounds).map(|(_, b)| b);
        match date_bounds(&self.since) {
            Some((since, _)) if since <= day => {}
            _ => return Tenure::Before,
        }
        let until = first(&self.until);
        if until.is_some_and(|u| u <= day) {
            return Tenure::Ended;
        }
        match last(&self.seen) {
            Some(seen) if day > seen => Tenure::Unknown,
            _ => Tenure::Held,
        }
    }
}

#[derive(Debug, Default)]
struct Base {
    by_key: HashMap<String, Known>,
    /// People apart from places, so that a person and a place spelt alike both stay known.
    people: HashMap<String, Known>,
    roles: HashMap<String, Vec<Role>>,
    /// Folded surname -> folded full names, for names misspelt by a letter.
    by_surname: HashMap<String, Vec<String>>,
    /// Built in: a bare surname or given name never names a person. A user's file may say
    /// otherwise.
    names_need_two_words: bool,
}

impl Base {
    fn insert(&mut self, alias: &str, known: &Known) {
        let key = fold(alias);
        if key.len() < 3 {
            return;
        }
        // The first (most populous, or the user's) entry for a spelling wins.
        if known.kind == EntityKind::Person {
            if self.names_need_two_words && !key.contains(' ') {
                return;
            }
            if let Some((_, surname)) = key.rsplit_once(' ') {
                let names = self.by_surname.entry(surname.to_string()).or_default();
                if !names.contains(&key) {
                    names.push(key.clone());
                }
            }
            self.people.entry(key).or_insert_with(|| known.clone());
        } else {
            self.by_key.entry(key).or_insert_with(|| known.clone());
        }
    }

    /// A person whose folded name differs from `key` by one letter in one word other than the
    /// surname, the rest agreeing ("Volodymr" for "Volodymyr").
    fn near_person(&self, key: &str) -> Option<&Known> {
        let (given, surname) = key.rsplit_once(' ')?;
        let mut found = self.by_surname.get(surname)?.iter().filter(|k| {
            k.rsplit_once(' ').is_some_and(|(g, _)| {
                let (a, b): (Vec<&str>, Vec<&str>) =
                    (g.split(' ').collect(), given.split(' ').collect());
                a.len() == b.len()
                    && a.iter().zip(&b).filter(|(x, y)| x != y).count() == 1
                    && a.iter()
                        .zip(&b)
                        .all(|(x, y)| x == y || (x.len().min(y.len()) >= 4 && one_edit_apart(x, y)))
            })
        });
        // Two people one letter away: not knowing is better than a guess.
        let one = found.next()?;
        if found.next().is_some() {
            return None;
        }
        self.people.get(one)
    }

    fn add_entries(&mut self, entries: Vec<Entry>) {
        for e in entries {
            let known = Known {
                name: e.name.clone(),
                kind: e.kind,
            };
            self.insert(&e.name, &known);
            for a in e
                .aliases
                .split('|')
                .map(str::trim)
                .filter(|a| !a.is_empty())
            {
                self.insert(a, &known);
            }
            self.add_roles(&e.name, e.roles);
        }
    }

    fn add_roles(&mut self, name: &str, roles: Vec<Role>) {
        if !roles.is_empty() {
            self.roles
                .entry(name.to_string())
                .or_default()
                .extend(roles);
        }
    }
}

/// Roles written `title|since|until|seen;…` (until empty while in office; seen as in
/// [`Role`], usually left out).
fn parse_roles(text: &str) -> Result<Vec<Role>, String> {
    let mut out = Vec::new();
    for r in text.split(';').map(str::trim).filter(|r| !r.is_empty()) {
        let mut parts = r.split('|').map(str::trim);
        let (Some(title), Some(since)) = (parts.next(), parts.next()) else {
            return Err(format!("role {r:?}: expected title|since|until"));
        };
        let until = parts.next().filter(|u| !u.is_empty());
        let seen = parts.next().filter(|u| !u.is_empty());
        for d in std::iter::once(since).chain(until).chain(seen) {
            if date_bounds(d).is_none() {
                return Err(format!(
                    "role {r:?}: {d:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
                ));
            }
        }
        if title.is_empty() {
            return Err(format!("role {r:?}: the title is empty"));
        }
        out.push(Role {
            title: title.to_string(),
            since: since.to_string(),
            until: until.map(str::to_string),
            seen: seen.map(str::to_string),
        });
    }
    Ok(out)
}

/// The first and last day a date of the given precision covers: "2019" is all of 2019.
fn date_bounds(d: &str) -> Option<(NaiveDate, NaiveDate)> {
    let nums: Vec<&str> = d.split('-').collect();
    let num = |i: usize| nums.get(i).and_then(|n| n.parse::<u32>().ok());
    let year = i32::try_from(num(0)?).ok()?;
    match nums.len() {
        1 => Some((
            NaiveDate::from_ymd_opt(year, 1, 1)?,
            NaiveDate::from_ymd_opt(year, 12, 31)?,
        )),
        2 => {
            let first = NaiveDate::from_ymd_opt(year, num(1)?, 1)?;
            let next = first.checked_add_months(chrono::Months::new(1))?;
            Some((first, next.pred_opt()?))
        }
        3 => {
            let day = NaiveDate::from_ymd_opt(year, num(1)?, num(2)?)?;
            Some((day, day))
        }
        _ => None,
    }
}

static BUILT_IN: LazyLock<Base> = LazyLock::new(|| {
    let mut base = Base {
        names_need_two_words: true,
        ..Base::default()
    };
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
    for line in include_str!("../data/people.tsv").lines() {
        if line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let [name, _kind, aliases, _source, roles] = cols[..] else {
            continue;
        };
        let known = Known {
            name: name.to_string(),
            kind: EntityKind::Person,
        };
        base.insert(name, &known);
        for alias in aliases.split('|').filter(|a| !a.is_empty()) {
            base.insert(alias, &known);
        }
        // The file is built by a script and checked by a test; a line it cannot read is
        // skipped rather than failing every analysis.
        base.add_roles(name, parse_roles(roles).unwrap_or_default());
    }
    // Curated by hand and read like a user's file; a test checks that it parses, so an
    // error here (which cannot happen in a release) leaves the rest of the base working.
    if let Ok(entries) = parse_entries(include_str!("../data/officers.tsv")) {
        base.add_entries(entries);
    }
    if let Ok(entries) = parse_entries(include_str!("../data/organizations.tsv")) {
        base.add_entries(entries);
    }
    base
});

/// One line of a user's (or the curated) file.
struct Entry {
    name: String,
    kind: EntityKind,
    aliases: String,
    roles: Vec<Role>,
}

static USER: LazyLock<RwLock<Base>> = LazyLock::new(|| RwLock::new(Base::default()));

/// Errors in a user's knowledge-base file.
#[derive(Debug, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct KbError {
    pub line: usize,
    pub message: String,
}

/// Adds a user's entries, one per line: `name<TAB>kind<TAB>alias|alias|…<TAB>source`, where
/// kind is `person`, `organization`, `place` or `other`, and optionally a fifth column of
/// roles, `title|since|until;…` ("Foreign Minister of Norland|2021-03-01|"); `#` starts a
/// comment. The user's entries win over the built-in ones. Returns how many entries were
/// added.
pub fn add_user_entries(text: &str) -> Result<usize, KbError> {
    let parsed = parse_entries(text)?;
    let n = parsed.len();
    USER.write()
        .unwrap_or_else(|e| e.into_inner())
        .add_entries(parsed);
    Ok(n)
}

fn parse_entries(text: &str) -> Result<Vec<Entry>, KbError> {
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
        let roles = parse_roles(cols.get(4).copied().unwrap_or("")).map_err(|m| err(&m))?;
        parsed.push(Entry {
            name: cols[0].trim().to_string(),
            kind,
            aliases: cols[2].to_string(),
            roles,
        });
    }
    Ok(parsed)
}

/// Runs `f` over the bases in the order they win: the user's, then the built-in one.
fn with_bases<T>(f: impl FnOnce(&[&Base]) -> T) -> T {
    // On the stack: this runs for every entity form of every article.
    match USER.read() {
        Ok(user) => f(&[&*user, &BUILT_IN]),
        Err(_) => f(&[&BUILT_IN]),
    }
}

/// What the base knows under this spelling, if anything: a place or body before a person
/// spelt alike (see [`lookup_as`]).
pub fn lookup(name: &str) -> Option<Known> {
    let key = fold(name);
    with_bases(|bases| {
        bases
            .iter()
            .find_map(|b| b.by_key.get(&key).or_else(|| b.people.get(&key)))
            .or_else(|| bases.iter().find_map(|b| b.near_person(&key)))
            .cloned()
    })
}

/// What the base knows of this kind under this spelling. A person's name may be misspelt by
/// one letter outside the surname when no other known person is as near.
pub fn lookup_as(name: &str, kind: EntityKind) -> Option<Known> {
    lookup_folded_as(&fold(name), kind)
}

/// [`lookup_as`] for a name already folded by [`fold`].
pub fn lookup_folded_as(key: &str, kind: EntityKind) -> Option<Known> {
    with_bases(|bases| {
        if kind == EntityKind::Person {
            bases
                .iter()
                .find_map(|b| b.people.get(key))
                .or_else(|| bases.iter().find_map(|b| b.near_person(key)))
                .cloned()
        } else {
            bases
                .iter()
                .find_map(|b| b.by_key.get(key).filter(|k| k.kind == kind))
                .cloned()
        }
    })
}

/// The offices the base knows a person (by any known spelling) to have held.
pub fn roles(name: &str) -> Vec<Role> {
    let Some(known) = lookup_as(name, EntityKind::Person) else {
        return Vec::new();
    };
    with_bases(|bases| {
        bases
            .iter()
            .filter_map(|b| b.roles.get(&known.name))
            .flatten()
            .cloned()
            .collect()
    })
}

/// Who held the office `title` ("Prime Minister of Norway"; case and spelling as [`fold`]
/// reads them) on `day`: of the holders who had taken it by then and not left, the one who
/// took it last. `None` when the base does not know, which includes a day after the last
/// edition that listed the holder and before the next one's holder came: someone else may have
/// held it in between, and a guess would name the wrong person.
pub fn holder(title: &str, day: NaiveDate) -> Option<String> {
    let want = fold(title);
    with_bases(|bases| {
        for base in bases {
            let mut best: Option<(&str, &Role)> = None;
            for (name, roles) in &base.roles {
                for r in roles.iter().filter(|r| fold(&r.title) == want) {
                    if matches!(r.on(day), Tenure::Held | Tenure::Unknown)
                        && best.is_none_or(|(_, b)| date_bounds(&r.since) > date_bounds(&b.since))
                    {
                        best = Some((name, r));
                    }
                }
            }
            // The user's entries win.
            if let Some((name, r)) = best {
                return (r.on(day) == Tenure::Held).then(|| name.to_string());
            }
        }
        None
    })
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
        // Romanisations of Cyrillic names: "Yevgeny"/"Evgeny", "Yelena"/"Elena",
        // "Yekaterina"/"Ekaterina", "Yegor"/"Egor" (not "Yemen", nor "Yellen"/"Ellen").
        if w.len() > 4
            && ["yev", "yek", "yeg", "yele", "yeli"]
                .iter()
                .any(|p| w.starts_with(p))
        {
            w.remove(0);
        }
        // Endings of transliterated names: "Zelenskiy"/"Zelensky", "Dmitrii"/"Dmitriy",
        // "Sergey"/"Sergei", "Nataliya"/"Natalia", "Yuri"/"Yury".
        for (from, to) in [
            ("iy", "y"),
            ("yy", "y"),
            ("ij", "y"),
            ("yi", "y"),
            ("ii", "y"),
            ("ey", "ei"),
            ("iya", "ia"),
            ("ri", "ry"),
        ] {
            // At least two letters before the ending ("Yuri" has two before "ri").
            let min = if from == "ri" { 1 } else { 2 };
            if w.len() > from.len() + min && w.ends_with(from) {
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

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// Each spelling finds the entry of that name, of `kind`.
    fn assert_known(kind: EntityKind, cases: &[(&str, &str)]) {
        for &(spelling, name) in cases {
            let known = lookup_as(spelling, kind);
            assert_eq!(known.map(|k| k.name).as_deref(), Some(name), "{spelling}");
        }
    }

    /// Who held each office on each day, as far as the base can tell.
    fn assert_holders(cases: &[(&str, &str, Option<&str>)]) {
        for &(office, on, who) in cases {
            assert_eq!(holder(office, day(on)).as_deref(), who, "{office} on {on}");
        }
    }

    #[test]
    fn transliterations_fold_together() {
        assert_eq!(fold("Petrovskiy"), fold("Petrovskyy"));
        assert_eq!(fold("Petrovskiy"), fold("Petrovsky"));
        assert_eq!(fold("Alexey Orlov"), fold("Alexei Orlov"));
        assert_eq!(fold("Karabass"), fold("Karabas"));
        assert_eq!(fold("Łódź"), fold("Lodz"));
        assert_eq!(fold("Khar'kov"), fold("Kharkov"));
        assert_ne!(fold("Orlov"), fold("Orlova"));
        // The romanisation schemes of Cyrillic names.
        assert_eq!(fold("Dmitri Orlov"), fold("Dmitry Orlov"));
        assert_eq!(fold("Dmitrii Orlov"), fold("Dmitriy Orlov"));
        assert_eq!(fold("Yuri Petrov"), fold("Yury Petrov"));
        assert_eq!(fold("Yevgeny Sokolov"), fold("Evgeny Sokolov"));
        assert_eq!(fold("Yelena Sokolova"), fold("Elena Sokolova"));
        assert_eq!(fold("Nataliya Orlova"), fold("Natalia Orlova"));
        assert_eq!(fold("Aleksei Volkov"), fold("Aleksey Volkov"));
        // Names that merely look alike stay apart.
        assert_ne!(fold("Yuri Petrov"), fold("Yuriko Petrov"));
        assert_ne!(fold("Ivan Orlov"), fold("Ivana Orlov"));
        assert_ne!(fold("Marta Yellen"), fold("Marta Ellen"));
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
    fn heads_of_state_and_government_are_known_by_their_spellings() {
        assert_known(
            EntityKind::Person,
            &[
                ("Barack H. Obama", "Barack Obama"),
                ("Barack Obama", "Barack Obama"),
                ("Jonas Gahr Støre", "Jonas Gahr Store"),
                ("JONAS GAHR STORE", "Jonas Gahr Store"),
                // One letter off in a given name, the surname agreeing.
                ("Emanuel Macron", "Emmanuel Macron"),
            ],
        );
        // A bare surname names no one; nor does a surname one letter off.
        assert_eq!(lookup_as("Obama", EntityKind::Person), None);
        assert_eq!(lookup_as("Emmanuel Macran", EntityKind::Person), None);
        // A person is not a place, and a place not a person.
        assert_eq!(lookup_as("Barack Obama", EntityKind::Place), None);
        assert_eq!(lookup_as("Odesa", EntityKind::Person), None);
    }

    #[test]
    fn built_in_roles_name_the_holder_only_when_the_sources_are_sure() {
        let us = "President of the United States";
        assert_eq!(
            holder(us, day("2012-06-01")).as_deref(),
            Some("Barack Obama")
        );
        assert_eq!(
            holder(us, day("2025-06-01")).as_deref(),
            Some("Donald Trump")
        );
        // Between the editions someone else held the office: the base does not guess.
        assert_eq!(holder(us, day("2022-06-01")), None);
        assert_eq!(
            holder("president of the united states", day("1990-01-01")),
            None
        );
        assert!(
            roles("Barack Obama")
                .iter()
                .any(|r| r.title == us && r.since == "2009-01-20")
        );
    }

    #[test]
    fn built_in_people_file_reads_cleanly() {
        let text = include_str!("../data/people.tsv");
        let mut people = 0;
        for (n, line) in text
            .lines()
            .enumerate()
            .filter(|(_, l)| !l.starts_with('#'))
        {
            let cols: Vec<&str> = line.split('\t').collect();
            assert_eq!(cols.len(), 5, "line {}: {line}", n + 1);
            assert!(!cols[3].is_empty(), "line {}: no source", n + 1);
            let roles = parse_roles(cols[4]).unwrap_or_else(|e| panic!("line {}: {e}", n + 1));
            assert!(!roles.is_empty(), "line {}: no role", n + 1);
            people += 1;
        }
        assert!(people > 500, "{people} people");
    }

    #[test]
    fn curated_file_reads_cleanly() {
        let text = include_str!("../data/officers.tsv");
        let entries = parse_entries(text).unwrap_or_else(|e| panic!("officers.tsv {e}"));
        let people: Vec<&Entry> = entries
            .iter()
            .filter(|e| e.kind == EntityKind::Person)
            .collect();
        assert!(people.len() > 200, "{} people", people.len());
        for e in &people {
            assert!(!e.roles.is_empty(), "{} has no role", e.name);
        }
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            assert!(
                line.split('\t')
                    .nth(3)
                    .is_some_and(|s| s.contains("official") || s.contains("own site")),
                "no source: {line}"
            );
        }
    }

    #[test]
    fn outlets_and_platforms_read_cleanly() {
        let text = include_str!("../data/organizations.tsv");
        let entries = parse_entries(text).unwrap_or_else(|e| panic!("organizations.tsv {e}"));
        assert!(entries.len() > 150, "{} entries", entries.len());
        assert!(entries.iter().all(|e| e.kind == EntityKind::Organization));
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            assert!(
                line.split('\t')
                    .nth(3)
                    .is_some_and(|s| s.contains("own site")),
                "no source: {line}"
            );
        }
        // Every spelling names one body only.
        let mut seen = std::collections::HashSet::new();
        for e in &entries {
            for n in std::iter::once(e.name.as_str()).chain(e.aliases.split('|')) {
                assert!(n.is_empty() || seen.insert(fold(n)), "{n} is listed twice");
            }
        }
        let twitter = lookup_as("Twitter", EntityKind::Organization);
        assert_eq!(twitter.map(|k| k.name).as_deref(), Some("Twitter"));
        let ap = lookup_as("The Associated Press", EntityKind::Organization);
        assert_eq!(ap.map(|k| k.name).as_deref(), Some("Associated Press"));
    }

    #[test]
    fn foreign_ministers_cover_most_member_states() {
        let text = include_str!("../data/officers.tsv");
        let states: std::collections::HashSet<&str> = text
            .lines()
            .filter(|l| !l.starts_with('#'))
            .filter_map(|l| l.split('\t').nth(4))
            .flat_map(|roles| roles.split(';'))
            .filter_map(|r| r.split('|').next()?.strip_prefix("Foreign Minister of "))
            .collect();
        assert!(states.len() >= 179, "{} states", states.len());
        assert_holders(&[
            (
                "Foreign Minister of Argentina",
                "2024-05-01",
                Some("Diana Mondino"),
            ),
            (
                "Foreign Minister of Argentina",
                "2025-01-01",
                Some("Gerardo Werthein"),
            ),
            // A second term after someone else's.
            (
                "Foreign Minister of Iceland",
                "2024-06-01",
                Some("Þórdís Kolbrún Reykfjörð Gylfadóttir"),
            ),
            (
                "Foreign Minister of Iceland",
                "2024-01-01",
                Some("Bjarni Benediktsson"),
            ),
            // A head of state from people.tsv who held the post before: the roles join.
            (
                "Foreign Minister of Ethiopia",
                "2024-06-01",
                Some("Taye Atske Selassie"),
            ),
            (
                "President of Ethiopia",
                "2025-01-01",
                Some("Taye Atske Selassie"),
            ),
            // An open term checked only to mid-2025 says nothing about later days.
            (
                "Foreign Minister of Vietnam",
                "2025-03-01",
                Some("Bùi Thanh Sơn"),
            ),
            ("Foreign Minister of Vietnam", "2025-10-01", None),
        ]);
        assert_known(
            EntityKind::Person,
            &[
                ("Bui Thanh Son", "Bùi Thanh Sơn"),
                ("Timco Mucunski", "Timčo Mucunski"),
                ("Therese Kayikwamba Wagner", "Thérèse Kayikwamba Wagner"),
            ],
        );
    }

    #[test]
    fn international_officers_and_foreign_ministers_are_known_with_their_terms() {
        assert_known(
            EntityKind::Person,
            &[
                ("Ban Ki Moon", "Ban Ki-moon"),
                ("Kristalina Georgieva", "Kristalina Georgieva"),
                ("Tedros Adhanom", "Tedros Adhanom Ghebreyesus"),
                ("Mevlut Cavusoglu", "Mevlüt Çavuşoğlu"),
                ("Dmitry Kuleba", "Dmytro Kuleba"),
            ],
        );
        assert_holders(&[
            (
                "Secretary General of NATO",
                "2020-01-01",
                Some("Jens Stoltenberg"),
            ),
            (
                "Secretary General of NATO",
                "2025-01-01",
                Some("Mark Rutte"),
            ),
            (
                "Foreign Minister of Japan",
                "2022-06-01",
                Some("Yoshimasa Hayashi"),
            ),
            // Two terms with another holder between them.
            ("Foreign Minister of China", "2023-03-01", Some("Qin Gang")),
            ("Foreign Minister of China", "2024-03-01", Some("Wang Yi")),
            (
                "Foreign Minister of the United Kingdom",
                "2019-01-01",
                Some("Jeremy Hunt"),
            ),
            // Before the first holder the file knows.
            ("Foreign Minister of the United Kingdom", "2010-01-01", None),
        ]);
        // The file was checked up to a day: past it, no one is said to hold an office.
        assert_eq!(holder("Secretary General of NATO", day("2027-01-01")), None);
        // A successor not yet known: the last checked day bounds the guess.
        let opcw = "Director-General of the Organisation for the Prohibition of Chemical Weapons";
        assert_eq!(
            holder(opcw, day("2022-01-01")).as_deref(),
            Some("Fernando Arias")
        );
        assert_eq!(holder(opcw, day("2030-01-01")), None);
        // Bodies by their acronyms and other spellings; a body is not a person.
        assert_known(
            EntityKind::Organization,
            &[
                ("IAEA", "International Atomic Energy Agency"),
                ("World Health Organisation", "World Health Organization"),
                ("North Atlantic Treaty Organization", "NATO"),
            ],
        );
        assert_eq!(lookup_as("IAEA", EntityKind::Person), None);
    }

    #[test]
    fn users_add_office_holders_with_their_dates() {
        let added = add_user_entries(
            "Piet Salo\tperson\tP. Salo\tNorland gazette\tForeign Minister of Norland|2019-03-01|2023-06-01\n\
             Tomas Lindqvist\tperson\tLindqvist\tNorland gazette\tForeign Minister of Norland|2023-06-01|\n",
        )
        .unwrap();
        assert_eq!(added, 2);
        let fm = "Foreign Minister of Norland";
        assert_eq!(holder(fm, day("2021-01-10")).as_deref(), Some("Piet Salo"));
        // The day one leaves is the next one's first.
        assert_eq!(
            holder(fm, day("2023-06-01")).as_deref(),
            Some("Tomas Lindqvist")
        );
        assert_eq!(holder(fm, day("2023-05-31")).as_deref(), Some("Piet Salo"));
        assert_eq!(
            holder(fm, day("2024-02-02")).as_deref(),
            Some("Tomas Lindqvist")
        );
        assert_eq!(holder(fm, day("2018-12-31")), None);
        // A user's one-word alias stands: the user vouches for it.
        assert_eq!(
            lookup_as("Lindqvist", EntityKind::Person)
                .map(|k| k.name)
                .as_deref(),
            Some("Tomas Lindqvist")
        );
        let err = add_user_entries("Ana Ruiz\tperson\t\tsrc\tMayor of Eastport|last spring|\n")
            .unwrap_err();
        assert!(err.to_string().contains("not a date"), "{err}");
    }

    #[test]
    fn one_letter_apart() {
        assert!(one_edit_apart("volodymr", "volodymyr"));
        assert!(one_edit_apart("orlov", "orlof"));
        assert!(!one_edit_apart("orlov", "orlova2"));
        assert!(!one_edit_apart("ines", "irena"));
    }
}
