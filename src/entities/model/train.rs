//! Training: an averaged structured perceptron (Collins 2002).
//!
//! Decided: the perceptron over the conditional random field because it
//! needs no gradient of a partition function, trains in seconds an epoch on
//! two cores' worth of one, and averaged it is within a point of a CRF on this
//! task. Sentences are visited in a seeded shuffle, so a run is
//! reproducible; the number of epochs is chosen on the development set; the
//! averaged weights are then quantized to `i8` with one scale, the smallest
//! weights are dropped ([`Config::prune`]), and features left with no weight
//! are dropped, which is most of what keeps the file small.

use std::collections::HashMap;

use super::data::Doc;
use super::features::{Extractor, Resources};
use super::format::ModelData;
use super::tags::{self, N_TAGS};
use super::{tag_document, viterbi, History, Scorer};

/// Training settings.
#[derive(Debug, Clone)]
pub struct Config {
    /// Most epochs to run; the best on dev is kept.
    pub epochs: usize,
    /// Seed of the sentence shuffle.
    pub seed: u64,
    /// Quantization: weights are scaled so that this quantile of |w| maps to 127.
    pub quantile: f64,
    /// Also train on a copy of each document with every third sentence in
    /// Title Case and every third in capitals (from the second and third),
    /// so that headlines unlike CoNLL's are read well.
    pub augment: bool,
    /// Features whose quantized weights all have a magnitude up to this are
    /// dropped: mostly features seen in one or two training errors, whose
    /// weight (near 1 before scaling, a few after) averaging never grew.
    pub prune_rows: i8,
    /// Then, in the features kept, quantized weights with a magnitude up to
    /// this are dropped (smaller file, faster lookups).
    pub prune: i8,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            epochs: 18,
            seed: 20240,
            quantile: 0.99999,
            prune_rows: PRUNE_ROWS,
            prune: PRUNE,
            augment: true,
        }
    }
}

/// The default [`Config::prune_rows`]; chosen with [`PRUNE`] by dev F1
/// against file size (table in the size section of the README).
pub const PRUNE_ROWS: i8 = 5;
/// The default [`Config::prune`].
pub const PRUNE: i8 = 2;

pub(crate) struct SplitMix(pub(crate) u64);

impl SplitMix {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// A set of documents with their static features extracted once.
struct Prepared {
    /// Static feature keys of all tokens, flat.
    keys: Vec<u32>,
    /// Token i's keys are `keys[off[i]..off[i + 1]]` (global token index).
    off: Vec<usize>,
    /// Per document: its extractor, first global token, and sentence ranges (local).
    docs: Vec<(Extractor, usize, Vec<std::ops::Range<usize>>)>,
    /// Gold tags per global token.
    gold: Vec<usize>,
}

fn prepare(docs: &[Doc], res: &dyn Resources) -> Prepared {
    let mut p = Prepared {
        keys: Vec::new(),
        off: vec![0],
        docs: Vec::new(),
        gold: Vec::new(),
    };
    for d in docs {
        let base = p.gold.len();
        let toks = d.token_strs();
        let ex = Extractor::new(&toks, &d.sentences, res);
        for i in 0..toks.len() {
            ex.features(i, &mut p.keys);
            p.off.push(p.keys.len());
        }
        p.gold.extend(tags::encode(toks.len(), &d.gold));
        p.docs.push((ex, base, d.sentences.clone()));
    }
    p
}

/// Feature weights during training: keys to dense rows, growing as new keys appear.
struct Weights {
    index: HashMap<u32, u32>,
    w: Vec<f32>,
    u: Vec<f32>,
    tw: Vec<f32>,
    tu: Vec<f32>,
}

impl Weights {
    fn row(&mut self, k: u32) -> usize {
        let n = self.index.len() as u32;
        let r = *self.index.entry(k).or_insert(n) as usize;
        if (r + 1) * N_TAGS > self.w.len() {
            self.w.resize((r + 1) * N_TAGS, 0.0);
            self.u.resize((r + 1) * N_TAGS, 0.0);
        }
        r
    }
    fn averaged(&self, c: f32) -> FloatModel {
        let avg = |w: &[f32], u: &[f32]| -> Vec<f32> {
            w.iter().zip(u).map(|(w, u)| w - u / c).collect()
        };
        FloatModel {
            index: self.index.clone(),
            w: avg(&self.w, &self.u),
            trans: avg(&self.tw, &self.tu),
        }
    }
}

impl Scorer for Weights {
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
        self.tw[a * N_TAGS + b]
    }
}

