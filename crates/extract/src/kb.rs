//! The knowledge base: entities, their Arabic aliases and nisbas, titles, offices and
//! direction words, read from five TSV tables (see `data/kb/README.md`).
//!
//! Every table has optional `#` comment lines, then a header row, then one entry per
//! line, TAB-separated. Aliases are stored normalised (matching folding) and split into
//! tokens, so the entity stage can match them token by token. Loading also builds the
//! phrase index the entity stage matches with, once per knowledge base.

use crate::entities::index::FastMap;
use crate::entities::index::PhraseIndex;
use crate::{EntityType, Error, Geo};
use marsad_text::{normalize_into, Folding};

/// How an alias names its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AliasKind {
    /// A proper name or another name form (`روسيا`, `الجيش السوري`).
    Name,
    /// A nisba adjective of a state (`الروسي`, `سورية`).
    Nisba,
}

/// One entity of the knowledge base.
#[derive(Debug, Clone, PartialEq)]
pub struct KbEntity {
    /// Stable id, `type:slug`.
    pub id: String,
    /// Entity type.
    pub kind: EntityType,
    /// Canonical Arabic name.
    pub name_ar: String,
    /// Canonical English name.
    pub name_en: String,
    /// Position, when known.
    pub geo: Option<Geo>,
    /// Roles, in English.
    pub roles: Vec<String>,
    /// Index of the containing country or organisation, if any.
    pub parent: Option<usize>,
}

/// A title word or phrase that names a role (`الرئيس` → president).
#[derive(Debug, Clone, PartialEq)]
pub struct Title {
    /// The Arabic title as written in the table.
    pub title_ar: String,
    /// Key shared with the offices table (`president`).
    pub role_key: String,
    /// English role (`president`).
    pub role_en: String,
    /// The state the title names by itself (`خادم الحرمين الشريفين` → Saudi Arabia).
    pub implied_of: Option<usize>,
    /// The English honorific before a person's name when it is not the role's
    /// (`الأمير سلطان`: Prince, though the role of `أمير قطر` is emir).
    pub title_en: Option<String>,
}

impl Title {
    /// The role of a person this title stands before with no state after it: the
    /// honorific's when it has one (`الأمير خالد`: prince), else the role (`president`).
    pub fn role_before_name(&self) -> String {
        match &self.title_en {
            Some(t) => t.to_lowercase(),
            None => self.role_en.clone(),
        }
    }

    /// The English honorific before a person's name: `title_en`, else the role
    /// capitalised (`King`).
    pub fn honorific_en(&self) -> String {
        match &self.title_en {
            Some(t) => t.clone(),
            None => {
                let mut c = self.role_en.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            }
        }
    }
}

/// Who held a role of a state or organisation, and when.
#[derive(Debug, Clone, PartialEq)]
pub struct Office {
    /// Role key (`president`).
    pub role_key: String,
    /// Entity index of the state or organisation.
    pub of: usize,
    /// Entity index of the holder.
    pub holder: usize,
    /// First day, `YYYY-MM-DD` (or a prefix of it); empty when unknown.
    pub from: String,
    /// Last day; empty while the holder is in office.
    pub to: String,
}

/// A direction word (`شمال شرقي` → northeast).
#[derive(Debug, Clone, PartialEq)]
pub struct Direction {
    /// The Arabic word or phrase.
    pub word: String,
    /// English direction (`northeast`).
    pub direction_en: String,
    /// Slug used in region ids (`northeast`).
    pub slug: String,
}

/// The loaded knowledge base.
#[derive(Debug, Default)]
pub struct KnowledgeBase {
    entities: Vec<KbEntity>,
    by_id: FastMap<String, usize>,
    /// Normalised alias → (entity, kind), in table order.
    aliases: FastMap<String, Vec<(usize, AliasKind)>>,
    titles: Vec<Title>,
    offices: Vec<Office>,
    directions: Vec<Direction>,
    /// Entities that have at least one nisba alias (states and the like).
    has_nisba: Vec<bool>,
    /// One-word aliases that start with an alef, or with a proclitic letter and an alef:
    /// the seats their spellings have there ([`alef_seat`]), for
    /// [`KnowledgeBase::hamza_contradicts`].
    alias_seats: FastMap<String, u8>,
    /// Every alias, sorted (for prefix queries); built on first use, as most texts
    /// make no prefix query.
    sorted_aliases: std::sync::OnceLock<Vec<String>>,
    pub(crate) index: PhraseIndex,
    /// [`spelling_key`] of every alias of two words or more → the one person it names
    /// (`None`: several entities, or not a person); built on first use.
    person_spellings: std::sync::OnceLock<FastMap<String, Option<usize>>>,
}

