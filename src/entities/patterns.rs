// The patterns of `rules.rs`, one regular expression per type. This file is
// `include!`d by `build.rs`, which compiles each pattern into an anchored
// sparse DFA (see `rules.rs`), and by `rules.rs`'s tests, which check the
// compiled DFAs against the `regex` crate. Plain Rust, no `use`: it must
// compile in both places.

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

/// The patterns, in the order `rules::find` runs them: money, percent, time, date.
pub(crate) fn patterns() -> [(&'static str, String); 4] {
    [
        (
            "MONEY",
            format!(
                r"(?i)(?:(?-i:US)\s?|(?-i:A|AU|C|CA|NZ|HK|S))?[$£€¥₹]\s?{NUM}(?:\s?{SCALE}(?-u:\b))?(?:\s+{CURRENCY_WORD})?|(?-u:\b)(?:USD|EUR|GBP|JPY|CNY|CHF)\s?{NUM}(?:\s?{SCALE}(?-u:\b))?|(?-u:\b)(?:{NUM}|{NUM_WORD})(?:[\s-]+{NUM_WORD})?(?:\s?{SCALE})?\s+(?:(?:US|Australian|Canadian|Hong\s+Kong|Singapore|New\s+Zealand)\s+)?{CURRENCY_WORD}(?-u:\b)"
            ),
        ),
        (
            "PERCENT",
            format!(
                r"(?i)(?-u:\b)(?:{NUM}|{NUM_WORD}(?:[\s-]+{NUM_WORD})?)(?:\s?%|\s+(?:per\s?cent|percent|pct|percentage\s+points?)(?-u:\b))"
            ),
        ),
        (
            "TIME",
            format!(
                r"(?-u:\b)(?:(?i:\d{{1,2}}(?:[:.]\d\d)?\s?(?:a\.m\.|p\.m\.|am(?-u:\b)|pm(?-u:\b)))(?:\s+(?:GMT|UTC|EST|EDT|CET|BST|local\s+time))?|\d{{1,2}}:\d\d(?:\s+(?:GMT|UTC|EST|EDT|CET|BST|local\s+time))|(?i:noon|midnight|tonight|overnight)(?-u:\b)|(?:(?i:this|last|early|late|yesterday|tomorrow)|{WEEKDAY})\s+(?i:morning|afternoon|evening|night)(?-u:\b))"
            ),
        ),
        (
            "DATE",
            format!(
                r"(?-u:\b)(?:\d{{4}}-\d\d-\d\d|\d{{1,2}}/\d{{1,2}}/(?:\d{{4}}|\d\d)|(?:(?:{WEEKDAY}|{WEEKDAY_ABBR}),?\s+)?(?:{MONTH}\s+{DAY}(?:,?\s+{YEAR})?|{DAY}\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?|{MONTH}\s+(?:of\s+)?{YEAR}|{MONTH_NOT_MAY})|{WEEKDAY}|(?i:(?:early|mid|late)[-\s]){YEAR}s?|{YEAR}(?:[-–/](?:{YEAR}|\d\d))?|(?:mid-)?(?:1[6-9]|20)\d0s|'\d0s|(?i:(?:last|next|this|past|coming|previous)\s+(?:week|weekend|month|year|decade|century|spring|summer|autumn|fall|winter|quarter)(?-u:\b))|(?:last|next|this|past|coming)\s+(?:{WEEKDAY}|{MONTH_NOT_MAY})|(?i:yesterday|today|tomorrow)(?-u:\b)|(?i:(?:{NUM}|{NUM_WORD}|a|an|one)(?:[\s-]+{NUM_WORD})?\s+(?:{UNITS}|{UNIT})\s+(?:ago|earlier|later)(?-u:\b))|(?i:{UNITS}\s+ago(?-u:\b))|(?i:(?:{NUM}|{NUM_WORD})-{UNIT}(?:-long)?(?-u:\b))|(?i:(?:decade|year|century)-long(?-u:\b))|(?i:\d{{1,2}}(?:st|nd|rd|th)\s+century(?-u:\b))|(?i:(?:spring|summer|autumn|fall|winter)\s+(?:of\s+)?){YEAR})(?-u:\b)"
            ),
        ),
    ]
}
