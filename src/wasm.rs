//! The WebAssembly boundary: every `#[wasm_bindgen]` item lives here.
//!
//! Decided: one coarse call, `analyze(text, options) -> Analysis`, that
//! crosses the boundary once and hands JavaScript a plain object (made by one
//! configured `serde-wasm-bindgen` serializer: `None` becomes `null`, maps
//! become objects), so the result survives `JSON.stringify`, `postMessage`
//! and `structuredClone`, and matches the TypeScript types written below.
//! The cost is one copy of the result into JavaScript objects per call, which
//! is small next to the analysis itself, and no incremental re-analysis.
//!
//! Arguments arrive as untyped `JsValue`s and are checked here, so that a
//! wrong argument from JavaScript becomes a real `Error` with a message that
//! says what was wrong, never a string, a `TypeError` from deep inside the
//! glue, or a trap.
//!
//! A panic must never reach JavaScript as `RuntimeError: unreachable`. The
//! analysis is written not to panic on any input (the crate's no-panic tests
//! are the guard that matters); two last resorts stand behind that.
//! [`std::panic::catch_unwind`] turns a panic into an `Error` in builds with
//! `panic = "unwind"`; but the standard library that stable Rust ships for
//! `wasm32-unknown-unknown` aborts on panic, so in the shipped module a panic
//! hook throws the `Error` instead (with the panic message). What that costs:
//! the Rust frames are dropped without running destructors (a little memory
//! leaks), and the standard library then counts itself as panicking for the
//! life of the instance, so a second panic in the same instance cannot run
//! the hook and traps (`RuntimeError`). Calls after either still work.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::{Analysis, EntityType, Options};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &str = r#"
/**
 * The kind of an entity: a name (`person`, `organization`, `place`, `group`
 * for nationalities and religious or political groups, `misc` for events,
 * works, products and laws) or a number-like expression (`date`, `time`,
 * `money`, `percent`).
 */
export type EntityType =
  | "person"
  | "organization"
  | "place"
  | "group"
  | "misc"
  | "date"
  | "time"
  | "money"
  | "percent";

/** A piece of the input. `input.slice(start, end) === text`. */
export interface TextSpan {
  /** UTF-16 offset of the first code unit (as JavaScript strings count). */
  start: number;
  /** UTF-16 offset one past the last code unit. */
  end: number;
  /** The text it covers, exactly as in the input. */
  text: string;
}

/** A bare range of the input (UTF-16 offsets, end-exclusive). */
export interface Range {
  /** UTF-16 offset of the first code unit. */
  start: number;
  /** UTF-16 offset one past the last code unit. */
  end: number;
}

/** One mention of an entity. `input.slice(start, end) === text`. */
export interface Entity {
  /** Index in `Analysis.entities`. */
  id: number;
  /** What kind of thing it is. */
  type: EntityType;
  /** UTF-16 offset of the first code unit. */
  start: number;
  /** UTF-16 offset one past the last code unit. */
  end: number;
  /** The mention as written ("Blinken"). */
  text: string;
  /** Index in `Analysis.groups` of the real-world thing it refers to. */
  group: number;
}

/** One real-world thing: an entry of the cast list. */
export interface Group {
  /** Index in `Analysis.groups`. */
  id: number;
  /** The type of its mentions. */
  type: EntityType;
  /** The fullest name used in the text ("Antony Blinken"). */
  name: string;
  /** Ids of its mentions (`Analysis.entities`), in document order. */
  mentions: number[];
  /** Ids of the speech quotes (`Analysis.quotes`) attributed to it. */
  quotes: number[];
}

/**
 * `"speech"`: words someone said or wrote. `"scare"`: a term, title,
 * nickname or scare quote, nobody's speech.
 */
export type QuoteKind = "speech" | "scare";

/**
 * How a quote's speaker was found: `"adjacent"` (speaker and speech verb in
 * the same sentence), `"pronoun"` ("He added", resolved to an earlier
 * person), `"colon"` ("X said: ..."), `"continuation"` (a paragraph carrying
 * on the previous speaker's quote), `"none"` (no speaker found).
 */
export type Attribution = "adjacent" | "pronoun" | "colon" | "continuation" | "none";

/** One quotation. */
export interface Quote {
  /** Index in `Analysis.quotes`. */
  id: number;
  /** UTF-16 offset of the opening quotation mark. */
  start: number;
  /** UTF-16 offset one past the closing mark (or the end of the text if never closed). */
  end: number;
  /** The content, without the outer quotation marks. */
  text: string;
  /** Speech or scare quote. */
  kind: QuoteKind;
  /** The local mention naming the speaker (may be a pronoun, "He"); `null` if none nearby. */
  speaker: TextSpan | null;
  /** Index in `Analysis.groups` of the speaker, or `null` when unknown or not a named entity. */
  speakerGroup: number | null;
  /** The speech verb or "according to"; `null` if none. */
  cue: TextSpan | null;
  /** How the speaker was found. */
  attribution: Attribution;
}

/** The analysis of one text. Every offset is in UTF-16 code units. */
export interface Analysis {
  /** Version of this shape; bumped on any incompatible change. */
  schema: number;
  /** Entities in document order, non-overlapping. */
  entities: Entity[];
  /** The cast list: one group per real-world thing. */
  groups: Group[];
  /** Quotations in document order. */
  quotes: Quote[];
  /** Sentences in document order. */
  sentences: Range[];
  /** Paragraphs (non-blank lines, trimmed) in document order. */
  paragraphs: Range[];
}

