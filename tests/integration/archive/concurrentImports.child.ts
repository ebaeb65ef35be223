/**
 * Run by concurrentImports.test.ts (`node --import tsx concurrentImports.child.ts PROJECT INPUT GO`):
 * opens the project's database directly — without the project lock, as two processes would if the
 * lock were taken over while its holder still ran, or on a shared folder between two machines —
 * says "ready", waits until the file GO exists (so that both processes start together), imports
 * INPUT with the real import job and prints one line of JSON: the job's state and outcomes.
 */
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { ImportJob } from '../../../electron/core/archive/importJob';
import type { OpenProject } from '../../../electron/core/project/projectSession';
import { openProjectDatabase } from '../../../electron/core/store/projectDatabase';
import { ProjectLayout } from '../../../electron/core/store/projectLayout';

const [dir, input, go] = process.argv.slice(2);
if (!dir || !input || !go) throw new Error('usage: concurrentImports.child.ts PROJECT INPUT GO');
const layout = new ProjectLayout(dir);
const opened = openProjectDatabase(layout.database, { create: false }) as unknown as { db: OpenProject['db'] } | OpenProject['db'];
const db = 'db' in opened ? opened.db : opened;
const project = { layout, db, readOnly: null } as unknown as OpenProject;
process.stdout.write('ready\n');
while (!existsSync(go)) await new Promise((r) => setTimeout(r, 2));
const job = new ImportJob(randomUUID(), project, { paths: [input] }, { onError: (e, where) => process.stderr.write(`${where}: ${e instanceof Error ? e.stack : String(e)}\n`) });
await job.finished;
const s = job.status();
db.close();
process.stdout.write(`${JSON.stringify({ state: s.state, error: s.error, outcomes: job.allOutcomes() })}\n`);
