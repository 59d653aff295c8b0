"""Analyzes a JSON Lines file of articles on Apache Spark with the native CLI.

Each input line is ``{"id": any, "text": string, ...}`` (extra fields are
ignored; see ../shared/SPEC.md, "Command line"). Every partition of the
input is piped through ``article-lens analyze --jsonl`` with ``RDD.pipe``: the
lines go to the process's standard input and its output lines, one
``{"id", "analysis"}`` or ``{"id", "error"}`` per input line in input order,
become the output partition. The output is written with ``saveAsTextFile``
(``part-00000``, ``part-00001``, ... in input order).

The binary is native code for the machines that run the tasks (build it there
or for their platform: ``cargo build --release``). Ship it with the job::

    spark-submit --master yarn --files target/release/article-lens \\
        scripts/spark/analyze_jsonl.py hdfs:///news/in.jsonl hdfs:///news/out

On a cluster a file given with ``--files`` lands in each executor's working
directory, so the command is ``./article-lens``. In local mode the executor is
the driver's JVM and the file is under the driver's SparkFiles directory, which
``SparkFiles.get`` gives. ``--binary /abs/path`` runs a binary that is already
installed at that path on every machine and ships nothing.

The CLI exits 1 when a line could not be analyzed (bad JSON, no "text"); that
line still gets an ``{"id", "error"}`` output line, so the task wraps the
command to treat 1 as success and fail only on anything worse (bad arguments,
a crash), which ``checkCode=True`` turns into a failed task.

The CLI analyzes a batch of lines on all the cores it is allowed
(``available_parallelism``): with one Spark task per core, each task's process
starts that many threads. Results are the same; for less contention give each
executor one core per task, or run it under ``taskset``.
"""

import argparse
import os
import shlex
import sys
import time

from pyspark import SparkFiles
from pyspark.sql import SparkSession


def command_for(sc, binary):
    """The shell command each task runs, given the --binary argument."""
    if os.path.isabs(binary):
        path = binary
    else:
        name = os.path.basename(binary)
        if sc.master.startswith("local"):
            path = SparkFiles.get(name)
        else:
            path = "./" + name
    # Exit 1 means "some line got an error object" (still one output line per
    # input line); anything else is a real failure.
    script = 'bin="$1"; "$bin" analyze --jsonl; s=$?; [ "$s" -le 1 ] && exit 0; exit "$s"'
    return "sh -c %s sh %s" % (shlex.quote(script), shlex.quote(path))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input", help="JSON Lines file(s), comma-separated, any Hadoop path")
    parser.add_argument("output", help="output directory (must not exist)")
    parser.add_argument(
        "--binary",
        default="article-lens",
        help="name of the binary shipped with --files (default), or an absolute path",
    )
    parser.add_argument("--partitions", type=int, default=None, help="minimum input partitions")
    args = parser.parse_args(argv)

    spark = SparkSession.builder.appName("article-lens analyze --jsonl").getOrCreate()
    sc = spark.sparkContext
    command = command_for(sc, args.binary)
    print("article-lens: task command: %s" % command, file=sys.stderr)

    lines = sc.textFile(args.input, minPartitions=args.partitions)
    # The CLI skips blank lines; skip them here too so that input and output
    # counts can be compared.
    articles = lines.filter(lambda line: line.strip() != "")
    analyses = articles.pipe(command, checkCode=True)

    start = time.monotonic()
    analyses.saveAsTextFile(args.output)
    seconds = time.monotonic() - start
    print(
        "article-lens: %d partitions piped through %s in %.1f s"
        % (articles.getNumPartitions(), args.binary, seconds),
        file=sys.stderr,
    )
    spark.stop()


if __name__ == "__main__":
    main()
