//! Training: an averaged structured perceptron (Collins 2002).
//!
//! Decided: the perceptron over the conditional random field because it
//! needs no gradient of a partition function, trains in seconds an epoch on
//! two cores' worth of one, and averaged it is within a point of a CRF on this
//! task. Sentences are visited in a seeded shuffle, so a run is
//! reproducible; the number of epochs is chosen on the development set; the
//! averaged weights are then quantized to `i8` with one scale (features
//! whose weights all round to zero are dropped, which is most of what keeps
//! the file small).

use std::collections::HashMap;

use super::data::Doc;
use super::features::{Extractor, Resources};
use super::format::ModelData;
use super::tags::{self, N_TAGS};
use super::{tag_document, viterbi, Scorer};

/// Training settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// Most epochs to run; the best on dev is kept.
    pub epochs: usize,
    /// Seed of the sentence shuffle.
    pub seed: u64,
    /// Features seen fewer times in training are not used.
    pub min_count: u32,
    /// Quantization: weights are scaled so that this quantile of |w| maps to 127.
    pub quantile: f64,
    /// Quantized weights with a magnitude up to this are dropped (smaller file, faster lookups).
    pub prune: i8,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            epochs: 12,
            seed: 20240,
            min_count: 1,
            quantile: 1.0,
            prune: 0,
        }
    }
}

struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// Feature rows of a set of documents, as dense indices.
struct Prepared {
    /// Feature indices of all tokens, flat.
    feats: Vec<u32>,
    /// Token i's features are `feats[off[i]..off[i + 1]]`.
    off: Vec<usize>,
    /// Sentence token ranges (global token indices).
    sentences: Vec<std::ops::Range<usize>>,
    /// Gold tags per token.
    gold: Vec<usize>,
}

fn extract_keys(
    docs: &[Doc],
    res: &dyn Resources,
) -> (
    Vec<u32>,
    Vec<usize>,
    Vec<std::ops::Range<usize>>,
    Vec<usize>,
) {
    let mut feats = Vec::new();
    let mut off = vec![0];
    let mut sentences = Vec::new();
    let mut gold = Vec::new();
    let mut buf = Vec::new();
    for d in docs {
        let base = gold.len();
        let toks = d.token_strs();
        let ex = Extractor::new(&toks, &d.sentences, res);
        for i in 0..toks.len() {
            buf.clear();
            ex.features(i, &mut buf);
            feats.extend_from_slice(&buf);
            off.push(feats.len());
        }
        gold.extend(tags::encode(toks.len(), &d.gold));
        sentences.extend(d.sentences.iter().map(|s| base + s.start..base + s.end));
    }
    (feats, off, sentences, gold)
}

/// Dense weights scoring pre-indexed features.
struct Dense<'a> {
    w: &'a [f32],
    trans: &'a [f32],
}

impl Scorer for Dense<'_> {
    fn emissions(&self, feats: &[u32], out: &mut [f32; N_TAGS]) {
        for &f in feats {
            let r = f as usize * N_TAGS;
            for (o, w) in out.iter_mut().zip(&self.w[r..r + N_TAGS]) {
                *o += w;
            }
        }
    }
    fn transition(&self, a: usize, b: usize) -> f32 {
        self.trans[a * N_TAGS + b]
    }
}

/// Float weights looked up by feature key (for evaluating before quantization).
pub struct FloatModel {
    index: HashMap<u32, u32>,
    w: Vec<f32>,
    trans: Vec<f32>,
}

impl Scorer for FloatModel {
    fn emissions(&self, feats: &[u32], out: &mut [f32; N_TAGS]) {
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                let r = r as usize * N_TAGS;
                for (o, w) in out.iter_mut().zip(&self.w[r..r + N_TAGS]) {
                    *o += w;
                }
            }
        }
    }
    fn transition(&self, a: usize, b: usize) -> f32 {
        self.trans[a * N_TAGS + b]
    }
}

fn decode_all(p: &Prepared, sc: &dyn Scorer) -> Vec<usize> {
    let mut out = vec![0; p.gold.len()];
    let mut em = Vec::new();
    let mut best = Vec::new();
    let mut back = Vec::new();
    let trans = super::transitions(sc);
    for s in &p.sentences {
        em.clear();
        for i in s.clone() {
            let mut e = [0f32; N_TAGS];
            sc.emissions(&p.feats[p.off[i]..p.off[i + 1]], &mut e);
            em.push(e);
        }
        viterbi(&trans, &em, &mut back, &mut best);
        out[s.clone()].copy_from_slice(&best);
    }
    out
}

