// The id rule of names with Han characters (issue 18): pinyin without tones, one syllable per
// "-", words segmented so polyphones read as in the word; names pinyin does not spell keep the
// hashed id of before; kam.yaml `ids: hash` keeps the hashed ids for every name.
import { describe, expect, it } from 'vitest';
import { accountIdFor, idStyleOf, planNaming } from '../../src/core/slug.js';

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

describe('pinyin ids of Han names', () => {
  it('spells a Han name in pinyin, syllables joined by -', () => {
    expect(accountIdFor('中国移动')).toBe('zhong-guo-yi-dong');
    expect(accountIdFor('华为技术有限公司')).toBe('hua-wei-ji-shu-you-xian-gong-si');
    expect(accountIdFor(' 中国移动\u3000')).toBe('zhong-guo-yi-dong');
    expect(accountIdFor('中國移動')).toBe('zhong-guo-yi-dong'); // traditional characters too
  });

  it('reads polyphones as in their word', () => {
    expect(accountIdFor('重庆银行')).toBe('chong-qing-yin-hang');
    expect(accountIdFor('长沙银行')).toBe('chang-sha-yin-hang');
    expect(accountIdFor('厦门航空')).toBe('xia-men-hang-kong');
    expect(accountIdFor('中国银行重庆分行')).toBe('zhong-guo-yin-hang-chong-qing-fen-hang');
    expect(accountIdFor('招商银行深圳支行')).toBe('zhao-shang-yin-hang-shen-zhen-zhi-hang');
    expect(accountIdFor('绿地集团')).toBe('lv-di-ji-tuan'); // ü is written v, as in ASCII input methods
    expect(accountIdFor('女装策略')).toBe('nv-zhuang-ce-lve');
    expect(accountIdFor('müller 绿地')).toBe('muller-lv-di'); // only pinyin's ü becomes v
  });

  it('keeps the Latin letters and digits of mixed names, in order', () => {
    expect(accountIdFor('中国移动 Guangdong')).toBe('zhong-guo-yi-dong-guangdong');
    expect(accountIdFor('中国移动（广东）有限公司')).toBe('zhong-guo-yi-dong-guang-dong-you-xian-gong-si');
    expect(accountIdFor('ACME 中国')).toBe('acme-zhong-guo');
    expect(accountIdFor('中国移动2024')).toBe('zhong-guo-yi-dong-2024');
    expect(accountIdFor('Ａ股公司')).toBe('a-gu-gong-si'); // full-width Latin
    expect(accountIdFor('Müller 中国')).toBe('muller-zhong-guo');
  });

  it('names pinyin does not spell keep the hashed id', () => {
    expect(accountIdFor('Москва')).toMatch(/^account-[0-9a-f]{8}$/);
    expect(accountIdFor('شركة الاتصالات')).toMatch(/^account-[0-9a-f]{8}$/);
    expect(accountIdFor('トヨタ自動車')).toMatch(/^account-[0-9a-f]{8}$/); // kana
    expect(accountIdFor('삼성전자')).toMatch(/^account-[0-9a-f]{8}$/);
    expect(accountIdFor('中国 Москва')).toMatch(/^account-[0-9a-f]{8}$/); // partly spelled: as before, the hash
    expect(accountIdFor('Guangdong トヨタ')).toMatch(/^guangdong-[0-9a-f]{8}$/);
    expect(accountIdFor('⺀')).toMatch(/^account-[0-9a-f]{8}$/); // a Han radical pinyin has no reading of
    // Such names keep their own letters as the file name, as before.
    expect(planNaming('トヨタ自動車')).toEqual({ id: accountIdFor('トヨタ自動車'), stem: 'トヨタ自動車' });
  });

  it('names the file after the pinyin id', () => {
    expect(planNaming('中国移动')).toEqual({ id: 'zhong-guo-yi-dong', stem: 'zhong-guo-yi-dong' });
    expect(planNaming('中国移动', 'cmcc')).toEqual({ id: 'cmcc', stem: 'cmcc' }); // --id wins
  });

  it('keeps ids within 64 characters, cut at a syllable', () => {
    const long = accountIdFor('中华人民共和国国家电网公司华东分部江苏省电力有限公司南京供电分公司信息通信中心');
    expect(long.length).toBeLessThanOrEqual(64);
    expect(long).toMatch(ID);
    expect(long).toMatch(/^zhong-hua-ren-min-gong-he-guo-guo-jia-dian-wang/);
    const syllables = long.split('-');
    expect(['zhong', 'hua', 'ren', 'min', 'gong', 'he', 'guo', 'jia', 'dian', 'wang', 'si', 'dong', 'fen', 'bu', 'jiang', 'su', 'sheng', 'li', 'you', 'xian']).toEqual(expect.arrayContaining([syllables.at(-1)]));
    expect(planNaming('中'.repeat(200)).stem.length).toBeLessThanOrEqual(64);
  });

  it('homophones share an id (score --data and import suffix repeats, kam new refuses)', () => {
    expect(accountIdFor('音航')).toBe(accountIdFor('银行'));
    expect(accountIdFor('中国移动')).not.toBe(accountIdFor('中国联通'));
    expect(accountIdFor('中国移动 Guangdong')).not.toBe(accountIdFor('中国联通 Guangdong'));
  });

  it('ids: hash keeps the ids of before', () => {
    expect(accountIdFor('中国移动', 'hash')).toBe('account-c035ccaf');
    expect(accountIdFor('中国移动', { ids: 'hash' })).toBe('account-c035ccaf');
    expect(accountIdFor('中国移动 Guangdong', 'hash')).toMatch(/^guangdong-[0-9a-f]{8}$/);
    expect(planNaming('中国移动', undefined, 'hash')).toEqual({ id: 'account-c035ccaf', stem: '中国移动' });
    expect(accountIdFor('ACME Telecom', 'hash')).toBe('acme-telecom');
    expect(idStyleOf({ ids: 'pinyin' })).toBe('pinyin');
    expect(idStyleOf({})).toBe('pinyin');
    expect(idStyleOf(undefined)).toBe('pinyin');
  });

  it('every made id is a valid account id', () => {
    for (const name of ['中国移动', '〇〇七', '中-国', '--中--', '中\u0000国', '..中..', '中国移动 🙂', '😀中']) expect(accountIdFor(name), name).toMatch(ID);
  });
});
