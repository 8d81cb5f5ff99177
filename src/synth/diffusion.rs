//! Synthetic diffusion (`tifa synth --diffusion`): invented formulations introduced by central
//! documents on known days and adopted by provinces and cities after known lags — copied with
//! their central sentence verbatim, in Traditional characters, with other separators, with one
//! character changed, or written in a unit's own words — and later documents in which units
//! repeat sentences of their own earlier documents. `diffusion_truth.json` records every first
//! use (document, day, lags, whether it was copied from the centre) and every document's
//! `self` share; `lexicon/diffusion.toml` lists the invented formulations.
//!
//! Filler and sentences are made as in [`super`]: shuffled sentences of the source corpus, and
//! real sentences dealt without replacement, so nothing is shared that the truth does not say.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::obfuscate::{Obfuscation, Obfuscator};
use super::rng::SplitMix64;
use super::{salad, sentences};
use crate::analyses::diffusion::dates::{civil, day_number};
use crate::corpus::{self, Corpus};
use crate::document::Level;
use crate::error::{Error, Result};
use crate::render::bundle::{Bundle, OutputPolicy, write_dir};
use crate::reuse::projection::{Projection, project_phrase};

/// The invented formulations (id, text): none occurs in the bundled corpus.
pub const FORMULATIONS: [(&str, &str); 8] = [
    ("shuzi-funeng", "数字赋能、协同共治"),
    ("sige-yipi", "四个一批"),
    ("zaochouhua", "早筹划、早部署、早落实"),
    ("rencai-qiangshi", "人才强市、产业兴城"),
    ("jiceng-jianfu", "基层减负增效"),
    ("lvse-zhuanxing", "绿色低碳转型"),
    ("anquan-dixian", "守牢安全发展底线"),
    ("wenzhong-qiujin", "稳中求进、以进促稳"),
];

const PROVINCES: [&str; 2] = ["江苏省", "四川省"];
const CITIES: [(&str, &str); 4] = [
    ("江苏省", "南通市"),
    ("江苏省", "无锡市"),
    ("四川省", "雅安市"),
    ("四川省", "成都市"),
];

/// How an adopter wrote a formulation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Variant {
    /// The centre's sentence copied as it is.
    Verbatim,
    /// The centre's sentence in Traditional characters.
    Traditional,
    /// The centre's sentence with the formulation's separators changed (、 → ，, or quotes).
    Separators,
    /// The centre's sentence with one character (outside the formulation) changed.
    CharChanged,
    /// The formulation alone inside the unit's own text: not copied.
    OwnWords,
}

const VARIANTS: [Variant; 5] = [
    Variant::Verbatim,
    Variant::Traditional,
    Variant::Separators,
    Variant::CharChanged,
    Variant::OwnWords,
];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlantedFormulation {
    pub id: String,
    pub text: String,
    pub central_document: String,
    pub central_date: String,
}

/// A unit's planted first use of a formulation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlantedAdoption {
    pub formulation: String,
    pub level: Level,
    pub province: String,
    pub city: Option<String>,
    pub document: String,
    pub date: String,
    pub lag_central_days: i64,
    /// For a city whose province adopted the formulation: days after the province.
    pub lag_province_days: Option<i64>,
    pub variant: Variant,
    /// `central` when the first use lies in the copied central sentence.
    pub copied_from: Option<String>,
}

/// A document's planted `self` share: content characters it repeats from its unit's earlier
/// documents over all its content characters (0 for documents that repeat nothing).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlantedSelf {
    pub document: String,
    pub self_share: f64,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DiffusionTruth {
    pub seed: u64,
    pub formulations: Vec<PlantedFormulation>,
    pub adoptions: Vec<PlantedAdoption>,
    pub self_reuse: Vec<PlantedSelf>,
}

/// A document being planned.
struct Doc {
    id: String,
    level: Level,
    province: Option<&'static str>,
    city: Option<&'static str>,
    day: i64,
    pieces: Vec<String>,
    /// Real sentences of the document that a later document of its unit may repeat.
    own: Vec<String>,
    /// Sentences repeated from the unit's earlier documents, with their source documents.
    repeated: Vec<(String, String)>,
}

