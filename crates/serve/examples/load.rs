//! A bounded load test of a running `marsad serve` on loopback.
//!
//! ```text
//! cargo run --release -p marsad-serve --example load -- \
//!     --url http://127.0.0.1:8080 --requests 2000 --concurrency 4 --seconds 30
//! ```
//!
//! Takes the most mentioned entities from `/api/graph`, then for each scenario (search
//! by entity name, entity profile, entity page data, article) sends a fixed number of
//! requests over keep-alive connections, stopping early at the time cap. Prints
//! requests/s, p50 and p99 latency and the error count per scenario; exits non-zero on
//! any error. Only loopback addresses are accepted.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

struct Opts {
    addr: SocketAddr,
    host: String,
    requests: usize,
    concurrency: usize,
    seconds: u64,
}

fn parse_opts() -> Result<Opts, String> {
    let mut url = "http://127.0.0.1:8080".to_string();
    let (mut requests, mut concurrency, mut seconds) = (2000usize, 4usize, 30u64);
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--url" => url = val()?,
            "--requests" => requests = val()?.parse().map_err(|e| format!("--requests: {e}"))?,
            "--concurrency" => {
                concurrency = val()?.parse().map_err(|e| format!("--concurrency: {e}"))?
            }
            "--seconds" => seconds = val()?.parse().map_err(|e| format!("--seconds: {e}"))?,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    let host = url
        .strip_prefix("http://")
        .ok_or("only http:// URLs")?
        .trim_end_matches('/')
        .to_string();
    let addr = host
        .to_socket_addrs()
        .map_err(|e| format!("{host}: {e}"))?
        .next()
        .ok_or("no address")?;
    if !addr.ip().is_loopback() {
        return Err(format!("{addr} is not a loopback address"));
    }
    Ok(Opts {
        addr,
        host,
        requests: requests.clamp(1, 1_000_000),
        concurrency: concurrency.clamp(1, 64),
        seconds: seconds.clamp(1, 600),
    })
}

/// One keep-alive HTTP/1.1 connection.
struct Conn {
    reader: BufReader<TcpStream>,
    host: String,
    addr: SocketAddr,
}

impl Conn {
    fn open(addr: SocketAddr, host: &str) -> std::io::Result<Conn> {
        let s = TcpStream::connect_timeout(&addr, Duration::from_secs(5))?;
        s.set_read_timeout(Some(Duration::from_secs(30)))?;
        s.set_nodelay(true)?;
        Ok(Conn {
            reader: BufReader::new(s),
            host: host.to_string(),
            addr,
        })
    }

    /// GET `path`; answers (status, body).
    fn get(&mut self, path: &str) -> std::io::Result<(u16, Vec<u8>)> {
        match self.try_get(path) {
            Ok(r) => Ok(r),
            Err(_) => {
                // The server may close an idle connection: reconnect once.
                *self = Conn::open(self.addr, &self.host)?;
                self.try_get(path)
            }
        }
    }

