//! `marsad quotes` (not built yet).

/// Arguments of `marsad quotes`.
#[derive(clap::Args)]
pub struct Args {
    /// Arguments, passed through.
    #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
    rest: Vec<String>,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let _ = args.rest;
    anyhow::bail!("`marsad quotes` is not built yet")
}
