//! The rule-based name recognizer: people, organizations, places, groups.
//!
//! Decision: names are runs of capitalized words, typed by word lists and
//! context, in two passes over the document. Pass one finds runs (titles
//! such as "Prime Minister" break a run and are left out of it; "of", "de",
//! "bin" and the like join capitalized parts), drops an ordinary word that is
//! capitalized only because it starts a sentence ("After", "Police"), and
//! types each run by what is certain: a country, city or state is a place; a
//! nationality or religious group word is a group; a run ending in an
//! organization word ("Ministry", "Inc", "party") is an organization; a
//! known given name first or a title before makes a person. Pass two settles
//! the guesses by the document: a bare surname of a person named earlier
//! ("Blinken", "Sudani" after "Mohammed Shia al-Sudani") is that person, and
//! the same words get the same type everywhere. What is still unknown is
//! guessed: a multi-word run of unusual words is a person, anything else an
//! organization. Cost: no statistics, so unknown single words are often
//! typed wrong, and capitalized titles of works or events come out as
//! organizations. It is the first version and the fallback behind
//! [`tag`], the one seam a trained model replaces.

use super::lexicon::{self as lx, fold, HashMap, HashSet, PlaceWordPosition};
use super::Mention;
use crate::analysis::EntityType;
use crate::text::{Document, Span, TokenKind};

/// How sure the type of a run is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Confidence {
    /// A guess from the shape of the words.
    Guess,
    /// From a word list, a title or an organization word.
    Sure,
}

/// The type guessed for a single unknown capitalized word.
const SINGLE_GUESS: EntityType = EntityType::Organization;

/// A candidate name: tokens `start..end`.
#[derive(Debug, Clone, Copy)]
struct Run {
    start: usize,
    end: usize,
    ty: EntityType,
    confidence: Confidence,
}

/// Tags the names in `doc`: person, organization, place, group (misc is never
/// produced by the rules). Document order, non-overlapping, on token boundaries.
pub fn tag(doc: &Document) -> Vec<Mention> {
    let cx = Context::new(doc);
    let mut runs = Vec::new();
    for (si, range) in doc.sentence_tokens.iter().enumerate() {
        cx.sentence_runs(range.clone(), cx.headline[si], &mut runs);
    }
    cx.settle(&mut runs);
    let mut out: Vec<Mention> = runs
        .iter()
        .map(|r| Mention {
            span: Span::new(
                doc.tokens[r.start].span.start,
                doc.tokens[r.end - 1].span.end,
            ),
            ty: r.ty,
        })
        .collect();
    out.sort_by_key(|m| m.span);
    out.dedup_by(|b, a| a.span.overlaps(b.span));
    out
}

struct Context<'a> {
    words: Vec<&'a str>,
    /// The word starts its sentence (or follows an opening quotation mark, a colon, a dash).
    initial: Vec<bool>,
    /// Per sentence: written in capitals (a headline).
    headline: Vec<bool>,
    /// Per token: can be part of a name (see [`Context::cap`]).
    caps: Vec<bool>,
    /// Words seen capitalized away from the start of a sentence, as written.
    mid_caps: HashSet<&'a str>,
    /// Words that start a sentence capitalized, are not common words, and
    /// are seen elsewhere in lower case.
    lower_seen: HashSet<&'a str>,
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// "al-Sudani", "el-Sisi", "bin-Salman": a lower-case particle joined to a capitalized name.
fn is_particle_name(w: &str) -> bool {
    // Quick reject: the hyphen comes at byte 2, 3 or 4 ("al-", "ash-", "abu-");
    // 0xE2 starts the Unicode hyphens.
    let b = w.as_bytes();
    if b.len() < 4 || !b[2..b.len().min(5)].iter().any(|&c| c == b'-' || c == 0xE2) {
        return false;
    }
    let Some(pos) = w.find(is_hyphen) else {
        return false;
    };
    let (head, rest) = w.split_at(pos);
    let rest = &rest[rest.chars().next().map_or(0, char::len_utf8)..];
    matches!(
        head,
        "al" | "el" | "ad" | "as" | "ash" | "an" | "bin" | "ibn" | "abu"
    ) && rest.chars().next().is_some_and(char::is_uppercase)
}

