/**
 * Batch editing: the fields documents of one hồ sơ share (type, issuing body, date, location,
 * độ mật, tags…) set on many documents at once, in one transaction, through the same write as a
 * single edit (DocumentStore.updateMetadata: NFC, sortable dates, suggestions answered, version
 * bumped, catalogue and search index updated by the schema's triggers).
 */
import type { BatchPatch } from '../../../shared/api/catalogue';
import { parseStoredMetadata, type ArchivalMetadataPatch } from '../../../shared/archive/metadata';
import { DocumentStore } from '../archive/documents';
import type { Db } from '../store/projectDatabase';

/** The patch for one document: location parts merged into its own, tags added to and removed from its own. */
export function patchFor(metadataJson: string, patch: BatchPatch): ArchivalMetadataPatch | null {
  const current = parseStoredMetadata(metadataJson);
  const { location, addTags, removeTags, ...fields } = patch;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== undefined) out[k] = v;
  if (location && Object.values(location).some((v) => v !== undefined)) {
    const next: Record<string, string> = { ...(current.location ?? {}) };
    for (const [k, v] of Object.entries(location)) {
      if (v === undefined) continue;
      if (v === null || v === '') delete next[k];
      else next[k] = v;
    }
    out.location = Object.keys(next).length ? next : null;
  }
  if (addTags?.length || removeTags?.length) {
    const remove = new Set(removeTags ?? []);
    const tags = [...new Set([...(current.tags ?? []).filter((t) => !remove.has(t)), ...(addTags ?? [])])];
    out.tags = tags.length ? tags : null;
  }
  if (Object.keys(out).length === 0) return null;
  // Only what would change: a document that already has these values keeps its version.
  const same = Object.entries(out).every(([k, v]) => JSON.stringify((current as Record<string, unknown>)[k] ?? null) === JSON.stringify(v ?? null));
  return same ? null : (out as ArchivalMetadataPatch);
}

export function batchUpdate(db: Db, ids: readonly number[], patch: BatchPatch): number {
  const store = new DocumentStore(db);
  const read = db.prepare('SELECT metadata FROM documents WHERE id = ?').pluck();
  let changed = 0;
  db.transaction(() => {
    for (const id of new Set(ids)) {
      const json = read.get(id) as string | undefined;
      if (json === undefined) continue;
      const p = patchFor(json, patch);
      if (!p) continue;
      store.updateMetadata(id, p, null);
      changed++;
    }
  }).immediate();
  return changed;
}
