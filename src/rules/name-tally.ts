/** Names kept for a report; the count goes on. */
const NAMES_KEPT = 10;

/** The names kept, then "…" when there were more: `a, b, …`. */
export function listNames(names: readonly string[], count: number): string {
  return `${names.join(', ')}${count > names.length ? ', …' : ''}`;
}

/**
 * Things of one kind a dump holds outside columns (enabled events, links, roles with a password):
 * how many, and the first names, for the policy's findings and the scan's draft (Planner).
 */
export class NameTally {
  count = 0;
  readonly names: string[] = [];

  add(name: string): void {
    this.count++;
    if (this.names.length < NAMES_KEPT) this.names.push(name);
  }

  /** The names kept, then "…" when there were more. */
  list(): string {
    return listNames(this.names, this.count);
  }
}
