//! Output directories: a `Bundle` of files held in memory, and `write_dir`, which writes it to a
//! directory atomically and only where that cannot destroy anything the user did not ask tifa to
//! write.
//!
//! The rule: a directory is replaced only if it does not exist, is empty, or holds exactly the
//! files listed in its `.tifa-output` marker (which `write_dir` writes). Anything else is refused
//! unless the caller forces it, and an output that is or holds an input of the run, or the
//! current directory, is refused even then.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Result};
use crate::render::table::{Format, Table};

/// The marker file `write_dir` puts in every directory it writes: one relative path per line
/// after a comment, the files tifa wrote there.
pub const MARKER: &str = ".tifa-output";

const MARKER_HEADER: &str =
    "# Written by tifa. tifa replaces this directory only while it holds just these files.\n";

/// The files of an output directory, by path relative to it (sorted, so output is reproducible).
#[derive(Debug, Default, Clone)]
pub struct Bundle {
    pub files: BTreeMap<String, Vec<u8>>,
    /// The formats `add_table` writes.
    pub tables: TableFormats,
}

/// Which files each table of a bundle becomes: `tables/NAME.csv`, `.json`, `.parquet`. At
/// least one; CSV and JSON unless asked otherwise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableFormats {
    csv: bool,
    json: bool,
    parquet: bool,
}

impl Default for TableFormats {
    fn default() -> Self {
        TableFormats {
            csv: true,
            json: true,
            parquet: false,
        }
    }
}

impl TableFormats {
    /// The formats of a list (csv, json, parquet; repeats allowed). An empty list, or a format
    /// that is not a file format (the terminal `table`), is an error.
    pub fn of(formats: &[Format]) -> Result<Self> {
        let mut chosen = TableFormats {
            csv: false,
            json: false,
            parquet: false,
        };
        for f in formats {
            match f {
                Format::Csv => chosen.csv = true,
                Format::Json => chosen.json = true,
                Format::Parquet => chosen.parquet = true,
                Format::Table => {
                    return Err(Error::InvalidArgument(
                        "tables are written as csv, json or parquet files; `table` is the \
                         terminal layout"
                            .into(),
                    ));
                }
            }
        }
        if formats.is_empty() {
            return Err(Error::InvalidArgument(
                "name at least one table format: csv, json or parquet".into(),
            ));
        }
        Ok(chosen)
    }

    /// The format a page sends readers to for whole tables, as file extension and name: the
    /// first of CSV, JSON, Parquet that is written.
    fn linked(&self) -> (&'static str, &'static str) {
        if self.csv {
            ("csv", "CSV")
        } else if self.json {
            ("json", "JSON")
        } else {
            ("parquet", "Parquet")
        }
    }

    /// The file a page links to for table `name`.
    pub fn link(&self, name: &str) -> String {
        format!("tables/{name}.{}", self.linked().0)
    }

    /// What the page calls that file ("CSV").
    pub fn label(&self) -> &'static str {
        self.linked().1
    }
}

impl Bundle {
    /// An empty bundle whose tables are written in `tables`.
    pub fn with_tables(tables: TableFormats) -> Self {
        Bundle {
            files: BTreeMap::new(),
            tables,
        }
    }

    pub fn add(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }

    /// Add `tables/NAME.csv`, `.json` and `.parquet`, as many as `self.tables` asks for.
    pub fn add_table(&mut self, name: &str, table: &Table) -> Result<()> {
        if self.tables.csv {
            self.add(format!("tables/{name}.csv"), table.to_csv()?);
        }
        if self.tables.json {
            let mut json = table.to_json();
            json.push('\n');
            self.add(format!("tables/{name}.json"), json);
        }
        if self.tables.parquet {
            self.add(
                format!("tables/{name}.parquet"),
                crate::render::parquet::to_parquet(table)?,
            );
        }
        Ok(())
    }

    fn marker(&self) -> String {
        let mut text = MARKER_HEADER.to_string();
        for rel in self.files.keys() {
            text.push_str(rel);
            text.push('\n');
        }
        text
    }
}

