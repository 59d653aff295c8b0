//! Quotations: pairing marks, telling speech from scare quotes, and finding speakers.
//!
//! Two passes. [`find`] runs before sentence splitting and pairs quotation
//! marks ([`marks`]); its spans keep sentences from being split inside a
//! quote. [`attribute`] runs after entities and grouping: for each quote it
//! looks for a speech verb ([`cues`]) and the speaker phrase next to it
//! ([`speakers`]) in this order: after the quote ("…,” Blinken said", "…,”
//! said Mr. Smith", "according to"), before it ("Smith told reporters that
//! “…”", "He said: “…”"), a colon at the end of the previous paragraph, the
//! next sentence ("“…” That was the verdict of John Smith."), and finally a
//! quote-only sentence carries on the previous quote's speaker. Between those:
//! "as Smith put it", "Said Smith, “…”", the attribution closing a sentence
//! after a comma ("“…” and voters worry, said Ann Link."), the second part of
//! a quote split by its attribution ("“…,” said Smith, “…”"), and, for a
//! partial quote in a sentence with no speech verb, the named subject taking
//! a stance ("Smith defended his aide as a “decent man”"; PolNeAR annotates
//! these as attributions and readers take them so). Then it decides speech
//! or scare ([`kind`]); scare quotes keep no speaker.
//!
//! A wrong speaker is worse than none: every step gives up (leaving the
//! speaker or its group `None`) rather than guess past the shapes it knows.

pub mod cues;
pub mod kind;
mod layout;
pub mod marks;
pub mod speakers;

use crate::analysis::{Attribution, EntityType, QuoteKind};
use crate::entities::{lexicon, Mention};
use crate::groups::Cast;
use crate::text::{Document, Span, Token, TokenKind};

use speakers::{Ctx, Np, NpKind};

/// A quotation found by pairing marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteMarks {
    /// From the opening mark to the closing mark inclusive.
    pub span: Span,
    /// The content without the outer marks.
    pub content: Span,
    /// False when no closing mark was found and the quote ends with its paragraph.
    pub closed: bool,
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

impl Attributed {
    fn none(kind: QuoteKind) -> Self {
        Attributed {
            kind,
            speaker: None,
            speaker_group: None,
            cue: None,
            attribution: Attribution::None,
        }
    }
}

/// Finds quotations by pairing quotation marks: the outermost quotations in
/// document order, each within a paragraph or running over several in news
/// style.
pub fn find(text: &str, _tokens: &[Token], paragraphs: &[Span]) -> Vec<QuoteMarks> {
    marks::pair(text, paragraphs)
        .into_iter()
        .map(|p| QuoteMarks {
            span: p.span,
            content: p.content,
            closed: p.closed,
        })
        .collect()
}

/// A speaker phrase and cue found next to a quote.
#[derive(Debug, Clone, Copy)]
struct Found {
    np: Np,
    cue: Option<Span>,
    colon: bool,
}

/// Attributes each quote to a speaker.
pub fn attribute(
    doc: &Document,
    marks: &[QuoteMarks],
    mentions: &[Mention],
    cast: &Cast,
) -> Vec<Attributed> {
    let ctx = Ctx::new(doc, marks, mentions, cast);
    let mut out: Vec<Attributed> = Vec::with_capacity(marks.len());
    // The last speech quote with a speaker: its index, group and last token.
    let mut last_speech: Option<usize> = None;
    for (qi, mark) in marks.iter().enumerate() {
        let r = ctx.qtok[qi].clone();
        if r.is_empty() {
            out.push(Attributed::none(QuoteKind::Scare));
            continue;
        }
        if let Some(a) = layout::transcript_label(&ctx, qi) {
            last_speech = Some(qi);
            out.push(a);
            continue;
        }
        let standalone = standalone(&ctx, qi);
        let own = after(&ctx, qi)
            .or_else(|| layout::dash_signature(&ctx, qi))
            .or_else(|| as_put_it(&ctx, qi))
            .or_else(|| opening_said(&ctx, qi))
            .or_else(|| closing_attribution(&ctx, qi));
        if own.is_none() {
            if let Some(a) = split_quote(&ctx, qi, &out) {
                last_speech = Some(qi);
                out.push(a);
                continue;
            }
        }
        let found = own
            .or_else(|| {
                (!standalone)
                    .then(|| possessed_words(&ctx, qi, true))
                    .flatten()
            })
            .or_else(|| before(&ctx, qi))
            .or_else(|| colon_paragraph(&ctx, qi))
            .or_else(|| standalone.then(|| next_sentence(&ctx, qi)).flatten())
            .or_else(|| standalone.then(|| reported_before(&ctx, qi)).flatten())
            .or_else(|| {
                (!standalone)
                    .then(|| possessed_words(&ctx, qi, false))
                    .flatten()
            })
            .or_else(|| (!standalone).then(|| stance_subject(&ctx, qi)).flatten());
        let prev_word = r.start.checked_sub(1).map(|p| ctx.text(p));
        let kind = kind::classify(&kind::Evidence {
            content: mark.content.of(doc.text),
            has_cue: found.is_some_and(|f| f.cue.is_some()),
            standalone,
            prev_word,
            cue_in_sentence: cue_in_sentence(&ctx, qi),
            in_headline: in_headline(&ctx, mark.span.start),
            has_cue_before_colon: found.is_some_and(|f| f.colon && f.cue.is_some()),
        });
        if kind == QuoteKind::Scare {
            out.push(Attributed::none(kind));
            continue;
        }
        let prev = last_speech.and_then(|p| {
            out[p]
                .speaker_group
                .map(|g| (g, ctx.qtok[p].end.saturating_sub(1)))
        });
        let a = match found {
            Some(mut f) => {
                f.np = relative_clause_holds(&ctx, f.np, f.cue, r.start);
                let (group, attribution) = match f.np.kind {
                    NpKind::Pronoun(g) => (
                        ctx.resolve_pronoun(f.np.head, g, prev),
                        Attribution::Pronoun,
                    ),
                    _ if f.colon => (ctx.np_group(&f.np), Attribution::Colon),
                    _ => (ctx.np_group(&f.np), Attribution::Adjacent),
                };
                Attributed {
                    kind,
                    speaker: Some(ctx.np_span(&f.np)),
                    speaker_group: group,
                    cue: f.cue,
                    attribution,
                }
            }
            None => continuation(&ctx, qi, standalone, last_speech.map(|p| (p, &out[p])))
                .or_else(|| {
                    let prev = last_speech.map(|p| (p, &out[p]));
                    continuation_past_subject(&ctx, qi, standalone, prev)
                })
                .unwrap_or(Attributed::none(kind)),
        };
        if a.speaker.is_some() || a.speaker_group.is_some() {
            last_speech = Some(qi);
        }
        out.push(a);
    }
    out
}

/// Keeps the relative pronoun as the speaker's mention ("Lee, who declared, “…”")
/// only when the quote lies in its clause. A comma after the verb and before a
/// word that carries on the main clause ("Trump, who questioned …, said that
/// “…”", "…, clearly intended the audience to “…”") ends the relative clause; the
/// antecedent is then the speaker's mention.
fn relative_clause_holds(ctx: &Ctx, np: Np, cue: Option<Span>, quote_start: usize) -> Np {
    let (Some(w), Some(_)) = (np.relative, cue) else {
        return np;
    };
    // Past a parenthesis right after the pronoun: "who, on a call Friday, said".
    let mut from = w + 1;
    if ctx.text(from.min(quote_start)) == "," {
        from = (from + 1..quote_start)
            .find(|&k| ctx.text(k) == ",")
            .map_or(quote_start, |k| k + 1);
    }
    let closed = (from..quote_start).any(|k| {
        // The comma may close a quote: "… “will lead to war,” clearly intended".
        let mut n = k + 1;
        while n < quote_start && !ctx.in_quote_free(n) && ctx.doc.tokens[n].kind == TokenKind::Punct
        {
            n += 1;
        }
        let next = ctx.text(n);
        ctx.text(k) == ","
            && n < quote_start
            && ctx.in_quote_free(n)
            && ctx.doc.tokens[n].kind == TokenKind::Word
            && next.starts_with(char::is_lowercase)
            && !cues::is_function_word(next)
            && !cues::is_preposition(next)
            && !cues::is_determiner(next)
            // A verb or an adverb before one, not an adjective in a list ("a
            // generous, magnanimous executive").
            && (ctx.is_cue(n)
                || cues::is_verb_filler(next)
                || next.ends_with("ly")
                || next.ends_with("ed"))
    });
    if closed {
        Np {
            relative: None,
            ..np
        }
    } else {
        np
    }
}

/// True when the quote's sentences hold nothing but the quote and punctuation.
fn standalone(ctx: &Ctx, qi: usize) -> bool {
    let r = ctx.qtok[qi].clone();
    let first = ctx.sentence_range(r.start);
    let last = ctx.sentence_range(r.end - 1);
    // Words in the sentences minus words in the quote, by prefix sums (linear overall).
    let words = |a: usize, b: usize| ctx.words_before[b] - ctx.words_before[a];
    words(first.start, last.end) == words(r.start, r.end)
}

