/**
 * What the crash and I/O-fault campaigns share: a seeded PRNG, the bundled hosts run as real
 * processes (killable at a chosen moment), real scans and scanned PDFs made with sharp and
 * pdf-lib, and the invariants a project must keep after anything happened to it (it opens through
 * the real services, SQLite finds no damage, no half document, `suquan check` passes).
 *
 * The hosts run from a snapshot of out/host taken once per test file (after bin/host-bundle.js
 * made it current): the same bundle `node bin/suquan.js` runs, minus its staleness check, so a
 * source edited meanwhile (others work in this checkout) neither rebuilds the bundle in the
 * middle of a campaign (a kill would then hit esbuild) nor changes the code under test half-way.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { createClient } from '../../../shared/api/client';
import { createServices } from '../../../electron/core/services';

export const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..');

export function tempDir(prefix = 'suquan-campaign-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

// ---- seeded randomness ------------------------------------------------------------------------

/** mulberry32 (the generated books' PRNG): picks kill moments and file shapes reproducibly. */
import { rng as prng } from '../../unit/publish/fixtures';
export { prng };

/** The campaign's seed: SUQUAN_CAMPAIGN_SEED replays a run; otherwise a fresh one (printed by the caller). */
export function campaignSeed(): number {
  const fromEnv = process.env.SUQUAN_CAMPAIGN_SEED;
  if (fromEnv && /^\d+$/.test(fromEnv)) return Number(fromEnv) >>> 0;
  return (Date.now() ^ (process.pid << 16)) >>> 0;
}

export const pick = <T>(rand: () => number, items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;

// ---- the bundled hosts as real processes --------------------------------------------------------

export interface HostBundle {
  dir: string;
  cli: string;
  web: string;
  /** XDG_CONFIG_HOME of every process started here (their logs land there, not in ~/.config). */
  configHome: string;
  dispose(): void;
}

/**
 * Makes out/host current (as bin/suquan.js would) and snapshots it beside it for this test file.
 * SUQUAN_CAMPAIGN_BUNDLE=DIR snapshots that bundle folder instead (one built from another commit,
 * or a deliberately broken one, to see that the campaign notices).
 */
export async function snapshotHostBundle(): Promise<HostBundle> {
  let source = process.env.SUQUAN_CAMPAIGN_BUNDLE ? path.resolve(process.env.SUQUAN_CAMPAIGN_BUNDLE) : null;
  if (!source) {
    const { ensureHostBundle } = (await import(path.join(repoRoot, 'bin', 'host-bundle.js'))) as { ensureHostBundle(name: string): Promise<string> };
    source = path.dirname(await ensureHostBundle('cli'));
  }
  // Inside the checkout (out/), so the bundle finds node_modules and appRoot() finds package.json.
  const dir = path.join(repoRoot, 'out', `.campaign-host-${process.pid}-${Date.now()}`);
  cpSync(source, dir, { recursive: true });
  if (!existsSync(path.join(dir, 'cli.mjs')) || !existsSync(path.join(dir, 'web.mjs')) || !existsSync(path.join(dir, 'service.mjs'))) {
    throw new Error(`the host bundle snapshot in ${dir} is incomplete`);
  }
  const configHome = tempDir('suquan-campaign-config-');
  return {
    dir,
    cli: path.join(dir, 'cli.mjs'),
    web: path.join(dir, 'web.mjs'),
    configHome,
    dispose: () => {
      rmSync(dir, { recursive: true, force: true });
      rmSync(configHome, { recursive: true, force: true });
    },
  };
}

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** stdout parsed, when the command was run with --json and printed JSON. */
  json: { ok: boolean; result?: unknown; error?: { code: string; message: string } } | null;
}

function parseJson(stdout: string): CliRun['json'] {
  try {
    return JSON.parse(stdout) as CliRun['json'];
  } catch {
    return null;
  }
}

/** Runs `suquan ARGS` to its end (`nodeArgs` go to node itself, e.g. a preload). */
export function runCli(host: HostBundle, args: string[], opts: { timeoutMs?: number; nodeArgs?: string[]; env?: Record<string, string> } = {}): CliRun {
  const r = spawnSync(process.execPath, [...(opts.nodeArgs ?? []), host.cli, ...args], {
    encoding: 'utf8',
    cwd: repoRoot,
    timeout: opts.timeoutMs ?? 120_000,
    env: { ...process.env, XDG_CONFIG_HOME: host.configHome, ...opts.env },
  });
  return { code: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, json: parseJson(r.stdout) };
}

