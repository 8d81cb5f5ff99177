//! Obfuscations applied to planted passages, modelled on what real scrapes do to text.

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;
use pinyin::ToPinyin;

use super::Rates;
use super::rng::SplitMix64;
use crate::error::{Error, Result};
use crate::text::is_han;

/// One obfuscation. Applied in this order: reorder, edits, traditional, pinyin, punctuation,
/// page break.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Obfuscation {
    /// Two clauses of a sentence swap places.
    Reorder,
    /// About one character in 25 substituted, inserted or deleted (at least one).
    Edits,
    /// Simplified → Traditional (OpenCC s2t).
    Traditional,
    /// Pinyin annotation after about a third of the Han characters: 应(yīng).
    Pinyin,
    /// Pause marks made ASCII, or preceded by a stray comma as in 001: `,` `,，` `,,` `,、`.
    Punctuation,
    /// A blank line inserted mid-sentence, as a page break does.
    PageBreak,
}

impl Obfuscation {
    pub const ALL: [Obfuscation; 6] = [
        Obfuscation::Reorder,
        Obfuscation::Edits,
        Obfuscation::Traditional,
        Obfuscation::Pinyin,
        Obfuscation::Punctuation,
        Obfuscation::PageBreak,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Obfuscation::Reorder => "reorder",
            Obfuscation::Edits => "edits",
            Obfuscation::Traditional => "traditional",
            Obfuscation::Pinyin => "pinyin",
            Obfuscation::Punctuation => "punctuation",
            Obfuscation::PageBreak => "page_break",
        }
    }

    fn rate(self, r: &Rates) -> f64 {
        match self {
            Obfuscation::Reorder => r.reorder,
            Obfuscation::Edits => r.edits,
            Obfuscation::Traditional => r.traditional,
            Obfuscation::Pinyin => r.pinyin,
            Obfuscation::Punctuation => r.punctuation,
            Obfuscation::PageBreak => r.page_break,
        }
    }
}

/// Draw the obfuscations of one passage, each independently with its rate.
pub fn choose(rates: &Rates, rng: &mut SplitMix64) -> Vec<Obfuscation> {
    Obfuscation::ALL
        .into_iter()
        .filter(|o| rng.chance(o.rate(rates)))
        .collect()
}

/// Holds the OpenCC s2t tables.
pub struct Obfuscator {
    s2t: OpenCC,
}

impl Obfuscator {
    pub fn new() -> Result<Self> {
        let s2t = OpenCC::from_config(BuiltinConfig::S2t)
            .map_err(|e| Error::Internal(format!("cannot load OpenCC s2t tables: {e}")))?;
        Ok(Self { s2t })
    }

    /// Apply `obs` (in the canonical order) to `text`.
    pub fn apply(&self, text: &str, obs: &[Obfuscation], rng: &mut SplitMix64) -> String {
        let mut sorted = obs.to_vec();
        sorted.sort();
        let mut t = text.to_string();
        for o in sorted {
            t = match o {
                Obfuscation::Reorder => reorder(&t, rng),
                Obfuscation::Edits => edits(&t, rng),
                Obfuscation::Traditional => self.s2t.convert(&t),
                Obfuscation::Pinyin => annotate(&t, rng),
                Obfuscation::Punctuation => punctuation(&t, rng),
                Obfuscation::PageBreak => page_break(&t, rng),
            };
        }
        t
    }
}

fn reorder(t: &str, rng: &mut SplitMix64) -> String {
    let (body, end) = match t.char_indices().last() {
        Some((i, '。' | '！' | '？' | '；')) => (&t[..i], &t[i..]),
        _ => (t, ""),
    };
    let mut clauses: Vec<&str> = body.split('，').collect();
    if clauses.len() < 2 {
        return t.to_string();
    }
    let i = rng.below(clauses.len() - 1);
    clauses.swap(i, i + 1);
    format!("{}{end}", clauses.join("，"))
}

