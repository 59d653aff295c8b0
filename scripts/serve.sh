#!/usr/bin/env bash
# Builds the page and serves www/ at http://127.0.0.1:PORT/ (default 8000):
#   scripts/serve.sh [PORT]
# Any static file server works; this one is Python's, told that .wasm is
# application/wasm (so the browser compiles it while it downloads).
set -euo pipefail
cd "$(dirname "$0")/.."
port=${1:-${PORT:-8000}}
bash scripts/setup.sh build
bash scripts/build-wasm.sh
echo
echo "article-lens: open http://127.0.0.1:$port/ (Ctrl-C stops the server)"
exec python3 - "$port" <<'PY'
import functools, http.server, sys
class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".js": "text/javascript",
                      ".txt": "text/plain; charset=utf-8"}
port = int(sys.argv[1])
handler = functools.partial(Handler, directory="www")
http.server.ThreadingHTTPServer(("127.0.0.1", port), handler).serve_forever()
PY
