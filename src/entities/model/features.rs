//! Features: what the tagger sees of each token.
//!
//! Decided: every feature is a 32-bit key made by hashing a template number
//! with hashes of token properties computed once per token (normalized word,
//! lowercase, shape, affixes, cluster, word-list membership). No feature
//! string is ever built, so extraction allocates nothing per feature and runs
//! the same way in training and at run time. The cost is that two different
//! features may share a key (about one pair in a million keys collides) and
//! that the model file cannot list its features by name.
//!
//! Text is normalized only as the features see it: curly and straight
//! apostrophes are one char, so are all double quotation marks and all
//! dashes, and digits read as `0`. Sentences whose capitalization carries no
//! information (ALL-CAPS and Title Case headlines) are read "caseless": the
//! word's form and shape come from how the same word is written mid-sentence
//! elsewhere in the document, or from its lowercase form, so a Title Case
//! headline and an all-caps wire headline look the same to the model (and
//! CoNLL's all-caps headlines teach it how to read both).

use std::collections::HashMap;
use std::ops::Range;

/// FNV-1a offset basis.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

/// Hashes bytes (FNV-1a, 64 bits).
#[inline]
pub fn fnv(bytes: &[u8]) -> u64 {
    bytes.iter().fold(FNV_OFFSET, |h, &b| fnv_step(h, b))
}

/// One byte of [`fnv`]: `fnv(b"ab") == fnv_step(fnv(b"a"), b'b')`.
#[inline]
fn fnv_step(h: u64, b: u8) -> u64 {
    (h ^ b as u64).wrapping_mul(FNV_PRIME)
}

/// Mixes a template number and up to two value hashes into a feature key.
#[inline]
fn key(template: u32, a: u64, b: u64) -> u32 {
    let mut h = (template as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    h = (h ^ a).wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = (h ^ b).wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^= h >> 33;
    (h >> 32) as u32
}

/// The char the features see for `c`: apostrophes, double quotes and dashes
/// folded to their ASCII form, digits to `0`.
#[inline]
pub fn norm_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' | '`'
        | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{2033}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' => '-',
        c if c.is_ascii_digit() => '0',
        c if c.is_numeric() => '0',
        c => c,
    }
}

/// Small function words a Title Case headline leaves lowercase.
const HEADLINE_SMALL: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "for", "from", "in", "into", "is", "nor", "of",
    "on", "or", "over", "the", "to", "up", "vs", "vs.", "with", "'s", "n't",
];

/// What the [`Part`] features of a token read ([`Extractor::type_key`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TypeKey {
    tok: Tok,
    caseless: bool,
}

impl TypeKey {
    /// A hash of the fields that most often tell tokens apart.
    pub fn hash(&self) -> u64 {
        let t = &self.tok;
        (t.w ^ t.doc_shape.rotate_left(21) ^ t.raw_sshape.rotate_left(42))
            .wrapping_add(t.gaz ^ self.caseless as u64)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }
}

/// What the features know about one token, computed once.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
struct Tok {
    /// Normalized form as written (or, in a caseless sentence, as written elsewhere).
    w: u64,
    /// Normalized lowercase form.
    l: u64,
    /// Long shape: `Xxxx`, `XX`, `0000-00-00`.
    shape: u64,
    /// Short shape: runs collapsed, `Xx`, `X.X.`.
    sshape: u64,
    /// Lowercase prefixes and suffixes of 1 to 4 chars (0 when the word is shorter).
    pre: [u64; 4],
    suf: [u64; 4],
    /// Short shape of the same word where the document writes it mid-sentence
    /// in a cased sentence (a fixed value when it never does).
    doc_shape: u64,
    /// The raw short shape, kept for caseless sentences.
    raw_sshape: u64,
    /// Word cluster path prefixes (0 = unknown).
    cluster: [u64; 3],
    /// Word-list membership bits.
    gaz: u64,
    /// Whether the token starts with a capital (or sits in a caseless sentence).
    capish: bool,
}

/// What the features know of a token's text alone (see [`Tok`]); the
/// cluster is the one of the word as written.
#[derive(Clone, Copy)]
struct WordProps {
    w: u64,
    l: u64,
    shape: u64,
    sshape: u64,
    pre: [u64; 4],
    suf: [u64; 4],
    cluster: [u64; 3],
}

impl WordProps {
    /// Computes the properties of `t`, using `buf` and `lower` as scratch;
    /// `cluster` gives the cluster of the normalized form.
    fn of(
        t: &str,
        buf: &mut String,
        lower: &mut String,
        cluster: impl FnOnce(&str) -> [u64; 3],
    ) -> WordProps {
        buf.clear();
        lower.clear();
        let mut pre = [0u64; 4];
        let mut suf = [0u64; 4];
        let mut l_ascii = None;
        let mut same_lower = false;
        let norm: &str = if t.is_ascii() {
            // Most tokens: folding is per byte, and most words have no digit
            // or backquote, so they are their own normalized form.
            let norm = if t.bytes().any(|b| b == b'`' || b.is_ascii_digit()) {
                buf.extend(t.bytes().map(|b| match b {
                    b'`' => '\'',
                    b'0'..=b'9' => '0',
                    b => b as char,
                }));
                buf.as_str()
            } else {
                t
            };
            lower.push_str(norm);
            lower.make_ascii_lowercase();
            let lb = lower.as_bytes();
            // FNV-1a reads bytes in order, so each prefix's hash continues
            // the one before it, and the lowercase form's continues the last.
            let mut h = FNV_OFFSET;
            for (k, &b) in lb.iter().enumerate() {
                h = fnv_step(h, b);
                if k < 4 {
                    pre[k] = h;
                }
            }
            l_ascii = Some(h);
            for k in 1..=4.min(lb.len()) {
                suf[k - 1] = fnv(&lb[lb.len() - k..]);
            }
            // A word with no capital is its own lowercase form.
            same_lower = !norm.bytes().any(|b| b.is_ascii_uppercase());
            norm
        } else {
            for c in t.chars() {
                let n = norm_char(c);
                buf.push(n);
                for lc in n.to_lowercase() {
                    lower.push(lc);
                }
            }
            let nchars = lower.chars().count();
            for k in 1..=4usize {
                if nchars >= k {
                    let p_end = lower.char_indices().nth(k).map_or(lower.len(), |(b, _)| b);
                    pre[k - 1] = fnv(&lower.as_bytes()[..p_end]);
                    let s_start = lower.char_indices().nth(nchars - k).map_or(0, |(b, _)| b);
                    suf[k - 1] = fnv(&lower.as_bytes()[s_start..]);
                }
            }
            buf.as_str()
        };
        let l = l_ascii.unwrap_or_else(|| fnv(lower.as_bytes()));
        let w = if same_lower { l } else { fnv(norm.as_bytes()) };
        let (shape, sshape) = shapes(norm);
        WordProps {
            w,
            l,
            shape,
            sshape,
            pre,
            suf,
            cluster: cluster(norm),
        }
    }
}

