//! `validate_many` and `validate_jsonl`: many records, all cores, in order, memory flat.
//!
//! Records are taken in chunks (at most [`CHUNK_ITEMS`] records or about [`CHUNK_BYTES`] of
//! JSON): the chunk's records are read with the GIL held (dicts written out as JSON), then
//! validated on one thread per core while the previous chunk's outcomes are handed out one by
//! one. At most two chunks are held at a time, so a file of a million records takes the memory
//! of two chunks. Threads live as long as a chunk's validation (no pool outlives it), so a
//! process that forks between iterations (multiprocessing) inherits no threads.

use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread::JoinHandle;

use pyo3::exceptions::PyRuntimeError;
use pyo3::gc::PyVisit;
use pyo3::prelude::*;
use pyo3::types::PyIterator;
use pyo3::PyTraverseError;

use crate::convert::record_input;
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

/// A position of a chunk: a record to validate, or an outcome known without validating.
enum Slot {
    /// Index into the chunk's inputs.
    Input(usize),
    /// Already decided.
    Ready(Outcome),
}

/// A chunk being validated in the background: its slots and the thread's results.
type InFlight = (
    Vec<Slot>,
    JoinHandle<Vec<Option<attesta::Result<attesta::Report>>>>,
);

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
    /// The chunk after the one being handed out, validating meanwhile.
    in_flight: Option<InFlight>,
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
            in_flight: None,
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
            in_flight: None,
            ready: VecDeque::new(),
        })
    }

    /// Makes the next chunk's outcomes ready: starts validating the chunk after it in the
    /// background first, so reading records (with the GIL) and handing out outcomes overlap
    /// with validation instead of leaving the other cores idle.
    fn refill(&mut self, py: Python<'_>) {
        if self.in_flight.is_none() {
            self.in_flight = self.start_next(py);
        }
        let Some((slots, validation)) = self.in_flight.take() else {
            return;
        };
        self.in_flight = self.start_next(py);
        let mut reports = py.detach(|| validation.join()).unwrap_or_default();
        for slot in slots {
            let outcome = match slot {
                Slot::Ready(outcome) => outcome,
                Slot::Input(index) => match reports.get_mut(index).and_then(Option::take) {
                    Some(Ok(report)) => Outcome::Report(report),
                    Some(Err(error)) => Outcome::Error(error),
                    // Only if validation panicked, which the core never should: the record's
                    // place still gets an answer, so later records keep their positions.
                    None => Outcome::Raise(PyRuntimeError::new_err(
                        "internal error: this record's validation failed",
                    )),
                },
            };
            self.ready.push_back(outcome);
        }
    }

    /// Reads the next chunk and starts validating it on a background thread (which uses all
    /// cores); `None` when the source is exhausted.
    fn start_next(&mut self, py: Python<'_>) -> Option<InFlight> {
        let mut inputs = Vec::new();
        let slots = match &mut self.source {
            Source::Done => return None,
            Source::Records(records) => {
                let (slots, more) = read_records(
                    records.bind(py),
                    self.validator.options().max_depth,
                    &mut inputs,
                );
                if !more {
                    self.source = Source::Done;
                }
                slots
            }
            Source::Jsonl { reader, path } => {
                let limit = self.validator.options().max_size;
                let (slots, more) = py.detach(|| read_lines(reader, path, limit, &mut inputs));
                if !more {
                    self.source = Source::Done;
                }
                slots
            }
        };
        if slots.is_empty() {
            return None;
        }
        let validator = self.validator.clone();
        let validation = std::thread::spawn(move || validate_all(&validator, &inputs));
        Some((slots, validation))
    }
}

#[pymethods]
impl ReportIterator {
    /// The records' iterator is a Python object this one holds: telling the garbage collector
    /// lets it free a cycle through it (a generator that refers back to its results).
    fn __traverse__(&self, visit: PyVisit<'_>) -> Result<(), PyTraverseError> {
        if let Source::Records(records) = &self.source {
            visit.call(records)?;
        }
        Ok(())
    }

    fn __clear__(&mut self) {
        self.source = Source::Done;
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

/// Takes up to a chunk of records from a Python iterator; `false` when it is exhausted (or
/// failed, which ends the iteration after that error is raised).
fn read_records(
    records: &Bound<'_, PyIterator>,
    max_depth: usize,
    inputs: &mut Vec<Vec<u8>>,
) -> (Vec<Slot>, bool) {
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
        match record_input(&record, max_depth) {
            Ok(input) => {
                let input = input.into_owned();
                bytes += input.len();
                slots.push(Slot::Input(inputs.len()));
                inputs.push(input);
            }
            Err(err) => slots.push(Slot::Ready(Outcome::Raise(err))),
        }
    }
    (slots, true)
}

/// Reads up to a chunk of lines; `false` at the end of the file or after a read error.
fn read_lines(
    reader: &mut BufReader<File>,
    path: &std::path::Path,
    limit: usize,
    inputs: &mut Vec<Vec<u8>>,
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
                slots.push(Slot::Input(inputs.len()));
                inputs.push(line);
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

/// Validates every input on all cores; the results are in input order.
fn validate_all(
    validator: &attesta::Validator,
    inputs: &[Vec<u8>],
) -> Vec<Option<attesta::Result<attesta::Report>>> {
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(inputs.len());
    if threads <= 1 {
        return inputs
            .iter()
            .map(|input| Some(validator.validate_slice(input)))
            .collect();
    }
    // Records differ in size: each thread takes the next record when done with its last.
    let next = AtomicUsize::new(0);
    let parts: Vec<Vec<(usize, attesta::Result<attesta::Report>)>> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(input) = inputs.get(index) else {
                            return done;
                        };
                        done.push((index, validator.validate_slice(input)));
                    }
                })
            })
            .collect();
        // A worker that panicked loses its records; they come out as `None` (an internal
        // error at their places) rather than bringing the interpreter down.
        workers
            .into_iter()
            .filter_map(|worker| worker.join().ok())
            .collect()
    });
    let mut results: Vec<Option<attesta::Result<attesta::Report>>> =
        std::iter::repeat_with(|| None).take(inputs.len()).collect();
    for (index, result) in parts.into_iter().flatten() {
        results[index] = Some(result);
    }
    results
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
