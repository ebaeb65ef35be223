/**
 * A PDF/X-4 checker (ISO 15930-7) for the print files we write and for any PDF a user is about to
 * send to a print shop. veraPDF, the usual validator, is Java and not installable here; this one
 * reads the file with pdf-lib and checks the rules a print shop's preflight stops on, every one
 * reported (passed or not) with a code and one Vietnamese sentence:
 *
 *   header        the file says PDF 1.6 or later
 *   encryption    no /Encrypt in the trailer
 *   id            the trailer has a file identifier (/ID, two strings)
 *   intent        an output intent /GTS_PDFX with an OutputConditionIdentifier
 *   profile       its DestOutputProfile is an ICC output profile: a sound header ('acsp'), device
 *                 class 'prtr' (or 'mntr'), Gray/RGB/CMYK data matching the stream's /N
 *   info-version  /GTS_PDFXVersion (PDF/X-4) in the Info dictionary
 *   xmp-version   pdfxid:GTS_PDFXVersion, the same, in the XMP metadata
 *   title         a title in Info and dc:title in XMP, the same
 *   dates         CreationDate and ModDate in Info, xmp:CreateDate, ModifyDate and MetadataDate in
 *                 XMP, the same instants
 *   trapped       /Trapped True or False in Info and pdf:Trapped the same in XMP
 *   producer      Info /Producer and pdf:Producer agree when both are given
 *   boxes         every page has a TrimBox (or ArtBox, not both), inside its BleedBox, inside its
 *                 MediaBox
 *   fonts         every font is embedded (FontFile, FontFile2 or FontFile3)
 *   actions       no JavaScript, Launch, ImportData, ResetForm, SubmitForm or Movie actions
 *   colour        device colour only where the intent's colour space allows it: DeviceRGB under an
 *                 RGB intent, DeviceCMYK under a CMYK one, DeviceGray under Gray or CMYK — in
 *                 content-stream operators, images (an indexed image's base too) and the named
 *                 colour spaces of resources
 */
import {
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFStream,
  PDFString,
  decodePDFRawStream,
  type PDFObject,
} from 'pdf-lib';

export type PdfxRule =
  | 'header'
  | 'encryption'
  | 'id'
  | 'intent'
  | 'profile'
  | 'info-version'
  | 'xmp-version'
  | 'title'
  | 'dates'
  | 'trapped'
  | 'producer'
  | 'boxes'
  | 'fonts'
  | 'actions'
  | 'colour';

export interface PdfxFinding {
  rule: PdfxRule;
  ok: boolean;
  /** One Vietnamese sentence: what holds, or what is wrong and where. */
  message: string;
}

export interface PdfxReport {
  /** Every rule passed. */
  ok: boolean;
  findings: PdfxFinding[];
}

