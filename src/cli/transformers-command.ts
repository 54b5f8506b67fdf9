import { TRANSFORMERS } from '../transformers/registry.js';
import { EXIT } from './report.js';
import { failure, writeStdout } from './run.js';

/** `veil-stream transformers [--json]` */
export async function runTransformers(json: boolean): Promise<number> {
  try {
    await writeStdout(json ? listJson() : listText());
    return EXIT.ok;
  } catch (e) {
    return failure(e, undefined, false);
  }
}

function listJson(): string {
  const list = TRANSFORMERS.map((t) => ({
    name: t.name,
    summary: t.summary,
    accepts: t.accepts,
    params: Object.keys(t.params.shape),
  }));
  return `${JSON.stringify(list, null, 2)}\n`;
}

function listText(): string {
  const width = Math.max(...TRANSFORMERS.map((t) => t.name.length));
  return TRANSFORMERS.map((t) => {
    const params = Object.keys(t.params.shape).filter((p) => p !== 'unique' && p !== 'consistency');
    return `${t.name.padEnd(width)}  ${t.summary}${params.length ? `\n${' '.repeat(width)}  params: ${params.join(', ')}` : ''}\n`;
  }).join('');
}
