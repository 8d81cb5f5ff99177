//! Analyses over document features: clustering (k-means, DBSCAN, agglomerative) and PCA.

pub mod cluster;
pub mod detections;
pub mod grouping;
pub mod pan;
pub mod pca;
pub mod profiles;
pub mod stability;
