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
//! The weights live in `models/ner.bin` (format in [`mod@format`]). The build
//! lays that file out flat (`build.rs`, [`format::to_flat`]) and the crate
//! compiles the flat form in with `include_bytes!`: cluster paths and
//! transitions are read in place; loading only rebuilds the keys whole
//! (`KeyIndex`: 4,096 buckets natively, for fewer cache misses per lookup)
//! and expands the weight rows (about 7 M instructions natively, where
//! decoding the Rice-coded file and filling a hash table took 13.8 M, a good
//! part of the first `analyze` call).
//!
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

use std::borrow::Cow;
use std::ops::Range;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::LazyLock;

use crate::analysis::EntityType;
use crate::entities::Mention;
use crate::text::{Document, Span};
use features::{Extractor, Part, Resources, TypeKey};
use format::FormatError;
use tags::{NameType, N_TAGS};

/// The model file compiled into the crate (the flat form below is derived
/// from it by `build.rs`).
static EMBEDDED: &[u8] = include_bytes!("../../../models/ner.bin");

/// [`EMBEDDED`] laid out flat ([`format::to_flat`]), as the tagger reads it.
static FLAT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/ner.flat"));

static MODEL: LazyLock<Result<Model, FormatError>> =
    LazyLock::new(|| Model::from_flat(format::parse_flat(FLAT)?, Cow::Borrowed));

/// The bytes of the compiled-in model file.
pub fn embedded_bytes() -> &'static [u8] {
    EMBEDDED
}

/// The compiled-in model, ready on first use; an error if the file baked
/// into this build is not one this build can read (a test guards this).
pub fn embedded() -> Result<&'static Model, &'static FormatError> {
    MODEL.as_ref()
}

/// Bits of a key that [`Model::present`] tests.
const PRESENT_BITS: u32 = 19;

/// Integer tag scores of the tagger's own path ([`Model::add_features16`]).
type Acc = [i16; N_TAGS];

/// The number of [`Part`]s of a token's features.
const N_PARTS: usize = Part::ALL.len();

/// Scores tags for tokens: the runtime model and the trainer's float weights both do.
pub trait Scorer {
    /// Adds the weights of `feats` to `out`, one score per tag.
    fn emissions(&self, feats: &[u32], out: &mut [f32; N_TAGS]);
    /// Transition score from tag `a` (`N_TAGS` = sentence start) to tag `b`.
    fn transition(&self, a: usize, b: usize) -> f32;
}

/// The model, ready to tag: the sections of its flat layout
/// ([`format::to_flat`]), borrowed from the compiled-in bytes or owned when
/// read from a file, with the tables loading computes.
pub struct Model {
    /// Unique to this model in the process: what the tagger's cache of
    /// sums across documents ([`PartCache`]) is keyed by.
    id: u64,
    scale: f32,
    n_features: usize,
    /// The feature keys; a key's index is its row's.
    keys: KeyIndex,
    /// Each key's weights, one per tag: expanded from the masks and the
    /// non-zero weights when loading (1 M instructions natively), because
    /// adding a dense row of 17 is several times faster than walking a
    /// mask (measured: the tagger took 40% more instructions that way).
    rows: Vec<[i8; N_TAGS]>,
    /// One bit per 8,192 keys (the top 19 bits), set where the model has a
    /// key: 64 KB that stay in cache and turn most lookups of a key the
    /// model lacks (the usual case) into one bit test.
    present: Vec<u64>,
    trans: Vec<f32>,
    clusters: Clusters,
}

/// Word clusters: lowercase normalized word hash to path (cut to
/// [`format::CLUSTER_PATH_BITS`], all the features read).
#[derive(Debug, Clone)]
pub struct Clusters {
    /// Unique to these clusters in the process (a clone, equal in content,
    /// shares it): what the features' cache of word properties across
    /// documents is keyed by ([`Resources::cache_id`]).
    id: u64,
    /// The word hashes; a hash's index is its path's.
    keys: KeyIndex,
    /// Each path as `1 << len | bits`, 2 bytes each.
    paths: Cow<'static, [u8]>,
}

impl Default for Clusters {
    fn default() -> Clusters {
        Clusters::new(Vec::new())
    }
}

