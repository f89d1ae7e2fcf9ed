/** Rules about an adapter the network section shares. */
import type { NetworkAdapter } from '../../../../../../app/config/model.js';

/** Two adapters that are the same for the VM (unknown keys aside); absent ones never are. */
export function sameAdapter(a: NetworkAdapter | undefined, b: NetworkAdapter | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  const plain = ({ unknownKeys: _unknown, ...rest }: NetworkAdapter) => JSON.stringify(rest);
  return plain(a) === plain(b);
}
