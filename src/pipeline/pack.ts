/**
 * The agenda pack: assemble lays the items out on their page counts (each from a right-hand page), render
 * makes the pack's own pages (the front sheet with those page ranges, a cover before each included PDF),
 * print prints them — or reads them back, when the last build here printed the very same page — and joins
 * them with every item's own printed pages, tags and bookmarks and all. Nothing of a paper is printed again.
 */
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { layoutPack, PACK_PART, packFileName, packPageFileName, packRuns } from '../assemble/index.js';
import type { MeetingConfig, PackLayout, PackPart, Tool } from '../model/index.js';
import { coverBlock, decodeBlock, encodeBlock, frontSheetBlock, headingTexts, openPdf, type ChunkSink, type EarlierPack, type Footer, type PackAssembly, type PackSegment, type PartBlock, type Printer } from '../print/index.js';
import { packPageKey, sha256, type ManifestPackPage, type OutputFile, type ReusedPaper } from '../publish/index.js';
import { coverView, formatLongDate, formatMeetingDateTime, packView, styleCss } from '../render/index.js';
import type { Effects } from './effects.js';
import type { LoadedMeeting } from './load.js';
import type { Spool, SpooledFile } from './spool.js';

/** The pack's own pages as HTML, laid out on the items' page counts. */
export interface OwnPages {
  parts: PackPart[];
  layout: PackLayout;
  /** The front sheet. */
  html: string;
  /** A cover for each included PDF, in agenda order. */
  covers: { number: string; html: string }[];
}

/** The front sheet and covers for these page counts (`pagesOf`: a paper's pages, by item number). */
export function ownPages(meeting: MeetingConfig, loaded: Pick<LoadedMeeting, 'included' | 'logo'>, pagesOf: (number: string) => number, render: (view: object) => string, copy: { supplement: boolean; largePrint: boolean; confidential: boolean }): OwnPages {
  const parts: PackPart[] = meeting.agenda.map((entry) => {
    if (entry.kind === 'paper') return { entry, pages: pagesOf(entry.number) };
    if (entry.kind === 'pdf') {
      const inc = loaded.included.get(entry.number)!;
      return { entry, pages: 1 + inc.pages, includedPages: inc.pages };
    }
    return { entry, pages: 0 };
  });
  const style = { styleCss: styleCss(meeting.style), logo: loaded.logo ? { src: loaded.logo, alt: `${meeting.council} logo` } : undefined, ...copy };
  const layout = layoutPack(parts, meeting.pack.blankPages);
  const covers = parts.filter((p) => p.entry.kind === 'pdf').map((p) => ({ number: p.entry.number, html: render(coverView(meeting, p, style)) }));
  return { parts, layout, html: render(packView(meeting, parts, layout, style)), covers };
}

/** One of the pack's own pages as a block: as the last build here published it, or printed now (then `file` is to publish). */
export interface PackPage {
  block: PartBlock;
  published: ManifestPackPage;
  file?: OutputFile | undefined;
}

/** The pack's own pages, printing: the front sheet, then the covers, in one browser, in that order. */
export interface PackPrinting {
  pages: OwnPages;
  front: Promise<PackPage>;
  covers: Promise<PackPage>[];
}

/** How the pack's own pages are had: printed, unless the last build here published the very same page. */
export class PackPagePrinter {
  constructor(
    private readonly printer: Printer,
    private readonly tool: Tool,
    /** The pack's file name (its pages' blocks are named after it). */
    private readonly pack: string,
    private readonly last: readonly ManifestPackPage[],
    private readonly outDir: string,
    private readonly effects: Effects,
  ) {}

  /** The pages sent to Chromium now (or read back), front sheet first. */
  print(pages: OwnPages): PackPrinting {
    const front = this.page('front', pages.html);
    const covers = pages.covers.map((c) => this.page(`item${c.number}`, c.html));
    for (const p of [front, ...covers]) p.catch(() => undefined); // awaited (and any error thrown) by joinPack
    return { pages, front, covers };
  }

  /** `printing` when it is printing these very pages, else these printed now. */
  unlessPrinting(pages: OwnPages, printing: PackPrinting | undefined): PackPrinting {
    const p = printing?.pages;
    const same = p !== undefined && p.html === pages.html && p.covers.length === pages.covers.length && p.covers.every((c, i) => c.html === pages.covers[i]!.html);
    return same ? printing! : this.print(pages);
  }