/** Checks a PDF against the PDF/X-4 rules listed above. A file pdf-lib cannot read fails `header`. */
export async function checkPdfx(bytes: Uint8Array): Promise<PdfxReport> {
  const findings: PdfxFinding[] = [];
  const add = (rule: PdfxRule, ok: boolean, message: string) => findings.push({ rule, ok, message });

  const head = /^%PDF-(\d)\.(\d)/.exec(Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(16, bytes.length)).toString('latin1'));
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false, throwOnInvalidObject: false });
  } catch {
    add('header', false, 'Không đọc được tệp: đây không phải một tệp PDF hợp lệ.');
    return { ok: false, findings };
  }
  const version = head ? Number(head[1]) * 10 + Number(head[2]) : 0;
  add('header', version >= 16, head ? `Phiên bản PDF ${head[1]}.${head[2]}${version >= 16 ? '' : ': PDF/X-4 cần phiên bản 1.6 trở lên'}.` : 'Tệp không bắt đầu bằng dòng đầu %PDF-.');

  const ctx = doc.context;
  const trailer = ctx.trailerInfo;
  add('encryption', !trailer.Encrypt, trailer.Encrypt ? 'Tệp được mã hóa: PDF/X không cho phép mã hóa.' : 'Tệp không mã hóa.');
  const id = trailer.ID instanceof PDFArray ? trailer.ID : undefined;
  const idOk = !!id && id.size() === 2 && [0, 1].every((i) => isString(id.get(i)));
  add('id', idOk, idOk ? 'Có mã định danh tệp (/ID).' : 'Thiếu mã định danh tệp (/ID) trong phần trailer.');

  // The output intent and its profile.
  const catalog = doc.catalog;
  const intents = catalog.lookupMaybe(PDFName.of('OutputIntents'), PDFArray);
  let intent: PDFDict | undefined;
  for (let i = 0; intents && i < intents.size(); i++) {
    const d = intents.lookupMaybe(i, PDFDict);
    if (d?.get(PDFName.of('S')) === PDFName.of('GTS_PDFX')) intent = d;
  }
  const condition = intent && text(intent.lookup(PDFName.of('OutputConditionIdentifier')));
  add('intent', !!condition, intent ? (condition ? `Có mục đích đầu ra PDF/X (${condition}).` : 'Mục đích đầu ra PDF/X thiếu OutputConditionIdentifier.') : 'Thiếu mục đích đầu ra PDF/X (OutputIntent /GTS_PDFX).');
  let intentSpace = '';
  const profile = intent?.lookupMaybe(PDFName.of('DestOutputProfile'), PDFStream);
  if (!profile) add('profile', false, 'Thiếu hồ sơ màu ICC của điều kiện in (DestOutputProfile).');
  else {
    const icc = streamBytes(profile);
    const problem = icc ? iccProblem(icc, profile.dict.lookupMaybe(PDFName.of('N'), PDFNumber)?.asNumber()) : 'không giải nén được';
    if (icc && !problem) intentSpace = latin1(icc, 16, 4).trim();
    add('profile', !problem, problem ? `Hồ sơ màu ICC của điều kiện in không dùng được: ${problem}.` : `Hồ sơ màu ICC của điều kiện in hợp lệ (${latin1(icc!, 12, 4)}, ${intentSpace}).`);
  }

  // Info and XMP: version, title, dates, trapping, producer.
  const info = trailer.Info ? ctx.lookup(trailer.Info) : undefined;
  const infoDict = info instanceof PDFDict ? info : undefined;
  const infoText = (key: string) => (infoDict ? text(infoDict.lookup(PDFName.of(key))) : undefined);
  const metadata = catalog.lookupMaybe(PDFName.of('Metadata'), PDFStream);
  const xmpBytes = metadata && streamBytes(metadata);
  const xmp = xmpBytes ? Buffer.from(xmpBytes).toString('utf8') : '';
  const infoVersion = infoText('GTS_PDFXVersion');
  add('info-version', !!infoVersion?.startsWith('PDF/X-4'), infoVersion ? `Từ điển Info ghi phiên bản ${infoVersion}.` : 'Từ điển Info thiếu khóa GTS_PDFXVersion.');
  const xmpVersion = xmpValue(xmp, 'pdfxid:GTS_PDFXVersion');
  add(
    'xmp-version',
    !!xmpVersion?.startsWith('PDF/X-4'),
    !xmp ? 'Thiếu siêu dữ liệu XMP.' : xmpVersion ? `Siêu dữ liệu XMP ghi phiên bản ${xmpVersion}.` : 'Siêu dữ liệu XMP thiếu pdfxid:GTS_PDFXVersion.',
  );
  const title = infoText('Title');
  const xmpTitle = xmpAlt(xmp, 'dc:title');
  add('title', !!title && title === xmpTitle, !title ? 'Tệp thiếu tên (Title) trong từ điển Info.' : title === xmpTitle ? 'Tên tài liệu có trong Info và XMP, trùng nhau.' : `Tên trong XMP (${xmpTitle ?? 'không có'}) khác tên trong Info (${title}).`);

  const created = pdfDate(infoText('CreationDate'));
  const modified = pdfDate(infoText('ModDate'));
  const xCreate = xmpDate(xmpValue(xmp, 'xmp:CreateDate'));
  const xModify = xmpDate(xmpValue(xmp, 'xmp:ModifyDate'));
  const xMeta = xmpDate(xmpValue(xmp, 'xmp:MetadataDate'));
  const dateProblem =
    created === undefined || modified === undefined
      ? 'từ điển Info thiếu ngày tạo hoặc ngày sửa (CreationDate, ModDate)'
      : xCreate === undefined || xModify === undefined || xMeta === undefined
        ? 'XMP thiếu xmp:CreateDate, xmp:ModifyDate hoặc xmp:MetadataDate'
        : created !== xCreate || modified !== xModify
          ? 'ngày trong Info và trong XMP không khớp'
          : '';
  add('dates', !dateProblem, dateProblem ? `Ngày tháng của tệp không đúng: ${dateProblem}.` : `Ngày tạo ${new Date(created!).toISOString()} có trong Info và XMP, trùng nhau.`);

  const trapped = infoDict?.lookup(PDFName.of('Trapped'));
  const trappedName = trapped instanceof PDFName ? trapped.decodeText() : undefined;
  const xTrapped = xmpValue(xmp, 'pdf:Trapped');
  const trappedOk = (trappedName === 'True' || trappedName === 'False') && xTrapped === trappedName;
  add('trapped', trappedOk, trappedOk ? `Đã ghi trạng thái bẫy màu (Trapped ${trappedName}) trong Info và XMP.` : `Trạng thái bẫy màu phải là True hoặc False, như nhau trong Info và XMP (Info: ${trappedName ?? 'không có'}, XMP: ${xTrapped ?? 'không có'}).`);

  const producer = infoText('Producer');
  const xProducer = xmpValue(xmp, 'pdf:Producer');
  const producerOk = producer === undefined || xProducer === undefined || producer === xProducer;
  add('producer', producerOk, producerOk ? 'Phần mềm tạo tệp ghi nhất quán trong Info và XMP.' : `Phần mềm tạo tệp trong XMP (${xProducer}) khác trong Info (${producer}).`);

  // Page boxes.
  const pages = doc.getPages();
  const boxProblems: string[] = [];
  pages.forEach((page, i) => {
    const node = page.node;
    const box = (key: string) => {
      const a = node.getInheritableAttribute(PDFName.of(key));
      const arr = a instanceof PDFRef ? ctx.lookup(a) : a;
      if (!(arr instanceof PDFArray) || arr.size() !== 4) return undefined;
      const v = arr.asArray().map((o) => (o instanceof PDFRef ? ctx.lookup(o) : o)).map((o) => (o instanceof PDFNumber ? o.asNumber() : NaN));
      return [Math.min(v[0]!, v[2]!), Math.min(v[1]!, v[3]!), Math.max(v[0]!, v[2]!), Math.max(v[1]!, v[3]!)] as const;
    };
    const media = box('MediaBox');
    const trim = box('TrimBox');
    const art = box('ArtBox');
    const bleed = box('BleedBox');
    const inside = (a: readonly number[], b: readonly number[]) => a[0]! >= b[0]! - 0.01 && a[1]! >= b[1]! - 0.01 && a[2]! <= b[2]! + 0.01 && a[3]! <= b[3]! + 0.01;
    const where = `trang ${i + 1}`;
    if (!media) boxProblems.push(`${where} thiếu MediaBox`);
    else if (!trim && !art) boxProblems.push(`${where} thiếu TrimBox`);
    else if (trim && art) boxProblems.push(`${where} có cả TrimBox lẫn ArtBox`);
    else if (bleed && !inside(bleed, media)) boxProblems.push(`${where}: BleedBox vượt ra ngoài MediaBox`);
    else if (!inside((trim ?? art)!, bleed ?? media)) boxProblems.push(`${where}: TrimBox vượt ra ngoài ${bleed ? 'BleedBox' : 'MediaBox'}`);
  });
  add('boxes', boxProblems.length === 0, boxProblems.length ? `Khung trang sai: ${summary(boxProblems)}.` : `Cả ${pages.length} trang có TrimBox nằm trong BleedBox và MediaBox.`);

  // Fonts, actions and colour: every object in the file.
  const unembedded = new Set<string>();
  const actions = new Set<string>();
  const colours = new Set<string>();
  let fonts = 0;
  const visit = (o: PDFObject | undefined, depth: number): void => {
    if (!o || depth > 64) return;
    if (o instanceof PDFArray) {
      for (let i = 0; i < o.size(); i++) visit(o.get(i), depth + 1);
      return;
    }
    const dict = o instanceof PDFDict ? o : o instanceof PDFStream ? o.dict : undefined;
    if (!dict) return;
    const type = dict.get(PDFName.of('Type'));
    const subtype = dict.get(PDFName.of('Subtype'));
    if (type === PDFName.of('Font') && subtype instanceof PDFName && subtype !== PDFName.of('Type0') && subtype !== PDFName.of('Type3')) {
      fonts++;
      const fd = dict.lookupMaybe(PDFName.of('FontDescriptor'), PDFDict);
      if (!fd || !['FontFile', 'FontFile2', 'FontFile3'].some((k) => fd.has(PDFName.of(k)))) unembedded.add(text(dict.get(PDFName.of('BaseFont'))) ?? '(không tên)');
    }
    const s = dict.get(PDFName.of('S'));
    if (s instanceof PDFName && ['JavaScript', 'Launch', 'ImportData', 'ResetForm', 'SubmitForm', 'Movie', 'Sound'].includes(s.decodeText())) actions.add(s.decodeText());
    if (dict.has(PDFName.of('JS'))) actions.add('JavaScript');
    if (dict === catalog && catalog.lookupMaybe(PDFName.of('Names'), PDFDict)?.has(PDFName.of('JavaScript'))) actions.add('JavaScript');
    if (subtype === PDFName.of('Image') && !dict.has(PDFName.of('ImageMask'))) deviceSpaces(dict.get(PDFName.of('ColorSpace')), colours, ctx);
    // Named colour spaces of a resource dictionary (/CS0 /DeviceRGB, used as `/CS0 cs`).
    const named = dict.get(PDFName.of('ColorSpace'));
    const spaces = named instanceof PDFRef ? ctx.lookup(named) : named;
    if (subtype !== PDFName.of('Image') && spaces instanceof PDFDict) for (const [, v] of spaces.entries()) deviceSpaces(v, colours, ctx);
    for (const [, v] of dict.entries()) if (!(v instanceof PDFRef)) visit(v, depth + 1);
  };
  for (const [, obj] of ctx.enumerateIndirectObjects()) visit(obj, 0);
  // Content streams of the pages and of their form XObjects: colour operators and device spaces.
  for (const obj of contentStreams(doc)) {
    const ops = streamBytes(obj);
    if (ops) for (const c of deviceColourOps(Buffer.from(ops).toString('latin1'))) colours.add(c);
  }
  add('fonts', unembedded.size === 0, unembedded.size ? `Phông chữ chưa được nhúng: ${summary([...unembedded])}.` : `Cả ${fonts} phông chữ đều được nhúng.`);
  add('actions', actions.size === 0, actions.size ? `Tệp chứa hành động không được phép trong PDF/X: ${[...actions].join(', ')}.` : 'Không có JavaScript hay hành động bị cấm.');
  const allowed: Record<string, string[]> = { GRAY: ['DeviceGray'], RGB: ['DeviceRGB', 'DeviceGray'], CMYK: ['DeviceCMYK', 'DeviceGray'] };
  const wrong = [...colours].filter((c) => c.startsWith('Device') && !(allowed[intentSpace] ?? []).includes(c));
  add(
    'colour',
    wrong.length === 0,
    wrong.length
      ? `Màu thiết bị ${wrong.join(', ')} không hợp với điều kiện in (${intentSpace || 'chưa rõ'}): cần chuyển sang không gian màu của điều kiện in hoặc gắn hồ sơ ICC.`
      : 'Màu thiết bị dùng trong tệp hợp với điều kiện in.',
  );
  return { ok: findings.every((f) => f.ok), findings };
}

