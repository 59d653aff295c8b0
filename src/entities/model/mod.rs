//! The statistical name tagger: people, organizations, places and other
//! names, learned from annotated news (CoNLL-2003).
//!
//! Decided: a first-order sequence model over the crate's tokens (BILOU tags
//! over PER, ORG, LOC, MISC, exact Viterbi decoding with the ill-formed
//! transitions forbidden) trained as an averaged structured perceptron
//! ([`train`]) on hashed features ([`features`]). A linear model with rich
//! features is small (well under a megabyte gzipped), loads in milliseconds
//! and tags hundreds of thousands of tokens a second on one core, which a
//! neural model in a browser tab cannot; the cost is a few points of F1 on
//! unseen news against the best neural taggers, and no knowledge of names
//! beyond the training news, its word lists and its clusters.
//!
//! Features: the word, its lowercase form, shapes, prefixes and suffixes,
//! a window of two words and shapes each side, word-list membership (the
//! crate's [`crate::entities::lexicon`]), word clusters learned from
//! unlabeled news (`models/clusters.txt`), how the same word is written
//! elsewhere in the article, and how it was tagged in earlier sentences.
//!
//! The weights live in `models/ner.bin` (format in [`mod@format`]), compiled in
//! with `include_bytes!` and decoded once on first use (about 4 ms natively).
//! To retrain (deterministic, well under a minute on one core):
//!
//! ```text
//! cargo run --release --bin train-ner -- clusters models/clusters.txt \
//!     ../shared/data/conll2003/train.txt ../shared/data/polnear/polnear_train.jsonl
//! cargo run --release --bin train-ner -- ../shared/data/conll2003/train.txt \
//!     ../shared/data/conll2003/dev.txt models/ner.bin --clusters models/clusters.txt
//! cargo run --release --bin eval-ner -- conll ../shared/data/conll2003/dev.txt
//! ```
//!
//! Changing the word lists changes what the word-list features see: retrain
//! after a large change to `data/lexicons/`.

pub mod clusters;
pub mod data;
pub mod features;
pub mod format;
pub mod tags;
pub mod train;

use std::ops::Range;
use std::sync::LazyLock;

use crate::analysis::EntityType;
use crate::entities::Mention;
use crate::text::{Document, Span};
use features::{Extractor, Part, Resources};
use format::FormatError;
use tags::{NameType, N_TAGS};

/// The model compiled into the crate.
static EMBEDDED: &[u8] = include_bytes!("../../../models/ner.bin");

static MODEL: LazyLock<Result<Model, FormatError>> = LazyLock::new(|| Model::from_bytes(EMBEDDED));

/// The bytes of the compiled-in model file.
pub fn embedded_bytes() -> &'static [u8] {
    EMBEDDED
}

/// The compiled-in model, decoded on first use; an error if the file baked
/// into this build is not one this build can read (a test guards this).
pub fn embedded() -> Result<&'static Model, &'static FormatError> {
    MODEL.as_ref()
}

/// Scores tags for tokens: the runtime model and the trainer's float weights both do.
pub trait Scorer {
    /// Adds the weights of `feats` to `out`, one score per tag.
    fn emissions(&self, feats: &[u32], out: &mut [f32; N_TAGS]);
    /// Transition score from tag `a` (`N_TAGS` = sentence start) to tag `b`.
    fn transition(&self, a: usize, b: usize) -> f32;
}

/// The decoded model, ready to tag.
pub struct Model {
    scale: f32,
    /// Open-addressing table, a power of two long: each slot holds a key
    /// (bytes 0..4), its 17 weights (4..21, `i8`) and a used flag (21), so a
    /// lookup touches one cache line; all zero when empty, so the table is
    /// allocated zeroed and costs nothing until written.
    slots: Vec<Slot>,
    /// One bit per key hash: most features of a text are not in the model,
    /// and this small table (it stays in cache) says so without a probe.
    filter: Vec<u64>,
    n_features: usize,
    trans: Vec<f32>,
    clusters: Clusters,
}

/// Word clusters: lowercase normalized word hash to path.
#[derive(Debug, Clone, Default)]
pub struct Clusters {
    /// Sorted by hash.
    entries: Vec<(u32, u8, u32)>,
    /// `entries[buckets[b]..buckets[b + 1]]` are the entries whose hash has
    /// top [`BUCKET_BITS`] bits `b`: the hashes are uniform, so a lookup
    /// searches a handful of entries instead of all of them.
    buckets: Vec<u32>,
}

