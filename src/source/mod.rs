//! Sources: the manifest and the files it names (text files, directories, globs, CSV, JSONL),
//! read as bytes and decoded. Input files are only ever read.

mod digest;
pub mod manifest;
pub mod records;

use std::path::{Path, PathBuf};

use crate::decode::{self, Decoded, EncodingChoice};
use crate::error::{Error, Result};
use manifest::{LoadedManifest, SourceEntry, SourceFormat};

pub use digest::{InputFile, sha256_hex};

/// One input file of a source.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path as shown to users: relative to the manifest's directory, with `/` separators.
    pub display: String,
    pub path: PathBuf,
}

/// Is this path pattern a glob? (The one test: `expand` globs it, and `corpus` does not treat it
/// as one named file.)
pub(crate) fn is_glob(p: &str) -> bool {
    p.contains(['*', '?', '['])
}

/// The files a source entry names, sorted by path for determinism.
pub(crate) fn expand(m: &LoadedManifest, entry: &SourceEntry) -> Result<Vec<SourceFile>> {
    let base = m.base_dir();
    let pattern = entry.path.get_ref();
    let joined = base.join(pattern);
    let display = |p: &Path| {
        p.strip_prefix(base)
            .unwrap_or(p)
            .to_string_lossy()
            .replace('\\', "/")
    };
    // Globs and directories agree: hidden files (`.name`) are left out unless a pattern spells
    // the dot; an entry that cannot be read is an error, not a silent gap in the corpus.
    let mut files: Vec<PathBuf> = if is_glob(pattern) {
        let pat = joined.to_string_lossy().to_string();
        let options = glob::MatchOptions {
            require_literal_leading_dot: true,
            ..Default::default()
        };
        let paths = glob::glob_with(&pat, options).map_err(|e| {
            m.error_at(
                entry.path.span(),
                format!("bad glob pattern {pattern:?}: {e}"),
            )
        })?;
        let mut files = Vec::new();
        for p in paths {
            let p = p.map_err(|e| {
                let path = e.path().to_path_buf();
                Error::io(path, e.into())
            })?;
            if p.is_file() {
                files.push(p);
            }
        }
        files
    } else if joined.is_dir() {
        let mut files = Vec::new();
        for e in std::fs::read_dir(&joined).map_err(|e| Error::io(&joined, e))? {
            let p = e.map_err(|e| Error::io(&joined, e))?.path();
            if p.is_file() && !is_hidden(&p) {
                files.push(p);
            }
        }
        files
    } else if joined.is_file() {
        vec![joined.clone()]
    } else if joined.exists() {
        return Err(m.error_at(
            entry.path.span(),
            format!(
                "source {pattern:?} ({}) is not a regular file or directory; name a file tifa can read to its end",
                joined.display()
            ),
        ));
    } else {
        return Err(m.error_at(
            entry.path.span(),
            format!(
                "source {pattern:?} not found (looked for {}); paths are relative to the manifest's directory",
                joined.display()
            ),
        ));
    };
    if files.is_empty() {
        return Err(m.error_at(
            entry.path.span(),
            format!("source {pattern:?} matches no files"),
        ));
    }
    files.sort();
    if !m.allow_outside {
        check_inside_root(m, entry, &files)?;
    }
    Ok(files
        .into_iter()
        .map(|p| SourceFile {
            display: display(&p),
            path: p,
        })
        .collect())
}

/// What a manifest makes a run read: every path (the manifest, its folder, each source file and
/// source folder) and the folders named as directory sources, whose files are all read. Outputs
/// must stay clear of them (`render::bundle::OutputPolicy`).
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    pub paths: Vec<PathBuf>,
    pub read_dirs: Vec<PathBuf>,
}

/// The folder a manifest's sources must lie inside, resolved (symbolic links followed).
pub fn root(m: &LoadedManifest) -> Result<PathBuf> {
    let root = match &m.manifest.root {
        Some(r) => m.base_dir().join(r.get_ref()),
        None => m.base_dir().to_path_buf(),
    };
    let root = if root.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        root
    };
    root.canonicalize().map_err(|e| match &m.manifest.root {
        Some(r) => m.error_at(r.span(), format!("root {:?}: {e}", r.get_ref())),
        None => Error::io(&root, e),
    })
}

/// Refuse files that resolve (after symbolic links) to a place outside the manifest's root.
fn check_inside_root(m: &LoadedManifest, entry: &SourceEntry, files: &[PathBuf]) -> Result<()> {
    let root = root(m)?;
    for f in files {
        let real = f.canonicalize().map_err(|e| Error::io(f, e))?;
        if !real.starts_with(&root) {
            return Err(Error::OutsideRoot {
                manifest: m.path.clone(),
                line: Some(m.line_of(entry.path.span().start)),
                path: real,
                root,
            });
        }
    }
    Ok(())
}

/// The inputs of the manifest at `manifest_path` (listed wherever they are: nothing is read).
pub fn inputs(manifest_path: &Path) -> Result<Inputs> {
    let mut m = manifest::read(manifest_path)?;
    m.allow_outside = true;
    let mut out = Inputs {
        paths: vec![m.path.clone(), m.base_dir().to_path_buf()],
        read_dirs: Vec::new(),
    };
    for entry in &m.manifest.sources {
        let joined = m.base_dir().join(entry.path.get_ref());
        if joined.is_dir() {
            out.paths.push(joined.clone());
            out.read_dirs.push(joined);
        }
        out.paths
            .extend(expand(&m, entry)?.into_iter().map(|f| f.path));
    }
    Ok(out)
}

fn is_hidden(p: &Path) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

/// Format of a source: explicit, else from the extension (`.csv`, `.jsonl`/`.ndjson`), else text.
pub(crate) fn format_of(entry: &SourceEntry, file: &SourceFile) -> SourceFormat {
    entry.format.unwrap_or_else(|| {
        match file
            .path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("csv") => SourceFormat::Csv,
            Some("jsonl" | "ndjson") => SourceFormat::Jsonl,
            _ => SourceFormat::Text,
        }
    })
}

/// Read and decode one file; also the record of the bytes read.
pub fn read(file: &SourceFile, encoding: EncodingChoice) -> Result<(Decoded, InputFile)> {
    let bytes = std::fs::read(&file.path).map_err(|e| Error::io(&file.display, e))?;
    if bytes.len() > u32::MAX as usize {
        return Err(Error::Source {
            path: file.display.clone().into(),
            record: None,
            message: "files larger than 4 GiB are not supported; split the file".into(),
        });
    }
    // Hashing the bytes for the run record is independent of decoding them.
    let (decoded, read) = rayon::join(
        || decode::decode(&bytes, Path::new(&file.display), encoding),
        || InputFile::of("corpus", file.display.clone(), &bytes),
    );
    let decoded = decoded?;
    if decoded.text.as_str().trim().is_empty() {
        return Err(Error::Source {
            path: file.display.clone().into(),
            record: None,
            message: "is empty (or only whitespace); delete it or leave it out of the manifest"
                .into(),
        });
    }
    Ok((decoded, read))
}
