/**
 * @module A municipality's own values live in `<dir>/<municipalityCode>.yaml`, readable without the
 * database (the CLI runs beside a server that holds the embedded database open).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { TaxInputError } from './model.js';
import { RuleBook, validateOverrides, type MunicipalOverrides } from './rulebook.js';

export function overridesFile(dir: string, municipalityCode: string): string {
  return join(dir, `${municipalityCode}.yaml`);
}

/** An override file that does not hold: the file, and each field with what is wrong. */
export class OverrideFileError extends Error {
  constructor(
    readonly file: string,
    readonly errors: { field: string; message: string }[],
  ) {
    super(`${file} の税額計算設定に誤りがあります。\n${errors.map((e) => `  ${e.field}: ${e.message}`).join('\n')}`);
  }
}

/** The municipality's overrides, or undefined when it has no file (national values apply). */
export function loadOverrides(dir: string, municipalityCode: string): MunicipalOverrides | undefined {
  const file = overridesFile(dir, municipalityCode);
  return existsSync(file) ? readOverrideFile(file, municipalityCode) : undefined;
}

export function loadRuleBook(dir: string, municipalityCode: string): RuleBook {
  return new RuleBook(loadOverrides(dir, municipalityCode));
}

function readOverrideFile(file: string, municipalityCode: string): MunicipalOverrides {
  let data: unknown;
  try {
    data = parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new OverrideFileError(file, [{ field: '(YAML)', message: `YAMLとして読めません: ${error instanceof Error ? error.message : String(error)}` }]);
  }
  try {
    return validateOverrides(data, municipalityCode);
  } catch (error) {
    if (error instanceof TaxInputError) throw new OverrideFileError(file, error.errors);
    throw error;
  }
}

/** Checks every `<code>.yaml` in `dir` (`keitax tax overrides check`): the files and their errors. */
export function checkOverridesDir(dir: string): { file: string; error?: OverrideFileError }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => name.endsWith('.yaml') || name.endsWith('.yml'))
    .sort()
    .map((name) => {
      const file = join(dir, name);
      const code = name.replace(/\.ya?ml$/, '');
      try {
        readOverrideFile(file, code);
        return { file };
      } catch (error) {
        if (error instanceof OverrideFileError) return { file, error };
        throw error;
      }
    });
}