const ENTITIES_TSV: &str = include_str!("../data/kb/entities.tsv");
const ALIASES_TSV: &str = include_str!("../data/kb/aliases.tsv");
const TITLES_TSV: &str = include_str!("../data/kb/titles.tsv");
const OFFICES_TSV: &str = include_str!("../data/kb/offices.tsv");
const DIRECTIONS_TSV: &str = include_str!("../data/kb/directions.tsv");

/// A normalised name with the letters that Arabic spellings of foreign names vary in made
/// one: `غ`/`ج`/`ڠ`/`گ` (G), `ڤ`/`ف` (V), `پ`/`ب` (P), final `ة`/`ه`, a long vowel
/// written twice (`غابرييل`/`جابريل`), and an alef inside a word that has no article.
pub fn spelling_key(normalized: &str) -> String {
    let mut out = String::with_capacity(normalized.len());
    for (n, word) in normalized.split(' ').enumerate() {
        if n > 0 {
            out.push(' ');
        }
        // An alef inside a word without the article (`ميليباند`/`ميليبند`); an Arabic name
        // with the article keeps its alefs (`العامري` is not `العماري`).
        let foreign = !word.starts_with("ال");
        let mut last = None;
        for (i, c) in word.char_indices() {
            let inside = i > 0 && i + c.len_utf8() < word.len();
            let c = match c {
                'غ' | 'ڠ' | 'گ' => 'ج',
                'ڤ' => 'ف',
                'پ' => 'ب',
                'ة' => 'ه',
                c => c,
            };
            if last == Some(c) && matches!(c, 'ي' | 'و' | 'ا') {
                continue;
            }
            if foreign && c == 'ا' && inside {
                continue;
            }
            last = Some(c);
            out.push(c);
        }
    }
    out
}

/// Normalises an Arabic phrase for matching: matching folding, tokens joined by one space.
pub fn normalize_phrase(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Folding works character by character and leaves every whitespace character as it
    // is, so when the whole phrase folded is words apart by single ASCII spaces, each gap
    // between its words was one space and no word folded to nothing: that is the result
    // word by word, in one pass (nearly every name of the tables). Otherwise the words
    // are taken one by one.
    normalize_into(s, Folding::MATCH, &mut out);
    if single_spaced(&out) {
        return out;
    }
    out.clear();
    for w in marsad_text::tsv::split_whitespace(s) {
        let before = out.len();
        if before > 0 {
            out.push(' ');
        }
        let start = out.len();
        normalize_into(w, Folding::MATCH, &mut out);
        if out.len() == start {
            // The word was all marks: no separator for it.
            out.truncate(before);
        }
    }
    out
}

/// True when `s` is words apart by single ASCII spaces: no space at either end, no two
/// together, no other whitespace (none of the bytes that start a non-ASCII whitespace
/// character, as in `marsad_text::tsv::split_whitespace`).
fn single_spaced(s: &str) -> bool {
    let b = s.as_bytes();
    let (Some(&first), Some(&last)) = (b.first(), b.last()) else {
        return true;
    };
    // Whole passes without early exits, which the compiler runs many bytes at a time.
    let other_space = b.iter().fold(false, |found, &c| {
        found
            | matches!(
                c,
                b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | 0xC2 | 0xE1 | 0xE2 | 0xE3
            )
    });
    let two_spaces = b
        .iter()
        .zip(&b[1..])
        .fold(false, |found, (&x, &y)| found | (x == b' ' && y == b' '));
    first != b' ' && last != b' ' && !other_space && !two_spaces
}

/// The most fields of a row the tables use (the entities table has eight).
const MAX_FIELDS: usize = 12;

/// The fields of one row, trimmed, held in place (no allocation per row); fields past
/// [`MAX_FIELDS`] are counted but not kept.
struct Fields<'a> {
    fields: [&'a str; MAX_FIELDS],
    kept: usize,
}

