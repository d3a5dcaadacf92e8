//! `marsad entity NAME`: an entity's profile across the corpus.

use marsad_store::{EntityFilter, Store};

/// Arguments of `marsad entity`.
#[derive(clap::Args)]
pub struct Args {
    /// Entity id (`person:vladimir-putin`), Arabic or English name.
    #[arg(required = true, num_args = 1..)]
    name: Vec<String>,
    #[command(flatten)]
    store: crate::util::StoreDir,
    /// Print the profile as JSON.
    #[arg(long)]
    json: bool,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let store = args.store.open()?;
    let name = args.name.join(" ");
    let Some(p) = store.entity(&name)? else {
        let close = store.entities(&EntityFilter {
            name: Some(name.clone()),
            limit: 5,
            ..Default::default()
        })?;
        if args.json {
            println!("null");
        }
        let hint: Vec<String> = close.iter().map(|e| e.id.clone()).collect();
        anyhow::bail!(
            "no entity {name:?} in the corpus{}",
            if hint.is_empty() {
                String::new()
            } else {
                format!(" (did you mean {}?)", hint.join(", "))
            }
        );
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&p)?);
        return Ok(());
    }
    let s = &p.summary;
    println!("{}  {} / {}  ({})", s.id, s.name_ar, s.name_en, s.kind);
    println!(
        "{} articles, {} mentions, {} – {}",
        s.articles,
        s.mentions,
        p.first_seen.as_deref().unwrap_or("?"),
        p.last_seen.as_deref().unwrap_or("?")
    );
    if !p.roles.is_empty() {
        println!("roles: {}", p.roles.join("; "));
    }
    if let Some(g) = p.geo {
        println!("position: {:.4}, {:.4}", g.lat, g.lon);
    }
    if !p.names.is_empty() {
        let names: Vec<String> = p
            .names
            .iter()
            .map(|n| format!("{} ({})", n.name, n.count))
            .collect();
        println!("written as: {}", names.join(", "));
    }
    if !p.per_month.is_empty() {
        super::timeline::print_periods("per month", &p.per_month);
    }
    if !p.co_occurring.is_empty() {
        println!("\nseen with");
        for c in &p.co_occurring {
            println!(
                "  {:>5}  {}  {} / {}",
                c.shared_articles, c.entity.id, c.entity.name_ar, c.entity.name_en
            );
        }
    }
    if !p.quotes.is_empty() {
        println!("\nquotes");
        for q in &p.quotes {
            let text: String = q.text.chars().take(160).collect();
            println!(
                "  {} {} [{}]: {}",
                q.published.as_deref().unwrap_or("?"),
                q.cue,
                q.article,
                text
            );
        }
    }
    super::timeline::print_events(&p.events);
    Ok(())
}
