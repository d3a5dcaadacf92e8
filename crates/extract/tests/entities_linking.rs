//! Entity mentions, linking and coreference over a small fixture knowledge base, with
//! sentences about several countries (not the gold article).

mod common;

use marsad_extract::{Entity, KnowledgeBase, MentionKind};

const ENTITIES: &str = "# fixture\nid\ttype\tname_ar\tname_en\tlat\tlon\troles\tparent\n\
gpe:turkey\tGPE\tتركيا\tTurkey\t38.96\t35.24\tcountry\t\n\
gpe:egypt\tGPE\tمصر\tEgypt\t26.82\t30.80\tcountry\t\n\
gpe:jordan\tGPE\tالأردن\tJordan\t30.59\t36.24\tcountry\t\n\
gpe:oman\tGPE\tعمان\tOman\t21.51\t55.92\tcountry\t\n\
gpe:amman\tGPE\tعمان\tAmman\t31.95\t35.93\tcity\tgpe:jordan\n\
gpe:syria\tGPE\tسوريا\tSyria\t34.80\t39.00\tcountry\t\n\
gpe:ankara\tGPE\tأنقرة\tAnkara\t39.93\t32.86\tcity|province\tgpe:turkey\n\
gpe:izmir\tGPE\tإزمير\tIzmir\t38.42\t27.14\tcity|province\tgpe:turkey\n\
gpe:bursa\tGPE\tبورصة\tBursa\t40.19\t29.06\tcity|province\tgpe:turkey\n\
gpe:judayda\tGPE\tجديدة\tJudayda\t33.00\t36.00\ttown\tgpe:syria\n\
gpe:ibb\tGPE\tإب\tIbb\t13.97\t44.18\tcity\t\n\
gpe:muscat\tGPE\tمسقط\tMuscat\t23.59\t58.41\tcity\tgpe:oman\n\
gpe:morocco\tGPE\tالمغرب\tMorocco\t31.79\t-7.09\tcountry\t\n\
org:wam\tORG\tوام\tEmirates News Agency\t\t\tnews agency\t\n\
gpe:italy\tGPE\tإيطاليا\tItaly\t41.87\t12.57\tcountry\t\n\
gpe:milan\tGPE\tميلان\tMilan\t45.46\t9.19\tcity\tgpe:italy\n\
org:ac-milan\tORG\tميلان الإيطالي\tAC Milan\t\t\tfootball club\tgpe:milan\n\
org:valencia-cf\tORG\tفالنسيا الإسباني\tValencia CF\t\t\tfootball club\t\n\
gpe:spain\tGPE\tإسبانيا\tSpain\t40.46\t-3.75\tcountry\t\n\
gpe:gaza-strip\tGPE\tقطاع غزة\tGaza Strip\t31.42\t34.36\tterritory\t\n\
gpe:gaza\tGPE\tغزة\tGaza\t31.50\t34.47\tcity\tgpe:gaza-strip\n\
person:hassan-nasrallah\tPERSON\tحسن نصر الله\tHassan Nasrallah\t\t\t\t\n\
fac:white-house\tFAC\tالبيت الأبيض\tWhite House\t38.90\t-77.04\tbuilding\t\n\
org:white-house\tORG\tالبيت الأبيض\tWhite House (US presidency)\t\t\t\t\n\
org:turkish-army\tORG\tالجيش التركي\tTurkish Army\t\t\t\tgpe:turkey\n\
org:sdf\tORG\tقوات سوريا الديمقراطية\tSyrian Democratic Forces\t\t\tmilitia\tgpe:syria\n\
person:recep-tayyip-erdogan\tPERSON\tرجب طيب أردوغان\tRecep Tayyip Erdogan\t\t\tpresident of Turkey\tgpe:turkey\n\
person:abdel-fattah-el-sisi\tPERSON\tعبد الفتاح السيسي\tAbdel Fattah el-Sisi\t\t\tpresident of Egypt\tgpe:egypt\n\
person:hafez-al-assad\tPERSON\tحافظ الأسد\tHafez al-Assad\t\t\t\tgpe:syria\n\
org:al-qaeda\tORG\tتنظيم القاعدة\tAl-Qaeda\t\t\tarmed group\t\n\
org:hamas\tORG\tحماس\tHamas\t\t\tparty\t\n\
org:spa\tORG\tوكالة الأنباء السعودية\tSaudi Press Agency\t\t\tnews agency\t\n\
gpe:saudi-arabia\tGPE\tالسعودية\tSaudi Arabia\t23.89\t45.08\tcountry\t\n\
person:abdullah-ii\tPERSON\tعبد الله الثاني\tAbdullah II\t\t\tking of Jordan\tgpe:jordan\n\
person:king-abdullah-sa\tPERSON\tعبد الله بن عبد العزيز\tAbdullah of Saudi Arabia\t\t\tking of Saudi Arabia\tgpe:saudi-arabia\n";

