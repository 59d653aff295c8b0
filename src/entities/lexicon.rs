//! Word lists: countries, demonyms, cities, US states, given names, common
//! words, and the hand-written closed-class lists (titles, organization
//! words, group words, months, days).
//!
//! Decision: the lists are text files in `data/lexicons/`; `build.rs`
//! compiles each into a table of its keys, folded for lookup (lower case,
//! curly apostrophe made straight), sorted and one a line (a value, where a
//! list has one, after a tab), embedded with `include_str!`. On the first
//! lookup in a list, one pass over its text builds an open-addressing index
//! of its lines (a `u32` per slot: the line's start and a tag of the key's
//! hash) and a 1 KB gate of the (first byte,
//! length) pairs its keys have; nothing else is parsed or allocated. The
//! generated lists come from registry packages through
//! `scripts/lexicons/generate.mjs`; the build never needs npm. Cost: about
//! 540 KB of list text in the binary (180 KB gzipped, less than the source
//! files with their comments), 8.8 M instructions natively to index the lists
//! on first use (the largest, 42,568 common words, most of it; a build-time
//! index would cost 85 KB or more gzipped, as line offsets or a text in hash
//! order, which gzip compresses worse than sorted words), and under 1 MB of
//! index memory; against hash maps of owned strings, the first analysis no
//! longer spends tens of milliseconds (far more in WebAssembly) building them.
//!
//! Lookups are case-insensitive (a headline in capitals still finds "IRAQ"),
//! except short all-capital codes ("US", "UK", "UAE"), which match only as
//! written so that the word "us" is not a country. Folding is for lookup
//! only: the text itself is never changed.

use std::borrow::Cow;
use std::collections::{HashMap as StdHashMap, HashSet as StdHashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

/// A fast non-cryptographic hasher (the rustc "Fx" hash) for the word
/// tables: keys are short words, and the tables are built from the lists,
/// so resistance to chosen-key flooding buys nothing here.
#[derive(Default, Clone, Copy)]
pub struct FxHasher(u64);

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let v = u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]);
            self.0 = (self.0.rotate_left(5) ^ v).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hash map with [`FxHasher`].
pub type HashMap<K, V> = StdHashMap<K, V, BuildHasherDefault<FxHasher>>;
/// A hash set with [`FxHasher`].
pub type HashSet<K> = StdHashSet<K, BuildHasherDefault<FxHasher>>;

/// The grammatical gender a given name suggests, to resolve "he" and "she".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    /// In the list of male first names only.
    Male,
    /// In the list of female first names only.
    Female,
    /// In both lists ("Jean", "Robin"): resolves neither pronoun.
    Either,
}

/// Where a place word sits in a place name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PlaceWordPosition {
    /// Starts the name: "Mount Sinai", "Lake Geneva".
    Start,
    /// Ends the name: "Tigris River", "Tahrir Square".
    End,
}

/// Folds a word or phrase for lookup: lower case, curly apostrophes made
/// straight. Borrows when nothing changes.
pub fn fold(s: &str) -> Cow<'_, str> {
    if s.is_ascii() {
        if !s.bytes().any(|b| b.is_ascii_uppercase()) {
            return Cow::Borrowed(s);
        }
        return Cow::Owned(s.to_ascii_lowercase());
    }
    let needs = s
        .chars()
        .any(|c| c.is_uppercase() || c == '\u{2019}' || c == '\u{02BC}');
    if !needs {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{2019}' | '\u{02BC}' => out.push('\''),
            c if c.is_uppercase() => out.extend(c.to_lowercase()),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// Calls `f` with the folded form of `s`, without allocating for a short
/// ASCII word (most lookups): the same string [`fold`] gives.
#[inline]
fn with_folded<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    const MAX: usize = 32;
    if s.len() <= MAX && s.is_ascii() {
        let mut buf = [0u8; MAX];
        let b = &mut buf[..s.len()];
        b.copy_from_slice(s.as_bytes());
        b.make_ascii_lowercase();
        // ASCII stays ASCII, so this never fails.
        f(std::str::from_utf8(b).unwrap_or(""))
    } else {
        f(&fold(s))
    }
}

