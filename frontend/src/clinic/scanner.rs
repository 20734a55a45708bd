//! The camera scanner for ticket QR codes.
//!
//! Two decoders, chosen when the scanner opens:
//! - the browser's own `BarcodeDetector` where it exists (Android, ChromeOS, macOS): nothing to
//!   download;
//! - otherwise (Chrome on Windows and Linux, Firefox) the decoder worker
//!   (`src/bin/clinic_qr.rs`, Rust `rqrr`), started only now: its address comes from a `<meta>`
//!   of the console's page, and its files are not part of the console's first load. Frames go
//!   to it one at a time as `ImageData`; decoding off the main thread keeps the console
//!   responsive on a slow laptop.
//!
//! Whatever the camera reads goes through [`super::qr::booking_code`], the same as typed text,
//! and then the same check-in as a typed code. Typing the code always works, so every failure
//! here ends with a sentence that says to type it.

use super::i18n::ClinicMsg;
use super::qr;
use super::worker::READY;
use crate::i18n::tr;
use js_sys::{Array, Function, Object, Promise, Reflect};
use leptos::html;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{
    CanvasRenderingContext2d, HtmlCanvasElement, HtmlVideoElement, ImageData, MediaStream,
    MediaStreamConstraints, MediaStreamTrack, MessageEvent, Worker, WorkerOptions, WorkerType,
};

/// The `<meta name>` whose content is the decoder worker's script (a hashed asset).
const DECODER_META: &str = "ssk-qr-decoder";
/// Pause between two frames: about five reads a second is quick for a person holding a
/// ticket up and light on a cheap laptop.
const FRAME_PAUSE_MS: i32 = 200;
/// Frames are scaled down to this longest side before decoding: a ticket's QR held up to a
/// webcam stays readable, and each frame costs a fraction of the work.
const FRAME_MAX_SIDE: f64 = 800.0;
/// How long the decoder worker may take to load before the clerk is told to type instead.
const DECODER_LOAD_MS: i32 = 20_000;
/// How long one frame may take to decode.
const FRAME_DECODE_MS: i32 = 5_000;

/// What the scanner is doing, as the clerk is told.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    Starting,
    LoadingDecoder,
    Scanning,
    /// A QR code was read but it is not a ticket; still scanning.
    NotATicket,
    Failed(ClinicMsg),
}

/// The scanner panel: camera preview, what is happening, a way out (button or Escape). It
/// calls `on_code` once with the booking code it read.
#[component]
pub fn Scanner(on_code: Callback<String>, on_close: Callback<()>) -> impl IntoView {
    let video = NodeRef::<html::Video>::new();
    let close_button = NodeRef::<html::Button>::new();
    let phase = RwSignal::new(Phase::Starting);
    let live = Arc::new(AtomicBool::new(true));
    {
        let live = live.clone();
        on_cleanup(move || live.store(false, Ordering::Relaxed));
    }
    let started = StoredValue::new(false);
    Effect::new(move |_| {
        let Some(element) = video.get() else {
            return;
        };
        if started.get_value() {
            return;
        }
        started.set_value(true);
        if let Some(button) = close_button.get_untracked() {
            let _ = button.focus();
        }
        spawn_local(scan(element, live.clone(), phase, on_code));
    });

    let status = move || match phase.get() {
        Phase::Starting => tr(ClinicMsg::ScannerStarting)(),
        Phase::LoadingDecoder => tr(ClinicMsg::ScannerLoadingDecoder)(),
        Phase::Scanning => tr(ClinicMsg::ScannerHint)(),
        Phase::NotATicket => tr(ClinicMsg::ScannerNotOurs)(),
        Phase::Failed(msg) => tr(msg)(),
    };
    let failed = move || matches!(phase.get(), Phase::Failed(_) | Phase::NotATicket);
    view! {
        <section
            class="scanner"
            aria-labelledby="scanner-title"
            on:keydown=move |ev| {
                if ev.key() == "Escape" {
                    ev.prevent_default();
                    on_close.run(());
                }
            }
        >
            <h3 id="scanner-title">{tr(ClinicMsg::ScannerTitle)}</h3>
            <div class="scanner-view" class:scanner-off=move || matches!(phase.get(), Phase::Failed(_))>
                <video node_ref=video autoplay playsinline aria-hidden="true"></video>
                <span class="scanner-aim" aria-hidden="true"></span>
            </div>
            <p
                class="scanner-status"
                class:alert=failed
                class:alert-warning=failed
                role="status"
                aria-live="polite"
            >
                {status}
            </p>
            <button
                type="button"
                class="btn btn-quiet"
                node_ref=close_button
                on:click=move |_| on_close.run(())
            >
                {tr(ClinicMsg::ScannerClose)}
            </button>
        </section>
    }
}

