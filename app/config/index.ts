export * from './model.js';
export * from './findings.js';
export { readSevenB, hasUtf8Bom, MAX_SEVEN_B_BYTES, tooLargeResult, type ReadOptions, type ReadResult } from './read.js';
export { formatSevenB, encodeSevenB } from './write.js';
export { sevenBJsonSchema } from './schema.js';
export { newVmConfig } from './defaults.js';