impl<'a> std::ops::Deref for Fields<'a> {
    type Target = [&'a str];
    fn deref(&self) -> &[&'a str] {
        &self.fields[..self.kept]
    }
}

/// Rows of one TSV table: skips `#` comments, blank lines and the header row.
/// Yields (1-based line number, fields).
fn rows<'a>(
    file: &'a str,
    text: &'a str,
    min_fields: usize,
) -> impl Iterator<Item = Result<(usize, Fields<'a>), Error>> + 'a {
    let mut seen_header = false;
    marsad_text::tsv::lines(text)
        .enumerate()
        .filter_map(move |(i, line)| {
            let line = line.trim_end_matches('\r');
            if marsad_text::tsv::trim(line).is_empty() || line.starts_with('#') {
                return None;
            }
            if !seen_header {
                seen_header = true;
                return None;
            }
            let mut fields = Fields {
                fields: [""; MAX_FIELDS],
                kept: 0,
            };
            let mut found = 0;
            for field in marsad_text::tsv::fields(line) {
                if let Some(slot) = fields.fields.get_mut(found) {
                    *slot = marsad_text::tsv::trim(field);
                    fields.kept = found + 1;
                }
                found += 1;
            }
            if found < min_fields {
                return Some(Err(data_error(
                    file,
                    i + 1,
                    format!("expected {min_fields} fields, found {found}"),
                )));
            }
            Some(Ok((i + 1, fields)))
        })
}

fn data_error(file: &str, line: usize, message: String) -> Error {
    Error::Data {
        file: file.to_string(),
        line,
        message,
    }
}

fn parse_coord(file: &str, line: usize, s: &str) -> Result<Option<f64>, Error> {
    if s.is_empty() {
        return Ok(None);
    }
    s.parse::<f64>()
        .map(Some)
        .map_err(|_| data_error(file, line, format!("bad coordinate {s:?}")))
}

impl KnowledgeBase {
    /// The copy bundled in the binary (`crates/extract/data/kb/*.tsv`).
    pub fn bundled() -> Result<KnowledgeBase, Error> {
        KnowledgeBase::from_tsv(
            ENTITIES_TSV,
            ALIASES_TSV,
            TITLES_TSV,
            OFFICES_TSV,
            DIRECTIONS_TSV,
        )
    }

    /// Reads a knowledge base from the text of its five tables.
    pub fn from_tsv(
        entities: &str,
        aliases: &str,
        titles: &str,
        offices: &str,
        directions: &str,
    ) -> Result<KnowledgeBase, Error> {
        let mut kb = KnowledgeBase::default();
        // Sized from the line count, so the map never grows while it fills (the alias
        // map is left to grow: the phrase index is built in its order).
        kb.by_id.reserve(marsad_text::tsv::newlines(entities) + 1);
        let mut parents: Vec<(usize, usize, String)> = Vec::new();
        for row in rows("entities.tsv", entities, 4) {
            let (line, f) = row?;
            let kind = EntityType::parse(f[1])
                .ok_or_else(|| data_error("entities.tsv", line, format!("bad type {:?}", f[1])))?;
            let get = |i: usize| f.get(i).copied().unwrap_or("");
            let lat = parse_coord("entities.tsv", line, get(4))?;
            let lon = parse_coord("entities.tsv", line, get(5))?;
            let geo = match (lat, lon) {
                (Some(lat), Some(lon)) => Some(Geo { lat, lon }),
                _ => None,
            };
            let roles = get(6)
                .split('|')
                .map(str::trim)
                .filter(|r| !r.is_empty())
                .map(str::to_string)
                .collect();
            let id = f[0].to_string();
            if id.is_empty() || kb.by_id.contains_key(&id) {
                return Err(data_error(
                    "entities.tsv",
                    line,
                    format!("empty or repeated id {id:?}"),
                ));
            }
            let idx = kb.entities.len();
            if !get(7).is_empty() {
                parents.push((idx, line, get(7).to_string()));
            }
            kb.by_id.insert(id.clone(), idx);
            kb.entities.push(KbEntity {
                id,
                kind,
                name_ar: f[2].to_string(),
                name_en: f[3].to_string(),
                geo,
                roles,
                parent: None,
            });
        }
        for (idx, line, parent) in parents {
            let p = kb.lookup(&parent, "entities.tsv", line)?;
            kb.entities[idx].parent = Some(p);
        }
        kb.has_nisba = vec![false; kb.entities.len()];
        // Every canonical Arabic name is a name alias.
        for i in 0..kb.entities.len() {
            let written = kb.entities[i].name_ar.as_str();
            let n = normalize_phrase(written);
            note_seat(&mut kb.alias_seats, &n, written);
            kb.add_alias(n, i, AliasKind::Name);
        }
        // Inflected nisba forms come after the table's own aliases, which win.
        let mut generated: Vec<(String, usize)> = Vec::new();
        for row in rows("aliases.tsv", aliases, 2) {
            let (line, f) = row?;
            let idx = kb.lookup(f[1], "aliases.tsv", line)?;
            let kind = match f.get(2).copied().unwrap_or("name") {
                "" | "name" => AliasKind::Name,
                "nisba" => AliasKind::Nisba,
                k => {
                    return Err(data_error(
                        "aliases.tsv",
                        line,
                        format!("bad alias kind {k:?}"),
                    ))
                }
            };
            let n = normalize_phrase(f[0]);
            note_seat(&mut kb.alias_seats, &n, f[0]);
            if n.is_empty() {
                return Err(data_error("aliases.tsv", line, "empty alias".to_string()));
            }
            if kind == AliasKind::Nisba {
                kb.has_nisba[idx] = true;
                generated.extend(nisba_forms(&n).into_iter().map(|f| (f, idx)));
            }
            kb.add_alias(n, idx, kind);
        }
        // `add_alias` keeps a target an alias already has where it is (one lookup).
        for (form, idx) in generated {
            kb.add_alias(form, idx, AliasKind::Nisba);
        }
        for row in rows("titles.tsv", titles, 3) {
            let (line, f) = row?;
            let implied_of = match f.get(3).copied().filter(|x| !x.is_empty()) {
                Some(id) => Some(kb.lookup(id, "titles.tsv", line)?),
                None => None,
            };
            kb.titles.push(Title {
                title_ar: f[0].to_string(),
                role_key: f[1].to_string(),
                role_en: f[2].to_string(),
                implied_of,
                title_en: f
                    .get(4)
                    .copied()
                    .filter(|x| !x.is_empty())
                    .map(str::to_string),
            });
        }
        for row in rows("offices.tsv", offices, 3) {
            let (line, f) = row?;
            let of = kb.lookup(f[1], "offices.tsv", line)?;
            let holder = kb.lookup(f[2], "offices.tsv", line)?;
            kb.offices.push(Office {
                role_key: f[0].to_string(),
                of,
                holder,
                from: f.get(3).copied().unwrap_or("").to_string(),
                to: f.get(4).copied().unwrap_or("").to_string(),
            });
        }
        for row in rows("directions.tsv", directions, 3) {
            let (_, f) = row?;
            kb.directions.push(Direction {
                word: f[0].to_string(),
                direction_en: f[1].to_string(),
                slug: f[2].to_string(),
            });
        }
        kb.index = PhraseIndex::build(&kb);
        Ok(kb)
    }

    fn lookup(&self, id: &str, file: &str, line: usize) -> Result<usize, Error> {
        self.by_id
            .get(id)
            .copied()
            .ok_or_else(|| data_error(file, line, format!("unknown entity id {id:?}")))
    }

    /// The entities that contain `idx`, nearest first, up to `depth` levels (its
    /// province, its country...).
    pub fn ancestors(&self, idx: usize, depth: usize) -> impl Iterator<Item = usize> + '_ {
        std::iter::successors(self.entity(idx).and_then(|x| x.parent), move |&p| {
            self.entity(p).and_then(|x| x.parent)
        })
        .take(depth)
    }

    /// True when `written`, a word as the text spells it (clitics removed), has a hamza
    /// seat that no spelling of the one-word alias it normalises to has:
    /// - at its start, every spelling of the alias starting with another seat: `أب`
    ///   (father) and `آب` (August) are not `إب` (Ibb); a spelling without hamza fits any
    ///   alias, and an alias spelt once without hamza fits any spelling;
    /// - right after a proclitic letter, where the alias has a bare alef: `وأم` is `و` +
    ///   `أم` ("and mother"), not `وام` (WAM), the hamza marking where the word starts.
    pub fn hamza_contradicts(&self, written: &str) -> bool {
        let Some((at, bit)) = alef_seat(written) else {
            return false;
        };
        if bit == BARE_ALEF {
            return false;
        }
        let normalized = normalize_phrase(written);
        self.alias_seats
            .get(&normalized)
            .is_some_and(|&seats| seats & bit == 0 && (at == 1 || seats & BARE_ALEF == 0))
    }

    fn add_alias(&mut self, alias: String, idx: usize, kind: AliasKind) {
        if alias.is_empty() {
            return;
        }
        let v = self.aliases.entry(alias).or_default();
        if !v.iter().any(|&(i, _)| i == idx) {
            v.push((idx, kind));
        }
    }

    /// All entities, in table order.
    pub fn entities(&self) -> &[KbEntity] {
        &self.entities
    }

    /// The entity with this index.
    pub fn entity(&self, idx: usize) -> Option<&KbEntity> {
        self.entities.get(idx)
    }

    /// Index of the entity with this id.
    pub fn index_of(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Entities named by a normalised alias (see [`normalize_phrase`]).
    pub fn aliases_of(&self, normalized: &str) -> &[(usize, AliasKind)] {
        self.aliases
            .get(normalized)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The aliases that start with `prefix`, in byte order, with their targets.
    pub fn aliases_with_prefix<'a>(
        &'a self,
        prefix: &'a str,
    ) -> impl Iterator<Item = (&'a str, &'a [(usize, AliasKind)])> + 'a {
        let sorted = self
            .sorted_aliases
            .get_or_init(|| sorted_by_bytes(self.aliases.keys().cloned().collect()));
        let from = sorted.partition_point(|a| a.as_str() < prefix);
        sorted[from..]
            .iter()
            .take_while(move |a| a.starts_with(prefix))
            .map(|a| (a.as_str(), self.aliases_of(a)))
    }

    /// The person a name of two words or more (normalised) names in another spelling of
    /// a foreign name: `زيجمار جابريل` for `زيغمار غابرييل` (Sigmar Gabriel). Both read
    /// the same under [`spelling_key`], and no other entity's alias does.
    pub fn person_by_spelling_variant(&self, normalized: &str) -> Option<usize> {
        if !normalized.contains(' ') {
            return None;
        }
        let keys = self.person_spellings.get_or_init(|| {
            let mut keys: FastMap<String, Option<usize>> = FastMap::default();
            for (alias, targets) in self.aliases() {
                if !alias.contains(' ') {
                    continue;
                }
                let mut people = targets.iter().map(|&(e, _)| e);
                let first = people.next();
                let one_person = first.filter(|&e| {
                    people.all(|x| x == e)
                        && self.entity(e).is_some_and(|x| x.kind == EntityType::Person)
                });
                keys.entry(spelling_key(alias))
                    .and_modify(|v| {
                        if *v != one_person {
                            *v = None;
                        }
                    })
                    .or_insert(one_person);
            }
            keys
        });
        keys.get(&spelling_key(normalized)).copied().flatten()
    }

    /// The well-known place (a state, a capital, city, province, region or river) that a
    /// one-word place name (normalised) spells with one letter off: a long vowel more,
    /// less or another (`دكار` for `داكار`, `دينفر` for `دنفر`, `بولتيمور` for
    /// `بالتيمور`), or `غ`, `ق` and `ج` for one another (`قوانزو` for `غوانزو`), never at
    /// the first or last letter (where articles and the nisba ending `ي` live).
    /// Substitutions need five letters or more. `None` unless exactly one such place
    /// has a name (not a nisba) so spelt, and none when a place has the name as written.
    pub fn place_by_spelling_variant(&self, normalized: &str) -> Option<usize> {
        const VOWELS: [char; 3] = ['ا', 'و', 'ي'];
        const G: [char; 3] = ['غ', 'ق', 'ج'];
        let chars: Vec<char> = normalized.chars().collect();
        let n = chars.len();
        let bare = n - if normalized.starts_with("ال") { 2 } else { 0 };
        let spelt_right = self.aliases_of(normalized).iter().any(|&(k, kind)| {
            kind == AliasKind::Name
                && self
                    .entity(k)
                    .is_some_and(|e| matches!(e.kind, EntityType::Gpe | EntityType::Loc))
        });
        if normalized.contains(' ') || bare < 4 || spelt_right {
            return None;
        }
        let well_known = |k: usize| {
            self.entity(k).is_some_and(|e| {
                matches!(e.kind, EntityType::Gpe | EntityType::Loc)
                    && (self.is_country(k)
                        || e.roles.iter().any(|r| {
                            ["state", "capital", "city", "province", "region", "river"]
                                .iter()
                                .any(|w| r.contains(w))
                        }))
            })
        };
        let mut found: Option<usize> = None;
        let mut many = false;
        let mut spelt = String::with_capacity(normalized.len() + 2);
        let mut try_spelling = |word: &mut dyn Iterator<Item = char>| {
            spelt.clear();
            spelt.extend(word);
            for &(k, kind) in self.aliases_of(&spelt) {
                if kind == AliasKind::Name && well_known(k) {
                    match found {
                        Some(f) if f != k => many = true,
                        _ => found = Some(k),
                    }
                }
            }
        };
        let at = |i: usize, c: char| {
            let (head, tail) = chars.split_at(i);
            head.iter()
                .copied()
                .chain(std::iter::once(c))
                .chain(tail.iter().skip(1).copied())
        };
        for i in 1..n.saturating_sub(1) {
            let c = chars[i];
            // Without the letter, or with another in its place.
            if VOWELS.contains(&c) {
                try_spelling(&mut chars[..i].iter().chain(&chars[i + 1..]).copied());
            }
            let others: &[char] = if n < 5 {
                &[]
            } else if VOWELS.contains(&c) {
                &VOWELS
            } else if G.contains(&c) {
                &G
            } else {
                &[]
            };
            for &o in others.iter().filter(|&&o| o != c) {
                try_spelling(&mut at(i, o));
            }
            // A long vowel before the letter.
            for v in VOWELS {
                try_spelling(
                    &mut chars[..i]
                        .iter()
                        .copied()
                        .chain([v])
                        .chain(chars[i..].iter().copied()),
                );
            }
        }
        found.filter(|_| !many)
    }

    /// Every alias with its targets (in no particular order).
    pub fn aliases(&self) -> impl Iterator<Item = (&str, &[(usize, AliasKind)])> {
        self.aliases.iter().map(|(k, v)| (k.as_str(), v.as_slice()))
    }

    /// Titles, in table order.
    pub fn titles(&self) -> &[Title] {
        &self.titles
    }

    /// Offices, in table order.
    pub fn offices(&self) -> &[Office] {
        &self.offices
    }

    /// Direction words, in table order.
    pub fn directions(&self) -> &[Direction] {
        &self.directions
    }

    /// True when the entity has a nisba (it is a state or a state-like GPE).
    pub fn has_nisba(&self, idx: usize) -> bool {
        self.has_nisba.get(idx).copied().unwrap_or(false)
    }

    /// True when the entity is a country-level GPE: a GPE with a nisba or without a parent.
    pub fn is_country(&self, idx: usize) -> bool {
        self.entities.get(idx).is_some_and(|e| {
            e.kind == EntityType::Gpe && (self.has_nisba(idx) || e.parent.is_none())
        })
    }

    /// The country of an entity: itself when it is one, else its nearest country among
    /// three levels of parents (a city's, a ministry's, a club's).
    pub fn country_of(&self, idx: usize) -> Option<usize> {
        std::iter::once(idx)
            .chain(self.ancestors(idx, 3))
            .find(|&x| self.is_country(x))
    }

    /// The holder of `role_key` of entity `of` on `date` (`YYYY-MM-DD`), or the current
    /// holder when the date is unknown.
    pub fn office_holder(&self, role_key: &str, of: usize, date: Option<&str>) -> Option<usize> {
        let mut best: Option<&Office> = None;
        for o in &self.offices {
            if o.role_key != role_key || o.of != of {
                continue;
            }
            let holds = match date {
                Some(d) => {
                    (o.from.is_empty() || o.from.as_str() <= d)
                        && (o.to.is_empty() || d <= o.to.as_str())
                }
                None => o.to.is_empty(),
            };
            if holds && best.is_none_or(|b| b.from < o.from) {
                best = Some(o);
            }
        }
        best.map(|o| o.holder)
    }
}

