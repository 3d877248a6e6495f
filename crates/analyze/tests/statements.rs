//! Statements as `analyze_text` finds them (the shipped tagger, its grouping, speaker
//! resolution and source chains), on short articles written for these tests.

use chrono::NaiveDate;
use parallax_analyze::analyze_text;

/// One line per statement: `kind mention => name | cue | content parts | via | time`, with
/// ` [deny]` at the end when the statement denies. `?` is a speaker the article never
/// names; `-` an absent piece.
fn check(text: &str) -> Vec<String> {
    // A Friday.
    let published = NaiveDate::from_ymd_opt(2025, 3, 14);
    analyze_text(text, published)
        .statements
        .iter()
        .map(|s| {
            let parts: Vec<&str> = s.content.spans().iter().map(|c| c.slice(text)).collect();
            format!(
                "{} {} => {} | {} | {} | {} | {}{}",
                s.kind.as_str(),
                s.speaker
                    .mention
                    .as_ref()
                    .map_or("-".to_string(), |m| m.text(text)),
                s.speaker.name.as_deref().unwrap_or("?"),
                s.cue
                    .as_ref()
                    .map_or("-".to_string(), |c| c.parts.text(text)),
                parts.join(" // "),
                s.via.join(", "),
                s.time.as_deref().unwrap_or("-"),
                if s.polarity.as_str() == "deny" {
                    " [deny]"
                } else {
                    ""
                },
            )
        })
        .collect()
}

#[test]
fn direct_speech_in_every_position() {
    assert_eq!(
        check(
            "“We heard the islanders,” the board's chair told reporters. Then the vote was held."
        ),
        ["direct the board's chair => ? | told | “We heard the islanders,” |  | -"]
    );
    assert_eq!(
        check("Port director Tom Reyes said in a statement: “The port stays open.”"),
        [
            "direct Port director Tom Reyes => Tom Reyes | said in a statement: | “The port stays open.” |  | -"
        ]
    );
    // Straight quotes, and the speaker after the cue.
    assert_eq!(
        check("\"It is over,\" said Ines Varga, the chair of the ferry board."),
        [
            "direct Ines Varga, the chair of the ferry board => Ines Varga | said | \"It is over,\" |  | -"
        ]
    );
}

#[test]
fn split_quotes_and_quotes_across_paragraphs() {
    assert_eq!(
        check("“We will rebuild,” she said. “Nobody is leaving.” The council agreed."),
        ["direct she => ? | said | “We will rebuild,” // “Nobody is leaving.” |  | -"]
    );
    let text = "Ines Varga chairs the board.\n\nVarga said: “The fares stay. The boats stay.\n\n“And the winter sailings stay too,” she added.";
    assert_eq!(
        check(text),
        [
            "direct Varga => Ines Varga | said: | “The fares stay. The boats stay |  | -",
            "direct she => Ines Varga | added | “And the winter sailings stay too,” |  | -"
        ]
    );
}

#[test]
fn a_colon_introduces_the_quote_in_the_next_paragraph() {
    let text = "The minister told the assembly:\n\n“There will be no new taxes this year, whatever the deficit says.”";
    assert_eq!(
        check(text),
        [
            "direct The minister => ? | told | “There will be no new taxes this year, whatever the deficit says.” |  | - [deny]"
        ]
    );
}

#[test]
fn reported_speech_after_many_cues() {
    assert_eq!(
        check(
            "The spokeswoman, Amara Osei, insisted that the ferry had been inspected in January."
        ),
        [
            "indirect The spokeswoman, Amara Osei, => Amara Osei | insisted | that the ferry had been inspected in January |  | -"
        ]
    );
    assert_eq!(
        check("She urged both sides to return to the table."),
        ["indirect She => ? | urged | both sides to return to the table |  | -"]
    );
    assert_eq!(
        check("According to the coast guard, three boats were damaged in the storm."),
        [
            "indirect the coast guard => ? | According to | three boats were damaged in the storm |  | -"
        ]
    );
    assert_eq!(
        check("The council's statement described the closure as temporary."),
        ["indirect The council's => ? | statement described | the closure as temporary |  | -"]
    );
}

#[test]
fn a_partial_quote_makes_a_mixed_statement() {
    assert_eq!(
        check("She said the plan was “dead on arrival” and would be withdrawn."),
        ["mixed She => ? | said | the plan was “dead on arrival” and would be withdrawn |  | -"]
    );
}

#[test]
fn appositions_name_the_speaker() {
    assert_eq!(
        check(
            "Karel Novak, the deputy head of the port authority, said the strike had cost the town dearly."
        ),
        [
            "indirect Karel Novak, the deputy head of the port authority, => Karel Novak | said | the strike had cost the town dearly |  | -"
        ]
    );
}

