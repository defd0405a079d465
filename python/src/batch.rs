//! `validate_many` and `validate_jsonl`: many records, all cores, in order, memory flat.
//!
//! Records are taken in chunks (at most [`CHUNK_ITEMS`] records or about [`CHUNK_BYTES`] of
//! JSON). A chunk is validated on every core while the main thread reads the next one with the
//! GIL held (a dict is written out as JSON then, which overlaps with validation), and then
//! joins the validation with the GIL released; the chunk's outcomes are then handed out one by
//! one. At most two chunks are held at a time, so a file of a million records takes the memory
//! of two chunks.
//!
//! A `str` or `bytes` record is not copied: the chunk keeps the Python object alive and the
//! threads read its bytes in place (both types are immutable, and no thread outlives the call
//! that borrows them). Threads live as long as a chunk's validation (no pool outlives it), so a
//! process that forks between iterations (multiprocessing) inherits no threads.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use pyo3::exceptions::PyRuntimeError;
use pyo3::gc::PyVisit;
use pyo3::prelude::*;
use pyo3::types::PyIterator;
use pyo3::PyTraverseError;

use crate::convert::{immutable_bytes, record_input, RecordInput};
use crate::errors::{attesta_error, attesta_error_object};
use crate::report::Report;

/// Most records validated per chunk.
const CHUNK_ITEMS: usize = 1024;
/// A chunk ends once its records hold this many bytes of JSON.
const CHUNK_BYTES: usize = 16 * 1024 * 1024;

/// What one record gave.
enum Outcome {
    /// Evaluated.
    Report(attesta::Report),
    /// Could not be evaluated: handed out as an `AttestaError` object.
    Error(attesta::Error),
    /// Not a record at all (wrong Python type) or the input iterator failed: raised.
    Raise(PyErr),
}

/// A record's JSON as a chunk holds it until it is validated.
enum Input {
    /// A `str` or `bytes` object, whose bytes are read in place.
    Object(Py<PyAny>),
    /// Written out from a dict, copied from a `bytearray`, or a line of a file.
    Owned(Vec<u8>),
}

/// A position of a chunk: a record to validate, or an outcome known without validating.
enum Slot {
    /// A record to validate.
    Input(Input),
    /// Already decided.
    Ready(Outcome),
}

/// Where the records come from.
enum Source {
    /// A Python iterable of records.
    Records(Py<PyIterator>),
    /// A JSON Lines file.
    Jsonl {
        reader: BufReader<File>,
        path: PathBuf,
    },
    /// Nothing more.
    Done,
}

/// The iterator `validate_many` and `validate_jsonl` return: yields, in input order, a
/// `Report` or an `AttestaError` for each record.
#[pyclass(module = "attesta")]
pub(crate) struct ReportIterator {
    validator: attesta::Validator,
    source: Source,
    /// The chunk read but not validated yet.
    pending: Option<Vec<Slot>>,
    ready: VecDeque<Outcome>,
}

impl ReportIterator {
    /// Over a Python iterable of records (dicts, str or bytes).
    pub(crate) fn over_records(
        validator: attesta::Validator,
        records: &Bound<'_, PyAny>,
    ) -> PyResult<Self> {
        Ok(ReportIterator {
            validator,
            source: Source::Records(records.try_iter()?.unbind()),
            pending: None,
            ready: VecDeque::new(),
        })
    }

    /// Over the lines of a JSON Lines file (opened now, so a missing file fails at the call).
    pub(crate) fn over_jsonl(validator: attesta::Validator, path: PathBuf) -> PyResult<Self> {
        let file = File::open(&path).map_err(|source| {
            let error = attesta::Error::Io {
                path: path.clone(),
                source,
            };
            Python::attach(|py| attesta_error(py, &error))
        })?;
        Ok(ReportIterator {
            validator,
            source: Source::Jsonl {
                reader: BufReader::with_capacity(1 << 16, file),
                path,
            },
            pending: None,
            ready: VecDeque::new(),
        })
    }

