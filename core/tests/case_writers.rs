//! The case-file writers through the built CLI: concurrent `case act` on one file, a writer
//! killed at random moments, permissions, symlinks planted at every path Attesta writes,
//! documents never overwritten unasked, size limits checked before reading.
#![cfg(feature = "cli")]

mod case_common;

use std::path::Path;
use std::process::Stdio;
use std::time::Duration;

use case_common::{
    act_args, attesta, command, experience, experience_ids, scratch, start_case, temporaries,
};

fn stderr(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn fifty_concurrent_act_pairs_lose_no_event_and_report_truthfully() {
    let dir = scratch("concurrent-act");
    let case = dir.join("case.jsonl");
    start_case(&case, 3, &[]);
    let mut written = Vec::new();
    let mut refused = Vec::new();
    for round in 0..50 {
        let ids = [format!("exp-{round}-a"), format!("exp-{round}-b")];
        let children: Vec<_> = ids
            .iter()
            .map(|id| {
                command()
                    .args(act_args(&case, &experience(&dir, id)))
                    .stdout(Stdio::null())
                    .stderr(Stdio::piped())
                    .spawn()
                    .expect("spawns")
            })
            .collect();
        for (id, child) in ids.into_iter().zip(children) {
            let out = child.wait_with_output().expect("waits");
            if out.status.success() {
                written.push(id);
            } else {
                refused.push((id, stderr(&out)));
            }
        }
    }
    // The chain is checked by read_events; every exit-0 event is there exactly once, every
    // failed one is absent.
    let on_disk = experience_ids(&case);
    for id in &written {
        assert_eq!(on_disk.iter().filter(|d| *d == id).count(), 1, "{id}");
    }
    for (id, _) in &refused {
        assert!(!on_disk.contains(id), "{id} failed yet is in the log");
    }
    assert_eq!(on_disk.len(), written.len());
    // With the lock, waiting writers are served in turn rather than turned away.
    assert!(refused.is_empty(), "{refused:?}");
    let out = attesta(&["case", "verify", case.to_str().unwrap()]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(temporaries(&dir).is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_writer_killed_at_any_moment_leaves_the_old_or_the_new_log() {
    let dir = scratch("kill-act");
    let case = dir.join("case.jsonl");
    start_case(&case, 3, &[]);
    // A spread of moments from process start to well after the write (a debug build takes
    // tens of milliseconds to replay and write), varied by a fixed sequence.
    let mut moment: u64 = 7;
    for round in 0..40 {
        let before = experience_ids(&case);
        let id = format!("exp-kill-{round}");
        let mut child = command()
            .args(act_args(&case, &experience(&dir, &id)))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawns");
        moment = (moment * 37 + 11) % 61;
        std::thread::sleep(Duration::from_millis(moment));
        let _ = child.kill(); // SIGKILL; it may have finished already
        let status = child.wait().expect("waits");
        let after = experience_ids(&case); // panics on a torn or broken log
        if status.success() {
            assert_eq!(after.last(), Some(&id));
        }
        if after.len() == before.len() {
            assert_eq!(after, before);
        } else {
            assert_eq!(after[..before.len()], before[..]);
            assert_eq!(after[before.len()..], [id]);
        }
    }
    // The next writer removes whatever temporary a killed one left, and so would the stale
    // ones a crash leaves (planted here: the old fixed name and a tempfile-style name).
    std::fs::write(dir.join(".case.jsonl.tmp"), "stale").unwrap();
    std::fs::write(dir.join(".case.jsonl.Ab3dE6gH.tmp"), "stale").unwrap();
    // Another case's temporary is none of this writer's business (it may be at work).
    let other = dir.join(".other.jsonl.Ab3dE6gH.tmp");
    std::fs::write(&other, "another writer's").unwrap();
    let out = command()
        .args(act_args(&case, &experience(&dir, "exp-final")))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(temporaries(&dir), [".other.jsonl.Ab3dE6gH.tmp"]);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

#[cfg(unix)]
#[test]
fn permissions_are_kept_and_new_files_are_private() {
    use std::os::unix::fs::{MetadataExt as _, PermissionsExt as _};
    let dir = scratch("perms");
    let case = dir.join("case.jsonl");
    start_case(&case, 1, &[]);
    assert_eq!(mode(&case), 0o600, "a new case file is private");
    std::fs::set_permissions(&case, std::fs::Permissions::from_mode(0o640)).unwrap();
    let out = command()
        .args(case_common::step_args(1, &case))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(mode(&case), 0o640, "act keeps the case file's mode");
    // The group is kept too (when the writer may set it: here when the tests run as root);
    // otherwise its bits are cleared rather than handed to the writer's own group.
    if std::os::unix::fs::chown(&case, None, Some(4242)).is_ok() {
        let out = command()
            .args(case_common::step_args(2, &case))
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", stderr(&out));
        assert_eq!(std::fs::metadata(&case).unwrap().gid(), 4242);
        assert_eq!(mode(&case), 0o640);
    }
    assert_eq!(mode(&dir.join(".case.jsonl.lock")), 0o600);
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A victim file outside Attesta's business and its content.
fn victim(dir: &Path) -> (std::path::PathBuf, &'static str) {
    let path = dir.join("victim.txt");
    std::fs::write(&path, "precious").unwrap();
    (path, "precious")
}

#[cfg(unix)]
#[test]
fn no_symlink_is_followed_at_the_case_lock_or_temporary_path() {
    use std::os::unix::fs::symlink;
    let dir = scratch("symlinks");
    let (victim, content) = victim(&dir);
    let case = dir.join("case.jsonl");
    start_case(&case, 3, &[]);
    let action = experience(&dir, "exp-1");

    // A symlink at the case path: act and new refuse, the target is untouched.
    let linked = dir.join("linked.jsonl");
    symlink(&case, &linked).unwrap();
    let before = std::fs::read(&case).unwrap();
    let out = command().args(act_args(&linked, &action)).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("symbolic link"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&case).unwrap(), before);
    let dangling = dir.join("dangling.jsonl");
    symlink(dir.join("nowhere.jsonl"), &dangling).unwrap();
    let out = command()
        .args(case_common::step_args(0, &dangling))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.join("nowhere.jsonl").exists());

    // A symlink at the old fixed temporary name is removed, never written through.
    symlink(&victim, dir.join(".case.jsonl.tmp")).unwrap();
    let out = command().args(act_args(&case, &action)).output().unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), content);
    assert!(std::fs::symlink_metadata(dir.join(".case.jsonl.tmp")).is_err());

    // A symlink at the lock path: refused, the case and the target unchanged.
    let lock = dir.join(".case.jsonl.lock");
    std::fs::remove_file(&lock).unwrap();
    symlink(&victim, &lock).unwrap();
    let before = std::fs::read(&case).unwrap();
    let out = command()
        .args(act_args(&case, &experience(&dir, "exp-2")))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("symbolic link"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&case).unwrap(), before);
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), content);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn issue_never_overwrites_unasked_nor_through_a_symlink() {
    let dir = scratch("issue-docs");
    let case = dir.join("case.jsonl");
    start_case(&case, case_common::demo_steps().len(), &[]);
    let docs = dir.join("docs");
    let issue = |extra: &[&str]| {
        let mut args = vec!["case", "issue", case.to_str().unwrap(), "--out"];
        args.push(docs.to_str().unwrap());
        args.extend_from_slice(extra);
        attesta(&args)
    };
    let first = issue(&[]);
    assert!(first.status.success(), "{}", stderr(&first));
    let paths: Vec<String> = String::from_utf8(first.stdout)
        .unwrap()
        .lines()
        .map(str::to_owned)
        .collect();
    assert_eq!(paths.len(), 4);
    #[cfg(unix)]
    assert!(paths.iter().all(|p| mode(Path::new(p)) == 0o600));

    // Existing documents: refused with a hint, nothing rewritten.
    std::fs::write(&paths[0], "kept").unwrap();
    let again = issue(&[]);
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("--overwrite"), "{}", stderr(&again));
    assert_eq!(std::fs::read_to_string(&paths[0]).unwrap(), "kept");
    let forced = issue(&["--overwrite"]);
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert_ne!(std::fs::read_to_string(&paths[0]).unwrap(), "kept");

    #[cfg(unix)]
    {
        let (victim, content) = victim(&dir);
        for extra in [&[][..], &["--overwrite"][..]] {
            for path in &paths {
                let _ = std::fs::remove_file(path);
            }
            std::os::unix::fs::symlink(&victim, &paths[1]).unwrap();
            let out = issue(extra);
            assert_eq!(out.status.code(), Some(2), "{extra:?}");
            assert!(stderr(&out).contains("symbolic link"), "{}", stderr(&out));
            assert_eq!(std::fs::read_to_string(&victim).unwrap(), content);
        }
    }
    assert!(temporaries(&docs).is_empty());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn new_refuses_an_existing_case_and_leaves_it_unchanged() {
    let dir = scratch("new-exists");
    let case = dir.join("case.jsonl");
    start_case(&case, 2, &[]);
    let before = std::fs::read(&case).unwrap();
    let out = command()
        .args(case_common::step_args(0, &case))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("already exists"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&case).unwrap(), before);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn oversized_case_and_action_files_are_refused_before_reading() {
    let dir = scratch("oversized");
    let case = dir.join("case.jsonl");
    // A sparse file: refused by its size, so this costs neither memory nor time.
    std::fs::File::create(&case)
        .unwrap()
        .set_len(attesta::procedure::file::MAX_CASE_FILE_BYTES + 1)
        .unwrap();
    let action = experience(&dir, "exp-1");
    for args in [
        vec!["case", "verify", case.to_str().unwrap()],
        vec!["case", "show", case.to_str().unwrap()],
    ] {
        let out = attesta(&args);
        assert_eq!(out.status.code(), Some(2));
        assert!(stderr(&out).contains("larger than"), "{}", stderr(&out));
    }
    let out = command().args(act_args(&case, &action)).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("larger than"), "{}", stderr(&out));

    let big_action = dir.join("big.json");
    std::fs::File::create(&big_action)
        .unwrap()
        .set_len(17 << 20)
        .unwrap();
    let small = dir.join("small.jsonl");
    start_case(&small, 3, &[]);
    let out = command()
        .args(act_args(&small, &big_action))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("larger than"), "{}", stderr(&out));
    // Standard input has no size to check first: it is read up to the limit and refused.
    let mut args = act_args(&small, &big_action);
    args[3] = "-".into();
    let mut child = command()
        .args(&args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        use std::io::Write as _;
        let chunk = vec![b' '; 1 << 20];
        // Stops with a broken pipe once the program has read its limit and gone.
        for _ in 0..17 {
            if stdin.write_all(&chunk).is_err() {
                break;
            }
        }
    });
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("<stdin>: larger than"),
        "{}",
        stderr(&out)
    );
    assert_eq!(experience_ids(&small), Vec::<String>::new());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[cfg(unix)]
