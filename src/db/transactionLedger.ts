/**
 * What a transaction (src/db/postgres.ts, src/db/pglite.ts) knows of its statements: every
 * statement issued through it, whether awaited by its caller or not, is checked before the
 * transaction reports success; a joined write (a library's `executeSql`) holds COMMIT until its
 * one statement has been sent; nothing is issued once the transaction is ending. These rules live
 * here and nowhere else: the code that uses a transaction cannot get them wrong by choosing.
 */

/** A write that broke the transaction's rules (a programming error, reported loudly). */
export class TransactionUseError extends Error {
  readonly code = 'transaction_misuse';
}

/** PostgreSQL answered the COMMIT with a rollback (an earlier failure the caller swallowed). */
export class TransactionRolledBackError extends Error {
  readonly code = 'transaction_rolled_back';
  constructor(options?: { cause?: unknown }) {
    super('the transaction was rolled back: one of its statements failed', options);
  }
}

/** The `executeSql` adapter a library writes through (pg-boss's documented `db` option). */
export interface SqlAdapter {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

const ignore = () => {};

/** Whether `error` is PostgreSQL's error `sqlState`, as a driver raises it or a wrapper carries it. */
export function isSqlState(error: unknown, sqlState: string): boolean {
  const code = (value: unknown) => (value as { code?: unknown } | null)?.code;
  return code(error) === sqlState || code((error as { cause?: unknown } | null)?.cause) === sqlState;
}

/**
 * A failure that only follows an earlier one in the same transaction: "current transaction is
 * aborted" (25P02), or "prepared statement does not exist" (26000) — a named statement first
 * used on its connection in that transaction, whose Parse was refused as aborted while its next
 * use was already on the wire without one.
 */
export const followsEarlierFailure = (error: unknown) => isSqlState(error, '25P02') || isSqlState(error, '26000');

/** The database error itself, where a wrapper (drizzle on PGlite) carries it as its cause. */
export function databaseErrorOf(error: unknown): { code?: string; detail?: string } | undefined {
  const own = error as { code?: unknown; cause?: unknown } | null;
  if (typeof own?.code === 'string') return own as { code: string; detail?: string };
  const cause = own?.cause as { code?: unknown } | undefined;
  return typeof cause?.code === 'string' ? (cause as { code: string; detail?: string }) : undefined;
}

/** `sent`, with a refusal of the database turned into the domain's error (`RunOptions.refusal`). */
export function withRefusal<T>(sent: Promise<T>, refusal: ((error: unknown) => Error | undefined) | undefined) {
  return refusal ? sent.catch((error: unknown) => Promise.reject(refusal(error) ?? error)) : sent;
}

/** The first failure among `outcomes` that does not merely follow an earlier one, if any. */
export function firstRealFailure(outcomes: PromiseSettledResult<unknown>[]): unknown {
  for (const outcome of outcomes) {
    if (outcome.status === 'rejected' && !followsEarlierFailure(outcome.reason)) return outcome.reason;
  }
  const first = outcomes.find((outcome) => outcome.status === 'rejected');
  return first && (first as PromiseRejectedResult).reason;
}

export class TransactionLedger {
  #state: 'open' | 'ending' | 'closed' = 'open';
  readonly #tracked: Promise<unknown>[] = [];
  readonly #ours = new WeakSet<Promise<unknown>>();
  #holds = 0;
  #released?: (() => void) | undefined;
  /** A joined write refused before its statement was sent: the transaction must not commit. */
  #refused: { error: unknown } | undefined;

  /** Throws unless new statements may be issued. */
  assertOpen(): void {
    if (this.#state !== 'open') {
      throw new TransactionUseError('a statement was issued after its transaction had ended (await it inside)');
    }
  }

  /** Takes a statement just issued into the transaction's account. */
  track<T>(issued: Promise<T>): Promise<T> {
    issued.catch(ignore);
    this.#tracked.push(issued);
    this.#ours.add(issued);
    return issued;
  }

  /** Checks that each write was issued through this transaction (`Tx.atCommit`'s rule). */
  acceptAtCommit(writes: Promise<unknown>[]): void {
    for (const write of writes) {
      if (!this.#ours.has(write)) {
        throw new TransactionUseError(
          'atCommit takes only writes issued through the same transaction (run, query, or a joined write)',
        );
      }
    }
  }

  /**
   * Joins a library's write: `write` gets an adapter whose one `executeSql` call is sent through
   * `send` (tracked). Until that call, COMMIT waits; a write that settles without exactly one
   * statement fails, and the transaction with it.
   */
  join<T>(
    write: (adapter: SqlAdapter) => Promise<T>,
    send: (text: string, values: unknown[]) => Promise<{ rows: unknown[] }>,
  ): Promise<T> {
    this.assertOpen();
    const release = this.#hold();
    let statements = 0;
    const adapter: SqlAdapter = {
      executeSql: (text, values = []) => {
        statements++;
        if (statements > 1 || this.#state === 'closed') {
          const error = new TransactionUseError('a joined write must be exactly one statement, sent before COMMIT');
          release(error);
          return Promise.reject(error);
        }
        try {
          const sent = send(text, values);
          release();
          return sent;
        } catch (error) {
          release(error);
          throw error;
        }
      },
    };
    let outcome: Promise<T>;
    try {
      outcome = write(adapter);
    } catch (error) {
      outcome = Promise.reject(error);
    }
    const checked = outcome.then(
      (value) => {
        if (statements !== 1) {
          const error = new TransactionUseError(`a joined write must be exactly one statement; it made ${statements}`);
          release(error);
          throw error;
        }
        return value;
      },
      (error: unknown) => {
        release(error);
        throw error;
      },
    );
    return this.track(checked);
  }

  #hold(): (refusal?: unknown) => void {
    this.#holds++;
    let done = false;
    return (refusal?: unknown) => {
      if (done) return;
      done = true;
      if (refusal !== undefined) this.#refused ??= { error: refusal };
      this.#holds--;
      if (this.#holds === 0) this.#released?.();
    };
  }

  /**
   * Ends the issuing of new statements and waits until every joined write has sent its statement
   * (or been refused). Returns the refusal, if one came before its statement was sent.
   */
  async finish(): Promise<{ error: unknown } | undefined> {
    if (this.#state === 'open') this.#state = 'ending';
    while (this.#holds > 0) await new Promise<void>((resolve) => (this.#released = resolve));
    this.#state = 'closed';
    return this.#refused;
  }

  /** Every statement's outcome (with `also` after them), once all have settled. */
  settle(also: Promise<unknown>[] = []): Promise<PromiseSettledResult<unknown>[]> {
    return Promise.allSettled([...this.#tracked, ...also]);
  }
}
