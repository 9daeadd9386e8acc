import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Builds `dist/` once before the test files that load the package as users do (pack, CLI,
 * Next.js). `SMS_WEBHOOKS_SKIP_BUILD=1` skips it for quick runs of unit tests alone.
 */
export default function setup(): void {
  if (process.env.SMS_WEBHOOKS_SKIP_BUILD === '1') return;
  execFileSync('npx', ['tsup', '--silent'], { cwd: root, stdio: 'inherit' });
}
