export * from './chromium.js';
export { finalisePdf, type PdfMetadata } from './metadata.js';
