//! Bad inputs and dangerous outputs, end to end: tifa never destroys a user's files or the
//! corpus it reads, leaves nothing temporary behind, and explains every refusal in one line.
//! Each test is named in docs/RELIABILITY.md.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::util::{files, repo, succeeds, tifa};
use assert_cmd::Command;
use assert_cmd::assert::OutputAssertExt;
use predicates::prelude::*;

/// A copy of the bundled corpus (`data/`) in `dir/data`, so that a test that fails by deleting
/// it cannot harm the repository. Returns the manifest's path.
fn corpus_copy(dir: &Path) -> PathBuf {
    let src = repo().join("data");
    let dst = dir.join("data");
    for (rel, bytes) in files(&src) {
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
    let before = files(dir.path());
    for mut c in directory_writers(&manifest, &notes) {
        let out = c.output().unwrap();
        // The files first: that is the promise (tifa before issue 12 deleted them, exit 0).
        assert_eq!(files(dir.path()), before, "a file changed: {c:?}");
        assert_eq!(names(dir.path()), vec!["data", "notes"]);
        out.assert()
            .code(2)
            .stderr(predicate::str::contains("which tifa did not write"))
            .stderr(predicate::str::contains("pass --force"));
    }
}

#[test]
fn out_on_the_corpus_folder_is_refused_even_when_forced() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = corpus_copy(dir.path());
    let data = manifest.parent().unwrap().to_path_buf();
    let before = files(dir.path());
    for force in [false, true] {
        for out in [data.clone(), data.join("raw"), dir.path().to_path_buf()] {
            for mut c in directory_writers(&manifest, &out) {
                if force {
                    c.arg("--force");
                }
                let result = c.output().unwrap();
                assert_eq!(files(dir.path()), before, "the corpus changed: {c:?}");
                assert_eq!(names(dir.path()), vec!["data"]);
                result
                    .assert()
                    .code(2)
                    .stderr(predicate::str::contains("an input of this run"));
            }
        }
    }
}

#[test]
fn out_naming_a_file_fails_before_touching_anything() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("results.csv");
    std::fs::write(&file, "id,score\na,1\n").unwrap();
    for force in [&[][..], &["--force"]] {
        let out = tifa()
            .args(["report", "--quiet", "--out"])
            .arg(&file)
            .args(force)
            .output()
            .unwrap();
        // Before issue 12 the file became a hidden `.tifa-old-results.csv`, a directory took
        // its place, and the command exited 1.
        let kept = std::fs::read(&file).ok();
        assert_eq!(
            kept.as_deref(),
            Some(&b"id,score\na,1\n"[..]),
            "the file was replaced"
        );
        assert_eq!(names(dir.path()), vec!["results.csv"]);
        out.assert()
            .code(2)
            .stderr(predicate::str::contains("exists and is not a directory"));
    }
}

#[test]
fn out_dot_fails_and_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = corpus_copy(dir.path());
    let work = dir.path().join("work");
    std::fs::create_dir(&work).unwrap();
    for force in [&[][..], &["--force"]] {
        for out in [".", "./", "../work"] {
            let result = tifa()
                .current_dir(&work)
                .args(["report", "--quiet", "--corpus"])
                .arg(&manifest)
                .args(["--out", out])
                .args(force)
                .output()
                .unwrap();
            // Before issue 12 this failed with EBUSY and left `.tifa-report-XXXX` behind.
            assert!(names(&work).is_empty(), "{out}: {:?}", names(&work));
            assert_eq!(names(dir.path()), vec!["data", "work"]);
            result
                .assert()
                .code(2)
                .stderr(predicate::str::contains("the current directory"));
        }
    }
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
    run(false).success();
    std::fs::write(out.join("my-notes.txt"), "keep me").unwrap();
    let blocked = run(false);
    // Before issue 12 the notes were deleted with the old report, exit 0.
    let notes = std::fs::read(out.join("my-notes.txt")).ok();
    assert_eq!(
        notes.as_deref(),
        Some(&b"keep me"[..]),
        "the notes were deleted"
    );
    blocked
        .code(2)
        .stderr(predicate::str::contains("my-notes.txt"));
    let marker = std::fs::read_to_string(out.join(".tifa-output")).unwrap();
    assert!(marker.lines().any(|l| l == "index.html"), "{marker}");
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
            .current_dir(repo())
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

