"use client";

import { startTransition, useActionState, useEffect, useRef, type FormEvent } from "react";

/**
 * useActionState for a form that keeps what the user typed. A form given `action={…}` is reset
 * by React once the action finishes, so a refused submission would lose every field; this
 * submits the same FormData without the reset, so bad input loses nothing. With
 * `resetOnSuccess`, the fields are cleared after a success only (forms used many times in a row).
 */
export function useFormAction<S extends { ok: boolean }>(action: (previous: S | null, form: FormData) => Promise<S>, options: { resetOnSuccess?: boolean } = {}) {
  const [state, dispatch, pending] = useActionState(action, null);
  const ref = useRef<HTMLFormElement>(null);
  const { resetOnSuccess = false } = options;
  useEffect(() => {
    if (resetOnSuccess && state?.ok) ref.current?.reset();
  }, [state, resetOnSuccess]);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  };
  return { state, pending, onSubmit, ref };
}
