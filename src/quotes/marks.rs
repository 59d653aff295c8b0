//! Pairing quotation marks.
//!
//! Decided: one left-to-right pass per paragraph with a small stack of open
//! marks. Every mark is classified from the two characters around it:
//! curly and guillemet marks say their direction (with the low-9 „…“ and
//! reversed »…« styles recognized from what is open), straight marks take
//! their direction from context (after a space an opener, before a space or
//! punctuation a closer) and otherwise toggle. A single mark between letters,
//! before a decade (’90s), in ’n’ or in a known elision (’em, ’til) is an
//! apostrophe; a single closing mark with nothing open is an apostrophe too
//! (the Joneses’). A closer pops back to the opener that accepts it, dropping
//! unclosed marks in between. At a paragraph end an open double quote
//! carries on when the next paragraph opens with a mark of the same family
//! (news style for a quote over several paragraphs); otherwise it ends with
//! its paragraph, so a stray mark never swallows the article. Unclosed single
//! marks are dropped: they are far more often apostrophes than quotes. Only
//! the outermost quotations are returned; nested ones are part of their
//! content.
//!
//! Cost: the stack is capped ([`MAX_DEPTH`]), so time is linear on any input,
//! but a plural possessive inside a single-quoted passage ("the Joneses’
//! house") closes that passage early, and a nested quotation gets no speaker
//! of its own.

use crate::text::Span;

/// Open marks kept at once; deeper openers are ignored (keeps time linear).
pub const MAX_DEPTH: usize = 8;

/// The family of a quotation mark: closers of a family close openers of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    /// " “ ” „
    Double,
    /// ' ‘ ’ ‚
    Single,
    /// « »
    Guillemet,
    /// ‹ ›
    SingleGuillemet,
}

/// An open mark waiting for its closer.
#[derive(Debug, Clone, Copy)]
struct Open {
    family: Family,
    /// The char that opened it.
    ch: char,
    /// Byte offset of the opening mark.
    start: usize,
}

/// A paired (or paragraph-closed) quotation in byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    /// From the opening mark to past the closing mark (or the paragraph end).
    pub span: Span,
    /// Between the marks.
    pub content: Span,
    /// False when the quotation was never closed and ends with its paragraph.
    pub closed: bool,
}

/// What a mark can do, decided from its neighbours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Open(Family),
    Close(Family),
    /// Straight mark whose direction depends on what is open.
    Either(Family),
    /// Not a quotation mark here (apostrophe, inch mark, stray).
    Skip,
}

fn is_space(c: Option<char>) -> bool {
    c.is_none_or(|c| c.is_whitespace())
}

fn is_word(c: Option<char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric())
}

/// Chars after which a mark opens: brackets, dashes, slashes, other openers.
fn is_open_context(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '(' | '['
                        | '{'
                        | '—'
                        | '–'
                        | '-'
                        | '/'
                        | '“'
                        | '‘'
                        | '„'
                        | '‚'
                        | '«'
                        | '‹'
                        | ':'
                )
        }
    }
}

/// Chars before which a mark closes: space, end, punctuation, brackets, other closers.
fn is_close_context(c: Option<char>) -> bool {
    match c {
        None => true,
        Some(c) => {
            c.is_whitespace()
                || matches!(
                    c,
                    '.' | ','
                        | ';'
                        | ':'
                        | '!'
                        | '?'
                        | ')'
                        | ']'
                        | '}'
                        | '—'
                        | '–'
                        | '-'
                        | '…'
                        | '”'
                        | '’'
                        | '"'
                        | '\''
                        | '»'
                        | '›'
                        | '/'
                )
        }
    }
}

/// Words that start with an apostrophe in informal English ('em, 'til, 'n').
const ELISIONS: &[&str] = &[
    "em", "til", "tis", "twas", "cause", "bout", "n", "round", "nuff", "cos", "ello",
];

/// True when an apostrophe-like char at `i` (in `chars`) starts an elision or a decade.
fn starts_elision(chars: &[(usize, char)], i: usize) -> bool {
    let mut j = i + 1;
    let mut digits = 0;
    while j < chars.len() && chars[j].1.is_ascii_digit() {
        digits += 1;
        j += 1;
    }
    if digits == 2 {
        // ’90s, '08
        return j >= chars.len() || !chars[j].1.is_alphanumeric() || chars[j].1 == 's';
    }
    if digits > 0 {
        return false;
    }
    let mut word = String::new();
    while j < chars.len() && chars[j].1.is_alphabetic() && word.len() < 8 {
        word.extend(chars[j].1.to_lowercase());
        j += 1;
    }
    if j < chars.len() && chars[j].1.is_alphabetic() {
        return false;
    }
    ELISIONS.contains(&word.as_str())
}

