export * from './chromium.js';
export { finalisePdf, fixOutlineTitles, headingTexts, type PdfMetadata } from './metadata.js';
export * from './pack.js';
