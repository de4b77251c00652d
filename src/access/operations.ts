/**
 * @module Each operation's permission, written once: an operation spec names what
 * `AccessControl.run` records and checks, and a route serving the operation declares its access
 * from the same spec (`routeAccess`), so the two cannot drift apart. Each capability lists its
 * operations in its operations.ts; docs/permissions.md is generated from them.
 */
import { requiredPermissions, type Permission, type RouteAccess } from './permissions.js';

export interface OperationSpec {
  /** The operation's name in the audit log. */
  operation: string;
  /** What the actor must hold; checked before anything is read. */
  permission: Permission;
  /** Further permissions the actor must also hold (an export needs `data.export` and the read). */
  alsoRequires?: Permission[];
}

/** A capability's operations, keyed by their names. */
export function defineOperations<Name extends string>(specs: Record<Name, Omit<OperationSpec, 'operation'>>): Record<Name, OperationSpec> {
  return Object.fromEntries(Object.entries<Omit<OperationSpec, 'operation'>>(specs).map(([operation, spec]) => [operation, { operation, ...spec }])) as Record<Name, OperationSpec>;
}

/** Every permission an operation needs, as a route declares it. */
export function accessOf(spec: OperationSpec): RouteAccess {
  return spec.alsoRequires?.length ? [spec.permission, ...spec.alsoRequires] : spec.permission;
}

/**
 * What a route serving these operations declares (`config`): the access they need — the same
 * for all of them, or the route could not be checked before its handler runs — and their names.
 */
export function routeAccess(...specs: [OperationSpec, ...OperationSpec[]]): { permission: RouteAccess; operations: string[] } {
  const [first] = specs;
  const needs = (spec: OperationSpec) => requiredPermissions(accessOf(spec)).join('+');
  const differing = specs.find((spec) => needs(spec) !== needs(first));
  if (differing) throw new Error(`operations ${first.operation} and ${differing.operation} need different permissions: serve them on different routes`);
  return { permission: accessOf(first), operations: specs.map((spec) => spec.operation) };
}
