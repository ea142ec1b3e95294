"use client";

import { useSyncExternalStore } from "react";
import { storageSubscription } from "~/lib/storage-subscription.ts";

// The conversations started in this browser, with their access tokens (the only key a guest has
// to follow one). Kept in localStorage, never in a URL the server sees.

const STORAGE_KEY = "marquee.support.v1";
const MAX_KEPT = 50;

export interface TStoredConversation {
  conversationId: string;
  accessToken: string;
  subject: string;
  /** ISO date the buyer started it. */
  createdAt: string;
}

const changes = storageSubscription(STORAGE_KEY);
const EMPTY: TStoredConversation[] = [];
let cached: { raw: string | null; list: TStoredConversation[] } = { raw: null, list: EMPTY };

function parse(raw: string | null): TStoredConversation[] {
  if (!raw) return EMPTY;
  try {
    const list = JSON.parse(raw) as unknown;
    if (!Array.isArray(list)) return EMPTY;
    return list.filter(
      (item): item is TStoredConversation =>
        typeof item === "object" && item !== null && typeof item.conversationId === "string" && typeof item.accessToken === "string",
    );
  } catch {
    return EMPTY;
  }
}

function readRaw(): string | null {
  try {
    return window.localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // storage blocked (private mode, policies): nothing remembered
  }
}

/** The conversations remembered in this browser, newest first. */
export function readConversations(): TStoredConversation[] {
  if (typeof window === "undefined") return EMPTY;
  const raw = readRaw();
  if (raw !== cached.raw) cached = { raw, list: parse(raw) };
  return cached.list;
}

/** Remembers (or refreshes) a conversation's token, newest first. */
export function rememberConversation(conversation: TStoredConversation): void {
  const others = readConversations().filter((item) => item.conversationId !== conversation.conversationId);
  const existing = readConversations().find((item) => item.conversationId === conversation.conversationId);
  const next = [{ ...existing, ...conversation }, ...others].slice(0, MAX_KEPT);
  try {
    window.localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
  } catch {
    return;
  }
  changes.notify();
}

/** The remembered conversations, re-rendering when they change (also in other tabs); empty on the server. */
export function useStoredConversations(): TStoredConversation[] {
  return useSyncExternalStore(changes.subscribe, readConversations, () => EMPTY);
}
