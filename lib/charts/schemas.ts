import { z } from 'zod';
import { CHART_RANGES } from './types';

export const chartsQuerySchema = z.strictObject({
  range: z.enum(CHART_RANGES, { error: `range must be one of ${CHART_RANGES.join(', ')}` }).default('24h'),
});
export type ChartsQuery = z.infer<typeof chartsQuerySchema>;
