export * from './meeting.js';
export * from './style.js';
export * from './schedule.js';
export { keysAt, unknownKeysExpected, unknownKeysFound } from './keys.js';
