/** Where Hako keeps its library and preferences: one rule for `hako host` and `hako config check`. */
import os from 'node:os';
import path from 'node:path';

/** Where Electron's `app.getPath('userData')` puts Hako's data, so both shells share the library. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  const home = os.homedir();
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(home, 'AppData', 'Roaming'), 'Hako');
  if (platform === 'darwin') return path.join(home, 'Library', 'Application Support', 'Hako');
  return path.join(env.XDG_CONFIG_HOME ?? path.join(home, '.config'), 'Hako');
}
