//! Eight bytes at a time in a `u64`: byte classes as bit masks, so scans
//! over a text branch once a word instead of once a byte.

pub(super) const ONES: u64 = 0x0101_0101_0101_0101;
pub(super) const HIGH: u64 = 0x8080_8080_8080_8080;

pub(super) fn word_at(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"))
}

/// The high bit of each byte of `w` that lies in `from..=to`, both ASCII;
/// the low seven bits plus an offset set it from `from` on, and from past
/// `to` on, and no sum carries into the next byte. Bytes beyond ASCII may
/// be set or not.
pub(super) fn in_range(w: u64, from: u8, to: u8) -> u64 {
    let low = w & !HIGH;
    let from = low + ONES * u64::from(0x80 - from);
    let past = low + ONES * u64::from(0x80 - to - 1);
    from & !past & HIGH
}

/// The high bits of the eight bytes of `w` as the low eight bits.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn packed(w: u64) -> u64 {
    ((w & HIGH) >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56
}

/// Which bytes of a text are ASCII lower-case letters, digits, or word
/// chars to `\b` (letters of either case, digits, `_`): bit `i % 64` of
/// word `i / 64` for byte `i`, clear past the end.
pub(super) struct ClassMasks {
    pub letters: Vec<u64>,
    pub digits: Vec<u64>,
    pub word: Vec<u64>,
}

impl ClassMasks {
    pub(super) fn of(bytes: &[u8]) -> ClassMasks {
        let blocks = bytes.len().div_ceil(64);
        let mut masks = ClassMasks {
            letters: Vec::with_capacity(blocks),
            digits: Vec::with_capacity(blocks),
            word: Vec::with_capacity(blocks),
        };
        let mut tail = [0u8; 64];
        for block in bytes.chunks(64) {
            let block = if block.len() == 64 {
                block
            } else {
                tail[..block.len()].copy_from_slice(block);
                &tail[..]
            };
            let (letters, digits, word) = block_classes(block);
            masks.letters.push(letters);
            masks.digits.push(digits);
            masks.word.push(word);
        }
        masks
    }
}

/// Calls `run` with the start and end of each run of set bits of `mask`,
/// in order.
pub(super) fn each_run(mask: &[u64], mut run: impl FnMut(usize, usize)) {
    let mut carry = 0;
    for (block, &bits) in mask.iter().enumerate() {
        let mut starts = bits & !((bits << 1) | carry);
        carry = bits >> 63;
        while starts != 0 {
            let start = block * 64 + starts.trailing_zeros() as usize;
            starts &= starts - 1;
            run(start, next_clear(mask, start));
        }
    }
}

/// The lower-case letters, digits and word chars of a block of 64 bytes,
/// as [`ClassMasks`] holds them.
fn block_classes(block: &[u8]) -> (u64, u64, u64) {
    #[cfg(target_arch = "x86_64")]
    {
        // SAFETY: every x86_64 target has SSE2.
        unsafe { sse2_classes(block) }
    }
    #[cfg(not(target_arch = "x86_64"))]
    {
        swar_classes(block)
    }
}

/// [`block_classes`] sixteen bytes a step: about a third of the
/// instructions of [`swar_classes`], in the pass that reads every byte.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn sse2_classes(block: &[u8]) -> (u64, u64, u64) {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128, _mm_set_epi64x,
        _mm_set1_epi8, _mm_sub_epi8,
    };
    let (mut letters, mut digits, mut word) = (0, 0, 0);
    for part in 0..4 {
        let half = |at: usize| word_at(block, part * 16 + at) as i64;
        let v = _mm_set_epi64x(half(8), half(0));
        // Bytes in `from..from + len`: their distance from `from`, as an
        // unsigned byte, is below `len` (bytes from 0x80 never are).
        let in_range = |from: u8, len: u8| {
            let distance = _mm_sub_epi8(v, _mm_set1_epi8(from as i8));
            _mm_cmpeq_epi8(
                _mm_min_epu8(distance, _mm_set1_epi8((len - 1) as i8)),
                distance,
            )
        };
        let lower = in_range(b'a', 26);
        let digit = in_range(b'0', 10);
        let others = _mm_or_si128(
            in_range(b'A', 26),
            _mm_cmpeq_epi8(v, _mm_set1_epi8(b'_' as i8)),
        );
        let bits = |m: __m128i| u64::from(_mm_movemask_epi8(m) as u16) << (part * 16);
        letters |= bits(lower);
        digits |= bits(digit);
        word |= bits(_mm_or_si128(_mm_or_si128(lower, digit), others));
    }
    (letters, digits, word)
}

