export * from './document.js';
export * from './validator.js';
