/**
 * Every page outside Hako that Hako links to. The renderer shows links from this list only, and the
 * Electron shell opens in the user's browser exactly these URLs and nothing else (a compromised renderer
 * cannot make Hako open an arbitrary address). A new help link goes here first.
 */
export const EXTERNAL_LINKS = {
  /** The script NanaBox ships to create the VMMS certificate the VM console's TLS needs. */
  vmmsCertificateScript: 'https://github.com/M2Team/NanaBox/blob/main/Documents/GenerateVmmsCertificate.ps1',
  /** NanaBox itself: the `.7b` format Hako reads and writes. */
  nanaBox: 'https://github.com/M2Team/NanaBox',
  /** NanaBox's reference of the `.7b` format. */
  configurationReference: 'https://github.com/M2Team/NanaBox/blob/main/Documents/ConfigurationReference.md',
  /** Microsoft's description of GPU paravirtualization (GPU-PV) in WDDM, for the GPU settings. */
  gpuParavirtualization: 'https://learn.microsoft.com/windows-hardware/drivers/display/gpu-paravirtualization',
  /** Microsoft's description of GPU partitioning (GPU-P), for the GPU settings. */
  gpuPartitioning: 'https://learn.microsoft.com/windows-server/virtualization/hyper-v/gpu-partitioning',
} as const satisfies Record<string, `https://${string}`>;

export type ExternalLink = keyof typeof EXTERNAL_LINKS;

const ALLOWED: ReadonlySet<string> = new Set(Object.values(EXTERNAL_LINKS));

/** The URL itself when it is exactly one of EXTERNAL_LINKS (the renderer links with these very strings), else null. */
export function allowedExternalLink(url: string): string | null {
  return ALLOWED.has(url) ? url : null;
}
