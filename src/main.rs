//! The `tifa` binary: parses arguments (in `cli`) and calls the library.

mod cli;

// Tokenizing and counting a corpus allocates millions of small vectors across threads;
// mimalloc serves them without glibc's arena locks and consolidation passes.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
