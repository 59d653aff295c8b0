//! Scores quotations and speakers against PolNeAR direct attributions.
//!
//! `cargo run --release --bin eval-quotes -- ../shared/data/polnear/polnear_dev.jsonl
//! [--out PRED.jsonl] [--errors]`
//!
//! The definitions are those of `score_quotes` in `../shared/eval/score.py`:
//! quote recall (direct attributions overlapped by a speech quote), quote
//! precision (speech quotes overlapping any annotated content fragment),
//! speaker accuracy and attributed recall (the best-overlapping speech
//! quote's speaker overlaps the annotated source, or its group's name shares
//! a word of three letters or more with it). Offsets there are code points;
//! the analysis gives UTF-16 offsets, converted here per text. `--out` writes
//! the analyses in the CLI's `--jsonl` shape for `score.py quotes`;
//! `--errors` prints what was missed or wrong. The data is research-only and
//! read at run time; when it is absent the command says so and exits 0.

use std::collections::HashMap;
use std::io::{BufRead, Write};

use article_lens::{analyze, Options};
use serde_json::Value;

/// A predicted quote in code points.
struct Pred {
    start: usize,
    end: usize,
    speech: bool,
    speaker: Option<(usize, usize)>,
    speaker_name: Option<String>,
}

fn overlap(a0: usize, a1: usize, b0: usize, b1: usize) -> usize {
    a1.min(b1).saturating_sub(a0.max(b0))
}

