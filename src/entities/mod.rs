//! The entity recognizer: names (people, organizations, places, groups,
//! misc) and numeric expressions (dates, times, money, percentages).
//!
//! Names come from one tagger behind one seam, [`tag_names`]: the trained
//! [`model`] (CoNLL-2003 dev F1 0.92 through this pipeline, against 0.75 for
//! the rule-based [`names::tag`], which stays as the reference baseline).
//! Whatever the
//! tagger returns goes through the same clean-up, [`postprocess`]: titles
//! and a leading "the" are left out, a `misc` nationality or religious
//! group becomes `group`, spans snap to whole tokens. Dates, times, sums and
//! percentages come from [`rules`]. The two never overlap: where they would,
//! the longer span wins, and the name on a tie ("US$ 20" is money, not the
//! place "US").

use std::collections::BTreeMap;

pub mod model;

use crate::analysis::EntityType;
use crate::quotes::QuoteMarks;
use crate::text::{Document, Span};

pub mod lexicon;
pub mod names;
pub mod rules;

/// One entity mention found in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// Byte span of the mention (titles and a leading "the" left out).
    pub span: Span,
    /// Its type.
    pub ty: EntityType,
}

/// Finds every entity mention, in document order, non-overlapping.
pub fn recognize(doc: &Document, _quotes: &[QuoteMarks]) -> Vec<Mention> {
    let mut all = harmonize(doc, postprocess(doc, tag_names(doc)));
    // Names first: on a tie in length the name is kept.
    all.extend(rules::find(doc));
    select_non_overlapping(all)
}

/// The name tagger: the one call site to swap for a trained model.
pub fn tag_names(doc: &Document) -> Vec<Mention> {
    model::tag_names(doc)
}

/// Participles that make a hyphenated compound an adjective ("US-led", "Iran-backed").
const COMPOUND_PARTICIPLES: &[&str] = &[
    "led",
    "backed",
    "based",
    "born",
    "owned",
    "funded",
    "run",
    "made",
    "allied",
    "aligned",
    "sponsored",
    "controlled",
    "held",
    "bound",
    "style",
    "era",
    "linked",
    "affiliated",
];

