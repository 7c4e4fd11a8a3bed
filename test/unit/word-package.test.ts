import { readdir, readFile } from 'node:fs/promises';
import { Document, Paragraph } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TEMPLATES, paperViewOf } from '../../src/pipeline/index.js';
import { chartPictures } from '../../src/print/index.js';
import { compilePaper, loadTemplates } from '../../src/render/index.js';
import { chartsIn, packageFiles, paperDocx, type WordInput } from '../../src/render/word.js';
import { loadSample } from '../helpers/sample.js';

/** The sample paper's Word input, its 24 charts as pictures. */
async function sampleInput(): Promise<WordInput> {
  const loaded = await loadSample();
  const config = { file: loaded.meeting.file.display, sha256: loaded.configSha256, bytes: loaded.configBytes };
  const { view } = await paperViewOf(loaded.meeting, loaded.items[0]!, { config });
  const templates = await loadTemplates(DEFAULT_TEMPLATES, { readText: (f) => readFile(f, 'utf8'), list: (d) => readdir(d) });
  const html = compilePaper(templates)(view);
  const found = chartsIn(html);
  const pngs = await chartPictures(found);
  const charts = new Map(found.map((c, i) => [c.captionId, { png: pngs[i]!, width: c.width, height: c.height, words: c.words }] as const));
  return { html, title: 'Update', subject: 'Cabinet, item 6', author: 'Haverleigh', creator: 'committee-papers test', date: '2017-01-30', charts };
}

describe('the Word copy is zipped once (render/word.ts)', () => {
  it('takes the files from docx’s compiler with the docx this project locks (a docx that moved it would fall back, slower)', () => {
    const files = packageFiles(new Document({ sections: [{ children: [new Paragraph('One line')] }] }));
    expect(files).toBeDefined();
    expect(typeof files!['word/document.xml']).toBe('string');
    expect(files!['word/document.xml']).toContain('One line');
    expect(Object.keys(files!)).toContain('[Content_Types].xml');
  });

  it('gives the same bytes as the zip docx makes, opened and zipped again (the fallback), pictures and all', async () => {
    const input = await sampleInput();
    expect(input.charts.size).toBe(24);
    const once = await paperDocx(input);
    const twice = await paperDocx(input, 'zip');
    expect(Buffer.from(once).equals(Buffer.from(twice))).toBe(true);
    const parts = unzipSync(once);
    expect(Object.keys(parts).filter((n) => n.endsWith('.png'))).toHaveLength(24);
    expect(strFromU8(parts['docProps/core.xml']!)).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2017-01-30T00:00:00Z</dcterms:created>');
  });
});
