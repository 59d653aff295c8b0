//! Compiles the word lists of `data/lexicons/` into lookup tables.
//!
//! Each list becomes one sorted table (see `src/entities/lexicon.rs`): its
//! keys, already folded for lookup the way `lexicon::fold` folds a query,
//! sorted bytewise, one a line, so that a lookup is a binary search over the
//! text and nothing is parsed or allocated when the program runs. A value
//! (a country's common name as an index, a title's gender, a place word's
//! position) follows its key after a tab.
//!
//! `fold` below must match `lexicon::fold` exactly; a unit test there checks
//! that every stored key is a fixed point of the runtime fold.
//!
//! It also compiles the date, time, money and percent patterns of
//! `src/entities/patterns.rs` into anchored sparse DFAs
//! (`OUT_DIR/rules_*.dfa`, see `src/entities/rules.rs`), so that no regular
//! expression is compiled when the program runs.
//!
//! And it lays the name model `models/ner.bin` out flat
//! (`OUT_DIR/ner.flat`, `format::to_flat`), the form the tagger reads in
//! place, so that the compiled-in model is not decoded when the program
//! runs. The file stays the one training writes; the flat form is derived
//! from it with the same code the crate uses (`src/entities/model/format.rs`).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

/// Lower case, curly apostrophes made straight: `lexicon::fold`.
fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\u{2019}' | '\u{02BC}' => out.push('\''),
            c if c.is_uppercase() => out.extend(c.to_lowercase()),
            c => out.push(c),
        }
    }
    out
}

/// A short code written in capitals ("US", "UAE"): matched as written only.
fn is_code(s: &str) -> bool {
    s.len() <= 4 && s.chars().all(|c| c.is_ascii_uppercase())
}

fn entries(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim_end)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// Keys (with a value each) to be written as one table.
#[derive(Default)]
struct Keys {
    map: BTreeMap<String, u16>,
}

impl Keys {
    /// Adds `key` unless present (the first value wins).
    fn first(&mut self, key: String, v: u16) {
        self.map.entry(key).or_insert(v);
    }
    /// Adds `key`, replacing any earlier value (the last value wins).
    fn last(&mut self, key: String, v: u16) {
        self.map.insert(key, v);
    }
}

/// Writes the keys of a table, sorted, one a line (`key` or `key<TAB>value`
/// when `vals`), to `OUT_DIR/NAME.txt`, and `static NAME: Table` reading it.
fn emit(out: &mut String, name: &str, keys: &Keys, vals: bool) {
    let mut lines = String::new();
    for (k, v) in &keys.map {
        lines.push_str(k);
        if vals {
            let _ = write!(lines, "\t{v}");
        }
        lines.push('\n');
    }
    let file = format!("{name}.txt");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join(&file);
    std::fs::write(&dest, lines).unwrap_or_else(|e| panic!("{}: {e}", dest.display()));
    let _ = writeln!(
        out,
        "pub(super) static {name}: Table = Table::new(include_str!(concat!(env!(\"OUT_DIR\"), \"/{file}\")), {});",
        keys.map.len()
    );
}

/// A list of names: folded names and exact-case codes, as `lexicon::NameMap`.
struct Names {
    folded: Keys,
    codes: Keys,
    max_words: usize,
}

impl Names {
    fn new() -> Names {
        Names {
            folded: Keys::default(),
            codes: Keys::default(),
            max_words: 1,
        }
    }
    fn insert(&mut self, name: &str, v: u16) {
        self.max_words = self.max_words.max(name.split(' ').count());
        if is_code(name) {
            self.codes.first(name.to_string(), v);
        } else {
            self.folded.first(fold(name), v);
        }
    }
    fn emit(&self, out: &mut String, name: &str, vals: bool) {
        emit(out, &format!("{name}_FOLDED"), &self.folded, vals);
        emit(out, &format!("{name}_CODES"), &self.codes, vals);
        let _ = writeln!(
            out,
            "pub(super) const {name}_MAX_WORDS: usize = {};",
            self.max_words
        );
    }
}

