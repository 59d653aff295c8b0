//! Evaluates the compiled-in name tagger: `eval-ner conll|uner|polnear PATH`.
//!
//! - `conll PATH`: a CoNLL-2003 file; precision, recall and F1 per type
//!   (exact span and type, as conlleval).
//! - `uner PATH`: a Universal NER `.iob2` file; PER, ORG and LOC only (the
//!   model's MISC names are left out of the count, as UNER has no such type).
//! - `polnear PATH`: a PolNeAR `.jsonl` file. It has no name annotations, so
//!   this reports how many names of each type the tagger finds and how many
//!   of the annotated speakers that are written as a capitalized name are
//!   covered by a person or organization mention (a recall proxy).
//!
//! - `speed PATH`: tokenizes and tags the texts of a PolNeAR `.jsonl` file
//!   five times and prints the throughput (run it under `perf stat` to see
//!   CPU time on a busy machine).
//!
//! - `text PATH`: prints the names the tagger finds in a plain text file
//!   (`-` reads standard input).
//!
//! `--variant title|upper|lower|curly` rewrites the CoNLL or UNER tokens
//! first (labels unchanged) to measure robustness to headline case, capitals,
//! lowercase text and curly apostrophes.
//!
//! - `load -`: decodes the compiled-in model 20 times and prints the
//!   fastest and median time.
//!
//! Also prints the tagging speed in tokens per second.

use std::process::ExitCode;
use std::time::Instant;

use article_lens::entities::model::{data, embedded, tags::NameType};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut args = args;
    let mut variant = data::Variant::Plain;
    if let Some(i) = args.iter().position(|a| a == "--variant") {
        match args.get(i + 1).and_then(|v| data::Variant::parse(v)) {
            Some(v) => variant = v,
            None => {
                eprintln!("eval-ner: --variant takes plain, title, upper, lower or curly");
                return ExitCode::from(2);
            }
        }
        args.drain(i..i + 2);
    }
    if args.len() != 2 {
        eprintln!("usage: eval-ner conll|uner|polnear|speed|text PATH [--variant plain|title|upper|lower|curly]");
        return ExitCode::from(2);
    }
    let text = if args[1] == "-" {
        std::io::read_to_string(std::io::stdin())
    } else {
        std::fs::read_to_string(&args[1])
    };
    let text = match text {
        Ok(t) => t,
        Err(e) => {
            eprintln!("eval-ner: cannot read {}: {e}", args[1]);
            return ExitCode::from(1);
        }
    };
    let t0 = Instant::now();
    let model = match embedded() {
        Ok(m) => m,
        Err(e) => {
            eprintln!("eval-ner: {e}");
            return ExitCode::from(1);
        }
    };
    eprintln!(
        "model: {} features, decoded in {:.1} ms",
        model.n_features(),
        t0.elapsed().as_secs_f64() * 1e3
    );
    match args[0].as_str() {
        "conll" | "uner" => {
            let (docs, types): (_, &[NameType]) = if args[0] == "conll" {
                (data::read_conll(&text), &NameType::ALL)
            } else {
                (
                    data::read_uner(&text),
                    &[NameType::Per, NameType::Org, NameType::Loc],
                )
            };
            let docs: Vec<data::Doc> = docs.iter().map(|d| variant.doc(d)).collect();
            let mut scores = data::Scores::default();
            let t0 = Instant::now();
            let preds: Vec<_> = docs
                .iter()
                .map(|d| model.tag(&d.token_strs(), &d.sentences))
                .collect();
            let secs = t0.elapsed().as_secs_f64();
            for (d, p) in docs.iter().zip(&preds) {
                scores.add(&d.gold, p, types);
            }
            let ntok: usize = docs.iter().map(|d| d.tokens.len()).sum();
            println!("{} documents, {} tokens", docs.len(), ntok);
            print!("{}", scores.report());
            println!(
                "tagging speed: {:.0} tokens/s (one core)",
                ntok as f64 / secs.max(1e-9)
            );
        }
        "polnear" => polnear(&text),
        "speed" => speed(&text),
        "text" => show(&text),
        "load" => load(),
        other => {
            eprintln!("eval-ner: unknown data set {other:?} (conll, uner or polnear)");
            return ExitCode::from(2);
        }
    }
    ExitCode::SUCCESS
}