/// The parts a token's features split into, each depending on one token
/// only: its own ([`Part::Local`]) and what the token one or two before or
/// after it contributes. With [`Extractor::pair_features`] they give the
/// same keys as [`Extractor::features`], so a tagger may sum each part once
/// per distinct token ([`Extractor::token_types`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The token's own features.
    Local,
    /// What the token gives the token after it.
    Prev1,
    /// What the token gives the token two after it.
    Prev2,
    /// What the token gives the token before it.
    Next1,
    /// What the token gives the token two before it.
    Next2,
}

impl Part {
    /// All parts, in a fixed order.
    pub const ALL: [Part; 5] = [
        Part::Local,
        Part::Prev1,
        Part::Prev2,
        Part::Next1,
        Part::Next2,
    ];
}

/// Per-document feature extractor: holds the token properties, then hands
/// out each token's feature keys.
pub struct Extractor {
    /// What the features know of each token type (see
    /// [`Extractor::token_types`]): equal tokens share one record, so a
    /// document writes and reads a few hundred records, not one per token.
    toks: Vec<Tok>,
    /// For each token, its type: the index of its record in `toks`.
    type_of: Vec<u32>,
    /// For each token, whether its sentence is caseless.
    caseless: Vec<bool>,
    /// For each token, its sentence's range.
    sent_of: Vec<u32>,
    sentences: Vec<Range<usize>>,
    /// For each token, the index of its lowercase form among the document's
    /// distinct lowercase forms (the key of its prediction history).
    lower_of: Vec<u32>,
    /// Number of distinct lowercase forms.
    n_lower: usize,
    buf: String,
    lower: String,
}

/// One distinct token text of a document: what the features read of it.
struct Word {
    props: WordProps,
    /// Index of its lowercase form in the document statistics.
    lower: u32,
    first_upper: bool,
    first_lower: bool,
    /// Word-list bits, once looked up.
    lists: Option<u64>,
    /// Its cluster as read in a caseless sentence, once looked up.
    caseless_cluster: Option<[u64; 3]>,
    /// Its slot in the [`WordCache`], if it is kept there.
    slot: Option<u32>,
}

/// The longest token text, in bytes, the [`WordCache`] keeps.
const WORD_CACHE_TEXT: usize = 32;

/// The [`WordCache`] has `1 << WORD_CACHE_BITS` slots.
const WORD_CACHE_BITS: u32 = 13;

/// One [`WordCache`] slot, one cache line: a token text (empty when the
/// slot is), its cluster and, once looked up, its word-list bits.
#[derive(Clone, Copy, Default)]
#[repr(C, align(64))]
struct WordSlot {
    cluster: [u64; 3],
    /// Bits 0 to 12 of [`gazetteer_bits`] ([`list_bits`]).
    lists: u16,
    has_lists: bool,
    len: u8,
    text: [u8; WORD_CACHE_TEXT],
}

/// The cluster and word-list bits of token texts, kept from one document
/// to the next for one set of [`Resources`] ([`Resources::cache_id`]).
///
/// News repeats its words from one article to the next, and a new word
/// costs a look-up at random among the clusters' 100,000 words and, when
/// capitalized, a dozen more in the word lists' tables; the rest of what
/// the features read of a word is a few hashes of its text, cheaper to
/// compute again than to keep. The cache is direct-mapped: 8,192 slots of
/// one cache line (512 KB) by a hash of the text; the last text met keeps a
/// slot, and a hit compares the whole text, so it is exact.
#[derive(Default)]
struct WordCache {
    /// The [`Resources::cache_id`] the clusters were read with.
    res: u64,
    /// `1 << WORD_CACHE_BITS` slots (none before the first resources).
    slots: Vec<WordSlot>,
}

impl WordCache {
    /// An empty cache for the resources `res`.
    fn new(res: u64) -> WordCache {
        WordCache {
            res,
            slots: vec![WordSlot::default(); 1 << WORD_CACHE_BITS],
        }
    }

    /// The slot `t` is kept in, if texts like it are kept.
    fn slot_of(&self, t: &str) -> Option<usize> {
        use std::hash::Hasher;
        if t.is_empty() || t.len() > WORD_CACHE_TEXT || self.slots.is_empty() {
            return None;
        }
        let mut h = crate::entities::lexicon::FxHasher::default();
        h.write(t.as_bytes());
        Some((h.finish() >> (64 - WORD_CACHE_BITS)) as usize)
    }

    /// The slot at `slot`, if it holds `t`.
    fn holding(&mut self, slot: usize, t: &str) -> Option<&mut WordSlot> {
        self.slots
            .get_mut(slot)
            .filter(|s| &s.text[..s.len as usize] == t.as_bytes())
    }

    /// Keeps `cluster` for `t` in `slot` (from [`WordCache::slot_of`]).
    fn put(&mut self, slot: usize, t: &str, cluster: [u64; 3]) {
        let mut text = [0; WORD_CACHE_TEXT];
        text[..t.len()].copy_from_slice(t.as_bytes());
        self.slots[slot] = WordSlot {
            cluster,
            lists: 0,
            has_lists: false,
            len: t.len() as u8,
            text,
        };
    }
}