/// True when `pos` lies in a headline: a first paragraph, followed by others, whose
/// words outside quotes are mostly capitalized.
fn in_headline(ctx: &Ctx, pos: usize) -> bool {
    ctx.doc.paragraph_at(pos) == 0 && ctx.headline
}

/// True when the first paragraph is a headline (computed once per document).
pub(crate) fn first_paragraph_is_headline(ctx: &Ctx) -> bool {
    let doc = ctx.doc;
    if doc.paragraphs.len() < 2 {
        return false;
    }
    let para = doc.paragraphs[0];
    let (mut words, mut caps) = (0, 0);
    for k in doc.token_at_or_after(para.start)..doc.token_at_or_after(para.end) {
        if doc.tokens[k].kind != TokenKind::Word || !ctx.in_quote_free(k) {
            continue;
        }
        let t = ctx.text(k);
        if cues::is_function_word(t) && t.len() <= 3 {
            continue;
        }
        words += 1;
        caps += usize::from(t.starts_with(char::is_uppercase));
    }
    words > 0 && caps * 10 >= words * 7
}

/// True when the quote's sentences hold a speech verb or "according to" outside quotes.
fn cue_in_sentence(ctx: &Ctx, qi: usize) -> bool {
    let r = ctx.qtok[qi].clone();
    let first = ctx.sentence_range(r.start);
    let last = ctx.sentence_range(r.end - 1);
    ctx.cues_before[last.end] > ctx.cues_before[first.start]
}

/// Skips commas and dashes after a quote.
fn skip_joiners(ctx: &Ctx, mut i: usize, hi: usize) -> usize {
    let mut n = 0;
    while i <= hi && n < 3 && matches!(ctx.text(i), "," | "—" | "–" | "-" | "(") {
        i += 1;
        n += 1;
    }
    i
}

/// "“…,” Blinken said", "“…,” said Mr. Smith", "“…,” according to the ministry".
fn after(ctx: &Ctx, qi: usize) -> Option<Found> {
    let r = ctx.qtok[qi].clone();
    let sent = ctx.sentence_range(r.end - 1);
    if r.end >= sent.end {
        return None;
    }
    let hi = sent.end - 1;
    let i = skip_joiners(ctx, r.end, hi);
    if i > hi || !ctx.in_quote_free(i) {
        return None;
    }
    // "Clinton proclaimed, “I did not.” The candidate reiterated …": a quote
    // introduced by its own verb and closing with a full stop ends the sentence
    // even when the splitter kept the next one with it.
    let first = ctx.sentence_range(r.start);
    let closes = ctx.marks[qi]
        .content
        .of(ctx.doc.text)
        .trim_end()
        .ends_with(['.', '!', '?']);
    if closes
        && r.start > first.start
        && matches!(ctx.text(r.start - 1), "," | ":")
        && ctx.cues_before[r.start] > ctx.cues_before[first.start]
        && ctx.text(i).starts_with(char::is_uppercase)
    {
        return None;
    }
    // "“…,” said Mr. Smith", "“…,” mused co-host Stu Burns": a frequent inverting
    // verb, or any past-tense speech verb followed by a name.
    // "“…,” agrees Ann Stone": a present tense before a name, likewise, when a
    // comma closes the quote (not "“…” suggests that Phoenix …").
    let comma = (r.end.saturating_sub(3)..i).any(|k| ctx.text(k) == ",");
    let past = ctx.text(i).ends_with("ed") || (comma && ctx.text(i).ends_with('s'));
    if ctx.is_cue(i) && (cues::is_inverted_verb(ctx.text(i)) || past) {
        // "said 9/11 widow Terry Strada": a number opening the description.
        let mut from = i + 1;
        while from < hi
            && from < i + 4
            && (ctx.doc.tokens[from].kind == TokenKind::Number || ctx.text(from) == "/")
        {
            from += 1;
        }
        // "“…,” tweeted another.": a pronoun of quantity closing the attribution.
        if from > hi {
            return None;
        }
        let counted_alone = speakers::is_counted_pronoun(ctx.text(from))
            && (from == hi || ctx.doc.tokens[from + 1].kind == TokenKind::Punct);
        let np = if counted_alone {
            Np {
                first: from,
                last: from,
                head: from,
                kind: NpKind::Description,
                possessor: None,
                relative: None,
            }
        } else if ctx.text(from) == "one" && from + 2 <= hi && ctx.text(from + 1) == "of" {
            // "said one of those advisers".
            Np {
                first: from,
                ..ctx.np_after(from + 2, hi)?
            }
        } else {
            ctx.np_after(from, hi)?
        };
        // "said the senator", "said one former aide", "said one Democrat familiar
        // with the talks", "added his campaign manager Jeff Weaver", but not "told
        // his aides".
        let det = ctx.text(np.first).to_ascii_lowercase();
        let people = (np.first..=np.last).any(|k| {
            let m = ctx.mention_of_tok[k];
            speakers::is_person_noun(ctx.text(k))
                || (m != u32::MAX && ctx.mentions[m as usize].ty == EntityType::Group)
        });
        let counted = matches!(
            det.as_str(),
            "one" | "another" | "two" | "three" | "several" | "many" | "some" | "both" | "each"
        ) && (people || counted_alone);
        // Not after a verb that takes the person spoken to: "told his aides".
        let takes_object = matches!(
            ctx.text(i),
            "told" | "tells" | "asked" | "asks" | "warned" | "urged" | "reminded" | "assured"
        );
        let owned = matches!(det.as_str(), "his" | "her" | "their")
            && !takes_object
            && np.first == from
            && (people || ctx.is_name(np.last));
        if cues::is_determiner(&det)
            && !matches!(det.as_str(), "the" | "a" | "an")
            && !counted
            && !owned
        {
            return None;
        }
        if !cues::is_inverted_verb(ctx.text(i)) && !ctx.is_name(np.last) {
            return None;
        }
        return Some(Found {
            np,
            cue: Some(ctx.span(i, i)),
            colon: false,
        });
    }
    if ctx.is_according_to(i) {
        let np = ctx.np_after(i + 2, hi)?;
        return Some(Found {
            np,
            cue: Some(ctx.span(i, i + 1)),
            colon: false,
        });
    }
    // A speaker phrase, then the verb: find the first verb within reach.
    // Other short quotes on the way are stepped over ("as a “turbulent cycle” played
    // out, he said").
    let mut reach = hi.min(i + 32);
    let mut c = i;
    while c <= reach {
        if !ctx.in_quote_free(c) {
            c += 1;
            continue;
        }
        if ctx.is_cue(c) {
            break;
        }
        // "“…,” Cruz, who has proposed ending it, said": step over a relative
        // clause between commas; its verbs are not the quote's.
        if ctx.text(c) == "," && c < hi && matches!(ctx.text(c + 1), "who" | "whose") && c > i {
            let close = (c + 2..=hi.min(c + 20)).find(|&k| ctx.text(k) == ",");
            if let Some(k) = close {
                reach = hi.min(reach.max(k + 4));
                c = k + 1;
                continue;
            }
        }
        // "“…,” Eric Woolson, an Iowa strategist and former adviser to Walker, said":
        // step over an appositive after a name to the comma before the verb, past
        // its own "and" and commas.
        if ctx.text(c) == "," && c > i && c < hi && ctx.is_name(c - 1) {
            let t = ctx.text(c + 1);
            let opens = cues::is_determiner(t)
                || ctx.doc.tokens[c + 1].kind == TokenKind::Number
                || t.starts_with(char::is_lowercase) && !cues::opens_clause(t);
            let close = (c + 2..=hi.min(c + 25))
                .take_while(|&k| {
                    !matches!(ctx.text(k), "." | ";" | "!" | "?") && ctx.in_quote_free(k)
                })
                .find(|&k| ctx.text(k) == "," && (k + 1..=hi.min(k + 3)).any(|v| ctx.is_cue(v)));
            if let (true, Some(k)) = (opens, close) {
                reach = hi.min(reach.max(k + 4));
                c = k + 1;
                continue;
            }
        }
        // "“…,” Sen. Marco Rubio (R-Fla.) said": step over a short parenthesis.
        if ctx.text(c) == "(" && c > i {
            if let Some(k) = (c + 1..=hi.min(c + 8)).find(|&k| ctx.text(k) == ")") {
                reach = hi.min(reach.max(k + 4));
                c = k + 1;
                continue;
            }
        }
        // A new clause begins: its verb is not this quote's ("“…” until Haley said").
        // An abbreviation's period before a comma ("Mitch McConnell, R-Ky., said")
        // ends nothing.
        let abbreviation = ctx.text(c) == "." && c < hi && ctx.text(c + 1) == ",";
        // "the Florida senator and presidential candidate said": "and" joining two
        // descriptions of a person opens no clause.
        let joins_people =
            ctx.text(c) == "and" && c > i && speakers::is_person_noun(ctx.text(c - 1));
        if (matches!(ctx.text(c), "." | ";" | "!" | "?") && !abbreviation)
            || (cues::opens_clause(ctx.text(c)) && !joins_people)
        {
            return None;
        }
        c += 1;
    }
    if c > reach || c == i {
        return None;
    }
    let Some(np) = ctx.subject_before(c, i) else {
        return closing_inverted(ctx, c, hi);
    };
    // Right after the quote, or after a comma closing what the quote's sentence adds:
    // "“…” than that of the CIA chief, Zuckoff said."
    let near =
        np.first <= i + 4 && (i..np.first).all(|k| ctx.doc.tokens[k].kind != TokenKind::Punct);
    // "“…,” Italy’s League leader Matteo Salvini wrote": a name after a title that
    // opens right at the quote, past a possessive.
    let titled = np.kind == NpKind::Name
        && np.first <= i + 8
        && np.first > i
        && (ctx.text(i).starts_with(char::is_uppercase) || ctx.text(i) == "the")
        && (i..np.first).all(|k| {
            ctx.in_quote_free(k)
                && (ctx.doc.tokens[k].kind == TokenKind::Word || cues::is_possessive(ctx.text(k)))
                && !cues::is_verb_filler(ctx.text(k))
                && (ctx.text(k) == "the"
                    || !cues::is_function_word(ctx.text(k))
                    || ctx.text(k).starts_with(char::is_uppercase))
        });
    let near = near || titled;
    // ", the historian Paula Stein said": a few words after the last comma.
    let comma = (i..np.first).rev().find(|&k| ctx.text(k) == ",");
    let after_comma = !matches!(np.kind, NpKind::Description)
        && comma.is_some_and(|k| {
            np.first - k <= 4
                && (k + 1..np.first).all(|x| ctx.doc.tokens[x].kind == TokenKind::Word)
        });
    if !near && !after_comma {
        return None;
    }
    Some(Found {
        np,
        cue: Some(ctx.span(c, c)),
        colon: false,
    })
}

