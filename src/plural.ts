/** "1 column", "3 columns": a count with its noun, for messages (diagnostics, errors, the CLI's reports). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}
