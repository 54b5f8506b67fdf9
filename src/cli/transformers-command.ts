import { TRANSFORMERS } from '../transformers/registry.js';
import { EXIT } from './report.js';

/** `veil-stream transformers [--json]` */
export function runTransformers(json: boolean): number {
  if (json) {
    const list = TRANSFORMERS.map((t) => ({
      name: t.name,
      summary: t.summary,
      accepts: t.accepts,
      params: Object.keys(t.params.shape),
    }));
    process.stdout.write(`${JSON.stringify(list, null, 2)}\n`);
    return EXIT.ok;
  }
  const width = Math.max(...TRANSFORMERS.map((t) => t.name.length));
  for (const t of TRANSFORMERS) {
    const params = Object.keys(t.params.shape).filter((p) => p !== 'unique' && p !== 'consistency');
    process.stdout.write(`${t.name.padEnd(width)}  ${t.summary}${params.length ? `\n${' '.repeat(width)}  params: ${params.join(', ')}` : ''}\n`);
  }
  return EXIT.ok;
}
