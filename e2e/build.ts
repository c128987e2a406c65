/** Builds the console with the end-to-end environment, so the canary secrets are present at build time. */
import { spawnSync } from 'node:child_process';
import { consoleEnv } from './env';

const result = spawnSync('npx', ['next', 'build'], { env: { ...process.env, ...consoleEnv() }, stdio: 'inherit' });
process.exit(result.status ?? 1);
