import { connect, type Socket } from 'node:net';

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** A TCP connection to the server, open and ready to write on. */
export const openConnection = (port: number): Promise<Socket> =>
  new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => resolve(socket));
    socket.once('error', reject);
  });

/** The error a new connection meets, or null when it was accepted. */
export const connectionRefusal = async (port: number): Promise<string | null> => {
  try {
    (await openConnection(port)).destroy();
    return null;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code ?? String(error);
  }
};

/**
 * Writes a whole HTTP/1.1 POST on the socket at once (the bytes are with the server's kernel when this
 * returns) and resolves with the response, or rejects when the connection ends without one.
 */
export const postOn = (socket: Socket, path: string, headers: Record<string, string>, body: string): Promise<RawResponse> => {
  const response = readResponse(socket);
  const head = Object.entries({ host: 'localhost', 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...headers })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.write(`POST ${path} HTTP/1.1\r\n${head}\r\n${body}`);
  return response;
};

const readResponse = (socket: Socket): Promise<RawResponse> =>
  new Promise((resolve, reject) => {
    let received = Buffer.alloc(0);
    const parsed = (): RawResponse | null => {
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return null;
      const [statusLine, ...lines] = received.subarray(0, end).toString('latin1').split('\r\n');
      const headers = Object.fromEntries(lines.map((line) => [line.slice(0, line.indexOf(':')).toLowerCase(), line.slice(line.indexOf(':') + 1).trim()]));
      const length = Number(headers['content-length'] ?? NaN);
      const body = received.subarray(end + 4);
      if (!(body.length >= length)) return null;
      return { status: Number(statusLine.split(' ')[1]), headers, body: body.subarray(0, length).toString('utf8') };
    };
    const onData = (chunk: Buffer): void => {
      received = Buffer.concat([received, chunk]);
      const response = parsed();
      if (response === null) return;
      socket.off('data', onData);
      socket.off('close', onClose);
      resolve(response);
    };
    const onClose = (): void => reject(new Error(`the connection closed without a response (${received.length} bytes received)`));
    socket.on('data', onData);
    socket.once('close', onClose);
    socket.once('error', () => undefined);
  });
