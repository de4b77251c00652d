import type { DeclaredRoute } from './http.js';
import { PERMISSIONS, type Permission } from './permissions.js';
import { ROLE_CODES, ROLES } from './roles.js';

/**
 * docs/permissions.md, from the code: what each role may do and what each route requires.
 * `npm run docs:permissions` writes it; a test fails when it is out of date.
 */
export function renderPermissionsDoc(routes: DeclaredRoute[]): string {
  const permissions = Object.keys(PERMISSIONS) as Permission[];
  const matrix = [
    `| permission | ${ROLE_CODES.join(' | ')} |`,
    `|---|${ROLE_CODES.map(() => ':-:').join('|')}|`,
    ...permissions.map(
      (p) => `| \`${p}\` ${PERMISSIONS[p]} | ${ROLE_CODES.map((role) => ((ROLES[role].permissions as readonly Permission[]).includes(p) ? '●' : '')).join(' | ')} |`,
    ),
  ];
  const roles = ROLE_CODES.map((role) => `| \`${role}\` | ${ROLES[role].nameJa} | ${ROLES[role].permissions.length} |`);
  const routeRows = routes
    .filter((r) => r.method !== 'HEAD')
    .sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method))
    .map((r) => `| ${r.method} | \`${r.url}\` | ${r.permission === undefined ? '**undeclared: refused**' : [r.permission].flat().map((p) => `\`${p}\``).join(' + ')} |`);
  return `# Permissions

Generated from \`src/access/permissions.ts\`, \`src/access/roles.ts\` and the routes' declarations
by \`npm run docs:permissions\`; do not edit by hand. Deny by default: a route that declares
nothing is refused. \`authenticated\` means any signed-in staff member (for what holds no personal
data); \`public\` needs no sign-in; \`a\` + \`b\` needs both. Every CSV export needs \`data.export\`
(C8) besides the permission to read what it exports. The screens' files are served by one more public route
(\`GET /*\`, registered when the screens are built).

## Roles

| role | 役割 | permissions |
|---|---|---|
${roles.join('\n')}

## What each role may do

${matrix.join('\n')}

## Routes

| method | path | requires |
|---|---|---|
${routeRows.join('\n')}
`;
}
