/**
 * What Windows allows in a file or folder name (learn.microsoft.com, "Naming Files, Paths, and
 * Namespaces"): none of `< > : " / \ | ? *` or the control characters, and not a device's reserved name
 * (CON, PRN, AUX, NUL, COM1–9, LPT1–9, with any extension). Every rule about names and paths uses these.
 */

/** A character Windows forbids inside one name (the separators included). */
// eslint-disable-next-line no-control-regex
export const FORBIDDEN_NAME_CHARACTER = /[<>:"/\\|?*\x00-\x1f]/;

/** A name Windows keeps for a device, in any folder, with any extension. */
export const RESERVED_DEVICE_NAME = /^(CON|PRN|AUX|NUL|COM[0-9¹²³]|LPT[0-9¹²³]|CONIN\$|CONOUT\$)(\..*)?$/i;

/** Whether a Windows path (`C:\…` or relative) has a forbidden character in one of its names. */
export function pathHasForbiddenCharacter(windowsPath: string): boolean {
  const rest = /^[A-Za-z]:/.test(windowsPath) ? windowsPath.slice(2) : windowsPath;
  return rest.split(/[\\/]/).some((name) => FORBIDDEN_NAME_CHARACTER.test(name));
}

/** Whether a name is reserved for a device (Windows ignores trailing dots and spaces when it compares). */
export function isReservedDeviceName(name: string): boolean {
  return RESERVED_DEVICE_NAME.test(name.replace(/[. ]+$/, ''));
}
