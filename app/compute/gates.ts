/**
 * What a host's HCS takes, in one place: the builds that brought the document fields NanaBox gates by
 * build, and the schema versions that brought the option documents and the VM document's integration
 * services. The versions are Microsoft's ("NewInVersion" in the HCS schema reference,
 * learn.microsoft.com/virtualization/api/hcs/schemareference); a host's own version comes from
 * `HcsGetServiceProperties` (`SupportedSchemaVersions`), or, when HCS did not answer, from its build
 * through the same reference's "Schema Version Map" ({@link schemaVersionForBuild}).
 *
 * Where a host does not know an option document, Hako sends NULL: the HcsShutDownComputeSystem
 * reference page calls the parameter "Reserved for future use. Must be NULL." for the builds before
 * ShutdownOptions (schema 2.5), and a field a host does not know is a schema error.
 */

export interface SchemaVersion {
  Major: number;
  Minor: number;
}

/** First build whose HCS takes `Chipset.SystemInformation` and `VideoMonitor.ResolutionType` (NanaBox's gate). */
export const SYSTEM_INFORMATION_MIN_BUILD = 20348;
/** First build whose HCS takes `ComputeTopology.Compatibility.GuestFeatureSet` (NanaBox's gate). */
export const GUEST_FEATURE_SET_MIN_BUILD = 26100;

const v = (Major: number, Minor: number): Readonly<SchemaVersion> => Object.freeze({ Major, Minor });

/** The schema version each option document, option field and VM-document block needs. */
export const SCHEMA_GATES = {
  /** PauseOptions.SuspensionLevel. */
  PauseSuspensionLevel: v(2, 0),
  /** PauseOptions.HostedNotification. */
  PauseHostedNotification: v(2, 1),
  /** SaveOptions (SaveType, SaveStateFilePath). */
  SaveOptions: v(2, 1),
  /** CrashOptions (Type). */
  CrashOptions: v(2, 3),
  /** ShutdownOptions (Mechanism, Type, Force, Reason). */
  ShutdownOptions: v(2, 5),
  /** VirtualMachine.Services: the integration components, Shutdown among them. */
  IntegrationServices: v(2, 5),
} as const satisfies Record<string, Readonly<SchemaVersion>>;

export type SchemaGate = keyof typeof SCHEMA_GATES;

/**
 * The highest schema version of a build, from the schema reference's version map (2.0/2.1 = 17763,
 * 2.2 = 18362, 2.3 = 19041, 2.4/2.5 = 20348, 2.6 = 22000). Later builds are not in the map; 2.7 is
 * the lowest they have (WSL gates its 2.7 fields on 22621), so that is what is assumed for them.
 */
export function schemaVersionForBuild(build: number): SchemaVersion {
  if (build >= 22621) return v(2, 7);
  if (build >= 22000) return v(2, 6);
  if (build >= 20348) return v(2, 5);
  if (build >= 19041) return v(2, 3);
  if (build >= 18362) return v(2, 2);
  return v(2, 1);
}

/** Whether a host of schema version `host` takes what `gate` names. */
export function hostSupports(host: SchemaVersion, gate: SchemaGate): boolean {
  const needed = SCHEMA_GATES[gate];
  return host.Major === needed.Major && host.Minor >= needed.Minor;
}