/// True for a short code written in capitals ("US", "UAE"): matched as written only.
fn is_code(s: &str) -> bool {
    s.len() <= 4 && s.chars().all(|c| c.is_ascii_uppercase())
}

/// One word list compiled by `build.rs`: its keys sorted bytewise, one a
/// line, each followed by a tab and a number where the list has values.
struct Table {
    lines: &'static str,
    /// Open-addressing index of the lines, built by one pass on first use.
    index: OnceLock<Index>,
    /// Number of lines.
    n: usize,
}

/// What [`Table::build_index`] builds.
struct Index {
    /// Each slot holds a line's start plus one (0 = empty) in its low
    /// `bits`, and in the bits above, a tag: as many high bits of the key's
    /// hash as fit. A probe whose tag differs from the query's is another
    /// key, rejected without reading the line (a cache miss of its own in
    /// the 382 KB of common words).
    slots: Vec<u32>,
    /// Bits of a slot that hold the line start plus one.
    bits: u32,
    /// The (first byte, length) pairs of the keys: most queries to the
    /// small lists (months, titles, organization words) stop there, before
    /// hashing.
    gate: FirstByteGate,
}

/// A filter of words by first byte and length: bit `min(len, 31)` of
/// `self.0[b]` is set when a word of `len` bytes starting with byte `b` was
/// added. A word it does not admit was never added, so a set behind it is
/// asked only about the few words that pass (1 KB; the empty word never
/// passes).
#[derive(Clone)]
pub(crate) struct FirstByteGate([u32; 256]);

impl FirstByteGate {
    /// A gate that admits nothing.
    pub(crate) const fn new() -> FirstByteGate {
        FirstByteGate([0; 256])
    }

    /// The bit of a word of `len` bytes.
    #[inline]
    fn bit(len: usize) -> u32 {
        1 << len.min(31)
    }

    /// Lets `w` (and any word of its first byte and length) through.
    pub(crate) fn add(&mut self, w: &[u8]) {
        if let Some(&b) = w.first() {
            self.0[usize::from(b)] |= Self::bit(w.len());
        }
    }

    /// False when no word of `w`'s first byte and length was added.
    #[inline]
    pub(crate) fn admits(&self, w: &[u8]) -> bool {
        w.first()
            .is_some_and(|&b| self.0[usize::from(b)] & Self::bit(w.len()) != 0)
    }
}

/// Hash of a key for [`Index::slots`]: Fx-style multiply-rotate over 8-byte
/// words, the last 1 to 8 bytes read as one word (two overlapping 4-byte
/// reads, or first, middle and last byte) instead of one round per byte,
/// rotated so that the slot (the low bits) comes from the well-mixed high
/// bits of the product. Any function would be correct (keys are compared);
/// this one is fast on short words.
#[inline]
fn key_hash(key: &[u8]) -> u64 {
    const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let word8 = |b: &[u8]| <[u8; 8]>::try_from(b).map_or(0, u64::from_le_bytes);
    let word4 = |b: &[u8]| <[u8; 4]>::try_from(b).map_or(0, u32::from_le_bytes);
    let mut h = (key.len() as u64).wrapping_mul(K);
    let mut rest = key;
    while rest.len() > 8 {
        h = (h.rotate_left(5) ^ word8(&rest[..8])).wrapping_mul(K);
        rest = &rest[8..];
    }
    let m = rest.len();
    let v = if m >= 4 {
        u64::from(word4(&rest[..4])) | u64::from(word4(&rest[m - 4..])) << 32
    } else if m > 0 {
        u64::from(rest[0]) | u64::from(rest[m / 2]) << 8 | u64::from(rest[m - 1]) << 16
    } else {
        0
    };
    h = (h.rotate_left(5) ^ v).wrapping_mul(K);
    h.rotate_left(26)
}

/// The tag of a key of hash `h` in a slot whose low `bits` hold the line
/// start: the hash's top bits (the slot number comes from its low bits), in
/// the slot's bits above `bits` (none when `bits` is 32).
#[inline]
fn tag(h: u64, bits: u32) -> u32 {
    (h >> 32 << bits) as u32
}

