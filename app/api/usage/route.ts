import { route } from '@/lib/api/handler';
import { seriesAnswer } from '@/lib/usage/answers';

/** Usage figures over a period: everyone's (with the top users), one user's or one bucket's. */
export const GET = route('usage.read', ({ req }) => seriesAnswer(req));
