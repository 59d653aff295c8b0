//! Scores the entity recognizer's names on CoNLL-2003 dev (exact span and
//! type, micro precision/recall/F1 over PER, ORG, LOC, MISC).
//!
//! ```text
//! cargo run --release --example eval_rules_conll [-- PATH/TO/dev.txt]
//! ```
//!
//! The data is research-only and never in the repository: it is read at run
//! time from `../shared/data/conll2003/dev.txt` (or `../../shared/...`, or
//! the path given), and the example prints a note and exits when it is absent.
//! Each document is rebuilt as text, tokens joined by spaces and one sentence
//! a line, then analyzed as a whole, so document-level rules apply. Types map
//! as person→PER, organization→ORG, place→LOC, group and misc→MISC; dates,
//! times, money and percentages are not annotated in CoNLL and are ignored.

use std::collections::{BTreeMap, HashSet};
use std::path::PathBuf;

use article_lens::entities::recognize;
use article_lens::text::{paragraphs, tokenize, Document};
use article_lens::EntityType;

/// One document: text and gold entities as (byte start, byte end, label).
struct Doc {
    text: String,
    gold: Vec<(usize, usize, &'static str)>,
}

fn label(t: &str) -> &'static str {
    match t {
        "PER" => "PER",
        "ORG" => "ORG",
        "LOC" => "LOC",
        _ => "MISC",
    }
}

fn read_conll(data: &str) -> Vec<Doc> {
    let mut docs = Vec::new();
    let mut text = String::new();
    let mut gold = Vec::new();
    let mut open: Option<(usize, &'static str)> = None;
    let mut last_end = 0;
    let mut sentence_started = false;
    let close = |open: &mut Option<(usize, &'static str)>, end: usize, gold: &mut Vec<_>| {
        if let Some((s, l)) = open.take() {
            gold.push((s, end, l));
        }
    };
    for line in data.lines() {
        if line.starts_with("-DOCSTART-") {
            close(&mut open, last_end, &mut gold);
            if !text.is_empty() {
                docs.push(Doc {
                    text: std::mem::take(&mut text),
                    gold: std::mem::take(&mut gold),
                });
            }
            sentence_started = false;
            continue;
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols.is_empty() {
            close(&mut open, last_end, &mut gold);
            if sentence_started {
                text.push('\n');
                sentence_started = false;
            }
            continue;
        }
        let (word, tag) = (cols[0], cols[cols.len() - 1]);
        if sentence_started {
            text.push(' ');
        }
        sentence_started = true;
        let start = text.len();
        text.push_str(word);
        let end = text.len();
        if let Some(t) = tag.strip_prefix("B-") {
            close(&mut open, last_end, &mut gold);
            open = Some((start, label(t)));
        } else if let Some(t) = tag.strip_prefix("I-") {
            if open.map(|(_, l)| l) != Some(label(t)) {
                close(&mut open, last_end, &mut gold);
                open = Some((start, label(t)));
            }
        } else {
            close(&mut open, last_end, &mut gold);
        }
        last_end = end;
    }
    close(&mut open, last_end, &mut gold);
    if !text.is_empty() {
        docs.push(Doc { text, gold });
    }
    docs
}

fn conll_label(t: EntityType) -> Option<&'static str> {
    match t {
        EntityType::Person => Some("PER"),
        EntityType::Organization => Some("ORG"),
        EntityType::Place => Some("LOC"),
        EntityType::Group | EntityType::Misc => Some("MISC"),
        _ => None,
    }
}

fn main() {
    let here = env!("CARGO_MANIFEST_DIR");
    let candidates: Vec<PathBuf> = match std::env::args().nth(1) {
        Some(p) => vec![p.into()],
        None => vec![
            format!("{here}/../shared/data/conll2003/dev.txt").into(),
            format!("{here}/../../shared/data/conll2003/dev.txt").into(),
        ],
    };
    let Some(path) = candidates.iter().find(|p| p.exists()) else {
        println!("CoNLL-2003 dev not found ({candidates:?}); skipping.");
        return;
    };
    let data = std::fs::read_to_string(path).expect("read CoNLL file");
    let docs = read_conll(&data);
    let verbose = std::env::var_os("VERBOSE").is_some();

    // label -> (true positives, predicted, gold)
    let mut counts: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    article_lens::entities::lexicon::warm_up();
    let started = std::time::Instant::now();
    let mut bytes = 0;
    for doc in &docs {
        bytes += doc.text.len();
        let tokens = tokenize(&doc.text);
        let paras = paragraphs(&doc.text);
        let d = Document::new(&doc.text, tokens, paras, &[]);
        let pred: Vec<(usize, usize, &str)> = recognize(&d, &[])
            .into_iter()
            .filter_map(|m| conll_label(m.ty).map(|l| (m.span.start, m.span.end, l)))
            .collect();
        let gold: HashSet<_> = doc.gold.iter().copied().collect();
        let predset: HashSet<_> = pred.iter().copied().collect();
        for &(s, e, l) in &pred {
            let c = counts.entry(l).or_default();
            c.1 += 1;
            if gold.contains(&(s, e, l)) {
                c.0 += 1;
            } else if verbose {
                println!("FP {l} {:?}", &doc.text[s..e]);
            }
        }
        for &(s, e, l) in &doc.gold {
            counts.entry(l).or_default().2 += 1;
            if verbose && !predset.contains(&(s, e, l)) {
                println!("FN {l} {:?}", &doc.text[s..e]);
            }
        }
    }
    let elapsed = started.elapsed().as_secs_f64();
    let f = |tp: usize, p: usize, g: usize| {
        let pr = if p == 0 { 0.0 } else { tp as f64 / p as f64 };
        let rc = if g == 0 { 0.0 } else { tp as f64 / g as f64 };
        let f1 = if pr + rc == 0.0 {
            0.0
        } else {
            2.0 * pr * rc / (pr + rc)
        };
        (pr, rc, f1)
    };
    let (mut tp, mut p, mut g) = (0, 0, 0);
    println!("CoNLL-2003 dev, {} documents, rule-based names", docs.len());
    for (l, &(a, b, c)) in &counts {
        let (pr, rc, f1) = f(a, b, c);
        println!("{l:5} P {pr:.4} R {rc:.4} F1 {f1:.4} (gold {c}, predicted {b})");
        tp += a;
        p += b;
        g += c;
    }
    let (pr, rc, f1) = f(tp, p, g);
    println!("ALL   P {pr:.4} R {rc:.4} F1 {f1:.4} (gold {g}, predicted {p})");
    println!(
        "{:.1} MB in {elapsed:.2} s ({:.1} MB/s for tokens, sentences and entities; \
         meaningful on an idle machine only)",
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / elapsed
    );
}
