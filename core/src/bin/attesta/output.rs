//! Rendering validation outcomes: readable text for people, JSON and JSON Lines for programs.
//!
//! Text output groups findings by their JSON Pointer path so that several problems with one
//! value read together. Paths and messages echo the input (keys, ids, codes), so the text
//! output escapes their control characters ([`escape_controls`]); the library has already
//! cut every echoed value to [`attesta::text::ECHO_MAX_CHARS`] characters. Colour is used only when standard output is a terminal and `NO_COLOR`
//! is not set (<https://no-color.org>), so piped and redirected output stays plain.

use std::io::{self, IsTerminal, Write};

use attesta::text::escape_controls;
use attesta::{FileOutcome, Report, Severity};
use clap::ValueEnum;

use crate::lang;

/// The output formats of `attesta validate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Readable text, grouped by path.
    Human,
    /// One JSON array of `{"file", "report"}` or `{"file", "error"}` objects
    /// ([`FileOutcome`], schema `file-outcome`; `{"error"}` alone when the run cannot start).
    Json,
    /// One such object per line (JSON Lines), written as each file is done.
    Jsonl,
}

/// Writes entries in one format, keeping the state a format needs between entries.
pub(crate) struct Writer<W: Write> {
    out: W,
    format: Format,
    style: Style,
    written: usize,
}

impl<W: Write> Writer<W> {
    /// A writer in `format`; `colour` enables ANSI colours in the human format.
    pub(crate) fn new(out: W, format: Format, colour: bool) -> Self {
        Writer {
            out,
            format,
            style: Style { enabled: colour },
            written: 0,
        }
    }

    /// Writes one entry. Human output skips error entries: those go to standard error.
    pub(crate) fn entry(&mut self, entry: &FileOutcome) -> io::Result<()> {
        match self.format {
            Format::Human => {
                if let Some(report) = &entry.report {
                    self.human(entry.file.as_deref().unwrap_or("-"), report)?;
                }
            }
            Format::Json => {
                self.out
                    .write_all(if self.written == 0 { b"[\n" } else { b",\n" })?;
                serde_json::to_writer(&mut self.out, entry)?;
            }
            Format::Jsonl => {
                serde_json::to_writer(&mut self.out, entry)?;
                self.out.write_all(b"\n")?;
                // Programs reading line by line see each result as soon as it exists.
                self.out.flush()?;
            }
        }
        self.written += 1;
        Ok(())
    }

    /// In human output for more than one file, a closing line with the counts of outcomes.
    pub(crate) fn summary(
        &mut self,
        valid: usize,
        invalid: usize,
        failed: usize,
    ) -> io::Result<()> {
        let total = valid + invalid + failed;
        if self.format == Format::Human && total > 1 {
            let args = [
                ("total", total),
                ("valid", valid),
                ("invalid", invalid),
                ("failed", failed),
            ]
            .map(|(k, v)| (k.to_owned(), serde_json::Value::from(v)));
            writeln!(
                self.out,
                "{}",
                lang::current().ui("files-summary", &args.into())
            )?;
        }
        Ok(())
    }

