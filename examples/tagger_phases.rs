//! Where the tagger's time goes, and a fingerprint of what it computes.
//!
//! `cargo run --release --example tagger_phases [-- FILE.jsonl]` tokenizes
//! the articles of a JSON Lines file (default: PolNeAR dev in
//! `../shared/data`), then times the feature extractor, the token typing
//! and the whole tagging on their own, `ROUNDS` times (default 20). It
//! first prints two checksums: of every feature key of every token, and of
//! every tag. A change meant to make the tagger faster without changing
//! it must leave both as they were (compare before and after, on dev and
//! on train); `ROUNDS=1 valgrind --tool=callgrind` gives repeatable counts.

use article_lens::entities::model::{embedded, features::Extractor};
use article_lens::text::{paragraphs, tokenize, Document};
use std::time::Instant;

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data/polnear/polnear_dev.jsonl".into());
    let data = std::fs::read_to_string(&path).expect("a JSON Lines file of articles");
    let texts: Vec<String> = data
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect();
    let model = embedded().expect("compiled-in model");
    let docs: Vec<Document> = texts
        .iter()
        .map(|t| Document::new(t, tokenize(t), paragraphs(t), &[]))
        .collect();
    let toks: Vec<Vec<&str>> = docs
        .iter()
        .map(|d| d.tokens.iter().map(|t| t.span.of(d.text)).collect())
        .collect();
    let n_tokens: usize = toks.iter().map(Vec::len).sum();
    let bytes: usize = texts.iter().map(String::len).sum();

    let (mut features, mut tags) = (0u64, 0u64);
    let mut n_types = 0;
    for (d, tk) in docs.iter().zip(&toks) {
        let ex = Extractor::new(tk, &d.sentence_tokens, model.clusters());
        let mut f = Vec::new();
        for i in 0..tk.len() {
            f.clear();
            ex.features(i, &mut f);
            f.sort_unstable();
            for &k in &f {
                features = features.wrapping_mul(1_000_003).wrapping_add(k as u64);
            }
        }
        n_types += ex.token_types().1;
        for t in model.tag_document(tk, &d.sentence_tokens) {
            tags = tags.wrapping_mul(31).wrapping_add(t as u64);
        }
    }
    println!(
        "{path}: {} articles, {n_tokens} tokens, {n_types} token types, {bytes} bytes",
        texts.len()
    );
    println!("checksums: features {features:016x}, tags {tags:016x}");

    let rounds: usize = std::env::var("ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(20);
    let (mut t_ex, mut t_types, mut t_tag) = (0.0, 0.0, 0.0);
    for _ in 0..rounds {
        for (d, tk) in docs.iter().zip(&toks) {
            let a = Instant::now();
            let ex = Extractor::new(tk, &d.sentence_tokens, model.clusters());
            let b = Instant::now();
            std::hint::black_box(ex.token_types());
            let c = Instant::now();
            std::hint::black_box(model.tag_document(tk, &d.sentence_tokens));
            let e = Instant::now();
            t_ex += (b - a).as_secs_f64();
            t_types += (c - b).as_secs_f64();
            t_tag += (e - c).as_secs_f64();
        }
    }
    let per_token = |t: f64| t / rounds.max(1) as f64 / n_tokens.max(1) as f64 * 1e9;
    println!("Extractor::new {:.0} ns/token", per_token(t_ex));
    println!("token_types {:.0} ns/token", per_token(t_types));
    println!(
        "tag_document (all of the above and the decoding) {:.0} ns/token, {:.1} MB/s",
        per_token(t_tag),
        bytes as f64 * rounds as f64 / t_tag.max(1e-9) / 1e6
    );
}
