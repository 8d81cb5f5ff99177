//! Standard output for a table format: binary formats are refused on a terminal.

use std::io::IsTerminal;

use tifa::render::table::Format;

/// Standard output, locked, unless `format` is binary (Parquet) and stdout is a terminal.
pub fn stdout_for(format: Format) -> anyhow::Result<std::io::StdoutLock<'static>> {
    let out = std::io::stdout();
    if format == Format::Parquet && out.is_terminal() {
        anyhow::bail!(tifa::Error::InvalidArgument(
            "--format parquet writes a binary file: redirect standard output to a file \
             (> table.parquet)"
                .into()
        ));
    }
    Ok(out.lock())
}