/// Float weights looked up by feature key.
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

/// Decodes every document of `p` with `sc` (sentences in order, with the
/// prediction history), returning the tag of each global token. With
/// `learn`, updates `learn`'s weights after each sentence (the perceptron).
fn run(
    p: &Prepared,
    order: &[usize],
    sc_eval: Option<&FloatModel>,
    mut learn: Option<(&mut Weights, &mut f32)>,
) -> (Vec<usize>, usize) {
    let mut out = vec![0; p.gold.len()];
    let mut errors = 0;
    let mut em = Vec::new();
    let mut best = Vec::new();
    let mut back = Vec::new();
    let mut feats: Vec<u32> = Vec::new();
    let mut sent_feats: Vec<Vec<u32>> = Vec::new();
    let mut trans = match (&sc_eval, &learn) {
        (Some(m), _) => super::transitions(*m),
        (None, Some((w, _))) => super::transitions(&**w),
        _ => return (out, 0),
    };
    for &di in order {
        let (ex, base, sentences) = &p.docs[di];
        let mut hist = History::default();
        for s in sentences {
            em.clear();
            sent_feats.clear();
            for i in s.clone() {
                feats.clear();
                let g = base + i;
                feats.extend_from_slice(&p.keys[p.off[g]..p.off[g + 1]]);
                hist.features(ex, i, &mut feats);
                let mut e = [0f32; N_TAGS];
                match (&sc_eval, &learn) {
                    (Some(m), _) => m.emissions(&feats, &mut e),
                    (None, Some((w, _))) => w.emissions(&feats, &mut e),
                    _ => {}
                }
                em.push(e);
                sent_feats.push(feats.clone());
            }
            viterbi(&trans, &em, &mut back, &mut best);
            let gold = &p.gold[base + s.start..base + s.end];
            if let Some((w, c)) = learn.as_mut() {
                if best.as_slice() != gold {
                    for (k, fs) in sent_feats.iter().enumerate() {
                        let (gt, pt) = (gold[k], best[k]);
                        if gt != pt {
                            errors += 1;
                            for &f in fs {
                                let r = w.row(f) * N_TAGS;
                                w.w[r + gt] += 1.0;
                                w.u[r + gt] += **c;
                                w.w[r + pt] -= 1.0;
                                w.u[r + pt] -= **c;
                            }
                        }
                        let gp = if k == 0 { N_TAGS } else { gold[k - 1] };
                        let pp = if k == 0 { N_TAGS } else { best[k - 1] };
                        if (gp, gt) != (pp, pt) {
                            w.tw[gp * N_TAGS + gt] += 1.0;
                            w.tu[gp * N_TAGS + gt] += **c;
                            w.tw[pp * N_TAGS + pt] -= 1.0;
                            w.tu[pp * N_TAGS + pt] -= **c;
                        }
                    }
                    trans = super::transitions(&**w);
                }
                **c += 1.0;
            }
            hist.record(ex, s.start, &best);
            out[base + s.start..base + s.end].copy_from_slice(&best);
        }
    }
    (out, errors)
}

