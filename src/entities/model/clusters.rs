//! Word clusters learned from unlabeled news.

use super::features::{fnv, norm_char};

/// The 32-bit key a normalized word's cluster is stored under.
#[inline]
pub fn word_key(word: &str) -> u32 {
    (fnv(word.as_bytes()) >> 32) as u32
}

/// Reads a cluster file in the format of Liang's `wcluster` (`paths`):
/// `BITS<TAB>word<TAB>count` a line. Words are normalized the way the
/// features see them (case kept); paths longer than 32 bits are cut.
pub fn parse_paths(text: &str) -> Vec<(u32, u8, u32)> {
    let mut out = Vec::new();
    let mut buf = String::new();
    for line in text.lines() {
        let mut parts = line.split('\t');
        let (Some(bits), Some(word)) = (parts.next(), parts.next()) else {
            continue;
        };
        let bits = &bits[..bits.len().min(32)];
        let Ok(v) = u32::from_str_radix(bits, 2) else {
            continue;
        };
        buf.clear();
        buf.extend(word.chars().map(norm_char));
        out.push((word_key(&buf), bits.len() as u8, v));
    }
    out
}

/// Learns hierarchical word clusters from unlabeled text.
///
/// Decided: instead of Brown clustering (exact, but cubic in the number of
/// clusters and hours to run), words are represented by the words seen just
/// before and after them (counts over the 1,000 most frequent words,
/// square-rooted and scaled to unit length) and split in two again and again
/// by spherical 2-means, which gives each word a bit path like Brown's: words
/// used alike share long prefixes. It runs in seconds, is deterministic for a
/// seed, and the tagger uses its paths the way the classic taggers use Brown
/// paths (prefixes of 4, 8 and 12 bits). The cost is a somewhat noisier
/// hierarchy than Brown's likelihood-driven merges.
///
/// `sentences` are normalized tokens (case kept); words seen fewer than
/// `min_count` times get no cluster. Returns `(word, path bits as a string of
/// 0 and 1, count)` sorted by path.
pub fn learn(
    sentences: &[Vec<String>],
    min_count: usize,
    depth: usize,
    seed: u64,
) -> Vec<(String, String, usize)> {
    use std::collections::HashMap;
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for s in sentences {
        for w in s {
            *counts.entry(w.as_str()).or_default() += 1;
        }
    }
    let mut vocab: Vec<(&str, usize)> = counts
        .iter()
        .filter(|&(_, &c)| c >= min_count)
        .map(|(&w, &c)| (w, c))
        .collect();
    vocab.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let index: HashMap<&str, usize> = vocab.iter().enumerate().map(|(i, w)| (w.0, i)).collect();
    const K: usize = 1000;
    let dims = 2 * K + 2;
    // Sparse context vectors: left word (or "other"), right word (or "other").
    let mut ctx: Vec<HashMap<u32, f32>> = vec![HashMap::new(); vocab.len()];
    for s in sentences {
        for (i, w) in s.iter().enumerate() {
            let Some(&wi) = index.get(w.as_str()) else {
                continue;
            };
            let left = if i == 0 {
                K as u32 - 1
            } else {
                index
                    .get(s[i - 1].as_str())
                    .filter(|&&j| j < K - 1)
                    .map_or(K as u32 - 1, |&j| j as u32)
            };
            let right = if i + 1 == s.len() {
                2 * K as u32 - 1
            } else {
                index
                    .get(s[i + 1].as_str())
                    .filter(|&&j| j < K - 1)
                    .map_or(2 * K as u32 - 1, |&j| K as u32 + j as u32)
            };
            *ctx[wi].entry(left).or_default() += 1.0;
            *ctx[wi].entry(right).or_default() += 1.0;
        }
    }
    let vecs: Vec<Vec<(u32, f32)>> = ctx
        .into_iter()
        .map(|m| {
            let mut v: Vec<(u32, f32)> = m.into_iter().map(|(k, c)| (k, c.sqrt())).collect();
            v.sort_unstable_by_key(|e| e.0);
            let norm = v.iter().map(|e| e.1 * e.1).sum::<f32>().sqrt().max(1e-9);
            v.iter_mut().for_each(|e| e.1 /= norm);
            v
        })
        .collect();
    let mut paths = vec![String::new(); vocab.len()];
    let mut rng = super::train::SplitMix(seed);
    let mut scratch = Scratch {
        c: [vec![0f32; dims], vec![0f32; dims]],
        touched: Vec::new(),
        mark: vec![false; dims],
    };
    // Breadth-first splitting of groups of word indices.
    let mut groups: Vec<Vec<usize>> = vec![(0..vocab.len()).collect()];
    for _ in 0..depth {
        let mut next = Vec::new();
        for g in groups {
            if g.len() < 2 {
                next.push(g);
                continue;
            }
            let (a, b) = split(&g, &vecs, &mut scratch, &mut rng);
            for &i in &a {
                paths[i].push('0');
            }
            for &i in &b {
                paths[i].push('1');
            }
            next.push(a);
            next.push(b);
        }
        groups = next;
    }
    let mut out: Vec<(String, String, usize)> = vocab
        .iter()
        .zip(paths)
        .map(|(&(w, c), p)| (w.to_string(), p, c))
        .collect();
    out.sort_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)));
    out
}

