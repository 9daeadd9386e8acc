import type { SmsEvent } from '../events.js';

/** The events among `E` whose `type` is `T`. */
export type SmsEventOfType<E extends SmsEvent, T extends E['type']> = Extract<
  E,
  {
    /** The event type that is selected. */
    readonly type: T;
  }
>;

/**
 * One function per event type, each receiving exactly the events of its type (and of the
 * provider, when the events are narrowed to one); a key that is no event type of `E` does not
 * compile.
 */
export type SmsEventHandlers<E extends SmsEvent = SmsEvent, C = unknown> = {
  readonly [T in E['type']]?: ((event: SmsEventOfType<E, T>, context: C) => unknown) | undefined;
};

/**
 * Where each event goes: `on[event.type]`, else `onUnhandled`; then `onEvent`, for every event.
 * Each function is awaited before the next one; the first that throws or rejects stops the rest.
 */
export interface SmsEventRoutes<E extends SmsEvent = SmsEvent, C = unknown> {
  /**
   * One handler per event type; each receives exactly the events of that type.
   * @default undefined (no per-type handlers)
   * @example { on: { 'message.received': async (event) => inbox.save(event.from, event.text) } }
   */
  readonly on?: SmsEventHandlers<E, C> | undefined;
  /**
   * Receives each event whose type has no function in `on`; events nobody handles are acknowledged.
   * @default undefined (such events are acknowledged without a call)
   * @example { onUnhandled: (event) => logger.info({ type: event.type }, 'ignored SMS event') }
   */
  readonly onUnhandled?: ((event: E, context: C) => unknown) | undefined;
  /**
   * Receives every event, after its `on` handler (or `onUnhandled`) has resolved.
   * @default undefined
   * @example { onEvent: (event) => audit.append(event.idempotencyKey, event.type) }
   */
  readonly onEvent?: ((event: E, context: C) => unknown) | undefined;
}

/**
 * Sends one event to its routes and resolves once they all have; rejects with what the first
 * failing one threw. The context is optional when its type allows `undefined`.
 */
export type SmsEventRouter<E extends SmsEvent = SmsEvent, C = unknown> = (
  event: E,
  ...context: undefined extends C ? [context?: C] : [context: C]
) => Promise<void>;

type Handler = (event: SmsEvent, context: unknown) => unknown;

/** Sends one event to its routes, in order. */
export type SmsEventDispatch = (event: SmsEvent, context: unknown) => Promise<void>;

function functionOrUndefined(value: unknown, name: string): Handler | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'function')
    throw new TypeError(`\`${name}\` must be a function when given.`);
  return value as Handler;
}

/**
 * Checks routes once and returns the function that sends each event to them; the handlers use it
 * for their `on`, `onUnhandled` and `onEvent` options.
 *
 * @throws {TypeError} when a route is not a function, `on` is not an object, or no route is given.
 */
export function createEventDispatch(routes: SmsEventRoutes): SmsEventDispatch {
  if (typeof routes !== 'object' || routes === null) {
    throw new TypeError('Routes must be an object with `on`, `onUnhandled` or `onEvent`.');
  }
  const on = routes.on;
  if (on !== undefined && (typeof on !== 'object' || on === null || Array.isArray(on))) {
    throw new TypeError(
      "`on` must be an object of functions by event type, e.g. { 'message.received': fn }.",
    );
  }
  const byType = new Map<string, Handler>();
  for (const [type, handler] of Object.entries(on ?? {})) {
    const checked = functionOrUndefined(handler, `on['${type}']`);
    if (checked) byType.set(type, checked);
  }
  const onUnhandled = functionOrUndefined(routes.onUnhandled, 'onUnhandled');
  const onEvent = functionOrUndefined(routes.onEvent, 'onEvent');
  if (byType.size === 0 && !onUnhandled && !onEvent) {
    throw new TypeError(
      "Nothing would receive the events: give `onEvent`, or `on: { 'message.received': fn, … }` and/or `onUnhandled`.",
    );
  }
  return async function dispatchSmsEvent(event, context) {
    const routed = byType.get(event.type) ?? onUnhandled;
    if (routed) await routed(event, context);
    if (onEvent) await onEvent(event, context);
  };
}

/**
 * Creates a router of {@link SmsEvent}s by `type`, for events you parse yourself (a queue
 * consumer, a test, {@link parseSmsWebhook} in your own route): `on[event.type]` receives exactly
 * the events of its type, `onUnhandled` those without one, then `onEvent` every event. Name the
 * events it takes (`createSmsEventRouter<SmsEventOf<'textlink'>>(…)`) to narrow every handler to
 * one provider, and the context (`<SmsEvent, Job>`) to pass one along. The router is also a valid
 * `onEvent` of the HTTP handlers.
 *
 * @throws {TypeError} when a route is not a function, or no route is given.
 * @example
 * ```ts
 * const route = createSmsEventRouter({
 *   on: {
 *     'message.received': async (event) => inbox.save(event.from, event.text, event.intent),
 *     'message.failed': async (event) => alerts.notify(event.messageId),
 *   },
 *   onUnhandled: (event) => console.info('ignored', event.type),
 * });
 * for (const event of parseSmsWebhook(body)) await route(event);
 * ```
 */
export function createSmsEventRouter<E extends SmsEvent = SmsEvent, C = unknown>(
  routes: SmsEventRoutes<E, C>,
): SmsEventRouter<E, C> {
  const dispatch = createEventDispatch(routes as SmsEventRoutes);
  return ((event: E, context?: C) => dispatch(event, context)) as SmsEventRouter<E, C>;
}
