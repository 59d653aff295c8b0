//! Sentence splitting.
//!
//! A rule-based splitter tuned for news copy: a sentence ends at `.`, `!`,
//! `?` or `…` (with any closing quotation marks and brackets after it) when
//! the next token could start a sentence. Title abbreviations ("Mr.",
//! "Gen.") and initials never end one; other abbreviations ("U.S.", "Inc.",
//! "Jan.") end one only before a word that typically starts a sentence
//! ("The", "He"). A sentence never ends inside a quotation, so a quote and
//! its "…,” he said" stay together; a paragraph break always ends one.
//! Nor does one end after a quotation closed by its own `?`, `!` or `.`
//! when an attribution follows ("“Is it over?” Smith asked."): the speaker
//! belongs to the quote's sentence. The cost: "“We won.” Smith said the
//! polls…" joins two sentences, which only ever gives the quote the speaker
//! named right after it.

use super::tokens::TITLE_ABBREVIATIONS;
use super::{Span, Token, TokenKind};

/// Capitalized words that usually start a sentence, used after ambiguous abbreviations.
const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "A",
    "An",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "But",
    "And",
    "Or",
    "So",
    "In",
    "On",
    "At",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "His",
    "Her",
    "Their",
    "Its",
    "Our",
    "My",
    "After",
    "Before",
    "When",
    "While",
    "If",
    "As",
    "Yet",
    "Still",
    "Meanwhile",
    "However",
    "Officials",
    "According",
    "Asked",
    "For",
    "With",
    "What",
    "Why",
    "How",
    "Who",
    "Now",
    "Then",
];

fn is_closer(s: &str) -> bool {
    matches!(s, "”" | "\"" | "’" | "'" | "»" | ")" | "]" | "}" | "›")
}

fn is_terminator(s: &str) -> bool {
    matches!(s, "." | "!" | "?" | "…" | "。" | "！" | "？")
}

/// Splits each paragraph into sentences. `protected` spans (sorted) are never split.
pub fn split(text: &str, tokens: &[Token], paragraphs: &[Span], protected: &[Span]) -> Vec<Span> {
    let mut out = Vec::with_capacity(paragraphs.len() * 2);
    let mut t = 0;
    for para in paragraphs {
        while t < tokens.len() && tokens[t].span.start < para.start {
            t += 1;
        }
        let first = t;
        while t < tokens.len() && tokens[t].span.end <= para.end {
            t += 1;
        }
        let toks = &tokens[first..t];
        if toks.is_empty() {
            continue;
        }
        let mut sent_start = 0;
        let mut i = 0;
        while i < toks.len() {
            let tok = toks[i];
            let s = tok.span.of(text);
            let abbreviation = tok.kind == TokenKind::Word && s.len() > 1 && s.ends_with('.');
            if !(abbreviation || tok.kind == TokenKind::Punct && is_terminator(s)) {
                i += 1;
                continue;
            }
            // Absorb repeated terminators and closing marks.
            let mut j = i + 1;
            while j < toks.len() {
                let n = toks[j].span.of(text);
                if (is_terminator(n) || is_closer(n)) && toks[j].span.start == toks[j - 1].span.end
                {
                    j += 1;
                } else {
                    break;
                }
            }
            let boundary_end = toks[j - 1].span.end;
            let next = toks.get(j).map(|n| n.span.of(text));
            let starts_sentence = match next {
                None => true,
                Some(n) => {
                    let c = n.chars().next().unwrap_or(' ');
                    c.is_uppercase()
                        || c.is_ascii_digit()
                        || matches!(c, '“' | '"' | '‘' | '«' | '„' | '(' | '[' | '—' | '–' | '-')
                }
            };
            let mut ends = starts_sentence;
            if ends && abbreviation && j == i + 1 {
                let initial = s.chars().count() == 2;
                ends = !initial
                    && !TITLE_ABBREVIATIONS.contains(&s)
                    && next.is_none_or(|n| {
                        SENTENCE_STARTERS.contains(&n) || n.starts_with(['“', '"'])
                    });
            }
            if ends && next.is_some() && inside_protected(protected, tok.span.start, boundary_end) {
                ends = false;
            }
            if ends
                && j > i + 1
                && is_closing_quote(toks[j - 1].span.of(text))
                && attribution_follows(text, &toks[j..])
            {
                ends = false;
            }
            if ends && next.is_some() {
                out.push(Span::new(toks[sent_start].span.start, boundary_end));
                sent_start = j;
            }
            i = j;
        }
        if sent_start < toks.len() {
            out.push(Span::new(
                toks[sent_start].span.start,
                toks[toks.len() - 1].span.end,
            ));
        }
    }
    out
}

/// Days that may follow an attribution's verb ("Smith said Friday"); any other
/// capitalized word there opens a clause ("Smith said Kim's state …").
const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

fn is_closing_quote(s: &str) -> bool {
    matches!(s, "”" | "\"" | "’" | "'" | "»")
}

