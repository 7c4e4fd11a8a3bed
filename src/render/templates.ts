/**
 * Loading the templates folder: `paper.hbs`, `paper.css` and every `partials/*.hbs`.
 * The only I/O in render, and it goes through the reader it is given.
 */
import path from 'node:path';
import type { Templates } from './paper.js';

export interface TemplateReader {
  readText(file: string): Promise<string>;
  list(dir: string): Promise<string[]>;
}

export async function loadTemplates(dir: string, io: TemplateReader): Promise<Templates> {
  const partialDir = path.join(dir, 'partials');
  const names = (await io.list(partialDir)).filter((n) => n.endsWith('.hbs')).sort();
  const partials: Record<string, string> = {};
  for (const n of names) partials[n.slice(0, -4)] = await io.readText(path.join(partialDir, n));
  return {
    paper: await io.readText(path.join(dir, 'paper.hbs')),
    css: await io.readText(path.join(dir, 'paper.css')),
    validation: await io.readText(path.join(dir, 'validation.hbs')),
    pack: await io.readText(path.join(dir, 'pack.hbs')),
    highlight: await io.readText(path.join(dir, 'highlight.hbs')),
    partials,
  };
}
