import { createServer, type Server } from 'node:http';
import { type AddressInfo, connect, type Socket } from 'node:net';

/**
 * Firefox has no --host-resolver-rules: it reaches the simulator through this HTTP CONNECT proxy,
 * which tunnels only the host names the simulator answers for and refuses everything else, so
 * Firefox's own background traffic never reaches the simulator (or the network).
 */
export interface HostProxy {
  port: number;
  close(): Promise<void>;
}

export async function startHostProxy(
  forwards: (host: string) => boolean,
  simPort: number,
): Promise<HostProxy> {
  const tunnels = new Set<Socket>();
  const server: Server = createServer((_request, response) => {
    response.writeHead(403).end('only CONNECT to the simulated helpdesks');
  });
  server.on('connect', (request, client, head) => {
    const host = (request.url ?? '').replace(/:\d+$/, '');
    if (!forwards(host)) {
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    const upstream = connect(simPort, '127.0.0.1', () => {
      tunnels.add(upstream).add(client as Socket);
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise((resolve) => {
        for (const socket of tunnels) socket.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
