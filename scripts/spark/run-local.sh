#!/usr/bin/env bash
# Runs scripts/spark/analyze_jsonl.py on Apache Spark in local mode (local[2])
# and checks its output: one line per input line, in order, each of the
# contract's shape (scripts/spark/check_output.py).
#
#   scripts/spark/run-local.sh [INPUT.jsonl ...]
#
# Input: the given JSON Lines files, else a few lines made here (the reference
# article, short made-up news sentences, a line with a non-string "text" and a
# line that is not JSON) followed by the PolNeAR dev articles read from
# ../shared/data when present (SPARK_WITH_TRAIN=1 adds PolNeAR train). Nothing
# of that data is written into the repository: Spark reads it where it is.
#
# Needs Java 8, 11 or 17 (Spark 3.5) and Python 3. Creates a virtualenv in
# target/spark-venv and installs pyspark there (about 300 MB from PyPI, once),
# builds target/release/article-lens, and leaves the output and Spark's log in
# target/spark-run/. Not part of scripts/test.sh because of that download.
set -euo pipefail
cd "$(dirname "$0")/../.."
. scripts/env.sh

PYSPARK_VERSION=3.5.9
venv=target/spark-venv
run=target/spark-run
say() { echo "spark: $*" >&2; }

command -v java >/dev/null 2>&1 || { say "no java: install a JDK 17 (apt-get install openjdk-17-jre-headless)"; exit 1; }
say "$(java -version 2>&1 | head -1)"

if ! "$venv/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" 2>/dev/null; then
  say "installing pyspark $PYSPARK_VERSION into $venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "pyspark==$PYSPARK_VERSION"
fi

cargo build --release --bin article-lens
binary=target/release/article-lens

rm -rf "$run"
mkdir -p "$run"
if [ $# -gt 0 ]; then
  inputs=$(IFS=,; echo "$*")
else
  # Made-up lines: the reference article, news-like sentences, and two bad lines.
  "$venv/bin/python" - "$run/made-up.jsonl" <<'EOF'
import json, sys
lines = [
    {"id": "reference", "text": open("tests/fixtures/blinken-baghdad.txt", encoding="utf-8").read()},
    {"id": 1, "text": "“We will rebuild the bridge by June,” said Maria Lopez, the mayor of Springfield, on Tuesday."},
    {"id": 2, "text": "Acme Corp. paid $4.5m to the Harbor Trust.\r\nIts chief executive, Tom Baker, declined to comment. 🙂"},
    {"id": 3, "text": ""},
    {"id": 4, "text": 42},
]
with open(sys.argv[1], "w", encoding="utf-8") as f:
    for line in lines:
        f.write(json.dumps(line, ensure_ascii=False) + "\n")
    f.write("this line is not JSON\n")
EOF
  inputs="$PWD/$run/made-up.jsonl"
  for dir in ../shared/data ../../shared/data; do
    if [ -f "$dir/polnear/polnear_dev.jsonl" ]; then
      inputs="$inputs,$(realpath "$dir/polnear/polnear_dev.jsonl")"
      if [ "${SPARK_WITH_TRAIN:-0}" = 1 ]; then
        inputs="$inputs,$(realpath "$dir/polnear/polnear_train.jsonl")"
      fi
      break
    fi
  done
  case $inputs in *polnear*) ;; *) say "note: ../shared/data/polnear not found; made-up lines only" ;; esac
fi

say "input: $inputs"
export PYSPARK_PYTHON="$PWD/$venv/bin/python"
export SPARK_LOCAL_IP=127.0.0.1 # loopback only
start=$(date +%s.%N)
"$venv/bin/spark-submit" --master 'local[2]' \
  --conf spark.ui.enabled=false \
  --files "$binary" \
  scripts/spark/analyze_jsonl.py "$inputs" "$PWD/$run/out" 2>"$run/spark.log" || {
  tail -40 "$run/spark.log" >&2
  say "spark-submit failed; full log in $run/spark.log"
  exit 1
}
end=$(date +%s.%N)
grep '^article-lens:' "$run/spark.log" >&2 || true
say "spark-submit took $(python3 -c "print(f'{$end - $start:.1f}')") s wall-clock (JVM start included)"
"$venv/bin/python" scripts/spark/check_output.py "$inputs" "$run/out"
