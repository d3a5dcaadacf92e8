//! Linking that depends on the whole document, over the bundled knowledge base: the
//! country a document is about decides ambiguous names and bare ministries, titles that
//! imply their state, fixed names built from a person's name, and short forms. The
//! sentences are written for these tests.

mod common;

use marsad_extract::{Entity, EntityType, KnowledgeBase, MentionKind};
use std::sync::LazyLock;

static KB: LazyLock<KnowledgeBase> =
    LazyLock::new(|| KnowledgeBase::bundled().expect("bundled KB parses"));

fn run(text: &str, published: &str) -> Vec<Entity> {
    common::entities_checked(text, Some(published), &KB)
}

/// Ids of the entities that have a mention with exactly this text.
fn ids_of<'a>(ents: &'a [Entity], text: &str) -> Vec<&'a str> {
    ents.iter()
        .filter(|e| e.mentions.iter().any(|m| m.text == text))
        .map(|e| e.id.as_str())
        .collect()
}

fn entity<'a>(ents: &'a [Entity], id: &str) -> Option<&'a Entity> {
    ents.iter().find(|e| e.id == id)
}

#[test]
fn ambiguous_king_follows_the_places_of_the_document() {
    // Nothing names a state: Riyadh and Jeddah make the king Saudi.
    let e = run(
        "افتتح أمير الرياض معرضا عن الملك عبدالله في جدة، وتحدث الزوار عن إنجازات الملك عبدالله.",
        "2015-08-01",
    );
    assert_eq!(ids_of(&e, "عبدالله"), vec!["person:king-abdullah-sa"]);
    // Amman and Jordanian ministers make him Jordan's king.
    let e = run(
        "التقى الملك عبدالله في عمان وزير الخارجية الأردني ورئيس الوزراء الأردني.",
        "2015-08-01",
    );
    assert_eq!(ids_of(&e, "عبدالله"), vec!["person:abdullah-ii"]);
}

#[test]
fn a_state_before_a_city_of_the_same_name_among_states() {
    let e = run("تشارك قطر والكويت وعمان والبحرين في البطولة.", "2015-08-01");
    assert_eq!(ids_of(&e, "عمان"), vec!["gpe:oman"]);
}

#[test]
fn custodian_of_the_two_holy_mosques_is_the_saudi_king() {
    // Alone: the king on the document's date, as a title mention.
    let e = run(
        "وجه خادم الحرمين الشريفين بصرف المكافآت للطلاب.",
        "2015-08-01",
    );
    let king = entity(&e, "person:king-salman").expect("the king in August 2015");
    assert_eq!(king.mentions[0].text, "خادم الحرمين الشريفين");
    assert_eq!(king.mentions[0].kind, MentionKind::Title);
    // Before an ambiguous name: the title is no mention, the name alone is the Saudi
    // king, and the lone title later in the document is the same person.
    let e = run(
        "كان خادم الحرمين الشريفين الملك عبدالله قد وجه بالمشروع. وأكد خادم الحرمين الشريفين دعمه.",
        "2014-05-01",
    );
    let k = entity(&e, "person:king-abdullah-sa").expect("Saudi King Abdullah");
    let texts: Vec<&str> = k.mentions.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, vec!["عبدالله", "خادم الحرمين الشريفين"]);
    assert!(entity(&e, "person:abdullah-ii").is_none());
}

#[test]
fn a_longer_name_after_a_title_wins_and_the_title_stays_outside() {
    let e = run("زار الملك عبدالله بن عبدالعزيز المدينة.", "2014-05-01");
    assert_eq!(
        ids_of(&e, "عبدالله بن عبدالعزيز"),
        vec!["person:king-abdullah-sa"]
    );
    assert!(ids_of(&e, "الملك عبدالله").is_empty());
}

#[test]
fn bare_ministry_is_the_ministry_of_the_document_country() {
    let e = run(
        "قالت وزارة النفط في بغداد إن صادرات العراق ارتفعت.",
        "2015-08-01",
    );
    assert_eq!(ids_of(&e, "وزارة النفط"), vec!["org:iraqi-energy-ministry"]);
    let e = run(
        "أعلنت وزارة الصحة تسجيل حالات جديدة في القاهرة والإسكندرية.",
        "2015-08-01",
    );
    assert_eq!(
        ids_of(&e, "وزارة الصحة"),
        vec!["org:egyptian-health-ministry"]
    );
    // With its nisba, the nisba decides (and is a mention of its own).
    let e = run(
        "وقالت وزارة الصحة المصرية في بيان إن الوضع مستقر.",
        "2015-08-01",
    );
    assert_eq!(
        ids_of(&e, "وزارة الصحة المصرية"),
        vec!["org:egyptian-health-ministry"]
    );
    assert_eq!(ids_of(&e, "المصرية"), vec!["gpe:egypt"]);
    // Named with its state earlier: the same organ, whatever the document's country.
    let e = run(
        "نفت وزارة الدفاع الأميركية الخبر في الرياض وجدة. وقالت وزارة الدفاع إن التحقيق مستمر.",
        "2015-08-01",
    );
    let full = ids_of(&e, "وزارة الدفاع الأميركية");
    assert_eq!(full.len(), 1);
    assert_eq!(ids_of(&e, "وزارة الدفاع"), full);
    // An organ the knowledge base holds under another id than the head's pattern
    // (`org:us-state-department`) is found by its head and the state's nisba.
    let e = run(
        "قال الرئيس الأمريكي باراك أوباما في واشنطن إن وزارة الخارجية ستصدر بيانا.",
        "2015-08-01",
    );
    assert_eq!(
        ids_of(&e, "وزارة الخارجية"),
        vec!["org:us-state-department"],
        "{e:#?}"
    );
}