/// Top bits of a word hash that pick its bucket of cluster entries.
const BUCKET_BITS: u32 = 12;

impl Clusters {
    /// Clusters from `(word hash, path length, path bits)` entries (any order).
    pub fn new(mut entries: Vec<(u32, u8, u32)>) -> Clusters {
        entries.sort_unstable();
        entries.dedup_by_key(|e| e.0);
        let mut buckets = Vec::with_capacity((1 << BUCKET_BITS) + 1);
        let mut i = 0;
        for b in 0..=(1u64 << BUCKET_BITS) {
            while i < entries.len() && ((entries[i].0 as u64) >> (32 - BUCKET_BITS)) < b {
                i += 1;
            }
            buckets.push(i as u32);
        }
        Clusters { entries, buckets }
    }

    /// Path length and bits of the word whose key is `h`.
    #[inline]
    fn get(&self, h: u32) -> Option<(u8, u32)> {
        let b = (h >> (32 - BUCKET_BITS)) as usize;
        let (lo, hi) = (
            *self.buckets.get(b)? as usize,
            *self.buckets.get(b + 1)? as usize,
        );
        let bucket = self.entries.get(lo..hi)?;
        bucket.iter().find(|e| e.0 == h).map(|e| (e.1, e.2))
    }

    /// The entries, sorted by word hash.
    pub fn entries(&self) -> &[(u32, u8, u32)] {
        &self.entries
    }
}

/// Hashes of the path prefixes of lengths 4, 8 and 12 (or the whole path when shorter).
fn path_prefixes(len: u8, bits: u32) -> [u64; 3] {
    let mut out = [0u64; 3];
    for (k, p) in [4u8, 8, 12].into_iter().enumerate() {
        let l = p.min(len);
        let b = if l == 0 { 0 } else { bits >> (len - l) };
        out[k] = features::fnv(&[l, (b & 0xff) as u8, (b >> 8) as u8, (b >> 16) as u8, 0xC1]);
    }
    out
}

impl Resources for Clusters {
    fn cluster(&self, word: &str) -> [u64; 3] {
        match self.get(clusters::word_key(word)) {
            Some((len, bits)) => path_prefixes(len, bits),
            None => [0; 3],
        }
    }
    fn use_word_lists(&self) -> bool {
        true
    }
}

impl Model {
    /// Decodes a model file.
    pub fn from_bytes(b: &[u8]) -> Result<Model, FormatError> {
        // The feature count sits at bytes 24..28; a bad file fails in decode.
        let n = b
            .get(24..28)
            .map_or(0, |h| u32::from_le_bytes([h[0], h[1], h[2], h[3]]) as usize)
            .min(b.len());
        let cap = (n + n / 4).next_power_of_two().max(16);
        let mut slots: Vec<Slot> = vec![[0u8; SLOT]; cap];
        let mut filter = vec![0u64; FILTER_BITS / 64];
        let mut count = 0;
        let d = format::decode(b, |k, row| {
            if count >= n {
                return;
            }
            count += 1;
            let mut i = slot(k, cap);
            while slots[i][USED] != 0 {
                i = (i + 1) & (cap - 1);
            }
            let s = &mut slots[i];
            s[..4].copy_from_slice(&k.to_le_bytes());
            for (d, &w) in s[4..4 + N_TAGS].iter_mut().zip(row) {
                *d = w as u8;
            }
            s[USED] = 1;
            let fb = filter_bit(k);
            filter[fb / 64] |= 1 << (fb % 64);
        })?;
        let trans = d.trans.iter().map(|&t| t as f32 * d.scale).collect();
        Ok(Model {
            scale: d.scale,
            slots,
            filter,
            n_features: count,
            trans,
            clusters: Clusters::new(d.clusters),
        })
    }

    /// Number of features with weights.
    pub fn n_features(&self) -> usize {
        self.n_features
    }

    /// The word clusters the model was trained with.
    pub fn clusters(&self) -> &Clusters {
        &self.clusters
    }

