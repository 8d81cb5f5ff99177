//! Analyses over document features: clustering (k-means, DBSCAN, agglomerative) and PCA, and
//! their large-corpus forms (randomized truncated SVD, k-means with a sampled silhouette).

pub mod cluster;
pub mod detections;
pub mod diffusion;
pub mod grouping;
pub mod pan;
pub(crate) mod pca;
pub(crate) mod profiles;
pub(crate) mod scale;
pub(crate) mod space;
pub(crate) mod stability;
pub(crate) mod svd;