#[test]
fn a_company_does_not_give_a_bare_ministry_its_country() {
    // Twitter is an American company: that makes no ministry American.
    let text = "نشرت وزارة الداخلية بيانا على حسابها في تويتر، وتداوله مستخدمو تويتر.";
    let e = run(text, "2015-08-01");
    assert!(entity(&e, "org:twitter").is_some(), "{e:#?}");
    assert!(
        ids_of(&e, "وزارة الداخلية")
            .iter()
            .all(|id| !id.contains("american")),
        "{e:#?}"
    );
    // Nor do its mentions outweigh a person of another country; a place of the country
    // gives the ministry its country.
    for text in [
        "قال منصور التركي إن وزارة الداخلية رصدت حسابات على تويتر وغوغل، وإن تويتر تعاون.",
        "نشرت وزارة الداخلية بيانا عن القبض على خلية في الرياض، ونشرته على تويتر.",
    ] {
        let e = run(text, "2015-08-01");
        assert_eq!(
            ids_of(&e, "وزارة الداخلية"),
            vec!["org:saudi-interior-ministry"],
            "{text}"
        );
    }
}

#[test]
fn positions_and_parties_are_no_regions() {
    // A midfielder, the Libyan parties, the Indian Ocean: none is a region of a state.
    for (text, not_region) in [
        (
            "تعاقد النادي مع لاعب الوسط البرازيلي لمدة موسمين.",
            "الوسط البرازيلي",
        ),
        (
            "دعا المبعوث الأطراف الليبية إلى توقيع الاتفاق.",
            "الأطراف الليبية",
        ),
        ("تقع الجزيرة على ساحل المحيط الهندي.", "المحيط الهندي"),
    ] {
        let e = run(text, "2015-08-01");
        assert!(
            ids_of(&e, not_region)
                .iter()
                .all(|id| !id.starts_with("loc:") || *id == "loc:indian-ocean"),
            "{text}: {e:#?}"
        );
    }
    // The state's nisba stays a mention, and the true regions stay regions.
    let e = run(
        "تعاقد النادي مع لاعب الوسط البرازيلي لمدة موسمين.",
        "2015-08-01",
    );
    assert_eq!(ids_of(&e, "البرازيلي"), vec!["gpe:brazil"]);
    let e = run("قصفت الطائرات الريف السوري والشمال السوري.", "2015-08-01");
    assert_eq!(ids_of(&e, "الريف السوري"), vec!["loc:countryside-syria"]);
    assert_eq!(ids_of(&e, "الشمال السوري"), vec!["loc:northern-syria"]);
}

#[test]
fn the_prophet_is_named_after_his_titles() {
    let e = run(
        "تحدث الخطيب عن سيرة النبي محمد صلى الله عليه وسلم، وقال إن رسول الله كان رحيما.",
        "2015-08-01",
    );
    assert_eq!(ids_of(&e, "محمد"), vec!["person:prophet-muhammad"]);
    assert_eq!(ids_of(&e, "رسول الله"), vec!["person:prophet-muhammad"]);
    // The formula of blessing is no part of any name.
    assert!(
        e.iter()
            .flat_map(|x| &x.mentions)
            .all(|m| !m.text.contains("صلى")),
        "{e:#?}"
    );
}

#[test]
fn a_given_name_with_a_prophets_formula_is_that_prophet() {
    // Through the whole pipeline: the names may be the tagger's.
    let extractor = marsad_extract::Extractor::bundled().expect("bundled data parses");
    let e = extractor
        .analyze(
            "وأوصى محمد صلى الله عليه وسلم بالجار، وقال محمد ﷺ إن الدين النصيحة. \
             وقال محمد العتيبي إن الخطبة طويلة. وكان موسى عليه السلام نبيا.",
            &marsad_extract::Source::default(),
        )
        .entities;
    let prophet = entity(&e, "person:prophet-muhammad").expect("the Prophet");
    assert_eq!(prophet.mentions.len(), 2, "{e:#?}");
    assert!(prophet.mentions.iter().all(|m| m.text == "محمد"));
    assert_eq!(ids_of(&e, "موسى"), vec!["person:moses"]);
    // Another Mohammed is not the Prophet.
    assert!(ids_of(&e, "محمد العتيبي")
        .iter()
        .all(|id| *id != "person:prophet-muhammad"));
}

