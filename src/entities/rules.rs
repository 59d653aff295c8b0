//! Numeric and temporal expressions by rule: dates, times, sums of money and
//! percentages.
//!
//! Decision: one regular expression per type (`patterns.rs`), run over the
//! whole text; a match counts only when it starts at a token start and ends
//! at a token end (so "2014" inside "2014-15" or "am" inside "Iam" never
//! count), and where matches overlap the longest wins ("Friday night" is one
//! time, not a date and a time). Word boundaries are ASCII (`(?-u:\b)`);
//! token snapping makes up for what ASCII boundaries miss. Cost: expressions
//! the patterns don't list ("the second half of the decade") are not found.
//!
//! Decided too: the patterns are compiled when the crate is built, not when
//! it runs. `build.rs` turns each into a minimized *anchored* DFA
//! (regex-automata, leftmost-first) serialized in its sparse form (about
//! 90 KB for the four, 25 KB gzipped), and `Pattern` reads it in place from
//! the bytes `include_bytes!` baked in. Compiling the four patterns with the
//! `regex` crate was more than half of the first `analyze` call natively
//! (44 M of 83 M instructions) and pulled its parser and compiler into the
//! `.wasm`. An unanchored DFA would be ten times larger (it tracks every
//! partial match at once), so the search is anchored and run from each
//! position instead, which gives exactly the `regex` crate's `find_iter`
//! matches: the leftmost start where the pattern matches, the leftmost-first
//! end there, then on from that end. A table of which bytes can start a
//! match after which start state skips most positions without running the
//! DFA. The tests check the matches against the `regex` crate.
//! Measured (callgrind, natively): the first `analyze` of the reference
//! article fell from 82.8 M to 40.9 M instructions, later calls cost what
//! they did, and the `.wasm` lost 155 KB gzipped (840,278 to 685,243 bytes).
//!
//! The four patterns are walked as one (`Joint`): from a position where
//! any can start, one walk over the product of their DFAs, made as it is
//! needed, steps all four with one table read a byte. Most word starts can
//! begin two or more patterns ("t": "two", "this", "tonight", "today"), and
//! nearly every walk ends within two bytes, so the four walks of before
//! were mostly their own overhead. Measured (callgrind, the bench's steady
//! pass over PolNeAR dev): 379.3 M to 368.2 M instructions for all of
//! `analyze`, and 39 M fewer in the first pass, which made each hot
//! state's row from 256 sparse steps. PolNeAR train needs 512 to 1,023 joint
//! states (at most 512 KB of rows); `MAX_JOINT` bounds them on any text.

use std::sync::LazyLock;

use regex_automata::dfa::{sparse, Automaton};
use regex_automata::util::primitives::StateID;
use regex_automata::util::start;
use regex_automata::Anchored;

use super::Mention;
use crate::analysis::EntityType;
use crate::text::{Document, Span, TokenKind};

#[allow(dead_code)] // only `patterns()`' consts are used here, by the tests
mod patterns {
    include!("patterns.rs");
}

/// One pattern's anchored DFA, with the first step of every search
/// precomputed: a sparse DFA finds a transition by scanning the state's byte
/// ranges, and the start states have the most ranges of all.
struct Pattern {
    dfa: sparse::DFA<&'static [u8]>,
    /// Which row of `next` a look-behind byte starts in; index 256: the
    /// text start.
    start_of: [u8; 257],
    /// For each distinct start state, the state after each first byte
    /// (`None` where that byte cannot begin a match).
    next: Vec<[Option<StateID>; 256]>,
}

