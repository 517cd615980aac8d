import { useEffect, useRef } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';

/*
 * Unsaved input survives a reload: forms save a draft in sessionStorage (this tab only, gone when the tab
 * closes) and get it back when they are shown again. Drafts may hold a person's needs or health, and a
 * municipal office PC is shared: a draft belongs to the signed-in user (their id is in the key, so another
 * user never gets it back) and every draft is removed when the session ends — sign-out, idle expiry, or a
 * 401 (SessionContext calls setDraftOwner(null)). Secrets are never saved: list them in `exclude`.
 */
const PREFIX = 'sanka-draft:';

/** The signed-in user's id; null when nobody is signed in, and then nothing is saved or restored. */
let owner: string | null = null;

/**
 * Called by SessionContext with the signed-in user's id when a session starts or is found after a reload, and
 * with null when it ends. Removes every draft that is not this user's: all of them when nobody is signed in.
 */
export function setDraftOwner(userId: string | null): void {
  owner = userId;
  removeDrafts((k) => !userId || !k.startsWith(`${PREFIX}${userId}:`));
}

function removeDrafts(which: (storageKey: string) => boolean): void {
  try {
    const storage = window.sessionStorage;
    const keys: string[] = [];
    for (let i = 0; i < storage.length; i++) {
      const k = storage.key(i);
      if (k?.startsWith(PREFIX) && which(k)) keys.push(k);
    }
    for (const k of keys) storage.removeItem(k);
  } catch {
    // storage disabled: there is nothing to remove
  }
}

function storageKey(key: string): string | null {
  return owner ? `${PREFIX}${owner}:${key}` : null;
}

export function loadDraft<T>(key: string): Partial<T> | null {
  const full = storageKey(key);
  if (!full) return null;
  try {
    const raw = window.sessionStorage.getItem(full);
    return raw ? (JSON.parse(raw) as Partial<T>) : null;
  } catch {
    return null;
  }
}

export function saveDraft(key: string, values: unknown): void {
  const full = storageKey(key);
  if (!full) return;
  try {
    window.sessionStorage.setItem(full, JSON.stringify(values));
  } catch {
    // storage full or disabled: the form still works, only without a draft
  }
}

export function clearDraft(key: string): void {
  const full = storageKey(key);
  if (full) window.sessionStorage.removeItem(full);
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
