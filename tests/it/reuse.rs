//! The reuse engine on the bundled corpus, and a planted passage that survives edits,
//! Traditional characters and a pinyin annotation.

use tifa::corpus;
use tifa::progress::NoProgress;
use tifa::reuse::{
    self, DocReuse, Origin, PassageKind, ReuseParams, ReuseReport, lexicon::Lexicon,
};

use crate::util::bundled_corpus;

fn bundled() -> ReuseReport {
    let corpus = bundled_corpus();
    let lexicon = Lexicon::bundled().expect("bundled lexicon");
    reuse::analyze(&corpus, &lexicon, &ReuseParams::default(), &NoProgress).expect("reuse runs")
}

fn doc<'a>(r: &'a ReuseReport, id: &str) -> &'a DocReuse {
    r.documents
        .iter()
        .find(|d| d.id == id)
        .expect("document exists")
}

#[test]
fn nantong_borrows_from_jiangsu() {
    let r = bundled();
    let nantong = doc(&r, "nantong-2022-leading-group");
    assert!(nantong.shares.provincial > 0.05, "{:?}", nantong.shares);
    let provincial: Vec<&str> = nantong
        .passages
        .iter()
        .filter(|p| p.origin == Origin::Provincial && p.source_id == "jiangsu-2022-leading-group")
        .map(|p| p.text.as_str())
        .collect();
    assert!(
        provincial.iter().any(|t| t.contains("从快从严从紧")),
        "{provincial:?}"
    );
    assert!(
        provincial.iter().any(|t| t.contains("压紧压实“四方责任")),
        "{provincial:?}"
    );
}

#[test]
fn the_strategy_is_central_wherever_it_occurs() {
    let r = bundled();
    let mut seen = 0;
    for d in &r.documents {
        for h in d.hits.iter().filter(|h| h.formulation == "zongcelue") {
            seen += 1;
            assert_eq!(h.origin, Some(Origin::Central), "{} {h:?}", d.id);
            // Every character of the hit is attributed to the centre.
            let covered = d
                .segments
                .iter()
                .any(|s| s.origin == Origin::Central && s.start <= h.start && s.end >= h.end);
            assert!(covered, "{}: {h:?} not inside a central segment", d.id);
        }
    }
    // Changzhou 2, Jinzhong 1, Jiangsu 1, Nantong leading group 1, Nantong dispatch 1.
    assert_eq!(seen, 6);
}

#[test]
fn a_central_phrase_that_reached_nantong_through_jiangsu_is_relayed() {
    let r = bundled();
    let nantong = doc(&r, "nantong-2022-leading-group");
    let relayed = nantong
        .passages
        .iter()
        .find(|p| p.kind == PassageKind::Formulation && p.text == "外防输入、内防反弹")
        .expect("the strategy is a passage");
    assert!(relayed.relayed && relayed.origin == Origin::Central);
    assert!(nantong.relayed_share > 0.0);
    // Ya'an is in Sichuan: nothing can be relayed through Jiangsu.
    assert_eq!(doc(&r, "yaan-2021-08-06").relayed_share, 0.0);
}

#[test]
fn the_work_safety_meeting_has_the_fewest_covid_hits() {
    let r = bundled();
    let safety = doc(&r, "nantong-safety-committee");
    for d in r.documents.iter().filter(|d| d.id != safety.id) {
        assert!(
            d.covid_hits > safety.covid_hits,
            "{}: {} vs {}",
            d.id,
            d.covid_hits,
            safety.covid_hits
        );
    }
}

#[test]
fn shares_sum_to_one() {
    for d in &bundled().documents {
        for s in [d.shares, d.weighted_shares] {
            let sum: f64 = Origin::ALL.iter().map(|&o| s.get(o)).sum();
            assert!((sum - 1.0).abs() < 1e-12, "{}: {s:?}", d.id);
        }
    }
}

#[test]
fn later_references_are_ignored_unless_asked() {
    // The Wuxi notice (2021-12-12) cannot borrow from Changzhou (2022-04-26) ...
    let r = bundled();
    let wuxi = doc(&r, "wuxi-2021-12-12-notice-53");
    assert!(
        wuxi.passages
            .iter()
            .all(|p| p.source_id != "changzhou-2022-04-26")
    );
    // ... and Ya'an (Sichuan) never borrows from Jiangsu's provincial meeting.
    let yaan = doc(&r, "yaan-2021-08-06");
    assert!(
        yaan.passages
            .iter()
            .all(|p| p.source_level != tifa::document::Level::Provincial)
    );
    assert_eq!(yaan.shares.provincial, 0.0);
}

