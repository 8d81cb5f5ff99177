//! Parameter sweeps: grids of parameter values, run over shared stages, with tidy output.

pub mod grid;
