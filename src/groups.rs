//! Grouping mentions into real-world entities: the cast list.
//!
//! Decided: grouping is by name evidence only, within one type, and errs
//! towards keeping people apart. A multi-word name ("Antony Blinken") founds
//! a group; later (or earlier) single-word mentions join it when they are its
//! surname ("Blinken", "Sudani" for "Mohammed Shia al-Sudani") or, failing
//! that, its unambiguous given name. Two full names that share a surname but
//! not a given name ("Hillary Clinton", "Bill Clinton") stay apart, and a
//! bare "Clinton" then joins the one mentioned most so far. An acronym joins
//! the long form it abbreviates, when it is defined in parentheses right
//! after it ("Islamic State group (IS)") or when its letters are the
//! initials of exactly one multi-word name of the same type ("US", "U.S." and
//! "United States"). A name introduced by "also known as" or "known by ... as"
//! joins the name just before it. The cost: a nickname or a name in another
//! language without such a cue stays a group of its own.

use crate::analysis::EntityType;
use crate::entities::lexicon::HashMap;
use crate::entities::Mention;
use crate::text::{Document, TokenKind};

/// One real-world thing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupInfo {
    /// The type of its mentions.
    pub ty: EntityType,
    /// The fullest name used.
    pub name: String,
    /// Indices of its mentions, in order.
    pub mentions: Vec<usize>,
}

/// Groups and the group of each mention.
#[derive(Debug, Clone, Default)]
pub struct Cast {
    /// The groups.
    pub groups: Vec<GroupInfo>,
    /// For each mention, the index of its group.
    pub group_of: Vec<usize>,
}

/// Union-find over mention indices.
struct Sets(Vec<usize>);

impl Sets {
    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }
    /// Joins `b`'s set into `a`'s; the root is the earlier mention.
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.0[hi] = lo;
        }
    }
}

/// The lowercased name words of every mention (punctuation left out), in
/// one string: each mention's words joined by single spaces, so that any
/// run of a mention's words is a slice of it. (One string for the document,
/// not a string per word: grouping runs on every mention of every article.)
struct NameWords {
    text: String,
    /// The byte range in `text` of each word.
    words: Vec<std::ops::Range<usize>>,
    /// The range in `words` of each mention's words.
    of: Vec<std::ops::Range<usize>>,
}

impl NameWords {
    fn new(doc: &Document, mentions: &[Mention]) -> NameWords {
        let mut nw = NameWords {
            text: String::new(),
            words: Vec::new(),
            of: Vec::with_capacity(mentions.len()),
        };
        for m in mentions {
            let first_word = nw.words.len();
            let first = doc.token_at_or_after(m.span.start);
            for t in &doc.tokens[first..] {
                if t.span.start >= m.span.end {
                    break;
                }
                if t.kind == TokenKind::Punct {
                    continue;
                }
                if nw.words.len() > first_word {
                    nw.text.push(' ');
                }
                let start = nw.text.len();
                let w = t.span.of(doc.text);
                if w.is_ascii() {
                    nw.text.push_str(w);
                    nw.text[start..].make_ascii_lowercase();
                } else {
                    for c in w.chars().flat_map(char::to_lowercase) {
                        nw.text.push(if c == '\u{2019}' { '\'' } else { c });
                    }
                }
                nw.words.push(start..nw.text.len());
            }
            nw.of.push(first_word..nw.words.len());
        }
        nw
    }

    /// The number of words of mention `i`.
    fn len(&self, i: usize) -> usize {
        self.of[i].len()
    }

    /// Word `k` of mention `i`.
    fn word(&self, i: usize, k: usize) -> &str {
        &self.text[self.words[self.of[i].start + k].clone()]
    }

    /// The last word of mention `i` (empty when it has none).
    fn last(&self, i: usize) -> &str {
        match self.len(i) {
            0 => "",
            n => self.word(i, n - 1),
        }
    }

