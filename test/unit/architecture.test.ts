/**
 * The pipeline's shape, kept by a test rather than a hope (docs/ARCHITECTURE.md). Every import in src/ —
 * `import type`, `export … from` and `import()` included — is read with TypeScript's own scanner, and
 *
 * - each stage may import only the stages its rule names (the rules are the diagram:
 *   config → ingest → score → render → print → assemble → publish, with `pipeline/` the only place that
 *   knows them all and `cli/` the only place that knows the command line);
 * - each outside library is used only by the stage whose job it is (puppeteer by print, exceljs by
 *   ingest, Handlebars by render…), and score, render, model and assemble touch no file, process or network;
 * - there is no import cycle at all, between files or between stages, type-only imports included;
 * - no file is over about 400 lines and no function over about 80, unless a comment just above it says
 *   why ("Long because …").
 *
 * KNOWN_BREAKS lists the breaks still to mend: it may only shrink (a break not listed fails, and so does a
 * listed one that has been mended).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve('src');

/** What each stage may import from src/ (besides itself). Anything else is a break. */
const STAGES: Record<string, { may: readonly string[]; why: string }> = {
  errors: { may: [], why: 'the error catalogue: every stage reports through it, so it depends on none of them' },
  model: { may: ['errors'], why: 'the vocabulary the stages hand each other: stages meet only here' },
  config: { may: ['model', 'errors'], why: 'meeting.yaml → the model’s MeetingConfig; it knows no stage after it' },
  ingest: { may: ['config', 'model', 'errors'], why: 'files → model records; it knows nothing of scoring, rendering, printing or publishing' },
  score: { may: ['model', 'errors'], why: 'pure: model in, ratings out' },
  render: { may: ['model', 'errors'], why: 'pure: scored model in, HTML out' },
  print: { may: ['model', 'errors'], why: 'HTML and PDFs in, PDFs out: it knows nothing of what the documents say' },
  assemble: { may: ['model', 'errors'], why: 'pure: page counts in, the pack’s layout and file names out' },
  publish: { may: ['model', 'errors'], why: 'files out, atomically, with the manifest and what the next build may reuse' },
  pipeline: { may: ['config', 'ingest', 'score', 'render', 'print', 'assemble', 'publish', 'model', 'errors'], why: 'one short function per command, calling the stages in order: the only place that knows them all' },
  queue: { may: ['pipeline', 'model', 'errors'], why: 'jobs and the queues they go through (BullMQ on Redis): a shell over the pipeline, for the web app, `papers worker` and `papers run --queue`' },
  web: { may: ['queue', 'pipeline', 'render', 'model', 'errors'], why: 'the officers’ web app: a shell over the pipeline like the CLI, its pages rendered by render' },
  cli: { may: ['web', 'queue', 'pipeline', 'model', 'errors'], why: 'a thin shell over the pipeline (and the web app): arguments in, exit code out' },
  index: { may: ['pipeline', 'config', 'ingest', 'score', 'render', 'print', 'assemble', 'publish', 'model', 'errors'], why: 'the public surface for use as a library (never the CLI)' },
};

/** Outside libraries and the stages whose job they are. A library not listed may be used anywhere but the pure stages. */
const LIBRARIES: Record<string, readonly string[]> = {
  puppeteer: ['print'],
  '@resvg/resvg-js': ['print'],
  'pdf-lib': ['print'],
  '@pdf-lib/fontkit': ['print'],
  exceljs: ['ingest'],
  yauzl: ['ingest'],
  'csv-parse': ['ingest'],
  'iconv-lite': ['ingest'],
  handlebars: ['render'],
  'markdown-it': ['render'],
  vega: ['render'],
  'vega-lite': ['render'],
  'csv-stringify': ['render'],
  docx: ['render'],
  htmlparser2: ['render'],
  fflate: ['render', 'ingest'],
  commander: ['cli'],
  'cli-progress': ['cli'],
  fastify: ['web'],
  '@fastify/cookie': ['web'],
  '@fastify/formbody': ['web'],
  '@fastify/multipart': ['web'],
  'better-sqlite3': ['web'],
  bullmq: ['queue'],
  ioredis: ['queue'],
};