/// Classifies the mark at `i`, given what is open.
fn role(chars: &[(usize, char)], i: usize, stack: &[Open]) -> Role {
    let c = chars[i].1;
    let prev = i.checked_sub(1).map(|k| chars[k].1);
    let next = chars.get(i + 1).map(|&(_, c)| c);
    let open_ctx = is_open_context(prev) && !is_space(next);
    let close_ctx = !is_space(prev) && is_close_context(next);
    let has_open = |f: Family, by: &[char]| {
        stack
            .iter()
            .any(|o| o.family == f && (by.is_empty() || by.contains(&o.ch)))
    };
    match c {
        '"' => {
            if has_open(Family::Double, &['"']) {
                Role::Close(Family::Double)
            } else if has_open(Family::Double, &[]) {
                // Inside a curly quote a straight mark after a space opens a nested quote.
                if open_ctx && !close_ctx {
                    Role::Open(Family::Double)
                } else {
                    Role::Close(Family::Double)
                }
            } else if (close_ctx && !open_ctx) || (is_space(prev) && is_space(next)) {
                Role::Skip
            } else {
                Role::Either(Family::Double)
            }
        }
        '“' => {
            if has_open(Family::Double, &['„']) {
                Role::Close(Family::Double)
            } else if is_space(next) && !is_space(prev) && has_open(Family::Double, &[]) {
                // “ used as a closer by a bad conversion.
                Role::Close(Family::Double)
            } else {
                Role::Open(Family::Double)
            }
        }
        '„' => Role::Open(Family::Double),
        '”' => {
            // Nothing closes at the start of a paragraph: "\n” … he delivered"
            // is a bad conversion of an opening mark before an ellipsis.
            let paragraph_start = prev.is_none_or(|c| c == '\n' || c == '\r');
            if has_open(Family::Double, &[]) {
                Role::Close(Family::Double)
            } else if open_ctx || paragraph_start {
                // Swedish style or a bad conversion: ” opening.
                Role::Open(Family::Double)
            } else {
                Role::Skip
            }
        }
        '«' => {
            if has_open(Family::Guillemet, &['»']) {
                Role::Close(Family::Guillemet)
            } else {
                Role::Open(Family::Guillemet)
            }
        }
        '»' => {
            if has_open(Family::Guillemet, &['«']) {
                Role::Close(Family::Guillemet)
            } else if open_ctx {
                Role::Open(Family::Guillemet)
            } else {
                Role::Skip
            }
        }
        '‹' => {
            if has_open(Family::SingleGuillemet, &['›']) {
                Role::Close(Family::SingleGuillemet)
            } else {
                Role::Open(Family::SingleGuillemet)
            }
        }
        '›' => {
            if has_open(Family::SingleGuillemet, &['‹']) {
                Role::Close(Family::SingleGuillemet)
            } else if open_ctx {
                Role::Open(Family::SingleGuillemet)
            } else {
                Role::Skip
            }
        }
        '‚' => {
            if is_open_context(prev) && is_word(next) {
                Role::Open(Family::Single)
            } else {
                Role::Skip
            }
        }
        '‘' | '’' | '\'' => {
            // Between letters: an apostrophe (Iraq’s, don’t, rock’n’roll).
            if is_word(prev) && is_word(next) {
                return Role::Skip;
            }
            if is_open_context(prev) && is_word(next) && starts_elision(chars, i) {
                return Role::Skip;
            }
            // The second mark of ’n’.
            if prev == Some('n')
                && i >= 2
                && matches!(chars[i - 2].1, '’' | '\'' | '‘')
                && (i < 3 || chars[i - 3].1.is_whitespace())
            {
                return Role::Skip;
            }
            let open_single = has_open(Family::Single, &[]);
            if c == '‘' {
                if has_open(Family::Single, &['‚']) && !is_space(prev) {
                    return Role::Close(Family::Single);
                }
                return if is_space(next) {
                    Role::Skip
                } else {
                    Role::Open(Family::Single)
                };
            }
            if close_ctx || (!is_space(prev) && !is_word(next)) {
                return if open_single {
                    Role::Close(Family::Single)
                } else {
                    Role::Skip
                };
            }
            if open_ctx && c == '\'' {
                return Role::Open(Family::Single);
            }
            if open_ctx && c == '’' && open_single {
                return Role::Skip;
            }
            if open_ctx {
                // ’ opening a quote: a typesetting error, but it happens.
                return Role::Open(Family::Single);
            }
            Role::Skip
        }
        _ => Role::Skip,
    }
}

