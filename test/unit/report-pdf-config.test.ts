import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../src/config/config.js';

describe('P2H_COMPANY_NAME (heads the report PDF)', () => {
  it('defaults to "P2H", takes a name, and refuses one too long for a header', () => {
    assert.equal(loadConfig({}).companyName, 'P2H');
    assert.equal(loadConfig({ P2H_COMPANY_NAME: '  PT Tambang Maju Sejahtera ' }).companyName, 'PT Tambang Maju Sejahtera');
    assert.throws(() => loadConfig({ P2H_COMPANY_NAME: 'x'.repeat(121) }), (error) => error instanceof ConfigError && /P2H_COMPANY_NAME/.test(error.message));
  });
});
