use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

use crate::Db;

crate::on_every_backend!(serve_answers_healthz);

/// Starts `bmahr serve` on a free port with `extra` flags; sends one GET and returns the whole
/// answer (head and body), then stops the server.
pub fn serve_and_get(db: &Db, extra: &[&str], path: &str) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bmahr"))
        .args(["--db", &db.url, "serve", "--addr", "127.0.0.1:0"])
        .args(extra)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("serve");
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let url = loop {
        let line = lines.next().expect("server printed its URL").expect("line");
        if let Some(i) = line.find("http://") {
            break line[i + 7..]
                .split_whitespace()
                .next()
                .expect("addr")
                .to_string();
        }
    };
    let mut s = TcpStream::connect(&url).expect("connect");
    s.write_all(format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes())
        .expect("send");
    let mut answer = String::new();
    s.read_to_string(&mut answer).expect("read");
    let _ = child.kill();
    let _ = child.wait();
    answer
}

async fn serve_answers_healthz(db: &Db) {
    let body = serve_and_get(db, &[], "/healthz");
    assert!(body.starts_with("HTTP/1.1 200"), "{body}");
    assert!(body.contains("\"status\":\"ok\""), "{body}");
}
