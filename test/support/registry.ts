/** A library's record of running VMs, in memory, for VmService tests and benchmarks. */
import { type RunningVmRegistry } from '../../main/services/vm/vm-service.js';

export function memoryRegistry(): RunningVmRegistry & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return {
    map,
    rememberRunning: async (id, p) => void map.set(id, p),
    forgetRunning: async (id) => void map.delete(id),
    fileForId: async (id) => map.get(id) ?? null,
    runningVms: async () => [...map].map(([id, path]) => ({ id, path })),
  };
}
