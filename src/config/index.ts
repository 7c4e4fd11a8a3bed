export * from './meeting.js';
export * from './style.js';