fn polnear(text: &str) {
    use article_lens::entities::model::tag_names;
    use article_lens::text::{paragraphs, tokenize, Document};
    use article_lens::EntityType;
    let mut counts = std::collections::BTreeMap::new();
    let (mut speakers, mut covered, mut articles, mut entities_annotated) = (0, 0, 0, 0);
    let mut bytes = 0usize;
    let mut secs = 0.0;
    for line in text.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let Some(t) = v["text"].as_str() else {
            continue;
        };
        articles += 1;
        entities_annotated += v["entities"].as_array().map_or(0, |a| a.len());
        let t0 = Instant::now();
        let doc = Document::new(t, tokenize(t), paragraphs(t), &[]);
        let mentions = tag_names(&doc);
        secs += t0.elapsed().as_secs_f64();
        bytes += t.len();
        for m in &mentions {
            *counts.entry(m.ty.as_str()).or_insert(0usize) += 1;
        }
        // code point offsets -> byte offsets
        let cp: Vec<usize> = t.char_indices().map(|(b, _)| b).chain([t.len()]).collect();
        for q in v["quotes"].as_array().into_iter().flatten() {
            let (Some(s), Some(e)) = (q["speaker_start"].as_u64(), q["speaker_end"].as_u64())
            else {
                continue;
            };
            let (s, e) = (s as usize, e as usize);
            if s >= e || e >= cp.len() {
                continue;
            }
            let (bs, be) = (cp[s], cp[e]);
            let sp = &t[bs..be];
            // A name: every word capitalized, not a pronoun or a description.
            let words: Vec<&str> = sp.split_whitespace().collect();
            let is_name = !words.is_empty()
                && words.len() <= 4
                && words
                    .iter()
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase))
                && !matches!(
                    words[0],
                    "He" | "She" | "They" | "It" | "We" | "I" | "The" | "You"
                );
            if !is_name {
                continue;
            }
            speakers += 1;
            if mentions.iter().any(|m| {
                matches!(m.ty, EntityType::Person | EntityType::Organization)
                    && m.span.start < be
                    && bs < m.span.end
            }) {
                covered += 1;
            }
        }
    }
    println!(
        "{articles} articles; {entities_annotated} name annotations in the file (PolNeAR annotates attributions, not names)"
    );
    println!("names found: {counts:?}");
    println!(
        "speakers written as capitalized names: {speakers}; covered by a person/organization mention: {covered} ({:.1}%)",
        100.0 * covered as f64 / speakers.max(1) as f64
    );
    println!(
        "tokenize + tag speed: {:.1} MB/s (one core)",
        bytes as f64 / 1e6 / secs.max(1e-9)
    );
}

fn speed(text: &str) {
    use article_lens::entities::model::tag_names;
    use article_lens::text::{paragraphs, tokenize, Document};
    let texts: Vec<String> = text
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let reps = std::env::var("REPS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(5);
    let t0 = Instant::now();
    let mut n = 0;
    for _ in 0..reps {
        for t in &texts {
            let doc = Document::new(t, tokenize(t), paragraphs(t), &[]);
            n += tag_names(&doc).len();
        }
    }
    let secs = t0.elapsed().as_secs_f64();
    println!(
        "{reps} x {:.1} MB, {n} names: {:.1} MB/s wall clock",
        bytes as f64 / 1e6,
        (reps * bytes) as f64 / 1e6 / secs
    );
}

fn show(text: &str) {
    use article_lens::entities::model::tag_names;
    use article_lens::text::{paragraphs, tokenize, Document};
    let doc = Document::new(text, tokenize(text), paragraphs(text), &[]);
    for m in tag_names(&doc) {
        println!("{:<13} {}", m.ty.as_str(), m.span.of(text));
    }
}

fn load() {
    use article_lens::entities::model::{embedded_bytes, Model};
    let mut times: Vec<f64> = (0..20)
        .map(|_| {
            let t0 = Instant::now();
            let m = Model::from_bytes(embedded_bytes());
            let t = t0.elapsed().as_secs_f64() * 1e3;
            assert!(m.is_ok());
            t
        })
        .collect();
    times.sort_by(f64::total_cmp);
    println!(
        "model decode: fastest {:.2} ms, median {:.2} ms ({} bytes)",
        times[0],
        times[10],
        embedded_bytes().len()
    );
}