mod patterns {
    include!("src/entities/patterns.rs");
}

/// Compiles each pattern into a minimized anchored DFA, leftmost-first, and
/// writes it in regex-automata's little-endian sparse serialization.
fn compile_patterns() {
    use regex_automata::dfa::{dense, StartKind};
    use regex_automata::MatchKind;
    println!("cargo:rerun-if-changed=src/entities/patterns.rs");
    let out = Path::new(&std::env::var("OUT_DIR").unwrap()).to_path_buf();
    for (name, pattern) in patterns::patterns() {
        let dfa = dense::Builder::new()
            .configure(
                dense::Config::new()
                    .minimize(true)
                    .start_kind(StartKind::Anchored)
                    .match_kind(MatchKind::LeftmostFirst),
            )
            .build(&pattern)
            .unwrap_or_else(|e| panic!("pattern {name}: {e}"));
        let sparse = dfa
            .to_sparse()
            .unwrap_or_else(|e| panic!("pattern {name}: {e}"));
        let dest = out.join(format!("rules_{}.dfa", name.to_ascii_lowercase()));
        std::fs::write(&dest, sparse.to_bytes_little_endian())
            .unwrap_or_else(|e| panic!("{}: {e}", dest.display()));
    }
}

#[path = "src/entities/model/tags.rs"]
#[allow(dead_code)]
mod tags;

#[path = "src/entities/model/format.rs"]
#[allow(dead_code)]
mod format;

