//! `article-lens`: the command-line tool, a thin native wrapper over [`article_lens::analyze`].
//!
//! ```text
//! article-lens analyze [--types T,T] [FILE]   one text (FILE or standard input) -> one Analysis as JSON
//! article-lens analyze --jsonl [--types T,T]  JSON Lines {"id", "text"} -> {"id", "analysis"} per line
//! ```
//!
//! Exit status: 0 on success, 2 on bad arguments, 1 when any input could not be read.
//! With `--jsonl` the input is streamed in batches analyzed on all cores and written in input
//! order; a malformed line gets `{"id": <id or null>, "error": "..."}` and processing goes on.

use std::io::{self, BufRead, BufWriter, Read, Write};
use std::process::ExitCode;

use article_lens::{analyze, EntityType, Options};
use serde_json::Value;

const USAGE: &str = "usage: article-lens analyze [--types TYPE,...] [FILE]
       article-lens analyze --jsonl [--types TYPE,...]   (JSON Lines on standard input)
TYPE is one of: person organization place group misc date time money percent";

/// Lines analyzed together, in parallel, before their results are written.
const BATCH_LINES: usize = 256;

struct Args {
    jsonl: bool,
    file: Option<String>,
    options: Options,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
    match args.next().as_deref() {
        Some("analyze") => {}
        Some("-h" | "--help" | "help") => return Err(String::new()),
        Some(other) => return Err(format!("unknown command '{other}'")),
        None => return Err("missing command".into()),
    }
    let mut out = Args {
        jsonl: false,
        file: None,
        options: Options::default(),
    };
    while let Some(a) = args.next() {
        match a.as_str() {
            "--jsonl" => out.jsonl = true,
            "-h" | "--help" => return Err(String::new()),
            "--types" => {
                let list = args
                    .next()
                    .ok_or("--types needs a comma-separated list of types")?;
                let mut types = Vec::new();
                for t in list.split(',').map(str::trim).filter(|t| !t.is_empty()) {
                    types.push(
                        EntityType::parse(t).ok_or_else(|| format!("unknown entity type '{t}'"))?,
                    );
                }
                out.options.types = Some(types);
            }
            s if s.starts_with('-') && s != "-" => return Err(format!("unknown option '{s}'")),
            _ if out.file.is_some() => return Err("more than one FILE given".into()),
            _ => out.file = Some(a),
        }
    }
    if out.jsonl && out.file.is_some() {
        return Err("--jsonl reads standard input; give no FILE".into());
    }
    Ok(out)
}

fn main() -> ExitCode {
    let args = match parse_args(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(e) if e.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("article-lens: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let result = if args.jsonl {
        run_jsonl(&args.options)
    } else {
        run_one(args.file.as_deref(), &args.options)
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("article-lens: {e}");
            ExitCode::from(1)
        }
    }
}

/// Decodes bytes as UTF-8, replacing invalid sequences with U+FFFD (and saying so).
fn decode(bytes: Vec<u8>, what: &str) -> String {
    match String::from_utf8(bytes) {
        Ok(s) => s,
        Err(e) => {
            eprintln!(
                "article-lens: {what} is not valid UTF-8; invalid bytes were replaced with U+FFFD"
            );
            String::from_utf8_lossy(e.as_bytes()).into_owned()
        }
    }
}

fn run_one(file: Option<&str>, options: &Options) -> io::Result<bool> {
    let mut bytes = Vec::new();
    let what = match file {
        Some(path) if path != "-" => {
            bytes = std::fs::read(path)
                .map_err(|e| io::Error::new(e.kind(), format!("cannot read {path}: {e}")))?;
            path.to_string()
        }
        _ => {
            io::stdin().lock().read_to_end(&mut bytes)?;
            "standard input".to_string()
        }
    };
    let text = decode(bytes, &what);
    let analysis = analyze(&text, options);
    let mut out = BufWriter::new(io::stdout().lock());
    serde_json::to_writer(&mut out, &analysis).map_err(io::Error::other)?;
    out.write_all(b"\n")?;
    out.flush()?;
    Ok(true)
}

