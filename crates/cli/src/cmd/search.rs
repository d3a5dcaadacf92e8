//! `marsad search QUERY`: full-text search over the corpus, with filters.

use std::io::IsTerminal;

use marsad_store::{SearchQuery, Store};

/// Arguments of `marsad search`.
#[derive(clap::Args)]
pub struct Args {
    /// The query: words (Arabic forms match across clitics, diacritics and letter
    /// variants), `"phrases"`, `-excluded`, `OR`. Empty or `*` lists by filters only.
    #[arg(num_args = 0..)]
    query: Vec<String>,
    #[command(flatten)]
    store: crate::util::StoreDir,
    /// Only articles mentioning this entity (id, Arabic or English name).
    #[arg(long)]
    entity: Option<String>,
    /// Only articles mentioning an entity of this type (PERSON, ORG, GPE, LOC, FAC).
    #[arg(long = "type")]
    entity_type: Option<String>,
    /// Only articles quoting this speaker.
    #[arg(long)]
    speaker: Option<String>,
    /// Only articles with an event of this PLOVER type.
    #[arg(long)]
    event: Option<String>,
    /// Published on or after (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    from: Option<String>,
    /// Published on or before.
    #[arg(long)]
    to: Option<String>,
    /// Only this source.
    #[arg(long)]
    source: Option<String>,
    /// Most hits.
    #[arg(long, default_value_t = 10)]
    limit: usize,
    /// Hits to skip.
    #[arg(long, default_value_t = 0)]
    offset: usize,
    /// Include near duplicates.
    #[arg(long)]
    all: bool,
    /// Print JSON `{"total": N, "hits": [{"id","title","source","published","score","snippet"}]}`.
    #[arg(long)]
    json: bool,
}

/// Marks highlighted character ranges: bold on a terminal, `[…]` otherwise.
fn mark(fragment: &str, highlights: &[[usize; 2]], tty: bool) -> String {
    let (open, close) = if tty {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    let mut out = String::with_capacity(fragment.len() + 16);
    let mut hl = highlights.iter().peekable();
    for (i, c) in fragment.chars().enumerate() {
        if hl.peek().is_some_and(|r| r[0] == i) {
            out.push_str(open);
        }
        if c == '\n' {
            out.push(' ');
        } else {
            out.push(c);
        }
        if hl.peek().is_some_and(|r| r[1] == i + 1) {
            out.push_str(close);
            hl.next();
        }
    }
    out
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let store = args.store.open()?;
    let q = SearchQuery {
        text: args.query.join(" "),
        entity: args.entity,
        entity_type: args.entity_type,
        speaker: args.speaker,
        event: args.event,
        from: args.from,
        to: args.to,
        source: args.source,
        include_duplicates: args.all,
        limit: args.limit,
        offset: args.offset,
    };
    let r = store.search(&q)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&r)?);
        return Ok(());
    }
    let tty = std::io::stdout().is_terminal();
    println!("{} matching articles ({:.1} ms)", r.total, r.took_ms);
    for (i, h) in r.hits.iter().enumerate() {
        println!(
            "\n{:>2}. {}  [{}]  {}  {}  score {:.2}",
            i + 1 + args.offset,
            h.title.as_deref().unwrap_or("(untitled)"),
            h.id,
            h.published.as_deref().unwrap_or("????-??-??"),
            h.source,
            h.score
        );
        println!("    {}", mark(&h.fragment, &h.highlights, tty));
    }
    Ok(())
}
