//! Rendering: tables (text, CSV, JSON) and, later, SVG charts and HTML.

pub mod table;
