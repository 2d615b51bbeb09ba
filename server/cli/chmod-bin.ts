// tsc does not keep the executable bit; the bin must be runnable as `./dist/server/cli/main.js`
// and through `npx eldercare-audit`.
import { chmodSync } from 'node:fs';
import { projectPath } from '../../checks/paths.js';

chmodSync(projectPath('dist/server/cli/main.js'), 0o755);
