//! A fault injector between the degraded test edge and the real store: real TCP, real failures.
//!
//! Modes, switched by `POST /__fault/<mode>` on the proxy's own port:
//! - `pass`: forward to the store unchanged;
//! - `hang`: accept and read the request, never answer (the edge must time out → 504);
//! - `close`: close the connection without answering (→ 502);
//! - `http500`: answer 500 with an HTML body (→ 502, and the body must not leak).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::time::Duration;

const PASS: u8 = 0;
const HANG: u8 = 1;
const CLOSE: u8 = 2;
const HTTP500: u8 = 3;

pub struct FaultProxy {
    pub port: u16,
}

struct Request {
    head: String,
    path: String,
    body: Vec<u8>,
}

fn read_request(stream: &mut TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut head = String::new();
    let mut content_length = 0usize;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            content_length = value.trim().parse().ok()?;
        }
        let end = line == "\r\n";
        head.push_str(&line);
        if end {
            break;
        }
    }
    let path = head.split_whitespace().nth(1)?.to_owned();
    let mut body = vec![0u8; content_length];
    reader.read_exact(&mut body).ok()?;
    Some(Request { head, path, body })
}

/// Rewrites the request for one exchange with the store (no keep-alive: one request per
/// connection keeps the proxy trivial).
fn forward(req: &Request, upstream_port: u16) -> Option<Vec<u8>> {
    let mut upstream = TcpStream::connect(("127.0.0.1", upstream_port)).ok()?;
    let mut head = String::new();
    for line in req.head.lines() {
        let lower = line.to_ascii_lowercase();
        if lower.starts_with("connection:") || lower.starts_with("host:") || line.is_empty() {
            continue;
        }
        head.push_str(line);
        head.push_str("\r\n");
    }
    head.push_str(&format!(
        "Host: 127.0.0.1:{upstream_port}\r\nConnection: close\r\n\r\n"
    ));
    upstream.write_all(head.as_bytes()).ok()?;
    upstream.write_all(&req.body).ok()?;
    let mut response = Vec::new();
    upstream.read_to_end(&mut response).ok()?;
    Some(response)
}

fn handle(mut stream: TcpStream, mode: &AtomicU8, upstream_port: u16) {
    let Some(req) = read_request(&mut stream) else {
        return;
    };
    if let Some(new_mode) = req.path.strip_prefix("/__fault/") {
        let value = match new_mode {
            "pass" => PASS,
            "hang" => HANG,
            "close" => CLOSE,
            "http500" => HTTP500,
            _ => {
                let _ = stream.write_all(
                    b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
                );
                return;
            }
        };
        mode.store(value, Ordering::SeqCst);
        let _ = stream.write_all(b"HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n");
        return;
    }
    match mode.load(Ordering::SeqCst) {
        HANG => {
            // Hold the connection open without answering, longer than any edge timeout.
            std::thread::sleep(Duration::from_secs(60));
        }
        CLOSE => {
            let _ = stream.shutdown(Shutdown::Both);
        }
        HTTP500 => {
            let body =
                "<html><body>Internal upstream failure: stack trace with secrets</body></html>";
            let _ = write!(
                stream,
                "HTTP/1.1 500 Internal Server Error\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
        _ => match forward(&req, upstream_port) {
            Some(response) => {
                let _ = stream.write_all(&response);
            }
            None => {
                let _ = stream.shutdown(Shutdown::Both);
            }
        },
    }
}

impl FaultProxy {
    pub fn start(upstream_port: u16) -> Result<FaultProxy, String> {
        let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("fault proxy: {e}"))?;
        let port = listener.local_addr().map_err(|e| e.to_string())?.port();
        let mode = Arc::new(AtomicU8::new(PASS));
        std::thread::spawn(move || {
            for stream in listener.incoming().map_while(Result::ok) {
                let mode = Arc::clone(&mode);
                std::thread::spawn(move || handle(stream, &mode, upstream_port));
            }
        });
        Ok(FaultProxy { port })
    }
}
