//! The model file: a compact binary format with a version check.
//!
//! Decided: only the features the training kept are stored, as sorted 32-bit
//! keys written as gaps in a Rice code, with a 17-bit mask per feature saying
//! which tags have a non-zero weight, and those weights as `i8` times one
//! scale. Keys, masks and weights are stored as three blocks so gzip sees
//! similar bytes together. The word clusters follow: their sorted word hashes
//! as Rice-coded gaps, then their paths. This is the file training writes and
//! the repository keeps; the crate does not decode it when it runs: `build.rs`
//! lays it out flat ([`to_flat`], a second layout documented there) and the
//! tagger reads that in place, expanding only the weight rows (about 700 KB
//! of memory while the module lives).
//!
//! Why a Rice code for the keys and hashes: they are hashes, uniformly spread,
//! so their gaps are geometric and a Rice code with the best parameter is
//! within a few percent of the entropy of the set, where varints left a
//! seventh of the bits to gzip, which cannot find them (measured on the
//! shipped model: keys 107 KB gzipped as varints, 91 KB as a Rice code; the
//! cluster table 80 KB as varints, 66 KB now). The cost is a bit reader in
//! the decoder.
//!
//! Layout (all integers little-endian):
//!
//! | bytes | what |
//! |---|---|
//! | 8 | magic `ALNERMDL` |
//! | 4 | format version (u32), [`FORMAT_VERSION`] |
//! | 4 | feature version (u32), [`FEATURE_VERSION`]: the feature templates the weights belong to |
//! | 4 | number of tags (u32), 17 |
//! | 4 | scale (f32): a stored weight `q` means `q * scale` |
//! | 4 | number of features `n` (u32) |
//! | 4 | number of cluster entries `c` (u32) |
//! | 3 × 4 | byte lengths of the key, mask and weight blocks (u32 each) |
//! | 18 × 17 × 2 | transition weights (i16, times scale): row 17 is the sentence start |
//! | Rice | `n` key gaps (first key, then differences) |
//! | varints | `n` tag masks |
//! | bytes | one i8 per set mask bit, feature by feature |
//! | Rice | `c` gaps of the clusters' 32-bit word hashes, sorted |
//! | 2 × `c` | the clusters' paths, cut to [`CLUSTER_PATH_BITS`], each as `1 << len \| bits`: all low bytes, then all high bytes |
//!
//! A Rice block is one byte `k`, then per value `v` the quotient `v >> k` in
//! unary (that many 1 bits, then a 0) and the low `k` bits of `v`, bits
//! filled from the least significant bit of each byte; the last byte is
//! padded with zeros.

use super::tags::N_TAGS;

/// Version of the byte layout.
pub const FORMAT_VERSION: u32 = 4;
/// Cluster paths are stored cut to their first this many bits: the features
/// read path prefixes of 4, 8 and 12 bits only (`path_prefixes` in the model
/// module), so the rest of a path (up to 16 bits) would never be read.
pub const CLUSTER_PATH_BITS: u8 = 12;
/// Version of the feature templates; bump when `features.rs` changes what a key means.
pub const FEATURE_VERSION: u32 = 1;

const MAGIC: &[u8; 8] = b"ALNERMDL";

/// Why a model file could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum FormatError {
    /// Not a model file at all.
    BadMagic,
    /// Written by another version of the format or features: retrain.
    Version {
        /// Format version found.
        format: u32,
        /// Feature version found.
        features: u32,
    },
    /// The file ends early or holds an impossible value.
    Corrupt(&'static str),
}

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FormatError::BadMagic => write!(f, "not an article-lens NER model (bad magic)"),
            FormatError::Version { format, features } => write!(
                f,
                "NER model has format version {format} and feature version {features}, \
                 this build reads format {FORMAT_VERSION} with features {FEATURE_VERSION}: \
                 retrain it with train-ner"
            ),
            FormatError::Corrupt(what) => write!(f, "NER model file is corrupt: {what}"),
        }
    }
}

impl std::error::Error for FormatError {}

