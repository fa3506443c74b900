import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  test: {
    include: [
      'test/unit/**/*.test.ts',
      'test/unit/**/*.test.tsx',
      'test/sim/**/*.test.ts',
      'gateway/test/**/*.test.ts',
      'test/demo/**/*.test.ts',
    ],
    setupFiles: ['test/unit/setup.ts'],
    testTimeout: 20_000,
  },
});