#[test]
fn a_single_output_file_never_overwrites_an_input() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = corpus_copy(dir.path());
    let raw = manifest
        .parent()
        .unwrap()
        .join("raw/000_253ca0ffaa04fa11.txt");
    let before = files(dir.path());
    let mut normalize = tifa();
    normalize.args(["corpus", "normalize", "--out"]).arg(&raw);
    let mut plot = tifa();
    plot.args(["plot", "shares", "--out"]).arg(&manifest);
    for mut c in [normalize, plot] {
        c.arg("--corpus")
            .arg(&manifest)
            .assert()
            .code(2)
            .stderr(predicate::str::contains("is an input of this run"));
    }
    assert_eq!(files(dir.path()), before);
}

/// Write `files` (name, bytes) and a manifest `corpus.toml` with `manifest` in a new folder.
fn corpus_of(dir: &Path, manifest: &str, files: &[(&str, &[u8])]) -> PathBuf {
    for (name, bytes) in files {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    let path = dir.join("corpus.toml");
    std::fs::write(&path, manifest).unwrap();
    path
}

/// `tifa corpus check` on `manifest` with `extra` arguments; asserts exit 1 and returns stderr.
fn check_fails(manifest: &Path, extra: &[&str]) -> String {
    let out = tifa()
        .args(["corpus", "check", "--corpus"])
        .arg(manifest)
        .args(extra)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    stderr
}

/// `corpus check` on `manifest` succeeds; its standard output.
fn check_succeeds(manifest: &Path) -> String {
    let out = succeeds(tifa().args(["corpus", "check", "--corpus"]).arg(manifest));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

const TEXT: &str = "会议强调，要坚持外防输入、内防反弹总策略。\n";

#[test]
fn a_field_mapping_naming_a_missing_column_or_key_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let csv = format!("id,text,pubdate\na1,{},2022-01-01\n", TEXT.trim());
    let m = corpus_of(
        dir.path(),
        "name = \"x\"\n[defaults]\nlevel = \"municipal\"\n[[sources]]\npath = \"a.csv\"\nfields = { date = \"date_published\" }\n",
        &[("a.csv", csv.as_bytes())],
    );
    let e = check_fails(&m, &[]);
    assert!(
        e.contains("no column \"date_published\" (named by `fields.date` in the manifest); columns are id, text, pubdate"),
        "{e}"
    );
    let jsonl = format!(
        "{{\"id\":\"a1\",\"text\":\"{}\"}}\n\n{{\"id\":\"a2\",\"text\":\"{}\",\"level\":2}}\n",
        TEXT.trim(),
        TEXT.trim()
    );
    let m = corpus_of(
        dir.path(),
        "name = \"x\"\n[defaults]\nlevel = \"municipal\"\n[[sources]]\npath = \"a.jsonl\"\n",
        &[("a.jsonl", jsonl.as_bytes())],
    );
    let e = check_fails(&m, &[]);
    assert!(
        e.contains("a.jsonl: record 2: line 3: field \"level\" is a number, not a string"),
        "{e}"
    );
}

#[test]
fn empty_files_are_errors_and_globs_skip_hidden_files_like_directories() {
    let dir = tempfile::tempdir().unwrap();
    let m = corpus_of(
        dir.path(),
        "name = \"x\"\n[defaults]\nlevel = \"municipal\"\n[[sources]]\npath = \"docs/*.txt\"\n",
        &[("docs/a.txt", TEXT.as_bytes()), ("docs/b.txt", b" \n\t\n")],
    );
    let e = check_fails(&m, &[]);
    assert!(
        e.contains("docs/b.txt: is empty (or only whitespace)"),
        "{e}"
    );
    std::fs::remove_file(dir.path().join("docs/b.txt")).unwrap();
    std::fs::write(dir.path().join("docs/.draft.txt"), TEXT).unwrap();
    for source in ["docs/*.txt", "docs"] {
        std::fs::write(
            &m,
            format!("name = \"x\"\n[defaults]\nlevel = \"municipal\"\n[[sources]]\npath = \"{source}\"\n"),
        )
        .unwrap();
        assert!(check_succeeds(&m).contains("1 documents"));
    }
}

#[test]
fn bad_ids_and_dates_are_explained() {
    let dir = tempfile::tempdir().unwrap();
    let head = "name = \"x\"\n[defaults]\nlevel = \"municipal\"\n[[sources]]\npath = \"a.txt\"\n[[sources.documents]]\n";
    let files: &[(&str, &[u8])] = &[("a.txt", TEXT.as_bytes())];
    for (doc, says) in [
        (
            "id = \"  \"\n",
            "document id \"  \" is empty or only spaces; an id is printable text",
        ),
        ("id = \"a\\nb\"\n", "holds a control character"),
        (
            "id = \"a\"\ndate = \"0000-01-01\"\n",
            "malformed date \"0000-01-01\"",
        ),
        ("id = \"a\"\ndate = 2022\n", "a date is written as a string"),
    ] {
        let m = corpus_of(dir.path(), &format!("{head}{doc}"), files);
        let e = check_fails(&m, &[]);
        assert!(e.contains(says), "{doc}: {e}");
    }
    let m = corpus_of(
        dir.path(),
        &format!("{head}id = \"a\"\ndate = 2022-03-01\n"),
        files,
    );
    assert!(check_succeeds(&m).contains("2022-03-01"));
}

#[test]
fn a_manifest_reads_only_inside_its_folder_unless_allowed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("outside.txt"), TEXT).unwrap();
    let inner = dir.path().join("pkg");
    std::fs::create_dir(&inner).unwrap();
    let m = corpus_of(
        &inner,
        "name = \"x\"\n[defaults]\nlevel = \"municipal\"\n[[sources]]\npath = \"../outside.txt\"\n",
        &[],
    );
    let e = check_fails(&m, &[]);
    assert!(e.contains("corpus.toml:5: source "), "{e}");
    assert!(e.contains("outside.txt lies outside"), "{e}");
    assert!(e.contains("pass --allow-outside"), "{e}");
    tifa()
        .args(["corpus", "check", "--allow-outside", "--corpus"])
        .arg(&m)
        .assert()
        .success();
    std::fs::write(
        &m,
        "name = \"x\"\nroot = \"..\"\n[defaults]\nlevel = \"municipal\"\n[[sources]]\npath = \"../outside.txt\"\n",
    )
    .unwrap();
    check_succeeds(&m);
    #[cfg(unix)]
    {
        let m = corpus_of(
            &inner,
            "name = \"x\"\n[defaults]\nlevel = \"municipal\"\n[[sources]]\npath = \"link.txt\"\n",
            &[],
        );
        std::os::unix::fs::symlink(dir.path().join("outside.txt"), inner.join("link.txt")).unwrap();
        let e = check_fails(&m, &[]);
        assert!(e.contains("lies outside"), "{e}");
        let m = corpus_of(
            &inner,
            "name = \"x\"\n[defaults]\nlevel = \"municipal\"\n[[sources]]\npath = \"/dev/zero\"\n",
            &[],
        );
        let e = check_fails(&m, &["--allow-outside"]);
        assert!(e.contains("is not a regular file"), "{e}");
    }
}

