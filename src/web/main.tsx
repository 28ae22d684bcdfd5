import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { ApiError } from './api/client.ts';
import { meKey, prefetchMe } from './features/account/hooks.ts';
import { prefetchWorkspace } from './features/workspaces/hooks.ts';
import { Root } from './Root.tsx';
import { i18nReady } from './i18n/index.ts';
import './global.css';

function signedOutElsewhere(error: unknown): void {
  // A 401 mid-session (expired or revoked session) drops the cached user; the route guard then
  // sends the user to the log-in page with the way back.
  if (error instanceof ApiError && error.status === 401) queryClient.setQueryData(meKey, null);
}

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: signedOutElsewhere }),
  mutationCache: new MutationCache({ onError: signedOutElsewhere }),
  defaultOptions: {
    queries: {
      retry: (failureCount, error) => !(error instanceof ApiError && error.status < 500) && failureCount < 2,
      refetchOnWindowFocus: false,
    },
  },
});

// Every page asks for the user (the saved language; the guard and menu of the signed-in app) and a workspace's
// pages for the workspace: ask for both now, while the language chunk loads and React starts, rather than one
// after the other as the components mount (a round trip each on a real network).
prefetchMe(queryClient);
// Ids are letters, digits and dashes: anything else (a mangled address) is left to the router, which reports it.
const inWorkspace = /^\/w\/([0-9A-Za-z-]+)(?:\/|$)/.exec(window.location.pathname)?.[1];
if (inWorkspace) prefetchWorkspace(queryClient, inWorkspace);

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

// The first language's chunk comes first, so no text is drawn before it is there.
void i18nReady.then(() =>
  createRoot(container).render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <Root />
      </QueryClientProvider>
    </StrictMode>,
  ),
);
