import { Vault } from '../../src/integrated-addressees/vault.js';
import { generateKeyMaterial, keyEnvironment, parseVaultKeys } from '../../src/keys/keys.js';

const material = generateKeyMaterial();

/** Environment giving a test process its own keys (fresh per process, never written to disk). */
export const TEST_KEY_ENV = keyEnvironment(material);

/** The vault of those keys, for code that seals without an app (the demo city). */
export const TEST_VAULT = new Vault(parseVaultKeys(material));
