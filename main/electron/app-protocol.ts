/**
 * What an `app://hako/…` request reads from the built renderer, or why it is refused.
 */
import type { PlatformPath } from 'node:path';
import { contentTypeOf, fileInside, requestPath } from '../static-files.js';
import { isAppUrl } from './origin.js';

export type AssetResolution =
  | { readonly status: 200; readonly file: string; readonly contentType: string }
  | { readonly status: 403 | 404 | 405 };

/**
 * The file an `app://hako/...` request reads from the built renderer folder `root`, or why not.
 * Refuses other origins, non-GET methods, and what `requestPath` and `fileInside` refuse (undecodable
 * or NUL-bearing paths, backslashes, colons, `.`/`..` segments, devices, anything outside `root`). A
 * path whose last segment has no extension is a route of the single-page app and gets `index.html`.
 * The path alone decides: `root` is in app.asar when packaged, which Hako builds and holds no links.
 */
export function resolveAppAsset(url: string, method: string, root: string, pathApi: PlatformPath): AssetResolution {
  if (method !== 'GET' && method !== 'HEAD') return { status: 405 };
  if (!isAppUrl(url)) return { status: 403 };
  const request = requestPath(new URL(url).pathname);
  if (request === null) return { status: 403 };
  const last = request.segments.at(-1);
  const segments = last === undefined || !last.includes('.') ? ['index.html'] : request.segments;
  const file = fileInside(root, segments, pathApi);
  if (file === null) return { status: 403 };
  return { status: 200, file, contentType: contentTypeOf(file) };
}
