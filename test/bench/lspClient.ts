/**
 * A minimal JSON-RPC client over stdio for `clerk-toolkit lsp --stdio` (Content-Length framing):
 * enough to time server start → first diagnostics and edit → publishDiagnostics.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';

export interface PublishDiagnostics {
  uri: string;
  diagnostics: unknown[];
}

export class LspClient {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, (result: unknown) => void>();
  private readonly listeners: ((params: PublishDiagnostics) => void)[] = [];
  readonly exited: Promise<number | null>;

  constructor(command: string, args: string[], cwd: string) {
    this.child = spawn(command, args, { cwd, stdio: 'pipe' });
    this.child.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.child.stderr.resume();
    this.exited = new Promise((resolve) => this.child.on('exit', (code) => resolve(code)));
  }

  request(method: string, params: unknown, timeoutMs = 10_000): Promise<unknown> {
    const id = this.nextId++;
    this.send({ jsonrpc: '2.0', id, method, params });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${method}: no answer in ${timeoutMs} ms`)), timeoutMs);
      this.pending.set(id, (result) => {
        clearTimeout(timer);
        resolve(result);
      });
    });
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: '2.0', method, params });
  }

  /** The next publishDiagnostics matching `accept` (any when omitted). */
  nextDiagnostics(accept: (params: PublishDiagnostics) => boolean = () => true, timeoutMs = 10_000): Promise<PublishDiagnostics> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners.splice(this.listeners.indexOf(listener), 1);
        reject(new Error(`no publishDiagnostics in ${timeoutMs} ms`));
      }, timeoutMs);
      const listener = (params: PublishDiagnostics) => {
        if (!accept(params)) return;
        clearTimeout(timer);
        this.listeners.splice(this.listeners.indexOf(listener), 1);
        resolve(params);
      };
      this.listeners.push(listener);
    });
  }

  async shutdown(): Promise<void> {
    await this.request('shutdown', null, 5_000).catch(() => undefined);
    this.notify('exit', null);
    const timer = setTimeout(() => this.child.kill(), 5_000);
    await this.exited;
    clearTimeout(timer);
  }

  private send(message: object): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd === -1) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')) as {
        id?: number;
        method?: string;
        params?: unknown;
        result?: unknown;
      };
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      if (message.method === 'textDocument/publishDiagnostics') for (const listener of [...this.listeners]) listener(message.params as PublishDiagnostics);
      else if (message.id !== undefined && message.method !== undefined)
        this.send({ jsonrpc: '2.0', id: message.id, result: answerTo(message.method, message.params) });
      else if (message.id !== undefined) this.pending.get(message.id)?.(message.result);
    }
  }
}

/** Requests from the server: default settings for every configuration item, acknowledgement otherwise. */
function answerTo(method: string, params: unknown): unknown {
  if (method === 'workspace/configuration') return ((params as { items?: unknown[] }).items ?? []).map(() => null);
  return null;
}
