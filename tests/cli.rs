//! The command-line tool as a user runs it: `article-lens analyze [FILE]` and
//! `article-lens analyze --jsonl`, with the exit statuses of the contract
//! (`../shared/SPEC.md`, "Command line").

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_article-lens"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start article-lens");
    let mut input = child.stdin.take().expect("stdin");
    let bytes = stdin.to_vec();
    // Written from a thread so that a large input cannot dead-lock on a full pipe.
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&bytes);
    });
    let out = child.wait_with_output().expect("wait for article-lens");
    writer.join().expect("writer");
    out
}

fn lines(out: &Output) -> Vec<Value> {
    String::from_utf8(out.stdout.clone())
        .expect("UTF-8 output")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// UTF-16 slice of `text`, as JavaScript's `text.slice(start, end)`.
fn slice16(text: &str, start: u64, end: u64) -> String {
    let units: Vec<u16> = text.encode_utf16().collect();
    String::from_utf16(&units[start as usize..end as usize]).expect("whole characters")
}

#[test]
fn one_text_from_standard_input_and_from_a_file() {
    let text = "“We are determined,” Antony Blinken said in Baghdad on Friday. 🇮🇶\r\n";
    let out = run(&["analyze"], text.as_bytes());
    assert!(out.status.success(), "{out:?}");
    let a: Value = serde_json::from_slice(&out.stdout).expect("one JSON document");
    assert_eq!(a["schema"], 1);
    let speaker = a["quotes"][0]["speakerGroup"].as_u64().expect("a speaker");
    assert_eq!(a["groups"][speaker as usize]["name"], "Antony Blinken");
    for e in a["entities"].as_array().unwrap() {
        let (s, t) = (e["start"].as_u64().unwrap(), e["end"].as_u64().unwrap());
        assert_eq!(slice16(text, s, t), e["text"].as_str().unwrap());
    }

    let path = std::env::temp_dir().join(format!("article-lens-cli-{}.txt", std::process::id()));
    std::fs::write(&path, text).unwrap();
    let from_file = run(&["analyze", path.to_str().unwrap()], b"");
    std::fs::remove_file(&path).ok();
    assert!(from_file.status.success());
    assert_eq!(from_file.stdout, out.stdout);
}

#[test]
fn bad_arguments_exit_2_with_a_message() {
    for args in [
        &["analyze", "--types", "person,planet"][..],
        &["analyse"],
        &["analyze", "--jsonl", "file.txt"],
        &["analyze", "--frobnicate"],
    ] {
        let out = run(args, b"");
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.starts_with("article-lens: "), "{args:?}: {err}");
    }
    let out = run(&["analyze", "/no/such/file.txt"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read /no/such/file.txt"));
}

/// Every non-blank input line gets exactly one output line, in input order,
/// with its id, whatever the line holds; a bad line gets an error and the
/// stream goes on; the exit status says that something failed.
#[test]
fn jsonl_keeps_going_past_bad_lines_and_keeps_order() {
    let mut input: Vec<u8> = Vec::new();
    let mut want: Vec<(Value, bool)> = Vec::new();
    // More lines than one batch (256), so that order across batches counts.
    for i in 0..600u64 {
        let line = match i % 6 {
            0 => format!("{{\"id\":{i},\"text\":\"“Yes,” Jane Smith said.\"}}\n"),
            1 => format!("{{\"id\":\"s{i}\",\"text\":\"\",\"extra\":[1,2]}}\r\n"),
            2 => format!("{{\"id\":{i},\"text\":42}}\n"),
            3 => format!("{{\"id\":{i},\"text\":\"unbalanced “quote\\u0000 🤷\"}}\n"),
            4 => "this is not JSON {\n".to_string(),
            _ => format!("{{\"id\":{i},\"text\":\"x\",\"options\":{{\"types\":[\"planet\"]}}}}\n"),
        };
        input.extend_from_slice(line.as_bytes());
        let id = match i % 6 {
            1 => Value::String(format!("s{i}")),
            4 => Value::Null,
            _ => Value::from(i),
        };
        want.push((id, matches!(i % 6, 0 | 1 | 3)));
        if i % 50 == 0 {
            input.extend_from_slice(b"\n   \n"); // blank lines are skipped
        }
    }
    // Invalid UTF-8 inside a string is replaced, not fatal.
    input.extend_from_slice(b"{\"id\":\"bytes\",\"text\":\"caf\xff Paris\"}");
    want.push((Value::from("bytes"), true));

    let out = run(&["analyze", "--jsonl"], &input);
    assert_eq!(out.status.code(), Some(1), "some lines failed");
    let got = lines(&out);
    assert_eq!(got.len(), want.len());
    for (g, (id, ok)) in got.iter().zip(&want) {
        assert_eq!(&g["id"], id, "{g}");
        if *ok {
            assert_eq!(g["analysis"]["schema"], 1, "{g}");
        } else {
            assert!(g["error"].as_str().is_some_and(|e| !e.is_empty()), "{g}");
        }
    }
    let first = &got[0]["analysis"];
    let q = &first["quotes"][0];
    assert_eq!(
        first["groups"][q["speakerGroup"].as_u64().unwrap() as usize]["name"],
        "Jane Smith"
    );
    assert!(got.last().unwrap()["analysis"]["entities"]
        .as_array()
        .unwrap()
        .iter()
        .any(|e| e["text"] == "Paris"));
}

#[test]
fn jsonl_all_good_exits_0() {
    let out = run(
        &["analyze", "--jsonl", "--types", "person"],
        b"{\"id\":1,\"text\":\"Angela Merkel met Emmanuel Macron in Paris.\"}\n",
    );
    assert!(out.status.success(), "{out:?}");
    let got = lines(&out);
    let types: Vec<&str> = got[0]["analysis"]["entities"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].as_str().unwrap())
        .collect();
    assert_eq!(types, ["person", "person"]);
}