/// Document-level evidence that a tagger reading one sentence at a time misses.
///
/// - A place or organization followed by a lower-case organization word
///   ("Islamic State group", "Baath party") is an organization, word
///   included, as wire copy writes it. (A MISC name is left alone:
///   CoNLL-2003 types "Communist party" as a MISC "Communist", and retyping
///   those cost 0.3 points of F1 there; this rule as it stands costs 0.01.)
/// - An acronym in parentheses right after a name ("(IS)") is a mention of
///   the same type.
/// - The same written name has one type throughout an article: the majority
///   type of its mentions when one type has most of them, and a single word
///   that is the surname of a person named in full is that person.
/// - A one-word country or nationality from the word lists that the tagger
///   left out is still a place or group.
/// - A hyphenated adjective ("US-led", "Islamist-backed") is not a name.
pub fn harmonize(doc: &Document, mentions: Vec<Mention>) -> Vec<Mention> {
    let text = doc.text;
    let tokens = &doc.tokens;
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    for mut m in mentions {
        let word = m.span.of(text);
        if let Some((_, tail)) = word.rsplit_once('-') {
            if COMPOUND_PARTICIPLES.contains(&tail.to_ascii_lowercase().as_str()) {
                continue;
            }
        }
        if matches!(m.ty, EntityType::Place | EntityType::Organization) {
            let next = tokens.partition_point(|t| t.span.start < m.span.end);
            if let Some(t) = tokens.get(next) {
                let w = t.span.of(text);
                if w.starts_with(|c: char| c.is_lowercase()) && lexicon::is_org_trailing_word(w) {
                    m = Mention {
                        span: Span::new(m.span.start, t.span.end),
                        ty: EntityType::Organization,
                    };
                }
            }
        }
        out.push(m);
    }
    let mut out = capitalized_run_before_org_word(doc, out);
    // Acronyms in parentheses.
    let mut added = Vec::new();
    for (i, m) in out.iter().enumerate() {
        if !m.ty.is_name() {
            continue;
        }
        let mut next = tokens.partition_point(|t| t.span.start < m.span.end);
        // "Islamic State group (IS)": the organization word may stand between.
        if tokens
            .get(next)
            .is_some_and(|t| lexicon::is_org_trailing_word(t.span.of(text)))
        {
            next += 1;
        }
        let (Some(open), Some(acr), Some(close)) =
            (tokens.get(next), tokens.get(next + 1), tokens.get(next + 2))
        else {
            continue;
        };
        let a = acr.span.of(text);
        let is_acronym = (2..=8).contains(&a.len())
            && a.chars()
                .all(|c| c.is_ascii_uppercase() || c == '.' || c == '&');
        if open.span.of(text) != "(" || close.span.of(text) != ")" || !is_acronym {
            continue;
        }
        match out.get(i + 1) {
            Some(n) if n.span == acr.span => added.push((
                Some(i + 1),
                Mention {
                    span: acr.span,
                    ty: m.ty,
                },
            )),
            Some(n) if n.span.overlaps(acr.span) => {}
            _ => added.push((
                None,
                Mention {
                    span: acr.span,
                    ty: m.ty,
                },
            )),
        }
    }
    for (slot, m) in added {
        match slot {
            Some(j) => out[j].ty = m.ty,
            None => out.push(m),
        }
    }
    // Countries and nationalities the tagger left out ("US" before a title).
    let mut backstop = Vec::new();
    let mut sorted: Vec<Span> = out.iter().map(|m| m.span).collect();
    sorted.sort();
    for t in tokens {
        let w = t.span.of(text);
        if !w.starts_with(|c: char| c.is_uppercase()) {
            continue;
        }
        let k = sorted.partition_point(|s| s.end <= t.span.start);
        if sorted.get(k).is_some_and(|s| s.overlaps(t.span)) {
            continue;
        }
        if lexicon::is_country(w) {
            backstop.push(Mention {
                span: t.span,
                ty: EntityType::Place,
            });
        } else if lexicon::is_demonym(w) {
            backstop.push(Mention {
                span: t.span,
                ty: EntityType::Group,
            });
        }
    }
    out.extend(backstop);
    out.sort_by_key(|m| m.span.start);
    // A given name and a surname is a person, whatever the tagger's
    // article-wide evidence made of it.
    for m in &mut out {
        if matches!(m.ty, EntityType::Organization | EntityType::Place)
            && is_given_and_surname(doc, m.span)
        {
            m.ty = EntityType::Person;
        }
    }
    // One type per written name.
    let mut votes: lexicon::HashMap<&str, Vec<(EntityType, usize)>> = Default::default();
    let mut surnames: lexicon::HashSet<&str> = Default::default();
    // Most tokens fail the gate and are never hashed.
    let mut surname_gate = lexicon::FirstByteGate::new();
    for m in &out {
        if !m.ty.is_name() {
            continue;
        }
        let w = m.span.of(text);
        let v = votes.entry(w).or_default();
        match v.iter_mut().find(|(t, _)| *t == m.ty) {
            Some((_, n)) => *n += 1,
            None => v.push((m.ty, 1)),
        }
        if m.ty == EntityType::Person {
            if let Some((_, last)) = w.rsplit_once(' ') {
                // "al-Sudani" is "Sudani" on later mention.
                let bare = ["al-", "Al-", "el-", "El-"]
                    .iter()
                    .filter_map(|prefix| last.strip_prefix(prefix));
                for s in std::iter::once(last).chain(bare) {
                    surname_gate.add(s.as_bytes());
                    surnames.insert(s);
                }
            }
        }
    }
    // A surname the tagger left untagged elsewhere is still that person.
    let mut sorted: Vec<Span> = out.iter().map(|m| m.span).collect();
    sorted.sort();
    // Tokens and mentions are never empty, so the gate's answer for "" never matters.
    let is_surname = |w: &str| surname_gate.admits(w.as_bytes()) && surnames.contains(w);
    for t in tokens {
        let w = t.span.of(text);
        if !is_surname(w) {
            continue;
        }
        let k = sorted.partition_point(|s| s.end <= t.span.start);
        if !sorted.get(k).is_some_and(|s| s.overlaps(t.span)) {
            out.push(Mention {
                span: t.span,
                ty: EntityType::Person,
            });
        }
    }
    out.sort_by_key(|m| m.span.start);
    for m in &mut out {
        if !m.ty.is_name() {
            continue;
        }
        let w = m.span.of(text);
        if is_surname(w) {
            m.ty = EntityType::Person;
            continue;
        }
        if let Some(v) = votes.get(w) {
            if v.len() > 1 {
                let total: usize = v.iter().map(|x| x.1).sum();
                let best = v.iter().fold(v[0], |b, x| if x.1 > b.1 { *x } else { b });
                if best.1 * 2 > total {
                    m.ty = best.0;
                }
            }
        }
    }
    alias_types(doc, &mut out);
    out
}

