//! What every test module shares: the CLI under test, run from the repository root, and the
//! bundled corpus.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The repository root (where `data/corpus.toml` is).
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The tifa binary, run from the repository root so that the bundled corpus is the default.
pub fn tifa() -> Command {
    let mut c = Command::cargo_bin("tifa").expect("binary built");
    c.current_dir(repo());
    c
}

/// The bundled corpus manifest.
pub fn bundled_manifest() -> PathBuf {
    repo().join("data/corpus.toml")
}

/// The bundled corpus, loaded through the library.
pub fn bundled_corpus() -> tifa::Corpus {
    tifa::corpus::load(&bundled_manifest()).expect("bundled corpus loads")
}

/// Every file under `dir` with its bytes, by relative `/` path: to compare directories before
/// and after, or with each other.
pub fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
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
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    out
}

/// Runs `cmd`, which must succeed (else the test fails showing its stderr), and returns its
/// output.
pub fn succeeds(cmd: &mut Command) -> std::process::Output {
    let out = cmd.output().expect("tifa runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}
