//! The one report format of `make bench`: every row is a measure with its median and spread over
//! interleaved rounds, the peer or floor it is judged against, and a PASS/MISS verdict against
//! the target the project set for it. Rows are printed as a table and written as JSON to
//! `target/bench/results.json` (one section per benchmark, with the machine's core count and
//! CPU model) so that two runs, or two machines, can be compared.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde_json::{json, Value};

/// Median and spread of the rounds of one measure.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stats {
    /// Median of the rounds.
    pub median: f64,
    /// Smallest round.
    pub min: f64,
    /// Largest round.
    pub max: f64,
    /// Number of rounds.
    pub rounds: usize,
}

impl Stats {
    /// Statistics of `values`; `None` when there are none (or one is not a number).
    pub fn of(values: &[f64]) -> Option<Stats> {
        if values.is_empty() || values.iter().any(|v| v.is_nan()) {
            return None;
        }
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        // An even count takes the mean of the two middle rounds.
        let median = if n % 2 == 1 {
            sorted[n / 2]
        } else {
            f64::midpoint(sorted[n / 2 - 1], sorted[n / 2])
        };
        Some(Stats {
            median,
            min: sorted[0],
            max: sorted[n - 1],
            rounds: n,
        })
    }

    /// Statistics of durations, in seconds.
    pub fn of_durations(values: &[Duration]) -> Option<Stats> {
        Stats::of(&values.iter().map(Duration::as_secs_f64).collect::<Vec<_>>())
    }

    /// One value measured once (a count, a recall).
    pub fn single(value: f64) -> Stats {
        Stats {
            median: value,
            min: value,
            max: value,
            rounds: 1,
        }
    }

    fn to_json(self) -> Value {
        json!({"median": self.median, "min": self.min, "max": self.max, "rounds": self.rounds})
    }
}

/// What a row must reach. "Ratio" is always the reference's median divided by Attesta's (or the
/// reverse for floors), as the text of each variant says.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// Attesta is at least this many times faster than the reference (`reference / attesta`).
    FasterThan(f64),
    /// Attesta takes at most this many times the reference, a floor (`attesta / floor`).
    WithinFloor(f64),
    /// Attesta's figure is lower than the reference's (memory).
    LowerThan,
    /// Attesta's median is at most this value.
    AtMost(f64),
    /// Attesta's median is at least this value.
    AtLeast(f64),
    /// Reported for context, judged by no target.
    Info,
}

impl Target {
    fn describe(&self) -> String {
        match self {
            Target::FasterThan(x) => format!(">= {x}x faster"),
            Target::WithinFloor(x) => format!("<= {x}x the floor"),
            Target::LowerThan => "lower".to_owned(),
            Target::AtMost(x) => format!("<= {x}"),
            Target::AtLeast(x) => format!(">= {x}"),
            Target::Info => String::new(),
        }
    }
}

/// The verdict of one row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// The median meets the target.
    Pass,
    /// The median does not meet the target.
    Miss,
    /// The reference could not be measured (e.g. no Python peer), so nothing is judged.
    NotMeasured,
    /// The row has no target.
    Info,
}

impl Verdict {
    fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "PASS",
            Verdict::Miss => "MISS",
            Verdict::NotMeasured => "n/a",
            Verdict::Info => "",
        }
    }
}

/// One measure of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// What is measured, with its unit ("ESCO CSV import (s)").
    pub name: String,
    /// Attesta's rounds.
    pub attesta: Option<Stats>,
    /// What it is compared with: a peer, a floor, or Attesta's own other path.
    pub reference: Option<Stats>,
    /// Name of the reference ("pandas", "read floor").
    pub reference_name: String,
    /// What the row must reach.
    pub target: Target,
}

impl Row {
    /// A row with no reference.
    pub fn alone(name: &str, attesta: Option<Stats>, target: Target) -> Row {
        Row {
            name: name.to_owned(),
            attesta,
            reference: None,
            reference_name: String::new(),
            target,
        }
    }

    /// A row judged against `reference`.
    pub fn against(
        name: &str,
        attesta: Option<Stats>,
        reference_name: &str,
        reference: Option<Stats>,
        target: Target,
    ) -> Row {
        Row {
            name: name.to_owned(),
            attesta,
            reference,
            reference_name: reference_name.to_owned(),
            target,
        }
    }

    /// The ratio the target is about (see [`Target`]), when both sides were measured.
    pub fn ratio(&self) -> Option<f64> {
        let ours = self.attesta?.median;
        let reference = self.reference?.median;
        match self.target {
            Target::WithinFloor(_) => (reference > 0.0).then(|| ours / reference),
            _ => (ours > 0.0).then(|| reference / ours),
        }
    }

