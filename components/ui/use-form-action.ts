"use client";

import { startTransition, useActionState, type FormEvent } from "react";

/**
 * useActionState for a form that keeps what the user typed. A form given `action={…}` is reset
 * by React once the action finishes, so a refused submission would lose every field; this
 * submits the same FormData without the reset, so bad input loses nothing.
 */
export function useFormAction<S>(action: (previous: S | null, form: FormData) => Promise<S>) {
  const [state, dispatch, pending] = useActionState(action, null);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  };
  return { state, pending, onSubmit };
}
