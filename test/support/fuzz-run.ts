import { SmsWebhookError } from '../../src/errors/SmsWebhookError.js';
import { parseSmsWebhook, safeParseSmsWebhook } from '../../src/parse.js';
import { KeyRegistry, resultViolations } from './event-contract.js';
import { type FuzzFixture, FuzzRandom, nextInput } from './fuzz-inputs.js';

/** Options of {@link runFuzz}. */
export interface FuzzOptions {
  /** How many inputs to generate. */
  readonly count: number;
  /** The seed of the generator; the same seed replays the same inputs. */
  readonly seed: number;
  /** The documented samples to mutate. */
  readonly fixtures: readonly FuzzFixture[];
  /** Called every `progressEvery` inputs with the number done. */
  readonly onProgress?: (done: number) => void;
  /** How often to call `onProgress`. */
  readonly progressEvery?: number;
  /** Called with the input of this index, to look at one that broke the contract. */
  readonly show?: { readonly index: number; readonly print: (input: unknown) => void };
}

/** What a fuzz run saw: counts by input kind and outcome, and every contract violation. */
export interface FuzzReport {
  /** Inputs generated. */
  inputs: number;
  /** Parse calls made (detect, with a provider, and the throwing parse). */
  calls: number;
  /** Inputs by generator. */
  readonly byKind: Record<string, number>;
  /** Answers by outcome: `accepted` or the error code. */
  readonly byOutcome: Record<string, number>;
  /** Accepted events by type. */
  readonly byEventType: Record<string, number>;
  /** Each violation found, with how often, and the index of its first input (to replay it). */
  readonly violations: Record<string, { count: number; firstInput: number }>;
}

function bump(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/**
 * Runs generated inputs through `safeParseSmsWebhook` (detecting the provider, and with one) and
 * `parseSmsWebhook`, checking every answer against the event contract.
 */
export function runFuzz(options: FuzzOptions): FuzzReport {
  const random = new FuzzRandom(options.seed);
  const keys = new KeyRegistry();
  const report: FuzzReport = {
    inputs: 0,
    calls: 0,
    byKind: {},
    byOutcome: {},
    byEventType: {},
    violations: {},
  };
  const violate = (index: number, found: readonly string[]): void => {
    for (const violation of found) {
      const entry = report.violations[violation];
      if (entry) entry.count++;
      else report.violations[violation] = { count: 1, firstInput: index };
    }
  };
  const every = options.progressEvery ?? 100_000;
  for (let index = 0; index < options.count; index++) {
    const input = nextInput(random, options.fixtures);
    if (options.show?.index === index) options.show.print(input);
    report.inputs++;
    bump(report.byKind, input.kind);
    for (const provider of [undefined, input.provider]) {
      let result: ReturnType<typeof safeParseSmsWebhook>;
      try {
        result = safeParseSmsWebhook(input.body, provider === undefined ? {} : { provider });
      } catch {
        violate(index, ['safeParseSmsWebhook threw']);
        continue;
      }
      report.calls++;
      bump(report.byOutcome, result.success ? 'accepted' : result.error.code);
      if (result.success) for (const event of result.events) bump(report.byEventType, event.type);
      violate(index, resultViolations(input.body, result));
      violate(index, keys.record(result));
    }
    try {
      report.calls++;
      parseSmsWebhook(input.body, { provider: input.provider });
    } catch (error) {
      if (!(error instanceof SmsWebhookError))
        violate(index, ['parseSmsWebhook threw a non-SmsWebhookError']);
    }
    if ((index + 1) % every === 0) options.onProgress?.(index + 1);
  }
  return report;
}