    #[inline]
    fn row(&self, k: u32) -> Option<&[u8]> {
        let b = filter_bit(k);
        if self.filter[b / 64] & (1 << (b % 64)) == 0 {
            return None;
        }
        let cap = self.slots.len();
        let mut i = slot(k, cap);
        loop {
            let s = &self.slots[i];
            if s[USED] == 0 {
                return None;
            }
            if s[..4] == k.to_le_bytes() {
                return Some(&s[4..4 + N_TAGS]);
            }
            i = (i + 1) & (cap - 1);
        }
    }

    /// Tags a document given as token strings and sentence token ranges;
    /// returns name spans as token ranges with their types, in order.
    pub fn tag(
        &self,
        tokens: &[&str],
        sentences: &[Range<usize>],
    ) -> Vec<(usize, usize, NameType)> {
        let tags = self.tag_document(tokens, sentences);
        tags::decode(&tags)
    }

    /// Adds the weights of `feats` to `acc`, as integers.
    #[inline]
    fn add_features(&self, feats: &[u32], acc: &mut [i32; N_TAGS]) {
        for &f in feats {
            if let Some(row) = self.row(f) {
                for (a, &w) in acc.iter_mut().zip(row) {
                    *a += w as i8 as i32;
                }
            }
        }
    }

    /// [`tag_document`] for this model, with the same result, faster: the
    /// weights of each [`Part`] of a token's features are summed once per
    /// distinct token of the document and reused (integer sums, so the
    /// grouping cannot change a score), which leaves a few lookups per
    /// repeated token instead of some forty.
    pub fn tag_document(&self, tokens: &[&str], sentences: &[Range<usize>]) -> Vec<usize> {
        let ex = Extractor::new(tokens, sentences, &self.clusters);
        let (types, n_types) = ex.token_types();
        let n_parts = Part::ALL.len();
        // memo[type * n_parts + part], filled on first use; the buffers are
        // kept from one document to the next (a large allocation per call
        // costs, in WebAssembly especially).
        MEMO.with_borrow_mut(|(memo, done)| {
            memo.clear();
            memo.resize(n_types * n_parts, [0; N_TAGS]);
            done.clear();
            done.resize(n_types * n_parts, false);
            self.tag_with_memo(&ex, &types, memo, done, tokens.len(), sentences)
        })
    }

    fn tag_with_memo(
        &self,
        ex: &Extractor,
        types: &[u32],
        memo: &mut [[i32; N_TAGS]],
        done: &mut [bool],
        n_tokens: usize,
        sentences: &[Range<usize>],
    ) -> Vec<usize> {
        let n_parts = Part::ALL.len();
        let mut feats = Vec::with_capacity(64);
        let mut pads = [[0i32; N_TAGS]; 5];
        for (k, &part) in Part::ALL.iter().enumerate() {
            feats.clear();
            Extractor::pad_features(part, &mut feats);
            self.add_features(&feats, &mut pads[k]);
        }
        let mut tags = vec![0usize; n_tokens];
        let mut em: Vec<[f32; N_TAGS]> = Vec::new();
        let mut best = Vec::new();
        let mut back = Vec::new();
        let trans = transitions(self);
        let mut hist = History::default();
        for s in sentences {
            let s = s.start.min(n_tokens)..s.end.min(n_tokens);
            em.clear();
            for i in s.clone() {
                let mut acc = [0i32; N_TAGS];
                for (k, (&part, d)) in Part::ALL.iter().zip([0isize, -1, -2, 1, 2]).enumerate() {
                    let j = i as isize + d;
                    let sum = if j >= s.start as isize && j < s.end as isize {
                        let j = j as usize;
                        let m = types[j] as usize * n_parts + k;
                        if !done[m] {
                            feats.clear();
                            ex.part_features(part, j, &mut feats);
                            self.add_features(&feats, &mut memo[m]);
                            done[m] = true;
                        }
                        memo[m]
                    } else {
                        pads[k]
                    };
                    for (a, x) in acc.iter_mut().zip(sum) {
                        *a += x;
                    }
                }
                feats.clear();
                ex.pair_features(i, &mut feats);
                hist.features(ex, i, &mut feats);
                self.add_features(&feats, &mut acc);
                let mut e = [0f32; N_TAGS];
                for (o, a) in e.iter_mut().zip(acc) {
                    *o += a as f32 * self.scale;
                }
                em.push(e);
            }
            viterbi(&trans, &em, &mut back, &mut best);
            hist.record(ex, s.start, &best);
            for (k, &t) in best.iter().enumerate() {
                tags[s.start + k] = t;
            }
        }
        tags
    }
}

