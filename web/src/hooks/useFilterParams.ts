import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/**
 * A list's filters, kept in the address so a filtered list can be shared. A change starts from the
 * address as it is now, not as this render saw it: the router applies navigations in a transition,
 * so two quick changes (status, then severity) would otherwise lose the first. Any change but the
 * page's goes back to page 1; empty values leave the address.
 */
export function useFilterParams(): [URLSearchParams, (changes: Record<string, string>) => void] {
  const [params, setParams] = useSearchParams();
  const set = useCallback(
    (changes: Record<string, string>) => {
      const next = new URLSearchParams(window.location.search);
      if (!('page' in changes)) next.delete('page');
      for (const [key, value] of Object.entries(changes)) {
        if (!value || (key === 'page' && value === '1')) next.delete(key);
        else next.set(key, value);
      }
      setParams(next, { replace: true });
    },
    [setParams],
  );
  return [params, set];
}