/// Opens the camera, picks a decoder and reads frames until a ticket's code is found or the
/// panel closes (`live` turns false). The camera and the worker stop when this returns.
async fn scan(
    video: HtmlVideoElement,
    live: Arc<AtomicBool>,
    phase: RwSignal<Phase>,
    on_code: Callback<String>,
) {
    let is_live = || live.load(Ordering::Relaxed);
    let camera = match Camera::open().await {
        Ok(camera) => camera,
        Err(msg) => {
            phase.try_set(Phase::Failed(msg));
            return;
        }
    };
    if !is_live() {
        return;
    }
    video.set_muted(true);
    video.set_src_object(Some(&camera.0));
    if let Ok(playing) = video.play() {
        let _ = JsFuture::from(playing).await;
    }

    let decoder = match native_detector() {
        Some(detector) => Decoder::Native(detector),
        None => {
            phase.try_set(Phase::LoadingDecoder);
            match DecoderWorker::start().await {
                Some(worker) => Decoder::Worker(worker, canvas()),
                None => {
                    phase.try_set(Phase::Failed(ClinicMsg::ScannerDecoderFailed));
                    return;
                }
            }
        }
    };
    if is_live() {
        phase.try_set(Phase::Scanning);
    }
    while is_live() {
        sleep(FRAME_PAUSE_MS).await;
        if !is_live() {
            break;
        }
        let Some(text) = decoder.read(&video).await else {
            continue;
        };
        match qr::booking_code(&text) {
            Ok(code) if is_live() => {
                on_code.run(code.to_string());
                break;
            }
            Ok(_) => break,
            Err(_) => {
                phase.try_set(Phase::NotATicket);
            }
        }
    }
    drop(camera);
}

/// The camera stream; stopping it turns the camera (and its light) off.
struct Camera(MediaStream);

impl Camera {
    async fn open() -> Result<Camera, ClinicMsg> {
        let devices = window()
            .navigator()
            .media_devices()
            .map_err(|_| ClinicMsg::ScannerUnsupported)?;
        // The back camera on a tablet; any camera on a laptop.
        let video = Object::new();
        let _ = Reflect::set(
            &video,
            &"facingMode".into(),
            &js_object(&[("ideal", "environment".into())]),
        );
        let _ = Reflect::set(
            &video,
            &"width".into(),
            &js_object(&[("ideal", 1280.into())]),
        );
        let constraints = MediaStreamConstraints::new();
        constraints.set_video(&video);
        constraints.set_audio(&JsValue::FALSE);
        let promise = devices
            .get_user_media_with_constraints(&constraints)
            .map_err(|_| ClinicMsg::ScannerUnsupported)?;
        match JsFuture::from(promise).await {
            Ok(stream) => stream
                .dyn_into::<MediaStream>()
                .map(Camera)
                .map_err(|_| ClinicMsg::ScannerUnsupported),
            Err(error) => {
                let name = Reflect::get(&error, &"name".into())
                    .ok()
                    .and_then(|n| n.as_string())
                    .unwrap_or_default();
                Err(match name.as_str() {
                    "NotAllowedError" | "SecurityError" => ClinicMsg::ScannerDenied,
                    "NotFoundError" | "OverconstrainedError" | "NotReadableError" => {
                        ClinicMsg::ScannerNoCamera
                    }
                    _ => ClinicMsg::ScannerUnsupported,
                })
            }
        }
    }
}

impl Drop for Camera {
    fn drop(&mut self) {
        for track in self.0.get_tracks().iter() {
            if let Ok(track) = track.dyn_into::<MediaStreamTrack>() {
                track.stop();
            }
        }
    }
}

/// How frames become text.
enum Decoder {
    /// The browser's `BarcodeDetector`, restricted to QR codes.
    Native(JsValue),
    /// The Rust decoder in its worker, fed through a canvas.
    Worker(DecoderWorker, Option<HtmlCanvasElement>),
}

impl Decoder {
    /// The text of a QR code in the video's current frame, if one was read.
    async fn read(&self, video: &HtmlVideoElement) -> Option<String> {
        match self {
            Decoder::Native(detector) => detect_native(detector, video).await,
            Decoder::Worker(worker, canvas) => {
                let frame = frame(video, canvas.as_ref()?)?;
                worker.decode(&frame).await
            }
        }
    }
}