/// Capitalized like a name: "Blinken", "al-Sudani", "NATO"; not "US-led" (a modifier).
fn looks_capitalized(w: &str) -> bool {
    let Some(first) = w.chars().next() else {
        return false;
    };
    if first.is_uppercase() {
        if let Some(last) = w.rsplit(is_hyphen).next() {
            if w.contains(is_hyphen) && last.chars().next().is_some_and(char::is_lowercase) {
                return false;
            }
        }
        return true;
    }
    is_particle_name(w)
}

fn is_all_caps(w: &str) -> bool {
    let mut letters = 0;
    for c in w.chars() {
        if c.is_lowercase() {
            return false;
        }
        if c.is_alphabetic() {
            letters += 1;
        }
    }
    letters > 0
}

/// An acronym: "NATO", "UN", "U.N.", "IS".
fn is_acronym(w: &str) -> bool {
    let letters = w.chars().filter(|c| c.is_alphabetic()).count();
    (2..=6).contains(&letters)
        && w.chars()
            .all(|c| c.is_ascii_uppercase() || c == '.' || c == '&')
}

fn is_opener(w: &str) -> bool {
    matches!(
        w,
        "“" | "‘" | "«" | "„" | "‹" | "(" | "[" | ":" | "—" | "–" | "-" | ";"
    )
}

/// Short function words that a title-case headline capitalizes and a name
/// almost never contains ("Donors Are Small", "Set To Win").
const TITLE_CASE_MARKERS: &[&str] = &[
    "Are", "Is", "Was", "Were", "Be", "To", "For", "With", "From", "By", "Into", "Over", "After",
    "Has", "Have", "Had", "Will", "Can", "Could", "Would", "Should", "May", "Not", "Than", "That",
    "This", "Its", "His", "Her", "Their", "Our", "Says", "Said", "Amid", "As", "At", "On", "In",
];

/// A headline: most words written in capitals ("JAPAN GET LUCKY WIN"), or a
/// line of five words or more with nearly every word capitalized, among them
/// a function word ("Only 24 Percent Of Donors Are Small"). In a headline a
/// capitalized ordinary word is not a name.
fn is_headline(words: &[&str]) -> bool {
    let mut all_caps = 0;
    let mut initial_caps = 0;
    let mut total = 0;
    let mut marker = false;
    for (k, w) in words.iter().enumerate() {
        if w.chars().filter(|c| c.is_alphabetic()).count() >= 2 {
            total += 1;
            if is_all_caps(w) {
                all_caps += 1;
            }
            if w.chars().next().is_some_and(char::is_uppercase) {
                initial_caps += 1;
                marker |= k > 0 && TITLE_CASE_MARKERS.contains(w);
            }
        }
    }
    total >= 3 && all_caps * 10 >= total * 7
        || marker && total >= 5 && initial_caps * 10 >= total * 8
}

/// A known name on its own: place, group, or given name ("Will" and other
/// given names that are ordinary words too only when `ordinary_names`).
fn is_known_word(w: &str, ordinary_names: bool) -> bool {
    lx::is_place(w)
        || lx::is_group(w)
        || lx::given_name_gender(w).is_some() && (ordinary_names || !lx::is_common_word(w))
}

