//! The WebAssembly boundary: every `#[wasm_bindgen]` item lives here.
