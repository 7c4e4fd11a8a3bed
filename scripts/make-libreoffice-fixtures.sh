#!/usr/bin/env bash
# Re-save workbooks with a real spreadsheet program (LibreOffice Calc, headless, from Debian), so the
# tests read files exactly as an officer's office suite writes them. Run once, on purpose; the outputs
# in test/fixtures/libreoffice/ are committed. Needs: apt-get install libreoffice-calc-nogui
set -euo pipefail
cd "$(dirname "$0")/.."
out=test/fixtures/libreoffice
tmp=$(mktemp -d)
mkdir -p "$out"
convert() { soffice --headless --norestore --convert-to "$1" --outdir "$tmp" "$2" >/dev/null 2>&1; }

convert 'xlsx:Calc MS Excel 2007 XML' data/sample/tracker.xlsx && cp "$tmp/tracker.xlsx" "$out/tracker.xlsx"
convert 'xlsx:Calc MS Excel 2007 XML' data/sample/action-plan.xlsx && cp "$tmp/action-plan.xlsx" "$out/action-plan.xlsx"
convert 'xlsx:Calc MS Excel 2007 XML' test/fixtures/exceljs/quirks.xlsx && cp "$tmp/quirks.xlsx" "$out/quirks.xlsx"
convert 'xlsx:Calc MS Excel 2007 XML' test/fixtures/exceljs/formulas.xlsx && cp "$tmp/formulas.xlsx" "$out/formulas.xlsx"
convert 'xlsx:Calc MS Excel 2007 XML' test/fixtures/exceljs/hidden-rows.xlsx && cp "$tmp/hidden-rows.xlsx" "$out/hidden-rows.xlsx"
convert 'xlsx:Calc MS Excel 2007 XML' test/fixtures/exceljs/struck-through.xlsx && cp "$tmp/struck-through.xlsx" "$out/struck-through.xlsx"
convert 'xlsx:Calc MS Excel 2007 XML' test/fixtures/exceljs/kpis-wide.xlsx && cp "$tmp/kpis-wide.xlsx" "$out/kpis-wide.xlsx"
# The old binary format, renamed .xlsx. An OLE compound file: the same container a password-protected
# (encrypted) workbook uses. (LibreOffice 7.4 headless would not write an encrypted .xlsx, by --convert-to
# filter options or by UNO's storeToURL with a Password, so that case is covered by this container.)
convert 'xls:MS Excel 97' data/sample/tracker.xlsx && cp "$tmp/tracker.xls" "$out/old-format-renamed.xlsx"
ls -l "$out"
