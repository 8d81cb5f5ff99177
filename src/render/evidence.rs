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

pub fn segments(doc: &Document, reuse: &DocReuse) -> Vec<Segment> {
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
                .map(|p| format!("#doc-{}", p.source_id)),
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
            "中央 central {:.1}% · 省级 provincial {:.1}% · 同级 peer {:.1}% · 自有 own {:.1}% · {} formulation hits · {} passages",
            100.0 * s.central,
            100.0 * s.provincial,
            100.0 * s.peer,
            100.0 * s.own,
            reuse.formulation_hits,
            reuse.passages.len()
        ),
        segments: segments(doc, reuse),
    }
}
