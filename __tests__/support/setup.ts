import { configureToMatchImageSnapshot } from 'jest-image-snapshot';

// Pixels come from a bitmap font and fixed colours: any difference is a real change.
expect.extend({
  toMatchImageSnapshot: configureToMatchImageSnapshot({
    failureThreshold: 0,
    failureThresholdType: 'pixel',
    customDiffConfig: { threshold: 0 },
  }),
});