/// A model's contents in portable form, as written by training.
#[derive(Debug, Clone, Default)]
pub struct ModelData {
    /// A stored weight `q` stands for `q * scale`.
    pub scale: f32,
    /// Sorted feature keys.
    pub keys: Vec<u32>,
    /// Weights, `N_TAGS` per key.
    pub weights: Vec<i8>,
    /// Transition weights, `(N_TAGS + 1) * N_TAGS`, the last row from the sentence start.
    pub trans: Vec<i16>,
    /// Word clusters: (32-bit hash of the normalized word, path length, path bits).
    pub clusters: Vec<(u32, u8, u32)>,
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// A varint at `*pos` in `b`, moving `pos` past it; `None` if it runs off
/// the end or is too long.
#[inline]
fn varint(b: &[u8], pos: &mut usize) -> Option<u64> {
    let mut v = 0u64;
    let mut shift = 0;
    while let Some(&x) = b.get(*pos) {
        *pos += 1;
        v |= ((x & 0x7f) as u64) << shift;
        if x < 0x80 {
            return Some(v);
        }
        shift += 7;
        if shift >= 64 {
            return None;
        }
    }
    None
}

/// Writes `values` as a Rice block with the parameter that makes it shortest.
fn put_rice(out: &mut Vec<u8>, values: &[u32]) {
    let cost = |k: u32| -> u64 { values.iter().map(|&v| (v >> k) as u64 + 1 + k as u64).sum() };
    let k = (0..32).min_by_key(|&k| cost(k)).unwrap_or(0);
    out.push(k as u8);
    let mut w = BitWriter { out, acc: 0, n: 0 };
    for &v in values {
        let mut q = v >> k;
        while q >= 32 {
            w.put(u32::MAX as u64, 32);
            q -= 32;
        }
        w.put((1u64 << q) - 1, q + 1);
        w.put((v & ((1u64 << k) - 1) as u32) as u64, k);
    }
    w.finish();
}

/// Bits into bytes, least significant first.
struct BitWriter<'a> {
    out: &'a mut Vec<u8>,
    acc: u64,
    n: u32,
}

impl BitWriter<'_> {
    /// Appends the low `bits` (at most 32) bits of `v`.
    fn put(&mut self, v: u64, bits: u32) {
        self.acc |= (v & ((1u64 << bits) - 1)) << self.n;
        self.n += bits;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }
    fn finish(&mut self) {
        if self.n > 0 {
            self.out.push(self.acc as u8);
        }
        self.acc = 0;
        self.n = 0;
    }
}

/// Reads the values of a Rice block, least significant bit of each byte
/// first, through a 64-bit buffer (a value costs a few operations, not one a bit).
struct RiceReader<'a> {
    b: &'a [u8],
    /// Next byte to load into `acc`.
    pos: usize,
    /// Loaded bits not yet read, the next one lowest.
    acc: u64,
    /// How many bits of `acc` are loaded.
    n: u32,
    k: u32,
}