impl Pattern {
    fn new(bytes: &'static [u8]) -> Pattern {
        // Built by build.rs from fixed patterns: a failure is a build bug
        // that every test catches.
        let dfa = sparse::DFA::from_bytes(bytes)
            .unwrap_or_else(|e| panic!("bad compiled pattern: {e}"))
            .0;
        let mut start_of = [0u8; 257];
        let mut starts: Vec<StateID> = Vec::new();
        let mut next = Vec::new();
        for (lb, row) in start_of.iter_mut().enumerate() {
            let config = start::Config::new()
                .anchored(Anchored::Yes)
                .look_behind(u8::try_from(lb).ok());
            let s = dfa
                .start_state(&config)
                .unwrap_or_else(|e| panic!("bad compiled pattern: {e}"));
            let k = match starts.iter().position(|&id| id == s) {
                Some(k) => k,
                None => {
                    let mut row = [None; 256];
                    for (b, r) in row.iter_mut().enumerate() {
                        let n = dfa.next_state(s, b as u8);
                        if !dfa.is_dead_state(n) {
                            *r = Some(n);
                        }
                    }
                    starts.push(s);
                    next.push(row);
                    starts.len() - 1
                }
            };
            *row = k as u8;
        }
        Pattern {
            dfa,
            start_of,
            next,
        }
    }
}

/// A walk's state in [`Joint`] that is not made yet.
const UNMADE: u16 = u16::MAX;
/// The "state" after which every pattern is dead: the walk is over.
const OVER: u16 = u16::MAX - 1;
/// A pattern that can no longer match, in a [`Joint`] state's parts.
const DEAD: u32 = u32::MAX;
/// The most [`Joint`] states kept; past it, all are dropped and made anew
/// (news needs a few hundred; hostile text cannot grow the tables).
const MAX_JOINT: usize = 4096;

/// The four patterns' DFAs walked as one, made as searches need it (a lazy
/// DFA over the compiled ones). A state is the four patterns' states after
/// the same bytes, a pattern that can no longer match being dead in it, so
/// one walk from a position finds where each pattern's leftmost-first match
/// from there ends, as four walks did: most walks end after a byte or two,
/// and a step is one table read for all four patterns, where a sparse DFA
/// scans the byte ranges of a state.
#[derive(Default)]
struct Joint {
    /// The most states kept ([`MAX_JOINT`]; fewer in a test).
    cap: usize,
    /// Each state's four sparse state ids ([`DEAD`] for a dead pattern).
    parts: Vec<[u32; 4]>,
    /// Each state's patterns in a match state (bit `p`): a match of that
    /// pattern ended one byte before.
    matching: Vec<u8>,
    /// Each state's patterns that match if the text ends here (bit `p`).
    at_end: Vec<u8>,
    /// `next[state * 256 + byte]`: the state after `byte`, [`UNMADE`] or
    /// [`OVER`].
    next: Vec<u16>,
    /// The state of each four-tuple of parts.
    ids: crate::entities::lexicon::HashMap<[u32; 4], u16>,
    /// `starts[(class * 256 + byte) * 16 + patterns]`: where a walk starts
    /// after a look-behind of that class, on that first byte, for that set
    /// of patterns ([`UNMADE`] before it is made).
    starts: Vec<u16>,
}

impl Joint {
    /// No states yet; at most `cap` kept.
    fn new(cap: usize) -> Joint {
        Joint {
            cap: cap.max(1),
            ..Joint::default()
        }
    }

    /// The state with these parts, made if new.
    fn intern(&mut self, pats: &Patterns, parts: [u32; 4]) -> u16 {
        if let Some(&j) = self.ids.get(&parts) {
            return j;
        }
        if self.parts.len() >= self.cap {
            // Every id changes: the starts and steps made so far go too.
            *self = Joint {
                starts: vec![UNMADE; self.starts.len()],
                ..Joint::new(self.cap)
            };
        }
        let (mut matching, mut at_end) = (0u8, 0u8);
        for (p, (&s, pat)) in parts.iter().zip(&pats.each).enumerate() {
            if s == DEAD {
                continue;
            }
            let s = StateID::new_unchecked(s as usize);
            if pat.dfa.is_match_state(s) {
                matching |= 1 << p;
            }
            if pat.dfa.is_match_state(pat.dfa.next_eoi_state(s)) {
                at_end |= 1 << p;
            }
        }
        let j = self.parts.len() as u16;
        self.parts.push(parts);
        self.matching.push(matching);
        self.at_end.push(at_end);
        self.next.resize(self.next.len() + 256, UNMADE);
        self.ids.insert(parts, j);
        j
    }

