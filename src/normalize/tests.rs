//! Whole-chain tests on the five seed files; `properties` holds the property tests over
//! generated scrapes.

use std::sync::LazyLock;

use proptest::prelude::*;
use regex::Regex;

use super::script::T2s;
use super::*;
use crate::text::is_han;

mod properties;

static NORMALIZER: LazyLock<Normalizer> =
    LazyLock::new(|| Normalizer::new(NormalizeOptions::default()).unwrap());
static T2S: LazyLock<T2s> = LazyLock::new(|| T2s::new().unwrap());

const SEEDS: [(&str, &str); 5] = [
    (
        "000",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/raw/000_253ca0ffaa04fa11.txt"
        )),
    ),
    (
        "001",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/raw/001_da66712a28116a4b.txt"
        )),
    ),
    (
        "002",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/raw/002_6c7d4b961779f500.txt"
        )),
    ),
    (
        "003",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/raw/003_4986d91e136b5dad.txt"
        )),
    ),
    (
        "004",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/raw/004_a79d0054a62f4d9d.txt"
        )),
    ),
];

fn seed(name: &str) -> &'static str {
    SEEDS.iter().find(|(n, _)| *n == name).unwrap().1
}

fn normalize(raw: &str) -> Normalized {
    NORMALIZER.normalize(&MappedText::identity(raw, 0))
}

fn normalized(name: &str) -> String {
    normalize(seed(name)).text.as_str().to_string()
}

/// Spans are ordered, well formed and inside the raw text.
fn assert_spans_sound(raw: &str, out: &Normalized) {
    let mut last = 0;
    for s in out.text.spans() {
        assert!(s.start <= s.end, "{s:?}");
        assert!(s.start >= last, "non-monotonic at {s:?}");
        assert!(s.end as usize <= raw.len(), "{s:?} beyond {}", raw.len());
        last = s.start;
    }
    for f in &out.fixes {
        assert!(
            f.raw.start <= f.raw.end && f.raw.end as usize <= raw.len(),
            "{f:?}"
        );
    }
}

/// Every Han char of the output comes from one Han char of the raw text (or from a char whose
/// t2s conversion it is).
fn assert_han_traceable(raw: &str, out: &Normalized) {
    for (c, span) in out.text.iter().filter(|(c, _)| is_han(*c)) {
        let src = raw
            .get(span.range())
            .unwrap_or_else(|| panic!("{c} {span:?}"));
        let mut it = src.chars();
        let r = it.next().unwrap_or_else(|| panic!("{c} maps to nothing"));
        assert!(it.next().is_none(), "{c} maps to {src:?}");
        assert!(
            is_han(r) || T2S.convert_str(src).contains(c),
            "{c} maps to {src:?}"
        );
    }
}

#[test]
fn seed_fix_counts_are_pinned() {
    // Every kind but `control`, in step order.
    let want: [(&str, [usize; 9]); 5] = [
        ("000", [195, 0, 636, 92, 0, 0, 0, 0, 0]),
        ("001", [272, 2, 454, 152, 82, 0, 0, 0, 2]),
        ("002", [0, 0, 0, 122, 0, 2, 0, 0, 0]),
        ("003", [0, 0, 0, 193, 0, 0, 0, 6, 2]),
        ("004", [0, 0, 0, 188, 0, 0, 12, 4, 3]),
    ];
    for (name, w) in want {
        let raw = seed(name);
        let f = normalize(raw).count_fixes(0..raw.len());
        let got: Vec<usize> = f.iter().skip(1).map(|(_, n)| n).collect();
        assert_eq!(got, w, "{name}: {f:?}");
    }
}

