/**
 * What a PostgreSQL dump connects the restored copy to: foreign servers (postgres_fdw and the like),
 * their user mappings (often with a password), and logical-replication subscriptions (created
 * disabled by pg_dump: enabled later, they copy the publisher's real rows into the masked database).
 */
type Node = Record<string, any>;

export interface ExternalLink {
  kind: 'server' | 'user-mapping' | 'subscription';
  /** The server or subscription name; for a user mapping, "role on server". */
  name: string;
  /** Where it points: host, port and dbname (never a password); '' when unsaid. */
  target: string;
  /** It carries a password. */
  password: boolean;
}

const WHERE = ['host', 'hostaddr', 'port', 'dbname'];

function options(list: Node[] | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const o of list ?? []) if (o.DefElem?.defname) out.set(o.DefElem.defname, o.DefElem.arg?.String?.sval ?? '');
  return out;
}

function fromOptions(opts: Map<string, string>): string {
  return WHERE.filter((k) => opts.has(k)).map((k) => `${k}=${opts.get(k)}`).join(' ');
}

/** host/port/dbname of a libpq connection string (key=value or a postgres:// URI), and whether it has a password. */
export function readConninfo(conninfo: string): { target: string; password: boolean } {
  const uri = /^postgres(?:ql)?:\/\//i.test(conninfo);
  if (uri) {
    try {
      const u = new URL(conninfo.replace(/^postgres(?:ql)?:/i, 'http:'));
      const parts = [u.hostname && `host=${u.hostname}`, u.port && `port=${u.port}`, u.pathname.length > 1 && `dbname=${decodeURIComponent(u.pathname.slice(1))}`];
      return { target: parts.filter(Boolean).join(' '), password: u.password !== '' || u.searchParams.has('password') };
    } catch {
      return { target: '', password: /password/i.test(conninfo) };
    }
  }
  const opts = new Map<string, string>();
  for (const m of conninfo.matchAll(/([A-Za-z_]+)\s*=\s*('(?:[^'\\]|\\.)*'|\S*)/g)) opts.set(m[1].toLowerCase(), m[2].replace(/^'|'$/g, ''));
  return { target: fromOptions(opts), password: opts.has('password') };
}

/** The link a parsed statement creates, if any. */
export function linkOf(stmt: Node): ExternalLink | undefined {
  if (stmt.CreateForeignServerStmt) {
    const s = stmt.CreateForeignServerStmt;
    const opts = options(s.options);
    return { kind: 'server', name: s.servername, target: [s.fdwname, fromOptions(opts)].filter(Boolean).join(': '), password: opts.has('password') };
  }
  if (stmt.CreateUserMappingStmt) {
    const s = stmt.CreateUserMappingStmt;
    const role = s.user?.rolename ?? (s.user?.roletype === 'ROLESPEC_PUBLIC' ? 'PUBLIC' : 'CURRENT_USER');
    return { kind: 'user-mapping', name: `${role} on ${s.servername}`, target: '', password: options(s.options).has('password') };
  }
  if (stmt.CreateSubscriptionStmt) {
    const s = stmt.CreateSubscriptionStmt;
    return { kind: 'subscription', name: s.subname, ...readConninfo(s.conninfo ?? '') };
  }
  return undefined;
}

/**
 * What "links": "cut" takes out of the dump: every user mapping (the credentials, and the way a
 * foreign table or dblink reaches its server: postgres_fdw refuses to connect without one) and every
 * subscription, with the ALTER / COMMENT / SECURITY LABEL statements about subscriptions. Foreign
 * servers stay: foreign tables depend on them, and without a user mapping they connect nowhere.
 */
export function cutsLink(link: ExternalLink): boolean {
  return link.kind === 'user-mapping' || link.kind === 'subscription';
}

/** The warning for a link, or undefined (a user mapping without a password adds nothing to its server's). */
export function linkWarning(link: ExternalLink): string | undefined {
  switch (link.kind) {
    case 'server':
      return `the dump creates foreign server ${link.name} (${link.target}): the restored copy reaches that server through it; drop it or point it elsewhere after the restore${link.password ? ' (its options hold a password)' : ''}`;
    case 'user-mapping':
      return link.password ? `the user mapping for ${link.name} holds a password: a credential of that server is in the masked dump` : undefined;
    case 'subscription':
      return `the dump creates subscription ${link.name}${link.target ? ` (${link.target})` : ''}, disabled: enabling it in the restored copy replicates the publisher's real rows into it${link.password ? '; its connection string holds a password' : ''}`;
  }
}
