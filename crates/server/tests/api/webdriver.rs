//! Just enough of the W3C WebDriver protocol to drive Debian's Chromium through chromedriver,
//! over the plain HTTP client of these tests.

use std::net::{SocketAddr, TcpListener};
use std::process::{Child, Command, Stdio};

use serde_json::{json, Value};

use crate::client::request;

pub struct Browser {
    driver: Child,
    addr: SocketAddr,
    session: String,
    profile: std::path::PathBuf,
}

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Where chromedriver is, if installed (Debian package `chromium-driver`).
pub fn chromedriver() -> Option<&'static str> {
    ["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())
}

impl Browser {
    /// A headless Chromium with a fresh profile, `width` × `height` pixels.
    pub fn start(width: u32, height: u32) -> Browser {
        Self::launch(width, height, false)
    }

    /// A phone: the page's viewport is `width` CSS pixels (headless Chromium keeps a window
    /// at least 500 px wide, so a narrower `start` lays pages out at 500).
    pub fn start_phone(width: u32, height: u32) -> Browser {
        Self::launch(width, height, true)
    }

    fn launch(width: u32, height: u32, phone: bool) -> Browser {
        let driver_path =
            chromedriver().expect("chromedriver (apt install chromium chromium-driver)");
        let port = free_port();
        let driver = Command::new(driver_path)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let addr: SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
        for _ in 0..100 {
            if std::net::TcpStream::connect(addr).is_ok() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        let profile =
            std::env::temp_dir().join(format!("bmahr_chrome_{}_{port}", std::process::id()));
        let caps = json!({"capabilities": {"alwaysMatch": {"browserName": "chrome", "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage",
                     format!("--window-size={width},{height}"), format!("--user-data-dir={}", profile.display())],
            // Files a page offers land here (`downloads`), as they would in an officer's folder.
            "prefs": {"download.default_directory": profile.join("downloads").display().to_string(),
                      "download.prompt_for_download": false}
        }}}});
        let mut caps = caps;
        if phone {
            caps["capabilities"]["alwaysMatch"]["goog:chromeOptions"]["mobileEmulation"] = json!({
                "deviceMetrics": {"width": width, "height": height, "pixelRatio": 1.0, "touch": false}
            });
        }
        let r = request(addr, "POST", "/session", &[], Some(&caps.to_string()));
        let v = r.json();
        let session = v["value"]["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {}", r.body))
            .to_string();
        Browser {
            driver,
            addr,
            session,
            profile,
        }
    }

    fn cmd(&self, method: &str, path: &str, body: Value) -> Value {
        self.try_cmd(method, path, body)
            .unwrap_or_else(|e| panic!("webdriver {method} {path}: {e}"))
    }

    /// A command whose refusal is the caller's to handle (an element gone stale as the
    /// page it was found on is replaced).
    fn try_cmd(&self, method: &str, path: &str, body: Value) -> Result<Value, String> {
        let body = if method == "GET" || method == "DELETE" {
            None
        } else {
            Some(body.to_string())
        };
        let r = request(
            self.addr,
            method,
            &format!("/session/{}{path}", self.session),
            &[],
            body.as_deref(),
        );
        if r.status >= 400 {
            return Err(r.body);
        }
        Ok(r.json()["value"].clone())
    }

    /// Waits (up to 20 s) for a finished download whose name ends with `suffix`, and
    /// returns its bytes.
    pub fn downloaded(&self, suffix: &str) -> Option<Vec<u8>> {
        let dir = self.profile.join("downloads");
        for _ in 0..200 {
            if let Ok(entries) = std::fs::read_dir(&dir) {
                for e in entries.flatten() {
                    let name = e.file_name().to_string_lossy().to_string();
                    if name.ends_with(suffix) {
                        let bytes = std::fs::read(e.path()).ok()?;
                        let _ = std::fs::remove_file(e.path());
                        return Some(bytes);
                    }
                }
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        None
    }

    pub fn goto(&self, url: &str) {
        self.cmd("POST", "/url", json!({ "url": url }));
    }

    pub fn find(&self, css: &str) -> String {
        let v = self.cmd(
            "POST",
            "/element",
            json!({"using": "css selector", "value": css}),
        );
        v[ELEMENT]
            .as_str()
            .unwrap_or_else(|| panic!("no element {css}: {v} at {}", self.url()))
            .to_string()
    }

    pub fn exists(&self, css: &str) -> bool {
        let v = self.cmd(
            "POST",
            "/elements",
            json!({"using": "css selector", "value": css}),
        );
        v.as_array().is_some_and(|a| !a.is_empty())
    }

    pub fn type_into(&self, css: &str, text: &str) {
        let e = self.find(css);
        self.cmd(
            "POST",
            &format!("/element/{e}/value"),
            json!({ "text": text }),
        );
    }

    /// Whether the element is shown (not `hidden`, not under a hidden parent).
    pub fn displayed(&self, css: &str) -> bool {
        let e = self.find(css);
        self.cmd("GET", &format!("/element/{e}/displayed"), json!({}))
            .as_bool()
            .unwrap_or(false)
    }

    pub fn clear(&self, css: &str) {
        let e = self.find(css);
        self.cmd("POST", &format!("/element/{e}/clear"), json!({}));
    }

    pub fn click(&self, css: &str) {
        let e = self.find(css);
        self.cmd("POST", &format!("/element/{e}/click"), json!({}));
    }

    /// The element, or `None` while the page does not hold it (e.g. between a form's post
    /// and its answer).
    fn try_find(&self, css: &str) -> Option<String> {
        self.try_cmd(
            "POST",
            "/element",
            json!({"using": "css selector", "value": css}),
        )
        .ok()
        .and_then(|v| v[ELEMENT].as_str().map(str::to_string))
    }

    /// The text a person sees in the element. Found again if the page was replaced between
    /// finding it and reading it (a form's answer arriving), for up to 10 s.
    pub fn text(&self, css: &str) -> String {
        for _ in 0..200 {
            if let Some(e) = self.try_find(css) {
                if let Ok(v) = self.try_cmd("GET", &format!("/element/{e}/text"), json!({})) {
                    return v.as_str().unwrap_or("").to_string();
                }
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        panic!("the text of {css} could not be read at {}", self.url());
    }

    /// Waits (up to 10 s) until the element's text holds `needle`, e.g. a form's answer that
    /// replaces a page which already had the element.
    pub fn wait_for_text(&self, css: &str, needle: &str) -> bool {
        for _ in 0..200 {
            if self.exists(css) && self.text(css).contains(needle) {
                return true;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        false
    }

    pub fn url(&self) -> String {
        self.cmd("GET", "/url", json!({}))
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    /// Waits (up to 10 s) until the current URL satisfies `ok`, e.g. after submitting a form.
    pub fn wait_for_url(&self, ok: impl Fn(&str) -> bool) -> String {
        for _ in 0..200 {
            let u = self.url();
            if ok(&u) {
                return u;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        self.url()
    }

    /// Waits (up to 10 s) until an element matching `css` is on the page, e.g. after a form
    /// posts back to the same URL.
    pub fn wait_for(&self, css: &str) -> bool {
        for _ in 0..200 {
            if self.exists(css) {
                return true;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        false
    }

    /// Runs a script in the page and returns what it returns.
    pub fn execute(&self, script: &str) -> Value {
        self.cmd(
            "POST",
            "/execute/sync",
            json!({ "script": script, "args": [] }),
        )
    }

    /// Runs an asynchronous script: it answers by calling its last argument (the
    /// callback WebDriver passes), within `timeout_ms`.
    pub fn execute_async(&self, script: &str, timeout_ms: u64) -> Value {
        self.cmd("POST", "/timeouts", json!({ "script": timeout_ms }));
        self.cmd(
            "POST",
            "/execute/async",
            json!({ "script": script, "args": [] }),
        )
    }

    /// Forgets every cookie of the current site (a sign-out without the page's button).
    pub fn delete_cookies(&self) {
        self.cmd("DELETE", "/cookie", json!({}));
    }

    /// Saves a PNG screenshot (for people to look at; tests do not compare pixels).
    pub fn screenshot(&self, path: &std::path::Path) {
        let v = self.cmd("GET", "/screenshot", json!({}));
        if let Some(s) = v.as_str() {
            let _ = std::fs::write(path, base64_decode(s));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = request(
            self.addr,
            "DELETE",
            &format!("/session/{}", self.session),
            &[],
            None,
        );
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// Standard base64 decoding (screenshots), to avoid a dependency for one call.
fn base64_decode(s: &str) -> Vec<u8> {
    let val = |c: u8| match c {
        b'A'..=b'Z' => Some(c - b'A'),
        b'a'..=b'z' => Some(c - b'a' + 26),
        b'0'..=b'9' => Some(c - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    };
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut buf, mut bits) = (0u32, 0u32);
    for c in s.bytes().filter_map(val) {
        buf = (buf << 6) | u32::from(c);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buf >> bits) as u8);
        }
    }
    out
}