    /// Words `k..end` of mention `i`, joined by spaces.
    fn joined(&self, i: usize, k: usize, end: usize) -> &str {
        if k >= end {
            return "";
        }
        let ws = &self.words[self.of[i].start + k..self.of[i].start + end];
        &self.text[ws[0].start..ws[ws.len() - 1].end]
    }
}

/// A surname with an Arabic article prefix also matches without it: "al-sudani" -> "sudani".
fn bare_surname(w: &str) -> &str {
    for p in ["al-", "el-", "al ", "el "] {
        if let Some(rest) = w.strip_prefix(p) {
            if !rest.is_empty() {
                return rest;
            }
        }
    }
    w
}

/// Letters of an acronym ("U.S." -> "US"), if the word looks like one.
fn acronym_letters(text: &str) -> Option<String> {
    is_acronym(text).then(|| text.chars().filter(|c| *c != '.').collect())
}

/// True when [`acronym_letters`] gives some: 2 to 6 chars besides periods,
/// all capitals or `&`. Allocates nothing (it runs for every mention).
fn is_acronym(text: &str) -> bool {
    let mut n = 0;
    for c in text.chars().filter(|c| *c != '.') {
        if !(c.is_uppercase() || c == '&') {
            return false;
        }
        n += 1;
    }
    (2..=6).contains(&n)
}