#[test]
fn a_verbal_noun_of_form_ten_names_nobody_after_a_descriptor() {
    let e = run(
        "يأخذ المكتب من المواطن رسوم استقدام عالية، وقال المواطن سامر الحلبي إن الأزمة حقيقية.",
        "2015-08-01",
    );
    let people: Vec<&str> = e
        .iter()
        .filter(|x| x.kind == EntityType::Person)
        .flat_map(|x| x.mentions.iter().map(|m| m.text.as_str()))
        .collect();
    assert!(people.iter().all(|t| !t.contains("استقدام")), "{people:?}");
    assert!(people.contains(&"سامر الحلبي"), "{people:?}");
}

#[test]
fn a_standalone_surname_names_its_person_without_the_full_name() {
    // `الخميني` names one person; `الأسد` (also "the lion") needs the full name.
    let e = run(
        "وقال الخميني إن الثورة مستمرة، وزأر الأسد في الحديقة.",
        "2015-08-01",
    );
    assert_eq!(ids_of(&e, "الخميني"), vec!["person:ruhollah-khomeini"]);
    assert!(ids_of(&e, "الأسد").is_empty(), "{e:#?}");
    // Every listed surname is an alias of exactly one knowledge-base person.
    let list = include_str!("../data/lexicons/entity_standalone_surnames.tsv");
    for word in list.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let people: Vec<_> = KB
            .aliases_of(&marsad_extract::kb::normalize_phrase(word))
            .iter()
            .filter(|(k, _)| KB.entity(*k).is_some_and(|x| x.kind == EntityType::Person))
            .collect();
        assert_eq!(people.len(), 1, "{word}");
    }
}

#[test]
fn a_fixed_name_built_from_a_person_is_one_facility_or_organisation() {
    let e = run(
        "نقل المصابون إلى مستشفى الملك فهد التخصصي، وتقام المباراة في مدينة الأمير سلطان الرياضية.",
        "2015-08-01",
    );
    let hospital = ids_of(&e, "مستشفى الملك فهد التخصصي");
    assert_eq!(hospital.len(), 1, "{e:#?}");
    assert!(hospital[0].starts_with("fac:"));
    assert_eq!(ids_of(&e, "مدينة الأمير سلطان الرياضية").len(), 1);
    assert!(!e.iter().any(|x| x.kind == EntityType::Person), "{e:#?}");
    // Stadiums, bases and palaces too; a listed adjective is English before the head.
    let e = run(
        "أقيمت المباراة على استاد الملك فهد الدولي، وهبطت الطائرة في قاعدة الملك سلمان الجوية.",
        "2015-08-01",
    );
    assert!(!e.iter().any(|x| x.kind == EntityType::Person), "{e:#?}");
    let names: Vec<&str> = e.iter().map(|x| x.name_en.as_str()).collect();
    assert!(
        names.contains(&"King Fahd International Stadium"),
        "{names:?}"
    );
    assert!(names.contains(&"King Salman Air Base"), "{names:?}");
    // A title with no name after it is no fixed name.
    let e = run("وصل الوفد إلى مركز الأمير في الصباح.", "2015-08-01");
    assert!(ids_of(&e, "مركز الأمير").is_empty());
}

#[test]
fn organisations_written_in_latin_letters_are_linked_as_written() {
    let e = run(
        "وحسب BBC فإن الوزير وصل، وبثت قناة Al Jazeera الخبر نقلا عن Reuters. وقال موقع bbc إن Apple Daily لم تعلق.",
        "2015-08-01",
    );
    assert_eq!(ids_of(&e, "BBC"), ["org:bbc"], "{e:#?}");
    assert_eq!(ids_of(&e, "Al Jazeera"), ["org:al-jazeera"], "{e:#?}");
    assert_eq!(ids_of(&e, "Reuters"), ["org:reuters"], "{e:#?}");
    // Case and all: `bbc` is no listed spelling, nor is a name the list does not hold.
    assert!(ids_of(&e, "bbc").is_empty(), "{e:#?}");
    assert!(
        !e.iter()
            .any(|x| x.known && x.mentions.iter().any(|m| m.text.contains("Apple"))),
        "{e:#?}"
    );
    // The article written onto a Latin name (`الFIFA`) is no part of the name before
    // it (through the whole pipeline: the tagger reads the span).
    let extractor = marsad_extract::Extractor::bundled().expect("bundled data parses");
    let e = extractor
        .analyze(
            "فقد انضمت منظمة الFIFA مع IFAB في عام 1913 إلى الاتحاد.",
            &marsad_extract::Source::default(),
        )
        .entities;
    assert_eq!(ids_of(&e, "FIFA"), ["org:fifa"], "{e:#?}");
    assert!(
        !e.iter()
            .any(|x| x.mentions.iter().any(|m| m.text.ends_with(" ال"))),
        "{e:#?}"
    );
}