/// "“…” that Smith can win, said Tom Elbridge, a campaign manager.": the
/// sentence's closing attribution, inverted after a comma, for the verb at `c`.
fn closing_inverted(ctx: &Ctx, c: usize, hi: usize) -> Option<Found> {
    // Not "told": after a comma it takes an object ("…, told The Huffington Post").
    if ctx.text(c.checked_sub(1)?) != ","
        || !cues::is_inverted_verb(ctx.text(c))
        || matches!(ctx.text(c), "told" | "tells")
    {
        return None;
    }
    let np = ctx.np_after(c + 1, hi)?;
    // "said Ohio State University professor Paul Beck": a title before the name.
    let named_person = |k: usize| {
        let m = ctx.mention_of_tok[k];
        ctx.is_name(k) && m != u32::MAX && ctx.mentions[m as usize].ty == EntityType::Person
    };
    let person = match np.kind {
        NpKind::Name => ctx.is_name(np.head) && !ctx.is_date(np.head),
        NpKind::Description => speakers::is_person_noun(ctx.text(np.head)) || named_person(np.head),
        NpKind::Pronoun(_) => false,
    };
    let closes = np.last == hi
        || matches!(ctx.text(np.last + 1), "," | "." | "(" | "—" | "–")
        || cues::is_preposition(ctx.text(np.last + 1));
    (person && closes).then_some(Found {
        np,
        cue: Some(ctx.span(c, c)),
        colon: false,
    })
}

/// "“…” and voters get nervous, said Ann Link." / "…, he said.": the attribution
/// closing the quote's sentence after a comma speaks the whole sentence before it,
/// partial quotes included, when no other speech verb lies between.
fn closing_attribution(ctx: &Ctx, qi: usize) -> Option<Found> {
    let r = ctx.qtok[qi].clone();
    let sent = ctx.sentence_range(r.end - 1);
    let mut hi = sent.end.checked_sub(1)?;
    while hi > r.end && ctx.doc.tokens[hi].kind == TokenKind::Punct && ctx.text(hi) != "," {
        hi -= 1;
    }
    if hi <= r.end {
        return None;
    }
    // A comma a few words before the end: the last one, or one before an appositive
    // (", said Ann Link, director of …").
    let floor = r.end.max(hi.saturating_sub(20));
    (floor..hi)
        .rev()
        .filter(|&k| ctx.text(k) == "," && ctx.in_quote_free(k))
        .take(3)
        .find_map(|k| closing_after_comma(ctx, r.end, k, hi))
}

/// The attribution after the comma at `k`, closing a sentence that ends at `hi`,
/// for a quote ending before token `qend`.
fn closing_after_comma(ctx: &Ctx, qend: usize, k: usize, hi: usize) -> Option<Found> {
    // Nothing said between the quote and the comma.
    if ctx.cues_before[k] > ctx.cues_before[qend] {
        return None;
    }
    if (qend..k).any(|x| matches!(ctx.text(x), ";" | ":") || !ctx.in_quote_free(x)) {
        return None;
    }
    if let Some(f) = closing_inverted(ctx, k + 1, hi) {
        return Some(f);
    }
    // "…, according to campaign manager Jeff Weaver.": the source closing the sentence.
    if ctx.is_according_to(k + 1) && k + 3 <= hi {
        let np = ctx.np_after(k + 3, hi)?;
        let person = match np.kind {
            NpKind::Name => ctx.person_or_org_at(np.first).is_some() || ctx.is_name(np.head),
            NpKind::Description => speakers::is_person_noun(ctx.text(np.head)),
            NpKind::Pronoun(_) => false,
        };
        return person.then_some(Found {
            np,
            cue: Some(ctx.span(k + 1, k + 2)),
            colon: false,
        });
    }
    // ", Smith said on Monday." / ", he said.": a subject right after the comma.
    let c = (k + 2..=hi.min(k + 8)).find(|&c| ctx.is_cue(c))?;
    if ctx.text(c).ends_with("ing") || ctx.cues_before[hi + 1] > ctx.cues_before[c + 1] {
        return None;
    }
    let np = ctx.subject_before(c, k + 1)?;
    // Right after the comma, or after a short title: ", DFA spokesman Neil Sroka said."
    let titled = np.kind == NpKind::Name
        && np.first > k + 1
        && np.first <= k + 4
        && ctx.text(k + 1).starts_with(char::is_uppercase)
        && (k + 1..np.first)
            .all(|x| ctx.doc.tokens[x].kind == TokenKind::Word && ctx.in_quote_free(x));
    let starts =
        np.first == k + 1 || (np.first == k + 2 && cues::is_determiner(ctx.text(k + 1))) || titled;
    let person = match np.kind {
        NpKind::Name => ctx.is_name(np.head),
        NpKind::Description => speakers::is_person_noun(ctx.text(np.head)),
        NpKind::Pronoun(g) => g.is_some() || matches!(ctx.text(np.head), "they" | "They"),
    };
    (starts && person).then_some(Found {
        np,
        cue: Some(ctx.span(c, c)),
        colon: false,
    })
}

/// "As Smith put it, “…”", "…, as Smith puts it": the speaker of every quote in
/// the sentence.
fn as_put_it(ctx: &Ctx, qi: usize) -> Option<Found> {
    let r = ctx.qtok[qi].clone();
    let sent = ctx.sentence_range(r.start);
    let last = ctx.sentence_range(r.end - 1).end;
    // Near the quote only, so a sentence of many quotes stays linear.
    let hi = last.checked_sub(1)?.min(r.end + 12);
    let mut k = sent.start.max(r.start.saturating_sub(30));
    while k + 3 <= hi {
        if ctx.text(k).eq_ignore_ascii_case("as") && ctx.in_quote_free(k) {
            // The verb within a few words, then "it".
            let put = (k + 2..=hi.min(k + 9)).find(|&j| {
                matches!(
                    ctx.text(j),
                    "put" | "puts" | "said" | "says" | "noted" | "wrote"
                ) && j < hi
                    && matches!(ctx.text(j + 1), "it" | ",")
            });
            if let Some((j, np)) = put.and_then(|j| Some((j, ctx.subject_before(j, k + 1)?))) {
                // Right after "as", or after a short title: "As The Post's Dana
                // Milbank puts it", "as anti-terror prosecutor Marc Trevidic put it".
                let titled = np.kind == NpKind::Name
                    && np.first <= k + 6
                    && (k + 1..np.first).all(|x| {
                        (ctx.doc.tokens[x].kind == TokenKind::Word
                            || cues::is_possessive(ctx.text(x)))
                            && !ctx.is_cue(x)
                            && !cues::is_verb_filler(ctx.text(x))
                    });
                if (matches!(ctx.text(j), "put" | "puts") || ctx.text(j + 1) == ",")
                    && (np.first == k + 1 || ctx.text(k + 1) == "the" || titled)
                {
                    return Some(Found {
                        np,
                        cue: Some(ctx.span(j, j)),
                        colon: false,
                    });
                }
            }
        }
        k += 1;
    }
    None
}

