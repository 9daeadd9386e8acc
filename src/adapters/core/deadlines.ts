/** One pending request's place in a {@link Deadlines} queue. */
export class Deadline {
  /** When it expires, on the `performance.now()` clock. */
  readonly at: number;
  /** Called once if the request is still pending at `at`; cleared when it settles first. */
  expire: (() => void) | undefined;
  /** The next older pending request, or `undefined` at the head. */
  previous: Deadline | undefined;
  /** The next newer pending request, or `undefined` at the tail. */
  next: Deadline | undefined = undefined;

  /** A deadline at `at`, queued after `previous`. */
  constructor(at: number, expire: () => void, previous: Deadline | undefined) {
    this.at = at;
    this.expire = expire;
    this.previous = previous;
  }
}

// The timer functions as the package found them. Test helpers that fake timers replace the
// globals; a request started then gets a timer of its own from them (see createRequestClock).
const processSetTimeout = globalThis.setTimeout;
const processClearTimeout = globalThis.clearTimeout;

/** A timer of Node, Bun or Deno: it can stop and start keeping the process alive. */
interface ProcessTimer {
  /** Keeps the process alive until the timer fires. */
  ref(): unknown;
  /** Lets the process exit before the timer fires. */
  unref(): unknown;
}

/**
 * A queue of the deadlines of one handler's pending requests, with one timer for all of them.
 *
 * Every request of a handler has the same `timeoutMs`, so deadlines come in the order requests
 * start: the oldest pending one is the next to expire, and a list in arrival order needs no
 * sorting. A timer per request (a `setTimeout` and a `clearTimeout` each) cost several per cent
 * of a request's server time under load; here a request adds and unlinks one list entry. The one
 * timer is set again only when it fires, at most once per `timeoutMs` under steady traffic: it is
 * set for the oldest deadline, which is never later than any pending one. While nothing is
 * pending it is unref'd, so an idle handler keeps no process alive; it needs timers that can be
 * (Node's, Bun's and Deno's).
 */
export class Deadlines {
  readonly #timeoutMs: number;
  #head: Deadline | undefined;
  #tail: Deadline | undefined;
  #timer: ProcessTimer | undefined;
  readonly #expireDue = (): void => this.#sweep();

  /** A queue whose every request expires `timeoutMs` after it was added. */
  constructor(timeoutMs: number) {
    this.#timeoutMs = timeoutMs;
  }

  /** Starts a request's clock; `expire` runs once when it is still pending `timeoutMs` from now. */
  add(expire: () => void): Deadline {
    const deadline = new Deadline(performance.now() + this.#timeoutMs, expire, this.#tail);
    if (this.#tail === undefined) this.#head = deadline;
    else this.#tail.next = deadline;
    this.#tail = deadline;
    if (this.#timer === undefined) this.#arm(this.#timeoutMs);
    // The first pending request after an idle spell: the timer keeps the process alive again.
    else if (deadline.previous === undefined) this.#timer.ref();
    return deadline;
  }

  /** Ends a request's clock before it expired; nothing more runs for it. */
  settle(deadline: Deadline): void {
    if (deadline.expire === undefined) return;
    deadline.expire = undefined;
    this.#unlink(deadline);
    // Idle: the timer stays set for the next request, but no longer keeps the process alive.
    if (this.#head === undefined) this.#timer?.unref();
  }

  #unlink(deadline: Deadline): void {
    if (deadline.previous === undefined) this.#head = deadline.next;
    else deadline.previous.next = deadline.next;
    if (deadline.next === undefined) this.#tail = deadline.previous;
    else deadline.next.previous = deadline.previous;
    deadline.previous = undefined;
    deadline.next = undefined;
  }

  #arm(delay: number): void {
    // Never early: a timer may fire up to a millisecond before performance.now() reaches `at`,
    // and then it is set again for what is left.
    this.#timer = processSetTimeout(
      this.#expireDue,
      Math.max(1, Math.ceil(delay)),
    ) as unknown as ProcessTimer;
  }

  #sweep(): void {
    this.#timer = undefined;
    try {
      const now = performance.now();
      for (let due = this.#head; due !== undefined && due.at <= now; due = this.#head) {
        const expire = due.expire;
        due.expire = undefined;
        this.#unlink(due);
        expire?.();
      }
    } finally {
      // Set again even if an expiry threw, so that the later requests still expire.
      const head = this.#head;
      if (head !== undefined && this.#timer === undefined) this.#arm(head.at - performance.now());
    }
  }
}

/** Starts and stops the clock of each request of one handler (see {@link createRequestClock}). */
export interface RequestClock {
  /** Starts a request's clock: `expire` runs once if it is still running `timeoutMs` from now. */
  start(expire: () => void): unknown;
  /** Stops the clock `start` returned; `expire` does not run after this. */
  stop(started: unknown): void;
}

/**
 * Whether timers here belong to the process: Node's, Bun's and Deno's `Timeout` objects. On
 * Cloudflare's workerd a timer belongs to the request that set it (and may be cancelled with it),
 * whatever its `setTimeout` returns; a timer shared between requests would not be safe there.
 */
function processTimers(): boolean {
  const { navigator } = globalThis as { navigator?: { userAgent?: unknown } };
  if (navigator?.userAgent === 'Cloudflare-Workers') return false;
  const probe: unknown = processSetTimeout(() => {}, 1);
  processClearTimeout(probe as ReturnType<typeof setTimeout>);
  return (
    typeof probe === 'object' &&
    probe !== null &&
    probe.constructor?.name === 'Timeout' &&
    typeof (probe as { unref?: unknown }).unref === 'function'
  );
}

/**
 * The clock of one handler's requests: one {@link Deadlines} queue where timers belong to the
 * process (see `processTimers`), and a timer per request elsewhere. A request started while a
 * test has replaced `setTimeout` (fake timers) gets a timer of its own from it too, so advancing
 * the fake clock by `timeoutMs` times it out as it would any timer.
 *
 * Call it while handling a request (the first one): workerd refuses timers outside a request.
 */
export function createRequestClock(timeoutMs: number): RequestClock {
  const start = (expire: () => void): ReturnType<typeof setTimeout> =>
    setTimeout(expire, timeoutMs);
  if (!processTimers()) {
    return { start, stop: (started) => clearTimeout(started as ReturnType<typeof setTimeout>) };
  }
  const deadlines = new Deadlines(timeoutMs);
  return {
    start: (expire) =>
      globalThis.setTimeout === processSetTimeout ? deadlines.add(expire) : start(expire),
    stop: (started) => {
      if (started instanceof Deadline) deadlines.settle(started);
      else clearTimeout(started as ReturnType<typeof setTimeout>);
    },
  };
}
