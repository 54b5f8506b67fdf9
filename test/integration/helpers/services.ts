/**
 * Reachability of the real database servers the integration suites need.
 *
 * Locally, a missing server skips the suite with a message naming it. In CI (CI=true) a missing
 * server is a failure: a green CI run must mean the integration tests really ran.
 *
 * Suites must declare themselves through `describeWithService`, never with a bare
 * `describe.skipIf`, so that the reason is always printed.
 */
import { spawnSync } from 'node:child_process';
import { describe, it } from 'vitest';
import { pgConnection } from './pg.js';

export type ServiceName = 'PostgreSQL' | 'MariaDB';

export interface ServiceStatus {
  readonly service: ServiceName;
  readonly available: boolean;
  /** One line: what was tried and what happened. */
  readonly detail: string;
}

const cache = new Map<ServiceName, ServiceStatus>();

/** Runs a probe command; never throws. */
function probe(command: string, args: readonly string[]): { ok: boolean; output: string } {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'pipe'] });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    return { ok: false, output: code === 'ENOENT' ? `${command} not found on PATH` : result.error.message };
  }
  const output = `${result.stdout}${result.stderr}`.trim().replace(/\s+/g, ' ');
  return { ok: result.status === 0, output: output || `exit status ${String(result.status)}` };
}

export function postgresStatus(): ServiceStatus {
  const cached = cache.get('PostgreSQL');
  if (cached) return cached;
  const { host, port, user } = pgConnection();
  const where = `${host}:${port} as ${user}`;
  const ready = probe('pg_isready', ['-h', host, '-p', port, '-U', user, '-t', '5']);
  let status: ServiceStatus;
  if (!ready.ok) {
    status = { service: 'PostgreSQL', available: false, detail: `pg_isready at ${where}: ${ready.output}` };
  } else {
    // pg_isready says nothing about authentication; make sure we can really log in.
    const login = probe('psql', ['-h', host, '-p', port, '-U', user, '-d', 'postgres', '-X', '-At', '-w', '-c', 'select 1']);
    status = login.ok
      ? { service: 'PostgreSQL', available: true, detail: `reachable at ${where}` }
      : { service: 'PostgreSQL', available: false, detail: `psql login at ${where} failed: ${login.output}` };
  }
  cache.set('PostgreSQL', status);
  return status;
}

export function mariadbStatus(): ServiceStatus {
  const cached = cache.get('MariaDB');
  if (cached) return cached;
  const result = probe('mariadb', ['--batch', '--skip-column-names', '-e', 'select 1']);
  const status: ServiceStatus = result.ok
    ? { service: 'MariaDB', available: true, detail: 'reachable over the local socket as the current user' }
    : { service: 'MariaDB', available: false, detail: `mariadb -e 'select 1' failed: ${result.output}` };
  cache.set('MariaDB', status);
  return status;
}

export function serviceStatus(service: ServiceName): ServiceStatus {
  return service === 'PostgreSQL' ? postgresStatus() : mariadbStatus();
}

/** True when missing servers must fail the run instead of skipping (CI=true). */
export function servicesRequired(): boolean {
  return process.env.CI === 'true';
}

/**
 * `describe` that runs only when every listed server is reachable.
 * - reachable: a plain describe;
 * - unreachable, CI=true: a describe with one failing test naming the missing server;
 * - unreachable otherwise: a skipped describe whose title carries the reason, plus a warning.
 */
export function describeWithService(
  services: ServiceName | readonly ServiceName[],
  title: string,
  body: () => void,
): void {
  const list: readonly ServiceName[] = typeof services === 'string' ? [services] : services;
  const missing = list.map(serviceStatus).filter((s) => !s.available);
  if (missing.length === 0) {
    describe(title, body);
    return;
  }
  const reason = missing.map((s) => `${s.service} unavailable (${s.detail})`).join('; ');
  if (servicesRequired()) {
    describe(title, () => {
      it(`requires ${missing.map((s) => s.service).join(' and ')} (CI=true: missing servers fail the run)`, () => {
        throw new Error(`${reason}. Start the server (see .ci/run) or unset CI to skip locally.`);
      });
    });
    return;
  }
  console.warn(`[veil-stream integration] skipping "${title}": ${reason}`);
  describe.skipIf(true)(`${title} [skipped: ${reason}]`, body);
}