impl<'a> RiceReader<'a> {
    /// A reader of the block starting at `b[0]` (its parameter byte).
    fn new(b: &'a [u8]) -> Result<RiceReader<'a>, FormatError> {
        let k = *b
            .first()
            .ok_or(FormatError::Corrupt("unexpected end of file"))? as u32;
        if k > 31 {
            return Err(FormatError::Corrupt("bad Rice parameter"));
        }
        Ok(RiceReader {
            b,
            pos: 1,
            acc: 0,
            n: 0,
            k,
        })
    }
    #[inline]
    fn refill(&mut self) {
        while self.n <= 56 {
            let Some(&x) = self.b.get(self.pos) else {
                return;
            };
            self.acc |= (x as u64) << self.n;
            self.n += 8;
            self.pos += 1;
        }
    }
    #[inline]
    fn consume(&mut self, bits: u32) {
        // `bits` <= 64; a shift by 64 would overflow.
        self.acc = if bits >= 64 { 0 } else { self.acc >> bits };
        self.n -= bits;
    }
    /// The next value; `None` past the end or when it does not fit 32 bits.
    #[inline]
    fn next(&mut self) -> Option<u32> {
        let max_q = (u32::MAX >> self.k) as u64;
        let mut q = 0u64;
        loop {
            self.refill();
            if self.n == 0 {
                return None;
            }
            // Bits above `n` are zero, so this stops at `n` at the latest.
            let ones = self.acc.trailing_ones();
            q += ones as u64;
            if q > max_q {
                return None;
            }
            if ones < self.n {
                self.consume(ones + 1);
                break;
            }
            self.consume(ones);
        }
        self.refill();
        if self.n < self.k {
            return None;
        }
        let r = (self.acc & ((1u64 << self.k) - 1)) as u32;
        self.consume(self.k);
        Some(((q as u32) << self.k) | r)
    }
    /// Bytes used so far, counting the parameter byte (the last one partly).
    fn len(&self) -> usize {
        let bits = self.pos * 8 - self.n as usize;
        bits.div_ceil(8)
    }
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], FormatError> {
        let end = self
            .pos
            .checked_add(n)
            .filter(|&e| e <= self.b.len())
            .ok_or(FormatError::Corrupt("unexpected end of file"))?;
        let s = &self.b[self.pos..end];
        self.pos = end;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32, FormatError> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
}

impl ModelData {
    /// Writes the model in the file format.
    pub fn to_bytes(&self) -> Vec<u8> {
        let n = self.keys.len();
        let mut out = Vec::with_capacity(64 + n * 4);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&FEATURE_VERSION.to_le_bytes());
        out.extend_from_slice(&(N_TAGS as u32).to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&(n as u32).to_le_bytes());
        out.extend_from_slice(&(self.clusters.len() as u32).to_le_bytes());
        out.extend_from_slice(&[0; 12]);
        for &t in &self.trans {
            out.extend_from_slice(&t.to_le_bytes());
        }
        let mut mark = out.len();
        put_rice(&mut out, &gaps(self.keys.iter().copied()));
        let len = (out.len() - mark) as u32;
        out[32..36].copy_from_slice(&len.to_le_bytes());
        mark = out.len();
        for row in self.weights.chunks(N_TAGS) {
            let mask = row
                .iter()
                .enumerate()
                .fold(0u64, |m, (i, &w)| if w != 0 { m | 1 << i } else { m });
            put_varint(&mut out, mask);
        }
        let len = (out.len() - mark) as u32;
        out[36..40].copy_from_slice(&len.to_le_bytes());
        mark = out.len();
        for &w in self.weights.iter().filter(|&&w| w != 0) {
            out.push(w as u8);
        }
        let len = (out.len() - mark) as u32;
        out[40..44].copy_from_slice(&len.to_le_bytes());
        let mut clusters = self.clusters.clone();
        clusters.sort_unstable();
        clusters.dedup_by_key(|c| c.0);
        for c in &mut clusters {
            if c.1 > CLUSTER_PATH_BITS {
                c.2 >>= c.1 - CLUSTER_PATH_BITS;
                c.1 = CLUSTER_PATH_BITS;
            }
        }
        out[28..32].copy_from_slice(&(clusters.len() as u32).to_le_bytes());
        put_rice(&mut out, &gaps(clusters.iter().map(|c| c.0)));
        let paths: Vec<u16> = clusters
            .iter()
            .map(|&(_, len, bits)| (1u16 << len) | (bits & ((1u32 << len) - 1)) as u16)
            .collect();
        out.extend(paths.iter().map(|&p| p as u8));
        out.extend(paths.iter().map(|&p| (p >> 8) as u8));
        out
    }

    /// Reads a model file, checking its magic and versions first.
    pub fn from_bytes(b: &[u8]) -> Result<ModelData, FormatError> {
        let mut keys = Vec::new();
        let mut weights = Vec::new();
        let d = decode(b, |k, row| {
            keys.push(k);
            weights.extend_from_slice(row);
        })?;
        Ok(ModelData { keys, weights, ..d })
    }
}

/// The first of `sorted` (strictly increasing), then the differences.
fn gaps(sorted: impl Iterator<Item = u32>) -> Vec<u32> {
    let mut prev = 0;
    sorted
        .map(|k| {
            let g = k - prev;
            prev = k;
            g
        })
        .collect()
}

/// Reads the tag count (which must be this build's) and the weight scale,
/// the header fields both model layouts share after their versions.
fn tags_and_scale(r: &mut Reader) -> Result<f32, FormatError> {
    if r.u32()? as usize != N_TAGS {
        return Err(FormatError::Corrupt("wrong number of tags"));
    }
    let scale = f32::from_bits(r.u32()?);
    if !scale.is_finite() || scale <= 0.0 {
        return Err(FormatError::Corrupt("bad scale"));
    }
    Ok(scale)
}

