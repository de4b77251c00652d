import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = new URL('../src/', import.meta.url).pathname;
const WEB = new URL('../web/src/', import.meta.url).pathname;
const MIGRATIONS = new URL('../migrations/', import.meta.url).pathname;

function sourceFiles(dir: string, extension = /\.ts$/): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path, extension);
    return extension.test(path) && !/\.test\.tsx?$/.test(path) ? [path] : [];
  });
}

/** Every module of src/, by its path below src/ (`addressees/service.ts`), with its text. */
const MODULES = new Map(sourceFiles(SRC).map((file) => [relative(SRC, file), readFileSync(file, 'utf8')]));

/** The folder a module belongs to: `addressees/service.ts` → `addressees`; `config.ts` → `config.ts`. */
const folderOf = (module: string) => module.split('/')[0] ?? module;

/** The src/ modules a module imports (value and type imports, re-exports), by path below src/. */
function importsOf(module: string): string[] {
  const text = MODULES.get(module) ?? '';
  const specifiers = [...text.matchAll(/^\s*(?:import|export)\s(?:[^'";]*?\sfrom\s)?'(\.{1,2}\/[^']+)'/gms)].map((m) => m[1] ?? '');
  return specifiers.map((specifier) => normalize(join(dirname(module), specifier)).replace(/\.js$/, '.ts')).filter((target) => MODULES.has(target));
}

/**
 * Folders that are infrastructure, not capabilities: they own no business table (db/ keeps the
 * migrations' own bookkeeping and the number counters) and any module may use them.
 */
const INFRASTRUCTURE = new Set(['db', 'server', 'shared', 'keys', 'cli', 'config.ts', 'composition.ts']);

/** Entry points: they wire capabilities together and may reach any of their files. */
const ENTRY_POINTS = new Set(['cli', 'server', 'composition.ts']);

/**
 * A capability's front door: its service.ts (use cases), model.ts (schemas, types, pure
 * vocabulary the screens share) and operations.ts (what each operation needs). Besides these,
 * the files below are public, and why.
 */
const PUBLIC_FILES: Record<string, string> = {
  'access/guard.ts': 'AccessControl, the one door to city data every service goes through',
  'access/actor.ts': 'who is acting, as every service is told',
  'access/http.ts': "the route hook's actor of a request",
  'access/permissions.ts': 'the permission vocabulary',
  'access/roles.ts': 'the roles as bundles of permissions',
  'access/passwords.ts': 'the password policy staff accounts are created under',
  'integrated-addressees/vault.ts': 'the vault: every capability holding a sealed column seals and opens through it',
  'integrated-addressees/sealed-columns.ts': 'the registry every capability holding a sealed column registers it with',
};
const FRONT_DOOR = new Set(['service.ts', 'model.ts', 'operations.ts']);

/**
 * What the screens (web/src) may import from src/ besides a capability's model.ts: pure modules
 * with no I/O, whose words and rules the screens must share with the server, and why.
 */
const SCREEN_SHARED_MODULES: Record<string, string> = {
  'access/permissions.ts': 'the permission vocabulary the navigation and the guards of the screens check',
  'access/roles.ts': 'the roles and their Japanese names',
  'shared/dates.ts': "the city's one calendar (Japan time)",
  'shared/era.ts': '和暦 for dates shown and typed',
  'shared/text.ts': 'the text rules and limits the forms check before sending',
};

/** The src/ modules each screen module imports (value and type imports, re-exports), by path below src/. */
function screenImports(): string[] {
  return sourceFiles(WEB, /\.tsx?$/).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/^\s*(?:import|export)\s(?:[^'";]*?\sfrom\s)?'(\.{1,2}\/[^']+)'/gms)]
      .map((m) => relative(SRC, normalize(join(dirname(file), m[1] ?? ''))).replace(/\.js$/, '.ts'))
      .filter((target) => !target.startsWith('..'))
      .map((target) => `${relative(WEB, file)} -> ${target}`),
  );
}

/** Imports across folders allowed although the target is private, and why. */
const PRIVATE_IMPORTS: Record<string, string> = {
  'access/guard.ts -> audit/repository.ts': "the guard writes the audit entry in the work's own transaction: audit's one choke point",
  'access/guard.ts -> audit/witness.ts': "the guard has the chain's head witnessed outside the database at every commit: audit's one choke point",
};

/**
 * Every table of migrations/ and the one folder whose repository may query it. Tables of
 * capabilities still to come name the folder they will live in.
 */
const TABLE_OWNERS: Record<string, string> = {
  schema_migration: 'db',
  number_sequence: 'db',
  municipality: 'municipality',
  office: 'municipality',
  address_area: 'addressees',
  addressee: 'addressees',
  addressee_history: 'addressees',
  tax_administrator_assignment: 'addressees',
  mail_destination: 'addressees',
  integrated_addressee: 'integrated-addressees',
  individual_number_reveal: 'integrated-addressees',
  provision_record: 'linkage',
  resident_change_import: 'resident-changes',
  resident_change_applied: 'resident-changes',
  resident_change_review: 'resident-changes',
  role: 'access',
  staff_session: 'access',
  auth_challenge: 'access',
  staff: 'staff',
  staff_role: 'staff',
  staff_passkey: 'staff',
  audit_log: 'audit',
  vehicle_class: 'vehicles',
  vehicle: 'vehicles',
  vehicle_deleted: 'vehicles',
  remark: 'vehicles',
  plate_compensation: 'plates',
  plate: 'plates',
  plate_event: 'plates',
  plate_design_series: 'plates',
  other_city_plate: 'plates',
  plate_counter: 'plates',
  declaration_series: 'vehicles',
  declaration_counter: 'vehicles',
  levy: 'assessment',
  payment_management: 'collections',
  reduction: 'reductions',
  certificate_number_counter: 'certificates',
  certificate_issue: 'certificates',
  vehicle_import: 'vehicle-imports',
  vehicle_import_record: 'vehicle-imports',
  assessment_run: 'assessment',
  assessment_notice: 'assessment',
  notice_counter: 'assessment',
};

/** Modules that write other folders' tables, and why. */
const FOREIGN_TABLE_WRITERS: Record<string, string> = {
  'demo/seed.ts': 'bulk-loads the fictional demo city in one transaction, as a fixture, not as a use case',
  'demo/vehicles.ts': "bulk-loads the demo city's forwarded vehicles (kei, two-wheelers), as a fixture; the counter's go through the register's use cases",
  'synthetic/load.ts': 'bulk-loads the fictional full-size city by COPY in one transaction, as a fixture for benchmarks, not as a use case',
};

function migrationTables(): string[] {
  const sqlText = readdirSync(MIGRATIONS)
    .filter((name) => name.endsWith('.sql'))
    .map((name) => readFileSync(join(MIGRATIONS, name), 'utf8'))
    .join('\n');
  return [...sqlText.matchAll(/create table (?:if not exists )?([a-z_]+)/g), ...readFileSync(join(SRC, 'db/migrate.ts'), 'utf8').matchAll(/create table if not exists ([a-z_]+)/g)]
    .map((m) => m[1] ?? '')
    .filter((table, index, all) => all.indexOf(table) === index);
}

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Tables a module queries: Kysely's builders by table name, and table names in raw SQL text. */
function tablesQueriedBy(text: string): string[] {
  const builders = [...text.matchAll(/\b(?:selectFrom|insertInto|updateTable|deleteFrom|mergeInto|innerJoin|leftJoin|rightJoin|fullJoin)\(\s*'([a-zA-Z_]+)/g)].map((m) => snake(m[1] ?? ''));
  const rawSql = [...text.matchAll(/\bsql(?:<[^`]*?>)?`([^`]*)`/g)].flatMap((m) =>
    [...(m[1] ?? '').matchAll(/\b(?:from|into|update|join|table)\s+([a-z_]+)/gi)].map((t) => t[1] ?? ''),
  );
  const tables = new Set(Object.keys(TABLE_OWNERS));
  return [...new Set([...builders, ...rawSql])].filter((table) => tables.has(table));
}

/**
 * Places allowed to open a municipality transaction without AccessControl, and why: none of
 * them reads or writes personal data on behalf of a person.
 */
const DIRECT_DATABASE_ACCESS: Record<string, string> = {
  'access/guard.ts': 'the choke point itself',
  'access/http.ts': 'resolves the session of a request',
  'access/authentication.ts': 'signs in before there is an actor, and audits every attempt itself',
  'cli/program.ts': 'operator commands on the server (migrate, audit verify and checkpoint)',
  'server/start.ts': 'signs audit checkpoints at intervals',
  'demo/seed.ts': 'loads the fictional demo city',
  'synthetic/load.ts': 'loads the fictional full-size city (withBulkLoad)',
  'municipality/service.ts': "the municipality's own name and code are public",
  'system/service.ts': 'counts rows for the status page',
};

describe('architecture', () => {
  it('reaches city data only through AccessControl, except where listed', () => {
    const offenders = [...MODULES.keys()]
      .filter((file) => !file.startsWith('db/') && !(file in DIRECT_DATABASE_ACCESS))
      .filter((file) => /\.(withMunicipality|withoutMunicipality|withBulkLoad)\(|\.owner\b/.test(MODULES.get(file) ?? ''));
    expect(offenders).toEqual([]);
  });

  it('gives every table of migrations/ one owning folder', () => {
    expect(migrationTables().filter((table) => !(table in TABLE_OWNERS))).toEqual([]);
    expect(Object.keys(TABLE_OWNERS).filter((table) => !migrationTables().includes(table))).toEqual([]);
  });

  it("queries a table only from the folder that owns it: other capabilities ask the owner's service", () => {
    const offenders = [...MODULES]
      .filter(([module]) => !(module in FOREIGN_TABLE_WRITERS))
      .flatMap(([module, text]) => tablesQueriedBy(text).filter((table) => TABLE_OWNERS[table] !== folderOf(module)).map((table) => `${module} queries ${table} (owned by ${TABLE_OWNERS[table]}/)`));
    expect(offenders).toEqual([]);
  });

  it('finds the queries it polices (the scan itself works)', () => {
    expect(tablesQueriedBy(`trx.selectFrom('staffSession as s').innerJoin('staff as st', j)`)).toEqual(['staff_session', 'staff']);
    expect(tablesQueriedBy('await sql`insert into number_sequence (a) values (1) on conflict do update set last_value = 2`.execute(trx)')).toEqual(['number_sequence']);
  });

  it("imports another capability only through its front door (service.ts, model.ts, operations.ts), except where listed", () => {
    const offenders = [...MODULES.keys()].flatMap((module) =>
      importsOf(module)
        .filter((target) => folderOf(target) !== folderOf(module))
        .filter((target) => !INFRASTRUCTURE.has(folderOf(target)) && !ENTRY_POINTS.has(folderOf(module)))
        .filter((target) => !FRONT_DOOR.has(target.split('/').at(-1) ?? '') && !(target in PUBLIC_FILES))
        .filter((target) => !(`${module} -> ${target}` in PRIVATE_IMPORTS))
        .map((target) => `${module} -> ${target}`),
    );
    expect(offenders).toEqual([]);
  });

  it("lets the screens import from src/ only a capability's model.ts and the shared pure modules listed", () => {
    const imports = screenImports();
    expect(imports.length).toBeGreaterThan(0);
    const offenders = imports.filter((line) => {
      const target = line.split(' -> ')[1] ?? '';
      return !target.endsWith('/model.ts') && !(target in SCREEN_SHARED_MODULES);
    });
    expect(offenders).toEqual([]);
  });

  it('builds the vault, AccessControl and every service in the composition root only', () => {
    const built = /\bnew (Vault|AccessControl|Authentication|StaffAdministration|AuditReview|[A-Z][A-Za-z]*Service)\(/;
    expect([...MODULES].filter(([module, text]) => module !== 'composition.ts' && built.test(text)).map(([module]) => module)).toEqual([]);
  });

  it('has no import cycles among the modules of src/ (type imports included)', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (module: string, path: string[]) => {
      if (state.get(module) === 'done') return;
      if (state.get(module) === 'visiting') {
        cycles.push([...path.slice(path.indexOf(module)), module].join(' -> '));
        return;
      }
      state.set(module, 'visiting');
      for (const target of importsOf(module)) visit(target, [...path, module]);
      state.set(module, 'done');
    };
    for (const module of MODULES.keys()) visit(module, []);
    expect(cycles).toEqual([]);
  });

  it('opens every module of src/ and web/src/ with its /** @module */ comment, and with only one', () => {
    const screens = sourceFiles(WEB, /\.tsx?$/).map((file) => [relative(WEB, file), readFileSync(file, 'utf8')] as const);
    // After an executable's `#!` line; a comment that speaks of the whole file goes here, not on its first export.
    const opensWithModuleComment = (text: string) => /^(?:#![^\n]*\n)?\/\*\*\s*(?:\* )?@module\s+[^\s*]/.test(text);
    const moduleComments = (text: string) => (text.match(/^(?:\/\*\*| \*) @module\s/gm) ?? []).length;
    const modules = [...MODULES, ...screens];
    expect(modules.filter(([, text]) => !opensWithModuleComment(text)).map(([module]) => module)).toEqual([]);
    expect(modules.filter(([, text]) => moduleComments(text) > 1).map(([module]) => module)).toEqual([]);
    expect(opensWithModuleComment('/**\n * @module Dates.\n */\nimport x from "y";')).toBe(true);
    expect(opensWithModuleComment('#!/usr/bin/env node\n/** @module The executable. */\n')).toBe(true);
    expect(opensWithModuleComment('import x from "y";\n\n/** @module Dates. */\n')).toBe(false);
    expect(opensWithModuleComment('/** The export. */\nexport const x = 1;')).toBe(false);
  });
});
