//! Entities on articles written for these tests: the shipped tagger and the gathering of
//! mentions into one entity per person, organisation or place.

#![allow(clippy::unwrap_used)]

use parallax_analyze::analyze_text;
use parallax_model::{Analysis, EntityKind};

fn entity<'a>(a: &'a Analysis, name: &str) -> &'a parallax_model::Entity {
    a.entities
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| {
            let names: Vec<_> = a.entities.iter().map(|e| (&e.name, e.kind)).collect();
            panic!("no entity {name:?} in {names:?}")
        })
}

const ARTICLE: &str = "\
The mayor of Tarnow, Helena Brandt, said on Tuesday that the city would close the old bridge over the Vistula for repairs.

Brandt told reporters that engineers from the National Roads Agency (NRA) had found cracks in two of its piers. The NRA said repairs would take until September.

Her predecessor, Marek Brandt, who is not related to her, called the closure a mistake. \"The bridge has stood for ninety years,\" Marek Brandt said.

Officials in Warsaw and the European Commission were told of the plan, the city said.";

#[test]
fn people_organisations_and_places_are_found_and_gathered() {
    let a = analyze_text(ARTICLE, None);
    let helena = entity(&a, "Helena Brandt");
    assert_eq!(helena.kind, EntityKind::Person);
    assert!(helena.aliases.contains(&"Brandt".to_string()), "{helena:?}");
    let marek = entity(&a, "Marek Brandt");
    assert_eq!(marek.kind, EntityKind::Person);
    assert_ne!(helena.id, marek.id, "look-alike names are different people");
    assert_eq!(marek.mentions.len(), 2);

    let agency = entity(&a, "National Roads Agency");
    assert_eq!(agency.kind, EntityKind::Organization);
    assert!(agency.aliases.contains(&"NRA".to_string()), "{agency:?}");
    assert_eq!(agency.mentions.len(), 3);

    for place in ["Tarnów", "Warsaw"] {
        assert_eq!(entity(&a, place).kind, EntityKind::Place);
    }
    // The gazetteer gives the place its own spelling; the article's stays an alias.
    assert_eq!(entity(&a, "Tarnów").aliases, ["Tarnow"]);
    assert_eq!(
        entity(&a, "European Commission").kind,
        EntityKind::Organization
    );
    // Offsets point at the names.
    for e in &a.entities {
        for m in &e.mentions {
            assert!(e.aliases.iter().any(|al| al == m.slice(ARTICLE)), "{e:?}");
        }
    }
}

#[test]
fn speakers_point_at_their_entities() {
    let a = analyze_text(ARTICLE, None);
    let by_marek = a
        .statements
        .iter()
        .find(|s| s.speaker.name.as_deref() == Some("Marek Brandt"))
        .unwrap();
    assert_eq!(
        by_marek.speaker.entity.as_deref(),
        Some("person:marek-brandt")
    );
}

#[test]
fn numbers_and_common_words_are_not_names() {
    let a = analyze_text(
        "About 157,449 people voted, and turnout may rise in the next round, officials said.",
        None,
    );
    assert!(a.entities.is_empty(), "{:?}", a.entities);
    // Any text, however odd, gives entities whose mentions lie inside it.
    let odd = "«ÉTÉ» — 12,5 %… (((X)))\n\nA.B.C. d'Arc’s U.S.-led; ΑΘΗΝΑ 2024";
    for e in analyze_text(odd, None).entities {
        for m in e.mentions {
            assert!(odd.get(m.start..m.end).is_some());
        }
    }
}

#[test]
fn names_are_found_around_long_stretches_of_lower_case() {
    // Only the words near a capital are tagged; names at either end of a long lower-case
    // stretch, and words with a capital inside, are still seen.
    let text = "Helena Brandt said that the repairs to the old bridge would take longer than \
                anyone in the city had hoped for when work began, and that the anti-Brandt \
                campaign run from Tarnow had not helped.";
    let a = analyze_text(text, None);
    assert_eq!(entity(&a, "Helena Brandt").kind, EntityKind::Person);
    assert_eq!(entity(&a, "Tarnów").kind, EntityKind::Place);
    assert!(
        a.entities.iter().any(|e| e.name.contains("anti-Brandt")),
        "{:?}",
        a.entities.iter().map(|e| &e.name).collect::<Vec<_>>()
    );
}

#[test]
fn a_role_before_a_name_makes_it_a_person_and_stays_out_of_it() {
    // News writes "Spokeswoman Ines Varga" at a sentence's start; the tagger learnt from
    // news that writes roles in lower case.
    for role in ["Spokeswoman", "Lawyer", "Economist", "Founder"] {
        let text = format!(
            "The ferry board met on Friday. {role} Ines Varga said the ferry would run on \
             time. Varga added that the fares would stay."
        );
        let a = analyze_text(&text, None);
        let varga = entity(&a, "Ines Varga");
        assert_eq!(varga.kind, EntityKind::Person, "{role}");
        assert_eq!(
            a.statements[0].speaker.name.as_deref(),
            Some("Ines Varga"),
            "{role}"
        );
    }
    // A role before a body's name leaves the body alone.
    let a = analyze_text(
        "The ferry board met on Friday. The Justice Department said it would look into it.",
        None,
    );
    assert!(
        a.entities
            .iter()
            .all(|e| e.kind != EntityKind::Person && e.name != "Department"),
        "{:?}",
        a.entities
            .iter()
            .map(|e| (&e.name, e.kind))
            .collect::<Vec<_>>()
    );
}

#[test]
fn a_surname_in_capitals_is_the_person_named_in_full() {
    let text = "Mayor Ines Varga spoke to the radio host Piet Salo on Sunday about the fares.\n\n\
                SALO: Will the fares rise next year, or can the city keep paying for it?\n\n\
                VARGA: Not this year. We have set the money aside, and the council agreed.";
    let a = analyze_text(text, None);
    let varga = entity(&a, "Ines Varga");
    assert_eq!(varga.kind, EntityKind::Person);
    assert!(varga.aliases.contains(&"VARGA".to_string()), "{varga:?}");
    assert!(
        entity(&a, "Piet Salo")
            .aliases
            .contains(&"SALO".to_string())
    );
    assert!(
        a.entities
            .iter()
            .all(|e| e.name != "VARGA" && e.name != "SALO")
    );
    let turn = a
        .statements
        .iter()
        .find(|s| s.content.text(text).starts_with("Not this year"))
        .expect("Varga's turn");
    assert_eq!(turn.speaker.entity.as_deref(), Some(varga.id.as_str()));
}