/// Dense scratch vectors for the two centroids, reset only where touched.
struct Scratch {
    c: [Vec<f32>; 2],
    touched: Vec<u32>,
    mark: Vec<bool>,
}

impl Scratch {
    fn reset(&mut self) {
        for &d in &self.touched {
            self.c[0][d as usize] = 0.0;
            self.c[1][d as usize] = 0.0;
            self.mark[d as usize] = false;
        }
        self.touched.clear();
    }
    fn add(&mut self, k: usize, v: &[(u32, f32)], scale: f32) {
        for &(d, x) in v {
            if !self.mark[d as usize] {
                self.mark[d as usize] = true;
                self.touched.push(d);
            }
            self.c[k][d as usize] += x * scale;
        }
    }
    fn normalize(&mut self) {
        for k in 0..2 {
            let norm = self
                .touched
                .iter()
                .map(|&d| self.c[k][d as usize].powi(2))
                .sum::<f32>()
                .sqrt()
                .max(1e-9);
            for &d in &self.touched {
                self.c[k][d as usize] /= norm;
            }
        }
    }
}

/// Spherical 2-means over the vectors of `g`, seeded by two members.
fn split(
    g: &[usize],
    vecs: &[Vec<(u32, f32)>],
    sc: &mut Scratch,
    rng: &mut super::train::SplitMix,
) -> (Vec<usize>, Vec<usize>) {
    let pick = |r: u64| g[(r % g.len() as u64) as usize];
    let first = pick(rng.next());
    let mut second = pick(rng.next());
    for _ in 0..8 {
        if second != first {
            break;
        }
        second = pick(rng.next());
    }
    sc.reset();
    sc.add(0, &vecs[first], 1.0);
    sc.add(1, &vecs[second], 1.0);
    let dot = |v: &[(u32, f32)], c: &[f32]| v.iter().map(|&(d, x)| x * c[d as usize]).sum::<f32>();
    let mut side = vec![false; g.len()];
    for _ in 0..10 {
        let mut changed = false;
        for (k, &w) in g.iter().enumerate() {
            let s = dot(&vecs[w], &sc.c[1]) > dot(&vecs[w], &sc.c[0]);
            changed |= s != side[k];
            side[k] = s;
        }
        sc.reset();
        for (k, &w) in g.iter().enumerate() {
            sc.add(side[k] as usize, &vecs[w], 1.0);
        }
        sc.normalize();
        if !changed {
            break;
        }
    }
    let (mut a, mut b) = (Vec::new(), Vec::new());
    for (k, &w) in g.iter().enumerate() {
        if side[k] {
            b.push(w);
        } else {
            a.push(w);
        }
    }
    if a.is_empty() || b.is_empty() {
        // Degenerate split: halve by frequency order so the path still means something.
        let mid = g.len() / 2;
        return (g[..mid].to_vec(), g[mid..].to_vec());
    }
    (a, b)
}
