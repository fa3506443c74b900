import {
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Certificate } from '../sim/cert';

/**
 * The demo's stand-in for the TLS proxy an organisation puts in front of its gateway (README,
 * Deploying the gateway): the extension accepts only an https:// gateway URL, and its worker's
 * calls are cross-origin, so they need CORS answers. Those are added only where the gateway
 * gave none, so a gateway that answers CORS itself is passed through unchanged.
 */

export interface TlsFront {
  port: number;
  close(): Promise<void>;
}

/** The extension sends no cookies (`credentials: 'omit'`), so any origin may read the answers. */
export const CORS_HEADERS: Readonly<Record<string, string>> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'content-type, authorization',
  'access-control-max-age': '600',
};

/** The upstream's headers, with CORS added when it sent none; hop-by-hop headers dropped. */
export function withCors(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const { connection: _connection, 'keep-alive': _keepAlive, 'transfer-encoding': _te, ...rest } = headers;
  return 'access-control-allow-origin' in rest ? rest : { ...rest, ...CORS_HEADERS };
}

function forward(target: URL, req: IncomingMessage, res: ServerResponse): void {
  const upstream = httpRequest(
    { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: req.headers },
    (answer: IncomingMessage) => {
      // A preflight the gateway does not know (404) is answered here; one it answered with CORS is its own.
      if (req.method === 'OPTIONS' && !('access-control-allow-origin' in answer.headers)) {
        answer.resume();
        res.writeHead(204, CORS_HEADERS).end();
        return;
      }
      res.writeHead(answer.statusCode ?? 502, withCors(answer.headers));
      answer.pipe(res);
    },
  );
  upstream.on('error', (error) => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain', ...CORS_HEADERS });
    res.end(`the gateway did not answer: ${error.message}`);
  });
  req.pipe(upstream);
}

/** Serves HTTPS on 127.0.0.1 (port 0: a free one) and forwards every request to `target` (http). */
export async function startTlsFront(target: string, certificate: Certificate, port = 0): Promise<TlsFront> {
  const url = new URL(target);
  const server = createServer(certificate, (req, res) => forward(url, req, res));
  await new Promise<void>((listening) => server.listen(port, '127.0.0.1', listening));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((closed) => {
        server.closeAllConnections();
        server.close(() => closed());
      }),
  };
}
