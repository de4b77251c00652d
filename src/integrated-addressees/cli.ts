/**
 * @module The `keitax keys rotate` command: re-sealing the vault's columns under the current key.
 */
import { Option, type Command } from 'commander';
import { commandLineActor } from '../access/actor.js';
import { withCommandContext } from '../cli/context.js';
import { compose } from '../composition.js';
import { addVaultKeyToDataDir, loadKeys } from '../keys/keys.js';
import type { Terminal } from '../cli/terminal.js';

/**
 * `keitax keys rotate`: re-seals every sealed column the composition root registers (individual
 * numbers and provision codes, the numbers of queued resident changes, those of later
 * capabilities) under the current vault key, a batch per audited transaction, so an interrupted
 * run loses nothing and a second run finishes the job.
 */
export function registerKeyRotation(keys: Command, terminal: Terminal): void {
  keys
    .command('rotate')
    .description('すべての個人番号を現在の保管鍵(KEITAX_VAULT_KEYS の先頭)で暗号化し直す')
    .addOption(new Option('--new-key', '組み込み構成: 先に新しい保管鍵を keys.json へ加える(それが現在の鍵になる)').default(false))
    .addOption(new Option('--batch-size <rows>', '1トランザクションあたりの行数').argParser(Number).default(500))
    .action((options: { newKey: boolean; batchSize: number }) =>
      withCommandContext(terminal, async (context) => {
        const { config } = context;
        // The context was built before the new key was added: build it again from the keys as they are now.
        if (options.newKey) terminal.print(`added vault key ${addVaultKeyToDataDir(config)} to ${config.dataDir}/keys.json`);
        const { sealedColumnOwners, vault } = options.newKey ? compose({ ...context, keys: loadKeys(config).keys }) : context;
        const actor = commandLineActor(config.municipalityCode, ['addressee.individualNumber.rekey']);
        let batches = 0;
        const counts: string[] = [];
        for (const owner of sealedColumnOwners) {
          let values = 0;
          for (;;) {
            const done = await owner.resealBatch(actor, options.batchSize);
            batches++;
            values += done;
            if (done === 0) break;
          }
          counts.push(`${values} ${owner.sealedValues}`);
        }
        terminal.print(`re-sealed under key ${vault.currentKeyId}: ${counts.join(', ')} (${batches} transactions)`);
        terminal.print('no value is sealed under an older key any more: older keys may be removed from the configuration');
      }),
    );
}