const ALIASES: &str = "alias\tid\tkind\n\
التركي\tgpe:turkey\tnisba\n\
الإيطالي\tgpe:italy\tnisba\n\
الإسباني\tgpe:spain\tnisba\n\
المصري\tgpe:egypt\tnisba\n\
الأردني\tgpe:jordan\tnisba\n\
العماني\tgpe:oman\tnisba\n\
السوري\tgpe:syria\tnisba\n\
أردوغان\tperson:recep-tayyip-erdogan\tname\n\
السيسي\tperson:abdel-fattah-el-sisi\tname\n\
الأسد\tperson:hafez-al-assad\tname\n\
القاعدة\torg:al-qaeda\tname\n\
حركة حماس\torg:hamas\tname\n\
الملك عبد الله\tperson:abdullah-ii\tname\n\
الملك عبد الله\tperson:king-abdullah-sa\tname\n";

const TITLES: &str = "title_ar\trole_key\trole_en\nالرئيس\tpresident\tpresident\nالملك\tking\tking\nوزير الخارجية\tforeign-minister\tforeign minister\n";

const OFFICES: &str = "role_key\tof\tholder\tfrom\tto\n\
president\tgpe:turkey\tperson:recep-tayyip-erdogan\t2014-08-28\t\n\
president\tgpe:egypt\tperson:abdel-fattah-el-sisi\t2014-06-08\t\n";

const DIRECTIONS: &str = "word\tdirection_en\tslug\nالشمال\tnorth\tnorthern\nشمال\tnorth\tnorthern\nشرقي\teast\teastern\nغربي\twest\twestern\nشمال غربي\tnorthwest\tnorthwest\n";

fn kb() -> KnowledgeBase {
    KnowledgeBase::from_tsv(ENTITIES, ALIASES, TITLES, OFFICES, DIRECTIONS).expect("fixture parses")
}

fn run(text: &str, published: Option<&str>) -> Vec<Entity> {
    common::entities_checked(text, published, &kb())
}

fn mentions<'a>(ents: &'a [Entity], id: &str) -> Vec<(&'a str, MentionKind)> {
    ents.iter()
        .find(|e| e.id == id)
        .map(|e| {
            e.mentions
                .iter()
                .map(|m| (m.text.as_str(), m.kind))
                .collect()
        })
        .unwrap_or_default()
}

use MentionKind::{Name, Nisba, Title};

#[test]
fn title_before_name_is_not_a_mention_but_its_nisba_is() {
    let e = run("استقبل الرئيس التركي رجب طيب أردوغان نظيره في أنقرة.", None);
    assert_eq!(
        mentions(&e, "person:recep-tayyip-erdogan"),
        [("رجب طيب أردوغان", Name)]
    );
    assert_eq!(mentions(&e, "gpe:turkey"), [("التركي", Nisba)]);
    assert_eq!(mentions(&e, "gpe:ankara"), [("أنقرة", Name)]);
}

#[test]
fn lone_title_joins_the_holder_named_in_the_document() {
    let e = run(
        "وصل الرئيس المصري عبد الفتاح السيسي إلى أنقرة. وقال الرئيس المصري إن بلاده مستعدة.",
        None,
    );
    assert_eq!(
        mentions(&e, "person:abdel-fattah-el-sisi"),
        [("عبد الفتاح السيسي", Name), ("الرئيس المصري", Title)]
    );
    assert_eq!(
        mentions(&e, "gpe:egypt"),
        [("المصري", Nisba), ("المصري", Nisba)]
    );
}

#[test]
fn lone_title_falls_back_to_the_office_holder_on_the_published_date() {
    let e = run("وأكد الرئيس التركي دعم بلاده للاتفاق.", Some("2025-03-01"));
    assert_eq!(
        mentions(&e, "person:recep-tayyip-erdogan"),
        [("الرئيس التركي", Title)]
    );
    let before = run("وأكد الرئيس التركي دعم بلاده للاتفاق.", Some("2010-03-01"));
    assert!(mentions(&before, "person:recep-tayyip-erdogan").is_empty());
}

