//! Stance: does a text affirm a claim, deny it, report it without taking a side, or not
//! speak of it at all?
//!
//! [`features`] turns a (claim, text) pair into a row of numbers: how much of the claim the
//! text repeats and where, and the words that refute, hedge, confirm or negate near it.
//! [`StanceModel`] reads the row with three gradient-boosted tree ensembles in a cascade, each
//! a binary question the data answers well on its own:
//!
//! 1. is the text about the claim at all (related vs unrelated)?
//! 2. if so, does it deny the claim?
//! 3. if not, does it affirm the claim, or only report it?
//!
//! Denials are rare (about one related pair in sixteen in the development data) and are most
//! often mistaken for reports, so the second model learns denials against every other related
//! pair, and its threshold is chosen in training for the F1 of denials, not left at one half.
//!
//! This crate knows nothing of documents, stores or the command line. It may depend on
//! `parallax-text` (words, function words), `parallax-learn` (the trees), `rust-stemmers`,
//! `foldhash` and `thiserror`.

mod features;

use std::sync::LazyLock;

use parallax_learn::{Gbdt, ModelError};
use thiserror::Error;

pub use features::{FEATURE_NAMES, features};

/// What a text does with a claim, named as in the command-line contract.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stance {
    Affirm,
    Deny,
    Report,
    Unrelated,
}

impl Stance {
    pub const ALL: [Stance; 4] = [
        Stance::Affirm,
        Stance::Deny,
        Stance::Report,
        Stance::Unrelated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Affirm => "affirm",
            Stance::Deny => "deny",
            Stance::Report => "report",
            Stance::Unrelated => "unrelated",
        }
    }

    /// Reads the contract's names and FNC-1's (agree, disagree, discuss).
    pub fn parse(s: &str) -> Option<Stance> {
        match s.trim().to_ascii_lowercase().as_str() {
            "affirm" | "agree" => Some(Stance::Affirm),
            "deny" | "disagree" => Some(Stance::Deny),
            "report" | "discuss" => Some(Stance::Report),
            "unrelated" => Some(Stance::Unrelated),
            _ => None,
        }
    }
}

#[derive(Debug, Error)]
pub enum Error {
    #[error("stance model, part `{part}`: {source}")]
    Model {
        part: &'static str,
        #[source]
        source: ModelError,
    },
    #[error("stance model: {0}")]
    Format(String),
}

/// The three cascaded ensembles and the probability each must pass.
#[derive(Debug, Clone)]
pub struct StanceModel {
    pub related: Gbdt,
    pub deny: Gbdt,
    pub affirm: Gbdt,
    pub thresholds: Thresholds,
}

/// The probability above which each question of the cascade is answered yes.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    pub related: f32,
    pub deny: f32,
    pub affirm: f32,
}

impl Default for Thresholds {
    fn default() -> Thresholds {
        Thresholds {
            related: 0.5,
            deny: 0.5,
            affirm: 0.5,
        }
    }
}

/// The three parts in the order they are stored, with their names in the model text.
const PARTS: [&str; 3] = ["related", "deny", "affirm"];

static SHIPPED: &str = include_str!("../models/stance.txt");

static MODEL: LazyLock<Result<StanceModel, Error>> =
    LazyLock::new(|| StanceModel::from_text(SHIPPED));

impl StanceModel {
    /// The model compiled into Parallax, trained by `examples/train_stance.rs`.
    pub fn shipped() -> Result<&'static StanceModel, &'static Error> {
        MODEL.as_ref()
    }

    /// The stance of `text` towards `claim`.
    pub fn classify(&self, claim: &str, text: &str) -> Stance {
        self.decide(&features(claim, text))
    }

    /// The stance for a feature row from [`features`].
    pub fn decide(&self, row: &[f32]) -> Stance {
        let p = self.probabilities(row);
        if p[0] < self.thresholds.related {
            Stance::Unrelated
        } else if p[1] >= self.thresholds.deny {
            Stance::Deny
        } else if p[2] < self.thresholds.affirm {
            Stance::Report
        } else {
            Stance::Affirm
        }
    }

    /// The three probabilities: related; denies, given related; affirms rather than reports,
    /// given related and no denial.
    pub fn probabilities(&self, row: &[f32]) -> [f32; 3] {
        [
            self.related.predict(row),
            self.deny.predict(row),
            self.affirm.predict(row),
        ]
    }

    /// The model as text: a `thresholds` line, then each part after a `part NAME` line.
    pub fn to_text(&self) -> String {
        let t = self.thresholds;
        let mut out = format!(
            "parallax-stance 1\nthresholds {} {} {}\n",
            t.related, t.deny, t.affirm
        );
        for (name, gbdt) in PARTS.iter().zip([&self.related, &self.deny, &self.affirm]) {
            out.push_str(&format!("part {name}\n"));
            out.push_str(&gbdt.to_text());
        }
        out
    }

