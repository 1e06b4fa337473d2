// Builds the CLI once before the suite so golden runs exercise the real binary.
// NETPROOF_SKIP_BUILD=1 skips it while iterating on unit tests.
import { execFileSync } from 'node:child_process';

export default function setup(): void {
  if (process.env['NETPROOF_SKIP_BUILD'] === '1') return;
  execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' });
}