#[test]
fn capitals_and_seats_stand_for_their_governments() {
    assert_eq!(
        check("Moscow said the talks had failed, according to TASS."),
        ["indirect Moscow => Government of Russia | said | the talks had failed | TASS | -"]
    );
    assert_eq!(
        check(
            "As The Guardian reports, the Kremlin rejected claims that it had ordered the strike."
        ),
        [
            "indirect the Kremlin => Government of Russia | rejected claims | that it had ordered the strike | The Guardian | - [deny]"
        ]
    );
}

#[test]
fn source_chains() {
    assert_eq!(
        check("The senator told Meet the Press that the bill would pass."),
        ["indirect The senator => ? | told | that the bill would pass | Meet the Press | -"]
    );
    // The person told is whom the speaker spoke to, not a channel; a host's outlet is.
    assert_eq!(
        check("Tomas Lind told Ines Varga that the ferry would sail on time."),
        ["indirect Tomas Lind => Tomas Lind | told | that the ferry would sail on time |  | -"]
    );
    assert_eq!(
        check("Tomas Lind told Ines Varga of Radio North that the ferry would sail on time."),
        [
            "indirect Tomas Lind => Tomas Lind | told | that the ferry would sail on time | Radio North | -"
        ]
    );
    // The cue is "wrote" or, by PolNeAR's convention, "wrote in her Telegram channel";
    // either way the channel is in `via`.
    let got =
        check("Ines Varga wrote in her Telegram channel that the ferry would sail on Monday.");
    assert_eq!(got.len(), 1);
    assert!(got[0].starts_with("indirect Ines Varga => Ines Varga | wrote"));
    assert!(got[0].ends_with("| that the ferry would sail on Monday | Telegram channel | -"));
    // "citing" names a channel of the statement, not a second statement.
    assert_eq!(
        check(
            "The ministry said on Monday, citing reports from the front, that the ceasefire was holding."
        ),
        [
            "indirect The ministry => ? | said | that the ceasefire was holding | reports | 2025-03-10"
        ]
    );
    assert_eq!(
        check("Citing intelligence reports, the White House said the ceasefire was holding."),
        [
            "indirect the White House => Government of the United States | said | the ceasefire was holding | intelligence reports | -"
        ]
    );
}

#[test]
fn denials_and_times() {
    assert_eq!(
        check("The ministry denied that its troops had crossed the border."),
        [
            "indirect The ministry => ? | denied | that its troops had crossed the border |  | - [deny]"
        ]
    );
    assert_eq!(
        check(
            "The transport minister, Lena Brandt, has not tried to reach the union, her office said."
        ),
        [
            "indirect her office => ? | said | The transport minister, Lena Brandt, has not tried to reach the union |  | - [deny]"
        ]
    );
    assert_eq!(
        check("The operator said there was no plan to close the route."),
        ["indirect The operator => ? | said | there was no plan to close the route |  | - [deny]"]
    );
    // The Saturday before a Friday publication; "last Wednesday" is the one before.
    assert_eq!(
        check("The harbour master warned on Saturday that the pier could collapse."),
        [
            "indirect The harbour master => ? | warned | that the pier could collapse |  | 2025-03-08"
        ]
    );
    assert_eq!(
        check("Last Wednesday the mayor said the bridge would reopen in May."),
        ["indirect the mayor => ? | said | the bridge would reopen in May |  | 2025-03-12"]
    );
}

#[test]
fn scare_quotes_and_titles_are_not_statements() {
    assert_eq!(
        check("The so-called “woke” agenda was debated at length in the chamber."),
        Vec::<String>::new()
    );
    assert_eq!(
        check("The novel “A Harbour in Winter” won the prize last year."),
        Vec::<String>::new()
    );
}

#[test]
fn a_quote_with_no_speaker_says_so() {
    assert_eq!(
        check(
            "The crowd fell silent.\n\n“We will not be moved from this harbour by anyone, whatever the council decides.”"
        ),
        [
            "direct - => ? | - | “We will not be moved from this harbour by anyone, whatever the council decides.” |  | - [deny]"
        ]
    );
}

#[test]
fn nested_quotes_stay_inside_their_statement() {
    assert_eq!(
        check("“The captain said ‘hold the line’ and we did,” a deckhand said."),
        ["direct a deckhand => ? | said | “The captain said ‘hold the line’ and we did,” |  | -"]
    );
}