#[test]
fn clitics_stay_outside_the_span() {
    let e = run(
        "وتحدث وزير عن تركيا ومصر، ثم عن دعم للجيش التركي وبأنقرة.",
        None,
    );
    assert_eq!(mentions(&e, "gpe:egypt"), [("مصر", Name)]);
    assert_eq!(mentions(&e, "org:turkish-army"), [("لجيش التركي", Name)]);
    assert_eq!(
        mentions(&e, "gpe:turkey"),
        [("تركيا", Name), ("التركي", Nisba)]
    );
    assert_eq!(mentions(&e, "gpe:ankara"), [("أنقرة", Name)]);
}

/// The entity with a mention of exactly `text`.
fn with_mention<'a>(e: &'a [Entity], text: &str) -> &'a Entity {
    e.iter()
        .find(|x| x.mentions.iter().any(|m| m.text == text))
        .unwrap_or_else(|| panic!("no entity mentioned as {text}"))
}

#[test]
fn new_person_after_a_descriptor_with_later_surname() {
    let e = run(
        "قال المحلل السياسي الأردني سامر بيطار إن التصعيد مرجح. وأضاف بيطار أن عمان قلقة.",
        None,
    );
    let p = with_mention(&e, "سامر بيطار");
    assert!(!p.known);
    assert_eq!(p.name_en, "Samer Bitar");
    assert_eq!(p.id, "person:samer-bitar");
    assert_eq!(p.roles, ["Jordanian political analyst"]);
    assert_eq!(p.mentions.len(), 2);
    // Jordan is in the document, so عمان is its capital, not Oman.
    assert_eq!(mentions(&e, "gpe:amman"), [("عمان", Name)]);
    assert!(mentions(&e, "gpe:oman").is_empty());
}

#[test]
fn ambiguous_city_name_follows_the_country_in_the_document() {
    let e = run(
        "زار وفد عماني عمان لبحث العلاقات مع المسؤولين العمانيين.",
        None,
    );
    assert!(mentions(&e, "gpe:amman").is_empty());
    assert_eq!(mentions(&e, "gpe:oman").first(), Some(&("عماني", Nisba)));
    assert!(mentions(&e, "gpe:oman").contains(&("عمان", Name)));
}

#[test]
fn regions_of_a_named_state_and_of_the_main_country() {
    let e = run(
        "تقدم الجيش التركي في شمال غربي تركيا، ثم انسحب من شرقي البلاد نحو إزمير.",
        None,
    );
    let nw = e
        .iter()
        .find(|x| x.id == "loc:northwest-turkey")
        .expect("composed region");
    assert!(!nw.known);
    assert_eq!(nw.name_en, "Northwest Turkey");
    assert_eq!(nw.name_ar, "شمال غربي تركيا");
    assert_eq!(
        mentions(&e, "loc:northwest-turkey"),
        [("شمال غربي تركيا", Name)]
    );
    assert_eq!(mentions(&e, "loc:eastern-turkey"), [("شرقي البلاد", Name)]);
    // A region is named in the construct form even when the definite direction word
    // comes first in the knowledge base.
    let north = run("تقدمت القوات في شمال سوريا.", None);
    let n = north
        .iter()
        .find(|x| x.id == "loc:northern-syria")
        .expect("northern Syria");
    assert_eq!(n.name_ar, "شمال سوريا");
    // The state inside the region and the nisba inside the army are mentions too.
    assert_eq!(
        mentions(&e, "gpe:turkey"),
        [("التركي", Nisba), ("تركيا", Name)]
    );
}

#[test]
fn class_words_stay_outside_and_each_name_is_a_mention() {
    let e = run("هطلت أمطار في محافظات أنقرة وإزمير وبورصة التركية.", None);
    assert_eq!(mentions(&e, "gpe:ankara"), [("أنقرة", Name)]);
    assert_eq!(mentions(&e, "gpe:izmir"), [("إزمير", Name)]);
    assert_eq!(mentions(&e, "gpe:bursa"), [("بورصة", Name)]);
}

#[test]
fn an_organisation_head_stays_outside_when_the_name_alone_is_known() {
    let e = run(
        "وقالت حركة حماس إن الوفد وصل، ونقلت وكالة الأنباء السعودية الخبر عن حماس.",
        None,
    );
    assert_eq!(mentions(&e, "org:hamas"), [("حماس", Name), ("حماس", Name)]);
    // The rest alone (`الأنباء السعودية`) names nothing: the head stays in.
    assert_eq!(mentions(&e, "org:spa"), [("وكالة الأنباء السعودية", Name)]);
}

