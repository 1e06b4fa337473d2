// The tool's version for `--version`, read from the package.json that ships
// beside dist/ (falls back to "unknown" when run from an unusual layout).

import { readFileSync } from 'node:fs';

export function toolVersion(): string {
  try {
    const pkg: unknown = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    if (typeof pkg === 'object' && pkg !== null && 'version' in pkg && typeof pkg.version === 'string') return pkg.version;
  } catch {
    // fall through
  }
  return 'unknown';
}
