import type { CliCommand } from '../command';
import { bookCommand } from './book';
import { chapterCommand } from './chapter';
import { checkCommand } from './check';
import { exportCommand } from './export';
import { importCommand } from './import';
import { initCommand } from './init';
import { listCommand } from './list';
import { searchCommand } from './search';
import { typesetCommand } from './typeset';

/** Every CLI command, in the order `suquan --help` lists them. */
export const commands: CliCommand[] = [initCommand, importCommand, listCommand, searchCommand, exportCommand, checkCommand, bookCommand, chapterCommand, typesetCommand];