thread_local! {
    /// Each thread's [`WordCache`].
    static WORD_CACHE: std::cell::RefCell<WordCache> = std::cell::RefCell::new(WordCache::default());
}

/// The cluster of a word in a caseless sentence: the word capitalized,
/// else its lowercase form. `lower` is scratch.
fn caseless_cluster(t: &str, lower: &mut String, res: &dyn Resources) -> [u64; 3] {
    lower.clear();
    for c in t.chars() {
        for lc in norm_char(c).to_lowercase() {
            lower.push(lc);
        }
    }
    let mut c = lower.chars();
    let title: String = c
        .next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default();
    let found = res.cluster(&title);
    if found[0] != 0 {
        found
    } else {
        res.cluster(lower)
    }
}

/// Word-level resources the features may consult (clusters, word lists).
pub trait Resources {
    /// Cluster path of a normalized word (case kept), as up to three prefix hashes.
    fn cluster(&self, lower: &str) -> [u64; 3];
    /// Whether to look words up in the crate's word lists (`gazetteer_bits`).
    fn use_word_lists(&self) -> bool;
    /// A number unique to these resources in the process, under which the
    /// properties of words computed with them may be kept from one document
    /// to the next (a cache of each word's cluster and word-list bits in
    /// each thread); `None` (the default) keeps nothing.
    fn cache_id(&self) -> Option<u64> {
        None
    }
}

/// No clusters and no word lists.
pub struct NoResources;

impl Resources for NoResources {
    fn cluster(&self, _lower: &str) -> [u64; 3] {
        [0; 3]
    }
    fn use_word_lists(&self) -> bool {
        false
    }
}

#[derive(Default, Clone, Copy)]
struct DocStat {
    mid_cap: u32,
    lower: u32,
    /// Normalized-form hash and short shape of the first cased mid-sentence form.
    cap_form: (u64, u64),
}

/// The word-list bits of one word (bits 0 to 12 of [`gazetteer_bits`]).
fn list_bits(t: &str) -> u64 {
    use crate::entities::lexicon as lx;
    let w = lx::word_lists(t);
    let checks: [bool; 13] = [
        w.country,
        w.city,
        w.us_state,
        w.demonym,
        w.given_name,
        w.common_word,
        w.group_word,
        w.language,
        w.person_title,
        w.org_word,
        w.month_or_weekday,
        w.place_word,
        w.not_name,
    ];
    let mut b = 0u64;
    for (k, &c) in checks.iter().enumerate() {
        if c {
            b |= 1 << k;
        }
    }
    b
}

/// Word-list membership of each capitalized token (or any token of a
/// caseless sentence), one bit per list: country, city, US state, demonym,
/// given name, common lowercase word, group word, language, person title,
/// organization word, month or weekday, place word, never-a-name, and
/// first/inner word of a multi-word place ("New York", "United Arab
/// Emirates"). Lowercase words are not looked up: they are rarely names, and
/// skipping them keeps the lookups off most tokens. `lists(i)` gives the
/// single-word bits of token `i` ([`list_bits`]; the caller looks each
/// distinct word up once).
fn gazetteer_bits(
    tokens: &[&str],
    caseless: &[bool],
    out: &mut [u64],
    mut lists: impl FnMut(usize) -> u64,
) {
    use crate::entities::lexicon as lx;
    let max_words = lx::place_max_words().clamp(1, 6);
    let mut phrase = String::new();
    let capitalized = |t: &str| t.chars().next().is_some_and(char::is_uppercase);
    for (i, t) in tokens.iter().enumerate() {
        let Some(first) = t.chars().next() else {
            continue;
        };
        if !(first.is_uppercase()
            || caseless.get(i).copied().unwrap_or(false) && first.is_alphabetic())
        {
            continue;
        }
        out[i] |= lists(i);
        // Multi-word places starting here ("New York", "Bosnia and
        // Herzegovina"): the longest match wins; only capitalized runs with
        // their small connecting words are tried.
        phrase.clear();
        phrase.push_str(t);
        let mut longest = 0;
        for n in 2..=max_words {
            let Some(next) = tokens.get(i + n - 1) else {
                break;
            };
            if !capitalized(next)
                && !matches!(
                    *next,
                    "and"
                        | "of"
                        | "the"
                        | "de"
                        | "del"
                        | "da"
                        | "do"
                        | "du"
                        | "el"
                        | "al"
                        | "es"
                        | "la"
                )
            {
                break;
            }
            // Most capitalized words start no place name of several words.
            if n == 2 && !lx::may_start_place_phrase(t) {
                break;
            }
            phrase.push(' ');
            phrase.push_str(next);
            if lx::is_place(&phrase) {
                longest = n;
            }
        }
        if longest > 0 {
            out[i] |= 1 << 13;
            for o in &mut out[i + 1..i + longest] {
                *o |= 1 << 14;
            }
        }
    }
}

/// A hasher for keys that are already hashes: takes the `u64` as is.
#[derive(Default, Clone, Copy)]
pub(crate) struct U64Hasher(u64);

impl std::hash::Hasher for U64Hasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        self.0 = fnv(bytes);
    }
    fn write_u64(&mut self, v: u64) {
        self.0 = v;
    }
}

pub(crate) type BuildU64 = std::hash::BuildHasherDefault<U64Hasher>;

fn shapes(norm: &str) -> (u64, u64) {
    if norm.is_ascii() {
        shapes_of(norm.bytes().map(|b| match b {
            b'A'..=b'Z' => b'X',
            b'a'..=b'z' => b'x',
            b'0' => b'd',
            b => b,
        }))
    } else {
        shapes_of(norm.chars().map(|c| {
            if c.is_uppercase() {
                b'X'
            } else if c.is_lowercase() {
                b'x'
            } else if c == '0' {
                b'd'
            } else if c.is_alphabetic() {
                b'a'
            } else if c.is_ascii() {
                c as u8
            } else {
                b'*'
            }
        }))
    }
}

