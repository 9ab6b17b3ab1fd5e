/**
 * Re-seals every sealed value with the vault's current (first) key, row by row under a row lock
 * so a concurrent refresh is never overwritten. After it, the old keys can be removed from
 * `TOKEN_ENCRYPTION_KEYS`.
 */
import { eq } from '../../db/orm.ts';
import type { Db } from '../../db/client.ts';
import { zoomConnections, zoomOauthStates } from '../../db/schema.ts';
import type { TokenVault } from './tokenVault.ts';
import { tokenAad, verifierAad } from './zoomIntegration.ts';

export interface ResealReport {
  rows: number;
  resealed: number;
  alreadyCurrent: number;
  failed: { table: string; id: string; reason: string }[];
}

export async function resealTokens(
  db: Db,
  vault: TokenVault,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<ResealReport> {
  const report: ResealReport = { rows: 0, resealed: 0, alreadyCurrent: 0, failed: [] };
  const connectionIds = (await db.select({ id: zoomConnections.userId }).from(zoomConnections)).map((r) => r.id);
  const stateIds = (await db.select({ id: zoomOauthStates.stateHash }).from(zoomOauthStates)).map((r) => r.id);
  const total = connectionIds.length + stateIds.length;
  const reseal = (sealed: string, aad: string) =>
    vault.keyIdOf(sealed) === vault.currentKeyId ? sealed : vault.seal(vault.open(sealed, aad), aad);

  for (const userId of connectionIds) {
    report.rows++;
    try {
      await db.transaction(async (tx) => {
        const [row] = await tx.select().from(zoomConnections).where(eq(zoomConnections.userId, userId)).for('update');
        if (!row?.accessTokenSealed || !row.refreshTokenSealed) return void report.alreadyCurrent++;
        const access = reseal(row.accessTokenSealed, tokenAad(userId, 'access_token'));
        const refresh = reseal(row.refreshTokenSealed, tokenAad(userId, 'refresh_token'));
        if (access === row.accessTokenSealed && refresh === row.refreshTokenSealed) return void report.alreadyCurrent++;
        await tx
          .update(zoomConnections)
          .set({ accessTokenSealed: access, refreshTokenSealed: refresh })
          .where(eq(zoomConnections.userId, userId));
        report.resealed++;
      });
    } catch (error) {
      report.failed.push({
        table: 'zoom_connections',
        id: userId,
        reason: (error as { code?: string }).code ?? String(error),
      });
    }
    onProgress(report.rows, total);
  }
  for (const stateHash of stateIds) {
    report.rows++;
    try {
      const [row] = await db.select().from(zoomOauthStates).where(eq(zoomOauthStates.stateHash, stateHash));
      if (row) {
        const sealed = reseal(row.codeVerifierSealed, verifierAad(stateHash));
        if (sealed === row.codeVerifierSealed) report.alreadyCurrent++;
        else {
          await db
            .update(zoomOauthStates)
            .set({ codeVerifierSealed: sealed })
            .where(eq(zoomOauthStates.stateHash, stateHash));
          report.resealed++;
        }
      }
    } catch (error) {
      report.failed.push({
        table: 'zoom_oauth_states',
        id: stateHash.slice(0, 12),
        reason: (error as { code?: string }).code ?? String(error),
      });
    }
    onProgress(report.rows, total);
  }
  return report;
}