#[test]
fn by_way_of_a_person_names_no_road() {
    // `عن طريق` is "by way of": the name after it is a person's, not a road's; without
    // `عن` the same noun heads a road's name.
    let e = run(
        "وجاء الهدف الأول عن طريق محمد الشلهوب، وتسلم الجائزة عن طريق الأمير سلطان بن سلمان. وافتتح الأمير طريق الملك فهد.",
        "2015-08-01",
    );
    assert!(
        !e.iter().any(|x| x
            .mentions
            .iter()
            .any(|m| m.text.starts_with("طريق محمد") || m.text.starts_with("طريق الأمير"))),
        "{e:#?}"
    );
    let prince = ids_of(&e, "سلطان بن سلمان");
    assert_eq!(prince.len(), 1, "{e:#?}");
    assert!(prince[0].starts_with("person:"), "{prince:?}");
    let road = ids_of(&e, "طريق الملك فهد");
    assert_eq!(road.len(), 1, "{e:#?}");
    assert!(road[0].starts_with("fac:"), "{road:?}");
}

#[test]
fn short_forms_skip_fathers_names_compound_halves_and_numbers() {
    let e = run(
        "استقبل الملك عبدالله الثاني في عمان ولي العهد محمد بن سلمان. وقال الثاني من المتحدثين إن سلمان والله شاهد.",
        "2016-08-01",
    );
    assert!(ids_of(&e, "الثاني").is_empty(), "{e:#?}");
    assert!(ids_of(&e, "سلمان").is_empty(), "{e:#?}");
    assert!(ids_of(&e, "والله").is_empty() && ids_of(&e, "الله").is_empty());
    // A surname that is a stop or trigger word (`أمام`, in front of) is no short form;
    // another surname is.
    let e = run(
        "سجل حازم إمام هدفا ووقف أمام الجمهور. وقال عادل إمام إن الفيلم جاهز، وأكد إمام أنه سعيد. \
         وتحدث فهمي هويدي للصحيفة، وقال هويدي إن الأمر صعب.",
        "2010-08-01",
    );
    assert!(ids_of(&e, "أمام").is_empty(), "{e:#?}");
    assert!(ids_of(&e, "إمام").is_empty(), "{e:#?}");
    assert_eq!(ids_of(&e, "هويدي"), ids_of(&e, "فهمي هويدي"));
    assert_eq!(ids_of(&e, "هويدي").len(), 1, "{e:#?}");
}

#[test]
fn another_given_name_before_a_shared_family_name_is_another_person() {
    let e = run(
        "قال الباحث السياسي سليمان الأسد إن الحل بعيد، وأضاف الأسد أن الحوار ضروري.",
        "2015-08-01",
    );
    for id in ["person:bashar-al-assad", "person:hafez-al-assad"] {
        assert!(entity(&e, id).is_none(), "{e:#?}");
    }
}

#[test]
fn names_after_numbers_are_units_or_months() {
    let e = run(
        "تراجع اليورو إلى 70 بنس، وفي العاشر من أغسطس/ آب وصل الوفد.",
        "2015-08-01",
    );
    assert!(ids_of(&e, "بنس").is_empty(), "{e:#?}");
    assert!(ids_of(&e, "آب").is_empty(), "{e:#?}");
    // Counted peoples stay mentions.
    let e = run("قتل 8 حوثيين في المعارك.", "2015-08-01");
    assert_eq!(ids_of(&e, "حوثيين").len(), 1, "{e:#?}");
}

#[test]
fn provinces_named_alone_are_linked_without_a_place_word() {
    // A region of Saudi Arabia (منطقة) is a province: no `في`/`مدينة` needed before it.
    let ents = run(
        "هطلت أمطار غزيرة على عسير و الباحة، وزار الأمير جازان ونجران أمس.",
        "2015-07-01",
    );
    assert_eq!(ids_of(&ents, "عسير"), ["gpe:asir"]);
    assert_eq!(ids_of(&ents, "الباحة"), ["gpe:al-bahah"]);
    assert_eq!(ids_of(&ents, "جازان"), ["gpe:jazan"]);
    assert_eq!(ids_of(&ents, "نجران"), ["gpe:najran"]);
    assert!(entity(&ents, "gpe:jazan").is_some_and(|e| e.known));
}

#[test]
fn a_nisba_after_a_place_word_describes_the_place_and_names_nothing() {
    let ents = run("قصفت الطائرات مدينة إسرائيلية ثم مدينة حيفا.", "2024-05-01");
    let israel = entity(&ents, "gpe:israel").expect("the nisba is still a mention of Israel");
    assert!(israel
        .mentions
        .iter()
        .all(|m| m.text == "إسرائيلية" && m.kind == MentionKind::Nisba));
    assert_eq!(ids_of(&ents, "حيفا"), vec!["gpe:haifa"]);
}

#[test]
fn place_names_that_are_common_words_need_a_place_cue() {
    // "the eye", "the class": no place.
    let ents = run(
        "أصاب الألم القلب والعين، وتضررت الطبقة الوسطى من الغلاء.",
        "2024-05-01",
    );
    assert!(ids_of(&ents, "العين").is_empty(), "{ents:?}");
    assert!(ids_of(&ents, "الطبقة").is_empty(), "{ents:?}");
    // After a locative preposition or a class word they are places.
    let ents = run(
        "وصل الوفد إلى العين أمس، وقصفت الطائرات مدينة الطبقة.",
        "2024-05-01",
    );
    assert_eq!(ids_of(&ents, "العين").len(), 1, "{ents:?}");
    assert_eq!(ids_of(&ents, "الطبقة").len(), 1, "{ents:?}");
}

