# tifa tasks. `just --list` shows them.

# The main job on the bundled corpus.
report:
    cargo run --release -- report

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
    cargo bench --bench similarity
    cargo bench --bench ingest

# An example parameter sweep on the bundled corpus (results in reports/sweep/).
sweep:
    cargo run --release -- sweep --set shingle=4,5,6 --set min_passage=8,12 --set min_identity=0.6,0.75 --set k=2,3,auto --out reports/sweep

# Render reports/seeds/index.html to reports/screenshot.png (not committed) in headless Chromium
# (Debian: apt-get install chromium fonts-noto-cjk).
screenshot: report
    chromium --headless --no-sandbox --hide-scrollbars --window-size=1200,4000 --screenshot=reports/screenshot.png "file://$(pwd)/reports/seeds/index.html"