export interface Killable {
  child: ChildProcess;
  /** Settles when the process has ended, with how. */
  ended: Promise<CliRun & { ms: number }>;
  /** kill -9 of the process and anything it started (its process group). */
  kill(): void;
}

/** Starts a process in its own process group, so kill -9 reaches its children too. */
export function startKillable(command: string, args: string[], env: Record<string, string> = {}): Killable {
  const started = Date.now();
  const child = spawn(command, args, { cwd: repoRoot, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (c: string) => (stdout += c));
  child.stderr!.setEncoding('utf8').on('data', (c: string) => (stderr += c));
  const ended = new Promise<CliRun & { ms: number }>((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr, json: parseJson(stdout), ms: Date.now() - started }));
  });
  return {
    child,
    ended,
    kill() {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // Already gone.
      }
    },
  };
}

/** `suquan ARGS`, killed with SIGKILL after `afterMs` unless it ended first. */
export async function runCliKilledAfter(host: HostBundle, args: string[], afterMs: number): Promise<CliRun & { killed: boolean; ms: number }> {
  const k = startKillable(process.execPath, [host.cli, ...args], { XDG_CONFIG_HOME: host.configHome });
  const timer = setTimeout(() => k.kill(), afterMs);
  const r = await k.ended;
  clearTimeout(timer);
  return { ...r, killed: r.signal === 'SIGKILL' };
}

/** Processes whose parent is `pid` (from /proc). */
export function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // pid (comm) state ppid …: comm may hold spaces and parentheses, so read after the last ')'.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(name));
    } catch {
      // It ended while we looked.
    }
  }
  return out;
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    // A zombie still answers signal 0: look at its state.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

/**
 * Waits until the processes are reaped, not only dead: a killed grandchild is a zombie until the
 * system's init reaps it (here ~2 s), and a zombie still answers kill(pid, 0), so a lock held by
 * it looks held. Returns the pids still there after `timeoutMs`.
 */
export async function waitReaped(pids: number[], timeoutMs = 15_000): Promise<number[]> {
  await waitFor(() => pids.every((p) => !existsSync(`/proc/${p}`)), timeoutMs, 50);
  return pids.filter((p) => existsSync(`/proc/${p}`));
}

export async function waitFor(cond: () => boolean, timeoutMs: number, stepMs = 20): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (cond()) return true;
    await new Promise((r) => setTimeout(r, stepMs));
  }
  return cond();
}

/** The browser-mode host (bundled web host and its service process), started on `dir`. */
export interface WebHost {
  k: Killable;
  port: number;
  token: string;
  /** An API call as the window makes it: POST /api/SERVICE/METHOD with JSON. */
  call(service: string, method: string, args: unknown): Promise<ApiAnswer>;
}

export type ApiAnswer = { ok: true; result: unknown } | { ok: false; error: { code: string; message: string } } | { transport: string };

