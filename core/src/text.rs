//! Showing text that came from an input: escaped, shortened, and never a value in an error.
//!
//! Anything Attesta echoes back — an unknown key, a repeated id, a code that does not exist, a
//! file name — was written by someone else and may hold terminal escape sequences, bidi
//! overrides that make a line read differently from what it says, or a megabyte of text. This
//! module is the one place that makes such text safe to show:
//!
//! - [`truncate`] shortens to at most [`ECHO_MAX_CHARS`] characters, ending in `…`, so a finding,
//!   a message or a log line stays small whatever the input holds;
//! - [`escape_controls`] replaces every control character (C0, DEL, C1) and every invisible
//!   direction or line-breaking mark (U+061C, U+200E, U+200F, U+2028–U+202E, U+2066–U+2069) with a
//!   visible `\u{…}` escape, so human output cannot move the cursor, change colours or reorder
//!   what a reader sees;
//! - [`echo`] does both, in that order (the escapes are never cut in half);
//! - [`describe_serde_error`] turns serde's messages, which quote input values ("unknown variant
//!   \`Mario Rossi\`", "invalid type: string \"…\""), into a description that names only the
//!   schema's words.

use std::borrow::Cow;
use std::fmt::Write as _;

/// The most characters of input text that Attesta echoes in a message, a finding's context or
/// a path segment; longer text is cut to this many characters, the last being `…`.
pub const ECHO_MAX_CHARS: usize = 64;

/// The character that marks shortened text.
pub const ELLIPSIS: char = '…';

/// Whether `c` must not reach a terminal as it is: a control character (C0, DEL, C1) or an
/// invisible mark that changes the direction or the lines of what follows.
pub fn is_unsafe_char(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{061C}'
                | '\u{200E}'
                | '\u{200F}'
                | '\u{2028}'..='\u{202E}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// `text` with every [unsafe character](is_unsafe_char) written as `\u{hex}`; a backslash is
/// doubled when the text holds such a character, so an escape cannot be forged by the input.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unsafe_char) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe_char(c) {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        } else if c == '\\' {
            out.push_str("\\\\");
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `text` cut to at most `max_chars` characters; when it is cut, the last one is `…`.
pub fn truncate(text: &str, max_chars: usize) -> Cow<'_, str> {
    // No more bytes than the limit: no more characters either (most echoed text is short).
    if text.len() <= max_chars || text.char_indices().nth(max_chars).is_none() {
        return Cow::Borrowed(text);
    }
    let keep = max_chars.saturating_sub(1);
    let end = text.char_indices().nth(keep).map_or(text.len(), |(i, _)| i);
    let mut out = String::with_capacity(end + ELLIPSIS.len_utf8());
    out.push_str(&text[..end]);
    if max_chars > 0 {
        out.push(ELLIPSIS);
    }
    Cow::Owned(out)
}

/// Input text as Attesta shows it to people: [`truncate`]d to [`ECHO_MAX_CHARS`], then
/// [`escape_controls`].
pub fn echo(text: &str) -> Cow<'_, str> {
    match truncate(text, ECHO_MAX_CHARS) {
        Cow::Borrowed(short) => escape_controls(short),
        Cow::Owned(short) => Cow::Owned(escape_controls(&short).into_owned()),
    }
}