#[test]
fn some_common_word_places_need_a_preposition_or_a_class_word() {
    // `cue` = preposition: a proclitic ب or ل alone is not enough ("the conscience",
    // "the middle class"), a locative preposition is.
    let ents = run(
        "يرتبط ذلك بالضمير الإنساني، وينتمي الموظف للطبقة الوسطى.",
        "2015-08-01",
    );
    assert!(ids_of(&ents, "الضمير").is_empty(), "{ents:?}");
    assert!(ids_of(&ents, "لطبقة").is_empty(), "{ents:?}");
    let ents = run(
        "قصفت الطائرات مواقع في الضمير قرب دمشق، واشتبك المقاتلون في الطبقة.",
        "2015-08-01",
    );
    assert_eq!(ids_of(&ents, "الضمير"), vec!["gpe:ad-dumayr"], "{ents:?}");
    assert_eq!(ids_of(&ents, "الطبقة"), vec!["gpe:tabqa"], "{ents:?}");
    // `cue` = class: "behaviour", "a dialogue", "the continent of Asia" are no places even
    // after a preposition; after a class word they are.
    let ents = run(
        "تحدث المدرب في حواره عن أثر البطولة في سلوك اللاعبين في قارة آسيا.",
        "2015-08-01",
    );
    for word in ["حواره", "سلوك", "قارة"] {
        assert!(ids_of(&ents, word).is_empty(), "{word}: {ents:?}");
    }
    assert_eq!(ids_of(&ents, "آسيا"), vec!["loc:asia"], "{ents:?}");
    let ents = run("سيطر المسلحون على بلدة قارة في القلمون.", "2015-08-01");
    assert_eq!(ids_of(&ents, "قارة"), vec!["gpe:qarah"], "{ents:?}");
}

#[test]
fn a_bare_city_name_after_the_clitic_kaf_is_a_word_that_starts_with_it() {
    // `كسرت` "broke", not "like Sirte"; a state (`كسوريا`) or a name with the article
    // (`كالميادين`) after ك is still a place.
    let ents = run(
        "قال الوزير إن العمليات كسرت شوكة الإرهاب في ليبيا.",
        "2015-08-01",
    );
    assert!(entity(&ents, "gpe:sirte").is_none(), "{ents:?}");
    let ents = run(
        "عانت دول كسوريا والعراق من الحرب، وشهدت مدن سورية كالميادين معارك عنيفة.",
        "2015-08-01",
    );
    assert_eq!(ids_of(&ents, "سوريا"), vec!["gpe:syria"], "{ents:?}");
    assert_eq!(
        ids_of(&ents, "الميادين"),
        vec!["gpe:al-mayadin"],
        "{ents:?}"
    );
}

#[test]
fn a_compass_word_after_a_city_is_a_position_and_a_state_word_stays_outside() {
    let ents = run(
        "وقع انفجار في بعقوبة شمال بغداد، ثم وصل الوفد إلى دولة الكويت وجنوب لبنان.",
        "2024-05-01",
    );
    assert_eq!(ids_of(&ents, "بغداد"), vec!["gpe:baghdad"]);
    assert!(ids_of(&ents, "شمال بغداد").is_empty(), "{ents:?}");
    assert_eq!(ids_of(&ents, "الكويت"), vec!["gpe:kuwait"]);
    assert!(ids_of(&ents, "دولة الكويت").is_empty(), "{ents:?}");
    // A region of a state stays a region, with the state nested in it.
    assert_eq!(ids_of(&ents, "جنوب لبنان").len(), 1, "{ents:?}");
    assert_eq!(ids_of(&ents, "لبنان"), vec!["gpe:lebanon"]);
}

#[test]
fn a_new_name_does_not_end_on_a_family_particle() {
    let ents = run("وقال الباحث خالد آل دغيم إن السياحة تنمو.", "2024-05-01");
    assert_eq!(ids_of(&ents, "خالد آل دغيم").len(), 1, "{ents:?}");
    assert!(ids_of(&ents, "خالد آل").is_empty(), "{ents:?}");
    assert!(ids_of(&ents, "آل").is_empty(), "{ents:?}");
}

#[test]
fn a_state_named_like_a_region_of_another_nests_nothing() {
    let ents = run("زار الوزير جنوب السودان ثم عاد إلى السودان.", "2024-05-01");
    assert_eq!(ids_of(&ents, "جنوب السودان"), vec!["gpe:south-sudan"]);
    // Only the second `السودان` is Sudan: none nests in South Sudan.
    let sudan = entity(&ents, "gpe:sudan").expect("Sudan");
    assert_eq!(sudan.mentions.len(), 1, "{ents:?}");
}

