//! Byte offsets inside, UTF-16 offsets outside.
//!
//! The pipeline works on `&str` byte offsets, which Rust slices cheaply and
//! safely. JavaScript and the DOM count UTF-16 code units, so every offset is
//! converted exactly once, when the [`crate::Analysis`] is built. The index
//! keeps one checkpoint every 32 bytes (an eighth of the text's size in
//! memory) and counts the remaining few bytes on each lookup; ASCII text,
//! where the two counts agree, needs no table at all.

const STEP: usize = 32;

/// Converts byte offsets of one text into UTF-16 code-unit offsets.
pub struct Utf16Index<'a> {
    bytes: &'a [u8],
    /// `checkpoints[k]`: UTF-16 units of every char that starts before byte `k * STEP`.
    checkpoints: Option<Vec<u32>>,
}

/// UTF-16 units of the char whose UTF-8 encoding starts with `lead`, or 0 for a continuation byte.
#[inline]
fn units(lead: u8) -> usize {
    if lead & 0xC0 == 0x80 {
        0
    } else if lead >= 0xF0 {
        2
    } else {
        1
    }
}

impl<'a> Utf16Index<'a> {
    /// Builds the index for `text` in one pass.
    pub fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        if bytes.is_ascii() {
            return Utf16Index {
                bytes,
                checkpoints: None,
            };
        }
        let mut checkpoints = Vec::with_capacity(bytes.len() / STEP + 2);
        let mut count = 0usize;
        // One checkpoint per STEP bytes; each chunk summed on its own (the
        // compiler vectorizes the fixed-length sum).
        for chunk in bytes.chunks(STEP) {
            checkpoints.push(count as u32);
            count += chunk.iter().map(|&b| units(b)).sum::<usize>();
        }
        checkpoints.push(count as u32);
        Utf16Index {
            bytes,
            checkpoints: Some(checkpoints),
        }
    }

    /// The UTF-16 offset of byte offset `byte`, which must be a char boundary (or the end).
    pub fn utf16(&self, byte: usize) -> usize {
        let byte = byte.min(self.bytes.len());
        match &self.checkpoints {
            None => byte,
            Some(cps) => {
                let k = byte / STEP;
                let mut n = cps[k] as usize;
                for &b in &self.bytes[k * STEP..byte] {
                    n += units(b);
                }
                n
            }
        }
    }

    /// The UTF-16 length of the whole text.
    pub fn len_utf16(&self) -> usize {
        self.utf16(self.bytes.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str) {
        let idx = Utf16Index::new(text);
        for (b, _) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            let expected = text[..b].encode_utf16().count();
            assert_eq!(idx.utf16(b), expected, "byte {b} of {text:?}");
        }
    }

    #[test]
    fn ascii_is_identity() {
        check("Blinken said.");
        check("");
    }

    #[test]
    fn curly_quotes_accents_and_emoji() {
        check("“Iraq’s sovereignty,” said Zoë 🎉 — ok");
        check(&"🎉é\u{2019}a".repeat(40));
    }

    #[test]
    fn astral_characters_count_twice() {
        let idx = Utf16Index::new("a🎉b");
        assert_eq!(idx.utf16(5), 3);
        assert_eq!(idx.len_utf16(), 4);
    }
}
