// Vitest setup (vitest.config.ts): every test starts in English, on any machine.
for (const name of ['LC_ALL', 'LC_MESSAGES', 'KAM_LOCALE']) delete process.env[name];
process.env.LANG = 'C.UTF-8';
