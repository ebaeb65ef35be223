/**
 * The installer configuration (electron-builder.yml, package.json, resources/build) holds up
 * without building an installer (which needs Electron and tools from the internet): everything is
 * read and judged by electron-builder's own code from node_modules, as `npm run dist` would:
 * its configuration loader and JSON-schema validation, its package.json checks, its icon
 * resolution, its file matchers, its NSIS language setup and its collector of the production
 * node_modules it packs.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire, isBuiltin } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..', '..');
// electron-builder's internals live in app-builder-lib, resolved from electron-builder itself.
const requireFromBuilder = createRequire(createRequire(path.join(root, 'package.json')).resolve('electron-builder'));
// (electron-builder's internal modules, used untyped)
const builderLib: any = requireFromBuilder('app-builder-lib');
const builderUtil: any = requireFromBuilder('builder-util');
const fileMatcher: any = requireFromBuilder('app-builder-lib/out/fileMatcher');
const iconConverter: any = requireFromBuilder('app-builder-lib/out/util/iconConverter');
const nsisLang: any = requireFromBuilder('app-builder-lib/out/targets/nsis/nsisLang');
const nsisScript: any = requireFromBuilder('app-builder-lib/out/targets/nsis/nsisScriptGenerator');
const langs: any = requireFromBuilder('app-builder-lib/out/util/langs');
const collectors: any = requireFromBuilder('app-builder-lib/out/node-module-collector');

/** Loads and validates the configuration the way `electron-builder` does before building. */
async function validatedPackager(options: { config?: string } = {}): Promise<any> {
  const packager = new builderLib.Packager({ projectDir: root, ...options });
  await packager.validateConfig();
  return packager;
}

let packager: any;
let config: any;
let metadata: any;
const tmpDirs: string[] = [];

beforeAll(async () => {
  packager = await validatedPackager();
  config = packager.config;
  metadata = packager.metadata; // package.json as electron-builder reads it
});

afterAll(() => {
  for (const dir of tmpDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const buildResources = () => path.resolve(root, config.directories.buildResources);
/** Where electron-builder finds a configured resource: the build resources, then the project. */
function resource(rel: string): string {
  const inResources = path.resolve(buildResources(), rel);
  return existsSync(inResources) ? inResources : path.resolve(root, rel);
}
const fileStat = { isDirectory: () => false };
const dirStat = { isDirectory: () => true };

/** electron-builder's matcher for one of the file-set options (files, extraResources, asarUnpack). */
function matchers(name: 'files' | 'extraResources' | 'asarUnpack', destination = '/app'): any[] {
  return (
    fileMatcher.getFileMatchers(config, name, destination, {
      macroExpander: (s: string) => s,
      customBuildOptions: {},
      globalOutDir: path.resolve(root, config.directories.output),
      defaultSrc: root,
    }) ?? []
  );
}

function walk(dir: string, skip: (rel: string) => boolean = () => false): string[] {
  const out: string[] = [];
  const visit = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (skip(path.relative(root, p))) continue;
      if (e.isDirectory()) visit(p);
      else out.push(p);
    }
  };
  visit(dir);
  return out;
}

describe('electron-builder.yml under electron-builder’s own validation', () => {
  it('is valid', () => {
    expect(config.appId).toBe('vn.suquan.app');
    expect(config.directories.buildResources).toBe('resources/build');
  });

  it('fails on an unknown key (the validation is real)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'suquan-builder-'));
    tmpDirs.push(dir);
    const yml = readFileSync(path.join(root, 'electron-builder.yml'), 'utf8');
    const bogusRoot = path.join(dir, 'bogus-root.yml');
    writeFileSync(bogusRoot, `${yml}\nnotAnElectronBuilderOption: true\n`);
    await expect(validatedPackager({ config: bogusRoot })).rejects.toThrow(/notAnElectronBuilderOption/);
    const bogusNsis = path.join(dir, 'bogus-nsis.yml');
    writeFileSync(bogusNsis, yml.replace(/^nsis:\n/m, 'nsis:\n  installForEveryoneSilently: true\n'));
    // (inside an anyOf, electron-builder names the option's parent: "configuration.nsis should be …")
    await expect(validatedPackager({ config: bogusNsis })).rejects.toThrow(/configuration\.nsis\b/);
  });
});