    fn try_get(&mut self, path: &str) -> std::io::Result<(u16, Vec<u8>)> {
        let req = format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nAccept: */*\r\n\r\n",
            self.host
        );
        self.reader.get_mut().write_all(req.as_bytes())?;
        let bad = |m: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, m.to_string());
        let mut line = String::new();
        self.reader.read_line(&mut line)?;
        let status: u16 = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| bad("bad status line"))?;
        let (mut len, mut chunked) = (None, false);
        loop {
            line.clear();
            if self.reader.read_line(&mut line)? == 0 {
                return Err(bad("eof in headers"));
            }
            let l = line.trim_end();
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':') {
                let k = k.trim().to_ascii_lowercase();
                if k == "content-length" {
                    len = v.trim().parse::<usize>().ok();
                } else if k == "transfer-encoding" && v.to_ascii_lowercase().contains("chunked") {
                    chunked = true;
                }
            }
        }
        let mut body = Vec::new();
        if chunked {
            loop {
                line.clear();
                self.reader.read_line(&mut line)?;
                let n = usize::from_str_radix(line.trim().split(';').next().unwrap_or(""), 16)
                    .map_err(|_| bad("bad chunk size"))?;
                let mut chunk = vec![0; n + 2];
                self.reader.read_exact(&mut chunk)?;
                if n == 0 {
                    break;
                }
                body.extend_from_slice(&chunk[..n]);
            }
        } else {
            let n = len.ok_or_else(|| bad("no content-length"))?;
            body.resize(n, 0);
            self.reader.read_exact(&mut body)?;
        }
        Ok((status, body))
    }
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

struct Outcome {
    sent: usize,
    errors: usize,
    elapsed: Duration,
    latencies: Vec<Duration>,
}

fn run_scenario(o: &Opts, paths: &[String]) -> Outcome {
    let next = Arc::new(AtomicUsize::new(0));
    let deadline = Instant::now() + Duration::from_secs(o.seconds);
    let start = Instant::now();
    let workers: Vec<_> = (0..o.concurrency)
        .map(|_| {
            let next = Arc::clone(&next);
            let paths = paths.to_vec();
            let (addr, host, total) = (o.addr, o.host.clone(), o.requests);
            std::thread::spawn(move || {
                let mut lat = Vec::new();
                let mut errors = 0;
                let mut conn = match Conn::open(addr, &host) {
                    Ok(c) => c,
                    Err(_) => return (lat, 1),
                };
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= total || Instant::now() > deadline {
                        break;
                    }
                    let t = Instant::now();
                    match conn.get(&paths[i % paths.len()]) {
                        Ok((200, _)) => {}
                        _ => errors += 1,
                    }
                    lat.push(t.elapsed());
                }
                (lat, errors)
            })
        })
        .collect();
    let mut latencies = Vec::new();
    let mut errors = 0;
    for w in workers {
        match w.join() {
            Ok((l, e)) => {
                latencies.extend(l);
                errors += e;
            }
            Err(_) => errors += 1,
        }
    }
    latencies.sort_unstable();
    Outcome {
        sent: latencies.len(),
        errors,
        elapsed: start.elapsed(),
        latencies,
    }
}

fn pct(l: &[Duration], p: f64) -> f64 {
    if l.is_empty() {
        return 0.0;
    }
    let i = ((l.len() as f64 * p).ceil() as usize).clamp(1, l.len()) - 1;
    l[i].as_secs_f64() * 1000.0
}

fn main() {
    let o = match parse_opts() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("load: {e}");
            std::process::exit(2);
        }
    };
    let mut conn = match Conn::open(o.addr, &o.host) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("load: cannot connect to {}: {e}", o.addr);
            std::process::exit(2);
        }
    };
    let graph: serde_json::Value = match conn.get("/api/graph?limit=60") {
        Ok((200, b)) => serde_json::from_slice(&b).unwrap_or_default(),
        other => {
            eprintln!("load: /api/graph failed: {:?}", other.map(|r| r.0));
            std::process::exit(2);
        }
    };
    let nodes = graph["nodes"].as_array().cloned().unwrap_or_default();
    if nodes.is_empty() {
        eprintln!("load: the corpus has no entities");
        std::process::exit(2);
    }
    let field = |k: &str| -> Vec<String> {
        nodes
            .iter()
            .filter_map(|n| n[k].as_str().map(str::to_string))
            .collect()
    };
    let (ids, names) = (field("id"), field("name_ar"));
    let search: Vec<String> = names
        .iter()
        .map(|n| format!("/api/search?q={}&limit=20", enc(n)))
        .collect();
    let profile: Vec<String> = ids
        .iter()
        .map(|id| format!("/api/entities/{}", enc(id)))
        .collect();
    // What the entity page fetches.
    let entity_page: Vec<String> = ids
        .iter()
        .flat_map(|id| {
            let e = enc(id);
            [
                format!("/entity/{e}"),
                format!("/api/entities/{e}"),
                format!("/api/timeline?entity={e}"),
                format!("/api/graph?entity={e}&limit=16"),
                format!("/api/quotes?speaker={e}&limit=10"),
                format!("/api/events?actor={e}&limit=10"),
            ]
        })
        .collect();
    let articles: Vec<String> = match conn.get("/api/search?limit=100") {
        Ok((200, b)) => serde_json::from_slice::<serde_json::Value>(&b)
            .ok()
            .and_then(|v| v["hits"].as_array().cloned())
            .unwrap_or_default()
            .iter()
            .filter_map(|h| h["id"].as_str())
            .map(|id| format!("/api/articles/{}", enc(id)))
            .collect(),
        _ => Vec::new(),
    };
    println!(
        "load: {} requests per scenario (cap {} s), {} connections, {} entities",
        o.requests,
        o.seconds,
        o.concurrency,
        ids.len()
    );
    println!(
        "{:<22} {:>8} {:>7} {:>10} {:>9} {:>9}",
        "scenario", "requests", "errors", "req/s", "p50 ms", "p99 ms"
    );
    let mut failed = false;
    let scenarios = [
        ("search", search),
        ("entity profile", profile),
        ("entity page (6 calls)", entity_page),
        ("article", articles),
    ];
    for (name, paths) in scenarios.iter() {
        if paths.is_empty() {
            continue;
        }
        let r = run_scenario(&o, paths);
        failed |= r.errors > 0;
        println!(
            "{:<22} {:>8} {:>7} {:>10.1} {:>9.2} {:>9.2}",
            name,
            r.sent,
            r.errors,
            r.sent as f64 / r.elapsed.as_secs_f64().max(1e-9),
            pct(&r.latencies, 0.50),
            pct(&r.latencies, 0.99)
        );
    }
    if failed {
        std::process::exit(1);
    }
}