  /**
   * One of the pack's own pages (`part`: `front`, or `item4` for item 4's cover) from its HTML. A data fix
   * seldom moves a page range, so the front sheet is usually the one the last build printed: then its block
   * is read back (≈ 0.5 s of Chromium's time saved, a cold renderer loading four scripts' fonts), provided
   * it was printed from the same HTML by the same tool and browser and its bytes are as published.
   */
  private page(part: string, html: string): Promise<PackPage> {
    const key = packPageKey(part, html, this.tool, this.printer.version);
    const file = packPageFileName(this.pack, part);
    const print = async (): Promise<PackPage> => {
      const doc = await openPdf((await this.printer.print(html)).pdf);
      const block = part === 'front' ? frontSheetBlock(doc) : coverBlock(doc, part.slice('item'.length));
      const bytes = encodeBlock(block);
      return { block, published: { part, key, file, sha256: sha256(bytes) }, file: { name: file, bytes } };
    };
    const published = this.last.find((p) => p.part === part && p.key === key && p.file === file);
    if (!published) return print(); // sent to Chromium now, in the order asked for
    return (async () => {
      const bytes = await this.effects.readFile(path.join(this.outDir, file)).catch(() => undefined);
      const block = bytes && sha256(bytes) === published.sha256 ? decodeBlock(bytes) : undefined;
      if (block?.key !== part) return print();
      const of = this.pack === 'pack.pdf' ? '' : ` (${this.pack})`;
      this.effects.log(`reuse ${part === 'front' ? 'the front sheet' : `the cover of item ${part.slice('item'.length)}`}${of}: the very page the last build here printed`);
      return { block, published };
    })();
  }
}

/**
 * The papers reused from the last build, into the pack: each as the block published beside it (see
 * src/print/blocks.ts), or, where there is none (a build before blocks were published), from its PDF.
 */
export async function addReusedPapers(meeting: MeetingConfig, reuse: ReadonlyMap<string, ReusedPaper>, assembly: PackAssembly, outDir: string, effects: Effects): Promise<void> {
  for (const entry of meeting.agenda) {
    const paper = reuse.get(entry.number);
    if (!paper) continue;
    const bookmark = `Item ${entry.number} – ${entry.title}`;
    const part = paper.files.find((f) => f.file.endsWith(PACK_PART));
    const read = async (): Promise<PartBlock | undefined> => (part ? decodeBlock(await effects.readFile(path.join(outDir, part.file))) : undefined);
    const block = await read();
    if (block && block.key === `item${entry.number}`) {
      // Only its shape is kept; it is read again when the pack is written (the published file is never written to).
      const reload = async (): Promise<PartBlock> => {
        const again = await read();
        if (!again) throw new Error(`${part!.file} was read for the pack and cannot be read again`);
        return again;
      };
      assembly.addPaperBlock(entry.number, { block, id: part!.sha256, reload }, bookmark);
      continue;
    }
    const file = paper.files.find((f) => f.file.endsWith('.pdf'))!.file;
    assembly.addPaper(entry.number, await openPdf(await effects.readFile(path.join(outDir, file))), bookmark);
  }
}

/** The pack as joined: its file name, its file (written, to be named), pages, its own pages (to publish beside it) and where each part is in it. */
export interface JoinedPack {
  name: string;
  /** Written into the release under no name yet: named when its version is known (publish/versions.ts). */
  file: SpooledFile;
  pages: number;
  html: string;
  covers: string[];
  ownPages: PackPage[];
  segments: PackSegment[];
}

/**
 * Bytes of the pack written between full garbage collections. Joining a part leaves about six times its
 * written size behind as garbage (its block read back, its objects' text, their object streams), and
 * V8 let the heap grow by 200 MB over the 3 s a 3,034-page pack took to join, to a peak 1.4–1.5× the
 * 1,016-page pack's; with a collection every 8 MiB (four in that pack) it stays level. See
 * docs/PERFORMANCE.md (2026-12-05, sixth session).
 */
export const PACK_BYTES_BETWEEN_COLLECTIONS = 8 * 1024 * 1024;