fn date_of(day: i64) -> String {
    let (y, m, d) = civil(day);
    format!("{y:04}-{m:02}-{d:02}")
}

/// The pool of real sentences: those of the source corpus that hold no planted formulation.
fn pool(source: &Corpus) -> Vec<String> {
    let planted: Vec<String> = FORMULATIONS
        .iter()
        .map(|(_, t)| project_phrase(t))
        .collect();
    sentences(source)
        .into_iter()
        .filter(|s| {
            let p = project_phrase(s);
            !planted.iter().any(|f| p.contains(f.as_str()))
        })
        .collect()
}

struct Dealer<'a> {
    pool: &'a [String],
    deck: Vec<usize>,
}

impl Dealer<'_> {
    fn real(&mut self) -> Result<String> {
        let k = self.deck.pop().ok_or_else(|| {
            Error::InvalidArgument(
                "the source corpus has too few distinct sentences for a diffusion corpus".into(),
            )
        })?;
        Ok(self.pool[k].clone())
    }

    fn filler(&self, rng: &mut SplitMix64, n: usize) -> Vec<String> {
        (0..n)
            .map(|_| salad(&self.pool[rng.below(self.pool.len())], rng))
            .collect()
    }
}

/// The adopter's sentence for `variant`, from the centre's sentence `intro` (formulation
/// `text` followed by `rest`).
fn adoption_sentence(
    variant: Variant,
    text: &str,
    rest: &str,
    dealer: &Dealer,
    obf: &Obfuscator,
    rng: &mut SplitMix64,
) -> String {
    let intro = format!("{text}，{rest}");
    match variant {
        Variant::Verbatim => intro,
        Variant::Traditional => obf.apply(&intro, &[Obfuscation::Traditional], rng),
        Variant::Separators => {
            let f = if text.contains('、') {
                text.replace('、', "，")
            } else {
                format!("“{text}”")
            };
            format!("{f}，{rest}")
        }
        Variant::CharChanged => {
            let mut chars: Vec<char> = rest.chars().collect();
            let han: Vec<usize> = (0..chars.len())
                .filter(|&i| crate::text::is_han(chars[i]))
                .collect();
            if let Some(&i) = han.get(han.len() / 2) {
                chars[i] = if chars[i] == '的' { '之' } else { '的' };
            }
            format!("{text}，{}", chars.into_iter().collect::<String>())
        }
        Variant::OwnWords => {
            let host = dealer.filler(rng, 1).pop().unwrap_or_default();
            let chars: Vec<char> = host.chars().collect();
            let at = chars.len() / 2;
            let (a, b) = chars.split_at(at);
            format!(
                "{}{text}{}",
                a.iter().collect::<String>(),
                b.iter().collect::<String>()
            )
        }
    }
}