/// "X, also known as Y", "X (…) militants, known by the Arabic acronym Y":
/// the article says Y names what X names, so every mention written as Y
/// takes X's type ("Daesh", which the 1996 training news never saw, is the
/// organization "IS", not a person). X is the name right before the cue (at
/// most three punctuation marks or lower-case words between), Y the first
/// name after it within a few words (a nationality or language adjective
/// before it, "Arabic", is stepped over), both in one sentence.
fn alias_types(doc: &Document, out: &mut [Mention]) {
    let text = doc.text;
    let tokens = &doc.tokens;
    let mut aliases: lexicon::HashMap<&str, EntityType> = Default::default();
    for range in &doc.sentence_tokens {
        for i in range.clone() {
            let w = tokens[i].span.of(text);
            let cue_end = match w {
                "known" => match tokens.get(i + 1).map(|t| t.span.of(text)) {
                    Some("as" | "by") if i + 1 < range.end => i + 2,
                    _ => continue,
                },
                "dubbed" | "a.k.a." | "aka" => i + 1,
                _ => continue,
            };
            // X: a name ending within three tokens before the cue ("also" skipped).
            let mut j = i;
            if j > range.start && tokens[j - 1].span.of(text) == "also" {
                j -= 1;
            }
            let cue_start = tokens[j].span.start;
            let xi = out.partition_point(|m| m.span.end <= cue_start);
            let Some(x) = xi.checked_sub(1).map(|k| out[k]) else {
                continue;
            };
            // A nationality ("Russian hackers, known as …") is not what the alias names.
            if !x.ty.is_name()
                || x.ty == EntityType::Group
                || x.span.start < doc.sentences[doc.sentence_at(cue_start)].start
            {
                continue;
            }
            let between = &tokens[tokens.partition_point(|t| t.span.start < x.span.end)..j];
            if between.len() > 3
                || !between.iter().all(|t| {
                    let b = t.span.of(text);
                    !b.chars().any(char::is_alphanumeric) || b.starts_with(char::is_lowercase)
                })
            {
                continue;
            }
            // Y: the first name after the cue, within four tokens of it.
            let limit = tokens
                .get((cue_end + 4).min(range.end).saturating_sub(1))
                .map_or(0, |t| t.span.end);
            let after = tokens.get(cue_end).map_or(usize::MAX, |t| t.span.start);
            let y = out[xi..]
                .iter()
                .take_while(|m| m.span.start < limit)
                .filter(|m| m.span.start >= after && m.span.end <= limit)
                .find(|m| m.ty != EntityType::Group);
            if let Some(y) = y {
                if y.ty.is_name() && y.ty != x.ty {
                    aliases.insert(y.span.of(text), x.ty);
                }
            }
        }
    }
    if aliases.is_empty() {
        return;
    }
    for m in out.iter_mut() {
        if let Some(&ty) = aliases.get(m.span.of(text)) {
            m.ty = ty;
        }
    }
}

