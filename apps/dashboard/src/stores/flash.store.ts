import { defineStore } from 'pinia';
import { ref } from 'vue';

export interface Flash {
  id: number;
  kind: 'info' | 'warning' | 'error';
  text: string;
  /** The page it was first shown on; it goes when the user moves on. */
  shownOn?: string;
}

/** Messages shown at the top of the next page, such as why a page was refused, until the user moves on or dismisses them. */
export const useFlashStore = defineStore('flash', () => {
  const messages = ref<Flash[]>([]);
  let nextId = 1;

  function show(kind: Flash['kind'], text: string): void {
    if (messages.value.some((message) => message.text === text)) return;
    messages.value = [...messages.value, { id: nextId++, kind, text }];
  }

  function dismiss(id: number): void {
    messages.value = messages.value.filter((message) => message.id !== id);
  }

  /** After each navigation: new messages stay on this page, older ones go. */
  function arrived(path: string): void {
    messages.value = messages.value.filter((message) => (message.shownOn ?? path) === path).map((message) => ({ ...message, shownOn: path }));
  }

  return { messages, show, dismiss, arrived };
});
