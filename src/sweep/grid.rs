//! Parameter grids: `--set name=v1,v2` on the command line or a TOML file, expanded into the
//! combinations in a fixed order (the first parameter varies slowest).

use std::collections::BTreeSet;
use std::path::Path;

use serde::Serialize;

use super::params::SweepParams;
use crate::error::{Error, Result};

/// The values to try for each parameter, in the order given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Grid {
    pub axes: Vec<(String, Vec<String>)>,
}

/// One combination: a value for every swept parameter.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Combination {
    /// `c001`, `c002`, … in enumeration order (zero-padded to sort as text).
    pub id: String,
    pub values: Vec<(String, String)>,
}

impl Combination {
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

impl Grid {
    /// Parse `name=v1,v2,…` settings. A parameter may not be set twice.
    pub fn from_sets(sets: &[String]) -> Result<Grid> {
        let mut g = Grid::default();
        for s in sets {
            let (name, values) = s.split_once('=').ok_or_else(|| {
                Error::InvalidArgument(format!(
                    "{s:?}: expected NAME=VALUE[,VALUE…], e.g. seed_k=3,4,5"
                ))
            })?;
            let values: Vec<String> = values
                .split(',')
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
                .collect();
            g.push(name.trim(), values)?;
        }
        Ok(g)
    }

    /// Parse a TOML grid: a table of arrays, `seed_k = [3, 4, 5]`, `idf = ["smooth", "plain"]`
    /// (optionally under a `[grid]` table).
    pub fn from_toml(path: &Path) -> Result<Grid> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let value: toml::Table = toml::from_str(&text)
            .map_err(|e| Error::InvalidArgument(format!("{}: {}", path.display(), e.message())))?;
        let table = match value.get("grid") {
            Some(toml::Value::Table(t)) => t.clone(),
            _ => value,
        };
        let mut g = Grid::default();
        for (name, v) in &table {
            let values = match v {
                toml::Value::Array(items) => items.iter().map(scalar).collect::<Option<Vec<_>>>(),
                other => scalar(other).map(|s| vec![s]),
            }
            .ok_or_else(|| {
                Error::InvalidArgument(format!(
                    "{}: parameter {name:?} must be a value or an array of values",
                    path.display()
                ))
            })?;
            g.push(name, values)?;
        }
        Ok(g)
    }

    fn push(&mut self, name: &str, values: Vec<String>) -> Result<()> {
        if name.is_empty() {
            return Err(Error::InvalidArgument(
                "empty parameter name in grid".into(),
            ));
        }
        if values.is_empty() {
            return Err(Error::InvalidArgument(format!(
                "parameter {name:?} has no values"
            )));
        }
        if self.axes.iter().any(|(n, _)| n == name) {
            return Err(Error::InvalidArgument(format!(
                "parameter {name:?} is set twice"
            )));
        }
        let distinct: BTreeSet<&String> = values.iter().collect();
        if distinct.len() != values.len() {
            return Err(Error::InvalidArgument(format!(
                "parameter {name:?} lists a value twice: {}",
                values.join(",")
            )));
        }
        self.axes.push((name.to_string(), values));
        Ok(())
    }

    /// Make the grid ready to run: parameter names canonical (aliases such as `seed_k`
    /// resolved, unknown names refused), and every combination parsed and checked, so that a bad
    /// value fails before anything runs.
    pub fn validate(mut self) -> Result<Grid> {
        let mut seen = BTreeSet::new();
        for (name, _) in &mut self.axes {
            let canonical = SweepParams::canonical(name)?;
            if !seen.insert(canonical) {
                return Err(Error::InvalidArgument(format!(
                    "parameter {canonical:?} is set twice (as {name:?} too)"
                )));
            }
            *name = canonical.to_string();
        }
        for c in self.combinations() {
            SweepParams::default().apply(&c.values)?;
        }
        Ok(self)
    }

    /// Merge another grid's axes (command-line sets after a file's).
    pub fn extend(&mut self, other: Grid) -> Result<()> {
        for (n, v) in other.axes {
            self.push(&n, v)?;
        }
        Ok(())
    }

