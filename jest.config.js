// ESM all the way: the @actions/* packages ship only ESM, so tests run under --experimental-vm-modules.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: 'tsconfig.json' }],
  },
  testMatch: ['<rootDir>/__tests__/**/*.test.ts'],
  // Fixtures are data: the corpus carries other projects' .snap files, which are not our snapshots.
  modulePathIgnorePatterns: ['<rootDir>/__tests__/fixtures/'],
  collectCoverageFrom: ['src/**/*.ts'],
  coverageReporters: ['lcov', 'text-summary', 'json-summary'],
  reporters: ['default'],
};
