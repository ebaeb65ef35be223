/**
 * Run by blobRace.test.ts (`node --import tsx blobRace.child.ts PROJECT INPUT GO MODE`): a second
 * process importing into a project with the real import job, on the database directly (without
 * the project lock: a lock taken over while its holder still runs, or a shared folder between two
 * machines). Says "ready", waits for the file GO, imports INPUT and prints one line of JSON: the
 * job's state, error and outcomes.
 *
 * MODE makes this process's own commit meet a real SQLite failure, through TEMP objects that only
 * its connection sees (the project's schema is untouched):
 *   ok      — nothing added;
 *   insert  — its document insert is refused by a trigger (the transaction rolls back);
 *   commit  — a deferred foreign key is broken inside the transaction, so COMMIT itself fails;
 *   pause   — after its document row is inserted (the original already in files/), the
 *             transaction holds the write lock for PAUSE_MS, having written the file GO + ".paused".
 */
import { existsSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { ImportJob } from '../../../electron/core/archive/importJob';
import type { OpenProject } from '../../../electron/core/project/projectSession';
import { openProjectDatabase } from '../../../electron/core/store/projectDatabase';
import { ProjectLayout } from '../../../electron/core/store/projectLayout';

const [dir, input, go, mode = 'ok'] = process.argv.slice(2);
if (!dir || !input || !go) throw new Error('usage: blobRace.child.ts PROJECT INPUT GO [ok|insert|commit|pause]');
const PAUSE_MS = Number(process.env.PAUSE_MS ?? '1500');
const layout = new ProjectLayout(dir);
const opened = openProjectDatabase(layout.database, { create: false }) as unknown as { db: OpenProject['db'] } | OpenProject['db'];
const db = 'db' in opened ? opened.db : opened;
if (mode === 'insert') {
  db.exec("CREATE TEMP TRIGGER refuse_document BEFORE INSERT ON main.documents BEGIN SELECT RAISE(ABORT, 'refused by the test'); END");
} else if (mode === 'commit') {
  db.pragma('foreign_keys = ON');
  db.exec(`CREATE TEMP TABLE parent(id INTEGER PRIMARY KEY);
           CREATE TEMP TABLE child(parent_id INTEGER REFERENCES parent(id) DEFERRABLE INITIALLY DEFERRED);
           CREATE TEMP TRIGGER break_at_commit AFTER INSERT ON main.documents BEGIN INSERT INTO child VALUES (999); END;`);
} else if (mode === 'pause') {
  const sleeper = new Int32Array(new SharedArrayBuffer(4));
  db.function('hold_lock', () => {
    writeFileSync(`${go}.paused`, '');
    Atomics.wait(sleeper, 0, 0, PAUSE_MS);
    return 0;
  });
  db.exec('CREATE TEMP TRIGGER hold_after_insert AFTER INSERT ON main.documents BEGIN SELECT hold_lock(); END');
}
process.stdout.write('ready\n');
while (!existsSync(go)) await new Promise((r) => setTimeout(r, 2));
const job = new ImportJob(randomUUID(), { layout, db, readOnly: null } as unknown as OpenProject, { paths: [input] }, { onError: () => {} });
await job.finished;
const s = job.status();
db.close();
process.stdout.write(`${JSON.stringify({ state: s.state, error: s.error, outcomes: job.allOutcomes() })}\n`);
