//! The corpus: a manifest's documents, decoded, normalized and split, in manifest order.

use std::path::{Path, PathBuf};

use crate::document::{Document, Level};
use crate::error::{Error, Result};

/// A loaded corpus. Documents are in manifest order and ids are unique.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// Name given by the manifest (`seeds` for the bundled corpus).
    pub name: String,
    /// The manifest file this corpus was loaded from (None for corpora built in memory).
    pub manifest: Option<PathBuf>,
    pub documents: Vec<Document>,
}

impl Corpus {
    /// A corpus built in memory (tests, benchmarks, synthetic data).
    pub fn from_documents(name: impl Into<String>, documents: Vec<Document>) -> Self {
        Corpus {
            name: name.into(),
            manifest: None,
            documents,
        }
    }

    pub fn get(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.meta.id == id)
    }

    /// The document with `id`, or an error listing the known ids.
    pub fn require(&self, id: &str) -> Result<&Document> {
        self.get(id).ok_or_else(|| {
            let known: Vec<&str> = self.documents.iter().map(|d| d.id()).collect();
            Error::NotFound(format!(
                "no document with id {id:?}; known ids: {}",
                known.join(", ")
            ))
        })
    }

    pub fn by_level(&self, level: Level) -> impl Iterator<Item = &Document> {
        self.documents.iter().filter(move |d| d.meta.level == level)
    }
}

/// Load the corpus described by the manifest at `path`.
pub fn load(path: &Path) -> Result<Corpus> {
    Err(Error::Internal(format!(
        "corpus loading is not implemented yet ({})",
        path.display()
    )))
}
