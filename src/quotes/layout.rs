//! Speakers named by the layout of the page rather than by a speech verb.
//!
//! Two shapes news pages use for runs of quotes, each without a verb:
//!
//! - a signature after the quote on its line, as in quote cards and reader
//!   round-ups: "“We deserve better.” — Jane Smith" (any dash: em, en,
//!   horizontal bar);
//! - a transcript label opening the quoted paragraph, in a quoted partial
//!   transcript: "\"SMITH: We will win.\"", where the label is a person the
//!   article names elsewhere ("Jane Smith").
//!
//! Decided: both need strong evidence, because a wrong speaker is worse than
//! none. The signature must be a capitalized name that ends its line (save a
//! short descriptor after a comma or parenthesis: "— Jane Smith, 34, Ohio"),
//! right after the quote; the label must be in capitals, followed by a colon,
//! and match the surname of exactly one person in the article's cast. A label
//! nobody in the article bears ("UPDATE:", "VIDEO:") gives nothing.

use crate::analysis::{Attribution, EntityType, QuoteKind};
use crate::text::TokenKind;

use super::speakers::{Ctx, NpKind};
use super::{Attributed, Found};

/// Dashes that introduce a signature.
fn is_dash(t: &str) -> bool {
    matches!(t, "—" | "–" | "―" | "--")
}

/// "“…” — Jane Smith" with the name ending the line.
pub(super) fn dash_signature(ctx: &Ctx, qi: usize) -> Option<Found> {
    let r = ctx.qtok[qi].clone();
    let doc = ctx.doc;
    let n = doc.tokens.len();
    if r.is_empty() || r.end >= n {
        return None;
    }
    let para = doc.paragraph_at(doc.tokens[r.end - 1].span.start);
    let hi = doc
        .token_at_or_after(doc.paragraphs[para].end)
        .checked_sub(1)?;
    // Closing punctuation outside the marks ("”." or "”,") before the dash.
    let mut k = r.end;
    while k <= hi && k < r.end + 2 && matches!(ctx.text(k), "." | ",") {
        k += 1;
    }
    if k >= hi || !is_dash(ctx.text(k)) {
        return None;
    }
    let np = ctx.np_after(k + 1, hi)?;
    if np.kind != NpKind::Name || np.possessor.is_some() {
        return None;
    }
    // The name ends the line, save a full stop or a short descriptor.
    let rest = np.last + 1..=hi;
    let ends_line = np.last == hi
        || match ctx.text(np.last + 1) {
            "." | "!" => rest.clone().all(|j| doc.tokens[j].kind != TokenKind::Word),
            "," | "(" => hi - np.last <= 8 && rest.clone().all(|j| ctx.in_quote[j] == u32::MAX),
            _ => false,
        };
    let ends_line = ends_line
        && !rest
            .clone()
            .any(|j| super::cues::is_speech_verb(ctx.text(j)));
    ends_line.then_some(Found {
        np,
        cue: None,
        colon: false,
    })
}

/// "\"SMITH: We will win.\"": a capitalized label and a colon opening a quoted
/// paragraph, naming one person of the article.
pub(super) fn transcript_label(ctx: &Ctx, qi: usize) -> Option<Attributed> {
    let r = ctx.qtok[qi].clone();
    let doc = ctx.doc;
    // The opening mark, then one to three words in capitals, then a colon.
    if r.len() < 4 {
        return None;
    }
    let para = doc.paragraph_at(doc.tokens[r.start].span.start);
    if doc.paragraphs[para].start != doc.tokens[r.start].span.start {
        return None;
    }
    let first = r.start + 1;
    let mut k = first;
    while k < r.end && k < first + 3 && is_capitals(ctx, k) {
        k += 1;
    }
    if k == first || k >= r.end || ctx.text(k) != ":" {
        return None;
    }
    let surname = ctx.text(k - 1);
    let mut found = None;
    for (g, info) in ctx.cast.groups.iter().enumerate() {
        if info.ty != EntityType::Person {
            continue;
        }
        let last = info.name.split_whitespace().last().unwrap_or("");
        if last.to_lowercase() == surname.to_lowercase() {
            if found.is_some() {
                return None;
            }
            found = Some(g);
        }
    }
    let group = found?;
    Some(Attributed {
        kind: QuoteKind::Speech,
        speaker: Some(ctx.span(first, k - 1)),
        speaker_group: Some(group),
        cue: None,
        attribution: Attribution::Colon,
    })
}

/// A word of two or more letters, all capitals.
fn is_capitals(ctx: &Ctx, i: usize) -> bool {
    let t = ctx.text(i);
    ctx.doc.tokens[i].kind == TokenKind::Word
        && t.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && !t.chars().any(char::is_lowercase)
}
