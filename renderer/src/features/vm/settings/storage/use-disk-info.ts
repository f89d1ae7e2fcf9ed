/**
 * What virtdisk says of a disk of the draft (disks.info, by the absolute path the VM would open), read
 * again when the path changes or `refresh` is called (after a resize or compact). A file that is not
 * there, or that virtdisk cannot open, is an answer here, not a notification.
 */
import { useCallback, useEffect, useState } from 'react';
import type { CallOutput } from '../../../../../../app/ipc/contract.js';
import { resolveVmPath } from '../../../../../../app/paths/resolve.js';
import { folderOf } from '../../../../../../app/paths/parts.js';
import { useApi } from '../../../../api/context.js';
import type { ShownError } from '../../../../errors/shown-error.js';
import { attempt } from '../../../../store/outcome.js';
import { useEditorState } from '../editor/hooks.js';

export type DiskInfo = CallOutput<'disks.info'>;

export interface DiskInfoQuery {
  /** The file the VM would open, or null for an empty path. */
  readonly file: string | null;
  readonly info: DiskInfo | null;
  readonly error: ShownError | null;
  refresh(): void;
}

/** The absolute path of a device path of the draft, as main resolves it (app/paths/resolve.ts). */
export function useDevicePath(devicePath: string): string | null {
  const vmPath = useEditorState((s) => s.path);
  return devicePath.trim() === '' ? null : resolveVmPath(folderOf(vmPath), devicePath.trim());
}

export function useDiskInfo(devicePath: string): DiskInfoQuery {
  const api = useApi();
  const file = useDevicePath(devicePath);
  const [reads, setReads] = useState(0);
  const [answer, setAnswer] = useState<{ file: string; info: DiskInfo | null; error: ShownError | null } | null>(null);
  useEffect(() => {
    if (file === null || !/\.vhdx?$/i.test(file)) return;
    let current = true;
    // A path still being typed is read once the typing pauses.
    const timer = setTimeout(() => {
      void attempt(() => api.invoke('disks.info', { path: file })).then((outcome) => {
        if (current) setAnswer({ file, info: outcome.ok ? outcome.value : null, error: outcome.ok ? null : outcome.error });
      });
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, file, reads]);
  const refresh = useCallback(() => setReads((n) => n + 1), []);
  const fresh = answer !== null && answer.file === file;
  return { file, info: fresh ? answer.info : null, error: fresh ? answer.error : null, refresh };
}
