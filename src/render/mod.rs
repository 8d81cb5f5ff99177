//! Rendering: tables (text, CSV, JSON, Parquet), corpus summaries and atomic file output.

pub mod charts;
pub mod corpus;
pub mod evidence;
pub mod html;
pub mod parquet;
pub mod reuse;
pub mod scores;
pub mod sweep;
pub mod table;

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Write `contents` to `path` atomically: a temporary file in the same directory, then a rename,
/// so readers never see a half-written file and a failure leaves any old file intact.
pub fn write_atomic(path: &Path, contents: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".tifa-")
        .tempfile_in(dir)
        .map_err(|e| Error::io(dir, e))?;
    tmp.write_all(contents).map_err(|e| Error::io(path, e))?;
    tmp.as_file().sync_all().map_err(|e| Error::io(path, e))?;
    tmp.persist(path).map_err(|e| Error::io(path, e.error))?;
    Ok(())
}
