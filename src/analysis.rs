//! The contract: the serializable shape of an analysis (`../shared/SPEC.md`).
//!
//! Everything here is plain data with UTF-16 offsets, built once at the end of
//! [`crate::analyze`] from the byte-offset structures the pipeline works on.
//! Field names are camelCase; `None` serializes as `null`.

use serde::{Deserialize, Serialize};

/// Version of the output shape; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// The kind of a named or numeric entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityType {
    /// A person: "Antony Blinken", "Blinken".
    Person,
    /// A company, party, ministry, armed group, newspaper...
    Organization,
    /// Countries, cities, regions, geographic features, facilities.
    Place,
    /// Nationalities, religious and political groups: "Iraqi", "Kurdish", "Republicans".
    Group,
    /// Other named things: events, works, products, laws.
    Misc,
    /// "Friday", "2014", "last year".
    Date,
    /// "10pm", "this morning".
    Time,
    /// "$5m", "£3.5bn".
    Money,
    /// "12%", "5 per cent".
    Percent,
}

impl EntityType {
    /// Every type, in the order the page's legend lists them.
    pub const ALL: [EntityType; 9] = [
        EntityType::Person,
        EntityType::Organization,
        EntityType::Place,
        EntityType::Group,
        EntityType::Misc,
        EntityType::Date,
        EntityType::Time,
        EntityType::Money,
        EntityType::Percent,
    ];

    /// The lowercase name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::Organization => "organization",
            EntityType::Place => "place",
            EntityType::Group => "group",
            EntityType::Misc => "misc",
            EntityType::Date => "date",
            EntityType::Time => "time",
            EntityType::Money => "money",
            EntityType::Percent => "percent",
        }
    }

    /// Parses the JSON name of a type.
    pub fn parse(s: &str) -> Option<EntityType> {
        EntityType::ALL.iter().copied().find(|t| t.as_str() == s)
    }

    /// Names, as opposed to dates, times, sums and percentages.
    pub fn is_name(self) -> bool {
        matches!(
            self,
            EntityType::Person
                | EntityType::Organization
                | EntityType::Place
                | EntityType::Group
                | EntityType::Misc
        )
    }
}

/// A piece of the input: UTF-16 offsets, end-exclusive, and the text they cover.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextSpan {
    /// UTF-16 offset of the first code unit.
    pub start: usize,
    /// UTF-16 offset one past the last code unit.
    pub end: usize,
    /// `text.slice(start, end)`.
    pub text: String,
}

/// A bare range of the input, for sentences and paragraphs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Range {
    /// UTF-16 offset of the first code unit.
    pub start: usize,
    /// UTF-16 offset one past the last code unit.
    pub end: usize,
}

/// One mention of an entity in the text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Index in `entities`.
    pub id: usize,
    /// What kind of thing it is.
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// UTF-16 offset of the first code unit.
    pub start: usize,
    /// UTF-16 offset one past the last code unit.
    pub end: usize,
    /// The mention as written.
    pub text: String,
    /// Index in `groups` of the real-world thing this mention refers to.
    pub group: usize,
}

/// One real-world thing: an entry of the cast list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Group {
    /// Index in `groups`.
    pub id: usize,
    /// The type of its mentions.
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// The fullest name used in the text.
    pub name: String,
    /// Entity ids of its mentions, in document order.
    pub mentions: Vec<usize>,
    /// Ids of the speech quotes attributed to it.
    pub quotes: Vec<usize>,
}

/// Whether a quotation is reported speech or a quoted term.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Words someone said or wrote.
    Speech,
    /// A term, title, nickname or scare quote: nobody's speech.
    Scare,
}

/// How a quote's speaker was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Attribution {
    /// Speaker and speech verb in the same sentence as the quote.
    Adjacent,
    /// The speaker is a pronoun ("He added") resolved to an earlier person.
    Pronoun,
    /// "X said: ..." introducing the quote.
    Colon,
    /// A quote-only paragraph carrying on the previous speaker's quote.
    Continuation,
    /// No speaker found.
    None,
}

