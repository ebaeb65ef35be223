#!/usr/bin/env node
// The `suquan` command: runs the bundled CLI, out/host/cli.mjs (plain JavaScript, no TypeScript
// compiled at run time), rebuilt first in a repository checkout when a source changed
// (bin/host-bundle.js).
import { pathToFileURL } from 'node:url';
import { ensureHostBundle } from './host-bundle.js';

await import(pathToFileURL(await ensureHostBundle('cli')).href);
