// The system's headless Chromium, shared with the runtime contract suite: see @kantata-ox/testkit.
export * from '@kantata-ox/testkit/chromium';