/// One quotation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Quote {
    /// Index in `quotes`.
    pub id: usize,
    /// UTF-16 offset of the opening mark.
    pub start: usize,
    /// UTF-16 offset one past the closing mark (or the end of the text, if never closed).
    pub end: usize,
    /// The content, without the outer quotation marks.
    pub text: String,
    /// Speech or scare quote.
    pub kind: QuoteKind,
    /// The local mention naming the speaker (may be a pronoun); `null` if none nearby.
    pub speaker: Option<TextSpan>,
    /// The group the speaker resolves to, or `null`.
    pub speaker_group: Option<usize>,
    /// The speech verb or "according to"; `null` if none.
    pub cue: Option<TextSpan>,
    /// How the speaker was found.
    pub attribution: Attribution,
}

/// The full analysis of one text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analysis {
    /// Version of this shape ([`SCHEMA_VERSION`]).
    pub schema: u32,
    /// Entities in document order, non-overlapping.
    pub entities: Vec<Entity>,
    /// The cast list: one group per real-world thing.
    pub groups: Vec<Group>,
    /// Quotations in document order.
    pub quotes: Vec<Quote>,
    /// Sentences in document order.
    pub sentences: Vec<Range>,
    /// Paragraphs in document order.
    pub paragraphs: Vec<Range>,
}

impl Analysis {
    /// Checks every promise of the contract against the analyzed `text`:
    /// each span slices back to its text in UTF-16, entities are in order and
    /// non-overlapping, quotes are in order and inside the text, and every id
    /// points at something real. Used by the property tests and the fuzzer.
    pub fn check_against(&self, text: &str) -> Result<(), String> {
        let u16s: Vec<u16> = text.encode_utf16().collect();
        let slice = |start: usize, end: usize| -> Option<String> {
            (start <= end && end <= u16s.len())
                .then(|| String::from_utf16(&u16s[start..end]).ok())
                .flatten()
        };
        let fail = |what: String| Err(what);
        let mut last_end = 0;
        for (i, e) in self.entities.iter().enumerate() {
            if e.id != i || e.start >= e.end || e.start < last_end {
                return fail(format!("entity {i} out of order or empty: {e:?}"));
            }
            last_end = e.end;
            if slice(e.start, e.end).as_deref() != Some(e.text.as_str()) {
                return fail(format!("entity {i} does not slice to its text: {e:?}"));
            }
            if e.group >= self.groups.len() || !self.groups[e.group].mentions.contains(&i) {
                return fail(format!("entity {i} has a bad group {}", e.group));
            }
        }
        for (g_id, g) in self.groups.iter().enumerate() {
            if g.id != g_id || g.mentions.is_empty() || !g.mentions.windows(2).all(|w| w[0] < w[1])
            {
                return fail(format!("group {g_id} malformed: {g:?}"));
            }
            if g.mentions
                .iter()
                .any(|&m| m >= self.entities.len() || self.entities[m].group != g_id)
            {
                return fail(format!("group {g_id} lists a mention of another group"));
            }
            if g.quotes
                .iter()
                .any(|&q| q >= self.quotes.len() || self.quotes[q].speaker_group != Some(g_id))
            {
                return fail(format!("group {g_id} lists a quote not attributed to it"));
            }
        }
        let mut last_start = 0;
        for (i, q) in self.quotes.iter().enumerate() {
            if q.id != i || q.start >= q.end || q.start < last_start {
                return fail(format!("quote {i} out of order or empty: {q:?}"));
            }
            last_start = q.start;
            match slice(q.start, q.end) {
                Some(outer) if outer.contains(&q.text) => {}
                _ => return fail(format!("quote {i} does not slice around its text: {q:?}")),
            }
            for s in q.speaker.iter().chain(q.cue.iter()) {
                if slice(s.start, s.end).as_deref() != Some(s.text.as_str()) {
                    return fail(format!("quote {i}: span {s:?} does not slice to its text"));
                }
            }
            if q.speaker_group.is_some_and(|g| g >= self.groups.len()) {
                return fail(format!("quote {i} has a bad speaker group"));
            }
        }
        for (name, spans) in [
            ("sentence", &self.sentences),
            ("paragraph", &self.paragraphs),
        ] {
            let mut last = 0;
            for s in spans.iter() {
                if s.start >= s.end || s.start < last || slice(s.start, s.end).is_none() {
                    return fail(format!(
                        "{name} {s:?} out of order or not on a char boundary"
                    ));
                }
                last = s.end;
            }
        }
        Ok(())
    }
}
