// committee-papers never downloads a browser: it drives Debian's own Chromium
// (installed by scripts/setup.sh). This file is read by puppeteer at install
// time (skip the download) and at run time (where the browser lives).
/** @type {import("puppeteer").Configuration} */
module.exports = {
  skipDownload: true,
  chrome: { skipDownload: true },
  'chrome-headless-shell': { skipDownload: true },
  firefox: { skipDownload: true },
  executablePath: process.env.PAPERS_CHROMIUM || '/usr/bin/chromium',
};