impl Table {
    /// The table of `lines`, which has `n` lines (`build.rs` counts them).
    const fn new(lines: &'static str, n: usize) -> Table {
        Table {
            lines,
            n,
            index: OnceLock::new(),
        }
    }

    /// The index of the `n` lines of `b`: one scan, which finds where each
    /// key ends and, in a table with values, where its line ends (this runs
    /// on the first lookup in each list, in the first `analyze` call).
    fn build_index(b: &[u8], n: usize) -> Index {
        let cap = (2 * n).next_power_of_two().max(4);
        let mut slots = vec![0u32; cap];
        let mut gate = FirstByteGate::new();
        let bits = u32::BITS - (b.len() as u32 + 1).leading_zeros();
        let mut start = 0;
        while start < b.len() {
            let line = &b[start..];
            let k = line
                .iter()
                .position(|&c| c == b'\n' || c == b'\t')
                .unwrap_or(line.len());
            let end = if line.get(k) == Some(&b'\t') {
                k + line[k..]
                    .iter()
                    .position(|&c| c == b'\n')
                    .unwrap_or(line.len() - k)
            } else {
                k
            };
            gate.add(&line[..k]);
            let h = key_hash(&line[..k]);
            let mut i = h as usize & (cap - 1);
            while slots[i] != 0 {
                i = (i + 1) & (cap - 1);
            }
            slots[i] = tag(h, bits) | (start as u32 + 1);
            start += end + 1;
        }
        Index { slots, bits, gate }
    }

    /// What follows `key` on its line (empty, or a tab and the value), if
    /// the list has it.
    fn find(&self, key: &str) -> Option<&'static str> {
        let b = self.lines.as_bytes();
        let index = self.index.get_or_init(|| Table::build_index(b, self.n));
        let key = key.as_bytes();
        let &first = key.first()?;
        if !index.gate.admits(key) {
            return None;
        }
        let slots = &index.slots;
        let mask = slots.len() - 1;
        let h = key_hash(key);
        let want = tag(h, index.bits);
        let start_mask = !tag(u64::MAX, index.bits);
        let mut i = h as usize & mask;
        loop {
            let s = *slots.get(i)?;
            if s == 0 {
                return None;
            }
            if s & !start_mask != want {
                i = (i + 1) & mask;
                continue;
            }
            let s = (s & start_mask) as usize;
            let line = &b[s - 1..];
            if line.len() > key.len()
                && line[0] == first
                && matches!(line[key.len()], b'\t' | b'\n')
                && line.starts_with(key)
            {
                let rest = &line[key.len()..];
                let end = rest.iter().position(|&c| c == b'\n').unwrap_or(rest.len());
                let from = s - 1 + key.len();
                return self.lines.get(from..from + end);
            }
            i = (i + 1) & mask;
        }
    }

    fn contains(&self, key: &str) -> bool {
        !key.is_empty() && self.find(key).is_some()
    }

    /// The value stored with `key` (0 when the list has none), if the list has it.
    fn get(&self, key: &str) -> Option<u16> {
        if key.is_empty() {
            return None;
        }
        let rest = self.find(key)?;
        Some(rest.trim_start_matches('\t').parse().unwrap_or(0))
    }

    /// Every key (for tests).
    #[cfg(test)]
    fn keys(&self) -> Vec<&'static str> {
        self.lines
            .lines()
            .map(|l| l.split('\t').next().unwrap_or(""))
            .collect()
    }
}

/// The tables `build.rs` generates from `data/lexicons/*.txt`.
mod tables {
    use super::Table;
    include!(concat!(env!("OUT_DIR"), "/lexicon_tables.rs"));
}

/// A name list: folded names, and exact-case codes, each with a value.
struct NameMap {
    folded: &'static Table,
    codes: &'static Table,
    max_words: usize,
}

impl NameMap {
    fn get(&self, s: &str) -> Option<u16> {
        with_folded(s, |f| self.get_folded(s, f))
    }

