import * as l10n from '@vscode/l10n';
import * as path from 'node:path';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { JwtTemplateInfo } from '../core/model';
import { cachedBundleLoader } from './workerBootstrap';
import type { FromWorker, ToWorker, WorkerDocument, WorkerFolder, WorkerNotifications, WorkerRequests, WorkerState } from './workerProtocol';

/** Why a request got no answer: the worker was stopped (time limit) or died (crash). */
export class WorkerStoppedError extends Error {}

export interface StopReport {
  /** Localised, one line. */
  reason: string;
  skipped?: string;
  retry: boolean;
}

export interface AnalysisWorkerHostOptions {
  state: Omit<WorkerState, 'readingMarker'>;
  /**
   * How long the worker may stay on one file while a request waits: longer stops it. A large
   * workspace may take longer than this in total; it keeps moving from file to file.
   */
  timeLimitMs: number;
  /**
   * A replacement worker runs after the previous one was stopped or crashed. `skipped`: the file
   * it was at when it ran past the time limit (now excluded); `retry`: analysing again may succeed
   * (false after a time-out with no file to blame, which would only run out the clock again).
   */
  onReplaced(report: StopReport): void;
  /** The worker's script; defaults to analysisWorker.js next to this bundle (tests pass their own). */
  workerFile?: string;
}

interface Pending {
  resolve(value: unknown): void;
  reject(error: Error): void;
}

/** A worker started before the server knows its workspace, loading its code while it waits for its state. */
interface SpareWorker {
  worker: Worker;
  statePort: MessagePort;
  /** Set to 1 (and notified) once the state is on `statePort`. */
  stateSignal: Int32Array;
}

let spare: SpareWorker | undefined;

/**
 * Starts the analysis thread at process start, before the client's `initialize` names the
 * workspace: loading the engine (the TypeScript compiler, ~4 MB) then overlaps the server's own
 * start and the handshake instead of following them. The first `AnalysisWorkerHost` adopts it.
 */
export function prestartAnalysisWorker(): void {
  if (spare) return;
  const { port1, port2 } = new MessageChannel();
  const stateSignal = new SharedArrayBuffer(4);
  const worker = analysisThread({ statePort: port2, stateSignal }, [port2]);
  const started: SpareWorker = { worker, statePort: port1, stateSignal: new Int32Array(stateSignal) };
  // Until adopted it must neither keep the process alive nor throw an unhandled 'error'; a spare
  // that died is not adopted (the host starts a worker of its own).
  worker.unref();
  worker.on('error', () => undefined);
  worker.once('exit', () => {
    if (spare === started) spare = undefined;
  });
  spare = started;
}

/** dist/analysisWorker.js (next to this bundle) in a thread, loaded through the V8 code cache. */
function analysisThread(data: object, transferList?: MessagePort[]): Worker {
  return new Worker(cachedBundleLoader(), { eval: true, workerData: { ...data, bundle: path.join(__dirname, 'analysisWorker.js') }, transferList });
}

/** The prestarted worker, given its state; undefined when there is none (or it died). */
function adoptSpare(state: WorkerState): Worker | undefined {
  const adopted = spare;
  spare = undefined;
  if (!adopted) return undefined;
  adopted.statePort.postMessage(state);
  adopted.statePort.close();
  Atomics.store(adopted.stateSignal, 0, 1);
  Atomics.notify(adopted.stateSignal, 0);
  adopted.worker.ref();
  return adopted.worker;
}

/**
 * Runs the analysis worker (dist/analysisWorker.js, next to this bundle) and keeps the state it
 * was built from, so it can be replaced at any time: a worker stuck on one file past the time
 * limit is terminated (a synchronous loop cannot be cancelled any other way) and the replacement
 * treats that file as absent; a crash replaces it as it was.
 */
export class AnalysisWorkerHost {
  private worker!: Worker;
  private readonly state: Omit<WorkerState, 'readingMarker'>;
  private readonly documents = new Map<string, WorkerDocument>();
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /** The files the worker named, by the id it writes into `marker`. */
  private paths = new Map<number, string>();
  /** [id of the current file, count of file visits]: see `WorkerState.readingMarker`. */
  private marker!: Int32Array;
  /** The worker has loaded its code: requests are timed from then on. */
  private ready = false;
  private watchdog: NodeJS.Timeout | undefined;
  /** The visit count last seen, and when it last moved (or a request started). */
  private lastVisits = 0;
  private lastProgressAt = 0;
  private disposed = false;
  /** Replacements since the last answer: a worker that keeps dying is started again more slowly. */
  private failures = 0;
  /** No worker runs while a replacement waits for its back-off. */
  private waiting: NodeJS.Timeout | undefined;

  constructor(private readonly options: AnalysisWorkerHostOptions) {
    this.state = options.state;
    for (const document of options.state.documents) this.documents.set(document.file, document);
    this.start();
  }

  request<M extends keyof WorkerRequests>(method: M, ...args: Parameters<WorkerRequests[M]>): Promise<ReturnType<WorkerRequests[M]>> {
    const id = this.nextId++;
    if (this.waiting) return Promise.reject(new WorkerStoppedError(l10n.t('the analysis thread is restarting')));
    return new Promise((resolve, reject) => {
      if (this.pending.size === 0) this.lastProgressAt = performance.now();
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.post({ kind: 'request', id, method, args });
    });
  }

  // State changes: recorded for a replacement worker, then sent.

