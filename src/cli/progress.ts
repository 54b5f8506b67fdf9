/**
 * The live progress line on stderr: bytes read, MB/s, the table being read, and % and ETA when the
 * input size is known. On a terminal it redraws one line a few times a second and clears it at the
 * end; when asked for (--progress) on a pipe or file it writes a plain line every few seconds.
 * Never anything on stdout.
 */
export interface ProgressSource {
  /** Raw input bytes read so far. */
  bytes(): number;
  /** The table whose data is being read. */
  table(): string | undefined;
}

export class Progress {
  private timer: NodeJS.Timeout | undefined;
  private readonly started = process.hrtime.bigint();
  private drawn = false;

  constructor(
    private readonly out: NodeJS.WriteStream,
    private readonly source: ProgressSource,
    private readonly total: number | undefined,
    private readonly label = 'veil-stream',
  ) {}

  /** Whether to show progress: --progress / --no-progress, else only when stderr is a terminal. */
  static wanted(flag: boolean | undefined, quiet: boolean, stream: NodeJS.WriteStream = process.stderr): boolean {
    if (flag !== undefined) return flag;
    return !quiet && stream.isTTY === true;
  }

  start(): this {
    const tty = this.out.isTTY === true;
    this.timer = setInterval(() => this.draw(), tty ? 200 : 5000);
    this.timer.unref();
    return this;
  }

  /** Stop and clear the line. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.drawn && this.out.isTTY) this.out.write('\r\x1b[K');
    this.drawn = false;
  }

  /** The line as drawn now (exported for tests). */
  line(): string {
    const bytes = this.source.bytes();
    const seconds = Number(process.hrtime.bigint() - this.started) / 1e9;
    const rate = seconds > 0 ? bytes / seconds : 0;
    const parts = [this.label, formatBytes(bytes)];
    if (this.total !== undefined && this.total > 0) {
      const pct = Math.min(100, (bytes / this.total) * 100);
      parts.push(`of ${formatBytes(this.total)} ${pct.toFixed(pct < 10 ? 1 : 0)}%`);
    }
    parts.push(`${(rate / 1e6).toFixed(rate < 10e6 ? 1 : 0)} MB/s`);
    if (this.total !== undefined && rate > 0 && bytes < this.total) parts.push(`ETA ${formatDuration((this.total - bytes) / rate)}`);
    const table = this.source.table();
    if (table !== undefined) parts.push(table);
    return parts.join('  ');
  }

  private draw(): void {
    const text = this.line();
    if (this.out.isTTY) {
      const width = Math.max(20, (this.out.columns || 80) - 1);
      this.out.write(`\r\x1b[K${text.length > width ? `${text.slice(0, width - 1)}…` : text}`);
      this.drawn = true;
    } else {
      this.out.write(`${text}\n`);
    }
  }
}

export function formatBytes(n: number): string {
  if (n >= 1e9) return `${(n / 1e9).toFixed(2)} GB`;
  if (n >= 1e6) return `${(n / 1e6).toFixed(1)} MB`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(0)} kB`;
  return `${n} B`;
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const r = s % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(r).padStart(2, '0')}` : `${m}:${String(r).padStart(2, '0')}`;
}
