//! The content-character projection of a normalized text: letters, digits and Han characters,
//! with punctuation, quotes and whitespace removed. Reuse is found on projections, so changed
//! punctuation (外防输入、内防反弹 vs “外防输入,内防反弹”) never breaks a match, and every
//! projected position maps back to its normalized character index.

/// A text's content characters and, for each, its char index in the normalized text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Projection {
    pub chars: Vec<char>,
    pub to_normalized: Vec<u32>,
}

impl Projection {
    pub fn of(text: &str) -> Self {
        let mut p = Projection::default();
        for (i, c) in text.chars().enumerate() {
            if is_content(c) {
                p.chars.push(c);
                p.to_normalized.push(i as u32);
            }
        }
        p
    }

    pub fn len(&self) -> usize {
        self.chars.len()
    }

    pub fn is_empty(&self) -> bool {
        self.chars.is_empty()
    }

    /// Normalized char range covered by the projected range `start..end` (end exclusive).
    pub fn normalized_range(&self, start: usize, end: usize) -> std::ops::Range<usize> {
        if start >= end || end > self.to_normalized.len() {
            let at = self.to_normalized.get(start).map_or(0, |&i| i as usize);
            return at..at;
        }
        self.to_normalized[start] as usize..self.to_normalized[end - 1] as usize + 1
    }

    pub fn text(&self, start: usize, end: usize) -> String {
        self.chars[start.min(self.len())..end.min(self.len())]
            .iter()
            .collect()
    }
}

/// Letters, digits and Han characters carry content; everything else is a separator.
pub fn is_content(c: char) -> bool {
    c.is_alphanumeric()
}

/// The projection of a short phrase, as a string (lexicon entries, exclusions).
pub fn project_phrase(phrase: &str) -> String {
    phrase.chars().filter(|&c| is_content(c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_vanish_and_positions_map_back() {
        let p = Projection::of("坚持“外防输入、内防反弹”总策略");
        assert_eq!(p.text(0, p.len()), "坚持外防输入内防反弹总策略");
        // 外 is normalized char 3 (after 坚, 持, “).
        assert_eq!(p.to_normalized[2], 3);
        // 外防输入内防反弹 = projected 2..10 = normalized 3..12 (includes the 、).
        assert_eq!(p.normalized_range(2, 10), 3..12);
    }

    #[test]
    fn digits_and_latin_are_content() {
        assert_eq!(project_phrase("第53号 (COVID-19)"), "第53号COVID19");
    }
}
