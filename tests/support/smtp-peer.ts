import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';

/** One message the peer accepted: the SMTP envelope and the parsed MIME message. */
export interface ReceivedEmail {
  envelope: { mailFrom: string | null; rcptTo: string[] };
  from: { name: string; address: string } | null;
  to: string[];
  subject: string;
  text: string;
  html: string;
}

export interface SmtpPeer {
  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  url: string;
  port: number;
  /** Accepted messages, oldest first. */
  received: ReceivedEmail[];
  /** Recipients (lower-case) the peer refuses at RCPT TO with `550 Mailbox unavailable`. */
  rejecting: Set<string>;
  /** The recipients refused so far. */
  refused: string[];
  /** Holds every message at the end of DATA (the sender waits, nothing is received) until the returned function is called. */
  hold: () => () => void;
  close: () => Promise<void>;
}

/**
 * A real SMTP server on loopback that accepts mail without authentication and keeps what it receives.
 * STARTTLS is not offered, so clients (nodemailer) speak plain SMTP to it, as to a local relay.
 */
export async function startSmtpPeer(): Promise<SmtpPeer> {
  const received: ReceivedEmail[] = [];
  const rejecting = new Set<string>();
  const refused: string[] = [];
  let held: Promise<void> = Promise.resolve();
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (!rejecting.has(address.address.toLowerCase())) return callback();
      refused.push(address.address);
      callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        held.then(() => PostalMime.parse(Buffer.concat(chunks))).then(
          (email) => {
            const from = email.from && !email.from.group ? { name: email.from.name, address: email.from.address } : null;
            received.push({
              envelope: { mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : null, rcptTo: session.envelope.rcptTo.map((rcpt) => rcpt.address) },
              from,
              to: (email.to ?? []).flatMap((address) => (address.group ? address.group.map((member) => member.address) : [address.address])),
              subject: email.subject ?? '',
              text: email.text ?? '',
              html: email.html ?? '',
            });
            callback();
          },
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.server.address();
      if (address && typeof address === 'object') resolve(address.port);
      else reject(new Error('SMTP peer has no port'));
    });
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    received,
    rejecting,
    refused,
    hold: () => {
      let release!: () => void;
      held = new Promise<void>((resolve) => (release = resolve));
      return release;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