/// Two or more capitalized words right before a lower-case organization
/// word ("the Islamic State group", "the Kurdistan Workers party", "the
/// Islamic Jihad movement") are an organization, word included, in wire
/// style, whatever the tagger made of the words (often a MISC adjective and
/// nothing). Only where the words are untagged or tagged as a place,
/// organization, group or misc name, within one sentence and not at its
/// start (a capitalized "The" stops the run); one word ("Communist party")
/// is left to the tagger.
fn capitalized_run_before_org_word(doc: &Document, mut out: Vec<Mention>) -> Vec<Mention> {
    let text = doc.text;
    let tokens = &doc.tokens;
    let mut found: Vec<Span> = Vec::new();
    for range in &doc.sentence_tokens {
        for i in range.clone() {
            let w = tokens[i].span.of(text);
            if !w.starts_with(|c: char| c.is_lowercase()) || !lexicon::is_org_trailing_word(w) {
                continue;
            }
            let mut first = i;
            while first > range.start && first + 4 > i {
                let p = tokens[first - 1].span.of(text);
                let cap = p.starts_with(|c: char| c.is_uppercase())
                    && p.chars().all(|c| c.is_alphabetic() || c == '-')
                    && !lexicon::is_not_name(p)
                    && !crate::quotes::cues::is_function_word(p);
                if !cap {
                    break;
                }
                first -= 1;
            }
            if i - first < 2 || first == range.start {
                continue;
            }
            let span = Span::new(tokens[first].span.start, tokens[i].span.end);
            let k = out.partition_point(|m| m.span.end <= span.start);
            let ok = out[k..]
                .iter()
                .take_while(|m| m.span.start < span.end)
                .all(|m| {
                    span.contains(m.span)
                        && matches!(
                            m.ty,
                            EntityType::Place
                                | EntityType::Organization
                                | EntityType::Group
                                | EntityType::Misc
                        )
                });
            if ok {
                found.push(span);
            }
        }
    }
    if found.is_empty() {
        return out;
    }
    // Both in document order: one merge pass (linear on any input).
    let mut j = 0;
    out.retain(|m| {
        while j < found.len() && found[j].end <= m.span.start {
            j += 1;
        }
        !found.get(j).is_some_and(|s| s.overlaps(m.span))
    });
    out.extend(found.into_iter().map(|span| Mention {
        span,
        ty: EntityType::Organization,
    }));
    out.sort_by_key(|m| m.span.start);
    out
}

