import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { unwrap } from '../../../../shared/contract/client.js';
import type { ExportRequest } from '../../../../shared/contract/reports.js';
import { useClient } from '../../contract/client-context.js';

/** The Reports screen's calls to core, in one place. */

export function useReportSummary(request: { from: number; to: number; timeZone: string; accountIds?: number[] } | null) {
  const client = useClient();
  return useQuery({
    queryKey: ['reports.summary', request],
    queryFn: () => unwrap(client.call('reports.summary', request as NonNullable<typeof request>)),
    enabled: request !== null,
  });
}

export function useStartExport() {
  const client = useClient();
  return useMutation({ mutationFn: (request: ExportRequest) => unwrap(client.call('reports.export', request)) });
}

export function useCancelExport() {
  const client = useClient();
  return useMutation({ mutationFn: (exportId: string) => unwrap(client.call('reports.cancelExport', { exportId })) });
}

export function useReceivedFiles() {
  const client = useClient();
  return useQuery({ queryKey: ['reconciliation.files'], queryFn: () => unwrap(client.call('reconciliation.files')) });
}

export function useImportFile() {
  const client = useClient();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (fileName: string) => unwrap(client.call('reconciliation.import', { fileName })),
    onSuccess: (result) => queries.setQueryData(['reconciliation.exceptions', result.import.importId], { exceptions: result.exceptions }),
  });
}

export function useExceptions(importId: number | null) {
  const client = useClient();
  return useQuery({
    queryKey: ['reconciliation.exceptions', importId],
    queryFn: () => unwrap(client.call('reconciliation.exceptions', { importId: importId as number })),
    enabled: importId !== null,
  });
}

export function useActOnException(importId: number | null) {
  const client = useClient();
  const queries = useQueryClient();
  return useMutation({
    mutationFn: (input: { exceptionId: number; action: 'acknowledged' | 'resolved' | 'accepted'; note?: string }) =>
      unwrap(client.call('reconciliation.act', input)),
    onSuccess: () => queries.invalidateQueries({ queryKey: ['reconciliation.exceptions', importId] }),
  });
}
