/**
 * An SMTP server on loopback that accepts and counts every message, for app processes started
 * outside emulator mode (they refuse to start without SMTP_URL, docs/product.md §8).
 */
import { once } from 'node:events';
import { SMTPServer } from 'smtp-server';

export interface SmtpSink {
  url: string;
  received: number;
  /**
   * Every message: its recipients, its source with quoted-printable undone (enough to read links),
   * its bytes as sent (latin1: one character per byte, for a reader that decodes by charset), when it arrived (ms).
   */
  messages: { to: string[]; source: string; raw: string; at: number }[];
  close(): Promise<void>;
}

/** Undoes quoted-printable encoding (RFC 2045 §6.7), enough to read links out of a message. */
function decodeQuotedPrintable(raw: string): string {
  return raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export async function startSmtpSink(): Promise<SmtpSink> {
  const sink: SmtpSink = { url: '', received: 0, messages: [], close: async () => {} };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    // The app under test keeps pooled connections open; on close, end them at once rather than
    // wait the default 30 s for them to go.
    closeTimeout: 100,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        sink.received++;
        const bytes = Buffer.concat(chunks);
        sink.messages.push({
          to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
          source: decodeQuotedPrintable(bytes.toString('utf8')),
          raw: bytes.toString('latin1'),
          at: Date.now(),
        });
        callback();
      });
    },
  });
  // The app keeps pooled SMTP connections open; one whose process is killed (the chaos suites)
  // resets its socket. A mail server carries on, and so does this one.
  server.on('error', () => {});
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  sink.url = `smtp://127.0.0.1:${(server.server.address() as { port: number }).port}`;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}
