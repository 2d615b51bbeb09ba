import { readFileSync } from 'node:fs';
import { projectPath } from '../../checks/paths.js';

const manifest = JSON.parse(readFileSync(projectPath('package.json'), 'utf8')) as { name: string; version: string };

export const TOOL = { name: manifest.name, version: manifest.version } as const;