/// True for the chars [`role`] looks at.
fn is_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '”' | '„' | '«' | '»' | '‹' | '›' | '‘' | '’' | '\'' | '‚'
    )
}

/// The family a mark opening a paragraph belongs to, if it opens one.
fn paragraph_opener(text: &str, para: Span) -> Option<Family> {
    let chars: Vec<(usize, char)> = para.of(text).char_indices().take(3).collect();
    if chars.is_empty() || !is_mark(chars[0].1) {
        return None;
    }
    match role(&chars, 0, &[]) {
        Role::Open(f) | Role::Either(f) => Some(f),
        _ => None,
    }
}

/// Pairs the quotation marks of `text`, paragraph by paragraph; returns the
/// outermost quotations in document order.
pub fn pair(text: &str, paragraphs: &[Span]) -> Vec<Pair> {
    let mut pairs: Vec<Pair> = Vec::new();
    let mut stack: Vec<Open> = Vec::with_capacity(MAX_DEPTH);
    // When a quote carries over, the first mark of the next paragraph reopens it.
    let mut skip_first = false;
    for (p, para) in paragraphs.iter().enumerate() {
        // Most paragraphs hold no mark: every mark is ASCII or starts with
        // the byte C2 or E2, and with none open there is nothing to do.
        let bytes = para.of(text).as_bytes();
        if stack.is_empty()
            && !skip_first
            && !bytes
                .iter()
                .any(|b| matches!(b, b'"' | b'\'' | 0xC2 | 0xE2))
        {
            continue;
        }
        let base = para.start;
        let chars: Vec<(usize, char)> = para
            .of(text)
            .char_indices()
            .map(|(o, c)| (o + base, c))
            .collect();
        let first = if skip_first { 1 } else { 0 };
        skip_first = false;
        for i in first..chars.len() {
            let (pos, c) = chars[i];
            if !is_mark(c) {
                continue;
            }
            let r = role(&chars, i, &stack);
            let (close_family, open_family) = match r {
                Role::Skip => (None, None),
                Role::Open(f) => (None, Some(f)),
                Role::Close(f) => (Some(f), None),
                Role::Either(f) => {
                    if stack.iter().any(|o| o.family == f) {
                        (Some(f), None)
                    } else {
                        (None, Some(f))
                    }
                }
            };
            if let Some(f) = open_family {
                if stack.len() < MAX_DEPTH {
                    stack.push(Open {
                        family: f,
                        ch: c,
                        start: pos,
                    });
                }
            } else if let Some(f) = close_family {
                if let Some(k) = stack.iter().rposition(|o| o.family == f) {
                    let o = stack[k];
                    stack.truncate(k);
                    let open_end = o.start + o.ch.len_utf8();
                    let end = pos + c.len_utf8();
                    pairs.push(Pair {
                        span: Span::new(o.start, end),
                        content: Span::new(open_end, pos),
                        closed: true,
                    });
                }
            }
        }
        if stack.is_empty() {
            continue;
        }
        // News style: the quote carries on when the next paragraph reopens it.
        let outer = stack[0];
        let reopens = matches!(
            outer.family,
            Family::Double | Family::Guillemet | Family::Single
        ) && paragraphs
            .get(p + 1)
            .and_then(|next| paragraph_opener(text, *next))
            == Some(outer.family);
        if reopens {
            stack.truncate(1);
            skip_first = true;
            continue;
        }
        for o in stack.drain(..) {
            if o.family == Family::Single || o.family == Family::SingleGuillemet {
                continue;
            }
            pairs.push(Pair {
                span: Span::new(o.start, para.end),
                content: Span::new(o.start + o.ch.len_utf8(), para.end),
                closed: false,
            });
        }
    }
    // An unclosed quote that carried into a paragraph that never closed it
    // was closed at that paragraph's end above; nothing is left open here.
    outermost(text, pairs)
}