/// True when `rest` opens with an attribution that ends there or soon after:
/// "Smith said.", "Sen. Jane Doe said on Monday", "Smith asked, …", "The report
/// said,". A capitalized run of at most five words, then a lowercase speech verb,
/// then punctuation, a preposition, a capitalized word or an adverb.
fn attribution_follows(text: &str, rest: &[Token]) -> bool {
    let word = |k: usize| rest.get(k).map(|t| (t.span.of(text), t.kind));
    let mut k = 0;
    // "The" or "A" may open a description: "The senator said."
    if let Some((w, _)) = word(0) {
        if matches!(w, "The" | "A" | "An") {
            k = 1;
        }
    }
    // "He replied to him …" opens a sentence of its own: a pronoun is no name.
    if word(0).is_some_and(|(w, _)| matches!(w, "He" | "She" | "They" | "It" | "We" | "I" | "You"))
    {
        return false;
    }
    let start = k;
    while let Some((w, kind)) = word(k) {
        let capital = w.starts_with(|c: char| c.is_uppercase());
        let lower_in_description = start == 1 && !crate::quotes::cues::is_speech_verb(w);
        if kind == TokenKind::Word && (capital || lower_in_description) && k - start < 5 {
            k += 1;
        } else {
            break;
        }
    }
    if k == start {
        return false;
    }
    let Some((verb, TokenKind::Word)) = word(k) else {
        return false;
    };
    if matches!(verb, "went" | "goes") && word(k + 1).is_some_and(|(w, _)| w == "on") {
        return true;
    }
    if !crate::quotes::cues::is_speech_verb(verb) || verb.ends_with("ing") {
        return false;
    }
    match word(k + 1) {
        None => true,
        Some((w, kind)) => {
            kind == TokenKind::Punct
                || WEEKDAYS.contains(&w)
                || w.ends_with("ly")
                || crate::quotes::cues::is_preposition(w)
                || matches!(
                    w,
                    "of" | "to"
                        | "in"
                        | "on"
                        | "at"
                        | "during"
                        | "after"
                        | "later"
                        | "earlier"
                        | "last"
                        | "this"
                        | "then"
                )
        }
    }
}

/// True when a break after `pos` (ending at `end`) would fall strictly inside a protected span.
fn inside_protected(protected: &[Span], pos: usize, end: usize) -> bool {
    let k = protected.partition_point(|p| p.start <= pos);
    k > 0 && protected[k - 1].end > end
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{paragraphs, tokenize};

    fn sents<'a>(text: &'a str, protected: &[Span]) -> Vec<&'a str> {
        let toks = tokenize(text);
        split(text, &toks, &paragraphs(text), protected)
            .iter()
            .map(|s| s.of(text))
            .collect()
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(
            sents(
                "Mr. Smith met U.S. officials on Jan. 5 in Washington. He left.",
                &[]
            ),
            [
                "Mr. Smith met U.S. officials on Jan. 5 in Washington.",
                "He left."
            ]
        );
        assert_eq!(
            sents("He moved to the U.S. The move was hard.", &[]),
            ["He moved to the U.S.", "The move was hard."]
        );
        assert_eq!(
            sents("John F. Kennedy spoke.", &[]),
            ["John F. Kennedy spoke."]
        );
    }

    #[test]
    fn closing_quote_stays_with_its_sentence() {
        assert_eq!(
            sents("“We won.” Then he left.", &[]),
            ["“We won.”", "Then he left."]
        );
    }

    #[test]
    fn never_inside_a_quotation() {
        let text = "“We won. They lost,” he said. Next.";
        let q = Span::new(0, text.find('”').unwrap() + '”'.len_utf8());
        assert_eq!(
            sents(text, &[q]),
            ["“We won. They lost,” he said.", "Next."]
        );
    }

    #[test]
    fn an_attribution_after_a_closed_quote_stays_with_it() {
        let cases: &[(&str, &[&str])] = &[
            (
                "“Is it over?” Smith asked. Then he left.",
                &["“Is it over?” Smith asked.", "Then he left."],
            ),
            (
                "“We won!” Sen. Jane Doe said on Monday.",
                &["“We won!” Sen. Jane Doe said on Monday."],
            ),
            (
                "“It failed.” The senator said, smiling.",
                &["“It failed.” The senator said, smiling."],
            ),
            // A new statement, not an attribution: "said" then a clause.
            (
                "“We won.” Polls said nothing.",
                &["“We won.”", "Polls said nothing."],
            ),
            ("“We won.” Then he left.", &["“We won.”", "Then he left."]),
            (
                "“We won!” She replied to him.",
                &["“We won!”", "She replied to him."],
            ),
            (
                "“We won.” Smith was happy.",
                &["“We won.”", "Smith was happy."],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(&sents(text, &[]), want, "{text}");
        }
    }

    #[test]
    fn paragraphs_always_split() {
        assert_eq!(
            sents("No stop here\nNext line", &[]),
            ["No stop here", "Next line"]
        );
    }
}