#[test]
fn facility_after_locative_preposition_organisation_otherwise() {
    let e = run(
        "عقد اللقاء في البيت الأبيض. وقال البيت الأبيض إن المحادثات مثمرة.",
        None,
    );
    assert_eq!(mentions(&e, "fac:white-house"), [("البيت الأبيض", Name)]);
    assert_eq!(mentions(&e, "org:white-house"), [("البيت الأبيض", Name)]);
}

#[test]
fn fixed_names_nest_nothing() {
    let e = run("سيطرت قوات سوريا الديمقراطية على المنطقة.", None);
    assert_eq!(mentions(&e, "org:sdf"), [("قوات سوريا الديمقراطية", Name)]);
    assert!(mentions(&e, "gpe:syria").is_empty());
}

#[test]
fn a_titled_alias_names_the_person_after_the_title() {
    // The name alone is the span; the country in the document picks the king.
    let e = run("زار الملك عبد الله الأردن أمس.", None);
    assert_eq!(mentions(&e, "person:abdullah-ii"), [("عبد الله", Name)]);
    assert!(mentions(&e, "person:king-abdullah-sa").is_empty());
    let e = run("استقبل الملك عبد الله في السعودية وفدا.", None);
    assert_eq!(
        mentions(&e, "person:king-abdullah-sa"),
        [("عبد الله", Name)]
    );
    assert!(e
        .iter()
        .all(|x| x.known || x.kind != marsad_extract::EntityType::Person));
}

#[test]
fn common_word_aliases_need_evidence() {
    // "الأسد" alone (the lion) is not the person; with the full name earlier it is.
    let e = run("شاهد الأطفال الأسد في حديقة الحيوان.", None);
    assert!(mentions(&e, "person:hafez-al-assad").is_empty());
    let e = run("حكم حافظ الأسد البلاد طويلا، وكان الأسد حذرا.", None);
    assert_eq!(
        mentions(&e, "person:hafez-al-assad"),
        [("حافظ الأسد", Name), ("الأسد", Name)]
    );
    // A one-word town that is also a common word needs a cue before it.
    let e = run("بدأت مرحلة جديدة في العلاقات.", None);
    assert!(mentions(&e, "gpe:judayda").is_empty());
    let e = run("وقع انفجار في جديدة صباحا.", None);
    assert_eq!(mentions(&e, "gpe:judayda"), [("جديدة", Name)]);
    // "القاعدة" alone is "the base"; after "تنظيم القاعدة" it is the organisation.
    let e = run("غادرت 40 آلية عسكرية القاعدة باتجاه الحدود.", None);
    assert!(mentions(&e, "org:al-qaeda").is_empty());
    let e = run(
        "تبنى تنظيم القاعدة الهجوم، وقالت القاعدة في بيان إنها مسؤولة.",
        None,
    );
    assert_eq!(
        mentions(&e, "org:al-qaeda"),
        [("تنظيم القاعدة", Name), ("القاعدة", Name)]
    );
}

#[test]
fn a_place_name_in_a_fixed_phrase_is_no_mention() {
    // `مسقط رأسه` is "his birthplace", `صلاة المغرب` the sunset prayer.
    let e = run(
        "عاد الشاعر إلى مسقط رأسه، ثم سافر إلى مسقط في الربيع.",
        None,
    );
    assert_eq!(mentions(&e, "gpe:muscat"), [("مسقط", Name)]);
    let m = &e
        .iter()
        .find(|x| x.id == "gpe:muscat")
        .expect("muscat")
        .mentions[0];
    assert_eq!(
        m.start,
        "عاد الشاعر إلى مسقط رأسه، ثم سافر إلى ".chars().count()
    );
    let e = run("اجتمع المصلون لصلاة المغرب، وسافر بعضهم إلى المغرب.", None);
    assert_eq!(mentions(&e, "gpe:morocco"), [("المغرب", Name)]);
    let e = run("وقع ملك المغرب الاتفاق بعد صلاة العصر والمغرب.", None);
    assert_eq!(mentions(&e, "gpe:morocco"), [("المغرب", Name)]);
}

