//! Bad inputs and dangerous outputs, end to end: tifa never destroys a user's files or the
//! corpus it reads, leaves nothing temporary behind, and explains every refusal in one line.
//! Each test is named in docs/RELIABILITY.md.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;

fn tifa() -> Command {
    let mut c = Command::cargo_bin("tifa").expect("binary built");
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

/// Every file under `dir` with its bytes (relative `/` paths), to compare before and after.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                pending.push(path);
            } else {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// A copy of the bundled corpus (`data/`) in `dir/data`, so that a test that fails by deleting
/// it cannot harm the repository. Returns the manifest's path.
fn corpus_copy(dir: &Path) -> PathBuf {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let dst = dir.join("data");
    for (rel, bytes) in snapshot(&src) {
        let path = dst.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    dst.join("corpus.toml")
}

/// Names in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

/// The three commands that write a directory, reading `manifest` and writing `out`.
fn directory_writers(manifest: &Path, out: &Path) -> Vec<Command> {
    let mut report = tifa();
    report.args(["report", "--quiet", "--corpus"]).arg(manifest);
    let mut synth = tifa();
    synth
        .args(["synth", "--docs", "8", "--corpus"])
        .arg(manifest);
    let mut sweep = tifa();
    sweep
        .args(["sweep", "--set", "min_passage=8,12", "--corpus"])
        .arg(manifest);
    let mut all = vec![report, synth, sweep];
    for c in &mut all {
        c.arg("--out").arg(out);
    }
    all
}

#[test]
fn out_on_a_folder_of_user_files_is_refused_and_the_files_survive() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = corpus_copy(dir.path());
    let notes = dir.path().join("notes");
    std::fs::create_dir_all(notes.join("drafts")).unwrap();
    std::fs::write(notes.join("paper.md"), "# my paper\n").unwrap();
    std::fs::write(notes.join("drafts/v1.txt"), [0u8, 1, 2, 255]).unwrap();
    let before = snapshot(dir.path());
    for mut c in directory_writers(&manifest, &notes) {
        c.assert()
            .code(2)
            .stderr(predicate::str::contains("which tifa did not write"))
            .stderr(predicate::str::contains("pass --force"));
    }
    assert_eq!(snapshot(dir.path()), before, "a file changed");
    assert_eq!(names(dir.path()), vec!["data", "notes"]);
}

#[test]
fn out_on_the_corpus_folder_is_refused_even_when_forced() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = corpus_copy(dir.path());
    let data = manifest.parent().unwrap().to_path_buf();
    let before = snapshot(dir.path());
    for out in [data.clone(), data.join("raw"), dir.path().to_path_buf()] {
        for mut c in directory_writers(&manifest, &out) {
            c.arg("--force")
                .assert()
                .code(2)
                .stderr(predicate::str::contains("an input of this run"));
        }
    }
    assert_eq!(snapshot(dir.path()), before, "the corpus changed");
    assert_eq!(names(dir.path()), vec!["data"]);
}

#[test]
fn out_naming_a_file_fails_before_touching_anything() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("results.csv");
    std::fs::write(&file, "id,score\na,1\n").unwrap();
    tifa()
        .args(["report", "--quiet", "--force", "--out"])
        .arg(&file)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("exists and is not a directory"));
    assert_eq!(std::fs::read(&file).unwrap(), b"id,score\na,1\n");
    assert_eq!(names(dir.path()), vec!["results.csv"]);
}

#[test]
fn out_dot_fails_and_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = corpus_copy(dir.path());
    let work = dir.path().join("work");
    std::fs::create_dir(&work).unwrap();
    for out in [".", "./", "../work"] {
        tifa()
            .current_dir(&work)
            .args(["report", "--quiet", "--force", "--corpus"])
            .arg(&manifest)
            .args(["--out", out])
            .assert()
            .code(2)
            .stderr(predicate::str::contains("the current directory"));
    }
    assert!(names(&work).is_empty(), "{:?}", names(&work));
    assert_eq!(names(dir.path()), vec!["data", "work"]);
}

#[test]
fn a_report_replaces_its_own_output_and_an_added_file_blocks_it_until_forced() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = corpus_copy(dir.path());
    let out = dir.path().join("report");
    let run = |force: bool| {
        let mut c = tifa();
        c.args(["report", "--quiet", "--corpus"])
            .arg(&manifest)
            .arg("--out")
            .arg(&out);
        if force {
            c.arg("--force");
        }
        c.assert()
    };
    run(false).success();
    let marker = std::fs::read_to_string(out.join(".tifa-output")).unwrap();
    assert!(marker.lines().any(|l| l == "index.html"), "{marker}");
    run(false).success();
    std::fs::write(out.join("my-notes.txt"), "keep me").unwrap();
    run(false)
        .code(2)
        .stderr(predicate::str::contains("my-notes.txt"));
    assert_eq!(std::fs::read(out.join("my-notes.txt")).unwrap(), b"keep me");
    run(true).success();
    assert!(!out.join("my-notes.txt").exists());
    assert_eq!(names(dir.path()), vec!["data", "report"]);
}

#[cfg(unix)]
mod modes {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn mode(p: &Path) -> u32 {
        std::fs::metadata(p).unwrap().permissions().mode() & 0o777
    }

    /// `tifa ARGS` under umask 027.
    fn tifa_with_umask_027(args: &[&str], out: &Path) {
        let bin = assert_cmd::cargo::cargo_bin("tifa");
        Command::new("sh")
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .arg("-c")
            .arg("umask 027 && exec \"$0\" \"$@\"")
            .arg(bin)
            .args(args)
            .arg(out)
            .assert()
            .success();
    }

    #[test]
    fn single_file_outputs_respect_the_umask_and_keep_an_existing_mode() {
        let dir = tempfile::tempdir().unwrap();
        let commands: [&[&str]; 3] = [
            &["plot", "shares", "--out"],
            &["corpus", "normalize", "--out"],
            &["reuse", "--passages"],
        ];
        for (k, args) in commands.iter().enumerate() {
            let new = dir.path().join(format!("new-{k}.csv"));
            tifa_with_umask_027(args, &new);
            assert_eq!(mode(&new), 0o640, "{args:?} new file");
            let old = dir.path().join(format!("old-{k}.csv"));
            std::fs::write(&old, "old").unwrap();
            std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o604)).unwrap();
            tifa_with_umask_027(args, &old);
            assert_eq!(mode(&old), 0o604, "{args:?} replaced file");
            assert_ne!(std::fs::read(&old).unwrap(), b"old");
        }
    }

    #[test]
    fn a_report_directory_respects_the_umask() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("report");
        tifa_with_umask_027(&["report", "--quiet", "--out"], &out);
        assert_eq!(mode(&out), 0o750);
        assert_eq!(mode(&out.join("index.html")), 0o640);
    }
}
