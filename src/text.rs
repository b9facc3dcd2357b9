//! Byte windows that never split a character: article text is untrusted,
//! and a window cut inside `©` or `€` would panic.

/// The nearest char boundary at or before `at`.
pub fn floor_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The nearest char boundary at or after `at`.
pub fn ceil_boundary(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Up to `len` bytes of `text` ending at `at`.
pub fn before(text: &str, at: usize, len: usize) -> &str {
    let end = floor_boundary(text, at);
    &text[ceil_boundary(text, end.saturating_sub(len))..end]
}

/// Up to `len` bytes of `text` starting at `at`.
pub fn after(text: &str, at: usize, len: usize) -> &str {
    let start = ceil_boundary(text, at);
    &text[start..floor_boundary(text, start.saturating_add(len))]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_stop_at_char_boundaries() {
        let text = "a © b €5";
        for at in 0..=text.len() {
            for len in 0..=text.len() + 2 {
                let _ = before(text, at, len);
                let _ = after(text, at, len);
            }
        }
        assert_eq!(after(text, 2, 1), "");
        assert_eq!(after(text, 2, 2), "©");
        assert_eq!(before(text, text.len(), 2), "5");
    }
}
