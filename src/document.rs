//! Documents: normalized text plus the metadata and provenance every later stage relies on.

use std::fmt;
use std::ops::Range;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::normalize::Fixes;
use crate::text::MappedText;

/// Administrative level of the issuing body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Central,
    Provincial,
    Municipal,
    County,
    Other,
}

impl Level {
    pub const ALL: [Level; 5] = [
        Level::Central,
        Level::Provincial,
        Level::Municipal,
        Level::County,
        Level::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Central => "central",
            Level::Provincial => "provincial",
            Level::Municipal => "municipal",
            Level::County => "county",
            Level::Other => "other",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Level {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Level::ALL
            .into_iter()
            .find(|l| l.as_str() == s.trim())
            .ok_or_else(|| {
                format!("unknown level {s:?}; expected one of central, provincial, municipal, county, other")
            })
    }
}

/// A calendar date known to year, month or day precision: `2022`, `2022-04`, `2022-04-26`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

impl PartialDate {
    /// Earliest day this date can denote, as `(y, m, d)`.
    pub fn earliest(self) -> (u16, u8, u8) {
        (self.year, self.month.unwrap_or(1), self.day.unwrap_or(1))
    }

    /// Latest day this date can denote, as `(y, m, d)` (31 stands for "end of month").
    pub fn latest(self) -> (u16, u8, u8) {
        (self.year, self.month.unwrap_or(12), self.day.unwrap_or(31))
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

/// A document date: one partial date, or an interval `start/end` (ISO 8601), where `end`
/// may be abbreviated to the trailing components that differ: `2021-12-11/12`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DocDate {
    pub start: PartialDate,
    pub end: Option<PartialDate>,
}

impl DocDate {
    pub fn earliest(self) -> (u16, u8, u8) {
        self.start.earliest()
    }

    pub fn latest(self) -> (u16, u8, u8) {
        self.end.unwrap_or(self.start).latest()
    }

    /// True when `self` certainly lies after `other` (every day of self is after every day of other).
    pub fn certainly_after(self, other: DocDate) -> bool {
        self.earliest() > other.latest()
    }
}

impl fmt::Display for DocDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.start)?;
        if let Some(end) = self.end {
            write!(f, "/{end}")?;
        }
        Ok(())
    }
}

impl FromStr for DocDate {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let bad = || {
            format!(
                "malformed date {s:?}; write YYYY, YYYY-MM, YYYY-MM-DD or an interval such as 2021-12-11/12"
            )
        };
        let (first, second) = match s.split_once('/') {
            Some((a, b)) => (a, Some(b)),
            None => (s, None),
        };
        let start = parse_partial(first).ok_or_else(bad)?;
        let end = match second {
            None => None,
            Some(b) => {
                let parts: Vec<&str> = b.split('-').collect();
                // Abbreviated end: fill the leading components from the start.
                let full = match (parts.len(), start.month, start.day) {
                    (3, _, _) => b.to_string(),
                    (2, Some(_), Some(_)) => format!("{:04}-{b}", start.year),
                    (1, Some(m), Some(_)) => format!("{:04}-{m:02}-{b}", start.year),
                    (2, Some(_), None) if parts[0].len() == 4 => b.to_string(),
                    (1, Some(_), None) => format!("{:04}-{b}", start.year),
                    (1, None, None) if b.len() == 4 => b.to_string(),
                    _ => return Err(bad()),
                };
                let end = parse_partial(&full).ok_or_else(bad)?;
                if end < start {
                    return Err(format!("date interval {s:?} ends before it starts"));
                }
                Some(end)
            }
        };
        Ok(DocDate { start, end })
    }
}