#[test]
fn control_characters_and_crlf_are_removed_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = "name = \"x\"\n[defaults]\nlevel = \"municipal\"\n[[sources]]\npath = \"*.txt\"\nsplit = \"none\"\n";
    let dirty = "会议强调\u{0}，要坚持\u{1b}[2J外防输入。\r\n内防反弹\u{7f}总策略。\r\n";
    let m = corpus_of(
        dir.path(),
        manifest,
        &[
            ("dirty.txt", dirty.as_bytes()),
            (
                "clean.txt",
                "会议强调，要坚持[2J外防输入。\n内防反弹总策略。\n".as_bytes(),
            ),
        ],
    );
    // What the user sees first (before issue 12 the escape reached the terminal and CRLF
    // changed the character count), then the new `control` counts.
    let shown = tifa()
        .args(["corpus", "show", "dirty", "--corpus"])
        .arg(&m)
        .output()
        .unwrap();
    assert!(shown.status.success());
    assert!(
        !shown.stdout.iter().any(|&b| b < 0x20 && b != b'\n'),
        "{:?}",
        String::from_utf8_lossy(&shown.stdout)
    );
    let (headers, rows) = check_rows(&m);
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    assert_eq!(&rows["dirty"][col("chars")], &rows["clean"][col("chars")]);
    assert_eq!(&rows["dirty"][col("control")], "5");
    assert_eq!(&rows["clean"][col("control")], "0");
}