/// The long and short shapes of a word given the class of each char.
#[inline]
fn shapes_of(kinds: impl Iterator<Item = u8>) -> (u64, u64) {
    /// The most chars a shape keeps.
    const SHAPE_MAX: usize = 24;
    // The shapes' hashes, made as their chars are found.
    let mut long = FNV_OFFSET;
    let mut ln = 0;
    let mut short = FNV_OFFSET;
    let mut sn = 0;
    let mut run = 0;
    let mut last = 0u8;
    for k in kinds {
        if k == last {
            run += 1;
        } else {
            run = 1;
            last = k;
            if sn < SHAPE_MAX {
                short = fnv_step(short, k);
                sn += 1;
            }
        }
        if run <= 4 && ln < SHAPE_MAX {
            long = fnv_step(long, k);
            ln += 1;
        }
    }
    (long, short)
}

/// Whether `w` is one of [`HEADLINE_SMALL`], ignoring ASCII case;
/// `plain_lower` says `w` is ASCII-free of capitals (then an exact match).
#[inline]
fn is_headline_small(w: &str, plain_lower: bool) -> bool {
    if w.len() > 4 {
        return false;
    }
    if plain_lower {
        return HEADLINE_SMALL.contains(&w);
    }
    HEADLINE_SMALL.iter().any(|s| s.eq_ignore_ascii_case(w))
}

/// Whether a sentence's capitalization says nothing: all its words are
/// uppercase, or nearly all its content words start with a capital.
fn is_caseless(words: &[&str]) -> bool {
    let mut letters_words = 0;
    let mut all_caps = 0;
    let mut content = 0;
    let mut capitalized = 0;
    let mut has_long_caps = false;
    let mut not_capitalized = 0;
    for w in words {
        // One pass over the word: its first letter, whether it has a
        // lowercase letter, how many capitals.
        let (mut first, mut lower, mut upper) = (None, false, 0u32);
        if w.is_ascii() {
            for &b in w.as_bytes() {
                if b.is_ascii_alphabetic() && first.is_none() {
                    first = Some(b as char);
                }
                lower |= b.is_ascii_lowercase();
                upper += b.is_ascii_uppercase() as u32;
            }
        } else {
            for c in w.chars() {
                if first.is_none() && c.is_alphabetic() {
                    first = Some(c);
                }
                lower |= c.is_lowercase();
                upper += c.is_uppercase() as u32;
            }
        }
        has_long_caps |= upper >= 2;
        let Some(first) = first else { continue };
        letters_words += 1;
        if !lower {
            all_caps += 1;
        }
        // Small words count only when capitalized (Title Case or capitals).
        let first_upper = first.is_uppercase();
        if !first_upper && is_headline_small(w, lower && upper == 0) {
            continue;
        }
        content += 1;
        if first_upper {
            capitalized += 1;
        } else {
            // A word with a lowercase letter rules out all capitals, and
            // the content words can be no more than the words: once the
            // lowercase-first ones are over a tenth of those, the sentence
            // is cased whatever follows.
            not_capitalized += 1;
            if lower && not_capitalized * 10 > words.len() {
                return false;
            }
        }
    }
    if letters_words == 0 {
        return false;
    }
    if all_caps == letters_words && has_long_caps {
        return true;
    }
    content >= 4 && capitalized * 10 >= content * 9
}