/// True when `span` reads as a person's full name: a known given name that
/// is not also a common word ("Donald", "Elizabeth"), then up to three
/// capitalized words or initials that are neither organization, place, misc
/// nor group words nor known places ("Trump", "E. Lynch"; after a given name
/// that is also a place or has two letters, the last one a known surname), and the whole is not
/// a known place ("Sierra Leone"). The tagger, which reads "Trump" as a
/// 1990s casino company and can carry a headline's wrong type through a whole
/// article, types such names as organizations or places; readers never do.
fn is_given_and_surname(doc: &Document, span: Span) -> bool {
    let text = doc.text;
    let first = doc.tokens.partition_point(|t| t.span.start < span.start);
    let toks: Vec<&str> = doc.tokens[first..]
        .iter()
        .take_while(|t| t.span.end <= span.end)
        .map(|t| t.span.of(text))
        .collect();
    if !(2..=4).contains(&toks.len()) || lexicon::is_place(span.of(text)) {
        return false;
    }
    let given = toks[0];
    if lexicon::given_name_gender(given).is_none() || lexicon::is_common_word(given) {
        return false;
    }
    // A given name that is also a place ("Charlotte", "Cleveland"), or as
    // short as the Arabic article ("Al"), needs a known surname after it:
    // "Elizabeth Warren", not "Charlotte Observer" or "Al Qaeda".
    let place_first = lexicon::is_place(given) || given.len() <= 2;
    let initial = |w: &str| {
        w.len() == 2 && w.ends_with('.') && w.starts_with(|c: char| c.is_ascii_uppercase())
    };
    let surname_like = |w: &str| {
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_uppercase)
            && cs.clone().any(char::is_lowercase)
            && cs.all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '\u{2019}')
            && !lexicon::is_org_word(w)
            && !lexicon::is_misc_word(w)
            && lexicon::place_word(w).is_none()
            && lexicon::name_kind(w).is_none()
            && !lexicon::is_month(w)
            && !lexicon::is_weekday(w)
    };
    let (last, middle) = toks[1..].split_last().expect("two tokens or more");
    surname_like(last)
        && (!place_first || lexicon::is_surname(last))
        && middle.iter().all(|w| initial(w) || surname_like(w))
}

/// Cleans up any name tagger's output: spans snapped to whole tokens,
/// a leading "the" and person titles left out, "’s" and trailing
/// punctuation dropped, and a `misc` nationality, religious or political
/// group word typed `group`. Mentions left empty are dropped.
pub fn postprocess(doc: &Document, mentions: Vec<Mention>) -> Vec<Mention> {
    let tokens = &doc.tokens;
    let mut out = Vec::with_capacity(mentions.len());
    for m in mentions {
        // Tokens wholly or partly inside the span: a partial token is taken whole.
        let mut a = tokens.partition_point(|t| t.span.end <= m.span.start);
        let mut b = tokens.partition_point(|t| t.span.start < m.span.end);
        if a >= b {
            continue;
        }
        // A leading "the".
        while a < b && doc.token_text(a).eq_ignore_ascii_case("the") {
            a += 1;
        }
        // Person titles ("Prime Minister", "Mr."), when a name is left after them.
        if m.ty == EntityType::Person {
            loop {
                let words: Vec<&str> = (a..b.min(a + 6)).map(|i| doc.token_text(i)).collect();
                let n = lexicon::title_len(&words);
                if n == 0 || a + n >= b {
                    break;
                }
                a += n;
            }
        }
        // Trailing possessive and punctuation.
        while b > a {
            let w = doc.token_text(b - 1);
            let possessive = matches!(w, "’s" | "'s" | "’" | "'");
            let punct = w.chars().all(|c| !c.is_alphanumeric()) && !w.ends_with('.');
            if possessive || punct {
                b -= 1;
            } else {
                break;
            }
        }
        while a < b && doc.token_text(a).chars().all(|c| !c.is_alphanumeric()) {
            a += 1;
        }
        if a >= b {
            continue;
        }
        let span = Span::new(tokens[a].span.start, tokens[b - 1].span.end);
        let mut ty = m.ty;
        if ty == EntityType::Misc && lexicon::is_group(span.of(doc.text)) {
            ty = EntityType::Group;
        }
        out.push(Mention { span, ty });
    }
    out
}

/// Keeps the longest of overlapping mentions (the earlier in `candidates` on a
/// tie) and returns them in document order. O(n log n).
pub fn select_non_overlapping(mut candidates: Vec<Mention>) -> Vec<Mention> {
    // Stable: equal lengths keep their input order.
    candidates.sort_by_key(|m| std::cmp::Reverse(m.span.len()));
    let mut kept: BTreeMap<usize, Mention> = BTreeMap::new();
    for m in candidates {
        if m.span.is_empty() {
            continue;
        }
        let before = kept.range(..m.span.end).next_back();
        if before.is_some_and(|(_, k)| k.span.overlaps(m.span)) {
            continue;
        }
        kept.insert(m.span.start, m);
    }
    kept.into_values().collect()
}

