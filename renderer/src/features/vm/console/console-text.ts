/**
 * Saving a console's scroll-back: the text is what the terminal shows (its buffer, line by line), sent
 * to main in parts that fit `console.saveText`'s bound; the first part replaces the file, the rest append.
 */

/** `console.saveText`'s largest `text` (app/ipc/contract.ts). */
export const SAVE_PART_CHARS = 131_072;

export interface SavePart {
  readonly text: string;
  readonly append: boolean;
}

/** The parts to send, in order; an empty buffer still makes one (empty) file. */
export function saveParts(text: string, limit = SAVE_PART_CHARS): SavePart[] {
  if (text === '') return [{ text, append: false }];
  return splitText(text, limit).map((part, i) => ({ text: part, append: i > 0 }));
}

/** Pieces of at most `limit` UTF-16 units that never cut a surrogate pair. */
export function splitText(text: string, limit: number): string[] {
  const parts: string[] = [];
  for (let start = 0; start < text.length; ) {
    let end = Math.min(start + limit, text.length);
    const last = text.charCodeAt(end - 1);
    if (end < text.length && last >= 0xd800 && last <= 0xdbff) end -= 1;
    parts.push(text.slice(start, end));
    start = end;
  }
  return parts;
}

/** A file name for a port's text next to the VM's file: `<folder>/<name>-COM1.log`, in the folder's own style. */
export function defaultSavePath(vmPath: string, vmName: string, port: string): string {
  const cut = Math.max(vmPath.lastIndexOf('/'), vmPath.lastIndexOf('\\'));
  const folder = cut >= 0 ? vmPath.slice(0, cut + 1) : '';
  const safeName =
    [...vmName]
      .map((c) => (c < ' ' || '<>:"/\\|?*'.includes(c) ? '-' : c))
      .join('')
      .replace(/-+/g, '-')
      .trim() || 'console';
  return `${folder}${safeName}-${port}.log`;
}
