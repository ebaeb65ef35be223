/**
 * End to end through the `suquan` command a user runs: old office files typed in TCVN3 fonts
 * (.doc, .rtf, .odt) imported into a new project, listed with Unicode titles, and found by
 * `suquan search` with the words typed without diacritics.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './fixtures';
import { escapeXml, makeDoc, makeOdt, rtfText, tcvn3 } from './legacyFixtures';
import { suquanCli } from '../foundation/helpers';
const configHome = tempDir('suquan-cli-config-');

const suquan = suquanCli({ configHome });

/** The document ids a `--json` search result names, whichever shape it has (rows or hits). */
function idsOf(json: { result?: { rows?: { id: number }[]; hits?: { documentId: number }[] } }): number[] {
  return [...(json.result?.rows ?? []).map((r) => r.id), ...(json.result?.hits ?? []).map((h) => h.documentId)];
}

describe('suquan with old office files in TCVN3', () => {
  it('imports .doc, .rtf and .odt, lists Unicode titles, and finds "dang bo" without diacritics', async () => {
    const dir = path.join(tempDir(), 'Dự án cũ.suquan');
    expect(suquan('init', dir, '--title', 'Tài liệu cũ').code).toBe(0);
    const files = tempDir();
    const doc = path.join(files, 'nghị quyết.doc');
    writeFileSync(
      doc,
      makeDoc({
        fonts: ['Times New Roman', '.VnTime', '.VnTimeH'],
        normalFont: 1,
        headingFont: 2,
        paragraphs: [
          { style: 1, runs: [{ text: tcvn3('nghị quyết về công tác xây dựng đảng') }] },
          { runs: [{ text: tcvn3('Ban Chấp hành Đảng bộ tỉnh họp phiên bất thường'), font: 1 }] },
        ],
      }),
    );
    const rtf = path.join(files, 'báo cáo.rtf');
    writeFileSync(
      rtf,
      Buffer.from(`{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0 .VnTime;}}\\pard\\f0 ${rtfText(tcvn3('Đảng bộ huyện lãnh đạo nhân dân đắp đê chống lũ'))}\\par}`, 'latin1'),
    );
    const odt = path.join(files, 'công văn.odt');
    writeFileSync(
      odt,
      await makeOdt(
        '<office:automatic-styles><style:style style:name="T1" style:family="text"><style:text-properties style:font-name=".VnTime"/></style:style></office:automatic-styles>' +
          `<office:body><office:text><text:p><text:span text:style-name="T1">${escapeXml(tcvn3('Chi bộ Đảng bộ xã thu thuế nông nghiệp'))}</text:span></text:p></office:text></office:body>`,
        { fonts: ['.VnTime'] },
      ),
    );

    const imported = suquan('import', dir, doc, rtf, odt, '--json');
    expect(imported.code, imported.stderr).toBe(0);
    const outcomes = JSON.parse(imported.stdout).result.outcomes as { input: string; status: string; documentId: number }[];
    expect(outcomes.map((o) => o.status)).toEqual(['imported', 'imported', 'imported']);
    const [docId, rtfId, odtId] = outcomes.map((o) => o.documentId);

    const listed = suquan('list', dir);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('NGHỊ QUYẾT VỀ CÔNG TÁC XÂY DỰNG ĐẢNG');
    expect(listed.stdout).not.toMatch(/[§¶©«]/); // no TCVN3 look-alikes left

    const folded = suquan('search', dir, 'dang', 'bo', '--json');
    expect(folded.code, folded.stderr).toBe(0);
    expect(idsOf(JSON.parse(folded.stdout)).sort()).toEqual([docId, rtfId, odtId].sort());
    const human = suquan('search', dir, 'thue', 'nong', 'nghiep');
    expect(human.code).toBe(0);
    expect(human.stdout).toContain('Chi bộ Đảng bộ xã thu thuế nông nghiệp');
    expect(idsOf(JSON.parse(suquan('search', dir, 'dap', 'de', '--json').stdout))).toEqual([rtfId]);
  }, 180_000);
});