/// A key's top this many bits pick its bucket in a [`KeyIndex`].
#[cfg(not(target_arch = "wasm32"))]
const BUCKET_BITS: u32 = 12;
/// In WebAssembly, as many buckets as the flat layout has: see
/// [`KeyIndex::find`].
#[cfg(target_arch = "wasm32")]
const BUCKET_BITS: u32 = 16;

/// Keys [`KeyIndex::find`] compares at once.
const WINDOW: usize = 16;

/// Sorted 32-bit keys (feature keys, word hashes) in buckets by their top
/// [`BUCKET_BITS`] bits, stored whole, built when loading from the flat
/// layout's 16-bit buckets and low halves.
///
/// Why not read the flat layout in place: its 65,536 bucket starts
/// (256 KB, a `u32` each) are read at random, so a lookup cost a cache
/// line for the start and another for the low halves (and the model's
/// lookups are mostly hits, 65% of 1.4 M on PolNeAR dev, so most go on to
/// their weight row too). With 4,096 buckets the starts take 16 KB, which
/// mostly stay in the L1 cache, and a bucket's ten or so whole keys (the
/// model's 43,530 take 174 KB) are read as one window of 64 bytes next to
/// each other. Measured on PolNeAR dev, natively, against the layout
/// before, run alternately: 3-13% more throughput (median paired ratio in
/// each of four rounds), 12% fewer reads missing a simulated 1 MB L2
/// (1.03 M to 0.91 M per pass, cachegrind), 7% more instructions (the
/// window compares).
///
/// Tried and not kept, as no faster in time: windows aligned to a cache
/// line (fewer simulated misses, but a second line read for a third of
/// the lookups, a branch that mispredicts: slower in 8 of 9 runs, by up to
/// 11%); 8,192 buckets
/// with windows of 8; each bucket's start beside a 32-bit filter of its
/// keys in place of the model's 64 KB `present` table (neither faster nor
/// slower); no filter at all (slower); a 16 KB or 32 KB `present` table.
#[derive(Debug, Clone)]
struct KeyIndex {
    /// Keys `starts[b]..starts[b + 1]` have top bits `b`.
    starts: Vec<u32>,
    /// The keys, sorted, then [`WINDOW`] of padding (`u32::MAX`).
    keys: Vec<u32>,
}

impl KeyIndex {
    /// The `n` keys of a flat layout section: `counts` per 16-bit bucket
    /// ([`format::FLAT_BUCKET_BITS`]) and the low 16 bits of each key.
    fn from_flat(counts: &[u8], lo: &[u8], n: usize) -> Result<KeyIndex, FormatError> {
        let disagree = FormatError::Corrupt("bucket counts disagree with the number of keys");
        let shift = format::FLAT_BUCKET_BITS - BUCKET_BITS;
        if counts.len() != 1 << format::FLAT_BUCKET_BITS || lo.len() != 2 * n {
            return Err(disagree);
        }
        let mut starts = vec![0u32; (1 << BUCKET_BITS) + 1];
        let mut keys = Vec::with_capacity(n);
        let mut lo = lo.chunks_exact(2);
        for (b, &c) in counts.iter().enumerate() {
            for p in lo.by_ref().take(c as usize) {
                keys.push((b as u32) << 16 | u16::from_le_bytes([p[0], p[1]]) as u32);
            }
            starts[(b >> shift) + 1] += c as u32;
        }
        for b in 1..starts.len() {
            starts[b] += starts[b - 1];
        }
        // Every low half was read (`lo` holds `n`) and no count was cut short.
        if keys.len() != n || starts[1 << BUCKET_BITS] as usize != n {
            return Err(disagree);
        }
        // Padding, so that every window from a bucket's start is whole.
        keys.resize(n + WINDOW, u32::MAX);
        Ok(KeyIndex { starts, keys })
    }

    /// The keys, sorted.
    fn keys(&self) -> &[u32] {
        &self.keys[..self.keys.len() - WINDOW]
    }

