/**
 * VeilError: every fatal problem veil-stream reports. Codes are declared once here; prose for humans is
 * rendered only in cli/report.ts. Details carry what a reader needs to find the problem.
 */
export type VeilErrorCode =
  // the dump
  | 'DUMP_EMPTY'
  | 'DUMP_UNKNOWN_FORMAT'
  | 'DUMP_PG_CUSTOM_FORMAT'
  | 'DUMP_COMPRESSED'
  | 'DUMP_BINARY'
  | 'DUMP_UNTERMINATED_COPY'
  | 'DUMP_UNTERMINATED_STRING'
  | 'DUMP_UNTERMINATED_STATEMENT'
  | 'DUMP_TRUNCATED'
  | 'DUMP_COPY_FIELD_COUNT'
  | 'DUMP_BAD_ESCAPE'
  | 'DUMP_UNSUPPORTED_COPY_FORMAT'
  | 'DUMP_INSERT_SYNTAX'
  | 'DUMP_DDL_SYNTAX'
  | 'DUMP_INSERT_FIELD_COUNT'
  | 'DUMP_UNKNOWN_COLUMNS'
  | 'DUMP_FIELD_TOO_LARGE'
  | 'DUMP_UNSUPPORTED_ENCODING'
  | 'DUMP_VALUE_REJECTED'
  // the rules file
  | 'RULES_UNREADABLE'
  | 'RULES_INVALID_JSON'
  | 'RULES_INVALID'
  | 'RULES_UNUSED'
  | 'RULES_UNCOVERED_COLUMN'
  | 'RULES_UNCOVERED_SETTING'
  | 'RULES_UNCOVERED_LARGE_OBJECTS'
  | 'RULES_UNCOVERED_EVENTS'
  | 'RULES_UNCOVERED_LINKS'
  | 'RULES_UNCOVERED_ROLE_PASSWORDS'
  | 'RULES_TYPE_MISMATCH'
  | 'RULES_UNIQUE_UNDECLARED'
  // the command line
  | 'CLI_USAGE'
  | 'CLI_SECRET'
  // input and output
  | 'IO_READ'
  | 'IO_WRITE'
  | 'IO_INTERRUPTED'
  | 'IO_BROKEN_PIPE'
  | 'IO_UNSUPPORTED_COMPRESSION';

export interface Position {
  /** Byte offset from the start of the dump (0-based). */
  offset: number;
  /** Line number (1-based). */
  line: number;
  /** Column in bytes (1-based), computed only when an error is built. */
  column?: number;
}

/** One problem inside a larger error (e.g. every issue found in a rules file). */
export interface Issue {
  code: VeilErrorCode;
  message: string;
  /** JSON path into the rules file, e.g. `$.tables["public.users"].columns.email`. */
  path?: string;
  hint?: string;
}

export interface VeilErrorDetails {
  position?: Position;
  /** JSON path into the rules file. */
  path?: string;
  /** A short excerpt of the input around the problem, control characters made visible. */
  excerpt?: string;
  /** One sentence telling the user what to do. */
  hint?: string;
  table?: string;
  column?: string;
  /** 1-based row number within the table's data. */
  row?: number;
  /** All problems, when several were collected (rules validation). */
  issues?: Issue[];
}

export class VeilError extends Error {
  override readonly name = 'VeilError';
  constructor(
    readonly code: VeilErrorCode,
    message: string,
    readonly details: VeilErrorDetails = {},
  ) {
    super(message);
  }
}

export function isVeilError(e: unknown): e is VeilError {
  return e instanceof VeilError;
}

/** Make control characters and non-ASCII bytes visible for an excerpt. */
export function visible(bytes: Uint8Array | string, max = 60): string {
  const s = typeof bytes === 'string' ? bytes : Buffer.from(bytes).toString('utf8');
  let out = '';
  for (const ch of s.slice(0, max)) {
    const c = ch.charCodeAt(0);
    if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return s.length > max ? `${out}…` : out;
}
