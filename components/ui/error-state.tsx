import { ApiClientError } from '@/data/api-error';
import { Button } from './button';

/**
 * A failure in words, with a retry: never a blank page or a stack trace. In a module of its own,
 * with only what it needs: the console's error boundary loads it with every page.
 */
export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  const message = error instanceof Error ? error.message : 'Something went wrong.';
  const requestId = error instanceof ApiClientError ? error.requestId : null;
  return (
    <div data-testid="error-state" className="rounded-lg border border-red-200 bg-red-50 p-5 text-sm text-red-900">
      <p className="font-medium">{message}</p>
      {requestId && <p className="mt-1 text-xs text-red-700">Request id {requestId}</p>}
      {retry && (
        <Button className="mt-3" onClick={retry}>
          Try again
        </Button>
      )}
    </div>
  );
}