/// Reads a model file, handing each feature's key and weights to
/// `feature` as it goes (so a reader can build its own table without an
/// intermediate copy); returns everything else, with `keys` and `weights`
/// left empty.
pub fn decode(
    b: &[u8],
    mut feature: impl FnMut(u32, &[i8; N_TAGS]),
) -> Result<ModelData, FormatError> {
    let mut r = Reader { b, pos: 0 };
    if r.take(8).map_err(|_| FormatError::BadMagic)? != MAGIC {
        return Err(FormatError::BadMagic);
    }
    let format = r.u32()?;
    let features = r.u32()?;
    if format != FORMAT_VERSION || features != FEATURE_VERSION {
        return Err(FormatError::Version { format, features });
    }
    let scale = tags_and_scale(&mut r)?;
    let n = r.u32()? as usize;
    let c = r.u32()? as usize;
    if n > b.len() || c > b.len() {
        return Err(FormatError::Corrupt("counts larger than the file"));
    }
    let key_len = r.u32()? as usize;
    let mask_len = r.u32()? as usize;
    let weight_len = r.u32()? as usize;
    let trans = r
        .take((N_TAGS + 1) * N_TAGS * 2)?
        .chunks_exact(2)
        .map(|p| i16::from_le_bytes([p[0], p[1]]))
        .collect();
    // Three blocks, walked together: keys, masks, weights.
    let key_block = r.take(key_len)?;
    let mask_block = r.take(mask_len)?;
    let wbytes = r.take(weight_len)?;
    let mut keys = RiceReader::new(key_block)?;
    let (mut mp, mut wp) = (0usize, 0usize);
    let mut prev = 0u64;
    for i in 0..n {
        let gap = keys.next().ok_or(FormatError::Corrupt("bad key"))?;
        if i > 0 && gap == 0 {
            return Err(FormatError::Corrupt("keys not increasing"));
        }
        prev += gap as u64;
        if prev > u32::MAX as u64 {
            return Err(FormatError::Corrupt("key out of range"));
        }
        let mut m = varint(mask_block, &mut mp).ok_or(FormatError::Corrupt("bad tag mask"))?;
        if m >> N_TAGS != 0 || wp + m.count_ones() as usize > wbytes.len() {
            return Err(FormatError::Corrupt("bad tag mask"));
        }
        let mut row = [0i8; N_TAGS];
        while m != 0 {
            let t = m.trailing_zeros() as usize;
            m &= m - 1;
            row[t] = wbytes[wp] as i8;
            wp += 1;
        }
        feature(prev as u32, &row);
    }
    if keys.len() != key_block.len() || mp != mask_block.len() || wp != wbytes.len() {
        return Err(FormatError::Corrupt("block lengths disagree"));
    }
    let rest = &b[r.pos..];
    let mut hashes = RiceReader::new(rest)?;
    let mut clusters = Vec::with_capacity(c);
    let mut prev = 0u64;
    for _ in 0..c {
        prev += hashes
            .next()
            .ok_or(FormatError::Corrupt("bad cluster hash"))? as u64;
        if prev > u32::MAX as u64 {
            return Err(FormatError::Corrupt("bad cluster hash"));
        }
        clusters.push((prev as u32, 0, 0));
    }
    let paths = &rest[hashes.len()..];
    if paths.len() != 2 * c {
        return Err(FormatError::Corrupt("cluster paths do not fill the file"));
    }
    for (i, e) in clusters.iter_mut().enumerate() {
        let p = u16::from_le_bytes([paths[i], paths[c + i]]);
        if p == 0 {
            return Err(FormatError::Corrupt("bad cluster path"));
        }
        let len = 15 - p.leading_zeros() as u8;
        e.1 = len;
        e.2 = (p & ((1 << len) - 1)) as u32;
    }
    Ok(ModelData {
        scale,
        keys: Vec::new(),
        weights: Vec::new(),
        trans,
        clusters,
    })
}

/// Magic of the flat layout ([`to_flat`]).
const FLAT_MAGIC: &[u8; 8] = b"ALNERFLT";
/// Version of the flat layout.
pub const FLAT_VERSION: u32 = 1;
/// A key's top this many bits pick its bucket in the flat layout.
pub const FLAT_BUCKET_BITS: u32 = 16;
const FLAT_BUCKETS: usize = 1 << FLAT_BUCKET_BITS;
/// Bytes of the flat layout's header (before the transitions).
const FLAT_HEADER: usize = 40;