/// "Said Comey, “…”": a verb opening the sentence, then the speaker and the quote.
fn opening_said(ctx: &Ctx, qi: usize) -> Option<Found> {
    let r = ctx.qtok[qi].clone();
    let lo = ctx.sentence_range(r.start).start;
    if r.start < lo + 3 {
        return None;
    }
    if !matches!(ctx.text(lo), "Said" | "Says" | "Added" | "Asked") {
        return inverted_before(ctx, qi, lo);
    }
    if !matches!(ctx.text(r.start - 1), "," | ":") {
        return None;
    }
    let np = ctx.np_after(lo + 1, r.start - 2)?;
    // The phrase reaches the comma, or an appositive follows it.
    let next = ctx.text(np.last + 1);
    (np.last + 2 == r.start || next == ",").then_some(Found {
        np,
        cue: Some(ctx.span(lo, lo)),
        colon: false,
    })
}

/// "But, said Solovey, “…”", "Because of how the calendar works, explained Ann
/// Rosen, “…”", "In other words, explained moderator Nancy Cordes: “…”": an
/// inverted verb and its speaker set off by commas right before the quote.
fn inverted_before(ctx: &Ctx, qi: usize, lo: usize) -> Option<Found> {
    let r = ctx.qtok[qi].clone();
    if !matches!(ctx.text(r.start - 1), "," | ":") {
        return None;
    }
    let np = ctx.np_before(r.start - 2, lo)?;
    let person = match np.kind {
        NpKind::Name => ctx.is_name(np.head) && !ctx.is_date(np.head),
        NpKind::Description => speakers::is_person_noun(ctx.text(np.head)),
        NpKind::Pronoun(_) => false,
    };
    let v = np.first.checked_sub(1)?;
    // Not a verb whose object is the person spoken to: ", told POLITICO, “…”".
    let takes_object = matches!(
        ctx.text(v),
        "told" | "tells" | "asked" | "asks" | "warned" | "urged" | "reminded" | "assured"
    );
    if !person
        || v < lo
        || !ctx.in_quote_free(v)
        || !cues::is_inverted_verb(ctx.text(v))
        || takes_object
    {
        return None;
    }
    // The verb opens the sentence's last part, after a comma.
    (v > lo && ctx.text(v - 1) == ",").then_some(Found {
        np,
        cue: Some(ctx.span(v, v)),
        colon: false,
    })
}

/// "Smith said: “…”", "Smith told reporters that “…”", "Blinken said he told Sudani of “…”".
fn before(ctx: &Ctx, qi: usize) -> Option<Found> {
    let r = ctx.qtok[qi].clone();
    let sent = ctx.sentence_range(r.start);
    let lo = sent.start;
    if r.start <= lo {
        return None;
    }
    let colon = ctx.text(r.start - 1) == ":";
    // The verbs before the quote, nearest first, skipping other quotes.
    let mut verbs: Vec<usize> = Vec::new();
    let mut k = r.start;
    let mut steps = 0;
    while k > lo && steps <= 60 && verbs.len() < 4 {
        k -= 1;
        steps += 1;
        if !ctx.in_quote_free(k) {
            continue;
        }
        if ctx.text(k) == ";" {
            break;
        }
        // "… sign read, “Slow down.” Another advised, “…”": a quote closing with a
        // full stop, then a capital, began a new sentence the splitter kept whole.
        if k > lo && k + 1 < r.start && ctx.text(k).starts_with(char::is_uppercase) {
            let q = ctx.in_quote[k - 1];
            if q != u32::MAX
                && ctx.marks[q as usize]
                    .content
                    .of(ctx.doc.text)
                    .trim_end()
                    .ends_with(['.', '!', '?'])
            {
                break;
            }
        }
        if ctx.is_according_to(k) && verbs.is_empty() {
            let np = ctx.np_after(k + 2, r.start - 1)?;
            return Some(Found {
                np,
                cue: Some(ctx.span(k, k + 1)),
                colon,
            });
        }
        if ctx.is_cue(k) {
            verbs.push(k);
        }
    }
    let Some(&nearest) = verbs.first() else {
        return headline_colon(ctx, qi, lo);
    };
    // The subject of the nearest verb that has one: "Smith said, adding that “…”",
    // "Smith says … but instead Obama is giving them “…”".
    // A farther verb lends its subject only to a participle or a coordinated verb
    // right before the quote ("Smith said, adding that “…”", "… and said “…”"), and
    // never the writer's own "I" or "we".
    let mut found = subject_of_verb(ctx, nearest, lo)
        .or_else(|| absolute_subject(ctx, nearest, lo))
        .map(|np| (nearest, np));
    // "…, and then predicted: “…”": past an adverb of sequence.
    let mut before_verb = nearest;
    while before_verb > lo + 1
        && matches!(
            ctx.text(before_verb - 1),
            "then" | "also" | "later" | "again" | "further"
        )
    {
        before_verb -= 1;
    }
    let lends = ctx.text(nearest).ends_with("ing")
        || (before_verb > lo
            && (matches!(ctx.text(before_verb - 1), "," | "and" | "but")
                || !ctx.in_quote_free(before_verb - 1)));
    // "Christie described her as … after she attacked … and blamed “…”": a verb
    // coordinated inside a subordinate clause has that clause's subject.
    if found.is_none() && lends && !ctx.text(nearest).ends_with("ing") {
        let from = verbs.get(1).map_or(lo, |&v| v + 1);
        let sub = (from.max(nearest.saturating_sub(25))..nearest)
            .rev()
            .find(|&k| cues::opens_clause(ctx.text(k)) && !matches!(ctx.text(k), "and" | "but"));
        let np = sub.and_then(|k| ctx.np_after(k + 1, nearest - 1));
        if let Some(np) = np {
            let ok = match np.kind {
                NpKind::Pronoun(g) => g.is_some(),
                NpKind::Name => ctx.person_or_org_at(np.first).is_some(),
                NpKind::Description => false,
            };
            if ok {
                found = Some((nearest, np));
            }
        }
    }
    if found.is_none() && lends {
        // "with Trump tweeting that … and asking, “…”": a coordinated participle
        // shares the first one's subject, absolute constructions included.
        found = verbs.iter().skip(1).take(2).find_map(|&c| {
            subject_of_verb(ctx, c, lo)
                .or_else(|| {
                    ctx.text(nearest)
                        .ends_with("ing")
                        .then(|| absolute_subject(ctx, c, lo))
                        .flatten()
                })
                .filter(|np| !matches!(ctx.text(np.first), "I" | "we" | "We"))
                .map(|np| (c, np))
        });
    }
    // "Ryan said the recent protests demand “more listening”": when the nearest
    // verb has no subject that can speak, the reporting verb before it speaks
    // for the clause it reports.
    if found.is_none() {
        if let Some(&c) = verbs.iter().skip(1).find(|&&c| {
            matches!(
                ctx.text(c),
                "said"
                    | "says"
                    | "told"
                    | "tells"
                    | "wrote"
                    | "writes"
                    | "added"
                    | "argued"
                    | "insisted"
                    | "noted"
                    | "explained"
                    | "warned"
            )
        }) {
            // Not an aside: "— as columnist Jonathan Chait noted —".
            let aside = |np: &Np| {
                (np.first.saturating_sub(3)..np.first)
                    .any(|k| k >= lo && ctx.text(k).eq_ignore_ascii_case("as"))
            };
            let np = subject_of_verb(ctx, c, lo).filter(|np| {
                !aside(np)
                    && match np.kind {
                        NpKind::Name => ctx.person_or_org_at(np.first).is_some(),
                        NpKind::Pronoun(g) => g.is_some(),
                        NpKind::Description => false,
                    }
            });
            found = np.map(|np| (c, np));
        }
    }
    if found.is_none() {
        // "On Wednesday, he seemed to …, warning that “…”": the sentence's subject.
        found = sentence_subject(ctx, lo, nearest).map(|np| (nearest, np));
    }
    // The cue is the verb that governs the quote, even when its subject came from an
    // earlier verb ("Smith said …, adding that “…”").
    let (_, np) = found?;
    let mut cue = nearest;
    let np = Some(np);
    let mut np = np?;
    if matches!(np.kind, NpKind::Pronoun(_)) && np.first > lo {
        // "Blinken said he told …": the outer speaker.
        let mut t = np.first - 1;
        if ctx.text(t) == "that" && t > lo {
            t -= 1;
        }
        if ctx.is_cue(t) {
            if let Some(outer) = ctx.subject_before(t, lo) {
                // A pronoun outside too only when it names the same person ("She said
                // she recalls …") or the inner one is not a person ("She says it …").
                let same = ctx.text(outer.head).eq_ignore_ascii_case(ctx.text(np.head))
                    || matches!(np.kind, NpKind::Pronoun(None));
                let person = matches!(outer.kind, NpKind::Pronoun(Some(_)));
                if !matches!(outer.kind, NpKind::Pronoun(_)) || (same && person) {
                    np = outer;
                    cue = t;
                }
            }
        }
    }
    Some(Found {
        np,
        cue: Some(ctx.span(cue, cue)),
        colon,
    })
}

/// The subject of the speech verb at `c`. A participle ("saying", "adding") has
/// one only after a form of "be" ("Smith is saying"); otherwise its subject is
/// the main clause's and this gives `None`.
fn subject_of_verb(ctx: &Ctx, c: usize, lo: usize) -> Option<Np> {
    if ctx.text(c).ends_with("ing") {
        let mut j = c.checked_sub(1)?;
        while j > lo && cues::is_verb_filler(ctx.text(j)) && !is_be(ctx.text(j)) {
            j -= 1;
        }
        if !is_be(ctx.text(j)) {
            return None;
        }
    }
    ctx.subject_before(c, lo)
}

