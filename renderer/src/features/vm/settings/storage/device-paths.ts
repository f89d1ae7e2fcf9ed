/** How the storage view writes a device's path into the file: relative when it is in the VM's folder, as NanaBox does. */
import { baseName, joinPath } from '../../../../../../app/paths/parts.js';
import { samePath } from '../../../../../../app/paths/identity.js';

export function relativeToVm(vmFolder: string, file: string): string {
  const name = baseName(file);
  return samePath(joinPath(vmFolder, name), file) ? name : file;
}
