//! The summarized reuse engine against the exhaustive (pairwise) one on small random corpora
//! made of shared phrases, so that many shingles are frequent.

use proptest::prelude::*;

use tifa::document::{DocMeta, Document, Level};
use tifa::progress::NoProgress;
use tifa::reuse::{DocReuse, Origin, ReuseEngine, ReuseParams, Scale, lexicon::Lexicon};

/// Phrases of the bundled corpus's kind; documents are sentences of them.
const PHRASES: [&str; 12] = [
    "坚持外防输入内防反弹总策略",
    "坚持动态清零总方针不动摇",
    "压紧压实四方责任",
    "以最坚决的态度最果断的措施",
    "从快从严从紧抓好疫情防控各项工作",
    "全力做好核酸检测和流调溯源",
    "切实保障人民群众生命安全和身体健康",
    "统筹疫情防控和经济社会发展",
    "针尖大的窟窿能漏过斗大的风",
    "安全生产责任重于泰山",
    "各地各部门要高度重视",
    "深入学习贯彻党的二十大精神",
];
const PROVINCES: [&str; 2] = ["江苏省", "四川省"];
const CITIES: [&str; 3] = ["无锡市", "南通市", "雅安市"];

fn document(i: usize, level: usize, place: usize, month: u8, phrases: &[usize]) -> Document {
    let level = [Level::Central, Level::Provincial, Level::Municipal][level];
    let meta = DocMeta {
        id: format!("d{i}"),
        level,
        province: (level != Level::Central).then(|| PROVINCES[place % 2].to_string()),
        city: (level == Level::Municipal).then(|| CITIES[place % 3].to_string()),
        date: Some(format!("2022-{month:02}").parse().expect("test date")),
        title: String::new(),
    };
    // Each document also has words of its own, so that not everything is shared.
    let own = ["本市", "今天", "会议", "同志"][i % 4];
    let text: String = phrases
        .iter()
        .map(|&p| format!("{own}{}。", PHRASES[p]))
        .collect();
    Document::from_clean_text(meta, &text)
}

fn corpus() -> impl Strategy<Value = Vec<Document>> {
    proptest::collection::vec(
        (
            0..3usize,
            0..6usize,
            1..=12u8,
            proptest::collection::vec(0..12usize, 1..6),
        ),
        2..12,
    )
    .prop_map(|docs| {
        docs.iter()
            .enumerate()
            .map(|(i, (l, p, m, ph))| document(i, *l, *p, *m, ph))
            .collect()
    })
}

fn analyze(docs: &[Document], scale: Scale) -> Vec<DocReuse> {
    analyze_with(docs, scale, true)
}

fn analyze_with(docs: &[Document], scale: Scale, peers: bool) -> Vec<DocReuse> {
    let lexicon = Lexicon::default();
    let params = ReuseParams {
        scale,
        peers,
        ..ReuseParams::default()
    };
    let engine = ReuseEngine::new(docs, &lexicon, &[], &params).expect("engine");
    engine.analyze_all(&params, &NoProgress).expect("analysis")
}

/// The origin of each normalized character, from the segments.
fn origins(d: &DocReuse, len: usize) -> Vec<Origin> {
    let mut o = vec![Origin::Own; len];
    for s in &d.segments {
        for x in &mut o[s.start..s.end] {
            *x = s.origin;
        }
    }
    o
}

/// Every character attributed to an origin lies inside a reported passage of that origin.
fn backed(d: &DocReuse, len: usize) -> bool {
    origins(d, len).iter().enumerate().all(|(i, &o)| {
        o == Origin::Own
            || d.passages
                .iter()
                .any(|p| p.origin == o && p.target_start <= i && i < p.target_end)
    })
}

