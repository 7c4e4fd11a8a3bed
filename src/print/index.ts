export * from './chromium.js';
export { pageOfPages, stampFooters, stripFooters } from './footer.js';
export { canonicaliseIds, renumberObjects, TaggedJoin } from './merge.js';
export { finaliseDocument, finalisePdf, openPdf, fixOutlineTitles, headingTexts, type PdfMetadata } from './metadata.js';
export * from './pack.js';
