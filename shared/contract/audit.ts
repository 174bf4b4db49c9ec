import { z } from 'zod';
import { defineOperation } from './define.js';
import { NoInput } from './schemas.js';

/** The audit capability's share of the contract: the hash-chained trail, browsed and verified. */

const AuditEntry = z.object({
  id: z.number().int().positive(),
  at: z.number().int(),
  /** Who did it; null for the desk before any operator existed, or core itself. */
  operator: z.string().nullable(),
  kind: z.string(),
  detail: z.record(z.string(), z.unknown()),
});

const AuditVerification = z.discriminatedUnion('intact', [
  z.object({ intact: z.literal(true), entries: z.number().int() }),
  z.object({ intact: z.literal(false), entries: z.number().int(), brokenId: z.number().int(), reason: z.string() }),
]);

export const auditOperations = {
  'audit.list': defineOperation({
    input: z
      .object({
        operator: z.string().trim().min(1).max(40).optional(),
        kind: z.string().trim().min(1).max(60).optional(),
        from: z.number().int().optional(),
        to: z.number().int().optional(),
        beforeId: z.number().int().positive().optional(),
        limit: z.number().int().min(1).max(500).default(200),
      })
      .strict()
      .optional(),
    output: z.object({ entries: z.array(AuditEntry) }),
    role: 'admin',
    summary: 'Audit entries, newest first, filtered by operator, kind and time.',
  }),
  'audit.verify': defineOperation({
    input: NoInput,
    output: AuditVerification,
    role: 'admin',
    summary: 'Check the whole hash chain; names the first entry that was edited, deleted or moved.',
  }),
} as const;
