/**
 * The rules file's top-level settings for what a dump holds outside the columns rules reach. Each is
 * a decision between its values, "keep" among them (copied as it is: a reviewed decision); unset,
 * what it covers is copied and reported, an error under strict (see the policy's findings for each).
 * The rules loader validates them and schema.json describes them from this table.
 */
export const SETTINGS = {
  /**
   * PostgreSQL large objects (pg_dump's BLOBS: `lo_create`, then `lowrite` calls with their bytes):
   * `"empty"` keeps every large object but drops its contents.
   */
  largeObjects: {
    values: ['keep', 'empty'],
    hint: 'PostgreSQL large objects: "empty" drops their contents, "keep" copies them',
    description: 'PostgreSQL large objects, which no column rule reaches: "empty" keeps each object but drops its contents, "keep" copies them (reviewed). Unset: copied and reported.',
  },
  /**
   * MySQL/MariaDB scheduled events (`CREATE EVENT`, and the rows of `mysql.event` in --all-databases
   * dumps), which run on production's schedule once the restored server's event_scheduler is ON (the
   * default in MySQL 8.0): `"disable"` restores every event disabled.
   */
  events: {
    values: ['keep', 'disable'],
    hint: 'MySQL/MariaDB scheduled events: "disable" restores them disabled, "keep" as they were',
    description: 'MySQL/MariaDB scheduled events (CREATE EVENT, and mysql.event rows), which run on production\'s schedule once the event scheduler is on: "disable" restores them disabled, "keep" as they were (reviewed). Unset: kept and reported.',
  },
  /**
   * Links the restored copy would follow back to production: PostgreSQL user mappings and
   * subscriptions, MySQL/MariaDB FEDERATED/CONNECT tables and mysql.servers. `"cut"` drops user
   * mappings, subscriptions and mysql.servers rows, and makes FEDERATED tables local InnoDB tables.
   */
  links: {
    values: ['keep', 'cut'],
    hint: 'links to other servers (user mappings, subscriptions, FEDERATED tables): "cut" takes them out, "keep" copies them',
    description: 'Links the restored copy would follow back to production (PostgreSQL user mappings and subscriptions, MySQL/MariaDB FEDERATED/CONNECT connections and mysql.servers): "cut" drops the user mappings, subscriptions and server definitions and makes FEDERATED tables local (InnoDB, empty), "keep" copies them (reviewed). Unset: copied and reported.',
  },
  /** pg_dumpall's role password hashes (`ALTER ROLE … PASSWORD '…'`): `"drop"` restores the roles without. */
  rolePasswords: {
    values: ['keep', 'drop'],
    hint: 'pg_dumpall role password hashes: "drop" restores the roles without passwords, "keep" with them',
    description: 'Role password hashes in a pg_dumpall dump (ALTER ROLE … PASSWORD): "drop" restores the roles without passwords, "keep" with production\'s (reviewed). Unset: kept and reported.',
  },
} as const;

export type SettingName = keyof typeof SETTINGS;
export type SettingValue<K extends SettingName> = (typeof SETTINGS)[K]['values'][number];
/** The settings a rules file gives. */
export type Settings = { [K in SettingName]?: SettingValue<K> };
