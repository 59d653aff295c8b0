//! Native speed of `analyze` on one core: throughput and time per article.
//!
//! `cargo bench --bench analyze` runs it over the PolNeAR articles in
//! `../shared/data` (or `../../shared/data`, from a git worktree) when they
//! are present, otherwise over the reference article in `tests/fixtures`. Each article is analyzed repeatedly; the
//! report gives throughput (MB of text per second), the median and 95th
//! percentile time per article, and the same for the reference article.
//!
//! `ANALYZE_ROUNDS=N` runs exactly `N` rounds over the articles instead of
//! at least three seconds' worth, so that `perf stat -e instructions` or
//! `valgrind --tool=callgrind` count a fixed amount of work.

use std::time::{Duration, Instant};

use article_lens::{analyze, Options};

fn load_articles() -> (String, Vec<String>) {
    let here = env!("CARGO_MANIFEST_DIR");
    for path in [
        format!("{here}/../shared/data/polnear/polnear_dev.jsonl"),
        format!("{here}/../../shared/data/polnear/polnear_dev.jsonl"),
        format!("{here}/../shared/data/polnear/polnear_train.jsonl"),
    ] {
        if let Ok(data) = std::fs::read_to_string(&path) {
            let texts: Vec<String> = data
                .lines()
                .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
                .filter_map(|v| v["text"].as_str().map(str::to_string))
                .collect();
            if !texts.is_empty() {
                return (path, texts);
            }
        }
    }
    let path = format!("{here}/tests/fixtures/blinken-baghdad.txt");
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
}
