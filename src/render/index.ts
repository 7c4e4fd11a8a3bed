export * from './format.js';
export * from './markdown.js';
export * from './view.js';
export * from './paper.js';
export * from './templates.js';
export * from './validation.js';
export * from './charts.js';
export * from './tables.js';