/// Keeps the outermost non-empty quotations, in document order.
fn outermost(text: &str, mut pairs: Vec<Pair>) -> Vec<Pair> {
    pairs.retain(|p| !p.content.of(text).trim().is_empty());
    pairs.sort_by(|a, b| {
        a.span
            .start
            .cmp(&b.span.start)
            .then(b.span.end.cmp(&a.span.end))
    });
    let mut out: Vec<Pair> = Vec::with_capacity(pairs.len());
    for p in pairs {
        if out.last().is_some_and(|l| l.span.end > p.span.start) {
            continue;
        }
        out.push(p);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::paragraphs;

    fn quotes(text: &str) -> Vec<&str> {
        pair(text, &paragraphs(text))
            .iter()
            .map(|p| p.span.of(text))
            .collect()
    }

    #[test]
    fn pairs_every_style() {
        let table: &[(&str, &[&str])] = &[
            ("He said “yes” and left.", &["“yes”"]),
            ("He said \"yes\" and left.", &["\"yes\""]),
            ("Er sagte „ja“ und ging.", &["„ja“"]),
            ("Il a dit « oui » hier.", &["« oui »"]),
            ("Il a dit ‹oui› hier.", &["‹oui›"]),
            ("Er sagte »ja« und ging.", &["»ja«"]),
            ("She said ‘no way’ twice.", &["‘no way’"]),
            ("She said 'no way' twice.", &["'no way'"]),
            ("Sie sagte ‚nein‘ dazu.", &["‚nein‘"]),
            ("“One,” he said, “two.”", &["“One,”", "“two.”"]),
        ];
        for (text, want) in table {
            assert_eq!(&quotes(text), want, "{text}");
        }
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        let table: &[(&str, &[&str])] = &[
            ("Iraq’s army and the Joneses’ dog.", &[]),
            ("They played rock ’n’ roll in the ’90s.", &[]),
            ("Don't 'em say it's the '80s?", &[]),
            (
                "He said ‘Iraq’s army is ready’ today.",
                &["‘Iraq’s army is ready’"],
            ),
            ("The Joneses’ view: “It’s over.”", &["“It’s over.”"]),
            (
                "‘Rock ’n’ roll is back,’ she said.",
                &["‘Rock ’n’ roll is back,’"],
            ),
        ];
        for (text, want) in table {
            assert_eq!(&quotes(text), want, "{text}");
        }
    }

    #[test]
    fn nested_quotes_stay_inside() {
        assert_eq!(
            quotes("He said: “She told me ‘never’ and ‘always’.” Then left."),
            ["“She told me ‘never’ and ‘always’.”"]
        );
        assert_eq!(
            quotes("\"She said 'never' to me,\" he said."),
            ["\"She said 'never' to me,\""]
        );
    }

    #[test]
    fn multi_paragraph_quote_is_one() {
        let text = "He said: “First part.\n\n“Second part.\n\n“Third part.”\n\nNext “x” here.";
        assert_eq!(
            quotes(text),
            ["“First part.\n\n“Second part.\n\n“Third part.”", "“x”"]
        );
        let straight = "He said: \"First.\n\"Second.\"\nThen.";
        assert_eq!(quotes(straight), ["\"First.\n\"Second.\""]);
    }

    #[test]
    fn unclosed_quote_ends_with_its_paragraph() {
        let text = "He said “this never closes.\nNext paragraph “has a quote” here.";
        assert_eq!(quotes(text), ["“this never closes.", "“has a quote”"]);
        // A stray single mark is dropped; the rest still pairs.
        assert_eq!(quotes("A ‘stray and “real” one."), ["“real”"]);
    }

    #[test]
    fn straight_quote_direction_from_context() {
        // An inch mark is not an opener.
        assert_eq!(quotes("A 12\" pipe and \"a quote\" here."), ["\"a quote\""]);
        assert_eq!(
            quotes("(\"in brackets\") and —\"after dash\""),
            ["\"in brackets\"", "\"after dash\""]
        );
    }

    #[test]
    fn odd_inputs_do_not_panic() {
        for text in [
            "",
            "\"",
            "“",
            "”",
            "'",
            "’’’",
            "\"\"\"\"",
            "« » ‹ ›",
            "\r\n“\r\n”",
            "🎉“🎉”🎉",
        ] {
            let _ = quotes(text);
        }
    }

    #[test]
    fn linear_on_a_megabyte_of_marks() {
        let text: String = "“‘\"'«‹„".repeat(150_000);
        let t = std::time::Instant::now();
        let _ = quotes(&text);
        let text2: String = "“a ".repeat(300_000);
        let _ = quotes(&text2);
        assert!(t.elapsed().as_secs() < 5);
    }
}