#[test]
fn results_do_not_depend_on_the_thread_count() {
    let one = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .unwrap()
        .install(bundled);
    let four = rayon::ThreadPoolBuilder::new()
        .num_threads(4)
        .build()
        .unwrap()
        .install(bundled);
    assert_eq!(
        tifa::render::reuse::to_json(&one).unwrap(),
        tifa::render::reuse::to_json(&four).unwrap()
    );
}

/// Jiangsu's sentence (data/raw/004), and a city's copy of it with 要 → 必须 (one substitution,
/// one insertion), Traditional characters and a pinyin annotation after 處.
const PROVINCIAL: &str = "会议强调，要从快从严从紧。对失职失责导致疫情失控的要立即依纪依规查处，严肃问责，不搞“下不为例”。全省上下要坚定信心。\n";
const CITY: &str = "市委召开常委会会议。会议指出，全市上下要紧盯目标。對失職失責導致疫情失控的必須立即依紀依規查處(chǔ)，嚴肅問責，不搞「下不為例」。会议还研究了其他事项。\n";

#[test]
fn a_planted_passage_survives_edits_traditional_and_pinyin() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("province.txt"), PROVINCIAL).unwrap();
    std::fs::write(dir.path().join("city.txt"), CITY).unwrap();
    std::fs::write(
        dir.path().join("corpus.toml"),
        "name = \"planted\"\n[defaults]\nprovince = \"江苏省\"\n\
         [[sources]]\npath = \"province.txt\"\n[[sources.documents]]\nid = \"province\"\nlevel = \"provincial\"\n\
         [[sources]]\npath = \"city.txt\"\n[[sources.documents]]\nid = \"city\"\nlevel = \"municipal\"\ncity = \"南通市\"\n",
    )
    .unwrap();
    let corpus = corpus::load(&dir.path().join("corpus.toml")).unwrap();
    let lexicon = Lexicon::bundled().unwrap();
    let r = reuse::analyze(&corpus, &lexicon, &ReuseParams::default(), &NoProgress).unwrap();
    let city = doc(&r, "city");
    let found: Vec<_> = city
        .passages
        .iter()
        .filter(|p| p.kind == PassageKind::Aligned && p.source_id == "province")
        .collect();
    assert_eq!(found.len(), 1, "{found:#?}");
    let p = found[0];
    assert_eq!(p.origin, Origin::Provincial);
    let province = corpus.get("province").unwrap();
    let source_text: String = province
        .text
        .as_str()
        .chars()
        .skip(p.source_start)
        .take(p.source_end - p.source_start)
        .collect();
    assert_eq!(
        source_text,
        "对失职失责导致疫情失控的要立即依纪依规查处，严肃问责，不搞“下不为例”。"
    );
    assert_eq!(
        p.text,
        "对失职失责导致疫情失控的必须立即依纪依规查处，严肃问责，不搞“下不为例”。"
    );
    // Raw offsets point into the Traditional original, pinyin included.
    let raw = &CITY[p.raw_start..p.raw_end];
    assert!(
        raw.starts_with("對失職") && raw.contains("查處(chǔ)"),
        "{raw}"
    );
    assert!(p.identity > 0.9 && p.identity < 1.0, "{}", p.identity);
}

/// 跨时抄: Wuxi's party secretary (2021-12-12) repeats the mayor's speech of 2021-12-11/12 and
/// Nantong's dispatch (2022-03-31) its leadership-group text (dated 2022); both are `self`,
/// never the other way round, and the mayor's speech, which nothing of Wuxi precedes, has none.
#[test]
fn a_unit_repeating_its_own_earlier_text_is_self() {
    let r = bundled();
    for (target, source, at_least) in [
        ("wuxi-2021-12-12-secretary", "wuxi-2021-12-11-mayor", 0.04),
        (
            "nantong-2022-03-31-dispatch",
            "nantong-2022-leading-group",
            0.04,
        ),
    ] {
        let d = doc(&r, target);
        assert!(d.shares.self_reuse > at_least, "{target}: {:?}", d.shares);
        let selfs: Vec<_> = d
            .passages
            .iter()
            .filter(|p| p.origin == Origin::SelfReuse)
            .collect();
        assert!(!selfs.is_empty(), "{target}");
        assert!(
            selfs.iter().all(|p| p.source_id == source),
            "{target}: {selfs:?}"
        );
    }
    let mayor = doc(&r, "wuxi-2021-12-11-mayor");
    assert_eq!(mayor.shares.self_reuse, 0.0);
    assert!(mayor.passages.iter().all(|p| p.origin != Origin::SelfReuse));
    // Other units never count as `self`.
    assert_eq!(doc(&r, "changzhou-2022-04-26").shares.self_reuse, 0.0);
}
