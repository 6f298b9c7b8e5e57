//! A fast hasher for the rules' memos keyed by short input strings.

/// A fast non-cryptographic hasher (FNV-1a over 8-byte words) for the rules' memos
/// ([`action_facts`](super::action_facts::action_facts), POL-RESOURCE-MISMATCH's): their keys
/// are short action strings from the input, looked up several times per action, where SipHash
/// cost more than the lookup it saved. No DoS concern: a memo only speeds up a single run.
#[derive(Default)]
pub struct WordHasher(u64);

impl std::hash::Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        const PRIME: u64 = 0x0000_0100_0000_01b3;
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            #[expect(clippy::expect_used, reason = "chunks_exact(8) yields 8-byte chunks")]
            let w = u64::from_le_bytes(c.try_into().expect("8 bytes"));
            h = (h ^ w).wrapping_mul(PRIME).rotate_left(23);
        }
        for &b in chunks.remainder() {
            h = (h ^ u64::from(b)).wrapping_mul(PRIME);
        }
        self.0 = h;
    }
    fn finish(&self) -> u64 {
        // Mix the high bits down: hashbrown takes its bucket index from the low bits.
        self.0 ^ (self.0 >> 29)
    }
}

pub type FastHash = std::hash::BuildHasherDefault<WordHasher>;
