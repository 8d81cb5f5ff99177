//! Measures over document features: sparse TF-IDF and cosine similarity.

pub mod similarity;
pub mod tfidf;
