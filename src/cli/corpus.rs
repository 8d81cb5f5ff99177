//! `tifa corpus check|normalize|show`.

use clap::Subcommand;

use super::CorpusArg;

#[derive(Debug, Subcommand)]
pub enum CorpusCommand {
    /// Validate the manifest and print one row per document.
    Check {
        #[command(flatten)]
        corpus: CorpusArg,
    },
}

pub fn run(cmd: CorpusCommand) -> anyhow::Result<()> {
    match cmd {
        CorpusCommand::Check { corpus } => {
            let c = corpus.load()?;
            println!("{} documents", c.documents.len());
            Ok(())
        }
    }
}
