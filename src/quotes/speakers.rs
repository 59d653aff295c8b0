//! Speakers: the noun phrase next to a speech verb, and the cast group it names.
//!
//! Decided: the speaker phrase is parsed from tokens, not taken from the
//! entity recognizer, so "a White House spokesman", "Sudani’s office" and
//! "he" are found whether or not anything was recognized in them. The
//! phrase is then resolved to a group through the entity mention over its
//! head word ("Blinken" in "Secretary of State Antony Blinken"), through the
//! possessor for institutions ("Sudani’s office" speaks for Sudani), or, for
//! "he"/"she", through the previous quote's speaker and the subject of the
//! nearest sentence naming a person of matching gender. A description whose
//! head is not a name ("a White House spokesman") keeps its phrase and gets
//! no group.
//!
//! Cost: the parser knows a handful of noun-phrase shapes (name runs,
//! determiner phrases with one prepositional attachment, possessives,
//! appositives between commas); a speaker phrase outside them ("Those who
//! were there said") is missed, which leaves the quote without a speaker
//! rather than with a wrong one.

use std::ops::Range;

use super::cues::{self, Gender};
use super::QuoteMarks;
use crate::analysis::EntityType;
use crate::entities::{lexicon, Mention};
use crate::groups::Cast;
use crate::text::{Document, Span, TokenKind};

const NONE: u32 = u32::MAX;

/// The shape of a speaker phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NpKind {
    /// A run of capitalized words: "Antony Blinken", "the Foreign Ministry".
    Name,
    /// A subject pronoun and the gender it tells.
    Pronoun(Option<Gender>),
    /// A determiner phrase or bare noun: "a White House spokesman", "officials".
    Description,
}

/// A speaker phrase: token indices, inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Np {
    /// First token.
    pub first: usize,
    /// Last token.
    pub last: usize,
    /// The head word.
    pub head: usize,
    /// Its shape.
    pub kind: NpKind,
    /// The head of the possessor in "X’s office".
    pub possessor: Option<usize>,
    /// The relative pronoun standing for the phrase as the verb's subject:
    /// "who" in "Mike Lee, who declared". It is the local mention of the
    /// speaker, as "he" is; the phrase before it says who that is.
    pub relative: Option<usize>,
}

/// Shared lookups over one document.
pub struct Ctx<'a, 'b> {
    /// The document.
    pub doc: &'a Document<'b>,
    /// The quotations.
    pub marks: &'a [QuoteMarks],
    /// Entity mentions.
    pub mentions: &'a [Mention],
    /// The cast.
    pub cast: &'a Cast,
    /// For each token, the quote it lies in (`NONE` when outside).
    pub in_quote: Vec<u32>,
    /// For each quote, its tokens.
    pub qtok: Vec<Range<usize>>,
    /// For each token, the mention it lies in (`NONE` when outside).
    pub mention_of_tok: Vec<u32>,
    /// For each token, its sentence.
    pub sent_of_tok: Vec<u32>,
    /// For each group, the gender the text tells, if any.
    pub gender: Vec<Option<Gender>>,
    /// `words_before[i]`: tokens before token `i` that are not punctuation.
    pub words_before: Vec<u32>,
    /// `cues_before[i]`: speech verbs (or "according to") before token `i`.
    pub cues_before: Vec<u32>,
    /// The first paragraph is a headline in title case.
    pub headline: bool,
    /// `cue[i]`: token `i` is a speech verb used as a verb (see [`Ctx::is_cue`]).
    cue: Vec<bool>,
}

/// A noun naming a person or people who speak: "spokesman", "employees",
/// "officials" (by title list or by the agent endings of English).
pub fn is_person_noun(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    lexicon::is_person_title(&w)
        || [
            "man",
            "men",
            "woman",
            "women",
            "person",
            "people",
            "er",
            "ers",
            "or",
            "ors",
            "ist",
            "ists",
            "ant",
            "ants",
            "ent",
            "ents",
            "ee",
            "ees",
            "ian",
            "ians",
            "official",
            "officials",
            "aide",
            "aides",
            "source",
            "sources",
            "wife",
            "husband",
            "son",
            "daughter",
            "mother",
            "father",
            "brother",
            "sister",
            "widow",
            "friend",
            "friends",
            "colleague",
            "colleagues",
            "boss",
            "chief",
            "critic",
            "critics",
            "expert",
            "experts",
            "judge",
            "attorney",
            "attorneys",
            "candidate",
            "candidates",
            "delegate",
            "delegates",
            "executive",
            "executives",
            "veteran",
            "veterans",
            "operative",
            "operatives",
            "ally",
            "allies",
            "rival",
            "rivals",
            "host",
            "guru",
            "staff",
            "police",
            "group",
            "groups",
        ]
        .iter()
        .any(|end| w.ends_with(end))
}

/// A pronoun of quantity that stands for people already in view: "another said",
/// "“…,” tweeted another", "Some chanted", "most said".
pub fn is_counted_pronoun(word: &str) -> bool {
    word.len() <= 7
        && cues::with_ascii_lower(word, |lower| {
            matches!(
                lower,
                "another" | "others" | "several" | "some" | "many" | "most" | "both" | "one"
            )
        })
}

