"use client";

import { signOut } from "./sign-out";
import { useEffect } from "react";

const ACTIVITY = ["pointerdown", "keydown", "wheel", "touchstart"] as const;

/**
 * Signs the browser out after the clinic's idle timeout without input, so a screen left open
 * does not keep showing client records. The server ends the session on its own as well (no
 * request for that long); this only makes the screen follow.
 */
export function IdleSignOut({ minutes }: { minutes: number }) {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void signOut("/sign-in?ended=idle"), minutes * 60_000);
    };
    restart();
    for (const event of ACTIVITY) window.addEventListener(event, restart, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const event of ACTIVITY) window.removeEventListener(event, restart);
    };
  }, [minutes]);
  return null;
}