/**
 * The device colour spaces a colour space uses directly: itself, or an indexed space's base.
 * Calibrated (ICCBased, Lab) spaces use none; the alternate of a separation or DeviceN is only
 * for proofs, which PDF/X leaves free.
 */
function deviceSpaces(cs: PDFObject | undefined, into: Set<string>, ctx: PDFDocument['context'], depth = 0): void {
  const o = cs instanceof PDFRef ? ctx.lookup(cs) : cs;
  if (o instanceof PDFName) {
    const n = o.decodeText();
    if (n.startsWith('Device')) into.add(n);
  } else if (o instanceof PDFArray && o.get(0) === PDFName.of('Indexed') && depth < 4) deviceSpaces(o.get(1), into, ctx, depth + 1);
}

function isString(o: PDFObject | undefined): boolean {
  return o instanceof PDFString || o instanceof PDFHexString;
}

function text(o: PDFObject | undefined): string | undefined {
  if (o instanceof PDFString || o instanceof PDFHexString) return o.decodeText();
  if (o instanceof PDFName) return o.decodeText();
  return undefined;
}

function latin1(b: Uint8Array, at: number, n: number): string {
  return Buffer.from(b.buffer, b.byteOffset + at, n).toString('latin1');
}

/** The first few problems, and how many more. */
function summary(list: string[]): string {
  return list.length > 5 ? `${list.slice(0, 5).join('; ')} và ${list.length - 5} chỗ khác` : list.join('; ');
}