#[test]
fn a_fifo_at_the_case_path_is_refused_without_blocking() {
    let dir = scratch("fifo");
    let case = dir.join("case.jsonl");
    let made = std::process::Command::new("mkfifo")
        .arg(&case)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let out = attesta(&["case", "verify", case.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("not a regular file"),
        "{}",
        stderr(&out)
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_change_by_a_program_ignoring_the_lock_is_not_overwritten() {
    use attesta::procedure::file::{read_events, CaseFile, CaseFileError};
    let dir = scratch("diverged");
    let case = dir.join("case.jsonl");
    start_case(&case, 3, &[]);
    let mut held = CaseFile::open(&case).unwrap();
    let mut current = held.replay(attesta::builtin::frameworks()).unwrap();
    let text = std::fs::read_to_string(experience(&dir, "exp-1")).unwrap();
    let action = attesta::procedure::read_action(&text).unwrap();
    current
        .act("2025-09-01T09:30:00Z", "op-eitc-01", &action)
        .unwrap();
    // Meanwhile an editor that knows nothing of the lock cuts the last event.
    let events = read_events(&case).unwrap();
    let edited = attesta::procedure::write_log(&events[..2]).unwrap();
    std::fs::write(&case, &edited).unwrap();
    assert!(matches!(
        held.commit(current.events()),
        Err(CaseFileError::Diverged(_))
    ));
    assert_eq!(std::fs::read_to_string(&case).unwrap(), edited);
    drop(held); // releases the lock
                // A log that does not extend the one read is refused the same way.
    let mut held = CaseFile::open(&case).unwrap();
    assert!(matches!(
        held.commit(&events[..1]),
        Err(CaseFileError::Diverged(_))
    ));
    drop(held);
    std::fs::remove_dir_all(&dir).unwrap();
}
