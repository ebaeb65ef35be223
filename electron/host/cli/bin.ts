/** The process entry of `suquan` (bundled to out/host/cli.mjs; bin/suquan.js runs it). */
import { runCli } from './main';

process.exitCode = await runCli(process.argv.slice(2), { trapCrashes: true });
