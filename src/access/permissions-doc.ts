/**
 * @module docs/permissions.md, from the code: what each role may do, what each operation needs
 * (the operations.ts of every capability, the one source routes and services share) and what
 * each route requires. `npm run docs:permissions` writes it; a test fails when it is out of date.
 */
import type { DeclaredRoute } from './http.js';
import { ALL_OPERATIONS } from './operation-catalog.js';
import { accessOf } from './operations.js';
import { PERMISSIONS, requiredPermissions, type Permission, type RouteAccess } from './permissions.js';
import { ROLE_CODES, ROLES } from './roles.js';

const needs = (access: RouteAccess) => [access].flat().map((p) => `\`${p}\``).join(' + ');

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
  const served = routes.filter((r) => r.method !== 'HEAD');
  const routeRows = served
    .sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method))
    .map((r) => `| ${r.method} | \`${r.url}\` | ${r.permission === undefined ? '**undeclared: refused**' : needs(r.permission)} | ${(r.operations ?? []).map((o) => `\`${o}\``).join(', ')} |`);
  const operationRows = [...ALL_OPERATIONS]
    .sort((a, b) => a.operation.localeCompare(b.operation))
    .map((spec) => {
      const routesOf = served.filter((r) => r.operations?.includes(spec.operation)).map((r) => `${r.method} \`${r.url}\``);
      return `| \`${spec.operation}\` | ${needs(accessOf(spec))} | ${ROLE_CODES.filter((role) => requiredPermissions(accessOf(spec)).every((p) => (ROLES[role].permissions as readonly Permission[]).includes(p))).map((role) => `\`${role}\``).join(', ')} | ${routesOf.join('<br>') || 'command line, or another service'} |`;
    });
  return `# Permissions

Generated from \`src/access/permissions.ts\`, \`src/access/roles.ts\`, each capability's
\`operations.ts\` and the routes' declarations by \`npm run docs:permissions\`; do not edit by hand.
An operation's permission is written once, in its operation spec: the route serving it declares
its access from that spec and the service checks it in \`AccessControl.run\`. Deny by default: a route that declares
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

## Operations

Each is recorded in the audit log under its name.

| operation | requires | roles holding it | served by |
|---|---|---|---|
${operationRows.join('\n')}

## Routes

| method | path | requires | operations |
|---|---|---|---|
${routeRows.join('\n')}
`;
}
