//! Entity mentions, linking to the knowledge base, and in-document coreference.
//!
//! The stage works on the text layer's tokens in three steps:
//!
//! 1. **Matching.** Every token is looked up in the [`index::PhraseIndex`] trie (KB
//!    aliases, titles, directions and the entity lexicons), first as written, then as
//!    the text layer's base without proclitics (`وروسيا` → `روسيا`, `للجيش` → `الجيش`,
//!    the span keeping the article's lam as the gold rules want). When the text layer
//!    left a word whole, proclitics are stripped here only if the whole word is not in
//!    the text layer's word-frequency lexicon (`بلاد` is never `ب` + `لاد`). Phrases
//!    continue over the following tokens as written. The result is a list of hits per
//!    token.
//! 2. **Patterns**, left to right, longest first: a title or descriptor followed by a
//!    name (the name is the mention; the title's nisba is one too; the title alone is a
//!    `title` mention of the role's holder), a new person after a descriptor
//!    (`known: false`), regions (direction or area word + state, nisba or `البلاد`),
//!    class words before place names (`محافظات X وY`, `قاعدتي X وY`), organisations
//!    built from a head and a nisba (`الجيش التركي`), and plain aliases. Descriptive
//!    names (head + nisba) also carry the nested nisba; fixed names carry nothing.
//! 3. **Document-level resolution**: the main country (most mentioned), `البلاد`
//!    regions, short forms of names seen in full (`الشرع`, `جلو`), bare region words
//!    (`الجنوب`), lone titles (the holder named in the document, else the office
//!    holder on the `published` date), ambiguous aliases (the candidate whose parent
//!    or self is mentioned), and weak one-word aliases that are also common words
//!    (`الأسد`: kept only when the full name is in the document). One-word names of
//!    towns need a cue before them (a locative preposition, a class word, a proclitic);
//!    one-word names of other minor cities without a cue are kept only when their
//!    country is in the document (`سلالة` "dynasty" is not Salalah in a text about Iraq).

pub mod index;
pub mod lexicon;
pub mod org_english;
pub mod translit;

use crate::kb::{AliasKind, KnowledgeBase};
use crate::{Entity, EntityType, Mention, MentionKind, TextContext};
use index::{FastMap, Kinds, Label, StartFilter, ROOT};
use lexicon::{demonym, ClassRole, LEXICONS};
use marsad_text::{fold_char, AnalyzedToken, Folding, Span, TokenKind};
/// The maps of one document's scan: keys are small (ids, indices, short strings), so the
/// fast non-cryptographic hasher.
type HashMap<K, V> = index::FastMap<K, V>;
use std::ops::Range;

/// One-word organisation names that are also ordinary words (`القاعدة`): alone they
/// count only when the document names the entity in full (`data/lexicons/entity_common_word_names.tsv`).
static COMMON_WORD_NAMES: std::sync::LazyLock<std::collections::HashSet<String>> =
    std::sync::LazyLock::new(|| {
        word_list(include_str!(
            "../../data/lexicons/entity_common_word_names.tsv"
        ))
    });

/// One-word surnames with the article that name one person alone, without the full
/// name in the document (`data/lexicons/entity_standalone_surnames.tsv`).
static STANDALONE_SURNAMES: std::sync::LazyLock<std::collections::HashSet<String>> =
    std::sync::LazyLock::new(|| {
        word_list(include_str!(
            "../../data/lexicons/entity_standalone_surnames.tsv"
        ))
    });

/// What must come right before a one-word place name that is also an ordinary word
/// for it to name the place (`data/lexicons/entity_common_word_places.tsv`, column `cue`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PlaceCue {
    /// A locative preposition, a place class word or a proclitic ب/ل (`بالعين`).
    Proclitic,
    /// A locative preposition or a place class word (`في الضمير`, not `بالضمير`).
    Preposition,
    /// A place class word (`بلدة قارة`).
    Class,
}

/// One-word place names that are also ordinary words (`العين`, `الطبقة`, `سلوك`), by the
/// token base, with the cue each needs (`data/lexicons/entity_common_word_places.tsv`).
static COMMON_WORD_PLACES: std::sync::LazyLock<std::collections::HashMap<String, PlaceCue>> =
    std::sync::LazyLock::new(|| {
        include_str!("../../data/lexicons/entity_common_word_places.tsv")
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .skip(1)
            .filter_map(|l| {
                let mut f = l.split('\t').map(str::trim);
                let word = marsad_text::normalize_word(f.next()?, Folding::MATCH);
                let cue = match f.next() {
                    Some("preposition") => PlaceCue::Preposition,
                    Some("class") => PlaceCue::Class,
                    _ => PlaceCue::Proclitic,
                };
                (!word.is_empty()).then_some((word, cue))
            })
            .collect()
    });

/// The first column of a one-column lexicon (after `#` comments and its header), each
/// word normalised for matching.
fn word_list(tsv: &str) -> std::collections::HashSet<String> {
    tsv.lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .filter_map(|l| l.split('\t').next())
        .map(|w| marsad_text::normalize_word(w.trim(), Folding::MATCH))
        .filter(|w| !w.is_empty())
        .collect()
}

/// A phrase found in the text: tokens `start..end`, the first one read from `skip`
/// original characters on (its proclitics removed).
#[derive(Debug, Clone, Copy)]
struct Hit {
    end: usize,
    skip: usize,
    node: u32,
    /// The kinds of the labels of `node`.
    kinds: Kinds,
}

/// How a region is built from a place.
#[derive(Debug, Clone, PartialEq)]
enum RegionMake {
    /// A direction (slug, English).
    Direction(String, String),
    /// An area word (index into the lexicon).
    Word(usize),
}

/// What a mention refers to, before document-level resolution.
#[derive(Debug, Clone, PartialEq)]
enum Target {
    /// A knowledge-base entity.
    Kb(usize),
    /// One of several knowledge-base entities with the same alias.
    Choice(Vec<usize>),
    /// A knowledge-base person named by a one-word alias that is also a common word.
    Weak(usize),
    /// An entity found by context (index into `Scan::news`).
    New(usize),
    /// The holder of a role.
    Title(String, usize),
    /// A one-word city name said without a cue: kept when its country is in the document.
    Place(Vec<usize>),
    /// A region of a state (`None`: the document's main country).
    Region(RegionMake, Option<usize>),
    /// A state organ named without its state (`وزارة النفط`; index into the heads
    /// lexicon): that organ of the document's country.
    Organ(usize),
}

/// The vouching word (`entity_vouching_words.tsv`) a token is, with or without
/// proclitics (`لفريق`), but not with an enclitic (`فريقه` "his team" heads no name).
pub(crate) fn vouching_word(t: &AnalyzedToken) -> Option<&'static lexicon::VouchingWord> {
    let words = &LEXICONS.vouching_words;
    words.get(t.norm.as_str()).or_else(|| {
        t.norm
            .ends_with(t.base.as_str())
            .then(|| words.get(t.base.as_str()))
            .flatten()
    })
}

/// True when the first `skip` characters of `word`, the clitics read off before a name,
/// are `ك` ("like"; after و/ف or not) and the rest has no article: `كسرت` ("broke", not
/// "like Sirte"), `كاسيا` (a player, not "like Asia"). `ك` before a city's bare name is
/// rare, a word that starts with the letter is not; so such a word is a place only when
/// it names a state (`كسوريا`) or has the article (`كالميادين`).
pub(crate) fn like_clitic_bare(word: &str, skip: usize) -> bool {
    if skip == 0 {
        return false;
    }
    let cut = word.char_indices().nth(skip).map_or(word.len(), |(b, _)| b);
    // Most clitics are no ك: passed without normalising anything.
    if !word[..cut].contains('ك') {
        return false;
    }
    let clitic = marsad_text::normalize_word(&word[..cut], Folding::MATCH);
    clitic.trim_start_matches(['و', 'ف']) == "ك"
        && !marsad_text::normalize_word(&word[cut..], Folding::MATCH).starts_with("ال")
}

/// True when the token may be a word of a name of the knowledge base: an Arabic word, or
/// a word in Latin letters (`BBC`, `Al Jazeera`: the Latin aliases of
/// `tools/kb/hand/latin_aliases.tsv`, matched as written, case and all).
fn is_name_word(t: &AnalyzedToken) -> bool {
    matches!(t.kind, TokenKind::Word | TokenKind::Latin)
}

/// True when the token is a quote mark that may open a name (`«`, `"`, `“`).
pub(crate) fn is_opening_quote(t: &AnalyzedToken) -> bool {
    t.kind == TokenKind::Punct && matches!(t.norm.as_str(), "«" | "\"" | "“")
}

/// The token before token `i`, over an opening quote mark (`وكالة أنباء «[فارس]»`: the
/// word before `فارس` is `أنباء`).
pub(crate) fn word_before_over_quote(toks: &[AnalyzedToken], i: usize) -> Option<&AnalyzedToken> {
    let before = |k: usize| k.checked_sub(1).and_then(|p| toks.get(p));
    before(i).and_then(|p| {
        if is_opening_quote(p) {
            before(i - 1)
        } else {
            Some(p)
        }
    })
}

/// True when a one-word organisation name is also an ordinary word (`الاتفاق` the
/// agreement, or the club): `data/lexicons/entity_common_word_names.tsv`, normalised.
pub(crate) fn is_common_word_name(normalized: &str) -> bool {
    COMMON_WORD_NAMES.contains(normalized)
}

/// What the word before a one-word organisation name says of it (see
/// [`Scan::vouched_org`]).
enum Vouch {
    /// Nothing: no such word, or several organisations fit.
    Silent,
    /// The organisation meant.
    Org(usize),
    /// An organisation of this kind the knowledge base does not hold.
    Unknown(&'static str),
}

#[derive(Debug, Clone)]
struct Found {
    span: Span,
    target: Target,
    kind: MentionKind,
}

/// An entity that is not (or not yet known to be) in the knowledge base.
#[derive(Debug, Clone)]
struct NewEntity {
    id: String,
    kind: EntityType,
    name_ar: String,
    name_en: String,
    roles: Vec<String>,
}

struct Scan<'c, 'k> {
    ctx: &'c TextContext<'c>,
    kb: &'k KnowledgeBase,
    toks: &'c [AnalyzedToken],
    hits: Vec<Hit>,
    first_hit: Vec<usize>,
    found: Vec<Found>,
    covered: Vec<bool>,
    news: Vec<NewEntity>,
    new_by_id: HashMap<String, usize>,
    /// (role key, of) → person target, from titles placed before names.
    doc_roles: HashMap<(String, usize), Target>,
    /// Extra roles of knowledge-base people found in the document.
    kb_roles: HashMap<usize, Vec<String>>,
    /// English names that a class word gives KB places here (`محافظة حلب`).
    renames: HashMap<usize, String>,
    /// New people found by a given name alone: their surnames are not short forms.
    weak_news: Vec<usize>,
    /// Organisations named after their head noun (`قناة [الجزيرة]`): named in full.
    headed: Vec<usize>,
}

/// Finds every entity of the text with all its mentions.
pub fn find_entities(ctx: &TextContext<'_>, kb: &KnowledgeBase) -> Vec<Entity> {
    let toks = ctx.analysis.tokens.as_slice();
    let mut scan = Scan {
        ctx,
        kb,
        toks,
        hits: Vec::new(),
        first_hit: Vec::with_capacity(toks.len() + 1),
        found: Vec::new(),
        covered: vec![false; toks.len()],
        news: Vec::new(),
        new_by_id: HashMap::default(),
        doc_roles: HashMap::default(),
        kb_roles: HashMap::default(),
        renames: HashMap::default(),
        weak_news: Vec::new(),
        headed: Vec::new(),
    };
    scan.match_tokens();
    scan.patterns();
    scan.resolve()
}

/// True when the words right before token `i` (same sentence) start the name of a
/// competition or prize (`كأس`, `بطولة أمم`: `entity_event_heads.tsv`), so that a place
/// named at `i` is part of that name.
pub(crate) fn after_event_head(toks: &[marsad_text::AnalyzedToken], i: usize) -> bool {
    let Some(sentence) = toks.get(i).map(|t| t.sentence) else {
        return false;
    };
    let before = |k: usize| {
        i.checked_sub(k)
            .and_then(|j| toks.get(j))
            .filter(|t| t.kind == TokenKind::Word && t.sentence == sentence)
    };
    LEXICONS.event_heads.iter().any(|head| {
        let n = head.len();
        // Clitics only on the first word (`بكأس`, `وبطولة`).
        head.iter().enumerate().all(|(k, w)| {
            before(n - k).is_some_and(|t| if k == 0 { t.base == w } else { t.norm == w })
        })
    })
}

/// Original characters of `word` that hold its first `k` normalised characters (with
/// the marks that follow them).
fn orig_skip(word: &str, k: usize) -> usize {
    let mut seen = 0;
    let mut n = 0;
    for c in word.chars() {
        let kept = fold_char(c, Folding::MATCH).is_some();
        if kept {
            if seen == k {
                return n;
            }
            seen += 1;
        }
        n += 1;
    }
    n
}

fn is_place(t: EntityType) -> bool {
    matches!(t, EntityType::Gpe | EntityType::Loc | EntityType::Fac)
}

/// A quick filter before [`lexicon::Lexicons::standalone_given`].
static STANDALONE_GIVEN_FILTER: std::sync::LazyLock<StartFilter> = std::sync::LazyLock::new(|| {
    StartFilter::new(LEXICONS.standalone_given.iter().map(String::as_str))
});

/// The first words of the heads of short organisation names
/// ([`lexicon::Lexicons::short_name_heads`]): a word that is none heads none.
static SHORT_NAME_HEAD_FIRSTS: std::sync::LazyLock<index::FastSet<&'static str>> =
    std::sync::LazyLock::new(|| {
        LEXICONS
            .short_name_heads
            .iter()
            .filter_map(|head| head.split(' ').next())
            .collect()
    });

/// The byte lengths of a set of words, for a quick "no reading of this token is one of
/// them" before [`first_form`]: a reading is as long as the token (`لل` → `ال` keeps
/// the length) or one or two proclitics shorter, and every proclitic read off is a
/// two-byte letter.
#[derive(Debug, Clone, Default)]
struct FormLengths {
    /// Bit `n`: a word of `n` bytes.
    short: u128,
    /// A word of 128 bytes or more: every token may match.
    long: bool,
}

impl FormLengths {
    fn new<'a>(words: impl IntoIterator<Item = &'a str>) -> FormLengths {
        let mut lengths = FormLengths::default();
        for w in words {
            if w.len() < 128 {
                lengths.short |= 1 << w.len();
            } else {
                lengths.long = true;
            }
        }
        lengths
    }

