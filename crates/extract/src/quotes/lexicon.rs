//! The quote lexicons: reporting cues and the words around speakers.
//!
//! Both are tab-separated data files under `data/lexicons/` (fields in `README.md` beside
//! this file), compiled in and parsed once.

use crate::entities::index::FastMap;
use std::sync::LazyLock;

/// How a reporting cue introduces its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueClass {
    /// A finite reporting verb (`قال`, `أكد`, `أشار إلى`).
    Verb,
    /// A circumstantial participle continuing the current speaker (`مشيرا إلى`).
    Participle,
    /// A source phrase attributing its clause (`بحسب`, `وفق`).
    Source,
    /// A relay verb (`نقلت X عن Y`): Y speaks, X relays.
    Relay,
}

/// One reporting cue of the lexicon.
#[derive(Debug, Clone)]
pub struct QuoteCue {
    /// How it introduces its content.
    pub class: CueClass,
    /// Governed prepositions or phrases, each as folded words (`["عن", "امله"]`).
    pub particles: Vec<Vec<String>>,
    /// True when a noun-phrase complement without a complementizer is reported content.
    pub np_complement: bool,
    /// True when such a complement counts only after the particle (`أشار إلى أهمية`).
    pub np_needs_particle: bool,
}

/// What a word says about a speaker phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeakerWord {
    /// Head of an unnamed source (`مسؤول`, `مصادر`).
    Unnamed,
    /// A title or descriptor that can precede a name (`الرئيس`, `المتحدث`, `باسم`).
    Title,
    /// A word that ends a speaker phrase (prepositions, particles).
    Stop,
    /// The pronoun-bearing noun of `من جانبه` / `من جهته`.
    OtherParty,
    /// Evidence that speaks for no one (`الأرقام`, `التوقعات`): as the subject of a cue
    /// (`تشير الأرقام إلى أن`, the figures show that) it makes no report.
    Evidence,
}

/// The parsed lexicons.
#[derive(Debug)]
pub struct Lexicons {
    /// Cues by folded form.
    pub cues: FastMap<String, QuoteCue>,
    /// Speaker words by folded form.
    pub speaker_words: FastMap<String, SpeakerWord>,
}

const CUES_TSV: &str = include_str!("../../data/lexicons/quote_cues.tsv");
const SPEAKER_WORDS_TSV: &str = include_str!("../../data/lexicons/quote_speaker_words.tsv");

/// The bundled lexicons, parsed on first use.
pub static LEXICONS: LazyLock<Lexicons> = LazyLock::new(|| {
    // The bundled files are checked by a test; a malformed line is skipped, never a panic.
    let cues = parse_cues(CUES_TSV).unwrap_or_default();
    let speaker_words = parse_speaker_words(SPEAKER_WORDS_TSV).unwrap_or_default();
    Lexicons {
        cues,
        speaker_words,
    }
});

/// Folds a word for lexicon look-ups: the text layer's matching folding plus ة → ه.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    out.extend(
        word.chars()
            .filter_map(|c| marsad_text::fold_char(c, marsad_text::Folding::MATCH))
            .map(|c| if c == 'ة' { 'ه' } else { c }),
    );
    out
}

fn data_lines(src: &str) -> impl Iterator<Item = (usize, &str)> {
    src.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end()))
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
}

/// Parses the cue lexicon; the error names the line.
pub fn parse_cues(src: &str) -> Result<FastMap<String, QuoteCue>, String> {
    let mut out = FastMap::default();
    for (n, line) in data_lines(src) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 4 {
            return Err(format!(
                "quote_cues.tsv:{n}: expected 4 fields, got {}",
                f.len()
            ));
        }
        let class = match f[2] {
            "verb" => CueClass::Verb,
            "participle" => CueClass::Participle,
            "source" => CueClass::Source,
            "relay" => CueClass::Relay,
            other => return Err(format!("quote_cues.tsv:{n}: unknown class {other:?}")),
        };
        let (np_complement, np_needs_particle) = match f[3] {
            "yes" => (true, false),
            "particle" => (true, true),
            "no" => (false, false),
            other => {
                return Err(format!(
                    "quote_cues.tsv:{n}: np must be yes/particle/no, got {other:?}"
                ))
            }
        };
        let particles = if f[1] == "-" {
            Vec::new()
        } else {
            f[1].split(',')
                .map(|p| p.split_whitespace().map(fold).collect::<Vec<_>>())
                .filter(|p| !p.is_empty())
                .collect()
        };
        for form in f[0].split(',').map(str::trim).filter(|s| !s.is_empty()) {
            out.insert(
                fold(form),
                QuoteCue {
                    class,
                    particles: particles.clone(),
                    np_complement,
                    np_needs_particle,
                },
            );
        }
    }
    Ok(out)
}

/// Parses the speaker-word lexicon; the error names the line.
pub fn parse_speaker_words(src: &str) -> Result<FastMap<String, SpeakerWord>, String> {
    let mut out = FastMap::default();
    for (n, line) in data_lines(src) {
        let f: Vec<&str> = line.split('\t').collect();
        if f.len() != 2 {
            return Err(format!(
                "quote_speaker_words.tsv:{n}: expected 2 fields, got {}",
                f.len()
            ));
        }
        let class = match f[1] {
            "unnamed" => SpeakerWord::Unnamed,
            "title" => SpeakerWord::Title,
            "stop" => SpeakerWord::Stop,
            "other" => SpeakerWord::OtherParty,
            "evidence" => SpeakerWord::Evidence,
            other => {
                return Err(format!(
                    "quote_speaker_words.tsv:{n}: unknown class {other:?}"
                ))
            }
        };
        out.insert(fold(f[0]), class);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_lexicons_parse() {
        let cues = parse_cues(CUES_TSV).expect("cue lexicon parses");
        assert!(cues.len() > 100);
        assert_eq!(
            cues.get(&fold("أكّد")).map(|c| c.class),
            Some(CueClass::Verb)
        );
        assert_eq!(
            cues.get(&fold("مشيرًا")).map(|c| c.class),
            Some(CueClass::Participle)
        );
        let words = parse_speaker_words(SPEAKER_WORDS_TSV).expect("speaker words parse");
        assert_eq!(words.get(&fold("مصادر")), Some(&SpeakerWord::Unnamed));
    }

    #[test]
    fn malformed_lines_name_the_line() {
        let err = parse_cues("# c\nقال\tverb\n").expect_err("two fields");
        assert!(err.contains(":2:"), "{err}");
        let err = parse_cues("قال\t-\tnoun\tno\n").expect_err("bad class");
        assert!(err.contains("noun"), "{err}");
        let err = parse_speaker_words("مصدر\tperson\n").expect_err("bad class");
        assert!(err.contains(":1:"), "{err}");
    }
}
