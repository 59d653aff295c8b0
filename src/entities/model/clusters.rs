//! Word clusters learned from unlabeled news.

use super::features::{fnv, norm_char};

/// Reads a cluster file in the format of Liang's `wcluster` (`paths`):
/// `BITS<TAB>word<TAB>count` a line. Words are lowercased and normalized the
/// way the features see them; paths longer than 32 bits are cut.
pub fn parse_paths(text: &str) -> Vec<(u64, u8, u32)> {
    let mut out = Vec::new();
    let mut buf = String::new();
    for line in text.lines() {
        let mut parts = line.split('\t');
        let (Some(bits), Some(word)) = (parts.next(), parts.next()) else {
            continue;
        };
        let bits = &bits[..bits.len().min(32)];
        let Ok(v) = u32::from_str_radix(bits, 2) else {
            continue;
        };
        buf.clear();
        buf.extend(word.chars().map(norm_char).flat_map(char::to_lowercase));
        out.push((fnv(buf.as_bytes()), bits.len() as u8, v));
    }
    out
}