    /// Number of combinations.
    pub fn len(&self) -> usize {
        self.axes.iter().map(|(_, v)| v.len()).product()
    }

    pub fn is_empty(&self) -> bool {
        self.axes.is_empty()
    }

    /// All combinations, first axis slowest.
    pub fn combinations(&self) -> Vec<Combination> {
        let total = self.len();
        let width = total.to_string().len().max(3);
        (0..total)
            .map(|mut i| {
                let mut values = vec![(String::new(), String::new()); self.axes.len()];
                for (slot, (name, vals)) in values.iter_mut().zip(&self.axes).rev() {
                    *slot = (name.clone(), vals[i % vals.len()].clone());
                    i /= vals.len();
                }
                values
            })
            .enumerate()
            .map(|(i, values)| Combination {
                id: format!("c{:0width$}", i + 1),
                values,
            })
            .collect()
    }
}

fn scalar(v: &toml::Value) -> Option<String> {
    match v {
        toml::Value::String(s) => Some(s.clone()),
        toml::Value::Integer(i) => Some(i.to_string()),
        toml::Value::Float(f) => Some(f.to_string()),
        toml::Value::Boolean(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_expand_first_axis_slowest() {
        let g =
            Grid::from_sets(&["seed_k=3,4".into(), "idf=smooth,plain,quanteda".into()]).unwrap();
        assert_eq!(g.len(), 6);
        let c = g.combinations();
        assert_eq!(c[0].id, "c001");
        assert_eq!(
            c[0].values,
            vec![
                ("seed_k".into(), "3".into()),
                ("idf".into(), "smooth".into())
            ]
        );
        assert_eq!(c[2].get("idf"), Some("quanteda"));
        assert_eq!(c[3].get("seed_k"), Some("4"));
        assert_eq!(
            c[5].values,
            vec![
                ("seed_k".into(), "4".into()),
                ("idf".into(), "quanteda".into())
            ]
        );
    }

    #[test]
    fn bad_sets_name_the_parameter() {
        let e = Grid::from_sets(&["seed_k".into()]).unwrap_err().to_string();
        assert!(e.contains("expected NAME=VALUE"), "{e}");
        let e = Grid::from_sets(&["k=1".into(), "k=2".into()])
            .unwrap_err()
            .to_string();
        assert!(e.contains("\"k\" is set twice"), "{e}");
        let e = Grid::from_sets(&["k=1,1".into()]).unwrap_err().to_string();
        assert!(e.contains("lists a value twice"), "{e}");
    }

    #[test]
    fn validation_resolves_aliases_and_checks_every_combination() {
        let g = Grid::from_sets(&["seed_k=4,6".into(), "k=2,auto".into()])
            .unwrap()
            .validate()
            .unwrap();
        let names: Vec<&str> = g.axes.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["shingle", "k"]);
        let twice = Grid::from_sets(&["seed_k=4".into(), "shingle=5".into()]).unwrap();
        let e = twice.validate().unwrap_err().to_string();
        assert!(e.contains("\"shingle\" is set twice"), "{e}");
        let bad = Grid::from_sets(&["min_passage=8,2".into()]).unwrap();
        let e = bad.validate().unwrap_err().to_string();
        assert!(e.contains("combination min_passage=2"), "{e}");
        assert!(
            !e.contains("--"),
            "the library names parameters, not flags: {e}"
        );
        let e = Grid::from_sets(&["nope=1".into()])
            .unwrap()
            .validate()
            .unwrap_err()
            .to_string();
        assert!(e.contains("unknown parameter \"nope\""), "{e}");
    }

    #[test]
    fn toml_grid() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("g.toml");
        std::fs::write(
            &p,
            "[grid]\nmin_passage = [6, 8]\nidf = [\"smooth\"]\nsublinear_tf = [true, false]\n",
        )
        .unwrap();
        let g = Grid::from_toml(&p).unwrap();
        assert_eq!(g.len(), 4);
        assert_eq!(g.axes[0].0, "idf", "TOML tables are read in key order");
    }
}
