//! `marsad timeline NAME`: an entity's mentions and events over time.

use marsad_store::{Granularity, Store};

/// Arguments of `marsad timeline`.
#[derive(clap::Args)]
pub struct Args {
    /// Entity id, Arabic or English name.
    #[arg(required = true, num_args = 1..)]
    name: Vec<String>,
    #[command(flatten)]
    store: crate::util::StoreDir,
    /// Period: day, month or year.
    #[arg(long, default_value = "month")]
    by: String,
    /// Print JSON.
    #[arg(long)]
    json: bool,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let store = args.store.open()?;
    let g = match args.by.as_str() {
        "day" => Granularity::Day,
        "month" => Granularity::Month,
        "year" => Granularity::Year,
        other => anyhow::bail!("--by {other:?}: use day, month or year"),
    };
    let name = args.name.join(" ");
    let Some(t) = store.timeline(&name, g)? else {
        if args.json {
            println!("null");
        }
        anyhow::bail!("no entity {name:?} in the corpus");
    };
    if args.json {
        println!("{}", serde_json::to_string_pretty(&t)?);
        return Ok(());
    }
    println!(
        "{}  {} / {}",
        t.entity.id, t.entity.name_ar, t.entity.name_en
    );
    print_periods("period", &t.periods);
    print_events(&t.events);
    Ok(())
}

/// Prints counts per period with a bar of mentions (shared with `marsad entity`).
pub(crate) fn print_periods(label: &str, periods: &[marsad_store::PeriodCount]) {
    println!("\n{label:<12}  articles  mentions  events");
    let max = periods.iter().map(|m| m.mentions).max().unwrap_or(1).max(1);
    for m in periods {
        let bar = "█".repeat(((m.mentions * 30).div_ceil(max)) as usize);
        println!(
            "{:<12} {:>9} {:>9} {:>7}  {bar}",
            m.period, m.articles, m.mentions, m.events
        );
    }
}

/// Prints merged events, one line each (shared with `marsad entity`).
pub(crate) fn print_events(events: &[marsad_store::EventRow]) {
    if events.is_empty() {
        return;
    }
    println!("\nevents");
    for e in events {
        println!(
            "  {} {:<10} {:<12} {} → {}  ({} articles)",
            e.day.as_deref().unwrap_or("?"),
            e.kind,
            e.mode.as_deref().unwrap_or(""),
            e.actor_name
                .as_deref()
                .or(e.actor.as_deref())
                .unwrap_or("-"),
            e.target_name
                .as_deref()
                .or(e.target.as_deref())
                .unwrap_or("-"),
            e.articles
        );
    }
}
