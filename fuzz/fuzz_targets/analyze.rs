//! Fuzz target: any bytes, read as lossy UTF-8, must analyze without a panic
//! and keep every promise of the contract (`Analysis::check_against`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let analysis = article_lens::analyze(&text, &article_lens::Options::default());
    if let Err(e) = analysis.check_against(&text) {
        panic!("{e}");
    }
});