fn is_be(word: &str) -> bool {
    matches!(
        word,
        "is" | "are" | "was" | "were" | "been" | "be" | "’s" | "'s" | "’re" | "'re"
    )
}

/// "…, with Sen. Ann Hale calling it “…”", "– Ryan saying he was “…”": a person
/// named right before a participle after a comma, dash, "with" or "and" is its
/// subject (an absolute construction), not the sentence's subject.
fn absolute_subject(ctx: &Ctx, c: usize, lo: usize) -> Option<Np> {
    if !ctx.text(c).ends_with("ing") || c == 0 {
        return None;
    }
    // Past an adverb: "with Trump reportedly yelling".
    let mut e = c - 1;
    while e > lo && e + 3 > c && {
        let t = ctx.text(e);
        cues::is_verb_filler(t) || (t.ends_with("ly") && t.starts_with(char::is_lowercase))
    } {
        e -= 1;
    }
    // "with many marchers and spectators chanting “…”": people described after
    // "with" are the participle's subject too.
    if let Some(np) = ctx.np_before(e, lo).filter(|np| {
        np.kind == NpKind::Description
            && np.first > lo
            && ctx.text(np.first - 1) == "with"
            && speakers::is_person_noun(ctx.text(np.head))
    }) {
        return Some(np);
    }
    // The name itself, not a phrase it attaches to ("footage of Ann Hale").
    let np = ctx.name_run_before(e, lo)?;
    if np.kind != NpKind::Name || np.first <= lo {
        return None;
    }
    let m = ctx.mention_of_tok[np.head];
    let person = m != u32::MAX && ctx.mentions[m as usize].ty == EntityType::Person;
    let before = ctx.text(np.first - 1);
    // "footage of Hillary Clinton asking, “…”": the person heard in a recording.
    (person && matches!(before, "," | "–" | "—" | "-" | "with" | "and" | "of")).then_some(np)
}

/// The subject opening a sentence, past an opening prepositional phrase and comma:
/// a name or a gendered pronoun.
fn sentence_subject(ctx: &Ctx, lo: usize, hi: usize) -> Option<Np> {
    // Past a dateline: "WASHINGTON (AP) –", "Paris, May 5 —".
    let mut lo = lo;
    if let Some(d) = (lo..hi.min(lo + 8)).find(|&k| matches!(ctx.text(k), "–" | "—" | "-")) {
        if d > lo && (ctx.text(d - 1) == ")" || ctx.is_date(d - 1)) && d + 1 < hi {
            lo = d + 1;
        }
    }
    // Past an opening conjunction: "And then Trump went on the attack, saying …".
    if lo + 1 < hi
        && matches!(
            ctx.text(lo),
            "And" | "But" | "So" | "Yet" | "Then" | "Still"
        )
    {
        lo += 1;
        if lo + 1 < hi && matches!(ctx.text(lo), "then" | "also" | "later" | "instead") {
            lo += 1;
        }
    }
    // Past an opening conjunction or adverb before a pronoun: "But he …", "Then she …".
    if lo + 1 < hi
        && cues::subject_pronoun(ctx.text(lo + 1)).is_some_and(|g| g.is_some())
        && ctx.text(lo).starts_with(char::is_uppercase)
        && cues::subject_pronoun(ctx.text(lo)).is_none()
        && !ctx.is_named(lo)
        // Not a subordinate clause: "If she did, party rules give …".
        && !matches!(
            ctx.text(lo).to_ascii_lowercase().as_str(),
            "if" | "when" | "while" | "because" | "although" | "though" | "since" | "unless"
                | "as" | "after" | "before" | "until" | "once" | "whether" | "whereas"
        )
    {
        lo += 1;
    }
    // Past an opening adverbial: "Later on Sunday,", "In Iowa,", "Eight years ago,".
    let mut i = lo;
    let first = ctx.text(i);
    // "Fueled by frustration, Trump …", "Speaking in Ohio, Hale …": a participle
    // opening the sentence, unless a recognized name.
    let participle = (first.ends_with("ed") || first.ends_with("ing"))
        && ctx.mention_of_tok[i] == u32::MAX
        && i + 1 < hi
        && ctx.text(i + 1).starts_with(char::is_lowercase);
    let opener = (cues::is_function_word(first)
        || cues::is_preposition(&first.to_ascii_lowercase())
        || ctx.is_date(i)
        || participle
        || !ctx.is_named(i)
        || first
            .chars()
            .all(|c| c.is_uppercase() || !c.is_alphabetic()))
        && cues::subject_pronoun(first).is_none()
        // "The Democratic National Convention released …" opens with its subject.
        && !(cues::is_determiner(first) && i + 1 < hi && !ctx.is_date(i + 1));
    if opener {
        // "On Thursday, after remaining neutral, Warren …": up to two openers.
        for _ in 0..2 {
            let reach = hi.min(i + 12);
            let mut k = i;
            while k < reach && !matches!(ctx.text(k), "," | "—" | "–") {
                k += 1;
            }
            if k >= reach {
                break;
            }
            i = k + 1;
            let next = ctx.text(i.min(hi)).to_ascii_lowercase();
            // "On July 6, 2015, Sanders …": a date runs on past its comma.
            let date = i < hi && (ctx.is_date(i) || ctx.doc.tokens[i].kind == TokenKind::Number);
            if !(cues::is_preposition(&next) || cues::opens_clause(&next) || date) {
                break;
            }
        }
    }
    // "Speaking at a town hall in Salem, New Hampshire, Trump went after …": the
    // rest of a place name the opener's comma split.
    if opener && i < hi {
        let m = ctx.mention_of_tok[i];
        if m != u32::MAX && ctx.mentions[m as usize].ty == EntityType::Place {
            let after = ctx.doc.token_at_or_after(ctx.mentions[m as usize].span.end);
            if after + 1 < hi && ctx.text(after) == "," {
                i = after + 1;
            }
        }
    }
    if i >= hi {
        return None;
    }
    if let Some(g) = cues::subject_pronoun(ctx.text(i)) {
        return g.map(|g| Np {
            first: i,
            last: i,
            head: i,
            kind: NpKind::Pronoun(Some(g)),
            possessor: None,
            relative: None,
        });
    }
    // The first person or organization named, through titles ("Former US secretary of
    // state Madeleine Albright"), before any comma.
    let mut k = i;
    while k < hi && k < i + 10 {
        let t = ctx.text(k);
        let title_like = t.starts_with(char::is_uppercase)
            || lexicon::is_person_title(t)
            || matches!(t, "former" | "the" | "of" | "then" | "late" | "acting");
        if ctx.doc.tokens[k].kind != TokenKind::Word || !ctx.in_quote_free(k) || !title_like {
            break;
        }
        if let Some(m) = ctx.person_or_org_at(k) {
            let last = ctx.doc.token_at_or_after(m.end).saturating_sub(1).max(k);
            // "House Speaker Paul Ryan", "White House spokesman Josh Earnest": an
            // organization before a title and a person names where the person works.
            // "Senate Minority Leader Harry Reid": capitalized words of the title
            // before the last one.
            let person_after = (last + 2..hi.min(last + 6)).find(|&x| {
                let mx = ctx.mention_of_tok[x];
                let title = |t: &str| {
                    lexicon::is_person_title(t) || lexicon::is_person_title(&t.to_lowercase())
                };
                mx != u32::MAX
                    && ctx.mentions[mx as usize].ty == EntityType::Person
                    && ctx.person_or_org_at(x).is_some()
                    && title(ctx.text(x - 1))
                    && (last + 1..x).all(|t| {
                        title(ctx.text(t)) || (ctx.is_name(t) && ctx.mention_of_tok[t] == u32::MAX)
                    })
            });
            if let Some(x) = person_after {
                let pm = ctx.mentions[ctx.mention_of_tok[x] as usize].span;
                let plast = ctx.doc.token_at_or_after(pm.end).saturating_sub(1).max(x);
                return Some(Np {
                    first: x,
                    last: plast,
                    head: plast,
                    kind: NpKind::Name,
                    possessor: None,
                    relative: None,
                });
            }
            return Some(Np {
                first: k,
                last,
                head: last,
                kind: NpKind::Name,
                possessor: None,
                relative: None,
            });
        }
        k += 1;
    }
    // "Republican presidential front-runner Donald Trump": a title of any case
    // before the person named.
    let titled = (i..hi.min(i + 10))
        .take_while(|&x| {
            let t = ctx.text(x);
            // "Former prosecutor and New York City Mayor Rudy Giuliani".
            let joins = t == "and" && x + 1 < hi && ctx.text(x + 1).starts_with(char::is_uppercase);
            ctx.doc.tokens[x].kind == TokenKind::Word
                && ctx.in_quote_free(x)
                && !ctx.is_cue(x)
                && !cues::is_verb_filler(t)
                && (!cues::is_function_word(t) || ctx.is_name(x) || joins)
                // Lowercase only inside a title: a noun for a person or a word
                // before one ("presidential front-runner"), never a verb.
                && (t.starts_with(char::is_uppercase)
                    || ((x..hi.min(x + 3)).any(|y| speakers::is_person_noun(ctx.text(y)))
                        && !t.ends_with("ed")))
        })
        .find(|&x| {
            let m = ctx.mention_of_tok[x];
            m != u32::MAX
                && ctx.mentions[m as usize].ty == EntityType::Person
                && ctx.person_or_org_at(x).is_some()
        });
    if let Some(x) = titled
        .filter(|&x| x > i && (speakers::is_person_noun(ctx.text(x - 1)) || ctx.is_name(x - 1)))
    {
        let pm = ctx.mentions[ctx.mention_of_tok[x] as usize].span;
        let last = ctx.doc.token_at_or_after(pm.end).saturating_sub(1).max(x);
        return Some(Np {
            first: x,
            last,
            head: last,
            kind: NpKind::Name,
            possessor: None,
            relative: None,
        });
    }
    // "The spokesman refused … but said": a determiner and a few words ending in a
    // noun for people, or for a body or text that issues words ("His office put out
    // a statement saying", "The email goes on to say").
    if cues::is_determiner(ctx.text(i)) && ctx.text(i) != "that" {
        let head = (i + 1..hi.min(i + 5))
            .take_while(|&k| {
                ctx.doc.tokens[k].kind == TokenKind::Word
                    && ctx.in_quote_free(k)
                    && !cues::is_verb_filler(ctx.text(k))
                    && !cues::is_function_word(ctx.text(k))
                    // "several groups granted": a past tense after a plural ends it.
                    && !(ctx.text(k).ends_with("ed") && ctx.text(k - 1).ends_with('s'))
            })
            .filter(|&k| {
                let t = ctx.text(k);
                // Not a title before a name ("granted Mr. Clarke"): it heads nothing.
                let title = k + 1 < hi && ctx.is_name(k + 1) && lexicon::is_person_title(t);
                (speakers::is_person_noun(t)
                    || cues::is_institution(t)
                    || speakers::is_document_noun(t))
                    && !title
            })
            .last()?;
        // "Another critic, Laurence H. Tribe, likened …": the name set off after it.
        if head + 2 < hi && ctx.text(head + 1) == "," {
            if let Some(m) = ctx.person_or_org_at(head + 2) {
                let last = ctx.doc.token_at_or_after(m.end).saturating_sub(1);
                if last + 1 < hi && ctx.text(last + 1) == "," {
                    return Some(Np {
                        first: head + 2,
                        last,
                        head: last,
                        kind: NpKind::Name,
                        possessor: None,
                        relative: None,
                    });
                }
            }
        }
        return Some(Np {
            first: i,
            last: head,
            head,
            kind: NpKind::Description,
            possessor: None,
            relative: None,
        });
    }
    let np = ctx.np_after(i, hi)?;
    (np.kind == NpKind::Name && ctx.is_named(np.head)).then_some(np)
}