    /// The state after byte `b` from state `j`, made if new.
    fn step(&mut self, pats: &Patterns, j: u16, b: u8) -> u16 {
        let mut parts = self.parts[j as usize];
        for (s, pat) in parts.iter_mut().zip(&pats.each) {
            if *s == DEAD {
                continue;
            }
            let n = pat.dfa.next_state(StateID::new_unchecked(*s as usize), b);
            *s = if pat.dfa.is_dead_state(n) {
                DEAD
            } else {
                n.as_u32()
            };
        }
        let n = if parts == [DEAD; 4] {
            OVER
        } else {
            let before = self.parts.len();
            let n = self.intern(pats, parts);
            if self.parts.len() < before {
                // The tables were dropped: `j` is gone.
                return n;
            }
            n
        };
        self.next[j as usize * 256 + b as usize] = n;
        n
    }

    /// Where the leftmost-first match of each pattern in `mask` starting
    /// at `at` ends, if it has one: `b` is the byte at `at`, `class` the
    /// class of the byte before it.
    fn walk(
        &mut self,
        pats: &Patterns,
        hay: &[u8],
        at: usize,
        class: usize,
        look_behind: usize,
        mask: u8,
    ) -> [Option<usize>; 4] {
        let b = hay[at];
        if self.starts.is_empty() {
            self.starts = vec![UNMADE; pats.n_classes * 256 * 16];
        }
        let key = (class * 256 + b as usize) * 16 + mask as usize;
        let mut j = self.starts[key];
        if j == UNMADE {
            let mut parts = [DEAD; 4];
            for (p, (part, pat)) in parts.iter_mut().zip(&pats.each).enumerate() {
                if mask >> p & 1 != 0 {
                    if let Some(s) = pat.next[pat.start_of[look_behind] as usize][b as usize] {
                        *part = s.as_u32();
                    }
                }
            }
            j = self.intern(pats, parts);
            self.starts[key] = j;
        }
        let mut ends = [None; 4];
        let mut pos = at + 1;
        loop {
            let m = self.matching[j as usize];
            if m != 0 {
                for (p, e) in ends.iter_mut().enumerate() {
                    if m >> p & 1 != 0 {
                        *e = Some(pos - 1);
                    }
                }
            }
            let Some(&b) = hay.get(pos) else {
                let m = self.at_end[j as usize];
                for (p, e) in ends.iter_mut().enumerate() {
                    if m >> p & 1 != 0 {
                        *e = Some(hay.len());
                    }
                }
                return ends;
            };
            let mut n = self.next[j as usize * 256 + b as usize];
            if n == UNMADE {
                n = self.step(pats, j, b);
            }
            if n == OVER {
                return ends;
            }
            j = n;
            pos += 1;
        }
    }
}

thread_local! {
    /// Each thread's [`Joint`] walk of the four patterns.
    static JOINT: std::cell::RefCell<Joint> = std::cell::RefCell::new(Joint::new(MAX_JOINT));
}

/// The four patterns (money, percent, time, date, the order of
/// [`patterns::patterns`]) searched in one pass over the text.
struct Patterns {
    each: [Pattern; 4],
    /// Look-behind byte (256: the text start) to a class of look-behinds
    /// that give every pattern the same start state.
    class_of: [u8; 257],
    /// `first[class * 256 + byte]`: bit `p` when pattern `p` can begin a
    /// match with `byte` after a look-behind of that class. Most positions
    /// have none, and cost one lookup for all four patterns.
    first: Vec<u8>,
    /// The number of look-behind classes.
    n_classes: usize,
}

