//! Quotations: pairing marks, telling speech from scare quotes, and finding speakers.

use crate::analysis::{Attribution, QuoteKind};
use crate::entities::Mention;
use crate::groups::Cast;
use crate::text::{Document, Span, Token};

/// A quotation found by pairing marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteMarks {
    /// From the opening mark to the closing mark inclusive.
    pub span: Span,
    /// The content without the outer marks.
    pub content: Span,
}

/// The attribution of one quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attributed {
    /// Speech or scare.
    pub kind: QuoteKind,
    /// The local mention naming the speaker.
    pub speaker: Option<Span>,
    /// The group it resolves to (index into `Cast::groups`).
    pub speaker_group: Option<usize>,
    /// The speech verb.
    pub cue: Option<Span>,
    /// How it was found.
    pub attribution: Attribution,
}

/// Finds quotations by pairing quotation marks.
pub fn find(_text: &str, _tokens: &[Token], _paragraphs: &[Span]) -> Vec<QuoteMarks> {
    Vec::new()
}

/// Attributes each quote to a speaker.
pub fn attribute(
    _doc: &Document,
    marks: &[QuoteMarks],
    _mentions: &[Mention],
    _cast: &Cast,
) -> Vec<Attributed> {
    marks
        .iter()
        .map(|_| Attributed {
            kind: QuoteKind::Speech,
            speaker: None,
            speaker_group: None,
            cue: None,
            attribution: Attribution::None,
        })
        .collect()
}