impl<'a> Context<'a> {
    fn new(doc: &'a Document<'a>) -> Self {
        let n = doc.tokens.len();
        let words: Vec<&str> = (0..n).map(|i| doc.token_text(i)).collect();
        let mut initial = vec![false; n];
        let mut headline = vec![false; doc.sentences.len()];
        let mut mid_caps = HashSet::default();
        let mut lower_seen = HashSet::default();
        let mut caps = vec![false; n];
        let mut initial_unknown: HashSet<String> = HashSet::default();
        for (si, range) in doc.sentence_tokens.iter().enumerate() {
            headline[si] = is_headline(&words[range.clone()]);
            let mut at_start = true;
            for i in range.clone() {
                let w = words[i];
                caps[i] = doc.tokens[i].kind == TokenKind::Word
                    && if headline[si] {
                        w.chars().next().is_some_and(char::is_uppercase)
                            && (!lx::is_common_word(w) || is_known_word(w, false))
                            && !lx::is_not_name(w)
                    } else {
                        looks_capitalized(w)
                    };
                if doc.tokens[i].kind == TokenKind::Punct {
                    // A straight quote opens when it sticks to the next word.
                    let straight_open = (w == "\"" || w == "'")
                        && doc
                            .tokens
                            .get(i + 1)
                            .is_some_and(|t| t.span.start == doc.tokens[i].span.end)
                        && (i == 0 || doc.tokens[i - 1].span.end < doc.tokens[i].span.start);
                    if is_opener(w) || straight_open {
                        at_start = true;
                    }
                    continue;
                }
                initial[i] = at_start;
                at_start = false;
                if headline[si] || doc.tokens[i].kind != TokenKind::Word {
                    continue;
                }
                if initial[i] && caps[i] && !lx::is_common_word(w) {
                    initial_unknown.insert(fold(w).into_owned());
                } else if !initial[i] && caps[i] {
                    mid_caps.insert(w);
                }
            }
        }
        // Which of the unknown sentence-initial words also occur in lower case?
        if !initial_unknown.is_empty() {
            for (i, w) in words.iter().enumerate() {
                if doc.tokens[i].kind == TokenKind::Word
                    && w.chars().next().is_some_and(char::is_lowercase)
                    && initial_unknown.contains(*w)
                {
                    lower_seen.insert(*w);
                }
            }
        }
        Context {
            words,
            initial,
            headline,
            caps,
            mid_caps,
            lower_seen,
        }
    }

    /// Token `i` can be part of a name: capitalized, or in a headline in
    /// capitals and not an ordinary word.
    #[inline]
    fn cap(&self, i: usize, _headline: bool) -> bool {
        self.caps[i]
    }

    /// The length of a person title at `i` that a capitalized word follows, or 0.
    fn title_at(&self, i: usize, end: usize, headline: bool) -> usize {
        let max = (end - i).min(6);
        // Most words have no capitalized word after them: no title to look up.
        if !self.caps[(i + 1).min(end)..i + max].iter().any(|&c| c) {
            return 0;
        }
        let n = lx::title_len(&self.words[i..i + max]);
        if n > 0 && i + n < end && self.cap(i + n, headline) {
            n
        } else {
            0
        }
    }

    /// Does `of` after token `prev` join two capitalized parts of one name?
    fn of_joins(prev: &str) -> bool {
        lx::is_org_word(prev) || lx::place_word(prev).is_some()
    }

    fn sentence_runs(&self, range: std::ops::Range<usize>, headline: bool, out: &mut Vec<Run>) {
        let end = range.end;
        let mut i = range.start;
        let mut titled = false;
        let mut cap_title_start = None;
        while i < end {
            let tl = self.title_at(i, end, headline);
            if tl > 0 {
                titled = true;
                cap_title_start = if looks_capitalized(self.words[i]) {
                    cap_title_start.or(Some(i))
                } else {
                    None
                };
                i += tl;
                continue;
            }
            if !self.cap(i, headline) {
                titled = false;
                cap_title_start = None;
                i += 1;
                continue;
            }
            let start = i;
            let mut e = i + 1;
            while e < end {
                if self.title_at(e, end, headline) > 0 {
                    break;
                }
                if self.cap(e, headline) {
                    e += 1;
                    continue;
                }
                let w = self.words[e];
                let next_cap = e + 1 < end && self.cap(e + 1, headline);
                // "West 23rd Street": an ordinal between capitalized words.
                let ordinal = self.caps[e - 1]
                    && w.as_bytes().first().is_some_and(u8::is_ascii_digit)
                    && [b"st", b"nd", b"rd", b"th"]
                        .iter()
                        .any(|suf| w.as_bytes().ends_with(*suf));
                let joins = next_cap
                    && (ordinal
                        || lx::is_name_connector(w)
                        || w == "&"
                        || (w == "of" && Self::of_joins(self.words[e - 1]))
                        || (w == "and" && lx::is_country(&self.phrase(start, e + 2))));
                if joins {
                    e += 2;
                } else {
                    break;
                }
            }
            self.push_run(start, e, end, headline, titled, cap_title_start, out);
            titled = false;
            cap_title_start = None;
            i = e;
        }
    }

