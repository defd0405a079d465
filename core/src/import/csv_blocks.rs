//! The commas and terminators of a CSV chunk, found 64 bytes at a time: each block of the
//! chunk becomes one `u64` whose bit `i` says whether byte `i` of the block is `,`, `\r` or
//! `\n`, and the reader then walks from stop to stop with `trailing_zeros`.
//!
//! Why blocks: a CSV record of the ESCO relation files holds four fields of 10 to 80 bytes.
//! Searching each field's end with `memchr3` paid a search set-up and a scalar tail per field
//! (about 600 instructions per record); one mask per 64 bytes (16-byte SIMD compares with the
//! `wide` crate: SSE2 on every x86-64, scalar elsewhere) serves every field inside it, and a
//! stop then costs a few instructions.
//!
//! Quotes are not part of the masks: the reader handles a record with a `"` on its own
//! (`csv_fast`), asking for stops from any position; a mask does not depend on where the
//! reader is, so a block is computed once however the records fall across it.

use wide::u8x16;

/// The bytes one mask covers.
const BLOCK: usize = 64;

/// The blocks whose masks are computed together: one call computes 512 bytes' worth in a
/// tight loop, where a call per block cost as much again in calling and set-up.
const WINDOW: usize = 8;

/// A cursor over the stops (`,`, `\r`, `\n`) of one chunk: the masks of the window last used
/// are kept, since the following fields mostly fall inside it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Stops {
    /// The start of the window whose masks are held (see [`Stops::new`] before the first).
    start: usize,
    /// Bit `i` of `masks[k]`: byte `start + 64 k + i` is a stop.
    masks: [u64; WINDOW],
}

impl Stops {
    pub(crate) fn new() -> Self {
        Stops {
            // No position falls in this window: slices are at most `isize::MAX` bytes, so
            // `from - start` wraps to at least 2^63 for every `from`.
            start: 1 << (usize::BITS - 1),
            masks: [0; WINDOW],
        }
    }

    /// The position of the first stop of `bytes` at or after `from` and before `limit`
    /// (`limit` at most `bytes.len()`).
    ///
    /// Inlined: most calls end in the window already held, in a few instructions; only a
    /// move past it calls [`Stops::find_on`].
    #[inline]
    pub(crate) fn find(&mut self, bytes: &[u8], from: usize, limit: usize) -> Option<usize> {
        let offset = from.wrapping_sub(self.start);
        if offset < WINDOW * BLOCK {
            if let Some(stop) = self.first_from(offset) {
                // Stops come in order: the first one past the limit hides every later one.
                return (stop < limit.min(bytes.len())).then_some(stop);
            }
        }
        self.find_on(bytes, from, limit)
    }

    /// The first stop of the window at or after `offset` (below `WINDOW * BLOCK`) from its
    /// start, as a position in the chunk.
    #[inline]
    fn first_from(&self, offset: usize) -> Option<usize> {
        let mut word = offset / BLOCK;
        // Stops before `from` are behind the reader.
        let skip = offset % BLOCK;
        let mut bits = self.masks.get(word).map_or(0, |m| m >> skip << skip);
        loop {
            if bits != 0 {
                return Some(self.start + word * BLOCK + bits.trailing_zeros() as usize);
            }
            word += 1;
            bits = *self.masks.get(word)?;
        }
    }

    /// [`Stops::find`] past the window held (which has no stop at or after `from`).
    #[inline(never)]
    fn find_on(&mut self, bytes: &[u8], from: usize, limit: usize) -> Option<usize> {
        let limit = limit.min(bytes.len());
        let in_held = from.wrapping_sub(self.start) < WINDOW * BLOCK;
        let mut start = if in_held {
            self.start + WINDOW * BLOCK
        } else {
            from - from % BLOCK
        };
        while start < limit {
            for (k, mask) in self.masks.iter_mut().enumerate() {
                *mask = mask_at(bytes, start + k * BLOCK);
            }
            self.start = start;
            // Only the window of `from` starts before it.
            if let Some(stop) = self.first_from(from.saturating_sub(start)) {
                return (stop < limit).then_some(stop);
            }
            start += WINDOW * BLOCK;
        }
        None
    }
}

/// The stop mask of the block of `bytes` at `block` (the bytes past the end count as no stop).
#[inline]
fn mask_at(bytes: &[u8], block: usize) -> u64 {
    let rest = bytes.get(block..).unwrap_or_default();
    if rest.is_empty() {
        return 0;
    }
    if let Some(whole) = rest.first_chunk::<BLOCK>() {
        return mask(whole);
    }
    // The last, short block: padded with zero bytes, which are not stops.
    let mut padded = [0; BLOCK];
    padded[..rest.len()].copy_from_slice(rest);
    mask(&padded)
}

/// Bit `i` set when `block[i]` is `,`, `\r` or `\n`.
fn mask(block: &[u8; BLOCK]) -> u64 {
    let comma = u8x16::splat(b',');
    let cr = u8x16::splat(b'\r');
    let lf = u8x16::splat(b'\n');
    let mut mask = 0;
    for (i, lane) in block.chunks_exact(16).enumerate() {
        let Some(&lane) = lane.first_chunk::<16>() else {
            continue;
        };
        let v = u8x16::new(lane);
        let hits = v.cmp_eq(comma) | v.cmp_eq(cr) | v.cmp_eq(lf);
        // `move_mask` gives one bit per lane in the low 16 bits (never negative).
        let bits = u64::from(hits.move_mask().unsigned_abs());
        mask |= bits << (16 * i);
    }
    mask
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every stop of `bytes` from `from`, found one after the other as the reader does.
    fn all(bytes: &[u8], mut from: usize) -> Vec<usize> {
        let mut stops = Stops::new();
        let mut out = Vec::new();
        while let Some(stop) = stops.find(bytes, from, bytes.len()) {
            out.push(stop);
            from = stop + 1;
        }
        out
    }

    fn scalar(bytes: &[u8], from: usize) -> Vec<usize> {
        (from..bytes.len())
            .filter(|&i| matches!(bytes[i], b',' | b'\r' | b'\n'))
            .collect()
    }

    #[test]
    fn every_stop_is_found_across_blocks() {
        // Stops at the block edges (63, 64, 127, 128) and at the last byte of a short block.
        let mut bytes = vec![b'x'; 200];
        for i in [0, 5, 63, 64, 100, 127, 128, 199] {
            bytes[i] = [b',', b'\r', b'\n'][i % 3];
        }
        for from in [0, 1, 63, 64, 65, 128, 129, 199, 200] {
            assert_eq!(all(&bytes, from), scalar(&bytes, from), "from {from}");
        }
    }

    #[test]
    fn the_limit_hides_later_stops() {
        let bytes = b"ab,cd,ef";
        let mut stops = Stops::new();
        assert_eq!(stops.find(bytes, 0, 2), None);
        assert_eq!(stops.find(bytes, 0, 3), Some(2));
        assert_eq!(stops.find(bytes, 3, 5), None);
        assert_eq!(stops.find(bytes, 3, 100), Some(5));
        // A cursor moved forward still answers for an earlier position.
        assert_eq!(stops.find(bytes, 0, 8), Some(2));
        assert_eq!(stops.find(bytes, 8, 8), None);
    }

    #[test]
    fn bytes_that_only_look_like_stops_are_not_stops() {
        // Bytes 0x2c/0x0d/0x0a plus 0x80 (UTF-8 continuation bytes) and zero bytes.
        let bytes = [0xac, 0x8d, 0x8a, 0, 0xff, b',', 0x2d, 0x0b];
        assert_eq!(all(&bytes, 0), vec![5]);
    }
}