/// Describes a serde data error without any value of the input.
///
/// serde quotes the offending value in `unknown variant`, `invalid type`, `invalid value` and
/// custom messages; those are rewritten with the expected words only. `unknown field` and
/// `duplicate field` keep the key, [echoed](echo), since keys are names, not data. Positions
/// (` at line L column C`) are dropped: callers that have them report them separately.
pub fn describe_serde_error(message: &str) -> String {
    let message = message
        .rfind(" at line ")
        .map_or(message, |at| &message[..at]);
    if let Some(rest) = message.strip_prefix("missing field `") {
        // The field name is one of the schema's; it never comes from the input.
        let field = rest.split('`').next().unwrap_or("");
        return format!("missing field '{}'", echo(field));
    }
    if message.starts_with("unknown field `") || message.starts_with("duplicate field `") {
        let (word, rest) = message.split_once(" `").unwrap_or((message, ""));
        let word = word.trim_end_matches(" field");
        let (key, expected) = split_quoted(rest);
        let mut out = format!("{word} field '{}'", echo(key));
        if !expected.is_empty() {
            let _ = write!(out, "; expected {expected}");
        }
        return out;
    }
    let kind = if message.starts_with("unknown variant") {
        "value not allowed"
    } else if message.starts_with("invalid type") {
        "wrong type"
    } else if message.starts_with("invalid length") {
        "wrong number of items"
    } else {
        "invalid value"
    };
    match expected_words(message) {
        Some(expected) => format!("{kind}; expected {expected}"),
        None => kind.to_owned(),
    }
}

/// Splits ``KEY`, expected …`` at the *last* quote-comma, since the key may hold backticks;
/// returns the key and the expected words (schema words only, or empty).
fn split_quoted(rest: &str) -> (&str, String) {
    if let Some((key, tail)) = rest.rsplit_once("`, expected ") {
        (key, schema_words(tail))
    } else if let Some((key, _)) = rest.rsplit_once("`, there are no ") {
        (key, String::new())
    } else {
        (rest.trim_end_matches('`'), String::new())
    }
}

/// The text after the last ", expected " / "expected " when it is schema words only.
fn expected_words(message: &str) -> Option<String> {
    let tail = message.rsplit_once("expected ").map(|(_, tail)| tail)?;
    let words = schema_words(tail);
    (!words.is_empty()).then_some(words)
}

/// Keeps backticked identifiers and plain words of an expectation; anything that could be a
/// quoted value (double quotes) is dropped.
fn schema_words(tail: &str) -> String {
    if tail.contains('"') {
        return String::new();
    }
    let words: Vec<&str> = tail.split('`').filter(|w| !w.trim().is_empty()).collect();
    let joined: String = words
        .iter()
        .map(|w| w.trim_matches(|c: char| c == ',' || c.is_whitespace()))
        .filter(|w| !w.is_empty() && *w != "or" && *w != "one of")
        .collect::<Vec<_>>()
        .join(", ");
    truncate(&joined, 4 * ECHO_MAX_CHARS).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncates_with_an_ellipsis_on_char_boundaries() {
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("abcd", 3), "ab…");
        assert_eq!(truncate("èèèè", 2), "è…");
        assert_eq!(echo(&"x".repeat(1000)).chars().count(), ECHO_MAX_CHARS);
    }

    #[test]
    fn escapes_controls_and_bidi() {
        assert_eq!(escape_controls("plain \\ text"), "plain \\ text");
        assert_eq!(escape_controls("a\x1b[31mb"), "a\\u{1b}[31mb");
        assert_eq!(escape_controls("\u{202e}x\\"), "\\u{202e}x\\\\");
        assert_eq!(escape_controls("\u{85}\u{7f}"), "\\u{85}\\u{7f}");
    }

    #[test]
    fn serde_messages_lose_their_values() {
        for (message, expected) in [
            (
                "unknown variant `Mario Rossi`, expected one of `formale`, `informale`",
                "value not allowed; expected formale, informale",
            ),
            (
                "invalid type: string \"Mario\", expected a boolean at line 1 column 9",
                "wrong type; expected a boolean",
            ),
            (
                "invalid value: integer `-3`, expected u16",
                "invalid value; expected u16",
            ),
            ("missing field `kind`", "missing field 'kind'"),
            (
                "unknown field `a`b`, expected `start` or `end`",
                "unknown field 'a`b'; expected start, end",
            ),
            ("not a JSON Pointer: Mario", "invalid value"),
        ] {
            assert_eq!(describe_serde_error(message), expected, "{message}");
        }
    }
}