#[test]
fn undecodable_files_say_what_they_look_like_and_suggest_only_what_tifa_reads() {
    let dir = tempfile::tempdir().unwrap();
    let manifest =
        "name = \"x\"\n[defaults]\nlevel = \"municipal\"\n[[sources]]\npath = \"a.txt\"\n";
    let utf16: Vec<u8> = "Notice 外防输入\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let mut stray = TEXT.repeat(10).into_bytes();
    stray.insert(63, 0xB1);
    let binary: Vec<u8> = (0..=255u8).cycle().take(2048).collect();
    for (bytes, says) in [
        (utf16, "looks like UTF-16LE without a byte-order mark"),
        (
            stray,
            "UTF-8 except for 1 byte sequence(s) that are not UTF-8, at byte offset(s) 63",
        ),
        (binary, "a binary file, not text"),
    ] {
        let m = corpus_of(dir.path(), manifest, &[("a.txt", &bytes)]);
        let e = check_fails(&m, &[]);
        assert!(e.contains(says), "{e}");
        assert!(!e.contains("windows-1252"), "{e}");
    }
}

/// `corpus check --format csv` rows by id.
fn check_rows(manifest: &Path) -> (csv::StringRecord, BTreeMap<String, csv::StringRecord>) {
    let out = succeeds(
        tifa()
            .args(["corpus", "check", "--format", "csv", "--corpus"])
            .arg(manifest),
    );
    let mut r = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = r.headers().unwrap().clone();
    let rows = r
        .records()
        .map(|x| x.unwrap())
        .map(|x| (x[0].to_string(), x))
        .collect();
    (headers, rows)
}

#[test]
fn utf8_lossy_reads_stray_bytes_as_lost_characters_with_offsets_intact() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = "name = \"x\"\n[defaults]\nlevel = \"municipal\"\n\
        [[sources]]\npath = \"a.txt\"\nsplit = \"none\"\nencoding = \"utf-8-lossy\"\n\
        [[sources]]\npath = \"b.csv\"\nencoding = \"utf-8-lossy\"\n";
    let mut stray = TEXT.repeat(3).into_bytes();
    stray.insert(63, 0xB1);
    stray.insert(30, 0xFF);
    let mut csv = b"id,text\nr1,".to_vec();
    csv.extend_from_slice(&[0xC3]);
    csv.extend_from_slice(TEXT.trim().as_bytes());
    csv.extend_from_slice(b"\nr2,");
    csv.extend_from_slice(TEXT.trim().as_bytes());
    csv.push(b'\n');
    let m = corpus_of(dir.path(), manifest, &[("a.txt", &stray), ("b.csv", &csv)]);
    let (headers, rows) = check_rows(&m);
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    assert_eq!(&rows["a"][col("lost_chars")], "2");
    assert_eq!(&rows["a"][col("encoding")], "UTF-8 (lossy)");
    assert_eq!(&rows["r1"][col("lost_chars")], "1");
    assert_eq!(&rows["r2"][col("lost_chars")], "0");
    // Offsets stay those of the file: the document's extent is the whole file, and the text
    // shows U+FFFD where the bytes were.
    let out = succeeds(
        tifa()
            .args(["corpus", "normalize", "--out", "-", "--corpus"])
            .arg(&m),
    );
    let first: serde_json::Value =
        serde_json::from_slice(out.stdout.split(|&b| b == b'\n').next().unwrap()).unwrap();
    assert_eq!(
        first["raw_end"].as_u64(),
        Some(stray.len() as u64),
        "{first}"
    );
    assert!(
        first["text"]
            .as_str()
            .unwrap()
            .starts_with("会议强调，要坚持外防\u{FFFD}输入"),
        "{first}"
    );
}

