"use client"
import { useCallback, useEffect, useRef, useState } from "react"

/** A request's state in a component: loading, its data, or its error. */
export type IapQueryState<T> = { data: T | undefined; error: Error | undefined; loading: boolean; reload: () => void }

/**
 * Runs `load` when `key` changes (and on `reload()`), keeping only the latest answer. No cache
 * library needed: storefronts bring their own, or none.
 *
 * @example
 * const { data, error, loading } = useIapQuery(() => client.listAccounts(), "accounts")
 */
export function useIapQuery<T>(load: () => Promise<T>, key: string): IapQueryState<T> {
  const [state, setState] = useState<{ data?: T; error?: Error; loading: boolean }>({ loading: true })
  const [tick, setTick] = useState(0)
  const latest = useRef(0)
  const loadRef = useRef(load)
  loadRef.current = load
  useEffect(() => {
    const run = ++latest.current
    setState((s) => ({ ...s, loading: true, error: undefined }))
    loadRef.current().then(
      (data) => run === latest.current && setState({ data, loading: false }),
      (error) => run === latest.current && setState({ error: toError(error), loading: false })
    )
  }, [key, tick])
  const reload = useCallback(() => setTick((t) => t + 1), [])
  return { data: state.data, error: state.error, loading: state.loading, reload }
}

/** The message of whatever a request threw (the js-sdk throws FetchErrors with the API's message). */
export function toError(e: unknown): Error {
  return e instanceof Error ? e : new Error(typeof e === "string" ? e : "The request failed")
}
