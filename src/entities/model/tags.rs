//! BILOU tags over the four CoNLL-2003 name types, and the transitions a
//! well-formed tag sequence may take.

/// The name types the model knows, in tag order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NameType {
    /// CoNLL PER.
    Per,
    /// CoNLL ORG.
    Org,
    /// CoNLL LOC.
    Loc,
    /// CoNLL MISC.
    Misc,
}

impl NameType {
    /// All four, in tag order.
    pub const ALL: [NameType; 4] = [NameType::Per, NameType::Org, NameType::Loc, NameType::Misc];

    /// The CoNLL label: `PER`, `ORG`, `LOC`, `MISC`.
    pub fn label(self) -> &'static str {
        match self {
            NameType::Per => "PER",
            NameType::Org => "ORG",
            NameType::Loc => "LOC",
            NameType::Misc => "MISC",
        }
    }

    /// Parses a CoNLL label.
    pub fn parse(s: &str) -> Option<NameType> {
        NameType::ALL.into_iter().find(|t| t.label() == s)
    }
}

/// Number of tags: `O` and B, I, L, U of each type.
pub const N_TAGS: usize = 17;

/// Tag 0 is `O`; tag `1 + 4 * type + part` is part (0 B, 1 I, 2 L, 3 U) of a type.
#[inline]
pub fn tag(ty: NameType, part: usize) -> usize {
    1 + 4 * ty as usize + part
}

/// The type and part of a tag, `None` for `O`.
#[inline]
pub fn split(tag: usize) -> Option<(NameType, usize)> {
    if tag == 0 || tag >= N_TAGS {
        None
    } else {
        Some((NameType::ALL[(tag - 1) / 4], (tag - 1) % 4))
    }
}

/// Whether tag `b` may follow tag `a` (`a == N_TAGS` is the sentence start).
#[inline]
pub fn allowed(a: usize, b: usize) -> bool {
    let open = matches!(split(a), Some((_, 0 | 1)));
    match (split(a), split(b)) {
        (Some((ta, 0 | 1)), Some((tb, 1 | 2))) => ta == tb,
        (_, Some((_, 1 | 2))) => false,
        _ => !open,
    }
}

/// Whether a sentence may end on tag `a`.
#[inline]
pub fn may_end(a: usize) -> bool {
    !matches!(split(a), Some((_, 0 | 1)))
}

/// BILOU tags for a sentence of `n` tokens with the given spans (token ranges).
pub fn encode(n: usize, spans: &[(usize, usize, NameType)]) -> Vec<usize> {
    let mut tags = vec![0; n];
    for &(s, e, ty) in spans {
        if e <= s || e > n {
            continue;
        }
        if e - s == 1 {
            tags[s] = tag(ty, 3);
        } else {
            tags[s] = tag(ty, 0);
            for t in &mut tags[s + 1..e - 1] {
                *t = tag(ty, 1);
            }
            tags[e - 1] = tag(ty, 2);
        }
    }
    tags
}

/// Spans (token ranges and type) of a tag sequence; ill-formed runs are
/// read leniently (a B without an L still ends where the type changes).
pub fn decode(tags: &[usize]) -> Vec<(usize, usize, NameType)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, NameType)> = None;
    for (i, &t) in tags.iter().enumerate() {
        match split(t) {
            None => {
                if let Some((s, ty)) = open.take() {
                    out.push((s, i, ty));
                }
            }
            Some((ty, part)) => {
                let continues =
                    matches!(open, Some((_, oty)) if oty == ty) && (1..=2).contains(&part);
                if !continues {
                    if let Some((s, oty)) = open.take() {
                        out.push((s, i, oty));
                    }
                    open = Some((i, ty));
                }
                if part >= 2 {
                    let (s, ty) = open.take().unwrap_or((i, ty));
                    out.push((s, i + 1, ty));
                }
            }
        }
    }
    if let Some((s, ty)) = open {
        out.push((s, tags.len(), ty));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encode_decode_round_trip() {
        let spans = vec![
            (0, 2, NameType::Per),
            (3, 4, NameType::Loc),
            (4, 7, NameType::Org),
        ];
        let tags = encode(8, &spans);
        assert_eq!(decode(&tags), spans);
    }

    #[test]
    fn transitions() {
        let b_per = tag(NameType::Per, 0);
        let i_per = tag(NameType::Per, 1);
        let l_per = tag(NameType::Per, 2);
        let l_org = tag(NameType::Org, 2);
        assert!(allowed(N_TAGS, b_per));
        assert!(!allowed(N_TAGS, i_per));
        assert!(allowed(b_per, l_per));
        assert!(!allowed(b_per, l_org));
        assert!(!allowed(b_per, 0));
        assert!(allowed(l_per, 0));
        assert!(!may_end(b_per));
    }
}
