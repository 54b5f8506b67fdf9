import type { TableRef } from '../model.js';

/**
 * Operational tables: rows a copy of production should not take along, whatever their columns hold.
 * A job queue's pending jobs run again in staging (a subscription renewal charges the customer, a
 * queued newsletter goes out); sessions and tokens are live logins and credentials; caches hold
 * rendered copies of personal data and are rebuilt on demand. `scan` drafts `"truncate": true` for
 * them; a masking run that copies their rows warns.
 *
 * Recognised by the names frameworks give them (Laravel, Rails, Django, Symfony, WordPress/
 * WooCommerce, Magento, Drupal, Oban, Que, GoodJob, Solid Queue, River, pg-boss, Graphile Worker,
 * Hangfire), and an app's own outgoing queues (`email_queue`, `outbox`). Generic names (`jobs`,
 * `sessions`, `cache`, `*_queue`) count only with the columns that make them one: a job board's `jobs`
 * or a conference's `sessions` are business data. A queue with a name of its own (`billing_tasks`,
 * `webhook_deliveries`) is known by its columns alone when it has all three marks of one: what to run,
 * when to run it, and a worker's retry or lock bookkeeping.
 */
export type OperationalKind = 'job queue' | 'scheduled jobs' | 'sessions' | 'tokens' | 'cache';

export interface OperationalGuess {
  kind: OperationalKind;
  reason: string;
  /** The operational table this one is a partition or child of (see partOf). */
  via?: string;
}

const WHY: Record<OperationalKind, string> = {
  'job queue': 'pending jobs would run again in staging (charges, emails, webhooks), and their payloads hold personal data',
  'scheduled jobs': "production's schedules would start running in staging (a nightly charge run, a report mailed to customers)",
  sessions: 'live logins whose payloads hold personal data',
  tokens: 'live credentials (access, refresh or password-reset tokens)',
  cache: 'cached copies of personal data, rebuilt on demand',
};

interface Pattern {
  kind: OperationalKind;
  /** The table name (lower case; schema-qualified patterns see `schema.name`). */
  name: RegExp;
  /** Column names (lower case), each list needing one match; none: the name alone decides. */
  needs?: RegExp[];
  /** The columns decide, whatever the name: the reason names the columns. */
  byColumns?: boolean;
}

const PAYLOAD = /^(payload|handler|args|arguments|body|data|params|job_data|serialized_job)$/;
const QUEUEING = /^(queue|queue_name|attempts|run_at|available_at|scheduled_at|scheduled_for|reserved_at|locked_at|locked_by|priority)$/;
/** Columns of an app's own outgoing queue (emails, webhooks, events): what it sends, and its progress. */
const SENDS = /^(payload|body|data|message|content|args|arguments|event|event_data|to|recipient|to_address|to_email|subject|url|endpoint)$/;
// (not `status`: a support queue's tickets have one too)
const PROGRESS = /^(attempts|retries|retry_count|tries|sent_at|processed_at|published_at|delivered_at|send_after|run_at|available_at|scheduled_at|scheduled_for|next_attempt_at|locked_at)$/;
/** A queue under any name: what to run (code or its arguments), when, and retries or locks. */
const RUNS = /^(handler|payload|args|arguments|job_args|task_args|job_data|task_data|serialized_job|job_class|job_name|task_name|task_class|worker_class|command|callable)$/;
const WHEN = /^(run_at|run_after|available_at|scheduled_at|scheduled_for|execute_at|perform_at|next_run_at|next_attempt_at|next_retry_at|not_before|due_at|send_at|send_after|deliver_at)$/;
const WORKER = /^(attempts|attempt|attempt_count|retries|retry_count|tries|max_attempts|locked_at|locked_by|locked_until|reserved_at|reserved_by|claimed_at|claimed_by|lease_expires_at|heartbeat_at|worker_id|last_error|failed_at)$/;
const SESSION_TABLES = /^(sessions|session|user_sessions|core_session|http_sessions)$/;
const SESSION_DATA = /^(payload|session_data|session_value|last_activity|session_expiry|session_expires|expire_date)$/;
// (a session id alone is not enough: a conference's sessions have one; with a `data` column it is a session store)
const SESSION_ID = /^(session_id|session_key)$/;

