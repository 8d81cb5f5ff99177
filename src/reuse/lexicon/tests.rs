use super::*;

fn hits(text: &str) -> Vec<(String, String)> {
    let lexicon = Lexicon::bundled().unwrap();
    let m = PhraseMatcher::for_lexicon(&lexicon).unwrap();
    let p = Projection::of(text);
    let chars: Vec<char> = text.chars().collect();
    m.find(&p, &chars)
        .into_iter()
        .map(|h| {
            (
                lexicon.formulations[h.owner].id.clone(),
                p.text(h.start, h.end),
            )
        })
        .collect()
}

#[test]
fn bundled_lexicon_loads_with_dates() {
    let lexicon = Lexicon::bundled().unwrap();
    assert!(lexicon.formulations.len() >= 20);
    let z = &lexicon.formulations[0];
    assert_eq!(z.text, "外防输入、内防反弹");
    assert_eq!(z.level, Level::Central);
    assert_eq!(z.first_date.unwrap().to_string(), "2020-03-27");
    let yajin = lexicon
        .formulations
        .iter()
        .find(|f| f.id == "yajin-yashi")
        .unwrap();
    assert_eq!(yajin.level, Level::Provincial);
    assert_eq!(yajin.province.as_deref(), Some("江苏省"));
}

#[test]
fn separators_and_quotes_do_not_matter() {
    for text in [
        "坚持外防输入、内防反弹总策略",
        "坚持“外防输入,内防反弹”总策略",
        "坚持外防输入 内防反弹总策略",
    ] {
        assert_eq!(
            hits(text),
            [("zongcelue".to_string(), "外防输入内防反弹".to_string())],
            "{text}"
        );
    }
}

#[test]
fn leftmost_longest_prefers_the_long_variant() {
    // From Nantong's meeting (data/raw/004): the long pinhole saying, with 能.
    let h = hits("针尖大的窟窿能漏过斗大的风");
    assert_eq!(h.len(), 1);
    assert_eq!(h[0].0, "zhenjian-kulong");
}

#[test]
fn a_sentence_end_breaks_a_match() {
    assert!(hits("严防外防输入。内防反弹").is_empty());
}

fn hits_in(lexicon: &Lexicon, text: &str) -> Vec<String> {
    let m = PhraseMatcher::for_lexicon(lexicon).unwrap();
    let p = Projection::of(text);
    let chars: Vec<char> = text.chars().collect();
    m.find(&p, &chars)
        .into_iter()
        .map(|h| lexicon.formulations[h.owner].id.clone())
        .collect()
}

fn lexicon_of(toml: &str) -> Lexicon {
    let mut l = Lexicon::default();
    l.add_file("test.toml", toml).unwrap();
    l
}

#[test]
fn dynamic_zero_of_wage_arrears_is_not_the_covid_formulation() {
    // xwlb-20201230-05 (State Council executive meeting on wage arrears).
    assert!(hits("二是督促项目欠薪春节前动态清零，政府和国企项目务必率先清零。").is_empty());
    assert!(hits("巩固拓展脱贫成果，返贫人口动态清零。").is_empty());
    // xwlb-20220317-00.
    assert_eq!(
        hits("坚持科学精准、动态清零，尽快遏制疫情扩散蔓延势头。"),
        [
            ("kexue-jingzhun".to_string(), "科学精准".to_string()),
            ("dongtai-qingling".to_string(), "动态清零".to_string())
        ]
    );
}

#[test]
fn guards_are_read_from_the_entry() {
    let l = lexicon_of(
        "level = \"central\"\n[[formulation]]\nid = \"q\"\ntext = \"动态清零\"\n\
         require_near = [\"疫情\"]\nnear = 4\n",
    );
    assert_eq!(hits_in(&l, "疫情要动态清零。"), ["q"]);
    // 疫情 is 5 characters away: outside the window of 4.
    assert!(hits_in(&l, "疫情防控工作要动态清零。").is_empty());
    assert!(hits_in(&l, "隐患要动态清零。").is_empty());
}

#[test]
fn two_character_forms_match_as_whole_words() {
    let l = lexicon_of(
        "level = \"central\"\n[[formulation]]\nid = \"lz\"\ntext = \"两重\"\n\
         [[formulation]]\nid = \"sb\"\ntext = \"三保\"\n",
    );
    assert_eq!(hits_in(&l, "加快推进“两重”建设。"), ["lz"]);
    assert_eq!(hits_in(&l, "加快推进两重建设。"), ["lz"]);
    assert!(hits_in(&l, "这两重要文件已经印发。").is_empty());
    assert!(hits_in(&l, "实现两不愁三保障。").is_empty());
    assert_eq!(hits_in(&l, "兜牢基层三保底线。"), ["sb"]);
    // The automatic rule can be switched off.
    let l = lexicon_of(
        "level = \"central\"\n[[formulation]]\nid = \"lz\"\ntext = \"两重\"\nwhole_word = false\n",
    );
    assert_eq!(hits_in(&l, "这两重要文件已经印发。"), ["lz"]);
}

#[test]
fn candidates_load_and_rejected_entries_are_skipped() {
    let l = lexicon_of(
        "level = \"central\"\n[[formulation]]\nid = \"a\"\ntext = \"外防输入\"\n\
         status = \"candidate\"\nkind = \"quote\"\nscore = 1.5\n\
         doc_freq = { central = 3 }\nfirst_doc = \"x-1\"\ncontext = \"坚持外防输入\"\n\
         seen = [\"外防输入\"]\nknown = \"zongcelue\"\n\
         [[formulation]]\nid = \"b\"\ntext = \"会议强调\"\nstatus = \"rejected\"\n",
    );
    assert_eq!(l.formulations.len(), 1);
    assert_eq!(l.formulations[0].status, Status::Candidate);
}

#[test]
fn bad_files_name_the_problem() {
    let mut l = Lexicon::default();
    let e = l.add_file("x.toml", "level = \"central\"\n[[formulation]]\nid = \"a\"\ntext = \"外防输入\"\nfirst_date = \"2020-13\"\n").unwrap_err();
    assert!(e.to_string().contains("first_date"), "{e}");
    let e = l
        .add_file("x.toml", "level = \"central\"\nbogus = 1\n")
        .unwrap_err();
    assert!(e.to_string().starts_with("x.toml:2"), "{e}");
}