/// What an output directory must not touch, and whether an existing directory not written by
/// tifa may be replaced.
#[derive(Debug, Default, Clone)]
pub struct OutputPolicy {
    /// Files and directories the run reads (the manifest, its folder, source files and folders):
    /// the output may be none of them and hold none of them.
    pub inputs: Vec<PathBuf>,
    /// Folders the run reads files from: the output may not lie inside one unless `force`.
    pub read_dirs: Vec<PathBuf>,
    /// Replace an existing directory even if tifa did not write it (never an input).
    pub force: bool,
}

/// Check that `out` may be written under `policy`, touching nothing. Returns the absolute path,
/// with symbolic links and `..` resolved, that `write_dir` will replace.
pub fn check_output(out: &Path, policy: &OutputPolicy) -> Result<PathBuf> {
    let target = resolve(out)?;
    let refuse = |reason: String, forceable: bool| Error::OutputRefused {
        path: out.to_path_buf(),
        reason,
        forceable,
    };
    if target.parent().is_none() {
        return Err(refuse("is the root directory".into(), false));
    }
    if let Ok(meta) = std::fs::metadata(&target)
        && !meta.is_dir()
    {
        return Err(refuse("exists and is not a directory".into(), false));
    }
    let cwd = std::env::current_dir().map_err(|e| Error::io(".", e))?;
    if resolve(&cwd)?.starts_with(&target) {
        return Err(refuse(
            "is (or holds) the current directory; choose a new directory for the output".into(),
            false,
        ));
    }
    let inputs = policy
        .inputs
        .iter()
        .map(|p| resolve(p))
        .collect::<Result<Vec<_>>>()?;
    // Say "is" when it is one, rather than "holds" for something inside it.
    let hit = inputs
        .iter()
        .find(|i| **i == target)
        .or_else(|| inputs.iter().find(|i| i.starts_with(&target)));
    if let Some(input) = hit {
        let what = if *input == target { "is" } else { "holds" };
        return Err(refuse(
            format!(
                "{what} an input of this run ({}); write the output somewhere else",
                input.display()
            ),
            false,
        ));
    }
    if !policy.force {
        for dir in &policy.read_dirs {
            let dir = resolve(dir)?;
            if target.starts_with(&dir) {
                return Err(refuse(
                    format!("lies inside {}, a folder this run reads", dir.display()),
                    true,
                ));
            }
        }
        if let Some(stranger) = unlisted_file(&target)? {
            return Err(refuse(
                format!(
                    "holds {stranger}, which tifa did not write (it is not listed in {MARKER})"
                ),
                true,
            ));
        }
    }
    Ok(target)
}

/// Check that the single file `out` is none of `inputs` (a run never overwrites what it reads).
pub fn check_file_output(out: &Path, inputs: &[PathBuf]) -> Result<()> {
    let target = resolve(out)?;
    for input in inputs {
        if resolve(input)? == target {
            return Err(Error::OutputRefused {
                path: out.to_path_buf(),
                reason: "is an input of this run; write the output somewhere else".into(),
                forceable: false,
            });
        }
    }
    Ok(())
}

/// Write `bundle` to `out` atomically, if `policy` allows it (see `check_output`): everything
/// goes to a temporary directory beside `out`, which then replaces `out`. The old directory is
/// removed only after the new one is complete; on any failure nothing temporary is left.
pub fn write_dir(bundle: &Bundle, out: &Path, policy: &OutputPolicy) -> Result<()> {
    let target = check_output(out, policy)?;
    let parent = target
        .parent()
        .ok_or_else(|| Error::Internal(format!("{} has no parent", target.display())))?;
    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    let staged = temp_dir(parent, ".tifa-report-")?;
    for (rel, bytes) in &bundle.files {
        let path = staged.path().join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))?;
    }
    let marker = staged.path().join(MARKER);
    std::fs::write(&marker, bundle.marker()).map_err(|e| Error::io(&marker, e))?;
    if target.exists() {
        replace_dir(staged, &target, parent)
    } else {
        std::fs::rename(staged.path(), &target).map_err(|e| Error::io(out, e))?;
        // Renamed: nothing is left for the guard to clean up.
        let _ = staged.keep();
        Ok(())
    }
}