    /// The words of tokens `a..b` joined by single spaces (for phrase lookups).
    fn phrase(&self, a: usize, b: usize) -> String {
        let mut s = String::new();
        for (k, w) in self.words[a..b].iter().enumerate() {
            if k > 0 {
                s.push(' ');
            }
            s.push_str(w);
        }
        s
    }

    /// Type of a whole phrase from the word lists.
    fn lexicon_type(&self, a: usize, b: usize) -> Option<EntityType> {
        let kind = if b == a + 1 {
            lx::name_kind(self.words[a])
        } else {
            lx::name_kind(&self.phrase(a, b))
        };
        kind.map(|k| match k {
            lx::NameKind::Place => EntityType::Place,
            lx::NameKind::Group => EntityType::Group,
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn push_run(
        &self,
        mut start: usize,
        end: usize,
        sentence_end: usize,
        headline: bool,
        titled: bool,
        cap_title_start: Option<usize>,
        out: &mut Vec<Run>,
    ) {
        // An ordinary word capitalized only because it starts the sentence.
        while start < end
            && (self.initial[start] || headline)
            && self.lexicon_type(start, end).is_none()
        {
            let w = self.words[start];
            let f = fold(w);
            let ordinary = lx::is_common_word(w) || self.lower_seen.contains(f.as_ref());
            let keep = is_known_word(w, !headline && end - start > 1)
                || self.mid_caps.contains(w)
                || (!headline && is_acronym(w) && !lx::is_not_name(w));
            if ordinary && !keep || !self.cap(start, headline) {
                start += 1;
                // Skip a connector left at the front.
                while start < end && !self.cap(start, headline) {
                    start += 1;
                }
            } else {
                break;
            }
        }
        if start >= end {
            return;
        }
        // Split a run made wholly of known places and groups ("Iraqi Kurdish").
        if end - start > 1 {
            let mut pieces = Vec::new();
            let mut k = start;
            while k < end {
                let mut best = 0;
                let mut best_ty = None;
                for b in (k + 1..=end.min(k + 6)).rev() {
                    if let Some(ty) = self.lexicon_type(k, b) {
                        best = b;
                        best_ty = Some(ty);
                        break;
                    }
                }
                match best_ty {
                    Some(ty) => {
                        pieces.push((k, best, ty));
                        k = best;
                    }
                    None => break,
                }
            }
            if k == end && pieces.len() > 1 {
                for (a, b, ty) in pieces {
                    out.push(Run {
                        start: a,
                        end: b,
                        ty,
                        confidence: Confidence::Sure,
                    });
                }
                return;
            }
        }
        let words = &self.words[start..end];
        if words
            .iter()
            .all(|w| lx::is_month(w) || lx::is_weekday(w) || lx::is_not_name(w))
            || lx::title_len(words) == words.len()
            || words.len() == 1 && words[0].chars().count() == 1
        {
            return; // dates are the rules' business; "I", "OK", "President" are not names
        }
        // "Republican Donald Trump", "Iraqi Mohammed Shia al-Sudani": a group word, then a person.
        if words.len() > 1 && lx::is_group(words[0]) {
            let (ty, confidence) = self.classify(start + 1, end, false);
            if ty == EntityType::Person && (confidence == Confidence::Sure || words.len() > 2) {
                out.push(Run {
                    start,
                    end: start + 1,
                    ty: EntityType::Group,
                    confidence: Confidence::Sure,
                });
                out.push(Run {
                    start: start + 1,
                    end,
                    ty,
                    confidence,
                });
                return;
            }
        }
        let only_groups = words.iter().all(|w| lx::is_group(w) || lx::is_place(w));
        // "Islamic State group", "Baath party".
        if end < sentence_end && lx::is_org_trailing_word(self.words[end]) && !only_groups {
            out.push(Run {
                start,
                end: end + 1,
                ty: EntityType::Organization,
                confidence: Confidence::Sure,
            });
            return;
        }
        let (ty, confidence) = self.classify(start, end, titled);
        let start = match (ty, cap_title_start) {
            // "General Motors", "Justice Department": the title was part of the name.
            (EntityType::Organization, Some(t)) if confidence == Confidence::Sure => t,
            _ => start,
        };
        out.push(Run {
            start,
            end,
            ty,
            confidence,
        });
    }

    fn classify(&self, start: usize, end: usize, titled: bool) -> (EntityType, Confidence) {
        use Confidence::{Guess, Sure};
        use EntityType::{Group, Organization, Person, Place};
        if let Some(ty) = self.lexicon_type(start, end) {
            return (ty, Sure);
        }
        let words = &self.words[start..end];
        let first = words[0];
        let n = words.len();
        // The head of "Bank of England" is "Bank".
        let head = words.iter().position(|w| *w == "of").unwrap_or(n);
        let last = words[head.max(1) - 1];
        if lx::is_org_word(last) && (n > 1 || !self.initial[start]) {
            return (Organization, Sure);
        }
        if lx::is_misc_word(last) && n > 1 {
            return (EntityType::Misc, Sure);
        }
        if lx::place_word(last) == Some(PlaceWordPosition::End) && (n > 1 || head < n)
            || lx::place_word(first) == Some(PlaceWordPosition::Start) && n > 1
        {
            return (Place, Sure);
        }
        if n == 1 && is_acronym(first) {
            return (Organization, Sure);
        }
        if n > 1 && lx::is_group(first) {
            // "Islamic Jihad", "Syrian Democratic Forces", "British Airways".
            return (Organization, Sure);
        }
        if titled {
            return (Person, Sure);
        }
        if n > 1 {
            if lx::given_name_gender(first).is_some() && !lx::is_place(first) {
                return (Person, Sure);
            }
            if words
                .iter()
                .any(|w| is_particle_name(w) || lx::is_name_connector(w))
                || words[..n - 1]
                    .iter()
                    .any(|w| w.len() == 2 && w.ends_with('.'))
            {
                return (Person, Sure);
            }
            // "TD Ameritrade", "USA TODAY": acronyms and capitals make companies.
            if is_acronym(first) || words.iter().all(|w| is_all_caps(w)) {
                return (Organization, Guess);
            }
            // "Cleveland Cavaliers", "Texas Instruments".
            if lx::is_place(first) {
                return (Organization, Guess);
            }
            let plain = |w: &&str| !lx::is_common_word(w);
            if words[..n - 1].iter().all(plain) {
                return (Person, Guess);
            }
            return (Organization, Guess);
        }
        if lx::given_name_gender(first).is_some() && !lx::is_common_word(first) {
            return (Person, Guess);
        }
        if lx::is_group(first) {
            return (Group, Sure);
        }
        (SINGLE_GUESS, Guess)
    }

    /// Pass two: the document settles the guesses.
    fn settle(&self, runs: &mut [Run]) {
        let key = |r: &Run| fold(&self.phrase(r.start, r.end)).into_owned();
        // Names of people, and their surnames ("Blinken", "Sudani" from "al-Sudani").
        let mut people: HashSet<String> = HashSet::default();
        let mut sure: HashMap<String, EntityType> = HashMap::default();
        for r in runs.iter() {
            if r.confidence == Confidence::Sure {
                sure.entry(key(r)).or_insert(r.ty);
            }
            // A person named in full (even by a guess) lends the document its
            // surname and its given name ("LeBron" after "LeBron James").
            if r.ty == EntityType::Person
                && (r.confidence == Confidence::Sure || r.end - r.start > 1)
            {
                people.insert(key(r));
                if r.end - r.start > 1 && !lx::is_common_word(self.words[r.start]) {
                    people.insert(fold(self.words[r.start]).into_owned());
                }
                let last = fold(self.words[r.end - 1]).into_owned();
                if let Some(pos) = last.find(is_hyphen) {
                    if is_particle_name(self.words[r.end - 1]) {
                        people.insert(last[pos + 1..].to_string());
                    }
                }
                people.insert(last);
            }
        }
        for r in runs.iter_mut() {
            if r.confidence == Confidence::Sure {
                continue;
            }
            let k = key(r);
            if people.contains(&k) {
                r.ty = EntityType::Person;
            } else if let Some(&ty) = sure.get(&k) {
                r.ty = ty;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use EntityType::{Group, Organization, Person, Place};

    fn check(cases: &[(&str, &[(&str, EntityType)])]) {
        crate::entities::test_util::check(tag, cases);
    }

    #[test]
    fn titles_are_left_out() {
        check(&[
            (
                "He met Prime Minister Mohammed Shia al-Sudani today.",
                &[("Mohammed Shia al-Sudani", Person)],
            ),
            (
                "US Secretary of State Antony Blinken arrived.",
                &[("US", Place), ("Antony Blinken", Person)],
            ),
            (
                "the country's dictator Saddam Hussein fell.",
                &[("Saddam Hussein", Person)],
            ),
            ("said spokesman Zork Pfluger.", &[("Zork Pfluger", Person)]),
            ("Mr. Smith left.", &[("Smith", Person)]),
            ("The President said so.", &[]),
            (
                "shares in General Motors fell",
                &[("General Motors", Organization)],
            ),
        ]);
    }

    #[test]
    fn the_and_sentence_starts() {
        check(&[
            ("The United States agreed.", &[("United States", Place)]),
            ("After the talks, Iraq agreed.", &[("Iraq", Place)]),
            ("Police said it was calm.", &[]),
            (
                "The Islamic State group lost ground.",
                &[("Islamic State group", Organization)],
            ),
            ("“We are ready,” she said.", &[]),
        ]);
    }

    #[test]
    fn demonyms_and_groups() {
        check(&[
            ("Iraqi forces moved in.", &[("Iraqi", Group)]),
            (
                "the Turkish capital Ankara",
                &[("Turkish", Group), ("Ankara", Place)],
            ),
            ("all Syrians agreed", &[("Syrians", Group)]),
            ("US-backed Kurdish forces", &[("Kurdish", Group)]),
            (
                "Sunni and Shiite clerics",
                &[("Sunni", Group), ("Shiite", Group)],
            ),
            ("a Kurdish group said", &[("Kurdish", Group)]),
        ]);
    }

    #[test]
    fn acronyms_and_organizations() {
        check(&[
            ("the group (IS) fought", &[("IS", Organization)]),
            ("members of NATO met", &[("NATO", Organization)]),
            ("talks in the UK ended", &[("UK", Place)]),
            ("talks at the U.N. ended", &[("U.N.", Organization)]),
            (
                "the Baath party of Iraq",
                &[("Baath party", Organization), ("Iraq", Place)],
            ),
            (
                "the Ministry of Defence said",
                &[("Ministry of Defence", Organization)],
            ),
            (
                "the Bank of England said",
                &[("Bank of England", Organization)],
            ),
            ("shares of Acme Inc rose", &[("Acme Inc", Organization)]),
        ]);
    }

    #[test]
    fn people_across_the_document() {
        check(&[
            (
                "Republican Donald Trump met Democrat Hillary Clinton.",
                &[
                    ("Republican", Group),
                    ("Donald Trump", Person),
                    ("Democrat", Group),
                    ("Hillary Clinton", Person),
                ],
            ),
            (
                "Zork Pfluger spoke. Pfluger left. Later Zork came back.",
                &[
                    ("Zork Pfluger", Person),
                    ("Pfluger", Person),
                    ("Zork", Person),
                ],
            ),
            (
                "fans of the Cleveland Cavaliers and TD Ameritrade",
                &[
                    ("Cleveland Cavaliers", Organization),
                    ("TD Ameritrade", Organization),
                ],
            ),
        ]);
        check(&[
            (
                "Bashar al-Assad fled. The Assad family ruled. Assad left.",
                &[
                    ("Bashar al-Assad", Person),
                    ("Assad", Person),
                    ("Assad", Person),
                ],
            ),
            (
                "Antony Blinken spoke. Later Blinken left.",
                &[("Antony Blinken", Person), ("Blinken", Person)],
            ),
        ]);
    }

    #[test]
    fn headlines_in_capitals() {
        check(&[
            (
                "Only 24 Percent of Hillary Clinton’s Contributors Are Small Donors.",
                &[("Hillary Clinton", Person)],
            ),
            (
                "Police closed West 23rd Street on Monday.",
                &[("West 23rd Street", Place)],
            ),
            (
                "They voted on Election Day.",
                &[("Election Day", EntityType::Misc)],
            ),
        ]);
        check(&[(
            "SOCCER - JAPAN GET LUCKY WIN , CHINA IN SURPRISE DEFEAT .",
            &[("JAPAN", Place), ("CHINA", Place)],
        )]);
    }
}
