// Machine description and Markdown table rendering for bench/run.mjs.
import fs from 'node:fs';
import os from 'node:os';
import { execSync } from 'node:child_process';

const tryRun = (c, cwd) => {
  try { return execSync(c, { cwd, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim(); } catch { return ''; }
};

export function machineInfo(root, cmd) {
  const cpuinfo = fs.existsSync('/proc/cpuinfo') ? fs.readFileSync('/proc/cpuinfo', 'utf8') : '';
  const model = /model name\s*:\s*(.*)/.exec(cpuinfo)?.[1]?.trim() ?? os.cpus()[0]?.model ?? 'unknown CPU';
  const nproc = tryRun('nproc') || String(os.cpus().length);
  const memGB = (os.totalmem() / 2 ** 30).toFixed(1);
  const commit = tryRun('git rev-parse --short HEAD', root) || 'unknown';
  const dirty = tryRun('git status --porcelain -- src bin package.json', root) ? '+dirty' : '';
  const distAge = fs.existsSync(`${root}/dist/cli/main.js`)
    ? `, dist built ${fs.statSync(`${root}/dist/cli/main.js`).mtime.toISOString().slice(0, 16).replace('T', ' ')}Z`
    : '';
  return {
    date: new Date().toISOString().slice(0, 16).replace('T', ' ') + 'Z',
    machine: `${nproc} cores ${model}, ${memGB} GiB RAM, Node ${process.version}, ${os.type()} ${os.release()}`,
    commit: `${commit}${dirty}${cmd.includes('bin/veil-stream.js') ? distAge : ''}`,
  };
}

const f = (x, d) => (x === null || x === undefined || Number.isNaN(x) ? '–' : x.toFixed(d));
const ratio = (x) => (x === null || x === undefined ? '–' : `${x.toFixed(2)}×`);

/** Rows: {name, bytes, secs, mbps, rssMB, cpu, min, max, vsCat, vsNode, check, failed}. */
export function renderTable(rows, { showSize, showCheck }) {
  const head = ['case', ...(showSize ? ['input MB'] : []), 'median s', 'MB/s', 'peak RSS MB', 'CPU s',
    'time ÷ cat', 'time ÷ node', 'min–max s', ...(showCheck ? ['check'] : [])];
  const lines = [`| ${head.join(' | ')} |`, `|${head.map((h, i) => (i === 0 || h === 'check' ? ' --- ' : ' ---: ')).join('|')}|`];
  for (const r of rows) {
    const label = r.name === 'cat' ? 'cat (pipe)' : r.name === 'node' ? 'node pass-through' : `veil ${r.name}`;
    const cells = r.failed
      ? [label, ...(showSize ? [f(r.bytes / 1e6, 0)] : []), 'FAILED', '', '', '', '', '', '', ...(showCheck ? [''] : [])]
      : [label, ...(showSize ? [f(r.bytes / 1e6, 0)] : []), f(r.secs, 2), f(r.mbps, 0), f(r.rssMB, 0), f(r.cpu, 2),
        ratio(r.vsCat), ratio(r.vsNode), `${f(r.min, 2)}–${f(r.max, 2)}`, ...(showCheck ? [r.check] : [])];
    lines.push(`| ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}
