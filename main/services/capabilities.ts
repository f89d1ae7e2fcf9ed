/**
 * What this host can do: elevation, Windows build, whether the Host Compute Service answers, the
 * schema versions it supports, and which optional computecore exports exist.
 *
 * NanaBox probes `HcsGetServiceProperties` at start and exits when it fails (reference/nanabox.md §6.1
 * step 4); Hako shows the same diagnosis instead (an unreachable HCS is a result here, never an
 * exception) and keeps running, so the user can still edit configurations and disks.
 */
import { HcsError } from '../../app/errors/hcs-error.js';
import { HRESULT, describeHresult } from '../../app/errors/hresult.js';
import type { Hcs, HostInfo } from './ports.js';

export interface SchemaVersion {
  readonly Major: number;
  readonly Minor: number;
}

export interface HcsProblem {
  /** Unsigned HRESULT. */
  readonly hresult: number;
  /** SDK name when known (`HCS_E_ACCESS_DENIED`), else null. */
  readonly code: string | null;
  readonly message: string;
  readonly advice: string | null;
}

export interface Capabilities {
  readonly elevated: boolean;
  readonly build: number;
  readonly hcsReachable: boolean;
  /** Why HCS could not be reached (absent when it could). */
  readonly hcsError?: HcsProblem;
  /** As HCS reports them (an entry A.X means every A.0 … A.X works); empty when unreachable. */
  readonly supportedSchemaVersions: readonly SchemaVersion[];
  /** The highest of them, or null. */
  readonly maxSchemaVersion: SchemaVersion | null;
  readonly optionalExports: {
    readonly crash: boolean;
    readonly waitForExit: boolean;
    readonly grantVmGroupAccess: boolean;
  };
  readonly missingExports: readonly string[];
  /** When this was probed (ms since the epoch). */
  readonly checkedAt: number;
}

export interface CapabilitiesOptions {
  /** How long to wait for HCS before calling it unreachable (default 15 s; vmcompute can hang). */
  timeoutMs?: number;
  now?: () => number;
}

function isSchemaVersion(value: unknown): value is SchemaVersion {
  if (typeof value !== 'object' || value === null) return false;
  const { Major, Minor } = value as { Major?: unknown; Minor?: unknown };
  return Number.isSafeInteger(Major) && Number.isSafeInteger(Minor) && (Major as number) >= 0 && (Minor as number) >= 0;
}

/** `SupportedSchemaVersions` of the `Basic` service properties; malformed entries are skipped. */
export function schemaVersionsFromServiceProperties(result: unknown): SchemaVersion[] {
  if (typeof result !== 'object' || result === null) return [];
  const properties = (result as { Properties?: unknown }).Properties;
  if (!Array.isArray(properties)) return [];
  const versions: SchemaVersion[] = [];
  for (const entry of properties) {
    if (typeof entry !== 'object' || entry === null) continue;
    const list = (entry as { SupportedSchemaVersions?: unknown }).SupportedSchemaVersions;
    if (!Array.isArray(list)) continue;
    for (const v of list) {
      if (isSchemaVersion(v) && !versions.some((s) => s.Major === v.Major && s.Minor === v.Minor)) {
        versions.push({ Major: v.Major, Minor: v.Minor });
      }
    }
  }
  return versions;
}

export function maxSchemaVersion(versions: readonly SchemaVersion[]): SchemaVersion | null {
  let best: SchemaVersion | null = null;
  for (const v of versions) {
    if (best === null || v.Major > best.Major || (v.Major === best.Major && v.Minor > best.Minor)) best = v;
  }
  return best;
}

/** Whether the host supports documents of `version` (same major, minor up to a reported one). */
export function supportsSchemaVersion(capabilities: Capabilities, version: SchemaVersion): boolean {
  return capabilities.supportedSchemaVersions.some((v) => v.Major === version.Major && v.Minor >= version.Minor);
}

function problemFrom(error: unknown): HcsProblem {
  if (error instanceof HcsError) {
    return {
      hresult: error.hresult,
      code: error.code,
      message: error.apiMessage.trim() || describeHresult(error.hresult).message,
      advice: error.advice,
    };
  }
  const info = describeHresult(HRESULT.E_FAIL);
  return {
    hresult: info.code,
    code: null,
    message: error instanceof Error ? error.message : String(error),
    advice: null,
  };
}

class TimeoutSignal extends Error {}

export class CapabilitiesService {
  private readonly hcs: Hcs;
  private readonly host: HostInfo;
  private readonly timeoutMs: number;
  private readonly now: () => number;
  private cached: Promise<Capabilities> | null = null;

  constructor(hcs: Hcs, host: HostInfo, options: CapabilitiesOptions = {}) {
    this.hcs = hcs;
    this.host = host;
    this.timeoutMs = options.timeoutMs ?? 15_000;
    this.now = options.now ?? Date.now;
  }

  /** The cached result, probing on first use. Never rejects. */
  async get(): Promise<Capabilities> {
    this.cached ??= this.probe();
    return this.cached;
  }

  /** Probes again (e.g. after the user enabled the feature or started vmcompute). Never rejects. */
  async refresh(): Promise<Capabilities> {
    const next = this.probe();
    this.cached = next;
    return next;
  }

  private async serviceProperties(): Promise<unknown> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new TimeoutSignal()), this.timeoutMs);
    });
    try {
      return await Promise.race([this.hcs.getServiceProperties({ PropertyTypes: ['Basic'] }), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  private async probe(): Promise<Capabilities> {
    let elevated = false;
    let build = 0;
    try {
      elevated = this.host.elevated;
      build = this.host.build;
    } catch {
      // Host facts are best effort; a failure leaves the safe defaults.
    }

    let optionalExports = { crash: false, waitForExit: false, grantVmGroupAccess: false };
    let missingExports: readonly string[] = [];
    try {
      const caps = this.hcs.capabilities;
      optionalExports = { crash: caps.crash, waitForExit: caps.waitForExit, grantVmGroupAccess: caps.grantVmGroupAccess };
      missingExports = [...caps.missingExports];
    } catch {
      // Leave everything marked missing.
    }

    let hcsReachable = false;
    let hcsError: HcsProblem | undefined;
    let supportedSchemaVersions: SchemaVersion[] = [];
    try {
      const result = await this.serviceProperties();
      hcsReachable = true;
      supportedSchemaVersions = schemaVersionsFromServiceProperties(result);
    } catch (error) {
      if (error instanceof TimeoutSignal) {
        const info = describeHresult(HRESULT.HCS_E_OPERATION_TIMEOUT);
        hcsError = {
          hresult: info.code,
          code: info.name,
          message: `The Host Compute Service did not answer within ${Math.round(this.timeoutMs / 1000)} s.`,
          advice: info.advice,
        };
      } else {
        hcsError = problemFrom(error);
      }
    }

    const capabilities: Capabilities = {
      elevated,
      build,
      hcsReachable,
      ...(hcsError ? { hcsError } : {}),
      supportedSchemaVersions,
      maxSchemaVersion: maxSchemaVersion(supportedSchemaVersions),
      optionalExports,
      missingExports,
      checkedAt: this.now(),
    };
    return capabilities;
  }
}
