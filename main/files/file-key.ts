/**
 * The identity of a local file as every service keys it: the path made absolute the way Node resolves it
 * here, then compared by the core's rule (app/paths/identity.ts: case-insensitive for Windows paths).
 */
import path from 'node:path';
import { pathKey } from '../../app/paths/identity.js';

export function fileKey(filePath: string): string {
  return pathKey(path.resolve(filePath));
}
