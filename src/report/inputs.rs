//! The input files of a run, as run.json records them: the manifest, every corpus file, and the
//! lexicon, user dictionary and stopword files when they were given instead of the bundled ones.
//!
//! Each loader (corpus, lexicon, analyzer) records the files it read with the SHA-256 of the
//! bytes it read; this module only puts those records in order. Nothing is read twice, so the
//! hashes are of exactly the bytes analysed.

use std::path::PathBuf;

use crate::corpus::Corpus;
use crate::reuse::lexicon::Lexicon;

pub use crate::source::{InputFile, sha256_hex};

/// The word lists given by path instead of the bundled ones (None: bundled).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InputPaths {
    pub userdict: Option<PathBuf>,
    pub stopwords: Option<PathBuf>,
}

/// Every input of a run: the corpus's (manifest, then files by path), the lexicon files read, then
/// the word lists the analyzer read.
pub fn of_run(corpus: &Corpus, lexicon: &Lexicon, word_lists: &[InputFile]) -> Vec<InputFile> {
    let mut out = corpus.inputs.clone();
    out.extend(lexicon.files.iter().cloned());
    out.extend(word_lists.iter().cloned());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::tokens::{Analyzer, TokenParams};

    #[test]
    fn lexicon_files_and_word_lists_are_recorded_as_read() {
        let dir = tempfile::tempdir().unwrap();
        let lex = dir.path().join("lex");
        std::fs::create_dir(&lex).unwrap();
        std::fs::write(
            lex.join("b.toml"),
            "level = \"central\"\n[[formulation]]\nid = \"b1\"\ntext = \"动态清零\"\n",
        )
        .unwrap();
        std::fs::write(lex.join("a.toml"), "level = \"central\"\n").unwrap();
        std::fs::write(lex.join("notes.txt"), "ignored").unwrap();
        let stop = dir.path().join("stop.txt");
        std::fs::write(&stop, "的\n").unwrap();
        let lexicon = Lexicon::from_dir(&lex).unwrap();
        let analyzer =
            Analyzer::with_lists(&TokenParams::default(), &[], None, Some(stop.as_path())).unwrap();
        // Changing a file after it was read does not change what the run records.
        std::fs::write(&stop, "了了\n").unwrap();
        let corpus = Corpus::from_documents("t", Vec::new());
        let rec = of_run(&corpus, &lexicon, analyzer.lists_read());
        let roles: Vec<&str> = rec.iter().map(|f| f.role).collect();
        assert_eq!(roles, ["lexicon", "lexicon", "stopwords"]);
        assert!(rec[0].path.ends_with("a.toml"));
        assert_eq!(
            rec[0].sha256,
            sha256_hex("level = \"central\"\n".as_bytes())
        );
        assert_eq!(rec[2].sha256, sha256_hex("的\n".as_bytes()));
        assert_eq!(rec[2].bytes, 4);
    }
}
