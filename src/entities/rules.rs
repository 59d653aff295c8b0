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
//! DFA, and the states searches step out of often get a dense row
//! (`Rows`). The tests check the matches against the `regex` crate.
//! Measured (callgrind, natively): the first `analyze` of the reference
//! article fell from 82.8 M to 40.9 M instructions, later calls cost what
//! they did, and the `.wasm` lost 155 KB gzipped (840,278 to 685,243 bytes).

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
    /// Larger than any state id (an id is an offset into the bytes).
    max_state: usize,
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
            max_state: bytes.len(),
        }
    }

    /// The end of the leftmost-first match starting exactly at `at`, given
    /// the state `s` after the byte at `at`, if any.
    #[inline]
    fn match_from(&self, rows: &mut Rows, hay: &[u8], at: usize, mut s: StateID) -> Option<usize> {
        let dfa = &self.dfa;
        if rows.row_of.is_empty() {
            rows.row_of = vec![0; self.max_state + 1];
            rows.visits = vec![0; self.max_state + 1];
        }
        let mut end = None;
        let mut pos = at + 1;
        loop {
            // A match state means a match ended one byte before.
            if dfa.is_match_state(s) {
                end = Some(pos - 1);
            }
            let Some(&b) = hay.get(pos) else {
                if dfa.is_match_state(dfa.next_eoi_state(s)) {
                    end = Some(hay.len());
                }
                return end;
            };
            let i = s.as_usize();
            let r = rows.row_of[i];
            s = if r != 0 {
                StateID::new_unchecked(rows.next[r as usize - 1][b as usize] as usize)
            } else {
                rows.visits[i] = rows.visits[i].saturating_add(1);
                if rows.visits[i] >= HOT {
                    let mut next = [0u32; 256];
                    for (c, n) in next.iter_mut().enumerate() {
                        *n = dfa.next_state(s, c as u8).as_u32();
                    }
                    rows.next.push(next);
                    rows.row_of[i] = rows.next.len() as u32;
                }
                dfa.next_state(s, b)
            };
            if dfa.is_dead_state(s) {
                return end;
            }
            pos += 1;
        }
    }
}

/// How many times a search must step out of a state before its row is made:
/// most states are met once or twice in a document and stepping out of them
/// in the sparse DFA costs less than making their row.
const HOT: u8 = 4;

/// Dense rows of the states of one pattern's DFA that searches step out of
/// often, made on first use: a sparse DFA scans a state's byte ranges for
/// each transition, a row is one lookup. In effect a lazy DFA over the
/// compiled one; a few hundred rows at most.
#[derive(Default)]
struct Rows {
    /// Row index plus one of each sparse state id (0: none yet).
    row_of: Vec<u32>,
    /// How often a search stepped out of each state without a row.
    visits: Vec<u8>,
    /// Each row: the state id after each byte.
    next: Vec<[u32; 256]>,
}

thread_local! {
    /// Each thread's rows of the four patterns.
    static ROWS: std::cell::RefCell<[Rows; 4]> = std::cell::RefCell::new(Default::default());
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
        }
    }

    /// For each pattern, the matches `regex::Regex::find_iter` gives for
    /// it, as byte ranges (the patterns never match the empty string).
    fn find_all(&self, text: &str) -> [Vec<(usize, usize)>; 4] {
        ROWS.with_borrow_mut(|rows| self.find_all_with(rows, text))
    }

    fn find_all_with(&self, rows: &mut [Rows; 4], text: &str) -> [Vec<(usize, usize)>; 4] {
        let hay = text.as_bytes();
        let mut out: [Vec<(usize, usize)>; 4] = Default::default();
        // Where each pattern's next search starts: after its last match.
        let mut resume = [0usize; 4];
        let mut lb = 256;
        for (at, &b) in hay.iter().enumerate() {
            let mut m = self.first[self.class_of[lb] as usize * 256 + b as usize];
            let here = lb;
            lb = b as usize;
            while m != 0 {
                let p = m.trailing_zeros() as usize;
                m &= m - 1;
                if at < resume[p] {
                    continue;
                }
                let pat = &self.each[p];
                let Some(s) = pat.next[pat.start_of[here] as usize][b as usize] else {
                    continue;
                };
                if let Some(end) = pat.match_from(&mut rows[p], hay, at, s) {
                    if end > at {
                        out[p].push((at, end));
                        resume[p] = end;
                    }
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
        let same = |text: &str| {
            for (got, r) in PATTERNS.find_all(text).iter().zip(&reference) {
                let want: Vec<(usize, usize)> =
                    r.find_iter(text).map(|m| (m.start(), m.end())).collect();
                assert_eq!(*got, want, "{r} on {text:?}");
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
