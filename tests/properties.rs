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
pub fn check(text: &str, a: &Analysis) {
    let u16s: Vec<u16> = text.encode_utf16().collect();
    let n = u16s.len();
    let mut last_end = 0;
    for (i, e) in a.entities.iter().enumerate() {
        assert_eq!(e.id, i);
        assert!(e.start < e.end, "empty entity {e:?}");
        assert!(
            e.start >= last_end,
            "entities overlap or are out of order: {e:?}"
        );
        last_end = e.end;
        assert_eq!(
            js_slice(&u16s, e.start, e.end).as_deref(),
            Some(e.text.as_str()),
            "entity {e:?}"
        );
        assert!(e.group < a.groups.len());
        assert!(a.groups[e.group].mentions.contains(&i));
    }
    for (g_id, g) in a.groups.iter().enumerate() {
        assert_eq!(g.id, g_id);
        assert!(!g.mentions.is_empty());
        assert!(g.mentions.windows(2).all(|w| w[0] < w[1]));
        for &m in &g.mentions {
            assert_eq!(a.entities[m].group, g_id);
        }
        for &q in &g.quotes {
            assert_eq!(a.quotes[q].speaker_group, Some(g_id));
        }
    }
    let mut last = 0;
    for (i, q) in a.quotes.iter().enumerate() {
        assert_eq!(q.id, i);
        assert!(q.start < q.end && q.end <= n, "quote out of bounds {q:?}");
        assert!(q.start >= last, "quotes out of order");
        last = q.start;
        let outer = js_slice(&u16s, q.start, q.end).expect("quote slices");
        assert!(
            outer.contains(&q.text),
            "quote text {:?} not inside {:?}",
            q.text,
            outer
        );
        for s in q.speaker.iter().chain(q.cue.iter()) {
            assert_eq!(
                js_slice(&u16s, s.start, s.end).as_deref(),
                Some(s.text.as_str())
            );
        }
        if let Some(g) = q.speaker_group {
            assert!(g < a.groups.len());
        }
    }
    for spans in [&a.sentences, &a.paragraphs] {
        let mut last = 0;
        for s in spans.iter() {
            assert!(
                s.start < s.end && s.end <= n && s.start >= last,
                "bad range {s:?}"
            );
            assert!(js_slice(&u16s, s.start, s.end).is_some());
            last = s.end;
        }
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