    /// Index of key `k`, if present: [`KeyIndex::find_counting`] natively,
    /// [`KeyIndex::find_scanning`] in WebAssembly, with 65,536 buckets
    /// there ([`BUCKET_BITS`]). In WebAssembly the counting window made
    /// `analyze` about 5% slower than the layout before (Node, PolNeAR dev,
    /// alternately: 4.52 against 4.79 MB/s), and scanning 4,096 buckets 3%;
    /// scanning 65,536 buckets is on a par with it (4.36 against 4.45,
    /// within the noise).
    #[inline]
    fn find(&self, k: u32) -> Option<usize> {
        #[cfg(not(target_arch = "wasm32"))]
        return self.find_counting(k);
        #[cfg(target_arch = "wasm32")]
        return self.find_scanning(k);
    }

    /// Index of key `k`, if present.
    ///
    /// Counts the keys below `k` in a window of [`WINDOW`] from the bucket's
    /// start instead of stopping at the first match: a loop that stops at a
    /// place it cannot predict mispredicts once per lookup, which made the
    /// first version of this index slower than the one it replaced. Keys
    /// past the bucket are larger than `k` (they have larger top bits), as
    /// is the padding, so they are not counted; only a bucket of more than
    /// a window (rare) takes a second round.
    #[inline]
    #[cfg_attr(target_arch = "wasm32", allow(dead_code))]
    fn find_counting(&self, k: u32) -> Option<usize> {
        let b = (k >> (32 - BUCKET_BITS)) as usize;
        let (mut i, end) = (
            *self.starts.get(b)? as usize,
            *self.starts.get(b + 1)? as usize,
        );
        loop {
            let w: &[u32; WINDOW] = self.keys.get(i..i + WINDOW)?.try_into().ok()?;
            let below = w.iter().map(|&x| (x < k) as usize).sum::<usize>();
            i += below;
            if below < WINDOW {
                break;
            }
        }
        (i < end && self.keys[i] == k).then_some(i)
    }

    /// Index of key `k`, if present: the bucket scanned up to the match.
    #[inline]
    #[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
    fn find_scanning(&self, k: u32) -> Option<usize> {
        let b = (k >> (32 - BUCKET_BITS)) as usize;
        let (first, end) = (
            *self.starts.get(b)? as usize,
            *self.starts.get(b + 1)? as usize,
        );
        let i = self.keys.get(first..end)?.iter().position(|&x| x == k)?;
        Some(first + i)
    }
}

impl Clusters {
    /// Clusters from `(word hash, path length, path bits)` entries (any order).
    pub fn new(entries: Vec<(u32, u8, u32)>) -> Clusters {
        let data = format::ModelData {
            scale: 1.0,
            trans: vec![0; (N_TAGS + 1) * N_TAGS],
            clusters: entries,
            ..format::ModelData::default()
        };
        let flat = format::to_flat(&data);
        let f = format::parse_flat(&flat).expect("a flat layout just written");
        Clusters::from_flat(&f, |s| Cow::Owned(s.to_vec())).expect("a flat layout just written")
    }

    fn from_flat<'a>(
        f: &format::Flat<'a>,
        keep: impl Fn(&'a [u8]) -> Cow<'static, [u8]>,
    ) -> Result<Clusters, FormatError> {
        let paths = f.paths;
        if paths.chunks_exact(2).any(|p| p == [0, 0]) {
            return Err(FormatError::Corrupt("bad cluster path"));
        }
        Ok(Clusters {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            keys: KeyIndex::from_flat(f.cluster_counts, f.cluster_lo, f.c)?,
            paths: keep(paths),
        })
    }

    /// Path length and bits of the word whose key is `h`.
    #[inline]
    fn get(&self, h: u32) -> Option<(u8, u32)> {
        let i = self.keys.find(h)?;
        let p = u16::from_le_bytes([*self.paths.get(2 * i)?, *self.paths.get(2 * i + 1)?]);
        let len = 15 - p.leading_zeros() as u8;
        Some((len, (p & ((1 << len) - 1)) as u32))
    }

    /// The entries, sorted by word hash.
    pub fn entries(&self) -> Vec<(u32, u8, u32)> {
        let mut out = Vec::new();
        for &h in self.keys.keys() {
            if let Some((len, bits)) = self.get(h) {
                out.push((h, len, bits));
            }
        }
        out
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
    fn cache_id(&self) -> Option<u64> {
        Some(self.id)
    }
}

impl Model {
    /// Reads a model file (the format training writes).
    pub fn from_bytes(b: &[u8]) -> Result<Model, FormatError> {
        let flat = format::to_flat(&format::ModelData::from_bytes(b)?);
        Model::from_flat(format::parse_flat(&flat)?, |s| Cow::Owned(s.to_vec()))
    }

