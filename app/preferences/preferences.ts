/**
 * App-wide preferences: their schema and their defaults, in one place for every process (the services
 * store them, the shell reads them before the services answer, the renderer edits them).
 */
import { z } from 'zod';
import { LANGUAGE_CHOICES } from '../i18n/locales.js';

export const preferencesSchema = z
  .object({
    theme: z.enum(['system', 'light', 'dark']),
    /** The window's, the tray's and the dialogs' language: the system's (app/i18n/locales.ts), or one chosen. */
    language: z.enum(LANGUAGE_CHOICES),
    /** VMs keep running when Hako closes (ShouldTerminateOnLastHandleClosed: false). */
    keepVmsRunning: z.boolean(),
    closeToTray: z.boolean(),
    /** What happens to running VMs when Windows signs out or shuts down. */
    onSessionEnd: z.enum(['save', 'shutdown']),
    /** How long a shut down waits for the guest before offering to power off. */
    shutdownTimeoutSeconds: z.number().int().min(5).max(3600),
    /**
     * The RDP client for "Open in Remote Desktop Connection": a command line with `{port}` or `{file}`;
     * empty for the one Hako finds (mstsc on Windows, xfreerdp elsewhere).
     */
    rdpClientCommand: z.string().max(2_000),
    /** Where new VMs go; empty for the default (a "Hako VMs" folder in the user's documents). */
    defaultVmFolder: z.string().max(32_767),
    /** Notifications when a VM stops unexpectedly or a long operation ends while Hako is hidden. */
    notifications: z.boolean(),
  })
  .strict();

export type Preferences = z.output<typeof preferencesSchema>;

export const DEFAULT_PREFERENCES: Readonly<Preferences> = Object.freeze({
  theme: 'system',
  language: 'system',
  keepVmsRunning: true,
  closeToTray: true,
  onSessionEnd: 'save',
  shutdownTimeoutSeconds: 60,
  rdpClientCommand: '',
  defaultVmFolder: '',
  notifications: true,
});

/**
 * The preferences in `value` that are valid, over `base`: for readers that must never fail (the shell
 * reads whatever the services last sent; a stored file may come from another version).
 */
export function mergeValidPreferences(base: Preferences, value: unknown): Preferences {
  if (typeof value !== 'object' || value === null) return base;
  const merged: Record<string, unknown> = { ...base };
  const shape = preferencesSchema.shape;
  for (const key of Object.keys(shape) as (keyof Preferences)[]) {
    const parsed = shape[key].safeParse((value as Record<string, unknown>)[key]);
    if (parsed.success) merged[key] = parsed.data;
  }
  return merged as Preferences;
}
