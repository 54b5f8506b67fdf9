/**
 * Links to other servers, as both dialects count them (Planner.links; the dialects' links.ts read
 * them): how many the dump creates, and the first names, for the policy's report.
 */
const NAMES_KEPT = 10;

export function countLink(tally: { found: number; names: string[] }, link: { kind: string; name: string }): void {
  tally.found++;
  if (tally.names.length < NAMES_KEPT) tally.names.push(`${link.kind} ${link.name}`);
}