impl Patterns {
    fn new() -> Patterns {
        let dfa = |name: &str| -> &'static [u8] {
            match name {
                "money" => include_bytes!(concat!(env!("OUT_DIR"), "/rules_money.dfa")),
                "percent" => include_bytes!(concat!(env!("OUT_DIR"), "/rules_percent.dfa")),
                "time" => include_bytes!(concat!(env!("OUT_DIR"), "/rules_time.dfa")),
                _ => include_bytes!(concat!(env!("OUT_DIR"), "/rules_date.dfa")),
            }
        };
        let each = ["money", "percent", "time", "date"].map(|n| Pattern::new(dfa(n)));
        let mut classes: Vec<[u8; 4]> = Vec::new();
        let mut class_of = [0u8; 257];
        for (lb, c) in class_of.iter_mut().enumerate() {
            let key = [0, 1, 2, 3].map(|p| each[p].start_of[lb]);
            *c = match classes.iter().position(|k| *k == key) {
                Some(i) => i as u8,
                None => {
                    classes.push(key);
                    (classes.len() - 1) as u8
                }
            };
        }
        let mut first = vec![0u8; classes.len() * 256];
        for (c, key) in classes.iter().enumerate() {
            for b in 0..256 {
                for (p, pat) in each.iter().enumerate() {
                    if pat.next[key[p] as usize][b].is_some() {
                        first[c * 256 + b] |= 1 << p;
                    }
                }
            }
        }
        Patterns {
            each,
            class_of,
            first,
            n_classes: classes.len(),
        }
    }

    /// For each pattern, the matches `regex::Regex::find_iter` gives for
    /// it, as byte ranges (the patterns never match the empty string).
    fn find_all(&self, text: &str) -> [Vec<(usize, usize)>; 4] {
        JOINT.with_borrow_mut(|joint| self.find_all_with(joint, text))
    }

    fn find_all_with(&self, joint: &mut Joint, text: &str) -> [Vec<(usize, usize)>; 4] {
        let hay = text.as_bytes();
        let mut out: [Vec<(usize, usize)>; 4] = Default::default();
        // Where each pattern's next search starts: after its last match.
        let mut resume = [0usize; 4];
        let mut lb = 256;
        for (at, &b) in hay.iter().enumerate() {
            let class = self.class_of[lb] as usize;
            let first = self.first[class * 256 + b as usize];
            let here = lb;
            lb = b as usize;
            if first == 0 {
                continue;
            }
            let mut mask = 0u8;
            for (p, &r) in resume.iter().enumerate() {
                if first >> p & 1 != 0 && at >= r {
                    mask |= 1 << p;
                }
            }
            if mask == 0 {
                continue;
            }
            let ends = joint.walk(self, hay, at, class, here, mask);
            for (p, end) in ends.into_iter().enumerate() {
                if let Some(end) = end.filter(|&e| e > at) {
                    out[p].push((at, end));
                    resume[p] = end;
                }
            }
        }
        out
    }
}

static PATTERNS: LazyLock<Patterns> = LazyLock::new(Patterns::new);

/// Words that make a following year-like number a count ("about 2000 people").
const QUANTIFIERS: &[&str] = &[
    "about",
    "some",
    "nearly",
    "almost",
    "around",
    "over",
    "than",
    "least",
    "approximately",
    "roughly",
    "only",
    "just",
    "$",
    "£",
    "€",
    "#",
    "No.",
];

/// Finds every date, time, sum of money and percentage, in document order, non-overlapping.
pub fn find(doc: &Document) -> Vec<Mention> {
    let text = doc.text;
    let mut found: Vec<Mention> = Vec::new();
    let types = [
        EntityType::Money,
        EntityType::Percent,
        EntityType::Time,
        EntityType::Date,
    ];
    for (matches, ty) in PATTERNS.find_all(text).into_iter().zip(types) {
        for (start, end) in matches {
            let Some((first, last)) = token_range(doc, start, end) else {
                continue;
            };
            if ty == EntityType::Date && !date_ok(doc, first, last) {
                continue;
            }
            found.push(Mention {
                span: Span::new(start, end),
                ty,
            });
        }
    }
    super::select_non_overlapping(found)
}