    /// Looks up `s`, whose folded form the caller already has.
    fn get_folded(&self, s: &str, folded: &str) -> Option<u16> {
        if is_code(s) {
            // "US" is a code; "IRAN" in a headline is a name in capitals.
            if let Some(v) = self.codes.get(s) {
                return Some(v);
            }
            if s.len() < 4 {
                return None;
            }
        }
        if s.len() <= 6 && s.contains('.') && s.chars().all(|c| c == '.' || c.is_ascii_uppercase())
        {
            // "U.S." -> "US", "U.K." -> "UK".
            let mut bare = [0u8; 6];
            let mut n = 0;
            for b in s.bytes().filter(|&b| b != b'.') {
                bare[n] = b;
                n += 1;
            }
            let bare = std::str::from_utf8(&bare[..n]).unwrap_or("");
            return self.codes.get(bare);
        }
        self.folded.get(folded)
    }
}

static COUNTRIES: NameMap = NameMap {
    folded: &tables::COUNTRIES_FOLDED,
    codes: &tables::COUNTRIES_CODES,
    max_words: tables::COUNTRIES_MAX_WORDS,
};
static DEMONYMS: NameMap = NameMap {
    folded: &tables::DEMONYMS_FOLDED,
    codes: &tables::DEMONYMS_CODES,
    max_words: tables::DEMONYMS_MAX_WORDS,
};
static CITIES: NameMap = NameMap {
    folded: &tables::CITIES_FOLDED,
    codes: &tables::CITIES_CODES,
    max_words: tables::CITIES_MAX_WORDS,
};
static US_STATES: NameMap = NameMap {
    folded: &tables::US_STATES_FOLDED,
    codes: &tables::US_STATES_CODES,
    max_words: tables::US_STATES_MAX_WORDS,
};
static REGIONS: NameMap = NameMap {
    folded: &tables::REGIONS_FOLDED,
    codes: &tables::REGIONS_CODES,
    max_words: tables::REGIONS_MAX_WORDS,
};

/// Nothing is built at run time any more: the tables are compiled in. Kept
/// so that callers that warm up before timing still compile.
pub fn warm_up() {}

/// Which lists a single word is in, all looked up with one fold (the
/// tagger's word-list features ask every list for every capitalized word).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordLists {
    /// [`is_country`].
    pub country: bool,
    /// [`is_city`].
    pub city: bool,
    /// [`is_us_state`].
    pub us_state: bool,
    /// [`is_demonym`].
    pub demonym: bool,
    /// [`given_name_gender`] is some.
    pub given_name: bool,
    /// [`is_common_word`].
    pub common_word: bool,
    /// [`is_group_word`].
    pub group_word: bool,
    /// [`is_language`].
    pub language: bool,
    /// [`is_person_title`].
    pub person_title: bool,
    /// [`is_org_word`].
    pub org_word: bool,
    /// [`is_month`] or [`is_weekday`].
    pub month_or_weekday: bool,
    /// [`place_word`] is some.
    pub place_word: bool,
    /// [`is_not_name`].
    pub not_name: bool,
}

/// The lists `s` is in: the same answers as the single-list functions.
pub fn word_lists(s: &str) -> WordLists {
    with_folded(s, |f| WordLists {
        country: COUNTRIES.get_folded(s, f).is_some(),
        city: CITIES.get_folded(s, f).is_some(),
        us_state: US_STATES.get_folded(s, f).is_some(),
        demonym: DEMONYMS.get_folded(s, f).is_some(),
        given_name: tables::GIVEN_MALE.contains(f) || tables::GIVEN_FEMALE.contains(f),
        common_word: tables::COMMON.contains(f),
        group_word: tables::GROUP_WORDS.contains(f),
        language: tables::LANGUAGES.contains(f),
        person_title: tables::TITLES.contains(f),
        org_word: tables::ORG_WORDS.contains(f),
        month_or_weekday: tables::MONTHS.contains(f) || tables::WEEKDAYS.contains(f),
        place_word: tables::PLACE_WORDS.contains(f),
        not_name: tables::NOT_NAMES.contains(s),
    })
}

/// True for the name of a country or territory: "Iraq", "United States", "US", "U.S.".
pub fn is_country(s: &str) -> bool {
    COUNTRIES.get(s).is_some()
}

/// The common name of the country `s` names or is the demonym of:
/// "U.S." and "American" give "United States".
pub fn country_of(s: &str) -> Option<&'static str> {
    let i = COUNTRIES.get(s).or_else(|| DEMONYMS.get(s))?;
    tables::COUNTRY_NAMES.get(i as usize).copied()
}

