//! Parameter sweeps: grids of parameter values, run over shared stages, with tidy output.

mod grid;
mod params;
mod run;

pub use grid::{Combination, Grid};
pub use params::SweepParams;
pub use run::{CombinationResult, MEASURES, SweepResult, run};
