//! Size and depth limits of untrusted JSON, checked before any parser runs.
//!
//! Size is checked on the byte length, depth with a linear scan that skips strings, so a
//! hostile document cannot make a parser recurse or allocate without bound.

/// Default input size limit: 16 MiB.
pub const DEFAULT_MAX_SIZE: usize = 16 * 1024 * 1024;
/// Default nesting depth limit (also the most the JSON parser accepts).
pub const DEFAULT_MAX_DEPTH: usize = PARSER_MAX_DEPTH;

/// The deepest nesting a configured limit may allow: deeper documents would recurse deeper
/// than is safe on a WebAssembly stack.
pub(crate) const PARSER_MAX_DEPTH: usize = 128;

/// Whether arrays and objects in `bytes` nest deeper than `limit`, stopping once it is passed.
pub(crate) fn exceeds_depth(bytes: &[u8], limit: usize) -> bool {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for &b in bytes {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn depth_scan_ignores_brackets_in_strings() {
        assert!(!exceeds_depth(br#"{"a":"[[[[[[\"{{{{"}"#, 1));
        assert!(exceeds_depth(b"[[[]]]", 2));
        assert!(!exceeds_depth(b"[[[]]]", 3));
    }
}