/// True for a nationality word: "Iraqi", "Syrians", "Turkish".
pub fn is_demonym(s: &str) -> bool {
    DEMONYMS.get(s).is_some()
}

/// True for a city name (population 100,000 or more, or a capital): "Baghdad".
pub fn is_city(s: &str) -> bool {
    CITIES.get(s).is_some()
}

/// True for a US state name: "Texas", "New York".
pub fn is_us_state(s: &str) -> bool {
    US_STATES.get(s).is_some()
}

/// True for a region, province or constituent country, or a continent:
/// "Scotland", "Kirkuk", "Europe".
pub fn is_region(s: &str) -> bool {
    REGIONS.get(s).is_some()
}

/// True for any known place name: country, city, US state, region or continent.
pub fn is_place(s: &str) -> bool {
    with_folded(s, |f| {
        COUNTRIES.get_folded(s, f).is_some()
            || CITIES.get_folded(s, f).is_some()
            || US_STATES.get_folded(s, f).is_some()
            || REGIONS.get_folded(s, f).is_some()
    })
}

/// False when no place name of two words or more starts with the word `s`
/// (as [`is_place`] folds it), so that no phrase starting with it is one: a
/// search for such names can stop at once at most capitalized words.
pub fn may_start_place_phrase(s: &str) -> bool {
    with_folded(s, |f| tables::PLACE_FIRST_WORDS.contains(f))
}

/// What a known name is: a place (country, city, US state) or a group
/// (nationality, religious or political group, language).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    /// A country, city, US state, region or continent.
    Place,
    /// A nationality, group word or language.
    Group,
}

/// Whether `s` (a word or a phrase with single spaces) is a known place or
/// group name, folding it once: the fast path for taggers.
pub fn name_kind(s: &str) -> Option<NameKind> {
    let f = fold(s);
    if COUNTRIES.get_folded(s, &f).is_some()
        || CITIES.get_folded(s, &f).is_some()
        || US_STATES.get_folded(s, &f).is_some()
        || REGIONS.get_folded(s, &f).is_some()
    {
        Some(NameKind::Place)
    } else if DEMONYMS.get_folded(s, &f).is_some()
        || tables::GROUP_WORDS.contains(&f)
        || tables::LANGUAGES.contains(&f)
    {
        Some(NameKind::Group)
    } else {
        None
    }
}

/// The longest number of words of a known place name (for phrase matching).
pub fn place_max_words() -> usize {
    COUNTRIES
        .max_words
        .max(CITIES.max_words)
        .max(US_STATES.max_words)
        .max(REGIONS.max_words)
        .max(DEMONYMS.max_words)
}

/// The gender of a given (first) name, if it is a known one: "Antony" is male.
pub fn given_name_gender(s: &str) -> Option<Gender> {
    match with_folded(s, |f| {
        (
            tables::GIVEN_MALE.contains(f),
            tables::GIVEN_FEMALE.contains(f),
        )
    }) {
        (true, true) => Some(Gender::Either),
        (true, false) => Some(Gender::Male),
        (false, true) => Some(Gender::Female),
        (false, false) => None,
    }
}

/// True for one of the commoner US surnames (1990 census): "Warren", "Ham".
pub fn is_surname(s: &str) -> bool {
    with_folded(s, |f| tables::SURNAMES.contains(f))
}

/// True for an ordinary lower-case English word ("police", "after"), in any case.
pub fn is_common_word(s: &str) -> bool {
    with_folded(s, |f| tables::COMMON.contains(f))
}

/// True for a religious, political or ethnic group word: "Islamist", "Sunni", "Kurdish".
pub fn is_group_word(s: &str) -> bool {
    with_folded(s, |f| tables::GROUP_WORDS.contains(f))
}

/// True for the English name of a language: "Arabic", "Persian".
pub fn is_language(s: &str) -> bool {
    with_folded(s, |f| tables::LANGUAGES.contains(f))
}

/// True for a nationality, group word or language name: what is typed `group`
/// ("Iraqi", "Kurds", "Arabic").
pub fn is_group(s: &str) -> bool {
    is_demonym(s) || is_group_word(s) || is_language(s)
}