fn plan(source: &Corpus, seed: u64, obf: &Obfuscator) -> Result<(Vec<Doc>, DiffusionTruth)> {
    let pool = pool(source);
    if pool.len() < 60 {
        return Err(Error::InvalidArgument(format!(
            "the source corpus has only {} usable sentences; a diffusion corpus needs 60",
            pool.len()
        )));
    }
    let mut rng = SplitMix64::new(seed);
    let mut deck: Vec<usize> = (0..pool.len()).collect();
    rng.shuffle(&mut deck);
    let mut dealer = Dealer { pool: &pool, deck };
    let mut docs: Vec<Doc> = Vec::new();
    let mut truth = DiffusionTruth {
        seed,
        formulations: Vec::new(),
        adoptions: Vec::new(),
        self_reuse: Vec::new(),
    };
    let base = day_number(2022, 1, 10);
    for (f, (id, text)) in FORMULATIONS.iter().enumerate() {
        let day = base + 17 * f as i64;
        let rest = dealer.real()?;
        let mut pieces = dealer.filler(&mut rng, 4);
        pieces.insert(2, format!("{text}，{rest}"));
        let central_id = format!("central-{id}");
        docs.push(Doc {
            id: central_id.clone(),
            level: Level::Central,
            province: None,
            city: None,
            day,
            pieces,
            own: Vec::new(),
            repeated: Vec::new(),
        });
        truth.formulations.push(PlantedFormulation {
            id: id.to_string(),
            text: text.to_string(),
            central_document: central_id,
            central_date: date_of(day),
        });
        let mut province_lag: BTreeMap<&str, i64> = BTreeMap::new();
        let units = PROVINCES
            .iter()
            .map(|p| (Level::Provincial, *p, None))
            .chain(CITIES.iter().map(|(p, c)| (Level::Municipal, *p, Some(*c))));
        for (level, province, city) in units {
            if !rng.chance(0.8) {
                continue;
            }
            let after_province = province_lag.get(province).copied();
            let lag = match (level, after_province) {
                (Level::Provincial, _) => 2 + rng.below(25) as i64,
                (_, Some(p)) => p + 1 + rng.below(30) as i64,
                _ => 2 + rng.below(60) as i64,
            };
            if level == Level::Provincial {
                province_lag.insert(province, lag);
            }
            let variant = VARIANTS[rng.below(VARIANTS.len())];
            let sentence = adoption_sentence(variant, text, &rest, &dealer, obf, &mut rng);
            let own = vec![dealer.real()?, dealer.real()?];
            let mut pieces = dealer.filler(&mut rng, 3);
            pieces.insert(1 + rng.below(2), sentence);
            pieces.push(own[0].clone());
            pieces.extend(dealer.filler(&mut rng, 2));
            pieces.push(own[1].clone());
            let slug = city.unwrap_or(province);
            let doc_id = format!("{}-{id}", unit_slug(slug));
            docs.push(Doc {
                id: doc_id.clone(),
                level,
                province: Some(province),
                city,
                day: day + lag,
                pieces,
                own,
                repeated: Vec::new(),
            });
            truth.adoptions.push(PlantedAdoption {
                formulation: id.to_string(),
                level,
                province: province.to_string(),
                city: city.map(str::to_string),
                document: doc_id,
                date: date_of(day + lag),
                lag_central_days: lag,
                lag_province_days: after_province.map(|p| lag - p),
                variant,
                copied_from: (variant != Variant::OwnWords).then(|| "central".to_string()),
            });
        }
    }
    plan_self_reuse(&mut docs, &dealer, &mut rng);
    docs.sort_by(|a, b| (a.day, &a.id).cmp(&(b.day, &b.id)));
    Ok((docs, truth))
}

/// One later document per province and city that repeats one to three real sentences of its
/// unit's earlier documents among new filler.
fn plan_self_reuse(docs: &mut Vec<Doc>, dealer: &Dealer, rng: &mut SplitMix64) {
    let units: Vec<(Level, &'static str, Option<&'static str>)> = PROVINCES
        .iter()
        .map(|p| (Level::Provincial, *p, None))
        .chain(CITIES.iter().map(|(p, c)| (Level::Municipal, *p, Some(*c))))
        .collect();
    for (level, province, city) in units {
        let earlier: Vec<usize> = (0..docs.len())
            .filter(|&i| docs[i].province == Some(province) && docs[i].city == city)
            .filter(|&i| docs[i].level == level && !docs[i].own.is_empty())
            .collect();
        let Some(last) = earlier.iter().map(|&i| docs[i].day).max() else {
            continue;
        };
        let mut candidates: Vec<(String, String)> = earlier
            .iter()
            .flat_map(|&i| docs[i].own.iter().map(move |s| (s.clone(), i)))
            .map(|(s, i)| (s, docs[i].id.clone()))
            .collect();
        rng.shuffle(&mut candidates);
        candidates.truncate(1 + rng.below(3));
        let mut pieces = dealer.filler(rng, 6);
        for (k, (s, _)) in candidates.iter().enumerate() {
            pieces.insert((2 * k + 1).min(pieces.len()), s.clone());
        }
        docs.push(Doc {
            id: format!("{}-later", unit_slug(city.unwrap_or(province))),
            level,
            province: Some(province),
            city,
            day: last + 5,
            pieces,
            own: Vec::new(),
            repeated: candidates,
        });
    }
}