impl Extractor {
    /// Prepares the features of one document: `tokens` in order and the
    /// token ranges of its sentences (which must cover the tokens in order).
    ///
    /// Each distinct token text is read once (`WordProps`, its word lists,
    /// its cluster in a caseless sentence); each token then costs one lookup
    /// of its text and a few array reads.
    pub fn new(tokens: &[&str], sentences: &[Range<usize>], res: &dyn Resources) -> Extractor {
        let n = tokens.len();
        let mut ex = Extractor {
            toks: Vec::with_capacity(n / 2 + 16),
            type_of: Vec::with_capacity(n),
            caseless: vec![false; n],
            sent_of: vec![0; n],
            sentences: sentences.to_vec(),
            lower_of: Vec::with_capacity(n),
            n_lower: 0,
            buf: String::new(),
            lower: String::new(),
        };
        let mut first_in_sentence = vec![false; n];
        for (si, s) in sentences.iter().enumerate() {
            let s = s.start.min(n)..s.end.min(n);
            let cl = is_caseless(&tokens[s.clone()]);
            for i in s.clone() {
                ex.caseless[i] = cl;
                ex.sent_of[i] = si as u32;
            }
            // The first word (skipping opening punctuation) of a sentence.
            if let Some(i) = s
                .clone()
                .find(|&i| tokens[i].chars().any(|c| c.is_alphanumeric()))
            {
                first_in_sentence[i] = true;
            }
        }
        // The distinct texts, in order of first appearance, and what the
        // features read of each.
        // (News repeats words: about four tokens in ten are a new text.)
        let guess = n / 2 + 16;
        let mut ids: crate::entities::lexicon::HashMap<&str, u32> =
            HashMap::with_capacity_and_hasher(guess, Default::default());
        let mut words: Vec<Word> = Vec::with_capacity(guess);
        // Document statistics per lowercase form (`Word::lower`).
        let mut lower_ids: HashMap<u64, u32, BuildU64> =
            HashMap::with_capacity_and_hasher(guess, Default::default());
        let mut stats: Vec<DocStat> = Vec::with_capacity(guess);
        let mut word_of = Vec::with_capacity(n);
        let use_lists = res.use_word_lists();
        // Properties of texts met in earlier documents: taken out of the
        // thread's cache for this call and put back at the end.
        let cache_id = res.cache_id();
        let mut cache = match cache_id {
            Some(id) => {
                let c = WORD_CACHE.take();
                if c.res == id {
                    c
                } else {
                    WordCache::new(id)
                }
            }
            None => WordCache::default(),
        };
        for (i, &t) in tokens.iter().enumerate() {
            let id = *ids.entry(t).or_insert_with(|| {
                let slot = cache.slot_of(t);
                let kept = slot.and_then(|k| cache.holding(k, t)).map(|k| *k);
                let props = WordProps::of(t, &mut ex.buf, &mut ex.lower, |norm| match kept {
                    Some(k) => k.cluster,
                    None => res.cluster(norm),
                });
                if let (Some(k), None) = (slot, kept) {
                    cache.put(k, t, props.cluster);
                }
                let lists = kept.filter(|k| k.has_lists).map(|k| k.lists as u64);
                let next = lower_ids.len() as u32;
                let lower = *lower_ids.entry(props.l).or_insert(next);
                if lower == next {
                    stats.push(DocStat::default());
                }
                let first = t.chars().next();
                words.push(Word {
                    props,
                    lower,
                    first_upper: first.is_some_and(char::is_uppercase),
                    first_lower: first.is_some_and(char::is_lowercase),
                    lists,
                    caseless_cluster: None,
                    slot: slot.map(|k| k as u32),
                });
                words.len() as u32 - 1
            });
            word_of.push(id);
            let word = &mut words[id as usize];
            if ex.caseless[i] {
                if word.caseless_cluster.is_none() {
                    word.caseless_cluster = Some(caseless_cluster(t, &mut ex.lower, res));
                }
            } else if word.first_lower {
                stats[word.lower as usize].lower += 1;
            } else if word.first_upper && !first_in_sentence[i] {
                let st = &mut stats[word.lower as usize];
                if st.mid_cap == 0 {
                    st.cap_form = (word.props.w, word.props.sshape);
                }
                st.mid_cap += 1;
            }
        }
        // Word-list membership: looked up once per distinct text, for the
        // tokens `gazetteer_bits` reads (capitalized, or in a caseless sentence).
        let mut gaz = vec![0u64; if use_lists { n } else { 0 }];
        if use_lists {
            gazetteer_bits(tokens, &ex.caseless, &mut gaz, |i| {
                let word = &mut words[word_of[i] as usize];
                *word.lists.get_or_insert_with(|| {
                    let bits = list_bits(tokens[i]);
                    if let Some(kept) = word.slot.and_then(|k| cache.holding(k as usize, tokens[i]))
                    {
                        kept.lists = bits as u16;
                        kept.has_lists = true;
                    }
                    bits
                })
            });
        }
        if cache_id.is_some() {
            WORD_CACHE.set(cache);
        }
        let lower_shape = fnv(b"x");
        let never = fnv(b"<never>");
        // Two tokens get one type when their text and flags are equal:
        // everything a `Tok` holds follows from the text, the sentence's
        // casing, whether it opens the sentence and the multi-word place
        // bits. Most texts occur with one combination of flags: each text
        // keeps the type of its first combination, a map holds the others.
        const NONE: u32 = u32::MAX;
        let mut first_type: Vec<(u32, u8)> = vec![(NONE, 0); words.len()];
        let mut other_types: crate::entities::lexicon::HashMap<(u32, u8), u32> = HashMap::default();
        for (i, &id) in word_of.iter().enumerate() {
            let word = &words[id as usize];
            let cl = ex.caseless[i];
            let g = gaz.get(i).copied().unwrap_or(0);
            let flags = cl as u8 | (first_in_sentence[i] as u8) << 1 | ((g >> 13 & 3) as u8) << 2;
            ex.lower_of.push(word.lower);
            let next = ex.toks.len() as u32;
            let f = &mut first_type[id as usize];
            let ty = if f.0 == NONE {
                *f = (next, flags);
                next
            } else if f.1 == flags {
                f.0
            } else {
                *other_types.entry((id, flags)).or_insert(next)
            };
            ex.type_of.push(ty);
            if ty != next {
                continue;
            }
            let WordProps {
                mut w,
                l,
                mut shape,
                mut sshape,
                pre,
                suf,
                cluster,
            } = word.props;
            let st = stats[word.lower as usize];
            let (form, form_sshape) = if st.mid_cap > 0 && st.mid_cap >= st.lower {
                st.cap_form
            } else if st.lower > 0 {
                (l, lower_shape)
            } else {
                (0, never)
            };
            let raw_sshape = sshape ^ if first_in_sentence[i] { 0x1234_5678 } else { 0 };
            let mut cluster = cluster;
            if cl {
                cluster = word.caseless_cluster.unwrap_or([0; 3]);
                w = if form != 0 { form } else { l };
                // Shape as the word would be written in running text, if known.
                if form_sshape != never {
                    sshape = form_sshape;
                    shape = form_sshape ^ 0x5555;
                } else {
                    // Unknown: the caseless shape of its lowercase form.
                    shape ^= 0xaaaa;
                    sshape ^= 0xaaaa;
                }
            }
            ex.toks.push(Tok {
                w,
                l,
                shape,
                sshape,
                pre,
                suf,
                doc_shape: form_sshape,
                raw_sshape,
                cluster,
                gaz: g,
                capish: cl || word.first_upper,
            });
        }
        ex.n_lower = stats.len();
        ex
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.type_of.len()
    }