/// Exact-span micro F1 of predicted against gold tags, sentence by sentence.
fn f1_of(p: &Prepared, pred: &[usize]) -> f64 {
    let (mut c, mut np, mut ng) = (0usize, 0usize, 0usize);
    for s in &p.sentences {
        let g = tags::decode(&p.gold[s.clone()]);
        let q = tags::decode(&pred[s.clone()]);
        ng += g.len();
        np += q.len();
        c += q.iter().filter(|x| g.contains(x)).count();
    }
    if c == 0 {
        return 0.0;
    }
    let (pr, re) = (c as f64 / np as f64, c as f64 / ng as f64);
    2.0 * pr * re / (pr + re)
}

/// What training produced.
pub struct Trained {
    /// The quantized model, ready to write.
    pub data: ModelData,
    /// The float model of the best epoch.
    pub float: FloatModel,
    /// Best epoch (1-based) and its dev F1 (float weights).
    pub best_epoch: usize,
    /// Dev F1 of the best epoch.
    pub best_f1: f64,
}

/// Trains on `train`, choosing the epoch by F1 on `dev`; `log` gets progress lines.
pub fn train(
    train: &[Doc],
    dev: &[Doc],
    res: &dyn Resources,
    clusters: Vec<(u64, u8, u32)>,
    cfg: &Config,
    log: &mut dyn FnMut(&str),
) -> Trained {
    let (keys, off, sentences, gold) = extract_keys(train, res);
    let mut counts: HashMap<u32, u32> = HashMap::new();
    for &k in &keys {
        *counts.entry(k).or_default() += 1;
    }
    let mut kept: Vec<u32> = counts
        .iter()
        .filter(|&(_, &c)| c >= cfg.min_count)
        .map(|(&k, _)| k)
        .collect();
    kept.sort_unstable();
    let index: HashMap<u32, u32> = kept
        .iter()
        .enumerate()
        .map(|(i, &k)| (k, i as u32))
        .collect();
    log(&format!(
        "{} tokens, {} sentences, {} distinct features, {} kept",
        gold.len(),
        sentences.len(),
        counts.len(),
        kept.len()
    ));
    let to_prepared = |keys: Vec<u32>, off: Vec<usize>, sentences, gold| {
        let mut feats = Vec::with_capacity(keys.len());
        let mut new_off = vec![0];
        for i in 0..off.len() - 1 {
            feats.extend(keys[off[i]..off[i + 1]].iter().filter_map(|k| index.get(k)));
            new_off.push(feats.len());
        }
        Prepared {
            feats,
            off: new_off,
            sentences,
            gold,
        }
    };
    let tr = to_prepared(keys, off, sentences, gold);
    let (dk, doff, ds, dg) = extract_keys(dev, res);
    let dv = to_prepared(dk, doff, ds, dg);

    let nf = kept.len();
    let nt = (N_TAGS + 1) * N_TAGS;
    let mut w = vec![0f32; nf * N_TAGS];
    let mut u = vec![0f32; nf * N_TAGS];
    let mut tw = vec![0f32; nt];
    let mut tu = vec![0f32; nt];
    let mut c = 1f32;
    let mut rng = SplitMix(cfg.seed);
    let mut order: Vec<usize> = (0..tr.sentences.len()).collect();
    let mut em = Vec::new();
    let mut pred = Vec::new();
    let mut back = Vec::new();
    let mut best: Option<(usize, f64, Vec<f32>, Vec<f32>)> = None;
    let average = |w: &[f32], u: &[f32], c: f32| -> Vec<f32> {
        w.iter().zip(u).map(|(w, u)| w - u / c).collect()
    };
    for epoch in 1..=cfg.epochs {
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let mut errors = 0usize;
        for &si in &order {
            let s = tr.sentences[si].clone();
            em.clear();
            {
                let sc = Dense { w: &w, trans: &tw };
                let trans = super::transitions(&sc);
                for i in s.clone() {
                    let mut e = [0f32; N_TAGS];
                    sc.emissions(&tr.feats[tr.off[i]..tr.off[i + 1]], &mut e);
                    em.push(e);
                }
                viterbi(&trans, &em, &mut back, &mut pred);
            }
            let g = &tr.gold[s.clone()];
            if pred.as_slice() != g {
                for (k, i) in s.clone().enumerate() {
                    let (gt, pt) = (g[k], pred[k]);
                    if gt != pt {
                        errors += 1;
                        for &f in &tr.feats[tr.off[i]..tr.off[i + 1]] {
                            let r = f as usize * N_TAGS;
                            w[r + gt] += 1.0;
                            u[r + gt] += c;
                            w[r + pt] -= 1.0;
                            u[r + pt] -= c;
                        }
                    }
                    let gp = if k == 0 { N_TAGS } else { g[k - 1] };
                    let pp = if k == 0 { N_TAGS } else { pred[k - 1] };
                    if (gp, gt) != (pp, pt) {
                        tw[gp * N_TAGS + gt] += 1.0;
                        tu[gp * N_TAGS + gt] += c;
                        tw[pp * N_TAGS + pt] -= 1.0;
                        tu[pp * N_TAGS + pt] -= c;
                    }
                }
            }
            c += 1.0;
        }
        let aw = average(&w, &u, c);
        let at = average(&tw, &tu, c);
        let dev_pred = decode_all(&dv, &Dense { w: &aw, trans: &at });
        let f = f1_of(&dv, &dev_pred);
        log(&format!(
            "epoch {epoch}: {errors} token errors in training, dev F1 {f:.4}"
        ));
        if best.as_ref().is_none_or(|b| f > b.1) {
            best = Some((epoch, f, aw, at));
        }
    }
    let (best_epoch, best_f1, aw, at) = best.unwrap_or((0, 0.0, w, tw));
    let data = quantize(&kept, &aw, &at, clusters, cfg.quantile, cfg.prune);
    log(&format!(
        "best epoch {best_epoch} (dev F1 {best_f1:.4}); {} of {} features kept after quantization",
        data.keys.len(),
        kept.len()
    ));
    Trained {
        data,
        float: FloatModel {
            index,
            w: aw,
            trans: at,
        },
        best_epoch,
        best_f1,
    }
}