describe('what the configuration names exists', () => {
  it('build resources, icons and extra resources are on disk', () => {
    expect(statSync(buildResources()).isDirectory()).toBe(true);
    for (const icon of [config.win.icon, config.mac.icon, config.linux.icon]) expect(existsSync(resource(icon)), icon).toBe(true);
    const extra = matchers('extraResources');
    expect(extra.length).toBeGreaterThan(0);
    for (const m of extra) expect(existsSync(m.from), m.from).toBe(true);
  });

  it('the PDF/X press profile ships beside the fonts, where the typesetter reads it', () => {
    const icc = matchers('extraResources', '/resources').find((m) => m.from.endsWith(path.join('resources', 'icc')));
    expect(icc?.to).toBe('/resources/resources/icc');
    const accept = icc!.createFilter();
    expect(walk(icc!.from).filter((f) => accept(f, fileStat)).map((f) => path.basename(f))).toEqual(expect.arrayContaining(['FOGRA39L_coated.icc', 'README.md']));
  });

  it('the sample project and the user guide ship where resourcePath() reads them', () => {
    for (const name of ['sample', 'guide']) {
      const m = matchers('extraResources', '/resources').find((x) => x.from.endsWith(path.join('resources', name)));
      expect(m?.to, name).toBe(`/resources/resources/${name}`);
      const accept = m!.createFilter();
      const shipped = walk(m!.from).filter((f) => accept(f, fileStat)).map((f) => path.relative(m!.from, f));
      expect(shipped, name).toEqual(expect.arrayContaining(name === 'sample' ? ['sample.yaml', 'documents.yaml', path.join('documents', 'D01.md')] : ['huong-dan.md']));
    }
  });

  it('every font folder ships its fonts with the licence beside them', () => {
    const [fonts] = matchers('extraResources', '/resources');
    expect(fonts.to).toBe('/resources/resources/fonts'); // electron/app/main.ts: <resourcesPath>/resources
    const accept = fonts.createFilter();
    const shipped = walk(fonts.from).filter((f) => accept(f, fileStat));
    const folders = readdirSync(fonts.from, { withFileTypes: true }).filter((e) => e.isDirectory());
    expect(folders.length).toBeGreaterThanOrEqual(3);
    for (const folder of folders) {
      const inFolder = shipped.filter((f) => path.dirname(f) === path.join(fonts.from, folder.name)).map((f) => path.basename(f));
      expect(inFolder, folder.name).toContain('OFL.txt');
      expect(inFolder.some((f) => f.endsWith('.ttf')), folder.name).toBe(true);
    }
  });
});

describe('icons', () => {
  const sizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
  const roots = () => [buildResources(), root];

  it('Windows: electron-builder takes icon.ico as it is (256 px at most, PNG entries that match their directory)', async () => {
    const outDir = mkdtempSync(path.join(os.tmpdir(), 'suquan-icons-'));
    tmpDirs.push(outDir);
    const r = await iconConverter.convertIcon({ sources: [config.win.icon], fallbackSources: [], roots: roots(), format: 'ico', outDir });
    expect(r.isFallback).toBe(false);
    expect(r.icons).toEqual([{ file: resource(config.win.icon), size: 256 }]);

    const ico = readFileSync(resource(config.win.icon));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const count = ico.readUInt16LE(4);
    const found: number[] = [];
    for (let i = 0; i < count; i++) {
      const e = 6 + 16 * i;
      const size = ico[e] || 256;
      const [length, offset] = [ico.readUInt32LE(e + 8), ico.readUInt32LE(e + 12)];
      const png = ico.subarray(offset, offset + length);
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
      found.push(size);
    }
    expect(found).toEqual(expect.arrayContaining([16, 24, 32, 48, 256]));
  });

  it('Linux: the icon set is one PNG per size, each as large as its name says', async () => {
    const outDir = mkdtempSync(path.join(os.tmpdir(), 'suquan-icons-'));
    tmpDirs.push(outDir);
    const r = await iconConverter.convertIcon({ sources: [config.linux.icon], fallbackSources: [], roots: roots(), format: 'set', outDir });
    expect(r.icons.map((i: { size: number }) => i.size)).toEqual(sizes);
    for (const { file, size } of r.icons) expect(await iconConverter.getPngSize(file), file).toEqual({ width: size, height: size });
  });

  it('macOS: icon.png is 1024 px (electron-builder makes the .icns from 512 px up)', async () => {
    expect(await iconConverter.getPngSize(resource(config.mac.icon))).toEqual({ width: 1024, height: 1024 });
  });
});

