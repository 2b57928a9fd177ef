// SqliteDatabase.transaction: a failure anywhere, the COMMIT included, rolls back and leaves the connection ready for
// the next transaction. A COMMIT that failed on a full disk used to count the nesting down twice, so the next
// transaction opened "SAVEPOINT sp-1", a syntax error the CLI reported as "SQL logic error" instead of the full disk.
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteDatabase } from '../../main/core/store/sqlite.ts';

const open: SqliteDatabase[] = [];
afterEach(() => {
  for (const db of open.splice(0)) db.close();
});

function database(): SqliteDatabase {
  const db = new SqliteDatabase(':memory:');
  open.push(db);
  // A deferred foreign key is checked at COMMIT: the way to make a COMMIT itself fail without filling a disk.
  db.exec(`PRAGMA foreign_keys = ON;
    CREATE TABLE parent (id INTEGER PRIMARY KEY);
    CREATE TABLE child (parent_id INTEGER REFERENCES parent (id) DEFERRABLE INITIALLY DEFERRED);`);
  return db;
}

const count = (db: SqliteDatabase, table: string) => Number(db.prepare(`SELECT count(*) AS n FROM ${table}`).get()!['n']);

describe('SqliteDatabase.transaction', () => {
  it('a COMMIT that fails rolls back, and the next transaction is a transaction again', () => {
    const db = database();
    expect(() => db.transaction(() => db.prepare('INSERT INTO child (parent_id) VALUES (?)').run(7))).toThrow(
      /FOREIGN KEY constraint failed/,
    );
    expect(count(db, 'child')).toBe(0);
    db.transaction(() => {
      db.prepare('INSERT INTO parent (id) VALUES (?)').run(1);
      db.prepare('INSERT INTO child (parent_id) VALUES (?)').run(1);
    });
    expect(count(db, 'child')).toBe(1);
  });

  it('a failure inside a nested transaction rolls back only the nested part', () => {
    const db = database();
    db.transaction(() => {
      db.prepare('INSERT INTO parent (id) VALUES (?)').run(1);
      expect(() =>
        db.transaction(() => {
          db.prepare('INSERT INTO parent (id) VALUES (?)').run(2);
          throw new Error('inner failure');
        }),
      ).toThrow('inner failure');
    });
    expect(db.prepare('SELECT id FROM parent').all()).toEqual([{ id: 1 }]);
    db.transaction(() => db.prepare('INSERT INTO parent (id) VALUES (?)').run(3));
    expect(count(db, 'parent')).toBe(2);
  });
});
