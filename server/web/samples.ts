// The sample workbooks of samples/, offered on the first page for a one-click trial.
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { projectPath } from '../../checks/paths.js';

const SAMPLES_DIR = projectPath('samples');

export function sampleNames(): string[] {
  return readdirSync(SAMPLES_DIR)
    .filter((name) => name.endsWith('.xlsx'))
    .sort();
}

/** The bytes of a sample by its file name; null for any name that is not one (no path tricks). */
export async function readSample(name: string): Promise<Buffer | null> {
  return sampleNames().includes(name) ? readFile(join(SAMPLES_DIR, name)) : null;
}