/// True for a word or phrase that is a person's title or role: "Prime Minister", "Mr.", "spokesman".
pub fn is_person_title(s: &str) -> bool {
    with_folded(s, |f| tables::TITLES.contains(f))
}

/// The gender a person title tells, if any: "Mrs." and "Queen" are female,
/// "Mr." and "spokesman" male, "President" neither.
pub fn title_gender(s: &str) -> Option<Gender> {
    match with_folded(s, |f| tables::TITLES.get(f)) {
        Some(1) => Some(Gender::Male),
        Some(2) => Some(Gender::Female),
        _ => None,
    }
}

/// The number of leading words of `words` that form the longest person title, or 0.
///
/// `["Secretary", "of", "State", "Antony"]` gives 3.
pub fn title_len(words: &[&str]) -> usize {
    let Some(first) = words.first() else {
        return 0;
    };
    // Cheap gate first: (first letter, length) pairs that start a title.
    let b = first.as_bytes();
    let lead = b.first().map_or(0, u8::to_ascii_lowercase) as usize;
    if tables::TITLE_GATE[lead] & (1 << b.len().min(31)) == 0 {
        return 0;
    }
    let first = fold(first);
    if !tables::TITLE_FIRST.contains(&first) {
        return 0;
    }
    let max = tables::TITLE_MAX_WORDS.min(words.len());
    let mut key = String::new();
    let mut best = 0;
    for n in 1..=max {
        if n > 1 {
            key.push(' ');
        }
        key.push_str(&fold(words[n - 1]));
        if tables::TITLES.contains(&key) {
            best = n;
        }
    }
    best
}

/// True for a word that makes a capitalized name an organization: "Ministry", "Inc", "Party".
pub fn is_org_word(s: &str) -> bool {
    with_folded(s, |f| tables::ORG_WORDS.contains(f))
}

/// True for a lower-case word that ends an organization's name in news style: "group", "party".
pub fn is_org_trailing_word(s: &str) -> bool {
    tables::ORG_TRAILING.contains(s)
}

/// True for a word that ends the name of an event, a work, a law or a
/// prize: "Cup", "Games", "Treaty", "Act".
pub fn is_misc_word(s: &str) -> bool {
    with_folded(s, |f| tables::MISC_WORDS.contains(f))
}

/// Where `s` sits in a place name if it is a place word: "River" ends one, "Mount" starts one.
pub fn place_word(s: &str) -> Option<PlaceWordPosition> {
    match with_folded(s, |f| tables::PLACE_WORDS.get(f))? {
        1 => Some(PlaceWordPosition::Start),
        _ => Some(PlaceWordPosition::End),
    }
}

/// True for a month name or its abbreviation: "January", "Jan.".
pub fn is_month(s: &str) -> bool {
    with_folded(s, |f| tables::MONTHS.contains(f))
}

/// True for a day-of-week name or its abbreviation: "Friday", "Fri.".
pub fn is_weekday(s: &str) -> bool {
    with_folded(s, |f| tables::WEEKDAYS.contains(f))
}

/// True for a lower-case particle inside a person's name: "bin", "van", "de".
pub fn is_name_connector(s: &str) -> bool {
    tables::CONNECTORS.contains(s)
}

