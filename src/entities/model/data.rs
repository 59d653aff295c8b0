//! Reading annotated data (CoNLL-2003, Universal NER) and scoring with the
//! conlleval definition: a name counts only when its span and type are both
//! exactly right. Used by the training and evaluation commands and the tests;
//! nothing here runs in the analyzer.

use std::collections::BTreeMap;
use std::ops::Range;

use super::tags::NameType;

/// A gold name: token range `start..end` in its document and its type.
pub type GoldSpan = (usize, usize, NameType);

/// One annotated document.
#[derive(Debug, Clone, Default)]
pub struct Doc {
    /// Tokens, as given.
    pub tokens: Vec<String>,
    /// Token ranges of the sentences.
    pub sentences: Vec<Range<usize>>,
    /// Gold names, in order.
    pub gold: Vec<GoldSpan>,
}

impl Doc {
    /// The tokens as `&str`s.
    pub fn token_strs(&self) -> Vec<&str> {
        self.tokens.iter().map(String::as_str).collect()
    }
}

/// Chunks of an IOB (IOB1 or IOB2) tag sequence the way conlleval reads
/// them: a chunk starts at `B-X`, or at `I-X` after anything but `X`.
fn chunks(tags: &[&str], offset: usize, out: &mut Vec<GoldSpan>) {
    let mut open: Option<(usize, &str)> = None;
    for (i, t) in tags.iter().enumerate() {
        let (prefix, ty) = t.split_once('-').unwrap_or((t, ""));
        let continues = prefix == "I" && matches!(open, Some((_, oty)) if oty == ty);
        if !continues {
            if let Some((s, oty)) = open.take() {
                if let Some(nt) = NameType::parse(oty) {
                    out.push((offset + s, offset + i, nt));
                }
            }
            if prefix == "B" || prefix == "I" {
                open = Some((i, ty));
            }
        }
    }
    if let Some((s, oty)) = open {
        if let Some(nt) = NameType::parse(oty) {
            out.push((offset + s, offset + tags.len(), nt));
        }
    }
}

fn push_sentence(doc: &mut Doc, words: &mut Vec<String>, tags: &mut Vec<String>) {
    if words.is_empty() {
        return;
    }
    let start = doc.tokens.len();
    let t: Vec<&str> = tags.iter().map(String::as_str).collect();
    chunks(&t, start, &mut doc.gold);
    doc.tokens.append(words);
    doc.sentences.push(start..doc.tokens.len());
    tags.clear();
}

/// Reads CoNLL-2003 (`token POS chunk NER` lines, `-DOCSTART-` between
/// documents, blank lines between sentences).
pub fn read_conll(text: &str) -> Vec<Doc> {
    let mut docs = Vec::new();
    let mut doc = Doc::default();
    let (mut words, mut tags) = (Vec::new(), Vec::new());
    for line in text.lines() {
        let line = line.trim_end();
        if line.starts_with("-DOCSTART-") {
            push_sentence(&mut doc, &mut words, &mut tags);
            if !doc.tokens.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            continue;
        }
        if line.is_empty() {
            push_sentence(&mut doc, &mut words, &mut tags);
            continue;
        }
        let mut parts = line.split(' ');
        let word = parts.next().unwrap_or("");
        let tag = parts.next_back().unwrap_or("O");
        words.push(word.to_string());
        tags.push(tag.to_string());
    }
    push_sentence(&mut doc, &mut words, &mut tags);
    if !doc.tokens.is_empty() {
        docs.push(doc);
    }
    docs
}

/// Reads Universal NER `.iob2` (`id token tag ...` tab-separated, `#`
/// comments, `# newdoc` between documents, blank lines between sentences).
pub fn read_uner(text: &str) -> Vec<Doc> {
    let mut docs = Vec::new();
    let mut doc = Doc::default();
    let (mut words, mut tags) = (Vec::new(), Vec::new());
    for line in text.lines() {
        if line.starts_with("# newdoc") {
            push_sentence(&mut doc, &mut words, &mut tags);
            if !doc.tokens.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            push_sentence(&mut doc, &mut words, &mut tags);
            continue;
        }
        let mut parts = line.split('\t');
        let _id = parts.next();
        let word = parts.next().unwrap_or("");
        let tag = parts.next().unwrap_or("O");
        words.push(word.to_string());
        tags.push(tag.to_string());
    }
    push_sentence(&mut doc, &mut words, &mut tags);
    if !doc.tokens.is_empty() {
        docs.push(doc);
    }
    docs
}

/// Ways of rewriting a document's tokens (labels unchanged) to test how
/// the tagger copes with text unlike its training news.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// As given.
    Plain,
    /// Every sentence in Title Case, as a headline: each word capitalized
    /// except short function words.
    TitleCase,
    /// Every sentence in capitals.
    Upper,
    /// Everything in lowercase.
    Lower,
    /// Straight apostrophes and quotes made curly.
    Curly,
}

impl Variant {
    /// Parses `plain`, `title`, `upper`, `lower`, `curly`.
    pub fn parse(s: &str) -> Option<Variant> {
        Some(match s {
            "plain" => Variant::Plain,
            "title" => Variant::TitleCase,
            "upper" => Variant::Upper,
            "lower" => Variant::Lower,
            "curly" => Variant::Curly,
            _ => return None,
        })
    }

