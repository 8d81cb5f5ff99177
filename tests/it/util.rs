//! What every test module shares: the CLI under test, run from the repository root, and the
//! bundled corpus.

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
