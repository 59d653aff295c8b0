//! Time grows linearly with input size, even on pathological input.
//!
//! Each case is analyzed at two sizes, 8x apart; the test fails if the larger
//! one takes more than 24x as long (linear is 8x, quadratic 64x: the margin
//! absorbs a busy machine). Timing is the best of three runs, compared as a
//! ratio, never against a fixed time.

use std::time::Instant;

use article_lens::{analyze, Options};

fn best_of_3(text: &str) -> f64 {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(analyze(text, &Options::default()));
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

fn assert_linear(name: &str, unit: &str, small_reps: usize) {
    let small = unit.repeat(small_reps);
    let large = unit.repeat(small_reps * 8);
    let (a, b) = (best_of_3(&small), best_of_3(&large));
    let ratio = b / a.max(1e-6);
    // Shown with `cargo test --release --test scaling -- --nocapture`.
    eprintln!("{name}: x8 the size, x{ratio:.1} the time");
    assert!(
        ratio < 24.0,
        "{name}: {} bytes took {a:.4}s, {} bytes took {b:.4}s (ratio {ratio:.1})",
        small.len(),
        large.len()
    );
}

#[test]
fn pathological_inputs_scale_linearly() {
    let article = include_str!("fixtures/blinken-baghdad.txt");
    assert_linear("straight quotation marks", "\"", 60_000);
    assert_linear("curly quotation marks", "“", 30_000);
    assert_linear("alternating marks", "“a” ‘b ", 15_000);
    assert_linear("one unbroken word", "a", 60_000);
    assert_linear("newlines", "\n", 60_000);
    assert_linear("capitalized words", "Capitalized ", 8_000);
    assert_linear("emoji", "🎉", 20_000);
    assert_linear("said without quotes", "He said. ", 8_000);
    assert_linear("unclosed quotes in paragraphs", "“He said it\n", 8_000);
    assert_linear("organization words", "the Islamic State group, ", 4_000);
    assert_linear("aliases without a name", "Smith, also known as the ", 4_000);
    assert_linear("full names", "Donald Trump and Elizabeth Warren ", 3_000);
    assert_linear("real text", &format!("{article}\n"), 20);
}

/// Thousands of different people sharing one surname, each followed by a
/// bare "Smith" that could be any of them.
#[test]
fn namesakes_scale_linearly() {
    let given: Vec<&str> = include_str!("../data/lexicons/given_names_male.txt")
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let text = |n: usize| -> String {
        (0..n)
            .map(|i| format!("{} Smith met Smith. ", given[i % given.len()]))
            .collect()
    };
    let (small, large) = (text(500), text(4000));
    let (a, b) = (best_of_3(&small), best_of_3(&large));
    let ratio = b / a.max(1e-6);
    assert!(ratio < 24.0, "{a:.4}s then {b:.4}s (ratio {ratio:.1})");
}
