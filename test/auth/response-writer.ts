/**
 * A separate process that keeps writing responses, one transaction each, to the database
 * given as argument, printing each serial once committed: the "server" a backup test copies
 * from. Runs until killed.
 */
import { openDatabase } from '../../src/db/open-database.js';
import { storeResponse, tinyCatalog, validAnswers } from './response-fixtures.js';

const path = process.argv[2];
if (!path) throw new Error('usage: response-writer <db>');
const db = openDatabase(path);
const { survey } = tinyCatalog();
let n = 0;
const tick = (): void => {
  for (let i = 0; i < 20; i++) {
    n++;
    const serial = `W${String(n).padStart(7, '0')}`;
    storeResponse(db, survey, validAnswers(n % 2 ? '01' : '79'), { serial });
    process.stdout.write(`${serial}\n`);
  }
  setTimeout(tick, 1);
};
tick();
