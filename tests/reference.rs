//! The reference article (`tests/fixtures/blinken-baghdad.txt`) against its
//! hand-made gold analysis: every required entity with its type, all ten
//! quotes with kind and speaker, and the cast-list groups. Scored the way
//! `../shared/eval/score.py gold` scores it.

use article_lens::{analyze, Analysis, Options, QuoteKind};
use serde_json::Value;

const TEXT: &str = include_str!("fixtures/blinken-baghdad.txt");
const GOLD: &str = include_str!("fixtures/blinken-baghdad.gold.json");

fn setup() -> (Analysis, Value) {
    (
        analyze(TEXT, &Options::default()),
        serde_json::from_str(GOLD).unwrap(),
    )
}

fn spans_of(g: &Value) -> Vec<(usize, usize)> {
    let mut v = vec![(
        g["start"].as_u64().unwrap() as usize,
        g["end"].as_u64().unwrap() as usize,
    )];
    for a in g["alternatives"].as_array().into_iter().flatten() {
        v.push((
            a["start"].as_u64().unwrap() as usize,
            a["end"].as_u64().unwrap() as usize,
        ));
    }
    v
}

fn types_of(g: &Value) -> Vec<String> {
    let mut v = vec![g["type"].as_str().unwrap().to_string()];
    for t in g["alt_types"].as_array().into_iter().flatten() {
        v.push(t.as_str().unwrap().to_string());
    }
    v
}

#[test]
fn every_required_entity_with_its_type() {
    let (a, gold) = setup();
    let mut missing = Vec::new();
    let mut used = Vec::new();
    let mut hits = 0usize;
    for g in gold["entities"].as_array().unwrap() {
        let spans = spans_of(g);
        let types = types_of(g);
        let hit = a.entities.iter().position(|e| {
            spans.contains(&(e.start, e.end)) && types.contains(&e.entity_type.as_str().to_string())
        });
        match hit {
            Some(i) => {
                used.push(i);
                hits += 1;
            }
            None if g["optional"].as_bool() == Some(true) => {
                used.extend(
                    a.entities
                        .iter()
                        .positions(|e| spans.iter().any(|&(s, t)| e.start < t && s < e.end)),
                );
            }
            None => {
                // As score.py: a prediction on the span with the wrong type counts once, as a miss.
                used.extend(
                    a.entities
                        .iter()
                        .positions(|e| spans.contains(&(e.start, e.end))),
                );
                missing.push(format!("{} {:?} {}", g["text"], spans[0], g["type"]));
            }
        }
    }
    let spurious: Vec<String> = a
        .entities
        .iter()
        .enumerate()
        .filter(|(i, _)| !used.contains(i))
        .map(|(_, e)| {
            format!(
                "{:?} {:?} {}",
                e.text,
                (e.start, e.end),
                e.entity_type.as_str()
            )
        })
        .collect();
    let tp = hits as f64;
    let (p, r) = (
        tp / (tp + spurious.len() as f64),
        tp / (tp + missing.len() as f64),
    );
    let f1 = 2.0 * p * r / (p + r);
    // Reached 0.985 ("Daesh" typed by its "also known by" definition); the
    // bar leaves room for one or two mistakes of a retrained tagger.
    assert!(
        f1 >= 0.97,
        "F1 {f1:.3}; missing: {missing:#?}; spurious: {spurious:#?}"
    );
    assert!(missing.len() <= 2, "missing: {missing:#?}");
}

#[test]
fn all_ten_quotes_with_kind_and_speaker() {
    let (a, gold) = setup();
    let gq = gold["quotes"].as_array().unwrap();
    assert_eq!(gq.len(), 10);
    for g in gq {
        let (s, e) = (
            g["start"].as_u64().unwrap() as usize,
            g["end"].as_u64().unwrap() as usize,
        );
        let q = a
            .quotes
            .iter()
            .max_by_key(|q| q.end.min(e).saturating_sub(q.start.max(s)))
            .unwrap_or_else(|| panic!("no quote for {}", g["text"]));
        let covered = q.end.min(e).saturating_sub(q.start.max(s));
        assert!(
            covered * 10 >= (e - s) * 8,
            "quote {} not found (best {:?})",
            g["text"],
            q.text
        );
        match g["kind"].as_str().unwrap() {
            "scare" => assert_eq!(q.kind, QuoteKind::Scare, "{}", g["text"]),
            "speech" => {
                assert_eq!(q.kind, QuoteKind::Speech, "{}", g["text"]);
                let want = g["speakerEntity"].as_str().unwrap();
                let got = q.speaker_group.map(|i| a.groups[i].name.as_str());
                let surname = want.split_whitespace().last().unwrap();
                assert!(
                    got.is_some_and(|n| n == want || n.split_whitespace().any(|w| w == surname)),
                    "quote {} attributed to {got:?}, want {want}",
                    g["text"]
                );
            }
            _ => {
                // "either": a speech quote must not name someone unrelated.
                if q.kind == QuoteKind::Speech {
                    if let Some(i) = q.speaker_group {
                        let want = g["speakerEntity"].as_str().unwrap();
                        assert!(
                            a.groups[i].name.contains(want),
                            "{} attributed to {}",
                            g["text"],
                            a.groups[i].name
                        );
                    }
                }
            }
        }
    }
    // Nothing else is taken for a quote.
    assert_eq!(
        a.quotes.len(),
        10,
        "{:#?}",
        a.quotes.iter().map(|q| &q.text).collect::<Vec<_>>()
    );
}

#[test]
fn cast_list_groups_the_same_people() {
    let (a, gold) = setup();
    for (name, forms) in gold["clusters"].as_object().unwrap() {
        let forms: Vec<&str> = forms
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f.as_str().unwrap())
            .collect();
        let mut groups: Vec<usize> = Vec::new();
        for g in gold["entities"].as_array().unwrap() {
            if g["optional"].as_bool() == Some(true)
                || !forms.contains(&g["text"].as_str().unwrap())
            {
                continue;
            }
            let (s, e) = spans_of(g)[0];
            let types = types_of(g);
            let ent = a.entities.iter().find(|x| {
                x.start == s && x.end == e && types.contains(&x.entity_type.as_str().to_string())
            });
            // People must all be found; of other things, the mentions found must be one group.
            let Some(ent) = ent else {
                assert!(
                    g["type"] != "person",
                    "{name}: mention {} at {s} not found",
                    g["text"]
                );
                continue;
            };
            groups.push(ent.group);
        }
        groups.sort();
        groups.dedup();
        assert_eq!(
            groups.len(),
            1,
            "{name}: mentions split over groups {:?}",
            groups
                .iter()
                .map(|&g| &a.groups[g].name)
                .collect::<Vec<_>>()
        );
        let group = &a.groups[groups[0]];
        if group.entity_type.as_str() == "person" {
            assert_eq!(&group.name, name);
        }
    }
}

/// `Iterator::positions` without itertools.
trait Positions: Iterator + Sized {
    fn positions(self, mut f: impl FnMut(Self::Item) -> bool) -> Vec<usize> {
        self.enumerate()
            .filter_map(|(i, x)| f(x).then_some(i))
            .collect()
    }
}
impl<I: Iterator> Positions for I {}
