import { z } from 'zod';
import { defineOperation } from './define.js';
import { Environment, NoInput } from './schemas.js';

/** The app capability's share of the contract: what is running, where. */

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  dataDir: z.string(),
  environment: Environment,
  transport: z.enum(['electron', 'web', 'memory']),
  platform: z.string(),
  versions: z.object({ node: z.string(), electron: z.string().nullable(), sqlite: z.string().nullable() }),
});
export type AppInfo = z.infer<typeof AppInfo>;

export const appOperations = {
  'app.info': defineOperation({
    input: NoInput,
    output: AppInfo,
    // Shown before anyone signs in (the shell's title and version).
    role: 'public',
    summary: 'Version, data folder, environment and transport of the running app.',
  }),
} as const;
