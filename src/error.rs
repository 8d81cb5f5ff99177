//! Typed library errors. Errors about input name the place (file, line, byte offset, record)
//! and, where one exists, the fix; errors about arguments name the parameter (never a CLI flag)
//! or the thing asked for; `Internal` is a bundled resource failing. The binary adds context with
//! `anyhow` and prints one line.

use std::path::PathBuf;

/// Errors produced by the tifa library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// A manifest that cannot be read as intended. `line` is 1-based when known.
    #[error("{path}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Manifest {
        path: PathBuf,
        line: Option<usize>,
        message: String,
    },

    /// A source path that leads outside the folder a manifest may read.
    #[error("{manifest}{}: source {path} lies outside {root}, the folder this manifest may read; \
             set `root = \"…\"` in the manifest to a folder that holds it", line.map(|l| format!(":{l}")).unwrap_or_default())]
    OutsideRoot {
        manifest: PathBuf,
        line: Option<usize>,
        path: PathBuf,
        root: PathBuf,
    },

    /// Bytes that no supported encoding explains.
    #[error("{path}: byte offset {offset}: {message}")]
    Decode {
        path: PathBuf,
        offset: usize,
        message: String,
    },

    /// A source file whose content does not fit the manifest (CSV/JSONL record, split count ...).
    #[error("{path}{}: {message}", record.map(|r| format!(": record {r}")).unwrap_or_default())]
    Source {
        path: PathBuf,
        record: Option<usize>,
        message: String,
    },

    /// A request that names something that does not exist (a document id, a column ...).
    #[error("{0}")]
    NotFound(String),

    /// An output location that tifa will not write, because that could destroy something it did
    /// not write. `forceable`: the caller may override the refusal (the directory is not an
    /// input of the run, only not tifa's).
    #[error("{path}: {reason}")]
    OutputRefused {
        path: PathBuf,
        reason: String,
        forceable: bool,
    },

    /// Bad parameter values given by the caller.
    #[error("{0}")]
    InvalidArgument(String),

    /// A parameter value out of its range, named as sweeps name it (`min_passage`); the CLI
    /// spells the name as its flag (`--min-passage`).
    #[error("{name} {message}")]
    Parameter { name: &'static str, message: String },

    /// Failures of bundled resources (dictionaries, tables) that are not the user's fault.
    #[error("internal error: {0}")]
    Internal(String),
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
