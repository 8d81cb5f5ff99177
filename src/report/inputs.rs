//! The input files of a run, with their SHA-256, so that a report names exactly what it read:
//! the manifest, every corpus file, and the lexicon, user dictionary and stopword files when they
//! were given instead of the bundled ones.
//!
//! The loaders (corpus, lexicon, tokenizer) read their files themselves, so the hashes are taken
//! from the same files at the moment the run starts and checked again when it ends: a file that
//! changed in between makes the run fail instead of recording bytes that were never analysed.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::corpus::Corpus;
use crate::error::{Error, Result};

/// Input files given by path besides the corpus (None: the bundled one, which the tifa version
/// identifies).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InputPaths {
    /// Lexicon directory (its `*.toml` files are read).
    pub lexicon: Option<PathBuf>,
    pub userdict: Option<PathBuf>,
    pub stopwords: Option<PathBuf>,
}

/// One input file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputFile {
    /// `manifest`, `corpus`, `lexicon`, `userdict` or `stopwords`.
    pub role: &'static str,
    /// Path as in the manifest (relative to it), the manifest's file name, or the path as given.
    pub path: String,
    pub bytes: u64,
    pub sha256: String,
    /// Where it was read from (not recorded: run.json must not depend on the working directory).
    #[serde(skip)]
    pub location: PathBuf,
}

/// Hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn describe(role: &'static str, shown: String, path: &Path) -> Result<InputFile> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    Ok(InputFile {
        role,
        path: shown,
        bytes: bytes.len() as u64,
        sha256: sha256_hex(&bytes),
        location: path.to_path_buf(),
    })
}

/// The manifest (shown by its file name) and every source file the corpus's documents came
/// from, sorted by path. Corpora built in memory have no inputs.
pub fn of_corpus(corpus: &Corpus) -> Result<Vec<InputFile>> {
    let Some(manifest) = &corpus.manifest else {
        return Ok(Vec::new());
    };
    let base = manifest.parent().unwrap_or(Path::new("."));
    let name = manifest
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let mut out = vec![describe("manifest", name, manifest)?];
    let files: BTreeSet<&str> = corpus
        .documents
        .iter()
        .map(|d| d.provenance.file.as_str())
        .collect();
    for f in files {
        out.push(describe("corpus", f.to_string(), &base.join(f))?);
    }
    Ok(out)
}

/// The `*.toml` files of a lexicon directory in file-name order, as the lexicon reads them.
fn lexicon_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    paths.sort();
    Ok(paths)
}

/// Every input of a run: the corpus's, then the lexicon files, the user dictionary and the
/// stopword list that were given by path.
pub fn of_run(corpus: &Corpus, paths: &InputPaths) -> Result<Vec<InputFile>> {
    let mut out = of_corpus(corpus)?;
    if let Some(dir) = &paths.lexicon {
        for f in lexicon_files(dir)? {
            out.push(describe("lexicon", f.display().to_string(), &f)?);
        }
    }
    for (role, path) in [
        ("userdict", &paths.userdict),
        ("stopwords", &paths.stopwords),
    ] {
        if let Some(p) = path {
            out.push(describe(role, p.display().to_string(), p)?);
        }
    }
    Ok(out)
}

/// Check that every recorded file still has the bytes it had when the run started.
pub fn verify_unchanged(recorded: &[InputFile]) -> Result<()> {
    for f in recorded {
        let now = describe(f.role, f.path.clone(), &f.location)?;
        if now.sha256 != f.sha256 {
            return Err(Error::InvalidArgument(format!(
                "{}: the file changed while the report was being computed; run it again on a file that stays put",
                f.location.display()
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_known_text() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn word_lists_and_lexicon_files_are_recorded_and_checked() {
        let dir = tempfile::tempdir().unwrap();
        let lex = dir.path().join("lex");
        std::fs::create_dir(&lex).unwrap();
        std::fs::write(lex.join("b.toml"), "x").unwrap();
        std::fs::write(lex.join("a.toml"), "abc").unwrap();
        std::fs::write(lex.join("notes.txt"), "ignored").unwrap();
        let stop = dir.path().join("stop.txt");
        std::fs::write(&stop, "的\n").unwrap();
        let paths = InputPaths {
            lexicon: Some(lex.clone()),
            userdict: None,
            stopwords: Some(stop.clone()),
        };
        let corpus = Corpus::from_documents("t", Vec::new());
        let rec = of_run(&corpus, &paths).unwrap();
        let roles: Vec<&str> = rec.iter().map(|f| f.role).collect();
        assert_eq!(roles, ["lexicon", "lexicon", "stopwords"]);
        assert!(rec[0].path.ends_with("a.toml"));
        assert_eq!(
            rec[0].sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        verify_unchanged(&rec).unwrap();
        std::fs::write(&stop, "了\n").unwrap();
        let e = verify_unchanged(&rec).unwrap_err();
        assert!(e.to_string().contains("changed"), "{e}");
    }
}
