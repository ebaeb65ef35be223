#!/usr/bin/env node
// The `suquan` command. Runs the TypeScript sources under Node through tsx (no build step).
import { register } from 'tsx/esm/api';

register();
await import('../electron/host/cli/bin.ts');
