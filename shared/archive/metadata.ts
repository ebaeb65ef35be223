/**
 * Vietnamese archival description of one source document (mô tả tài liệu lưu trữ), after
 * Luật Lưu trữ 2024 and Thông tư 05/2025/TT-BNV: what the document is (tên loại, số và ký hiệu,
 * cơ quan ban hành, ngày tháng, trích yếu), where it is kept (kho, phông, mục lục, hộp, hồ sơ,
 * tờ), how it may be used (độ mật, độ khẩn), what it physically is (bản gốc / bản sao, ngôn
 * ngữ, tình trạng, bút tích), and what it is about (từ khóa, người, nơi, tổ chức).
 *
 * Pure: zod schemas and types shared by the API contract, the core and the UI.
 */
import { z } from 'zod';

const text = (max = 2000) => z.string().trim().max(max);
const list = z.array(z.string().trim().min(1).max(500)).max(500);

/** "1950", "1950-03", "1950-03-12". */
export const isoPartialDate = z.string().regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'Ngày phải có dạng YYYY, YYYY-MM hoặc YYYY-MM-DD.');

/**
 * A date as the source gives it, possibly partial: `text` is what is displayed ("Tháng 3-1950",
 * "Cuối năm 1960"); `start`/`end` bound it for sorting and filtering.
 */
export const partialDateSchema = z.object({
  text: text(200),
  start: isoPartialDate.optional(),
  end: isoPartialDate.optional(),
});
export type PartialDateValue = z.infer<typeof partialDateSchema>;

/** Where the original is kept: most general first. */
export const archiveLocationSchema = z.object({
  /** Kho lưu trữ (repository), e.g. "Kho Lưu trữ Tỉnh ủy Lai Châu". */
  repository: text(500).optional(),
  /** Phông (fond). */
  fond: text(200).optional(),
  /** Mục lục số (finding aid). */
  inventory: text(200).optional(),
  /** Hộp / cặp số (box). */
  box: text(200).optional(),
  /** Hồ sơ số / ĐVBQ (file). */
  file: text(200).optional(),
  /** Tờ số (folio or folios, "3" or "3-7"). */
  folio: text(200).optional(),
});
export type ArchiveLocation = z.infer<typeof archiveLocationSchema>;

/** Độ mật. */
export const SECRECY_LEVELS = ['Mật', 'Tối mật', 'Tuyệt mật'] as const;
/** Độ khẩn. */
export const URGENCY_LEVELS = ['Khẩn', 'Thượng khẩn', 'Hỏa tốc', 'Hỏa tốc hẹn giờ'] as const;
/** Bản gốc / bản chính / bản sao (mức độ tin cậy). */
export const AUTHENTICITY = ['Bản gốc', 'Bản chính', 'Bản sao', 'Bản trích sao', 'Bản chụp', 'Không rõ'] as const;

export const archivalMetadataSchema = z.object({
  /** Số và ký hiệu, as written: "16-NQ/TW", "123/QĐ-UBND". */
  code: text(200).optional(),
  /** Tên loại: "Nghị quyết", "Báo cáo". */
  docType: text(200).optional(),
  /** Cơ quan ban hành (author). */
  issuer: text(500).optional(),
  /** Địa danh ban hành ("Hà Nội, ngày …"). */
  place: text(200).optional(),
  date: partialDateSchema.optional(),
  /** Trích yếu nội dung (abstract). */
  abstract: text(5000).optional(),
  location: archiveLocationSchema.optional(),
  secrecy: z.enum(SECRECY_LEVELS).optional(),
  urgency: z.enum(URGENCY_LEVELS).optional(),
  authenticity: z.enum(AUTHENTICITY).optional(),
  /** Hình thức: bản đánh máy, bản rônêô, bản chép tay, bản in … */
  form: text(200).optional(),
  /** ISO 639 codes or names: ["vi"], ["vi", "fr"]. */
  languages: list.optional(),
  /** Tình trạng vật lý: bình thường, ố vàng, rách, mốc … */
  condition: text(1000).optional(),
  /** Bút tích: handwritten annotations, signatures. */
  annotations: text(5000).optional(),
  tags: list.optional(),
  people: list.optional(),
  places: list.optional(),
  organisations: list.optional(),
  notes: text(20000).optional(),
});
export type ArchivalMetadata = z.infer<typeof archivalMetadataSchema>;
export type ArchivalField = keyof ArchivalMetadata;
export const ARCHIVAL_FIELDS = Object.keys(archivalMetadataSchema.shape) as ArchivalField[];

/**
 * A change to metadata: each field given replaces the stored value; `null` clears it; fields not
 * given stay as they are.
 */
export const archivalMetadataPatchSchema = z.object(
  Object.fromEntries(ARCHIVAL_FIELDS.map((k) => [k, archivalMetadataSchema.shape[k].unwrap().nullable().optional()])) as {
    [K in ArchivalField]: z.ZodOptional<z.ZodNullable<ReturnType<(typeof archivalMetadataSchema.shape)[K]['unwrap']>>>;
  },
);
export type ArchivalMetadataPatch = z.infer<typeof archivalMetadataPatchSchema>;

/** Applies a patch (pure): null clears, empty strings and empty lists clear too. */
export function applyMetadataPatch(current: ArchivalMetadata, patch: ArchivalMetadataPatch): ArchivalMetadata {
  const next: Record<string, unknown> = { ...current };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    if (v === null || v === '' || (Array.isArray(v) && v.length === 0)) delete next[k];
    else next[k] = v;
  }
  return next as ArchivalMetadata;
}

/** Reads stored JSON leniently: unknown or invalid fields are dropped, never thrown. */
export function parseStoredMetadata(json: string): ArchivalMetadata {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return {};
  }
  if (!raw || typeof raw !== 'object') return {};
  const out: Record<string, unknown> = {};
  for (const k of ARCHIVAL_FIELDS) {
    const v = (raw as Record<string, unknown>)[k];
    if (v === undefined) continue;
    const r = archivalMetadataSchema.shape[k].safeParse(v);
    if (r.success) out[k] = r.data;
  }
  return out as ArchivalMetadata;
}
