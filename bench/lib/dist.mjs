// The built package (dist/) for the micro-benches, which import it directly.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = dirname(dirname(dirname(fileURLToPath(import.meta.url))));

/** A resolver of paths under dist/; exits (code 2) with a hint when `probe` is not built. */
export function distPaths(probe) {
  const dist = (p) => join(ROOT, 'dist', p);
  if (!existsSync(dist(probe))) {
    console.error('dist/ is missing: run `npm run build` first');
    process.exit(2);
  }
  return dist;
}