    /// The model of a flat layout, keeping its sections with `keep`
    /// (borrowing the compiled-in bytes, or copying).
    fn from_flat<'a>(
        f: format::Flat<'a>,
        keep: impl Fn(&'a [u8]) -> Cow<'static, [u8]>,
    ) -> Result<Model, FormatError> {
        let keys = KeyIndex::from_flat(f.key_counts, f.key_lo, f.n)?;
        let mut rows = vec![[0i8; N_TAGS]; f.n];
        let mut weights = f.weights.iter();
        for (row, m) in rows.iter_mut().zip(f.masks.chunks_exact(3)) {
            let mut mask = m[0] as u32 | (m[1] as u32) << 8 | (m[2] as u32) << 16;
            if mask >> N_TAGS != 0 {
                return Err(FormatError::Corrupt("bad tag mask"));
            }
            while mask != 0 {
                let t = mask.trailing_zeros() as usize;
                mask &= mask - 1;
                let &w = weights
                    .next()
                    .ok_or(FormatError::Corrupt("block lengths disagree"))?;
                row[t] = w as i8;
            }
        }
        if weights.next().is_some() {
            return Err(FormatError::Corrupt("block lengths disagree"));
        }

        let mut present = vec![0u64; 1 << (PRESENT_BITS - 6)];
        for &k in keys.keys() {
            let p = k >> (32 - PRESENT_BITS);
            present[(p >> 6) as usize] |= 1 << (p & 63);
        }
        let trans = f.trans.iter().map(|&t| t as f32 * f.scale).collect();
        let clusters = Clusters::from_flat(&f, &keep)?;
        Ok(Model {
            id: NEXT_ID.fetch_add(1, Ordering::Relaxed),
            scale: f.scale,
            n_features: f.n,
            keys,
            rows,
            present,
            trans,
            clusters,
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

    /// The weights of feature `k`, if the model has it: the `present` bit
    /// first, which turns most lookups of a key the model lacks into one
    /// bit test.
    #[inline]
    fn row(&self, k: u32) -> Option<&[i8; N_TAGS]> {
        let p = k >> (32 - PRESENT_BITS);
        if self.present.get((p >> 6) as usize).copied().unwrap_or(0) >> (p & 63) & 1 == 0 {
            return None;
        }
        self.keys.find(k).map(|i| &self.rows[i])
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
                    *a += w as i32;
                }
            }
        }
    }

    /// [`Model::add_features`] into 16-bit sums, which the tagger's own
    /// path uses (half the width, twice the lanes per vector). They cannot
    /// overflow: a token has at most about a hundred features (49 of its
    /// own with all fifteen word-list bits set, 19 from each neighbor, 2
    /// from each second neighbor, 7 pairs and history), each weight is at
    /// most 127 in size, and 100 * 127 is well under 32,767.
    #[inline]
    fn add_features16(&self, feats: &[u32], acc: &mut Acc) {
        for &f in feats {
            if let Some(row) = self.row(f) {
                for (a, &w) in acc.iter_mut().zip(row) {
                    *a = a.wrapping_add(w as i16);
                }
            }
        }
    }

    /// [`tag_document`] for this model, with the same result, faster: the
    /// weights of each [`Part`] of a token's features are summed once per
    /// distinct token of the document and reused (integer sums, so the
    /// grouping cannot change a score), which leaves a few lookups per
    /// repeated token instead of some forty; the sums of the types met
    /// last are kept for the next document (`Model::fill_type`).
    pub fn tag_document(&self, tokens: &[&str], sentences: &[Range<usize>]) -> Vec<usize> {
        let ex = Extractor::new(tokens, sentences, &self.clusters);
        let (types, n_types) = ex.token_types();
        // memo[type][part], filled on first use; the buffers are kept from
        // one document to the next (a large allocation per call costs, in
        // WebAssembly especially).
        MEMO.with_borrow_mut(|(memo, done)| {
            // Only `done` needs clearing: a type's sums are all written when
            // it is filled.
            if memo.len() < n_types {
                memo.resize(n_types, [[0; N_TAGS]; N_PARTS]);
            }
            done.clear();
            done.resize(n_types, false);
            PART_CACHE.with_borrow_mut(|cache| {
                // Sums of another model are of no use.
                if cache.model != self.id {
                    *cache = PartCache::new(self.id);
                }
                self.tag_with_memo(&ex, types, memo, done, sentences, cache)
            })
        })
    }

