//! Word lists: countries, demonyms, cities, US states, given names, common
//! words, and the hand-written closed-class lists (titles, organization
//! words, group words, months, days).
//!
//! Decision: the lists are text files in `data/lexicons/` compiled into the
//! binary with `include_str!` and parsed once, on first use, into hash maps
//! keyed by a folded form (lower case, curly apostrophe made straight). The
//! generated lists come from registry packages through
//! `scripts/lexicons/generate.mjs`; the build never needs npm. Cost: about
//! 170 KB gzipped in the wasm module, and a few milliseconds to build the
//! maps on the first analysis.
//!
//! Lookups are case-insensitive (a headline in capitals still finds "IRAQ"),
//! except short all-capital codes ("US", "UK", "UAE"), which match only as
//! written so that the word "us" is not a country. Folding is for lookup
//! only: the text itself is never changed.

use std::borrow::Cow;
use std::collections::{HashMap as StdHashMap, HashSet as StdHashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

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

/// The entry lines of a list file: comments (`#`) and blank lines skipped.
fn entries(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// True for a short code written in capitals ("US", "UAE"): matched as written only.
fn is_code(s: &str) -> bool {
    s.len() <= 4 && s.chars().all(|c| c.is_ascii_uppercase())
}

/// A name list mapping folded names to a value, with exact-case codes.
struct NameMap<V: Copy> {
    folded: HashMap<String, V>,
    codes: HashMap<&'static str, V>,
    max_words: usize,
}

impl<V: Copy> NameMap<V> {
    fn new() -> Self {
        NameMap {
            folded: HashMap::default(),
            codes: HashMap::default(),
            max_words: 1,
        }
    }

    fn insert(&mut self, name: &'static str, v: V) {
        self.max_words = self.max_words.max(name.split(' ').count());
        if is_code(name) {
            self.codes.entry(name).or_insert(v);
        } else {
            self.folded.entry(fold(name).into_owned()).or_insert(v);
        }
    }

    fn get(&self, s: &str) -> Option<V> {
        self.get_folded(s, &fold(s))
    }

    /// Looks up `s`, whose folded form the caller already has.
    fn get_folded(&self, s: &str, folded: &str) -> Option<V> {
        if is_code(s) {
            // "US" is a code; "IRAN" in a headline is a name in capitals.
            if let Some(v) = self.codes.get(s) {
                return Some(*v);
            }
            if s.len() < 4 {
                return None;
            }
        }
        if s.len() <= 6 && s.contains('.') && s.chars().all(|c| c == '.' || c.is_ascii_uppercase())
        {
            // "U.S." -> "US", "U.K." -> "UK".
            let bare: String = s.chars().filter(|&c| c != '.').collect();
            return self.codes.get(bare.as_str()).copied();
        }
        self.folded.get(folded).copied()
    }
}

struct Lexicon {
    /// Country names -> index into `country_names` (the common name).
    countries: NameMap<u16>,
    country_names: Vec<&'static str>,
    /// Demonyms -> index into `country_names`.
    demonyms: NameMap<u16>,
    cities: NameMap<()>,
    us_states: NameMap<()>,
    regions: NameMap<()>,
    given: HashMap<String, Gender>,
    common: HashSet<&'static str>,
    titles: HashSet<String>,
    title_genders: HashMap<String, Gender>,
    /// First words of the titles, to reject most words with one lookup.
    title_first: HashSet<String>,
    /// `title_gate[first_byte * 32 + min(len, 31)]`: some title starts with such a word.
    title_gate: Vec<bool>,
    title_max_words: usize,
    org_words: HashSet<String>,
    org_trailing: HashSet<String>,
    misc_words: HashSet<String>,
    place_words: HashMap<String, PlaceWordPosition>,
    group_words: HashSet<String>,
    languages: HashSet<String>,
    months: HashSet<String>,
    weekdays: HashSet<String>,
    connectors: HashSet<&'static str>,
    not_names: HashSet<&'static str>,
}

macro_rules! list {
    ($name:literal) => {
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/lexicons/",
            $name
        ))
    };
}

