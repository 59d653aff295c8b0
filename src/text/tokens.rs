//! Tokens: words, numbers and single punctuation marks, as byte spans.
//!
//! The tokenizer follows the conventions of the CoNLL-2003 news the entity
//! model is trained on, so that features see the same units at run time:
//! hyphenated words stay whole ("al-Sudani", "US-led"), abbreviations keep
//! their periods ("U.S.", "Mr.", "Jan."), the possessive and clitics split off
//! ("Iraq" + "’s", "do" + "n't"), and every other mark is a token of its own.
//! It never allocates per token and never fails: a char that is neither a
//! word char nor white space becomes a one-char `Punct` token (emoji too).

use super::Span;

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (with internal hyphens, apostrophes or abbreviation periods).
    Word,
    /// Starts with a digit: "2014", "3.5", "10pm", "1990s".
    Number,
    /// One mark: punctuation, a quotation mark, a symbol or an emoji.
    Punct,
}

/// One token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte span in the text.
    pub span: Span,
    /// What it is made of.
    pub kind: TokenKind,
}

/// Abbreviations that keep their period ("Mr." is one token).
pub const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Capt",
    "Maj", "Sgt", "Adm", "Cmdr", "Cpl", "Pvt", "Rev", "Fr", "St", "Ste", "Mt", "Ft", "Jr", "Sr",
    "Inc", "Corp", "Co", "Ltd", "Bros", "Dept", "Univ", "Assn", "Jan", "Feb", "Mar", "Apr", "Jun",
    "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mon", "Tue", "Tues", "Wed", "Thu", "Thur",
    "Thurs", "Fri", "Sat", "Sun", "No", "Nos", "vs", "etc", "approx", "est", "Ave", "Blvd", "Rd",
    "Hon", "Pres", "Supt", "Det", "Insp", "Sec", "Atty", "Amb", "Cong", "Del", "Ala", "Ariz",
    "Ark", "Calif", "Colo", "Conn", "Fla", "Ga", "Ill", "Ind", "Kan", "Ky", "La", "Md", "Mass",
    "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ore", "Pa", "Tenn", "Tex", "Va",
    "Vt", "Wash", "Wis", "Wyo", "al", "cf", "eg", "ie", "p", "pp", "Op", "vol", "Vol",
];

/// Titles that are abbreviations and never end a sentence ("Mr. Smith").
pub const TITLE_ABBREVIATIONS: &[&str] = &[
    "Mr.", "Mrs.", "Ms.", "Messrs.", "Dr.", "Prof.", "Sen.", "Rep.", "Gov.", "Gen.", "Lt.", "Col.",
    "Capt.", "Maj.", "Sgt.", "Adm.", "Cmdr.", "Rev.", "Fr.", "St.", "Mt.", "Ft.", "Hon.", "Det.",
    "Insp.", "Sec.", "Atty.", "Amb.", "Pres.", "Supt.", "Cpl.", "Pvt.", "No.", "vs.",
];

#[inline]
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining(c)
}

#[inline]
fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F)
}

/// Apostrophe-like characters: straight, right single quotation mark, modifier letter apostrophe.
#[inline]
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

#[inline]
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// The char starting at byte `p` of `text` (a char boundary), or `'\0'`
/// past the end. ASCII without decoding.
#[inline]
fn char_at(text: &str, p: usize) -> char {
    match text.as_bytes().get(p) {
        Some(&b) if b < 0x80 => b as char,
        _ => text.get(p..).and_then(|s| s.chars().next()).unwrap_or('\0'),
    }
}

/// The char ending at byte `p` of `text` (a char boundary), or `'\0'` at the start.
#[inline]
fn char_before(text: &str, p: usize) -> char {
    match p.checked_sub(1).map(|i| text.as_bytes()[i]) {
        Some(b) if b < 0x80 => b as char,
        _ => text
            .get(..p)
            .and_then(|s| s.chars().next_back())
            .unwrap_or('\0'),
    }
}

