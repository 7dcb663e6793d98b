# Recipes mirror README.md and CI exactly.

# The main job on the bundled fixtures.
convert:
    cargo run --release -- convert fixtures -o out

# The test command CI runs (.ci/run).
test:
    cargo test --workspace --locked

# Rewrite golden files after a reviewed change of output.
bless:
    UPDATE_EXPECT=1 cargo test --workspace --locked

# Formatting and lints, as the project requires them.
lint:
    cargo fmt --all -- --check
    cargo clippy --workspace --all-targets -- -D warnings

# Regenerate fixtures from ../shared/seeds (needs LibreOffice, Chromium, qpdf, poppler-utils).
fixtures:
    cargo xtask fixtures

# Benchmarks against pdftotext, PyMuPDF, pdfplumber and openpyxl (installs the peers; see BENCHMARKS.md).
bench:
    scripts/bench.sh

# The nightly-rerun figure: full run vs unchanged rerun vs one changed input, 1,272 files.
bench-rerun:
    scripts/bench-rerun.sh

# Print the output contract.
schema:
    cargo run --quiet -- schema
