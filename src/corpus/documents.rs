//! One source file to its documents: read and decode it, parse its records or normalize and
//! split its text, and give each document its metadata, raw extent and fix counts.

use std::ops::Range;

use rayon::prelude::*;

use super::Input;
use crate::decode::Decoded;
use crate::document::{DocMeta, Document, Provenance};
use crate::error::{Error, Result};
use crate::normalize::{Fix, FixKind, Normalized, Normalizer, count_fixes};
use crate::source::manifest::{
    DocEntry, LoadedManifest, MetaFields, SourceEntry, SourceFormat, SplitMode,
};
use crate::source::{self, InputFile, SourceFile, records};
use crate::split;
use crate::text::{ByteSpan, MappedText};

/// Read, decode, normalize and split one file into its documents; also the record of what was
/// read.
pub(super) fn file_documents(
    m: &LoadedManifest,
    input: Input<'_>,
    normalizer: &Normalizer,
) -> Result<(Vec<Document>, InputFile)> {
    let (dec, read) = source::read(&input.file, input.entry.encoding)?;
    Ok((decoded_documents(m, input, dec, normalizer)?, read))
}

/// The documents of one decoded file.
fn decoded_documents(
    m: &LoadedManifest,
    input: Input<'_>,
    dec: Decoded,
    normalizer: &Normalizer,
) -> Result<Vec<Document>> {
    let Input {
        entry,
        file,
        single_file,
    } = input;
    let recs = match source::format_of(entry, &file) {
        SourceFormat::Text => {
            let split_mode = entry.split.unwrap_or(if single_file {
                SplitMode::Auto
            } else {
                SplitMode::None
            });
            return text_documents(m, entry, file, dec, split_mode, single_file, normalizer);
        }
        SourceFormat::Csv => records::csv(&dec.text, &entry.fields, &file.display)?,
        SourceFormat::Jsonl => records::jsonl(&dec.text, &entry.fields, &file.display)?,
    };
    // The records own their text now; the decoded file is no longer needed.
    let Decoded { encoding, lost, .. } = dec;
    let built: Vec<Result<Document>> = recs
        .into_par_iter()
        .map(|r| record_document(m, entry, &file, encoding, &lost, r, normalizer))
        .collect();
    built.into_iter().collect()
}

fn file_stem(file: &SourceFile) -> String {
    file.path
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_else(|| file.display.clone())
}

