import { useEffect, useRef, useState } from "preact/hooks";

export interface Page<T> {
  nodes: T[];
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
}

/**
 * A connection read page by page: the first page whenever `deps` change, the next one on `more()`. An answer that
 * arrives after `deps` changed again is dropped, so a slow page never lands under a newer filter.
 */
export function usePages<T>(fetchPage: (after: string | null) => Promise<Page<T>>, deps: unknown[]) {
  const [rows, setRows] = useState<T[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);

  const load = async (after: string | null) => {
    const current = after ? generation.current : ++generation.current;
    setLoading(true);
    setError(null);
    try {
      const page = await fetchPage(after);
      if (current !== generation.current) return;
      setRows((shown) => (after ? [...shown, ...page.nodes] : page.nodes));
      setTotal(page.totalCount);
      setNext(page.pageInfo.hasNextPage ? (page.pageInfo.endCursor ?? null) : null);
    } catch (caught) {
      if (current === generation.current) setError(caught);
    } finally {
      if (current === generation.current) setLoading(false);
    }
  };

  useEffect(() => {
    void load(null);
  }, deps);

  return { rows, setRows, total, loading, error, more: next ? () => void load(next) : null };
}
