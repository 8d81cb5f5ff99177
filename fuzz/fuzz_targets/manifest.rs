//! Fuzz target: a manifest (`corpus.toml`) and one data file, loaded as a whole corpus:
//! TOML parsing, the schema, ids and dates, path expansion (files, directories, globs) inside
//! the manifest's folder, format inference, decoding, CSV/JSONL records, normalization and
//! splitting. The input is the manifest text, then a NUL, then the bytes written to the data
//! files `doc.txt`, `doc.csv` and `doc.jsonl` beside it (the same bytes in each). Loading may fail
//! with a typed error, never a panic; a loaded corpus has unique ids and documents whose raw
//! extents lie inside their files.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use tifa::corpus::{LoadOptions, load_with};
use tifa::normalize::NormalizeOptions;

/// One folder per fuzzing process, rewritten for every input (held for the process's life).
fn folder() -> &'static Path {
    static DIR: OnceLock<tempfile::TempDir> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temporary folder");
        std::fs::create_dir(dir.path().join("sub")).expect("sub folder");
        std::fs::write(
            dir.path().join("sub/a.txt"),
            "本报讯 外防输入，内防反弹。\n",
        )
        .expect("a");
        std::fs::write(dir.path().join("sub/b.md"), "# 标题\n\n坚持动态清零。\n").expect("b");
        dir
    })
    .path()
}

fuzz_target!(|data: &[u8]| {
    let (toml, file) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (data, &[][..]),
    };
    let Ok(toml) = std::str::from_utf8(toml) else {
        return;
    };
    let dir = folder();
    // Parsing alone, without touching the file system.
    let parsed = tifa::source::manifest::parse(&dir.join("corpus.toml"), toml.to_owned());
    let manifest: PathBuf = dir.join("corpus.toml");
    for name in ["doc.txt", "doc.csv", "doc.jsonl"] {
        std::fs::write(dir.join(name), file).expect("data file");
    }
    std::fs::write(&manifest, toml).expect("manifest");
    let options = LoadOptions {
        // OpenCC's tables take longer to load than a small corpus takes to normalize; the
        // normalize target covers Traditional → Simplified.
        normalize: NormalizeOptions {
            traditional: false,
            ..NormalizeOptions::default()
        },
        allow_outside: false,
    };
    match load_with(&manifest, &options) {
        Ok(corpus) => {
            assert!(parsed.is_ok(), "loaded a manifest that does not parse");
            let mut ids = std::collections::BTreeSet::new();
            for d in &corpus.documents {
                assert!(ids.insert(d.id().to_owned()), "duplicate id {:?}", d.id());
                let p = &d.provenance;
                assert!(p.raw_start <= p.raw_end, "{p:?}");
                let len = std::fs::metadata(dir.join(&p.file)).map_or(u64::MAX, |m| m.len());
                assert!(p.raw_end as u64 <= len, "{p:?} past its file ({len} bytes)");
            }
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
});