describe('installer targets', () => {
  it('Windows: assisted NSIS installer in Vietnamese, per user or per machine as the user chooses', () => {
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    const nsis = config.nsis;
    expect(nsis.oneClick).toBe(false); // assisted: the install-mode page is shown…
    expect(nsis.perMachine).toBe(false); // …with the per-user / per-machine choice
    expect(nsis.allowElevation).not.toBe(false); // per machine asks for administrator rights
    // electron-builder's own language setup for this configuration: the Vietnamese MUI pages only.
    const configurator = new nsisLang.LangConfigurator(nsis);
    expect(configurator.langs).toEqual(['vi_VN']);
    const script = new nsisScript.NsisScriptGenerator();
    nsisLang.createAddLangsMacro(script, configurator);
    expect(script.build()).toContain('!insertmacro MUI_LANGUAGE "Vietnamese"');
    expect(String(langs.lcid.vi_VN)).toBe(nsis.language);
  });

  it('Linux: deb has its maintainer, homepage, synopsis, description, category and an ASCII executable', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    // package.json, as electron-builder reads it (deb takes the maintainer from author when unset)
    expect(metadata.author?.name).toBeTruthy();
    expect(metadata.author?.email).toMatch(/^[^\s@<>]+@[^\s@<>]+\.[a-z]{2,}$/i);
    expect(metadata.homepage).toMatch(/^https?:\/\/[^\s/]+\.[a-z]{2,}/i);
    expect(metadata.description?.trim()).toBeTruthy();
    const linux = config.linux;
    expect(linux.maintainer).toBe(`${metadata.author.name} <${metadata.author.email}>`);
    expect(linux.synopsis?.trim()).toBeTruthy();
    expect(linux.description?.trim().length).toBeGreaterThan(linux.synopsis.length);
    expect(linux.category).toBe('Office'); // a freedesktop main category
    expect(linux.executableName).toMatch(/^[a-z][a-z0-9-]*$/);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('artifact names are plain ASCII (no spaces or diacritics in download names)', () => {
    for (const name of [config.nsis.artifactName, config.dmg.artifactName, config.appImage.artifactName]) expect(name).toMatch(/^[A-Za-z0-9.${}_-]+$/);
  });
});

describe('Electron fuses', () => {
  it('are flipped in the packaged binary as Electron’s security checklist asks (electron-builder’s own fuse configuration)', async () => {
    const platformPackager: any = requireFromBuilder('app-builder-lib/out/platformPackager');
    // (what electron-builder hands to @electron/fuses, which writes the fuse wire into the binary)
    const wire = await platformPackager.PlatformPackager.prototype.generateFuseConfig.call({}, config.electronFuses);
    const { FuseV1Options } = createRequire(requireFromBuilder.resolve('app-builder-lib'))('@electron/fuses');
    expect(wire).toMatchObject({
      [FuseV1Options.RunAsNode]: false, // the service process is a utilityProcess (electron/app/serviceProcess.ts)
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false, // the page is served from suquan-app://
    });
  });

  it('RunAsNode off breaks nothing: the Electron shell starts no process through ELECTRON_RUN_AS_NODE', () => {
    const shell = readdirSync(path.join(root, 'electron', 'app')).map((f) => readFileSync(path.join(root, 'electron', 'app', f), 'utf8'));
    expect(shell.join('\n')).toContain('utilityProcess.fork(');
    for (const text of shell) expect(text).not.toMatch(/ELECTRON_RUN_AS_NODE|child_process|process\.execPath/);
  });
});

describe('what gets packed', () => {
  it('files: only the built bundles and package.json; no sources, tests, benchmarks or maps', () => {
    const [main] = matchers('files');
    const accept = main.createFilter();
    const packs = (rel: string) => accept(path.join(root, rel), fileStat);
    for (const rel of ['out/main/index.cjs', 'out/main/service.cjs', 'out/preload/index.cjs', 'out/renderer/index.html', 'out/renderer/assets/index-x1.js', 'package.json'])
      expect(packs(rel), rel).toBe(true);
    for (const rel of [
      'out/main/index.cjs.map',
      'out/renderer/assets/index-x1.js.map',
      'electron/app/main.ts',
      'electron/core/services.ts',
      'shared/api/dispatch.ts',
      'renderer/main.tsx',
      'renderer/dist/index.html',
      'tests/unit/build/installerConfig.test.ts',
      'tests/e2e/playwright.config.ts',
      'bench/typeset.bench.ts',
      'bin/start.js',
      'vite.config.ts',
      'electron.vite.config.ts',
      'tsconfig.json',
      'resources/build/icon.png',
      'resources/fonts/noto-serif/NotoSerif-Regular.ttf',
      'README.md',
    ])
      expect(packs(rel), rel).toBe(false);
    expect(accept(path.join(root, 'tests'), dirStat)).toBe(false);
    expect(accept(path.join(root, 'bench'), dirStat)).toBe(false);

    // and on the tree as it is now (out/ may or may not be built)
    const packed = walk(root, (rel) => rel === 'node_modules' || rel === '.git' || rel.startsWith(config.directories.output))
      .filter((f) => accept(f, fileStat))
      .map((f) => path.relative(root, f));
    expect(packed).toContain('package.json');
    for (const rel of packed) {
      expect(rel === 'package.json' || /^out\/(main|preload|renderer)\//.test(rel), rel).toBe(true);
      expect(rel, rel).not.toMatch(/\.(map|tsx?)$/);
    }
  });

  describe('production node_modules (electron-builder’s own collector)', () => {
    let modules: { name: string; dir: string }[];
    beforeAll(async () => {
      const tmp = new builderUtil.TmpDir('suquan-installer-test');
      try {
        const collector = collectors.getCollectorByPackageManager(collectors.PM.NPM, root, tmp);
        const { nodeModules } = await collector.getNodeModules({ packageName: metadata.name });
        modules = [];
        const add = (list: any[] | undefined) => {
          for (const m of list ?? []) {
            modules.push({ name: m.name, dir: m.dir });
            add(m.dependencies);
          }
        };
        add(nodeModules);
      } finally {
        await tmp.cleanup();
      }
    }, 120_000);

    it('holds the run-time packages and no build-time one', () => {
      const names = new Set(modules.map((m) => m.name));
      for (const runtime of ['better-sqlite3', 'sharp', 'pdfjs-dist', 'pdf-lib', 'fontkit', 'docx', 'mammoth', 'zod', 'electron-log']) expect(names, runtime).toContain(runtime);
      const buildOnly = [
        'tsx',
        'esbuild',
        'vite',
        'vitest',
        'typescript',
        '@playwright/test',
        'playwright',
        'electron',
        'electron-vite',
        'electron-builder',
        'rolldown',
        'react',
        'react-dom',
        'i18next',
        'react-i18next',
        'happy-dom',
        '@vitejs/plugin-react',
      ];
      for (const name of buildOnly) expect(names.has(name), name).toBe(false);
      // TipTap's editor is the renderer's (bundled by Vite). @tiptap/pm stays: the main process
      // checks every saved chapter against shared/manuscript/schema.ts, a ProseMirror schema.
      expect([...names].filter((n) => n.startsWith('@tiptap/') && n !== '@tiptap/pm')).toEqual([]);
      expect([...names].filter((n) => n.startsWith('@esbuild/') || n.startsWith('@rolldown/'))).toEqual([]);
    });

    it('every package the Electron side imports at run time is a production dependency', () => {
      const declared = new Set(Object.keys(metadata.dependencies ?? {}));
      const imported = new Map<string, string>();
      const files = [...walk(path.join(root, 'electron')), ...walk(path.join(root, 'shared'))].filter((f) => /\.ts$/.test(f) && !f.endsWith('.d.ts'));
      const patterns = [
        /^\s*(?:import|export)\s+(?!type\b)[^'";]*?\bfrom\s+['"]([^'"]+)['"]/gm, // import … from 'x' (not `import type`)
        /^\s*import\s+['"]([^'"]+)['"]/gm, // import 'x'
        /(?<!typeof\s+)\bimport\(\s*['"]([^'"]+)['"]\s*\)/g, // import('x'), not `typeof import('x')`
        /\brequire\(\s*['"]([^'"]+)['"]\s*\)/g,
      ];
      for (const file of files) {
        const text = readFileSync(file, 'utf8');
        for (const re of patterns)
          for (const m of text.matchAll(re)) {
            const spec = m[1]!;
            if (spec.startsWith('.') || spec.startsWith('/') || isBuiltin(spec) || spec === 'electron') continue;
            const pkg = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
            imported.set(pkg, path.relative(root, file));
          }
      }
      expect(imported.size).toBeGreaterThan(10);
      for (const [pkg, file] of imported) expect(declared.has(pkg), `${pkg} (imported by ${file})`).toBe(true);
      // and nothing the renderer alone needs is declared for run time
      for (const pkg of ['react', 'react-dom', 'i18next', 'react-i18next', 'tsx', '@tiptap/core', '@tiptap/react', '@tiptap/starter-kit']) expect(declared.has(pkg), pkg).toBe(false);
    });

    it('every native addon among them is unpacked from the asar', () => {
      const unpack = matchers('asarUnpack').map((m) => m.createFilter());
      const addons = modules.flatMap((m) => walk(m.dir).filter((f) => f.endsWith('.node')));
      expect(addons.some((f) => f.includes('better-sqlite3'))).toBe(true);
      expect(addons.some((f) => f.includes(`${path.sep}@img${path.sep}`))).toBe(true);
      for (const addon of addons) expect(unpack.some((accept) => accept(addon, fileStat)), path.relative(root, addon)).toBe(true);
    });
  });
});
