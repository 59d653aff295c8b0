//! Native speed of `analyze` on one core: throughput and time per article.
//!
//! `cargo bench --bench analyze` runs it over the PolNeAR articles in
//! `../shared/data` (or `../../shared/data`, from a git worktree) when they
//! are present, otherwise over the reference article in `tests/fixtures`. Each article is analyzed repeatedly; the
//! report gives throughput (MB of text per second), the median and 95th
//! percentile time per article, and the same for the reference article.
//!
//! With the PolNeAR train file present it also reports a **stream**: its 840
//! articles analyzed once each, in file order, as the command line reads a
//! JSON Lines stream: no article is repeated, so nothing it needs is still in
//! the processor's caches from an earlier call on the same text.
//!
//! `ANALYZE_ROUNDS=N` runs exactly `N` rounds over the articles instead of
//! at least three seconds' worth, and skips the stream, so that
//! `valgrind --tool=callgrind` counts a fixed amount of work.

use std::time::{Duration, Instant};

use article_lens::{analyze, Options};

/// The texts of a PolNeAR JSON Lines file, if it is there.
fn read_texts(path: &str) -> Option<Vec<String>> {
    let data = std::fs::read_to_string(path).ok()?;
    let texts: Vec<String> = data
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect();
    (!texts.is_empty()).then_some(texts)
}

/// The shared data directory: `../shared/data`, or `../../shared/data` from
/// a git worktree.
fn data_dir() -> Option<String> {
    let here = env!("CARGO_MANIFEST_DIR");
    [
        format!("{here}/../shared/data"),
        format!("{here}/../../shared/data"),
    ]
    .into_iter()
    .find(|d| std::path::Path::new(d).is_dir())
}

fn load_articles() -> (String, Vec<String>) {
    if let Some(dir) = data_dir() {
        for name in ["polnear_dev.jsonl", "polnear_train.jsonl"] {
            let path = format!("{dir}/polnear/{name}");
            if let Some(texts) = read_texts(&path) {
                return (path, texts);
            }
        }
    }
    let path = format!(
        "{}/tests/fixtures/blinken-baghdad.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).expect("reference article");
    (path, vec![text])
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn bench(name: &str, texts: &[String], min_total: Duration, fixed_rounds: Option<usize>) {
    let options = Options::default();
    // Warm up: lazy tables, model load, caches.
    for t in texts.iter().take(20) {
        std::hint::black_box(analyze(t, &options));
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut per_article: Vec<Duration> = Vec::new();
    let mut total = Duration::ZERO;
    let mut rounds = 0;
    while fixed_rounds.map_or(total < min_total || rounds < 3, |n| rounds < n) {
        for t in texts {
            let start = Instant::now();
            std::hint::black_box(analyze(std::hint::black_box(t), &options));
            let d = start.elapsed();
            per_article.push(d);
            total += d;
        }
        rounds += 1;
    }
    per_article.sort();
    let mb_s = (bytes * rounds) as f64 / 1e6 / total.as_secs_f64();
    println!(
        "{name}: {} article(s), {:.1} KB each on average, {rounds} rounds: {mb_s:.2} MB/s; per article median {:.3} ms, p95 {:.3} ms",
        texts.len(),
        bytes as f64 / texts.len() as f64 / 1e3,
        percentile(&per_article, 0.5).as_secs_f64() * 1e3,
        percentile(&per_article, 0.95).as_secs_f64() * 1e3,
    );
}

/// Each article once, in order, timed one by one.
fn stream(name: &str, texts: &[String]) {
    let options = Options::default();
    std::hint::black_box(analyze("Warm up: Mr. Smith said “yes” in Paris.", &options));
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut per_article: Vec<Duration> = Vec::with_capacity(texts.len());
    for t in texts {
        let start = Instant::now();
        std::hint::black_box(analyze(std::hint::black_box(t), &options));
        per_article.push(start.elapsed());
    }
    let total: Duration = per_article.iter().sum();
    per_article.sort();
    println!(
        "{name}: {} article(s) once each, {:.1} KB each on average: {:.2} MB/s; per article median {:.3} ms, p95 {:.3} ms",
        texts.len(),
        bytes as f64 / texts.len() as f64 / 1e3,
        bytes as f64 / 1e6 / total.as_secs_f64(),
        percentile(&per_article, 0.5).as_secs_f64() * 1e3,
        percentile(&per_article, 0.95).as_secs_f64() * 1e3,
    );
}

fn main() {
    // `cargo test --benches` runs bench targets with --bench absent; keep that quick.
    let quick = !std::env::args().any(|a| a == "--bench");
    let min = if quick {
        Duration::from_millis(50)
    } else {
        Duration::from_secs(3)
    };
    let fixed_rounds = std::env::var("ANALYZE_ROUNDS")
        .ok()
        .and_then(|v| v.parse::<usize>().ok())
        .map(|n| n.max(1));
    let (source, texts) = load_articles();
    println!("corpus: {source}");
    bench("news articles", &texts, min, fixed_rounds);
    let reference = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/blinken-baghdad.txt"
    ))
    .unwrap();
    bench("reference article", &[reference], min, fixed_rounds);
    if fixed_rounds.is_none() {
        let train =
            data_dir().and_then(|d| read_texts(&format!("{d}/polnear/polnear_train.jsonl")));
        if let Some(mut texts) = train {
            if quick {
                texts.truncate(20);
            }
            stream("news stream (PolNeAR train)", &texts);
        }
    }
}
