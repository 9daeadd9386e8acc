import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { ProviderId } from '../src/providers/index.js';

const root = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** One documented sample from fixtures/, with the provider it belongs to. */
export interface FixtureFile {
  readonly provider: ProviderId;
  readonly name: string;
  readonly text: string;
  readonly json: unknown;
}

/** Every fixture file on disk, read fresh, so tests cannot drift from what ships. */
export function readFixtures(): FixtureFile[] {
  const providers: ProviderId[] = ['telmetrics', 'textlink', 'textrequest'];
  return providers.flatMap((provider) =>
    readdirSync(`${root}${provider}`)
      .filter((file) => file.endsWith('.json'))
      .sort()
      .map((file) => {
        const text = readFileSync(`${root}${provider}/${file}`, 'utf8');
        return {
          provider,
          name: `${provider}/${file.replace(/\.json$/, '')}`,
          text,
          json: JSON.parse(text),
        };
      }),
  );
}
