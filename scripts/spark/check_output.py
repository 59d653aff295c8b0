"""Checks the output of analyze_jsonl.py against its input.

    python3 scripts/spark/check_output.py IN.jsonl[,IN2.jsonl...] OUT_DIR

Passes when the part files of OUT_DIR, read in order, hold exactly one line
per non-blank input line, in input order (same "id"), and every line is JSON
of the contract's shape (../shared/SPEC.md): ``{"id", "analysis"}`` with
the Analysis fields, whose entity, quote and sentence spans slice back to
their text in UTF-16 offsets, or ``{"id", "error": string}`` exactly where the
input line is not an object with a string "text". Exit status 0 when all
holds, 1 otherwise, with one line per problem (at most 20).
"""

import glob
import json
import os
import sys

ANALYSIS_KEYS = {"schema", "entities", "groups", "quotes", "sentences", "paragraphs"}


def utf16_slice(text, start, end):
    """text[start:end] in UTF-16 code units, as JavaScript's slice."""
    return text.encode("utf-16-le")[2 * start : 2 * end].decode("utf-16-le", errors="replace")


def expected(line):
    """(id, whether the CLI should analyze it, the text) for one input line."""
    try:
        value = json.loads(line)
    except ValueError:
        return None, False, None
    if not isinstance(value, dict):
        return None, False, None
    text = value.get("text")
    return value.get("id"), isinstance(text, str), text if isinstance(text, str) else None


def check_analysis(analysis, text):
    """Problems with one analysis of `text`, as strings."""
    problems = []
    missing = ANALYSIS_KEYS - analysis.keys()
    if missing:
        return ["missing fields %s" % sorted(missing)]
    for entity in analysis["entities"]:
        got = utf16_slice(text, entity["start"], entity["end"])
        if got != entity["text"]:
            problems.append("entity %r slices to %r" % (entity["text"], got))
        if not 0 <= entity["group"] < len(analysis["groups"]):
            problems.append("entity %r has no group" % entity["text"])
    for quote in analysis["quotes"]:
        if quote["kind"] not in ("speech", "scare"):
            problems.append("quote kind %r" % quote["kind"])
        if quote["speaker"] is not None:
            speaker = quote["speaker"]
            if utf16_slice(text, speaker["start"], speaker["end"]) != speaker["text"]:
                problems.append("speaker %r does not slice back" % speaker["text"])
    for span in analysis["sentences"] + analysis["paragraphs"]:
        if not 0 <= span["start"] <= span["end"] <= len(text.encode("utf-16-le")) // 2:
            problems.append("span %r out of the text" % span)
    return problems


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    inputs, out_dir = argv
    lines = []
    for path in inputs.split(","):
        with open(path, encoding="utf-8") as f:
            lines.extend(line.rstrip("\n") for line in f if line.strip())
    parts = sorted(glob.glob(os.path.join(out_dir, "part-*")))
    outputs = []
    for part in parts:
        with open(part, encoding="utf-8") as f:
            outputs.extend(line.rstrip("\n") for line in f)

    problems = []
    if len(outputs) != len(lines):
        problems.append("%d input lines, %d output lines" % (len(lines), len(outputs)))
    analyses = errors = entities = quotes = speakers = 0
    for n, (line, out) in enumerate(zip(lines, outputs), 1):
        want_id, analyzable, text = expected(line)
        try:
            got = json.loads(out)
        except ValueError as e:
            problems.append("output line %d is not JSON: %s" % (n, e))
            continue
        if not isinstance(got, dict) or got.get("id", "<none>") != want_id:
            problems.append("output line %d: id %r, input id %r" % (n, got.get("id") if isinstance(got, dict) else got, want_id))
            continue
        if analyzable:
            if "analysis" not in got:
                problems.append("line %d (id %r): no analysis: %s" % (n, want_id, out[:200]))
                continue
            analyses += 1
            entities += len(got["analysis"]["entities"])
            quotes += len(got["analysis"]["quotes"])
            speakers += sum(q["speakerGroup"] is not None for q in got["analysis"]["quotes"])
            problems.extend("line %d (id %r): %s" % (n, want_id, p) for p in check_analysis(got["analysis"], text))
        else:
            errors += 1
            if not isinstance(got.get("error"), str):
                problems.append("line %d: bad input but no error message: %s" % (n, out[:200]))
    for p in problems[:20]:
        print("check: %s" % p)
    print(
        "check: %d input lines, %d output lines in %d part files; %d analyses (%d entities, %d quotes, "
        "%d with a named speaker), %d error lines; %s"
        % (len(lines), len(outputs), len(parts), analyses, entities, quotes, speakers, errors,
           "ok" if not problems else "%d problems" % len(problems))
    )
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
