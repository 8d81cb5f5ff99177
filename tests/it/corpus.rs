//! The bundled corpus: splitting, metadata and provenance, through the library API.

use std::collections::BTreeMap;

use crate::util::{bundled_corpus, repo};
use tifa::Level;
use tifa::corpus::Corpus;
use tifa::normalize::FixKind;

fn bundled() -> Corpus {
    bundled_corpus()
}

/// id, level, province, city, date.
type MetaRow<'a> = (
    &'a str,
    Level,
    Option<&'a str>,
    Option<&'a str>,
    Option<String>,
);

#[test]
fn bundled_corpus_has_the_ten_documents_with_their_metadata() {
    let c = bundled();
    let rows: Vec<MetaRow> = c
        .documents
        .iter()
        .map(|d| {
            (
                d.meta.id.as_str(),
                d.meta.level,
                d.meta.province.as_deref(),
                d.meta.city.as_deref(),
                d.meta.date.map(|x| x.to_string()),
            )
        })
        .collect();
    let m = Level::Municipal;
    let js = Some("江苏省");
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        rows,
        vec![
            (
                "changzhou-2022-04-26",
                m,
                js,
                Some("常州市"),
                s("2022-04-26")
            ),
            (
                "yaan-2021-08-06",
                m,
                Some("四川省"),
                Some("雅安市"),
                s("2021-08-06")
            ),
            (
                "jinzhong-2022-08-22",
                m,
                Some("山西省"),
                Some("晋中市"),
                s("2022-08-22")
            ),
            (
                "wuxi-2021-12-12-secretary",
                m,
                js,
                Some("无锡市"),
                s("2021-12-12")
            ),
            (
                "wuxi-2021-12-11-mayor",
                m,
                js,
                Some("无锡市"),
                s("2021-12-11/2021-12-12")
            ),
            (
                "wuxi-2021-12-12-notice-53",
                m,
                js,
                Some("无锡市"),
                s("2021-12-12")
            ),
            (
                "jiangsu-2022-leading-group",
                Level::Provincial,
                js,
                None,
                s("2022")
            ),
            (
                "nantong-2022-leading-group",
                m,
                js,
                Some("南通市"),
                s("2022")
            ),
            (
                "nantong-2022-03-31-dispatch",
                m,
                js,
                Some("南通市"),
                s("2022-03-31")
            ),
            ("nantong-safety-committee", m, js, Some("南通市"), None),
        ]
    );
}

#[test]
fn articles_start_and_end_where_the_pieces_do() {
    let c = bundled();
    let text = |id: &str| c.get(id).expect(id).text.as_str().to_string();
    let starts_ends = [
        (
            "wuxi-2021-12-12-secretary",
            "杜小刚检查宜兴疫情防控工作",
            "惠晓婧）",
        ),
        (
            "wuxi-2021-12-11-mayor",
            "赵建军在宜兴指导疫情防控工作",
            "一起守护美丽家园。（周波）",
        ),
        (
            "wuxi-2021-12-12-notice-53",
            "市疫情防控应急指挥部通告",
            "2021年12月12日",
        ),
        (
            "jiangsu-2022-leading-group",
            "吴政隆主持召开省疫情防控工作领导小组会议强调",
            "坚决打赢疫情防控阻击战。",
        ),
        (
            "nantong-2022-leading-group",
            "王晖主持召开市新冠肺炎疫情防控工作领导小组会议",
            "记者朱文君",
        ),
        (
            "nantong-2022-03-31-dispatch",
            "王晖在市疫情防控工作视频点调会上强调",
            "李彤",
        ),
        (
            "nantong-safety-committee",
            "吴新明在市安委会全体",
            "记者李彤",
        ),
    ];
    for (id, start, end) in starts_ends {
        let t = text(id);
        assert!(
            t.starts_with(start),
            "{id} starts with {:?}",
            t.chars().take(30).collect::<String>()
        );
        assert!(
            t.ends_with(end),
            "{id} ends with {:?}",
            t.chars().rev().take(30).collect::<String>()
        );
    }
}