/** A stream's decoded bytes, or undefined when its filter is not one pdf-lib decodes. */
function streamBytes(s: PDFStream): Uint8Array | undefined {
  try {
    return s instanceof PDFRawStream ? decodePDFRawStream(s).decode() : s.getContents();
  } catch {
    return undefined;
  }
}

/** What is wrong with an ICC output profile, or '' when nothing is. */
export function iccProblem(icc: Uint8Array, n: number | undefined): string {
  if (icc.length < 132) return 'quá ngắn để là hồ sơ ICC';
  const v = new DataView(icc.buffer, icc.byteOffset, icc.byteLength);
  if (latin1(icc, 36, 4) !== 'acsp') return "thiếu chữ ký 'acsp' của hồ sơ ICC";
  if (v.getUint32(0) !== icc.length) return 'độ dài ghi trong phần đầu không khớp';
  const cls = latin1(icc, 12, 4);
  if (cls !== 'prtr' && cls !== 'mntr') return `lớp thiết bị '${cls}' không phải hồ sơ đầu ra ('prtr')`;
  const space = latin1(icc, 16, 4).trim();
  const channels = ({ GRAY: 1, RGB: 3, CMYK: 4 } as Record<string, number>)[space];
  if (!channels) return `không gian màu '${space}' không phải Gray, RGB hay CMYK`;
  if (n !== undefined && n !== channels) return `khóa /N là ${n} nhưng hồ sơ có ${channels} kênh`;
  const major = icc[8]!;
  if (major < 2 || major > 4) return `phiên bản ICC ${major} không được hỗ trợ`;
  const tags = v.getUint32(128);
  if (132 + tags * 12 > icc.length) return 'bảng thẻ vượt quá độ dài hồ sơ';
  for (let i = 0; i < tags; i++) {
    const off = v.getUint32(136 + i * 12);
    const len = v.getUint32(140 + i * 12);
    if (off + len > icc.length) return `thẻ '${latin1(icc, 132 + i * 12, 4)}' vượt quá độ dài hồ sơ`;
  }
  return '';
}

