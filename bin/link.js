// npm links the bin of every dependency into node_modules/.bin, but not the project's own: this
// (run after `npm ci` / `npm install`) links `keitax` there too, so `npx keitax …` runs it.
import { mkdirSync, rmSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const link = join(root, 'node_modules', '.bin', 'keitax');
mkdirSync(dirname(link), { recursive: true });
rmSync(link, { force: true });
symlinkSync(join('..', '..', 'bin', 'keitax.js'), link);