thread_local! {
    /// The part sums of [`Model::tag_document`] and which are filled, kept
    /// between documents.
    static MEMO: std::cell::RefCell<(Vec<[i32; N_TAGS]>, Vec<bool>)> =
        const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
}

/// Bytes of one slot of the table: key, weights, used flag, padding.
const SLOT: usize = 24;
const USED: usize = 4 + N_TAGS;
type Slot = [u8; SLOT];

const FILTER_BITS: usize = 1 << 21;

#[inline]
fn filter_bit(k: u32) -> usize {
    (k.wrapping_mul(0x85EB_CA6B) >> 11) as usize
}

#[inline]
fn slot(k: u32, cap: usize) -> usize {
    (k.wrapping_mul(0x9E37_79B1) as usize) & (cap - 1)
}

impl Scorer for Model {
    #[inline]
    fn emissions(&self, feats: &[u32], out: &mut [f32; N_TAGS]) {
        let mut acc = [0i32; N_TAGS];
        self.add_features(feats, &mut acc);
        for (o, a) in out.iter_mut().zip(acc) {
            *o += a as f32 * self.scale;
        }
    }
    #[inline]
    fn transition(&self, a: usize, b: usize) -> f32 {
        self.trans[a * N_TAGS + b]
    }
}

/// Transition scores with the forbidden transitions set to minus infinity:
/// row `N_TAGS` is the sentence start, and the extra last row holds the
/// end-of-sentence scores (0 where a sentence may end).
pub type Transitions = [[f32; N_TAGS]; N_TAGS + 2];

/// The scorer's transitions with the BILOU constraints folded in.
pub fn transitions(scorer: &dyn Scorer) -> Box<Transitions> {
    let mut t = Box::new([[f32::NEG_INFINITY; N_TAGS]; N_TAGS + 2]);
    for a in 0..=N_TAGS {
        for b in 0..N_TAGS {
            if tags::allowed(a, b) {
                t[a][b] = scorer.transition(a, b);
            }
        }
    }
    for b in 0..N_TAGS {
        if tags::may_end(b) {
            t[N_TAGS + 1][b] = 0.0;
        }
    }
    t
}

/// Best tag sequence for one sentence by Viterbi, given per-token emission
/// scores; forbidden transitions are never taken. `back` is scratch space.
pub fn viterbi(
    trans: &Transitions,
    em: &[[f32; N_TAGS]],
    back: &mut Vec<[u8; N_TAGS]>,
    out: &mut Vec<usize>,
) {
    out.clear();
    let n = em.len();
    if n == 0 {
        return;
    }
    back.clear();
    back.resize(n, [0u8; N_TAGS]);
    let mut score = [0f32; N_TAGS];
    for b in 0..N_TAGS {
        score[b] = em[0][b] + trans[N_TAGS][b];
    }
    for i in 1..n {
        let mut next = [f32::NEG_INFINITY; N_TAGS];
        let bk = &mut back[i];
        for (a, &sa) in score.iter().enumerate() {
            if sa == f32::NEG_INFINITY {
                continue;
            }
            let row = &trans[a];
            for b in 0..N_TAGS {
                let s = sa + row[b];
                if s > next[b] {
                    next[b] = s;
                    bk[b] = a as u8;
                }
            }
        }
        for b in 0..N_TAGS {
            score[b] = next[b] + em[i][b];
        }
    }
    let mut best = f32::NEG_INFINITY;
    let mut arg = 0;
    for a in 0..N_TAGS {
        let s = score[a] + trans[N_TAGS + 1][a];
        if s > best {
            best = s;
            arg = a;
        }
    }
    out.resize(n, 0);
    out[n - 1] = arg;
    for i in (1..n).rev() {
        out[i - 1] = back[i][out[i]] as usize;
    }
}

/// The type index (0 = O, 1.. = PER, ORG, LOC, MISC) of a tag.
#[inline]
fn type_index(tag: usize) -> usize {
    tags::split(tag).map_or(0, |(t, _)| t as usize + 1)
}

/// What earlier sentences of a document were tagged: for each capitalized
/// word (lowercase form hash), how often each type was predicted.
#[derive(Default)]
pub struct History {
    counts: std::collections::HashMap<u64, [u16; 5], features::BuildU64>,
}

