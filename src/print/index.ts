export * from './chromium.js';
export { pageOfPages, stampFooters, stripFooters } from './footer.js';
export { blockOf, decodeBlock, encodeBlock, type PartBlock } from './blocks.js';
export { canonicaliseIds } from './merge.js';
export { finaliseDocument, finalisePdf, openPdf, fixOutlineTitles, headingTexts, type PdfMetadata } from './metadata.js';
export * from './pack.js';
export * from './finish.js';
export * from './included.js';
export * from './pool.js';
