// The real Inquirer prompts, typed into through a stream: each prompt gets the next keys.
import { PassThrough } from 'node:stream';
import { inquirerPrompter, type Prompter } from '../../src/prompts/index.js';

export function scriptedInquirer(keys: string[]): { prompter: Prompter; screen: () => string } {
  const input = new PassThrough();
  const output = new PassThrough();
  let screen = '';
  output.on('data', (d) => (screen += String(d)));
  const prompter = inquirerPrompter({ input, output });
  const wrap = <A extends unknown[], R>(ask: (...args: A) => Promise<R>) => (...args: A) => {
    const answer = ask(...args);
    const next = keys.shift() ?? '\r';
    setTimeout(() => input.write(next), 20);
    return answer;
  };
  return { prompter: { input: wrap(prompter.input), select: wrap(prompter.select), checkbox: wrap(prompter.checkbox) } as Prompter, screen: () => screen };
}
