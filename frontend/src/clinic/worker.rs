//! The QR decoder worker's main (`src/bin/clinic_qr.rs`), a Web Worker of its own wasm that the
//! console starts only when it must decode camera frames itself.
//!
//! Protocol: the worker posts [`READY`] once it listens; then for every `ImageData` it
//! receives it posts back the decoded text, or `null` when the frame holds no readable code.
//! One frame at a time: the console waits for each answer before sending the next frame, so a
//! slow laptop skips frames instead of queueing them.

use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, ImageData, MessageEvent};

/// The first message of a worker that is ready for frames.
pub const READY: &str = "ready";

/// Installs the frame handler and says so.
pub fn start() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let replies = scope.clone();
    let on_frame = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let text = event.data().dyn_into::<ImageData>().ok().and_then(|frame| {
            super::qr::decode_rgba(
                frame.width() as usize,
                frame.height() as usize,
                &frame.data(),
            )
        });
        let reply = text.map(JsValue::from).unwrap_or(JsValue::NULL);
        let _ = replies.post_message(&reply);
    });
    scope.set_onmessage(Some(on_frame.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_frame.forget();
    let _ = scope.post_message(&JsValue::from_str(READY));
}