fn folded_set(text: &'static str) -> HashSet<String> {
    entries(text).map(|e| fold(e).into_owned()).collect()
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut country_names: Vec<&'static str> = Vec::new();
    let mut country_index: HashMap<&'static str, u16> = HashMap::default();
    let mut index_of = |name: &'static str| -> u16 {
        *country_index.entry(name).or_insert_with(|| {
            country_names.push(name);
            (country_names.len() - 1) as u16
        })
    };
    let mut countries = NameMap::new();
    for line in entries(list!("countries.txt")) {
        let (name, canon) = line.split_once('\t').unwrap_or((line, line));
        let i = index_of(canon);
        countries.insert(name, i);
    }
    let mut demonyms = NameMap::new();
    for line in entries(list!("demonyms.txt")) {
        let (name, canon) = line.split_once('\t').unwrap_or((line, line));
        let i = index_of(canon);
        demonyms.insert(name, i);
    }
    let mut cities = NameMap::new();
    for name in entries(list!("cities.txt")) {
        cities.insert(name, ());
    }
    let mut us_states = NameMap::new();
    for name in entries(list!("us_states.txt")) {
        us_states.insert(name, ());
    }
    let mut regions = NameMap::new();
    for name in entries(list!("regions.txt")) {
        regions.insert(name, ());
    }
    let mut given: HashMap<String, Gender> = HashMap::default();
    for name in entries(list!("given_names_male.txt")) {
        given.insert(fold(name).into_owned(), Gender::Male);
    }
    for name in entries(list!("given_names_female.txt")) {
        let g = given
            .entry(fold(name).into_owned())
            .or_insert(Gender::Female);
        if *g == Gender::Male {
            *g = Gender::Either;
        }
    }
    let mut titles = HashSet::default();
    let mut title_genders = HashMap::default();
    for line in entries(list!("person_titles.txt")) {
        let (title, gender) = match line.split_once('\t') {
            Some((t, "male")) => (t, Some(Gender::Male)),
            Some((t, "female")) => (t, Some(Gender::Female)),
            Some((t, _)) => (t, None),
            None => (line, None),
        };
        let key = fold(title).into_owned();
        if let Some(g) = gender {
            title_genders.insert(key.clone(), g);
        }
        titles.insert(key);
    }
    let title_first: HashSet<String> = titles
        .iter()
        .map(|t| t.split(' ').next().unwrap_or("").to_string())
        .collect();
    let mut title_gate = vec![false; 256 * 32];
    for w in &title_first {
        let b = w.as_bytes();
        if let Some(&c) = b.first() {
            title_gate[(c.to_ascii_lowercase() as usize) * 32 + b.len().min(31)] = true;
        }
    }
    let title_max_words = titles
        .iter()
        .map(|t| t.split(' ').count())
        .max()
        .unwrap_or(1);
    let mut place_words = HashMap::default();
    for line in entries(list!("place_words.txt")) {
        let (word, pos) = match line.split_once('\t') {
            Some((w, "start")) => (w, PlaceWordPosition::Start),
            Some((w, _)) => (w, PlaceWordPosition::End),
            None => (line, PlaceWordPosition::End),
        };
        place_words.insert(fold(word).into_owned(), pos);
    }
    Lexicon {
        countries,
        country_names,
        demonyms,
        cities,
        us_states,
        regions,
        given,
        common: entries(list!("common_words.txt")).collect(),
        titles,
        title_genders,
        title_first,
        title_gate,
        title_max_words,
        org_words: folded_set(list!("org_words.txt")),
        org_trailing: folded_set(list!("org_trailing_words.txt")),
        misc_words: folded_set(list!("misc_words.txt")),
        place_words,
        group_words: folded_set(list!("group_words.txt")),
        languages: folded_set(list!("languages.txt")),
        months: folded_set(list!("months.txt")),
        weekdays: folded_set(list!("weekdays.txt")),
        connectors: entries(list!("name_connectors.txt")).collect(),
        not_names: entries(list!("not_names.txt")).collect(),
    }
});

/// Builds the lookup tables now rather than on the first analysis.
pub fn warm_up() {
    LazyLock::force(&LEXICON);
}

/// True for the name of a country or territory: "Iraq", "United States", "US", "U.S.".
pub fn is_country(s: &str) -> bool {
    LEXICON.countries.get(s).is_some()
}

/// The common name of the country `s` names or is the demonym of:
/// "U.S." and "American" give "United States".
pub fn country_of(s: &str) -> Option<&'static str> {
    let lx = &*LEXICON;
    let i = lx.countries.get(s).or_else(|| lx.demonyms.get(s))?;
    lx.country_names.get(i as usize).copied()
}

/// True for a nationality word: "Iraqi", "Syrians", "Turkish".
pub fn is_demonym(s: &str) -> bool {
    LEXICON.demonyms.get(s).is_some()
}

/// True for a city name (population 100,000 or more, or a capital): "Baghdad".
pub fn is_city(s: &str) -> bool {
    LEXICON.cities.get(s).is_some()
}

/// True for a US state name: "Texas", "New York".
pub fn is_us_state(s: &str) -> bool {
    LEXICON.us_states.get(s).is_some()
}

/// True for a region, province or constituent country, or a continent:
/// "Scotland", "Kirkuk", "Europe".
pub fn is_region(s: &str) -> bool {
    LEXICON.regions.get(s).is_some()
}

/// True for any known place name: country, city, US state, region or continent.
pub fn is_place(s: &str) -> bool {
    is_country(s) || is_city(s) || is_us_state(s) || is_region(s)
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
    let lx = &*LEXICON;
    let f = fold(s);
    if lx.countries.get_folded(s, &f).is_some()
        || lx.cities.get_folded(s, &f).is_some()
        || lx.us_states.get_folded(s, &f).is_some()
        || lx.regions.get_folded(s, &f).is_some()
    {
        Some(NameKind::Place)
    } else if lx.demonyms.get_folded(s, &f).is_some()
        || lx.group_words.contains(f.as_ref())
        || lx.languages.contains(f.as_ref())
    {
        Some(NameKind::Group)
    } else {
        None
    }
}

