/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** The API base URL the page calls; unset: its own origin's `/api/v1` (a backend proxy). */
  readonly VITE_KANTATA_BASE_URL?: string;
  /** Only for a local fake (the `mock` mode); `vite.config.ts` refuses it in a production build. */
  readonly VITE_KANTATA_TOKEN?: string;
}
