//! The clinic console's QR decoder, run as a Web Worker: started only when the scanner opens
//! in a browser without `BarcodeDetector`, so neither the citizen app nor the console's first
//! load downloads it.

fn main() {
    frontend::clinic::worker::start();
}
