export * from './types.js';
export * from './values.js';