/** Every page's content streams and the form XObjects they draw (once each). */
function contentStreams(doc: PDFDocument): PDFStream[] {
  const ctx = doc.context;
  const out = new Set<PDFStream>();
  const forms = (res: PDFDict | undefined, depth: number) => {
    const xo = res?.lookupMaybe(PDFName.of('XObject'), PDFDict);
    if (!xo || depth > 8) return;
    for (const [, v] of xo.entries()) {
      const s = ctx.lookup(v);
      if (s instanceof PDFStream && s.dict.get(PDFName.of('Subtype')) === PDFName.of('Form') && !out.has(s)) {
        out.add(s);
        forms(s.dict.lookupMaybe(PDFName.of('Resources'), PDFDict), depth + 1);
      }
    }
  };
  for (const page of doc.getPages()) {
    const c = page.node.get(PDFName.of('Contents'));
    const o = c && ctx.lookup(c);
    if (o instanceof PDFStream) out.add(o);
    else if (o instanceof PDFArray) for (let i = 0; i < o.size(); i++) {
      const s = o.lookup(i);
      if (s instanceof PDFStream) out.add(s);
    }
    const res = page.node.getInheritableAttribute(PDFName.of('Resources'));
    forms((res && ctx.lookup(res)) instanceof PDFDict ? (ctx.lookup(res!) as PDFDict) : undefined, 0);
  }
  return [...out];
}

