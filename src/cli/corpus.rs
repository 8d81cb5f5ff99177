//! `tifa corpus check|normalize|show`.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::Subcommand;
use tifa::render::{self, table::Format};

use super::options::CorpusArg;

#[derive(Debug, Subcommand)]
pub enum CorpusCommand {
    /// Validate the manifest and print one row per document (metadata, encoding, sizes, fixes).
    Check {
        #[command(flatten)]
        corpus: CorpusArg,
        /// Output format: table, csv, json or parquet (binary: redirect to a file).
        #[arg(long, default_value = "table")]
        format: Format,
    },
    /// Write the normalized documents with their metadata as JSON Lines.
    Normalize {
        #[command(flatten)]
        corpus: CorpusArg,
        /// Output file (`-` for standard output). Written atomically.
        #[arg(long, value_name = "FILE.jsonl")]
        out: PathBuf,
    },
    /// Print one document, normalized (default) or as in the source file.
    Show {
        /// Document id (see `tifa corpus check`).
        id: String,
        #[command(flatten)]
        corpus: CorpusArg,
        /// Print the raw (decoded, unnormalized) text instead.
        #[arg(long)]
        raw: bool,
    },
}

pub fn run(cmd: CorpusCommand) -> anyhow::Result<()> {
    match cmd {
        CorpusCommand::Check { corpus, format } => {
            let c = corpus.load()?;
            let table = match format {
                Format::Table => render::corpus::check_table_for_terminal(&c),
                _ => render::corpus::check_table(&c),
            };
            let mut out = super::output::stdout_for(format)?;
            table.write(format, &mut out)?;
            if format == Format::Table {
                writeln!(
                    out,
                    "{} documents in corpus {:?}",
                    c.documents.len(),
                    c.name
                )?;
                for note in render::corpus::notes(&c) {
                    writeln!(out, "{note}")?;
                }
            }
            Ok(())
        }
        CorpusCommand::Normalize { corpus, out } => {
            let c = corpus.load()?;
            let jsonl = render::corpus::normalized_jsonl(&c);
            if out.as_os_str() == "-" {
                std::io::stdout().lock().write_all(jsonl.as_bytes())?;
            } else {
                corpus.check_file_output(&out)?;
                render::write_atomic(&out, jsonl.as_bytes())
                    .with_context(|| format!("cannot write {}", out.display()))?;
                eprintln!("wrote {} documents to {}", c.documents.len(), out.display());
            }
            Ok(())
        }
        CorpusCommand::Show { id, corpus, raw } => {
            let c = corpus.load()?;
            let d = c.require(&id)?;
            let mut out = std::io::stdout().lock();
            writeln!(
                out,
                "# {} [{}] {} {} {}",
                d.meta.id,
                d.meta.level,
                d.meta.province.as_deref().unwrap_or("-"),
                d.meta.city.as_deref().unwrap_or("-"),
                d.meta
                    .date
                    .map(|x| x.to_string())
                    .unwrap_or_else(|| "-".into())
            )?;
            writeln!(out, "# {}", d.meta.title)?;
            writeln!(
                out,
                "# {} bytes {}..{} ({})",
                d.provenance.file,
                d.provenance.raw_start,
                d.provenance.raw_end,
                d.provenance.encoding
            )?;
            writeln!(out)?;
            writeln!(out, "{}", if raw { &d.raw_text } else { d.text.as_str() })?;
            Ok(())
        }
    }
}