    /// Whether the row's median meets its target.
    pub fn verdict(&self) -> Verdict {
        let Some(ours) = self.attesta.map(|s| s.median) else {
            return if self.target == Target::Info {
                Verdict::Info
            } else {
                Verdict::NotMeasured
            };
        };
        let pass = match self.target {
            Target::Info => return Verdict::Info,
            Target::AtMost(x) => ours <= x,
            Target::AtLeast(x) => ours >= x,
            Target::LowerThan => match self.reference {
                Some(r) => ours < r.median,
                None => return Verdict::NotMeasured,
            },
            Target::FasterThan(x) => match self.ratio() {
                Some(r) => r >= x,
                None => return Verdict::NotMeasured,
            },
            Target::WithinFloor(x) => match self.ratio() {
                Some(r) => r <= x,
                None => return Verdict::NotMeasured,
            },
        };
        if pass {
            Verdict::Pass
        } else {
            Verdict::Miss
        }
    }

    fn to_json(&self) -> Value {
        json!({
            "name": self.name,
            "attesta": self.attesta.map(Stats::to_json),
            "reference_name": self.reference_name,
            "reference": self.reference.map(Stats::to_json),
            "ratio": self.ratio(),
            "target": self.target.describe(),
            "verdict": self.verdict().as_str(),
        })
    }
}

/// The rows of one benchmark.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Report {
    /// The benchmark's name, its section in `results.json` (`frameworks`, `validate`).
    pub bench: String,
    /// Its rows, in print order.
    pub rows: Vec<Row>,
    /// Free notes printed under the table and kept in the JSON (what a column means).
    pub notes: Vec<String>,
}

/// Four significant figures at most, without exponent for usual magnitudes.
fn figure(x: f64) -> String {
    if x == 0.0 {
        "0".to_owned()
    } else if x.abs() >= 1000.0 {
        format!("{x:.0}")
    } else if x.abs() >= 1.0 {
        format!("{x:.3}")
    } else {
        format!("{x:.5}")
    }
}

fn spread(stats: Option<Stats>) -> String {
    stats.map_or_else(
        || "-".to_owned(),
        |s| {
            if s.rounds > 1 {
                format!("{} [{}-{}]", figure(s.median), figure(s.min), figure(s.max))
            } else {
                figure(s.median)
            }
        },
    )
}

impl Report {
    /// An empty report of `bench`.
    pub fn new(bench: &str) -> Report {
        Report {
            bench: bench.to_owned(),
            ..Report::default()
        }
    }

    /// Adds a row.
    pub fn push(&mut self, row: Row) -> &mut Self {
        self.rows.push(row);
        self
    }

    /// The table, as printed: median [min-max] of each side, the ratio, the target, PASS/MISS.
    pub fn table(&self) -> String {
        let machine = Machine::current();
        let mut out = format!(
            "\n{} benchmark: {} cores, {}; median [min-max] of interleaved rounds\n",
            self.bench, machine.cores, machine.cpu_model
        );
        let _ = writeln!(
            out,
            "{:<40} {:>30} {:>16} {:>30} {:>9}  {:<20} verdict",
            "measure", "Attesta", "against", "reference", "ratio", "target"
        );
        for r in &self.rows {
            let _ = writeln!(
                out,
                "{:<40} {:>30} {:>16} {:>30} {:>9}  {:<20} {}",
                r.name,
                spread(r.attesta),
                r.reference_name,
                spread(r.reference),
                r.ratio()
                    .map_or_else(|| "-".to_owned(), |x| format!("{x:.2}x")),
                r.target.describe(),
                r.verdict().as_str()
            );
        }
        for note in &self.notes {
            let _ = writeln!(out, "note: {note}");
        }
        out
    }

    /// The report as JSON: machine, rows, notes.
    pub fn to_json(&self) -> Value {
        let machine = Machine::current();
        json!({
            "machine": {"cores": machine.cores, "cpu_model": machine.cpu_model},
            "rows": self.rows.iter().map(Row::to_json).collect::<Vec<_>>(),
            "notes": self.notes,
        })
    }

    /// Prints the table and writes this report as the `bench` section of
    /// `target/bench/results.json`, keeping the other benchmarks' sections.
    pub fn finish(&self) {
        print!("{}", self.table());
        let path = results_path();
        match self.merge_into(&path) {
            Ok(()) => println!("results written to {}", path.display()),
            Err(e) => eprintln!("cannot write {}: {e}", path.display()),
        }
    }