#[test]
fn csv_cells_a_spreadsheet_would_run_as_formulas_are_neutralized() {
    let dir = tempfile::tempdir().unwrap();
    let m = corpus_of(
        dir.path(),
        "name = \"x\"\n[defaults]\nlevel = \"municipal\"\n[[sources]]\npath = \"a.txt\"\n[[sources.documents]]\nid = \"=HYPERLINK(\\\"http://x\\\")\"\ntitle = \"@SUM(1)\"\n",
        &[("a.txt", TEXT.as_bytes())],
    );
    let out = tifa()
        .args(["corpus", "check", "--format", "csv", "--corpus"])
        .arg(&m)
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut r = csv::Reader::from_reader(out.stdout.as_slice());
    let row = r.records().next().unwrap().unwrap();
    assert_eq!(&row[0], "'=HYPERLINK(\"http://x\")");
    assert_eq!(&row[5], "'@SUM(1)");
    assert!(
        row[9].parse::<usize>().is_ok(),
        "numbers stay numbers: {:?}",
        &row[9]
    );
}

#[test]
fn manners_one_message_quiet_pipes_and_exit_2_for_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    // A directory given as the manifest: the OS message once.
    let out = tifa()
        .args(["corpus", "check", "--corpus"])
        .arg(dir.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.matches("directory").count(), 1, "{stderr}");
    assert_eq!(out.status.code(), Some(1));
    // A missing lexicon names itself.
    tifa()
        .args(["reuse", "--lexicon"])
        .arg(dir.path().join("nope"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "nope: no such directory or file (a lexicon is a directory",
        ));
    // Asking for nothing is a usage error, in every command.
    for args in [
        &["similarity", "--top-k", "0"][..],
        &[
            "similarity",
            "--explain",
            "wuxi-2021-12-12-notice-53",
            "wuxi-2021-12-12-notice-53",
            "--top",
            "0",
        ],
        &["synth", "--rate-edits", "1.5", "--out", "unused"],
    ] {
        tifa().args(args).assert().code(2);
    }
    // sweep --quiet says nothing on standard error.
    tifa()
        .args(["sweep", "--quiet", "--set", "min_passage=8,12", "--out"])
        .arg(dir.path().join("sweep"))
        .assert()
        .success()
        .stderr("");
    // One document: the reason is said in terms of the corpus.
    let m = corpus_of(
        &dir.path().join("one"),
        "name = \"x\"\n[defaults]\nlevel = \"municipal\"\n[[sources]]\npath = \"a.txt\"\n",
        &[("a.txt", TEXT.as_bytes())],
    );
    tifa()
        .args(["plot", "shares", "--out"])
        .arg(dir.path().join("one.svg"))
        .arg("--corpus")
        .arg(&m)
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "the corpus needs at least 2, it has 1",
        ));
}

#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("tifa"))
        .current_dir(repo())
        // More than a pipe holds, so the write fails even if it starts before the close.
        .args(["reuse", "--quiet", "--format", "json"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{out:?}");
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A manifest named by its bare file name, from its own folder: its folder is the current
/// directory (the empty parent path once made `--out` fail with "cannot make an empty path
/// absolute").
#[test]
fn a_bare_manifest_name_in_its_own_folder_works_with_out() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = corpus_copy(dir.path());
    let folder = manifest.parent().unwrap();
    let mut cmd = Command::cargo_bin("tifa").unwrap();
    cmd.current_dir(folder)
        .args([
            "corpus",
            "normalize",
            "--corpus",
            "corpus.toml",
            "--out",
            "normalized.jsonl",
        ])
        .assert()
        .success();
    let written = std::fs::read_to_string(folder.join("normalized.jsonl")).unwrap();
    assert_eq!(written.lines().count(), 10);
    assert!(written.contains("\"id\":\"wuxi-2021-12-12-secretary\""));
}