/// Lays a model out flat, as the tagger reads it in place: `build.rs`
/// writes this from `models/ner.bin` when the crate is built, so the
/// compiled-in model needs no decoding (the file format above is the one
/// kept in the repository and written by training; this one is derived).
///
/// | bytes | what |
/// |---|---|
/// | 8 | magic `ALNERFLT` |
/// | 4 × 4 | [`FLAT_VERSION`], [`FORMAT_VERSION`] and [`FEATURE_VERSION`] of the source file, number of tags (17) |
/// | 4 | scale (f32) |
/// | 4 × 3 | number of features `n`, of weight bytes `w`, of clusters `c` |
/// | 18 × 17 × 2 | transition weights (i16), as in the file |
/// | 65,536 | features per bucket (u8): keys sorted, a bucket is the top 16 bits |
/// | 2 × `n` | the low 16 bits of each key (u16) |
/// | 3 × `n` | each key's tag mask, 17 bits in 3 bytes |
/// | `w` | the non-zero weights (i8), key by key, tag by tag |
/// | 65,536 | clusters per bucket (u8), the same way over the word hashes |
/// | 2 × `c` | the low 16 bits of each word hash |
/// | 2 × `c` | each word's path, cut to [`CLUSTER_PATH_BITS`], as `1 << len \| bits` |
///
/// Panics when a bucket holds more than 255 keys (a model of millions of
/// features; hashes spread evenly, so 41,192 features give at most 7).
pub fn to_flat(m: &ModelData) -> Vec<u8> {
    let rows: Vec<(u32, &[i8])> = m
        .keys
        .iter()
        .copied()
        .zip(m.weights.chunks(N_TAGS))
        .collect();
    let mut clusters = m.clusters.clone();
    clusters.sort_unstable();
    clusters.dedup_by_key(|c| c.0);
    let n_weights = m.weights.iter().filter(|&&w| w != 0).count();
    let mut out = Vec::with_capacity(FLAT_HEADER + 2 * FLAT_BUCKETS + 5 * rows.len() + n_weights);
    out.extend_from_slice(FLAT_MAGIC);
    for v in [FLAT_VERSION, FORMAT_VERSION, FEATURE_VERSION, N_TAGS as u32] {
        out.extend_from_slice(&v.to_le_bytes());
    }
    out.extend_from_slice(&m.scale.to_le_bytes());
    for v in [rows.len(), n_weights, clusters.len()] {
        out.extend_from_slice(&(v as u32).to_le_bytes());
    }
    for &t in &m.trans {
        out.extend_from_slice(&t.to_le_bytes());
    }
    out.extend(bucket_counts(rows.iter().map(|r| r.0)));
    out.extend(rows.iter().flat_map(|r| (r.0 as u16).to_le_bytes()));
    for (_, row) in &rows {
        let mask = row
            .iter()
            .enumerate()
            .fold(0u32, |m, (i, &w)| if w != 0 { m | 1 << i } else { m });
        out.extend_from_slice(&mask.to_le_bytes()[..3]);
    }
    out.extend(m.weights.iter().filter(|&&w| w != 0).map(|&w| w as u8));
    out.extend(bucket_counts(clusters.iter().map(|c| c.0)));
    out.extend(clusters.iter().flat_map(|c| (c.0 as u16).to_le_bytes()));
    for &(_, len, bits) in &clusters {
        let (len, bits) = if len > CLUSTER_PATH_BITS {
            (CLUSTER_PATH_BITS, bits >> (len - CLUSTER_PATH_BITS))
        } else {
            (len, bits)
        };
        let p = (1u16 << len) | (bits & ((1u32 << len) - 1)) as u16;
        out.extend_from_slice(&p.to_le_bytes());
    }
    out
}

/// How many of the sorted `keys` fall in each bucket of their top bits.
fn bucket_counts(keys: impl Iterator<Item = u32>) -> Vec<u8> {
    let mut counts = vec![0u8; FLAT_BUCKETS];
    for k in keys {
        let c = &mut counts[(k >> (32 - FLAT_BUCKET_BITS)) as usize];
        *c = c
            .checked_add(1)
            .expect("more than 255 keys in one bucket of the flat layout");
    }
    counts
}

