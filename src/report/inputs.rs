//! The input files of a run, with their SHA-256, so that a report names exactly what it read.

use std::collections::BTreeSet;
use std::path::Path;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::corpus::Corpus;
use crate::error::{Error, Result};

/// One input file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputFile {
    /// Path as in the manifest (relative to it), or the manifest's own path.
    pub path: String,
    pub bytes: u64,
    pub sha256: String,
}

/// Hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn describe(shown: String, path: &Path) -> Result<InputFile> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    Ok(InputFile {
        path: shown,
        bytes: bytes.len() as u64,
        sha256: sha256_hex(&bytes),
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
    let mut out = vec![describe(name, manifest)?];
    let files: BTreeSet<&str> = corpus
        .documents
        .iter()
        .map(|d| d.provenance.file.as_str())
        .collect();
    for f in files {
        out.push(describe(f.to_string(), &base.join(f))?);
    }
    Ok(out)
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
}