    /// Rewrites one token.
    pub fn apply(self, w: &str) -> String {
        match self {
            Variant::Plain => w.to_string(),
            Variant::Upper => w.to_uppercase(),
            Variant::Lower => w.to_lowercase(),
            Variant::Curly => w.replace('\'', "\u{2019}").replace("``", "\u{201C}"),
            Variant::TitleCase => {
                const SMALL: &[&str] = &[
                    "a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "'s",
                ];
                if SMALL.contains(&w) {
                    return w.to_string();
                }
                let mut c = w.chars();
                match c.next() {
                    Some(f) => f.to_uppercase().chain(c).collect(),
                    None => String::new(),
                }
            }
        }
    }

    /// The document with the tokens of the chosen sentences rewritten.
    pub fn some_sentences(self, d: &Doc, chosen: impl Fn(usize) -> bool) -> Doc {
        let mut out = d.clone();
        for (k, s) in d.sentences.iter().enumerate() {
            if chosen(k) {
                for w in &mut out.tokens[s.clone()] {
                    *w = self.apply(w);
                }
            }
        }
        out
    }

    /// The document with every token rewritten.
    pub fn doc(self, d: &Doc) -> Doc {
        Doc {
            tokens: d.tokens.iter().map(|w| self.apply(w)).collect(),
            sentences: d.sentences.clone(),
            gold: d.gold.clone(),
        }
    }
}

/// Counts of exact-match names per type.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    /// (correct, predicted, gold) per type.
    pub by_type: BTreeMap<NameType, (usize, usize, usize)>,
}

fn prf(c: usize, p: usize, g: usize) -> (f64, f64, f64) {
    let pr = if p == 0 { 0.0 } else { c as f64 / p as f64 };
    let re = if g == 0 { 0.0 } else { c as f64 / g as f64 };
    let f = if pr + re == 0.0 {
        0.0
    } else {
        2.0 * pr * re / (pr + re)
    };
    (pr, re, f)
}

impl Scores {
    /// Adds one document's gold and predicted names; only types in `types` count.
    pub fn add(&mut self, gold: &[GoldSpan], pred: &[GoldSpan], types: &[NameType]) {
        for &t in types {
            self.by_type.entry(t).or_default();
        }
        for g in gold.iter().filter(|g| types.contains(&g.2)) {
            self.by_type.entry(g.2).or_default().2 += 1;
        }
        for p in pred.iter().filter(|p| types.contains(&p.2)) {
            let e = self.by_type.entry(p.2).or_default();
            e.1 += 1;
            if gold.contains(p) {
                e.0 += 1;
            }
        }
    }

    /// Micro-averaged (precision, recall, F1) over all types.
    pub fn micro(&self) -> (f64, f64, f64) {
        let (c, p, g) = self
            .by_type
            .values()
            .fold((0, 0, 0), |a, v| (a.0 + v.0, a.1 + v.1, a.2 + v.2));
        prf(c, p, g)
    }

    /// A table of precision, recall and F1 per type and overall.
    pub fn report(&self) -> String {
        let mut s = format!(
            "{:<6} {:>7} {:>7} {:>7} {:>6} {:>6}\n",
            "type", "prec", "recall", "F1", "pred", "gold"
        );
        for (t, &(c, p, g)) in &self.by_type {
            let (pr, re, f) = prf(c, p, g);
            s += &format!(
                "{:<6} {:>7.4} {:>7.4} {:>7.4} {:>6} {:>6}\n",
                t.label(),
                pr,
                re,
                f,
                p,
                g
            );
        }
        let (pr, re, f) = self.micro();
        let (p, g) = self
            .by_type
            .values()
            .fold((0, 0), |a, v| (a.0 + v.1, a.1 + v.2));
        s += &format!(
            "{:<6} {:>7.4} {:>7.4} {:>7.4} {:>6} {:>6}\n",
            "all", pr, re, f, p, g
        );
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conlleval_chunks() {
        let mut out = Vec::new();
        chunks(
            &["B-PER", "I-PER", "O", "I-LOC", "B-LOC", "I-ORG", "I-ORG"],
            10,
            &mut out,
        );
        assert_eq!(
            out,
            [
                (10, 12, NameType::Per),
                (13, 14, NameType::Loc),
                (14, 15, NameType::Loc),
                (15, 17, NameType::Org)
            ]
        );
    }

    #[test]
    fn reads_conll_documents_and_sentences() {
        let text = "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n\nPeter NNP B-NP B-PER\nBlackburn NNP I-NP I-PER\n\n-DOCSTART- -X- -X- O\n\nX NN O O\n";
        let docs = read_conll(text);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].sentences, [0..2, 2..4]);
        assert_eq!(docs[0].gold, [(0, 1, NameType::Org), (2, 4, NameType::Per)]);
    }

    #[test]
    fn scores_exact_spans_only() {
        let gold = [(0, 2, NameType::Per), (3, 4, NameType::Loc)];
        let pred = [(0, 1, NameType::Per), (3, 4, NameType::Loc)];
        let mut s = Scores::default();
        s.add(&gold, &pred, &NameType::ALL);
        let (p, r, f) = s.micro();
        assert_eq!((p, r, f), (0.5, 0.5, 0.5));
    }
}