/// The first and last token of a match that starts at a token start and ends
/// at a token end; `None` when it would split a token.
fn token_range(doc: &Document, start: usize, end: usize) -> Option<(usize, usize)> {
    let tokens = &doc.tokens;
    let first = tokens.partition_point(|t| t.span.start < start);
    if first >= tokens.len() || tokens[first].span.start != start {
        return None;
    }
    let last = tokens.partition_point(|t| t.span.end < end);
    if last >= tokens.len() || tokens[last].span.end != end || last < first {
        return None;
    }
    Some((first, last))
}

/// Rejects a bare year-like number that is a count ("about 2000 people",
/// "$2014") or a score, and one before a percent sign.
fn date_ok(doc: &Document, first: usize, last: usize) -> bool {
    if first != last || doc.tokens[first].kind != TokenKind::Number {
        return true;
    }
    let word = doc.token_text(first);
    if !(word.len() == 4 && word.bytes().all(|b| b.is_ascii_digit())) {
        return true;
    }
    if first > 0 && QUANTIFIERS.contains(&doc.token_text(first - 1).to_ascii_lowercase().as_str()) {
        return false;
    }
    if let Some(next) = doc.tokens.get(last + 1) {
        let n = next.span.of(doc.text);
        if matches!(n, "%" | "-" | ":") || n.eq_ignore_ascii_case("percent") {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(cases: &[(&str, &[(&str, EntityType)])]) {
        crate::entities::test_util::check(find, cases);
    }

    use EntityType::{Date, Money, Percent, Time};

    #[test]
    fn dates() {
        check(&[
            ("Blinken promised Friday to work", &[("Friday", Date)]),
            ("It fell in 2014, then again", &[("2014", Date)]),
            ("in a 2003 US-led invasion", &[("2003", Date)]),
            ("on Jan. 5 they met", &[("Jan. 5", Date)]),
            ("on January 5, 2024 they met", &[("January 5, 2024", Date)]),
            ("on 5 January 2024 they met", &[("5 January 2024", Date)]),
            ("Friday, January 5 was cold", &[("Friday, January 5", Date)]),
            ("It grew last year.", &[("last year", Date)]),
            ("It grew this week.", &[("this week", Date)]),
            ("the five-decade rule", &[("five-decade", Date)]),
            ("a two-year deal", &[("two-year", Date)]),
            ("back in the 1990s.", &[("1990s", Date)]),
            ("created years ago.", &[("years ago", Date)]),
            ("three weeks ago", &[("three weeks ago", Date)]),
            ("in March 2020", &[("March 2020", Date)]),
            ("in December", &[("December", Date)]),
            ("the 2014-15 season", &[("2014-15", Date)]),
            ("on 2024-01-05", &[("2024-01-05", Date)]),
            ("the 19th century", &[("19th century", Date)]),
            ("Today is fine", &[("Today", Date)]),
        ]);
    }

    #[test]
    fn not_dates() {
        check(&[
            ("about 2000 people", &[]),
            ("Theresa May said", &[]),
            ("they may go", &[]),
            ("room 20145", &[]),
            ("a week", &[]),
            ("Sunita and Fridays", &[]),
        ]);
    }

    #[test]
    fn times() {
        check(&[
            ("at 10pm local", &[("10pm", Time)]),
            ("at 10:30 a.m. sharp", &[("10:30 a.m.", Time)]),
            ("at 10 AM", &[("10 AM", Time)]),
            ("this morning", &[("this morning", Time)]),
            ("on Friday night", &[("Friday night", Time)]),
            ("at noon", &[("noon", Time)]),
            ("at 14:00 GMT", &[("14:00 GMT", Time)]),
            ("I am here", &[]),
        ]);
    }

    #[test]
    fn money() {
        check(&[
            ("a $5m deal", &[("$5m", Money)]),
            ("a £3.5bn deal", &[("£3.5bn", Money)]),
            ("cost $1.2 billion in", &[("$1.2 billion", Money)]),
            ("cost 5 million euros in", &[("5 million euros", Money)]),
            ("cost US$ 20 each", &[("US$ 20", Money)]),
            ("cost €20", &[("€20", Money)]),
            ("five million dollars", &[("five million dollars", Money)]),
            ("USD 300 million", &[("USD 300 million", Money)]),
            ("only $", &[]),
        ]);
    }

    #[test]
    fn percent() {
        check(&[
            ("rose 12% on", &[("12%", Percent)]),
            ("rose 5 per cent on", &[("5 per cent", Percent)]),
            ("rose five percent", &[("five percent", Percent)]),
            (
                "rose 3.5 percentage points",
                &[("3.5 percentage points", Percent)],
            ),
            ("a 2014% rise", &[("2014%", Percent)]),
        ]);
    }

    /// The compiled DFAs find exactly what the `regex` crate finds with the
    /// same patterns: on the reference article, on the PolNeAR articles when
    /// `../shared/data` has them, and on made-up strings dense in digits,
    /// currency signs, spaces and the patterns' words.
    #[test]
    fn compiled_patterns_match_the_regex_crate() {
        use proptest::prelude::*;
        let reference: Vec<regex::Regex> = patterns::patterns()
            .iter()
            .map(|(_, p)| regex::Regex::new(p).unwrap())
            .collect();
        // A walk that keeps two states at most drops them all at nearly
        // every step: it must find the same.
        let small = std::cell::RefCell::new(Joint::new(2));
        let same = |text: &str| {
            let tight = PATTERNS.find_all_with(&mut small.borrow_mut(), text);
            for ((got, tight), r) in PATTERNS.find_all(text).iter().zip(&tight).zip(&reference) {
                let want: Vec<(usize, usize)> =
                    r.find_iter(text).map(|m| (m.start(), m.end())).collect();
                assert_eq!(*got, want, "{r} on {text:?}");
                assert_eq!(*tight, want, "{r} on {text:?}, two states kept");
            }
        };
        same(include_str!("../../tests/fixtures/blinken-baghdad.txt"));
        let here = env!("CARGO_MANIFEST_DIR");
        for path in [
            format!("{here}/../shared/data/polnear/polnear_dev.jsonl"),
            format!("{here}/../../shared/data/polnear/polnear_dev.jsonl"),
        ] {
            if let Ok(data) = std::fs::read_to_string(&path) {
                same(&data);
                break;
            }
        }
        for text in [
            "",
            "$",
            "US$5m",
            "2014",
            "Friday",
            "x2014y",
            "\u{a0}5\u{a0}million dollars",
            "Jan. 5, 2024 at 10:30 a.m. GMT",
            "\u{212a}m ago \u{17f}ome",
            "١٢٣ percent",
        ] {
            same(text);
        }
        let words = prop::sample::select(vec![
            "1", "20", "2014", "3.5", "1,000", "-", "–", "/", ":", ".", ",", "'", "$", "£", "€",
            "US", "A", "%", " ", "  ", "\n", "\u{a0}", "a", "x", "one", "twenty", "a few",
            "million", "bn", "m", "dollars", "euros", "per cent", "percent", "pct", "am", "p.m.",
            "GMT", "noon", "this", "last", "morning", "Friday", "Fri.", "January", "Jan.", "May",
            "of", "early", "mid-", "1990s", "'90s", "years", "ago", "week", "-long", "19th",
            "century", "spring", "today", "é", "\u{212a}", "ſ", "٣",
        ]);
        proptest!(ProptestConfig::with_cases(3000), |(parts in prop::collection::vec(words, 0..24))| {
            same(&parts.concat());
        });
    }

    #[test]
    fn never_splits_a_token() {
        check(&[("x2014y", &[]), ("abc10pm", &[]), ("Friday-ish", &[])]);
    }
}