    /// True when there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.type_of.is_empty()
    }

    /// The key under which the document's history of predictions for token
    /// `i` is kept, for capitalized words only: the index of its lowercase
    /// form among the document's distinct lowercase forms (below
    /// [`Extractor::n_lower`]).
    pub fn history_key(&self, i: usize) -> Option<usize> {
        self.tok(i).capish.then(|| self.lower_of[i] as usize)
    }

    /// Number of distinct lowercase forms in the document.
    pub fn n_lower(&self) -> usize {
        self.n_lower
    }

    /// Appends the non-local features of token `i` given how the earlier
    /// occurrences of the same word in the document were tagged: `counts`
    /// holds how often each was tagged O, PER, ORG, LOC, MISC.
    pub fn history_features(&self, i: usize, counts: &[u16; 5], out: &mut Vec<u32>) {
        let total: u32 = counts.iter().map(|&c| c as u32).sum();
        if total == 0 {
            return;
        }
        let (best, &n) = counts
            .iter()
            .enumerate()
            .max_by_key(|&(k, &c)| (c, std::cmp::Reverse(k)))
            .unwrap_or((0, &0));
        let unanimous = (n as u32 == total) as u64;
        out.push(key(40, best as u64, unanimous));
        out.push(key(41, best as u64, self.tok(i).sshape));
    }

    /// Numbers the tokens by what the features see of them: two tokens get
    /// the same number when every property the templates read (the
    /// sentence's casing included) is equal, so their [`Part`] features are
    /// equal too. Returns the number of each token and how many there are.
    pub fn token_types(&self) -> (&[u32], usize) {
        (&self.type_of, self.toks.len())
    }

    /// Everything the [`Part`] features of token `j` read: tokens with
    /// equal keys, in this document or any other, give the same features.
    pub fn type_key(&self, j: usize) -> TypeKey {
        TypeKey {
            tok: *self.tok(j),
            caseless: self.caseless[j],
        }
    }

    /// The record of token `i`.
    #[inline]
    fn tok(&self, i: usize) -> &Tok {
        &self.toks[self.type_of[i] as usize]
    }

    /// Appends the keys token `j` gives as `part` ([`Part`]): its own
    /// features, or what it contributes to a neighbor's.
    pub fn part_features(&self, part: Part, j: usize, out: &mut Vec<u32>) {
        let t = self.tok(j);
        match part {
            Part::Local => {
                let cl = self.caseless[j] as u64;
                out.push(key(0, 0, 0));
                out.push(key(1, t.w, 0));
                out.push(key(2, t.l, 0));
                out.push(key(3, t.shape, 0));
                out.push(key(4, t.sshape, 0));
                for k in 0..4 {
                    if t.pre[k] != 0 {
                        out.push(key(5 + k as u32, t.pre[k], 0));
                    }
                    if t.suf[k] != 0 {
                        out.push(key(9 + k as u32, t.suf[k], 0));
                    }
                }
                out.push(key(26, t.raw_sshape, cl));
                out.push(key(27, t.doc_shape, t.sshape));
                if cl == 1 {
                    out.push(key(30, t.l, 0));
                }
                if t.cluster[0] != 0 {
                    for k in 0..3 {
                        out.push(key(31 + k as u32, t.cluster[k], 0));
                    }
                }
                let mut g = t.gaz;
                while g != 0 {
                    let b = g.trailing_zeros() as u64;
                    g &= g - 1;
                    out.push(key(36, b, 0));
                    out.push(key(37, b, t.sshape));
                }
            }
            Part::Prev1 | Part::Next1 => {
                let (a, b, c, d, e) = if part == Part::Prev1 {
                    (13, 17, 19, 34, 38)
                } else {
                    (15, 18, 20, 35, 39)
                };
                out.push(key(a, t.l, 0));
                out.push(key(b, t.w, 0));
                out.push(key(c, t.sshape, 0));
                if t.cluster[0] != 0 {
                    out.push(key(d, t.cluster[1], 0));
                }
                let mut g = t.gaz;
                while g != 0 {
                    let bit = g.trailing_zeros() as u64;
                    g &= g - 1;
                    out.push(key(e, bit, 0));
                }
            }
            Part::Prev2 => {
                out.push(key(14, t.l, 0));
                out.push(key(21, t.sshape, 0));
            }
            Part::Next2 => {
                out.push(key(16, t.l, 0));
                out.push(key(22, t.sshape, 0));
            }
        }
    }

    /// Appends the keys of a missing neighbor in role `part` (the sentence
    /// edge): the padding values.
    pub fn pad_features(part: Part, out: &mut Vec<u32>) {
        let pad_l = fnv(b"<s>");
        let pad_r = fnv(b"</s>");
        match part {
            Part::Local => {}
            Part::Prev1 => {
                out.push(key(13, pad_l, 0));
                out.push(key(17, pad_l, 0));
                out.push(key(19, pad_l, 0));
            }
            Part::Prev2 => {
                out.push(key(14, pad_l, 0));
                out.push(key(21, pad_l, 0));
            }
            Part::Next1 => {
                out.push(key(15, pad_r, 0));
                out.push(key(18, pad_r, 0));
                out.push(key(20, pad_r, 0));
            }
            Part::Next2 => {
                out.push(key(16, pad_r, 0));
                out.push(key(22, pad_r, 0));
            }
        }
    }

    /// Appends the keys of token `i` that pair it with a neighbor (templates
    /// 23 to 25, 28, 29): with [`Part`] features of the token and its
    /// neighbors, they make up [`Extractor::features`].
    pub fn pair_features(&self, i: usize, out: &mut Vec<u32>) {
        let s = &self.sentences[self.sent_of[i] as usize];
        let pad_l = fnv(b"<s>");
        let pad_r = fnv(b"</s>");
        let at = |j: isize| -> Option<&Tok> {
            if j < s.start as isize || j >= s.end as isize {
                None
            } else {
                Some(self.tok(j as usize))
            }
        };
        let t = self.tok(i);
        let ii = i as isize;
        let l = |j: isize, pad: u64| at(j).map_or(pad, |t| t.l);
        let ss = |j: isize, pad: u64| at(j).map_or(pad, |t| t.sshape);
        out.push(key(
            23,
            ss(ii - 1, pad_l),
            t.sshape ^ ss(ii + 1, pad_r).rotate_left(17),
        ));
        out.push(key(24, l(ii - 1, pad_l), t.l));
        out.push(key(25, t.l, l(ii + 1, pad_r)));
        out.push(key(28, l(ii - 1, pad_l), t.sshape));
        out.push(key(29, t.sshape, l(ii + 1, pad_r)));
    }

    /// The sentence (token range) token `i` is in.
    pub fn sentence_of(&self, i: usize) -> Range<usize> {
        self.sentences[self.sent_of[i] as usize].clone()
    }

    /// Appends the feature keys of token `i` to `out`.
    pub fn features(&self, i: usize, out: &mut Vec<u32>) {
        let s = &self.sentences[self.sent_of[i] as usize];
        let pad_l = fnv(b"<s>");
        let pad_r = fnv(b"</s>");
        let at = |j: isize| -> Option<&Tok> {
            if j < s.start as isize || j >= s.end as isize {
                None
            } else {
                Some(self.tok(j as usize))
            }
        };
        let t = self.tok(i);
        let ii = i as isize;
        let l = |j: isize, pad: u64| at(j).map_or(pad, |t| t.l);
        let w = |j: isize, pad: u64| at(j).map_or(pad, |t| t.w);
        let ss = |j: isize, pad: u64| at(j).map_or(pad, |t| t.sshape);
        let cl = self.caseless[i] as u64;
        out.push(key(0, 0, 0));
        out.push(key(1, t.w, 0));
        out.push(key(2, t.l, 0));
        out.push(key(3, t.shape, 0));
        out.push(key(4, t.sshape, 0));
        for k in 0..4 {
            if t.pre[k] != 0 {
                out.push(key(5 + k as u32, t.pre[k], 0));
            }
            if t.suf[k] != 0 {
                out.push(key(9 + k as u32, t.suf[k], 0));
            }
        }
        out.push(key(13, l(ii - 1, pad_l), 0));
        out.push(key(14, l(ii - 2, pad_l), 0));
        out.push(key(15, l(ii + 1, pad_r), 0));
        out.push(key(16, l(ii + 2, pad_r), 0));
        out.push(key(17, w(ii - 1, pad_l), 0));
        out.push(key(18, w(ii + 1, pad_r), 0));
        out.push(key(19, ss(ii - 1, pad_l), 0));
        out.push(key(20, ss(ii + 1, pad_r), 0));
        out.push(key(21, ss(ii - 2, pad_l), 0));
        out.push(key(22, ss(ii + 2, pad_r), 0));
        out.push(key(
            23,
            ss(ii - 1, pad_l),
            t.sshape ^ ss(ii + 1, pad_r).rotate_left(17),
        ));
        out.push(key(24, l(ii - 1, pad_l), t.l));
        out.push(key(25, t.l, l(ii + 1, pad_r)));
        out.push(key(26, t.raw_sshape, cl));
        out.push(key(27, t.doc_shape, t.sshape));
        out.push(key(28, l(ii - 1, pad_l), t.sshape));
        out.push(key(29, t.sshape, l(ii + 1, pad_r)));
        if cl == 1 {
            out.push(key(30, t.l, 0));
        }
        if t.cluster[0] != 0 {
            for k in 0..3 {
                out.push(key(31 + k as u32, t.cluster[k], 0));
            }
        }
        for (tmpl, j) in [(34u32, ii - 1), (35, ii + 1)] {
            if let Some(n) = at(j) {
                if n.cluster[0] != 0 {
                    out.push(key(tmpl, n.cluster[1], 0));
                }
            }
        }
        if t.gaz != 0 {
            let mut g = t.gaz;
            while g != 0 {
                let b = g.trailing_zeros() as u64;
                g &= g - 1;
                out.push(key(36, b, 0));
                out.push(key(37, b, t.sshape));
            }
        }
        for (tmpl, j) in [(38u32, ii - 1), (39, ii + 1)] {
            if let Some(n) = at(j) {
                let mut g = n.gaz;
                while g != 0 {
                    let b = g.trailing_zeros() as u64;
                    g &= g - 1;
                    out.push(key(tmpl, b, 0));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalization_folds_marks_not_letters() {
        let n: String = "Iraq’s “U.S.” 2024–25 é".chars().map(norm_char).collect();
        assert_eq!(n, "Iraq's \"U.S.\" 0000-00 é");
    }

    #[test]
    fn caseless_sentences() {
        let cases: &[(&str, bool)] = &[
            ("EU REJECTS GERMAN CALL TO BOYCOTT BRITISH LAMB .", true),
            ("Biden Says He Will Meet Leaders of the Gulf States", true),
            ("BRUSSELS 1996-08-22", true),
            ("John Smith met Mary Jones in Paris .", false),
            (
                "The European Commission said on Thursday it disagreed .",
                false,
            ),
            ("NATO said on Friday .", false),
        ];
        for (s, want) in cases {
            let words: Vec<&str> = s.split(' ').collect();
            assert_eq!(is_caseless(&words), *want, "{s}");
        }
    }

    /// A word's hashes are those of its forms, prefixes and suffixes,
    /// however they are computed.
    #[test]
    fn word_props_hash_the_word_s_forms() {
        let (mut buf, mut lower) = (String::new(), String::new());
        let cases = [
            ("Blinken", "Blinken", "blinken"),
            ("talks", "talks", "talks"),
            ("a", "a", "a"),
            ("U.S.", "U.S.", "u.s."),
            ("2024-25", "0000-00", "0000-00"),
            ("Al`Sudani", "Al'Sudani", "al'sudani"),
            ("Zürich’s", "Zürich's", "zürich's"),
            ("ÉTÉ", "ÉTÉ", "été"),
        ];
        for (t, norm, low) in cases {
            let p = WordProps::of(t, &mut buf, &mut lower, |_| [0; 3]);
            assert_eq!(p.w, fnv(norm.as_bytes()), "{t}");
            assert_eq!(p.l, fnv(low.as_bytes()), "{t}");
            let chars: Vec<(usize, char)> = low.char_indices().collect();
            for k in 1..=4 {
                let (pre, suf) = if chars.len() >= k {
                    let end = chars.get(k).map_or(low.len(), |c| c.0);
                    let start = chars[chars.len() - k].0;
                    (fnv(&low.as_bytes()[..end]), fnv(&low.as_bytes()[start..]))
                } else {
                    (0, 0)
                };
                assert_eq!((p.pre[k - 1], p.suf[k - 1]), (pre, suf), "{t} {k}");
            }
        }
        // Shapes: runs of more than four cut in the long shape, collapsed
        // in the short one.
        assert_eq!(shapes("Blinken"), (fnv(b"Xxxxx"), fnv(b"Xx")));
        assert_eq!(shapes("U.S."), (fnv(b"X.X."), fnv(b"X.X.")));
        assert_eq!(shapes("0000-00"), (fnv(b"dddd-dd"), fnv(b"d-d")));
    }

    /// Resources read afresh for every document: the same clusters and
    /// word lists as the ones wrapped, nothing kept between documents.
    struct Afresh<'a>(&'a dyn Resources);

    impl Resources for Afresh<'_> {
        fn cluster(&self, word: &str) -> [u64; 3] {
            self.0.cluster(word)
        }
        fn use_word_lists(&self) -> bool {
            self.0.use_word_lists()
        }
    }

    /// Properties kept from one document to the next give the features of
    /// properties read afresh, with two sets of clusters used in turn (they
    /// give the same words different paths, so a word kept with one set and
    /// read with the other would show).
    #[test]
    fn words_kept_across_documents_are_each_resource_s_own() {
        use crate::entities::model::{clusters::word_key, Clusters};
        let texts = [
            "Antony Blinken met Mohammed Shia al-Sudani in Baghdad on Friday .",
            "IRAQ TALKS END IN BAGHDAD",
            "Blinken Meets the Leaders of Iraq in Baghdad",
            "Blinken said the talks in Baghdad were good , Blinken said .",
            "The Internationalization-of-Everything-Committee met in New York .",
        ];
        let mut words: Vec<&str> = texts.iter().flat_map(|t| t.split(' ')).collect();
        words.extend(["Iraq", "Talks", "End", "In", "Baghdad"]);
        words.sort_unstable();
        words.dedup();
        let paths = |len: u8, step: u32| {
            Clusters::new(
                words
                    .iter()
                    .enumerate()
                    .map(|(i, w)| (word_key(w), len, (i as u32 * step) % (1 << len)))
                    .collect(),
            )
        };
        let (one, other) = (paths(4, 1), paths(6, 7));
        let mut differ = false;
        for round in 0..4 {
            let (res, the_other) = if round % 2 == 0 {
                (&one, &other)
            } else {
                (&other, &one)
            };
            for text in texts.iter().chain(&texts) {
                let toks: Vec<&str> = text.split(' ').collect();
                // One sentence, the whole text.
                let whole = 0..toks.len();
                let sentences = std::slice::from_ref(&whole);
                let kept = Extractor::new(&toks, sentences, res);
                let afresh = Extractor::new(&toks, sentences, &Afresh(res));
                let theirs = Extractor::new(&toks, sentences, &Afresh(the_other));
                let (mut a, mut b, mut c) = (Vec::new(), Vec::new(), Vec::new());
                for i in 0..toks.len() {
                    a.clear();
                    b.clear();
                    c.clear();
                    kept.features(i, &mut a);
                    afresh.features(i, &mut b);
                    theirs.features(i, &mut c);
                    assert_eq!(a, b, "round {round}, {text:?}, token {i}");
                    differ |= a != c;
                }
            }
        }
        assert!(
            differ,
            "the two sets of clusters should give other features"
        );
    }

    /// The parts, placed as a tagger places them, give exactly the keys of
    /// `features`, token by token (as multisets).
    #[test]
    fn parts_make_up_the_features() {
        let text = "The U.S. Secretary of State Antony Blinken met Iraq ’s leaders . \
                    IRAQ TALKS END . He said : “ We 'll meet again , ” in New York on Friday . Friday";
        let toks: Vec<&str> = text.split(' ').filter(|t| !t.is_empty()).collect();
        let n = toks.len();
        let sentences = [0..13, 13..17, 17..n - 1, n - 1..n];
        let ex = Extractor::new(&toks, &sentences, &NoResources);
        let (types, n_types) = ex.token_types();
        assert!(n_types < n, "repeated tokens share a type");
        // Numbered densely; different texts never share a type, and
        // "Friday" mid-sentence and opening a sentence are two types.
        let mut seen = vec![false; n_types];
        for i in 0..n {
            seen[types[i] as usize] = true;
            for j in 0..n {
                if toks[i] != toks[j] {
                    assert_ne!(types[i], types[j], "{:?} {:?}", toks[i], toks[j]);
                }
            }
        }
        assert!(seen.iter().all(|&s| s));
        let fridays: Vec<usize> = (0..n).filter(|&i| toks[i] == "Friday").collect();
        assert_eq!(fridays.len(), 2);
        assert_ne!(types[fridays[0]], types[fridays[1]]);
        for i in 0..n {
            let mut want = Vec::new();
            ex.features(i, &mut want);
            let s = ex.sentence_of(i);
            let mut got = Vec::new();
            ex.part_features(Part::Local, i, &mut got);
            for (part, d) in [
                (Part::Prev1, -1isize),
                (Part::Prev2, -2),
                (Part::Next1, 1),
                (Part::Next2, 2),
            ] {
                let j = i as isize + d;
                if j >= s.start as isize && j < s.end as isize {
                    ex.part_features(part, j as usize, &mut got);
                } else {
                    Extractor::pad_features(part, &mut got);
                }
            }
            ex.pair_features(i, &mut got);
            want.sort_unstable();
            got.sort_unstable();
            assert_eq!(got, want, "token {i} {:?}", toks[i]);
            for j in 0..n {
                if types[i] == types[j] {
                    let (mut a, mut b) = (Vec::new(), Vec::new());
                    ex.part_features(Part::Local, i, &mut a);
                    ex.part_features(Part::Local, j, &mut b);
                    assert_eq!(a, b);
                }
            }
        }
    }

    #[test]
    fn curly_and_straight_apostrophes_give_the_same_features() {
        let a = ["O’Brien", "’s", "visit"];
        let b = ["O'Brien", "'s", "visit"];
        #[allow(clippy::single_range_in_vec_init)] // one sentence: three tokens
        let whole = [0..3];
        let fa = Extractor::new(&a, &whole, &NoResources);
        let fb = Extractor::new(&b, &whole, &NoResources);
        for i in 0..3 {
            let (mut x, mut y) = (Vec::new(), Vec::new());
            fa.features(i, &mut x);
            fb.features(i, &mut y);
            assert_eq!(x, y);
        }
    }
}