/// Table-driven checks shared by the taggers' unit tests.
#[cfg(test)]
pub(crate) mod test_util {
    use super::Mention;
    use crate::analysis::EntityType;
    use crate::text::{paragraphs, tokenize, Document};

    /// Runs `tagger` on each text and compares (mention text, type) with the expected list.
    pub fn check(tagger: fn(&Document) -> Vec<Mention>, cases: &[(&str, &[(&str, EntityType)])]) {
        for (text, want) in cases {
            let doc = Document::new(text, tokenize(text), paragraphs(text), &[]);
            let got: Vec<(&str, EntityType)> = tagger(&doc)
                .into_iter()
                .map(|m| (m.span.of(text), m.ty))
                .collect();
            assert_eq!(got, want.to_vec(), "in {text:?}");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{paragraphs, tokenize};

    fn doc_of(text: &str) -> Document<'_> {
        Document::new(text, tokenize(text), paragraphs(text), &[])
    }

    #[test]
    fn given_name_and_surname() {
        let full = |name: &str| {
            let doc = doc_of(name);
            is_given_and_surname(&doc, Span::new(0, name.len()))
        };
        for name in [
            "Donald Trump",
            "Loretta E. Lynch",
            "Elizabeth Warren",
            "Norman Ham",
            "Al Gore",
            "Gennifer Flowers",
        ] {
            assert!(full(name), "{name}");
        }
        for name in [
            "Charlotte Observer",
            "Carolina Panthers",
            "Cleveland Cavaliers",
            "Washington Monument",
            "Al Qaeda",
            "Sierra Leone",
            "Donald",
            "Walter Energy Group Inc",
            "Morgan Stanley Bank",
        ] {
            assert!(!full(name), "{name}");
        }
    }

    #[test]
    fn capitalized_words_before_an_organization_word() {
        let org = |s: &str| (s.to_string(), EntityType::Organization);
        let got = all("The Islamic State group (IS) overran the city.");
        assert!(got.contains(&org("Islamic State group")), "{got:?}");
        assert!(got.contains(&org("IS")), "{got:?}");
        let got = all("Militants of the Islamic Jihad movement fired rockets.");
        assert!(got.contains(&org("Islamic Jihad movement")), "{got:?}");
        // One word is the tagger's call; a person never becomes a group.
        let got = all("He joined the Communist party in 1950.");
        assert!(!got.contains(&org("Communist party")), "{got:?}");
        let got = all("Officials said Joe Biden group events were cancelled.");
        assert!(!got.iter().any(|(s, _)| s.ends_with("group")), "{got:?}");
    }

    #[test]
    fn an_alias_takes_the_type_of_what_it_names() {
        let got = all(
            "Fighters of the Islamic State group (IS), also known by the Arabic \
                       acronym Daesh, were defeated. Daesh lost its last town.",
        );
        let daesh: Vec<_> = got.iter().filter(|(s, _)| s == "Daesh").collect();
        assert_eq!(daesh.len(), 2, "{got:?}");
        assert!(
            daesh.iter().all(|(_, t)| *t == EntityType::Organization),
            "{got:?}"
        );
        // A name farther back is not what "known as" names.
        let got =
            all("Barack Obama signed the health law on Tuesday, known as the Affordable Care Act.");
        assert!(
            got.contains(&("Barack Obama".to_string(), EntityType::Person)),
            "{got:?}"
        );
        assert!(
            !got.iter()
                .any(|(s, t)| s.contains("Affordable") && *t == EntityType::Person),
            "{got:?}"
        );
    }

    fn all(text: &str) -> Vec<(String, EntityType)> {
        let doc = doc_of(text);
        recognize(&doc, &[])
            .into_iter()
            .map(|m| (m.span.of(text).to_string(), m.ty))
            .collect()
    }

    #[test]
    fn names_and_rules_together() {
        use EntityType::*;
        let got = all("US Secretary of State Antony Blinken promised Friday to pay US$ 20 (5%).");
        let want = [
            ("US", Place),
            ("Antony Blinken", Person),
            ("Friday", Date),
            ("US$ 20", Money),
            ("5%", Percent),
        ];
        let want: Vec<(String, EntityType)> =
            want.iter().map(|(s, t)| (s.to_string(), *t)).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn postprocess_strips_and_retypes() {
        use EntityType::*;
        let text = "Later the Prime Minister Mohammed Shia al-Sudani met Iraqi and Iraq’s envoys.";
        let doc = doc_of(text);
        let find = |s: &str| {
            let start = text.find(s).unwrap();
            Span::new(start, start + s.len())
        };
        let raw = vec![
            Mention {
                span: find("the Prime Minister Mohammed Shia al-Sudani"),
                ty: Person,
            },
            Mention {
                span: find("Iraqi"),
                ty: Misc,
            },
            Mention {
                span: find("Iraq’s"),
                ty: Place,
            },
            Mention {
                span: find("Sudani met"), // starts inside a token: taken whole
                ty: Misc,
            },
        ];
        let got: Vec<(&str, EntityType)> = postprocess(&doc, raw)
            .into_iter()
            .map(|m| (m.span.of(text), m.ty))
            .collect();
        assert_eq!(
            got,
            [
                ("Mohammed Shia al-Sudani", Person),
                ("Iraqi", Group),
                ("Iraq", Place),
                ("al-Sudani met", Misc),
            ]
        );
    }

    #[test]
    fn longest_wins_then_first() {
        let m = |s, e, ty| Mention {
            span: Span::new(s, e),
            ty,
        };
        let got = select_non_overlapping(vec![
            m(0, 2, EntityType::Place),
            m(0, 6, EntityType::Money),
            m(10, 14, EntityType::Person),
            m(10, 14, EntityType::Date),
            m(13, 20, EntityType::Time),
        ]);
        assert_eq!(
            got,
            [m(0, 6, EntityType::Money), m(13, 20, EntityType::Time)]
        );
    }

    /// Odd input: spans always whole tokens, in order, non-overlapping.
    #[test]
    fn spans_are_tokens_in_order_without_overlap() {
        let inputs = [
            "",
            " ",
            "\u{0}\u{0}",
            "“”“",
            "🎉 Iraq 🎉 $5m 🎉",
            "A\r\nB\r\n$\r\n5",
            "THE UNITED STATES AND IRAQ — 12 % 2014",
            "al- bin de of the The THE “The",
            "Mr. Mr. Mr. Prime Minister",
            "é Ünited Statés 10:30 a.m. ¥ 3 per cent",
            "x y z 2014-2015 Jan. 5, 2024 Friday night $ $ $ 5",
            "Sudani’s Blinken’s U.S.-led U.S. U.N.’s",
        ];
        let mut long = String::new();
        for i in 0..300 {
            long.push_str(inputs[i % inputs.len()]);
            long.push(if i % 7 == 0 { '\n' } else { ' ' });
        }
        for text in inputs.iter().copied().chain([long.as_str()]) {
            let doc = doc_of(text);
            let starts: std::collections::HashSet<usize> =
                doc.tokens.iter().map(|t| t.span.start).collect();
            let ends: std::collections::HashSet<usize> =
                doc.tokens.iter().map(|t| t.span.end).collect();
            let got = recognize(&doc, &[]);
            for w in got.windows(2) {
                assert!(w[0].span.end <= w[1].span.start, "{text:?}: {w:?}");
            }
            for m in &got {
                assert!(starts.contains(&m.span.start), "{text:?}: {m:?}");
                assert!(ends.contains(&m.span.end), "{text:?}: {m:?}");
                assert!(!m.span.is_empty());
            }
        }
    }
}
