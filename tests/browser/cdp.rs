//! Just enough of the Chrome DevTools Protocol: one page, navigated from URL
//! to URL, with what went wrong on each collected from the Runtime, Log and
//! Network domains.

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

pub(crate) struct Browser {
    child: Child,
    socket: WebSocket<MaybeTlsStream<TcpStream>>,
    session: String,
    next_id: u64,
}

pub(crate) struct Visit {
    pub problems: Vec<String>,
    pub links: Vec<String>,
    pub lang: String,
}

type Error = String;

impl Browser {
    pub(crate) fn launch(profile: &Path) -> Result<Browser, Error> {
        let binary = ["chromium", "chromium-browser", "google-chrome"]
            .into_iter()
            .find(|b| {
                Command::new(b)
                    .arg("--version")
                    .output()
                    .is_ok_and(|o| o.status.success())
            })
            .ok_or("no chromium on PATH")?;
        let mut child = Command::new(binary)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--hide-scrollbars",
                "--no-first-run",
                "--disable-background-networking",
                "--remote-debugging-port=0",
                "--window-size=1280,1600",
            ])
            .arg(format!(
                "--user-data-dir={}",
                profile.join("chromium").display()
            ))
            .arg("about:blank")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start {binary}: {e}"))?;
        let stderr = child.stderr.take().ok_or("no stderr")?;
        let mut address = None;
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            if let Some(at) = line.split("DevTools listening on ").nth(1) {
                address = Some(at.trim().to_owned());
                break;
            }
        }
        let address = address.ok_or("Chromium did not say where DevTools listens")?;
        let (socket, _) = tungstenite::connect(&address).map_err(|e| e.to_string())?;
        if let MaybeTlsStream::Plain(tcp) = socket.get_ref() {
            tcp.set_read_timeout(Some(Duration::from_secs(60)))
                .map_err(|e| e.to_string())?;
        }
        let mut browser = Browser {
            child,
            socket,
            session: String::new(),
            next_id: 0,
        };
        let target = browser.call("Target.createTarget", json!({"url": "about:blank"}), false)?;
        let target_id = target["targetId"].as_str().ok_or("no target")?.to_owned();
        let attached = browser.call(
            "Target.attachToTarget",
            json!({"targetId": target_id, "flatten": true}),
            false,
        )?;
        browser.session = attached["sessionId"]
            .as_str()
            .ok_or("no session")?
            .to_owned();
        for domain in ["Page", "Runtime", "Log", "Network"] {
            browser.call(&format!("{domain}.enable"), json!({}), true)?;
        }
        Ok(browser)
    }

    fn send(&mut self, method: &str, params: Value, in_session: bool) -> Result<u64, Error> {
        self.next_id += 1;
        let mut message = json!({"id": self.next_id, "method": method, "params": params});
        if in_session {
            message["sessionId"] = json!(self.session);
        }
        self.socket
            .send(Message::Text(message.to_string().into()))
            .map_err(|e| e.to_string())?;
        Ok(self.next_id)
    }

    fn receive(&mut self) -> Result<Value, Error> {
        loop {
            match self.socket.read().map_err(|e| e.to_string())? {
                Message::Text(text) => {
                    return serde_json::from_str(text.as_str()).map_err(|e| e.to_string());
                }
                Message::Close(_) => return Err("DevTools closed the connection".into()),
                _ => {}
            }
        }
    }

    /// Sends a command and waits for its answer; events on the way are kept
    /// in `events`.
    fn call_collecting(
        &mut self,
        method: &str,
        params: Value,
        in_session: bool,
        events: &mut Vec<Value>,
    ) -> Result<Value, Error> {
        let id = self.send(method, params, in_session)?;
        loop {
            let message = self.receive()?;
            if message["id"].as_u64() == Some(id) {
                if let Some(error) = message.get("error") {
                    return Err(format!("{method}: {error}"));
                }
                return Ok(message["result"].clone());
            }
            events.push(message);
        }
    }

    fn call(&mut self, method: &str, params: Value, in_session: bool) -> Result<Value, Error> {
        self.call_collecting(method, params, in_session, &mut Vec::new())
    }

    /// Loads `url`, waits for its load event and for the network to settle,
    /// and says what went wrong on the way.
    pub(crate) fn visit(&mut self, url: &str) -> Result<Visit, Error> {
        let mut events = Vec::new();
        self.call_collecting("Page.navigate", json!({"url": url}), true, &mut events)?;
        let deadline = Instant::now() + Duration::from_secs(30);
        while !events.iter().any(|e| e["method"] == "Page.loadEventFired") {
            if Instant::now() > deadline {
                return Err("no load event in 30 s".into());
            }
            events.push(self.receive()?);
        }
        // A round trip after the load: what the page's script logged by then has arrived.
        let found = self.call_collecting(
            "Runtime.evaluate",
            json!({
                "expression": "JSON.stringify({lang: document.documentElement.lang, links: Array.from(document.querySelectorAll('a[href],link[href],script[src],img[src]')).map(e => e.href || e.src)})",
                "returnByValue": true
            }),
            true,
            &mut events,
        )?;
        let found: Value = serde_json::from_str(found["result"]["value"].as_str().unwrap_or("{}"))
            .map_err(|e| e.to_string())?;
        Ok(Visit {
            problems: events.iter().filter_map(problem).collect(),
            links: found["links"]
                .as_array()
                .map(|l| {
                    l.iter()
                        .filter_map(|v| v.as_str().map(str::to_owned))
                        .collect()
                })
                .unwrap_or_default(),
            lang: found["lang"].as_str().unwrap_or("").to_owned(),
        })
    }

    /// The value of a JavaScript expression in the page, as JSON text.
    pub(crate) fn evaluate(&mut self, expression: &str) -> Result<String, Error> {
        let result = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true}),
            true,
        )?;
        Ok(result["result"]["value"].to_string())
    }

    /// Lays pages out as a phone of `width` CSS pixels would (touch, mobile
    /// viewport), or as the desktop again with `None`.
    pub(crate) fn phone(&mut self, width: Option<u32>) -> Result<(), Error> {
        match width {
            Some(width) => self.call(
                "Emulation.setDeviceMetricsOverride",
                json!({"width": width, "height": 844, "deviceScaleFactor": 3, "mobile": true}),
                true,
            )?,
            None => self.call("Emulation.clearDeviceMetricsOverride", json!({}), true)?,
        };
        Ok(())
    }

    /// The whole page as a PNG.
    pub(crate) fn screenshot(&mut self) -> Result<Vec<u8>, Error> {
        let shot = self.call(
            "Page.captureScreenshot",
            json!({"format": "png", "captureBeyondViewport": true}),
            true,
        )?;
        decode_base64(shot["data"].as_str().ok_or("no data")?)
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What an event says went wrong, if anything.
fn problem(event: &Value) -> Option<String> {
    let params = &event["params"];
    match event["method"].as_str()? {
        "Runtime.exceptionThrown" => Some(format!("uncaught: {}", params["exceptionDetails"])),
        "Runtime.consoleAPICalled"
            if matches!(params["type"].as_str(), Some("error" | "assert")) =>
        {
            Some(format!("console.{}: {}", params["type"], params["args"]))
        }
        "Log.entryAdded" if params["entry"]["level"] == "error" => Some(format!(
            "log: {} {}",
            params["entry"]["text"], params["entry"]["url"]
        )),
        "Network.loadingFailed" => Some(format!(
            "request failed: {} ({})",
            params["errorText"], params["requestId"]
        )),
        "Network.responseReceived"
            if params["response"]["status"]
                .as_u64()
                .is_some_and(|s| s >= 400) =>
        {
            Some(format!(
                "HTTP {}: {}",
                params["response"]["status"], params["response"]["url"]
            ))
        }
        _ => None,
    }
}

fn decode_base64(text: &str) -> Result<Vec<u8>, Error> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .map_err(|e| e.to_string())
}
