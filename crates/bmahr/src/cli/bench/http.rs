//! A small HTTP/1.1 load generator: keep-alive connections over plain `TcpStream`s, each
//! sending one GET at a time (closed loop) and timing it, for a fixed number of seconds.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// What one load run measured.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadRun {
    pub requests: u64,
    /// Requests answered with a status other than 2xx, or broken connections.
    pub errors: u64,
    pub rps: f64,
    pub p50_ms: f64,
    pub p99_ms: f64,
}

/// The `p`-th percentile (0–100) of sorted samples, by nearest rank: the smallest sample
/// that at least `p` % of the samples do not exceed. 0 for no samples.
pub fn percentile(sorted: &[u32], p: f64) -> u32 {
    if sorted.is_empty() {
        return 0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

/// The median of some values (the mean of the middle two for an even count); 0 for none.
pub fn median(values: &[f64]) -> f64 {
    let mut v: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return 0.0;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    }
}

/// Runs `concurrency` connections against `addr` for `duration`, each sending GETs of the
/// paths in turn (connection `i` starts at path `start + i`), with `Authorization: Bearer
/// token`.
pub async fn run(
    addr: SocketAddr,
    paths: Arc<Vec<String>>,
    token: Arc<String>,
    concurrency: usize,
    duration: Duration,
    start: usize,
) -> LoadRun {
    let started = Instant::now();
    let deadline = started + duration;
    let mut tasks = Vec::new();
    for i in 0..concurrency.max(1) {
        let paths = paths.clone();
        let token = token.clone();
        tasks.push(tokio::spawn(async move {
            worker(
                addr,
                &paths,
                &token,
                start + i,
                concurrency.max(1),
                deadline,
            )
            .await
        }));
    }
    let mut latencies: Vec<u32> = Vec::new();
    let mut errors = 0;
    for t in tasks {
        if let Ok((l, e)) = t.await {
            latencies.extend(l);
            errors += e;
        } else {
            errors += 1;
        }
    }
    let elapsed = started.elapsed().as_secs_f64().max(1e-9);
    latencies.sort_unstable();
    LoadRun {
        requests: latencies.len() as u64,
        errors,
        rps: latencies.len() as f64 / elapsed,
        p50_ms: f64::from(percentile(&latencies, 50.0)) / 1000.0,
        p99_ms: f64::from(percentile(&latencies, 99.0)) / 1000.0,
    }
}

/// One connection's loop: (latencies of the 2xx answers in µs, errors).
async fn worker(
    addr: SocketAddr,
    paths: &[String],
    token: &str,
    first: usize,
    step: usize,
    deadline: Instant,
) -> (Vec<u32>, u64) {
    let mut latencies = Vec::with_capacity(4096);
    let mut errors = 0u64;
    let mut conn: Option<TcpStream> = None;
    let mut buf: Vec<u8> = Vec::with_capacity(64 * 1024);
    let mut k = first;
    while Instant::now() < deadline {
        let path = match paths.get(k % paths.len().max(1)) {
            Some(p) => p,
            None => return (latencies, errors),
        };
        k += step;
        let stream = match conn.as_mut() {
            Some(s) => s,
            None => match TcpStream::connect(addr).await {
                Ok(s) => {
                    let _ = s.set_nodelay(true);
                    conn.insert(s)
                }
                Err(_) => {
                    errors += 1;
                    tokio::time::sleep(Duration::from_millis(10)).await;
                    continue;
                }
            },
        };
        let request = format!(
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {token}\r\nAccept: */*\r\n\r\n"
        );
        let sent = Instant::now();
        let answer = exchange(stream, request.as_bytes(), &mut buf).await;
        let micros = u32::try_from(sent.elapsed().as_micros()).unwrap_or(u32::MAX);
        match answer {
            Ok((status, close)) => {
                if (200..300).contains(&status) {
                    latencies.push(micros);
                } else {
                    errors += 1;
                }
                if close {
                    conn = None;
                }
            }
            Err(_) => {
                errors += 1;
                conn = None;
                buf.clear();
            }
        }
    }
    (latencies, errors)
}

/// Sends one request and reads its whole response: (status, server closes the connection).
async fn exchange(
    stream: &mut TcpStream,
    request: &[u8],
    buf: &mut Vec<u8>,
) -> Result<(u16, bool), String> {
    stream.write_all(request).await.map_err(|e| e.to_string())?;
    let mut chunk = [0u8; 64 * 1024];
    loop {
        if let Some(parsed) = parse_response(buf)? {
            buf.drain(..parsed.len);
            return Ok((parsed.status, parsed.close));
        }
        let n = stream.read(&mut chunk).await.map_err(|e| e.to_string())?;
        if n == 0 {
            return Err("connection closed".into());
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

#[derive(Debug, PartialEq, Eq)]
struct Parsed {
    status: u16,
    /// Bytes of the whole response (head and body).
    len: usize,
    close: bool,
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| i + from)
}

/// A complete response at the start of `buf`, `None` while more bytes are needed.
fn parse_response(buf: &[u8]) -> Result<Option<Parsed>, String> {
    let Some(head_end) = find(buf, b"\r\n\r\n", 0) else {
        return Ok(None);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]);
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse::<u16>().ok())
        .ok_or_else(|| format!("bad status line: {head}"))?;
    let mut length = None;
    let mut chunked = false;
    let mut close = false;
    for l in lines {
        let Some((k, v)) = l.split_once(':') else {
            continue;
        };
        let (k, v) = (k.trim().to_ascii_lowercase(), v.trim().to_ascii_lowercase());
        match k.as_str() {
            "content-length" => length = v.parse::<usize>().ok(),
            "transfer-encoding" => chunked = v.contains("chunked"),
            "connection" => close = v.contains("close"),
            _ => {}
        }
    }
    let body = head_end + 4;
    if chunked {
        let mut at = body;
        loop {
            let Some(line_end) = find(buf, b"\r\n", at) else {
                return Ok(None);
            };
            let size_text = String::from_utf8_lossy(&buf[at..line_end]);
            let size = usize::from_str_radix(size_text.split(';').next().unwrap_or("").trim(), 16)
                .map_err(|_| format!("bad chunk size: {size_text}"))?;
            at = line_end + 2 + size + 2;
            if buf.len() < at {
                return Ok(None);
            }
            if size == 0 {
                return Ok(Some(Parsed {
                    status,
                    len: at,
                    close,
                }));
            }
        }
    }
    let len = body + length.unwrap_or(0);
    Ok((buf.len() >= len).then_some(Parsed { status, len, close }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentile_is_the_nearest_rank() {
        let v: Vec<u32> = (1..=100).collect();
        assert_eq!(percentile(&v, 50.0), 50);
        assert_eq!(percentile(&v, 99.0), 99);
        assert_eq!(percentile(&v, 100.0), 100);
        assert_eq!(percentile(&v, 0.0), 1);
        let w: Vec<u32> = (1..=1000).collect();
        assert_eq!(percentile(&w, 99.0), 990);
        assert_eq!(percentile(&[7], 99.0), 7);
        assert_eq!(percentile(&[], 50.0), 0);
        // One slow request in a hundred is the p99; two are above p98 too.
        let mut s = vec![1u32; 98];
        s.extend([500, 900]);
        assert_eq!(percentile(&s, 98.0), 1);
        assert_eq!(percentile(&s, 99.0), 500);
    }

    #[test]
    fn median_of_odd_and_even_counts() {
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), 2.5);
        assert_eq!(median(&[]), 0.0);
    }

    #[test]
    fn responses_are_read_whole() {
        let r = b"HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nhelloHTTP/1.1";
        assert_eq!(
            parse_response(r).unwrap(),
            Some(Parsed {
                status: 200,
                len: r.len() - 8,
                close: false
            })
        );
        assert_eq!(
            parse_response(b"HTTP/1.1 200 OK\r\ncontent-length: 5\r\n\r\nhel").unwrap(),
            None
        );
        let c = b"HTTP/1.1 404 Not Found\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n3\r\nabc\r\n0\r\n\r\n";
        assert_eq!(
            parse_response(c).unwrap(),
            Some(Parsed {
                status: 404,
                len: c.len(),
                close: true
            })
        );
        assert_eq!(parse_response(&c[..c.len() - 2]).unwrap(), None);
    }
}