/// Analyzes one JSON line into one output line (without the newline). Returns false on error.
/// A panic, which `analyze` is built and fuzzed never to raise, still costs only its own
/// line: it becomes that line's error, so no line of output is ever lost.
fn process_line(line: &str, options: &Options) -> (String, bool) {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| analyze_line(line, options)))
        .unwrap_or_else(|_| {
            let id = serde_json::from_str::<Value>(line)
                .ok()
                .and_then(|v| v.get("id").cloned())
                .unwrap_or(Value::Null);
            (
                format!("{{\"id\":{id},\"error\":\"internal error: the analysis panicked\"}}"),
                false,
            )
        })
}

fn analyze_line(line: &str, options: &Options) -> (String, bool) {
    let error = |id: &Value, msg: String| {
        (
            format!("{{\"id\":{id},\"error\":{}}}", Value::String(msg)),
            false,
        )
    };
    let value: Value = match serde_json::from_str(line) {
        Ok(v) => v,
        Err(e) => return error(&Value::Null, format!("invalid JSON: {e}")),
    };
    let Value::Object(obj) = &value else {
        return error(
            &Value::Null,
            "each line must be a JSON object with \"id\" and \"text\"".into(),
        );
    };
    let id = obj.get("id").cloned().unwrap_or(Value::Null);
    let text = match obj.get("text") {
        Some(Value::String(s)) => s,
        Some(_) => return error(&id, "\"text\" must be a string".into()),
        None => return error(&id, "missing \"text\"".into()),
    };
    let line_options;
    let options = match obj.get("options") {
        None | Some(Value::Null) => options,
        Some(o) => match serde_json::from_value::<Options>(o.clone()) {
            Ok(o) => {
                line_options = o;
                &line_options
            }
            Err(e) => return error(&id, format!("bad options: {e}")),
        },
    };
    let analysis = analyze(text, options);
    // Written by hand so that "id" comes first and the analysis keeps its field order.
    let mut out = String::with_capacity(text.len() * 2 + 64);
    out.push_str("{\"id\":");
    out.push_str(&id.to_string());
    out.push_str(",\"analysis\":");
    match serde_json::to_string(&analysis) {
        Ok(a) => out.push_str(&a),
        Err(e) => return error(&id, format!("cannot serialize the analysis: {e}")),
    }
    out.push('}');
    (out, true)
}

fn run_jsonl(options: &Options) -> io::Result<bool> {
    let workers = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let mut out = BufWriter::new(io::stdout().lock());
    let mut all_ok = true;
    let mut line_no = 0usize;
    loop {
        // Read one batch of non-blank lines.
        let mut batch: Vec<String> = Vec::with_capacity(BATCH_LINES);
        let mut eof = false;
        while batch.len() < BATCH_LINES {
            let mut raw = Vec::new();
            if input.read_until(b'\n', &mut raw)? == 0 {
                eof = true;
                break;
            }
            line_no += 1;
            let line = decode(raw, &format!("line {line_no}"));
            if !line.trim().is_empty() {
                batch.push(line);
            }
        }
        let results = analyze_batch(&batch, options, workers);
        for (line, ok) in results {
            all_ok &= ok;
            out.write_all(line.as_bytes())?;
            out.write_all(b"\n")?;
        }
        out.flush()?;
        if eof {
            break;
        }
    }
    Ok(all_ok)
}

/// Analyzes a batch on up to `workers` threads, keeping input order.
fn analyze_batch(batch: &[String], options: &Options, workers: usize) -> Vec<(String, bool)> {
    if workers <= 1 || batch.len() <= 1 {
        return batch.iter().map(|l| process_line(l, options)).collect();
    }
    let mut results: Vec<(String, bool)> = vec![(String::new(), true); batch.len()];
    let next = std::sync::atomic::AtomicUsize::new(0);
    let slots: Vec<std::sync::Mutex<&mut (String, bool)>> =
        results.iter_mut().map(std::sync::Mutex::new).collect();
    std::thread::scope(|s| {
        for _ in 0..workers.min(batch.len()) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                if i >= batch.len() {
                    break;
                }
                let r = process_line(&batch[i], options);
                **slots[i].lock().unwrap_or_else(|p| p.into_inner()) = r;
            });
        }
    });
    drop(slots);
    results
}
