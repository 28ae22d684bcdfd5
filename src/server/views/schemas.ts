import { z } from 'zod';

/** A saved view keeps the task filters as the web holds them: a flat record of short values, never a tree. */
export const SavedViewQuery = z
  .record(
    z.string().min(1).max(40),
    z.union([z.string().max(200), z.number(), z.boolean(), z.null(), z.array(z.string().max(60)).max(20)]),
  )
  .refine((query) => Object.keys(query).length <= 30, { message: 'query' });

export const SavedView = z.object({
  id: z.string(),
  name: z.string(),
  query: z.record(z.string(), z.unknown()),
});

export const SaveViewBody = z.object({ name: z.string().trim().min(1).max(60), query: SavedViewQuery });