#[test]
fn seeds_have_no_pinyin_left() {
    let annotation = Regex::new(r"[(（?][a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6}[1-5]?[)）]").unwrap();
    for (name, raw) in SEEDS {
        let out = normalize(raw);
        let text = out.text.as_str();
        assert!(
            !annotation.is_match(text),
            "{name}: {:?}",
            annotation.find(text)
        );
        // Each Pinyin fix removed exactly one raw annotation.
        for f in out.fixes.iter().filter(|f| f.kind == FixKind::Pinyin) {
            let removed = &raw[f.raw.range()];
            assert!(annotation.is_match(removed), "{name}: {removed:?}");
        }
    }
}

#[test]
fn seed_001_lost_chars_are_marked() {
    let raw = seed("001");
    let out = normalize(raw);
    let lost: Vec<&str> = out
        .fixes
        .iter()
        .filter(|f| f.kind == FixKind::LostChar)
        .map(|f| &raw[f.raw.range()])
        .collect();
    assert_eq!(lost, ["?gòu)", "?zhǔn)"]);
    let text = out.text.as_str();
    assert!(text.contains("排查要再\u{FFFD}氐"));
    assert!(text.contains("冷链\u{FFFD}称泛"));
    assert_eq!(text.matches('\u{FFFD}').count(), 2);
    // A real bracket after a removed annotation survives.
    assert!(text.contains("来（返）雅人员"));
}

#[test]
fn seeds_are_simplified_and_idempotent_under_t2s() {
    for (name, _) in SEEDS {
        let text = normalized(name);
        assert_eq!(T2S.convert_str(&text), text, "{name}");
    }
}

#[test]
fn seeds_use_the_canonical_punctuation() {
    let doubled = Regex::new(r"[，、。；：]{2,}").unwrap();
    let ascii_between_han = Regex::new(r"\p{Han}[,:;!?()]|[,:;!?()]\p{Han}").unwrap();
    for (name, _) in SEEDS {
        let text = normalized(name);
        assert!(
            !doubled.is_match(&text),
            "{name}: {:?}",
            doubled.find(&text)
        );
        assert!(
            !ascii_between_han.is_match(&text),
            "{name}: {:?}",
            ascii_between_han.find(&text)
        );
    }
    assert!(normalized("000").contains("4月26日晚，常州市委书记"));
    assert!(normalized("002").contains("2个县（区）先后"));
    assert!(normalized("003").contains("如下：\n"));
    assert!(normalized("004").contains("得怎么样？”"));
}

#[test]
fn seeds_have_no_furniture_or_markup() {
    for (name, _) in SEEDS {
        let text = normalized(name);
        for line in text.lines() {
            assert!(!furniture::is_furniture(line), "{name}: {line}");
            assert!(!line.trim_start().starts_with('#'), "{name}: {line}");
        }
        assert!(!text.contains("**"), "{name}");
        assert!(
            !text.contains("浏览次数") && !text.contains("您的位置"),
            "{name}"
        );
    }
    let t = normalized("002");
    assert!(t.starts_with("\n吴俊清主持召开市委第一百一十一次疫情防控专题会强调\n"));
    assert!(normalized("004").contains("\n晚报综合消息 昨天，省委书记吴政隆"));
}

#[test]
fn seed_page_breaks_are_rejoined() {
    let t3 = normalized("003");
    let t4 = normalized("004");
    for joined in [
        "杜小刚直奔",
        "到户到人",
        "刘必权、秦咏薪参加",
        "在和桥镇",
        "城市温度",
        "工作十分理解",
        "坚定有力",
        "各方安全生产",
        "的同时，做好各项服务保障工作",
    ] {
        assert!(t3.contains(joined) || t4.contains(joined), "{joined}");
    }
    assert!(t4.contains("高效运转，实行扁平化管理"));
    // Each join removed only line breaks.
    for name in ["003", "004"] {
        let raw = seed(name);
        for f in normalize(raw)
            .fixes
            .iter()
            .filter(|f| f.kind == FixKind::Rejoined)
        {
            assert_eq!(&raw[f.raw.range()], "\n\n", "{name}");
        }
    }
}

