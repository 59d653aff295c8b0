//! Numeric and temporal expressions by rule: dates, times, sums of money and
//! percentages.
//!
//! Decision: one regular expression per type, compiled once, run over the
//! whole text; a match counts only when it starts at a token start and ends
//! at a token end (so "2014" inside "2014-15" or "am" inside "Iam" never
//! count), and where matches overlap the longest wins ("Friday night" is one
//! time, not a date and a time). Word boundaries are ASCII (`(?-u:\b)`) so
//! the regex engine keeps to its fast automata on any text; token snapping
//! makes up for what ASCII boundaries miss. Cost: expressions the patterns
//! don't list ("the second half of the decade") are not found.

use std::sync::LazyLock;

use regex::Regex;

use super::Mention;
use crate::analysis::EntityType;
use crate::text::{Document, Span, TokenKind};

const NUM: &str = r"\d+(?:[.,]\d+)*";
const NUM_WORD: &str = r"(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|a\s+hundred|a\s+dozen|dozens\s+of|a\s+few|few|several|many|some|a\s+couple\s+of|half\s+a)";
const SCALE: &str = r"(?:thousand|million|billion|trillion|mn|bn|tn|m|b|k)";
const WEEKDAY: &str = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const WEEKDAY_ABBR: &str = r"(?:Mon|Tues?|Wed|Thu(?:rs?)?|Fri|Sat|Sun)\.";
const MONTH: &str = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)";
const MONTH_NOT_MAY: &str = r"(?:January|February|March|April|June|July|August|September|October|November|December|Jan\.|Feb\.|Mar\.|Apr\.|Jun\.|Jul\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)";
const DAY: &str = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?";
const YEAR: &str = r"(?:1[6-9]\d\d|20\d\d)";
const UNIT: &str = r"(?:day|week|month|year|decade|century)";
const UNITS: &str = r"(?:days|weeks|months|years|decades|centuries)";
const CURRENCY_WORD: &str = r"(?:dollars?|euros?|pounds?(?:\s+sterling)?|sterling|yen|yuan|renminbi|rupees?|roubles?|rubles?|francs?|dinars?|riyals?|dirhams?|liras?|shekels?|pesos?|naira|rand|cents?|pence|bitcoins?)";

fn build(pattern: String) -> Regex {
    // The patterns are fixed; a failure here is a bug caught by the tests.
    Regex::new(&pattern).unwrap_or_else(|e| panic!("bad built-in pattern: {e}"))
}

static MONEY: LazyLock<Regex> = LazyLock::new(|| {
    build(format!(
        r"(?i)(?:(?-i:US)\s?|(?-i:A|AU|C|CA|NZ|HK|S))?[$£€¥₹]\s?{NUM}(?:\s?{SCALE}(?-u:\b))?(?:\s+{CURRENCY_WORD})?|(?-u:\b)(?:USD|EUR|GBP|JPY|CNY|CHF)\s?{NUM}(?:\s?{SCALE}(?-u:\b))?|(?-u:\b)(?:{NUM}|{NUM_WORD})(?:[\s-]+{NUM_WORD})?(?:\s?{SCALE})?\s+(?:(?:US|Australian|Canadian|Hong\s+Kong|Singapore|New\s+Zealand)\s+)?{CURRENCY_WORD}(?-u:\b)"
    ))
});

static PERCENT: LazyLock<Regex> = LazyLock::new(|| {
    build(format!(
        r"(?i)(?-u:\b)(?:{NUM}|{NUM_WORD}(?:[\s-]+{NUM_WORD})?)(?:\s?%|\s+(?:per\s?cent|percent|pct|percentage\s+points?)(?-u:\b))"
    ))
});

static TIME: LazyLock<Regex> = LazyLock::new(|| {
    build(format!(
        r"(?-u:\b)(?:(?i:\d{{1,2}}(?:[:.]\d\d)?\s?(?:a\.m\.|p\.m\.|am(?-u:\b)|pm(?-u:\b)))(?:\s+(?:GMT|UTC|EST|EDT|CET|BST|local\s+time))?|\d{{1,2}}:\d\d(?:\s+(?:GMT|UTC|EST|EDT|CET|BST|local\s+time))|(?i:noon|midnight|tonight|overnight)(?-u:\b)|(?:(?i:this|last|early|late|yesterday|tomorrow)|{WEEKDAY})\s+(?i:morning|afternoon|evening|night)(?-u:\b))"
    ))
});

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    build(format!(
        r"(?-u:\b)(?:\d{{4}}-\d\d-\d\d|\d{{1,2}}/\d{{1,2}}/(?:\d{{4}}|\d\d)|(?:(?:{WEEKDAY}|{WEEKDAY_ABBR}),?\s+)?(?:{MONTH}\s+{DAY}(?:,?\s+{YEAR})?|{DAY}\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?|{MONTH}\s+(?:of\s+)?{YEAR}|{MONTH_NOT_MAY})|{WEEKDAY}|(?i:(?:early|mid|late)[-\s]){YEAR}s?|{YEAR}(?:[-–/](?:{YEAR}|\d\d))?|(?:mid-)?(?:1[6-9]|20)\d0s|'\d0s|(?i:(?:last|next|this|past|coming|previous)\s+(?:week|weekend|month|year|decade|century|spring|summer|autumn|fall|winter|quarter)(?-u:\b))|(?:last|next|this|past|coming)\s+(?:{WEEKDAY}|{MONTH_NOT_MAY})|(?i:yesterday|today|tomorrow)(?-u:\b)|(?i:(?:{NUM}|{NUM_WORD}|a|an|one)(?:[\s-]+{NUM_WORD})?\s+(?:{UNITS}|{UNIT})\s+(?:ago|earlier|later)(?-u:\b))|(?i:{UNITS}\s+ago(?-u:\b))|(?i:(?:{NUM}|{NUM_WORD})-{UNIT}(?:-long)?(?-u:\b))|(?i:(?:decade|year|century)-long(?-u:\b))|(?i:\d{{1,2}}(?:st|nd|rd|th)\s+century(?-u:\b))|(?i:(?:spring|summer|autumn|fall|winter)\s+(?:of\s+)?){YEAR})(?-u:\b)"
    ))
});

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
    for (re, ty) in [
        (&*MONEY, EntityType::Money),
        (&*PERCENT, EntityType::Percent),
        (&*TIME, EntityType::Time),
        (&*DATE, EntityType::Date),
    ] {
        for m in re.find_iter(text) {
            let Some((first, last)) = token_range(doc, m.start(), m.end()) else {
                continue;
            };
            if ty == EntityType::Date && !date_ok(doc, first, last) {
                continue;
            }
            found.push(Mention {
                span: Span::new(m.start(), m.end()),
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

    #[test]
    fn never_splits_a_token() {
        check(&[("x2014y", &[]), ("abc10pm", &[]), ("Friday-ish", &[])]);
    }
}
