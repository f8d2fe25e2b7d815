declare const __KAM_VERSION__: string | undefined;

/** Injected by the build (scripts/build.mjs); "dev" when run from source. */
export const KAM_VERSION: string = typeof __KAM_VERSION__ === 'string' ? __KAM_VERSION__ : '0.0.0-dev';