export async function apiCall(port: number, token: string, service: string, method: string, args: unknown, timeoutMs = 30_000): Promise<ApiAnswer> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/${service}/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'X-SuQuan-Token': token },
      body: JSON.stringify(args),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    try {
      return JSON.parse(text) as ApiAnswer;
    } catch {
      return { transport: `HTTP ${res.status}: ${text.slice(0, 200)}` };
    }
  } catch (e) {
    return { transport: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

/** Starts `web.mjs --open DIR`; resolves once it prints its URL (or says why it did not start). */
export async function startWebHost(host: HostBundle, dir: string, token = 'campaign-token'): Promise<WebHost | { error: string }> {
  const k = startKillable(process.execPath, [host.web, '--open', dir, '--token', token, '--no-state'], { XDG_CONFIG_HOME: host.configHome });
  let out = '';
  k.child.stdout!.on('data', (c: string) => (out += c));
  const up = await waitFor(() => /http:\/\/127\.0\.0\.1:(\d+)\//.test(out) || k.child.exitCode !== null || k.child.signalCode !== null, 30_000);
  const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
  if (!up || !m) {
    k.kill();
    const r = await k.ended;
    return { error: `the browser-mode host did not start: ${r.stderr.trim() || r.stdout.trim()}` };
  }
  const port = Number(m[1]);
  return { k, port, token, call: (service, method, args) => apiCall(port, token, service, method, args) };
}

// ---- real scans ---------------------------------------------------------------------------------

function pageSvg(width: number, height: number, seed: number): Buffer {
  const lines = Array.from(
    { length: 16 },
    (_, i) => `<rect x="${50 + ((seed * 7 + i * 13) % 60)}" y="${130 + i * Math.floor((height - 200) / 16)}" width="${Math.floor(width * (0.5 + ((seed + i) % 5) / 12))}" height="12" fill="#2b2b2b"/>`,
  ).join('');
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#f4eedf"/>${lines}<text x="50" y="90" font-size="44" fill="#111">${seed}</text></svg>`,
  );
}

/** A scan-like page; every seed gives different bytes. */
export async function makeScan(format: 'jpeg' | 'png', seed: number, width = 1000, height = 1414): Promise<Buffer> {
  const img = sharp(pageSvg(width, height, seed));
  return format === 'jpeg' ? img.jpeg({ quality: 80 }).toBuffer() : img.png({ compressionLevel: 6 }).toBuffer();
}

/** A scanned PDF: each page one JPEG over the whole page. */
export async function makeScannedPdf(pages: number, seed: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) {
    const jpg = await doc.embedJpg(await makeScan('jpeg', seed * 100 + i, 900, 1273));
    const page = doc.addPage([595.28, 841.89]);
    page.drawImage(jpg, { x: 0, y: 0, width: 595.28, height: 841.89 });
  }
  return Buffer.from(await doc.save());
}

export interface SourceFile {
  path: string;
  /** Pages the archive must make of it. */
  pages: number;
}

/** Writes a batch of scans and scanned PDFs into `dir` (names carry Vietnamese letters). */
export async function writeScanBatch(dir: string, seed: number, rand: () => number, counts = { jpeg: 3, png: 2, pdf: 1 }): Promise<SourceFile[]> {
  mkdirSync(dir, { recursive: true });
  const files: SourceFile[] = [];
  let n = 0;
  for (let i = 0; i < counts.jpeg; i++) {
    const p = path.join(dir, `Trang quét ${seed}-${++n}.jpg`);
    writeFileSync(p, await makeScan('jpeg', seed * 1000 + n, 900 + Math.floor(rand() * 400), 1300 + Math.floor(rand() * 400)));
    files.push({ path: p, pages: 1 });
  }
  for (let i = 0; i < counts.png; i++) {
    const p = path.join(dir, `Ảnh biên bản ${seed}-${++n}.png`);
    writeFileSync(p, await makeScan('png', seed * 1000 + n, 800 + Math.floor(rand() * 300), 1100 + Math.floor(rand() * 300)));
    files.push({ path: p, pages: 1 });
  }
  for (let i = 0; i < counts.pdf; i++) {
    const pages = 2 + Math.floor(rand() * 5);
    const p = path.join(dir, `Hồ sơ lưu trữ ${seed}-${++n}.pdf`);
    writeFileSync(p, await makeScannedPdf(pages, seed * 1000 + n));
    files.push({ path: p, pages });
  }
  return files;
}

// ---- manuscripts ----------------------------------------------------------------------------------

const SENTENCES = [
  'Ngày 19 tháng 8 năm 1945, nhân dân trong huyện nổi dậy giành chính quyền.',
  'Chi bộ đầu tiên được thành lập tại làng Bình Lư với năm đảng viên.',
  'Trong kháng chiến chống thực dân Pháp, Đảng bộ lãnh đạo nhân dân xây dựng làng kháng chiến.',
  'Hội nghị Ban Chấp hành Đảng bộ lần thứ ba đã đề ra nhiệm vụ khôi phục sản xuất.',
  'Phong trào thi đua yêu nước lan rộng khắp các xã vùng cao.',
  'Những năm đổi mới, kinh tế địa phương chuyển dịch theo hướng công nghiệp hóa.',
];

/** A tiptap JSON chapter whose first paragraph is its marker ("Lần lưu số N …"). */
export function chapterDoc(marker: string, paragraphs: number, rand: () => number) {
  const body = Array.from({ length: paragraphs }, (_, i) => ({
    type: 'paragraph',
    content: [{ type: 'text', text: `${i + 1}. ${pick(rand, SENTENCES)} ${pick(rand, SENTENCES)} ${pick(rand, SENTENCES)}` }],
  }));
  return { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: marker }] }, ...body] };
}

