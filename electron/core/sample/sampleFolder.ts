/**
 * The folder name the sample project gets under the projects folder (sample.yaml's
 * project.folderName), read without reading the rest of the sample: the welcome screen and
 * `npm start -- --sample` look for an existing sample before anything is built.
 */
import { readFileSync } from 'node:fs';
import YAML from 'yaml';
import { resourcePath } from '../resources';

const FALLBACK = 'Dự án mẫu Sử Quán';

export function sampleFolderName(specDir = resourcePath('sample')): string {
  try {
    const parsed = YAML.parse(readFileSync(`${specDir}/sample.yaml`, 'utf8')) as { project?: { folderName?: unknown } } | null;
    const name = parsed?.project?.folderName;
    return typeof name === 'string' && name.trim() && !/[/\\]|^\.\.?$/.test(name.trim()) ? name.trim().normalize('NFC') : FALLBACK;
  } catch {
    return FALLBACK;
  }
}
