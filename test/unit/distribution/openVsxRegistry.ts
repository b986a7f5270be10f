import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { readVsix } from './vsix';

/** One request as the registry received it. */
export interface RecordedRequest {
  method: string;
  pathname: string;
  token: string | null;
  contentType: string | undefined;
  body: Buffer;
}

export interface OpenVsxRegistry {
  url: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
}

/**
 * A stand-in for open-vsx.org on 127.0.0.1, for `ovsx publish <file.vsix> -r URL -p TOKEN`. With a
 * packaged .vsix and a token, ovsx 1.1.1 makes one call, `POST /api/-/publish?token=…` with the file
 * as the body (it verifies the token against `/api/<namespace>/verify-pat` only when it has to ask
 * for one). Like the real server, this reads the uploaded package and refuses it unless the token
 * belongs to the namespace named by its `publisher`, and unless it declares a license, which
 * open-vsx.org requires; it answers with the published extension's JSON, which ovsx prints.
 */
export async function startOpenVsxRegistry(namespaceTokens: Record<string, string>): Promise<OpenVsxRegistry> {
  const requests: RecordedRequest[] = [];
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'clerk-ovsx-registry-'));
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const request = {
        method: req.method ?? '',
        pathname: url.pathname,
        token: url.searchParams.get('token'),
        contentType: req.headers['content-type'],
        body: Buffer.concat(chunks),
      };
      requests.push(request);
      void answer(request, path.join(scratch, `upload-${requests.length}.vsix`)).then(({ status, body }) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
    });
  });

  async function answer(request: RecordedRequest, file: string): Promise<{ status: number; body: object }> {
    if (request.method !== 'POST' || request.pathname !== '/api/-/publish')
      return { status: 404, body: { error: `No endpoint ${request.method} ${request.pathname}` } };
    fs.writeFileSync(file, request.body);
    let manifest: { publisher?: string; name?: string; version?: string; license?: string };
    try {
      manifest = JSON.parse((await readVsix(file)).get('extension/package.json')?.toString('utf8') ?? '{}') as typeof manifest;
    } catch (error) {
      return { status: 400, body: { error: `Not a .vsix package: ${String(error)}` } };
    }
    const { publisher = '', name, version, license } = manifest;
    if (namespaceTokens[publisher] === undefined) return { status: 400, body: { error: `Unknown publisher: ${publisher}` } };
    if (namespaceTokens[publisher] !== request.token) return { status: 403, body: { error: `Insufficient access rights for publisher: ${publisher}` } };
    if (!license) return { status: 400, body: { error: 'This extension cannot be accepted because it has no license.' } };
    return { status: 201, body: { namespace: publisher, name, version, targetPlatform: 'universal' } };
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    close: () =>
      new Promise((resolve) =>
        server.close(() => {
          fs.rmSync(scratch, { recursive: true, force: true });
          resolve();
        }),
      ),
  };
}
