/**
 * The soak's load balancer: one public URL (APP_BASE_URL, the Zoom redirect and webhook target)
 * in front of the `ROLE=web` processes, as in the README's deployment. A request goes round-robin
 * to a web process; when its port refuses the connection (the process is dead or restarting) the
 * request never reached an app, so it is safely tried on another, waiting while none is up. A
 * process that dies mid-request answers 502 — the caller cannot know whether it took effect.
 */
import { request as httpRequest, createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { once } from 'node:events';

export interface Balancer {
  url: string;
  port: number;
  /** Ports of the web processes (kept while a process restarts on the same port). */
  backends: number[];
  stats: { forwarded: number; refusedThenRetried: number; badGateway: number };
  close(): Promise<void>;
}

const WAIT_FOR_A_BACKEND_MS = 120_000;

function forward(
  port: number,
  req: IncomingMessage,
  body: Buffer,
): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer } | 'refused'> {
  return new Promise((resolve, reject) => {
    const upstream = httpRequest(
      { host: '127.0.0.1', port, method: req.method, path: req.url, headers: { ...req.headers, connection: 'close' } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    upstream.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNREFUSED' ? resolve('refused') : reject(error),
    );
    upstream.end(body);
  });
}

export async function startBalancer(): Promise<Balancer> {
  const balancer: Balancer = {
    url: '',
    port: 0,
    backends: [],
    stats: { forwarded: 0, refusedThenRetried: 0, badGateway: 0 },
    close: async () => {},
  };
  let next = 0;
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const deadline = Date.now() + WAIT_FOR_A_BACKEND_MS;
      try {
        for (;;) {
          const port = balancer.backends[next++ % Math.max(1, balancer.backends.length)];
          const answer = port === undefined ? 'refused' : await forward(port, req, body);
          if (answer !== 'refused') {
            balancer.stats.forwarded++;
            const headers = { ...answer.headers };
            delete headers['transfer-encoding'];
            delete headers.connection;
            res.writeHead(answer.status, headers);
            res.end(answer.body);
            return;
          }
          balancer.stats.refusedThenRetried++;
          if (Date.now() > deadline) throw new Error('no web process accepted the connection');
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      } catch (error) {
        balancer.stats.badGateway++;
        if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ error: { code: 'bad_gateway', message: (error as Error).message } }));
      }
    });
  });
  server.keepAliveTimeout = 1000;
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  balancer.port = (server.address() as { port: number }).port;
  balancer.url = `http://127.0.0.1:${balancer.port}`;
  balancer.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return balancer;
}
