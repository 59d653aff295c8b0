//! Property tests: any string in, no panic, and every span of the analysis
//! slices back to its text in UTF-16, in order, with ids that point at real
//! things.

use article_lens::{analyze, Analysis, Options};
use proptest::prelude::*;

/// `text.slice(start, end)` as JavaScript would compute it.
fn js_slice(u16s: &[u16], start: usize, end: usize) -> Option<String> {
    if start > end || end > u16s.len() {
        return None;
    }
    String::from_utf16(&u16s[start..end]).ok()
}

/// Checks every invariant of the contract on one analysis of `text`.
fn check(text: &str, a: &Analysis) {
    if let Err(e) = a.check_against(text) {
        panic!("{e}\ninput: {text:?}");
    }
}

/// Pieces of news-like text, to build inputs that exercise every stage.
const PIECES: &[&str] = &[
    "“",
    "”",
    "\"",
    "‘",
    "’",
    "«",
    "»",
    "„",
    " ",
    "\n",
    "\r\n",
    "\n\n",
    ".",
    ",",
    ":",
    "(",
    ")",
    "Antony Blinken",
    "Blinken",
    "said",
    "he said",
    "He added that",
    "Mr.",
    "U.S.",
    "Iraq’s",
    "Prime Minister",
    "the Islamic State group (IS)",
    "on Friday",
    "$5m",
    "12%",
    "in 2014",
    "🎉",
    "👩🏽‍⚕️",
    "é",
    "Zoë",
    "שלום",
    "مرحبا",
    "\u{0}",
    "\u{feff}",
    "\u{200b}",
    "'",
    "--",
    "—",
    "according to",
    "told reporters",
    "She",
    "Sudani’s office said",
    "“We will,” he said.",
];

fn news_like() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, .. ProptestConfig::default() })]

    #[test]
    fn any_string_holds_the_contract(text in any::<String>()) {
        let a = analyze(&text, &Options::default());
        check(&text, &a);
    }

    #[test]
    fn news_like_text_holds_the_contract(text in news_like()) {
        let a = analyze(&text, &Options::default());
        check(&text, &a);
    }
}

/// The analysis of `text` in a thread that has analyzed nothing before.
fn analyze_afresh(text: &str) -> Analysis {
    let text = text.to_string();
    std::thread::spawn(move || analyze(&text, &Options::default()))
        .join()
        .expect("no panic")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 100, .. ProptestConfig::default() })]

    /// The tagger keeps what it learned of words from one document to the
    /// next (in each thread), to be faster on the next: an article's
    /// analysis must not depend on the articles before it.
    #[test]
    fn an_analysis_does_not_depend_on_the_ones_before(
        before in prop::collection::vec(news_like(), 1..4),
        text in news_like(),
    ) {
        let options = Options::default();
        for b in &before {
            analyze(b, &options);
        }
        prop_assert_eq!(analyze(&text, &options), analyze_afresh(&text));
    }
}

/// The same on real news: each article of the reference set analyzed after
/// the others, in turn, as the command line and the extension do, gives
/// what it gives alone.
#[test]
fn news_analyzed_in_turn_is_analyzed_as_alone() {
    let reference = include_str!("fixtures/blinken-baghdad.txt");
    let paragraphs: Vec<&str> = reference.split("\n\n").collect();
    let texts: Vec<String> = vec![
        reference.to_string(),
        paragraphs
            .iter()
            .rev()
            .copied()
            .collect::<Vec<_>>()
            .join("\n\n"),
        reference.to_uppercase(),
        paragraphs[paragraphs.len() / 2..].join("\n\n"),
        // Title Case, as headlines are: the small words in it were met in
        // running text before.
        format!(
            "Blinken Meets the Leaders of Iraq in Baghdad as the Talks End\n\n{}",
            paragraphs[1..].join("\n\n")
        ),
    ];
    let options = Options::default();
    for text in texts.iter().chain(texts.iter().rev()) {
        assert_eq!(analyze(text, &options), analyze_afresh(text), "{text:?}");
    }
}

#[test]
fn emoji_and_curly_quotes_offsets_are_utf16() {
    let text =
        "🎉🎉 “We are determined,” Antony Blinken said in Baghdad’s Green Zone on Friday. 👩🏽‍⚕️";
    let a = analyze(text, &Options::default());
    check(text, &a);
    let u16s: Vec<u16> = text.encode_utf16().collect();
    if let Some(e) = a.entities.iter().find(|e| e.text == "Antony Blinken") {
        assert_eq!(js_slice(&u16s, e.start, e.end).unwrap(), "Antony Blinken");
        // Two astral emoji (two units each), a space and the quote before the name.
        assert_eq!(
            e.start,
            text[..text.find("Antony").unwrap()].encode_utf16().count()
        );
    }
}

#[test]
fn odd_inputs_do_not_panic() {
    let cases = [
        String::new(),
        "\"".repeat(10_000),
        "“".repeat(5_000),
        "a".repeat(100_000),
        "\n".repeat(10_000),
        "Capitalized ".repeat(5_000),
        "🎉".repeat(5_000),
        "\r\n\r\n“unclosed\r\nquote".to_string(),
        String::from_utf8_lossy(&(0u8..=255).cycle().take(20_000).collect::<Vec<u8>>())
            .into_owned(),
    ];
    for text in &cases {
        let a = analyze(text, &Options::default());
        check(text, &a);
    }
}

#[test]
fn the_check_itself_catches_a_bad_offset() {
    let text = "🎉 Antony Blinken said “yes”.";
    let mut a = analyze(text, &Options::default());
    assert!(a.check_against(text).is_ok());
    a.entities[0].start -= 1; // as if counted in code points, not UTF-16
    assert!(a.check_against(text).is_err());
}
