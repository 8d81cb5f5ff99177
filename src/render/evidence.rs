//! The evidence view of a document: its normalized text cut into segments, reused ones carrying
//! their origin, a link to the source document and a tooltip naming the source passage.

use crate::document::Document;
use crate::render::html::{DocumentView, Segment};
use crate::reuse::{DocReuse, Origin, Passage};

/// The passage that explains a segment: same origin, covering its start, longest first.
fn explaining(reuse: &DocReuse, start: usize, origin: Origin) -> Option<&Passage> {
    reuse
        .passages
        .iter()
        .filter(|p| p.origin == origin && p.target_start <= start && start < p.target_end)
        .max_by_key(|p| (p.length, std::cmp::Reverse(p.source_id.clone())))
}

fn tip(p: &Passage) -> String {
    let mut t = format!(
        "{} {} · {} [{}–{}) · identity {:.2}",
        p.origin.as_str(),
        p.kind.as_str(),
        p.source_id,
        p.source_start,
        p.source_end,
        p.identity
    );
    if p.relayed {
        t.push_str(" · relayed");
    }
    if p.quoted {
        t.push_str(" · quoted");
    }
    t
}

/// The segments of `doc`, reused ones linking to `link(source id)` when it gives one.
pub fn segments_linked(
    doc: &Document,
    reuse: &DocReuse,
    link: &dyn Fn(&str) -> Option<String>,
) -> Vec<Segment> {
    let chars: Vec<char> = doc.text.as_str().chars().collect();
    let mut out = Vec::new();
    let mut at = 0;
    for s in &reuse.segments {
        let (start, end) = (s.start.min(chars.len()), s.end.min(chars.len()));
        if start < at {
            continue;
        }
        if at < start {
            out.push(Segment {
                text: chars[at..start].iter().collect(),
                origin: None,
                href: None,
                tip: None,
            });
        }
        let passage = explaining(reuse, start, s.origin);
        out.push(Segment {
            text: chars[start..end].iter().collect(),
            origin: Some(s.origin.as_str().to_string()),
            href: passage
                .filter(|p| !p.source_id.starts_with("lexicon:"))
                .and_then(|p| link(&p.source_id)),
            tip: passage.map(tip),
        });
        at = end;
    }
    if at < chars.len() {
        out.push(Segment {
            text: chars[at..].iter().collect(),
            origin: None,
            href: None,
            tip: None,
        });
    }
    out
}

pub fn document_view(doc: &Document, reuse: &DocReuse) -> DocumentView {
    document_view_linked(doc, reuse, &|id| Some(format!("#doc-{id}")))
}

/// [`document_view`] with the source links given by `link` (evidence pages link to each
/// other's files).
pub fn document_view_linked(
    doc: &Document,
    reuse: &DocReuse,
    link: &dyn Fn(&str) -> Option<String>,
) -> DocumentView {
    let m = &doc.meta;
    let place = [m.province.as_deref(), m.city.as_deref()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let s = &reuse.shares;
    DocumentView {
        id: m.id.clone(),
        title: m.title.clone(),
        level: m.level.as_str().to_string(),
        place,
        date: m.date.map(|d| d.to_string()).unwrap_or_default(),
        file: doc.provenance.file.clone(),
        summary: format!(
            "中央 central {:.1}% · 省级 provincial {:.1}% · 同级 peer {:.1}% · 跨时 self {:.1}% · 自有 own {:.1}% · {} formulation hits · {} passages",
            100.0 * s.central,
            100.0 * s.provincial,
            100.0 * s.peer,
            100.0 * s.self_reuse,
            100.0 * s.own,
            reuse.formulation_hits,
            reuse.passages.len()
        ),
        segments: segments_linked(doc, reuse, link),
    }
}

/// Longest file stem kept from an id (the rest is replaced by the hash suffix).
const MAX_STEM: usize = 80;

/// A safe file name (`STEM.html`) for each id, in order: ASCII letters, digits, `-` and `_` are
/// kept, anything else becomes `_`; a stem that changed, was cut, or is empty gets `-` and the
/// first 8 hex digits of the id's SHA-256, so different ids rarely meet; names that still
/// collide (compared case-insensitively, for case-insensitive file systems) get `-2`, `-3` … in
/// input order.
pub fn file_names<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut taken = std::collections::HashSet::new();
    ids.into_iter()
        .map(|id| {
            let mut stem: String = id
                .chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                        c
                    } else {
                        '_'
                    }
                })
                .take(MAX_STEM)
                .collect();
            if stem != id || stem.is_empty() {
                use sha2::Digest;
                let hash = sha2::Sha256::digest(id.as_bytes());
                let hex: String = hash.iter().take(4).map(|b| format!("{b:02x}")).collect();
                stem = format!("{stem}-{hex}");
            }
            let mut name = stem.clone();
            let mut n = 1;
            while !taken.insert(name.to_ascii_lowercase()) {
                n += 1;
                name = format!("{stem}-{n}");
            }
            format!("{name}.html")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_safe_distinct_and_deterministic() {
        let ids = ["xwlb-2012-01", "南通/2020", "../etc", "A", "a", "", "a"];
        let names = file_names(ids);
        assert_eq!(names[0], "xwlb-2012-01.html");
        assert!(names[1].starts_with("___2020-") && names[1].ends_with(".html"));
        assert!(names[2].starts_with("___etc-"));
        assert_eq!(names[3], "A.html");
        assert_eq!(names[4], "a-2.html", "case-insensitive collision");
        assert!(names[5].starts_with('-') && names[5].len() == "-12345678.html".len());
        assert_eq!(names[6], "a-3.html");
        let unique: std::collections::HashSet<_> = names.iter().collect();
        assert_eq!(unique.len(), names.len());
        assert_eq!(names, file_names(ids));
        assert!(
            names
                .iter()
                .all(|n| !n.contains('/') && !n.starts_with('.'))
        );
    }
}