/// Every `self` passage's source is a document of the target's own unit that precedes it
/// (earlier first possible day, or the same day and earlier in the corpus).
fn self_sources_precede(d: &DocReuse, docs: &[Document], at: usize) -> bool {
    let meta = |i: usize| &docs[i].meta;
    let key = |i: usize| (meta(i).date.map(|x| x.earliest()), i);
    d.passages
        .iter()
        .filter(|p| p.origin == Origin::SelfReuse)
        .all(|p| {
            docs.iter()
                .position(|s| s.id() == p.source_id)
                .is_some_and(|s| {
                    let (a, b) = (meta(s), meta(at));
                    (a.level, &a.province, &a.city) == (b.level, &b.province, &b.city)
                        && key(s) < key(at)
                })
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Without frequent shingles the summarized engine attributes exactly as the pairwise one.
    #[test]
    fn without_frequent_text_both_paths_agree(docs in corpus()) {
        let summarized = analyze(&docs, Scale::Summarized(docs.len() + 1));
        let exhaustive = analyze(&docs, Scale::Exhaustive);
        for (i, ((s, e), d)) in summarized.iter().zip(&exhaustive).zip(&docs).enumerate() {
            prop_assert_eq!(&s.segments, &e.segments, "{}", d.id());
            prop_assert_eq!(s.shares, e.shares);
            prop_assert!(s.passages.len() <= e.passages.len());
            prop_assert!(self_sources_precede(e, &docs, i), "{}", d.id());
        }
    }

    /// With almost every shingle frequent, every attributed character is still backed by a
    /// reported passage of its origin, and passages stay bounded by the text.
    #[test]
    fn frequent_text_is_backed_by_passages(docs in corpus()) {
        let summarized = analyze(&docs, Scale::Summarized(1));
        for (i, (s, d)) in summarized.iter().zip(&docs).enumerate() {
            prop_assert!(backed(s, d.chars()), "{}: {:?}", d.id(), s.passages);
            prop_assert!(self_sources_precede(s, &docs, i), "{}: {:?}", d.id(), s.passages);
            let shares = s.shares;
            let sum = shares.central + shares.provincial + shares.peer + shares.self_reuse + shares.own;
            prop_assert!((sum - 1.0).abs() < 1e-9);
            // At most one passage per content character and origin.
            prop_assert!(s.passages.len() <= 3 * s.chars.max(1));
        }
    }
}

/// A phrase every document carries is frequent at `max_carriers` 1; a city that copies it
/// finds it central, from the earliest central carrier, as one `frequent` passage.
#[test]
fn a_frequent_phrase_is_attributed_to_its_earliest_allowed_carrier() {
    let docs = vec![
        document(0, 0, 0, 3, &[0, 9]),
        document(1, 0, 0, 1, &[0, 10]),
        document(2, 2, 0, 5, &[0, 11]),
        document(3, 0, 0, 9, &[0]),
    ];
    let r = analyze(&docs, Scale::Summarized(1));
    let city = &r[2];
    let frequent: Vec<_> = city
        .passages
        .iter()
        .filter(|p| p.kind == tifa::reuse::PassageKind::Frequent)
        .collect();
    assert_eq!(frequent.len(), 1, "{:#?}", city.passages);
    let p = frequent[0];
    assert_eq!(p.origin, Origin::Central);
    // d1 (2022-01) is the earliest central carrier; d3 (2022-09) is after the target.
    assert_eq!(p.source_id, "d1");
    assert_eq!(p.text, "坚持外防输入内防反弹总策略。");
    assert_eq!(p.carriers, 4);
    assert!(backed(city, docs[2].chars()));
}

/// Wuxi repeats a sentence of its own March document in May; two other cities carry it too,
/// later. Frequent (max_carriers 1) or aligned (exhaustive), the May copy is `self`, from
/// March, and the March original stays `own`.
#[test]
fn a_unit_repeating_its_earlier_text_is_self_on_both_paths() {
    let docs = vec![
        document(0, 2, 0, 3, &[5, 9]),
        document(1, 2, 0, 5, &[5, 10]),
        document(2, 2, 1, 7, &[5]),
        document(3, 2, 2, 8, &[5]),
    ];
    for scale in [Scale::Summarized(1), Scale::Exhaustive] {
        let r = analyze(&docs, scale);
        let may = &r[1];
        let selfs: Vec<_> = may
            .passages
            .iter()
            .filter(|p| p.origin == Origin::SelfReuse)
            .collect();
        assert!(!selfs.is_empty(), "{scale:?}: {:#?}", may.passages);
        assert!(selfs.iter().all(|p| p.source_id == "d0"), "{scale:?}");
        assert!(
            selfs
                .iter()
                .any(|p| p.text.contains("全力做好核酸检测和流调溯源"))
        );
        // At least the 13 characters of the phrase itself.
        assert!(
            may.shares.self_reuse >= 13.0 / may.chars as f64,
            "{scale:?} {:?}",
            may.shares
        );
        assert_eq!(r[0].shares.self_reuse, 0.0);
        // The later cities find it in Wuxi's documents: a peer, never their own.
        assert_eq!(r[2].shares.self_reuse, 0.0);
        assert!(r[2].shares.peer > 0.0);
    }
}

/// The one documented difference for `self` (docs/METHODS.md, "Frequent text"): without peers,
/// frequent text that two other units of the level carried before the target's unit first
/// did stays `own` on the summarized path, while the exhaustive path finds it `self`.
#[test]
fn without_peers_frequent_self_text_behind_two_earlier_units_stays_own() {
    let docs = vec![
        document(0, 2, 1, 1, &[5]),
        document(1, 2, 2, 2, &[5]),
        document(2, 2, 0, 3, &[5, 9]),
        document(3, 2, 0, 5, &[5, 10]),
    ];
    let summarized = analyze_with(&docs, Scale::Summarized(1), false);
    let exhaustive = analyze_with(&docs, Scale::Exhaustive, false);
    assert!(exhaustive[3].shares.self_reuse > 0.0);
    assert_eq!(summarized[3].shares.self_reuse, 0.0);
    // With peers, both paths agree that the text is borrowed (from a peer, which outranks self).
    let with_peers = analyze(&docs, Scale::Summarized(1));
    assert!(with_peers[3].shares.peer > 0.0);
}