#[test]
fn a_state_name_that_is_also_its_nisba_is_the_nisba_after_a_definite_noun() {
    use marsad_extract::MentionKind;
    // After a feminine singular, a plural (sound or broken) and a masculine noun of a
    // construct; but after a state's nisba (the president's), it is the state.
    let ents = run(
        "قالت الحكومة السعودية إن الوفد زار السعودية، وأشادت الصحافة السعودية بالزيارة. \
         وارتفعت الأسهم السعودية في الجامعات السعودية، ولعبت كرة القدم السعودية. \
         وزار الرئيس الفرنسي السعودية أمس.",
        "2024-05-01",
    );
    let saudi = entity(&ents, "gpe:saudi-arabia").expect("Saudi Arabia");
    let kinds: Vec<MentionKind> = saudi.mentions.iter().map(|m| m.kind).collect();
    use MentionKind::{Name, Nisba};
    assert_eq!(
        kinds,
        [Nisba, Name, Nisba, Nisba, Nisba, Nisba, Name],
        "{ents:?}"
    );
}

#[test]
fn a_bare_region_word_is_a_region_named_in_full_and_no_longer_phrase() {
    // `الشمال` alone is the region the document has named in full (`الشمال السعودي`);
    // `الشمال الشرقي` is a direction and `بحر الشمال` a sea.
    let ents = run(
        "قال مسؤول سعودي في الرياض إن الأمطار تتركز في الشمال السعودي، وإن السيول بلغت الشمال أمس. وتقع البلدة في الشمال الشرقي من المدينة، وارتفع سعر خام بحر الشمال.",
        "2024-05-01",
    );
    let region = ids_of(&ents, "الشمال السعودي");
    assert_eq!(region.len(), 1, "{ents:?}");
    let bare: Vec<_> = ents
        .iter()
        .flat_map(|e| {
            e.mentions
                .iter()
                .map(move |m| (e.id.clone(), m.text.as_str()))
        })
        .filter(|(_, t)| *t == "الشمال")
        .collect();
    assert_eq!(bare.len(), 1, "{bare:?}");
    assert_eq!(bare[0].0, region[0]);
    assert_eq!(ids_of(&ents, "بحر الشمال"), vec!["loc:north-sea"]);
    // Without the full name, the bare word names no region, even of the main country
    // (`النازحون من الشمال` may be any north).
    let ents = run(
        "قال مسؤول سعودي في الرياض إن الأمطار تتركز في الشمال.",
        "2024-05-01",
    );
    assert!(ids_of(&ents, "الشمال").is_empty(), "{ents:?}");
}

#[test]
fn an_adjective_head_after_a_definite_noun_names_no_organisation() {
    let ents = run(
        "انتقد الخبير السياسة الخارجية الأميركية، وقالت الخارجية الأميركية إن الوزير مسافر.",
        "2024-05-01",
    );
    // Foreign policy is no ministry; the ministry is named once, after the verb.
    let ministry = ents
        .iter()
        .find(|e| e.kind == marsad_extract::EntityType::Org)
        .expect("the ministry");
    assert_eq!(ministry.mentions.len(), 1, "{ents:?}");
    assert_eq!(ministry.mentions[0].text, "الخارجية الأميركية");
    // Both nisbas are mentions of the United States.
    let us = entity(&ents, "gpe:united-states").expect("United States");
    assert_eq!(us.mentions.len(), 2, "{ents:?}");
}

#[test]
fn a_head_noun_vouches_for_a_name_that_is_also_a_common_word() {
    // `الجزيرة` alone is also "the island": after `قناة` it is the channel, and the
    // document then names it in full, so the bare word later is the channel too.
    let ents = run(
        "وقالت قناة الجزيرة إن الوفد وصل، وقال مراسل الجزيرة إن الاجتماع انتهى.",
        "2024-05-01",
    );
    let channel = entity(&ents, "org:al-jazeera").expect("Al Jazeera");
    let texts: Vec<&str> = channel.mentions.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, ["الجزيرة", "الجزيرة"], "{ents:?}");
    // Without the head, the bare word names nothing.
    let ents = run("وصل الوفد إلى الجزيرة أمس.", "2024-05-01");
    assert!(entity(&ents, "org:al-jazeera").is_none(), "{ents:?}");
}

#[test]
fn the_word_before_a_common_word_name_says_which_organisation_it_is() {
    // `مراسل` vouches for an outlet: the broadcaster, with no full name in the text.
    let ents = run("وقال مراسل الجزيرة إن الاجتماع انتهى.", "2024-05-01");
    let channel = entity(&ents, "org:al-jazeera").expect("Al Jazeera");
    assert_eq!(channel.mentions.len(), 1, "{ents:?}");
    // `فريق` vouches for a club, not the broadcaster. The knowledge base holds two clubs
    // of that name (Abu Dhabi's and Amman's): the linker picks neither (the tagger may
    // still find a new club there); with its nisba it is the one club.
    let ents = run("وفاز فريق الجزيرة على منافسه أمس.", "2024-05-01");
    assert!(entity(&ents, "org:al-jazeera").is_none(), "{ents:?}");
    assert!(entity(&ents, "org:al-jazira-club").is_none(), "{ents:?}");
    let ents = run("وفاز فريق الجزيرة الإماراتي على منافسه أمس.", "2024-05-01");
    assert!(entity(&ents, "org:al-jazira-club").is_some(), "{ents:?}");
    // "His team" heads no name, and a nisba is no organisation's name.
    let ents = run("لا يمكنه اللعب مع فريقه الأوروبي الآن.", "2024-05-01");
    assert!(
        ents.iter().all(|e| e.known),
        "no new club from a nisba: {ents:?}"
    );
    // A word that vouches for nothing leaves the bare name as it was.
    let ents = run("وصل الوفد إلى الجزيرة أمس.", "2024-05-01");
    assert!(entity(&ents, "org:al-jazeera").is_none(), "{ents:?}");
    assert!(entity(&ents, "org:al-jazira-club").is_none(), "{ents:?}");
}

