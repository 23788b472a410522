/**
 * A small round-robin reverse proxy, as a load balancer in front of several instances: requests and
 * WebSocket upgrades go to the backends in turn, with no stickiness. A backend that refuses or drops
 * the connection before answering is skipped and the next one tried (nginx's `proxy_next_upstream
 * error`), so a restarting instance costs a client nothing. With `refuseUpgrades` it acts as a proxy
 * or corporate network that blocks WebSockets: every upgrade is answered 403, plain HTTP passes.
 */
import http from 'node:http';
import net from 'node:net';

export interface RunningProxy {
  url: string;
  /** Requests answered 502 because no backend took them. */
  failures: () => number;
  stop: () => Promise<void>;
}

export interface ProxyOptions {
  /** Answer every WebSocket upgrade 403 instead of passing it on. */
  refuseUpgrades?: boolean;
}

export async function startRoundRobinProxy(backends: number[], options: ProxyOptions = {}): Promise<RunningProxy> {
  let turn = 0;
  let failures = 0;
  const next = () => backends[turn++ % backends.length]!;
  const agent = new http.Agent({ keepAlive: true });

  const forward = (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer, attempt: number) => {
    const port = next();
    const upstream = http.request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers, agent }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => {
      if (res.headersSent) return void res.destroy();
      if (attempt + 1 < backends.length * 2) return forward(req, res, body, attempt + 1);
      failures += 1;
      res.writeHead(502, { 'content-type': 'application/json' }).end(JSON.stringify({ detail: 'No backend answered', error_code: 'BAD_GATEWAY' }));
    });
    res.once('close', () => upstream.destroy());
    upstream.end(body);
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => forward(req, res, Buffer.concat(chunks), 0));
  });

  server.on('upgrade', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    if (options.refuseUpgrades) return void client.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    const connect = (attempt: number) => {
      const upstream = net.connect(next(), '127.0.0.1');
      let connected = false;
      upstream.once('connect', () => {
        connected = true;
        const lines = [`${req.method} ${req.url} HTTP/1.1`, ...Object.entries(req.headers).flatMap(([name, value]) => [value].flat().map((one) => `${name}: ${one}`))];
        upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
        upstream.write(head);
        upstream.pipe(client).pipe(upstream);
      });
      upstream.once('error', () => {
        if (!connected && attempt + 1 < backends.length * 2) return connect(attempt + 1);
        client.destroy();
      });
      client.once('error', () => upstream.destroy());
      client.once('close', () => upstream.destroy());
    };
    connect(0);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://localhost:${port}`,
    failures: () => failures,
    stop: () =>
      new Promise((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