/// True for a capitalized word that is never a name on its own: "I", "OK", "TV".
pub fn is_not_name(s: &str) -> bool {
    tables::NOT_NAMES.contains(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_and_codes() {
        for (s, want) in [
            ("Iraq", true),
            ("IRAQ", true),
            ("United States", true),
            ("united states", true),
            ("US", true),
            ("U.S.", true),
            ("UK", true),
            ("us", false),
            ("Us", false),
            ("Turkey", true),
            ("Britain", true),
            ("Iraqi", false),
            ("Baghdad", false),
        ] {
            assert_eq!(is_country(s), want, "{s}");
        }
        assert_eq!(country_of("U.S."), Some("United States"));
        assert_eq!(country_of("Americans"), Some("United States"));
        assert_eq!(country_of("Syrian"), Some("Syria"));
    }

    #[test]
    fn demonyms_cities_groups() {
        for s in [
            "Iraqi",
            "Iraqis",
            "Syrians",
            "Turkish",
            "American",
            "South Korean",
        ] {
            assert!(is_demonym(s), "{s}");
        }
        for s in ["Baghdad", "Ankara", "London", "Mosul"] {
            assert!(is_city(s), "{s}");
        }
        assert!(!is_city("Nice"), "common words are left out");
        assert!(is_us_state("Texas"));
        for s in [
            "Kurdish",
            "Islamist",
            "Sunni",
            "Shiite",
            "Republicans",
            "Democrats",
        ] {
            assert!(is_group(s), "{s}");
        }
    }

    #[test]
    fn given_names_keep_gender() {
        assert_eq!(given_name_gender("Antony"), Some(Gender::Male));
        assert_eq!(given_name_gender("Mary"), Some(Gender::Female));
        assert_eq!(given_name_gender("ANTONY"), Some(Gender::Male));
        assert_eq!(given_name_gender("Blinken"), None);
    }

    #[test]
    fn titles_longest_first() {
        assert_eq!(title_len(&["Secretary", "of", "State", "Antony"]), 3);
        assert_eq!(title_len(&["Prime", "Minister", "Mohammed"]), 2);
        assert_eq!(title_len(&["Mr.", "Smith"]), 1);
        assert_eq!(title_len(&["spokesman", "John"]), 1);
        assert_eq!(title_len(&["Antony", "Blinken"]), 0);
        assert_eq!(title_len(&[]), 0);
        assert_eq!(title_gender("Mrs."), Some(Gender::Female));
        assert_eq!(title_gender("spokesman"), Some(Gender::Male));
        assert_eq!(title_gender("President"), None);
    }

    #[test]
    fn closed_classes() {
        assert!(is_org_word("Ministry") && is_org_word("inc") && is_org_word("Party"));
        assert!(is_org_trailing_word("group") && !is_org_trailing_word("forces"));
        assert_eq!(place_word("River"), Some(PlaceWordPosition::End));
        assert_eq!(place_word("Mount"), Some(PlaceWordPosition::Start));
        assert!(is_month("Jan.") && is_month("january") && !is_month("Jan"));
        assert!(is_weekday("Friday") && !is_weekday("Fri"));
        assert!(is_common_word("Police") && is_common_word("after") && !is_common_word("Blinken"));
        assert!(is_name_connector("bin") && is_not_name("OK"));
    }

    /// The build script folds the keys as `fold` folds a query: every stored
    /// folded key is its own fold, so a query that folds to it finds it.
    #[test]
    fn stored_keys_are_folded_and_sorted() {
        let folded = [
            &tables::COUNTRIES_FOLDED,
            &tables::DEMONYMS_FOLDED,
            &tables::CITIES_FOLDED,
            &tables::REGIONS_FOLDED,
            &tables::US_STATES_FOLDED,
            &tables::GIVEN_MALE,
            &tables::GIVEN_FEMALE,
            &tables::TITLES,
            &tables::PLACE_WORDS,
            &tables::MONTHS,
        ];
        for t in folded {
            let keys = t.keys();
            assert!(!keys.is_empty());
            for k in &keys {
                assert_eq!(fold(k), *k);
                assert!(t.contains(k), "{k}");
            }
            assert!(keys.windows(2).all(|w| w[0] < w[1]));
        }
        assert_eq!(tables::COMMON.keys().len(), 42568);
        assert!(!is_common_word("") && !is_country("") && given_name_gender("").is_none());
    }

    /// Every place name of several words starts with a word that
    /// `may_start_place_phrase` admits, as written in the list or in
    /// capitals (where those are still the place), so the phrase search it cuts short never misses one; and
    /// it turns away the usual capitalized words of news.
    #[test]
    fn place_phrases_start_with_an_admitted_word() {
        let places = [
            &tables::COUNTRIES_FOLDED,
            &tables::CITIES_FOLDED,
            &tables::REGIONS_FOLDED,
            &tables::US_STATES_FOLDED,
        ];
        let mut several = 0;
        for t in places {
            for k in t.keys() {
                let Some((first, _)) = k.split_once(' ') else {
                    continue;
                };
                several += 1;
                assert!(is_place(k), "{k}");
                assert!(may_start_place_phrase(first), "{k}");
                let upper = k.to_uppercase();
                if is_place(&upper) {
                    let first = upper.split(' ').next().unwrap_or("");
                    assert!(may_start_place_phrase(first), "{upper}");
                }
            }
        }
        assert!(several > 1000, "{several}");
        assert!(is_place("New York") && may_start_place_phrase("New"));
        assert!(is_place("Bosnia and Herzegovina") && may_start_place_phrase("Bosnia"));
        for w in ["Blinken", "Trump", "President", "Monday", "Baghdad"] {
            assert!(!may_start_place_phrase(w), "{w}");
        }
    }

    /// Every table's index finds each key with what follows it on its line,
    /// and a near key (one byte more or less, another case) exactly when
    /// the list has it: checked against a map of the lines, so that the
    /// tags in the slots never reject a key of the list nor accept another.
    #[test]
    fn index_finds_exactly_the_listed_keys() {
        use tables::*;
        let all = [
            &COUNTRIES_FOLDED,
            &COUNTRIES_CODES,
            &DEMONYMS_FOLDED,
            &DEMONYMS_CODES,
            &CITIES_FOLDED,
            &CITIES_CODES,
            &US_STATES_FOLDED,
            &US_STATES_CODES,
            &REGIONS_FOLDED,
            &REGIONS_CODES,
            &GIVEN_MALE,
            &GIVEN_FEMALE,
            &SURNAMES,
            &ORG_WORDS,
            &ORG_TRAILING,
            &MISC_WORDS,
            &GROUP_WORDS,
            &LANGUAGES,
            &MONTHS,
            &WEEKDAYS,
            &COMMON,
            &CONNECTORS,
            &NOT_NAMES,
            &TITLES,
            &TITLE_FIRST,
            &PLACE_WORDS,
        ];
        for t in all {
            let lines: StdHashMap<&str, &str> = t
                .lines
                .lines()
                .map(|l| l.find('\t').map_or((l, ""), |k| (&l[..k], &l[k..])))
                .collect();
            assert_eq!(lines.len(), t.n);
            for (&k, &rest) in &lines {
                assert_eq!(t.find(k), Some(rest), "{k}");
                let mut longer = k.to_string();
                longer.push('s');
                let shorter = &k[..k.char_indices().last().map_or(0, |(i, _)| i)];
                for probe in [
                    longer.as_str(),
                    shorter,
                    &k.to_uppercase(),
                    &k.to_lowercase(),
                ] {
                    let want = if probe.is_empty() {
                        None
                    } else {
                        lines.get(probe).copied()
                    };
                    assert_eq!(t.find(probe), want, "{probe}");
                }
            }
        }
    }

    #[test]
    fn word_lists_agree_with_the_single_lists() {
        for w in [
            "Iraq",
            "IRAQ",
            "US",
            "U.S.",
            "us",
            "Baghdad",
            "Texas",
            "Iraqi",
            "Antony",
            "Mary",
            "Police",
            "police",
            "Sunni",
            "Arabic",
            "Mr.",
            "President",
            "Ministry",
            "Jan.",
            "Friday",
            "River",
            "OK",
            "I",
            "",
            "Côte d’Ivoire",
            "Blinken",
            "UAE",
            "NEW",
        ] {
            let got = word_lists(w);
            let want = WordLists {
                country: is_country(w),
                city: is_city(w),
                us_state: is_us_state(w),
                demonym: is_demonym(w),
                given_name: given_name_gender(w).is_some(),
                common_word: is_common_word(w),
                group_word: is_group_word(w),
                language: is_language(w),
                person_title: is_person_title(w),
                org_word: is_org_word(w),
                month_or_weekday: is_month(w) || is_weekday(w),
                place_word: place_word(w).is_some(),
                not_name: is_not_name(w),
            };
            assert_eq!(got, want, "{w}");
        }
    }

    #[test]
    fn fold_is_lookup_only() {
        assert_eq!(fold("Côte d’Ivoire"), "côte d'ivoire");
        assert!(matches!(fold("plain"), Cow::Borrowed(_)));
        assert!(is_country("Côte d’Ivoire"));
    }
}