    /// Makes the next chunk's outcomes ready: validates it on every core while the chunk after
    /// it is read, so reading records (with the GIL) overlaps with validation instead of
    /// leaving the other cores idle.
    fn refill(&mut self, py: Python<'_>) {
        let options = self.validator.options();
        if self.pending.is_none() {
            self.pending = read_next(py, &mut self.source, options);
        }
        let Some(slots) = self.pending.take() else {
            return;
        };
        // The bytes of every record to validate, borrowed from the chunk: `slots` holds the
        // `str`/`bytes` objects until the threads below are joined, and neither type can change.
        let mut inputs: Vec<&[u8]> = Vec::with_capacity(slots.len());
        // The positions whose bytes could not be had (never, in fact: they were read once
        // already when the chunk was taken), with the error to raise there.
        let mut broken: Vec<(usize, PyErr)> = Vec::new();
        for (at, slot) in slots.iter().enumerate() {
            let bytes = match slot {
                Slot::Input(Input::Owned(bytes)) => Ok(bytes.as_slice()),
                Slot::Input(Input::Object(object)) => immutable_bytes(object.bind(py))
                    .unwrap_or_else(|| {
                        Err(PyRuntimeError::new_err(
                            "internal error: a record changed type",
                        ))
                    }),
                Slot::Ready(_) => continue,
            };
            match bytes {
                Ok(bytes) => inputs.push(bytes),
                Err(err) => broken.push((at, err)),
            }
        }
        let validator = &self.validator;
        let source = &mut self.source;
        let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        let next = AtomicUsize::new(0);
        let (reports, following) = std::thread::scope(|scope| {
            // One thread fewer than cores: this thread is the last worker, once it has read
            // the following chunk.
            let workers: Vec<_> = (1..threads.min(inputs.len()))
                .map(|_| scope.spawn(|| validate_some(validator, &inputs, &next)))
                .collect();
            let following = read_next(py, source, validator.options());
            let reports = py.detach(|| {
                // A worker that panicked (this thread included) loses its records; they come
                // out as `None` (an internal error at their places) rather than bringing the
                // interpreter down.
                let mine = std::panic::catch_unwind(AssertUnwindSafe(|| {
                    validate_some(validator, &inputs, &next)
                }));
                let mut reports: Vec<Option<attesta::Result<attesta::Report>>> =
                    std::iter::repeat_with(|| None).take(inputs.len()).collect();
                let parts = workers.into_iter().filter_map(|worker| worker.join().ok());
                for (index, result) in parts.chain(mine.ok()).flatten() {
                    reports[index] = Some(result);
                }
                reports
            });
            (reports, following)
        });
        self.pending = following;
        let mut reports = reports.into_iter();
        let mut broken = broken.into_iter().peekable();
        for (at, slot) in slots.into_iter().enumerate() {
            let outcome = match slot {
                Slot::Ready(outcome) => outcome,
                Slot::Input(_) => match broken.next_if(|(position, _)| *position == at) {
                    Some((_, err)) => Outcome::Raise(err),
                    None => outcome(reports.next().flatten()),
                },
            };
            self.ready.push_back(outcome);
        }
    }
}

/// Reads the next chunk of `source`; `None` when it is exhausted.
fn read_next(
    py: Python<'_>,
    source: &mut Source,
    options: &attesta::ValidationOptions,
) -> Option<Vec<Slot>> {
    let (slots, more) = match source {
        Source::Done => return None,
        Source::Records(records) => read_records(records.bind(py), options.max_depth),
        Source::Jsonl { reader, path } => {
            let limit = options.max_size;
            py.detach(|| read_lines(reader, path, limit))
        }
    };
    if !more {
        *source = Source::Done;
    }
    (!slots.is_empty()).then_some(slots)
}

#[pymethods]
impl ReportIterator {
    /// The records' iterator is a Python object this one holds: telling the garbage collector
    /// lets it free a cycle through it (a generator that refers back to its results).
    fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
        if let Source::Records(records) = &self.source {
            visit.call(records)?;
        }
        for slot in self.pending.iter().flatten() {
            if let Slot::Input(Input::Object(object)) = slot {
                visit.call(object)?;
            }
        }
        Ok(())
    }

    fn __clear__(&mut self) {
        self.source = Source::Done;
        self.pending = None;
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        if self.ready.is_empty() {
            self.refill(py);
        }
        match self.ready.pop_front() {
            None => Ok(None),
            Some(Outcome::Report(inner)) => Ok(Some(Py::new(py, Report { inner })?.into_any())),
            Some(Outcome::Error(error)) => Ok(Some(attesta_error_object(py, &error)?.unbind())),
            Some(Outcome::Raise(err)) => Err(err),
        }
    }
}

