//! Text handling: byte spans, tokens, paragraphs and sentences.
//!
//! Everything in the pipeline refers to the input by byte [`Span`]s into the
//! original `&str`; nothing is normalized or copied. [`offsets`] turns byte
//! offsets into the UTF-16 offsets of the output.

pub mod offsets;
pub mod sentences;
pub mod tokens;

pub use tokens::{tokenize, Token, TokenKind};

/// A byte range of the input, end-exclusive. Both ends are char boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    #[inline]
    pub const fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// Length in bytes.
    #[inline]
    pub fn len(self) -> usize {
        self.end - self.start
    }

    /// True when the span is empty.
    #[inline]
    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// True when `other` lies inside this span.
    #[inline]
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    #[inline]
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The text the span covers.
    #[inline]
    pub fn of(self, text: &str) -> &str {
        &text[self.start..self.end]
    }
}

/// True for the chars that end a line: LF, CR, NEL, LS, PS.
#[inline]
pub fn is_line_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// Paragraphs: each run of text between line breaks, trimmed of white space.
///
/// News pasted from a page or a wire arrives one paragraph a line (with or
/// without blank lines between), so a line break ends a paragraph. Lines that
/// are only white space are not paragraphs.
pub fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut line_start = 0;
    let mut push = |s: usize, e: usize| {
        let line = &text[s..e];
        let trimmed_start = line.len() - line.trim_start().len();
        let trimmed_end = line.trim_end().len();
        if trimmed_end > trimmed_start {
            out.push(Span::new(s + trimmed_start, s + trimmed_end));
        }
    };
    // The line breaks found by their UTF-8 bytes, without decoding every
    // char: LF and CR are single bytes, NEL is C2 85, LS and PS are E2 80 A8
    // and E2 80 A9 (C2 and E2 only ever lead a char).
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // Eight bytes at a time past plain ASCII (0x20 to 0x7F), which holds
        // none of those bytes: most of a paragraph.
        if let Some(chunk) = b.get(i..i + 8) {
            let x = u64::from_le_bytes([
                chunk[0], chunk[1], chunk[2], chunk[3], chunk[4], chunk[5], chunk[6], chunk[7],
            ]);
            const LO: u64 = 0x0101_0101_0101_0101;
            const HI: u64 = 0x8080_8080_8080_8080;
            // A byte under 0x20 or from 0x80 up sets its high bit here.
            if (x.wrapping_sub(0x20 * LO) | x) & HI == 0 {
                i += 8;
                continue;
            }
        }
        let len = match b[i] {
            b'\n' | b'\r' => 1,
            0xC2 if b.get(i + 1) == Some(&0x85) => 2,
            0xE2 if b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0xA8 | 0xA9)) => 3,
            _ => 0,
        };
        if len == 0 {
            i += 1;
            continue;
        }
        push(line_start, i);
        i += len;
        line_start = i;
    }
    push(line_start, text.len());
    out
}

/// A text with its tokens, paragraphs and sentences, shared by every stage.
pub struct Document<'a> {
    /// The input, unchanged.
    pub text: &'a str,
    /// Tokens in order.
    pub tokens: Vec<Token>,
    /// Paragraph spans in order.
    pub paragraphs: Vec<Span>,
    /// Sentence spans in order; every token lies in exactly one.
    pub sentences: Vec<Span>,
    /// For each sentence, the range of its tokens.
    pub sentence_tokens: Vec<std::ops::Range<usize>>,
}

impl<'a> Document<'a> {
    /// Tokenizes `text` and splits it into paragraphs and sentences, never
    /// splitting a sentence inside one of the `protected` spans (quotations).
    pub fn new(
        text: &'a str,
        tokens: Vec<Token>,
        paragraphs: Vec<Span>,
        protected: &[Span],
    ) -> Self {
        let sentences = sentences::split(text, &tokens, &paragraphs, protected);
        let mut sentence_tokens = Vec::with_capacity(sentences.len());
        let mut t = 0;
        for s in &sentences {
            while t < tokens.len() && tokens[t].span.start < s.start {
                t += 1;
            }
            let first = t;
            while t < tokens.len() && tokens[t].span.end <= s.end {
                t += 1;
            }
            sentence_tokens.push(first..t);
        }
        Document {
            text,
            tokens,
            paragraphs,
            sentences,
            sentence_tokens,
        }
    }

    /// The text of token `i`.
    #[inline]
    pub fn token_text(&self, i: usize) -> &'a str {
        self.tokens[i].span.of(self.text)
    }

    /// Index of the sentence containing byte `pos` (the last one starting at or before it).
    pub fn sentence_at(&self, pos: usize) -> usize {
        self.sentences
            .partition_point(|s| s.start <= pos)
            .saturating_sub(1)
    }

    /// Index of the paragraph containing byte `pos` (the last one starting at or before it).
    pub fn paragraph_at(&self, pos: usize) -> usize {
        self.paragraphs
            .partition_point(|s| s.start <= pos)
            .saturating_sub(1)
    }

    /// Index of the first token starting at or after byte `pos`.
    pub fn token_at_or_after(&self, pos: usize) -> usize {
        self.tokens.partition_point(|t| t.span.start < pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_lines() {
        let text = "One.\r\n\r\n  Two “a”.\nThree\n\n";
        let p: Vec<&str> = paragraphs(text).iter().map(|s| s.of(text)).collect();
        assert_eq!(p, ["One.", "Two “a”.", "Three"]);
        assert!(paragraphs("").is_empty());
        assert!(paragraphs(" \n\t").is_empty());
        // Every line break, and chars that share their lead bytes.
        let text = "a\u{85}b\u{2028}c\u{2029}d\re\u{a0}\u{2027}f\u{202a}g\u{c5}h\u{201c}";
        let p: Vec<&str> = paragraphs(text).iter().map(|s| s.of(text)).collect();
        assert_eq!(
            p,
            [
                "a",
                "b",
                "c",
                "d",
                "e\u{a0}\u{2027}f\u{202a}g\u{c5}h\u{201c}"
            ]
        );
    }

    proptest::proptest! {
        /// The paragraphs are the lines split on every line break char,
        /// trimmed, blank ones dropped, wherever the breaks fall among the
        /// eight-byte steps over plain ASCII.
        #[test]
        fn paragraphs_split_on_every_line_break(
            text in "([a-z ,.\\t\u{1}\u{7f}\u{80}-\u{200}\u{2020}-\u{2030}]{0,12}[\n\r\u{85}\u{2028}\u{2029}]?){0,12}"
        ) {
            let got: Vec<&str> = paragraphs(&text).iter().map(|s| s.of(&text)).collect();
            let want: Vec<&str> = text
                .split(is_line_break)
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            proptest::prop_assert_eq!(got, want);
        }
    }
}