/// Records in `seats` the alef seat a one-word alias is spelt with, at its start or right
/// after a first letter that is also a proclitic (`وام`).
fn note_seat(seats: &mut FastMap<String, u8>, normalized: &str, written: &str) {
    if normalized.contains(' ') {
        return;
    }
    if let Some((_, bit)) = alef_seat(written) {
        *seats.entry(normalized.to_string()).or_default() |= bit;
    }
}

/// The first 16 bytes of `s` read as one big-endian number (zero bytes past its end): a
/// key whose order is the byte order of the strings wherever the keys differ.
fn byte_order_key(s: &str) -> u128 {
    let mut b = [0u8; 16];
    let n = s.len().min(16);
    b[..n].copy_from_slice(&s.as_bytes()[..n]);
    u128::from_be_bytes(b)
}

/// `strings` sorted in byte order, as `sort_unstable` sorts them, comparing most pairs
/// by one number (their first 16 bytes, [`byte_order_key`]) rather than byte by byte.
fn sorted_by_bytes(strings: Vec<String>) -> Vec<String> {
    let mut keyed: Vec<(u128, String)> = strings
        .into_iter()
        .map(|s| (byte_order_key(&s), s))
        .collect();
    keyed.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
    keyed.into_iter().map(|(_, s)| s).collect()
}

