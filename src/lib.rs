//! # article-lens
//!
//! Reads a news article and tells who is in it and who said what: every
//! person, organization, place, group, date and sum of money; every quotation
//! with the person it is attributed to; and a cast list that groups
//! "Antony Blinken" with every later "Blinken". It runs entirely on the
//! reader's machine, natively or compiled to WebAssembly: no server, no
//! network, no model download.
//!
//! ```
//! let text = "“We are determined,” Antony Blinken said on Friday.";
//! let analysis = article_lens::analyze(text, &article_lens::Options::default());
//! let quote = &analysis.quotes[0];
//! let speaker = &analysis.groups[quote.speaker_group.unwrap()];
//! assert_eq!(speaker.name, "Antony Blinken");
//! ```
//!
//! ## How it works
//!
//! One pass over the text in stages, each a module named for what it does:
//! [`text`] splits tokens, paragraphs and sentences (byte offsets);
//! [`quotes`] pairs quotation marks; [`entities`] finds names (a trained
//! tagger) and dates, times, sums and percentages (rules); [`groups`] links
//! mentions of the same thing; [`quotes`] then attributes each quote to a
//! speaker. The result is converted once into the [`Analysis`] of the
//! contract, with UTF-16 offsets.
//!
//! ## Untrusted input
//!
//! Any `&str` is valid input: empty, huge, binary junk, unbalanced quotation
//! marks, emoji, right-to-left text, CRLF. [`analyze`] never panics on input,
//! every span slices back to its text, and time grows linearly with the size
//! of the text.

#![warn(missing_docs)]

pub mod analysis;
pub mod entities;
pub mod groups;
pub mod quotes;
pub mod text;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use analysis::{
    Analysis, Attribution, Entity, EntityType, Group, Quote, QuoteKind, Range, TextSpan,
    SCHEMA_VERSION,
};

use text::offsets::Utf16Index;
use text::{Document, Span};

/// What to analyze and return. `Options::default()` returns everything.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Options {
    /// Keep only entities of these types (and the groups made of them). `None` keeps all.
    #[serde(default)]
    pub types: Option<Vec<EntityType>>,
}

/// An error in the options given to [`analyze_with_json_options`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    /// The options could not be read; the message says why.
    BadOptions(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::BadOptions(m) => write!(f, "bad options: {m}"),
        }
    }
}

impl std::error::Error for Error {}

impl Options {
    /// Reads options from JSON text (`null` means the defaults).
    pub fn from_json(json: &str) -> Result<Options, Error> {
        let v: Option<Options> =
            serde_json::from_str(json).map_err(|e| Error::BadOptions(e.to_string()))?;
        Ok(v.unwrap_or_default())
    }
}

/// Analyzes `text`: entities, quotes with speakers, the cast list, sentences and paragraphs.
///
/// Never panics on any input; all offsets in the result are UTF-16 code units.
pub fn analyze(text: &str, options: &Options) -> Analysis {
    let tokens = text::tokenize(text);
    let paragraphs = text::paragraphs(text);
    let marks = quotes::find(text, &tokens, &paragraphs);
    let protected: Vec<Span> = marks.iter().map(|q| q.span).collect();
    let doc = Document::new(text, tokens, paragraphs, &protected);
    let mentions = entities::recognize(&doc, &marks);
    let cast = groups::build(&doc, &mentions);
    let attributed = quotes::attribute(&doc, &marks, &mentions, &cast);
    build_output(&doc, &mentions, &cast, &marks, &attributed, options)
}

/// Like [`analyze`], with the options as JSON text (for bindings).
pub fn analyze_with_json_options(text: &str, options_json: &str) -> Result<Analysis, Error> {
    Ok(analyze(text, &Options::from_json(options_json)?))
}

fn build_output(
    doc: &Document,
    mentions: &[entities::Mention],
    cast: &groups::Cast,
    marks: &[quotes::QuoteMarks],
    attributed: &[quotes::Attributed],
    options: &Options,
) -> Analysis {
    let text = doc.text;
    let u16 = Utf16Index::new(text);
    let span = |s: Span| TextSpan {
        start: u16.utf16(s.start),
        end: u16.utf16(s.end),
        text: s.of(text).to_string(),
    };
    let range = |s: &Span| Range {
        start: u16.utf16(s.start),
        end: u16.utf16(s.end),
    };

    let keep = |t: EntityType| options.types.as_ref().is_none_or(|ts| ts.contains(&t));
    // Entities kept, with new ids; groups kept when any mention is, with new ids.
    let mut entity_id = vec![usize::MAX; mentions.len()];
    let mut group_id = vec![usize::MAX; cast.groups.len()];
    let mut entities = Vec::new();
    let mut groups: Vec<Group> = Vec::new();
    for (i, m) in mentions.iter().enumerate() {
        if !keep(m.ty) {
            continue;
        }
        let g = cast.group_of[i];
        if group_id[g] == usize::MAX {
            group_id[g] = groups.len();
            let info = &cast.groups[g];
            groups.push(Group {
                id: groups.len(),
                entity_type: info.ty,
                name: info.name.clone(),
                mentions: Vec::new(),
                quotes: Vec::new(),
            });
        }
        entity_id[i] = entities.len();
        let s = span(m.span);
        groups[group_id[g]].mentions.push(entities.len());
        entities.push(Entity {
            id: entities.len(),
            entity_type: m.ty,
            start: s.start,
            end: s.end,
            text: s.text,
            group: group_id[g],
        });
    }
    let mut quotes_out = Vec::with_capacity(marks.len());
    for (i, (q, a)) in marks.iter().zip(attributed).enumerate() {
        let speaker_group = a
            .speaker_group
            .map(|g| group_id[g])
            .filter(|&g| g != usize::MAX);
        if let Some(g) = speaker_group {
            if a.kind == QuoteKind::Speech {
                groups[g].quotes.push(i);
            }
        }
        let outer = range(&q.span);
        quotes_out.push(Quote {
            id: i,
            start: outer.start,
            end: outer.end,
            text: q.content.of(text).to_string(),
            kind: a.kind,
            speaker: a.speaker.map(span),
            speaker_group,
            cue: a.cue.map(span),
            attribution: a.attribution,
        });
    }
    Analysis {
        schema: SCHEMA_VERSION,
        entities,
        groups,
        quotes: quotes_out,
        sentences: doc.sentences.iter().map(range).collect(),
        paragraphs: doc.paragraphs.iter().map(range).collect(),
    }
}