/// A noun for a text that can "read" or "state" words: "the statement read",
/// "a sign reads", "the document states". Written words have a source like
/// speech does, and news quotes them so.
pub fn is_document_noun(word: &str) -> bool {
    matches!(
        word,
        "statement"
            | "statements"
            | "email"
            | "e-mail"
            | "emails"
            | "letter"
            | "message"
            | "memo"
            | "note"
            | "notice"
            | "sign"
            | "signs"
            | "banner"
            | "placard"
            | "poster"
            | "headline"
            | "caption"
            | "editorial"
            | "article"
            | "post"
            | "tweet"
            | "release"
            | "report"
            | "document"
            | "filing"
            | "complaint"
            | "lawsuit"
            | "order"
            | "ruling"
            | "indictment"
            | "text"
            | "ad"
            | "advertisement"
            | "flyer"
            | "leaflet"
            | "card"
            | "inscription"
            | "plaque"
            | "motto"
            | "shirt"
            | "t-shirt"
            | "shirts"
            | "t-shirts"
    )
}

/// The head of a bare noun phrase ("officials said", "police said"): a plural or a
/// collective noun, never a participle ("giving", "came").
fn bare_head(word: &str) -> bool {
    (word.ends_with('s') && !word.ends_with("ss"))
        || matches!(
            word,
            "police" | "staff" | "people" | "personnel" | "media" | "press"
        )
}

impl<'a, 'b> Ctx<'a, 'b> {
    /// Builds the lookups in one pass over tokens, quotes and mentions.
    pub fn new(
        doc: &'a Document<'b>,
        marks: &'a [QuoteMarks],
        mentions: &'a [Mention],
        cast: &'a Cast,
    ) -> Self {
        let n = doc.tokens.len();
        let mut in_quote = vec![NONE; n];
        let mut qtok = Vec::with_capacity(marks.len());
        let mut t = 0;
        for (qi, q) in marks.iter().enumerate() {
            while t < n && doc.tokens[t].span.start < q.span.start {
                t += 1;
            }
            let first = t;
            let mut k = t;
            while k < n && doc.tokens[k].span.end <= q.span.end {
                in_quote[k] = qi as u32;
                k += 1;
            }
            qtok.push(first..k);
            t = k;
        }
        let mut mention_of_tok = vec![NONE; n];
        let mut t = 0;
        for (mi, m) in mentions.iter().enumerate() {
            while t < n && doc.tokens[t].span.end <= m.span.start {
                t += 1;
            }
            let mut k = t;
            while k < n && doc.tokens[k].span.start < m.span.end {
                mention_of_tok[k] = mi as u32;
                k += 1;
            }
        }
        let mut sent_of_tok = vec![0u32; n];
        for (s, r) in doc.sentence_tokens.iter().enumerate() {
            for i in r.clone() {
                if i < n {
                    sent_of_tok[i] = s as u32;
                }
            }
        }
        let mut ctx = Ctx {
            doc,
            marks,
            mentions,
            cast,
            in_quote,
            qtok,
            mention_of_tok,
            sent_of_tok,
            gender: Vec::new(),
            words_before: Vec::new(),
            cues_before: Vec::new(),
            headline: false,
            cue: Vec::new(),
        };
        ctx.cue = (0..n).map(|i| ctx.compute_cue(i)).collect();
        ctx.gender = ctx.genders();
        let mut words_before = Vec::with_capacity(n + 1);
        let mut cues_before = Vec::with_capacity(n + 1);
        let (mut w, mut c) = (0u32, 0u32);
        for i in 0..n {
            words_before.push(w);
            cues_before.push(c);
            w += u32::from(doc.tokens[i].kind != TokenKind::Punct);
            c += u32::from(ctx.is_cue(i) || ctx.is_according_to(i));
        }
        words_before.push(w);
        cues_before.push(c);
        ctx.words_before = words_before;
        ctx.cues_before = cues_before;
        ctx.headline = super::first_paragraph_is_headline(&ctx);
        ctx
    }