/// The sections of a flat layout ([`to_flat`]), checked, borrowed from it.
pub struct Flat<'a> {
    /// A stored weight `q` means `q * scale`.
    pub scale: f32,
    /// Transition weights, `(N_TAGS + 1) * N_TAGS`.
    pub trans: Vec<i16>,
    /// Number of features.
    pub n: usize,
    /// Features per bucket.
    pub key_counts: &'a [u8],
    /// Low 16 bits of each key, 2 bytes each.
    pub key_lo: &'a [u8],
    /// Tag masks, 3 bytes each.
    pub masks: &'a [u8],
    /// Non-zero weights.
    pub weights: &'a [u8],
    /// Number of clusters.
    pub c: usize,
    /// Clusters per bucket.
    pub cluster_counts: &'a [u8],
    /// Low 16 bits of each word hash, 2 bytes each.
    pub cluster_lo: &'a [u8],
    /// Paths, 2 bytes each.
    pub paths: &'a [u8],
}

/// Reads the sections of a flat layout, checking its magic, versions and
/// lengths (the counts and masks are checked by their users as they read
/// them, in the one pass each needs anyway).
pub fn parse_flat(b: &[u8]) -> Result<Flat<'_>, FormatError> {
    let mut r = Reader { b, pos: 0 };
    if r.take(8).map_err(|_| FormatError::BadMagic)? != FLAT_MAGIC {
        return Err(FormatError::BadMagic);
    }
    let flat = r.u32()?;
    let format = r.u32()?;
    let features = r.u32()?;
    if flat != FLAT_VERSION || format != FORMAT_VERSION || features != FEATURE_VERSION {
        return Err(FormatError::Version { format, features });
    }
    let scale = tags_and_scale(&mut r)?;
    let n = r.u32()? as usize;
    let w = r.u32()? as usize;
    let c = r.u32()? as usize;
    if n > b.len() || w > b.len() || c > b.len() {
        return Err(FormatError::Corrupt("counts larger than the file"));
    }
    let trans = r
        .take((N_TAGS + 1) * N_TAGS * 2)?
        .chunks_exact(2)
        .map(|p| i16::from_le_bytes([p[0], p[1]]))
        .collect();
    let f = Flat {
        scale,
        trans,
        n,
        key_counts: r.take(FLAT_BUCKETS)?,
        key_lo: r.take(2 * n)?,
        masks: r.take(3 * n)?,
        weights: r.take(w)?,
        c,
        cluster_counts: r.take(FLAT_BUCKETS)?,
        cluster_lo: r.take(2 * c)?,
        paths: r.take(2 * c)?,
    };
    if r.pos != b.len() {
        return Err(FormatError::Corrupt("bytes after the clusters"));
    }
    Ok(f)
}

