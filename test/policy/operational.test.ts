import { describe, expect, it } from 'vitest';
import { operationalTable } from '../../src/policy/operational.js';

const kind = (name: string, columns: string[], schema?: string) => operationalTable({ schema, name }, columns)?.kind;

describe('operational tables: rows a copy of production should not take along', () => {
  it('knows the job queues of the common frameworks by name', () => {
    expect(kind('failed_jobs', ['id', 'uuid', 'connection', 'queue', 'payload', 'exception', 'failed_at'])).toBe('job queue');
    expect(kind('delayed_jobs', ['id', 'priority', 'attempts', 'handler', 'run_at'])).toBe('job queue');
    expect(kind('wp_actionscheduler_actions', ['action_id', 'hook', 'status', 'args'])).toBe('job queue');
    expect(kind('shop7_actionscheduler_logs', ['log_id', 'action_id', 'message'])).toBe('job queue');
    expect(kind('cron_schedule', ['schedule_id', 'job_code', 'status', 'scheduled_at'])).toBe('job queue');
    expect(kind('solid_queue_scheduled_executions', ['id', 'job_id', 'scheduled_at'])).toBe('job queue');
    expect(kind('oban_jobs', ['id', 'state', 'queue', 'worker', 'args'], 'public')).toBe('job queue');
    expect(kind('job', ['id', 'name', 'data', 'state'], 'pgboss')).toBe('job queue');
  });

  it('knows schedulers that keep their schedules in the database: pg_cron and Quartz', () => {
    expect(kind('job', ['jobid', 'schedule', 'command', 'nodename', 'database', 'username', 'active', 'jobname'], 'cron')).toBe('scheduled jobs');
    expect(kind('job_run_details', ['jobid', 'runid', 'command', 'status', 'return_message'], 'cron')).toBe('scheduled jobs');
    expect(kind('QRTZ_TRIGGERS', ['SCHED_NAME', 'TRIGGER_NAME', 'JOB_NAME', 'NEXT_FIRE_TIME', 'JOB_DATA'])).toBe('scheduled jobs');
    expect(kind('qrtz_job_details', ['sched_name', 'job_name', 'job_class_name', 'job_data'])).toBe('scheduled jobs');
    expect(kind('job', ['id', 'title'], 'public')).toBeUndefined(); // a job board's, not cron's
    expect(operationalTable({ schema: 'cron', name: 'job' }, [])?.reason).toMatch(/^holds scheduled jobs: production's schedules would start running in staging/);
  });

  it('counts a generic `jobs` only with payload and queueing columns: a job board keeps its jobs', () => {
    expect(kind('jobs', ['id', 'queue', 'payload', 'attempts', 'reserved_at', 'available_at', 'created_at'])).toBe('job queue');
    expect(kind('jobs', ['id', 'title', 'company', 'salary', 'posted_at'])).toBeUndefined();
    expect(kind('job', ['id', 'title', 'data'])).toBeUndefined();
  });

  it("counts an app's own outgoing queue or outbox by what it sends and its progress columns", () => {
    expect(kind('email_queue', ['id', 'to_address', 'subject', 'body', 'status', 'send_after'])).toBe('job queue');
    expect(kind('outbox', ['id', 'aggregate_type', 'payload', 'created_at', 'processed_at'])).toBe('job queue');
    expect(kind('webhook_queue', ['id', 'url', 'payload', 'attempts', 'next_attempt_at'])).toBe('job queue');
    expect(kind('queued_emails', ['id', 'recipient', 'subject', 'message', 'sent_at'])).toBe('job queue');
    expect(kind('queue_settings', ['id', 'name', 'value'])).toBeUndefined();
    expect(kind('customer_queue', ['id', 'customer_id', 'position', 'status'])).toBeUndefined();
    expect(kind('ticket_queue', ['id', 'ticket_id', 'message', 'status'])).toBeUndefined(); // a support queue: business data
    expect(kind('queues', ['id', 'name', 'body', 'status'])).toBeUndefined(); // (not a word match: the name is "queues")
  });

  it('knows a queue under a name of its own by what it runs, when, and its retry or lock columns', () => {
    expect(kind('billing_tasks', ['id', 'handler', 'run_at', 'attempts', 'locked_at', 'last_error'])).toBe('job queue');
    expect(kind('webhook_deliveries', ['id', 'endpoint_id', 'payload', 'next_attempt_at', 'attempt_count'])).toBe('job queue');
    expect(kind('Scheduled_Work', ['Id', 'Job_Class', 'Perform_At', 'Retries'])).toBe('job queue');
    expect(kind('scheduled_mail', ['id', 'payload', 'send_at', 'tries'])).toBe('job queue');
    // two marks are not enough: a calendar, a report schedule, an API log
    expect(kind('appointments', ['id', 'customer_id', 'scheduled_at', 'status', 'attempts'])).toBeUndefined();
    expect(kind('report_schedules', ['id', 'command', 'next_run_at', 'owner_id'])).toBeUndefined();
    expect(kind('api_calls', ['id', 'payload', 'retries', 'created_at'])).toBeUndefined();
    expect(operationalTable({ name: 'billing_tasks' }, ['id', 'handler', 'run_at', 'attempts'])?.reason).toBe(
      'a job queue (by its columns handler, run_at, attempts): pending jobs would run again in staging (charges, emails, webhooks), and their payloads hold personal data',
    );
  });

  it('knows sessions, tokens and caches, and not a conference schedule', () => {
    expect(kind('sessions', ['id', 'user_id', 'ip_address', 'user_agent', 'payload', 'last_activity'])).toBe('sessions');
    expect(kind('django_session', ['session_key', 'session_data', 'expire_date'])).toBe('sessions');
    expect(kind('wp_woocommerce_sessions', ['session_id', 'session_key', 'session_value', 'session_expiry'])).toBe('sessions');
    expect(kind('sessions', ['id', 'title', 'room', 'starts_at', 'speaker_id'])).toBeUndefined();
    expect(kind('sessions', ['session_id', 'title', 'room'])).toBeUndefined(); // a conference's, keyed by session_id
    expect(kind('sessions', ['id', 'session_id', 'data', 'created_at', 'updated_at'])).toBe('sessions'); // Rails' session store
    expect(kind('session', ['session_id', 'session_expires', 'session_data'])).toBe('sessions'); // Magento
    expect(kind('password_reset_tokens', ['email', 'token', 'created_at'])).toBe('tokens');
    expect(kind('oauth_refresh_tokens', ['id', 'access_token_id', 'revoked', 'expires_at'])).toBe('tokens');
    expect(kind('api_tokens', ['id', 'user_id', 'token_hash'])).toBe('tokens');
    expect(kind('api_tokens', ['id', 'name'])).toBeUndefined();
    expect(kind('cache', ['key', 'value', 'expiration'])).toBe('cache');
    expect(kind('cache_render', ['cid', 'data', 'expire', 'created', 'tags'])).toBe('cache');
    expect(kind('cache_settings', ['id', 'theme', 'colour'])).toBeUndefined();
  });

  it('says why in its reason', () => {
    expect(operationalTable({ name: 'failed_jobs' }, [])?.reason).toBe(
      'a job queue: pending jobs would run again in staging (charges, emails, webhooks), and their payloads hold personal data',
    );
    expect(operationalTable({ name: 'django_session' }, [])?.reason).toMatch(/^holds sessions: live logins/);
  });
});
