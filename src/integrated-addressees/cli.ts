import { Option, type Command } from 'commander';
import { commandLineActor } from '../access/actor.js';
import { AccessControl } from '../access/guard.js';
import { withCommandContext } from '../cli/context.js';
import { addVaultKeyToDataDir, loadKeys } from '../keys/keys.js';
import { ResidentChangeService } from '../resident-changes/service.js';
import { IntegratedAddresseeService } from './service.js';
import { Vault } from './vault.js';

/**
 * `keitax keys rotate`: re-seals every individual number and provision code (and the numbers of
 * queued resident changes) under the current vault key, a batch per audited transaction, so an
 * interrupted run loses nothing and a second run finishes the job.
 */
export function registerKeyRotation(keys: Command): void {
  keys
    .command('rotate')
    .description('すべての個人番号を現在の保管鍵(KEITAX_VAULT_KEYS の先頭)で暗号化し直す')
    .addOption(new Option('--new-key', '組み込み構成: 先に新しい保管鍵を keys.json へ加える(それが現在の鍵になる)').default(false))
    .addOption(new Option('--batch-size <rows>', '1トランザクションあたりの行数').argParser(Number).default(500))
    .action((options: { newKey: boolean; batchSize: number }) =>
      withCommandContext(async ({ db, config }) => {
        // The context loaded the keys before the new one was added: load them again.
        if (options.newKey) console.log(`added vault key ${addVaultKeyToDataDir(config)} to ${config.dataDir}/keys.json`);
        const keys = loadKeys(config).keys;
        const vault = new Vault(keys.vault);
        const access = new AccessControl(db, keys);
        const actor = commandLineActor(config.municipalityCode, ['addressee.individualNumber.rekey']);
        const integrated = new IntegratedAddresseeService(access, vault, config.reveal.reauthMinutes);
        const residentChanges = new ResidentChangeService(access, vault);
        const counts = { integrated: 0, queued: 0, batches: 0 };
        for (const [name, batch] of [
          ['integrated', (n: number) => integrated.resealBatch(actor, n)],
          ['queued', (n: number) => residentChanges.resealBatch(actor, n)],
        ] as const) {
          for (;;) {
            const done = await batch(options.batchSize);
            counts.batches++;
            counts[name] += done;
            if (done === 0) break;
          }
        }
        console.log(`re-sealed under key ${vault.currentKeyId}: ${counts.integrated} individual numbers and provision codes, ${counts.queued} numbers of queued resident changes (${counts.batches} transactions)`);
        console.log('no value is sealed under an older key any more: older keys may be removed from the configuration');
      }),
    );
}