    /// False when no reading of `norm` can be one of the words.
    fn may_match(&self, norm: &str) -> bool {
        if self.long {
            return true;
        }
        [0, 2, 4].iter().any(|&cut| {
            norm.len()
                .checked_sub(cut)
                .filter(|&n| n < 128)
                .is_some_and(|n| self.short & (1u128 << n) != 0)
        })
    }
}

const LOCATIVE: &[&str] = &["في", "داخل", "من", "الي", "قرب", "امام", "عند", "حول"];

impl<'c, 'k> Scan<'c, 'k> {
    // ---------------------------------------------------------------- matching

    /// Token `i` is a stop word or a trigger word of the tagger's word lists
    /// (`crate::ner::triggers::COMMON_WORD`).
    fn is_stop_or_trigger(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| {
            crate::ner::words::lookup(t).1 & crate::ner::triggers::COMMON_WORD != 0
        })
    }

    fn token_text(&self, i: usize) -> &'c str {
        self.toks
            .get(i)
            .and_then(|t| self.ctx.text.get(t.bytes.clone()))
            .unwrap_or("")
    }

    /// Fills `hits`: every phrase of the index starting at every token.
    fn match_tokens(&mut self) {
        let ix = &self.kb.index;
        let ids: Vec<Option<u32>> = self
            .toks
            .iter()
            .map(|t| {
                if is_name_word(t) {
                    ix.token(&t.norm)
                } else {
                    None
                }
            })
            .collect();
        let mut buf = String::new();
        for i in 0..self.toks.len() {
            self.first_hit.push(self.hits.len());
            let t = &self.toks[i];
            if !is_name_word(t) {
                continue;
            }
            // (token id, normalised characters removed)
            let mut forms: [(u32, usize); 5] = [(0, 0); 5];
            let mut n_forms = 0;
            if let Some(id) = ids[i] {
                forms[0] = (id, 0);
                n_forms = 1;
            }
            let norm = t.norm.as_str();
            let push = |s: &str, k: usize, forms: &mut [(u32, usize); 5], n: &mut usize| {
                if *n < forms.len() && two_chars_or_more(s) {
                    if let Some(id) = ix.token(s) {
                        if !forms[..*n].iter().any(|f| f.0 == id) {
                            forms[*n] = (id, k);
                            *n += 1;
                        }
                    }
                }
            };
            if t.base_span.start > t.span.start {
                // The text layer removed proclitics: its base (`للجيش` → `الجيش`).
                if t.base_span.end == t.span.end && t.base != norm {
                    if let Some(id) = ix.token(&t.base) {
                        if !forms[..n_forms].iter().any(|f| f.0 == id) {
                            // Original characters, marked by counting down from usize::MAX.
                            forms[n_forms] = (id, usize::MAX - (t.base_span.start - t.span.start));
                            n_forms += 1;
                        }
                    }
                }
            } else if n_forms == 0 {
                // Fallback for words the text layer left whole: strip proclitics only
                // when the whole word is not a known word (`بلاد` is not `ب` + `لاد`).
                let bases: [(&str, usize); 2] = match strip_conjunction(norm) {
                    Some(rest) if two_chars_or_more(rest) => [(norm, 0), (rest, 1)],
                    _ => [(norm, 0), ("", 0)],
                };
                for (b, k) in bases {
                    if b.is_empty() {
                        continue;
                    }
                    if k > 0 {
                        push(b, k, &mut forms, &mut n_forms);
                    }
                    if let Some(rest) = b.strip_prefix("لل") {
                        buf.clear();
                        buf.push_str("ال");
                        buf.push_str(rest);
                        push(&buf, k + 1, &mut forms, &mut n_forms);
                    } else if let Some(rest) = strip_preposition(b) {
                        push(rest, k + 1, &mut forms, &mut n_forms);
                    }
                }
                if n_forms > 0
                    && marsad_text::word_frequency(&marsad_text::lexicon_form(self.token_text(i)))
                        > 0
                {
                    n_forms = 0;
                }
            }
            for &(id, k) in &forms[..n_forms] {
                let skip = if k > usize::MAX / 2 {
                    usize::MAX - k
                } else if k == 0 {
                    0
                } else {
                    // The original text is read only for a reading the fallback made.
                    orig_skip(self.token_text(i), k)
                };
                let Some(mut node) = ix.step(ROOT, id) else {
                    continue;
                };
                let mut j = i + 1;
                loop {
                    let kinds = ix.kinds(node);
                    if kinds != Kinds::NONE {
                        self.hits.push(Hit {
                            end: j,
                            skip,
                            node,
                            kinds,
                        });
                    }
                    let Some(next) = ids
                        .get(j)
                        .copied()
                        .flatten()
                        .and_then(|id| ix.step(node, id))
                    else {
                        break;
                    };
                    node = next;
                    j += 1;
                }
            }
        }
        self.first_hit.push(self.hits.len());
    }

    fn hits_at(&self, i: usize) -> &[Hit] {
        match (self.first_hit.get(i), self.first_hit.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.hits[a..b],
            _ => &[],
        }
    }

    fn labels(&self, h: &Hit) -> &'k [Label] {
        self.kb.index.labels(h.node)
    }

    /// The entities of type `kind` that hit `h` is an alias of, in label order.
    fn aliased(&self, h: &Hit, kind: EntityType) -> Vec<usize> {
        self.labels(h)
            .iter()
            .filter_map(|l| match *l {
                Label::Alias { entity, .. } if self.kind_of(entity as usize) == Some(kind) => {
                    Some(entity as usize)
                }
                _ => None,
            })
            .collect()
    }

    /// The longest hit at `i` with a label for which `f` gives a value; `f` gives
    /// values only for labels of the kinds `want` (the hits without them are passed).
    fn longest<T>(
        &self,
        i: usize,
        want: Kinds,
        f: impl Fn(&Label) -> Option<T>,
    ) -> Option<(Hit, T)> {
        let mut best: Option<(Hit, T)> = None;
        for h in self.hits_at(i).iter().filter(|h| h.kinds.meets(want)) {
            if let Some(v) = self.labels(h).iter().find_map(&f) {
                if best
                    .as_ref()
                    .is_none_or(|(b, _)| h.end > b.end || (h.end == b.end && h.skip < b.skip))
                {
                    best = Some((*h, v));
                }
            }
        }
        best
    }

    fn alias_hit(
        &self,
        i: usize,
        f: impl Fn(usize, AliasKind) -> bool,
    ) -> Option<(Hit, usize, AliasKind)> {
        self.longest(i, Kinds::ALIAS, |l| match *l {
            Label::Alias { entity, kind } if f(entity as usize, kind) => {
                Some((entity as usize, kind))
            }
            _ => None,
        })
        .map(|(h, (e, k))| (h, e, k))
    }

    /// A town, village or neighbourhood.
    fn is_minor_place(&self, e: usize) -> bool {
        self.kb.entity(e).is_some_and(|x| {
            x.kind == EntityType::Gpe
                && x.roles.iter().any(|r| {
                    matches!(
                        r.as_str(),
                        "town" | "village" | "neighbourhood" | "neighborhood" | "district"
                    )
                })
        })
    }

    /// The hit without a trailing modifier (`الاتحاد السوفيتي [السابق]`), when the
    /// shorter phrase is an alias of the same entities.
    fn trim_modifier(&self, i: usize, h: Hit) -> Hit {
        if h.end < i + 2 || !self.is_modifier(h.end - 1) {
            return h;
        }
        let want: Vec<Label> = self
            .labels(&h)
            .iter()
            .filter(|l| matches!(l, Label::Alias { .. }))
            .copied()
            .collect();
        self.hits_at(i)
            .iter()
            .filter(|x| x.end == h.end - 1 && x.skip == h.skip)
            .find(|x| want.iter().any(|l| self.labels(x).contains(l)))
            .copied()
            .unwrap_or(h)
    }

    fn is_modifier(&self, k: usize) -> bool {
        self.hits_at(k)
            .iter()
            .any(|h| h.end == k + 1 && h.skip == 0 && h.kinds.meets(Kinds::MODIFIER))
    }

    fn kind_of(&self, e: usize) -> Option<EntityType> {
        self.kb.entity(e).map(|x| x.kind)
    }

    fn is_stop(&self, i: usize) -> bool {
        self.hits_at(i)
            .iter()
            .any(|h| h.end == i + 1 && h.kinds.meets(Kinds::STOP))
    }

    fn skip_modifiers(&self, mut j: usize) -> (usize, bool) {
        let mut any = false;
        while j < self.toks.len()
            && self
                .hits_at(j)
                .iter()
                .any(|h| h.end == j + 1 && h.skip == 0 && h.kinds.meets(Kinds::MODIFIER))
        {
            j += 1;
            any = true;
        }
        (j, any)
    }

    fn norm(&self, i: usize) -> &str {
        self.toks.get(i).map(|t| t.norm.as_str()).unwrap_or("")
    }

    // ---------------------------------------------------------------- emitting

    /// True when token `i` is written inside quotation marks (`لـ«الاستقلال»`): a
    /// common word so marked is a name.
    fn in_quote_marks(&self, i: usize) -> bool {
        let start = self.toks[i].span.start;
        let before = self.ctx.slice(Span::new(start.saturating_sub(3), start));
        before
            .chars()
            .rev()
            .find(|c| !c.is_whitespace() && *c != '\u{0640}' && *c != 'ل')
            .is_some_and(|c| matches!(c, '«' | '"' | '“' | '\''))
    }

    fn emit(&mut self, toks: Range<usize>, skip: usize, target: Target, kind: MentionKind) {
        if toks.is_empty() || toks.end > self.toks.len() {
            return;
        }
        let start = self.toks[toks.start].span.start + skip;
        let end = self.toks[toks.end - 1].span.end;
        if start >= end {
            return;
        }
        for c in &mut self.covered[toks] {
            *c = true;
        }
        self.found.push(Found {
            span: Span::new(start, end),
            target,
            kind,
        });
    }

    fn new_entity(&mut self, e: NewEntity) -> usize {
        if let Some(&i) = self.new_by_id.get(&e.id) {
            for r in e.roles {
                if !self.news[i].roles.contains(&r) {
                    self.news[i].roles.push(r);
                }
            }
            return i;
        }
        let i = self.news.len();
        self.new_by_id.insert(e.id.clone(), i);
        self.news.push(e);
        i
    }

    fn add_role(&mut self, person: &Target, role: String) {
        if role.is_empty() {
            return;
        }
        match person {
            Target::Kb(e) | Target::Weak(e) => {
                let known = self
                    .kb
                    .entity(*e)
                    .map(|x| x.roles.as_slice())
                    .unwrap_or(&[]);
                let lower = role.to_lowercase();
                if known.iter().any(|r| r.to_lowercase().contains(&lower)) {
                    return;
                }
                let v = self.kb_roles.entry(*e).or_default();
                if !v.contains(&role) {
                    v.push(role);
                }
            }
            Target::New(n) => {
                if let Some(p) = self.news.get_mut(*n) {
                    if !p.roles.contains(&role) {
                        p.roles.push(role);
                    }
                }
            }
            _ => {}
        }
    }

    /// Nested state mentions inside tokens `from..to` (names and nisbas, or nisbas only).
    fn emit_nested_states(&mut self, from: usize, to: usize, nisba_only: bool) {
        let mut k = from;
        while k < to {
            let hit = self.alias_hit(k, |e, kind| {
                (self.kb.is_country(e) || self.kind_of(e) == Some(EntityType::Gpe))
                    && (!nisba_only || kind == AliasKind::Nisba)
            });
            let hit = hit.map(|(h, e, kind)| (self.trim_modifier(k, h), e, kind));
            match hit {
                Some((h, e, kind)) if h.end <= to => {
                    self.emit(k..h.end, h.skip, Target::Kb(e), mention_kind(kind));
                    k = h.end;
                }
                _ => k += 1,
            }
        }
    }

    // ---------------------------------------------------------------- patterns

    fn patterns(&mut self) {
        let n = self.toks.len();
        let mut i = 0;
        while i < n {
            // Every rule below starts from a phrase of the index at `i` (an alias, a title,
            // a head, a given name…): a word that starts none is passed at once.
            if !is_name_word(&self.toks[i]) || self.hits_at(i).is_empty() {
                i += 1;
                continue;
            }
            // The kinds of phrase that start at `i`: a rule whose phrase is not among
            // them finds nothing and is not tried.
            let at = self.hits_at(i).iter().fold(Kinds::NONE, |k, h| k | h.kinds);
            let has = |k: Kinds| at.meets(k);
            // Span rules that take their words whole before any reading of a name.
            let mut taken = None;
            if has(Kinds::ALIAS | Kinds::TITLE) {
                taken = self.eponym_name(i);
            }
            if taken.is_none() && has(Kinds::ALIAS) {
                taken = self.place_in_event_name(i);
            }
            if taken.is_none() && has(Kinds::HEAD) {
                taken = self.adjective_head(i);
            }
            if taken.is_none() && has(Kinds::ALIAS) {
                taken = self.head_outside(i);
            }
            if let Some(end) = taken {
                i = end;
                continue;
            }
            let alias_end = if has(Kinds::ALIAS) {
                self.alias_hit(i, |_, _| true)
                    .map(|(h, _, _)| h.end)
                    .unwrap_or(i)
            } else {
                i
            };
            let mut next = None;
            if has(Kinds::TITLE) {
                next = self.try_title(i);
            }
            if next.is_none() && has(Kinds::DESCRIPTOR) {
                next = self.try_descriptor(i);
            }
            if next.is_none() && has(Kinds::REGION | Kinds::DIRECTION) {
                next = self.try_region(i, alias_end);
            }
            if next.is_none() && has(Kinds::CLASS) {
                next = self.try_class(i, alias_end);
            }
            if next.is_none() && has(Kinds::HEAD) {
                next = self.try_head(i, alias_end);
            }
            if next.is_none() && has(Kinds::ALIAS) {
                next = self.try_alias(i);
            }
            if next.is_none() {
                next = self.try_given_name(i);
            }
            i = next.filter(|&e| e > i).unwrap_or(i + 1);
        }
    }

    /// `كأس إسبانيا`, `بطولة أوروبا`: a place right after a word that starts the name of
    /// a competition or prize (`entity_event_heads.tsv`) is part of that name and no
    /// mention. Returns the end of the place's name.
    fn place_in_event_name(&mut self, i: usize) -> Option<usize> {
        let (h, e, _) = self.alias_hit(i, |_, _| true)?;
        if h.skip > 0 || !self.kind_of(e).is_some_and(is_place) {
            return None;
        }
        if !after_event_head(self.toks, i) {
            return None;
        }
        // Covered, so that no later reading (a short form) names the place here.
        self.covered[i..h.end].iter_mut().for_each(|c| *c = true);
        Some(h.end)
    }

    /// `السياسة الخارجية [الأميركية]`, `الشؤون الداخلية [اللبنانية]`: a head that is also an
    /// adjective (`adjective` in `entity_heads.tsv`), right after a definite noun of the
    /// same sentence, describes that noun and names no organisation; the state nisba
    /// after it is the only mention. Returns the end of the phrase.
    fn adjective_head(&mut self, i: usize) -> Option<usize> {
        let (h, hi) = self.longest(i, Kinds::HEAD, |l| match *l {
            Label::Head(x) => Some(x as usize),
            _ => None,
        })?;
        let p = self.toks.get(i.checked_sub(1)?)?;
        if h.skip > 0
            || !LEXICONS.heads.get(hi)?.adjective
            || p.kind != TokenKind::Word
            || p.sentence != self.toks[i].sentence
            || !self.norm(i - 1).starts_with("ال")
        {
            return None;
        }
        let (nh, e, k) =
            self.alias_hit(h.end, |e, k| k == AliasKind::Nisba && self.kb.is_country(e))?;
        if nh.skip > 0 {
            return None;
        }
        self.emit(h.end..nh.end, 0, Target::Kb(e), mention_kind(k));
        Some(nh.end)
    }

    /// The organisation a one-word name at `i` (alias of the candidates `cands`) stands
    /// for when the word before says what kind it is (`entity_vouching_words.tsv`): a
    /// candidate whose roles fit (`مراسل [الجزيرة]`, the broadcaster), else the only
    /// organisation that fits named by the word and more (`فريق [الجزيرة]`: `الجزيرة
    /// الإماراتي`, the club) or by a short-name head and the word (`نادي الهلال`).
    /// [`Vouch::Unknown`] when no organisation of the kind is found.
    fn vouched_org(&self, i: usize, cands: &[(usize, AliasKind)]) -> Vouch {
        let Some(prev) = word_before_over_quote(self.toks, i) else {
            return Vouch::Silent;
        };
        let Some(word) = vouching_word(prev) else {
            return Vouch::Silent;
        };
        let fits = |k: usize| {
            self.kb
                .entity(k)
                .is_some_and(|x| x.kind == EntityType::Org && word.fits(&x.roles))
        };
        if let Some(&(e, _)) = cands
            .iter()
            .find(|&&(e, k)| k == AliasKind::Name && fits(e))
        {
            return Vouch::Org(e);
        }
        let name = self.toks[i].base.as_str();
        let prefix = format!("{name} ");
        let mut found: Vec<usize> = self
            .kb
            .aliases_with_prefix(&prefix)
            .flat_map(|(_, targets)| targets.iter().map(|&(k, _)| k))
            .chain(LEXICONS.short_name_heads.iter().flat_map(|head| {
                self.kb
                    .aliases_of(&format!("{head} {name}"))
                    .iter()
                    .map(|&(k, _)| k)
            }))
            .filter(|&k| fits(k))
            .collect();
        found.sort_unstable();
        found.dedup();
        match found[..] {
            [k] => Vouch::Org(k),
            [] => Vouch::Unknown(word.kind),
            _ => Vouch::Silent,
        }
    }

    /// A new organisation named by the text of `span`, of role `kind` (`فريق [العربي]`,
    /// a club the knowledge base does not hold).
    fn new_vouched_org(&mut self, span: Span, kind: &str) -> Target {
        let text = self.ctx.slice(span);
        let name_en = translit::capitalise_first(&translit::transliterate(text));
        let id = format!("org:{}", translit::slug(&name_en));
        if let Some(x) = self.kb.index_of(&id) {
            return Target::Kb(x);
        }
        let n = self.new_entity(NewEntity {
            id,
            kind: EntityType::Org,
            name_ar: text.to_string(),
            name_en,
            roles: vec![kind.to_string()],
        });
        Target::New(n)
    }

    /// `حركة [حماس]`, `النادي [الأهلي]`: a noun that heads organisation names
    /// (`entity_short_name_heads.tsv`) stays outside the mention, as `محافظة` does for
    /// places: always for outlets and clubs (column `outside`, `صحيفة [الشرق الأوسط]` the
    /// paper, not the region), for other heads when the knowledge base knows the rest alone
    /// as the same organisation.
    /// Emits the name and returns its end. A name the rest alone does not give
    /// (`وكالة الأنباء القطرية`) keeps its head.
    fn head_outside(&mut self, i: usize) -> Option<usize> {
        let (full, org, _) = self.alias_hit(i, |e, _| self.kind_of(e) == Some(EntityType::Org))?;
        let norm = self.norm(i);
        let first = norm
            .char_indices()
            .nth(full.skip)
            .map_or("", |(b, _)| &norm[b..]);
        if !SHORT_NAME_HEAD_FIRSTS.contains(first) {
            return None;
        }
        LEXICONS
            .short_name_heads
            .iter()
            .find_map(|head| {
                let mut words = head.split(' ');
                if words.next() != Some(first) {
                    return None;
                }
                let mut j = i + 1;
                for w in words {
                    if self.norm(j) != w {
                        return None;
                    }
                    j += 1;
                }
                if j >= full.end {
                    return None;
                }
                // After an outlet's or a club's head, the rest is the name
                // (`النادي [الأهلي]`, `صحيفة [الشرق الأوسط]` the paper, not the region);
                // after another head, only a rest that alone names the same organisation.
                if LEXICONS.outside_heads.contains(head.as_str()) {
                    return Some((j, AliasKind::Name));
                }
                let (rest, _, kind) = self.alias_hit(j, |e, _| e == org)?;
                (rest.end == full.end && rest.skip == 0).then_some((j, kind))
            })
            .map(|(j, kind)| {
                // The head vouches for the name, even one that is also a common word
                // (`قناة [الجزيرة]`).
                self.emit(j..full.end, 0, Target::Kb(org), mention_kind(kind));
                self.headed.push(org);
                full.end
            })
    }

    /// `[مستشفى الملك فهد]`, `[مدينة الملك عبدالله الرياضية]`: a title or a person's
    /// name right after a noun that heads a fixed name makes one facility or
    /// organisation mention, and the person inside is no mention. Returns its end.
    fn eponym_name(&mut self, i: usize) -> Option<usize> {
        let h = i.checked_sub(1)?;
        let is_head = self
            .hits_at(h)
            .iter()
            .any(|x| x.end == i && x.kinds.meets(Kinds::EPONYM));
        if !is_head || self.covered[h] {
            return None;
        }
        let prev = self.toks.get(h)?;
        let head = LEXICONS
            .eponym_heads
            .get(prev.norm.as_str())
            .or_else(|| LEXICONS.eponym_heads.get(prev.base.as_str()))?;
        // `سجل عن [طريق] حسني عبد ربه`: "by way of" Hosni Abd Rabo, no road.
        let idiom = h
            .checked_sub(1)
            .and_then(|p| self.toks.get(p))
            .is_some_and(|t| {
                t.sentence == prev.sentence
                    && head.not_after.iter().any(|w| t.norm == *w || t.base == *w)
            });
        if idiom {
            return None;
        }
        let is_person = |e: usize, _| self.kind_of(e) == Some(EntityType::Person);
        let title = self
            .longest(i, Kinds::TITLE, |l| match *l {
                Label::Title(t) => Some(t as usize),
                _ => None,
            })
            .filter(|(th, _)| th.skip == 0);
        let name_end = |j: usize| {
            self.alias_hit(j, is_person)
                .filter(|(x, ..)| x.skip == 0)
                .map(|(x, ..)| x.end)
        };
        // A title needs a name after it (`مركز الأمير سلطان`), unless it stands for a
        // person alone (`برنامج خادم الحرمين الشريفين`).
        let mut end = name_end(i).or_else(|| {
            let (th, t) = title?;
            name_end(th.end)
                .or_else(|| self.new_name_at(th.end, false))
                .or_else(|| {
                    let words = self.kb.titles().get(t)?.title_ar.split_whitespace().count();
                    (words > 2).then_some(th.end)
                })
        })?;
        // Descriptive adjectives stay in the name: `الرياضية`, `التخصصي`.
        let person_end = end;
        while let Some(t) = self.toks.get(end) {
            let n = t.norm.as_str();
            let adjective = t.kind == TokenKind::Word
                && t.sentence == prev.sentence
                && n.starts_with("ال")
                && (n.ends_with('ي') || n.ends_with("يه") || n.ends_with("ية"))
                && self.hits_at(end).is_empty();
            if !adjective {
                break;
            }
            end += 1;
        }
        let words_start = match title {
            Some((th, t)) if th.end < end => {
                let honorific = self
                    .kb
                    .titles()
                    .get(t)
                    .map(|x| x.honorific_en())
                    .unwrap_or_default();
                (th.end, honorific)
            }
            _ => (i, String::new()),
        };
        let words = self.ctx.slice(Span::new(
            self.toks[words_start.0].span.start,
            self.toks[person_end - 1].span.end,
        ));
        // The adjectives in English where the list has them (King Fahd International
        // Stadium), else transliterated.
        let adjectives = self.toks[person_end..end].iter().map(|t| {
            LEXICONS
                .name_adjectives
                .get(t.norm.as_str())
                .cloned()
                .unwrap_or_else(|| translit::transliterate(&t.base))
        });
        let name = std::iter::once(words_start.1)
            .chain(std::iter::once(translit::transliterate(words)))
            .chain(adjectives)
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        let name_en = head.en_pattern.replace("{name}", &name);
        let prefix = if head.kind == EntityType::Org {
            "org"
        } else {
            "fac"
        };
        let span = Span::new(prev.base_span.start, self.toks[end - 1].span.end);
        let n = self.new_entity(NewEntity {
            id: format!("{prefix}:{}", translit::slug(&name_en)),
            kind: head.kind,
            name_ar: self.ctx.slice(span).to_string(),
            name_en,
            roles: Vec::new(),
        });
        for c in &mut self.covered[h..end] {
            *c = true;
        }
        self.found.push(Found {
            span,
            target: Target::New(n),
            kind: MentionKind::Name,
        });
        Some(end)
    }

    /// A person named at `j`: a KB person alias, or a new name.
    fn person_at(&mut self, j: usize, strict: bool, role: &str) -> Option<(usize, Target)> {
        self.person_at_of(j, strict, role, None)
    }

    /// A KB person alias at `j`, the span without a title word that starts it
    /// (`[الملك] عبدالله بن عبدالعزيز`): (start token, end token, candidates). With
    /// `of`, candidates whose state is `of` are kept when there are any.
    fn person_alias_at(&self, j: usize, of: Option<usize>) -> Option<(usize, usize, Vec<usize>)> {
        let person = |e: usize, _| self.kind_of(e) == Some(EntityType::Person);
        let whole = self.alias_hit(j, person).filter(|(h, ..)| h.skip == 0);
        let title_end = self
            .longest(j, Kinds::TITLE, |l| {
                matches!(l, Label::Title(_)).then_some(())
            })
            .filter(|(th, _)| th.skip == 0)
            .map(|(th, _)| th.end);
        let after = title_end.and_then(|t| {
            self.alias_hit(t, person)
                .filter(|(h, ..)| h.skip == 0)
                .map(|x| (t, x))
        });
        let (start, h) = match (whole, after) {
            (Some(w), Some((t, a))) if a.0.end >= w.0.end => (t, a.0),
            (None, Some((t, a))) => (t, a.0),
            (Some(w), _) => (title_end.filter(|&e| e < w.0.end).unwrap_or(j), w.0),
            (None, None) => return None,
        };
        let mut cands: Vec<usize> = Vec::new();
        for l in self.labels(&h) {
            if let Label::Alias { entity, .. } = *l {
                let e = entity as usize;
                if self.kind_of(e) == Some(EntityType::Person) && !cands.contains(&e) {
                    cands.push(e);
                }
            }
        }
        if let Some(s) = of {
            let same: Vec<usize> = cands
                .iter()
                .copied()
                .filter(|&e| self.kb.entity(e).and_then(|x| x.parent) == Some(s))
                .collect();
            if !same.is_empty() {
                cands = same;
            }
        }
        Some((start, h.end, cands))
    }

    /// [`Self::person_at`] after a title of state `of`.
    fn person_at_of(
        &mut self,
        j: usize,
        strict: bool,
        role: &str,
        of: Option<usize>,
    ) -> Option<(usize, Target)> {
        if let Some((start, end, cands)) = self.person_alias_at(j, of) {
            let target = match cands.as_slice() {
                [one] => Target::Kb(*one),
                _ => Target::Choice(cands),
            };
            self.emit(start..end, 0, target.clone(), MentionKind::Name);
            return Some((end, target));
        }
        // A first name the KB does not spell before a known surname (`فرنسوا هولاند`).
        if let Some((h, e, _)) =
            self.alias_hit(j + 1, |e, _| self.kind_of(e) == Some(EntityType::Person))
        {
            let t = &self.toks[j];
            let name_like = t.kind == TokenKind::Word
                && h.skip == 0
                && t.base == t.norm
                && !self.is_stop(j)
                && !t.norm.starts_with("ال")
                && self.hits_at(j).iter().all(|x| {
                    self.labels(x)
                        .iter()
                        .all(|l| matches!(l, Label::Given | Label::Alias { .. }))
                });
            // A family name with the article (`الأسد`) is shared by many people: another
            // given name before it (`سليمان الأسد`) is another person.
            let shared_family = h.end == j + 2 && self.norm(j + 1).starts_with("ال") && {
                let first = self
                    .kb
                    .entity(e)
                    .and_then(|x| x.name_ar.split_whitespace().next())
                    .map(|w| marsad_text::normalize_word(w, Folding::MATCH))
                    .unwrap_or_default();
                first != t.norm.as_str()
            };
            if name_like && !shared_family {
                self.emit(j..h.end, 0, Target::Kb(e), MentionKind::Name);
                return Some((h.end, Target::Kb(e)));
            }
        }
        let end = self.new_name_at(j, strict)?;
        let text = self.ctx.slice(Span::new(
            self.toks[j].span.start,
            self.toks[end - 1].span.end,
        ));
        let name_en = translit::transliterate(text);
        let e = NewEntity {
            id: format!("person:{}", translit::slug(&name_en)),
            kind: EntityType::Person,
            name_ar: text.to_string(),
            name_en,
            roles: if role.is_empty() {
                Vec::new()
            } else {
                vec![role.to_string()]
            },
        };
        let n = self.new_entity(e);
        self.emit(j..end, 0, Target::New(n), MentionKind::Name);
        Some((end, Target::New(n)))
    }

    /// Tokens of a new person's name starting at `j`: a given name and one more word
    /// (two after `بن`/`أبو`/`عبد`), or, when not `strict`, two uncommon words.
    fn new_name_at(&self, j: usize, strict: bool) -> Option<usize> {
        let name_like = |k: usize| -> bool {
            let Some(t) = self.toks.get(k) else {
                return false;
            };
            t.kind == TokenKind::Word
                && two_chars_or_more(&t.norm)
                && !marsad_text::ends_in_nunation(self.token_text(k))
                && !self.is_stop(k)
                && self.toks[k].sentence == self.toks[j].sentence
                && !self.hits_at(k).iter().any(|h| {
                    h.kinds.meets(
                        Kinds::ALIAS
                            | Kinds::TITLE
                            | Kinds::DESCRIPTOR
                            | Kinds::CLASS
                            | Kinds::HEAD
                            | Kinds::DIRECTION
                            | Kinds::REGION,
                    )
                })
        };
        // `على` folds to `علي`: a given name must not be written with alef maqsura.
        let given = !self.token_text(j).ends_with('ى')
            && self
                .hits_at(j)
                .iter()
                .any(|h| h.skip == 0 && h.end == j + 1 && h.kinds.meets(Kinds::GIVEN));
        // A name that is no known first name starts bare: not definite, and without a
        // proclitic (`الداعية [لازدراء] الأديان` is "calling for contempt of religions").
        let bare = self
            .toks
            .get(j)
            .is_some_and(|t| t.base_span.start == t.span.start);
        let first_ok = given
            || (!strict
                && name_like(j)
                && bare
                && !self.norm(j).starts_with("ال")
                && !self.norm(j).starts_with('و'));
        if !first_ok || !(given || name_like(j)) {
            return None;
        }
        // `بن`, `عبد`, `آل` (`data/lexicons/entity_name_particles.tsv`): never the last word.
        let connector = |k: usize| LEXICONS.name_connectors.contains(self.norm(k));
        let mut end = j + 1;
        if connector(j) {
            if !name_like(end) && !connector(end) {
                return None;
            }
            end += 1;
        }
        if end < self.toks.len()
            && (name_like(end) || connector(end))
            && !self.norm(end).starts_with('و')
        {
            let mut c = connector(end);
            end += 1;
            // `محمد بن عبد الكريم`: a connector takes the next word, up to five words.
            while c && end - j < 5 {
                if !name_like(end) && !connector(end) {
                    return None;
                }
                c = connector(end);
                end += 1;
            }
        } else if !given {
            return None;
        }
        if !given && end - j < 2 {
            return None;
        }
        if end - j < 2 && strict {
            return None;
        }
        // `للتواصل مع الكاتب [أرسل رسالة]`: a phrase that never names anyone; `المواطن
        // [رسوم استقدام]`: a word of a shape no name has.
        if LEXICONS.is_never_name_phrase(&self.toks[j..end])
            || self.toks[j..end]
                .iter()
                .any(|t| LEXICONS.has_never_name_shape(&t.base))
        {
            return None;
        }
        Some(end)
    }

    /// `الرئيس [السوري] [أحمد الشرع]`, `المتحدث باسم [الكرملين] [...]`.
    fn try_title(&mut self, i: usize) -> Option<usize> {
        let (th, ti) = self.longest(i, Kinds::TITLE, |l| match *l {
            Label::Title(t) => Some(t as usize),
            _ => None,
        })?;
        let title = self.kb.titles().get(ti)?.clone();
        // A KB person alias that starts with this title (`الملك عبد الله`, kept in the KB
        // because the name alone is ambiguous): the name after the title is that person,
        // and the span is the name alone.
        // A longer alias after the title wins (`الملك [عبدالله بن عبدالعزيز]`).
        if let Some((h, _, _)) =
            self.alias_hit(i, |e, _| self.kind_of(e) == Some(EntityType::Person))
        {
            if h.end > th.end && h.skip == th.skip && th.skip == 0 {
                let (start, end, cands) = self.person_alias_at(i, None)?;
                let target = match cands.as_slice() {
                    [one] => Target::Kb(*one),
                    _ => Target::Choice(cands),
                };
                self.emit(start..end, 0, target, MentionKind::Name);
                return Some(end);
            }
            if h.end > th.end && h.skip == th.skip {
                let cands = self.aliased(&h, EntityType::Person);
                let target = match cands.as_slice() {
                    [one] => Target::Kb(*one),
                    _ => Target::Choice(cands),
                };
                self.emit(th.end..h.end, 0, target, MentionKind::Name);
                return Some(h.end);
            }
        }
        let (mut j, mut modified) = self.skip_modifiers(th.end);
        let mut of: Option<(Hit, usize, AliasKind, usize)> = None;
        if let Some((h, e, k)) =
            self.alias_hit(j, |e, k| k == AliasKind::Nisba && self.kb.is_country(e))
        {
            if h.skip == 0 {
                of = Some((h, e, k, j));
                j = h.end;
            }
        } else {
            let after_bism = title.title_ar.ends_with("باسم") || self.norm(j) == "باسم";
            let k0 = if self.norm(j) == "باسم" { j + 1 } else { j };
            if after_bism {
                if let Some((h, e, k)) = self.prefer_org_alias(k0) {
                    of = Some((h, e, k, k0));
                    j = h.end;
                }
            }
        }
        let (j2, m2) = self.skip_modifiers(j);
        modified |= m2;
        // A title that names its state by itself (`خادم الحرمين الشريفين`).
        let implied = if of.is_none() { title.implied_of } else { None };
        let of_id = of.map(|(_, e, _, _)| e).or(implied);
        let of_name = of_id.map(|e| {
            self.kb
                .entity(e)
                .map(|x| x.name_en.clone())
                .unwrap_or_default()
        });
        // Before a name alone, a title with its own honorific gives that role
        // (`الأمير خالد`: prince; `أمير قطر`: emir of Qatar).
        let role = match &of_name {
            Some(n) if !n.is_empty() => format!("{} of {}", title.role_en, n),
            _ => title.role_before_name(),
        };
        // Emit the state or organisation first, then look for a name.
        if let Some((h, e, k, at)) = of {
            self.emit(at..h.end, h.skip, Target::Kb(e), mention_kind(k));
            self.nest(at, h);
        }
        let role_arg = if modified { "" } else { role.as_str() };
        if let Some((end, person)) = self.person_at_of(j2, true, role_arg, of_id) {
            if !modified {
                if let Some(e) = of_id {
                    self.doc_roles
                        .insert((title.role_key.clone(), e), person.clone());
                }
                self.add_role(&person, role);
            }
            return Some(end);
        }
        match of {
            Some((h, e, _, _)) if !modified => {
                let span_end = self.toks[h.end - 1].span.end;
                let start = self.toks[i].span.start + th.skip;
                self.found.push(Found {
                    span: Span::new(start, span_end),
                    target: Target::Title(title.role_key.clone(), e),
                    kind: MentionKind::Title,
                });
                for c in &mut self.covered[i..h.end] {
                    *c = true;
                }
                Some(h.end)
            }
            Some((h, ..)) => Some(h.end),
            None => {
                let e = implied.filter(|_| !modified)?;
                let start = self.toks[i].span.start + th.skip;
                self.found.push(Found {
                    span: Span::new(start, self.toks[th.end - 1].span.end),
                    target: Target::Title(title.role_key.clone(), e),
                    kind: MentionKind::Title,
                });
                for c in &mut self.covered[i..th.end] {
                    *c = true;
                }
                Some(th.end)
            }
        }
    }

    /// An alias at `k`, preferring organisations (`باسم الكرملين`).
    fn prefer_org_alias(&self, k: usize) -> Option<(Hit, usize, AliasKind)> {
        self.alias_hit(k, |e, _| self.kind_of(e) == Some(EntityType::Org))
            .or_else(|| self.alias_hit(k, |_, _| true))
    }

    /// `الباحث السياسي [السوري] عمار جلو`.
    fn try_descriptor(&mut self, i: usize) -> Option<usize> {
        let (dh, di) = self.longest(i, Kinds::DESCRIPTOR, |l| match *l {
            Label::Descriptor(d) => Some(d as usize),
            _ => None,
        })?;
        let desc = LEXICONS.descriptors.get(di)?;
        if self.descriptor_is_adjective(i, dh.end) {
            return None;
        }
        let (mut j, _) = self.skip_modifiers(dh.end);
        let mut of = None;
        if let Some((h, e, k)) =
            self.alias_hit(j, |e, k| k == AliasKind::Nisba && self.kb.is_country(e))
        {
            of = Some((h, e, k, j));
            j = h.end;
        }
        let (j, _) = self.skip_modifiers(j);
        // Look ahead without emitting: is there a name?
        let known = self
            .alias_hit(j, |e, _| self.kind_of(e) == Some(EntityType::Person))
            .is_some_and(|(h, _, _)| h.skip == 0);
        if !known && self.new_name_at(j, false).is_none() {
            return None;
        }
        let role = match of {
            Some((_, e, _, _)) => {
                let name = self.kb.entity(e).map(|x| x.name_en.as_str()).unwrap_or("");
                format!("{} {}", demonym(name), desc.role_en)
            }
            None => desc.role_en.clone(),
        };
        if let Some((h, e, k, at)) = of {
            self.emit(at..h.end, h.skip, Target::Kb(e), mention_kind(k));
        }
        let (end, person) = self.person_at(j, false, &role)?;
        self.add_role(&person, role);
        Some(end)
    }

    /// A one-word feminine descriptor right after a definite word (`القنوات [الإعلامية]`,
    /// `السياسية و[الإعلامية]`, `رسالتها [الإعلامية]`) is an adjective of that word, not a
    /// woman's title.
    fn descriptor_is_adjective(&self, i: usize, end: usize) -> bool {
        let (Some(t), Some(before)) = (
            self.toks.get(i),
            i.checked_sub(1).and_then(|k| self.toks.get(k)),
        ) else {
            return false;
        };
        end == i + 1
            && t.base.ends_with('ة')
            && before.kind == TokenKind::Word
            && before.sentence == t.sentence
            && (before.base.starts_with("ال") || before.base_span.end < before.span.end)
    }

    /// Direction or area word + state name, nisba or `البلاد`.
    fn try_region(&mut self, i: usize, alias_end: usize) -> Option<usize> {
        #[derive(Clone, Copy)]
        enum W {
            D(usize),
            R(usize),
        }
        let region = self.longest(i, Kinds::REGION, |l| match *l {
            Label::Region(r) => Some(W::R(r as usize)),
            _ => None,
        });
        let direction = self.longest(i, Kinds::DIRECTION, |l| match *l {
            Label::Direction(d) => Some(W::D(d as usize)),
            _ => None,
        });
        let (h, w) = match (region, direction) {
            (Some(r), Some(d)) => {
                if d.0.end > r.0.end {
                    d
                } else {
                    r
                }
            }
            (r, d) => r.or(d)?,
        };
        let mut j = h.end;
        let make = match w {
            W::D(d) => {
                let dir = self.kb.directions().get(d)?;
                // `لاعب [الوسط] البرازيلي`: a position on the field, not a region.
                let before = i.checked_sub(1).and_then(|k| self.toks.get(k));
                if before.is_some_and(|t| {
                    t.kind == TokenKind::Word && LEXICONS.position_words.contains(t.base.as_str())
                }) {
                    return None;
                }
                let (mut slug, mut en) = (dir.slug.clone(), dir.direction_en.clone());
                // `شمال وشرق`, `شمال شرقي`: two cardinal directions make one.
                let second = if self.norm(j) == "و" { j + 1 } else { j };
                if let Some((h2, d2)) = self.longest(second, Kinds::DIRECTION, |l| match *l {
                    Label::Direction(d) => Some(d as usize),
                    _ => None,
                }) {
                    let conj = second > j || h2.skip > 0;
                    if let Some(c) = self
                        .kb
                        .directions()
                        .get(d2)
                        .and_then(|d2| combine(&dir.direction_en, &d2.direction_en))
                    {
                        if conj || h2.skip == 0 {
                            slug = c.clone();
                            en = c;
                            j = h2.end;
                        }
                    }
                }
                RegionMake::Direction(slug, en)
            }
            W::R(r) => RegionMake::Word(r),
        };
        let any_gpe = matches!(make, RegionMake::Word(_));
        let (end, state, place) = if self.norm(j) == "البلاد" {
            (j + 1, None, None)
        } else {
            let (ph, e, k) = self.alias_hit(j, |e, _| {
                if any_gpe {
                    self.kind_of(e) == Some(EntityType::Gpe)
                } else {
                    self.kb.is_country(e)
                }
            })?;
            if ph.skip > 0 {
                return None;
            }
            (ph.end, Some(e), Some((j, ph, k)))
        };
        if alias_end >= end {
            return None;
        }
        self.emit(
            i..end,
            h.skip,
            Target::Region(make, state),
            MentionKind::Name,
        );
        if let Some((at, ph, k)) = place {
            if let Some(e) = state {
                self.emit(at..ph.end, 0, Target::Kb(e), mention_kind(k));
            }
        }
        Some(end)
    }

    /// `محافظات حلب ودير الزور`, `قاعدتي حميميم وطرطوس`, `مطار دمشق`.
    fn try_class(&mut self, i: usize, alias_end: usize) -> Option<usize> {
        let (h, ci) = self.longest(i, Kinds::CLASS, |l| match *l {
            Label::Class(c) => Some(c as usize),
            _ => None,
        })?;
        let class = LEXICONS.classes.get(ci)?;
        if alias_end > h.end && class.role == ClassRole::Facility {
            return None;
        }
        let single_facility = class.role == ClassRole::Facility && class.word == class.singular;
        let mut j = h.end;
        let mut last = None;
        loop {
            let at = if self.norm(j) == "و" || self.norm(j) == "،" || self.norm(j) == "," {
                j + 1
            } else {
                j
            };
            if last.is_some() && at == j && !self.norm(j).starts_with('و') {
                break;
            }
            // A class word of its own opens the next phrase (`قطاع غزة [ومدينة] غزة`).
            let class_word = |k: usize| {
                self.hits_at(k)
                    .iter()
                    .any(|x| x.end == k + 1 && x.kinds.meets(Kinds::CLASS))
            };
            if last.is_some() && class_word(at) {
                break;
            }
            // A nisba after a place word describes it (`مدينة إسرائيلية`, an Israeli
            // city); only a name names it (`مدينة حيفا`).
            let Some((ph, e, _)) = self.alias_hit(at, |e, k| {
                k == AliasKind::Name && self.kind_of(e).is_some_and(is_place)
            }) else {
                break;
            };
            if last.is_none() && ph.skip > 0 {
                return None;
            }
            if last.is_some() && ph.skip == 0 && at == j {
                break;
            }
            let name_norm = self.ctx.slice(Span::new(
                self.toks[at].span.start + ph.skip,
                self.toks[ph.end - 1].span.end,
            ));
            let name_norm = crate::kb::normalize_phrase(name_norm);
            let target = match class.role {
                ClassRole::Outside => {
                    let key = format!("{} {}", class.singular, name_norm);
                    let via_class = self.kb.aliases_of(&key).first().map(|&(x, _)| x);
                    let gpe = self.alias_hit(at, |x, _| self.kind_of(x) == Some(EntityType::Gpe));
                    let x = match (via_class, gpe) {
                        (Some(x), _) => x,
                        (None, Some((g, x, _))) if g.end == ph.end => x,
                        _ => e,
                    };
                    if let Some(place) = self.kb.entity(x) {
                        let role = class.slug_pattern.as_str();
                        let suffix = class.en_pattern.replace("{place}", "");
                        if !role.is_empty()
                            && place.roles.iter().any(|r| r == role)
                            && !place.name_en.contains(suffix.trim())
                        {
                            self.renames
                                .insert(x, class.en_pattern.replace("{place}", &place.name_en));
                        }
                    }
                    // Two cities of one name (`مدينة العيون`: Laayoune, or Al-Uyun in
                    // al-Ahsa): the document decides, as for a bare name.
                    let twins: Vec<usize> = match (via_class, gpe) {
                        (None, Some((g, _, _))) if g.end == ph.end => {
                            self.aliased(&g, EntityType::Gpe)
                        }
                        _ => Vec::new(),
                    };
                    if twins.iter().any(|&t| t != x) {
                        Target::Choice(twins)
                    } else {
                        Target::Kb(x)
                    }
                }
                ClassRole::Facility => self.facility(class, &name_norm, e),
            };
            if single_facility {
                let mut end = ph.end;
                if matches!(
                    self.norm(end),
                    "الدولي"
                        | "العسكري"
                        | "العسكرية"
                        | "الجوية"
                        | "البحرية"
                        | "الجوي"
                        | "البحري"
                ) {
                    end += 1;
                }
                self.emit(i..end, h.skip, target, MentionKind::Name);
                return Some(end);
            }
            self.emit(at..ph.end, ph.skip, target, MentionKind::Name);
            // `دولة الكويت وجنوب [لبنان]`: a region keeps its state nested.
            self.nest(at, ph);
            last = Some(ph.end);
            j = ph.end;
        }
        last
    }

    /// The facility named by a class word and a place (`قاعدة` + `حميميم`).
    fn facility(&mut self, class: &lexicon::PlaceClass, name_norm: &str, place: usize) -> Target {
        let key = format!("{} {}", class.singular, name_norm);
        if let Some(&(x, _)) = self.kb.aliases_of(&key).first() {
            return Target::Kb(x);
        }
        let prefix = format!("{key} ");
        let mut best: Option<(usize, usize)> = None;
        for (alias, targets) in self.kb.aliases_with_prefix(&prefix) {
            for &(x, _) in targets {
                if self.kind_of(x) == Some(EntityType::Fac)
                    && best.is_none_or(|(l, _)| alias.len() < l)
                {
                    best = Some((alias.len(), x));
                }
            }
        }
        if let Some((_, x)) = best {
            return Target::Kb(x);
        }
        let place_en = self
            .kb
            .entity(place)
            .map(|p| p.name_en.clone())
            .unwrap_or_default();
        let place_ar = self
            .kb
            .entity(place)
            .map(|p| p.name_ar.clone())
            .unwrap_or_default();
        let id = format!(
            "fac:{}",
            class
                .slug_pattern
                .replace("{place}", &translit::slug(&place_en))
        );
        if let Some(x) = self.kb.index_of(&id) {
            return Target::Kb(x);
        }
        let n = self.new_entity(NewEntity {
            id,
            kind: EntityType::Fac,
            name_ar: format!("{} {}", class.singular, place_ar),
            name_en: class.en_pattern.replace("{place}", &place_en),
            roles: Vec::new(),
        });
        Target::New(n)
    }

    /// `الجيش التركي`: an organisation head + a state nisba.
    fn try_head(&mut self, i: usize, alias_end: usize) -> Option<usize> {
        let (h, hi) = self.longest(i, Kinds::HEAD, |l| match *l {
            Label::Head(x) => Some(x as usize),
            _ => None,
        })?;
        let head = LEXICONS.heads.get(hi)?;
        let nisba = self.alias_hit(h.end, |e, k| k == AliasKind::Nisba && self.kb.is_country(e));
        // `وزارة النفط` without a state: the ministry of the document's country.
        if head.bare && nisba.is_none_or(|(nh, ..)| nh.skip > 0) && alias_end <= h.end {
            // `وزارة الداخلية في غزة`, `بغزة`: the ministry of the place's state.
            let at = if self.norm(h.end) == "في" {
                h.end + 1
            } else {
                h.end
            };
            let state = self
                .alias_hit(at, |e, _| self.kind_of(e).is_some_and(is_place))
                .filter(|(ph, _, _)| {
                    let after_fi = at > h.end && ph.skip == 0;
                    let with_bi = ph.skip > 0
                        && self
                            .norm(at)
                            .trim_start_matches(['و', 'ف'])
                            .starts_with('ب');
                    after_fi || with_bi
                })
                .and_then(|(_, e, _)| self.kb.country_of(e));
            let target = match state {
                Some(s) => self.organ_target(hi, s),
                None => Target::Organ(hi),
            };
            self.emit(i..h.end, h.skip, target, MentionKind::Name);
            return Some(h.end);
        }
        let (nh, e, k) = nisba?;
        if nh.skip > 0 || alias_end >= nh.end {
            return None;
        }
        let (id, dem) = self.organ_id(head, e);
        let target = match self.kb.index_of(&id) {
            Some(x) => Target::Kb(x),
            None => {
                let text = self.ctx.slice(Span::new(
                    self.toks[i].span.start + h.skip,
                    self.toks[nh.end - 1].span.end,
                ));
                let n = self.new_entity(NewEntity {
                    id,
                    kind: EntityType::Org,
                    name_ar: text.to_string(),
                    name_en: head.en_pattern.replace("{demonym}", &dem),
                    roles: Vec::new(),
                });
                Target::New(n)
            }
        };
        self.emit(i..nh.end, h.skip, target, MentionKind::Name);
        self.emit(h.end..nh.end, 0, Target::Kb(e), mention_kind(k));
        Some(nh.end)
    }

    /// A new person named by a common given name and a family name (`خالد بيطار`),
    /// without a descriptor.
    fn try_given_name(&mut self, i: usize) -> Option<usize> {
        let t = &self.toks[i];
        if !STANDALONE_GIVEN_FILTER.may_contain(&t.norm)
            || !LEXICONS.standalone_given.contains(t.norm.as_str())
            || self.token_text(i).ends_with('ى')
        {
            return None;
        }
        let end = self.new_name_at(i, true)?;
        let n_before = self.news.len();
        let (end2, person) = self.person_at(i, true, "")?;
        if let Target::New(n) = person {
            if n >= n_before {
                self.weak_news.push(n);
            }
        }
        Some(end.max(end2))
    }

    /// Descriptive names nest their states: `الجيش [السوري]`, `شمال شرقي [سوريا]`;
    /// fixed names nest nothing.
    fn nest(&mut self, i: usize, h: Hit) {
        let single = h.end == i + 1;
        if !single {
            let mut head: Option<(usize, bool)> = None;
            for x in self.hits_at(i).iter().filter(|x| x.end < h.end) {
                for l in self.labels(x) {
                    let nisba_only = match l {
                        Label::Head(_) => true,
                        Label::Direction(_) | Label::Region(_) => false,
                        _ => continue,
                    };
                    if head.is_none_or(|(e, _)| x.end > e) {
                        head = Some((x.end, nisba_only));
                    }
                }
            }
            if let Some((he, nisba_only)) = head {
                // Only a state right after the head: `الجيش [السوري]`, not `قوات سوريا ...`.
                if self
                    .alias_hit(he, |e, k| {
                        self.kb.is_country(e) && (!nisba_only || k == AliasKind::Nisba)
                    })
                    .is_some()
                    || !nisba_only
                {
                    self.emit_nested_states(he, h.end, nisba_only);
                }
            }
        }
    }

    /// True when the word before `i`, in the same sentence, is a definite noun
    /// (`الحكومة`, `الجامعات`, `الأسواق`, `بالمدن`) that an adjective at `i` may agree
    /// with; not a state's nisba (`زار الرئيس الفرنسي السعودية`: the country follows).
    fn after_definite_noun(&self, i: usize) -> bool {
        let Some(p) = i.checked_sub(1).and_then(|k| self.toks.get(k)) else {
            return false;
        };
        let bare = self.norm(i - 1).trim_start_matches(['و', 'ف']);
        p.kind == TokenKind::Word
            && p.sentence == self.toks[i].sentence
            && ["ال", "بال", "لل", "كال"]
                .iter()
                .any(|a| bare.starts_with(a))
            && !self
                .kb
                .aliases_of(&p.norm)
                .iter()
                .any(|&(e, k)| k == AliasKind::Nisba && self.kb.is_country(e))
    }

    /// The longest plain alias at `i`.
    fn try_alias(&mut self, i: usize) -> Option<usize> {
        let (h, _, _) = self.alias_hit(i, |_, _| true)?;
        let h = self.trim_modifier(i, h);
        let mut cands: Vec<(usize, AliasKind)> = self
            .labels(&h)
            .iter()
            .filter_map(|l| match *l {
                Label::Alias { entity, kind } => Some((entity as usize, kind)),
                _ => None,
            })
            .collect();
        // Facility after a locative preposition, organisation otherwise (الكرملين).
        let has = |t: EntityType, c: &[(usize, AliasKind)]| {
            c.iter().any(|&(e, _)| self.kind_of(e) == Some(t))
        };
        if has(EntityType::Fac, &cands) && has(EntityType::Org, &cands) {
            let locative = (i > 0 && LOCATIVE.contains(&self.norm(i - 1)))
                || (h.skip > 0 && self.norm(i).trim_start_matches(['و', 'ف']).starts_with('ب'));
            let want = if locative {
                EntityType::Fac
            } else {
                EntityType::Org
            };
            cands.retain(|&(e, _)| self.kind_of(e) == Some(want));
        }
        // A bare place name is the place, not the facility named after it.
        if has(EntityType::Gpe, &cands) && has(EntityType::Fac, &cands) {
            cands.retain(|&(e, _)| self.kind_of(e) != Some(EntityType::Fac));
        }
        let single = h.end == i + 1;
        // `أب` (father), `آب` (August): a hamza seat no spelling of the name has.
        if single {
            let word = self.token_text(i);
            let from = word
                .char_indices()
                .nth(h.skip)
                .map_or(word.len(), |(b, _)| b);
            if self.kb.hamza_contradicts(&word[from..]) {
                return None;
            }
        }
        // `دوماً` (always), `كوبًا` (a cup), `ميتاً` (dead): nunation marks an indefinite
        // word, and no name of a place or an organisation takes it. A state's name in
        // `يا` with it is the state's nisba (`وفداً تركياً`, a Turkish delegation); a
        // person's name may take it (`إن محمداً`).
        let nunated = marsad_text::ends_in_nunation(self.token_text(h.end - 1));
        if nunated {
            let person = cands
                .iter()
                .any(|&(e, _)| self.kind_of(e) == Some(EntityType::Person));
            let state = single
                && self.norm(i).ends_with("يا")
                && cands.iter().all(|&(e, _)| self.kb.is_country(e));
            if !person && !state {
                return None;
            }
        }
        // A one-word name right after a number or a slash is a unit or a month name
        // (`70 بنس` pence, not Pence; `أغسطس/ آب` August, not Ibb).
        if single && h.skip == 0 && i > 0 {
            let p = &self.toks[i - 1];
            let after_number = p.kind == TokenKind::Number
                || (p.kind == TokenKind::Punct && self.token_text(i - 1) == "/");
            // Nisbas and countries are counted peoples (`8 حوثيين`), not units.
            let counted = cands
                .iter()
                .any(|&(e, k)| k == AliasKind::Nisba || self.kb.is_country(e));
            if after_number && !counted {
                return None;
            }
        }
        // `[مسقط] رأسه` (his birthplace), `صلاة [المغرب]`, `نصيب [الأسد]` (the lion's
        // share): a name in a fixed phrase is an ordinary word (`entity_name_idioms.tsv`).
        if single && LEXICONS.name_idiom_at(self.toks, i) {
            return None;
        }
        // `ك` ("like") before a bare place name: only a state's (see `like_clitic_bare`).
        if single
            && like_clitic_bare(self.token_text(i), h.skip)
            && cands
                .iter()
                .all(|&(e, _)| self.kind_of(e).is_some_and(is_place) && !self.kb.is_country(e))
        {
            return None;
        }
        // One-word names of small places are often common words (`جديدة`): they need
        // the cue their lexicon row asks for right before them.
        if let Some(&need) = COMMON_WORD_PLACES.get(self.toks[i].base.as_str()) {
            if single
                && cands
                    .iter()
                    .all(|&(e, _)| self.kind_of(e).is_some_and(is_place))
            {
                let prev = if i > 0 { self.norm(i - 1) } else { "" };
                let bare = self.toks[i].norm.trim_start_matches(['و', 'ف']);
                let class = LEXICONS.class_index.contains_key(prev);
                let preposition = LOCATIVE.contains(&prev);
                let proclitic = h.skip > 0 && (bare.starts_with('ب') || bare.starts_with('ل'));
                let cue = match need {
                    PlaceCue::Proclitic => class || preposition || proclitic,
                    PlaceCue::Preposition => class || preposition,
                    PlaceCue::Class => class,
                };
                if !cue {
                    return None;
                }
            }
        }
        if single && cands.iter().all(|&(e, _)| self.is_minor_place(e)) {
            let prev = if i > 0 { self.norm(i - 1) } else { "" };
            let cue =
                LOCATIVE.contains(&prev) || h.skip > 0 || LEXICONS.class_index.contains_key(prev);
            if !cue {
                return None;
            }
        }
        let (e0, kind) = *cands.first()?;
        // `الحكومة السعودية`, `الأسواق السعودية`: a state's name that is also its
        // feminine nisba is the nisba right after a definite noun.
        let kind = if kind == AliasKind::Name
            && single
            && self.kb.is_country(e0)
            && (nunated
                || h.skip == 0 && self.token_text(i).ends_with("ية") && self.after_definite_noun(i))
        {
            AliasKind::Nisba
        } else {
            kind
        };
        let n = self.toks[i].norm.as_str();
        let definite = ["ال", "وال", "فال", "بال", "لل", "كال", "ولل", "فلل"]
            .iter()
            .any(|p| n.starts_with(p));
        let base = self.toks[i].base.as_str();
        let weak = single
            && ((definite && !STANDALONE_SURNAMES.contains(base))
                || COMMON_WORD_NAMES.contains(base))
            && (self.kind_of(e0) == Some(EntityType::Person)
                || (self.kind_of(e0) == Some(EntityType::Org)
                    && COMMON_WORD_NAMES.contains(self.toks[i].base.as_str())
                    && !self.in_quote_marks(i)));
        let major = |e: usize| {
            self.kb.is_country(e)
                || self.kind_of(e) != Some(EntityType::Gpe)
                || self.kb.entity(e).is_some_and(|x| {
                    x.roles.iter().any(|r| {
                        r.contains("capital")
                            || r.contains("governorate")
                            || r.contains("province")
                            // Saudi Arabia's 13 provinces are "regions" (مناطق).
                            || r == "region"
                    })
                })
        };
        let prev = if i > 0 { self.norm(i - 1) } else { "" };
        let cue = LOCATIVE.contains(&prev) || h.skip > 0 || LEXICONS.class_index.contains_key(prev);
        let vouched = if single
            && cands
                .iter()
                .any(|&(e, k)| k == AliasKind::Name && self.kind_of(e) == Some(EntityType::Org))
        {
            self.vouched_org(i, &cands)
        } else {
            Vouch::Silent
        };
        let target = if let Vouch::Org(org) = vouched {
            Target::Kb(org)
        } else if let Vouch::Unknown(kind) = vouched {
            let start = self.toks[i].span.start + h.skip;
            self.new_vouched_org(Span::new(start, self.toks[h.end - 1].span.end), kind)
        } else if single && !cue && cands.iter().all(|&(e, _)| !major(e)) {
            Target::Place(cands.iter().map(|&(e, _)| e).collect())
        } else if cands.len() > 1 && cands.iter().any(|&(e, _)| e != e0) {
            Target::Choice(cands.iter().map(|&(e, _)| e).collect())
        } else if weak {
            Target::Weak(e0)
        } else {
            Target::Kb(e0)
        };
        let name_end = self.name_before_nisba(i, h, &cands);
        self.emit(i..name_end, h.skip, target, mention_kind(kind));
        if name_end < h.end {
            self.emit_nested_states(name_end, h.end, true);
        } else if !self.kb.is_country(e0) {
            // A state's own name nests no other state (`جنوب السودان` is not Sudan).
            self.nest(i, h);
        }
        Some(h.end)
    }

    /// Where the name ends in an alias hit of clubs, outlets or companies that ends in a
    /// state nisba (`ميلان الإيطالي`): before the nisba, when the words before it are
    /// themselves a knowledge-base name (`ميلان`) or one bare word (`فالنسيا`); else at
    /// the hit's end.
    fn name_before_nisba(&self, i: usize, h: Hit, cands: &[(usize, AliasKind)]) -> usize {
        let last = h.end - 1;
        if h.end < i + 2 || cands.is_empty() {
            return h.end;
        }
        let described = cands.iter().all(|&(e, _)| {
            self.kb.entity(e).is_some_and(|x| {
                x.kind == EntityType::Org
                    && x.roles.iter().any(|r| {
                        let r = r.to_lowercase();
                        LEXICONS
                            .nisba_outside_roles
                            .iter()
                            .any(|w| r.contains(w.as_str()))
                    })
            })
        });
        let nisba = self
            .alias_hit(last, |e, k| self.kb.is_country(e) && k == AliasKind::Nisba)
            .is_some_and(|(n, _, _)| n.end == h.end && n.skip == 0);
        let named = self.hits_at(i).iter().any(|x| {
            x.end == last
                && x.skip == h.skip
                && self
                    .labels(x)
                    .iter()
                    .any(|l| matches!(l, Label::Alias { .. }))
        });
        // Or one bare word that no list holds alone (`فالنسيا`).
        let bare_word = last == i + 1 && !self.is_stop(i) && !self.norm(i).starts_with("ال");
        if described && nisba && (named || bare_word) {
            last
        } else {
            h.end
        }
    }

    // ---------------------------------------------------------------- resolution

    fn resolve(mut self) -> Vec<Entity> {
        // Main country: the most mentioned country.
        let mut counts: HashMap<usize, usize> = HashMap::default();
        for f in &self.found {
            if let Target::Kb(e) = f.target {
                if self.kb.is_country(e) {
                    *counts.entry(e).or_default() += 1;
                }
            }
        }
        let main = counts
            .iter()
            .max_by_key(|&(e, c)| (*c, std::cmp::Reverse(*e)))
            .map(|(&e, _)| e);

        // Regions.
        for k in 0..self.found.len() {
            if let Target::Region(make, state) = self.found[k].target.clone() {
                let t = match state.or(main) {
                    Some(s) => self.region_target(&make, s),
                    None => None,
                };
                self.found[k].target = t.unwrap_or(Target::Choice(Vec::new()));
            }
        }

        // Short forms of names seen in full, and bare region words.
        let mut short: FastMap<String, Option<Target>> = FastMap::default();
        for f in &self.found {
            let person = match &f.target {
                Target::Kb(e) if self.kind_of(*e) == Some(EntityType::Person) => f.target.clone(),
                Target::New(n)
                    if !self.weak_news.contains(n)
                        && self
                            .news
                            .get(*n)
                            .is_some_and(|x| x.kind == EntityType::Person) =>
                {
                    f.target.clone()
                }
                _ => continue,
            };
            let text = self.ctx.slice(f.span);
            let mut words = text.split_whitespace().rev();
            let (Some(last), Some(before)) = (words.next(), words.next()) else {
                continue;
            };
            let key = marsad_text::normalize_word(last, Folding::MATCH);
            // The father's name (`محمد بن [سلمان]`), the second half of a compound
            // (`عبد [الله]`) and a regnal number (`[الثاني]`) do not stand for the person.
            let before = marsad_text::normalize_word(before, Folding::MATCH);
            // Nor does a word that never names anyone alone (`نصر [الله]`).
            if LEXICONS.name_connectors.contains(&before)
                || LEXICONS.name_ordinals.contains(&key)
                || LEXICONS.never_names.contains(&key)
            {
                continue;
            }
            match short.get(&key) {
                Some(Some(t)) if *t != person => {
                    short.insert(key, None);
                }
                Some(_) => {}
                None => {
                    short.insert(key, Some(person));
                }
            }
        }
        let mut bare: FastMap<String, Target> = FastMap::default();
        if let Some(m) = main {
            for f in &self.found {
                let Target::Kb(e) = f.target else { continue };
                if self.kind_of(e) != Some(EntityType::Loc) {
                    continue;
                }
                let text = self.ctx.slice(f.span);
                let mut words = text.split_whitespace();
                let (Some(first), Some(rest)) = (words.next(), words.next()) else {
                    continue;
                };
                if words.next().is_some() {
                    continue;
                }
                let first = marsad_text::normalize_word(first, Folding::MATCH);
                let rest = marsad_text::normalize_word(rest, Folding::MATCH);
                let is_region_word = self.kb.index.token(&first).is_some_and(|id| {
                    self.kb.index.step(ROOT, id).is_some_and(|n| {
                        self.kb
                            .index
                            .labels(n)
                            .iter()
                            .any(|l| matches!(l, Label::Direction(_) | Label::Region(_)))
                    })
                });
                let of_main = self.kb.aliases_of(&rest).iter().any(|&(x, _)| x == m);
                if is_region_word && of_main && first.starts_with("ال") {
                    bare.entry(first).or_insert(Target::Kb(e));
                }
            }
        }
        if short.values().any(Option::is_some) || !bare.is_empty() {
            // A quick "not a short name" before the two lookups of every reading.
            let keys = StartFilter::new(short.keys().chain(bare.keys()).map(String::as_str));
            // And before any reading: no key is as long as one.
            let lengths = FormLengths::new(short.keys().chain(bare.keys()).map(String::as_str));
            let mut buf = String::new();
            for i in 0..self.toks.len() {
                if self.covered[i] || self.toks[i].kind != TokenKind::Word {
                    continue;
                }
                let norm = self.toks[i].norm.as_str();
                if !lengths.may_match(norm) {
                    continue;
                }
                let hit = first_form(norm, &mut buf, |form| {
                    if !keys.may_contain(form) {
                        return None;
                    }
                    match short.get(form) {
                        Some(Some(t)) => Some(t.clone()),
                        _ => bare.get(form).cloned(),
                    }
                });
                // A bare region word that starts a longer phrase (`الشمال الشرقي`) is
                // that phrase's, not the region.
                let longer = || self.hits_at(i).iter().any(|h| h.end > i + 1);
                let region = |t: &Target| matches!(t, Target::Kb(e) if self.kind_of(*e) == Some(EntityType::Loc));
                if let Some((k, t)) = hit.filter(|(_, t)| !(region(t) && longer())) {
                    let skip = if k == 0 {
                        0
                    } else {
                        orig_skip(self.token_text(i), k)
                    };
                    // A surname that is also a stop or trigger word is no short form:
                    // `حازم إمام` does not make every `أمام` (in front of) or `إمام` him.
                    if !region(&t) && self.is_stop_or_trigger(i) {
                        continue;
                    }
                    self.emit(i..i + 1, skip, t, MentionKind::Name);
                }
            }
        }

        // Lone titles, ambiguous and weak aliases.
        let mut named: HashMap<usize, usize> = HashMap::default();
        for f in &self.found {
            if let Target::Kb(e) = f.target {
                *named.entry(e).or_default() += 1;
            }
        }
        // How many mentions each country has, with those of its places, organs and
        // people; `home_profile` leaves out companies (Twitter and Google make no text American);
        // `placed`: the countries the text names, places something in or has a person of.
        let mut profile: HashMap<usize, usize> = HashMap::default();
        let mut home_profile: HashMap<usize, usize> = HashMap::default();
        let mut placed: std::collections::HashSet<usize> = Default::default();
        for (&e, &n) in &named {
            let Some(c) = self.kb.country_of(e) else {
                continue;
            };
            *profile.entry(c).or_default() += n;
            let Some(x) = self.kb.entity(e) else {
                continue;
            };
            if !x.roles.iter().any(|r| r == "company") {
                *home_profile.entry(c).or_default() += n;
            }
            if is_place(x.kind) || x.kind == EntityType::Person {
                placed.insert(c);
            }
        }
        let full_name: Vec<usize> = self
            .found
            .iter()
            .filter_map(|f| match f.target {
                Target::Kb(e) if self.ctx.slice(f.span).contains(' ') => Some(e),
                _ => None,
            })
            .chain(self.headed.iter().copied())
            .collect();
        // The document's country: most mentioned with its places, organs and people, of
        // the placed countries.
        let home = home_profile
            .iter()
            .filter(|(c, _)| placed.contains(*c))
            .max_by_key(|&(e, c)| (*c, Some(*e) == main, std::cmp::Reverse(*e)))
            .map(|(&e, _)| e);
        for k in 0..self.found.len() {
            if let Target::Organ(hi) = self.found[k].target {
                // The same organ named with its state elsewhere in the document
                // (`وزارة الدفاع الأميركية` … `وزارة الدفاع`), else the home country's.
                let named_in_full = LEXICONS.heads.get(hi).and_then(|head| {
                    let prefix = format!("{} ", head.phrase);
                    self.found.iter().find_map(|f| match f.target {
                        Target::Kb(_) | Target::New(_)
                            if f.kind == MentionKind::Name
                                && crate::kb::normalize_phrase(self.ctx.slice(f.span))
                                    .starts_with(&prefix) =>
                        {
                            Some(f.target.clone())
                        }
                        _ => None,
                    })
                });
                self.found[k].target = match (named_in_full, home) {
                    (Some(t), _) => t,
                    (None, Some(s)) => self.organ_target(hi, s),
                    (None, None) => Target::Choice(Vec::new()),
                };
                continue;
            }
            let t = match &self.found[k].target {
                Target::Title(role, of) => self
                    .doc_roles
                    .get(&(role.clone(), *of))
                    .cloned()
                    .or_else(|| {
                        self.kb
                            .office_holder(role, *of, self.ctx.published)
                            .map(Target::Kb)
                    }),
                Target::Choice(c) if !c.is_empty() => {
                    // Named itself counts most, then its parent named, then its parent
                    // being the document's main country; then how much of the document
                    // is about its country (its places, organs and people too: Jeddah
                    // and Riyadh make `الملك عبدالله` the Saudi king); then a state
                    // before a city of the same name (عمان).
                    let score = |e: usize| {
                        let parent = self.kb.entity(e).and_then(|x| x.parent);
                        4 * named.get(&e).copied().unwrap_or(0)
                            + 2 * parent.and_then(|p| named.get(&p)).copied().unwrap_or(0)
                            + usize::from(parent.is_some() && parent == main)
                    };
                    let about = |e: usize| {
                        self.kb
                            .country_of(e)
                            .and_then(|x| profile.get(&x))
                            .copied()
                            .unwrap_or(0)
                    };
                    let best = c.iter().copied().max_by_key(|&e| {
                        (
                            score(e),
                            about(e),
                            self.kb.is_country(e),
                            std::cmp::Reverse(e),
                        )
                    });
                    best.map(Target::Kb)
                }
                // Not named in full: a short form of another person seen in full
                // (`سليمان الأسد` … `الأسد`), else nothing.
                Target::Weak(e) => full_name.contains(e).then_some(Target::Kb(*e)).or_else(|| {
                    let text = self.ctx.slice(self.found[k].span);
                    let key = marsad_text::normalize_word(text, Folding::MATCH);
                    short.get(&key).cloned().flatten()
                }),
                Target::Place(c) => {
                    let in_doc = |e: usize| self.kb.ancestors(e, 3).any(|q| named.contains_key(&q));
                    c.iter().copied().find(|&e| in_doc(e)).map(Target::Kb)
                }
                Target::Kb(_) | Target::New(_) => continue,
                _ => None,
            };
            match t {
                Some(t) => self.found[k].target = t,
                None => self.found[k].target = Target::Choice(Vec::new()),
            }
        }
        self.assemble()
    }

    /// The organ of head `hi` of state `s` (`وزارة النفط` + Iraq → `org:iraqi-energy-ministry`).
    /// The id of a state's organ named by `head` (`org:syrian-army` for الجيش + Syria) and
    /// the state's demonym (`Syrian`).
    fn organ_id(&self, head: &lexicon::Head, state: usize) -> (String, String) {
        let state_en = self
            .kb
            .entity(state)
            .map(|x| x.name_en.clone())
            .unwrap_or_default();
        let dem = demonym(&state_en);
        let id = format!(
            "org:{}",
            head.slug_pattern
                .replace("{demonym}", &translit::slug(&dem))
        );
        (id, dem)
    }

    fn organ_target(&mut self, hi: usize, s: usize) -> Target {
        let Some(head) = LEXICONS.heads.get(hi) else {
            return Target::Choice(Vec::new());
        };
        let (id, dem) = self.organ_id(head, s);
        if let Some(x) = self.kb.index_of(&id).or_else(|| self.organ_named(head, s)) {
            return Target::Kb(x);
        }
        Target::New(self.new_entity(NewEntity {
            id,
            kind: EntityType::Org,
            name_ar: head.phrase.clone(),
            name_en: head.en_pattern.replace("{demonym}", &dem),
            roles: Vec::new(),
        }))
    }

    /// The knowledge-base organisation named by the head and a nisba of state `s`
    /// (`وزارة الخارجية` + `الأمريكية`: `org:us-state-department`), for organs whose ids
    /// do not follow the head's pattern.
    fn organ_named(&self, head: &lexicon::Head, s: usize) -> Option<usize> {
        let prefix = format!("{} ", crate::kb::normalize_phrase(&head.phrase));
        let found = self
            .kb
            .aliases_with_prefix(&prefix)
            .filter(|(alias, _)| {
                self.kb
                    .aliases_of(&alias[prefix.len()..])
                    .iter()
                    .any(|&(x, k)| x == s && k == AliasKind::Nisba)
            })
            .flat_map(|(_, targets)| targets.iter())
            .map(|&(x, _)| x)
            .find(|&x| self.kind_of(x) == Some(EntityType::Org));
        found
    }

    /// The entity of a region built from `make` and state `s`.
    fn region_target(&mut self, make: &RegionMake, s: usize) -> Option<Target> {
        let state = self.kb.entity(s)?.clone();
        let state_slug = state
            .id
            .split_once(':')
            .map(|(_, x)| x)
            .unwrap_or(&state.id)
            .to_string();
        let dem = demonym(&state.name_en);
        let (id, name_en, word_ar) = match make {
            RegionMake::Direction(slug, en) => (
                format!("loc:{slug}-{state_slug}"),
                format!(
                    "{} {}",
                    capitalise(&direction_name(slug, en)),
                    state.name_en
                ),
                // The construct form names the region: "جنوب فرنسا", not "الجنوب فرنسا".
                self.kb
                    .directions()
                    .iter()
                    .filter(|d| &d.slug == slug)
                    .min_by_key(|d| d.word.starts_with("ال"))
                    .map(|d| d.word.clone())
                    .unwrap_or_default(),
            ),
            RegionMake::Word(r) => {
                let w = LEXICONS.regions.get(*r)?;
                let fill = |p: &str, slugs: bool| {
                    if slugs {
                        p.replace("{place}", &state_slug)
                            .replace("{demonym}", &translit::slug(&dem))
                    } else {
                        p.replace("{place}", &state.name_en)
                            .replace("{demonym}", &dem)
                    }
                };
                (
                    format!("loc:{}", fill(&w.slug_pattern, true)),
                    capitalise(&fill(&w.en_pattern, false)),
                    w.word.clone(),
                )
            }
        };
        if let Some(x) = self.kb.index_of(&id) {
            return Some(Target::Kb(x));
        }
        let name_ar = if word_ar.is_empty() {
            state.name_ar.clone()
        } else {
            format!("{} {}", word_ar, state.name_ar)
        };
        Some(Target::New(self.new_entity(NewEntity {
            id,
            kind: EntityType::Loc,
            name_ar,
            name_en,
            roles: Vec::new(),
        })))
    }

    fn assemble(self) -> Vec<Entity> {
        let mut out: Vec<Entity> = Vec::new();
        let mut by_id: HashMap<&str, usize> = HashMap::default();
        for f in &self.found {
            let id = match &f.target {
                Target::Kb(e) => match self.kb.entity(*e) {
                    Some(x) => x.id.as_str(),
                    None => continue,
                },
                Target::New(n) => match self.news.get(*n) {
                    Some(x) => x.id.as_str(),
                    None => continue,
                },
                _ => continue,
            };
            // The entity is built once, at its first mention.
            let idx = match by_id.get(id) {
                Some(&idx) => idx,
                None => {
                    let Some(ent) = self.entity_of(&f.target) else {
                        continue;
                    };
                    out.push(ent);
                    by_id.insert(id, out.len() - 1);
                    out.len() - 1
                }
            };
            let mentions = &mut out[idx].mentions;
            if !mentions
                .iter()
                .any(|x| x.start == f.span.start && x.end == f.span.end)
            {
                mentions.push(Mention {
                    start: f.span.start,
                    end: f.span.end,
                    text: self.ctx.slice(f.span).to_string(),
                    kind: f.kind,
                });
            }
        }
        for e in &mut out {
            e.mentions.sort_by_key(|m| (m.start, m.end));
        }
        out.sort_by_key(|e| {
            e.mentions
                .first()
                .map(|m| (m.start, m.end))
                .unwrap_or((usize::MAX, 0))
        });
        out
    }

    /// The output entity (without mentions) of a knowledge-base or new target; `None`
    /// for other targets.
    fn entity_of(&self, target: &Target) -> Option<Entity> {
        match target {
            Target::Kb(e) => {
                let x = self.kb.entity(*e)?;
                let mut roles = x.roles.clone();
                for r in self.kb_roles.get(e).into_iter().flatten() {
                    if !roles.iter().any(|q| q.eq_ignore_ascii_case(r)) {
                        roles.push(r.clone());
                    }
                }
                Some(Entity {
                    id: x.id.clone(),
                    kind: x.kind,
                    name_ar: x.name_ar.clone(),
                    name_en: self
                        .renames
                        .get(e)
                        .cloned()
                        .unwrap_or_else(|| x.name_en.clone()),
                    roles,
                    geo: if is_place(x.kind) { x.geo } else { None },
                    known: true,
                    mentions: Vec::new(),
                })
            }
            Target::New(n) => {
                let x = self.news.get(*n)?;
                Some(Entity {
                    id: x.id.clone(),
                    kind: x.kind,
                    name_ar: x.name_ar.clone(),
                    name_en: x.name_en.clone(),
                    roles: x.roles.clone(),
                    geo: None,
                    known: false,
                    mentions: Vec::new(),
                })
            }
            _ => None,
        }
    }
}

