// `kam check` on a workspace of broken plans, in Chinese (issue 18): the validation rules' findings
// in the locale for people; JSON stays English unless --locale is given explicitly.
import { describe, expect, it } from 'vitest';
import { fixture, json, kam } from './helpers.js';

const WS = fixture('validation-zh');
const ARGS = ['check', '-C', WS, '--as-of', '2026-11-23'];

interface Findings {
  findings: { rule: string; file: string; line: number; message: string }[];
}

const messagesOf = (stdout: string) => json<Findings>(stdout).findings.map((f) => `${f.file}:${f.line} ${f.rule} ${f.message}`);

describe('kam check --locale zh-CN on broken plans', () => {
  it('shows every validation finding in Chinese, at the same places', () => {
    const r = kam([...ARGS, '--locale', 'zh-CN']);
    expect(r.code).toBe(1);
    for (const line of [
      'kam-disable-next-line 中有未知的规则 ID“no-coch”，是否想写“no-coach”？',
      'id“acme”也被 accounts/gamma.yaml 使用：每个客户须有自己的 id',
      '未知的键“owne”，是否想写“owner”？',
      '“relationships[0].role”只能取以下值之一：decision-maker, economic-buyer, technical-evaluator, user, influencer, coach, gatekeeper；实际写的是“coch”，是否想写“coach”（教练）？',
      '同一个映射中这个键出现了两次：请只保留一个（Map keys must be unique）',
      '“metrics.revenue.2024”应为数字，实际是文本“lots”',
      '层级“strategc”不是 kam.yaml 中的层级（strategic, key, growth, maintain），是否想写“strategic”？',
    ]) {
      expect(r.stdout).toContain(line);
    }
    expect(r.stdout).not.toMatch(/did you mean|unknown key|must be one of|got the text/);
  });

  it('JSON: English without --locale (KAM_LOCALE is not explicit), Chinese with --locale, same findings', () => {
    const english = kam([...ARGS, '--format', 'json'], { env: { KAM_LOCALE: 'zh-CN' } });
    const plain = kam([...ARGS, '--format', 'json']);
    expect(english.stdout).toBe(plain.stdout);
    expect(messagesOf(english.stdout)).toEqual([
      'accounts/acme.yaml:1 invalid-suppression unknown rule id "no-coch" in kam-disable-next-line; did you mean "no-coach"?',
      'accounts/acme.yaml:2 duplicate-id id "acme" is also used by accounts/gamma.yaml; give each account its own id',
      'accounts/acme.yaml:4 unknown-key unknown key "owne"; did you mean "owner"?',
      'accounts/acme.yaml:6 schema "relationships[0].role" must be one of decision-maker, economic-buyer, technical-evaluator, user, influencer, coach, gatekeeper; got the text "coch"; did you mean "coach"?',
      'accounts/beta.yaml:3 yaml-syntax Map keys must be unique: this key appears twice in the same mapping; keep one',
      'accounts/delta.yaml:3 schema tier "strategc" is not a tier of kam.yaml (strategic, key, growth, maintain); did you mean "strategic"?',
      'accounts/gamma.yaml:1 duplicate-id id "acme" is also used by accounts/acme.yaml; give each account its own id',
      'accounts/gamma.yaml:4 schema "metrics.revenue.2024" must be a number, got the text "lots"',
    ]);
    const chinese = kam([...ARGS, '--format', 'json', '--locale', 'zh-CN']);
    const zh = messagesOf(chinese.stdout);
    expect(zh).toHaveLength(8);
    expect(zh[5]).toBe('accounts/delta.yaml:3 schema 层级“strategc”不是 kam.yaml 中的层级（strategic, key, growth, maintain），是否想写“strategic”？');
    for (const line of zh) expect(line).toMatch(/\p{Script=Han}/u);
  });

  it('a baseline that cannot be read is an error in Chinese (exit 2)', () => {
    const r = kam([...ARGS, '--locale', 'zh-CN', '--baseline', 'missing-baseline.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('kam: 无法读取基线 missing-baseline.json：文件不存在（或是失效的符号链接）；请用 kam check --update-baseline --baseline missing-baseline.json 生成\n');
    const en = kam([...ARGS, '--baseline', 'missing-baseline.json']);
    expect(en.stderr).toBe('kam: cannot read the baseline missing-baseline.json: no such file (or a dangling symlink); write it with kam check --update-baseline --baseline missing-baseline.json\n');
  });
});
