//! Corpus exports: JSONL (`marsad.document/1`), CSV (one row per article), GDELT GKG
//! 2.1-style TSV, GeoJSON (places with mention counts) and Parquet (articles).

use std::io::Write;
use std::str::FromStr;

use marsad_extract::{Document, EntityType};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::model::ArticleMeta;

/// An export format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    /// One `marsad.document/1` JSON object per line.
    Jsonl,
    /// One row per article with counts.
    Csv,
    /// GDELT Global Knowledge Graph 2.1-style TSV (27 columns, character offsets).
    Gkg,
    /// A GeoJSON FeatureCollection of places with mention counts.
    Geojson,
    /// Apache Parquet, one row per article (needs the `parquet` feature).
    Parquet,
}

impl FromStr for ExportFormat {
    type Err = Error;

    fn from_str(s: &str) -> Result<ExportFormat> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "jsonl" | "json" | "ndjson" => ExportFormat::Jsonl,
            "csv" => ExportFormat::Csv,
            "gkg" | "tsv" => ExportFormat::Gkg,
            "geojson" => ExportFormat::Geojson,
            "parquet" => ExportFormat::Parquet,
            other => {
                return Err(Error::Invalid(format!(
                    "unknown export format {other:?} (jsonl, csv, gkg, geojson, parquet)"
                )))
            }
        })
    }
}

/// What to export.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExportOptions {
    /// Include near and exact duplicates (off: each story once).
    pub include_duplicates: bool,
    /// Published on or after.
    pub from: Option<String>,
    /// Published on or before.
    pub to: Option<String>,
}

/// One stored article, for exports.
struct Row {
    rowid: i64,
    meta: ArticleMeta,
    doc: Option<Document>,
}

/// Calls `f` for every article in row order, a page at a time.
fn for_each_article(
    conn: &Connection,
    opts: &ExportOptions,
    mut f: impl FnMut(Row) -> Result<()>,
) -> Result<()> {
    let mut after = 0i64;
    let to = opts.to.as_deref().map(crate::db::date_upper);
    let mut st = conn.prepare(
        "SELECT rowid, id, source, url, title, author, published, duplicate_of, dup_kind, chars, doc, text
         FROM articles WHERE rowid > ?1 AND (?2 OR duplicate_of IS NULL)
           AND (?3 IS NULL OR published >= ?3) AND (?4 IS NULL OR published <= ?4)
         ORDER BY rowid LIMIT 500",
    )?;
    loop {
        let mut rows = st.query(params![after, opts.include_duplicates, opts.from, to])?;
        let mut page = Vec::new();
        while let Some(r) = rows.next()? {
            let meta = ArticleMeta {
                id: r.get(1)?,
                source: r.get(2)?,
                url: r.get(3)?,
                title: r.get(4)?,
                author: r.get(5)?,
                published: r.get(6)?,
                duplicate_of: r.get(7)?,
                duplicate_kind: r.get(8)?,
                chars: r.get::<_, i64>(9)? as u64,
            };
            let doc = crate::db::document_from_row(r.get(10)?, r.get(11)?)?;
            page.push(Row {
                rowid: r.get(0)?,
                meta,
                doc,
            });
        }
        drop(rows);
        let Some(last) = page.last().map(|r| r.rowid) else {
            break;
        };
        after = last;
        for row in page {
            f(row)?;
        }
    }
    Ok(())
}

