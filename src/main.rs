//! The `tifa` binary: parses arguments (in `cli`) and calls the library.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
