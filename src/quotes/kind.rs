//! Speech or scare: is a quotation someone's words, or a quoted term?
//!
//! Decided: a few ordered rules over what a reader sees. A quotation that is
//! a sentence of its own, or five words or more, is speech; a short one is
//! speech only when a speech verb governs it ("called it “a disgrace”",
//! "he did “great”") or it ends a sentence of three words or more. Titles of
//! works (every word capitalized) and one- or two-word terms right after a
//! determiner or possessive ("its “caliphate”", "the “free will”") are scare
//! quotes, whatever verb is near.
//!
//! Cost: a partial quote of a few words after a determiner ("a “freak
//! out”") loses its speaker even when the sentence attributes it; a long
//! scare-quoted phrase is taken for speech.

use crate::analysis::QuoteKind;

use super::cues;

/// What the classifier looks at.
#[derive(Debug, Clone, Copy)]
pub struct Evidence<'a> {
    /// The content between the marks.
    pub content: &'a str,
    /// A speech verb governs the quote (found before or after it).
    pub has_cue: bool,
    /// The quote is its sentence (nothing but punctuation outside it).
    pub standalone: bool,
    /// The word right before the opening mark.
    pub prev_word: Option<&'a str>,
}

/// Words in the content: runs of chars containing a letter or digit.
pub fn word_count(content: &str) -> usize {
    content
        .split(|c: char| c.is_whitespace() || c == '—' || c == '–')
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Small words that stay lowercase in a title.
fn is_title_small(w: &str) -> bool {
    matches!(
        w,
        "a" | "an"
            | "the"
            | "of"
            | "and"
            | "or"
            | "in"
            | "on"
            | "at"
            | "to"
            | "for"
            | "with"
            | "by"
            | "from"
            | "de"
            | "la"
            | "vs."
            | "vs"
    )
}

/// Every word capitalized, as in the title of a work: "Meet the Press".
fn title_like(content: &str) -> bool {
    let words: Vec<&str> = content
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect();
    words.len() >= 2
        && words.len() <= 8
        && words
            .first()
            .is_some_and(|w| w.starts_with(|c: char| c.is_uppercase()))
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase() || c.is_numeric()) || is_title_small(w)
        })
}

fn ends_sentence(content: &str) -> bool {
    content
        .trim_end()
        .trim_end_matches(['’', '\'', '”', '"', ')'])
        .ends_with(['.', '!', '?', '…'])
}

/// Speech or scare.
pub fn classify(e: &Evidence) -> QuoteKind {
    let words = word_count(e.content);
    if words == 0 {
        return QuoteKind::Scare;
    }
    if title_like(e.content) && !ends_sentence(e.content) && !e.standalone {
        return QuoteKind::Scare;
    }
    if e.standalone {
        return QuoteKind::Speech;
    }
    if words >= 5 {
        return QuoteKind::Speech;
    }
    let after_determiner = e
        .prev_word
        .is_some_and(|w| cues::is_determiner(w) || cues::is_possessive(w));
    if words <= 2 && after_determiner {
        return QuoteKind::Scare;
    }
    if e.has_cue {
        return QuoteKind::Speech;
    }
    if words >= 3 && ends_sentence(e.content) {
        return QuoteKind::Speech;
    }
    QuoteKind::Scare
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn speech_or_scare() {
        let ev = |content, has_cue, standalone, prev_word| Evidence {
            content,
            has_cue,
            standalone,
            prev_word,
        };
        use QuoteKind::*;
        let table = [
            (
                ev("We will never give up on this city,", false, false, None),
                Speech,
            ),
            (ev("No.", false, true, None), Speech),
            (ev("caliphate", true, false, Some("its")), Scare),
            (ev("free will", true, false, Some("the")), Scare),
            (ev("Meet the Press", true, false, Some("on")), Scare),
            (ev("The Art of the Deal", false, false, Some("book")), Scare),
            (ev("a disgrace", true, false, Some("it")), Speech),
            (ev("great", true, false, Some("did")), Speech),
            (ev("great", false, false, Some("did")), Scare),
            (ev("the Donald", false, false, Some("as")), Scare),
            (ev("this is over.", false, false, Some("that")), Speech),
        ];
        for (e, want) in table {
            assert_eq!(classify(&e), want, "{:?}", e.content);
        }
    }

    #[test]
    fn counts_words() {
        assert_eq!(word_count("one, two — three"), 3);
        assert_eq!(word_count(" … "), 0);
    }
}