/** Options for `analyze`. Unknown keys are an error. */
export interface Options {
  /** Keep only entities of these types (and the groups made of them). Absent or `null` keeps all. */
  types?: EntityType[] | null;
}
"#;

/// Analyzes a news article: its entities (people, organizations, places,
/// groups, dates, times, sums of money, percentages), its quotations with the
/// speaker of each, the cast list grouping every mention of the same thing,
/// its sentences and paragraphs.
///
/// Every `start`/`end` is a UTF-16 offset into `text`, so
/// `text.slice(start, end)` is exactly the span. Any string is valid input.
///
/// `options` may be omitted, `undefined` or `null` (the defaults) or an
/// object such as `{ types: ["person", "place"] }`.
///
/// Throws an `Error` with a message when `text` is not a string or the
/// options are not valid (not an object, an unknown key, an unknown type).
/// The module keeps working after an error.
#[wasm_bindgen(js_name = analyze, unchecked_return_type = "Analysis")]
pub fn analyze(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Options | null")] options: Option<JsValue>,
) -> Result<JsValue, JsError> {
    let text = text.as_string().ok_or_else(|| {
        JsError::new(&format!(
            "analyze: the text must be a string, got {}",
            describe(&text)
        ))
    })?;
    let options = read_options(options.unwrap_or(JsValue::UNDEFINED))?;
    let analysis = std::panic::catch_unwind(|| crate::analyze(&text, &options))
        .map_err(|_| JsError::new("analyze: internal error (a bug in article-lens)"))?;
    to_js(&analysis)
}

/// Runs once when the module is instantiated: installs the panic hook.
#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        let msg = format!("article-lens: internal error (a bug, please report it): {info}");
        wasm_bindgen::throw_val(js_sys::Error::new(&msg).into());
    }));
}

/// The version of article-lens, e.g. `"0.1.0"`.
#[wasm_bindgen(js_name = version)]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The version of the `Analysis` shape (`Analysis.schema`).
#[wasm_bindgen(js_name = schemaVersion)]
pub fn schema_version() -> u32 {
    crate::SCHEMA_VERSION
}

/// Every entity type, in the order a legend should list them.
#[wasm_bindgen(js_name = entityTypes, unchecked_return_type = "EntityType[]")]
pub fn entity_types() -> Vec<String> {
    EntityType::ALL
        .iter()
        .map(|t| t.as_str().to_string())
        .collect()
}

/// Reads the options object; `undefined` and `null` mean the defaults.
fn read_options(value: JsValue) -> Result<Options, JsError> {
    if value.is_undefined() || value.is_null() {
        return Ok(Options::default());
    }
    // Read by hand rather than with serde: a plain object only (serde would
    // also take an array, its fields in order), unknown keys refused (serde
    // through `serde_wasm_bindgen` never sees them), and no serde
    // deserializer in the module, whose error messages bring in float
    // formatting (measured: the module is 14 KB smaller gzipped, its JS glue 6 KB smaller raw).
    if !value.is_object() || js_sys::Array::is_array(&value) {
        return Err(JsError::new(&format!(
            "analyze: options must be an object, undefined or null, got {}",
            describe(&value)
        )));
    }
    for key in js_sys::Object::keys(value.unchecked_ref::<js_sys::Object>()).iter() {
        let key = key.as_string().unwrap_or_default();
        if !OPTION_KEYS.contains(&key.as_str()) {
            return Err(bad_options(format!(
                "unknown key `{key}`, expected one of {}",
                OPTION_KEYS.map(|k| format!("`{k}`")).join(", ")
            )));
        }
    }
    let types = js_sys::Reflect::get(&value, &JsValue::from_str("types")).unwrap_or_default();
    if types.is_undefined() || types.is_null() {
        return Ok(Options { types: None });
    }
    if !js_sys::Array::is_array(&types) {
        return Err(bad_options(format!(
            "`types` must be an array of entity types or null, got {}",
            describe(&types)
        )));
    }
    let types = js_sys::Array::from(&types)
        .iter()
        .map(|t| {
            let name = t.as_string().ok_or_else(|| {
                bad_options(format!(
                    "`types` must hold entity type names, got {}",
                    describe(&t)
                ))
            })?;
            EntityType::parse(&name).ok_or_else(|| {
                bad_options(format!(
                    "unknown entity type `{name}`, expected one of {}",
                    EntityType::ALL
                        .map(|t| format!("`{}`", t.as_str()))
                        .join(", ")
                ))
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Options { types: Some(types) })
}

/// An `Error` for bad options, saying why.
fn bad_options(why: String) -> JsError {
    JsError::new(&format!("analyze: bad options: {why}"))
}

/// The keys of [`Options`] as JavaScript writes them.
const OPTION_KEYS: [&str; 1] = ["types"];

/// Fails to compile when a field is added to [`Options`] and not to [`OPTION_KEYS`].
#[allow(dead_code)]
fn option_keys_are_complete(options: Options) {
    let Options { types: _ } = options;
}

/// Converts the analysis into plain JavaScript objects.
fn to_js(analysis: &Analysis) -> Result<JsValue, JsError> {
    let serializer = serde_wasm_bindgen::Serializer::new()
        .serialize_missing_as_null(true)
        .serialize_maps_as_objects(true);
    analysis
        .serialize(&serializer)
        .map_err(|e| JsError::new(&format!("analyze: could not build the result: {e}")))
}

/// A short description of a JavaScript value's type, for error messages.
fn describe(value: &JsValue) -> String {
    if value.is_null() {
        "null".to_string()
    } else if js_sys::Array::is_array(value) {
        "an array".to_string()
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    }
}
