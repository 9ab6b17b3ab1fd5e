/**
 * An SMTP server on loopback that accepts and counts every message, for app processes started
 * outside emulator mode (they refuse to start without SMTP_URL, SPEC §8).
 */
import { once } from 'node:events';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  url: string;
  received: number;
  close(): Promise<void>;
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const sink = { url: '', received: 0, close: async () => {} };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      stream.resume();
      stream.on('end', () => {
        sink.received++;
        callback();
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  sink.url = `smtp://127.0.0.1:${(server.server.address() as { port: number }).port}`;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}
