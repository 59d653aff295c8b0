//! The model file: a compact binary format with a version check.
//!
//! Decided: only the features the training kept are stored, as sorted 32-bit
//! keys written as varint gaps, with a 17-bit mask per feature saying which
//! tags have a non-zero weight, and those weights as `i8` times one scale.
//! Keys, masks and weights are stored as three blocks so gzip sees similar
//! bytes together. Loading expands this into a dense row per feature and an
//! open-addressing table (a few milliseconds); the cost is a few megabytes of
//! memory while the module lives.
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
//! | varints | `n` key gaps (first key, then differences) |
//! | varints | `n` tag masks |
//! | bytes | one i8 per set mask bit, feature by feature |
//! | varints + bytes | `c` clusters sorted by word hash: gap of the 32-bit word hash (varint), path length (u8), path bits (varint), the path cut to [`CLUSTER_PATH_BITS`] |

use super::tags::N_TAGS;

/// Version of the byte layout.
pub const FORMAT_VERSION: u32 = 3;
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
    fn varint(&mut self) -> Result<u64, FormatError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.take(1)?[0];
            v |= ((b & 0x7f) as u64) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err(FormatError::Corrupt("varint too long"))
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
        let mut prev = 0u32;
        let mut mark = out.len();
        for &k in &self.keys {
            put_varint(&mut out, (k - prev) as u64);
            prev = k;
        }
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
        let mut prev = 0u32;
        for &(h, len, bits) in &clusters {
            put_varint(&mut out, (h - prev) as u64);
            prev = h;
            out.push(len);
            put_varint(&mut out, bits as u64);
        }
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
    if r.u32()? as usize != N_TAGS {
        return Err(FormatError::Corrupt("wrong number of tags"));
    }
    let scale = f32::from_bits(r.u32()?);
    if !scale.is_finite() || scale <= 0.0 {
        return Err(FormatError::Corrupt("bad scale"));
    }
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
    let (mut kp, mut mp, mut wp) = (0usize, 0usize, 0usize);
    let mut prev = 0u64;
    for _ in 0..n {
        prev += varint(key_block, &mut kp).ok_or(FormatError::Corrupt("bad key"))?;
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
    if kp != key_block.len() || mp != mask_block.len() || wp != wbytes.len() {
        return Err(FormatError::Corrupt("block lengths disagree"));
    }
    let mut clusters = Vec::with_capacity(c);
    let mut prev = 0u64;
    for _ in 0..c {
        prev += r.varint()?;
        let len = r.take(1)?[0];
        let bits = r.varint()?;
        if prev > u32::MAX as u64 || len > 32 || bits > u32::MAX as u64 {
            return Err(FormatError::Corrupt("bad cluster entry"));
        }
        clusters.push((prev as u32, len, bits as u32));
    }
    if r.pos != b.len() {
        return Err(FormatError::Corrupt("trailing bytes"));
    }
    Ok(ModelData {
        scale,
        keys: Vec::new(),
        weights: Vec::new(),
        trans,
        clusters,
    })
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
