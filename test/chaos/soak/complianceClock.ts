/**
 * "Zoom's compliance endpoint is down for 9 days" without waiting 9 days. The endpoint answers
 * 503 from before the deauthorization; whenever the notice job is waiting for its next retry,
 * this moves that deauthorization's time forward to the retry: every stored instant of its story
 * (deauthorized_at, received_at, deadline_at, the day-8 check job's start_after) goes back by the
 * wait, and the retry job's start_after becomes now. To the product that is exactly time passing
 * (it reads elapsed time as now − received_at); the retry schedule itself is pg-boss's and the
 * product's, untouched. Once 9 virtual days have passed the endpoint comes back (the fault is
 * removed before the retry is released), and the soak checks the notice went out before day 10,
 * exactly once, and that the day-8 alert fired.
 */
import type pg from 'pg';
import type { ZoomEmulator } from '../../../zoom-emulator/startZoomEmulator.ts';

export const DOWN_FOR_DAYS = 9;
const DAY = 86_400;

export interface ComplianceOutcome {
  deauthorizationId: string;
  zoomUserId: string | null;
  status: string;
  /** Virtual days from receiving the deauthorization to the notice going out. */
  sentOnDay: number | null;
  attempts: number;
  alertFired: boolean;
  noticesAtZoom: number;
  /** Virtual seconds this soak moved the deauthorization's clock. */
  shiftedSeconds: number;
}

export class ComplianceClock {
  readonly #pool: pg.Pool;
  readonly #emulator: ZoomEmulator;
  #faultId: number | undefined;
  readonly #shifted = new Map<string, number>();
  readonly #zoomUsers = new Map<string, string>();
  #timer: NodeJS.Timeout | undefined;
  #ticking = false;
  lastError: string | undefined;

  constructor(pool: pg.Pool, emulator: ZoomEmulator) {
    this.#pool = pool;
    this.#emulator = emulator;
  }

  /** The endpoint goes down (before the deauthorization, so the first attempt already fails). */
  startOutage(): void {
    this.#faultId = this.#emulator.control.addFault({
      operation: 'oauth.data_compliance',
      kind: 'status',
      status: 503,
      rate: 1,
    });
  }

  get endpointDown(): boolean {
    return this.#faultId !== undefined;
  }

  run(): void {
    this.#timer = setInterval(() => void this.tick(), 500);
  }

  stop(): void {
    clearInterval(this.#timer);
  }

  async tick(): Promise<void> {
    if (this.#ticking) return;
    this.#ticking = true;
    try {
      const { rows } = await this.#pool.query<{ id: string; zoom_user_id: string | null; elapsed: number }>(
        `SELECT id, zoom_user_id, extract(epoch FROM now() - received_at)::float8 AS elapsed FROM zoom_deauthorizations WHERE notice_status = 'pending'`,
      );
      for (const row of rows) {
        if (row.zoom_user_id) this.#zoomUsers.set(row.id, row.zoom_user_id);
        await this.#advance(row.id, row.elapsed);
      }
    } catch (error) {
      this.lastError = (error as Error).message;
    } finally {
      this.#ticking = false;
    }
  }

  #endOutageIfDue(elapsedSeconds: number): void {
    if (this.#faultId !== undefined && elapsedSeconds >= DOWN_FOR_DAYS * DAY) {
      this.#emulator.control.removeFault(this.#faultId);
      this.#faultId = undefined;
    }
  }

  async #advance(id: string, elapsed: number): Promise<void> {
    this.#endOutageIfDue(elapsed);
    const client = await this.#pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ id: string; wait: number }>(
        `SELECT id, extract(epoch FROM start_after - now())::float8 AS wait FROM pgboss.job
          WHERE name = 'zoom.send-compliance-notice' AND data->>'deauthorizationId' = $1 AND state IN ('created', 'retry')
          ORDER BY created_on DESC LIMIT 1 FOR UPDATE`,
        [id],
      );
      const job = rows[0];
      if (!job || job.wait <= 0.5) {
        await client.query('ROLLBACK');
        return;
      }
      const shift = job.wait;
      await client.query(
        `UPDATE zoom_deauthorizations SET received_at = received_at - make_interval(secs => $2), deauthorized_at = deauthorized_at - make_interval(secs => $2), deadline_at = deadline_at - make_interval(secs => $2) WHERE id = $1`,
        [id, shift],
      );
      await client.query(
        `UPDATE pgboss.job SET start_after = start_after - make_interval(secs => $2)
          WHERE name = 'zoom.check-compliance-deadline' AND data->>'deauthorizationId' = $1 AND state IN ('created', 'retry')`,
        [id, shift],
      );
      await client.query(`UPDATE pgboss.job SET start_after = now() WHERE id = $1`, [job.id]);
      // The endpoint is back before the retry can run, if that retry falls after day 9.
      this.#endOutageIfDue(elapsed + shift);
      await client.query('COMMIT');
      this.#shifted.set(id, (this.#shifted.get(id) ?? 0) + shift);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    } finally {
      client.release();
    }
  }

  /** True once every deauthorization's notice is settled (sent or skipped). */
  async settled(): Promise<boolean> {
    const { rows } = await this.#pool.query(
      `SELECT 1 FROM zoom_deauthorizations WHERE notice_status = 'pending' LIMIT 1`,
    );
    return rows.length === 0;
  }

  async outcomes(): Promise<ComplianceOutcome[]> {
    const { rows } = await this.#pool.query<{
      id: string;
      notice_status: string;
      sent_day: number | null;
      notice_attempts: number;
      alerted: boolean;
    }>(
      `SELECT id, notice_status, extract(epoch FROM notice_sent_at - received_at)::float8 / 86400 AS sent_day, notice_attempts, alerted_at IS NOT NULL AS alerted
         FROM zoom_deauthorizations ORDER BY received_at`,
    );
    const notices = this.#emulator.control.complianceNotices();
    return rows.map((row) => {
      const zoomUserId = this.#zoomUsers.get(row.id) ?? null;
      return {
        deauthorizationId: row.id,
        zoomUserId,
        status: row.notice_status,
        sentOnDay: row.sent_day === null ? null : Math.round(row.sent_day * 100) / 100,
        // notice_attempts counts the failed ones; the one that went out is one more.
        attempts: row.notice_attempts + (row.notice_status === 'sent' ? 1 : 0),
        alertFired: row.alerted,
        noticesAtZoom: notices.filter((n) => n.body['user_id'] === zoomUserId).length,
        shiftedSeconds: Math.round(this.#shifted.get(row.id) ?? 0),
      };
    });
  }
}