fn io(e: std::io::Error) -> Error {
    Error::io("writing the export", e)
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Removes GKG delimiters from a value.
fn gkg_clean(s: &str) -> String {
    s.chars()
        .map(|c| {
            if matches!(c, '\t' | '\n' | '\r' | '#' | ';' | ',' | '|' | '<' | '>') {
                ' '
            } else {
                c
            }
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn gkg_date(published: Option<&str>) -> String {
    match published.and_then(|p| crate::index::day_number(p, false)) {
        Some(d) => format!("{d:08}000000"),
        None => String::new(),
    }
}

/// One GKG 2.1 line (27 tab-separated fields) for a document.
fn gkg_line(rowid: i64, meta: &ArticleMeta, doc: &Document) -> String {
    let date = gkg_date(meta.published.as_deref());
    let name = |e: &marsad_extract::Entity| {
        gkg_clean(if e.name_en.is_empty() {
            &e.name_ar
        } else {
            &e.name_en
        })
    };
    let first = |e: &marsad_extract::Entity| e.mentions.first().map_or(0, |m| m.start);
    let (mut persons, mut persons2, mut orgs, mut orgs2, mut locs, mut locs2, mut all) =
        (vec![], vec![], vec![], vec![], vec![], vec![], vec![]);
    for e in &doc.entities {
        let n = name(e);
        for m in &e.mentions {
            all.push(format!("{n},{}", m.start));
        }
        match e.kind {
            EntityType::Person => {
                persons.push(n.clone());
                persons2.extend(e.mentions.iter().map(|m| format!("{n},{}", m.start)));
            }
            EntityType::Org => {
                orgs.push(n.clone());
                orgs2.extend(e.mentions.iter().map(|m| format!("{n},{}", m.start)));
            }
            EntityType::Gpe | EntityType::Loc | EntityType::Fac => {
                let (lat, lon) = e.geo.map_or((String::new(), String::new()), |g| {
                    (g.lat.to_string(), g.lon.to_string())
                });
                let t = match e.kind {
                    EntityType::Gpe => 4,
                    _ => 5,
                };
                locs.push(format!("{t}#{n}###{lat}#{lon}#{}", e.id));
                locs2.push(format!("{t}#{n}####{lat}#{lon}#{}#{}", e.id, first(e)));
            }
        }
    }
    let themes: Vec<String> = doc
        .events
        .iter()
        .map(|e| format!("PLOVER_{},{}", gkg_clean(&e.kind), e.trigger.start))
        .collect();
    let dates: Vec<String> = doc
        .times
        .iter()
        .filter_map(|t| {
            let v = &t.value;
            let p: Vec<&str> = v.split('-').collect();
            let ok = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
            match p.as_slice() {
                [y] if ok(y, 4) => Some(format!("1#0#0#{y}#{}", t.start)),
                [y, m] if ok(y, 4) && ok(m, 2) => {
                    Some(format!("2#{}#0#{y}#{}", m.trim_start_matches('0'), t.start))
                }
                [y, m, d] if ok(y, 4) && ok(m, 2) && ok(d, 2) => Some(format!(
                    "4#{}#{}#{y}#{}",
                    m.trim_start_matches('0'),
                    d.trim_start_matches('0'),
                    t.start
                )),
                _ => None,
            }
        })
        .collect();
    let quotes: Vec<String> = doc
        .quotes
        .iter()
        .map(|q| {
            format!(
                "{}|{}|{}|{}",
                q.start,
                q.end.saturating_sub(q.start),
                gkg_clean(&q.cue),
                gkg_clean(&q.text)
            )
        })
        .collect();
    let amounts: Vec<String> = doc
        .quantities
        .iter()
        .map(|q| {
            let obj = q.about.as_deref().or(q.unit.as_deref()).unwrap_or("");
            format!("{},{},{}", q.value, gkg_clean(obj), q.start)
        })
        .collect();
    let title = meta.title.as_deref().map(gkg_clean).unwrap_or_default();
    let fields: [String; 27] = [
        format!(
            "{}-{rowid}",
            if date.is_empty() {
                "0".to_string()
            } else {
                date.clone()
            }
        ),
        date,
        "1".into(),
        gkg_clean(&meta.source),
        meta.url.clone().unwrap_or_else(|| meta.id.clone()),
        String::new(),
        String::new(),
        String::new(),
        themes.join(";"),
        locs.join(";"),
        locs2.join(";"),
        persons.join(";"),
        persons2.join(";"),
        orgs.join(";"),
        orgs2.join(";"),
        String::new(),
        dates.join(";"),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        quotes.join("#"),
        all.join(";"),
        amounts.join(";"),
        "srclc:ara;eng:marsad".into(),
        format!("<PAGE_TITLE>{title}</PAGE_TITLE>"),
    ];
    fields.join("\t")
}

/// Writes the export; returns the number of records written.
pub fn export(
    conn: &Connection,
    format: ExportFormat,
    opts: &ExportOptions,
    out: Box<dyn Write + Send>,
) -> Result<u64> {
    let mut out = std::io::BufWriter::new(out);
    let mut n = 0u64;
    match format {
        ExportFormat::Jsonl => for_each_article(conn, opts, |r| {
            if let Some(d) = r.doc {
                serde_json::to_writer(&mut out, &d)?;
                out.write_all(b"\n").map_err(io)?;
                n += 1;
            }
            Ok(())
        })?,
        ExportFormat::Csv => {
            writeln!(out, "id,published,source,url,title,author,duplicate_of,duplicate_kind,chars,entities,quotes,events")
                .map_err(io)?;
            for_each_article(conn, opts, |r| {
                let m = &r.meta;
                let (ents, quotes, events) = r.doc.as_ref().map_or((String::new(), 0, 0), |d| {
                    (
                        d.entities
                            .iter()
                            .map(|e| e.id.as_str())
                            .collect::<Vec<_>>()
                            .join(" "),
                        d.quotes.len(),
                        d.events.len(),
                    )
                });
                let opt = |s: &Option<String>| csv_field(s.as_deref().unwrap_or(""));
                writeln!(
                    out,
                    "{},{},{},{},{},{},{},{},{},{},{},{}",
                    csv_field(&m.id),
                    opt(&m.published),
                    csv_field(&m.source),
                    opt(&m.url),
                    opt(&m.title),
                    opt(&m.author),
                    opt(&m.duplicate_of),
                    opt(&m.duplicate_kind),
                    m.chars,
                    csv_field(&ents),
                    quotes,
                    events
                )
                .map_err(io)?;
                n += 1;
                Ok(())
            })?
        }
        ExportFormat::Gkg => for_each_article(conn, opts, |r| {
            if let Some(d) = &r.doc {
                writeln!(out, "{}", gkg_line(r.rowid, &r.meta, d)).map_err(io)?;
                n += 1;
            }
            Ok(())
        })?,
        ExportFormat::Geojson => {
            let mut st = conn.prepare(
                "SELECT id, type, name_ar, name_en, lat, lon, articles, mentions FROM entities
                 WHERE lat IS NOT NULL AND lon IS NOT NULL AND articles > 0 ORDER BY mentions DESC, id",
            )?;
            let feats = st
                .query_map([], |r| {
                    let lat: f64 = r.get(4)?;
                    let lon: f64 = r.get(5)?;
                    Ok(serde_json::json!({
                        "type": "Feature",
                        "geometry": {"type": "Point", "coordinates": [lon, lat]},
                        "properties": {
                            "id": r.get::<_, String>(0)?,
                            "type": r.get::<_, String>(1)?,
                            "name_ar": r.get::<_, String>(2)?,
                            "name_en": r.get::<_, String>(3)?,
                            "articles": r.get::<_, i64>(6)?,
                            "mentions": r.get::<_, i64>(7)?,
                        }
                    }))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            n = feats.len() as u64;
            serde_json::to_writer(
                &mut out,
                &serde_json::json!({"type": "FeatureCollection", "features": feats}),
            )?;
            out.write_all(b"\n").map_err(io)?;
        }
        ExportFormat::Parquet => {
            let inner = out.into_inner().map_err(|e| io(e.into_error()))?;
            return export_parquet(conn, opts, inner);
        }
    }
    out.flush().map_err(io)?;
    Ok(n)
}

#[cfg(feature = "parquet")]
fn export_parquet(
    conn: &Connection,
    opts: &ExportOptions,
    out: Box<dyn Write + Send>,
) -> Result<u64> {
    use arrow_array::{ArrayRef, Int64Array, RecordBatch, StringArray};
    use arrow_schema::{DataType, Field, Schema};
    use std::sync::Arc;

    let schema = Arc::new(Schema::new(vec![
        Field::new("id", DataType::Utf8, false),
        Field::new("published", DataType::Utf8, true),
        Field::new("source", DataType::Utf8, false),
        Field::new("url", DataType::Utf8, true),
        Field::new("title", DataType::Utf8, true),
        Field::new("duplicate_of", DataType::Utf8, true),
        Field::new("text", DataType::Utf8, false),
        Field::new("entities", DataType::Utf8, false),
        Field::new("quotes", DataType::Int64, false),
        Field::new("events", DataType::Int64, false),
    ]));
    let props = parquet::file::properties::WriterProperties::builder()
        .set_compression(parquet::basic::Compression::ZSTD(Default::default()))
        .build();
    let perr = |e: parquet::errors::ParquetError| Error::Invalid(format!("parquet: {e}"));
    let mut w =
        parquet::arrow::ArrowWriter::try_new(out, schema.clone(), Some(props)).map_err(perr)?;
    let mut n = 0u64;
    let mut rows: Vec<Row> = Vec::new();
    let flush = |rows: &mut Vec<Row>,
                 w: &mut parquet::arrow::ArrowWriter<Box<dyn Write + Send>>|
     -> Result<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let s = |f: &dyn Fn(&Row) -> Option<String>| -> ArrayRef {
            Arc::new(StringArray::from(rows.iter().map(f).collect::<Vec<_>>()))
        };
        let cols: Vec<ArrayRef> = vec![
            s(&|r| Some(r.meta.id.clone())),
            s(&|r| r.meta.published.clone()),
            s(&|r| Some(r.meta.source.clone())),
            s(&|r| r.meta.url.clone()),
            s(&|r| r.meta.title.clone()),
            s(&|r| r.meta.duplicate_of.clone()),
            s(&|r| Some(r.doc.as_ref().map(|d| d.text.clone()).unwrap_or_default())),
            s(&|r| {
                Some(
                    r.doc
                        .as_ref()
                        .map(|d| {
                            d.entities
                                .iter()
                                .map(|e| e.id.as_str())
                                .collect::<Vec<_>>()
                                .join(" ")
                        })
                        .unwrap_or_default(),
                )
            }),
            Arc::new(Int64Array::from(
                rows.iter()
                    .map(|r| r.doc.as_ref().map_or(0, |d| d.quotes.len() as i64))
                    .collect::<Vec<_>>(),
            )),
            Arc::new(Int64Array::from(
                rows.iter()
                    .map(|r| r.doc.as_ref().map_or(0, |d| d.events.len() as i64))
                    .collect::<Vec<_>>(),
            )),
        ];
        let batch = RecordBatch::try_new(schema.clone(), cols)
            .map_err(|e| Error::Invalid(format!("arrow: {e}")))?;
        w.write(&batch).map_err(perr)?;
        rows.clear();
        Ok(())
    };
    for_each_article(conn, opts, |r| {
        rows.push(r);
        n += 1;
        if rows.len() >= 1000 {
            flush(&mut rows, &mut w)?;
        }
        Ok(())
    })?;
    flush(&mut rows, &mut w)?;
    w.close().map_err(perr)?;
    Ok(n)
}

#[cfg(not(feature = "parquet"))]
fn export_parquet(
    _conn: &Connection,
    _opts: &ExportOptions,
    _out: Box<dyn Write + Send>,
) -> Result<u64> {
    Err(Error::Invalid(
        "this build has no parquet support (feature `parquet`)".into(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_parse() {
        assert_eq!("GKG".parse::<ExportFormat>().ok(), Some(ExportFormat::Gkg));
        assert!("xls".parse::<ExportFormat>().is_err());
    }

    #[test]
    fn csv_and_gkg_escaping() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"x\""), "\"say \"\"x\"\"\"");
        assert_eq!(gkg_clean("a#b;c\td"), "a b c d");
    }
}