/** What the pure stages may not touch: files, processes, the network, the clock's zone database aside. */
const PURE = ['score', 'render', 'model', 'assemble'];
const IMPURE = /^node:(fs|fs\/promises|child_process|net|http|https|os|worker_threads|v8|vm)$/;

/** The most lines a source file and a function may have, unless a comment says why (`Long because`). */
const FILE_LINES = 400;
const FUNCTION_LINES = 80;

/** Breaks still to mend: `from-file → to-file`. It may only shrink. */
const KNOWN_BREAKS: readonly string[] = [];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? files(p) : n.endsWith('.ts') ? [p] : [];
  });
}

/** `score`, `pipeline`…: a file's folder under src/, or its own name for a file directly in src/. */
const stageOf = (file: string): string => {
  const rel = path.relative(SRC, file).split(path.sep);
  return rel.length > 1 ? rel[0]! : rel[0]!.replace(/\.ts$/, '');
};
const rel = (f: string): string => path.relative(SRC, f).split(path.sep).join('/');

/** Every module a file names, with what it resolves to inside src/ (undefined for a library or Node). */
function importsOf(file: string): { spec: string; target: string | undefined }[] {
  const info = ts.preProcessFile(readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map(({ fileName: spec }) => {
    if (!spec.startsWith('.')) return { spec, target: undefined };
    const base = path.resolve(path.dirname(file), spec).replace(/\.js$/, '');
    const target = [`${base}.ts`, path.join(base, 'index.ts')].find((c) => {
      try {
        return statSync(c).isFile();
      } catch {
        return false;
      }
    });
    if (!target) throw new Error(`${rel(file)} imports ${spec}, which is not a file in src/`);
    return { spec, target };
  });
}

const all = files(SRC);
const graph = new Map(all.map((f) => [f, importsOf(f)]));

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function cycles(nodes: readonly string[], edges: (n: string) => readonly string[]): string[][] {
  let index = 0;
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const on = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of edges(v)) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        on.delete(w);
        scc.push(w);
      } while (w !== v);
      if (scc.length > 1 || edges(v).includes(v)) out.push(scc.sort());
    }
  };
  for (const n of nodes) if (!idx.has(n)) visit(n);
  return out;
}

