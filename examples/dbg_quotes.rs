fn main() {
    let text = std::env::args().nth(1).unwrap();
    let a = article_lens::analyze(&text, &article_lens::Options::default());
    for q in &a.quotes {
        println!(
            "{:?} {:?} spk={:?} grp={:?} cue={:?} {:?}",
            q.text,
            q.kind,
            q.speaker.as_ref().map(|s| &s.text),
            q.speaker_group.map(|g| &a.groups[g].name),
            q.cue.as_ref().map(|s| &s.text),
            q.attribution
        );
    }
}
