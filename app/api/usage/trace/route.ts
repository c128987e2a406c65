import { route } from '@/lib/api/handler';
import { traceAnswer } from '@/lib/usage/answers';

/** The statistics objects and storage rounds behind one day's figures. */
export const GET = route('usage.read', ({ req }) => traceAnswer(req));