fn edits(t: &str, rng: &mut SplitMix64) -> String {
    let mut chars: Vec<char> = t.chars().collect();
    let han: Vec<char> = chars.iter().copied().filter(|c| is_han(*c)).collect();
    let n = (han.len() / 25).max(1);
    for _ in 0..n {
        let positions: Vec<usize> = (0..chars.len()).filter(|&i| is_han(chars[i])).collect();
        if positions.is_empty() {
            break;
        }
        let at = positions[rng.below(positions.len())];
        let other = han[rng.below(han.len())];
        match rng.below(3) {
            0 => chars[at] = if other == chars[at] { '之' } else { other },
            1 => chars.insert(at, other),
            _ => {
                chars.remove(at);
            }
        }
    }
    chars.into_iter().collect()
}

fn annotate(t: &str, rng: &mut SplitMix64) -> String {
    let mut out = String::with_capacity(t.len() * 2);
    for c in t.chars() {
        out.push(c);
        if is_han(c)
            && rng.chance(0.35)
            && let Some(p) = c.to_pinyin()
        {
            out.push('(');
            out.push_str(p.with_tone());
            out.push(')');
        }
    }
    out
}

fn punctuation(t: &str, rng: &mut SplitMix64) -> String {
    let mut out = String::with_capacity(t.len() + 8);
    for c in t.chars() {
        match c {
            // The scraper of 001 put a stray `,` before the original mark.
            '，' => out.push_str([",，", ",", ",,"][rng.below(3)]),
            '、' => out.push_str([",、", "、"][rng.below(2)]),
            '。' => out.push_str([",。", "。"][rng.below(2)]),
            _ => out.push(c),
        }
    }
    out
}

fn page_break(t: &str, rng: &mut SplitMix64) -> String {
    let chars: Vec<char> = t.chars().collect();
    let n = chars.len();
    // Between two Han characters in the middle third, where no sentence ends, after a clause of
    // running prose: the seeds' breaks cut prose, and a short unpunctuated stub would be a
    // headline to the normalizer, which rightly keeps it apart.
    let candidates: Vec<usize> = (n / 3..(2 * n / 3).max(n / 3 + 1))
        .filter(|&i| i >= 12 && i < n && is_han(chars[i - 1]) && is_han(chars[i]))
        .filter(|&i| chars[..i].contains(&'，'))
        .collect();
    if candidates.is_empty() {
        return t.to_string();
    }
    let at = candidates[rng.below(candidates.len())];
    let mut out: String = chars[..at].iter().collect();
    out.push_str("\n\n");
    out.extend(&chars[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: &str = "要从快从严从紧，压紧压实责任，以快制快、一鼓作气，迅速果断控制疫情。";

    #[test]
    fn each_obfuscation_changes_the_text_as_described() {
        let o = Obfuscator::new().unwrap();
        let mut r = SplitMix64::new(3);
        let t = o.apply(S, &[Obfuscation::Traditional], &mut r);
        assert!(t.contains("從快從嚴從緊"), "{t}");
        let p = o.apply(S, &[Obfuscation::Pinyin], &mut r);
        assert!(
            p.contains('(') && p.chars().count() > S.chars().count(),
            "{p}"
        );
        let b = o.apply(S, &[Obfuscation::PageBreak], &mut r);
        assert_eq!(b.matches("\n\n").count(), 1);
        let e = o.apply(S, &[Obfuscation::Edits], &mut r);
        assert_ne!(e, S);
        let re = o.apply(S, &[Obfuscation::Reorder], &mut r);
        assert_ne!(re, S);
        assert!(re.ends_with('。'));
        let mut sorted_re: Vec<char> = re.chars().collect();
        let mut sorted_s: Vec<char> = S.chars().collect();
        sorted_re.sort();
        sorted_s.sort();
        assert_eq!(sorted_re, sorted_s, "reordering keeps the characters");
    }

    #[test]
    fn same_seed_same_output() {
        let o = Obfuscator::new().unwrap();
        let all = Obfuscation::ALL;
        let a = o.apply(S, &all, &mut SplitMix64::new(9));
        let b = o.apply(S, &all, &mut SplitMix64::new(9));
        assert_eq!(a, b);
    }
}