fn pairs(v: &Value) -> Vec<(usize, usize)> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|p| Some((p.get(0)?.as_u64()? as usize, p.get(1)?.as_u64()? as usize)))
                .collect()
        })
        .unwrap_or_default()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.iter().find(|a| !a.starts_with("--")).cloned() else {
        eprintln!("usage: eval-quotes GOLD.jsonl [--out PRED.jsonl] [--errors]");
        std::process::exit(2);
    };
    let out_path = args
        .iter()
        .position(|a| a == "--out")
        .and_then(|i| args.get(i + 1).cloned());
    let show_errors = args.iter().any(|a| a == "--errors");
    let file = match std::fs::File::open(&path) {
        Ok(f) => f,
        Err(e) => {
            println!(
                "note: {path} not readable ({e}); the research data is not here, nothing scored"
            );
            return;
        }
    };
    let mut out = out_path.map(|p| {
        std::io::BufWriter::new(std::fs::File::create(&p).expect("cannot create --out file"))
    });
    let (mut n_gold, mut n_found, mut n_pred, mut n_pred_ok) = (0usize, 0usize, 0usize, 0usize);
    let (mut n_spk, mut n_spk_ok, mut n_gold_spk) = (0usize, 0usize, 0usize);
    let mut docs = 0;
    for line in std::io::BufReader::new(file).lines() {
        let Ok(line) = line else { continue };
        if line.trim().is_empty() {
            continue;
        }
        let Ok(d) = serde_json::from_str::<Value>(&line) else {
            continue;
        };
        docs += 1;
        let text = d["text"].as_str().unwrap_or("");
        let analysis = analyze(text, &Options::default());
        if let Some(w) = out.as_mut() {
            let row = serde_json::json!({"id": d["id"], "analysis": analysis});
            writeln!(w, "{row}").expect("write failed");
        }
        // UTF-16 offset -> code point offset.
        let mut u16_to_cp: HashMap<usize, usize> = HashMap::new();
        let mut u = 0;
        let chars: Vec<char> = text.chars().collect();
        for (i, c) in chars.iter().enumerate() {
            u16_to_cp.insert(u, i);
            u += c.len_utf16();
        }
        u16_to_cp.insert(u, chars.len());
        let cp = |o: usize| u16_to_cp.get(&o).copied();
        let slice = |a: usize, b: usize| -> String {
            chars[a.min(chars.len())..b.min(chars.len())]
                .iter()
                .collect()
        };
        let preds: Vec<Pred> = analysis
            .quotes
            .iter()
            .filter_map(|q| {
                Some(Pred {
                    start: cp(q.start)?,
                    end: cp(q.end)?,
                    speech: q.kind == article_lens::QuoteKind::Speech,
                    speaker: q
                        .speaker
                        .as_ref()
                        .and_then(|s| Some((cp(s.start)?, cp(s.end)?))),
                    speaker_name: q
                        .speaker_group
                        .and_then(|g| analysis.groups.get(g))
                        .map(|g| g.name.clone()),
                })
            })
            .collect();
        let speech: Vec<&Pred> = preds.iter().filter(|p| p.speech).collect();
        let attributions = d["quotes"].as_array().cloned().unwrap_or_default();
        let frags_of = |a: &Value| {
            let f = pairs(&a["content_fragments"]);
            if f.is_empty() {
                vec![(
                    a["start"].as_u64().unwrap_or(0) as usize,
                    a["end"].as_u64().unwrap_or(0) as usize,
                )]
            } else {
                f
            }
        };
        let all_frags: Vec<(usize, usize)> = attributions.iter().flat_map(frags_of).collect();
        n_pred += speech.len();
        for q in &speech {
            if all_frags
                .iter()
                .any(|&(f0, f1)| overlap(q.start, q.end, f0, f1) > 0)
            {
                n_pred_ok += 1;
            } else if show_errors {
                println!("FP  {} | {}", d["id"], slice(q.start, q.end));
            }
        }
        for a in &attributions {
            if a["direct"].as_bool() != Some(true) {
                continue;
            }
            n_gold += 1;
            let frags = frags_of(a);
            let mut best: Option<&Pred> = None;
            let mut bo = 0;
            for q in &speech {
                let o: usize = frags
                    .iter()
                    .map(|&(f0, f1)| overlap(q.start, q.end, f0, f1))
                    .sum();
                if o > bo {
                    best = Some(q);
                    bo = o;
                }
            }
            let mut sfr = pairs(&a["speaker_fragments"]);
            if sfr.is_empty() {
                if let (Some(s), Some(e)) = (a["speaker_start"].as_u64(), a["speaker_end"].as_u64())
                {
                    sfr.push((s as usize, e as usize));
                }
            }
            if !sfr.is_empty() {
                n_gold_spk += 1;
            }
            let content = || {
                let (s, e) = frags[0];
                slice(s, e.min(s + 90))
            };
            let Some(best) = best else {
                if show_errors {
                    println!("MISS {} | {}", d["id"], content());
                }
                continue;
            };
            n_found += 1;
            if sfr.is_empty() {
                continue;
            }
            n_spk += 1;
            let mut ok = best
                .speaker
                .is_some_and(|(s0, s1)| sfr.iter().any(|&(g0, g1)| overlap(s0, s1, g0, g1) > 0));
            if !ok {
                if let Some(name) = &best.speaker_name {
                    let gtext: String = sfr
                        .iter()
                        .map(|&(s0, s1)| slice(s0, s1))
                        .collect::<Vec<_>>()
                        .join(" ")
                        .to_lowercase();
                    let gwords: Vec<&str> = gtext.split_whitespace().collect();
                    let name = name.to_lowercase().replace('.', " ");
                    ok = name
                        .split_whitespace()
                        .filter(|t| t.chars().count() > 2)
                        .any(|t| gwords.contains(&t));
                }
            }
            if ok {
                n_spk_ok += 1;
            } else if show_errors {
                let gold: Vec<String> = sfr.iter().map(|&(s0, s1)| slice(s0, s1)).collect();
                let pred = best.speaker.map(|(s0, s1)| slice(s0, s1));
                println!(
                    "SPK {} | gold {:?} pred {:?} ({:?}) | {}",
                    d["id"],
                    gold,
                    pred,
                    best.speaker_name,
                    slice(best.start, best.end.min(best.start + 70))
                );
            }
        }
    }
    let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    println!(
        "{}",
        serde_json::json!({
            "task": "quotes", "docs": docs, "gold_direct": n_gold, "pred_speech": n_pred,
            "recall": ratio(n_found, n_gold),
            "precision": ratio(n_pred_ok, n_pred),
            "speaker_accuracy": ratio(n_spk_ok, n_spk),
            "attributed_recall": ratio(n_spk_ok, n_gold_spk),
        })
    );
}