/// Swap `staged` in for the existing `target`: move `target` aside, move `staged` in, delete the
/// old one. If the second move fails, the old directory is put back.
fn replace_dir(staged: tempfile::TempDir, target: &Path, parent: &Path) -> Result<()> {
    let aside_guard = temp_dir(parent, ".tifa-old-")?;
    let aside = aside_guard.path().to_path_buf();
    // Free the name: rename cannot move a directory onto an existing one on every platform.
    std::fs::remove_dir(&aside).map_err(|e| Error::io(&aside, e))?;
    let _ = aside_guard.keep();
    std::fs::rename(target, &aside).map_err(|e| Error::io(target, e))?;
    if let Err(e) = std::fs::rename(staged.path(), target) {
        let _ = std::fs::rename(&aside, target);
        return Err(Error::io(target, e));
    }
    let _ = staged.keep();
    std::fs::remove_dir_all(&aside).map_err(|e| Error::io(&aside, e))
}

/// A temporary directory in `parent` that respects the umask once it becomes the output
/// (`tempfile` alone creates 0700 directories).
fn temp_dir(parent: &Path, prefix: &str) -> Result<tempfile::TempDir> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o777));
    }
    builder.tempdir_in(parent).map_err(|e| Error::io(parent, e))
}

/// The first file in `dir` (relative path) that its marker does not list; `None` when `dir`
/// does not exist, is empty, or holds only what the marker lists.
fn unlisted_file(dir: &Path) -> Result<Option<String>> {
    if !dir.exists() {
        return Ok(None);
    }
    let present = files_under(dir)?;
    if present.is_empty() {
        return Ok(None);
    }
    let marker_path = dir.join(MARKER);
    let listed: Vec<String> = match std::fs::read_to_string(&marker_path) {
        Ok(text) => text
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .map(str::to_string)
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Ok(present.into_iter().next());
        }
        Err(e) => return Err(Error::io(marker_path, e)),
    };
    Ok(present
        .into_iter()
        .find(|rel| rel != MARKER && !listed.contains(rel)))
}

/// Every entry under `dir` that is not a directory, as sorted `/`-separated relative paths
/// (symbolic links count as files: tifa never writes one).
fn files_under(dir: &Path) -> Result<Vec<String>> {
    let mut out = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(d) = pending.pop() {
        for entry in std::fs::read_dir(&d).map_err(|e| Error::io(&d, e))? {
            let entry = entry.map_err(|e| Error::io(&d, e))?;
            let path = entry.path();
            let kind = entry.file_type().map_err(|e| Error::io(&path, e))?;
            if kind.is_dir() {
                pending.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap_or(&path);
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// `path` made absolute, with `.` and `..` resolved and symbolic links followed as far as the
/// path exists (the rest is resolved by name).
pub fn resolve(path: &Path) -> Result<PathBuf> {
    // The folder of a bare file name (`corpus.toml`) is the empty path: the current directory.
    let path = if path.as_os_str().is_empty() {
        Path::new(".")
    } else {
        path
    };
    let absolute = std::path::absolute(path).map_err(|e| Error::io(path, e))?;
    let mut existing = absolute.as_path();
    let mut tail = Vec::new();
    let mut base = loop {
        match existing.canonicalize() {
            Ok(p) => break p,
            Err(_) => match (existing.parent(), existing.components().next_back()) {
                (Some(parent), Some(last)) => {
                    tail.push(last);
                    existing = parent;
                }
                _ => break existing.to_path_buf(),
            },
        }
    };
    for c in tail.into_iter().rev() {
        match c {
            Component::ParentDir => {
                base.pop();
            }
            Component::Normal(name) => base.push(name),
            _ => {}
        }
    }
    Ok(base)
}

#[cfg(test)]
mod tests;
