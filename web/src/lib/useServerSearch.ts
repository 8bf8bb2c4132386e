// Pickers over lists too long to load whole (parts, customers): the server is searched as the
// user types.
import { useEffect, useState } from 'react';
import { useQuery } from '@tanstack/react-query';

/** The value once it has stopped changing for `ms` (what a search box sends to the server). */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const h = setTimeout(() => setV(value), ms);
    return () => clearTimeout(h);
  }, [value, ms]);
  return v;
}

/** What `find` returns for what is typed (debounced), cached as [entity, 'pick', text]. */
export function useServerSearch<T>(entity: string, find: (q: string | undefined) => Promise<T[]>) {
  const [search, setSearch] = useState('');
  const q = useDebounced(search, 250);
  const { data, isFetching } = useQuery({ queryKey: [entity, 'pick', q], queryFn: () => find(q || undefined), staleTime: 30_000 });
  return { data, isFetching, setSearch };
}
