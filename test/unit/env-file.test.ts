import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, it } from 'node:test';
import { ConfigError } from '../../src/config/config.js';
import { applyEnvFile, describeEnvFile, mergeEnv } from '../../src/config/env-file.js';

describe('.env at start', () => {
  it('fills only what the environment leaves unset: real variables win, empty ones count as unset', () => {
    const env: NodeJS.ProcessEnv = { PORT: '4000', TELEGRAM_CHAT_ID: '' };
    const result = mergeEnv(env, { PORT: '3000', TELEGRAM_CHAT_ID: '-100123', TELEGRAM_BOT_TOKEN: '1:secret' }, '/opt/p2h/.env');
    assert.deepEqual(env, { PORT: '4000', TELEGRAM_CHAT_ID: '-100123', TELEGRAM_BOT_TOKEN: '1:secret' });
    assert.deepEqual(result, { path: '/opt/p2h/.env', applied: ['TELEGRAM_CHAT_ID', 'TELEGRAM_BOT_TOKEN'], overridden: ['PORT'] });
    const line = describeEnvFile(result)!;
    assert.match(line, /TELEGRAM_BOT_TOKEN/);
    assert.ok(!line.includes('1:secret'), 'values are never described');
  });

  it('reads .env from the working folder (quotes and comments as dotenv writes them), or nothing when there is none', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'p2h-env-'));
    try {
      assert.equal(applyEnvFile({}, folder), undefined);
      fs.writeFileSync(path.join(folder, '.env'), '# P2H\nTELEGRAM_CHAT_ID=-1001234567890\nADMIN_NAME="Super Admin"\n');
      const env: NodeJS.ProcessEnv = {};
      applyEnvFile(env, folder);
      assert.deepEqual(env, { TELEGRAM_CHAT_ID: '-1001234567890', ADMIN_NAME: 'Super Admin' });
      assert.equal(applyEnvFile({ P2H_ENV_FILE: 'none' }, folder), undefined);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses a P2H_ENV_FILE that cannot be read, naming it', () => {
    assert.throws(() => applyEnvFile({ P2H_ENV_FILE: '/nonexistent/p2h.env' }), (error: unknown) => error instanceof ConfigError && /P2H_ENV_FILE .*p2h\.env.*ENOENT/.test(error.message));
  });
});