/// A partial quote in a sentence with no speech verb, whose subject takes a
/// stance with words quoted: "Smith defended his aide as a “very decent man”",
/// "Jones worried that the plan was “a hammock”". The subject must be a named
/// person or organization (or "he"/"she") opening the sentence, with nobody else
/// named between it and the quote.
fn stance_subject(ctx: &Ctx, qi: usize) -> Option<Found> {
    let r = ctx.qtok[qi].clone();
    let sent = ctx.sentence_range(r.start);
    if r.start <= sent.start || in_headline(ctx, ctx.marks[qi].span.start) {
        return None;
    }
    // A speech verb before the quote had its chance in [`before`]; one after it
    // opens a later clause ("… to “vote your conscience” and said …").
    if ctx.cues_before[r.start] > ctx.cues_before[sent.start] {
        return None;
    }
    let np = sentence_subject(ctx, sent.start, r.start)?;
    if np.last + 1 >= r.start || r.start - np.last > 25 {
        return None;
    }
    // A person or organization named, or "he"/"she"; not a possessor ("Smith’s
    // comments").
    let named = match np.kind {
        NpKind::Name => {
            ctx.person_or_org_at(np.first).is_some() || ctx.person_or_org_at(np.head).is_some()
        }
        NpKind::Pronoun(g) => g.is_some(),
        NpKind::Description => false,
    };
    if !named || cues::is_possessive(ctx.text(np.last + 1)) {
        return None;
    }
    // Someone else named on the way may be the quote's subject, unless the verb
    // follows the subject directly ("Smith groused to a crowd in Ohio that CNN is
    // “unfair”"), and then only as an object: not followed by a verb.
    // Past a party tag and an appositive set off by commas, whose names describe
    // the subject: "Reid (D-Nev.), in particular, has been pounding Trump as a
    // “…”", "Ann Kall, the director of debate at the university, compared …".
    let mut from = np.last + 1;
    if from < r.start && ctx.text(from) == "(" {
        if let Some(k) = (from + 1..r.start.min(from + 8)).find(|&k| ctx.text(k) == ")") {
            from = k + 1;
        }
    }
    if from < r.start && ctx.text(from) == "," {
        // An abbreviation's period ("R-Ky.,") ends nothing.
        let close = (from + 1..r.start.min(from + 25))
            .take_while(|&k| {
                ctx.in_quote_free(k)
                    && !matches!(ctx.text(k), ";" | ":")
                    && (ctx.text(k) != "." || ctx.text(k + 1) == ",")
            })
            .find(|&k| ctx.text(k) == ",");
        if let Some(k) = close {
            from = k + 1;
        }
    }
    let direct = {
        // Past auxiliaries and adverbs: "Reid has gone after Trump as a “…”".
        let mut v = from.min(r.start - 1);
        while v + 1 < r.start && cues::is_verb_filler(ctx.text(v)) {
            v += 1;
        }
        let t = ctx.text(v);
        ctx.doc.tokens[v].kind == TokenKind::Word
            && t.starts_with(char::is_lowercase)
            && !cues::is_function_word(t)
    };
    let mut verb = false;
    for k in from..r.start {
        if !ctx.in_quote_free(k) {
            continue;
        }
        let t = ctx.text(k);
        // "Trump leaned in and boomed: “…”": a colon may introduce the quote.
        if t == ";" || (t == ":" && k + 1 != r.start) {
            return None;
        }
        if let Some(m) = ctx.person_or_org_at(k) {
            let mut after = ctx.doc.token_at_or_after(m.end);
            // "ripped FBI Director James Comey for …": the organization, a title
            // and the person are one object.
            let mut t = after;
            while t < r.start && t < after + 3 && lexicon::is_person_title(ctx.text(t)) {
                t += 1;
            }
            if t > after && t < r.start {
                if let Some(pm) = ctx.person_or_org_at(t) {
                    after = ctx.doc.token_at_or_after(pm.end);
                }
            }
            let then = ctx.text(after.min(r.start));
            let object = direct
                && (after >= r.start
                    || matches!(
                        then,
                        "," | ":" | "as" | "of" | "for" | "on" | "in" | "to" | "and"
                    )
                    || cues::is_possessive(then));
            if !object {
                return None;
            }
        }
        verb |= t.starts_with(char::is_lowercase) && !cues::is_function_word(t);
    }
    verb.then_some(Found {
        np,
        cue: None,
        colon: false,
    })
}

/// Nouns for what someone said, after a possessor: "Trump’s claim that “…”".
const SAID_NOUNS: &[&str] = &[
    "claim",
    "claims",
    "statement",
    "remark",
    "remarks",
    "comment",
    "comments",
    "words",
    "assertion",
    "accusation",
    "answer",
    "response",
    "reply",
    "retort",
    "announcement",
    "conclusion",
    "dictum",
    "warning",
    "promise",
    "pledge",
    "vow",
    "boast",
    "slogan",
    "catchphrase",
    "message",
    "tweet",
    "argument",
    "insistence",
    "suggestion",
    "prediction",
    "admission",
    "contention",
    "plea",
    "demand",
    "charge",
    "testimony",
    "call",
    "calls",
];

/// One of [`SAID_NOUNS`]; all start with an ASCII lowercase letter, so other
/// words are ruled out by their first byte.
fn is_said_noun(t: &str) -> bool {
    t.as_bytes().first().is_some_and(u8::is_ascii_lowercase) && SAID_NOUNS.contains(&t)
}

#[test]
fn said_nouns_start_lowercase() {
    for w in SAID_NOUNS {
        assert!(
            w.as_bytes().first().is_some_and(u8::is_ascii_lowercase),
            "{w}"
        );
    }
}

