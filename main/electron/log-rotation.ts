/**
 * Log rotation for electron-log's file transport: when `main.log` is full it becomes `main.1.log`,
 * `main.1.log` becomes `main.2.log`, and so on; the oldest generation is deleted. Synchronous, as
 * electron-log requires of its `archiveLogFn`.
 */
import fs from 'node:fs';
import path from 'node:path';

export const LOG_MAX_BYTES = 5 * 1024 * 1024;
export const LOG_GENERATIONS = 3;

export function generationPath(file: string, generation: number): string {
  if (generation === 0) return file;
  const ext = path.extname(file);
  return `${file.slice(0, file.length - ext.length)}.${generation}${ext}`;
}

type SyncFs = Pick<typeof fs, 'existsSync' | 'renameSync' | 'rmSync'>;

export function rotateLogFile(file: string, generations = LOG_GENERATIONS, fsApi: SyncFs = fs): void {
  fsApi.rmSync(generationPath(file, generations), { force: true });
  for (let g = generations - 1; g >= 0; g--) {
    const from = generationPath(file, g);
    if (fsApi.existsSync(from)) fsApi.renameSync(from, generationPath(file, g + 1));
  }
}