/// [`block_classes`] eight bytes a step in a `u64`.
#[cfg(any(test, not(target_arch = "x86_64")))]
fn swar_classes(block: &[u8]) -> (u64, u64, u64) {
    let (mut letters, mut digits, mut word) = (0, 0, 0);
    for part in 0..8 {
        let w = word_at(block, part * 8);
        let ascii = !w;
        let lower = in_range(w, b'a', b'z') & ascii;
        let digit = in_range(w, b'0', b'9') & ascii;
        let upper = in_range(w, b'A', b'Z') & ascii;
        let underscore = in_range(w, b'_', b'_') & ascii;
        letters |= packed(lower) << (part * 8);
        digits |= packed(digit) << (part * 8);
        word |= packed(lower | digit | upper | underscore) << (part * 8);
    }
    (letters, digits, word)
}

/// The first clear bit of `mask` at or after `from`.
fn next_clear(mask: &[u64], from: usize) -> usize {
    let (block, bit) = (from / 64, from % 64);
    let rest = !mask[block] >> bit;
    if rest != 0 {
        return from + rest.trailing_zeros() as usize;
    }
    mask[block + 1..]
        .iter()
        .position(|&bits| bits != u64::MAX)
        .map_or(mask.len() * 64, |k| {
            let at = block + 1 + k;
            at * 64 + (!mask[at]).trailing_zeros() as usize
        })
}

/// Whether bit `i` of `mask` is set.
pub(super) fn is_set(mask: &[u64], i: usize) -> bool {
    mask[i / 64] >> (i % 64) & 1 != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_way_of_reading_a_block_reads_it_alike() {
        let mut block = [0u8; 64];
        for first in (0..=255u8).step_by(64) {
            for (i, b) in block.iter_mut().enumerate() {
                *b = first.wrapping_add(i as u8);
            }
            let want = block_classes(&block);
            assert_eq!(swar_classes(&block), want, "from byte {first}");
            let bit = |class: u64, i: usize| class >> i & 1 != 0;
            for (i, b) in block.iter().enumerate() {
                assert_eq!(bit(want.0, i), b.is_ascii_lowercase(), "{b}");
                assert_eq!(bit(want.1, i), b.is_ascii_digit(), "{b}");
                assert_eq!(
                    bit(want.2, i),
                    b.is_ascii_alphanumeric() || *b == b'_',
                    "{b}"
                );
            }
        }
    }

    #[test]
    fn masks_and_runs_match_a_byte_by_byte_reading() {
        let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
        // The second alphabet makes runs that cross blocks of 64.
        for (alphabet, len) in [
            (&b"ab z09_A Z.-\xc3\xa9"[..], 0..300),
            (b"0123456789a", 0..300),
        ]
        .into_iter()
        .flat_map(|(a, lens)| lens.map(move |len| (a, len)))
        {
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    seed ^= seed << 13;
                    seed ^= seed >> 7;
                    seed ^= seed << 17;
                    alphabet[(seed % alphabet.len() as u64) as usize]
                })
                .collect();
            let masks = ClassMasks::of(&bytes);
            for (i, &b) in bytes.iter().enumerate() {
                assert_eq!(is_set(&masks.letters, i), b.is_ascii_lowercase());
                assert_eq!(is_set(&masks.digits, i), b.is_ascii_digit());
                let word = b.is_ascii_alphanumeric() || b == b'_';
                assert_eq!(is_set(&masks.word, i), word);
            }
            let mut runs = Vec::new();
            each_run(&masks.digits, |s, e| runs.push((s, e)));
            let mut expected = Vec::new();
            let mut i = 0;
            while i < bytes.len() {
                if bytes[i].is_ascii_digit() {
                    let s = i;
                    while i < bytes.len() && bytes[i].is_ascii_digit() {
                        i += 1;
                    }
                    expected.push((s, i));
                } else {
                    i += 1;
                }
            }
            assert_eq!(runs, expected, "{bytes:?}");
        }
    }
}