fn unit_slug(name: &str) -> &'static str {
    match name {
        "江苏省" => "jiangsu",
        "四川省" => "sichuan",
        "南通市" => "nantong",
        "无锡市" => "wuxi",
        "雅安市" => "yaan",
        "成都市" => "chengdu",
        _ => "unit",
    }
}

fn manifest(docs: &[Doc], seed: u64) -> String {
    let mut m = format!(
        "# Synthetic diffusion corpus written by `tifa synth --diffusion --seed {seed}`; truth in\n\
         # diffusion_truth.json, formulations in lexicon/ (tifa diffusion --lexicon lexicon).\n\
         name = \"synth-diffusion-{seed}\"\n\n[[sources]]\npath = \"raw\"\n"
    );
    for d in docs {
        super::push_document_entry(&mut m, &d.id, d.level, &date_of(d.day), d.province, d.city);
    }
    m
}

fn lexicon(truth: &DiffusionTruth) -> String {
    let mut l = String::from(
        "# Invented formulations planted by `tifa synth --diffusion`.\nlevel = \"central\"\n",
    );
    for f in &truth.formulations {
        l.push_str(&format!(
            "\n[[formulation]]\nid = \"{}\"\ntext = \"{}\"\ntopic = \"general\"\nfirst_date = \"{}\"\nsource = \"{}\"\n",
            f.id, f.text, f.central_date, f.central_document
        ));
    }
    l
}

/// Write a synthetic diffusion corpus to `out`: `raw/*.txt`, `corpus.toml`,
/// `lexicon/diffusion.toml`, `diffusion_truth.json`. Returns the truth.
pub fn generate(
    source: &Corpus,
    seed: u64,
    out: &Path,
    policy: &OutputPolicy,
) -> Result<DiffusionTruth> {
    let obf = Obfuscator::new()?;
    let (docs, mut truth) = plan(source, seed, &obf)?;
    let mut bundle = Bundle::default();
    for d in &docs {
        let mut text = String::new();
        for (k, p) in d.pieces.iter().enumerate() {
            if k > 0 && k % 3 == 0 {
                text.push_str("\n\n");
            }
            text.push_str(p);
        }
        text.push('\n');
        bundle.add(format!("raw/{}.txt", d.id), text);
    }
    bundle.add("corpus.toml", manifest(&docs, seed));
    bundle.add("lexicon/diffusion.toml", lexicon(&truth));
    // The self shares in tifa's coordinates: content characters of the loaded documents.
    let staging = tempfile::tempdir().map_err(|e| Error::io(std::env::temp_dir(), e))?;
    let staged = staging.path().join("corpus");
    write_dir(&bundle, &staged, &OutputPolicy::default())?;
    let loaded = corpus::load(&staged.join("corpus.toml"))?;
    let by_id: BTreeMap<&str, &crate::document::Document> =
        loaded.documents.iter().map(|d| (d.id(), d)).collect();
    for d in &docs {
        let total = by_id
            .get(d.id.as_str())
            .map(|doc| Projection::of(doc.text.as_str()).len())
            .ok_or_else(|| Error::Internal(format!("synthetic document {} did not load", d.id)))?;
        let repeated: usize = d
            .repeated
            .iter()
            .map(|(s, _)| Projection::of(s).len())
            .sum();
        let mut sources: Vec<String> = d.repeated.iter().map(|(_, s)| s.clone()).collect();
        sources.sort();
        sources.dedup();
        truth.self_reuse.push(PlantedSelf {
            document: d.id.clone(),
            self_share: if total == 0 {
                0.0
            } else {
                repeated as f64 / total as f64
            },
            sources,
        });
    }
    let json = serde_json::to_string_pretty(&truth)
        .map_err(|e| Error::Internal(format!("diffusion_truth.json: {e}")))?;
    bundle.add("diffusion_truth.json", json + "\n");
    write_dir(&bundle, out, policy)?;
    Ok(truth)
}