/// Quantizes float weights to `i8` with one scale; drops all-zero rows.
pub fn quantize(
    keys: &[u32],
    w: &[f32],
    trans: &[f32],
    clusters: Vec<(u64, u8, u32)>,
    quantile: f64,
    prune: i8,
) -> ModelData {
    let mut mags: Vec<f32> = w.iter().map(|x| x.abs()).filter(|&x| x > 0.0).collect();
    mags.sort_unstable_by(|a, b| a.total_cmp(b));
    let q = mags
        .get(((mags.len() as f64 * quantile) as usize).min(mags.len().saturating_sub(1)))
        .copied()
        .unwrap_or(1.0)
        .max(1e-6);
    let scale = q / 127.0;
    let mut out_keys = Vec::new();
    let mut out_w = Vec::new();
    for (k, row) in keys.iter().zip(w.chunks(N_TAGS)) {
        let qrow: Vec<i8> = row
            .iter()
            .map(|&x| (x / scale).round().clamp(-127.0, 127.0) as i8)
            .map(|q| if q.abs() <= prune { 0 } else { q })
            .collect();
        if qrow.iter().any(|&x| x != 0) {
            out_keys.push(*k);
            out_w.extend(qrow);
        }
    }
    let qt = trans
        .iter()
        .map(|&x| (x / scale).round().clamp(-32767.0, 32767.0) as i16)
        .collect();
    ModelData {
        scale,
        keys: out_keys,
        weights: out_w,
        trans: qt,
        clusters,
    }
}

/// Tags documents with any scorer and returns the predicted spans per document.
pub fn predict(
    sc: &dyn Scorer,
    res: &dyn Resources,
    docs: &[Doc],
) -> Vec<Vec<(usize, usize, super::tags::NameType)>> {
    docs.iter()
        .map(|d| {
            let toks = d.token_strs();
            tags::decode(&tag_document(sc, res, &toks, &d.sentences))
        })
        .collect()
}
