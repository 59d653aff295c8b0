//! Trains the name tagger: `train-ner TRAIN DEV OUT [--epochs N] [--seed N]
//! [--clusters FILE] [--prune-rows N] [--prune N] [--quantile Q] [--no-augment]`
//! (defaults in `train::Config`); or learns word clusters from unlabeled news:
//! `train-ner clusters OUT CONLL_TRAIN [POLNEAR_JSONL ...] [--depth N] [--min-count N]`.
//!
//! TRAIN and DEV are CoNLL-2003 files; OUT is the model file to write
//! (`models/ner.bin`). Prints progress, the chosen epoch, and precision,
//! recall and F1 per type on DEV for the written (quantized) model.

use std::process::ExitCode;
use std::time::Instant;

use article_lens::entities::model::{data, train, Clusters, Model};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("clusters") {
        return make_clusters(&args[1..]);
    }
    let mut pos = Vec::new();
    let mut cfg = train::Config::default();
    let mut clusters_path = None;
    let mut i = 0;
    while i < args.len() {
        let a = &args[i];
        let val = |i: usize| args.get(i + 1).cloned().unwrap_or_default();
        match a.as_str() {
            "--epochs" => cfg.epochs = val(i).parse().unwrap_or(cfg.epochs),
            "--seed" => cfg.seed = val(i).parse().unwrap_or(cfg.seed),
            "--prune" => cfg.prune = val(i).parse().unwrap_or(cfg.prune),
            "--prune-rows" => cfg.prune_rows = val(i).parse().unwrap_or(cfg.prune_rows),
            "--quantile" => cfg.quantile = val(i).parse().unwrap_or(cfg.quantile),
            "--clusters" => clusters_path = Some(val(i)),
            "--no-augment" => {
                cfg.augment = false;
                i += 1;
                continue;
            }
            _ => {
                pos.push(a.clone());
                i += 1;
                continue;
            }
        }
        i += 2;
    }
    if pos.len() != 3 {
        eprintln!(
            "usage: train-ner TRAIN DEV OUT [--epochs N] [--seed N] [--clusters FILE] \
             [--prune-rows N] [--prune N] [--quantile Q] [--no-augment]"
        );
        return ExitCode::from(2);
    }
    let read = |p: &str| match std::fs::read_to_string(p) {
        Ok(t) => Some(t),
        Err(e) => {
            eprintln!("train-ner: cannot read {p}: {e}");
            None
        }
    };
    let (Some(tr), Some(dv)) = (read(&pos[0]), read(&pos[1])) else {
        return ExitCode::from(1);
    };
    let clusters = match clusters_path {
        Some(p) => match read(&p) {
            Some(t) => article_lens::entities::model::clusters::parse_paths(&t),
            None => return ExitCode::from(1),
        },
        None => Vec::new(),
    };
    let train_docs = data::read_conll(&tr);
    let dev_docs = data::read_conll(&dv);
    let res = Clusters::new(clusters.clone());
    let t0 = Instant::now();
    let trained = train::train(&train_docs, &dev_docs, &res, clusters, &cfg, &mut |m| {
        eprintln!("[{:6.1}s] {m}", t0.elapsed().as_secs_f64())
    });
    let bytes = trained.data.to_bytes();
    if let Err(e) = std::fs::write(&pos[2], &bytes) {
        eprintln!("train-ner: cannot write {}: {e}", pos[2]);
        return ExitCode::from(1);
    }
    eprintln!(
        "wrote {} ({} bytes, {} features) in {:.1}s",
        pos[2],
        bytes.len(),
        trained.data.keys.len(),
        t0.elapsed().as_secs_f64()
    );
    let model = match Model::from_bytes(&bytes) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("train-ner: the written model does not load: {e}");
            return ExitCode::from(1);
        }
    };
    let mut float = data::Scores::default();
    let mut quant = data::Scores::default();
    let fp = train::predict(&trained.float, model.clusters(), &dev_docs);
    for (d, p) in dev_docs.iter().zip(&fp) {
        float.add(
            &d.gold,
            p,
            &article_lens::entities::model::tags::NameType::ALL,
        );
    }
    for d in &dev_docs {
        let p = model.tag(&d.token_strs(), &d.sentences);
        quant.add(
            &d.gold,
            &p,
            &article_lens::entities::model::tags::NameType::ALL,
        );
    }
    println!(
        "dev, float weights (epoch {}):\n{}",
        trained.best_epoch,
        float.report()
    );
    println!("dev, written model:\n{}", quant.report());
    ExitCode::SUCCESS
}

/// Learns word clusters from the text of CoNLL training files and PolNeAR
/// JSONL files (only the words; labels unused) and writes them as
/// `BITS<TAB>word<TAB>count` lines.
fn make_clusters(args: &[String]) -> ExitCode {
    use article_lens::entities::model::{clusters, features::norm_char};
    use article_lens::text::{paragraphs, tokenize, Document};
    let mut depth = 16;
    let mut min_count = 3;
    let mut files = Vec::new();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--depth" => {
                depth = args
                    .get(i + 1)
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(depth);
                i += 2;
            }
            "--min-count" => {
                min_count = args
                    .get(i + 1)
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(min_count);
                i += 2;
            }
            a => {
                files.push(a.to_string());
                i += 1;
            }
        }
    }
    if files.len() < 2 {
        eprintln!("usage: train-ner clusters OUT CONLL_TRAIN [POLNEAR_JSONL ...] [--depth N] [--min-count N]");
        return ExitCode::from(2);
    }
    let norm = |w: &str| -> String { w.chars().map(norm_char).collect() };
    let mut sentences: Vec<Vec<String>> = Vec::new();
    for f in &files[1..] {
        let text = match std::fs::read_to_string(f) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("train-ner: cannot read {f}: {e}");
                return ExitCode::from(1);
            }
        };
        if f.ends_with(".jsonl") {
            for line in text.lines() {
                let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
                    continue;
                };
                let Some(t) = v["text"].as_str() else {
                    continue;
                };
                let doc = Document::new(t, tokenize(t), paragraphs(t), &[]);
                for r in &doc.sentence_tokens {
                    sentences.push(r.clone().map(|i| norm(doc.token_text(i))).collect());
                }
            }
        } else {
            for d in data::read_conll(&text) {
                for r in &d.sentences {
                    sentences.push(d.tokens[r.clone()].iter().map(|w| norm(w)).collect());
                }
            }
        }
    }
    let t0 = Instant::now();
    let n_tokens: usize = sentences.iter().map(Vec::len).sum();
    let out = clusters::learn(&sentences, min_count, depth, 20240);
    let mut text = String::new();
    for (w, p, c) in &out {
        text += &format!("{p}\t{w}\t{c}\n");
    }
    if let Err(e) = std::fs::write(&files[0], text) {
        eprintln!("train-ner: cannot write {}: {e}", files[0]);
        return ExitCode::from(1);
    }
    eprintln!(
        "{} words from {} tokens clustered to depth {depth} in {:.1}s; wrote {}",
        out.len(),
        n_tokens,
        t0.elapsed().as_secs_f64(),
        files[0]
    );
    ExitCode::SUCCESS
}
