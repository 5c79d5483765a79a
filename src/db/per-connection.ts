import type { Db } from './open-database.js';

/**
 * A value made once per connection, on first use: in practice the prepared statements of a
 * repository's hot queries. Building a query and preparing it again on every request cost the
 * server's thread more than running it (a session lookup, a user, a data version on each page
 * view). SQLite prepares a statement again by itself when the schema changes under it.
 */
export function perConnection<T>(make: (db: Db) => T): (db: Db) => T {
  const made = new WeakMap<Db, T>();
  return (db) => {
    let value = made.get(db);
    if (value === undefined) made.set(db, (value = make(db)));
    return value;
  };
}