describe('architecture: the stages stay apart (docs/ARCHITECTURE.md)', () => {
  it('knows the stage of every file in src/', () => {
    const unknown = [...new Set(all.map(stageOf))].filter((s) => !(s in STAGES));
    expect(unknown, 'a new folder in src/ needs its rule in STAGES').toEqual([]);
  });

  it('has each stage import only the stages its rule allows (KNOWN_BREAKS only shrinks)', () => {
    const breaks: string[] = [];
    for (const [file, imports] of graph) {
      const from = stageOf(file);
      for (const { target } of imports) {
        if (!target) continue;
        const to = stageOf(target);
        if (to !== from && !STAGES[from]!.may.includes(to)) breaks.push(`${rel(file)} → ${rel(target)}`);
      }
    }
    const described = breaks.map((b) => {
      const [from, to] = b.split(' → ').map((f) => stageOf(path.join(SRC, f!)));
      return `${b}  (${from} may import only ${STAGES[from!]!.may.join(', ') || 'nothing'}: ${STAGES[from!]!.why}; not ${to})`;
    });
    expect(described.filter((d) => !KNOWN_BREAKS.includes(d.split('  (')[0]!))).toEqual([]);
    expect(KNOWN_BREAKS.filter((k) => !breaks.includes(k)), 'mended: take these out of KNOWN_BREAKS').toEqual([]);
  });

  it('has each outside library used only by the stage whose job it is, and the pure stages touch no file or process', () => {
    const wrong: string[] = [];
    for (const [file, imports] of graph) {
      const stage = stageOf(file);
      for (const { spec, target } of imports) {
        if (target) continue;
        const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
        const owners = LIBRARIES[pkg];
        if (owners && !owners.includes(stage)) wrong.push(`${rel(file)} uses ${pkg}, which belongs to ${owners.join(', ')}`);
        if (PURE.includes(stage) && IMPURE.test(spec)) wrong.push(`${rel(file)} uses ${spec}, but ${stage} is pure`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('has no import cycle between files, type-only imports included', () => {
    const found = cycles(all, (f) => graph.get(f)!.flatMap((i) => (i.target ? [i.target] : [])));
    expect(found.map((c) => c.map(rel).join(' ⇄ '))).toEqual([]);
  });

  it('has no import cycle between stages', () => {
    const stages = Object.keys(STAGES);
    const arrows = new Map(stages.map((s) => [s, new Set<string>()]));
    for (const [file, imports] of graph) {
      for (const { target } of imports) if (target && stageOf(target) !== stageOf(file)) arrows.get(stageOf(file))!.add(stageOf(target));
    }
    expect(cycles(stages, (s) => [...arrows.get(s)!])).toEqual([]);
  });

  it('has no file over 400 lines and no function over 80, unless a comment just above says why', () => {
    const long: string[] = [];
    for (const file of all) {
      const text = readFileSync(file, 'utf8');
      const lines = text.split('\n').length;
      if (lines > FILE_LINES && !/^\/\/ Long because|^ \* Long because/m.test(text.slice(0, 2000))) long.push(`${rel(file)}: ${lines} lines`);
      const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
      const visit = (n: ts.Node): void => {
        if (ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) || ts.isArrowFunction(n) || ts.isFunctionExpression(n) || ts.isConstructorDeclaration(n)) {
          const first = sf.getLineAndCharacterOfPosition(n.getStart()).line;
          const size = sf.getLineAndCharacterOfPosition(n.getEnd()).line - first + 1;
          // The comment before the function, or before the statement holding it (`const f = () => …`).
          let holder: ts.Node = n;
          while (holder.parent && !ts.isSourceFile(holder.parent) && !ts.isBlock(holder.parent) && !ts.isClassDeclaration(holder.parent)) holder = holder.parent;
          const said = text.slice(holder.getFullStart(), holder.getStart()).includes('Long because');
          if (size > FUNCTION_LINES && !said) long.push(`${rel(file)}:${first + 1}: ${ts.isFunctionDeclaration(n) || ts.isMethodDeclaration(n) ? (n.name?.getText(sf) ?? 'function') : 'function'} of ${size} lines`);
        }
        ts.forEachChild(n, visit);
      };
      visit(sf);
    }
    expect(long).toEqual([]);
  });

  it('has the bench’s workers (plain .mjs, which the type-check does not read) import only modules that exist', () => {
    const missing: string[] = [];
    for (const file of readdirSync('bench').filter((f) => f.endsWith('.mjs'))) {
      for (const m of readFileSync(path.join('bench', file), 'utf8').matchAll(/from '\.\.\/dist\/([^']+)\.js'/g)) {
        if (!statSync(path.join(SRC, `${m[1]}.ts`), { throwIfNoEntry: false })) missing.push(`bench/${file} imports dist/${m[1]}.js, which src/ does not make`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('finds a break and a cycle when there is one (the test itself is checked)', () => {
    const found = cycles(['a', 'b', 'c'], (n) => ({ a: ['b'], b: ['a'], c: ['c'] })[n]!);
    expect(found).toEqual([['a', 'b'], ['c']]);
    expect(importsOf(path.join(SRC, 'score', 'item.ts')).some((i) => i.target && stageOf(i.target) === 'model')).toBe(true);
    const typeOnly = ts.preProcessFile("import type { A } from './a.js';\nexport * from './b.js';\nconst c = await import('./c.js');", true, true);
    expect(typeOnly.importedFiles.map((f) => f.fileName)).toEqual(['./a.js', './b.js', './c.js']);
  });
});
