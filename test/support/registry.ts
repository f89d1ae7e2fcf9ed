/** A library's record of running VMs, in memory, for VmService tests and benchmarks. */
import { type RunningVmRegistry } from '../../main/services/vm/vm-service.js';

export function memoryRegistry(): RunningVmRegistry & { map: Map<string, string>; startedAt: Map<string, number> } {
  const map = new Map<string, string>();
  const startedAt = new Map<string, number>();
  return {
    map,
    startedAt,
    rememberRunning: async (id, p, at) => {
      map.set(id, p);
      if (at !== undefined) startedAt.set(p, at);
    },
    forgetRunning: async (id) => void map.delete(id),
    fileForId: async (id) => map.get(id) ?? null,
    runningVms: async () => [...map].map(([id, path]) => ({ id, path })),
  };
}
