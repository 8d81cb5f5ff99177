//! The units diffusion is measured between: the centre, each province, each city (a
//! (level, province, city) triple below the province), as `reuse::rules` defines them.
//! Documents below the province without a city are units of their own there and have no
//! place to diffuse to, so they are left out here.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::document::{DocMeta, Level};

/// A unit by name. Ordered by level, then province, then city.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct UnitKey {
    pub level: Level,
    pub province: Option<String>,
    pub city: Option<String>,
}

impl UnitKey {
    /// The unit `meta` speaks for, if it has one diffusion can place.
    pub fn of(meta: &DocMeta) -> Option<UnitKey> {
        match meta.level {
            Level::Central => Some(UnitKey {
                level: Level::Central,
                province: None,
                city: None,
            }),
            Level::Provincial => Some(UnitKey {
                level: Level::Provincial,
                province: meta.province.clone(),
                city: None,
            }),
            level => meta.city.as_ref().map(|city| UnitKey {
                level,
                province: meta.province.clone(),
                city: Some(city.clone()),
            }),
        }
    }

    /// The province's unit of a unit below the province (None for the centre and provinces,
    /// or when the province is unknown).
    pub fn province_unit(&self) -> Option<UnitKey> {
        match self.level {
            Level::Central | Level::Provincial => None,
            _ => self.province.as_ref().map(|p| UnitKey {
                level: Level::Provincial,
                province: Some(p.clone()),
                city: None,
            }),
        }
    }

    /// Below the province (a city, county or other local unit).
    pub fn is_local(&self) -> bool {
        !matches!(self.level, Level::Central | Level::Provincial)
    }

    /// A readable name: 中央, the province, or province/city (county units add their level).
    pub fn label(&self) -> String {
        let province = self.province.as_deref().unwrap_or("?");
        match (self.level, &self.city) {
            (Level::Central, _) => "中央".to_string(),
            (Level::Provincial, _) => province.to_string(),
            (Level::Municipal, Some(c)) => format!("{province}/{c}"),
            (level, Some(c)) => format!("{province}/{c} ({level})"),
            (level, None) => format!("{province} ({level})"),
        }
    }
}

/// A unit and how many documents speak for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnitInfo {
    pub key: UnitKey,
    pub documents: usize,
}

/// Every unit of the corpus, sorted.
pub fn census(metas: &[DocMeta]) -> Vec<UnitInfo> {
    let mut counts: BTreeMap<UnitKey, usize> = BTreeMap::new();
    for key in metas.iter().filter_map(UnitKey::of) {
        *counts.entry(key).or_default() += 1;
    }
    counts
        .into_iter()
        .map(|(key, documents)| UnitInfo { key, documents })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(level: Level, province: Option<&str>, city: Option<&str>) -> DocMeta {
        DocMeta {
            id: "x".into(),
            level,
            province: province.map(str::to_string),
            city: city.map(str::to_string),
            date: None,
            title: String::new(),
        }
    }

    #[test]
    fn units_follow_the_reuse_rules_and_sort_centre_first() {
        let metas = [
            meta(Level::Municipal, Some("江苏省"), Some("无锡市")),
            meta(Level::Municipal, Some("江苏省"), Some("无锡市")),
            meta(Level::County, Some("江苏省"), Some("无锡市")),
            meta(Level::Provincial, Some("江苏省"), Some("南京市")),
            meta(Level::Central, Some("北京市"), None),
            meta(Level::Municipal, Some("江苏省"), None),
        ];
        let units = census(&metas);
        let labels: Vec<(String, usize)> =
            units.iter().map(|u| (u.key.label(), u.documents)).collect();
        assert_eq!(
            labels,
            [
                ("中央".to_string(), 1),
                ("江苏省".to_string(), 1),
                ("江苏省/无锡市".to_string(), 2),
                ("江苏省/无锡市 (county)".to_string(), 1),
            ]
        );
        assert_eq!(
            units[2].key.province_unit().map(|u| u.label()),
            Some("江苏省".to_string())
        );
        assert_eq!(units[1].key.province_unit(), None);
    }
}