/// Bucket starts from per-bucket counts: entries `start[b]..start[b + 1]`
/// have top bits `b`. An error unless the counts add up to `total`.
pub fn bucket_starts(counts: &[u8], total: usize) -> Result<Vec<u32>, FormatError> {
    let mut start = vec![0u32; counts.len() + 1];
    let mut sum = 0u32;
    for (s, &c) in start[1..].iter_mut().zip(counts) {
        sum += c as u32;
        *s = sum;
    }
    if sum as usize != total {
        return Err(FormatError::Corrupt(
            "bucket counts disagree with the number of keys",
        ));
    }
    Ok(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> ModelData {
        let mut weights = vec![0i8; 2 * N_TAGS];
        weights[3] = -5;
        weights[N_TAGS + 16] = 127;
        ModelData {
            scale: 0.5,
            keys: vec![7, 4_000_000_000],
            weights,
            trans: (0..((N_TAGS + 1) * N_TAGS) as i16).collect(),
            clusters: vec![(3, 4, 0b1011), (u32::MAX, 1, 1)],
        }
    }

    #[test]
    fn round_trip() {
        let m = sample();
        let back = ModelData::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(back.keys, m.keys);
        assert_eq!(back.weights, m.weights);
        assert_eq!(back.trans, m.trans);
        assert_eq!(back.clusters, m.clusters);
        assert_eq!(back.scale, m.scale);
    }

    #[test]
    fn flat_layout_holds_the_same_model() {
        let m = sample();
        let flat = to_flat(&m);
        let f = parse_flat(&flat).unwrap();
        assert_eq!((f.n, f.c, f.scale), (2, 2, 0.5));
        assert_eq!(f.trans, m.trans);
        let starts = bucket_starts(f.key_counts, f.n).unwrap();
        assert_eq!(starts[(7u32 >> 16) as usize + 1], 1);
        assert_eq!(f.weights, [(-5i8) as u8, 127]);
        assert_eq!(&f.masks[..3], &[1 << 3, 0, 0]);
        assert_eq!(&f.masks[3..], &[0, 0, 1]);
        for cut in [0, 8, 20, FLAT_HEADER, flat.len() - 1] {
            assert!(parse_flat(&flat[..cut]).is_err());
        }
        let mut other = flat.clone();
        other[8] = 2;
        assert!(matches!(
            parse_flat(&other),
            Err(FormatError::Version { .. })
        ));
    }

    #[test]
    fn rice_blocks_round_trip_any_gaps() {
        let cases: &[&[u32]] = &[
            &[],
            &[0],
            &[0, 1, 2, 3],
            &[5, 1_000, 70_000, 4_000_000_000, u32::MAX],
            &[u32::MAX],
            &[1; 100],
        ];
        for &values in cases {
            let mut out = Vec::new();
            put_rice(&mut out, values);
            let mut r = RiceReader::new(&out).unwrap();
            let back: Vec<u32> = values.iter().map(|_| r.next().unwrap()).collect();
            assert_eq!(back, values);
            assert_eq!(r.len(), out.len(), "{values:?}");
        }
    }

    #[test]
    fn any_damaged_byte_or_cut_is_an_error_or_a_model_never_a_panic() {
        let good = sample().to_bytes();
        for i in 0..good.len() {
            for v in [0u8, 1, 0x7f, 0x80, 0xff] {
                let mut b = good.clone();
                b[i] = v;
                let _ = ModelData::from_bytes(&b);
            }
            assert!(ModelData::from_bytes(&good[..i]).is_err());
        }
    }

    #[test]
    fn cut_cluster_paths_give_the_same_features() {
        use super::super::features::Resources;
        use super::super::{clusters::word_key, Clusters};
        // (word, path length, path bits): longer than the cut, at it, shorter.
        let paths = [
            ("alpha", 16u8, 0b1011_0110_0101_1100u32),
            ("beta", 15, 0b101_0110_0101_1101),
            ("gamma", 13, 0b1_0110_0101_1100),
            ("delta", 12, 0b1010_0101_1100),
            ("eta", 9, 0b1_0101_1100),
            ("theta", 3, 0b101),
        ];
        let full: Vec<_> = paths.iter().map(|&(w, l, b)| (word_key(w), l, b)).collect();
        let m = ModelData {
            scale: 1.0,
            trans: vec![0; (N_TAGS + 1) * N_TAGS],
            clusters: full.clone(),
            ..ModelData::default()
        };
        let back = ModelData::from_bytes(&m.to_bytes()).unwrap();
        assert!(back.clusters.iter().all(|c| c.1 <= CLUSTER_PATH_BITS));
        let (before, after) = (Clusters::new(full), Clusters::new(back.clusters));
        for (w, ..) in paths {
            assert_eq!(before.cluster(w), after.cluster(w), "{w}");
            assert_ne!(after.cluster(w), [0; 3], "{w}");
        }
    }

    #[test]
    fn rejects_other_versions_and_junk_clearly() {
        let mut b = sample().to_bytes();
        b[8] = 99;
        let err = ModelData::from_bytes(&b).unwrap_err();
        assert!(matches!(err, FormatError::Version { format: 99, .. }));
        assert!(err.to_string().contains("retrain"));
        assert_eq!(
            ModelData::from_bytes(b"GIF89a....").unwrap_err(),
            FormatError::BadMagic
        );
        assert_eq!(
            ModelData::from_bytes(b"").unwrap_err(),
            FormatError::BadMagic
        );
        let good = sample().to_bytes();
        for cut in [20, 40, good.len() - 1] {
            assert!(ModelData::from_bytes(&good[..cut]).is_err());
        }
    }
}