fn parse_partial(s: &str) -> Option<PartialDate> {
    let mut it = s.split('-');
    let year_s = it.next()?;
    if year_s.len() != 4 {
        return None;
    }
    // Year 0000 is no calendar year (there is no year 0 AD).
    let year: u16 = year_s.parse().ok().filter(|&y| y > 0)?;
    let month = match it.next() {
        None => None,
        Some(m) if m.len() == 2 => Some(m.parse::<u8>().ok().filter(|m| (1..=12).contains(m))?),
        Some(_) => return None,
    };
    let day = match it.next() {
        None => None,
        Some(d) if d.len() == 2 => {
            let d: u8 = d.parse().ok()?;
            let max = days_in_month(year, month?);
            Some(Some(d).filter(|d| (1..=max).contains(d))?)
        }
        Some(_) => return None,
    };
    if it.next().is_some() {
        return None;
    }
    Some(PartialDate { year, month, day })
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Serialize for DocDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A date is a string; a TOML manifest may also write a bare calendar date (`date = 2022-01-01`).
impl<'de> Deserialize<'de> for DocDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = match toml::Value::deserialize(d)? {
            toml::Value::String(s) => s,
            toml::Value::Datetime(toml::value::Datetime {
                date: Some(date),
                time: None,
                offset: None,
            }) => date.to_string(),
            other => {
                return Err(serde::de::Error::custom(format!(
                    "a date is written as a string such as \"2022-01-01\", \"2022-01\" or \"2022\", \
                     not {} {other}",
                    other.type_str()
                )));
            }
        };
        text.parse().map_err(serde::de::Error::custom)
    }
}

/// Descriptive metadata of a document, as given by the manifest (or defaulted).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocMeta {
    pub id: String,
    pub level: Level,
    pub province: Option<String>,
    pub city: Option<String>,
    pub date: Option<DocDate>,
    pub title: String,
}

/// Where a document came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    /// Source file, as written in the manifest (relative to the manifest's directory).
    pub file: String,
    /// Encoding the file was decoded with (`UTF-8`, `UTF-16LE`, `GB18030` ...).
    pub encoding: String,
    /// Raw byte range of this document inside the file.
    pub raw_start: usize,
    pub raw_end: usize,
    /// 1-based record number for CSV/JSONL sources (None for plain text files).
    pub record: Option<usize>,
}

/// One normalized document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub meta: DocMeta,
    pub provenance: Provenance,
    /// Normalized text; every char maps to raw bytes of `provenance.file`.
    pub text: MappedText,
    /// The decoded raw text of this document (before normalization).
    pub raw_text: String,
    pub fixes: Fixes,
    /// Char ranges of `text` that are bylines (reporter, photographer): kept, but marked.
    pub bylines: Vec<Range<usize>>,
}

impl Document {
    /// A document built directly from already-clean text (tests, benchmarks, synthetic corpora):
    /// identity offsets, no fixes.
    pub fn from_clean_text(meta: DocMeta, text: &str) -> Self {
        Document {
            meta,
            provenance: Provenance {
                file: String::new(),
                encoding: "UTF-8".into(),
                raw_start: 0,
                raw_end: text.len(),
                record: None,
            },
            text: MappedText::identity(text, 0),
            raw_text: text.to_string(),
            fixes: Fixes::default(),
            bylines: Vec::new(),
        }
    }

    pub fn id(&self) -> &str {
        &self.meta.id
    }

    /// Number of characters in the normalized text.
    pub fn chars(&self) -> usize {
        self.text.char_len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_at_each_precision() {
        assert_eq!(
            "2022-04-26".parse::<DocDate>().unwrap().to_string(),
            "2022-04-26"
        );
        assert_eq!("2022-04".parse::<DocDate>().unwrap().to_string(), "2022-04");
        assert_eq!("2022".parse::<DocDate>().unwrap().to_string(), "2022");
        let d: DocDate = "2021-12-11/12".parse().unwrap();
        assert_eq!(d.to_string(), "2021-12-11/2021-12-12");
        assert_eq!(d.latest(), (2021, 12, 12));
    }

    #[test]
    fn malformed_dates_are_rejected() {
        for bad in [
            "2022-13",
            "2022-02-30",
            "22-04-26",
            "2022/04/26",
            "april",
            "2021-12-12/11",
            "0000",
            "0000-01-01",
        ] {
            assert!(bad.parse::<DocDate>().is_err(), "{bad} should fail");
        }
    }

    #[test]
    fn interval_ordering() {
        let a: DocDate = "2022-04".parse().unwrap();
        let b: DocDate = "2022-04-26".parse().unwrap();
        let c: DocDate = "2022-05-01".parse().unwrap();
        assert!(!b.certainly_after(a));
        assert!(c.certainly_after(a));
    }

    #[test]
    fn levels_round_trip() {
        for l in Level::ALL {
            assert_eq!(l.as_str().parse::<Level>().unwrap(), l);
        }
        assert!("city".parse::<Level>().is_err());
    }
}