/** The marker of a stored chapter (its first paragraph's text). */
export function markerOf(doc: unknown): string | null {
  const first = (doc as { content?: { content?: { text?: string }[] }[] })?.content?.[0];
  return first?.content?.map((t) => t.text ?? '').join('') ?? null;
}

// ---- the project through the real services -------------------------------------------------------

export interface Services {
  app: ReturnType<typeof createServices>;
  api: ReturnType<typeof createClient>;
  close(): Promise<void>;
}

/** The real services behind the real contract client (what the CLI and the windows use). Paths given to them are absolute. */
export function services(defaultParent = os.tmpdir()): Services {
  const app = createServices({ defaultParent, holderName: 'campaign' } as Parameters<typeof createServices>[0]);
  const api = createClient((s, m, a) => app.dispatch(s, m, a));
  return { app, api, close: () => app.dispose() };
}

/** Saves a chapter as the editor does: based on the version it last read. */
export async function saveChapterNow(api: Services['api'], id: number, doc: ReturnType<typeof chapterDoc>): Promise<void> {
  const current = (await api.manuscript.getChapter({ id })) as { version?: number };
  const r = (await api.manuscript.saveChapter({ id, doc, baseVersion: current.version ?? 0 } as never)) as { status?: string; message?: string };
  if (r?.status && r.status !== 'saved') throw new Error(`saveChapter: ${r.status}: ${r.message ?? ''}`);
}

export interface ProjectHealth {
  /** Opening through the real services failed: its message. */
  openError: string | null;
  /** The project opened, but only for reading (damaged, held, unwritable): the banner's sentence. */
  readOnly: string | null;
  /** PRAGMA integrity_check (and foreign_key_check) findings; [] when ok. */
  integrity: string[];
  /** Half documents and dangling rows, one line each. */
  half: string[];
  documents: number;
  /** Rows of what is in the database, for the callers' own checks. */
  docs: { id: number; title: string; pages: number; names: string[] }[];
  /** Staged copies (cache/tmp) an interrupted import left behind. */
  stagingLeftovers: string[];
}

/**
 * Opens the project through the real services (taking over a stale lock) and checks what a crash
 * must never leave: SQLite damage, a document without pages, a page whose original is missing, a
 * file row without its original, a file that belongs to two documents.
 */
export async function inspectProject(dir: string, extra?: (api: Services['api'], db: import('better-sqlite3').Database) => Promise<void>): Promise<ProjectHealth> {
  const s = services();
  const health: ProjectHealth = { openError: null, readOnly: null, integrity: [], half: [], documents: 0, docs: [], stagingLeftovers: [] };
  try {
    try {
      const info = (await s.api.project.open({ path: dir } as Parameters<typeof s.api.project.open>[0])) as { readOnly?: { message: string } | null };
      health.readOnly = info.readOnly?.message ?? null;
    } catch (e) {
      health.openError = e instanceof Error ? e.message : String(e);
      return health;
    }
    const { db, layout } = s.app.session.require();
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (!(integrity.length === 1 && integrity[0] === 'ok')) health.integrity.push(...integrity);
    const fk = db.pragma('foreign_key_check') as unknown[];
    if (fk.length) health.integrity.push(`${fk.length} foreign key violations`);
    for (const d of db.prepare('SELECT d.id, d.title FROM documents d WHERE NOT EXISTS (SELECT 1 FROM pages p WHERE p.document_id = d.id)').all() as { id: number; title: string }[]) {
      health.half.push(`document ${d.id} «${d.title}» has no pages`);
    }
    const files = db.prepare('SELECT sha256, original_name FROM files').all() as { sha256: string; original_name: string }[];
    for (const f of files) {
      if (!existsSync(layout.original(f.sha256))) health.half.push(`file row ${f.sha256.slice(0, 12)} (${f.original_name}) has no original in files/`);
    }
    for (const p of db.prepare('SELECT DISTINCT file_sha256 AS sha FROM pages').all() as { sha: string }[]) {
      if (!existsSync(layout.original(p.sha))) health.half.push(`pages of ${p.sha.slice(0, 12)} have no original in files/`);
    }
    // Page sequences without holes: a document is all its pages or none.
    for (const d of db.prepare('SELECT document_id AS id, count(*) AS n, max(seq) AS last FROM pages GROUP BY document_id').all() as { id: number; n: number; last: number }[]) {
      if (d.n !== d.last) health.half.push(`document ${d.id} has ${d.n} pages numbered up to ${d.last}`);
    }
    health.docs = (
      db
        .prepare(
          `SELECT d.id, d.title, (SELECT count(*) FROM pages p WHERE p.document_id = d.id) AS pages,
                  (SELECT json_group_array(DISTINCT f.original_name) FROM pages p JOIN files f ON f.sha256 = p.file_sha256 WHERE p.document_id = d.id) AS names
             FROM documents d ORDER BY d.id`,
        )
        .all() as { id: number; title: string; pages: number; names: string }[]
    ).map((d) => ({ ...d, names: JSON.parse(d.names) as string[] }));
    health.documents = health.docs.length;
    const tmp = layout.tmpDir;
    health.stagingLeftovers = existsSync(tmp) ? readdirSync(tmp).filter((f) => statSync(path.join(tmp, f)).isFile()) : [];
    if (extra) await extra(s.api, db);
    return health;
  } finally {
    await s.close();
  }
}