#[test]
fn a_head_noun_picks_the_organisation_over_a_place_of_the_same_name() {
    let ents = run(
        "وقالت صحيفة الشرق الأوسط إن التوتر يسود الشرق الأوسط.",
        "2024-05-01",
    );
    let paper = entity(&ents, "org:asharq-al-awsat").expect("the newspaper");
    assert_eq!(paper.mentions.len(), 1, "{ents:?}");
    assert_eq!(paper.mentions[0].text, "الشرق الأوسط");
    assert!(entity(&ents, "loc:middle-east").is_some(), "{ents:?}");
}

#[test]
fn a_place_inside_the_name_of_a_competition_is_no_mention() {
    let ents = run(
        "فاز الفريق بكأس إسبانيا وشارك في بطولة أوروبا، ثم عاد اللاعبون إلى إيطاليا.",
        "2024-05-01",
    );
    assert!(ids_of(&ents, "إسبانيا").is_empty(), "{ents:?}");
    assert!(ids_of(&ents, "أوروبا").is_empty(), "{ents:?}");
    assert_eq!(ids_of(&ents, "إيطاليا"), vec!["gpe:italy"]);
}

#[test]
fn a_club_head_stays_outside_but_an_agency_keeps_its_name() {
    let ents = run(
        "وقالت وكالة أنباء الشرق الأوسط إن لاعب النادي الأهلي وصل إلى القاهرة.",
        "2024-05-01",
    );
    assert_eq!(ids_of(&ents, "وكالة أنباء الشرق الأوسط"), vec!["org:mena"]);
    assert!(ids_of(&ents, "الشرق الأوسط").is_empty(), "{ents:?}");
    assert_eq!(ids_of(&ents, "الأهلي"), vec!["org:al-ahli-fc"]);
}

#[test]
fn a_bare_ministry_in_a_named_place_is_that_places_state() {
    // The text's most mentioned state is Lebanon, but the ministry is the one in Gaza.
    let ents = run(
        "قال حزب الله في بيروت إن لبنان مستعد، ولم تتهم وزارة الداخلية في غزة أي طرف.",
        "2024-05-01",
    );
    assert_eq!(
        ids_of(&ents, "وزارة الداخلية"),
        vec!["org:palestinian-interior-ministry"],
        "{ents:?}"
    );
}

#[test]
fn an_honorific_epithet_after_a_place_is_outside_its_name() {
    // `المكرمة` (the honoured) and `الشعبية` (the people's) describe the place: the
    // mention is the name, as ANERcorp annotates it.
    let ents = run(
        "وصل الحجاج إلى مكة المكرمة، واستوردت الصين الشعبية القمح.",
        "2024-05-01",
    );
    assert_eq!(ids_of(&ents, "مكة"), vec!["gpe:mecca"]);
    assert_eq!(ids_of(&ents, "الصين"), vec!["gpe:china"]);
    assert!(ids_of(&ents, "مكة المكرمة").is_empty());
}

#[test]
fn a_new_name_after_a_descriptor_starts_with_a_bare_word() {
    // `الداعية` here means "calling for": `لازدراء الأديان` carries a proclitic and is no
    // one's name; after the preacher `الداعية`, a bare name is a new person.
    let ents = run(
        "فرضت عقوبات على الجمعيات الداعية لازدراء الأديان أو التمييز.",
        "2024-05-01",
    );
    assert!(
        ents.iter()
            .all(|e| e.kind != marsad_extract::EntityType::Person),
        "{ents:?}"
    );
    let ents = run("وقال الداعية سعيد الحارثي إن الصوم عبادة.", "2024-05-01");
    assert_eq!(ids_of(&ents, "سعيد الحارثي").len(), 1, "{ents:?}");
}

#[test]
fn a_class_word_before_a_name_of_two_places_leaves_the_choice_to_the_document() {
    // `مدينة العيون`: Al-Uyun in al-Ahsa, or Laayoune; the class word stays outside.
    let ents = run(
        "افتتح المحافظ مشروعا في مدينة العيون بمحافظة الأحساء.",
        "2015-08-01",
    );
    assert_eq!(ids_of(&ents, "العيون"), vec!["gpe:al-uyun-sa"], "{ents:?}");
    let ents = run(
        "زار وفد مغربي مدينة العيون في الصحراء الغربية، وقال إن المغرب سيطور المنطقة.",
        "2015-08-01",
    );
    assert_eq!(ids_of(&ents, "العيون"), vec!["gpe:laayoune"], "{ents:?}");
    // `دولة عمان` among Gulf states is Oman, not Amman.
    let ents = run(
        "يبدأ التداول اليوم في دولة الكويت و عمان وقطر، وفي دولة عمان تستأنف البورصة نشاطها.",
        "2015-08-01",
    );
    assert_eq!(ids_of(&ents, "عمان"), vec!["gpe:oman"], "{ents:?}");
    // The eyes are no place.
    let ents = run("ما تراه العيون لا يصدقه العقل.", "2015-08-01");
    assert!(ids_of(&ents, "العيون").is_empty(), "{ents:?}");
}

