//! Main-content extraction from HTML pages (readability, via `dom_smoothie`), with the
//! page's title, author and publication date; a plain paragraph scraper when
//! readability finds nothing.

use dom_query::Document as Dom;
use dom_smoothie::{Config, Readability, TextMode};

/// What an HTML page gave.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlArticle {
    /// Title.
    pub title: Option<String>,
    /// Main text, paragraphs separated by blank lines.
    pub text: String,
    /// Publication date `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Author / byline.
    pub author: Option<String>,
}

/// The charset named in the first bytes of an HTML page (`<meta charset>` or
/// `content="text/html; charset=..."`), if any.
pub fn charset_hint(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.iter().map(|b| b.to_ascii_lowercase()).collect();
    let pos = lower.windows(8).position(|w| w == b"charset=")?;
    let rest = &lower[pos + 8..];
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| !(b.is_ascii_alphanumeric() || *b == b'-' || *b == b'_'))
        .unwrap_or(rest.len());
    (end > 0).then(|| String::from_utf8_lossy(&rest[..end]).into_owned())
}

/// Normalises a date as found in metadata to `YYYY-MM-DD` (or `YYYY-MM`): ISO 8601 with
/// or without time, `YYYY/MM/DD`, `YYYY-MM-DD HH:MM:SS`. Anything else gives `None`.
pub fn normalize_date(s: &str) -> Option<String> {
    let s = s.trim();
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    if !digits(0..4) {
        return None;
    }
    let sep = |i: usize| {
        b.get(i)
            .is_some_and(|c| *c == b'-' || *c == b'/' || *c == b'.')
    };
    if sep(4) && digits(5..7) {
        let (y, m) = (&s[0..4], &s[5..7]);
        let month: u32 = m.parse().ok()?;
        if !(1..=12).contains(&month) {
            return None;
        }
        if sep(7) && digits(8..10) {
            let day: u32 = s[8..10].parse().ok()?;
            if (1..=31).contains(&day) {
                return Some(format!("{y}-{m}-{}", &s[8..10]));
            }
        }
        return Some(format!("{y}-{m}"));
    }
    None
}

fn clean(s: &str) -> Option<String> {
    let t = s.split_whitespace().collect::<Vec<_>>().join(" ");
    (!t.is_empty()).then_some(t)
}

/// Collapses runs of blank lines and trims each line.
fn tidy_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank = 0;
    for line in s.lines() {
        let line = line.trim();
        if line.is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

/// Date from `<time datetime>` or common `<meta>` names that readability does not read.
fn dom_date(dom: &Dom) -> Option<String> {
    for sel in [
        "meta[property='article:published_time']",
        "meta[name='pubdate']",
        "meta[name='publishdate']",
        "meta[name='date']",
        "meta[itemprop='datePublished']",
        "meta[name='DC.date.issued']",
    ] {
        if let Some(d) = dom
            .select(sel)
            .attr("content")
            .and_then(|c| normalize_date(&c))
        {
            return Some(d);
        }
    }
    dom.select("time[datetime]")
        .iter()
        .filter_map(|t| t.attr("datetime"))
        .find_map(|d| normalize_date(&d))
}

/// Paragraph text when readability finds no article.
fn scrape(dom: &Dom) -> String {
    dom.select("script, style, noscript, nav, header, footer, aside")
        .remove();
    let paras: Vec<String> = dom
        .select("p, h1, h2, h3, li, blockquote")
        .iter()
        .filter_map(|p| clean(&p.text()))
        .collect();
    if paras.is_empty() {
        tidy_text(&dom.select("body").text())
    } else {
        paras.join("\n\n")
    }
}

/// Extracts the article of an HTML page. Never fails: a page with no text gives an
/// empty `text` (the caller reports it).
pub fn extract(html: &str, url: Option<&str>) -> HtmlArticle {
    let dom = Dom::from(html);
    let page_title = clean(&dom.select("title").text());
    let page_date = dom_date(&dom);
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Default::default()
    };
    let url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let parsed = Readability::new(html, url, Some(cfg)).and_then(|mut r| r.parse());
    match parsed {
        Ok(a) if !a.text_content.trim().is_empty() => HtmlArticle {
            title: clean(&a.title).or(page_title),
            text: tidy_text(&a.text_content),
            published: a
                .published_time
                .as_deref()
                .and_then(normalize_date)
                .or(page_date),
            author: a.byline.as_deref().and_then(clean),
        },
        _ => HtmlArticle {
            title: page_title,
            text: scrape(&dom),
            published: page_date,
            author: dom
                .select("meta[name='author']")
                .attr("content")
                .and_then(|c| clean(&c)),
        },
    }
}

/// Plain text of an HTML fragment (feed entry bodies).
pub fn fragment_text(html: &str) -> String {
    if !html.contains('<') {
        return tidy_text(html);
    }
    let dom = Dom::fragment(html);
    let paras: Vec<String> = dom
        .select("p")
        .iter()
        .filter_map(|p| clean(&p.text()))
        .collect();
    if paras.is_empty() {
        tidy_text(&dom.root().text())
    } else {
        paras.join("\n\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_normalised() {
        assert_eq!(
            normalize_date("2024-01-05T10:00:00+03:00").as_deref(),
            Some("2024-01-05")
        );
        assert_eq!(
            normalize_date("2015-07-21 02:51:32").as_deref(),
            Some("2015-07-21")
        );
        assert_eq!(normalize_date("2015/07/21").as_deref(), Some("2015-07-21"));
        assert_eq!(normalize_date("2015-13-01"), None);
        assert_eq!(normalize_date("أمس"), None);
        assert_eq!(normalize_date(""), None);
    }

    #[test]
    fn charset_is_found() {
        let page = br#"<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1256"></head>"#;
        assert_eq!(charset_hint(page).as_deref(), Some("windows-1256"));
        assert_eq!(
            charset_hint(b"<meta charset='utf-8'>").as_deref(),
            Some("utf-8")
        );
        assert_eq!(charset_hint(b"<html>"), None);
    }

    #[test]
    fn page_metadata_and_text() {
        let body = "<p>قال وزير الخارجية إن المحادثات ستستأنف الأسبوع المقبل في العاصمة بعد توقف دام شهرين كاملين.</p>".repeat(8);
        let page = format!(
            r#"<html><head><title>عنوان الخبر</title><meta property="article:published_time" content="2024-03-02T08:00:00Z"></head>
            <body><nav>القائمة</nav><article><h1>عنوان الخبر</h1>{body}</article></body></html>"#
        );
        let a = extract(&page, None);
        assert_eq!(a.published.as_deref(), Some("2024-03-02"));
        assert_eq!(a.title.as_deref(), Some("عنوان الخبر"));
        assert!(a.text.contains("المحادثات ستستأنف"));
        assert!(!a.text.contains("القائمة"));
    }

    #[test]
    fn time_element_and_truncated_pages() {
        let a = extract(
            "<html><body><time datetime=\"2023-11-09\">9</time><p>نص قصير",
            None,
        );
        assert_eq!(a.published.as_deref(), Some("2023-11-09"));
        assert!(a.text.contains("نص قصير"));
    }
}
