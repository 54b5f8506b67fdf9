/**
 * Runs the built veil-stream CLI (`node bin/veil-stream.js`) as a child process.
 * The CLI must be built first (`npm run build`; `npm test` does it).
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { run } from './proc.js';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const VEIL_BIN = fileURLToPath(new URL('../../../bin/veil-stream.js', import.meta.url));
const BUILT_CLI = fileURLToPath(new URL('../../../dist/cli/main.js', import.meta.url));

export interface VeilResult {
  readonly code: number;
  readonly stdout: Buffer;
  readonly stderr: string;
}

export interface VeilOptions {
  /** File fed to the CLI's stdin. */
  readonly stdinFile?: string;
  /** Bytes fed to the CLI's stdin. */
  readonly input?: Buffer | string;
  /** Extra environment (VEIL_SECRET is removed from the inherited one unless given here). */
  readonly env?: Record<string, string>;
}

/** True when dist/ holds a built CLI. */
export function veilBuilt(): boolean {
  return existsSync(BUILT_CLI);
}

export async function runVeil(args: readonly string[], options: VeilOptions = {}): Promise<VeilResult> {
  if (!veilBuilt()) {
    throw new Error(`veil-stream is not built (${BUILT_CLI} missing): run \`npm run build\` first`);
  }
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.VEIL_SECRET;
  Object.assign(env, options.env);
  const { code, stdout, stderr } = await run(process.execPath, [VEIL_BIN, ...args], {
    stdinFile: options.stdinFile,
    input: options.input,
    env,
    cwd: REPO_ROOT,
  });
  return { code, stdout, stderr };
}