/// The seat bit of a bare alef (see [`alef_seat`]).
const BARE_ALEF: u8 = 8;

/// The alef a written word starts with, or that follows a first letter that is also a
/// proclitic (`و ف ب ل ك`), as (position 0 or 1, seat bit): `أ` 1, `إ` 2, `آ` 4, a bare
/// `ا` [`BARE_ALEF`]. Diacritics and tatweel are skipped.
fn alef_seat(written: &str) -> Option<(usize, u8)> {
    let mut letters = written
        .chars()
        .filter(|c| !matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}'));
    let bit = |c: char| match c {
        'أ' => Some(1),
        'إ' => Some(2),
        'آ' => Some(4),
        'ا' => Some(BARE_ALEF),
        _ => None,
    };
    let first = letters.next()?;
    if let Some(b) = bit(first) {
        return Some((0, b));
    }
    if matches!(first, 'و' | 'ف' | 'ب' | 'ل' | 'ك') {
        return letters.next().and_then(bit).map(|b| (1, b));
    }
    None
}

/// The inflected forms of a nisba alias: definite and indefinite, masculine and
/// feminine, sound plurals and duals (`السوري` → `سوري`, `السورية`, `السوريون`, ...).
pub fn nisba_forms(alias: &str) -> Vec<String> {
    if alias.contains(' ') {
        return Vec::new();
    }
    let bare = alias.strip_prefix("ال").unwrap_or(alias);
    let stem = ["يتين", "يين", "يون", "يان", "ية", "ي"]
        .iter()
        .find_map(|suf| bare.strip_suffix(suf).filter(|s| s.chars().count() >= 2))
        .unwrap_or("");
    if stem.is_empty() {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(14);
    for suf in ["ي", "ية", "يون", "يين", "يان", "يتين", "يات"] {
        out.push([stem, suf].concat());
        out.push(["ال", stem, suf].concat());
    }
    out
}

#[cfg(test)]
mod tests {

    #[test]
    fn another_spelling_of_a_foreign_name_finds_its_person() {
        let kb = KnowledgeBase::bundled().expect("bundled kb");
        let id = |name: &str| {
            kb.person_by_spelling_variant(&normalize_phrase(name))
                .and_then(|i| kb.entity(i))
                .map(|e| e.id.as_str())
        };
        assert_eq!(id("زيجمار جابريل"), Some("person:sigmar-gabriel"));
        assert_eq!(id("ديفيد ميليبند"), Some("person:david-miliband"));
        // An Arabic name with the article keeps its alefs; one word is never enough.
        assert_eq!(id("محمد العامري"), None);
        assert_eq!(id("جابريل"), None);
        assert_eq!(spelling_key("غابرييل مورا"), spelling_key("جابريل مورا"));
        assert_ne!(spelling_key("رودريجو مورا"), spelling_key("رودريجو مور"));
    }
    #[test]
    fn a_place_spelt_one_letter_off_is_the_well_known_place() {
        let kb = KnowledgeBase::bundled().expect("bundled kb");
        let id = |name: &str| {
            kb.place_by_spelling_variant(&normalize_phrase(name))
                .and_then(|i| kb.entity(i))
                .map(|e| e.id.as_str())
        };
        // A long vowel more or less, another in its place, ق or ج for غ.
        assert_eq!(id("دكار"), Some("gpe:dakar"));
        assert_eq!(id("دينفر"), Some("gpe:denver"));
        assert_eq!(id("بولتيمور"), Some("gpe:baltimore"));
        assert_eq!(id("بلقراد"), Some("gpe:belgrade"));
        assert_eq!(id("اوجندا"), Some("gpe:uganda"));
        assert_eq!(id("لوكسمبرغ"), Some("gpe:luxembourg"));
        // Not the nisba ending, not a substitution in a short word, not two words, and
        // not a place spelt right (that is no variant of another).
        assert_eq!(id("بيروتي"), None);
        assert_eq!(id("كاتو"), None);
        assert_eq!(id("مدينة دكار"), None);
        assert_eq!(id("بيرات"), None);
    }

    use super::*;

    pub(crate) const ENTITIES: &str =
        "# test\nid\ttype\tname_ar\tname_en\tlat\tlon\troles\tparent\n\
gpe:syria\tGPE\tسوريا\tSyria\t34.80\t39.00\t\t\n\
person:x\tPERSON\tأحمد الشرع\tAhmed al-Sharaa\t\t\tpresident of Syria\t\n";

    #[test]
    fn loads_tables_and_nisba_forms() {
        let kb = KnowledgeBase::from_tsv(
            ENTITIES,
            "alias\tid\tkind\nالسوري\tgpe:syria\tnisba\nسورية\tgpe:syria\tname\n",
            "title_ar\trole_key\trole_en\nالرئيس\tpresident\tpresident\n",
            "role_key\tof\tholder\tfrom\tto\npresident\tgpe:syria\tperson:x\t2025-01-29\t\n",
            "word\tdirection_en\tslug\nشمال\tnorth\tnorth\n",
        )
        .expect("parses");
        let syria = kb.index_of("gpe:syria").expect("syria");
        assert_eq!(kb.aliases_of("السوريين"), &[(syria, AliasKind::Nisba)]);
        assert_eq!(kb.aliases_of("سورية"), &[(syria, AliasKind::Name)]);
        assert_eq!(kb.aliases_of("احمد الشرع").len(), 1);
        let with_prefix: Vec<&str> = kb.aliases_with_prefix("سوري").map(|(a, _)| a).collect();
        let mut expected: Vec<&str> = kb
            .aliases()
            .map(|(a, _)| a)
            .filter(|a| a.starts_with("سوري"))
            .collect();
        expected.sort_unstable();
        assert_eq!(with_prefix, expected);
        assert!(with_prefix.contains(&"سوريا") && with_prefix.contains(&"سورية"));
        assert_eq!(kb.aliases_with_prefix("سوريا ").count(), 0);
        assert!(kb.is_country(syria));
        let x = kb.index_of("person:x");
        assert_eq!(kb.office_holder("president", syria, Some("2026-01-29")), x);
        assert_eq!(
            kb.office_holder("president", syria, Some("2024-01-01")),
            None
        );
    }

    #[test]
    fn reports_file_and_line() {
        let err = KnowledgeBase::from_tsv(
            ENTITIES,
            "alias\tid\tkind\nفلان\tgpe:nowhere\tname\n",
            "",
            "",
            "",
        )
        .expect_err("unknown id");
        assert_eq!(
            err.to_string(),
            "aliases.tsv:2: unknown entity id \"gpe:nowhere\""
        );
    }

    #[test]
    fn sorting_by_byte_order_keys_is_sorting_by_bytes() {
        // Short, long, shared prefixes of 16 bytes and more, NUL bytes, Arabic and Latin.
        let mut words: Vec<String> = [
            "",
            "a",
            "a\0",
            "a\0\0",
            "ab",
            "b",
            "ال",
            "الا",
            "الامم المتحدة",
            "الامم المتحدة للطفولة",
            "الامم المتحدة للتنمية",
            "سوريا",
            "سورية",
            "0123456789abcdef",
            "0123456789abcdefg",
            "0123456789abcdef\0",
            "0123456789abcdeF",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let mut x: u64 = 7;
        for _ in 0..500 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let len = (x >> 59) as usize + 10;
            let word: String = (0..len)
                .map(|k| ['ا', 'ل', 'م', ' ', 'a', '\0'][((x >> (k % 50)) % 6) as usize])
                .collect();
            words.push(word);
        }
        let mut want = words.clone();
        want.sort_unstable();
        assert_eq!(sorted_by_bytes(words), want);
        assert!(byte_order_key("ab") < byte_order_key("b"));
        assert_eq!(
            byte_order_key("0123456789abcdefg"),
            byte_order_key("0123456789abcdefh")
        );
    }

    /// [`normalize_phrase`] word by word, as it reads a phrase that is not single-spaced.
    fn normalize_phrase_word_by_word(s: &str) -> String {
        let words: Vec<String> = s
            .split_whitespace()
            .map(|w| marsad_text::normalize_word(w, Folding::MATCH))
            .filter(|w| !w.is_empty())
            .collect();
        words.join(" ")
    }

    #[test]
    fn folding_leaves_every_whitespace_character_as_it_is() {
        // `normalize_phrase` folds a phrase whole on the strength of this.
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            if c.is_whitespace() {
                let mut folded = String::new();
                normalize_into(c.encode_utf8(&mut [0; 4]), Folding::MATCH, &mut folded);
                assert_eq!(folded, c.to_string(), "{c:?}");
            }
        }
    }

    #[test]
    fn a_single_spaced_phrase_folds_as_its_words_do() {
        let kb = KnowledgeBase::bundled().expect("bundled kb");
        let mut phrases: Vec<String> = kb.entities().iter().map(|e| e.name_ar.clone()).collect();
        phrases.extend(
            [
                "",
                " ",
                "أ",
                "ـ",
                "ً",
                "ً ً",
                "أحمد ً الشرع",
                "ً أحمد",
                "أحمد ً",
                "أحمد  الشرع",
                " أحمد",
                "أحمد ",
                "أحمد\tالشرع",
                "أحمد\u{a0}الشرع",
                "أحمد\u{2009}الشرع",
                "مُحَمَّدٌ عليّ",
                "الســـلام عليكم",
                "هٰذا",
                "Abu Dhabi",
                "إمارة أبوظبي",
                "\u{200c}",
                "ة ى آ إ ؤ ئ",
            ]
            .iter()
            .map(|s| s.to_string()),
        );
        // Every character of the Arabic blocks, alone and between two words.
        for cp in (0x0600u32..0x0700)
            .chain(0x0750..0x0780)
            .chain(0xFB50..0xFE00)
            .chain(0xFE70..0xFF00)
        {
            if let Some(c) = char::from_u32(cp) {
                phrases.push(c.to_string());
                phrases.push(format!("باب {c} دار"));
            }
        }
        for p in &phrases {
            assert_eq!(
                normalize_phrase(p),
                normalize_phrase_word_by_word(p),
                "{p:?}"
            );
        }
        assert!(single_spaced("باب دار") && single_spaced("") && single_spaced("a"));
        assert!(
            !single_spaced("باب  دار") && !single_spaced(" باب") && !single_spaced("باب\u{a0}دار")
        );
    }

    #[test]
    fn bundled_parses() {
        assert!(KnowledgeBase::bundled().is_ok());
    }
}
