export * from './types.js';
export * from './values.js';
export * from './dates.js';
export * from './colour.js';
export * from './numbers.js';
export * from './period.js';
