//! Speakers given by the layout of the page, without a speech verb: a signature
//! after the quote ("“…” — Jane Smith") and a transcript label opening a quoted
//! paragraph ("\"SMITH: …\""). Sentences are written for these tests.

use article_lens::{analyze, Analysis, Options, QuoteKind};

/// (quote content prefix, speaker text, speaker group name) for each speech quote.
fn speakers(text: &str) -> Vec<(String, Option<String>, Option<String>)> {
    let a: Analysis = analyze(text, &Options::default());
    a.quotes
        .iter()
        .filter(|q| q.kind == QuoteKind::Speech)
        .map(|q| {
            (
                q.text.chars().take(12).collect(),
                q.speaker.as_ref().map(|s| s.text.clone()),
                q.speaker_group.map(|g| a.groups[g].name.clone()),
            )
        })
        .collect()
}

fn speaker_of(text: &str, quote_start: &str) -> Option<String> {
    speakers(text)
        .into_iter()
        .find(|(q, _, _)| q.contains(quote_start))
        .unwrap_or_else(|| panic!("no speech quote {quote_start:?} in {:?}", speakers(text)))
        .1
}

#[test]
fn signature_after_the_quote_names_the_speaker() {
    let text = "Readers told us what they think of the plan.\n\n\
        “We deserve better schools than this.” — Maria Lopez\n\
        “Taxes are already far too high for families like mine.” ― Tom Baker, 52, Ohio\n\
        “Nobody asked the teachers before they decided.” – Ana Ruiz.";
    assert_eq!(
        speaker_of(text, "We deserve").as_deref(),
        Some("Maria Lopez")
    );
    assert_eq!(speaker_of(text, "Taxes are").as_deref(), Some("Tom Baker"));
    assert_eq!(speaker_of(text, "Nobody ask").as_deref(), Some("Ana Ruiz"));
}

#[test]
fn a_dash_that_goes_on_into_a_sentence_is_no_signature() {
    // The name after the dash does not end the line: it is the subject of a clause.
    let text = "“We deserve better schools than this,” — Maria Lopez wants the board to listen.";
    for (_, speaker, group) in speakers(text) {
        assert_ne!(speaker.as_deref(), Some("Maria Lopez"));
        assert_eq!(group, None);
    }
}

#[test]
fn transcript_label_names_a_person_of_the_article() {
    let text = "Senator Jane Smith spoke to the host on Sunday. A partial transcript:\n\n\
        \"SMITH: We will win this race, and we will win it on the issues.\"\n\n\
        The interview ran for ten minutes.";
    let found = speakers(text);
    let (_, speaker, group) = found
        .iter()
        .find(|(q, _, _)| q.starts_with("SMITH"))
        .expect("the quoted transcript paragraph is speech");
    assert_eq!(speaker.as_deref(), Some("SMITH"));
    assert_eq!(group.as_deref(), Some("Jane Smith"));
}

#[test]
fn a_label_nobody_bears_names_nobody() {
    let text = "Senator Jane Smith spoke on Sunday.\n\n\
        \"UPDATE: The vote was moved to Tuesday after the storm.\"";
    for (_, speaker, group) in speakers(text) {
        assert_ne!(speaker.as_deref(), Some("UPDATE"));
        assert_ne!(group.as_deref(), Some("Jane Smith"));
    }
}
