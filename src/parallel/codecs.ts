import type { CodecSpec, FieldCodec } from '../core/row.js';
import { MysqlFieldCodec } from '../dialects/mysql/codec.js';
import type { MysqlCharset } from '../dialects/mysql/charset.js';
import { CopyTextCodec } from '../dialects/postgres/copy-codec.js';
import { PgLiteralCodec } from '../dialects/postgres/literal-codec.js';

/** A codec in the state its spec() describes (worker threads rebuild the scanner's codecs). */
export function codecFromSpec(spec: CodecSpec): FieldCodec {
  switch (spec.kind) {
    case 'pg-copy':
      return new CopyTextCodec(spec.encoding);
    case 'pg-literal': {
      const c = new PgLiteralCodec(spec.encoding);
      c.standardStrings = spec.standardStrings !== false;
      return c;
    }
    case 'mysql': {
      const c = new MysqlFieldCodec();
      c.setCharset((spec.charset ?? 'utf8') as MysqlCharset);
      return c;
    }
  }
}
