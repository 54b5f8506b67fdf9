import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../../scripts/gen-siphash-wasm.mjs', import.meta.url));

it('src/seed/siphash-wasm.generated.ts is what scripts/gen-siphash-wasm.mjs writes', () => {
  const r = spawnSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
});
