import * as http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A replacement answer for one request: status and JSON body. */
export interface ProxyAnswer {
  status: number;
  body: unknown;
}

/**
 * Given the request and the target's answer, the answer to send instead (undefined: pass it on).
 * `body` is the parsed JSON of the target's answer (undefined when it is not JSON).
 */
export type Rewrite = (request: { method: string; path: string }, answer: ProxyAnswer | undefined) => ProxyAnswer | undefined;

export interface RewritingProxy {
  /** Use as both `clerkToolkit.clerkApiUrl` and `clerkToolkit.svixServerUrl`. */
  readonly url: string;
  rewrite: Rewrite;
  close(): Promise<void>;
}

/**
 * Sits in front of the fake Clerk/Svix server (test/helpers/fakeClerkSvix.ts) and rewrites chosen
 * answers, so hostile text from "Clerk" or "Svix" reaches every place the sidebar shows it while
 * the rest of the protocol (token exchange, paging) stays the fake's.
 */
export async function startRewritingProxy(target: string, rewrite: Rewrite = () => undefined): Promise<RewritingProxy> {
  const proxy: { rewrite: Rewrite } = { rewrite };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const method = req.method ?? 'GET';
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(req.headers))
        if (typeof value === 'string' && name !== 'host' && name !== 'content-length') headers[name] = value;
      const upstream = await fetch(target + (req.url ?? '/'), { method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
      const text = await upstream.text();
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      const path = new URL(req.url ?? '/', 'http://proxy').pathname;
      const replaced = proxy.rewrite({ method, path }, parsed === undefined ? undefined : { status: upstream.status, body: parsed });
      // Exactly `application/json`: @clerk/backend parses JSON only then.
      res.writeHead(replaced?.status ?? upstream.status, { 'content-type': 'application/json' });
      res.end(replaced ? JSON.stringify(replaced.body) : text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get rewrite() {
      return proxy.rewrite;
    },
    set rewrite(value: Rewrite) {
      proxy.rewrite = value;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