impl History {
    /// Appends the history features of token `i` to `feats`.
    pub fn features(&self, ex: &Extractor, i: usize, feats: &mut Vec<u32>) {
        if let Some(k) = ex.history_key(i) {
            if let Some(c) = self.counts.get(&k) {
                ex.history_features(i, c, feats);
            }
        }
    }

    /// Records the tags predicted for the tokens `first..first + tags.len()`.
    pub fn record(&mut self, ex: &Extractor, first: usize, tags: &[usize]) {
        for (k, &t) in tags.iter().enumerate() {
            if let Some(key) = ex.history_key(first + k) {
                let c = &mut self.counts.entry(key).or_default()[type_index(t)];
                *c = c.saturating_add(1);
            }
        }
    }
}

/// Tags every token of a document (flat tag list, one per token), sentence
/// by sentence in order, each sentence seeing how the earlier ones were tagged.
pub fn tag_document(
    scorer: &dyn Scorer,
    res: &dyn Resources,
    tokens: &[&str],
    sentences: &[Range<usize>],
) -> Vec<usize> {
    let ex = Extractor::new(tokens, sentences, res);
    let mut tags = vec![0usize; tokens.len()];
    let mut feats = Vec::with_capacity(64);
    let mut em: Vec<[f32; N_TAGS]> = Vec::new();
    let mut best = Vec::new();
    let mut back = Vec::new();
    let trans = transitions(scorer);
    let mut hist = History::default();
    for s in sentences {
        let s = s.start.min(tokens.len())..s.end.min(tokens.len());
        em.clear();
        for i in s.clone() {
            feats.clear();
            ex.features(i, &mut feats);
            hist.features(&ex, i, &mut feats);
            let mut e = [0f32; N_TAGS];
            scorer.emissions(&feats, &mut e);
            em.push(e);
        }
        viterbi(&trans, &em, &mut back, &mut best);
        hist.record(&ex, s.start, &best);
        for (k, &t) in best.iter().enumerate() {
            tags[s.start + k] = t;
        }
    }
    tags
}

/// The analyzer's type for a model type (MISC is `misc`; the group split is
/// made by the recognizer).
pub fn entity_type(t: NameType) -> EntityType {
    match t {
        NameType::Per => EntityType::Person,
        NameType::Org => EntityType::Organization,
        NameType::Loc => EntityType::Place,
        NameType::Misc => EntityType::Misc,
    }
}

/// Finds the names in a document with the compiled-in model: person,
/// organization, place and misc mentions on token boundaries, in order and
/// non-overlapping. Returns nothing if the compiled-in model cannot be read.
pub fn tag_names(doc: &Document) -> Vec<Mention> {
    let Ok(model) = embedded() else {
        return Vec::new();
    };
    let tokens: Vec<&str> = doc.tokens.iter().map(|t| t.span.of(doc.text)).collect();
    let spans = model.tag(&tokens, &doc.sentence_tokens);
    spans
        .into_iter()
        .map(|(s, e, ty)| Mention {
            span: Span::new(doc.tokens[s].span.start, doc.tokens[e - 1].span.end),
            ty: entity_type(ty),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::{paragraphs, tokenize};

    /// The model's own tagging (parts summed once per distinct token) tags
    /// exactly as the generic [`tag_document`] does.
    #[test]
    fn fast_tagging_matches_the_generic_path() {
        let model = embedded().expect("compiled-in model");
        let reference = include_str!("../../../tests/fixtures/blinken-baghdad.txt");
        let texts = [
            reference,
            "",
            "IRAQ SAYS U.S. TALKS END\nBiden Says He Will Meet Leaders of the Gulf States",
            "“We are determined,” Antony Blinken said on Friday. Blinken met al-Sudani.",
            "🎉 x y z. A\r\nB. The The The. New York New York, N.Y. 2014-15",
        ];
        for text in texts {
            let doc = Document::new(text, tokenize(text), paragraphs(text), &[]);
            let tokens: Vec<&str> = doc.tokens.iter().map(|t| t.span.of(text)).collect();
            let fast = model.tag_document(&tokens, &doc.sentence_tokens);
            let generic = tag_document(model, model.clusters(), &tokens, &doc.sentence_tokens);
            assert_eq!(fast, generic, "{text:?}");
        }
    }
}
