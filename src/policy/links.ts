import type { Diagnostic } from '../diagnostics.js';
import type { Issue } from '../errors.js';
import { SERVERS_TABLE } from '../rules/implicit.js';
import type { Planner } from '../rules/plan.js';
import { plural } from '../plural.js';

export const LINKS_HINT = 'set "links": "cut" in the rules to take them out of the dump, or "keep" once reviewed';

/**
 * Links to other servers (foreign servers and user mappings, subscriptions, FEDERATED/CONNECT tables,
 * mysql.servers): each is a warning where it is read (EXTERNAL_LINK) while the rules say nothing of
 * links; with no "links" decision under strict they are an issue. What "cut" took out is a notice.
 */
export function linkFindings(planner: Planner, strict: boolean): { issues: Issue[]; diagnostics: Diagnostic[] } {
  const { found: tally, cut, serversKept } = planner.links;
  const found = tally.count;
  const decided = planner.rules.links;
  if (found === 0 || decided === 'keep') return { issues: [], diagnostics: [] };
  if (decided === 'cut') {
    const servers = planner.seen.has(SERVERS_TABLE);
    const parts = [
      cut.userMappings > 0 ? `${plural(cut.userMappings, 'user mapping')} dropped` : '',
      cut.subscriptions > 0 ? `${plural(cut.subscriptions, 'subscription')} dropped${cut.statements > 0 ? ` (with ${plural(cut.statements, 'statement')} about subscriptions)` : ''}` : '',
      cut.subscriptions === 0 && cut.statements > 0 ? `${plural(cut.statements, 'statement')} about subscriptions dropped` : '',
      cut.connections > 0 ? `${plural(cut.connections, 'FEDERATED table')} made local (ENGINE=InnoDB, empty, without their CONNECTION)` : '',
      servers ? `the rows of ${SERVERS_TABLE} dropped` : '',
      serversKept > 0 ? `${plural(serversKept, 'foreign server')} kept (foreign tables depend on them; without a user mapping postgres_fdw connects nowhere)` : '',
    ].filter(Boolean);
    return { issues: [], diagnostics: [{ code: 'LINKS_CUT', severity: 'notice', path: '$.links', message: `links to other servers cut: ${parts.join('; ')}`, data: { ...cut, serversKept, servers } }] };
  }
  if (!strict) return { issues: [], diagnostics: [] };
  const message = `the dump creates ${plural(found, 'link')} to other servers (${tally.list()}) that the restored copy would follow back to production`;
  return { issues: [{ code: 'RULES_UNCOVERED_LINKS', path: '$.links', message, hint: LINKS_HINT }], diagnostics: [] };
}