  changeDocument(document: WorkerDocument): void {
    this.documents.set(document.file, document);
    this.notify('changeDocument', document);
  }

  closeDocument(file: string): void {
    this.documents.delete(file);
    this.notify('closeDocument', file);
  }

  fileCreated(file: string): void {
    this.notify('fileCreated', file);
  }

  fileChanged(file: string): void {
    this.notify('fileChanged', file);
  }

  fileDeleted(file: string): void {
    this.notify('fileDeleted', file);
  }

  setFolders(folders: WorkerFolder[]): void {
    this.state.folders = folders;
    this.notify('setFolders', folders);
  }

  setFolderSettings(folder: WorkerFolder): void {
    this.state.folders = this.state.folders.map((existing) => (existing.root === folder.root ? folder : existing));
    this.notify('setFolderSettings', folder);
  }

  setOnlineTemplates(templates: JwtTemplateInfo[] | undefined): void {
    this.state.onlineTemplates = templates;
    this.notify('setOnlineTemplates', templates);
  }

  get excluded(): readonly string[] {
    return this.state.excluded;
  }

  setExcluded(files: string[]): void {
    this.state.excluded = files;
    this.notify('setExcluded', files);
  }

  reset(): void {
    this.notify('reset');
  }

  dispose(): void {
    this.disposed = true;
    clearInterval(this.watchdog);
    clearTimeout(this.waiting);
    this.failPending(new WorkerStoppedError('disposed'));
    void this.worker.terminate();
  }

  private notify<M extends keyof WorkerNotifications>(method: M, ...args: Parameters<WorkerNotifications[M]>): void {
    this.post({ kind: 'notification', method, args });
  }

  private post(message: ToWorker): void {
    // While no worker runs, the state above is all a replacement needs.
    if (!this.waiting) this.worker.postMessage(message);
  }

  private start(): void {
    const readingMarker = new SharedArrayBuffer(8);
    const state: WorkerState = { ...this.state, documents: [...this.documents.values()], readingMarker };
    const worker = this.options.workerFile ? new Worker(this.options.workerFile, { workerData: state }) : (adoptSpare(state) ?? analysisThread(state));
    this.worker = worker;
    this.marker = new Int32Array(readingMarker);
    this.paths = new Map();
    this.ready = false;
    this.lastVisits = 0;
    clearInterval(this.watchdog);
    this.watchdog = setInterval(() => this.checkProgress(), Math.min(1000, Math.max(50, this.options.timeLimitMs / 4)));
    // The watchdog alone must not keep a server process alive.
    this.watchdog.unref();
    worker.on('message', (message: FromWorker) => this.received(message));
    // An uncaught exception ends the thread ('error' then 'exit'); replace it as it was.
    worker.on('error', (error) => this.replace(worker, { reason: l10n.t('the analysis thread crashed ({0})', error.message), retry: true }));
    worker.on('exit', (code) => this.replace(worker, { reason: l10n.t('the analysis thread exited (code {0})', code), retry: true }));
  }

  private received(message: FromWorker): void {
    if (message.kind === 'path') {
      this.paths.set(message.id, message.file);
      return;
    }
    if (message.kind === 'ready') {
      this.ready = true;
      this.lastProgressAt = performance.now();
      return;
    }
    const pending = this.pending.get(message.id);
    if (!pending) return;
    this.pending.delete(message.id);
    this.failures = 0;
    this.lastProgressAt = performance.now();
    if (message.kind === 'result') pending.resolve(message.value);
    else pending.reject(new Error(message.message));
  }

  /** Stops a worker that has not moved to another file for the time limit while a request waits. */
  private checkProgress(): void {
    const visits = Atomics.load(this.marker, 1);
    const now = performance.now();
    if (visits !== this.lastVisits || this.pending.size === 0 || !this.ready) {
      this.lastVisits = visits;
      this.lastProgressAt = now;
      return;
    }
    if (now - this.lastProgressAt > this.options.timeLimitMs) this.timedOut();
  }

  private timedOut(): void {
    const skipped = this.paths.get(Atomics.load(this.marker, 0));
    if (skipped !== undefined && !this.state.excluded.includes(skipped)) this.state.excluded = [...this.state.excluded, skipped];
    const seconds = Math.round(this.options.timeLimitMs / 100) / 10;
    this.replace(this.worker, {
      reason:
        skipped === undefined
          ? l10n.t('the analysis made no progress for {0} s and was stopped', seconds)
          : l10n.t('{0} was skipped: the analysis spent more than {1} s on it', skipped, seconds),
      skipped,
      retry: skipped !== undefined,
    });
  }

  private replace(worker: Worker, report: StopReport): void {
    // 'error' and 'exit' both fire for one crash, and terminate() fires 'exit' too.
    if (worker !== this.worker || this.disposed) return;
    clearInterval(this.watchdog);
    worker.removeAllListeners();
    worker.on('error', () => undefined);
    void worker.terminate();
    this.failPending(new WorkerStoppedError(report.reason));
    const delayMs = this.failures < 3 ? 0 : Math.min(30_000, 1000 * 2 ** (this.failures - 3));
    this.failures++;
    if (delayMs === 0) {
      this.start();
      this.options.onReplaced(report);
    } else {
      this.waiting = setTimeout(() => {
        this.waiting = undefined;
        this.start();
        this.options.onReplaced(report);
      }, delayMs);
    }
  }

  private failPending(error: Error): void {
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const request of pending) request.reject(error);
  }
}
