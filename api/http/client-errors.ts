import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { problem } from './problem.ts';

/**
 * Requests Node's HTTP parser refuses before the app sees them (a head over 16 KiB, a malformed
 * request line such as a raw backslash in the path) are answered in the API's problem shape like
 * every other refusal, instead of Node's bare 400 or 431 without a body.
 */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => {
    if (!socket.writable || (socket as { _httpMessage?: unknown })._httpMessage) {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const status = tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request';
    const body = JSON.stringify(
      tooLarge
        ? problem('payload_too_large', 'The request line and headers are over 16 KiB; send long values in a body.')
        : problem('invalid', 'The request could not be parsed as HTTP (a request line or header is malformed).'),
    );
    // The answer to a HEAD has the headers of the answer to a GET, and no body.
    const isHead = error.rawPacket?.subarray(0, 5).toString('latin1') === 'HEAD ';
    socket.end(
      `HTTP/1.1 ${status}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${isHead ? '' : body}`,
    );
  });
}
