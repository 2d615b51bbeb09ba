// Build step (`npm run build`, after tsc): writes the standalone validators where ./ajv.ts
// looks for them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { BUILT_VALIDATORS_FILE } from './ajv.js';
import { checkSchemas, validatorsModule } from './standalone-validators.js';

mkdirSync(dirname(BUILT_VALIDATORS_FILE), { recursive: true });
writeFileSync(BUILT_VALIDATORS_FILE, validatorsModule(checkSchemas()));
