use super::*;

#[test]
fn the_empty_path_resolves_to_the_current_directory() {
    let here = std::env::current_dir().unwrap().canonicalize().unwrap();
    assert_eq!(resolve(Path::new("")).unwrap(), here);
    assert_eq!(resolve(Path::new(".")).unwrap(), here);
}

fn bundle(files: &[(&str, &str)]) -> Bundle {
    let mut b = Bundle::default();
    for (path, text) in files {
        b.add(*path, *text);
    }
    b
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn write_dir_replaces_its_own_output_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rep");
    let policy = OutputPolicy::default();
    write_dir(
        &bundle(&[("index.html", "one"), ("charts/a.svg", "<svg/>")]),
        &out,
        &policy,
    )
    .unwrap();
    assert_eq!(
        std::fs::read_to_string(out.join("charts/a.svg")).unwrap(),
        "<svg/>"
    );
    assert_eq!(
        std::fs::read_to_string(out.join(MARKER)).unwrap(),
        format!("{MARKER_HEADER}charts/a.svg\nindex.html\n")
    );
    write_dir(&bundle(&[("index.html", "two")]), &out, &policy).unwrap();
    assert_eq!(
        std::fs::read_to_string(out.join("index.html")).unwrap(),
        "two"
    );
    assert!(!out.join("charts").exists(), "old files are gone");
    assert_eq!(names(dir.path()), vec!["rep".to_string()]);
}

#[test]
fn a_file_tifa_did_not_write_blocks_replacement_unless_forced() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("rep");
    write_dir(
        &bundle(&[("index.html", "one")]),
        &out,
        &OutputPolicy::default(),
    )
    .unwrap();
    std::fs::write(out.join("notes.txt"), "mine").unwrap();
    let e = write_dir(
        &bundle(&[("index.html", "two")]),
        &out,
        &OutputPolicy::default(),
    )
    .unwrap_err();
    assert!(
        matches!(&e, Error::OutputRefused { forceable: true, reason, .. } if reason.contains("notes.txt")),
        "{e}"
    );
    assert_eq!(std::fs::read(out.join("notes.txt")).unwrap(), b"mine");
    assert_eq!(names(dir.path()), vec!["rep".to_string()]);
    let forced = OutputPolicy {
        force: true,
        ..Default::default()
    };
    write_dir(&bundle(&[("index.html", "two")]), &out, &forced).unwrap();
    assert!(!out.join("notes.txt").exists());
}

#[test]
fn an_empty_directory_is_filled_and_a_file_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    write_dir(&bundle(&[("a", "1")]), &empty, &OutputPolicy::default()).unwrap();
    assert_eq!(std::fs::read(empty.join("a")).unwrap(), b"1");

    let file = dir.path().join("file");
    std::fs::write(&file, "keep").unwrap();
    let forced = OutputPolicy {
        force: true,
        ..Default::default()
    };
    let e = write_dir(&bundle(&[("a", "1")]), &file, &forced).unwrap_err();
    assert!(e.to_string().contains("not a directory"), "{e}");
    assert_eq!(std::fs::read(&file).unwrap(), b"keep");
    assert_eq!(names(dir.path()), vec!["empty", "file"]);
}

#[test]
fn inputs_are_never_replaced_even_when_forced() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir_all(data.join("raw")).unwrap();
    std::fs::write(data.join("raw/a.txt"), "text").unwrap();
    let policy = OutputPolicy {
        inputs: vec![data.join("raw/a.txt"), data.clone()],
        read_dirs: vec![data.join("raw")],
        force: true,
    };
    for out in [data.clone(), dir.path().to_path_buf(), data.join("raw/../")] {
        let e = check_output(&out, &policy).unwrap_err();
        assert!(
            matches!(
                e,
                Error::OutputRefused {
                    forceable: false,
                    ..
                }
            ),
            "{}: {e}",
            out.display()
        );
    }
    let unforced = OutputPolicy {
        force: false,
        ..policy.clone()
    };
    let e = check_output(&data.join("raw/report"), &unforced).unwrap_err();
    assert!(e.to_string().contains("a folder this run reads"), "{e}");
    assert!(check_output(&data.join("raw/report"), &policy).is_ok());
    assert!(check_output(&data.join("report"), &unforced).is_ok());
}

#[test]
fn resolve_handles_dots_beyond_what_exists() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().canonicalize().unwrap();
    assert_eq!(
        resolve(&dir.path().join("a/b/../c")).unwrap(),
        base.join("a/c")
    );
    assert_eq!(resolve(&dir.path().join(".")).unwrap(), base);
}