#[test]
fn a_nisba_after_a_club_name_describes_it_but_an_army_nisba_is_part_of_it() {
    let e = run("فاز ميلان الإيطالي على ضيفه، وتقدم الجيش التركي.", None);
    assert_eq!(mentions(&e, "org:ac-milan"), [("ميلان", Name)]);
    assert_eq!(mentions(&e, "gpe:italy"), [("الإيطالي", Nisba)]);
    assert!(
        mentions(&e, "gpe:milan").is_empty(),
        "the club, not the city"
    );
    assert_eq!(mentions(&e, "org:turkish-army"), [("الجيش التركي", Name)]);
    assert_eq!(mentions(&e, "gpe:turkey"), [("التركي", Nisba)]);
    // A club whose name alone is no alias: one bare word before the nisba.
    let e = run("وخسر فالنسيا الإسباني أمس.", None);
    assert_eq!(mentions(&e, "org:valencia-cf"), [("فالنسيا", Name)]);
    assert_eq!(mentions(&e, "gpe:spain"), [("الإسباني", Nisba)]);
}

#[test]
fn a_hamza_seat_the_name_never_has_is_another_word() {
    // Ibb is spelt `إب`: `أب` (father) and `آب` (August) are other words; `اب`,
    // written without hamza, may be the town.
    let e = run(
        "وصل الوفد إلى إب. وقال أب الضحية إن ابنه غاب منذ آب، ثم عاد الى اب.",
        None,
    );
    assert_eq!(mentions(&e, "gpe:ibb"), [("إب", Name), ("اب", Name)]);
    // After a proclitic letter the hamza marks where the word starts: `وأم` is "and
    // mother", not WAM (`وام`).
    let e = run("وقالت وكالة وام إن الأب وأم الضحية وصلا.", None);
    assert_eq!(mentions(&e, "org:wam"), [("وام", Name)]);
}

#[test]
fn a_word_that_never_names_anyone_is_no_short_form() {
    // After `حسن نصر الله`, `الله` alone is God, not the man.
    let e = run(
        "قال حسن نصر الله إن الحزب مستعد، وأضاف أن النصر آت بإذن الله.",
        None,
    );
    assert_eq!(
        mentions(&e, "person:hassan-nasrallah"),
        [("حسن نصر الله", Name)]
    );
}

#[test]
fn entities_sorted_by_first_mention_and_geo_only_for_places() {
    let e = run("التقى أردوغان في أنقرة وفدا من مصر.", None);
    let ids: Vec<&str> = e.iter().map(|x| x.id.as_str()).collect();
    assert_eq!(
        ids,
        ["person:recep-tayyip-erdogan", "gpe:ankara", "gpe:egypt"]
    );
    assert!(e[0].geo.is_none());
    assert!(e[1].geo.is_some());
}

#[test]
fn a_feminine_descriptor_introduces_a_woman_unless_it_describes_the_word_before() {
    let e = run(
        "قالت الإعلامية ريما نجار إن البرنامج ناجح. وأضافت أن القنوات الإعلامية مهمة جدا.",
        None,
    );
    let p = with_mention(&e, "ريما نجار");
    assert_eq!(p.roles, ["broadcaster"]);
    // `القنوات الإعلامية`: the adjective of the channels; `مهمة جدا` is no name.
    assert!(
        e.iter()
            .all(|x| x.mentions.iter().all(|m| !m.text.contains("مهمة"))),
        "{e:?}"
    );
}

#[test]
fn odd_input_never_panics() {
    for text in [
        "",
        " ",
        "و",
        "لل",
        "«»",
        "الرئيس",
        "الباحث السياسي",
        "محافظات",
        "شمال",
        "ـــ ً",
        "\u{200f}وروسيا\u{200f}",
    ] {
        let _ = run(text, Some("2026-01-01"));
    }
}

proptest::proptest! {
    #[test]
    fn mentions_slice_the_original_text(text in "[وفبلكالرئيسوريامصرتكشغبيا ،«»\u{64e}\u{651}ـ.]{0,80}") {
        // `run` checks that every mention's text is its slice of the original.
        let _ = run(&text, None);
    }
}

#[test]
fn a_generic_word_before_a_place_stays_outside_and_opens_its_own_phrase() {
    // `قطاع` as `محافظة`: the span is the name; the class word picks the entity.
    let e = run("قصفت الطائرات قطاع غزة ومدينة غزة أمس.", None);
    assert_eq!(mentions(&e, "gpe:gaza-strip"), [("غزة", Name)]);
    assert_eq!(mentions(&e, "gpe:gaza"), [("غزة", Name)]);
}
