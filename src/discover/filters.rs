//! What is not a formulation: meeting and institution furniture (the reuse weights'
//! `GENERIC_PHRASES`), titles, reporting verbs and broadcast furniture, text nearly every mined
//! document carries, and n-grams that are ordinary vocabulary (one word of jieba's general
//! dictionary) or start or end on a function character.

use super::{Candidate, Kind, variants};
use crate::reuse::guards::segmenter;
use crate::reuse::weights::GENERIC_PHRASES;

/// Titles, reporting verbs and broadcast furniture: a candidate holding one is about who spoke
/// or where it was aired, not a formulation. Quoted or enumerated candidates are exempt
/// (“习近平新时代中国特色社会主义思想”).
pub const FURNITURE_WORDS: &[&str] = &[
    "总书记",
    "国家主席",
    "总理",
    "主席",
    "委员长",
    "书记",
    "省长",
    "市长",
    "部长",
    "习近平",
    "李克强",
    "指出",
    "强调",
    "表示",
    "认为",
    "介绍",
    "说",
    "会见",
    "会谈",
    "通电话",
    "致电",
    "贺电",
    "新闻联播",
    "央视网",
    "消息",
    "记者",
    "本台",
];

/// Posts and the bodies that hold them: an enumeration each of whose items holds one
/// (中央政治局常委、中央书记处书记; 中共中央办公厅、国务院办公厅) lists who speaks or issues, not
/// what is said. 委员 covers 委员会 and 委员长, 常委 covers 常委会.
const POST_WORDS: &[&str] = &[
    "书记",
    "主席",
    "主任",
    "委员",
    "常委",
    "部长",
    "总理",
    "秘书长",
    "院长",
    "省长",
    "市长",
    "办公厅",
    "研究室",
    "纪委",
    "军委",
    "法院",
    "检察院",
    "电台",
    "电视台",
    "频道",
];

/// What separates the items of an enumeration's text (外防输入、内防反弹).
pub(super) const SEPARATORS: &str = "、，；, ";

/// Characters a recurring n-gram may not start or end with (疫情防控和, 为核心的).
const FUNCTION_CHARS: &str =
    "的和了在是等对与及并为把被从向之其也就都而但且或于将由同以及中上下着过地得";

/// Candidates used by more than this share of the mined documents are furniture...
const UBIQUITOUS_SHARE: f64 = 0.5;
/// ...when there are at least this many: a handful of documents cannot tell.
const UBIQUITY_MIN_DOCS: usize = 20;

/// True when the candidate should be dropped; `mined` is the number of mined documents.
pub fn is_furniture(c: &Candidate, mined: usize) -> bool {
    let structural = c.kinds.iter().any(|&k| k != Kind::Ngram);
    let enumerated = c.kinds.contains(&Kind::Enumeration);
    let numbered = c.kinds.contains(&Kind::Numbered);
    let quoted = c.kinds.contains(&Kind::Quote);
    (mined >= UBIQUITY_MIN_DOCS && c.docs() as f64 > UBIQUITOUS_SHARE * mined as f64)
        || is_generic(&c.key)
        || (!structural && holds_furniture_word(&c.key))
        // A frame or a quote that is one dictionary word (中共中央, 体制机制, “农业”) is
        // vocabulary; a separated enumeration never is one word.
        || (!numbered && !is_separated(c) && is_ordinary_word(&c.key))
        || (!quoted && !numbered && !enumerated && has_function_end(&c.key))
        // Four Han characters found by the n-gram miner alone are mostly two-word
        // collocations (抗击疫情, 务实合作); a coined four-character formulation is quoted or framed.
        || (c.kinds == [Kind::Ngram] && c.key.chars().count() <= 4)
        // A frame may start with a function character when that is the frame (从快从严从紧);
        // otherwise (和复工复) it started outside the formulation.
        || (!quoted
            && enumerated
            && !is_separated(c)
            && !repeats_first(&c.key)
            && has_function_end(&c.key))
        // A frame across 的 is two phrases (其中的中心), not one.
        || (!quoted && enumerated && !is_separated(c) && c.key.contains('的'))
        || (!quoted && enumerated && !is_separated(c) && is_compound(&c.key))
        || (!quoted && is_separated(c) && lists_who_or_where(&c.text))
        // 越…越… frames are formulas (越开越大) except on the adverb 越来越 (越来越多, 会越来越).
        || (!quoted && c.key.contains("越来越"))
}

/// Last characters of abstract nouns that jieba's dictionary tags as personal names (幸福感 nr):
/// an item ending in one is not taken for a name.
const ABSTRACT_ENDS: &str = "感性化观论学制权力";