/// Initials of the capitalized words of a multi-word name ("United Nations" -> "UN").
fn initials(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// An acronym and a long form may be typed differently by the recognizer ("RNC"
/// an organization, "Republican National Committee" misc; "S.C." an organization,
/// "South Carolina" a place): they meet across organizations, places and misc
/// names, never with a person's or a nationality's name ("AP" is not "Alison
/// Parker").
fn acronym_types_meet(a: EntityType, b: EntityType) -> bool {
    let nameish = |t| {
        matches!(
            t,
            EntityType::Organization | EntityType::Place | EntityType::Misc
        )
    };
    a == b || (nameish(a) && nameish(b))
}

/// Words that end an organization's name but may be left out ("Islamic State group" = "Islamic State").
const DROPPABLE_SUFFIXES: &[&str] = &["group", "party", "movement", "organization", "organisation"];

/// The key under which mentions of the same name meet: a slice of
/// mention `i`'s words.
fn name_key(words: &NameWords, i: usize, ty: EntityType) -> &str {
    let (mut k, mut end) = (0, words.len(i));
    if end > 1 && words.word(i, 0) == "the" {
        k = 1;
    }
    if ty == EntityType::Organization
        && end - k > 1
        && DROPPABLE_SUFFIXES.contains(&words.word(i, end - 1))
    {
        end -= 1;
    }
    if ty == EntityType::Group && end - k == 1 {
        // "Syrian" and "Syrians" are one group.
        if let Some(stem) = words.word(i, k).strip_suffix('s') {
            if stem.chars().count() > 3 {
                return stem;
            }
        }
    }
    words.joined(i, k, end)
}

/// At most this many different full names are weighed for one surname.
const MAX_NAMESAKES: usize = 32;

/// Groups the mentions of one document.
pub fn build(doc: &Document, mentions: &[Mention]) -> Cast {
    let n = mentions.len();
    let mut sets = Sets((0..n).collect());
    let words = NameWords::new(doc, mentions);

    // 1. Same name, same type.
    let mut by_key: HashMap<(EntityType, &str), usize> = HashMap::default();
    for (i, m) in mentions.iter().enumerate() {
        if !m.ty.is_name() {
            continue;
        }
        let key = (m.ty, name_key(&words, i, m.ty));
        match by_key.get(&key) {
            Some(&j) => sets.union(j, i),
            None => {
                by_key.insert(key, i);
            }
        }
    }

    // 2. People: multi-word names sharing first and last word are one person.
    let persons: Vec<usize> = (0..n)
        .filter(|&i| mentions[i].ty == EntityType::Person && words.len(i) > 0)
        .collect();
    let mut by_first_last: HashMap<(&str, &str), usize> = HashMap::default();
    for &i in persons.iter().filter(|&&i| words.len(i) >= 2) {
        let key = (words.word(i, 0), bare_surname(words.last(i)));
        match by_first_last.get(&key) {
            Some(&j) => sets.union(j, i),
            None => {
                by_first_last.insert(key, i);
            }
        }
    }
    // Single-word mentions join the full name whose surname (or, failing that, given name) they are.
    // One full name per distinct (given name, surname) stands for all of its
    // mentions, which step 2 has joined: the look-ups stay linear however
    // often a name recurs.
    let mut by_surname: HashMap<&str, Vec<usize>> = HashMap::default();
    let mut by_given: HashMap<&str, Vec<usize>> = HashMap::default();
    for (&(first, last), &j) in &by_first_last {
        by_surname.entry(last).or_default().push(j);
        by_given.entry(first).or_default().push(j);
    }
    // More people sharing one surname than any article names (a list, or
    // hostile input) are not told apart: the first MAX_NAMESAKES by position
    // stand for them, which keeps each look-up bounded.
    for v in by_surname.values_mut().chain(by_given.values_mut()) {
        if v.len() > MAX_NAMESAKES {
            v.sort_unstable();
            v.truncate(MAX_NAMESAKES);
        }
    }
    // Mentions so far of each root (mention indices: a table, not a map).
    let mut mention_count: Vec<usize> = vec![0; n];
    for &i in &persons {
        if words.len(i) >= 2 {
            let r = sets.find(i);
            mention_count[r] += 1;
            continue;
        }
        let w = bare_surname(words.word(i, 0));
        let mut roots: Vec<usize> = Vec::new();
        for &j in by_surname.get(w).map_or(&[][..], Vec::as_slice) {
            let r = sets.find(j);
            if !roots.contains(&r) {
                roots.push(r);
            }
        }
        if roots.is_empty() {
            for &j in by_given.get(w).map_or(&[][..], Vec::as_slice) {
                let r = sets.find(j);
                if !roots.contains(&r) {
                    roots.push(r);
                }
            }
            if roots.len() > 1 {
                roots.clear(); // an ambiguous given name joins no one
            }
        }
        // Several people share the surname: the one mentioned most so far (first on ties).
        let chosen = roots
            .iter()
            .copied()
            .max_by_key(|&r| (mention_count[r], usize::MAX - r));
        if let Some(r) = chosen {
            sets.union(r, i);
            let r = sets.find(i);
            mention_count[r] += 1;
        }
    }

    // 3. Acronyms: defined in parentheses right after a name, or the initials of one multi-word name.
    // The multi-word names by their initials, one mention per distinct text (so the
    // look-up stays linear however often a name recurs).
    let mut long_forms: HashMap<String, Vec<usize>> = HashMap::default();
    let mut seen_text: HashMap<&str, ()> = HashMap::default();
    for (j, mj) in mentions.iter().enumerate() {
        if words.len(j) < 2 || !mj.ty.is_name() {
            continue;
        }
        let text = mj.span.of(doc.text);
        if seen_text.insert(text, ()).is_some() {
            continue;
        }
        let key = initials(text);
        if key.chars().count() >= 2 {
            long_forms.entry(key).or_default().push(j);
        }
    }
    for i in 0..n {
        let m = mentions[i];
        if !m.ty.is_name() {
            continue;
        }
        let Some(letters) = acronym_letters(m.span.of(doc.text)) else {
            continue;
        };
        if i > 0 {
            let prev = mentions[i - 1];
            let between = &doc.text[prev.span.end..m.span.start];
            let between = between.trim();
            if prev.ty.is_name()
                && between == "("
                && doc.text[m.span.end..].trim_start().starts_with(')')
            {
                sets.union(i - 1, i);
                continue;
            }
        }
        let mut targets: Vec<usize> = Vec::new();
        for &j in long_forms
            .get(letters.as_str())
            .map_or(&[][..], Vec::as_slice)
        {
            if !acronym_types_meet(m.ty, mentions[j].ty) {
                continue;
            }
            let r = sets.find(j);
            if !targets.contains(&r) {
                targets.push(r);
            }
        }
        if targets.len() == 1 {
            sets.union(targets[0], i);
        }
    }

    // 4. "X, also known as Y": Y joins X.
    link_aliases(doc, mentions, &mut sets);

    // Build the groups in order of their first mention.
    let mut cast = Cast {
        groups: Vec::new(),
        group_of: vec![0; n],
    };
    let mut group_of_root: Vec<usize> = vec![usize::MAX; n];
    for (i, m) in mentions.iter().enumerate() {
        let r = sets.find(i);
        if group_of_root[r] == usize::MAX {
            group_of_root[r] = cast.groups.len();
            cast.groups.push(GroupInfo {
                ty: m.ty,
                name: String::new(),
                mentions: Vec::new(),
            });
        }
        let g = group_of_root[r];
        cast.group_of[i] = g;
        cast.groups[g].mentions.push(i);
    }
    for g in &mut cast.groups {
        // The fullest name: most words, then the longest, then the first used.
        let best = g
            .mentions
            .iter()
            .copied()
            .max_by_key(|&i| {
                let acr = is_acronym(mentions[i].span.of(doc.text));
                (!acr, words.len(i), mentions[i].span.len(), usize::MAX - i)
            })
            .unwrap_or(g.mentions[0]);
        g.name = mentions[best].span.of(doc.text).to_string();
        g.ty = mentions[best].ty;
    }
    cast
}

/// Links "X ..., also known as Y" / "known by the ... acronym Y" / "dubbed Y".
fn link_aliases(doc: &Document, mentions: &[Mention], sets: &mut Sets) {
    const CUES: &[&str] = &[
        "known as",
        "known by",
        "also called",
        "dubbed",
        "a.k.a.",
        "aka",
    ];
    let starts = cue_starts(CUES);
    for sent in &doc.sentences {
        let text = sent.of(doc.text);
        if !may_hold_cue(text, CUES, &starts) {
            continue;
        }
        let lower = text.to_lowercase();
        if lower.len() != text.len() {
            continue; // offsets would not line up; such sentences are rare
        }
        for cue in CUES {
            let Some(pos) = lower.find(cue) else { continue };
            let cue_start = sent.start + pos;
            let cue_end = cue_start + cue.len();
            // The nearest name before the cue in this sentence, and the first after it of the same type.
            let before = mentions.iter().enumerate().rev().find(|(_, m)| {
                m.span.end <= cue_start && m.span.start >= sent.start && m.ty.is_name()
            });
            let Some((bi, bm)) = before else { continue };
            let after = mentions.iter().enumerate().find(|(_, m)| {
                m.span.start >= cue_end
                    && m.span.end <= sent.end
                    && m.ty == bm.ty
                    && m.span.start - cue_end < 60
            });
            if let Some((ai, _)) = after {
                sets.union(bi, ai);
            }
        }
    }
}

/// Bytes that may start a cue in [`may_hold_cue`]: the cues' first letters
/// in either case, and the lead bytes of '\u{130}' and the Kelvin sign.
fn cue_starts(cues: &[&str]) -> [bool; 256] {
    let mut t = [false; 256];
    for c in cues {
        if let Some(&b) = c.as_bytes().first() {
            t[usize::from(b.to_ascii_lowercase())] = true;
            t[usize::from(b.to_ascii_uppercase())] = true;
        }
    }
    t[0xC4] = true;
    t[0xE2] = true;
    t
}

/// False only when `text.to_lowercase()` contains none of the (ASCII,
/// lower-case) `cues`: no cue occurs in `text` ignoring ASCII case, and no
/// char whose lower case has ASCII in it ('\u{130}' and the Kelvin sign,
/// the only two) is there. One pass over the bytes, without allocating:
/// most sentences are skipped before [`str::to_lowercase`] and a substring
/// search per cue. `starts` is [`cue_starts`] of `cues`.
fn may_hold_cue(text: &str, cues: &[&str], starts: &[bool; 256]) -> bool {
    let b = text.as_bytes();
    for (i, &x) in b.iter().enumerate() {
        if !starts[usize::from(x)] {
            continue;
        }
        let rest = &b[i..];
        if matches!(rest, [0xC4, 0xB0, ..] | [0xE2, 0x84, 0xAA, ..]) {
            return true;
        }
        if cues.iter().any(|c| {
            rest.get(..c.len())
                .is_some_and(|r| r.eq_ignore_ascii_case(c.as_bytes()))
        }) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{paragraphs, tokenize, Span};

    /// Groups the given (text, type) mentions, found in order in `text`; returns group names per mention.
    fn group(text: &str, names: &[(&str, EntityType)]) -> Vec<String> {
        let tokens = tokenize(text);
        let paras = paragraphs(text);
        let doc = Document::new(text, tokens, paras, &[]);
        let mut from = 0;
        let mentions: Vec<Mention> = names
            .iter()
            .map(|(n, ty)| {
                let s = from + text[from..].find(n).expect("name in text");
                from = s + n.len();
                Mention {
                    span: Span::new(s, s + n.len()),
                    ty: *ty,
                }
            })
            .collect();
        let cast = build(&doc, &mentions);
        cast.group_of
            .iter()
            .map(|&g| cast.groups[g].name.clone())
            .collect()
    }

    use EntityType::*;

    #[test]
    fn cue_prefilter_agrees_with_lowercase_search() {
        const CUES: &[&str] = &["known as", "dubbed", "aka"];
        let starts = cue_starts(CUES);
        for text in [
            "",
            "Known As",
            "KNOWN AS x",
            "kNoWn as",
            "known  as",
            "the AKA group",
            "“Dubbed” by all",
            "nothing here",
            "\u{212A}nown as",
            "İ dubbed",
            "é known",
            "known a",
            "Zoë, dubbe",
        ] {
            let lower = text.to_lowercase();
            let found = CUES.iter().any(|c| lower.contains(c));
            assert!(!found || may_hold_cue(text, CUES, &starts), "{text:?}");
            let plain = CUES.iter().any(|c| text.to_ascii_lowercase().contains(c));
            assert_eq!(
                may_hold_cue(text, CUES, &starts),
                plain || text.contains(['\u{130}', '\u{212A}']),
                "{text:?}"
            );
        }
    }

    #[test]
    fn surname_joins_full_name_before_and_after() {
        let g = group(
            "Blinken arrived. Antony Blinken met Sudani. Blinken left.",
            &[
                ("Blinken", Person),
                ("Antony Blinken", Person),
                ("Sudani", Person),
                ("Blinken", Person),
            ],
        );
        assert_eq!(
            g,
            [
                "Antony Blinken",
                "Antony Blinken",
                "Sudani",
                "Antony Blinken"
            ]
        );
    }

    /// Mentions meet under one key whatever their case, a leading "the",
    /// an organization's "group" or "party", a group's plural, and curly
    /// or straight apostrophes; other words keep them apart.
    #[test]
    fn names_meet_under_their_key() {
        let g = group(
            "The Islamic State group struck. Later the ISLAMIC STATE said so. \
             Syrian troops and Syrians. O’Brien met O'Brien and the Brien.",
            &[
                ("The Islamic State group", Organization),
                ("the ISLAMIC STATE", Organization),
                ("Syrian", Group),
                ("Syrians", Group),
                ("O’Brien", Person),
                ("O'Brien", Person),
                ("the Brien", Person),
            ],
        );
        assert_eq!(g[0], "The Islamic State group");
        assert_eq!(g[1], "The Islamic State group");
        assert_eq!(g[2], g[3]);
        assert_eq!(g[4], "O’Brien");
        assert_eq!(g[5], "O’Brien");
        assert_eq!(g[6], "the Brien");
        let words = {
            let text = "the Islamic State group , “ Mr. O’Brien ”";
            let doc = Document::new(text, tokenize(text), paragraphs(text), &[]);
            let whole = Mention {
                span: Span::new(0, text.len()),
                ty: Organization,
            };
            let nw = NameWords::new(&doc, &[whole]);
            let all = nw.joined(0, 0, nw.len(0)).to_string();
            (
                all,
                name_key(&nw, 0, Organization).to_string(),
                nw.last(0).to_string(),
            )
        };
        assert_eq!(words.0, "the islamic state group mr. o'brien");
        assert_eq!(words.1, "islamic state group mr. o'brien");
        assert_eq!(words.2, "o'brien");
    }

    #[test]
    fn arabic_article_prefix() {
        let g = group(
            "Mohammed Shia al-Sudani spoke. Sudani left.",
            &[("Mohammed Shia al-Sudani", Person), ("Sudani", Person)],
        );
        assert_eq!(g[1], "Mohammed Shia al-Sudani");
    }

    #[test]
    fn people_sharing_a_surname_stay_apart() {
        let g = group(
            "Hillary Clinton and Bill Clinton. Clinton said. Hillary Clinton again.",
            &[
                ("Hillary Clinton", Person),
                ("Bill Clinton", Person),
                ("Clinton", Person),
                ("Hillary Clinton", Person),
            ],
        );
        assert_eq!(g[0], "Hillary Clinton");
        assert_eq!(g[1], "Bill Clinton");
        assert_eq!(g[2], "Hillary Clinton");
    }

    #[test]
    fn acronyms_in_parentheses_and_initials() {
        let g = group(
            "the Islamic State group (IS) and the US. The United States and U.S. troops",
            &[
                ("Islamic State group", Organization),
                ("IS", Organization),
                ("US", Place),
                ("United States", Place),
                ("U.S.", Place),
            ],
        );
        assert_eq!(
            g,
            [
                "Islamic State group",
                "Islamic State group",
                "United States",
                "United States",
                "United States"
            ]
        );
    }

    #[test]
    fn acronyms_meet_long_forms_typed_differently() {
        // The recognizer may type the acronym and its long form differently; the
        // initials still join them, with or without dots, but never a person.
        let g = group(
            "The Grand Council of Farmers met. The GCF said no. The G.C.F. agreed. Gina Cole Ford spoke. GCF again.",
            &[
                ("Grand Council of Farmers", Misc),
                ("GCF", Organization),
                ("G.C.F.", Place),
                ("Gina Cole Ford", Person),
            ],
        );
        assert_eq!(
            g,
            [
                "Grand Council of Farmers",
                "Grand Council of Farmers",
                "Grand Council of Farmers",
                "Gina Cole Ford"
            ]
        );
        // Two long forms with the same initials: the acronym stays apart.
        let g = group(
            "The Alpha Bank and the Alpha Board met. AB said no.",
            &[
                ("Alpha Bank", Organization),
                ("Alpha Board", Organization),
                ("AB", Organization),
            ],
        );
        assert_eq!(g, ["Alpha Bank", "Alpha Board", "AB"]);
    }

    #[test]
    fn also_known_as() {
        let g = group(
            "Islamic State (IS), also known by the Arabic acronym Daesh. Daesh fell.",
            &[
                ("Islamic State", Organization),
                ("IS", Organization),
                ("Daesh", Organization),
                ("Daesh", Organization),
            ],
        );
        assert!(g.iter().all(|n| n == "Islamic State"), "{g:?}");
    }

    #[test]
    fn nationality_plural() {
        let g = group(
            "Syrian people and Syrians",
            &[("Syrian", Group), ("Syrians", Group)],
        );
        assert_eq!(g[0], g[1]);
    }
}
