//! The corpus: a manifest's documents, decoded, normalized and split, in manifest order.

mod documents;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::document::Document;
use crate::error::{Error, Result};
use crate::normalize::{NormalizeOptions, Normalizer};
use crate::source::manifest::{self, LoadedManifest, SourceEntry};
use crate::source::{self, InputFile, SourceFile};

/// A loaded corpus. Documents are in manifest order and ids are unique.
#[derive(Debug, Clone)]
pub struct Corpus {
    /// Phrases the manifest excludes from reuse (institution names ...).
    pub exclude: Vec<String>,
    /// Name given by the manifest (`seeds` for the bundled corpus).
    pub name: String,
    /// The manifest file this corpus was loaded from (None for corpora built in memory).
    pub manifest: Option<PathBuf>,
    /// What loading read: the manifest, then every source file by path (empty for corpora built
    /// in memory).
    pub inputs: Vec<InputFile>,
    pub documents: Vec<Document>,
}

impl Corpus {
    /// A corpus built in memory (tests, benchmarks, synthetic data).
    pub fn from_documents(name: impl Into<String>, documents: Vec<Document>) -> Self {
        Corpus {
            name: name.into(),
            manifest: None,
            inputs: Vec::new(),
            exclude: Vec::new(),
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
}

/// How to load a corpus.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    pub normalize: NormalizeOptions,
    /// Read sources outside the manifest's root too.
    pub allow_outside: bool,
}

/// Load the corpus described by the manifest at `path` with default options.
pub fn load(path: &Path) -> Result<Corpus> {
    load_with(path, &LoadOptions::default())
}

/// Load the corpus described by the manifest at `path`.
///
/// Files are read, decoded, normalized and split in parallel, and the records of a CSV or JSONL
/// file are normalized in parallel; documents are collected in manifest order and the first
/// error in that order is the one reported, whatever the thread count.
pub fn load_with(path: &Path, options: &LoadOptions) -> Result<Corpus> {
    let mut m = manifest::read(path)?;
    m.allow_outside = options.allow_outside;
    let normalizer = Normalizer::new(options.normalize)?;
    let mut inputs = Vec::new();
    for entry in &m.manifest.sources {
        inputs.extend(source_inputs(&m, entry)?);
    }
    let per_file: Vec<Result<(Vec<Document>, InputFile)>> = inputs
        .into_par_iter()
        .map(|input| documents::file_documents(&m, input, &normalizer))
        .collect();
    let mut documents = Vec::new();
    let mut files = Vec::new();
    for read in per_file {
        let (docs, file) = read?;
        documents.extend(docs);
        files.push(file);
    }
    check_unique(&m, &documents)?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files.dedup_by(|a, b| a.path == b.path);
    let mut read = vec![m.input_file()];
    read.extend(files);
    Ok(Corpus {
        name: m.manifest.name.clone(),
        manifest: Some(m.path.clone()),
        inputs: read,
        exclude: m.manifest.exclude.clone(),
        documents,
    })
}

fn check_unique(m: &LoadedManifest, docs: &[Document]) -> Result<()> {
    let mut seen = std::collections::HashMap::new();
    for d in docs {
        if let Some(prev) = seen.insert(d.id(), &d.provenance) {
            return Err(Error::Manifest {
                path: m.path.clone(),
                line: None,
                message: format!(
                    "duplicate document id {:?} (from {} and {}); give the documents distinct ids in the manifest",
                    d.id(),
                    prev.file,
                    d.provenance.file
                ),
            });
        }
    }
    Ok(())
}

/// One input file with the source entry that names it.
struct Input<'m> {
    entry: &'m SourceEntry,
    file: SourceFile,
    /// The entry names exactly this one file (not a directory or glob): its articles are
    /// split automatically and matched to the entry's documents in order.
    single_file: bool,
}

/// The files of one source entry, in path order.
fn source_inputs<'m>(m: &LoadedManifest, entry: &'m SourceEntry) -> Result<Vec<Input<'m>>> {
    let files = source::expand(m, entry)?;
    let single_file = files.len() == 1
        && !source::is_glob(entry.path.get_ref())
        && !m.base_dir().join(entry.path.get_ref()).is_dir();
    Ok(files
        .into_iter()
        .map(|file| Input {
            entry,
            file,
            single_file,
        })
        .collect())
}