fn mention_kind(k: AliasKind) -> MentionKind {
    match k {
        AliasKind::Name => MentionKind::Name,
        AliasKind::Nisba => MentionKind::Nisba,
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// The English adjective of a direction when its slug is one (`eastern`), else the
/// direction (`northeast`).
fn direction_name(slug: &str, en: &str) -> String {
    if slug.ends_with("ern") {
        slug.to_string()
    } else {
        en.to_string()
    }
}

/// Two cardinal directions as one (`north` + `east` → `northeast`).
fn combine(a: &str, b: &str) -> Option<String> {
    let card = |s: &str| {
        let s = s.to_ascii_lowercase();
        ["north", "south", "east", "west"]
            .into_iter()
            .find(|c| s.starts_with(c))
    };
    let (a, b) = (card(a)?, card(b)?);
    let ns = |c: &str| c == "north" || c == "south";
    match (ns(a), ns(b)) {
        (true, false) => Some(format!("{a}{b}")),
        (false, true) => Some(format!("{b}{a}")),
        _ => None,
    }
}

/// `word` without a first `و` or `ف` (as `word.strip_prefix(['و', 'ف'])`, comparing
/// bytes).
#[inline]
fn strip_conjunction(word: &str) -> Option<&str> {
    word.strip_prefix('و').or_else(|| word.strip_prefix('ف'))
}

/// `word` without a first `ب`, `ل` or `ك` (as `word.strip_prefix(['ب', 'ل', 'ك'])`,
/// comparing bytes).
#[inline]
fn strip_preposition(word: &str) -> Option<&str> {
    word.strip_prefix('ب')
        .or_else(|| word.strip_prefix('ل'))
        .or_else(|| word.strip_prefix('ك'))
}

/// True when `s` has two characters or more (`s.chars().count() >= 2` without counting
/// them all).
#[inline]
fn two_chars_or_more(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some() && chars.next().is_some()
}

/// The first reading of a token (as written, then without its proclitics: `للاسد` →
/// `الاسد`) for which `f` gives a value, with the number of normalised characters
/// removed.
fn first_form<T>(
    norm: &str,
    buf: &mut String,
    f: impl Fn(&str) -> Option<T>,
) -> Option<(usize, T)> {
    if let Some(v) = f(norm) {
        return Some((0, v));
    }
    let mut bases = [(0, norm), (0, "")];
    if let Some(rest) = strip_conjunction(norm) {
        if two_chars_or_more(rest) {
            if let Some(v) = f(rest) {
                return Some((1, v));
            }
            bases[1] = (1, rest);
        }
    }
    for (k, b) in bases {
        if let Some(rest) = b.strip_prefix("لل") {
            buf.clear();
            buf.push_str("ال");
            buf.push_str(rest);
            if let Some(v) = f(buf) {
                return Some((k + 1, v));
            }
        } else if let Some(rest) = strip_preposition(b) {
            if two_chars_or_more(rest) {
                if let Some(v) = f(rest) {
                    return Some((k + 1, v));
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_lengths_never_reject_a_reading_first_form_finds() {
        let keys = ["الاسد", "الشرع", "جلو", "الجنوب", "سلمان"];
        let lengths = FormLengths::new(keys);
        let tokens = [
            "الاسد",
            "والاسد",
            "فالاسد",
            "بالاسد",
            "للاسد",
            "وللاسد",
            "فبالشرع",
            "كالشرع",
            "جلو",
            "وجلو",
            "لجلو",
            "والجنوب",
            "بسلمان",
            "وبسلمان",
            "سلمانه",
            "الرئيس",
            "في",
            "و",
            "",
            "ذهب",
            "والرئيسان",
        ];
        let mut buf = String::new();
        let mut rejected = 0;
        for t in tokens {
            let found = first_form(t, &mut buf, |f| keys.contains(&f).then_some(()));
            if found.is_some() {
                assert!(lengths.may_match(t), "{t}");
            }
            rejected += usize::from(!lengths.may_match(t));
        }
        // `في`, `و`, the empty word and `والرئيسان` have no length of a key's reading.
        assert_eq!(rejected, 4);
        assert!(!FormLengths::new([]).may_match("الاسد"));
        let long = "ب".repeat(70);
        assert!(FormLengths::new([long.as_str()]).may_match("في"));
    }

    #[test]
    fn proclitic_helpers_agree_with_the_char_patterns() {
        let words = [
            "",
            "و",
            "ف",
            "ب",
            "ل",
            "ك",
            "وب",
            "فل",
            "بك",
            "والاسد",
            "فالجيش",
            "بغداد",
            "لبنان",
            "كسرت",
            "للجيش",
            "ولبنان",
            "الف",
            "a",
            "wa",
            "و\u{64e}",
            "\u{64e}و",
            "ﻭ",
            "ووو",
        ];
        for w in words {
            assert_eq!(strip_conjunction(w), w.strip_prefix(['و', 'ف']), "{w:?}");
            assert_eq!(
                strip_preposition(w),
                w.strip_prefix(['ب', 'ل', 'ك']),
                "{w:?}"
            );
            assert_eq!(two_chars_or_more(w), w.chars().count() >= 2, "{w:?}");
        }
        assert_eq!(strip_conjunction("فبغداد"), Some("بغداد"));
        assert_eq!(strip_preposition("كسرت"), Some("سرت"));
        assert!(!two_chars_or_more("و"));
    }

    #[test]
    fn short_name_head_firsts_hold_every_head_start() {
        for head in &LEXICONS.short_name_heads {
            let first = head.split(' ').next().unwrap_or("");
            assert!(SHORT_NAME_HEAD_FIRSTS.contains(first), "{head}");
        }
        assert!(!SHORT_NAME_HEAD_FIRSTS.contains("سوريا"));
    }
}