export interface CheckOutcome {
  code: number | null;
  ok: boolean;
  /** One line per problem `suquan check` reported (kind and path). */
  problems: string[];
  unreferenced: number;
  raw: CliRun;
}

/** `suquan check DIR --json`. */
export function suquanCheck(host: HostBundle, dir: string): CheckOutcome {
  const r = runCli(host, ['check', dir, '--json']);
  const result = (r.json?.result ?? null) as { ok: boolean; problems: { problem: string; path: string }[]; unreferenced: string[]; database: { ok: boolean; messages: string[] } } | null;
  const problems = result ? result.problems.map((p) => `${p.problem}: ${path.relative(dir, p.path)}`) : [`no report: exit ${r.code} ${r.signal ?? ''} ${(r.json?.error?.message ?? r.stderr).trim().split('\n')[0]}`];
  if (result && !result.database.ok) problems.push(`database: ${result.database.messages.join('; ')}`);
  return { code: r.code, ok: r.code === 0 && !!result?.ok, problems, unreferenced: result?.unreferenced.length ?? 0, raw: r };
}

/** Whether a PDF opens and reads (poppler's pdftotext), with its text. */
export function pdfText(file: string): { ok: boolean; text: string; error: string } {
  const r = spawnSync('pdftotext', ['-q', file, '-'], { encoding: 'utf8', timeout: 60_000 });
  return { ok: r.status === 0, text: r.stdout ?? '', error: (r.stderr ?? '').trim() };
}

/** Files a write beside `target` left behind (atomicFile.ts names them ".NAME.PID.RANDOM.part"). */
export function partFilesBeside(target: string): string[] {
  const dir = path.dirname(target);
  const base = path.basename(target);
  return existsSync(dir) ? readdirSync(dir).filter((f) => f !== base && f.startsWith(`.${base}.`) && f.endsWith('.part')) : [];
}

// ---- mounts (root only) ---------------------------------------------------------------------------

/** Runs `mount ARGS`; null when it worked, otherwise why not. */
export function mount(args: string[]): string | null {
  const r = spawnSync('mount', args, { encoding: 'utf8' });
  return r.status === 0 ? null : (r.stderr || r.error?.message || `mount exited ${r.status}`).trim();
}

export function unmount(dir: string): void {
  for (let i = 0; i < 5; i++) {
    const r = spawnSync('umount', [dir], { encoding: 'utf8' });
    if (r.status === 0) return;
    spawnSync('sleep', ['0.2']);
  }
  spawnSync('umount', ['-l', dir]);
}

/** A tmpfs of `size` (e.g. "6m") at `dir`; null when it is mounted, otherwise why not. */
export function mountTmpfs(dir: string, size: string): string | null {
  mkdirSync(dir, { recursive: true });
  return mount(['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
}

/** A read-only view of `source` at `target` (root ignores chmod, not a read-only mount). */
export function mountReadOnlyBind(source: string, target: string): string | null {
  mkdirSync(target, { recursive: true });
  const bind = mount(['--bind', source, target]);
  if (bind) return bind;
  const ro = mount(['-o', 'remount,bind,ro', target]);
  if (ro) {
    unmount(target);
    return ro;
  }
  return null;
}
