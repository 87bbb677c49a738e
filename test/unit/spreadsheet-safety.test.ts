import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeFormula, safeText } from '../../src/lib/spreadsheet-safety.js';

describe('escapeFormula: exported text never runs as a spreadsheet formula', () => {
  it('prefixes an apostrophe to text starting with =, +, -, @, a tab or a carriage return', () => {
    assert.equal(escapeFormula('=HYPERLINK("http://x","klik")'), `'=HYPERLINK("http://x","klik")`);
    assert.equal(escapeFormula('+62 812'), "'+62 812");
    assert.equal(escapeFormula('-1+1'), "'-1+1");
    assert.equal(escapeFormula('@SUM(A1)'), "'@SUM(A1)");
    assert.equal(escapeFormula('\t=1'), "'\t=1");
    assert.equal(escapeFormula('\r=1'), "'\r=1");
  });

  it('leaves every other text as it is', () => {
    assert.equal(escapeFormula(''), '');
    assert.equal(escapeFormula('Ban aus, tekanan 20 psi'), 'Ban aus, tekanan 20 psi');
    assert.equal(escapeFormula('a=b'), 'a=b');
    assert.equal(escapeFormula(" =1"), ' =1');
    assert.equal(escapeFormula("'=1"), "'=1");
  });

  it('keeps an absent text absent', () => {
    assert.equal(safeText(null), null);
    assert.equal(safeText(undefined), null);
    assert.equal(safeText('=1'), "'=1");
  });
});
