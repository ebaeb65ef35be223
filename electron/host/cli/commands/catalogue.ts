import { accessSync, constants, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { CATALOGUE_COLUMNS, type CatalogueColumn, type CatalogueFilter, type CatalogueSort } from '../../../../shared/api/catalogue';
import { describeFilter } from '../../../core/catalogue/describeFilter';
import type { CliCommand, CliContext } from '../command';
import { requireFlag, UserFacingError } from '../command';
import { filterFromFlags, sortFromFlags } from '../catalogueFlags';
import { openProject } from '../projectClient';

const FORMATS = { '.xlsx': 'xlsx', '.csv': 'csv', '.pdf': 'pdf' } as const;

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UserFacingError('cli.bad-value', `Giá trị "${value}" của --${flag} không hợp lệ; dùng một trong: ${allowed.join(', ')}.`);
}

/** The filter and the order the flags ask for: shelf order (location) unless words rank the view. */
export function catalogueQueryFromFlags(ctx: CliContext): { filter: CatalogueFilter; sort: CatalogueSort } {
  const filter = filterFromFlags(ctx);
  const sort = sortFromFlags(ctx, { key: filter.words ? 'relevance' : 'location', descending: false });
  if (sort.key === 'relevance' && !filter.words) throw new UserFacingError('cli.bad-sort', 'Sắp xếp theo mức độ phù hợp (--sort relevance) cần từ khóa tìm (--words "…").');
  return { filter, sort };
}

/** "--title" and the like: a text flag, or undefined; a flag given without a value is a mistake. */
function text(ctx: CliContext, name: string): string | undefined {
  const v = ctx.flags[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !v.trim()) throw new UserFacingError('cli.missing-value', `Tham số --${name} cần một giá trị.`);
  return v.trim();
}

function columnsFromFlag(ctx: CliContext): CatalogueColumn[] | undefined {
  const values = text(ctx, 'columns')
    ?.split(',')
    .map((c) => c.trim())
    .filter(Boolean);
  return values?.length ? values.map((c) => oneOf(c, CATALOGUE_COLUMNS, 'columns')) : undefined;
}

/** The output file: a known extension, in a folder that exists and can be written. */
function outputPath(ctx: CliContext): { out: string; format: 'xlsx' | 'csv' | 'pdf' } {
  const out = path.resolve(requireFlag(ctx, 'out'));
  const ext = path.extname(out).toLowerCase();
  const format = FORMATS[ext as keyof typeof FORMATS];
  if (!format) throw new UserFacingError('cli.bad-out', `Tệp xuất (--out) phải có đuôi .xlsx (Excel), .csv hoặc .pdf (bản in)${ext ? `, không phải ${ext}` : ''}.`);
  if (existsSync(out) && statSync(out).isDirectory()) throw new UserFacingError('cli.bad-out', `Không ghi được ${out}: đó là một thư mục.`);
  const dir = path.dirname(out);
  if (!existsSync(dir)) throw new UserFacingError('cli.bad-out', `Không ghi được ${out}: thư mục ${dir} không tồn tại.`);
  if (!statSync(dir).isDirectory()) throw new UserFacingError('cli.bad-out', `Không ghi được ${out}: ${dir} là một tệp, không phải thư mục.`);
  try {
    accessSync(dir, constants.W_OK);
    if (existsSync(out)) accessSync(out, constants.W_OK);
  } catch {
    throw new UserFacingError('cli.bad-out', `Không ghi được ${out}: không có quyền ghi vào đó.`);
  }
  return { out, format };
}

const FORMAT_NAMES = { xlsx: 'bảng tính Excel', csv: 'tệp CSV', pdf: 'mục lục in (PDF)' } as const;

/** `suquan catalogue DIR --out F.xlsx|F.csv|F.pdf [filters]`: the catalogue of the archive, or of a view of it, as a file. */
export const catalogueCommand: CliCommand = {
  async run(ctx) {
    // Everything the flags say is checked before the project is opened.
    const { out, format } = outputPath(ctx);
    const { filter, sort } = catalogueQueryFromFlags(ctx);
    const columns = columnsFromFlag(ctx);
    const title = text(ctx, 'title');
    const p = await openProject(ctx.args[0], { command: 'catalogue', mode: 'read-if-held' });
    try {
      const { total } = await p.api.catalogue.query({ filter, sort, offset: 0, limit: 1 });
      const file = await p.api.catalogue.export({ filter, sort, format, ...(columns ? { columns } : {}), ...(title ? { title } : {}), path: out });
      const view = describeFilter(filter);
      const pages = format === 'pdf' ? `, ${file.pages} trang` : '';
      return {
        human: `Đã xuất ${FORMAT_NAMES[format]} gồm ${total} văn bản${pages} ra ${file.path ?? out}.${view ? `\n${view}` : ''}`,
        json: { out: file.path ?? out, format, documents: total, pages: file.pages, bytes: file.size },
      };
    } finally {
      p.close();
    }
  },
};