/** `sink`, with `collect` started each time another `bytes` have gone to it. */
export function collectingEvery(sink: ChunkSink, bytes: number, collect: () => void): ChunkSink {
  let since = 0;
  return async (chunk) => {
    await sink(chunk);
    since += chunk.length;
    if (since < bytes) return;
    since = 0;
    collect();
  };
}

/**
 * The agenda pack: the front sheet and covers (as printing), then every item's own PDF in the order the
 * layout gives, joined — tags, bookmarks and all — and the pages numbered. Every paper is already in the
 * assembly (built or reused); `pdfShaOf` gives the SHA-256 of each paper's published PDF.
 */
export async function joinPack(
  meeting: MeetingConfig,
  loaded: Pick<LoadedMeeting, 'included'>,
  printing: PackPrinting,
  assembly: PackAssembly,
  pdfShaOf: (number: string) => string,
  options: { tool: Tool; browser: string; supplement: boolean; largePrint: boolean; confidential: boolean; footer: Footer; earlier: Promise<EarlierPack | undefined>; spool: Spool },
  effects: Effects,
): Promise<JoinedPack> {
  const t0 = performance.now();
  const { parts, layout, html } = printing.pages;
  // What the pack is made of, as one hash: its file ID derives from it.
  const identity = [sha256(html), ...parts.flatMap((p) => (p.entry.kind === 'paper' ? [pdfShaOf(p.entry.number)] : []))];
  const front = await printing.front;
  const ownPages = [front];
  const tFront = performance.now();
  for (const [c, cover] of printing.pages.covers.entries()) {
    const page = await printing.covers[c]!;
    if (page.block.pages !== 1) throw new Error(`the cover of item ${cover.number} printed ${page.block.pages} pages where one was laid out`);
    ownPages.push(page);
    const inc = loaded.included.get(cover.number)!;
    identity.push(sha256(cover.html), inc.source.sha256);
    const title = meeting.agenda.find((e) => e.number === cover.number)!.title;
    assembly.addIncluded(cover.number, { block: page.block, id: page.published.sha256 }, await openPdf(inc.bytes), `Item ${cover.number} – ${title}`, inc.source.sha256);
  }
  const tOpen = performance.now();
  const { tool, browser, supplement, largePrint, confidential } = options;
  const file = await options.spool.create(); // the pack goes to disk a part at a time as it is joined
  const sink = collectingEvery(file.sink, PACK_BYTES_BETWEEN_COLLECTIONS, () => effects.collectGarbage?.());
  const joined = await assembly.finish({ block: front.block, id: front.published.sha256 }, packRuns(parts, layout, front.block.pages), options.footer, {
    title: `${confidential ? 'Confidential agenda pack, not for publication' : supplement ? 'Supplementary agenda pack' : 'Agenda pack'}${largePrint ? ' (large print)' : ''} – ${meeting.committee}, ${formatLongDate(meeting.start)}`,
    author: meeting.council,
    subject: `${meeting.committee}, ${formatMeetingDateTime(meeting.start)}: agenda and papers`,
    keywords: [`agenda pack; ${meeting.committee}`],
    date: meeting.dateOfIssue ?? meeting.asAt,
    lang: 'en-GB',
    creator: `${tool.name} ${tool.version}`,
    producer: `${tool.name} ${tool.version} (${browser}, pdf-lib)`,
    identity: sha256(identity.join('\n')),
    headings: headingTexts(html),
  }, await options.earlier, sink);
  const copied = joined.copied > 0 ? `; ${joined.copied} of its parts as the last pack here wrote them` : '';
  const ms = (t: number): number => Math.round(performance.now() - t);
  effects.log(`assemble ${confidential ? 'confidential ' : ''}${largePrint ? 'large-print ' : ''}pack → ${joined.pages} pages (${joined.frontPages} front, ${layout.pages} numbered) (${ms(t0)} ms: front sheet ${Math.round(tFront - t0)}, covers ${Math.round(tOpen - tFront)}, laid out, numbered and saved ${ms(tOpen)} ms${copied})`);
  return { name: packFileName(meeting, { supplement, largePrint, confidential }), file, pages: joined.pages, html, covers: printing.pages.covers.map((c) => c.html), ownPages, segments: joined.segments };
}