/// Exact-span micro F1 of predicted against gold tags, sentence by sentence.
fn f1_of(p: &Prepared, pred: &[usize]) -> f64 {
    let (mut c, mut np, mut ng) = (0usize, 0usize, 0usize);
    for (_, base, sentences) in &p.docs {
        for s in sentences {
            let r = base + s.start..base + s.end;
            let g = tags::decode(&p.gold[r.clone()]);
            let q = tags::decode(&pred[r]);
            ng += g.len();
            np += q.len();
            c += q.iter().filter(|x| g.contains(x)).count();
        }
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
    /// Best epoch (1-based).
    pub best_epoch: usize,
    /// Dev F1 of the best epoch.
    pub best_f1: f64,
}

/// Trains on `train`, choosing the epoch by F1 on `dev`; `log` gets progress lines.
pub fn train(
    train: &[Doc],
    dev: &[Doc],
    res: &dyn Resources,
    clusters: Vec<(u32, u8, u32)>,
    cfg: &Config,
    log: &mut dyn FnMut(&str),
) -> Trained {
    let mut all: Vec<Doc> = train.to_vec();
    if cfg.augment {
        use super::data::Variant;
        for d in train {
            let t = Variant::TitleCase.some_sentences(d, |k| k % 5 == 1);
            all.push(Variant::Upper.some_sentences(&t, |k| k % 5 == 3));
        }
    }
    let tr = prepare(&all, res);
    let dv = prepare(dev, res);
    log(&format!(
        "{} training tokens in {} documents, {} feature occurrences",
        tr.gold.len(),
        tr.docs.len(),
        tr.keys.len()
    ));
    let nt = (N_TAGS + 1) * N_TAGS;
    let mut w = Weights {
        index: HashMap::new(),
        w: Vec::new(),
        u: Vec::new(),
        tw: vec![0.0; nt],
        tu: vec![0.0; nt],
    };
    let mut c = 1f32;
    let mut rng = SplitMix(cfg.seed);
    let mut order: Vec<usize> = (0..tr.docs.len()).collect();
    let dev_order: Vec<usize> = (0..dv.docs.len()).collect();
    let mut best: Option<(usize, f64, FloatModel)> = None;
    for epoch in 1..=cfg.epochs {
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let (_, errors) = run(&tr, &order, None, Some((&mut w, &mut c)));
        let avg = w.averaged(c);
        let (dev_pred, _) = run(&dv, &dev_order, Some(&avg), None);
        let f = f1_of(&dv, &dev_pred);
        log(&format!(
            "epoch {epoch}: {errors} token errors in training, dev F1 {f:.4}, {} features",
            w.index.len()
        ));
        if best.as_ref().is_none_or(|b| f > b.1) {
            best = Some((epoch, f, avg));
        }
    }
    let (best_epoch, best_f1, float) = best.unwrap_or_else(|| (0, 0.0, w.averaged(c)));
    let mut keys: Vec<(u32, u32)> = float.index.iter().map(|(&k, &r)| (k, r)).collect();
    keys.sort_unstable();
    let mut sorted_w = Vec::with_capacity(float.w.len());
    for &(_, r) in &keys {
        let r = r as usize * N_TAGS;
        sorted_w.extend_from_slice(&float.w[r..r + N_TAGS]);
    }
    let key_list: Vec<u32> = keys.iter().map(|k| k.0).collect();
    let data = quantize(
        &key_list,
        &sorted_w,
        &float.trans,
        clusters,
        cfg.quantile,
        (cfg.prune_rows, cfg.prune),
    );
    log(&format!(
        "best epoch {best_epoch} (dev F1 {best_f1:.4}); {} of {} features kept after quantization",
        data.keys.len(),
        key_list.len()
    ));
    Trained {
        data,
        float,
        best_epoch,
        best_f1,
    }
}

/// Quantizes float weights to `i8` with one scale, `quantile` of the
/// magnitudes mapping to 127; then drops the features whose weights all have
/// a magnitude up to `prune.0`, the weights up to `prune.1` in the others, and
/// the features left with no weight.
pub fn quantize(
    keys: &[u32],
    w: &[f32],
    trans: &[f32],
    clusters: Vec<(u32, u8, u32)>,
    quantile: f64,
    (prune_rows, prune): (i8, i8),
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
        let mut qrow: Vec<i8> = row
            .iter()
            .map(|&x| (x / scale).round().clamp(-127.0, 127.0) as i8)
            .collect();
        if qrow.iter().all(|q| q.abs() <= prune_rows) {
            continue;
        }
        for q in &mut qrow {
            if q.abs() <= prune {
                *q = 0;
            }
        }
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
