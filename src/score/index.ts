export * from './plan.js';
export * from './kpis.js';