/// Splits `text` into tokens.
///
/// Walks byte positions (always char boundaries), decoding a char only
/// where it is looked at; the rules are stated in chars ("a word of one
/// letter", "the char before the period").
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
    let n = text.len();
    let b = text.as_bytes();
    let at = |p: usize| char_at(text, p);
    let before = |p: usize| char_before(text, p);
    // Byte position after the char at `p`.
    let after = |p: usize| p + at(p).len_utf8();
    let mut p = 0;
    while p < n {
        let c = at(p);
        let c_end = p + c.len_utf8();
        if c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}' {
            p = c_end;
            continue;
        }
        if !is_word_char(c) {
            tokens.push(Token {
                span: Span::new(p, c_end),
                kind: TokenKind::Punct,
            });
            p = c_end;
            continue;
        }
        // A word or number: letters/digits with internal connectors.
        let start = p;
        let kind = if c.is_ascii_digit() || c.is_numeric() {
            TokenKind::Number
        } else {
            TokenKind::Word
        };
        // `q`: the end of the word so far (a char boundary).
        let mut q = c_end;
        loop {
            // The word chars up to `q`: ASCII letters and digits a byte at a
            // time (most of news), any other char decoded.
            loop {
                while q < n && b[q].is_ascii_alphanumeric() {
                    q += 1;
                }
                if q < n && !b[q].is_ascii() && is_word_char(at(q)) {
                    q = after(q);
                } else {
                    break;
                }
            }
            // The connector `d` at q and the word char `next` after it, if any.
            let d = if q < n { at(q) } else { '\0' };
            let q1 = q + d.len_utf8();
            let next = if q < n && q1 < n { at(q1) } else { '\0' };
            if q < n && q1 < n && is_word_char(next) {
                let last = before(q);
                if is_hyphen(d) || d == '&' && last.is_uppercase() && next.is_uppercase() {
                    q = q1 + next.len_utf8();
                    continue;
                }
                if (d == '.' || d == ',' || d == ':')
                    && last.is_ascii_digit()
                    && next.is_ascii_digit()
                {
                    q = q1 + next.len_utf8();
                    continue;
                }
                if is_apostrophe(d) && kind == TokenKind::Word {
                    // Clitics split off: 's 're 've 'll 'd 'm and n't.
                    let mut rest_end = q1;
                    while rest_end < n && is_word_char(at(rest_end)) {
                        rest_end = after(rest_end);
                    }
                    let rest: String = text[q1..rest_end]
                        .chars()
                        .map(|c| c.to_ascii_lowercase())
                        .collect();
                    let is_clitic = matches!(rest.as_str(), "s" | "re" | "ve" | "ll" | "d" | "m");
                    // Two chars or more before the apostrophe, the last an 'n' (one byte).
                    let nt = rest == "t" && matches!(last, 'n' | 'N') && q - 1 > start;
                    if nt {
                        // "don't" -> "do" + "n't"
                        tokens.push(Token {
                            span: Span::new(start, q - 1),
                            kind,
                        });
                        tokens.push(Token {
                            span: Span::new(q - 1, rest_end),
                            kind: TokenKind::Word,
                        });
                        p = rest_end;
                        break;
                    }
                    if is_clitic {
                        tokens.push(Token {
                            span: Span::new(start, q),
                            kind,
                        });
                        tokens.push(Token {
                            span: Span::new(q, rest_end),
                            kind: TokenKind::Word,
                        });
                        p = rest_end;
                        break;
                    }
                    // O'Brien, rock'n'roll: one word.
                    q = q1 + next.len_utf8();
                    continue;
                }
                // U.S., U.N.: single letters joined by periods; also at the end of a
                // hyphenated word, as in party-state tags: "(R-N.C.)", "D-N.Y.".
                let one_char = q == c_end;
                let tag_initial = || {
                    text[start..q].chars().nth(2).is_some()
                        && last.is_uppercase()
                        && is_hyphen(before(q - last.len_utf8()))
                };
                if d == '.'
                    && kind == TokenKind::Word
                    && (one_char || tag_initial())
                    && next.is_alphabetic()
                {
                    // `k`: after the last "." + letter pair (each letter alone).
                    let mut k = q;
                    while k < n && b[k] == b'.' {
                        let k1 = k + 1;
                        if k1 >= n {
                            break;
                        }
                        let letter = at(k1);
                        let k2 = k1 + letter.len_utf8();
                        if letter.is_alphabetic() && (k2 >= n || !is_word_char(at(k2))) {
                            k = k2;
                        } else {
                            break;
                        }
                    }
                    if k > q {
                        q = k;
                        if q < n && b[q] == b'.' {
                            q += 1;
                        }
                        // "U.S.-led" stays one word.
                        if q < n && is_hyphen(at(q)) {
                            let h = after(q);
                            if h < n && is_word_char(at(h)) {
                                q = after(h);
                                continue;
                            }
                        }
                        tokens.push(Token {
                            span: Span::new(start, q),
                            kind,
                        });
                        p = q;
                        break;
                    }
                }
            }
            // End of the word. Keep a period for abbreviations and initials.
            if q < n && b[q] == b'.' && kind == TokenKind::Word {
                let word = &text[start..q];
                let initial = q == c_end && c.is_uppercase();
                if initial || ABBREVIATIONS.contains(&word) {
                    q += 1;
                }
            }
            tokens.push(Token {
                span: Span::new(start, q),
                kind,
            });
            p = q;
            break;
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokenizer as it was, over a vector of chars: the reference the
    /// byte-walking one is tested against.
    pub(crate) fn tokenize_reference(text: &str) -> Vec<Token> {
        let mut tokens = Vec::with_capacity(text.len() / 5 + 1);
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let n = chars.len();
        let byte_at = |i: usize| if i < n { chars[i].0 } else { text.len() };
        let mut i = 0;
        while i < n {
            let c = chars[i].1;
            if c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}' {
                i += 1;
                continue;
            }
            if !is_word_char(c) {
                tokens.push(Token {
                    span: Span::new(byte_at(i), byte_at(i + 1)),
                    kind: TokenKind::Punct,
                });
                i += 1;
                continue;
            }
            // A word or number: letters/digits with internal connectors.
            let start = i;
            let kind = if c.is_ascii_digit() || c.is_numeric() {
                TokenKind::Number
            } else {
                TokenKind::Word
            };
            let mut j = i + 1;
            loop {
                while j < n && is_word_char(chars[j].1) {
                    j += 1;
                }
                if j + 1 < n && is_word_char(chars[j + 1].1) {
                    let d = chars[j].1;
                    let next = chars[j + 1].1;
                    if is_hyphen(d)
                        || d == '&' && chars[j - 1].1.is_uppercase() && next.is_uppercase()
                    {
                        j += 2;
                        continue;
                    }
                    if (d == '.' || d == ',' || d == ':')
                        && chars[j - 1].1.is_ascii_digit()
                        && next.is_ascii_digit()
                    {
                        j += 2;
                        continue;
                    }
                    if is_apostrophe(d) && kind == TokenKind::Word {
                        // Clitics split off: 's 're 've 'll 'd 'm and n't.
                        let rest_end = {
                            let mut k = j + 1;
                            while k < n && is_word_char(chars[k].1) {
                                k += 1;
                            }
                            k
                        };
                        let rest: String = chars[j + 1..rest_end]
                            .iter()
                            .map(|&(_, c)| c.to_ascii_lowercase())
                            .collect();
                        let is_clitic =
                            matches!(rest.as_str(), "s" | "re" | "ve" | "ll" | "d" | "m");
                        let nt =
                            rest == "t" && j > start + 1 && matches!(chars[j - 1].1, 'n' | 'N');
                        if nt {
                            // "don't" -> "do" + "n't"
                            tokens.push(Token {
                                span: Span::new(byte_at(start), byte_at(j - 1)),
                                kind,
                            });
                            tokens.push(Token {
                                span: Span::new(byte_at(j - 1), byte_at(rest_end)),
                                kind: TokenKind::Word,
                            });
                            i = rest_end;
                            break;
                        }
                        if is_clitic {
                            tokens.push(Token {
                                span: Span::new(byte_at(start), byte_at(j)),
                                kind,
                            });
                            tokens.push(Token {
                                span: Span::new(byte_at(j), byte_at(rest_end)),
                                kind: TokenKind::Word,
                            });
                            i = rest_end;
                            break;
                        }
                        // O'Brien, rock'n'roll: one word.
                        j += 2;
                        continue;
                    }
                    // U.S., U.N.: single letters joined by periods; also at the end of a
                    // hyphenated word, as in party-state tags: "(R-N.C.)", "D-N.Y.".
                    let tag_initial = j - start >= 3
                        && chars[j - 1].1.is_uppercase()
                        && is_hyphen(chars[j - 2].1);
                    if d == '.'
                        && kind == TokenKind::Word
                        && (j - start == 1 || tag_initial)
                        && next.is_alphabetic()
                    {
                        let mut k = j;
                        while k + 1 < n
                            && chars[k].1 == '.'
                            && chars[k + 1].1.is_alphabetic()
                            && (k + 2 >= n || !is_word_char(chars[k + 2].1))
                        {
                            k += 2;
                        }
                        if k > j {
                            j = k;
                            if j < n && chars[j].1 == '.' {
                                j += 1;
                            }
                            // "U.S.-led" stays one word.
                            if j + 1 < n && is_hyphen(chars[j].1) && is_word_char(chars[j + 1].1) {
                                j += 2;
                                continue;
                            }
                            tokens.push(Token {
                                span: Span::new(byte_at(start), byte_at(j)),
                                kind,
                            });
                            i = j;
                            break;
                        }
                    }
                }
                // End of the word. Keep a period for abbreviations and initials.
                if j < n && chars[j].1 == '.' && kind == TokenKind::Word {
                    let word = &text[byte_at(start)..byte_at(j)];
                    let initial = j - start == 1 && chars[start].1.is_uppercase();
                    if initial || ABBREVIATIONS.contains(&word) {
                        j += 1;
                    }
                }
                tokens.push(Token {
                    span: Span::new(byte_at(start), byte_at(j)),
                    kind,
                });
                i = j;
                break;
            }
        }
        tokens
    }

    /// The byte-walking tokenizer gives exactly the tokens of the reference.
    fn same(text: &str) {
        assert_eq!(tokenize(text), tokenize_reference(text), "{text:?}");
    }

    #[test]
    fn agrees_with_the_reference() {
        for text in [
            "",
            "a",
            "A.",
            "U.S.-led U.S. U.N.’s Mr. Smith",
            "don't Don't n't 'nt xn't",
            "O'Brien rock'n'roll it’s we’re I’ve they'll he'd I'm",
            "AT&T A&b a&B",
            "3.5bn 1,000 10:30 2.",
            "R-N.C. D-N.Y., x-Y.Z. é-É.Ü. A-B.",
            "J. F. K.",
            "Zoë’s café-au-lait naïve ÉTATS-UNIS",
            "e\u{301}t\u{301}e\u{301}. x\u{20d0}",
            "🎉a🎉 a.🎉 U.🎉",
            "a.b.c.d.e.f.g.-h.i.j-k",
            "Jan. Sept. etc. vs. al. p.",
            "\u{feff}x\u{200b}y\u{a0}z\u{3000}",
            "٣.٥ ٣٥ 四五 Ⅻ",
            "a‐b a‑b a-",
            "x'",
            "’s",
            "ab'",
            "A.B",
            "A.B.",
            "a.B",
            "Ab.C.",
            "N'T n'T",
            "a\u{2019}S",
            "ǅa Ǆ.",
        ] {
            same(text);
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn agrees_with_the_reference_on_anything(s in "\\PC{0,40}") {
            same(&s);
        }

        #[test]
        fn agrees_with_the_reference_on_edge_chars(
            v in proptest::collection::vec(proptest::sample::select(vec![
                "a", "A", "n", "N", "t", "s", "re", "U", "S", "Mr", "Jan", ".", ",", ":",
                "'", "’", "ʼ", "-", "‐", "‑", "&", "1", "9", "٣", " ", "\n", "é", "Ü",
                "\u{301}", "ǅ", "🎉", "“", "\u{feff}",
            ]), 0..30)
        ) {
            same(&v.concat());
        }
    }

    fn words(text: &str) -> Vec<&str> {
        tokenize(text)
            .iter()
            .map(|t| &text[t.span.start..t.span.end])
            .collect()
    }

    #[test]
    fn news_conventions() {
        assert_eq!(
            words("Iraq’s U.S.-led Mr. Smith"),
            ["Iraq", "’s", "U.S.-led", "Mr.", "Smith"]
        );
        assert_eq!(
            words("al-Sudani don't O'Brien"),
            ["al-Sudani", "do", "n't", "O'Brien"]
        );
        assert_eq!(
            words("$3.5bn, 12% “Yes.”"),
            ["$", "3.5bn", ",", "12", "%", "“", "Yes", ".", "”"]
        );
        assert_eq!(
            words("John F. Kennedy in the U.S."),
            ["John", "F.", "Kennedy", "in", "the", "U.S."]
        );
        assert_eq!(words("AT&T 🎉 é"), ["AT&T", "🎉", "é"]);
        assert_eq!(
            words("Burr (R-N.C.) and Jones, D-N.Y., said"),
            ["Burr", "(", "R-N.C.", ")", "and", "Jones", ",", "D-N.Y.", ",", "said"]
        );
    }

    #[test]
    fn end_of_sentence_period_is_separate() {
        assert_eq!(words("He left. Then"), ["He", "left", ".", "Then"]);
    }
}
