import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deliver } from './webhook-delivery';

let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/slow') return; // never answers
    res.writeHead(302, { location: '/elsewhere' }).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(resolve));
});

describe('deliver', () => {
  it('gives up after the timeout, with no status', async () => {
    const started = Date.now();
    expect(await deliver(`${base}/slow`, {}, 200)).toEqual({ statusCode: null, succeeded: false });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('does not follow a redirect: the 3xx is the answer, and not a success', async () => {
    expect(await deliver(`${base}/moved`, {})).toEqual({ statusCode: 302, succeeded: false });
  });
});
