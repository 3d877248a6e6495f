//! Article metadata read off the lines around the body: the headline, the byline and the
//! language.

use parallax_text::words;

use crate::lines::LineStats;

/// How many lines above the body the headline may sit. Between them come bylines, dates,
/// share bars and standfirsts, rarely more than a dozen lines.
const TITLE_WINDOW: usize = 25;

/// Could this line be a headline? Headlines are a few words to a long sentence, start with a
/// capital, a digit or a quote, do not end in a full stop, and have no widget words.
pub fn is_headline(text: &str, s: &LineStats) -> bool {
    let first = text.chars().next();
    (3..=30).contains(&s.words)
        && s.chars <= 250
        && !s.ends_colon
        && !(s.ends_sentence && text.trim_end().ends_with('.'))
        && s.widget == 0
        && s.glued == 0
        && !s.bullet
        && !s.link_like
        && !s.byline
        && !s.copyright
        && !s.has_date
        && s.separators == 0
        && first.is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"'“‘«".contains(c))
}

/// The index of the headline among `lines`, searching upwards from the first body line
/// `body_start`. `skip(i)` marks lines already known to be something else (a credit, a date).
pub fn find_title(
    lines: &[(&str, &LineStats)],
    body_start: usize,
    skip: impl Fn(usize) -> bool,
) -> Option<usize> {
    let lo = body_start.saturating_sub(TITLE_WINDOW);
    (lo..body_start)
        .rev()
        .find(|&i| !skip(i) && is_headline(lines[i].0, lines[i].1))
}

/// Words that describe a job, not a person: a byline part made of them is dropped.
const JOB_WORDS: &[&str] = &[
    "analyst",
    "associate",
    "bureau",
    "chief",
    "columnist",
    "contributor",
    "correspondent",
    "desk",
    "director",
    "editor",
    "editorial",
    "managing",
    "news",
    "producer",
    "professor",
    "reporter",
    "reporting",
    "senior",
    "staff",
    "team",
    "writer",
];

/// The names in a byline: "By Ana Ruiz and Tom Hale, Staff Writers | March 3, 2024" gives
/// `["Ana Ruiz", "Tom Hale"]`.
pub fn byline_names(line: &str) -> Vec<String> {
    let lower = line.to_lowercase();
    let mut rest = line;
    for prefix in [
        "written by",
        "posted by",
        "reported by",
        "words by",
        "authors:",
        "author:",
        "by",
    ] {
        if lower.trim_start().starts_with(prefix) {
            let at = lower.find(prefix).unwrap_or(0) + prefix.len();
            rest = &line[at..];
            break;
        }
    }
    // What follows a separator or a date is not a name.
    let cut = rest
        .find(['|', '•', '·', '—', '–', '(', '\n'])
        .into_iter()
        .chain(rest.find(" - "))
        .chain(rest.find(char::is_numeric))
        .chain(
            ["Published", "Updated", "Posted", "Last"]
                .iter()
                .filter_map(|w| rest.find(w)),
        )
        .min()
        .unwrap_or(rest.len());
    let rest = &rest[..cut];
    let mut names = Vec::new();
    for part in rest.split([',', ';', '&']).flat_map(|p| p.split(" and ")) {
        let ws: Vec<&str> = words(part).map(|w| w.text).collect();
        let is_name = (1..=4).contains(&ws.len())
            && ws
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            && !ws
                .iter()
                .any(|w| JOB_WORDS.contains(&w.to_lowercase().as_str()));
        if is_name {
            let name = part.trim().trim_end_matches('.');
            if !names.iter().any(|n| n == name) {
                names.push(name.to_string());
            }
        }
    }
    names
}

/// How much of the text language detection reads.
const LANGUAGE_SAMPLE_BYTES: usize = 600;

/// ISO 639-1 code of the language `text` is written in, when the detector is confident.
pub fn language(text: &str) -> Option<&'static str> {
    // A few thousand characters settle the language as well as the whole text does, at a
    // fraction of the cost on long pages.
    let mut end = text.len().min(LANGUAGE_SAMPLE_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let sample = &text[..end];
    if text.len() >= 400 && plainly_english(sample) {
        return Some("en");
    }
    let info = whatlang::detect(sample)?;
    if !info.is_reliable() && text.len() < 400 {
        return None;
    }
    Some(iso639_1(info.lang()))
}

/// Words that English prose is full of and other languages written in Latin letters are
/// not (no "a", "in", "on" or "was", which French, German or Italian use too); sorted.
const ENGLISH_MARKERS: [&str; 28] = [
    "and", "are", "been", "but", "from", "had", "has", "have", "he", "her", "his", "it", "not",
    "of", "said", "she", "that", "the", "their", "they", "this", "to", "were", "which", "who",
    "with", "would", "you",
];

/// A sample of forty words or more, a tenth of them [`ENGLISH_MARKERS`]: English, without
/// asking the trigram detector, which reads every Latin-script language's profile and took
/// a twentieth of `parallax analyze`'s time on English news. Over the development sets'
/// 3,700 texts, English samples hold 10-35% markers (a few fewer, and go to the detector),
/// the others at most 2.5%, and the detector says English wherever this does.
fn plainly_english(sample: &str) -> bool {
    let (mut words, mut markers) = (0u32, 0u32);
    let mut lower = [0u8; 5];
    for w in sample
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        if w.len() <= lower.len() {
            let lower = &mut lower[..w.len()];
            lower.copy_from_slice(w.as_bytes());
            lower.make_ascii_lowercase();
            if ENGLISH_MARKERS
                .binary_search_by(|m| m.as_bytes().cmp(lower))
                .is_ok()
            {
                markers += 1;
            }
        }
    }
    words >= 40 && markers * 10 >= words
}

