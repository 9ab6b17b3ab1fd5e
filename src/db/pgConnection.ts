/**
 * The PostgreSQL connections of `openPostgres` (src/db/client.ts): statements with parameters run
 * as named prepared statements of their connection, a statement that cannot be sent is refused
 * before anything of it is written (and counted), and what a connection writes within one turn of
 * the event loop goes out as one write.
 */
import { Socket } from 'node:net';
import pg from 'pg';
// @ts-expect-error node-postgres's value conversion has no type declarations
import { prepareValue as toWireValue } from 'pg/lib/utils.js';

/**
 * The most distinct statements kept prepared (per process; each connection prepares one on its
 * first use). Statements whose text varies with their input (a list of n values) stop being named
 * at the cap and run as before.
 */
const MAX_NAMED_STATEMENTS = 400;
const statementNames = new Map<string, string>();

/**
 * A node-postgres client that runs each statement with parameters as a named prepared statement
 * of its connection: PostgreSQL parses it once per connection instead of on every run, and plans
 * it once when a generic plan costs no more (plan_cache_mode auto). Measured with statement logging
 * (issue 12, docs/performance.md): parsing and planning were 605 of the 825 ms the server spent on
 * 100 bookings' statements with parameters. The results are the same statements' results.
 */
export class StatementCachingClient extends pg.Client {
  /** Statements node-postgres could not send (refused while writing them): see `pipelineBegin` in client.ts. */
  unsent = 0;
}
/** node-postgres's queues, to tell whether a statement was sent (pipeline mode). */
type PipelineQueues = { _queryQueue: unknown[]; _sentQueryQueue: unknown[]; _activeQuery: unknown };
const plainQuery = pg.Client.prototype.query;
StatementCachingClient.prototype.query = function (
  this: StatementCachingClient,
  config: unknown,
  values?: unknown,
  callback?: unknown,
) {
  const text = (config as { text?: unknown } | null)?.text;
  const queryObject = typeof (config as { submit?: unknown } | null)?.submit === 'function';
  if (
    typeof text === 'string' &&
    !queryObject &&
    Array.isArray(values) &&
    values.length > 0 &&
    (config as { name?: unknown }).name === undefined
  ) {
    let name = statementNames.get(text);
    if (name === undefined && statementNames.size < MAX_NAMED_STATEMENTS) {
      name = `s${statementNames.size + 1}`;
      statementNames.set(text, name);
    }
    if (name !== undefined) config = { ...(config as object), name };
  }
  if (Array.isArray(values) && values.length > 0) {
    // The values are made wire text here, before anything is written: node-postgres, when one
    // fails to convert half-way through writing a statement, closes the statement's name on the
    // connection (which another statement of the same text prepared and still counts on) and
    // sends the rest anyway. A value that cannot be written now refuses the statement unsent.
    try {
      values = values.map(toWireValue);
    } catch (error) {
      this.unsent++;
      if (typeof callback === 'function') {
        process.nextTick(() => (callback as (error: unknown) => void)(error));
        return undefined;
      }
      return Promise.reject(error);
    }
  }
  // In pipeline mode a statement is written when issued, or refused there (its promise then
  // rejects on the next tick): it is then neither waiting, nor sent, nor the active one.
  const queues = this as unknown as PipelineQueues;
  const [sent, active] = [queues._sentQueryQueue.length, queues._activeQuery];
  try {
    return (plainQuery as (...args: unknown[]) => unknown).call(this, config, values, callback);
  } finally {
    // (A statement that threw while being written is counted here too.)
    if (
      this.pipeline &&
      queues._queryQueue.length === 0 &&
      queues._sentQueryQueue.length === sent &&
      queues._activeQuery === active
    )
      this.unsent++;
  }
} as typeof plainQuery;

/**
 * A connection socket that sends what is written to it within one turn of the event loop as one
 * write. node-postgres writes each statement on its own; statements issued together (pipeline
 * mode) then share one system call. On loopback each write's system call also carries waking
 * PostgreSQL (issue 12, docs/performance.md: 918 → 786 ms of writes over 200 bookings' profile).
 */
export function socketWritingOncePerTick(): Socket {
  const socket = new Socket();
  let corked = false;
  const uncork = () => {
    corked = false;
    socket.uncork();
  };
  // net.Socket sets its own `write` when it connects and when its peer ends (to refuse writes
  // after FIN): those become the write this one calls, so it stays in front of them.
  let target = socket.write;
  function write(this: Socket, ...args: unknown[]): boolean {
    if (!corked) {
      corked = true;
      socket.cork();
      process.nextTick(uncork);
    }
    return (target as (...a: unknown[]) => boolean).apply(this, args);
  }
  Object.defineProperty(socket, 'write', {
    configurable: true,
    get: () => write,
    set: (replacement: Socket['write']) => (target = replacement),
  });
  return socket;
}