#[test]
fn an_unbalanced_quote_ends_with_its_paragraph() {
    let text = "“The fares will rise, the mayor said on Tuesday.\n\nThe council met on Friday and voted the rise down.";
    let analysis = analyze_text(text, None);
    let second = text.find("The council").unwrap();
    assert!(!analysis.statements.is_empty());
    for s in &analysis.statements {
        assert!(
            s.content.cover().end <= second,
            "{:?}",
            s.content.text(text)
        );
    }
}

#[test]
fn participles_report_for_the_subject_before_them() {
    assert_eq!(
        check(
            "Norland on Monday rejected claims by Estmark that a truce had been agreed, saying that its patrols had been fired on overnight."
        ),
        [
            "indirect Norland => Norland | rejected claims | that a truce had been agreed |  | 2025-03-10 [deny]",
            "indirect Norland => Norland | saying | that its patrols had been fired on overnight |  | 2025-03-10"
        ]
    );
}

#[test]
fn refusals_to_comment_are_not_statements() {
    assert_eq!(
        check("The council has not commented on either account."),
        Vec::<String>::new()
    );
    assert_eq!(
        check("A spokesman for the operator declined to comment on the report."),
        Vec::<String>::new()
    );
}

/// Random mixes of words, quote marks of every style, punctuation and paragraph breaks:
/// analysis never panics and every span it returns lies on character boundaries inside the
/// text.
#[test]
fn transcripts_and_dash_credits_attribute_by_layout() {
    let got = check(
        "Radio host Piet Salo spoke to the mayor, Ines Varga, on Sunday.\n\n\
         \"SALO: Will the fares rise?\n\n\
         \"VARGA: Not this year.\n\n\
         \"We have the money for it.\n\n\
         Listeners wrote in.\n\n\
         “The buses never come on time.” ― Tomas Lind",
    );
    assert!(
        got.contains(&"direct SALO => Piet Salo | : | Will the fares rise? |  | -".to_string()),
        "{got:#?}"
    );
    assert!(
        got.contains(
            &"direct VARGA => Ines Varga | : | Not this year. // We have the money for it. |  | -"
                .to_string()
        ),
        "{got:#?}"
    );
    assert!(
        got.contains(
            &"direct Tomas Lind => Tomas Lind | ― | “The buses never come on time.” |  | -"
                .to_string()
        ),
        "{got:#?}"
    );
}

#[test]
fn random_text_never_panics() {
    const PIECES: &[&str] = &[
        "said",
        "she",
        "Varga",
        "told",
        "the",
        "ministry",
        "according",
        "to",
        "that",
        "denied",
        "“",
        "”",
        "\"",
        "'",
        "‘",
        "’",
        "«",
        "»",
        "„",
        ",",
        ".",
        ":",
        ";",
        "—",
        "\n\n",
        "\n",
        " ",
        "citing",
        "saying",
        "reports",
        "Kyiv",
        "so-called",
        "not",
        "é",
        "日本",
        "😀",
    ];
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..400 {
        let len = (next() % 120) as usize;
        let mut text = String::new();
        for _ in 0..len {
            text.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
            if next() % 3 == 0 {
                text.push(' ');
            }
        }
        let analysis = analyze_text(&text, NaiveDate::from_ymd_opt(2025, 1, 1));
        for s in &analysis.statements {
            let mut spans: Vec<parallax_model::Span> = s.content.spans().to_vec();
            if let Some(c) = &s.cue {
                spans.extend(c.parts.spans());
            }
            if let Some(m) = &s.speaker.mention {
                spans.extend(m.spans());
            }
            for sp in spans {
                assert!(
                    sp.start <= sp.end && sp.end <= text.len(),
                    "{sp:?} in {text:?}"
                );
                assert!(text.is_char_boundary(sp.start) && text.is_char_boundary(sp.end));
            }
        }
    }
}

#[test]
fn a_reason_cited_and_a_second_verb_belong_to_the_same_speaker() {
    // What follows "citing" is a channel when it names one ("citing reports", above), and
    // otherwise the reason the speaker gave: a statement of the speaker's own.
    let got = check(
        "Mayor Ines Varga said the harbour would close on Monday, citing a threat to public safety.",
    );
    assert!(
        got.iter().any(|s| s.starts_with(
            "indirect Mayor Ines Varga => Ines Varga | citing | a threat to public safety"
        )),
        "{got:#?}"
    );
    // A verb joined by "and" reports for the subject of the verb before it.
    let got = check("Ines Varga denied the report and said the fares would stay the same.");
    assert!(
        got.iter().any(|s| s.starts_with(
            "indirect Ines Varga => Ines Varga | said | the fares would stay the same"
        )),
        "{got:#?}"
    );
}
