import { afterEach, describe, expect, it } from 'vitest';
import type { ConfigStore } from '../../../main/ports';

/** How the contract opens a store of one implementation; `cleanup` runs after each test. */
export interface ConfigStoreSubject {
  open<T extends object>(name: string, defaults: T): ConfigStore<T>;
  /** What `location` must look like for a store named `name`. */
  expectLocation(location: string, name: string): void;
  cleanup(): void;
}

interface Doc {
  version: 1;
  items: Record<string, { label: string; tags: string[] }>;
}

const empty = (): Doc => ({ version: 1, items: {} });
const withItem = (key: string, label: string): Doc => ({ version: 1, items: { [key]: { label, tags: ['a', 'b'] } } });

/** What every ConfigStore does, run against the in-memory fake and each real adapter so the fake stays honest. */
export function configStoreContract(label: string, makeSubject: () => ConfigStoreSubject): void {
  describe(`ConfigStore contract: ${label}`, () => {
    let subject: ConfigStoreSubject | undefined;
    const open = <T extends object>(name: string, defaults: T): ConfigStore<T> => {
      subject ??= makeSubject();
      return subject.open(name, defaults);
    };
    afterEach(() => {
      subject?.cleanup();
      subject = undefined;
    });

    it('reads the defaults before anything was written', () => {
      expect(open('things', empty()).read()).toEqual(empty());
    });

    it('reads back what was written, replacing the whole document', () => {
      const store = open<Doc>('things', withItem('x', 'first'));
      store.write(withItem('y', 'second'));
      expect(store.read()).toEqual(withItem('y', 'second'));
    });

    it('returns the same object until something is written, then a new one', () => {
      const store = open<Doc>('things', empty());
      const first = store.read();
      expect(store.read()).toBe(first);
      const next = withItem('x', 'one');
      store.write(next);
      expect(store.read()).not.toBe(first);
      expect(store.read()).toBe(store.read());
    });

    it('hands out a frozen document, so no caller can change stored state by reference', () => {
      const store = open<Doc>('things', withItem('x', 'one'));
      const doc = store.read();
      expect(() => {
        (doc.items as Record<string, unknown>).y = { label: 'sneaky', tags: [] };
      }).toThrow(TypeError);
      expect(() => doc.items.x!.tags.push('c')).toThrow(TypeError);
      expect(store.read()).toEqual(withItem('x', 'one'));
    });

    it('takes ownership of a written document: later changes to it throw instead of leaking in', () => {
      const store = open<Doc>('things', empty());
      const next = withItem('x', 'one');
      store.write(next);
      expect(() => {
        next.items.x!.label = 'changed';
      }).toThrow(TypeError);
      expect(store.read().items.x!.label).toBe('one');
    });

    it('does not share the defaults object with the caller', () => {
      const defaults = withItem('x', 'one');
      const store = open<Doc>('things', defaults);
      defaults.items.x!.label = 'changed by caller';
      expect(store.read().items.x!.label).toBe('one');
      expect(Object.isFrozen(defaults)).toBe(false);
    });

    it('accepts a new document built from the frozen one (the way services change it)', () => {
      const store = open<Doc>('things', withItem('x', 'one'));
      const before = store.read();
      store.write({ ...before, items: { ...before.items, y: { label: 'two', tags: [] } } });
      expect(Object.keys(store.read().items).sort()).toEqual(['x', 'y']);
      expect(store.read().items.x).toBe(before.items.x);
    });

    it('refuses a document that is not a plain JSON object', () => {
      const store = open<object>('things', {});
      expect(() => store.write([1, 2, 3])).toThrow(TypeError);
      expect(() => store.write(new Date())).toThrow(TypeError);
      expect(() => store.write(null as unknown as object)).toThrow(TypeError);
      expect(store.read()).toEqual({});
    });

    it('keeps stores of different names apart', () => {
      const a = open<Doc>('alpha', empty());
      const b = open<Doc>('beta', empty());
      a.write(withItem('x', 'in alpha'));
      expect(b.read()).toEqual(empty());
    });

    it('names where it lives', () => {
      const store = open('certificates', empty());
      subject!.expectLocation(store.location, 'certificates');
    });
  });
}
