// The one way the webhooks clients talk HTTP: one deadline for connecting, headers and body, the
// caller's AbortSignal, no redirect followed (the Authorization header never reaches another host),
// and a capped body (a 100 MB answer is never buffered). Aborting closes the socket.

/** The most of an answer read into memory; anything beyond is cut off and the connection closed. */
export const maxResponseBytes = 5 * 1024 * 1024;

export interface CallBounds {
  /** One deadline for the whole call: connecting, the headers and the body. */
  readonly timeoutMs: number;
  /** Cancels the call and closes its socket when aborted. */
  readonly signal?: AbortSignal;
}

export interface BoundedResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: Headers;
  /** The body as text, at most `maxBytes` of it. */
  readonly text: string;
  /** The body went on beyond `maxBytes` (it was not read further). */
  readonly truncated: boolean;
  /** 3xx: a redirect that was not followed. */
  readonly redirected: boolean;
}

/** The connection failed after the answer had begun (reset, cut short): not a reachability problem. */
export class BrokenAnswerError extends Error {
  override readonly name = 'BrokenAnswerError';
}

/** A signal that fires at the deadline or when the caller's fires, whichever comes first. */
export function deadlineSignal(bounds: CallBounds): AbortSignal {
  const deadline = AbortSignal.timeout(bounds.timeoutMs);
  return bounds.signal ? AbortSignal.any([deadline, bounds.signal]) : deadline;
}

/**
 * `fetch` within `bounds`, reading at most `maxBytes` of the body. `signal` replaces the bounds'
 * deadline when the caller already made one (a deadline shared by several requests). Rejects as
 * `fetch` does (the signal's reason on abort or timeout).
 */
export async function boundedFetch(url: string, init: RequestInit, bounds: CallBounds, maxBytes = maxResponseBytes): Promise<BoundedResponse> {
  const signal = init.signal ?? deadlineSignal(bounds);
  const response = await fetch(url, { ...init, signal, redirect: 'manual' });
  const redirected = response.status >= 300 && response.status < 400;
  const { text, truncated } = redirected ? { text: '', truncated: false } : await readCapped(response, maxBytes, signal);
  if (redirected) await response.body?.cancel();
  return { status: response.status, ok: response.ok, headers: response.headers, text, truncated, redirected };
}

async function readCapped(response: Response, maxBytes: number, signal: AbortSignal): Promise<{ text: string; truncated: boolean }> {
  if (!response.body) return { text: '', truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    let chunk: ReadableStreamReadResult<Uint8Array>;
    try {
      chunk = await reader.read();
    } catch (error) {
      // An abort (deadline, caller) stays what it is; anything else broke the connection mid-answer.
      if (signal.aborted) throw error;
      throw new BrokenAnswerError(error instanceof Error ? error.message : String(error), { cause: error instanceof Error ? error.cause : undefined });
    }
    const { done, value } = chunk;
    if (done) return { text: Buffer.concat(chunks).toString('utf8'), truncated: false };
    if (size + value.byteLength > maxBytes) {
      chunks.push(value.subarray(0, maxBytes - size));
      // Cancelling the stream ends the fetch and closes the connection: the rest is never received.
      await reader.cancel();
      return { text: Buffer.concat(chunks).toString('utf8'), truncated: true };
    }
    chunks.push(value);
    size += value.byteLength;
  }
}