    /// Closes the output (the JSON array) and flushes.
    pub(crate) fn finish(mut self) -> io::Result<()> {
        if self.format == Format::Json {
            self.out
                .write_all(if self.written == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        self.out.flush()
    }

    fn human(&mut self, file: &str, report: &Report) -> io::Result<()> {
        let s = self.style;
        let localizer = lang::current();
        let (errors, warnings, infos) = report.counts();
        let verdict = if report.valid {
            s.paint(GREEN, &lang::word("valid"))
        } else {
            s.paint(RED, &lang::word("invalid"))
        };
        write!(self.out, "{}: {verdict}", s.paint(BOLD, file))?;
        if !report.findings.is_empty() {
            write!(
                self.out,
                " ({}, {}",
                lang::count("count-errors", errors),
                lang::count("count-warnings", warnings)
            )?;
            if infos > 0 {
                write!(self.out, ", {}", lang::count("count-infos", infos))?;
            }
            write!(self.out, ")")?;
        }
        writeln!(self.out)?;
        let tags = SeverityTags::new();
        let mut current = None;
        for finding in &report.findings {
            let pointer = finding.path.to_pointer();
            if current.as_ref() != Some(&pointer) {
                let shown = if pointer.is_empty() {
                    tags.record.clone()
                } else {
                    pointer.clone()
                };
                writeln!(self.out, "  {}", s.paint(BOLD, &escape_controls(&shown)))?;
                current = Some(pointer);
            }
            let (colour, tag) = match finding.severity {
                Severity::Error => (RED, &tags.error),
                Severity::Warning => (YELLOW, &tags.warning),
                Severity::Info => (BLUE, &tags.info),
            };
            // The message in the asked language (or its fallback); the code stays as is.
            // Fluent's Unicode isolates (right-to-left locales) would be shown escaped: a
            // terminal does its own bidi, so they are dropped here.
            let message = localizer
                .finding(finding)
                .message
                .replace(['\u{2068}', '\u{2069}'], "");
            writeln!(
                self.out,
                "    {} {} {}",
                s.paint(colour, tag),
                escape_controls(&message),
                s.paint(DIM, &format!("[{}]", finding.code.as_str()))
            )?;
        }
        Ok(())
    }
}

/// The severity words of the current language, padded to one width so messages line up.
struct SeverityTags {
    error: String,
    warning: String,
    info: String,
    record: String,
}

impl SeverityTags {
    fn new() -> Self {
        let words = [
            lang::word("severity-error"),
            lang::word("severity-warning"),
            lang::word("severity-info"),
        ];
        let width = words.iter().map(|w| w.chars().count()).max().unwrap_or(0);
        let [error, warning, info] = words.map(|w| format!("{w:<width$}"));
        SeverityTags {
            error,
            warning,
            info,
            record: lang::word("record"),
        }
    }
}

/// Whether standard output should be coloured: a terminal, and `NO_COLOR` unset or empty.
pub(crate) fn colour_wanted() -> bool {
    io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

const BOLD: &str = "1";
const DIM: &str = "2";
const RED: &str = "1;31";
const GREEN: &str = "1;32";
const YELLOW: &str = "1;33";
const BLUE: &str = "1;34";

/// ANSI styling that is a no-op when disabled.
#[derive(Debug, Clone, Copy)]
struct Style {
    enabled: bool,
}

impl Style {
    fn paint(self, code: &str, text: &str) -> String {
        if self.enabled {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }
}

/// A writer for text output that shows data of frameworks and records (labels, ids, codes):
/// every [unsafe character](attesta::text::is_unsafe_char) but line feed and tab is written as
/// `\u{hex}`, so a bundle or a record cannot move the cursor or reorder what a reader sees.
/// Disabled, it passes bytes through (JSON output, whose strings are already escaped).
pub(crate) struct Escaping<W: Write> {
    out: W,
    enabled: bool,
    /// The start of a UTF-8 sequence cut by the end of the previous write.
    pending: Vec<u8>,
}

impl<W: Write> Escaping<W> {
    /// Wraps `out`; `enabled` says whether to escape.
    pub(crate) fn new(out: W, enabled: bool) -> Self {
        Escaping {
            out,
            enabled,
            pending: Vec::new(),
        }
    }

    fn write_text(&mut self, text: &str) -> io::Result<()> {
        let mut start = 0;
        for (at, c) in text.char_indices() {
            if c != '\n' && c != '\t' && attesta::text::is_unsafe_char(c) {
                self.out.write_all(&text.as_bytes()[start..at])?;
                write!(self.out, "\\u{{{:x}}}", u32::from(c))?;
                start = at + c.len_utf8();
            }
        }
        self.out.write_all(&text.as_bytes()[start..])
    }
}

impl<W: Write> Write for Escaping<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.enabled {
            return self.out.write(buf);
        }
        self.pending.extend_from_slice(buf);
        let bytes = std::mem::take(&mut self.pending);
        let mut rest = bytes.as_slice();
        loop {
            match std::str::from_utf8(rest) {
                Ok(text) => {
                    self.write_text(text)?;
                    break;
                }
                Err(e) => {
                    let (valid, after) = rest.split_at(e.valid_up_to());
                    self.write_text(std::str::from_utf8(valid).unwrap_or_default())?;
                    match e.error_len() {
                        // A sequence cut at the end: wait for the next write.
                        None => {
                            self.pending = after.to_vec();
                            break;
                        }
                        Some(len) => {
                            for byte in &after[..len] {
                                write!(self.out, "\\x{byte:02x}")?;
                            }
                            rest = &after[len..];
                        }
                    }
                }
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_writer_escapes_across_writes_and_passes_through_when_off() {
        let mut out = Escaping::new(Vec::new(), true);
        let text = "ok\tline\n\u{1b}[2J\u{202e}è\u{85}";
        for byte in text.as_bytes() {
            out.write_all(std::slice::from_ref(byte)).unwrap();
        }
        out.write_all(b"\xff!").unwrap();
        assert_eq!(
            String::from_utf8(out.out).unwrap(),
            "ok\tline\n\\u{1b}[2J\\u{202e}è\\u{85}\\xff!"
        );
        let mut plain = Escaping::new(Vec::new(), false);
        plain.write_all(text.as_bytes()).unwrap();
        assert_eq!(plain.out, text.as_bytes());
    }
}
