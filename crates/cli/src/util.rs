//! Small helpers shared by the subcommands.

/// True for `YYYY-MM-DD`.
pub fn valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// Checks an optional `--published` flag.
pub fn check_published(p: &Option<String>) -> anyhow::Result<()> {
    if let Some(p) = p {
        anyhow::ensure!(valid_date(p), "--published must be YYYY-MM-DD, got {p:?}");
    }
    Ok(())
}

/// True when the error is a closed output pipe (`marsad … | head`), which ends a
/// command quietly.
pub fn broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .map(std::io::Error::kind)
            .or_else(|| {
                c.downcast_ref::<serde_json::Error>()
                    .and_then(serde_json::Error::io_error_kind)
            })
            == Some(std::io::ErrorKind::BrokenPipe)
    })
}

/// The first `n` characters of `s`, with an ellipsis when cut.
pub fn clip(s: &str, n: usize) -> String {
    let mut out: String = s.chars().take(n).collect();
    if s.chars().count() > n {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_clipping() {
        assert!(valid_date("2026-01-29"));
        assert!(!valid_date("2026-1-29"));
        assert!(!valid_date("29/01/2026"));
        assert_eq!(clip("abcdef", 3), "abc…");
        assert_eq!(clip("ab", 3), "ab");
    }
}

/// The `--data` option of every command that reads or writes the corpus store.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct StoreDir {
    /// Data folder (default: $MARSAD_DATA, else ./marsad-data).
    #[arg(long = "data")]
    pub data: Option<std::path::PathBuf>,
}

impl StoreDir {
    /// The folder this option names (see [`marsad_store::SqliteStore::data_dir`]).
    pub fn path(&self) -> std::path::PathBuf {
        marsad_store::SqliteStore::data_dir(self.data.as_deref())
    }

    /// Opens (or creates) the store in that folder.
    pub fn open(&self) -> anyhow::Result<marsad_store::SqliteStore> {
        let path = self.path();
        marsad_store::SqliteStore::open(&path)
            .map_err(|e| anyhow::anyhow!("opening the store in {}: {e}", path.display()))
    }
}

/// Prints corpus rows: pretty JSON with `--json`, else the table `write_table` writes.
pub fn print_rows<T: serde::Serialize>(
    rows: &[T],
    json: bool,
    write_table: impl FnOnce(&mut dyn std::io::Write) -> anyhow::Result<()>,
) -> anyhow::Result<()> {
    use std::io::Write;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if json {
        serde_json::to_writer_pretty(&mut out, rows)?;
        writeln!(out)?;
    } else {
        write_table(&mut out)?;
    }
    out.flush()?;
    Ok(())
}