    /// Reads a model written by [`StanceModel::to_text`]; every part must read exactly the
    /// features this build computes.
    pub fn from_text(text: &str) -> Result<StanceModel, Error> {
        let mut lines = text.split_inclusive('\n');
        if lines.next().map(str::trim) != Some("parallax-stance 1") {
            return Err(Error::Format("not a parallax-stance 1 model".into()));
        }
        let thresholds = lines
            .next()
            .and_then(|l| l.trim().strip_prefix("thresholds "))
            .map(|rest| {
                rest.split_whitespace()
                    .map(|v| v.parse::<f32>().ok().filter(|p| (0.0..=1.0).contains(p)))
                    .collect::<Option<Vec<f32>>>()
            })
            .and_then(|v| match v.as_deref() {
                Some(&[related, deny, affirm]) => Some(Thresholds {
                    related,
                    deny,
                    affirm,
                }),
                _ => None,
            })
            .ok_or_else(|| Error::Format("expected `thresholds <p> <p> <p>`, each 0..1".into()))?;
        let mut parts: Vec<(String, String)> = Vec::new();
        for line in lines {
            if let Some(name) = line.trim().strip_prefix("part ") {
                parts.push((name.to_string(), String::new()));
            } else if let Some((_, body)) = parts.last_mut() {
                body.push_str(line);
            } else if !line.trim().is_empty() {
                return Err(Error::Format("text before the first `part` line".into()));
            }
        }
        let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
        if names != PARTS {
            return Err(Error::Format(format!(
                "expected parts {PARTS:?}, found {names:?}"
            )));
        }
        let mut gbdts = Vec::with_capacity(3);
        for (part, (_, body)) in PARTS.iter().zip(&parts) {
            let gbdt = Gbdt::from_text(body)
                .and_then(|g| g.check_features(&FEATURE_NAMES).map(|()| g))
                .map_err(|source| Error::Model { part, source })?;
            gbdts.push(gbdt);
        }
        let mut gbdts = gbdts.into_iter();
        match (gbdts.next(), gbdts.next(), gbdts.next()) {
            (Some(related), Some(deny), Some(affirm)) => Ok(StanceModel {
                related,
                deny,
                affirm,
                thresholds,
            }),
            _ => Err(Error::Format("missing a part".into())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_round_trip_and_accept_fnc_names() {
        for s in Stance::ALL {
            assert_eq!(Stance::parse(s.as_str()), Some(s));
        }
        assert_eq!(Stance::parse("Disagree"), Some(Stance::Deny));
        assert_eq!(Stance::parse("maybe"), None);
    }

    #[test]
    fn shipped_model_loads_and_round_trips() {
        let model = match StanceModel::shipped() {
            Ok(m) => m,
            Err(e) => panic!("shipped stance model: {e}"),
        };
        let again = match StanceModel::from_text(&model.to_text()) {
            Ok(m) => m,
            Err(e) => panic!("re-read: {e}"),
        };
        assert_eq!(again.thresholds, model.thresholds);
        assert_eq!(again.related, model.related);
    }

    const CLAIM: &str = "Norland's harbour board agrees to freeze ferry fares";

    fn shipped() -> &'static StanceModel {
        match StanceModel::shipped() {
            Ok(m) => m,
            Err(e) => panic!("shipped stance model: {e}"),
        }
    }

    #[test]
    fn a_confirming_report_affirms() {
        let text = "The harbour board of Norland voted on Wednesday to freeze ferry fares for \
            another year, officials confirmed.\n\nThe chair of the harbour board said the freeze \
            on ferry fares would take effect in March. The decision was announced after a \
            three-hour meeting, and the board confirmed that fares will stay at last year's level.";
        assert_eq!(shipped().classify(CLAIM, text), Stance::Affirm);
    }

    #[test]
    fn a_denial_denies() {
        let text = "The harbour board of Norland has denied reports that it agreed to freeze \
            ferry fares, calling the story false.\n\n\"There is no agreement to freeze fares. \
            That report is simply not true,\" the board's spokeswoman said. Claims circulating \
            online that ferry fares would be frozen are a hoax, she added.";
        assert_eq!(shipped().classify(CLAIM, text), Stance::Deny);
    }

    #[test]
    fn hedged_coverage_reports() {
        let text = "Norland's harbour board may freeze ferry fares for another year, according \
            to reports in local media.\n\nThe board has reportedly discussed a freeze on ferry \
            fares, but it is unclear whether a vote will take place. A spokeswoman declined to \
            comment on the claims, and it could not be confirmed whether fares would be frozen.";
        assert_eq!(shipped().classify(CLAIM, text), Stance::Report);
    }

    #[test]
    fn another_subject_is_unrelated() {
        let text = "A new bakery opened in Estmark's old town square on Saturday, drawing long \
            queues.\n\nThe owner, who trained in Vienna, said she hoped to sell rye bread and \
            cinnamon rolls to commuters. The shop will open at six every morning except Sunday.";
        assert_eq!(shipped().classify(CLAIM, text), Stance::Unrelated);
        assert_eq!(shipped().classify(CLAIM, ""), Stance::Unrelated);
    }

    #[test]
    fn broken_models_are_refused_with_a_reason() {
        assert!(StanceModel::from_text("").is_err());
        assert!(StanceModel::from_text("parallax-stance 1\nthresholds 0.5 0.5\n").is_err());
        let Ok(model) = StanceModel::shipped() else {
            panic!("shipped model")
        };
        let text = model.to_text().replacen("part deny", "part denial", 1);
        let err = StanceModel::from_text(&text).err().map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("expected parts")));
    }
}
