export * from './chromium.js';
export { stampFooters, stripFooters } from './footer.js';
export { mergeTagged, type MergePart } from './merge.js';
export { finaliseDocument, finalisePdf, openPdf, fixOutlineTitles, headingTexts, type PdfMetadata } from './metadata.js';
export * from './pack.js';
