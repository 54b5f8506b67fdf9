import { isWord, tryTokenize } from './ddl-lexer.js';
import { isName } from './header.js';
import type { NameTally } from '../../rules/name-tally.js';

/**
 * Scheduled events in MySQL/MariaDB dumps (`mysqldump --events`). Each is written as
 *
 *     /*!50106 CREATE*\/ /*!50117 DEFINER=`u`@`h`*\/ /*!50106 EVENT `name` ON SCHEDULE EVERY 1 DAY
 *       STARTS '…' ON COMPLETION NOT PRESERVE ENABLE DO <body> *\/ ;;
 *
 * and restored with the status it had in production: once the restored server's event_scheduler is ON
 * (the default in MySQL 8.0; MariaDB's is OFF), an ENABLE event runs on production's schedule against
 * the copy (a nightly charge run, a purge, a mail-out). The scanner feeds the head's words, outside
 * strings, identifiers and comments, to an EventHead: the status keyword is the ENABLE / DISABLE
 * (/ DISABLE ON SLAVE) after ON SCHEDULE, and DO starts the body, which is not read. A head without a
 * status creates the event enabled.
 */
export const DISABLE = Buffer.from('DISABLE');
/** Written before DO when the head names no status. */
export const DISABLE_BEFORE_DO = Buffer.from('DISABLE ');

/** What the dump's events add up to (Planner.events). */
export interface EventTally {
  enabled: NameTally;
  disabled: number;
  disabledByRule: number;
}

export class EventHead {
  private schedule = false;
  enabled = true;
  statusGiven = false;
  disabledByRule = false;

  begin(): void {
    this.schedule = false;
    this.enabled = true;
    this.statusGiven = false;
    this.disabledByRule = false;
  }

  /** A word of the head (lower case; '' for long words): 'status' for its ENABLE, 'body' for DO. */
  word(w: string): 'status' | 'body' | undefined {
    if (w === 'schedule') this.schedule = true;
    else if (!this.schedule) return undefined;
    else if (w === 'do') return 'body';
    else if ((w === 'enable' || w === 'disable') && !this.statusGiven) {
      this.statusGiven = true;
      this.enabled = w === 'enable';
      if (this.enabled) return 'status';
    }
    return undefined;
  }

  /** The head was read: count the event as it will restore. */
  record(tally: EventTally, name: string | undefined): void {
    if (this.disabledByRule) tally.disabledByRule++;
    if (this.enabled && !this.disabledByRule) tally.enabled.add(name ?? '(unnamed)');
    else tally.disabled++;
  }
}

/** `db.name` of `CREATE … EVENT [IF NOT EXISTS] [db.]name` (the head's text); `database` for a bare name. */
export function eventName(head: string, database: string | undefined): string | undefined {
  const t = tryTokenize(head);
  if (!t) return undefined;
  let i = t.findIndex((x) => isWord(x, 'EVENT'));
  if (i < 0) return undefined;
  i++;
  if (isWord(t[i], 'IF') && isWord(t[i + 1], 'NOT') && isWord(t[i + 2], 'EXISTS')) i += 3;
  if (!isName(t[i])) return undefined;
  const first = t[i].value;
  if (t[i + 1]?.type === 'punct' && t[i + 1].value === '.' && isName(t[i + 2])) return `${first}.${t[i + 2].value}`;
  return database !== undefined ? `${database}.${first}` : first;
}
