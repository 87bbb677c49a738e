import fs from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { ConfigError } from './config.js';

/**
 * The seed tells operators to put the variables in `.env` next to the app; systemd's
 * EnvironmentFile and exported variables work too. Real environment variables win over the file,
 * so `PORT=4000 npm start` still means port 4000. `P2H_ENV_FILE` names another file, or `none`.
 */
export interface EnvFileResult {
  path: string;
  /** Names taken from the file (never their values: the file holds secrets). */
  applied: string[];
  /** Names in the file that the environment already set, so the file's value was ignored. */
  overridden: string[];
}

/** Copies the file's variables into `env` where `env` has none; undefined when there is no file. */
export function applyEnvFile(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): EnvFileResult | undefined {
  const chosen = env.P2H_ENV_FILE?.trim();
  if (chosen === 'none') return undefined;
  const file = path.resolve(cwd, chosen || '.env');
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    // No .env is the normal case; a P2H_ENV_FILE that was named but cannot be read is a mistake.
    if (chosen) throw new ConfigError([`P2H_ENV_FILE names ${file}, which cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`]);
    return undefined;
  }
  return mergeEnv(env, parseEnv(text) as Record<string, string>, file);
}

/** The merge rule alone: the environment wins, empty environment values count as unset. */
export function mergeEnv(env: NodeJS.ProcessEnv, fromFile: Record<string, string>, file: string): EnvFileResult {
  const applied: string[] = [];
  const overridden: string[] = [];
  for (const [name, value] of Object.entries(fromFile)) {
    if (env[name] !== undefined && env[name] !== '') overridden.push(name);
    else {
      env[name] = value;
      applied.push(name);
    }
  }
  return { path: file, applied, overridden };
}

/** One line for the start-up log: which file, and which names it set (values are secrets). */
export function describeEnvFile(result: EnvFileResult | undefined): string | undefined {
  if (!result) return undefined;
  const overridden = result.overridden.length ? `; already set in the environment, kept: ${result.overridden.join(', ')}` : '';
  return `read ${result.path}: ${result.applied.join(', ') || 'nothing new'}${overridden}`;
}