/**
 * Device colour spaces a content stream uses: the g/G, rg/RG, k/K operators and device spaces
 * named in cs/CS or inline images. Strings are skipped first, so text never reads as operators.
 */
export function deviceColourOps(ops: string): Set<string> {
  const found = new Set<string>();
  const plain = ops.replace(/\((?:\\[\s\S]|[^\\()]|\((?:\\[\s\S]|[^\\()])*\))*\)|<[0-9A-Fa-f\s]*>/g, ' ');
  for (const m of plain.matchAll(/(?:^|[\s\]])(g|G|rg|RG|k|K)(?=[\s[/]|$)/g)) found.add(m[1]!.toLowerCase() === 'g' ? 'DeviceGray' : m[1]!.toLowerCase() === 'rg' ? 'DeviceRGB' : 'DeviceCMYK');
  for (const m of plain.matchAll(/\/(DeviceGray|DeviceRGB|DeviceCMYK)\b/g)) found.add(m[1]!);
  return found;
}

/** A simple XMP property, as an element or as an attribute, with entities decoded. */
function xmpValue(xmp: string, name: string): string | undefined {
  const el = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xmp) ?? new RegExp(`\\s${name}="([^"]*)"`).exec(xmp);
  return el ? unescapeXml(el[1]!.trim()) : undefined;
}

/** The x-default (or first) item of a language alternative, such as dc:title. */
function xmpAlt(xmp: string, name: string): string | undefined {
  const block = new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xmp)?.[1];
  if (!block) return undefined;
  const li = /<rdf:li[^>]*xml:lang="x-default"[^>]*>([^<]*)<\/rdf:li>/.exec(block) ?? /<rdf:li[^>]*>([^<]*)<\/rdf:li>/.exec(block);
  return li ? unescapeXml(li[1]!) : undefined;
}

function unescapeXml(s: string): string {
  return s.replace(/&(lt|gt|quot|apos|amp|#x([0-9a-f]+)|#(\d+));/gi, (_, e: string, hex?: string, dec?: string) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : dec ? String.fromCodePoint(Number(dec)) : ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' } as Record<string, string>)[e]!,
  );
}

/** Milliseconds of a PDF date (D:YYYYMMDDHHmmSS with Z, +HH'mm' or nothing = UTC). */
function pdfDate(s: string | undefined): number | undefined {
  const m = s && /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:(Z)|([+-])(\d{2})'?(\d{2})?'?)?/.exec(s);
  if (!m) return undefined;
  const t = Date.UTC(+m[1]!, +(m[2] ?? 1) - 1, +(m[3] ?? 1), +(m[4] ?? 0), +(m[5] ?? 0), +(m[6] ?? 0));
  const off = m[8] ? (m[8] === '-' ? -1 : 1) * (+m[9]! * 60 + +(m[10] ?? 0)) : 0;
  return t - off * 60000;
}

/** Milliseconds of an XMP (ISO 8601) date. */
function xmpDate(s: string | undefined): number | undefined {
  if (!s) return undefined;
  const t = Date.parse(s);
  return Number.isNaN(t) ? undefined : t;
}
