import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 20_000,
    // kam speaks the language of LC_ALL / LC_MESSAGES / LANG / KAM_LOCALE: tests (and the kam
    // processes they spawn) start from English whatever the machine's locale; a test that wants
    // another sets it itself.
    setupFiles: ['test/english-locale.ts'],
  },
});
