# tifa tasks. `just --list` shows them.

# The main job on the bundled corpus.
report:
    cargo run --release -- corpus check

# The test suite (the same command CI runs).
test:
    cargo test --locked

# Formatting and lints, as CI checks them.
lint:
    cargo fmt --all -- --check
    cargo clippy --locked --all-targets -- -D warnings

# Everything CI runs.
ci:
    bash .ci/run

# Benchmarks (numbers recorded in docs/PERFORMANCE.md).
bench:
    cargo bench --bench reuse