/// "Politifact checked Trump’s claim that there were “thousands of shootings”",
/// "his warning that “…”": the possessor of a noun for words spoken, a few words
/// before the quote with no other speaker or verb of speech between, speaks it.
///
/// With `claim`, only "X’s claim that …" and the like, which name whose words
/// follow even after another speech verb ("Pence blamed the media for Trump’s
/// claim that Obama “founded ISIS”"): the quote is the content of the claim.
fn possessed_words(ctx: &Ctx, qi: usize, claim: bool) -> Option<Found> {
    let r = ctx.qtok[qi].clone();
    let sent = ctx.sentence_range(r.start);
    let lo = sent.start.max(r.start.saturating_sub(14));
    // The noun: the last one before the quote.
    let n = (lo..r.start)
        .rev()
        .find(|&k| is_said_noun(ctx.text(k)) && ctx.in_quote_free(k))?;
    if claim && ctx.text(n + 1) != "that" {
        return None;
    }
    // Nobody reports them before: "Smith said Trump’s remarks “…”" is Smith's.
    if !claim && ctx.cues_before[n] > ctx.cues_before[sent.start] {
        return None;
    }
    // The words follow as its content: "claim that …", "warning of …", "words: …",
    // "promise to be “…”", "call for “…”"; not "Trump’s comments are “…”", where
    // the quote says what they are.
    let opens_content = matches!(ctx.text(n + 1), "that" | "of" | ":" | ",")
        || (!claim && matches!(ctx.text(n + 1), "to" | "for"));
    if n + 1 < r.start && !opens_content {
        return None;
    }
    // Between it and the quote: plain words, no name, no verb of speech, no clause end.
    for k in n + 1..r.start {
        let t = ctx.text(k);
        if !ctx.in_quote_free(k)
            || ctx.is_cue(k)
            || ctx.person_or_org_at(k).is_some()
            || (k > n + 1 && matches!(t, ":" | ","))
            || matches!(t, "." | ";" | "!" | "?" | "(" | "—" | "–")
            || cues::subject_pronoun(t).is_some_and(|g| g.is_some())
        {
            return None;
        }
    }
    // The possessor: "X’s [adjective] noun" or "his/her [adjective] noun".
    let mut p = n.checked_sub(1)?;
    if p > sent.start && ctx.doc.tokens[p].kind == TokenKind::Word && ctx.is_noun_like(p) {
        p -= 1;
    }
    let t = ctx.text(p);
    if let Some(g) =
        cues::gendered_pronoun(t).filter(|_| matches!(t, "his" | "His" | "her" | "Her"))
    {
        return Some(Found {
            np: Np {
                first: p,
                last: p,
                head: p,
                kind: NpKind::Pronoun(Some(g)),
                possessor: None,
                relative: None,
            },
            cue: None,
            colon: false,
        });
    }
    if !cues::is_possessive(t) || p == 0 {
        return None;
    }
    let owner = p - 1;
    let m = ctx.mention_of_tok[owner];
    if m == u32::MAX
        || !matches!(
            ctx.mentions[m as usize].ty,
            EntityType::Person | EntityType::Organization
        )
    {
        return None;
    }
    let span = ctx.mentions[m as usize].span;
    let first = ctx.doc.token_at_or_after(span.start);
    Some(Found {
        np: Np {
            first,
            last: owner,
            head: owner,
            kind: NpKind::Name,
            possessor: None,
            relative: None,
        },
        cue: None,
        colon: false,
    })
}

/// "Trump: “We will win”": a name, a colon and the quote, no verb.
fn headline_colon(ctx: &Ctx, qi: usize, lo: usize) -> Option<Found> {
    let r = ctx.qtok[qi].clone();
    if r.start < lo + 2 || ctx.text(r.start - 1) != ":" {
        return None;
    }
    // "Rep. Trey Gowdy (R-S.C.): “…”": past a party tag.
    let mut e = r.start - 2;
    if ctx.text(e) == ")" {
        e = (e.saturating_sub(8).max(lo)..e)
            .rev()
            .find(|&x| ctx.text(x) == "(")?
            .checked_sub(1)?;
    }
    let np = ctx.np_before(e, lo)?;
    // "Former secretary of state Hillary Rodham Clinton: “…”": a transcript's
    // speaker after a title opening the sentence.
    let titled = np.first > lo
        && np.first <= lo + 6
        && ctx.person_or_org_at(np.first).is_some()
        && (lo..np.first).all(|x| {
            ctx.doc.tokens[x].kind == TokenKind::Word
                && ctx.in_quote_free(x)
                && !ctx.is_cue(x)
                && !cues::is_verb_filler(ctx.text(x))
        });
    // "POLLS MISSED THE SURGE - Ann Hale and Tom Reyes:", "More from Hale:": a
    // round-up's byline after a dash or "from", a person or organization named.
    let byline = np.first > lo
        && matches!(ctx.text(np.first - 1), "-" | "–" | "—" | "from")
        && ctx.person_or_org_at(np.first).is_some();
    (np.kind == NpKind::Name && (np.first == lo || byline || titled)).then_some(Found {
        np,
        cue: None,
        colon: true,
    })
}

/// A quote opening its paragraph after a paragraph ending "… he said:".
fn colon_paragraph(ctx: &Ctx, qi: usize) -> Option<Found> {
    let r = ctx.qtok[qi].clone();
    let doc = ctx.doc;
    let para = doc.paragraph_at(doc.tokens[r.start].span.start);
    if para == 0 || doc.paragraphs[para].start != doc.tokens[r.start].span.start || r.start == 0 {
        return None;
    }
    let last = r.start - 1;
    if ctx.text(last) != ":" || !ctx.in_quote_free(last) {
        return None;
    }
    let sent = ctx.sentence_range(last);
    let mut k = last;
    while k > sent.start && last - k < 30 {
        k -= 1;
        if ctx.in_quote_free(k) && ctx.is_cue(k) {
            let np = ctx.subject_before(k, sent.start)?;
            return Some(Found {
                np,
                cue: Some(ctx.span(k, k)),
                colon: true,
            });
        }
    }
    // "Sanders made the following comment:" / "He then listed the qualities:": no
    // speech verb, but the sentence announces the quote; its named subject speaks.
    if (sent.start..last).any(|k| !ctx.in_quote_free(k)) {
        return None;
    }
    let np = sentence_subject(ctx, sent.start, last)?;
    let named = match np.kind {
        NpKind::Name => ctx.person_or_org_at(np.first).is_some(),
        NpKind::Pronoun(g) => g.is_some(),
        NpKind::Description => false,
    };
    // One clause from the subject to the colon: not "…, Trump did support the idea,
    // and NBC News has proof:".
    let one_clause =
        (np.last + 1..last).all(|k| !matches!(ctx.text(k), "," | ";" | "and" | "but" | "—" | "–"));
    (named && one_clause && !cues::is_possessive(ctx.text(np.last + 1))).then_some(Found {
        np,
        cue: None,
        colon: true,
    })
}

/// Nouns that name what someone said: "That was the verdict of John Smith."
const VERDICT_NOUNS: &[&str] = &[
    "verdict",
    "view",
    "assessment",
    "message",
    "word",
    "words",
    "warning",
    "reaction",
    "response",
    "conclusion",
    "opinion",
    "take",
    "advice",
    "argument",
    "claim",
    "promise",
    "plea",
];

/// A speaker introduced in the next sentence of the paragraph:
/// "“…” That was the verdict of John Smith." or "“…” So said John Smith."
fn next_sentence(ctx: &Ctx, qi: usize) -> Option<Found> {
    let r = ctx.qtok[qi].clone();
    let sent = ctx.sentence_range(r.end - 1);
    let doc = ctx.doc;
    if sent.end >= doc.tokens.len() {
        return None;
    }
    let next = ctx.sentence_range(sent.end);
    let same_para = doc.paragraph_at(doc.tokens[next.start].span.start)
        == doc.paragraph_at(doc.tokens[r.end - 1].span.start);
    if !same_para || next.is_empty() {
        return None;
    }
    let hi = next.end - 1;
    let s = next.start;
    // "“Too forced?” He tweeted when …", "“We won!” Sen. Ann Hale, R-Ohio, said as
    // …": a question or exclamation closes its sentence inside the marks, and the
    // speaker and verb follow directly: a pronoun, a name (after a title or two)
    // or a description of a person, then the verb, past an appositive.
    let content = ctx.marks[qi].content.of(doc.text).trim_end();
    let asks = content.ends_with(['?', '!']) && s == r.end;
    if asks && s < hi {
        let c = (s + 1..=hi.min(s + 20))
            .take_while(|&k| ctx.in_quote_free(k) || ctx.doc.tokens[k].kind != TokenKind::Word)
            .find(|&k| ctx.is_cue(k))?;
        if ctx.text(c).ends_with("ing") || cues::is_label_verb(ctx.text(c)) {
            return None;
        }
        let np = ctx.subject_before(c, s)?;
        let titled = (s..np.first).all(|k| {
            ctx.doc.tokens[k].kind == TokenKind::Word
                && ctx.text(k).starts_with(char::is_uppercase)
                && ctx.in_quote_free(k)
        });
        let ok = match np.kind {
            NpKind::Pronoun(g) => np.first == s && g.is_some(),
            NpKind::Name => {
                np.first <= s + 3
                    && titled
                    && (ctx.person_or_org_at(np.first).is_some() || ctx.is_named(np.head))
                    && !ctx.is_date(np.head)
            }
            NpKind::Description => np.first == s && speakers::is_person_noun(ctx.text(np.head)),
        };
        return ok.then_some(Found {
            np,
            cue: Some(ctx.span(c, c)),
            colon: false,
        });
    }
    if matches!(ctx.text(s), "That" | "This" | "So" | "Such") {
        for k in s + 1..=hi.min(s + 8) {
            if VERDICT_NOUNS.contains(&ctx.text(k)) && k + 2 <= hi && ctx.text(k + 1) == "of" {
                let np = ctx.np_after(k + 2, hi)?;
                return (np.kind == NpKind::Name).then_some(Found {
                    np,
                    cue: None,
                    colon: false,
                });
            }
            if ctx.text(s) == "So" && ctx.is_cue(k) && k == s + 1 {
                let np = ctx.np_after(k + 1, hi)?;
                return (np.kind == NpKind::Name).then_some(Found {
                    np,
                    cue: Some(ctx.span(k, k)),
                    colon: false,
                });
            }
        }
    }
    None
}

