import { z } from 'zod';
import { SEARCH_KINDS } from '../../core/search/index.ts';

export const SearchQuery = z.object({
  q: z.string().max(200).describe('Terms separated by spaces; every term must appear'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});

export const SearchResponse = z
  .object({
    items: z.array(
      z.object({
        kind: z.enum(SEARCH_KINDS),
        id: z.string(),
        title: z.string(),
        snippet: z.string().nullable().describe('The text around a term the title lacks'),
        ref: z
          .string()
          .nullable()
          .describe("What the link needs besides the id: a KPI's key, a case's process"),
      }),
    ),
  })
  .meta({ id: 'SearchResults' });
