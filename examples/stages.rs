//! Where a pass over news spends its time: each stage of `analyze`, run one
//! by one in the order `analyze` runs them (`src/lib.rs`), timed natively
//! over PolNeAR dev (or the reference article when the data is not there),
//! summed over five rounds after one round of warm-up.
//!
//! `cargo run --release --example stages` (pin it to one core with
//! `taskset -c 1` for steadier figures). A wall-clock split, to find what
//! to profile: inlining merges the stages in `callgrind`'s report, and the
//! stages read memory differently (the tagger's tables are large), so
//! instruction counts alone mislead. The last line times `analyze` itself
//! on the same texts: the stages plus the conversion to the contract's
//! shape.

use std::time::{Duration, Instant};

use article_lens::text::{self, Document, Span};
use article_lens::{entities, groups, quotes};

fn texts() -> Vec<String> {
    let here = env!("CARGO_MANIFEST_DIR");
    for dir in [
        format!("{here}/../shared/data"),
        format!("{here}/../../shared/data"),
    ] {
        if let Ok(data) = std::fs::read_to_string(format!("{dir}/polnear/polnear_dev.jsonl")) {
            return data
                .lines()
                .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                .filter_map(|v| v["text"].as_str().map(str::to_string))
                .collect();
        }
    }
    let path = format!("{here}/tests/fixtures/blinken-baghdad.txt");
    vec![std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))]
}

const STAGES: [&str; 11] = [
    "tokenize",
    "paragraphs",
    "quote marks",
    "document",
    "name tagger",
    "postprocess",
    "harmonize",
    "rules",
    "overlaps",
    "groups",
    "attribute",
];

/// Runs the stages of `analyze` on `text`, adding each one's time to `t`.
fn stages(text: &str, t: &mut [Duration; STAGES.len()]) {
    let mut lap = Instant::now();
    let mut mark = |k: usize| {
        let now = Instant::now();
        t[k] += now - lap;
        lap = now;
    };
    let tokens = text::tokenize(text);
    mark(0);
    let paragraphs = text::paragraphs(text);
    mark(1);
    let marks = quotes::find(text, &tokens, &paragraphs);
    mark(2);
    let protected: Vec<Span> = marks.iter().map(|q| q.span).collect();
    let doc = Document::new(text, tokens, paragraphs, &protected);
    mark(3);
    let names = entities::tag_names(&doc);
    mark(4);
    let names = entities::postprocess(&doc, names);
    mark(5);
    let mut all = entities::harmonize(&doc, names);
    mark(6);
    all.extend(entities::rules::find(&doc));
    mark(7);
    let mentions = entities::select_non_overlapping(all);
    mark(8);
    let cast = groups::build(&doc, &mentions);
    mark(9);
    std::hint::black_box(quotes::attribute(&doc, &marks, &mentions, &cast));
    mark(10);
}

fn main() {
    let texts = texts();
    let rounds = 5;
    let mut t = [Duration::ZERO; STAGES.len()];
    let mut whole = Duration::ZERO;
    for round in 0..=rounds {
        if round == 1 {
            t = [Duration::ZERO; STAGES.len()];
            whole = Duration::ZERO;
        }
        for text in &texts {
            stages(text, &mut t);
            let start = Instant::now();
            std::hint::black_box(article_lens::analyze(text, &Default::default()));
            whole += start.elapsed();
        }
    }
    let bytes: usize = texts.iter().map(String::len).sum::<usize>() * rounds;
    let total: Duration = t.iter().sum();
    let mb_s = |d: Duration| bytes as f64 / d.as_secs_f64() / 1e6;
    println!(
        "{} article(s) x {rounds} rounds: the stages {:.2} MB/s",
        texts.len(),
        mb_s(total)
    );
    for (name, d) in STAGES.iter().zip(t) {
        println!(
            "{name:>12} {:8.1} ms {:5.1}%",
            d.as_secs_f64() * 1e3,
            100.0 * d.as_secs_f64() / total.as_secs_f64(),
        );
    }
    println!(
        "{:>12} {:8.1} ms, {:.2} MB/s",
        "analyze",
        whole.as_secs_f64() * 1e3,
        mb_s(whole)
    );
}