/// The outcome of a validated record (`None`: its worker panicked).
fn outcome(result: Option<attesta::Result<attesta::Report>>) -> Outcome {
    match result {
        Some(Ok(report)) => Outcome::Report(report),
        Some(Err(error)) => Outcome::Error(error),
        // Only if validation panicked, which the core never should: the record's place still
        // gets an answer, so later records keep their positions.
        None => Outcome::Raise(PyRuntimeError::new_err(
            "internal error: this record's validation failed",
        )),
    }
}

/// Takes up to a chunk of records from a Python iterator; `false` when it is exhausted (or
/// failed, which ends the iteration after that error is raised).
fn read_records(records: &Bound<'_, PyIterator>, max_depth: usize) -> (Vec<Slot>, bool) {
    let mut slots = Vec::new();
    let mut bytes = 0usize;
    while slots.len() < CHUNK_ITEMS && bytes < CHUNK_BYTES {
        let record = match records.clone().next() {
            None => return (slots, false),
            Some(Err(err)) => {
                slots.push(Slot::Ready(Outcome::Raise(err)));
                return (slots, false);
            }
            Some(Ok(record)) => record,
        };
        let slot = match record_input(&record, max_depth) {
            Ok(RecordInput::Borrowed(text)) => {
                bytes += text.len();
                None
            }
            Ok(RecordInput::Owned(text)) => {
                bytes += text.len();
                Some(Slot::Input(Input::Owned(text)))
            }
            Err(err) => Some(Slot::Ready(Outcome::Raise(err))),
        };
        slots.push(slot.unwrap_or_else(|| Slot::Input(Input::Object(record.unbind()))));
    }
    (slots, true)
}

/// Reads up to a chunk of lines; `false` at the end of the file or after a read error.
fn read_lines(
    reader: &mut BufReader<File>,
    path: &std::path::Path,
    limit: usize,
) -> (Vec<Slot>, bool) {
    let mut slots = Vec::new();
    let mut bytes = 0usize;
    while slots.len() < CHUNK_ITEMS && bytes < CHUNK_BYTES {
        match reader.fill_buf() {
            Ok([]) => return (slots, false),
            Ok(_) => {}
            Err(source) => {
                let error = attesta::Error::Io {
                    path: path.to_owned(),
                    source,
                };
                slots.push(Slot::Ready(Outcome::Error(error)));
                return (slots, false);
            }
        }
        // The core's size-limited reader, over one line: a line over the limit is counted,
        // not kept, and reported as `too_large`; the next line is read normally.
        match attesta::io::read_limited(Line::new(reader), limit, path, 0) {
            Ok(mut line) => {
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                bytes += line.len();
                slots.push(Slot::Input(Input::Owned(line)));
            }
            Err(error) => {
                let fatal = !matches!(error, attesta::Error::TooLarge { .. });
                slots.push(Slot::Ready(Outcome::Error(error)));
                if fatal {
                    return (slots, false);
                }
            }
        }
    }
    (slots, true)
}

/// Validates the inputs not taken yet by another thread, each taken when done with the last
/// (records differ in size); the results with their indexes.
fn validate_some(
    validator: &attesta::Validator,
    inputs: &[&[u8]],
    next: &AtomicUsize,
) -> Vec<(usize, attesta::Result<attesta::Report>)> {
    let mut done = Vec::new();
    loop {
        let index = next.fetch_add(1, Ordering::Relaxed);
        let Some(input) = inputs.get(index) else {
            return done;
        };
        done.push((index, validator.validate_slice(input)));
    }
}

/// One line of a buffered reader as a `Read`: ends at the newline (consumed, not returned).
struct Line<'a, R: BufRead> {
    reader: &'a mut R,
    done: bool,
}

impl<'a, R: BufRead> Line<'a, R> {
    fn new(reader: &'a mut R) -> Self {
        Line {
            reader,
            done: false,
        }
    }
}

impl<R: BufRead> Read for Line<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.done || buf.is_empty() {
            return Ok(0);
        }
        let available = self.reader.fill_buf()?;
        if available.is_empty() {
            self.done = true;
            return Ok(0);
        }
        let (end, newline) = match memchr::memchr(b'\n', available) {
            Some(at) => (at, true),
            None => (available.len(), false),
        };
        let n = end.min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        if newline && n == end {
            self.reader.consume(n + 1);
            self.done = true;
        } else {
            self.reader.consume(n);
        }
        Ok(n)
    }
}
