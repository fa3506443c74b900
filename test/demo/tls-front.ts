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
 * Deploying the gateway): the extension accepts only an https:// gateway URL. Requests and
 * answers pass unchanged; the gateway answers CORS itself (gateway/src/routes/cors.ts).
 */

export interface TlsFront {
  port: number;
  close(): Promise<void>;
}

/** Hop-by-hop headers belong to one connection, not to the answer passed on. */
export function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const { connection: _connection, 'keep-alive': _keepAlive, 'transfer-encoding': _te, ...rest } = headers;
  return rest;
}

function forward(target: URL, req: IncomingMessage, res: ServerResponse): void {
  const upstream = httpRequest(
    {
      host: target.hostname,
      port: target.port,
      method: req.method,
      path: req.url,
      headers: endToEnd(req.headers),
    },
    (answer: IncomingMessage) => {
      res.writeHead(answer.statusCode ?? 502, endToEnd(answer.headers));
      answer.pipe(res);
    },
  );
  upstream.on('error', (error) => {
    if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
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