#[test]
fn seed_001_doubled_marks_restore_the_original() {
    let t = normalized("001");
    for restored in [
        "市委副书记、市长、领导小组组长彭映梅",
        "交通运输、旅游景区、宾馆酒店、商场药店、农贸市场",
        "白云出席。",
        "，传达学习",
    ] {
        assert!(t.contains(restored), "{restored:?}");
    }
}

#[test]
fn seed_paragraphs_that_must_stay_apart() {
    let t1 = normalized("001");
    for kept in [
        "传达学习\n会议现场 记者 张毅 摄影\n",
        "要对照典\n李酌指出",
        "对标\n会议听取了",
        "疫情防控，\n李酌指出",
        "\n记者 彭华",
    ] {
        assert!(t1.contains(kept), "{kept:?}");
    }
    assert_eq!(t1.lines().count(), 13);
    let t3 = normalized("003");
    assert!(t3.ends_with("无锡市新型冠状病毒感染的肺炎\n疫情防控应急指挥部\n2021年12月12日"));
    assert!(t3.contains("市疫情防控应急指挥部通告\n\n（第53号）\n\n12月11日"));
    let t4 = normalized("004");
    assert!(t4.contains("吴政隆主持召开省疫情防控工作领导小组会议强调\n\n从快从严从紧"));
    assert!(t4.contains("参会。 记者朱文君\n\n王晖在市疫情防控工作视频点调会上强调\n"));
    assert!(t4.contains("全力以赴保安全\n\n晚报讯"));
}

#[test]
fn seed_bylines_are_marked() {
    let want: [(&str, &[&str]); 5] = [
        ("000", &[]),
        ("001", &["会议现场 记者 张毅 摄影", "记者 彭华"]),
        ("002", &[]),
        ("003", &["（高美梅、惠晓婧）", "（周波）"]),
        ("004", &["记者朱文君", "记者朱文君 李彤", "记者李彤"]),
    ];
    for (name, bylines) in want {
        let out = normalize(seed(name));
        let got: Vec<String> = out
            .bylines
            .iter()
            .map(|r| out.text.slice(r.clone()).as_str().to_string())
            .collect();
        assert_eq!(got, bylines, "{name}");
        assert!(out.bylines.windows(2).all(|w| w[0].end <= w[1].start));
    }
}

#[test]
fn seed_spans_trace_back_to_raw() {
    for (name, raw) in SEEDS {
        let out = normalize(raw);
        assert_spans_sound(raw, &out);
        assert_han_traceable(raw, &out);
        assert!(
            out.fixes
                .windows(2)
                .all(|w| w[0].raw.start <= w[1].raw.start),
            "{name}"
        );
    }
    // `应` of `應(yīng)對` points at the 3 raw bytes of `應`.
    let raw = seed("000");
    let out = normalize(raw);
    let at = out.text.as_str().find("应对新冠").unwrap();
    let ci = out.text.as_str()[..at].chars().count();
    let r = out.text.raw_range(ci..ci + 2);
    assert_eq!(&raw[r], "應(yīng)對");
}

#[test]
fn chain_is_idempotent_on_seeds() {
    for (name, raw) in SEEDS {
        let once = normalize(raw);
        let twice = NORMALIZER.normalize(&once.text);
        assert_eq!(twice.text, once.text, "{name}");
        assert!(
            twice.fixes.iter().all(|f| f.kind == FixKind::Byline),
            "{name}: {:?}",
            twice.fixes.iter().find(|f| f.kind != FixKind::Byline)
        );
    }
}

#[test]
fn count_fixes_splits_by_raw_range() {
    let raw = seed("003");
    let out = normalize(raw);
    let cut = raw.find("赵建军在宜兴指导").unwrap();
    let mut sum = out.count_fixes(0..cut);
    sum.add(&out.count_fixes(cut..raw.len()));
    assert_eq!(sum, out.count_fixes(0..raw.len()));
    assert_eq!(out.count_fixes(0..cut).get(FixKind::Rejoined), 4);
    assert_eq!(out.count_fixes(0..cut).get(FixKind::Byline), 1);
}