    /// The five [`Part`] sums of token `j`'s type into `sums`: copied from
    /// `cache` when a token with the same features was seen before, in
    /// this document or an earlier one, else looked up and remembered.
    ///
    /// News repeats its common words from one article to the next, and a
    /// word's sums cost some thirty key lookups at random in the model's
    /// 900 KB: the cache holds 8,192 types (2.7 MB, one slot each, the last
    /// one met keeps a slot). Measured on the bench's PolNeAR dev pass
    /// (callgrind, `ANALYZE_ROUNDS=1`, each article once): 11% fewer
    /// instructions and a quarter fewer first-level cache misses.
    fn fill_type(
        &self,
        ex: &Extractor,
        j: usize,
        feats: &mut Vec<u32>,
        sums: &mut [Acc; N_PARTS],
        cache: &mut PartCache,
    ) {
        let key = ex.type_key(j);
        let slot = (key.hash() >> (64 - PART_CACHE_BITS)) as usize;
        if let Some(Some((k, s))) = cache.slots.get(slot) {
            if *k == key {
                *sums = *s;
                return;
            }
        }
        for (k, &part) in Part::ALL.iter().enumerate() {
            feats.clear();
            ex.part_features(part, j, feats);
            sums[k] = [0; N_TAGS];
            self.add_features16(feats, &mut sums[k]);
        }
        cache.slots[slot] = Some((key, *sums));
    }

