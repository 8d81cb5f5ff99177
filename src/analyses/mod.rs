//! Analyses over document features: clustering (k-means, DBSCAN, agglomerative) and PCA, and
//! their large-corpus forms (randomized truncated SVD, k-means with a sampled silhouette).

pub mod cluster;
pub mod detections;
pub mod diffusion;
pub mod grouping;
pub mod pan;
pub mod pca;
pub mod profiles;
pub mod scale;
pub mod stability;
pub mod svd;
