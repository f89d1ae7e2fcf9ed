/**
 * What the stand-in's HCS was asked to create: the browser host's stand-in writes every document a create
 * accepts into `<HAKO_E2E_DIR>/hcs-documents` (HAKO_STAND_IN_RECORD_DIR, set by global-setup.ts).
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { e2eDir } from './vms.js';

export interface RecordedDocument {
  readonly Id: string;
  readonly Build: number;
  readonly Document: {
    readonly VirtualMachine: {
      readonly Chipset: { readonly Uefi: { readonly ApplySecureBootTemplate?: string; readonly SecureBootTemplateId?: string } };
      readonly SecuritySettings?: { readonly EnableTpm?: boolean; readonly Isolation?: { readonly IsolationType?: string } };
      readonly GuestState?: { readonly GuestStateFilePath?: string };
      readonly ComputeTopology: { readonly Processor: { readonly Count: number }; readonly Memory: { readonly SizeInMB: number } };
      readonly Devices: Record<string, unknown>;
    };
  };
}

/** The last document created for the VM called `name`, or null when none was. */
export async function recordedHcsDocument(name: string): Promise<RecordedDocument | null> {
  const folder = path.join(e2eDir(), 'hcs-documents');
  const files = await readdir(folder).catch(() => []);
  for (const file of files) {
    const recorded = JSON.parse(await readFile(path.join(folder, file), 'utf8')) as RecordedDocument;
    if (recorded.Id === name) return recorded;
  }
  return null;
}
