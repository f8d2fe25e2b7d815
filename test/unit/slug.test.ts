// The id of a printable-ASCII name (a fast path: client files of a million ids such as
// "ACC-00123" are read through it) against the Unicode rules it skips.
import { describe, expect, it } from 'vitest';
import { accountIdFor, planNaming, unicodeIdOfName } from '../../src/core/slug.js';

describe('ids of printable-ASCII names', () => {
  it('equal the Unicode rules on random ASCII text', () => {
    let s = 0x2545f491;
    const rnd = () => {
      s ^= s << 13;
      s ^= s >>> 17;
      s ^= s << 5;
      return (s >>> 0) / 4294967296;
    };
    const alphabet = ' -_.,&/()AZaz09MmQ!~"\'+=@#$%^*[]{}|\\<>?;:`';
    for (let i = 0; i < 20_000; i++) {
      const length = Math.floor(rnd() ** 2 * 90);
      let name = '';
      for (let k = 0; k < length; k++) name += rnd() < 0.6 ? String.fromCharCode(0x20 + Math.floor(rnd() * 95)) : alphabet[Math.floor(rnd() * alphabet.length)];
      expect(accountIdFor(name), JSON.stringify(name)).toBe(unicodeIdOfName(name).id);
      expect(planNaming(name).id).toBe(unicodeIdOfName(name).id);
    }
  });

  it('examples: CRM ids, long names, names with no letters', () => {
    expect(accountIdFor('ACC-00123')).toBe('acc-00123');
    expect(accountIdFor('  Acme  Corp., Inc. ')).toBe('acme-corp-inc');
    expect(accountIdFor('---')).toBe(unicodeIdOfName('---').id);
    expect(accountIdFor('---')).toMatch(/^account-[0-9a-f]{8}$/);
    const long = `${'Very Long Company Name '.repeat(5)}Holdings`;
    expect(accountIdFor(long)).toBe(unicodeIdOfName(long).id);
    expect(accountIdFor(long).length).toBeLessThanOrEqual(64);
    // Not ASCII: the Unicode rules as before.
    expect(accountIdFor('Müller AG')).toBe('muller-ag');
    expect(accountIdFor('Tab\there')).toBe(unicodeIdOfName('Tab\there').id);
  });
});
