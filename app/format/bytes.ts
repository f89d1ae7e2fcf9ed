/**
 * Sizes as Windows shows them: binary units named KB, MB, GB, TB (1 KB = 1024 bytes, as Explorer and
 * Disk Management count), at most two decimals, trailing zeros dropped — "64 GB", "1.5 GB", "3 MB".
 * Numbers go through Intl, so a locale's decimal separator applies.
 */
const UNITS = ['', 'KB', 'MB', 'GB', 'TB', 'PB'] as const;

const formatters = new Map<string, Intl.NumberFormat>();

function numberFormat(locale: string | undefined): Intl.NumberFormat {
  const key = locale ?? '';
  let format = formatters.get(key);
  if (format === undefined) {
    format = new Intl.NumberFormat(locale, { maximumFractionDigits: 2, useGrouping: true });
    formatters.set(key, format);
  }
  return format;
}

/** How a locale says a count of bytes below 1 KB (`text` is the formatted number): the catalogue's words in the UI. */
export type ByteWords = (count: number, text: string) => string;

const englishBytes: ByteWords = (count, text) => (count === 1 ? `${text} byte` : `${text} bytes`);

export function formatBytes(bytes: number, locale?: string, byteWords: ByteWords = englishBytes): string {
  if (!Number.isFinite(bytes)) return String(bytes);
  let value = Math.abs(bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  // Two decimals could round up to the next unit ("1024 KB"); step up instead.
  if (unit < UNITS.length - 1 && Math.round(value * 100) / 100 >= 1024) {
    value /= 1024;
    unit++;
  }
  const text = numberFormat(locale).format(Math.sign(bytes) * value);
  return unit === 0 ? byteWords(Math.abs(bytes), text) : `${text} ${UNITS[unit]}`;
}

/** A `.7b` MemorySize (megabytes) as the same kind of text: 4096 → "4 GB". */
export function formatMegabytes(megabytes: number, locale?: string): string {
  return formatBytes(megabytes * 1024 * 1024, locale);
}
