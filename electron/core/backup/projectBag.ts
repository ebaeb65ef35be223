/**
 * What a project archive holds, BagIt style (RFC 8493), in this order:
 *   bagit.txt                  the BagIt declaration
 *   bag-info.txt               what the bag is (project title, date, Payload-Oxum)
 *   manifest-sha256.txt        "<sha256>  data/…" for every payload member, in archive order
 *   data/project.sqlite        the database, a standalone copy
 *   data/files/ab/<sha256>     every original the database knows
 *   tagmanifest-sha256.txt     hashes of the three tag files above
 * A member name from an archive is untrusted: only these shapes are ever accepted.
 */
import { UserFacingError } from '../../../shared/errors';

export const BAGIT_TXT_NAME = 'bagit.txt';
export const BAG_INFO_NAME = 'bag-info.txt';
export const MANIFEST_NAME = 'manifest-sha256.txt';
export const TAG_MANIFEST_NAME = 'tagmanifest-sha256.txt';
export const DATABASE_MEMBER = 'data/project.sqlite';
export const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n';

const ORIGINAL = /^data\/files\/([0-9a-f]{2})\/([0-9a-f]{64})$/;
const TAGS = new Set([BAGIT_TXT_NAME, BAG_INFO_NAME, MANIFEST_NAME, TAG_MANIFEST_NAME]);

export function originalMember(sha256: string): string {
  return `data/files/${sha256.slice(0, 2)}/${sha256}`;
}

export type MemberKind = { kind: 'tag'; name: string } | { kind: 'database' } | { kind: 'original'; sha256: string };

/** What a member is, or null for a name no Sử Quán archive has. */
export function classifyMember(name: string): MemberKind | null {
  if (TAGS.has(name)) return { kind: 'tag', name };
  if (name === DATABASE_MEMBER) return { kind: 'database' };
  const m = ORIGINAL.exec(name);
  if (m && m[2]!.startsWith(m[1]!)) return { kind: 'original', sha256: m[2]! };
  return null;
}

export function formatManifest(entries: { sha256: string; name: string }[]): string {
  return entries.map((e) => `${e.sha256}  ${e.name}\n`).join('');
}

/** A manifest's entries in order, or null when any line is not "<sha256>  <known member>". */
export function parseManifest(text: string, allowed: (name: string) => boolean): { sha256: string; name: string }[] | null {
  const entries: { sha256: string; name: string }[] = [];
  const seen = new Set<string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const m = /^([0-9a-f]{64}) {1,2}\*?(\S+)$/.exec(line.replace(/\r$/, ''));
    if (!m || !allowed(m[2]!) || seen.has(m[2]!)) return null;
    seen.add(m[2]!);
    entries.push({ sha256: m[1]!, name: m[2]! });
  }
  return entries;
}

export function bagInfo(opts: { title: string; bagged: Date; payloadBytes: number; payloadFiles: number; schemaVersion: number }): string {
  const oneLine = (s: string) => s.normalize('NFC').replace(/[\r\n]+/g, ' ');
  return [
    `Source-Organization: Sử Quán`,
    `External-Description: ${oneLine(opts.title)}`,
    `Bagging-Date: ${opts.bagged.toISOString().slice(0, 10)}`,
    `Bagging-Time: ${opts.bagged.toISOString()}`,
    `Payload-Oxum: ${opts.payloadBytes}.${opts.payloadFiles}`,
    `Suquan-Schema-Version: ${opts.schemaVersion}`,
    '',
  ].join('\n');
}

/** The one sentence for a damaged archive: what is damaged, and that nothing was restored. */
export function damagedArchive(file: string, what: string): UserFacingError {
  return new UserFacingError('backup.damaged', `Bản sao lưu ${file} bị hỏng: ${what}; không có gì được khôi phục, hãy dùng một bản sao lưu khác.`);
}