/// Writes the flat layout of `models/ner.bin`; fails the build when the
/// file is not one this crate reads (wrong version: retrain).
fn flatten_model() {
    let src = Path::new(&std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("models/ner.bin");
    println!("cargo:rerun-if-changed={}", src.display());
    println!("cargo:rerun-if-changed=src/entities/model/format.rs");
    println!("cargo:rerun-if-changed=src/entities/model/tags.rs");
    let bytes = std::fs::read(&src).unwrap_or_else(|e| panic!("{}: {e}", src.display()));
    let model =
        format::ModelData::from_bytes(&bytes).unwrap_or_else(|e| panic!("{}: {e}", src.display()));
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("ner.flat");
    std::fs::write(&dest, format::to_flat(&model))
        .unwrap_or_else(|e| panic!("{}: {e}", dest.display()));
}

fn main() {
    compile_patterns();
    flatten_model();
    let dir = Path::new(&std::env::var("CARGO_MANIFEST_DIR").unwrap()).join("data/lexicons");
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=data/lexicons");
    let read = |name: &str| {
        let p = dir.join(name);
        println!("cargo:rerun-if-changed={}", p.display());
        std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
    };
    let mut out = String::from("// Generated by build.rs from data/lexicons/*.txt: do not edit.\n");

    // Countries and demonyms share the list of common country names.
    let mut canon: Vec<String> = Vec::new();
    let mut index_of = |name: &str| -> u16 {
        match canon.iter().position(|c| c == name) {
            Some(i) => i as u16,
            None => {
                canon.push(name.to_string());
                (canon.len() - 1) as u16
            }
        }
    };
    let mut countries = Names::new();
    for line in entries(&read("countries.txt")) {
        let (name, c) = line.split_once('\t').unwrap_or((line, line));
        let i = index_of(c);
        countries.insert(name, i);
    }
    let mut demonyms = Names::new();
    for line in entries(&read("demonyms.txt")) {
        let (name, c) = line.split_once('\t').unwrap_or((line, line));
        let i = index_of(c);
        demonyms.insert(name, i);
    }
    // The first words of the place names of more than one word (folded), so
    // that a phrase search stops at once at a word no such name starts with
    // (`lexicon::may_start_place_phrase`).
    let mut place_first = Keys::default();
    let mut first_words = |n: &Names| {
        for k in n.folded.map.keys() {
            if let Some((first, _)) = k.split_once(' ') {
                place_first.first(first.to_string(), 0);
            }
        }
    };
    first_words(&countries);
    countries.emit(&mut out, "COUNTRIES", true);
    demonyms.emit(&mut out, "DEMONYMS", true);
    let _ = writeln!(
        out,
        "pub(super) static COUNTRY_NAMES: &[&str] = &{canon:?};"
    );
    for (file, name) in [
        ("cities.txt", "CITIES"),
        ("us_states.txt", "US_STATES"),
        ("regions.txt", "REGIONS"),
    ] {
        let mut n = Names::new();
        for e in entries(&read(file)) {
            n.insert(e, 0);
        }
        first_words(&n);
        n.emit(&mut out, name, false);
    }
    emit(&mut out, "PLACE_FIRST_WORDS", &place_first, false);

    // Sets of folded words.
    for (file, name) in [
        ("given_names_male.txt", "GIVEN_MALE"),
        ("given_names_female.txt", "GIVEN_FEMALE"),
        ("surnames.txt", "SURNAMES"),
        ("org_words.txt", "ORG_WORDS"),
        ("org_trailing_words.txt", "ORG_TRAILING"),
        ("misc_words.txt", "MISC_WORDS"),
        ("group_words.txt", "GROUP_WORDS"),
        ("languages.txt", "LANGUAGES"),
        ("months.txt", "MONTHS"),
        ("weekdays.txt", "WEEKDAYS"),
    ] {
        let mut k = Keys::default();
        for e in entries(&read(file)) {
            k.first(fold(e), 0);
        }
        emit(&mut out, name, &k, false);
    }
    // Sets matched as written (a query is folded, or not, by the caller).
    for (file, name) in [
        ("common_words.txt", "COMMON"),
        ("name_connectors.txt", "CONNECTORS"),
        ("not_names.txt", "NOT_NAMES"),
    ] {
        let mut k = Keys::default();
        for e in entries(&read(file)) {
            k.first(e.to_string(), 0);
        }
        emit(&mut out, name, &k, false);
    }

    // Person titles: gender 0 none, 1 male, 2 female (the last marked wins),
    // the first words of the titles, and which (first letter, length) pairs
    // start one.
    let mut titles = Keys::default();
    for line in entries(&read("person_titles.txt")) {
        let (title, gender) = match line.split_once('\t') {
            Some((t, "male")) => (t, Some(1)),
            Some((t, "female")) => (t, Some(2)),
            Some((t, _)) => (t, None),
            None => (line, None),
        };
        let key = fold(title);
        match gender {
            Some(g) => titles.last(key, g),
            None => titles.first(key, 0),
        }
    }
    let mut title_first = Keys::default();
    let mut gate = [0u32; 256];
    let mut title_max_words = 1;
    for t in titles.map.keys() {
        let w = t.split(' ').next().unwrap_or("");
        title_max_words = title_max_words.max(t.split(' ').count());
        if let Some(&c) = w.as_bytes().first() {
            gate[c.to_ascii_lowercase() as usize] |= 1 << w.len().min(31);
        }
        title_first.first(w.to_string(), 0);
    }
    emit(&mut out, "TITLES", &titles, true);
    emit(&mut out, "TITLE_FIRST", &title_first, false);
    let _ = writeln!(out, "pub(super) static TITLE_GATE: [u32; 256] = {gate:?};");
    let _ = writeln!(
        out,
        "pub(super) const TITLE_MAX_WORDS: usize = {title_max_words};"
    );

    // Place words: 0 ends a name, 1 starts one (the last entry wins).
    let mut place = Keys::default();
    for line in entries(&read("place_words.txt")) {
        let (word, start) = match line.split_once('\t') {
            Some((w, "start")) => (w, 1),
            Some((w, _)) => (w, 0),
            None => (line, 0),
        };
        place.last(fold(word), start);
    }
    emit(&mut out, "PLACE_WORDS", &place, true);

    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("lexicon_tables.rs");
    std::fs::write(&dest, out).unwrap_or_else(|e| panic!("{}: {e}", dest.display()));
}
