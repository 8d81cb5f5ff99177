//! Parameter sweeps: grids of parameter values, run over shared stages, with tidy output.

pub mod grid;
pub mod params;
pub mod run;

pub use grid::{Combination, Grid};
pub use params::SweepParams;
pub use run::{MEASURES, SweepResult, run};
