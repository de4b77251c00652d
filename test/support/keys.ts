import { generateKeyMaterial } from '../../src/keys/keys.js';

const material = generateKeyMaterial();

/** Environment giving a test process its own audit keys (fresh per process, never written to disk). */
export const TEST_KEY_ENV = {
  KEITAX_AUDIT_HMAC_KEY: material.auditHmacKey,
  KEITAX_AUDIT_SIGNING_KEY: material.auditSigningKey,
};
