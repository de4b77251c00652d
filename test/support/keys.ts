import { generateKeyMaterial, keyEnvironment } from '../../src/keys/keys.js';

/** Environment giving a test process its own keys (fresh per process, never written to disk). */
export const TEST_KEY_ENV = keyEnvironment(generateKeyMaterial());