/// A quote-only sentence right after a sentence of reported speech: "Carter said
/// that the region mattered. / “It is home to half the world.”" News runs the
/// speaker's paraphrase into their own words; the subject of the speech verb
/// in the sentence just before (in the same paragraph, or the last one of the
/// paragraph before when the quote opens its own) speaks the quote. That
/// sentence must hold no quotation of its own (a quote there had its own
/// speaker, carried on by [`continuation`]) and its subject must be a name, a
/// description of people or a third-person pronoun.
fn reported_before(ctx: &Ctx, qi: usize) -> Option<Found> {
    let r = ctx.qtok[qi].clone();
    let doc = ctx.doc;
    let s = ctx.sent_of_tok[r.start] as usize;
    let prev = doc.sentence_tokens.get(s.checked_sub(1)?)?.clone();
    if prev.is_empty() || prev.end > r.start {
        return None;
    }
    let here = doc.paragraph_at(doc.tokens[r.start].span.start);
    let there = doc.paragraph_at(doc.tokens[prev.start].span.start);
    if there != here && there + 1 != here {
        return None;
    }
    // No quotation in the sentence before.
    if (prev.start..r.start).any(|k| !ctx.in_quote_free(k)) {
        return None;
    }
    // The next sentence of the paragraph does not open with its own attribution
    // ("“…?” Todd asked the candidate."), which the quote may belong to.
    let own_end = ctx.sentence_range(r.end - 1).end;
    if own_end < doc.tokens.len() && doc.paragraph_at(doc.tokens[own_end].span.start) == here {
        let next = ctx.sentence_range(own_end);
        let opens = (next.start..next.end.min(next.start + 12)).any(|k| {
            ctx.is_cue(k) || (k > next.start && cues::is_speech_verb(&ctx.text(k).to_lowercase()))
        });
        if opens {
            return None;
        }
    }
    // The first speech verb near the start of the sentence: its main verb.
    let hi = prev.end.min(prev.start + 30);
    let c = (prev.start..hi).find(|&k| ctx.is_cue(k) && !cues::is_label_verb(ctx.text(k)))?;
    let np =
        subject_of_verb(ctx, c, prev.start).or_else(|| sentence_subject(ctx, prev.start, c))?;
    let ok = match np.kind {
        NpKind::Name => ctx.is_named(np.head),
        NpKind::Description => speakers::is_person_noun(ctx.text(np.head)),
        NpKind::Pronoun(g) => g.is_some(),
    };
    ok.then_some(Found {
        np,
        cue: Some(ctx.span(c, c)),
        colon: false,
    })
}

/// The second part of a quote split by its attribution in one sentence: "“…,”
/// said Smith, “…”" or "“…,” Smith said, “…”". The speaker named between the two
/// parts speaks both.
fn split_quote(ctx: &Ctx, qi: usize, out: &[Attributed]) -> Option<Attributed> {
    let p = qi.checked_sub(1)?;
    let pa = out.get(p)?;
    if pa.kind != QuoteKind::Speech || pa.attribution == Attribution::Continuation {
        return None;
    }
    let speaker = pa.speaker?;
    let (prev, here) = (ctx.marks[p].span, ctx.marks[qi].span);
    if speaker.start < prev.end || speaker.end > here.start {
        return None;
    }
    let gap = ctx.qtok[p].end..ctx.qtok[qi].start;
    let end_prev = ctx.qtok[p].end.checked_sub(1)?;
    if gap.len() > 30 || ctx.sent_of_tok[end_prev] != ctx.sent_of_tok[ctx.qtok[qi].start] {
        return None;
    }
    // Only the attribution lies between, the second part after a comma or colon: no
    // clause of its own.
    let opens = ctx.text(gap.end.checked_sub(1)?);
    if !matches!(opens, "," | ":" | "—" | "–")
        || gap
            .clone()
            .any(|k| matches!(ctx.text(k), ";" | "and" | "but" | "while"))
    {
        return None;
    }
    Some(Attributed {
        kind: QuoteKind::Speech,
        cue: None,
        attribution: if pa.attribution == Attribution::Pronoun {
            Attribution::Pronoun
        } else {
            Attribution::Adjacent
        },
        ..*pa
    })
}

/// A quote-only sentence right after a speaker's quote carries it on.
fn continuation(
    ctx: &Ctx,
    qi: usize,
    standalone: bool,
    prev: Option<(usize, &Attributed)>,
) -> Option<Attributed> {
    let (p, pa) = prev?;
    if !standalone || pa.kind != QuoteKind::Speech {
        return None;
    }
    let doc = ctx.doc;
    let here = doc.paragraph_at(ctx.marks[qi].span.start);
    let there = doc.paragraph_at(ctx.marks[p].span.end.saturating_sub(1));
    if here > there + 1 {
        return None;
    }
    // Nothing between the two but the end of the previous quote's sentence.
    let prev_end = ctx.qtok[p].end.saturating_sub(1);
    let prev_sent = ctx.sent_of_tok[prev_end];
    let gap = ctx.qtok[p].end..ctx.qtok[qi].start;
    if gap.len() > 200 {
        return None;
    }
    let between_ok = gap
        .into_iter()
        .all(|k| ctx.sent_of_tok[k] == prev_sent || ctx.doc.tokens[k].kind == TokenKind::Punct);
    if !between_ok {
        return None;
    }
    // In the same paragraph the speaker's mention is still in view: "“…,” he said.
    // “…”" names him for both; across a paragraph break it is not repeated.
    let speaker = if here == there { pa.speaker } else { None };
    Some(Attributed {
        kind: QuoteKind::Speech,
        speaker,
        speaker_group: pa.speaker_group,
        cue: None,
        attribution: Attribution::Continuation,
    })
}

/// A quote-only sentence after one sentence about the previous quote's speaker,
/// who is its subject: "“…,” Obama said after meeting Putin. He did not suggest
/// retaliation. “Our goal is …”". The subject ("He") names the speaker.
fn continuation_past_subject(
    ctx: &Ctx,
    qi: usize,
    standalone: bool,
    prev: Option<(usize, &Attributed)>,
) -> Option<Attributed> {
    let (p, pa) = prev?;
    let g = pa.speaker_group?;
    if !standalone || pa.kind != QuoteKind::Speech {
        return None;
    }
    let doc = ctx.doc;
    let prev_sent = ctx.sent_of_tok[ctx.qtok[p].end.checked_sub(1)?] as usize;
    let here = ctx.sent_of_tok[ctx.qtok[qi].start] as usize;
    if here != prev_sent + 2 {
        return None;
    }
    let mid = doc.sentence_tokens.get(prev_sent + 1)?.clone();
    if mid.is_empty() || (mid.start..mid.end).any(|k| !ctx.in_quote_free(k)) {
        return None;
    }
    let para = |t: usize| doc.paragraph_at(doc.tokens[t].span.start);
    let (a, b) = (para(ctx.qtok[p].end - 1), para(ctx.qtok[qi].start));
    if b > a + 1 {
        return None;
    }
    let np = sentence_subject(ctx, mid.start, mid.end - 1)?;
    if np.first > mid.start + 1 {
        return None;
    }
    let same = match np.kind {
        NpKind::Pronoun(Some(gender)) => {
            ctx.resolve_pronoun(np.head, Some(gender), Some((g, ctx.qtok[p].end - 1))) == Some(g)
        }
        NpKind::Name => ctx.np_group(&np) == Some(g),
        _ => false,
    };
    same.then(|| Attributed {
        kind: QuoteKind::Speech,
        speaker: Some(ctx.np_span(&np)),
        speaker_group: Some(g),
        cue: None,
        attribution: Attribution::Continuation,
    })
}

impl Ctx<'_, '_> {
    /// A lowercase word that can modify a noun ("recent", "controversial").
    fn is_noun_like(&self, i: usize) -> bool {
        let t = self.text(i);
        t.starts_with(char::is_lowercase) && !cues::is_function_word(t) && self.in_quote_free(i)
    }

    /// True when token `i` is outside every quote.
    fn in_quote_free(&self, i: usize) -> bool {
        i < self.in_quote.len() && self.in_quote[i] == u32::MAX
    }
}