#[test]
fn a_place_named_like_a_common_word_keeps_its_class_word_outside() {
    // The class word is outside the span (gold notes), and it is what makes the
    // ordinary word a place.
    let ents = run(
        "قصفت الطائرات مواقع في محافظة حجة، ووصل الوفد إلى مدينة صور اللبنانية.",
        "2015-08-01",
    );
    assert_eq!(ids_of(&ents, "حجة"), vec!["gpe:hajjah"], "{ents:?}");
    assert_eq!(ids_of(&ents, "صور"), vec!["gpe:tyre"], "{ents:?}");
    assert!(ids_of(&ents, "محافظة حجة").is_empty(), "{ents:?}");
    // "under the pretext", "pictures", "the door": no places.
    let ents = run(
        "رفض الحارس فتح الباب بحجة أن الصور ممنوعة، ونشر صور الحادث.",
        "2015-08-01",
    );
    for id in ["gpe:hajjah", "gpe:tyre", "gpe:al-bab"] {
        assert!(entity(&ents, id).is_none(), "{id}: {ents:?}");
    }
}

#[test]
fn nunation_marks_a_common_word_not_a_place_or_an_organisation() {
    // `كوبًا` (a cup), `درعاً` (a shield), `ميتاً` (dead) carry nunation, which no name of a
    // place or an organisation takes; written bare, the same words are the names.
    let e = run(
        "واشترى كوبًا من الشاي، وأهدى المعلم درعاً تذكارياً للمدرسة، ووجد الحارس ميتاً. وزار الوفد كوبا ثم درعا.",
        "2015-08-01",
    );
    for word in ["كوبًا", "درعاً", "ميتاً"] {
        assert!(ids_of(&e, word).is_empty(), "{word}: {e:#?}");
    }
    assert_eq!(ids_of(&e, "كوبا"), ["gpe:cuba"], "{e:#?}");
    assert_eq!(ids_of(&e, "درعا"), ["gpe:daraa"], "{e:#?}");
    // A state's name in `يا` with nunation is its nisba: `وفدًا تركيًا`, a Turkish delegation.
    let e = run("واستقبل الوزير وفدًا تركيًا في الرياض.", "2015-08-01");
    let turkish = e
        .iter()
        .flat_map(|x| x.mentions.iter().map(move |m| (x.id.as_str(), m)))
        .find(|(_, m)| m.text == "تركيًا");
    assert!(
        matches!(turkish, Some(("gpe:turkey", m)) if m.kind == MentionKind::Nisba),
        "{e:#?}"
    );
}

#[test]
fn a_club_name_many_states_share_is_the_club_of_the_documents_country() {
    // `الأهلي` alone is a club in Cairo, Jeddah, Doha…: the knowledge base holds each as
    // the word and its state's nisba, and the document's places say which one is meant.
    let extractor = marsad_extract::Extractor::bundled().expect("bundled data parses");
    let clubs_of = |text: &str| -> Vec<String> {
        extractor
            .analyze(text, &marsad_extract::Source::default())
            .entities
            .into_iter()
            .filter(|e| e.mentions.iter().any(|m| m.text == "الأهلي"))
            .map(|e| e.id)
            .collect()
    };
    let egypt = "خسر الأهلي أمام الزمالك بهدفين في مباراة الدوري التي أقيمت في القاهرة، وقال مدرب الفريق إن اللاعبين قدموا ما عليهم. وتقام المباراة المقبلة في الإسكندرية بعد أن عاد الأهلي إلى القاهرة.";
    assert_eq!(clubs_of(egypt), ["org:al-ahly-sc"]);
    let saudi = "تعادل الأهلي مع الاتفاق في جدة مساء أمس، وقال مدرب الفريق إن اللاعبين سيعودون إلى التدريبات في الرياض ثم في جدة استعدادا للقاء المقبل. ويستعد الأهلي للسفر إلى الدمام.";
    assert_eq!(clubs_of(saudi), ["org:al-ahli-fc"]);
    // After a definite noun the word is the adjective (`القطاع الأهلي`, the private
    // sector), and no club is read, even in a text with players and a team.
    let sector = "ارتفعت مساهمة القطاع الأهلي في الاقتصاد، وقال وزير العمل في الرياض إن شركات القطاع الأهلي في جدة والدمام وظفت آلاف اللاعبين السابقين وإن الفريق الحكومي يتابع ذلك.";
    let read = clubs_of(sector);
    assert!(read.iter().all(|id| KB.index_of(id).is_none()), "{read:?}");
}
