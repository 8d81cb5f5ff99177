//! What a run read: each input file named as the user knows it, with its size and the SHA-256
//! of the bytes the loader actually read (not of a second read, which could see other bytes).

use serde::Serialize;
use sha2::{Digest, Sha256};

/// One input file of a run, as recorded in run.json.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct InputFile {
    /// `manifest`, `corpus`, `lexicon`, `userdict` or `stopwords`.
    pub role: &'static str,
    /// Path as in the manifest (relative to it), the manifest's file name, or the path as given.
    pub path: String,
    pub bytes: u64,
    pub sha256: String,
}

impl InputFile {
    /// Record `bytes`, read from the file shown as `path`.
    pub fn of(role: &'static str, path: impl Into<String>, bytes: &[u8]) -> Self {
        InputFile {
            role,
            path: path.into(),
            bytes: bytes.len() as u64,
            sha256: sha256_hex(bytes),
        }
    }
}

/// Hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_known_text() {
        let f = InputFile::of("corpus", "a.txt", b"abc");
        assert_eq!(
            f.sha256,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(f.bytes, 3);
    }
}