const PATTERNS: Pattern[] = [
  // job queues whose names say so
  { kind: 'job queue', name: /^(failed_jobs|delayed_jobs|que_jobs|oban_jobs|good_jobs|good_job_executions|river_job|messenger_messages|cron_schedule|queue_message|queue_message_status)$/ },
  { kind: 'job queue', name: /actionscheduler_(actions|claims|logs)$/ },
  { kind: 'job queue', name: /^solid_queue_(jobs|\w+_executions)$/ },
  { kind: 'job queue', name: /^(pgboss\.(job|archive)|graphile_worker\.(jobs|_private_jobs)|hangfire\.job)$/ },
  // schedulers that keep their schedules in the database: pg_cron (its cron.job rows are dumped with the
  // extension), Quartz's JDBC job store (job data maps hold payloads; one-off triggers are pending jobs)
  { kind: 'scheduled jobs', name: /^cron\.(job|job_run_details)$/ },
  { kind: 'scheduled jobs', name: /^qrtz_(job_details|triggers|simple_triggers|cron_triggers|simprop_triggers|blob_triggers|fired_triggers)$/ },
  // generic names: with a payload and queueing columns (Laravel's jobs: queue, payload, attempts)
  { kind: 'job queue', name: /^(jobs|job|queue_jobs|queued_jobs|background_jobs|scheduled_jobs|job_queue|task_queue)$/, needs: [PAYLOAD, QUEUEING] },
  // an app's own outgoing queue or transactional outbox (email_queue, webhook_queue, outbox, queued_emails)
  { kind: 'job queue', name: /(^|_)(queue|queued|outbox)(_|$)/, needs: [SENDS, PROGRESS] },
  // any name: by the three column marks of a queue (a calendar's `appointments` has a time, not a handler or retries)
  { kind: 'job queue', name: /./, needs: [RUNS, WHEN, WORKER], byColumns: true },
  { kind: 'sessions', name: /^(django_session|ci_sessions)$|woocommerce_sessions$/ },
  { kind: 'sessions', name: SESSION_TABLES, needs: [SESSION_DATA] },
  { kind: 'sessions', name: SESSION_TABLES, needs: [SESSION_ID, /^data$/] },
  { kind: 'tokens', name: /^(oauth_access_tokens|oauth_refresh_tokens|oauth_auth_codes|personal_access_tokens|password_resets|password_reset_tokens)$/ },
  { kind: 'tokens', name: /^(api|auth|access|refresh|remember|user|verification|login)_tokens$/, needs: [/token/] },
  { kind: 'cache', name: /^(cache_locks|django_cache_table)$/ },
  { kind: 'cache', name: /^(cache|cache_\w+)$/, needs: [/^(key|cid|cache_key)$/, /^(value|data|expiration|expire|expires)$/] },
];

/** The operational kind of a table, from its name and column names; undefined for ordinary tables. */
export function operationalTable(table: TableRef, columns: readonly string[]): OperationalGuess | undefined {
  const name = table.name.toLowerCase();
  const qualified = table.schema !== undefined ? `${table.schema.toLowerCase()}.${name}` : name;
  for (const p of PATTERNS) {
    if (!p.name.test(name) && !p.name.test(qualified)) continue;
    const marks = p.needs?.map((re) => columns.find((c) => re.test(c.toLowerCase())));
    if (marks?.includes(undefined)) continue;
    return { kind: p.kind, reason: reasonOf(p.kind, p.byColumns ? ` (by its columns ${marks!.join(', ')})` : '') };
  }
  return undefined;
}

/**
 * A partition or INHERITS child of an operational table is one too: its rows are the parent's (pg-boss
 * 10 keeps each queue's jobs in a partition of pgboss.job named by a hash).
 */
export function partOf(g: OperationalGuess, parent: string): OperationalGuess {
  return { kind: g.kind, reason: reasonOf(g.kind, ` (part of ${parent})`), via: parent };
}

function reasonOf(kind: OperationalKind, note: string): string {
  return `${article(kind)} ${kind}${note}: ${WHY[kind]}`;
}

function article(kind: OperationalKind): string {
  return kind === 'job queue' || kind === 'cache' ? 'a' : 'holds';
}
