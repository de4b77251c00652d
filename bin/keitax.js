#!/usr/bin/env node
// `keitax` (and `npx keitax`): the built command when dist/ is built from the sources as they
// are now, else the TypeScript sources through tsx, so a fresh clone works before `npm run build`
// and an edited source is never shadowed by an old build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'dist', 'cli', 'main.js');

/** The newest modification time of any file under `dir`. */
function newest(dir) {
  return readdirSync(dir, { withFileTypes: true }).reduce((latest, entry) => {
    const path = join(dir, entry.name);
    return Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }, 0);
}

const upToDate = existsSync(built) && statSync(built).mtimeMs >= newest(join(root, 'src'));
const tsx = existsSync(join(root, 'node_modules', 'tsx'));
if (upToDate || !tsx) {
  if (!existsSync(built)) {
    console.error('keitax を実行できません: ビルド済みのコマンド(dist/)も tsx もありません。npm ci を実行するか、npm run build でビルドしてください。');
    process.exit(1);
  }
  await import(pathToFileURL(built).href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import(pathToFileURL(join(root, 'src', 'cli', 'main.ts')).href);
}