/// A separated enumeration that lists who or where: its items each hold a post or office
/// (中央政治局常委、全国政协主席; 中央人民广播电台、中国国际广播电台), or are each one word jieba's
/// dictionary tags as a place (美国、英国; 华北、东北), or at least two thirds of them are personal
/// names, one word of 2–3 characters tagged nr (习近平、李克强、栗战书: the dictionary does not
/// know 栗战书).
fn lists_who_or_where(text: &str) -> bool {
    let items: Vec<&str> = text
        .split(|ch| SEPARATORS.contains(ch))
        .filter(|i| !i.is_empty())
        .collect();
    let one_word_tagged =
        |i: &str, tagged: fn(&str) -> bool| match segmenter().tag(i, false).as_slice() {
            [only] => tagged(only.tag),
            _ => false,
        };
    let post = |i: &&str| POST_WORDS.iter().any(|w| i.contains(w));
    let place = |i: &&str| one_word_tagged(i, |t| t.starts_with("ns"));
    let name = |i: &&str| {
        (2..=3).contains(&i.chars().count())
            && !i.ends_with(|c| ABSTRACT_ENDS.contains(c))
            && one_word_tagged(i, |t| t.starts_with("nr"))
    };
    items.len() >= 2
        && (items.iter().all(post)
            || items.iter().all(place)
            || 3 * items.iter().filter(|i| name(i)).count() >= 2 * items.len())
}

/// A four-character frame whose halves are both dictionary words (生产生活, 体制机制,
/// 国内国际): a coordinate compound, not a coined formulation (联防联控, 复工复产).
fn is_compound(key: &str) -> bool {
    let chars: Vec<char> = key.chars().collect();
    chars.len() == 4
        && chars
            .chunks(2)
            .all(|half| is_ordinary_word(&half.iter().collect::<String>()))
}

/// X·X…: the first character is the repeated frame.
fn repeats_first(key: &str) -> bool {
    let chars: Vec<char> = key.chars().collect();
    chars.len() >= 3 && chars[0] == chars[2]
}

/// A separated enumeration: its text holds a separator between items.
fn is_separated(c: &Candidate) -> bool {
    c.kinds.contains(&Kind::Enumeration) && c.text.chars().any(|ch| SEPARATORS.contains(ch))
}

/// Inside a generic phrase or holding one (会议强调, 疫情防控工作领导小组).
pub fn is_generic(key: &str) -> bool {
    GENERIC_PHRASES.iter().any(|g| {
        let g = variants::key_of(g);
        g.contains(key) || key.contains(g.as_str())
    })
}

fn holds_furniture_word(key: &str) -> bool {
    FURNITURE_WORDS.iter().any(|w| key.contains(w))
}

/// One word of jieba's bundled dictionary (国际社会, 基础设施): ordinary vocabulary.
fn is_ordinary_word(key: &str) -> bool {
    segmenter().cut(key, false).len() == 1
}

fn has_function_end(key: &str) -> bool {
    let first = key.chars().next();
    let last = key.chars().last();
    [first, last]
        .into_iter()
        .flatten()
        .any(|c| FUNCTION_CHARS.contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generic_furniture_and_function_ends() {
        assert!(is_generic("会议强调"));
        assert!(is_generic("疫情防控工作领导小组"));
        assert!(!is_generic("外防输入内防反弹"));
        assert!(holds_furniture_word("习近平指出"));
        assert!(has_function_end("疫情防控和"));
        assert!(!has_function_end("常态化疫情防控"));
        assert!(is_ordinary_word("基础设施"));
        assert!(!is_ordinary_word("常态化疫情防控"));
        assert!(is_compound("生产生活"));
        assert!(!is_compound("复工复产"));
        // The rule's known cost: 联防 and 联控 are both dictionary words.
        assert!(is_compound("联防联控"));
    }

    #[test]
    fn the_adverb_yuelaiyue_is_no_frame() {
        use crate::discover::score::tests::candidate;
        let frame = [Kind::Enumeration, Kind::Ngram];
        for ordinary in ["越来越多", "会越来越"] {
            assert!(
                is_furniture(&candidate(ordinary, &frame, 12, 100), 100),
                "{ordinary}"
            );
        }
        // 开放的大门越开越大: a formula on the same frame.
        assert!(!is_furniture(&candidate("越开越大", &frame, 12, 100), 100));
    }

    #[test]
    fn lists_of_posts_places_and_people_are_not_formulations() {
        // Enumerations mined from the 新闻联播 transcripts.
        for who_or_where in [
            "中共中央政治局委员、中央书记处书记、中央办公厅主任",
            "中央政治局常委、全国政协主席汪洋",
            "中央政治局常委、全国人大常委会",
            "中共中央办公厅、国务院办公厅",
            "中央人民广播电台、中国国际广播电台",
            "综合频道、新闻频道",
            "美国、英国",
            "华北、东北",
            "习近平、李克强、栗战书",
            "王沪宁、栗战书、杨洁篪",
            "孙春兰、胡春华",
        ] {
            assert!(lists_who_or_where(who_or_where), "{who_or_where}");
        }
        for formulation in [
            "获得感、幸福感、安全感",
            "全面深化改革、全面依法治国",
            "市场化、法治化、国际化",
            "马克思列宁主义、毛泽东思想、邓小平理论",
            "政治意识、大局意识、核心意识、看齐意识",
            "认真贯彻党中央、国务院决策部署",
            // jieba tags 幸福感 and 安全感 as personal names.
            "获得感、幸福感",
        ] {
            assert!(!lists_who_or_where(formulation), "{formulation}");
        }
    }
}
