use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};

use crate::Db;

crate::on_every_backend!(serve_answers_healthz);

async fn serve_answers_healthz(db: &Db) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_bmahr"))
        .args(["--db", &db.url, "serve", "--addr", "127.0.0.1:0"])
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
    s.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .expect("send");
    let mut body = String::new();
    s.read_to_string(&mut body).expect("read");
    let _ = child.kill();
    let _ = child.wait();
    assert!(body.starts_with("HTTP/1.1 200"), "{body}");
    assert!(body.contains("\"status\":\"ok\""), "{body}");
}
