import { useCallback, useEffect, useState } from "preact/hooks";
import type { StatusView } from "../protocol/replies";
import { ask, onBackgroundChange } from "./background-client";

/** The background's status, loaded on mount and again whenever it changes; `now` ticks for ages. */
export function useStatus(): {
  status: StatusView | null;
  reload: () => void;
  setStatus: (s: StatusView) => void;
  now: number;
} {
  const [status, setStatus] = useState<StatusView | null>(null);
  const [now, setNow] = useState(Date.now());
  const reload = useCallback(() => {
    void ask({ kind: "ui/status" }).then(setStatus);
  }, []);
  useEffect(() => {
    reload();
    const stop = onBackgroundChange(reload);
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => {
      stop();
      clearInterval(timer);
    };
  }, [reload]);
  return { status, reload, setStatus, now };
}
