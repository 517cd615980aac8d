import { useEffect, useRef } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';

/*
 * Unsaved input survives the end of a session and a reload: forms save a draft in sessionStorage
 * (this tab only, gone when the tab closes) and get it back when they are shown again.
 * Secrets are never saved: list them in `exclude`.
 */
const PREFIX = 'sanka-draft:';

export function loadDraft<T>(key: string): Partial<T> | null {
  try {
    const raw = window.sessionStorage.getItem(PREFIX + key);
    return raw ? (JSON.parse(raw) as Partial<T>) : null;
  } catch {
    return null;
  }
}

export function saveDraft(key: string, values: unknown): void {
  try {
    window.sessionStorage.setItem(PREFIX + key, JSON.stringify(values));
  } catch {
    // storage full or disabled: the form still works, only without a draft
  }
}

export function clearDraft(key: string): void {
  window.sessionStorage.removeItem(PREFIX + key);
}

/** Keeps a form's input as a draft; call clearDraft(key) after a successful save. */
export function useFormDraft<T extends FieldValues>(key: string, form: UseFormReturn<T>, exclude: readonly string[] = []): void {
  const restored = useRef(false);
  useEffect(() => {
    if (restored.current) return;
    restored.current = true;
    const draft = loadDraft<T>(key);
    if (draft) form.reset({ ...form.getValues(), ...draft }, { keepDefaultValues: true });
  }, [key, form]);

  useEffect(() => {
    const subscription = form.watch((values) => {
      const kept = Object.fromEntries(Object.entries(values).filter(([name]) => !exclude.includes(name)));
      saveDraft(key, kept);
    });
    return () => subscription.unsubscribe();
  }, [key, form, exclude]);
}