    /// Text of token `i`.
    pub fn text(&self, i: usize) -> &'b str {
        self.doc.token_text(i)
    }

    fn kind(&self, i: usize) -> TokenKind {
        self.doc.tokens[i].kind
    }

    /// Byte span of tokens `first..=last`.
    pub fn span(&self, first: usize, last: usize) -> Span {
        Span::new(
            self.doc.tokens[first].span.start,
            self.doc.tokens[last].span.end,
        )
    }

    /// Token range of the sentence holding token `i`.
    pub fn sentence_range(&self, i: usize) -> Range<usize> {
        let s = self.sent_of_tok[i] as usize;
        self.doc.sentence_tokens.get(s).cloned().unwrap_or(i..i + 1)
    }

    fn outside(&self, i: usize) -> bool {
        self.in_quote[i] == NONE
    }

    /// A capitalized word that can be part of a name.
    pub fn is_name(&self, i: usize) -> bool {
        let t = self.text(i);
        // "Will Doyle", "Will": a function word is a name inside a person mention.
        let person = || {
            let m = self.mention_of_tok[i];
            m != NONE && self.mentions[m as usize].ty == EntityType::Person
        };
        self.kind(i) == TokenKind::Word
            && t.starts_with(|c: char| c.is_uppercase())
            && (!cues::is_function_word(t) || person())
            && self.outside(i)
    }

    /// True when token `i` can stand alone as a name: an entity mention covers it,
    /// or it is not an ordinary English word ("Eight", "Former").
    pub fn is_named(&self, i: usize) -> bool {
        let m = self.mention_of_tok[i];
        if m != NONE {
            return self.mentions[m as usize].ty.is_name();
        }
        !lexicon::is_common_word(self.text(i))
    }

    /// The span of a person or organization mention starting at token `i`.
    pub fn person_or_org_at(&self, i: usize) -> Option<Span> {
        let m = self.mention_of_tok[i];
        if m == NONE {
            return None;
        }
        let m = &self.mentions[m as usize];
        (matches!(m.ty, EntityType::Person | EntityType::Organization)
            && m.span.start == self.doc.tokens[i].span.start)
            .then_some(m.span)
    }

    /// True when token `i` opens its sentence (its capital tells nothing).
    pub fn starts_sentence(&self, i: usize) -> bool {
        self.sentence_range(i).start == i
    }

    /// True when token `i` lies in a date or time mention ("last week", "Tuesday").
    pub fn is_date(&self, i: usize) -> bool {
        let m = self.mention_of_tok[i];
        m != NONE
            && matches!(
                self.mentions[m as usize].ty,
                EntityType::Date | EntityType::Time
            )
    }

    /// A lowercase content word (noun or adjective in a speaker phrase).
    fn is_noun(&self, i: usize) -> bool {
        let t = self.text(i);
        self.kind(i) == TokenKind::Word
            && t.starts_with(|c: char| c.is_lowercase())
            && !cues::is_function_word(t)
            && (!cues::is_speech_verb(t) || self.is_noun_use(i))
            && !cues::is_verb_filler(t)
            && !cues::is_determiner(t)
            && self.outside(i)
    }

    /// A base form or plural of a speech verb used as a noun: after a determiner, a
    /// possessive or a modifier ("the report", "the paper’s comments").
    fn is_noun_use(&self, i: usize) -> bool {
        let t = self.text(i);
        if i == 0 || !(cues::is_plain_form(t) || t.ends_with('s')) || t.ends_with("ss") {
            return false;
        }
        let p = self.text(i - 1);
        // "the IMF report": a name between a determiner and the noun.
        let named_modifier = i >= 2
            && self.kind(i - 1) == TokenKind::Word
            && p.starts_with(char::is_uppercase)
            && matches!(self.text(i - 2), "the" | "a" | "an" | "The" | "A" | "An");
        (cues::is_determiner(p) && !matches!(p, "that" | "this" | "these" | "those"))
            || named_modifier
            || cues::is_possessive(p)
            || (self.kind(i - 1) == TokenKind::Word
                && p.starts_with(|c: char| c.is_lowercase())
                && !cues::is_function_word(p)
                && !cues::is_verb_filler(p)
                && !cues::is_speech_verb(p)
                && !p.ends_with('s')
                && cues::is_plain_form(t))
    }

    /// A speech verb used as a verb here: lowercase, outside quotes, not after a determiner.
    pub fn is_cue(&self, i: usize) -> bool {
        self.cue[i]
    }

    /// Decides [`Ctx::is_cue`] for token `i`, once per document.
    fn compute_cue(&self, i: usize) -> bool {
        let t = self.text(i);
        // Every word tested below, and every speech verb, starts with an ASCII
        // lowercase letter.
        if !t.as_bytes().first().is_some_and(u8::is_ascii_lowercase) {
            return false;
        }
        // The phrases below start with one of these letters; most words
        // skip their tests.
        if matches!(t.as_bytes()[0], b'f' | b'g' | b'p' | b'r' | b's' | b'w') {
            // "“…,” Smith went on." / "she goes on,": carrying on speaking.
            // "“…,” Trump shot back.": answering.
            if matches!(t, "shot" | "shoots" | "fired" | "fires")
                && i + 1 < self.doc.tokens.len()
                && self.text(i + 1) == "back"
                && self.outside(i)
            {
                return true;
            }
            // "as The Hill pointed out, “…”", "he points out that": saying so.
            if matches!(t, "pointed" | "points" | "point")
                && i + 1 < self.doc.tokens.len()
                && self.text(i + 1) == "out"
                && self.outside(i)
                && (i == 0 || !cues::is_determiner(self.text(i - 1)))
            {
                return true;
            }
            if matches!(t, "went" | "goes")
                && i + 2 < self.doc.tokens.len()
                && self.text(i + 1) == "on"
                && self.kind(i + 2) == TokenKind::Punct
                && self.outside(i)
            {
                return true;
            }
            // "the statement read", "a sign reads", "the filing states": what a text says.
            if matches!(t, "read" | "reads" | "states" | "stated")
                && i > 0
                && self.outside(i)
                && self.outside(i - 1)
                && is_document_noun(self.text(i - 1))
            {
                return true;
            }
        }
        if !cues::is_speech_verb(t) || !self.outside(i) {
            return false;
        }
        if i > 0 {
            let p = self.text(i - 1);
            let relative = matches!(p, "that" | "this" | "these" | "those" | "That" | "This");
            // "Another tweeted", "Some chanted": a past tense after a pronoun of
            // quantity is a verb ("another tweet" is a noun).
            let counted = is_counted_pronoun(p) && !cues::is_plain_form(t) && !t.ends_with('s');
            // "He’s claiming": after a pronoun, "’s" is "is", not a possessive.
            let contracted = i >= 2 && cues::subject_pronoun(self.text(i - 2)).is_some();
            if (cues::is_determiner(p) && !relative && !counted)
                || (cues::is_possessive(p) && !contracted)
            {
                return false;
            }
            // "late-night tweets", "a Donald Trump tweet": a noun after a hyphenated
            // modifier, or after a name that follows a determiner.
            let noun_form = cues::is_plain_form(t) || (t.ends_with('s') && !t.ends_with("ss"));
            if noun_form && p.contains('-') && p.starts_with(|c: char| c.is_lowercase()) {
                return false;
            }
            if cues::is_plain_form(t) && self.mention_of_tok[i - 1] != NONE {
                let m = self.mentions[self.mention_of_tok[i - 1] as usize].span;
                let first = self.doc.token_at_or_after(m.start);
                if first > 0 && cues::is_determiner(self.text(first - 1)) {
                    return false;
                }
            }
            // "were admitted", "had been told": a passive names who was spoken to
            // or about, never the speaker.
            if matches!(p, "was" | "were" | "been" | "be" | "being")
                && (t.ends_with("ed") || matches!(t, "told" | "written" | "sworn"))
            {
                return false;
            }
            // "would continue to investigate", "would continue “to break …”": not
            // speech.
            let mut nx = i + 1;
            while nx < self.doc.tokens.len()
                && nx < i + 3
                && self.kind(nx) == TokenKind::Punct
                && !self.outside(nx)
            {
                nx += 1;
            }
            if t.starts_with("continu")
                && nx < self.doc.tokens.len()
                && (self.text(nx) == "to" || self.text(nx).ends_with("ing"))
            {
                return false;
            }
            // "his recent remarks about", "remarks were": a noun before a preposition or verb;
            // never "says of Clinton", "writes about", which are verbs only.
            if (cues::is_plain_form(t) || t.ends_with('s'))
                && !matches!(t, "says" | "tells" | "writes" | "adds" | "asks")
                && cues::subject_pronoun(p).is_none()
                && i + 1 < self.doc.tokens.len()
                && matches!(
                    self.text(i + 1),
                    "about"
                        | "of"
                        | "were"
                        | "was"
                        | "are"
                        | "is"
                        | "have"
                        | "has"
                        | "had"
                        | "from"
                        | "by"
                        | "with"
                        | "for"
                )
            {
                return false;
            }
            // "a previous question", "his home state": a noun after a modifier.
            if cues::is_plain_form(t)
                && self.kind(i - 1) == TokenKind::Word
                && p.starts_with(|c: char| c.is_lowercase())
                && !cues::is_function_word(p)
                && !cues::is_verb_filler(p)
                && !p.ends_with('s')
            {
                return false;
            }
        }
        true
    }

    /// "according to" starting at `i`.
    #[inline]
    pub fn is_according_to(&self, i: usize) -> bool {
        // The length first: one comparison rules out almost every token.
        i + 1 < self.doc.tokens.len()
            && self.doc.tokens[i].span.end - self.doc.tokens[i].span.start == 9
            && self.text(i).eq_ignore_ascii_case("according")
            && self.text(i + 1) == "to"
            && self.outside(i)
    }

    /// A name run ending at `j`, not before `lo`.
    pub fn name_run_before(&self, j: usize, lo: usize) -> Option<Np> {
        if j < lo || !self.is_name(j) {
            return None;
        }
        let mut k = j;
        // Names are short; the cap keeps a run of capitalized words linear.
        while k > lo && j - k < 8 {
            let p = k - 1;
            if self.is_name(p) || (cues::is_name_particle(self.text(p)) && self.outside(p)) {
                k = p;
            } else {
                break;
            }
        }
        // A particle never starts a name.
        while k < j && cues::is_name_particle(self.text(k)) {
            k += 1;
        }
        Some(Np {
            first: k,
            last: j,
            head: j,
            kind: NpKind::Name,
            possessor: None,
            relative: None,
        })
    }

    /// The noun phrase ending at token `j` (inclusive), not reaching before `lo`.
    pub fn np_before(&self, j: usize, lo: usize) -> Option<Np> {
        self.np_before_depth(j, lo, 0)
    }

    fn np_before_depth(&self, j: usize, lo: usize, depth: u8) -> Option<Np> {
        if j < lo || j >= self.doc.tokens.len() || !self.outside(j) {
            return None;
        }
        let t = self.text(j);
        if let Some(g) = cues::subject_pronoun(t) {
            return Some(Np {
                first: j,
                last: j,
                head: j,
                kind: NpKind::Pronoun(g),
                possessor: None,
                relative: None,
            });
        }
        let core = if let Some(np) = self.name_run_before(j, lo) {
            // A given name alone is a name even when it spells a word ("Bob said").
            let given = lexicon::given_name_gender(t).is_some();
            if np.first == np.last
                && !self.is_named(np.head)
                && !given
                && self.starts_sentence(np.head)
            {
                // "Protesters chanted": a bare plural opening the sentence.
                let lower = t.to_lowercase();
                if !bare_head(&lower) {
                    return None;
                }
                return Some(Np {
                    kind: NpKind::Description,
                    ..np
                });
            }
            np
        } else if self.is_noun(j) {
            let mut k = j;
            let mut steps = 0;
            let mut possessor = None;
            let first;
            loop {
                if k == lo {
                    if steps > 2 || !(bare_head(t) || self.is_name(k)) {
                        return None;
                    }
                    first = k;
                    break;
                }
                let p = k - 1;
                let tp = self.text(p);
                if cues::is_determiner(tp) && self.outside(p) {
                    first = p;
                    break;
                }
                if cues::is_possessive(tp) {
                    // "Sanders’s campaign manager", "the senator’s campaign manager".
                    let owner = self.name_run_before(p.checked_sub(1)?, lo).or_else(|| {
                        (depth < 2)
                            .then(|| self.np_before_depth(p - 1, lo, depth + 1))
                            .flatten()
                            .filter(|o| o.kind == NpKind::Description && o.possessor.is_none())
                    })?;
                    possessor = Some(owner.head);
                    first = owner.first;
                    break;
                }
                // "63 percent", "only 52 percent of voters": a share of people.
                if self.kind(p) == TokenKind::Number
                    && self.outside(p)
                    && matches!(self.text(k), "percent" | "%")
                {
                    first = p;
                    break;
                }
                // "the former secretary and current nominee": two descriptions of
                // one person, or of people ("voters and lawmakers").
                if tp == "and" && depth < 2 && p > lo && is_person_noun(t) {
                    let before = self
                        .np_before_depth(p - 1, lo, depth + 1)
                        .filter(|o| o.kind == NpKind::Description && o.possessor.is_none());
                    // "the former secretary of state": a person noun before "of".
                    let person = |o: &Np| (o.first..=o.head).any(|x| is_person_noun(self.text(x)));
                    if let Some(o) = before.filter(person) {
                        first = o.first;
                        break;
                    }
                }
                let compound_of =
                    tp == "of" && p > lo && (self.is_noun(p - 1) || self.is_name(p - 1));
                if (self.is_name(p) || self.is_noun(p) || compound_of) && steps < 5 {
                    k = p;
                    steps += 1;
                    continue;
                }
                // A bare noun phrase ("officials", "senior aides") after a boundary.
                let boundary = self.kind(p) == TokenKind::Punct
                    || (cues::is_function_word(tp)
                        && !cues::is_preposition(tp)
                        && cues::subject_pronoun(tp).is_none())
                    || !self.outside(p);
                if boundary && steps <= 2 && bare_head(t) {
                    first = k;
                    break;
                }
                return None;
            }
            Np {
                first,
                last: j,
                head: j,
                kind: NpKind::Description,
                possessor,
                relative: None,
            }
        } else {
            return None;
        };
        // "a spokesman for the ministry": attach to the noun before the preposition.
        let mut f = core.first;
        if f > lo && self.text(f - 1).eq_ignore_ascii_case("the") && core.kind == NpKind::Name {
            f -= 1;
        }
        if depth < 2 && f >= lo + 2 && cues::is_speaker_preposition(self.text(f - 1)) {
            if let Some(outer) = self.np_before_depth(f - 2, lo, depth + 1) {
                if outer.kind == NpKind::Description {
                    return Some(Np {
                        first: outer.first,
                        last: core.last,
                        head: outer.head,
                        kind: NpKind::Description,
                        possessor: outer.possessor,
                        relative: None,
                    });
                }
            }
        }
        Some(core)
    }

    /// The noun phrase starting at token `i`, not reaching past `hi` (inclusive).
    pub fn np_after(&self, i: usize, hi: usize) -> Option<Np> {
        if i > hi || i >= self.doc.tokens.len() || !self.outside(i) {
            return None;
        }
        if let Some(g) = cues::subject_pronoun(self.text(i)) {
            return Some(Np {
                first: i,
                last: i,
                head: i,
                kind: NpKind::Pronoun(g),
                possessor: None,
                relative: None,
            });
        }
        let det = cues::is_determiner(self.text(i));
        let start = if det { i + 1 } else { i };
        // A name run stops at its last name ("Christie bristled"); a description
        // ("former president Bill Clinton") may run into a name, and after a
        // determiner names, nouns and numbers mix ("the Florida senator", "a 2008
        // campaign veteran").
        let words = |from: usize, mixed: bool| {
            let names_only = !mixed && from <= hi && self.is_name(from);
            let mut j = from;
            while j <= hi
                && j < from + 8
                && (self.is_name(j)
                    || (!names_only && self.is_noun(j))
                    || (mixed && self.kind(j) == TokenKind::Number && self.outside(j))
                    || (cues::is_name_particle(self.text(j)) && j > from))
            {
                j += 1;
            }
            j
        };
        let end = words(start, det);
        if end == start {
            return None;
        }
        let last = end - 1;
        let all_names = (start..=last).all(|k| self.is_name(k));
        let first = if det && !all_names { i } else { start };
        let mut np = Np {
            first,
            last,
            head: last,
            kind: if all_names {
                NpKind::Name
            } else {
                NpKind::Description
            },
            possessor: None,
            relative: None,
        };
        // "a spokesman for the ministry"
        if np.kind == NpKind::Description
            && end < hi
            && cues::is_speaker_preposition(self.text(end))
        {
            let mut s2 = end + 1;
            if s2 <= hi && cues::is_determiner(self.text(s2)) {
                s2 += 1;
            }
            let e2 = words(s2, false);
            if e2 > s2 {
                np.last = e2 - 1;
            }
        }
        Some(np)
    }

    /// The subject of the verb at `c`: the phrase right before it, past auxiliaries,
    /// adverbs and an appositive between commas.
    pub fn subject_before(&self, c: usize, lo: usize) -> Option<Np> {
        let mut j = c.checked_sub(1)?;
        let mut skipped = 0;
        loop {
            // "who in 2010 said": a date and its preposition.
            let dated = |j: usize| {
                j + 1 < c && self.is_date(j + 1) && matches!(self.text(j), "in" | "on" | "at")
            };
            // "He’s predicting": a contracted auxiliary.
            let contracted = |j: usize| {
                matches!(self.text(j), "’s" | "'s" | "’re" | "'re" | "’m" | "'m")
                    && j > lo
                    && cues::subject_pronoun(self.text(j - 1)).is_some()
            };
            while j >= lo
                && skipped < 6
                && (cues::is_verb_filler(self.text(j))
                    || self.is_date(j)
                    || dated(j)
                    || contracted(j))
            {
                j = j.checked_sub(1)?;
                skipped += 1;
            }
            if j < lo {
                return None;
            }
            // "Rep. Paul Ryan (R-WI) said": step over a short parenthesis.
            if self.text(j) == ")" {
                let mut k = j;
                while k > lo && j - k < 10 && self.text(k) != "(" {
                    k -= 1;
                }
                if self.text(k) != "(" || k == lo {
                    return None;
                }
                j = k - 1;
                skipped += 1;
                continue;
            }
            break;
        }
        if self.text(j) == "," {
            return self.appositive_subject(j, lo);
        }
        // "Another tweeted", "Yet another said", "most said they were": a pronoun of
        // quantity for people already in view speaks, opening its clause.
        if is_counted_pronoun(self.text(j))
            && (j == lo
                || !self.outside(j - 1)
                || matches!(
                    self.text(j - 1),
                    "Yet" | "yet" | "And" | "and" | "But" | "but" | ";" | "," | "."
                ))
        {
            return Some(Np {
                first: j,
                last: j,
                head: j,
                kind: NpKind::Description,
                possessor: None,
                relative: None,
            });
        }
        // "met Clara Dunn, who called it …": the relative pronoun's antecedent.
        if self.text(j) == "who" {
            return self.relative_antecedent(j, lo);
        }
        let np = self.np_before(j, lo)?;
        // "who has in the past described": a prepositional phrase is not the subject.
        let object = np.first > lo
            && match np.kind {
                NpKind::Description => cues::is_preposition(self.text(np.first - 1)),
                NpKind::Name => cues::is_object_preposition(self.text(np.first - 1)),
                NpKind::Pronoun(_) => false,
            };
        if object {
            let k = np.first - 1;
            if k == lo || skipped > 6 {
                return None;
            }
            return self.subject_before_token(k - 1, lo);
        }
        if matches!(self.text(np.first), "who" | "which") {
            return None;
        }
        Some(np)
    }

    /// The antecedent of the relative pronoun "who" at token `w`, the subject of the
    /// verb after it: "from Sen. Mike Lee, who declared", "Rikkie Wells who tweeted",
    /// "McConnell, now the majority leader, who said", "the Mexican president, who
    /// said". A person or organization named, or a description of a person; not a
    /// name after "of" or "for", where the relative clause may belong to the phrase
    /// before ("the wife of John Smith, who said").
    fn relative_antecedent(&self, w: usize, lo: usize) -> Option<Np> {
        // A comma or a dash sets the clause off: "Trump - who previously said".
        let comma = w > lo && matches!(self.text(w - 1), "," | "-" | "–" | "—");
        let mut e = if comma {
            w.checked_sub(2)?
        } else {
            w.checked_sub(1)?
        };
        if e < lo {
            return None;
        }
        // "Sen. Bernie Sanders (Vt.), who": past a short parenthesis.
        if self.text(e) == ")" {
            let open = (e.saturating_sub(8).max(lo)..e)
                .rev()
                .find(|&x| self.text(x) == "(")?;
            e = open.checked_sub(1)?;
            if e < lo {
                return None;
            }
        }
        // The name or phrase itself, not a phrase it attaches to ("an endorsement
        // from Ann Hale", "a lecture from the mayor"): depth 2 attaches nothing.
        let mut np = self
            .name_run_before(e, lo)
            .filter(|n| self.mention_of_tok[n.head] != NONE)
            .or_else(|| self.np_before_depth(e, lo, 2))?;
        let named = |np: &Np| {
            let m = self.mention_of_tok[np.head];
            m != NONE
                && matches!(
                    self.mentions[m as usize].ty,
                    EntityType::Person | EntityType::Organization
                )
        };
        match np.kind {
            NpKind::Name if named(&np) => {}
            NpKind::Description if comma && is_person_noun(self.text(np.head)) => {
                // "McConnell, now the majority leader, who", "Scott Reed, the
                // Chamber's chief strategist, who": the name the appositive describes.
                let mut k = np.first;
                if k > lo && matches!(self.text(k - 1), "the" | "a" | "an") {
                    k -= 1;
                }
                if k > lo && matches!(self.text(k - 1), "now" | "then" | "also") {
                    k -= 1;
                }
                let name = (k >= lo + 2 && self.text(k - 1) == ",")
                    .then(|| self.np_before(k - 2, lo))
                    .flatten()
                    .filter(|n| n.kind == NpKind::Name && named(n) && n.possessor.is_none());
                match name {
                    Some(name) => np = name,
                    // "his show's listeners, who": an owned description alone is not
                    // taken.
                    None if np.possessor.is_some() => return None,
                    None => {}
                }
            }
            _ => return None,
        }
        if np.first > lo && matches!(self.text(np.first - 1), "of" | "for") {
            return None;
        }
        Some(Np {
            relative: Some(w),
            ..np
        })
    }

    /// The subject ending at token `j` after a prepositional phrase was stepped over.
    fn subject_before_token(&self, mut j: usize, lo: usize) -> Option<Np> {
        let mut skipped = 0;
        while j > lo && skipped < 4 && cues::is_verb_filler(self.text(j)) {
            j -= 1;
            skipped += 1;
        }
        if j < lo {
            return None;
        }
        match self.text(j) {
            "who" => self.relative_antecedent(j, lo),
            "which" if j > lo + 1 && self.text(j - 1) == "," => {
                let np = self.np_before(j - 2, lo)?;
                (np.kind == NpKind::Name).then_some(np)
            }
            "," => self.appositive_subject(j, lo),
            _ => {
                let np = self.np_before(j, lo)?;
                (np.kind == NpKind::Name || matches!(np.kind, NpKind::Pronoun(Some(_))))
                    .then_some(np)
            }
        }
    }

    /// The name run filling `a..j` after the comma at `k`, when the phrase before the
    /// comma describes a person: "his wife, Gabriela Lazar," or "Sanders’s campaign
    /// manager, Jeff Weaver,".
    fn named_appositive(&self, k: usize, a: usize, j: usize, lo: usize) -> Option<Np> {
        if a >= j
            || k == 0
            || !(a..j).all(|x| self.is_name(x) || cues::is_name_particle(self.text(x)))
        {
            return None;
        }
        let m = self.mention_of_tok[j - 1];
        if m == NONE || self.mentions[m as usize].ty != EntityType::Person {
            return None;
        }
        let before = self.np_before(k - 1, lo)?;
        if before.kind != NpKind::Description || !is_person_noun(self.text(before.head)) {
            return None;
        }
        Some(Np {
            first: a,
            last: j - 1,
            head: j - 1,
            kind: NpKind::Name,
            possessor: None,
            relative: None,
        })
    }

    /// "Smith, a spokesman for the ministry, said": the name before the appositive whose
    /// closing comma is token `j`.
    fn appositive_subject(&self, j: usize, lo: usize) -> Option<Np> {
        let floor = j.saturating_sub(28).max(lo);
        let mut k = j;
        while k > floor {
            k -= 1;
            if !self.outside(k) {
                return None;
            }
            if self.text(k) == "," {
                // The appositive must look like one: a determiner phrase, an age,
                // a title word or a relative clause.
                let a = k + 1;
                let t = self.text(a);
                // "his wife, Gabriela Lazar, wrote", "the party’s nominee, Donald Trump,
                // said": a name set off after a description of a person names it.
                if let Some(np) = self.named_appositive(k, a, j, lo) {
                    return Some(np);
                }
                // "Mitch McConnell, R-Ky., said": a party and state tag.
                let tag = (t.starts_with("R-") || t.starts_with("D-") || t.starts_with("I-"))
                    && (a + 1..j).all(|x| self.text(x) == ".");
                let looks = tag
                    || cues::is_determiner(t)
                    || cues::is_preposition(t)
                    || self.kind(a) == TokenKind::Number
                    || matches!(t, "who" | "which")
                    || self.is_noun(a)
                    || (self.is_name(a)
                        && (a..j).any(|x| self.is_noun(x) || cues::is_preposition(self.text(x))));
                let relative = matches!(t, "who" | "which");
                if !relative && (a..j).any(|x| self.is_cue(x)) {
                    return None;
                }
                // "Anne Richards, assistant secretary for population, refugees, and
                // migration, said": a list inside the appositive; look further back
                // for the comma right after a name.
                let after_name = k > lo && (self.is_name(k - 1) || self.text(k - 1) == ")");
                if !after_name && !relative && k > floor + 1 {
                    continue;
                }
                if !looks {
                    return None;
                }
                // "Rep. Jim Jordan (R-Ohio), an oversight panel member, said".
                let mut e = k.checked_sub(1)?;
                if self.text(e) == ")" {
                    let open = (e.saturating_sub(8).max(lo)..e)
                        .rev()
                        .find(|&x| self.text(x) == "(")?;
                    e = open.checked_sub(1)?;
                }
                let np = self.np_before(e, lo)?;
                // "Scott Pruitt, the attorney general of Oklahoma, one of the states
                // suing, said": a place closing an earlier appositive is no subject;
                // the name before that appositive is.
                let m = self.mention_of_tok[np.head];
                let place = np.kind == NpKind::Name
                    && m != NONE
                    && self.mentions[m as usize].ty == EntityType::Place
                    && np.first > lo
                    && cues::is_preposition(self.text(np.first - 1));
                if place && k > floor + 1 {
                    continue;
                }
                // "The lawmaker, who represents Albay, said": a description of a
                // person before a relative clause is the subject too, and so are
                // people named by their office before an appositive ("Officials at
                // the agency, a division of the department, said").
                let person = (relative || np.first == lo)
                    && (np.first..=np.head).any(|x| is_person_noun(self.text(x)));
                return (np.kind != NpKind::Description || person).then_some(np);
            }
        }
        None
    }

    /// The group of the mention over token `i`, if it names a speaker-like thing.
    fn group_at(&self, i: usize) -> Option<usize> {
        let m = self.mention_of_tok[i];
        if m == NONE {
            return None;
        }
        let m = m as usize;
        let ok = matches!(
            self.mentions[m].ty,
            EntityType::Person | EntityType::Organization | EntityType::Place | EntityType::Group
        );
        if !ok {
            return None;
        }
        self.cast.group_of.get(m).copied()
    }

    /// The group a (non-pronoun) phrase names: its head's mention, or the possessor's for
    /// an institution ("Sudani’s office").
    pub fn np_group(&self, np: &Np) -> Option<usize> {
        match np.kind {
            NpKind::Pronoun(_) => None,
            _ => match np.possessor {
                Some(owner) if cues::is_institution(self.text(np.head)) => self.group_at(owner),
                Some(_) => None,
                None => self.group_at(np.head),
            },
        }
    }

    /// The span to show as the speaker: the relative pronoun standing for the phrase,
    /// the head's mention for a name, else the phrase.
    pub fn np_span(&self, np: &Np) -> Span {
        if let Some(w) = np.relative {
            return self.span(w, w);
        }
        let whole = self.span(np.first, np.last);
        if np.kind == NpKind::Name {
            let m = self.mention_of_tok[np.head];
            if m != NONE {
                let ms = self.mentions[m as usize].span;
                if whole.contains(ms) {
                    return ms;
                }
            }
        }
        whole
    }

    /// Gender per group, from titles ("Mrs.") and the first gendered pronoun after a
    /// mention before the next person is named.
    fn genders(&self) -> Vec<Option<Gender>> {
        let mut votes = vec![0i32; self.cast.groups.len()];
        let n = self.doc.tokens.len();
        let vote = |g: Gender| if g == Gender::Male { 1 } else { -1 };
        // The given name of the fullest name counts most.
        for (g, info) in self.cast.groups.iter().enumerate() {
            if info.ty != EntityType::Person {
                continue;
            }
            // Only a name of two words or more has a given name: "Warren" alone is
            // as likely Elizabeth Warren as a man called Warren.
            let mut words = info.name.split_whitespace();
            let first = words.next().unwrap_or("");
            if words.next().is_none() {
                continue;
            }
            match lexicon::given_name_gender(first) {
                Some(lexicon::Gender::Male) => votes[g] += 3,
                Some(lexicon::Gender::Female) => votes[g] -= 3,
                _ => {}
            }
        }
        for (mi, m) in self.mentions.iter().enumerate() {
            if m.ty != EntityType::Person {
                continue;
            }
            let Some(&g) = self.cast.group_of.get(mi) else {
                continue;
            };
            if g >= votes.len() {
                continue;
            }
            let first = self.doc.token_at_or_after(m.span.start);
            if first > 0 {
                if let Some(x) = cues::title_gender(self.text(first - 1)) {
                    votes[g] += 2 * vote(x);
                }
            }
            if first >= n || !self.outside(first) {
                continue;
            }
            // The next sentence's end bounds the search.
            let s = self.sent_of_tok[first] as usize;
            let limit = self
                .doc
                .sentence_tokens
                .get(s + 1)
                .map_or(n, |r| r.end)
                .min(first + 60);
            let mut k = self.doc.token_at_or_after(m.span.end);
            while k < limit {
                let mk = self.mention_of_tok[k];
                if mk != NONE
                    && mk as usize != mi
                    && self.mentions[mk as usize].ty == EntityType::Person
                {
                    break;
                }
                if self.outside(k) {
                    // An object pronoun after a mention is usually someone else,
                    // the person acted on ("McCaskill scolded him"): it tells
                    // nothing about the name's gender.
                    let object = matches!(self.text(k), "him" | "Him");
                    if let Some(x) = cues::gendered_pronoun(self.text(k)).filter(|_| !object) {
                        votes[g] += vote(x);
                        break;
                    }
                }
                k += 1;
            }
        }
        votes
            .into_iter()
            .map(|v| match v.cmp(&0) {
                std::cmp::Ordering::Greater => Some(Gender::Male),
                std::cmp::Ordering::Less => Some(Gender::Female),
                std::cmp::Ordering::Equal => None,
            })
            .collect()
    }

    fn is_person_group(&self, g: usize) -> bool {
        self.cast
            .groups
            .get(g)
            .is_some_and(|x| x.ty == EntityType::Person)
    }

    fn compatible(&self, g: usize, gender: Gender) -> bool {
        self.gender
            .get(g)
            .copied()
            .flatten()
            .is_none_or(|x| x == gender)
    }

    /// Resolves "he"/"she" at token `tok`. `prev` is the group of the previous speech
    /// quote's speaker and the token where that quote ended.
    pub fn resolve_pronoun(
        &self,
        tok: usize,
        gender: Option<Gender>,
        prev: Option<(usize, usize)>,
    ) -> Option<usize> {
        let gender = gender?;
        let pos = self.doc.tokens[tok].span.start;
        let para = self.doc.paragraph_at(pos);
        let window_para = para.saturating_sub(3);
        let sent = self.sent_of_tok[tok] as usize;
        let a = prev.filter(|&(g, end_tok)| {
            self.is_person_group(g)
                && self.compatible(g, gender)
                && end_tok < self.doc.tokens.len()
                && self.doc.paragraph_at(
                    self.doc.tokens[end_tok.min(self.doc.tokens.len() - 1)]
                        .span
                        .start,
                ) >= window_para
        });
        // The subject (first compatible person) of the nearest sentence naming one.
        let mut b: Option<(usize, usize)> = None; // (group, sentence)
        let mut k = self.mentions.partition_point(|m| m.span.start < pos);
        let mut looked = 0;
        while k > 0 && looked < 200 {
            k -= 1;
            looked += 1;
            let m = &self.mentions[k];
            if self.doc.paragraph_at(m.span.start) < window_para {
                break;
            }
            let mt = self.doc.token_at_or_after(m.span.start);
            if m.ty != EntityType::Person || mt >= self.in_quote.len() || !self.outside(mt) {
                continue;
            }
            let Some(&g) = self.cast.group_of.get(k) else {
                continue;
            };
            if !self.compatible(g, gender) {
                continue;
            }
            let s = self.sent_of_tok[mt] as usize;
            // Walk to the first compatible person mention of that sentence.
            let mut best = g;
            let mut j = k;
            while j > 0 && k - j < 50 {
                j -= 1;
                let mj = &self.mentions[j];
                let tj = self.doc.token_at_or_after(mj.span.start);
                if tj >= self.sent_of_tok.len() || self.sent_of_tok[tj] as usize != s {
                    break;
                }
                if mj.ty == EntityType::Person && self.outside(tj) {
                    if let Some(&gj) = self.cast.group_of.get(j) {
                        if self.compatible(gj, gender) {
                            best = gj;
                        }
                    }
                }
            }
            b = Some((best, s));
            break;
        }
        match (a, b) {
            (None, None) => None,
            (Some((g, _)), None) => Some(g),
            (None, Some((g, _))) => Some(g),
            (Some((ga, end_tok)), Some((gb, sb))) => {
                if ga == gb {
                    return Some(ga);
                }
                let sa = self.sent_of_tok[end_tok.min(self.sent_of_tok.len() - 1)] as usize;
                if sb <= sa {
                    Some(ga)
                } else if sb + 1 >= sent {
                    Some(gb)
                } else {
                    Some(ga)
                }
            }
        }
    }
}
