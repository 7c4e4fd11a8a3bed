export * from './atomic.js';
export * from './keys.js';
export * from './manifest.js';
export * from './versions.js';