    fn tag_with_memo(
        &self,
        ex: &Extractor,
        types: &[u32],
        memo: &mut [[Acc; N_PARTS]],
        done: &mut [bool],
        sentences: &[Range<usize>],
        cache: &mut PartCache,
    ) -> Vec<usize> {
        let n_tokens = ex.len();
        let mut feats = Vec::with_capacity(64);
        let mut pads = [[0i16; N_TAGS]; N_PARTS];
        for (k, &part) in Part::ALL.iter().enumerate() {
            feats.clear();
            Extractor::pad_features(part, &mut feats);
            self.add_features16(&feats, &mut pads[k]);
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
                let mut acc: Acc = [0; N_TAGS];
                for (k, d) in [0isize, -1, -2, 1, 2].into_iter().enumerate() {
                    let j = i as isize + d;
                    let sum = if j >= s.start as isize && j < s.end as isize {
                        let j = j as usize;
                        let t = types[j] as usize;
                        if !done[t] {
                            self.fill_type(ex, j, &mut feats, &mut memo[t], cache);
                            done[t] = true;
                        }
                        memo[t][k]
                    } else {
                        pads[k]
                    };
                    for (a, x) in acc.iter_mut().zip(sum) {
                        *a = a.wrapping_add(x);
                    }
                }
                feats.clear();
                ex.pair_features(i, &mut feats);
                hist.features(ex, i, &mut feats);
                self.add_features16(&feats, &mut acc);
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

/// The [`Part`] sums of token types by [`TypeKey`], kept from one
/// document to the next ([`Model::fill_type`]), for one model.
#[derive(Default)]
struct PartCache {
    /// The [`Model::id`] the sums are of.
    model: u64,
    /// `1 << PART_CACHE_BITS` slots (none before the first model), each
    /// with the key and the sums of the last type put there.
    slots: Vec<Option<(TypeKey, [Acc; N_PARTS])>>,
}

impl PartCache {
    /// An empty cache for the model `model`.
    fn new(model: u64) -> PartCache {
        PartCache {
            model,
            slots: vec![None; 1 << PART_CACHE_BITS],
        }
    }
}

/// The [`PartCache`] has `1 << PART_CACHE_BITS` slots.
const PART_CACHE_BITS: u32 = 13;

/// The next [`Model::id`] or `Clusters::id` (never 0, the id of no model
/// in an empty cache).
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

thread_local! {
    /// Each thread's [`PartCache`].
    static PART_CACHE: std::cell::RefCell<PartCache> = std::cell::RefCell::new(PartCache::default());

    /// The part sums of [`Model::tag_document`] per token type and which
    /// types are filled, kept between documents.
    static MEMO: std::cell::RefCell<(Vec<[Acc; N_PARTS]>, Vec<bool>)> =
        const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
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

/// The tags a name may end on, with `O`: O, and L and U of each type,
/// in tag order. These (and the sentence start) are the only tags that O, B
/// and U may follow.
const CLOSED: [usize; 9] = [0, 3, 4, 7, 8, 11, 12, 15, 16];
/// The tags that may follow a [`CLOSED`] one: O, and B and U of each type.
const OPENING: [usize; 9] = [0, 1, 4, 5, 8, 9, 12, 13, 16];

/// Best tag sequence for one sentence by Viterbi, given per-token emission
/// scores; forbidden transitions are never taken. `scores` is scratch space.
///
/// `trans` must forbid (minus infinity) exactly the pairs BILOU forbids, as
/// [`transitions`] makes it: the forward pass reads only the allowed pairs,
/// by the shape of BILOU: O, B and U follow O, L or U (9 by 9, summed 12
/// lanes at a time, which vectorizes), and I and L follow the B or I of
/// their own type (2 each). It keeps only the best score of each tag at each
/// token; the way back recomputes, for the one tag chosen at each token,
/// which previous tag gave that best score, trying them in order with a
/// strict `>`, so ties go to the first as they always did. The sums are the
/// same float operations as a pass that tries every pair and records every
/// back-pointer, so the path is exactly the one it finds (a test checks).
pub fn viterbi(
    trans: &Transitions,
    em: &[[f32; N_TAGS]],
    scores: &mut Vec<[f32; N_TAGS]>,
    out: &mut Vec<usize>,
) {
    out.clear();
    let n = em.len();
    if n == 0 {
        return;
    }
    // The closed-to-opening weights, padded to 12 lanes.
    let mut open_w = [[f32::NEG_INFINITY; 12]; 9];
    for (k, &a) in CLOSED.iter().enumerate() {
        for (j, &b) in OPENING.iter().enumerate() {
            open_w[k][j] = trans[a][b];
        }
    }
    scores.clear();
    scores.reserve(n);
    let mut score = [f32::NEG_INFINITY; N_TAGS];
    for b in 0..N_TAGS {
        score[b] = em[0][b] + trans[N_TAGS][b];
    }
    scores.push(score);
    for e in &em[1..] {
        let mut m = [f32::NEG_INFINITY; 12];
        for (&a, w) in CLOSED.iter().zip(&open_w) {
            let p = score[a];
            for (x, &t) in m.iter_mut().zip(w) {
                let s = p + t;
                if s > *x {
                    *x = s;
                }
            }
        }
        let mut next = [f32::NEG_INFINITY; N_TAGS];
        for (&b, &x) in OPENING.iter().zip(&m) {
            next[b] = x;
        }
        for ty in 0..4 {
            let (bt, it, lt) = (1 + 4 * ty, 2 + 4 * ty, 3 + 4 * ty);
            for target in [it, lt] {
                let from_b = score[bt] + trans[bt][target];
                let from_i = score[it] + trans[it][target];
                next[target] = if from_i > from_b { from_i } else { from_b };
            }
        }
        for ((s, x), &e) in score.iter_mut().zip(next).zip(e) {
            *s = x + e;
        }
        scores.push(score);
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
        let b = out[i];
        let prev = &scores[i - 1];
        // The tags `b` may follow, in order: its own type's B and I for an
        // I or L, the closed tags otherwise.
        let inside;
        let from: &[usize] = match tags::split(b) {
            Some((ty, 1 | 2)) => {
                inside = [tags::tag(ty, 0), tags::tag(ty, 1)];
                &inside
            }
            _ => &CLOSED,
        };
        let (mut best, mut arg) = (f32::NEG_INFINITY, 0);
        for &a in from {
            let s = prev[a] + trans[a][b];
            if s > best {
                best = s;
                arg = a;
            }
        }
        out[i - 1] = arg;
    }
}

/// The type index (0 = O, 1.. = PER, ORG, LOC, MISC) of a tag.
#[inline]
fn type_index(tag: usize) -> usize {
    tags::split(tag).map_or(0, |(t, _)| t as usize + 1)
}

/// What earlier sentences of a document were tagged: for each capitalized
/// word (by its lowercase form, [`Extractor::history_key`]), how often each
/// type was predicted. A table indexed by the document's lowercase forms, not
/// a hash map: it is read for every capitalized token.
#[derive(Default)]
pub struct History {
    counts: Vec<[u16; 5]>,
}

impl History {
    /// Appends the history features of token `i` to `feats`.
    pub fn features(&self, ex: &Extractor, i: usize, feats: &mut Vec<u32>) {
        if let Some(c) = ex.history_key(i).and_then(|k| self.counts.get(k)) {
            ex.history_features(i, c, feats);
        }
    }

    /// Records the tags predicted for the tokens `first..first + tags.len()`.
    pub fn record(&mut self, ex: &Extractor, first: usize, tags: &[usize]) {
        if self.counts.len() < ex.n_lower() {
            self.counts.resize(ex.n_lower(), [0; 5]);
        }
        for (k, &t) in tags.iter().enumerate() {
            if let Some(key) = ex.history_key(first + k) {
                let c = &mut self.counts[key][type_index(t)];
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

    /// The flat layout compiled in is exactly what `models/ner.bin` lays out
    /// to, so the shipped model is the file training wrote.
    #[test]
    fn compiled_in_flat_layout_is_the_model_file() {
        let data = format::ModelData::from_bytes(EMBEDDED).unwrap();
        assert!(format::to_flat(&data) == FLAT);
        let from_file = Model::from_bytes(EMBEDDED).unwrap();
        let model = embedded().unwrap();
        assert_eq!(from_file.rows, model.rows);
        assert_eq!(from_file.keys.keys(), model.keys.keys());
        assert_eq!(from_file.keys.starts, model.keys.starts);
        assert_eq!(from_file.clusters.entries(), model.clusters.entries());
    }

    /// [`KeyIndex::find`] finds every key of the compiled-in model and of
    /// its clusters at its own index, and no other key (checked against a
    /// binary search over the sorted keys, on keys near the stored ones).
    #[test]
    fn key_index_finds_exactly_the_stored_keys() {
        let model = embedded().expect("compiled-in model");
        for index in [&model.keys, &model.clusters.keys] {
            let keys = index.keys();
            assert!(keys.windows(2).all(|w| w[0] < w[1]));
            for (i, &k) in keys.iter().enumerate() {
                assert_eq!(index.find(k), Some(i));
                assert_eq!(index.find_scanning(k), Some(i));
                for probe in [k.wrapping_sub(1), k.wrapping_add(1), k ^ 1 << 20, !k] {
                    let want = keys.binary_search(&probe).ok();
                    assert_eq!(index.find_counting(probe), want);
                    assert_eq!(index.find_scanning(probe), want);
                }
            }
        }
    }

    /// Buckets larger than a window, and the keys at both ends of the range
    /// (the padding is `u32::MAX`), are found exactly.
    #[test]
    fn key_index_handles_large_buckets_and_extreme_keys() {
        let mut entries: Vec<(u32, u8, u32)> = (0..40).map(|i| (7 * i, 3, i % 8)).collect();
        entries.extend([(u32::MAX, 1, 1), (u32::MAX - 2, 2, 1), (1 << 20, 4, 5)]);
        let clusters = Clusters::new(entries.clone());
        let keys = clusters.keys.keys();
        assert_eq!(keys.len(), entries.len());
        for k in (0..300).chain([1 << 20, (1 << 20) + 1, u32::MAX - 2, u32::MAX - 1, u32::MAX]) {
            let want = keys.binary_search(&k).ok();
            assert_eq!(clusters.keys.find_counting(k), want, "{k}");
            assert_eq!(clusters.keys.find_scanning(k), want, "{k}");
        }
        let empty = Clusters::default();
        assert_eq!(empty.keys.find(0), None);
        assert_eq!(empty.keys.find(u32::MAX), None);
    }

    /// Viterbi over every pair with recorded back-pointers, the way it was
    /// first written: the reference for [`viterbi`].
    fn viterbi_every_pair(trans: &Transitions, em: &[[f32; N_TAGS]]) -> Vec<usize> {
        let n = em.len();
        if n == 0 {
            return Vec::new();
        }
        let mut back = vec![[0usize; N_TAGS]; n];
        let mut score: Vec<f32> = (0..N_TAGS).map(|b| em[0][b] + trans[N_TAGS][b]).collect();
        for i in 1..n {
            let mut next = [f32::NEG_INFINITY; N_TAGS];
            for b in 0..N_TAGS {
                for a in 0..N_TAGS {
                    let s = score[a] + trans[a][b];
                    if s > next[b] {
                        next[b] = s;
                        back[i][b] = a;
                    }
                }
            }
            score = (0..N_TAGS).map(|b| next[b] + em[i][b]).collect();
        }
        let mut arg = 0;
        let mut best = f32::NEG_INFINITY;
        for a in 0..N_TAGS {
            let s = score[a] + trans[N_TAGS + 1][a];
            if s > best {
                best = s;
                arg = a;
            }
        }
        let mut out = vec![0; n];
        out[n - 1] = arg;
        for i in (1..n).rev() {
            out[i - 1] = back[i][out[i]];
        }
        out
    }

    /// A scorer with given transition weights.
    struct Fixed(Vec<f32>);
    impl Scorer for Fixed {
        fn emissions(&self, _: &[u32], _: &mut [f32; N_TAGS]) {}
        fn transition(&self, a: usize, b: usize) -> f32 {
            self.0[a * N_TAGS + b]
        }
    }

    /// The structured Viterbi finds exactly the path of the one that tries
    /// every pair, ties included (small integer scores make many), on the
    /// model's transitions and on random ones.
    #[test]
    fn viterbi_matches_trying_every_pair() {
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move |k: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % k) as f32
        };
        let model = embedded().expect("compiled-in model");
        let mut tables = vec![transitions(model)];
        for _ in 0..20 {
            let w: Vec<f32> = (0..(N_TAGS + 1) * N_TAGS).map(|_| next(7) - 3.0).collect();
            tables.push(transitions(&Fixed(w)));
        }
        let (mut scores, mut out) = (Vec::new(), Vec::new());
        for trans in &tables {
            for n in [0, 1, 2, 3, 7, 30] {
                for _ in 0..10 {
                    let em: Vec<[f32; N_TAGS]> = (0..n)
                        .map(|_| std::array::from_fn(|_| next(5) - 2.0))
                        .collect();
                    viterbi(trans, &em, &mut scores, &mut out);
                    assert_eq!(out, viterbi_every_pair(trans, &em));
                }
            }
        }
    }

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

    /// The tagger keeps part sums from one document to the next
    /// (`PartCache`): documents in any order, and two models in turn, must
    /// still tag as the generic path does.
    #[test]
    fn sums_kept_across_documents_are_each_model_s_own() {
        let model = embedded().expect("compiled-in model");
        // The same features with every emission weight negated: it tags
        // the same text quite differently, so sums leaking from one model
        // to the other would show.
        let mut data = format::ModelData::from_bytes(EMBEDDED).unwrap();
        for w in &mut data.weights {
            *w = w.saturating_neg();
        }
        let negated = Model::from_bytes(&data.to_bytes()).unwrap();
        let texts = [
            include_str!("../../../tests/fixtures/blinken-baghdad.txt"),
            "Blinken met al-Sudani in Baghdad. The talks ended on Friday, Blinken said.",
            "“We are determined,” Antony Blinken said on Friday. Blinken met al-Sudani.",
        ];
        let mut differ = false;
        for (round, m) in [model, &negated, model, &negated].into_iter().enumerate() {
            for k in 0..texts.len() {
                // Each round in another order.
                let text = texts[(k + round) % texts.len()];
                let doc = Document::new(text, tokenize(text), paragraphs(text), &[]);
                let tokens: Vec<&str> = doc.tokens.iter().map(|t| t.span.of(text)).collect();
                let fast = m.tag_document(&tokens, &doc.sentence_tokens);
                let generic = tag_document(m, m.clusters(), &tokens, &doc.sentence_tokens);
                assert_eq!(fast, generic, "round {round}: {text:?}");
                differ |= fast != model.tag_document(&tokens, &doc.sentence_tokens);
            }
        }
        assert!(differ, "the negated model should tag differently");
    }
}