/// whatlang names languages by ISO 639-3; the contract wants ISO 639-1.
fn iso639_1(lang: whatlang::Lang) -> &'static str {
    use whatlang::Lang::*;
    match lang {
        Epo => "eo",
        Eng => "en",
        Rus => "ru",
        Cmn => "zh",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Ben => "bn",
        Fra => "fr",
        Deu => "de",
        Ukr => "uk",
        Kat => "ka",
        Ara => "ar",
        Hin => "hi",
        Jpn => "ja",
        Heb => "he",
        Yid => "yi",
        Pol => "pl",
        Amh => "am",
        Jav => "jv",
        Kor => "ko",
        Nob => "nb",
        Dan => "da",
        Swe => "sv",
        Fin => "fi",
        Tur => "tr",
        Nld => "nl",
        Hun => "hu",
        Ces => "cs",
        Ell => "el",
        Bul => "bg",
        Bel => "be",
        Mar => "mr",
        Kan => "kn",
        Ron => "ro",
        Slv => "sl",
        Hrv => "hr",
        Srp => "sr",
        Mkd => "mk",
        Lit => "lt",
        Lav => "lv",
        Est => "et",
        Tam => "ta",
        Vie => "vi",
        Urd => "ur",
        Tha => "th",
        Guj => "gu",
        Uzb => "uz",
        Pan => "pa",
        Aze => "az",
        Ind => "id",
        Tel => "te",
        Pes => "fa",
        Mal => "ml",
        Ori => "or",
        Mya => "my",
        Nep => "ne",
        Sin => "si",
        Khm => "km",
        Tuk => "tk",
        Aka => "ak",
        Zul => "zu",
        Sna => "sn",
        Afr => "af",
        Lat => "la",
        Slk => "sk",
        Cat => "ca",
        Tgl => "tl",
        Hye => "hy",
        Cym => "cy",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headlines() {
        let yes = [
            "Council Votes to Close Old Bridge",
            "5 things to know about the river vote",
            "“We will rebuild,” mayor vows",
        ];
        for h in yes {
            assert!(is_headline(h, &LineStats::of(h)), "{h}");
        }
        let no = [
            "Home",
            "Subscribe to our newsletter",
            "The council voted on Tuesday to close the bridge.",
            "By Ana Ruiz",
            "Friday, March 29, 2024",
            "News | World | Europe",
        ];
        for h in no {
            assert!(!is_headline(h, &LineStats::of(h)), "{h}");
        }
    }

    #[test]
    fn bylines() {
        assert_eq!(
            byline_names("By Ana Ruiz and Tom Hale, Staff Writers | March 3, 2024"),
            ["Ana Ruiz", "Tom Hale"]
        );
        assert_eq!(byline_names("Written by Lena Ortiz"), ["Lena Ortiz"]);
        assert_eq!(
            byline_names("By Mei Chen, Senior Correspondent"),
            ["Mei Chen"]
        );
        assert_eq!(
            byline_names("By Jo Park - Published 3 hours ago"),
            ["Jo Park"]
        );
        assert!(byline_names("By the river").is_empty());
    }

    #[test]
    fn languages() {
        assert_eq!(
            language(
                "The council voted on Tuesday to close the old bridge for repairs, officials said, and the work will take a year."
            ),
            Some("en")
        );
        assert_eq!(
            language(
                "Le conseil municipal a voté mardi la fermeture du vieux pont pour des travaux qui dureront un an."
            ),
            Some("fr")
        );
        assert_eq!(language("ok"), None);
    }

    #[test]
    fn plain_english_skips_the_detector_and_nothing_else_does() {
        let english = "The mayor of Dalby said on Monday that the river had risen to its \
            highest level in a decade, and that the council would open two shelters. \
            Residents who live near the water were told to move their cars, she said, \
            and the ferry has not run since the weekend.";
        assert!(plainly_english(english));
        assert_eq!(language(english), Some("en"));
        let french = "Le maire de Dalby a déclaré lundi que la rivière avait atteint son plus \
            haut niveau depuis dix ans et que le conseil ouvrirait deux abris. Les habitants \
            qui vivent près de l'eau doivent déplacer leurs voitures, a-t-elle dit, et le bac \
            ne circule plus depuis le week-end.";
        assert!(!plainly_english(french));
        assert_eq!(language(french), Some("fr"));
        let german = "Der Bürgermeister von Dalby sagte am Montag, der Fluss habe den höchsten \
            Stand seit zehn Jahren erreicht, und der Rat werde zwei Notunterkünfte öffnen. \
            Anwohner am Wasser sollen ihre Autos umparken, sagte sie, und die Fähre fährt \
            seit dem Wochenende nicht mehr.";
        assert!(!plainly_english(german));
        // Too few words to say.
        assert!(!plainly_english(
            "The river rose, and the ferry has not run."
        ));
    }
}