/// The longest number of words of a known place name (for phrase matching).
pub fn place_max_words() -> usize {
    let lx = &*LEXICON;
    lx.countries
        .max_words
        .max(lx.cities.max_words)
        .max(lx.us_states.max_words)
        .max(lx.regions.max_words)
        .max(lx.demonyms.max_words)
}

/// The gender of a given (first) name, if it is a known one: "Antony" is male.
pub fn given_name_gender(s: &str) -> Option<Gender> {
    LEXICON.given.get(fold(s).as_ref()).copied()
}

/// True for an ordinary lower-case English word ("police", "after"), in any case.
pub fn is_common_word(s: &str) -> bool {
    LEXICON.common.contains(fold(s).as_ref())
}

/// True for a religious, political or ethnic group word: "Islamist", "Sunni", "Kurdish".
pub fn is_group_word(s: &str) -> bool {
    LEXICON.group_words.contains(fold(s).as_ref())
}

/// True for the English name of a language: "Arabic", "Persian".
pub fn is_language(s: &str) -> bool {
    LEXICON.languages.contains(fold(s).as_ref())
}

/// True for a nationality, group word or language name: what is typed `group`
/// ("Iraqi", "Kurds", "Arabic").
pub fn is_group(s: &str) -> bool {
    is_demonym(s) || is_group_word(s) || is_language(s)
}

/// True for a word or phrase that is a person's title or role: "Prime Minister", "Mr.", "spokesman".
pub fn is_person_title(s: &str) -> bool {
    LEXICON.titles.contains(fold(s).as_ref())
}

/// The gender a person title tells, if any: "Mrs." and "Queen" are female,
/// "Mr." and "spokesman" male, "President" neither.
pub fn title_gender(s: &str) -> Option<Gender> {
    LEXICON.title_genders.get(fold(s).as_ref()).copied()
}

/// The number of leading words of `words` that form the longest person title, or 0.
///
/// `["Secretary", "of", "State", "Antony"]` gives 3.
pub fn title_len(words: &[&str]) -> usize {
    let lx = &*LEXICON;
    let Some(first) = words.first() else {
        return 0;
    };
    // Cheap gate first: (first letter, length) pairs that start a title.
    let b = first.as_bytes();
    let gate = (b.first().map_or(0, u8::to_ascii_lowercase) as usize) * 32 + b.len().min(31);
    if !lx.title_gate[gate] {
        return 0;
    }
    let first = fold(first);
    if !lx.title_first.contains(first.as_ref()) {
        return 0;
    }
    let max = lx.title_max_words.min(words.len());
    let mut key = String::new();
    let mut best = 0;
    for n in 1..=max {
        if n > 1 {
            key.push(' ');
        }
        key.push_str(&fold(words[n - 1]));
        if lx.titles.contains(&key) {
            best = n;
        }
    }
    best
}

/// True for a word that makes a capitalized name an organization: "Ministry", "Inc", "Party".
pub fn is_org_word(s: &str) -> bool {
    LEXICON.org_words.contains(fold(s).as_ref())
}

/// True for a lower-case word that ends an organization's name in news style: "group", "party".
pub fn is_org_trailing_word(s: &str) -> bool {
    LEXICON.org_trailing.contains(s)
}

/// True for a word that ends the name of an event, a work, a law or a
/// prize: "Cup", "Games", "Treaty", "Act".
pub fn is_misc_word(s: &str) -> bool {
    LEXICON.misc_words.contains(fold(s).as_ref())
}

/// Where `s` sits in a place name if it is a place word: "River" ends one, "Mount" starts one.
pub fn place_word(s: &str) -> Option<PlaceWordPosition> {
    LEXICON.place_words.get(fold(s).as_ref()).copied()
}

/// True for a month name or its abbreviation: "January", "Jan.".
pub fn is_month(s: &str) -> bool {
    LEXICON.months.contains(fold(s).as_ref())
}

/// True for a day-of-week name or its abbreviation: "Friday", "Fri.".
pub fn is_weekday(s: &str) -> bool {
    LEXICON.weekdays.contains(fold(s).as_ref())
}

/// True for a lower-case particle inside a person's name: "bin", "van", "de".
pub fn is_name_connector(s: &str) -> bool {
    LEXICON.connectors.contains(s)
}

/// True for a capitalized word that is never a name on its own: "I", "OK", "TV".
pub fn is_not_name(s: &str) -> bool {
    LEXICON.not_names.contains(s)
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

    #[test]
    fn fold_is_lookup_only() {
        assert_eq!(fold("Côte d’Ivoire"), "côte d'ivoire");
        assert!(matches!(fold("plain"), Cow::Borrowed(_)));
        assert!(is_country("Côte d’Ivoire"));
    }
}
