//! Features of documents: tokens for TF-IDF (jieba words or Han n-grams). Reuse works on
//! character projections and shingles of its own (`reuse::projection`, `reuse::index`).

pub mod tokens;
