/** @module The API's published contract (OpenAPI), held whole: a change to any route's path, summary, permission, parameter, bound, message or response shows as a diff to review. */
import { expect, it } from 'vitest';
import { appPerSuite, type TestApp } from '../support/app.js';

let t: TestApp;
appPerSuite((app) => {
  t = app;
});

it('publishes the OpenAPI document the clients and the auditors read, unchanged unless reviewed', async () => {
  const spec: unknown = (await t.app.inject('/api/docs/json')).json();
  // After a deliberate change to the API: npx vitest run test/server/openapi-contract.test.ts -u, and review the diff.
  await expect(`${JSON.stringify(spec, null, 2)}\n`).toMatchFileSnapshot('./__snapshots__/openapi.json');
});