#[test]
fn detected_titles_come_from_headlines() {
    let c = bundled();
    let title = |id: &str| c.get(id).expect(id).meta.title.clone();
    assert_eq!(
        title("wuxi-2021-12-11-mayor"),
        "赵建军在宜兴指导疫情防控工作 全力防输出防扩散防输入 坚决打赢疫情防控歼灭战"
    );
    assert_eq!(
        title("changzhou-2022-04-26"),
        "常州市委常委会会议暨市委应对新冠肺炎疫情工作领导小组会议"
    );
    assert!(
        title("nantong-2022-03-31-dispatch")
            .starts_with("王晖在市疫情防控工作视频点调会上强调 以快制快")
    );
}

#[test]
fn document_extents_tile_each_file() {
    let c = bundled();
    let mut by_file: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
    for d in &c.documents {
        by_file
            .entry(d.provenance.file.as_str())
            .or_default()
            .push((d.provenance.raw_start, d.provenance.raw_end));
    }
    for (file, ranges) in by_file {
        let len = std::fs::metadata(repo().join("data").join(file))
            .unwrap()
            .len() as usize;
        assert_eq!(ranges.first().unwrap().0, 0, "{file}");
        assert_eq!(ranges.last().unwrap().1, len, "{file}");
        for w in ranges.windows(2) {
            assert_eq!(w[0].1, w[1].0, "{file}: extents must be contiguous");
        }
    }
}

#[test]
fn every_normalized_char_maps_inside_its_document_in_the_raw_file() {
    let c = bundled();
    for d in &c.documents {
        let raw = std::fs::read(repo().join("data").join(&d.provenance.file)).unwrap();
        let mut last = 0;
        for (ch, span) in d.text.iter() {
            let r = span.range();
            assert!(
                r.start >= d.provenance.raw_start && r.end <= d.provenance.raw_end,
                "{}: {ch} at {r:?}",
                d.meta.id
            );
            assert!(r.start >= last, "{}: spans must be monotonic", d.meta.id);
            last = r.start;
            assert!(
                std::str::from_utf8(&raw[r.clone()]).is_ok(),
                "{}: span {r:?} cuts a character",
                d.meta.id
            );
        }
    }
}

#[test]
fn fixes_are_counted_for_the_document_they_belong_to() {
    let c = bundled();
    let fixes = |id: &str| c.get(id).expect(id).fixes;
    // Each Nantong-paper article has a `#`/`##` heading marker and one `**…**` pair.
    for id in [
        "jiangsu-2022-leading-group",
        "nantong-2022-leading-group",
        "nantong-2022-03-31-dispatch",
        "nantong-safety-committee",
    ] {
        assert_eq!(fixes(id).get(FixKind::Markup), 3, "{id}");
    }
    assert_eq!(fixes("changzhou-2022-04-26").get(FixKind::Pinyin), 195);
    assert_eq!(fixes("yaan-2021-08-06").get(FixKind::Punctuation), 82);
    assert_eq!(fixes("jinzhong-2022-08-22").get(FixKind::Furniture), 2);
    let rejoined: usize = c
        .documents
        .iter()
        .map(|d| d.fixes.get(FixKind::Rejoined))
        .sum();
    assert_eq!(rejoined, 10);
}

#[test]
fn loading_records_the_manifest_and_every_file_with_the_hash_of_the_bytes_read() {
    use sha2::Digest;
    let c = bundled();
    let recorded: Vec<(&str, &str, u64)> = c
        .inputs
        .iter()
        .map(|f| (f.role, f.path.as_str(), f.bytes))
        .collect();
    let raw = [
        "raw/000_253ca0ffaa04fa11.txt",
        "raw/001_da66712a28116a4b.txt",
        "raw/002_6c7d4b961779f500.txt",
        "raw/003_4986d91e136b5dad.txt",
        "raw/004_a79d0054a62f4d9d.txt",
    ];
    let mut want = vec![("manifest", "corpus.toml")];
    want.extend(raw.iter().map(|p| ("corpus", *p)));
    assert_eq!(
        recorded
            .iter()
            .map(|(r, p, _)| (*r, *p))
            .collect::<Vec<_>>(),
        want
    );
    for f in &c.inputs {
        let path = if f.role == "manifest" {
            repo().join("data/corpus.toml")
        } else {
            repo().join("data").join(&f.path)
        };
        let bytes = std::fs::read(&path).unwrap();
        let hex: String = sha2::Sha256::digest(&bytes)
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        assert_eq!(
            (f.bytes, f.sha256.as_str()),
            (bytes.len() as u64, hex.as_str()),
            "{}",
            f.path
        );
    }
}
