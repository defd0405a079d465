//! The read floor of the frameworks bench reads every byte of the ESCO files, whatever their
//! size against the chunk, and gives no floor at all when a file is missing, on either thread
//! (a floor of fewer bytes would flatter nothing but would judge the import wrongly).

use std::fs;
use std::path::Path;

use attesta_bench::floors::{read_floor, ESCO_FILES, READ_CHUNK};

#[test]
fn the_read_floor_reads_every_byte_and_refuses_a_missing_file() {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("read-floor");
    let _ = fs::remove_dir_all(&dir);
    let mut total = 0;
    for (i, file) in ESCO_FILES.iter().enumerate() {
        let path = dir.join(file);
        fs::create_dir_all(path.parent().expect("a folder")).expect("folder made");
        // Shorter than a chunk, exactly one, and across several.
        let len = match i % 3 {
            0 => 100 + i,
            1 => READ_CHUNK,
            _ => 2 * READ_CHUNK + 7,
        };
        fs::write(&path, vec![b'x'; len]).expect("file written");
        total += len;
    }
    assert_eq!(read_floor(&dir).map(|(_, bytes)| bytes), Some(total));

    for missing in [
        "relations/occupationSkillRelations.csv",
        "classification/skills_en.csv",
    ] {
        let path = dir.join(missing);
        let kept = fs::read(&path).expect("file read");
        fs::remove_file(&path).expect("file removed");
        assert_eq!(read_floor(&dir), None, "{missing} missing");
        fs::write(&path, kept).expect("file restored");
    }
    fs::remove_dir_all(&dir).expect("folder removed");
}