/// Raw byte ranges of lines that are level-1/2 markdown headings (`# `, `## `).
fn heading_lines(text: &MappedText) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let s = text.as_str();
    let mut char_pos = 0;
    for line in s.split('\n') {
        let n = line.chars().count();
        let hashes = line.chars().take_while(|&c| c == '#').count();
        if (1..=2).contains(&hashes) && line.chars().nth(hashes).is_some_and(|c| c == ' ') {
            out.push(text.raw_range(char_pos..char_pos + n));
        }
        char_pos += n + 1;
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn text_documents(
    m: &LoadedManifest,
    entry: &SourceEntry,
    file: SourceFile,
    dec: Decoded,
    split_mode: SplitMode,
    single_file: bool,
    normalizer: &Normalizer,
) -> Result<Vec<Document>> {
    let mut norm = normalizer.normalize(&dec.text);
    add_lost(&mut norm.fixes, &dec.lost);
    let headings = heading_lines(&dec.text);
    let spans = norm.text.spans();
    let is_heading = |c: usize| {
        spans
            .get(c)
            .is_some_and(|s| headings.iter().any(|h| h.contains(&(s.start as usize))))
    };
    let articles = match split_mode {
        SplitMode::Auto => split::split(norm.text.as_str(), &is_heading, &entry.breaks),
        SplitMode::None => {
            let n = norm.text.char_len();
            let chars: Vec<char> = norm.text.as_str().chars().collect();
            let start = chars.iter().position(|c| !c.is_whitespace()).unwrap_or(n);
            let end = chars
                .iter()
                .rposition(|c| !c.is_whitespace())
                .map_or(start, |e| e + 1);
            vec![split::Article {
                chars: start..end,
                headline: split::split(norm.text.as_str(), &|_| false, &[])
                    .first()
                    .and_then(|a| a.headline.clone()),
            }]
        }
    };
    let stem = file_stem(&file);
    // Which manifest entries describe which articles.
    let entries: Vec<Option<&DocEntry>> = if single_file {
        if !entry.documents.is_empty() && entry.documents.len() != articles.len() {
            let heads: Vec<String> = articles
                .iter()
                .map(|a| {
                    a.headline
                        .clone()
                        .unwrap_or_else(|| first_words(&norm.text, a.chars.clone()))
                })
                .collect();
            return Err(m.error_at(
                entry.path.span(),
                format!(
                    "{}: the splitter found {} article(s) [{}] but the manifest lists {} document(s); \
                     add `breaks = [\"first words of an article\"]` to split more, or `split = \"none\"`",
                    file.display,
                    articles.len(),
                    heads.join(" | "),
                    entry.documents.len()
                ),
            ));
        }
        (0..articles.len())
            .map(|i| entry.documents.get(i))
            .collect()
    } else {
        let name = file
            .path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let e = entry
            .documents
            .iter()
            .find(|d| d.file.as_deref() == Some(name.as_str()));
        vec![e; articles.len()]
    };
    let extents = extents(
        &norm,
        &dec.text,
        &articles,
        dec.text.spans().last().map_or(0, |s| s.end as usize),
    );
    let ranges: Vec<_> = articles.iter().map(|a| a.chars.clone()).collect();
    let mut texts = norm.text.slices(&ranges).into_iter();
    let mut raw_texts = raw_texts_in(&dec.text, &extents).into_iter();
    let mut docs = Vec::new();
    for (k, (art, e)) in articles.iter().zip(entries).enumerate() {
        let id = match e {
            Some(e) => e.id.get_ref().clone(),
            None if articles.len() == 1 => stem.clone(),
            None => format!("{stem}-{}", k + 1),
        };
        let fields = e
            .map(|e| e.meta())
            .unwrap_or_default()
            .or(&entry.defaults)
            .or(&m.manifest.defaults);
        let text = texts.next().unwrap_or_default();
        let meta = finish_meta(
            m,
            entry,
            id,
            fields,
            art.headline.clone(),
            &text,
            0..text.char_len(),
        )?;
        let extent = extents[k].clone();
        docs.push(Document {
            meta,
            provenance: Provenance {
                file: file.display.clone(),
                encoding: dec.encoding.to_string(),
                raw_start: extent.start,
                raw_end: extent.end,
                record: None,
            },
            text: text.compact(),
            raw_text: raw_texts.next().unwrap_or_default(),
            fixes: count_fixes(&norm.fixes, extent),
            bylines: rebase(&norm.bylines, art.chars.clone()),
        });
    }
    Ok(docs)
}

/// Raw byte extents that tile the file: each article owns the bytes from the end of the previous
/// article's extent to the start of the next article, so every fix is counted exactly once.
/// An article's extent starts at the beginning of the raw line holding its first character, so
/// that markup removed from that line (`## `) belongs to it.
fn extents(
    norm: &Normalized,
    raw: &MappedText,
    articles: &[split::Article],
    file_len: usize,
) -> Vec<Range<usize>> {
    let raw_spans = raw.spans();
    let raw_chars: Vec<char> = raw.as_str().chars().collect();
    let line_start = |byte: usize| -> usize {
        let mut i = raw_spans.partition_point(|s| (s.start as usize) < byte);
        while i > 0 && raw_chars[i - 1] != '\n' {
            i -= 1;
        }
        raw_spans.get(i).map_or(byte, |s| s.start as usize)
    };
    let starts: Vec<usize> = articles
        .iter()
        .enumerate()
        .map(|(k, a)| {
            if k == 0 {
                0
            } else {
                line_start(norm.text.raw_range(a.chars.clone()).start)
            }
        })
        .collect();
    (0..articles.len())
        .map(|k| starts[k]..starts.get(k + 1).copied().unwrap_or(file_len))
        .collect()
}

/// For each extent, the decoded chars whose raw span starts inside it (span starts never
/// decrease, so they are one contiguous stretch); all of them in one pass over the text.
fn raw_texts_in(raw: &MappedText, extents: &[Range<usize>]) -> Vec<String> {
    let spans = raw.spans();
    let ranges: Vec<Range<usize>> = extents
        .iter()
        .map(|extent| {
            let first = spans.partition_point(|s| (s.start as usize) < extent.start);
            let end = spans.partition_point(|s| (s.start as usize) < extent.end);
            first..end.max(first)
        })
        .collect();
    raw.slices(&ranges)
        .into_iter()
        .map(|t| t.as_str().to_string())
        .collect()
}

fn rebase(ranges: &[Range<usize>], within: Range<usize>) -> Vec<Range<usize>> {
    ranges
        .iter()
        .filter(|r| r.start >= within.start && r.end <= within.end)
        .map(|r| r.start - within.start..r.end - within.start)
        .collect()
}

fn first_words(text: &MappedText, r: Range<usize>) -> String {
    let s: String = text
        .as_str()
        .chars()
        .skip(r.start)
        .take(r.len().min(24))
        .collect();
    s.replace('\n', " ")
}

fn finish_meta(
    m: &LoadedManifest,
    entry: &SourceEntry,
    id: String,
    fields: MetaFields,
    headline: Option<String>,
    text: &MappedText,
    chars: Range<usize>,
) -> Result<DocMeta> {
    let level = fields.level.ok_or_else(|| {
        m.error_at(
            entry.path.span(),
            format!(
                "document {id:?} has no level; set `level` (central, provincial, municipal, county or other) \
                 in its [[sources.documents]] entry, in [sources.defaults] or in [defaults]"
            ),
        )
    })?;
    let title = fields
        .title
        .or(headline)
        .unwrap_or_else(|| first_words(text, chars));
    Ok(DocMeta {
        id,
        level,
        // An empty string in the manifest overrides an inherited default with "none".
        province: fields.province.filter(|s| !s.is_empty()),
        city: fields.city.filter(|s| !s.is_empty()),
        date: fields.date,
        title,
    })
}

/// Bytes `utf-8-lossy` replaced by U+FFFD are lost characters, like the ones scraping lost.
fn add_lost(fixes: &mut Vec<Fix>, lost: &[ByteSpan]) {
    if lost.is_empty() {
        return;
    }
    fixes.extend(lost.iter().map(|&raw| Fix {
        kind: FixKind::LostChar,
        raw,
    }));
    fixes.sort_by_key(|f| (f.raw.start, f.raw.end, f.kind));
}

#[allow(clippy::too_many_arguments)]
fn record_document(
    m: &LoadedManifest,
    entry: &SourceEntry,
    file: &SourceFile,
    encoding: &str,
    lost: &[ByteSpan],
    record: records::Record,
    normalizer: &Normalizer,
) -> Result<Document> {
    let records::Record {
        number,
        id: rec_id,
        text: raw,
        meta: rec_meta,
    } = record;
    let id = rec_id.unwrap_or_else(|| format!("{}-{number}", file_stem(file)));
    let patch = entry.documents.iter().find(|d| d.id.get_ref() == &id);
    let fields = patch
        .map(|d| d.meta())
        .unwrap_or_default()
        .or(&rec_meta)
        .or(&entry.defaults)
        .or(&m.manifest.defaults);
    let mut norm = normalizer.normalize(&raw);
    let in_record: Vec<ByteSpan> = raw
        .spans()
        .iter()
        .filter(|s| lost.binary_search(s).is_ok())
        .copied()
        .collect();
    add_lost(&mut norm.fixes, &in_record);
    let n = norm.text.char_len();
    let meta = finish_meta(m, entry, id, fields, None, &norm.text, 0..n).map_err(|e| match e {
        Error::Manifest { message, .. } => Error::Source {
            path: file.display.clone().into(),
            record: Some(number),
            message,
        },
        other => other,
    })?;
    let extent = raw.raw_range(0..raw.char_len());
    Ok(Document {
        meta,
        provenance: Provenance {
            file: file.display.clone(),
            encoding: encoding.to_string(),
            raw_start: extent.start,
            raw_end: extent.end,
            record: Some(number),
        },
        raw_text: raw.as_str().to_string(),
        fixes: count_fixes(&norm.fixes, 0..usize::MAX),
        bylines: norm.bylines,
        text: norm.text.compact(),
    })
}
