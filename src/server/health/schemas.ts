import { z } from 'zod';

export const HealthOk = z.object({ status: z.literal('ok'), database: z.literal('ok'), dialect: z.string() });

export const HealthDown = z.object({
  status: z.literal('error'),
  database: z.literal('unreachable'),
  message: z.string(),
});
