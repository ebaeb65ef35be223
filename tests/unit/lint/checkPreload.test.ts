import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain ES module script without types
import { forbiddenRequires } from '../../../bin/check-preload.js';

describe('the sandboxed preload check', () => {
  it('allows only what Electron’s sandbox can load', () => {
    expect(forbiddenRequires('let electron = require("electron"); require("node:events"); require(\'timers\');')).toEqual([]);
    expect(forbiddenRequires('let electron = require("electron");\nlet zod = require("zod");\nrequire("fs")')).toEqual(['zod', 'fs']);
  });
});
