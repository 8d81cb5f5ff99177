//! The integration tests, one binary: each former `tests/*.rs` file is a module here, so the
//! suite links tifa (with jieba, OpenCC and plotters) once instead of once per file. Run one
//! module with `cargo test --test it cli_sweep::`. Shared helpers live in `util`.

mod accuracy;
mod cli_corpus;
mod cli_diffusion;
mod cli_lexicon;
mod cli_parquet;
mod cli_reliability;
mod cli_reuse;
mod cli_similarity;
mod cli_sweep;
mod cli_synth;
mod corpus;
mod diffusion;
mod report;
mod reuse;
mod reuse_scale;
mod similarity;
mod synth_diffusion;
mod tfidf_parity;
mod util;
