/**
 * Virus scanning. With CLAMAV_HOST set, each file is streamed to clamd with its INSTREAM command (the
 * protocol is four lines, so no client library); without it, files are recorded as not scanned.
 */
import net from 'node:net';

export type ScanResult = 'clean' | 'infected' | 'skipped';

export interface Scanner {
  scan(bytes: Buffer): Promise<ScanResult>;
}

export const skippingScanner: Scanner = { scan: () => Promise.resolve('skipped') };

const CHUNK = 64 * 1024;

export function clamavScanner(host: string, port: number, timeoutMs = 30_000): Scanner {
  return {
    scan(bytes) {
      return new Promise((resolve, reject) => {
        const socket = net.connect({ host, port });
        let reply = '';
        socket.setTimeout(timeoutMs, () => socket.destroy(new Error('clamd timed out')));
        socket.on('error', reject);
        socket.on('data', (data: Buffer) => (reply += data.toString('utf8')));
        socket.on('end', () => {
          const answer = reply.replace(/\0/g, '').trim();
          if (/: OK$/.test(answer)) resolve('clean');
          else if (/FOUND$/.test(answer)) resolve('infected');
          else reject(new Error('unexpected clamd reply'));
        });
        socket.on('connect', () => {
          socket.write('zINSTREAM\0');
          for (let offset = 0; offset < bytes.length; offset += CHUNK) {
            const chunk = bytes.subarray(offset, offset + CHUNK);
            const size = Buffer.alloc(4);
            size.writeUInt32BE(chunk.length);
            socket.write(size);
            socket.write(chunk);
          }
          socket.end(Buffer.alloc(4));
        });
      });
    },
  };
}