    fn merge_into(&self, path: &Path) -> std::io::Result<()> {
        let mut all = std::fs::read(path)
            .ok()
            .and_then(|b| serde_json::from_slice::<Value>(&b).ok())
            .and_then(|v| match v {
                Value::Object(map) => Some(map),
                _ => None,
            })
            .unwrap_or_default();
        all.insert(self.bench.clone(), self.to_json());
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let text = serde_json::to_vec_pretty(&Value::Object(all)).map_err(std::io::Error::other)?;
        std::fs::write(path, text)
    }
}

/// `target/bench/results.json` of the workspace (or under `CARGO_TARGET_DIR`).
pub fn results_path() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../target"),
        PathBuf::from,
    );
    target.join("bench/results.json")
}

/// The machine a report was measured on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Machine {
    /// Cores available to this process.
    pub cores: usize,
    /// `model name` from `/proc/cpuinfo`, or `unknown CPU`.
    pub cpu_model: String,
}

impl Machine {
    /// This machine.
    pub fn current() -> Machine {
        let cpu_model = std::fs::read_to_string("/proc/cpuinfo")
            .ok()
            .and_then(|text| cpu_model(&text))
            .unwrap_or_else(|| "unknown CPU".to_owned());
        Machine {
            cores: std::thread::available_parallelism().map_or(1, std::num::NonZero::get),
            cpu_model,
        }
    }
}

/// The first `model name` of a `/proc/cpuinfo` text.
pub fn cpu_model(cpuinfo: &str) -> Option<String> {
    cpuinfo.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        (key.trim() == "model name").then(|| value.trim().to_owned())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_give_the_median_and_the_range() {
        let s = Stats::of(&[3.0, 1.0, 2.0, 10.0]).unwrap_or_else(|| unreachable!());
        assert_eq!((s.median, s.min, s.max, s.rounds), (2.5, 1.0, 10.0, 4));
        assert_eq!(Stats::of(&[]), None);
        assert_eq!(Stats::of(&[f64::NAN]), None);
    }

    #[test]
    fn verdicts_follow_the_target_direction() {
        let s = |x| Some(Stats::single(x));
        // Peer 0.33 s, Attesta 0.093 s: 3.5x, below a 6x target.
        let import = Row::against("i", s(0.093), "pandas", s(0.33), Target::FasterThan(6.0));
        assert_eq!(import.verdict(), Verdict::Miss);
        let fast = Row::against("i", s(0.05), "pandas", s(0.33), Target::FasterThan(6.0));
        assert_eq!(fast.verdict(), Verdict::Pass);
        // Floors: Attesta / floor.
        let floor = Row::against("i", s(0.03), "read", s(0.01), Target::WithinFloor(3.0));
        assert_eq!(floor.ratio(), Some(3.0));
        assert_eq!(floor.verdict(), Verdict::Pass);
        let slow = Row::against("i", s(0.04), "read", s(0.01), Target::WithinFloor(3.0));
        assert_eq!(slow.verdict(), Verdict::Miss);
        let no_peer = Row::against("i", s(0.05), "pandas", None, Target::FasterThan(6.0));
        assert_eq!(no_peer.verdict(), Verdict::NotMeasured);
        assert_eq!(
            Row::alone("r", s(0.96), Target::AtLeast(0.95)).verdict(),
            Verdict::Pass
        );
        assert_eq!(
            Row::alone("p", s(2.5), Target::AtMost(2.0)).verdict(),
            Verdict::Miss
        );
        let rss = Row::against("m", s(100.0), "pandas", s(90.0), Target::LowerThan);
        assert_eq!(rss.verdict(), Verdict::Miss);
    }

    #[test]
    fn the_json_has_the_machine_and_every_row() {
        let mut report = Report::new("t");
        report.push(Row::alone(
            "r",
            Some(Stats::single(1.0)),
            Target::AtLeast(0.5),
        ));
        let json = report.to_json();
        assert!(json["machine"]["cores"].as_u64().is_some_and(|c| c >= 1));
        assert!(json["machine"]["cpu_model"].is_string());
        assert_eq!(json["rows"][0]["verdict"], "PASS");
        assert!(report.table().contains("PASS"));
    }

    #[test]
    fn the_cpu_model_is_read_from_cpuinfo() {
        let text = "processor\t: 0\nvendor_id\t: X\nmodel name\t: Some CPU @ 2.0GHz\n";
        assert_eq!(cpu_model(text).as_deref(), Some("Some CPU @ 2.0GHz"));
        assert_eq!(cpu_model("processor : 0\n"), None);
    }
}
