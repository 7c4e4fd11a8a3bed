#!/usr/bin/env bash
# Set up this machine for committee-papers, then build the sample meeting into output/<meeting>/.
#
#   npm run setup          (or: bash scripts/setup.sh)
#
# Needs only Node.js (20.19 or later) and npm beforehand. On Debian (or Ubuntu) it installs, with
# apt-get, Chromium (the browser that prints the PDFs: never downloaded by puppeteer), the fonts the
# papers use (Liberation Sans, metric-compatible with Arial; Noto for other scripts; WenQuanYi Micro Hei for Chinese), poppler's
# PDF tools (the tests read the PDFs back with them), a C++ toolchain for better-sqlite3 and Redis. As root it runs apt-get itself; otherwise it
# uses sudo when that needs no password, or prints the exact command to run and stops.
# SETUP_SKIP_SAMPLE=1 skips building the sample (CI builds it inside the tests).
set -euo pipefail
cd "$(dirname "$0")/.."

# python3, make and g++ build better-sqlite3 (the web app's database) when no prebuilt binary can be fetched;
# redis-server is the Redis the queue tests start on 127.0.0.1 (the tool itself needs Redis only with `queue:`).
# chromium-headless-shell is the same Chromium without its windows: it prints the same PDFs, and starts in a
# third of the time, so the tool prints with it when it is there (src/print/browser.ts).
APT_PACKAGES=(chromium chromium-headless-shell fonts-liberation2 fonts-noto-core fonts-noto-cjk fonts-wqy-microhei poppler-utils fontconfig python3 make g++ redis-server)

say() { printf 'setup: %s\n' "$*"; }

# 1. Node.js
if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)'; then
  say "Node.js $(node --version) is too old: committee-papers needs Node 20.19 or later."
  exit 1
fi

# 2. Debian packages
missing=()
if command -v dpkg-query >/dev/null 2>&1; then
  for p in "${APT_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
else
  for c in chromium pdfinfo pdftotext; do command -v "$c" >/dev/null 2>&1 || missing+=("$c"); done
  if ((${#missing[@]})); then
    say "this is not a Debian system; install Chromium, poppler-utils and the Liberation and Noto fonts yourself,"
    say "then set PAPERS_CHROMIUM to the browser if it is not /usr/bin/chromium. Missing: ${missing[*]}"
    exit 1
  fi
fi
if ((${#missing[@]})); then
  install=(apt-get install -y -q --no-install-recommends "${missing[@]}")
  if [ "$(id -u)" = 0 ]; then
    say "installing ${missing[*]}"
    apt-get update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive "${install[@]}" >/dev/null
  elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    say "installing ${missing[*]} (sudo)"
    sudo apt-get update -q >/dev/null
    sudo DEBIAN_FRONTEND=noninteractive "${install[@]}" >/dev/null
  else
    say "these Debian packages are missing: ${missing[*]}"
    say "run this, then run 'npm run setup' again:"
    printf '\n  sudo apt-get update && sudo apt-get install -y --no-install-recommends %s\n\n' "${missing[*]}"
    exit 1
  fi
fi
say "$(chromium --version 2>/dev/null | head -n 1)"

# 3. npm packages, exactly as locked (puppeteer is told by .puppeteerrc.cjs never to download a browser)
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "installing npm packages (npm ci)"
  npm ci --no-audit --no-fund --loglevel=error
fi

# 4. Compile, then build the sample
npm run --silent build
if [ "${SETUP_SKIP_SAMPLE:-}" != "1" ]; then
  say "building the sample meeting into output/<meeting>/"
  node bin/papers.js build data/sample/meeting.yaml
fi
say "ready. Run the tests with: npm test"