/// A `BarcodeDetector` for QR codes, if this browser has one. Called through `Reflect`: the
/// API is not in web-sys's stable set, and a browser without it simply has no constructor.
fn native_detector() -> Option<JsValue> {
    let constructor = Reflect::get(&window(), &"BarcodeDetector".into())
        .ok()?
        .dyn_into::<Function>()
        .ok()?;
    let options = js_object(&[("formats", Array::of1(&"qr_code".into()).into())]);
    // Throws when QR codes are not among the supported formats.
    Reflect::construct(&constructor, &Array::of1(&options)).ok()
}

async fn detect_native(detector: &JsValue, video: &HtmlVideoElement) -> Option<String> {
    let detect = Reflect::get(detector, &"detect".into())
        .ok()?
        .dyn_into::<Function>()
        .ok()?;
    let promise = detect
        .call1(detector, video)
        .ok()?
        .dyn_into::<Promise>()
        .ok()?;
    let found = JsFuture::from(promise)
        .await
        .ok()?
        .dyn_into::<Array>()
        .ok()?;
    found
        .iter()
        .find_map(|code| Reflect::get(&code, &"rawValue".into()).ok()?.as_string())
}

/// The decoder worker; terminated when dropped.
struct DecoderWorker(Worker);

impl DecoderWorker {
    /// Starts the worker and waits until it says it is ready.
    async fn start() -> Option<DecoderWorker> {
        let url = document()
            .query_selector(&format!("meta[name=\"{DECODER_META}\"]"))
            .ok()??
            .get_attribute("content")?;
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = DecoderWorker(Worker::new_with_options(&url, &options).ok()?);
        let first = worker.next_message(DECODER_LOAD_MS).await?;
        (first.as_string().as_deref() == Some(READY)).then_some(worker)
    }

    async fn decode(&self, frame: &ImageData) -> Option<String> {
        self.0.post_message(frame).ok()?;
        self.next_message(FRAME_DECODE_MS).await?.as_string()
    }

    /// The next message's data; `None` on a worker error or after `timeout_ms`. The promise's
    /// own resolve/reject functions serve as the worker's handlers, so no closure leaks.
    async fn next_message(&self, timeout_ms: i32) -> Option<JsValue> {
        let worker = &self.0;
        let promise = Promise::new(&mut |resolve, reject| {
            worker.set_onmessage(Some(&resolve));
            worker.set_onerror(Some(&reject));
            let _ =
                window().set_timeout_with_callback_and_timeout_and_arguments_0(&reject, timeout_ms);
        });
        let event = JsFuture::from(promise).await.ok()?;
        Some(event.dyn_into::<MessageEvent>().ok()?.data())
    }
}

impl Drop for DecoderWorker {
    fn drop(&mut self) {
        self.0.terminate();
    }
}

/// A canvas to read frames through (never attached to the page).
fn canvas() -> Option<HtmlCanvasElement> {
    document()
        .create_element("canvas")
        .ok()?
        .dyn_into::<HtmlCanvasElement>()
        .ok()
}

/// The video's current frame as pixels, scaled down to [`FRAME_MAX_SIDE`].
fn frame(video: &HtmlVideoElement, canvas: &HtmlCanvasElement) -> Option<ImageData> {
    let (width, height) = (
        f64::from(video.video_width()),
        f64::from(video.video_height()),
    );
    if width < 1.0 || height < 1.0 {
        return None;
    }
    let scale = (FRAME_MAX_SIDE / width.max(height)).min(1.0);
    let (w, h) = ((width * scale).round(), (height * scale).round());
    canvas.set_width(w as u32);
    canvas.set_height(h as u32);
    // Frames are read back every time: tell the browser to keep the canvas in memory.
    let options = js_object(&[("willReadFrequently", JsValue::TRUE)]);
    let context = canvas
        .get_context_with_context_options("2d", &options)
        .ok()??
        .dyn_into::<CanvasRenderingContext2d>()
        .ok()?;
    context
        .draw_image_with_html_video_element_and_dw_and_dh(video, 0.0, 0.0, w, h)
        .ok()?;
    context.get_image_data(0.0, 0.0, w, h).ok()
}

/// `{key: value, …}`.
fn js_object(entries: &[(&str, JsValue)]) -> JsValue {
    let object = Object::new();
    for (key, value) in entries {
        let _ = Reflect::set(&object, &(*key).into(), value);
    }
    object.into()
}

/// Resolves after `ms` milliseconds.
async fn sleep(ms: i32) {
    let promise = Promise::new(&mut |resolve, _| {
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = JsFuture::from(promise).await;
}
